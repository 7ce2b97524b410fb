"""Price and branch: solve on a few pairs per class, proven complete by reduced costs.

Most households are best placed at one of a handful of locations, yet every
allowed pair is a variable of the full model. Here HiGHS starts from a small
candidate set (each class's stay, pin, and cheapest few locations; every
pair of a family-group member) and:

1. **prices** the LP relaxation: solve the LP on the candidates, compute
   every omitted pair's reduced cost ``rc_j = c_j - a_j^T y`` from the row
   duals ``y``, add those below zero, repeat. When none is left the LP
   optimum ``z`` is the full model's, a lower bound on every placement;
2. **branches** on the candidates: the MIP gives an incumbent ``U``, which
   chains of single-household moves on every pair then improve
   (:mod:`placement.solve.repair`); a MIP stops as soon as its incumbent is
   within the gap of ``z``;
3. **completes**: by LP duality a placement that uses an omitted pair ``j``
   costs at least ``z + rc_j``, so only pairs with ``rc_j <= U - z`` could
   beat ``U``, and only those with ``rc_j <= U - z - gap`` by more than the
   gap allows. Those are added and the MIP is solved again from ``U``. Its
   bound, capped at ``z`` plus that reach, then holds for the full model.

Every row and every column other than ``assign`` (unplaced, family uses and
splits) is always in the model, so the duals price omitted pairs exactly.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace
from typing import Any

import highspy
import numpy as np
import numpy.typing as npt

from placement.errors import PlacementError
from placement.input.settings import SolverSettings
from placement.model.matrix import ModelMatrix
from placement.model.problem import ProblemData
from placement.solve.engine import (
    PER_ROUND,
    REACH_SHARE,
    Round,
    class_floor,
    dual_bound,
    lagrangian,
    price,
    reach,
    reduced_costs,
)
from placement.solve.heuristics import greedy, is_feasible, planner_order, round_lp, start_vector
from placement.solve.highs import (
    SolveResult,
    gap,
    infeasible_error,
    no_solution_error,
    nothing_to_decide,
    solve_matrix,
    whole,
    within_gap,
)
from placement.solve.master import TOLERANCE, Mip
from placement.solve.master import Master as RestrictedMaster
from placement.solve.repair import improve
from placement.solve.shortcuts import shortcut
from placement.vocab import Status

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: Cheapest locations per class in the first candidate set.
CHEAPEST = 4
#: Classes per location freed to make room for the classes the LP split.
MOVERS = 10
#: Share of the time limit pricing may use before branching must start.
PRICING_SHARE = 0.8
#: Seconds a MIP run is given less than the time left: HiGHS ends a MIP a
#: little after its limit (surge rebalance: up to 1.6 s, a sub-MIP's presolve),
#: at most; and at most this share of the time limit, so that a short limit
#: is not eaten by a margin made for the largest instances.
MIP_OVERRUN = 1.0
MIP_OVERRUN_SHARE = 0.05
#: Least seconds the full model gets when the completion failed and no time is left.
GO_ON_LEAST = 1.0


@dataclass
class PricingLog:
    """What pricing did, for the KPIs and the benchmark."""

    pairs: int = 0
    candidates_first: int = 0
    candidates_priced: int = 0
    candidates_final: int = 0
    completed: int = 0  # pairs the completion step added
    lp_rounds: int = 0
    lp_bound: float | None = None
    lp_seconds: float = 0.0
    start_objective: float | None = None
    fractional_classes: int = 0
    fixed_objective: float | None = None
    fixed_seconds: float = 0.0
    mip_seconds: float = 0.0
    #: Shortcuts (starts, rounding, repair, completion) that raised: see :mod:`.shortcuts`.
    heuristic_faults: int = 0
    #: Each fix-and-branch run: (free classes, seconds, objective or None).
    branches: list[tuple[int, float, float | None]] = field(default_factory=list)


def first_candidates(data: ProblemData, per_class: int = CHEAPEST) -> BoolArray:
    """Stay and pin pairs, and each class's cheapest few."""
    pairs = data.pairs
    k = pairs["k"].to_numpy()
    order, starts = data.cheapest_first
    rank = np.arange(len(order)) - starts[k[order]]
    keep = np.zeros(len(pairs), dtype=bool)
    keep[order[rank < per_class]] = True
    keep |= pairs["stay"].to_numpy()
    keep |= data.classes["pin"].to_numpy()[k] == pairs["l"].to_numpy()
    return keep


