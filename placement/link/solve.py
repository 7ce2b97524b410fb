"""Solve the link model: HiGHS on a few gemeenten per class, proven complete by reduced costs.

Every household could be linked to every gemeente with a quota that fits
it, but each is best linked to one of a handful near it. HiGHS starts from
those (each class's nearest few, and whatever the planner's greedy way
uses) and:

1. **prices** the LP relaxation: with the row duals ``y`` of the LP on the
   candidates, every omitted pair's reduced cost ``rc = c - a^T y`` is
   computed at once (a dense class x gemeente array); pairs below zero join,
   until none is left. The LP optimum ``z`` is then the full model's, a
   lower bound on every link;
2. **branches** on the candidates from the better of the greedy links and
   the rounded LP: the MIP gives an incumbent ``U``;
3. **completes**: a link that uses an omitted pair costs at least
   ``z + rc`` (LP duality), so only pairs with ``rc <= U - z`` could beat
   ``U``. Those join and the MIP runs again from ``U``; its bound then holds
   for the full model (a link outside the final set costs more than ``U``).

A household in a decided family group enters with all of its group's
members at that gemeente (a *site* ``(g, j)``: their rows ``x <= y`` and
the site's ``y``). An omitted site improves the LP only when its members'
negative reduced costs together exceed what the group's ``family_split``
row dual allows; a member's reduced cost there can be lifted to
``max(rc, 0)`` by the duals of the omitted rows, which is what step 3 uses.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace

import highspy
import numpy as np
import numpy.typing as npt
import pandas as pd

from placement.input.settings import SolverSettings
from placement.link.model import build_link_matrix, family_arrays, quota_gemeenten
from placement.link.problem import LinkProblem
from placement.solve.highs import (
    FEASIBLE_SOLUTION,
    checked,
    gap,
    lp_from_matrix,
    new_highs,
    run_trusted,
    whole,
    within_gap,
)
from placement.vocab import Status

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: Nearest allowed gemeenten per class in the first candidate set.
FIRST = 6
#: Pairs per class added in one pricing round at most.
PER_ROUND = 8
#: Share of the time limit pricing may use before branching must start.
PRICING_SHARE = 0.6
#: HiGHS's share of MIP effort on primal heuristics (its default: 0.05).
HEURISTIC_EFFORT = 0.2
#: Completion adds at most this many pairs (else the priced LP bound stands).
MAX_COMPLETION = 200_000
#: Reduced costs above -TOLERANCE count as non-negative.
TOLERANCE = 1e-7


@dataclass
class LinkLog:
    """What the solve did, for the KPIs and the benchmark."""

    pairs: int = 0  # allowed pairs of the full model
    candidates_first: int = 0
    candidates_priced: int = 0
    candidates_final: int = 0
    completed: int = 0  # pairs the completion step added
    lp_rounds: int = 0
    lp_bound: float | None = None
    lp_seconds: float = 0.0
    greedy_objective: float | None = None
    start_objective: float | None = None
    heuristic_objective: float | None = None
    heuristics: list[tuple[str, float]] = field(default_factory=list)
    mip_runs: int = 0
    mip_seconds: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class LinkSolution:
    """A link of every class, its cost in the model, and a bound valid for the full model.

    ``counts`` is dense: households of class k linked to gemeente j; the
    rest of each class is unlinked.
    """

    status: Status
    objective: float
    bound: float | None
    seconds: float
    termination: str
    counts: IntArray = field(repr=False)
    log: LinkLog = field(default_factory=LinkLog, repr=False)

    @property
    def mip_gap(self) -> float | None:
        """``(objective - bound) / max(1, |objective|)``."""
        return gap(self.objective, self.bound)


def solve_link(
    problem: LinkProblem, params: SolverSettings | None = None, *, first: int = FIRST
) -> LinkSolution:
    """Solve the link model to ``params.mip_gap`` with a bound valid for the full model.

    ``first`` is how many of each class's nearest gemeenten start in the
    model; any number gives the same optimum (``tests/link/test_solve.py``).
    The greedy links are always at hand, so there is always a solution:
    when time runs out the best one found is returned with status
    ``time_limit``.
    """
    params = params or problem.settings.solver
    started = time.perf_counter()
    log = LinkLog(pairs=int(problem.allowed.sum()))
    greedy = greedy_counts(problem)
    log.greedy_objective = objective_of(problem, greedy)
    if log.pairs == 0:  # nothing can be linked: everyone waits, and that is optimal
        return LinkSolution(
            Status.OPTIMAL, log.greedy_objective, log.greedy_objective, 0.0, "nothing to link",
            greedy, log,
        )  # fmt: skip
    families = Families(problem)
    pricer = Pricer(problem, families)
    master = Master(
        problem,
        families,
        families.complete(first_candidates(problem, first) | (greedy > 0)),
        params,
    )
    log.candidates_first = int(master.in_model.sum())
    deadline = started + params.time_limit

    # 1. price the LP relaxation until no omitted pair or site improves it
    z: float | None = None  # the full model's LP optimum, once pricing ends
    bound: float | None = None  # else the best Lagrangian bound of a round
    rc: FloatArray | None = None
    while master.solve_lp(deadline):
        rc = pricer.reduced_costs(master)
        log.lp_rounds += 1
        lagrangian = master.objective + pricer.lagrangian(rc, master.in_model)
        bound = lagrangian if bound is None else max(bound, lagrangian)
        new = pricer.improving(rc, master, master.in_model)
        if not new.any():
            z = bound = master.objective
            break
        if time.perf_counter() - started > PRICING_SHARE * params.time_limit:
            break  # leave time to branch; the bound is then the Lagrangian one
        master.add(families.complete(new))
    log.lp_bound, log.lp_seconds = z, time.perf_counter() - started
    log.candidates_priced = int(master.in_model.sum())

    # 2. round the LP: branch on the classes it splits, with the others kept; dive
    best = greedy
    rounded = fill(problem, master.floor_counts()) if master.x is not None else greedy
    if objective_of(problem, rounded) < log.greedy_objective:
        best = rounded
    log.start_objective = objective_of(problem, best)
    master.add(families.complete((greedy > 0) | (rounded > 0)))
    target = None if z is None else z + params.mip_gap * max(1.0, abs(z))

    def good(counts: IntArray) -> bool:
        return within_gap(objective_of(problem, counts), bound, params.mip_gap)

    def keep_better(counts: IntArray | None) -> None:
        nonlocal best
        if counts is not None and objective_of(problem, counts) < objective_of(problem, best):
            best = counts

    if master.x is not None:
        split, neighbourhood = master.fractional(False), master.fractional(True)
        # With quotas to spare every household is linked in the LP: rounding is a
        # matter of a few distances, which a MIP on the neighbourhood gets right.
        # With quotas short the dive keeps the longest waiters (a MIP finds little).
        short = master.lp_unlinked() > 0.5
        quick = _branch(master, rounded, deadline, log, ~split, target)
        keep_better(None if quick is None else quick[0])
        steps = ["dive", "neighbours"] if short else ["neighbours"]
        for step in steps:
            if good(best):
                break
            t0 = time.perf_counter()
            if step == "dive":
                keep_better(master.dive(deadline))
            else:
                found = _branch(master, rounded, deadline, log, ~neighbourhood, target)
                keep_better(None if found is None else found[0])
            log.heuristics.append((step, round(time.perf_counter() - t0, 3)))
        log.heuristic_objective = objective_of(problem, best)
    objective = objective_of(problem, best)

    # 3. complete: every pair that could beat the incumbent U joins, then branch on all
    if not within_gap(objective, bound, params.mip_gap):
        complete = False
        if z is not None and rc is not None:
            could = pricer.could_beat(rc, master.in_model, objective - z)
            log.completed = int(could.sum())
            complete = log.completed <= MAX_COMPLETION
            if complete:
                master.add(families.complete(could))
        found = _branch(master, best, deadline, log, target=target)
        if found is not None:
            best, objective = found[0], objective_of(problem, found[0])
            if complete:
                # A link outside the model costs more than U; the MIP's bound
                # is at most its optimum, itself at most U: it holds for the
                # full model.
                assert z is not None
                bound = max(z, found[1])
    log.candidates_final = int(master.in_model.sum())
    within = within_gap(objective, bound, params.mip_gap)
    return LinkSolution(
        status=Status.OPTIMAL if within else Status.TIME_LIMIT,
        objective=objective,
        bound=bound,
        seconds=time.perf_counter() - started,
        termination="optimal" if within else "time limit",
        counts=best,
        log=log,
    )


def _branch(
    master: Master,
    start: IntArray,
    deadline: float,
    log: LinkLog,
    fixed: BoolArray | None = None,
    target: float | None = None,
) -> tuple[IntArray, float, bool] | None:
    """The MIP on the master's pairs from ``start``: (counts, its bound, optimal), or None.

    Classes in ``fixed`` keep their links of ``start``; HiGHS stops once it
    has a link costing ``target`` or less. The result is never worse than ``start``.
    """
    if time.perf_counter() >= deadline:
        return None
    t0 = time.perf_counter()
    found = master.solve_mip(start, deadline, fixed, target)
    log.mip_runs += 1
    log.mip_seconds.append(round(time.perf_counter() - t0, 3))
    problem = master.problem
    if found is not None and objective_of(problem, found[0]) > objective_of(problem, start):
        found = (start, found[1], found[2])  # HiGHS did not keep the start: keep it here
    return found


# --------------------------------------------------------------------------- the model on a set


class Families:
    """The decided family groups as arrays over classes and gemeenten.

    Groups are in sorted order, as in :func:`placement.link.model.family_arrays`.
    ``site_pair`` marks the pairs of a member at a gemeente its group does
    not hold yet: such a pair comes with its row ``x <= y`` and its site ``y``.
    """

    def __init__(self, problem: LinkProblem) -> None:
        shape = problem.allowed.shape
        self.groups = np.array(sorted(problem.families["group"].unique()), dtype=object)
        index = pd.Series(np.arange(len(self.groups)), index=self.groups)
        self.member_k = problem.families["k"].to_numpy(np.int64)
        self.member_g = index.reindex(problem.families["group"]).to_numpy(np.int64)
        self.group_of = np.full(shape[0], -1)
        self.group_of[self.member_k] = self.member_g
        fixed = problem.family_fixed
        self.fixed = (
            fixed.groupby("group").size().reindex(self.groups, fill_value=0).to_numpy(float)
        )
        held = np.zeros((len(self.groups), shape[1]), dtype=bool)
        quota = fixed[fixed["j"] >= 0]
        held[index.reindex(quota["group"]).to_numpy(np.int64), quota["j"].to_numpy()] = True
        self.site_pair: BoolArray = np.zeros(shape, dtype=np.bool_)
        self.site_pair[self.member_k] = ~held[self.member_g] & problem.allowed[self.member_k]

    def per_site(self, member_values: FloatArray | BoolArray) -> FloatArray:
        """Sum member rows (members x gemeenten) per group: groups x gemeenten."""
        total = np.zeros((len(self.groups), self.site_pair.shape[1]))
        np.add.at(total, self.member_g, member_values)
        return total

    def complete(self, pairs: BoolArray) -> BoolArray:
        """``pairs`` with every member of a site one member is in."""
        if len(self.member_k) == 0:
            return pairs
        sites = self.site_pair[self.member_k]
        present = self.per_site(pairs[self.member_k] & sites) > 0
        pairs = pairs.copy()
        pairs[self.member_k] |= present[self.member_g] & sites
        return pairs

    def used_sites(self, counts: IntArray) -> BoolArray:
        """Sites (groups x gemeenten) a link ``counts`` uses."""
        linked = (counts[self.member_k] > 0) & self.site_pair[self.member_k]
        return self.per_site(linked) > 0


class Master:
    """The link model on a growing set of pairs, held by one HiGHS instance.

    Starts as :func:`~placement.link.model.build_link_matrix` on the first
    pairs; :meth:`add` appends columns and rows so that it stays that model
    on all its pairs (up to the order of columns and rows:
    ``tests/link/test_solve.py``), and HiGHS re-solves from its last basis.
    """

    def __init__(
        self, problem: LinkProblem, families: Families, pairs: BoolArray, params: SolverSettings
    ) -> None:
        self.problem, self.families, self.params = problem, families, params
        n_classes, n_gemeenten = problem.allowed.shape
        frame = problem.pairs(pairs)
        mm = build_link_matrix(problem, frame)
        family = family_arrays(problem, frame)
        k, j = frame["k"].to_numpy(), frame["j"].to_numpy()
        self.in_model: BoolArray = np.zeros(problem.allowed.shape, dtype=np.bool_)
        self.in_model[k, j] = True
        self.pair_col = np.full(problem.allowed.shape, -1)
        self.pair_col[k, j] = np.arange(mm.blocks["link"].stop)
        self.u_col = np.arange(mm.blocks["unlinked"].start, mm.blocks["unlinked"].stop)
        self.site_col = np.full((len(family.groups), n_gemeenten), -1)
        uses = mm.blocks["uses"]
        self.site_col[family.site_group, family.site_j] = np.arange(uses.start, uses.stop)
        self.s_col = np.arange(mm.blocks["split"].start, mm.blocks["split"].stop)
        self.quota_row = np.full(n_gemeenten, -1)
        quota = mm.blocks["gemeente_quota"]
        self.quota_row[quota_gemeenten(frame)] = np.arange(quota.start, quota.stop)
        self.split_row = np.arange(mm.blocks["family_split"].start, mm.blocks["family_split"].stop)
        self.cost, self.integer = mm.cost.copy(), mm.integer.copy()
        self.col_lower, self.col_upper = mm.col_lower.copy(), mm.col_upper.copy()
        self.offset = mm.offset
        self.n_rows = mm.shape[0]
        self.objective = math.nan
        self.x: FloatArray | None = None
        self.row_dual: FloatArray | None = None
        self.h = new_highs()
        for option, value in {
            "output_flag": False,
            "random_seed": 0,
            "mip_rel_gap": float(params.mip_gap),
            "mip_abs_gap": float(params.mip_gap),
            "mip_heuristic_effort": HEURISTIC_EFFORT,
        }.items():
            self.h.setOptionValue(option, value)
        if params.threads:
            self.h.setOptionValue("threads", int(params.threads))
        lp = replace(mm, integer=np.zeros(len(mm.cost), dtype=bool))
        checked(self.h.passModel(lp_from_matrix(lp)), "the link model")

    @property
    def n_cols(self) -> int:
        """Columns in the model."""
        return len(self.cost)

    # -- growing -------------------------------------------------------------------------

    def add(self, new: BoolArray) -> None:
        """Add the pairs ``new`` (allowed, not in the model, sites whole) with their rows."""
        new = new & ~self.in_model
        k, j = np.nonzero(new)
        if k.size == 0:
            return
        problem, families = self.problem, self.families
        size = problem.classes["size"].to_numpy(float)
        # gemeenten no pair reached before get their quota row
        fresh = np.unique(j[self.quota_row[j] < 0])
        quota = problem.gemeenten["quota"].to_numpy(float)[fresh]
        self._add_rows(np.full(len(fresh), -np.inf), quota, [[] for _ in fresh])
        self.quota_row[fresh] = np.arange(self.n_rows - len(fresh), self.n_rows)
        # the sites of the members among them, each with its family_split entry
        site = families.site_pair[k, j]
        g = families.group_of[k[site]]
        sites = np.unique(np.stack([g, j[site]], axis=1), axis=0).reshape(-1, 2)
        sites = sites[self.site_col[sites[:, 0], sites[:, 1]] < 0]
        entries = [[(int(self.split_row[sg]), 1.0)] for sg in sites[:, 0]]
        first = self._add_cols(np.zeros(len(sites)), np.ones(len(sites)), entries, True)
        self.site_col[sites[:, 0], sites[:, 1]] = first + np.arange(len(sites))
        # the pairs: linked_once and gemeente_quota
        count = problem.classes["count"].to_numpy(float)
        rows = np.stack([k, self.quota_row[j]], axis=1)
        values = np.stack([np.ones(len(k)), size[k]], axis=1)
        first = self._add_pair_cols(problem.pair_cost[k, j], count[k], rows, values)
        self.pair_col[k, j] = first + np.arange(len(k))
        self.in_model[k, j] = True
        # family_uses: x - y <= 0 for each member pair at a site
        x_col, y_col = self.pair_col[k[site], j[site]], self.site_col[g, j[site]]
        self._add_rows(
            np.full(len(x_col), -np.inf),
            np.zeros(len(x_col)),
            [[(int(a), 1.0), (int(b), -1.0)] for a, b in zip(x_col, y_col, strict=True)],
        )

    def _add_pair_cols(
        self, cost: FloatArray, upper: FloatArray, rows: IntArray, values: FloatArray
    ) -> int:
        """Columns with two entries each (``rows``, ``values``: n x 2); returns the first index."""
        n = len(cost)
        first = self.n_cols
        starts = (2 * np.arange(n)).astype(np.int32)
        call = self.h.addCols(
            n, cost, np.zeros(n), upper, 2 * n, starts,
            rows.reshape(-1).astype(np.int32), values.reshape(-1).astype(float),
        )  # fmt: skip
        checked(call, f"{n} link columns")
        self._grow(cost, upper, integer=True)
        return first

    def _add_cols(
        self,
        cost: FloatArray,
        upper: FloatArray,
        entries: list[list[tuple[int, float]]],
        integer: bool,
    ) -> int:
        """Columns with the given (row, value) entries; returns the first index."""
        n = len(cost)
        first = self.n_cols
        if n == 0:
            return first
        starts = np.cumsum([0] + [len(e) for e in entries[:-1]]).astype(np.int32)
        index = np.array([r for e in entries for r, _ in e], dtype=np.int32)
        value = np.array([v for e in entries for _, v in e], dtype=float)
        call = self.h.addCols(n, cost, np.zeros(n), upper, len(index), starts, index, value)
        checked(call, f"{n} columns")
        self._grow(cost, upper, integer)
        return first

    def _grow(self, cost: FloatArray, upper: FloatArray, integer: bool) -> None:
        self.cost = np.concatenate([self.cost, cost])
        self.col_lower = np.concatenate([self.col_lower, np.zeros(len(cost))])
        self.col_upper = np.concatenate([self.col_upper, upper])
        self.integer = np.concatenate([self.integer, np.full(len(cost), integer)])

    def _add_rows(
        self, lower: FloatArray, upper: FloatArray, entries: list[list[tuple[int, float]]]
    ) -> None:
        n = len(lower)
        if n == 0:
            return
        starts = np.cumsum([0] + [len(e) for e in entries[:-1]]).astype(np.int32)
        index = np.array([c for e in entries for c, _ in e], dtype=np.int32)
        value = np.array([v for e in entries for _, v in e], dtype=float)
        checked(self.h.addRows(n, lower, upper, len(index), starts, index, value), f"{n} rows")
        self.n_rows += n

    # -- solving -------------------------------------------------------------------------

    def _run(self, deadline: float) -> None:
        self.h.setOptionValue("time_limit", max(1e-3, deadline - time.perf_counter()))
        self.h.run()

    def _integrality(self, integer: bool) -> None:
        n = self.n_cols
        kinds = np.where(integer & self.integer, highspy.HighsVarType.kInteger.value, 0)
        call = self.h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), kinds.astype(np.uint8))
        checked(call, "integrality")

    def solve_lp(self, deadline: float) -> bool:
        """Solve the LP relaxation; whether it ended optimal (then duals are at hand)."""
        self._integrality(False)
        self._run(deadline)
        if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return False
        solution = self.h.getSolution()
        self.x = np.asarray(solution.col_value)
        self.row_dual = np.asarray(solution.row_dual)
        self.objective = float(self.cost @ self.x + self.offset)
        return True

    def duals(self) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Row duals: ``pi`` per class, ``mu`` per gemeente (0: no row), ``sigma`` per group."""
        assert self.row_dual is not None
        pi = self.row_dual[: len(self.u_col)]
        mu = np.where(self.quota_row >= 0, self.row_dual[np.maximum(self.quota_row, 0)], 0.0)
        return pi, mu, self.row_dual[self.split_row]

    def counts(self, values: FloatArray) -> IntArray:
        """A solution's links as a class x gemeente array of whole numbers."""
        counts = np.zeros(self.in_model.shape, dtype=np.int64)
        counts[self.in_model] = whole(values[self.pair_col[self.in_model]])
        return counts

    def _lp_pairs(self) -> tuple[IntArray, IntArray, FloatArray]:
        """(k, j, value) of the pairs the last LP solved had."""
        assert self.x is not None
        k, j = np.nonzero(self.in_model & (self.pair_col < len(self.x)))
        return k, j, self.x[self.pair_col[k, j]]

    def floor_counts(self) -> IntArray:
        """The last LP's links rounded down (feasible: fewer persons, same gemeenten)."""
        k, j, x = self._lp_pairs()
        counts = np.zeros(self.in_model.shape, dtype=np.int64)
        counts[k, j] = np.floor(x + 1e-6)
        return counts

    def fractional(self, neighbours: bool) -> BoolArray:
        """Classes the last LP links in parts of households.

        With ``neighbours``, also the classes it links to a gemeente one of
        those is linked to: they can make room for it.
        """
        k, j, x = self._lp_pairs()
        classes: BoolArray = np.zeros(self.in_model.shape[0], dtype=np.bool_)
        classes[k[np.abs(x - np.rint(x)) > 1e-6]] = True
        if neighbours:
            used = x > 1e-6
            touched: BoolArray = np.zeros(self.in_model.shape[1], dtype=np.bool_)
            touched[j[used & classes[k]]] = True
            classes[k[used & touched[j]]] = True
        return classes

    def lp_unlinked(self) -> float:
        """Households the last LP leaves unlinked."""
        assert self.x is not None
        return float(self.x[self.u_col].sum())

    def vector(self, counts: IntArray) -> FloatArray:
        """The column vector of the link ``counts`` (which must use pairs of the model only)."""
        if (counts[~self.in_model] > 0).any():
            raise ValueError("the link uses pairs the model does not have")
        families = self.families
        values = np.zeros(self.n_cols)
        values[self.pair_col[self.in_model]] = counts[self.in_model]
        values[self.u_col] = self.problem.classes["count"].to_numpy() - counts.sum(axis=1)
        used = families.used_sites(counts)
        values[self.site_col[used]] = 1.0
        values[self.s_col] = np.maximum(0.0, used.sum(axis=1) + families.fixed - 1.0)
        return values

    def dive(self, deadline: float) -> IntArray | None:
        """Round the LP by diving: a link of whole households, or None.

        Each round fixes every pair the LP links in part: up to the next
        whole household where at least half of one is linked (one pair per
        class, while the households fixed so fit the quota), else down; then
        the LP is solved again and the rest follow. Households of one person
        (outside a decided family group) need no rounding: with the others
        whole, their part of the model is a transportation problem, whose
        optimal vertex is whole.
        """
        problem = self.problem
        size = problem.classes["size"].to_numpy()
        count = problem.classes["count"].to_numpy()
        quota = problem.gemeenten["quota"].to_numpy()
        whole_only = (size > 1) | problem.classes["family"].to_numpy()
        low = np.zeros(self.in_model.shape, dtype=np.int64)  # households fixed per pair
        changed: list[npt.NDArray[np.int32]] = []
        try:
            while True:
                k, j, x = self._lp_pairs()
                part = x - np.floor(x + 1e-9)
                split = (part > 1e-6) & (part < 1 - 1e-6)
                if not (split & whole_only[k]).any():
                    break
                split &= whole_only[k]
                up = _rounding_up(
                    k[split], j[split], x[split], part[split], low, size, count, quota
                )
                cols = self.pair_col[k[split], j[split]].astype(np.int32)
                lower = np.where(up, np.ceil(x[split]), low[k[split], j[split]]).astype(float)
                upper = np.where(up, self.col_upper[cols], np.floor(x[split])).astype(float)
                low[k[split][up], j[split][up]] = np.ceil(x[split][up]).astype(np.int64)
                checked(self.h.changeColsBounds(len(cols), cols, lower, upper), "rounding")
                changed.append(cols)
                if not self.solve_lp(deadline):
                    return None
            assert self.x is not None
            k, j, x = self._lp_pairs()
            if (np.abs(x - np.rint(x)) > 1e-6).any():
                return None  # numerically off a vertex: leave it to the MIP
            return self.counts(self.x)
        finally:
            if changed:
                cols = np.unique(np.concatenate(changed)).astype(np.int32)
                call = self.h.changeColsBounds(
                    len(cols), cols, self.col_lower[cols], self.col_upper[cols]
                )
                checked(call, "bounds")

    def solve_mip(
        self,
        start: IntArray,
        deadline: float,
        fixed: BoolArray | None = None,
        target: float | None = None,
    ) -> tuple[IntArray, float, bool] | None:
        """The MIP from ``start``: (counts, HiGHS's bound, optimal), or None without a solution.

        Classes in ``fixed`` keep their links of ``start``; only the others are
        decided. HiGHS stops at a link costing ``target`` or less.
        """
        h = self.h
        h.setOptionValue("objective_target", -math.inf if target is None else float(target))
        n = self.n_cols
        self._integrality(True)
        vector = self.vector(start)
        keep = np.zeros(0, dtype=np.int32)
        if fixed is not None:
            keep_col = np.zeros(n, dtype=bool)
            keep_col[self.pair_col[self.in_model & fixed[:, None]]] = True
            keep_col[self.u_col[fixed]] = True
            keep = np.flatnonzero(keep_col).astype(np.int32)
            checked(h.changeColsBounds(len(keep), keep, vector[keep], vector[keep]), "fixing")
        try:
            solution = highspy.HighsSolution()
            solution.col_value = list(vector)
            solution.value_valid = True
            h.setSolution(solution)
            run_trusted(h, self.cost, self.offset, lambda: self._run(deadline))
            info = h.getInfo()
            if info.primal_solution_status != FEASIBLE_SOLUTION:
                return None
            counts = self.counts(np.asarray(h.getSolution().col_value))
            bound = float(info.mip_dual_bound)
            optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
            return counts, bound if math.isfinite(bound) else -math.inf, optimal
        finally:
            if len(keep):
                call = h.changeColsBounds(
                    len(keep), keep, self.col_lower[keep], self.col_upper[keep]
                )
                checked(call, "bounds")