def _most_negative(
    data: ProblemData, mm: ModelMatrix, rc: FloatArray, eligible: BoolArray
) -> IntArray:
    """Eligible columns, but of the pairs only each class's PER_ROUND most negative.

    Adding every negative pair at once fills the model with columns a later
    round would not want; a few per class keep it small at little cost in rounds.
    """
    x = mm.blocks["assign"]
    others = np.flatnonzero(eligible[: x.start]) if x.start else np.zeros(0, dtype=np.int64)
    tail = np.flatnonzero(eligible[x.stop :]) + x.stop
    pair = np.flatnonzero(eligible[x])
    if pair.size:
        k = data.pairs["k"].to_numpy()[pair]
        order = np.lexsort((rc[x][pair], k))
        rank = np.arange(len(order)) - np.searchsorted(k[order], k[order])
        pair = np.sort(pair[order[rank < PER_ROUND]])
    return np.concatenate([others, pair + x.start, tail]).astype(np.int64)


def family_sites(mm: ModelMatrix) -> IntArray:
    """For each column: the family site ``y`` its ``family_uses`` row ties it to, else -1."""
    rows = mm.blocks["family_uses"]
    mine = (mm.rows >= rows.start) & (mm.rows < rows.stop)
    x_entry, y_entry = mine & (mm.values > 0), mine & (mm.values < 0)
    y_of_row = np.full(mm.shape[0], -1)
    y_of_row[mm.rows[y_entry]] = mm.cols[y_entry]
    site = np.full(len(mm.cost), -1)
    site[mm.cols[x_entry]] = y_of_row[mm.rows[x_entry]]
    return site


def _improving(
    mm: ModelMatrix, rc: FloatArray, lp: FloatArray, absent: BoolArray, site_of: IntArray
) -> BoolArray:
    """Omitted columns whose entry would lower the LP objective.

    A family member's pair at a site the group does not use (``y = 0``)
    enters only with its row ``x - y <= 0``, whose dual may absorb up to the
    site's own reduced cost: the pairs of one site improve only when their
    negative reduced costs together exceed it. Elsewhere a negative reduced
    cost is enough.
    """
    negative = absent & (rc < -TOLERANCE)
    site = site_of
    bundled = negative & (site >= 0)
    bundled[bundled] = lp[site[bundled]] <= TOLERANCE
    if not bundled.any():
        return negative
    deficit = np.bincount(site[bundled], weights=-rc[bundled], minlength=len(mm.cost))
    worth = deficit > np.maximum(rc, 0.0) + TOLERANCE
    return negative & ~(bundled & ~worth[np.maximum(site, 0)])


def lagrangian_bound(mm: ModelMatrix, rc: FloatArray, objective: float, model: Any) -> float:
    """A lower bound on the full model from any LP round, priced or not.

    With the round's duals, a placement costs at least the round's LP value
    plus, for every omitted column, its reduced cost times its upper bound
    where that is negative (Lagrangian relaxation). Weaker than the priced
    LP, but there when time runs out before pricing ends.
    """
    return lagrangian(objective, rc, mm.col_upper, ~model.columns)


def _lagrangian_rc(rc: FloatArray, lp: FloatArray, site_of: IntArray) -> FloatArray:
    """Reduced costs under the duals that certify the priced LP (see :func:`_improving`).

    A family pair at an unused site gets its row's dual, which lifts a
    negative reduced cost to zero; every other column keeps its own.
    """
    lifted = rc.copy()
    at_unused_site = (site_of >= 0) & (lp[np.maximum(site_of, 0)] <= TOLERANCE)
    lifted[at_unused_site] = np.maximum(rc[at_unused_site], 0.0)
    return lifted


class _Restricted(RestrictedMaster):
    """The engine's restricted master holding a growing part of the full placement model.

    Columns: the candidate pairs, and every other column except the family
    sites (``uses``) no candidate needs. Rows: all but the ``family_uses``
    rows, which enter as they are needed (see below). An omitted row
    ``x - y <= 0`` that holds has dual 0, and an omitted site ``y`` has
    reduced cost ``-dual(family_split) >= 0``, so pricing the pairs alone is
    exact once every omitted row holds; a row enters with its site.

    Family rows, one per member pair, make every simplex iteration dearer
    (national rebalance: 31,767 rows at the end where 10,476 place everybody). So the
    model starts without them (``families=False``: the family-free LP, a
    relaxation). :meth:`add_families` then brings in the rows of the pairs
    the LP uses, a new member pair brings its own, and :meth:`broken_rows`
    finds a row the LP breaks; before branching every row of a pair in the
    model is in (:meth:`add_families` without values).

    ``order`` maps the master's columns to the full model's, ``row_order``
    its rows.
    """

    def __init__(
        self,
        mm: ModelMatrix,
        pairs: BoolArray,
        params: SolverSettings,
        started: float,
        families: bool = True,
    ) -> None:
        self.mm = mm
        self.started = started  # the solve's clock: its time limit counts from here
        self.columns = np.ones(len(mm.cost), dtype=bool)
        self.columns[mm.blocks["assign"]] = pairs
        self.columns[mm.blocks["uses"]] = False
        self.rows = np.ones(mm.shape[0], dtype=bool)
        uses_rows = mm.blocks["family_uses"]
        self.rows[uses_rows] = False
        self._first_row = uses_rows.start
        if mm.family is None or uses_rows.stop == uses_rows.start:
            self._row_pair = self._row_site = self._row_group = np.zeros(0, dtype=np.int64)
        else:  # family_uses row i: x[pair] - y[site] <= 0, of a member of group _row_group[i]
            self._row_pair = mm.blocks["assign"].start + mm.family.member_pair
            self._row_site = mm.blocks["uses"].start + mm.family.member_site
            self._row_group = mm.family.site_group[mm.family.member_site]
        self.families = families  # whether family rows enter at all yet
        if families:
            wanted = self._rows_of(np.flatnonzero(self.columns))
            self.rows[self._first_row + wanted] = True
            self.columns[self._row_site[wanted]] = True
        self.order = np.flatnonzero(self.columns)  # master column -> full column
        self.row_order = np.flatnonzero(self.rows)  # master row -> full row
        self._start: FloatArray | None = None  # the next MIP run's start
        self.target: float | None = None  # a MIP may stop at an incumbent this good
        keep = self.columns[mm.cols] & self.rows[mm.rows]
        sub = replace(
            mm,
            cost=mm.cost[self.columns],
            col_lower=mm.col_lower[self.columns],
            col_upper=mm.col_upper[self.columns],
            integer=mm.integer[self.columns],
            row_lower=mm.row_lower[self.rows],
            row_upper=mm.row_upper[self.rows],
            rows=(np.cumsum(self.rows) - 1)[mm.rows[keep]],
            cols=(np.cumsum(self.columns) - 1)[mm.cols[keep]],
            values=mm.values[keep],
        )
        super().__init__(sub, params)

    def _rows_of(self, cols: IntArray) -> IntArray:
        """The family rows (numbered within their block) of the pairs among ``cols``."""
        return np.flatnonzero(np.isin(self._row_pair, cols))

    def _add_family_rows(self, wanted: IntArray) -> None:
        """Add family rows (numbered within their block), with the sites they use."""
        wanted = wanted[~self.rows[self._first_row + wanted]]
        if wanted.size:
            self._add_columns(np.setdiff1d(self._row_site[wanted], self.order))
            self._add_rows(self._first_row + wanted)

    def run(self, share: float = 1.0) -> bool:
        """Solve the LP the model holds within ``share`` of the time limit; whether optimal."""
        optimal = self.solve_lp(self.time_left(share))
        if self.status == highspy.HighsModelStatus.kInfeasible:
            raise infeasible_error()
        return optimal

    def mip(self) -> Mip:
        """Run the MIP the model holds, from the start given (:meth:`start_from`), to the target."""
        start = None if self._start is None else self._start[self.order]
        self._start = None
        return self.solve_mip(self.time_left(), start, target=self.target)

    def time_left(self, share: float = 1.0) -> float:
        """Seconds the next run may take, to end by ``share`` of the time limit."""
        left = share * self.params.time_limit - (time.perf_counter() - self.started)
        overrun = min(MIP_OVERRUN, MIP_OVERRUN_SHARE * self.params.time_limit)
        return left - overrun if self.is_integer else left

    def full_duals(self) -> FloatArray:
        """Duals of every row of the full model (0 for the rows left out)."""
        full = np.zeros(self.mm.shape[0])
        full[self.row_order] = self.row_duals()
        return full

    def add(self, new: IntArray) -> None:
        """Add the full model's columns ``new``, with the family rows and sites they need."""
        new = np.setdiff1d(new, self.order)
        if new.size == 0:
            return
        self._add_columns(new)
        if self.families:
            self._add_family_rows(self._rows_of(new))

    def add_families(self, values: FloatArray | None = None) -> None:
        """Add the family rows of the pairs in the model: those ``values`` uses, else all.

        Where the family-free LP split a group the rows enter violated, and
        HiGHS's dual simplex restores them from the basis it holds.
        """
        self.families = True
        held = self.columns[self._row_pair]
        if values is None:
            self._add_family_rows(np.flatnonzero(held))
            return
        used = held & (values[self._row_pair] > TOLERANCE)
        # a group the LP keeps whole at one site needs just the rows of its pairs
        # there; a group it splits, every row of its pairs in the model (the
        # rows its placement uses first: the order the simplex meets them in)
        group, site = self._row_group[used], self._row_site[used]
        highest = np.zeros(len(self._row_group) and self._row_group.max() + 1, dtype=np.int64)
        np.maximum.at(highest, group, site)
        lowest = np.full_like(highest, np.iinfo(np.int64).max)
        np.minimum.at(lowest, group, site)
        one_site = lowest == highest
        whole = used & one_site[self._row_group] & (values[self._row_pair] > 1 - TOLERANCE)
        self._add_family_rows(np.flatnonzero(used & ~one_site[self._row_group] | whole))
        self._add_family_rows(self._group_rows(self._row_group[used & ~whole]))

    def gathering_pairs(self, rc: FloatArray, per_group: int = 3) -> IntArray:
        """Member pairs at the sites where each split group is cheapest as a whole.

        A group the family-free LP split is, once its rows are in, worth
        gathering at one site; the sites where every member may go, with the
        least sum of the members' reduced costs, save the pricing rounds that
        would find them one member at a time.
        """
        split = np.zeros(len(self.mm.cost), dtype=bool)
        in_model = self.rows[self._first_row : self._first_row + len(self._row_pair)]
        split_group = np.zeros(len(self._row_group) and self._row_group.max() + 1, dtype=bool)
        split_group[self._row_group[in_model]] = True
        rows = np.flatnonzero(split_group[self._row_group])
        if rows.size == 0:
            return np.zeros(0, dtype=np.int64)
        site, group = self._row_site[rows], self._row_group[rows]
        members = np.bincount(site, minlength=len(split))
        total = np.bincount(site, weights=rc[self._row_pair[rows]], minlength=len(split))
        most = np.zeros(len(split_group), dtype=np.int64)
        np.maximum.at(most, group, members[site])
        whole = members[site] == most[group]  # a site every member may use
        sites, first = np.unique(site[whole], return_index=True)
        of_group = group[whole][first]
        order = np.lexsort((total[sites], of_group))
        rank = np.arange(len(order)) - np.searchsorted(of_group[order], of_group[order])
        split[sites[order[rank < per_group]]] = True
        return np.unique(self._row_pair[rows[split[site]]])

    def _group_rows(self, groups: IntArray) -> IntArray:
        """Every family row of the pairs in the model of the given groups."""
        return np.flatnonzero(np.isin(self._row_group, groups) & self.columns[self._row_pair])

    def broken_rows(self, values: FloatArray) -> IntArray:
        """Family rows not in the model that ``values`` breaks (numbered within their block)."""
        if not self.families:
            return np.zeros(0, dtype=np.int64)
        absent = ~self.rows[self._first_row : self._first_row + len(self._row_pair)]
        broken = values[self._row_pair] > values[self._row_site] + TOLERANCE
        return np.flatnonzero(absent & broken)

    def add_broken(self, broken: IntArray) -> None:
        """Add every row of the groups of the ``broken`` rows (a group at a time)."""
        self._add_family_rows(self._group_rows(np.unique(self._row_group[broken])))

    def _add_columns(self, new: IntArray) -> None:
        if new.size == 0:
            return
        mm = self.mm
        entries = np.isin(mm.cols, new) & self.rows[mm.rows]
        model_row = np.full(mm.shape[0], -1)
        model_row[self.row_order] = np.arange(len(self.row_order))
        rows, position = model_row[mm.rows[entries]], np.searchsorted(new, mm.cols[entries])
        sort = np.lexsort((rows, position))
        counts = np.bincount(position, minlength=len(new))
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int32)
        self.add_columns(
            mm.cost[new], mm.col_lower[new], mm.col_upper[new], mm.integer[new],
            starts, rows[sort].astype(np.int32), mm.values[entries][sort],
        )  # fmt: skip
        self.columns[new] = True
        self.order = np.concatenate([self.order, new])

    def _add_rows(self, new: IntArray) -> None:
        if new.size == 0:
            return
        mm = self.mm
        entries = np.isin(mm.rows, new)
        model_col = np.full(len(mm.cost), -1)
        model_col[self.order] = np.arange(len(self.order))
        cols, position = model_col[mm.cols[entries]], np.searchsorted(new, mm.rows[entries])
        sort = np.lexsort((cols, position))
        counts = np.bincount(position, minlength=len(new))
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int32)
        if (cols < 0).any():
            raise RuntimeError("a row was to enter the restricted model before its columns")
        self.add_rows(mm.row_lower[new], mm.row_upper[new], starts,
                      cols[sort].astype(np.int32), mm.values[entries][sort])  # fmt: skip
        self.rows[new] = True
        self.row_order = np.concatenate([self.row_order, new])

    def model_index(self, full: IntArray) -> npt.NDArray[np.int32]:
        """HiGHS column index of full-model columns (all must be in the model)."""
        model_col = np.full(len(self.mm.cost), -1)
        model_col[self.order] = np.arange(len(self.order))
        return model_col[full].astype(np.int32)

    def start_from(self, full_values: FloatArray) -> None:
        """Start the next MIP run from ``full_values`` (a full-model column vector)."""
        self._start = full_values

    def values(self) -> FloatArray:
        """The current solution as a full-model column vector."""
        return self.full(self.solution())

    def full(self, values: FloatArray) -> FloatArray:
        """The master's column values as a full-model column vector."""
        out = np.zeros(len(self.mm.cost))
        out[self.order] = values
        return out