# --------------------------------------------------------------------------- pricing


class Pricer:
    """Reduced costs of every allowed pair of the full model, from the master's duals."""

    def __init__(self, problem: LinkProblem, families: Families) -> None:
        self.cost = problem.pair_cost
        self.allowed = problem.allowed
        self.size = problem.classes["size"].to_numpy(float)
        self.count = problem.classes["count"].to_numpy(float)
        self.families = families

    def reduced_costs(self, master: Master) -> FloatArray:
        """``c_{k,j} - pi_k - n_k mu_j`` for every pair, without the omitted family rows."""
        pi, mu, _ = master.duals()
        return self.cost - pi[:, None] - self.size[:, None] * mu[None, :]

    def lagrangian(self, rc: FloatArray, candidates: BoolArray) -> float:
        """The omitted pairs' share of a bound on the full model: their negative rc x N_k.

        With the omitted family rows' duals at 0 the duals are feasible for
        the Lagrangian relaxation, whatever the round: weaker than the priced
        LP, but at hand when time runs out before pricing ends.
        """
        absent = self.allowed & ~candidates & (rc < 0)
        return float(np.sum((rc * self.count[:, None])[absent]))

    def improving(self, rc: FloatArray, master: Master, candidates: BoolArray) -> BoolArray:
        """Omitted pairs whose entry would lower the LP, a few per class, sites whole."""
        families = self.families
        absent = self.allowed & ~candidates
        plain = absent & ~families.site_pair & (rc < -TOLERANCE)
        new = _most_negative(np.where(plain, rc, np.inf), PER_ROUND)
        if len(families.member_k):
            _, _, sigma = master.duals()
            lift = np.where(absent & families.site_pair, np.maximum(0.0, -rc), 0.0)
            deficit = families.per_site(lift[families.member_k])
            worth = deficit > -sigma[:, None] + TOLERANCE
            site = absent[families.member_k] & families.site_pair[families.member_k]
            new[families.member_k] |= worth[families.member_g] & site
        return new

    def could_beat(self, rc: FloatArray, candidates: BoolArray, slack: float) -> BoolArray:
        """Omitted pairs a link cheaper than ``z + slack`` could use (after pricing ended).

        A member's pair at a site the group does not use has its reduced
        cost lifted to ``max(rc, 0)`` by the omitted rows' duals.
        """
        site = self.families.site_pair
        lifted = np.where(site, np.maximum(rc, 0.0), rc)
        return self.allowed & ~candidates & (lifted <= slack + TOLERANCE)