class _PlacePricing:
    """Place's part of pricing (:class:`placement.solve.engine.Pricer`).

    Reduced costs over the full model's columns from the duals of every row
    (0 for the rows the master leaves out); a few pairs per class, and the
    family rows the LP breaks; refined once, when the family-free LP is
    priced, by its family rows and the pairs that gather each split group.
    """

    def __init__(
        self, data: ProblemData, mm: ModelMatrix, model: _Restricted, params: SolverSettings
    ) -> None:
        self.data, self.mm, self.model, self.params = data, mm, model, params
        self.site_of = family_sites(mm)
        self.no_sites = np.full(len(mm.cost), -1)
        self.lp: FloatArray | None = None  # the last LP optimum
        self.rc: FloatArray = np.zeros(len(mm.cost))  # and its reduced costs

    def solve_lp(self) -> bool:
        return self.model.run(PRICING_SHARE)

    def round(self) -> Round:
        model, mm = self.model, self.mm
        duals = model.full_duals()
        self.rc = reduced_costs(mm, duals)
        self.lp = model.values()
        value = model.lp_value()
        bound = max(lagrangian_bound(mm, self.rc, value, model), dual_bound(mm, duals))
        return Round(value, self.rc, bound, duals)

    def improving(self, r: Round) -> tuple[IntArray, IntArray] | None:
        model, mm, lp = self.model, self.mm, self.lp
        assert lp is not None
        sites = self.site_of if model.families else self.no_sites
        new = _most_negative(self.data, mm, r.rc, _improving(mm, r.rc, lp, ~model.columns, sites))
        broken = model.broken_rows(lp)
        return None if new.size == 0 and broken.size == 0 else (new, broken)

    def add(self, new: tuple[IntArray, IntArray]) -> None:
        self.model.add(new[0])
        self.model.add_broken(new[1])

    def refine(self, r: Round) -> int:
        model = self.model
        if model.families or self.lp is None:
            return 0
        model.add_families(self.lp)  # the family-free LP is priced: now the families
        model.add(model.gathering_pairs(r.rc))
        return 1

    def out_of_time(self) -> bool:
        # leave time to branch; the bound is then the Lagrangian one
        return time.perf_counter() - self.model.started > PRICING_SHARE * self.params.time_limit


def solve_priced(
    data: ProblemData,
    mm: ModelMatrix,
    params: SolverSettings,
    start: FloatArray | None = None,
    log: PricingLog | None = None,
    first: int = CHEAPEST,
    planned: bool = True,
) -> SolveResult:
    """Solve the model by pricing; same contract as :func:`placement.solve.highs.solve_matrix`.

    ``first`` is how many of each class's cheapest pairs start in the model
    (besides its stay and pin); with ``planned`` the pairs of the planner's
    greedy placement join them: where the cheapest are full, the first LP
    rounds then need not find room by pricing (surge week: the LP in 12
    rounds instead of 23, 9.5 to 1.8 s; national rebalance 95 to 54 s).
    Any first set gives the same optimum.
    """
    started = time.perf_counter()
    log = log if log is not None else PricingLog()
    if mm.shape[1] == 0:
        return nothing_to_decide(mm.offset, len(data.classes))
    x = mm.blocks["assign"]
    candidates = first_candidates(data, first)
    if planned:
        by_hand = _planners_way(data, mm, log)
        if by_hand is not None:
            candidates |= by_hand[x] > 0
            start = _better(mm, start, by_hand)
    log.pairs, log.candidates_first = x.stop - x.start, int(candidates.sum())
    model = _Restricted(mm, candidates, params, started, families=False)
    site_of = family_sites(mm)

    # 1. price the LP relaxation until no omitted pair has a negative reduced cost
    fallback = class_floor(mm)  # a weaker bound, should time run out while pricing
    pricing = _PlacePricing(data, mm, model, params)
    priced = price(pricing)
    log.lp_rounds = priced.rounds
    z = priced.last.value if priced.final and priced.last is not None else None
    fallback = max(fallback, priced.bound)
    lp, rc = pricing.lp, pricing.rc  # the last LP optimum (feasible for the full LP), its rc
    log.lp_bound, log.lp_seconds = z, time.perf_counter() - model.started
    log.candidates_priced = int(model.columns[x].sum())

    # 2. branch on the candidates, from the better of the given start and the rounded LP
    quick: SolveResult | None = None
    if lp is None:  # not even one LP round in time: start from the planner's greedy way
        by_hand = None if planned else _planners_way(data, mm, log)
        start = start if by_hand is None else _better(mm, start, by_hand)
    else:
        kept, last = start, lp
        rounded = lambda: _better_start(data, mm, kept, last)  # noqa: E731
        start = shortcut("rounded LP", rounded, lambda: kept, log)
    model.add_families()  # before any branching: a placement must pay for its splits
    if start is not None:
        model.add(np.flatnonzero(~model.columns & (start > 0)))
    model.make_integer()
    model.target = _target(z if z is not None else fallback, params.mip_gap)
    if lp is not None:
        log.start_objective = None if start is None else float(mm.cost @ start + mm.offset)
    if lp is not None:  # from the last LP, priced or not: its split classes are few
        t0 = time.perf_counter()
        moving = _moving_cost(data, model, lp, _lagrangian_rc(rc, lp, site_of))
        tried = np.zeros(len(data.classes), dtype=bool)
        for neighbours in (0, MOVERS, None):
            if model.time_left() <= 0:
                break
            free = _free_classes(model, data, lp, neighbours, moving)
            if neighbours != 0 and np.array_equal(free, tried):
                continue  # no location had more classes than MOVERS: tried already
            tried = free
            log.fractional_classes = int(free.sum())
            t1 = time.perf_counter()
            found = _branch_on(model, data, lp, free)
            found, values = _repaired(data, mm, found, model, model.values(), log)
            reached = None if found is None else found.objective
            log.branches.append((log.fractional_classes, time.perf_counter() - t1, reached))
            # cut short by the time limit, it can be worse than what is at hand
            best = math.inf if start is None else float(mm.cost @ start + mm.offset)
            if found is None or found.objective is None or found.objective > best:
                continue
            quick, start = found, values
            if _within(quick, z if z is not None else fallback, params.mip_gap):
                break
        log.fixed_seconds = time.perf_counter() - t0
        log.fixed_objective = None if quick is None else quick.objective
    # The bound that holds for the full model: z always; the MIP's own bound
    # only once no omitted pair could beat its incumbent (step 3).
    bound: float | None
    floor = z if z is not None else fallback
    if quick is not None and _within(quick, floor, params.mip_gap):
        result, bound = quick, floor  # within the gap of a full-model bound already
    elif (z is None or model.time_left() <= 0) and start is not None and is_feasible(mm, start):
        # Pricing was cut short by the time limit (nothing can be proven in
        # what is left, and a MIP on the whole candidate set needs minutes
        # at surge scale), or branching used all the time. The best
        # placement at hand (a branch from the last LP, rounded LP, greedy,
        # start) is the answer.
        result = quick if quick is not None else _kept_start(mm, data, start)
        bound = floor
    else:
        if start is not None:
            model.start_from(start)
        t1 = time.perf_counter()
        result, values = _mip_or_start(model, data, params, start)
        better, values = _repaired(data, mm, result, model, values, log)
        result = result if better is None else better
        log.branches.append((-1, time.perf_counter() - t1, result.objective))
        bound = floor
        if z is not None and lp is not None and result.status == Status.OPTIMAL:
            assert z is not None and lp is not None

            # 3. complete; should it fail, the placement at hand stands, against z
            def completed() -> tuple[SolveResult, float]:
                rc_bound = _lagrangian_rc(rc, lp, site_of)
                return _complete(model, data, params, result, values, z, rc_bound, log)

            def full() -> tuple[SolveResult, float]:
                return _full_model(model, data, params, values, floor)

            result, bound = shortcut("completion", completed, full, log)
    log.candidates_final = int(model.columns[x].sum())
    log.mip_seconds = time.perf_counter() - model.started - log.lp_seconds
    assert result.objective is not None  # _mip_result raises when there is none
    within = bound is not None and _within(result, bound, params.mip_gap)
    return replace(
        result,
        status=Status.OPTIMAL if within else Status.TIME_LIMIT,
        bound=bound,
        mip_gap=None if bound is None else gap(result.objective, bound),
        seconds=time.perf_counter() - model.started,
    )