def _rounding_up(
    k: IntArray,
    j: IntArray,
    x: FloatArray,
    part: FloatArray,
    low: IntArray,
    size: IntArray,
    count: IntArray,
    quota: IntArray,
) -> BoolArray:
    """Which split pairs a dive round fixes up: most linked first, one per class.

    Up only while the households fixed at a gemeente fit its quota and a
    class's fixed households fit its count, so the LP stays feasible.
    """
    fixed_persons = (size[:, None] * low).sum(axis=0)
    fixed_households = low.sum(axis=1)
    up = np.zeros(len(k), dtype=bool)
    taken: set[int] = set()
    for i in np.argsort(-part, kind="stable"):
        if part[i] < 0.5:
            break
        ki, ji = int(k[i]), int(j[i])
        more = int(np.ceil(x[i])) - low[ki, ji]
        if (
            ki not in taken
            and fixed_persons[ji] + size[ki] * more <= quota[ji]
            and fixed_households[ki] + more <= count[ki]
        ):
            taken.add(ki)
            fixed_persons[ji] += size[ki] * more
            fixed_households[ki] += more
            up[i] = True
    return up


def _most_negative(values: FloatArray, per_row: int) -> BoolArray:
    """Each row's ``per_row`` smallest finite values."""
    chosen = np.zeros(values.shape, dtype=bool)
    if values.shape[1] <= per_row:
        return np.isfinite(values)
    part = np.argpartition(values, per_row, axis=1)[:, :per_row]
    rows = np.arange(values.shape[0])[:, None]
    chosen[rows, part] = np.isfinite(values[rows, part])
    return chosen