def _target(bound: float, mip_gap: float) -> float:
    """The largest objective within ``REACH_SHARE`` of the gap of ``bound``: good enough."""
    share = REACH_SHARE * mip_gap
    if bound >= 0:  # objective <= bound + share * max(1, objective)
        return max(bound + share, bound / (1.0 - share)) if share < 1 else math.inf
    return bound + share * max(1.0, abs(bound))


def _within(result: SolveResult, bound: float | None, mip_gap: float) -> bool:
    """Whether ``result`` is within the contract's gap of ``bound``."""
    return within_gap(result.objective, bound, mip_gap)


def _moving_cost(
    data: ProblemData, model: _Restricted, lp: FloatArray, rc: FloatArray
) -> FloatArray:
    """Per class: the least reduced cost of a pair in the model the LP does not use.

    What moving one of its households elsewhere would cost at least, by the
    LP's own prices: the classes that can make room most cheaply.
    """
    x = model.mm.blocks["assign"]
    k = data.pairs["k"].to_numpy()
    other = model.columns[x] & (lp[x] <= 1e-6)
    least = np.full(len(data.classes), np.inf)
    np.minimum.at(least, k[other], rc[x][other])
    return least


def _free_classes(
    model: _Restricted,
    data: ProblemData,
    lp: FloatArray,
    neighbours: int | None,
    moving: FloatArray,
) -> BoolArray:
    """The classes left free when branching from the LP; the others stay as it placed them.

    Free: the classes the LP split, and the ``neighbours`` classes at each
    location one of them uses that can move elsewhere most cheaply (by
    ``moving``, see :func:`_moving_cost`; ``None``: all of them): they can
    make room for it. National rebalance: 10 a location free 1,181 classes
    where all free 5,008, and reach the gap in 3.5 s instead of 15-22 s.
    A family group is freed whole: a member alone could not rejoin it.
    """
    x = model.mm.blocks["assign"]
    k = data.pairs["k"].to_numpy()
    fractional_pair = np.abs(lp[x] - np.rint(lp[x])) > 1e-6
    fractional = np.zeros(len(data.classes), dtype=bool)
    fractional[k[fractional_pair]] = True
    waiting = model.mm.per_class_unplaced(lp, len(data.classes))
    fractional |= np.abs(waiting - np.rint(waiting)) > 1e-6
    if neighbours != 0:
        l = data.pairs["l"].to_numpy()
        used = lp[x] > 1e-6
        touched = np.zeros(len(data.locations), dtype=bool)
        touched[l[used & fractional[k]]] = True
        at = np.flatnonzero(used & touched[l] & ~fractional[k])
        if neighbours is not None:  # each location's cheapest to move
            at = at[np.lexsort((moving[k[at]], l[at]))]
            rank = np.arange(len(at)) - np.searchsorted(l[at], l[at])
            at = at[rank < neighbours]
        fractional[k[at]] = True
    families = data.families
    if len(families):
        member = families["k"].to_numpy()
        loose = families["group"][fractional[member]].unique()
        fractional[member[families["group"].isin(loose).to_numpy()]] = True
    return fractional


def _branch_on(
    model: _Restricted, data: ProblemData, lp: FloatArray, free: BoolArray
) -> SolveResult | None:
    """Solve the MIP with every class but the ``free`` ones fixed where the LP placed them.

    The result is a feasible placement of the full model, or ``None`` when
    the fixing leaves none. No start is given: HiGHS spends longer improving
    a start than solving this small MIP from its own heuristics (measured: a
    national week took 0.95 s with the rounded LP as start, 0.48 s without).
    """
    mm = model.mm
    x = mm.blocks["assign"]
    k = data.pairs["k"].to_numpy()
    fixed_pairs = np.flatnonzero(model.columns[x] & ~free[k]) + x.start
    fixed_waits = mm.blocks["unassigned"].start + np.flatnonzero(~free[mm.unplaceable])
    fixed = np.concatenate([fixed_pairs, fixed_waits])
    with model.fixed(model.model_index(fixed), np.rint(lp[fixed])):
        return _try_mip(model, data)


def _complete(
    model: _Restricted,
    data: ProblemData,
    params: SolverSettings,
    result: SolveResult,
    values: FloatArray,
    z: float,
    rc_bound: FloatArray,
    log: PricingLog,
) -> tuple[SolveResult, float]:
    """Step 3: the placement and a bound for the full model within the gap of it.

    ``rc_bound`` is each column's least reduced cost (the Lagrangian one).
    Adds every pair that could still beat the incumbent by more than the
    gap allows (a site only ever enters with a pair: alone it can only add
    a split). A placement with an omitted pair costs more than z + reach, so
    min(the MIP's bound, z + reach) is a bound within the gap of any
    objective up to the incumbent's. Already within the gap of z: nothing
    to add.
    """
    assert result.objective is not None
    bound = z
    x = model.mm.blocks["assign"]
    slack = reach(result.objective, z, params.mip_gap)
    if slack > 0:
        could = ~model.columns[x] & (rc_bound[x] <= slack + TOLERANCE)
        new = x.start + np.flatnonzero(could)
        log.completed = int(new.size)
        if new.size:
            model.add(new)
            model.make_integer()
            model.start_from(values)
            t1 = time.perf_counter()
            result = _mip_result(model, data, params)
            log.branches.append((-2, time.perf_counter() - t1, result.objective))
        if result.bound is not None and result.status == Status.OPTIMAL:
            bound = max(z, min(result.bound, z + slack))
    return result, bound


def _full_model(
    model: _Restricted, data: ProblemData, params: SolverSettings, values: FloatArray, z: float
) -> tuple[SolveResult, float]:
    """The full model's MIP from ``values``, in the time left: the exact path without step 3."""
    mm = model.mm
    left = replace(params, time_limit=max(model.time_left(), GO_ON_LEAST))
    result = solve_matrix(mm, len(data.classes), left, values)
    bound = z if result.bound is None else max(z, result.bound)
    return result, bound