def first_candidates(problem: LinkProblem, per_class: int = FIRST) -> BoolArray:
    """Each class's ``per_class`` cheapest allowed gemeenten (ties: quota row order)."""
    cost = np.where(problem.allowed, problem.pair_cost, np.inf)
    order = np.argsort(cost, axis=1, kind="stable")[:, :per_class]
    chosen = np.zeros(cost.shape, dtype=bool)
    rows = np.arange(cost.shape[0])[:, None]
    chosen[rows, order] = np.isfinite(cost[rows, order])
    return chosen


# --------------------------------------------------------------------------- links by hand


def objective_of(problem: LinkProblem, counts: IntArray) -> float:
    """The model's objective of the link ``counts`` (class x gemeente)."""
    classes = problem.classes
    unlinked = classes["count"].to_numpy() - counts.sum(axis=1)
    total = problem.constant + float(np.sum(problem.pair_cost * counts))
    total += float(unlinked @ classes["unlinked_cost"].to_numpy(float))
    return total + problem.weights.family_split * _splits(problem, counts)


def _splits(problem: LinkProblem, counts: IntArray) -> int:
    """Extra gemeenten the decided family groups are spread over."""
    members, fixed = problem.families, problem.family_fixed
    if members.empty:
        return 0
    rows, j = np.nonzero(counts[members["k"].to_numpy()])
    codes = problem.gemeenten["gemeente_code"].to_numpy()
    used = pd.DataFrame(
        {
            "group": np.concatenate([members["group"].to_numpy()[rows], fixed["group"]]),
            "gemeente": np.concatenate([codes[j], fixed["gemeente_code"]]),
        }
    )
    distinct = used.drop_duplicates().groupby("group").size()
    return int((distinct - 1).clip(lower=0).sum())