def _planners_way(data: ProblemData, mm: ModelMatrix, log: PricingLog) -> FloatArray | None:
    """The planner's greedy placement as a column vector (``None`` should it fail)."""
    way = lambda: start_vector(data, mm, greedy(data, planner_order(data)))  # noqa: E731
    return shortcut("greedy start", way, lambda: None, log)


def _repaired(
    data: ProblemData,
    mm: ModelMatrix,
    found: SolveResult | None,
    model: _Restricted,
    values: FloatArray,
    log: PricingLog,
) -> tuple[SolveResult | None, FloatArray]:
    """A placement (``found``, ``values``) after chains of moves (:mod:`placement.solve.repair`).

    The moves may use pairs the model does not hold; the placement is one of
    the full model all the same, and the pairs enter the model with it.
    """
    if found is None or found.objective is None:
        return found, values
    seconds = max(model.time_left(), 0.0)
    repair = lambda: improve(data, mm, values, seconds=seconds, target=model.target)  # noqa: E731
    better = shortcut("repair", repair, lambda: values, log)
    objective = float(mm.cost @ better + mm.offset)
    if objective >= found.objective - TOLERANCE or not is_feasible(mm, better):
        return found, values
    model.add(np.flatnonzero(~model.columns & (better > 0)))
    model.make_integer()
    return replace(
        found,
        objective=objective,
        mip_gap=None,
        assign=whole(better[mm.blocks["assign"]]),
        unplaced=whole(mm.per_class_unplaced(better, len(data.classes))),
    ), better


def _better(mm: ModelMatrix, start: FloatArray | None, other: FloatArray) -> FloatArray | None:
    """``other`` when it is feasible and cheaper than ``start``."""
    if not is_feasible(mm, other):
        return start
    if start is None or mm.cost @ other < mm.cost @ start:
        return other
    return start


def _better_start(
    data: ProblemData, mm: ModelMatrix, start: FloatArray | None, lp: FloatArray
) -> FloatArray | None:
    """The rounded LP solution when it is feasible and beats ``start``."""
    return _better(mm, start, start_vector(data, mm, round_lp(data, lp[mm.blocks["assign"]])))


def _try_mip(model: _Restricted, data: ProblemData) -> SolveResult | None:
    """Run the MIP; ``None`` when it ends without a feasible placement."""
    mm = model.mm
    found = model.mip()
    if found.values is None or found.status == highspy.HighsModelStatus.kInfeasible:
        return None
    values = model.full(found.values)
    objective = float(mm.cost @ values + mm.offset)
    bound = found.bound
    return SolveResult(
        status=Status.OPTIMAL if found.optimal else Status.TIME_LIMIT,
        objective=objective,
        bound=bound if np.isfinite(bound) else None,
        mip_gap=gap(objective, bound),
        seconds=0.0,
        termination=model.h.modelStatusToString(found.status),
        assign=whole(values[mm.blocks["assign"]]),
        unplaced=whole(mm.per_class_unplaced(values, len(data.classes))),
    )


def _mip_or_start(
    model: _Restricted, data: ProblemData, params: SolverSettings, start: FloatArray | None
) -> tuple[SolveResult, FloatArray]:
    """The MIP's placement, or the start when the MIP ended with none or a worse one.

    HiGHS cut short by the time limit can return a placement worse than the
    start it was given, or none; the start is a placement of the full model
    too, so the better of the two is kept.
    """
    result = _try_mip(model, data)
    mm = model.mm
    if start is not None and is_feasible(mm, start):
        own = float(mm.cost @ start + mm.offset)
        worse = (
            result is not None
            and result.status != Status.OPTIMAL
            and result.objective is not None
            and result.objective > own + TOLERANCE
        )
        if result is None or worse:
            return _kept_start(mm, data, start), start
    if result is None:
        raise _why_none(model, params)
    return result, model.values()


def _kept_start(mm: ModelMatrix, data: ProblemData, start: FloatArray) -> SolveResult:
    """The start (a placement of the full model) as the result of a solve cut short."""
    return SolveResult(
        status=Status.TIME_LIMIT,
        objective=float(mm.cost @ start + mm.offset),
        bound=None,
        mip_gap=None,
        seconds=0.0,
        termination="time limit: the best start was kept",
        assign=whole(start[mm.blocks["assign"]]),
        unplaced=whole(mm.per_class_unplaced(start, len(data.classes))),
    )


def _mip_result(model: _Restricted, data: ProblemData, params: SolverSettings) -> SolveResult:
    """Run the MIP; raise when it ends without a feasible placement."""
    result = _try_mip(model, data)
    if result is None:
        raise _why_none(model, params)
    return result


def _why_none(model: _Restricted, params: SolverSettings) -> PlacementError:
    """The error for a MIP that ended without a placement."""
    if model.status == highspy.HighsModelStatus.kInfeasible:
        return infeasible_error()
    return no_solution_error(params, model.h.modelStatusToString(model.status))