def greedy_counts(problem: LinkProblem) -> IntArray:
    """The planner's way: longest waiting first, to the nearest gemeente with room.

    A household whose family group already has a gemeente with room goes
    there (the nearest of those). Ties: larger households first, then input
    order; gemeenten in quota row order.
    """
    return fill(problem, np.zeros(problem.allowed.shape, dtype=np.int64))


def fill(problem: LinkProblem, counts: IntArray) -> IntArray:
    """``counts`` with the households it leaves unlinked linked the greedy way, where they fit."""
    classes = problem.classes
    counts = counts.copy()
    quota = problem.gemeenten["quota"].to_numpy(np.int64)
    size = classes["size"].to_numpy(np.int64)
    room = quota - size @ counts
    left = classes["count"].to_numpy() - counts.sum(axis=1)
    order = np.lexsort((np.arange(len(classes)), -size, -classes["weeks"].to_numpy()))
    units = np.repeat(order, left[order])
    if len(units) == 0:
        return counts
    group_of = dict(zip(problem.families["k"], problem.families["group"], strict=True))
    held: dict[str, set[int]] = {}
    for g, j in zip(problem.family_fixed["group"], problem.family_fixed["j"], strict=True):
        if j >= 0:
            held.setdefault(g, set()).add(int(j))
    for k, g in group_of.items():
        held.setdefault(g, set()).update(np.flatnonzero(counts[k]).tolist())
    km = problem.class_km
    for k in units:
        fits = np.flatnonzero(room >= size[k])
        if fits.size == 0:
            continue
        g = group_of.get(int(k))
        family = [j for j in held.get(g, ()) if room[j] >= size[k]] if g is not None else []
        options = np.array(sorted(family)) if family else fits
        j = int(options[np.argmin(km[k, options])])
        counts[k, j] += 1
        room[j] -= size[k]
        if g is not None:
            held.setdefault(g, set()).add(j)
    return counts
