"""The link model on a growing set of pairs, held by one HiGHS instance (:class:`Master`).

It starts as :func:`~placement.link.model.build_link_matrix` on a first set
of pairs; pricing adds pairs (with their family rows and sites), and MIR
cuts of the quota rows strengthen its LP (:meth:`Master.add_cuts`). Every
row it holds is valid for every link of the full model, so its LP, once
priced, bounds the full model from below. It also rounds its LP: a dive, or
a MIP with some classes kept as they are.
"""

from __future__ import annotations

import math
import time

import numpy as np
import numpy.typing as npt
import pandas as pd

from placement.input.settings import SolverSettings
from placement.link.model import build_link_matrix, family_arrays, quota_gemeenten
from placement.link.problem import LinkProblem
from placement.solve.highs import whole
from placement.solve.master import Master as RestrictedMaster

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: HiGHS's share of MIP effort on primal heuristics (its default: 0.05).
HEURISTIC_EFFORT = 0.2
#: A cut is added when the LP violates it by more than this.
CUT_VIOLATION = 1e-4


def mir_coefficients(size: npt.ArrayLike, quota: npt.ArrayLike, d: int) -> FloatArray:
    """Coefficients of households of ``size`` in the MIR cut of a quota row by divisor ``d``.

    ``floor(n/d) + max(0, n mod d - Q mod d) / (d - Q mod d)``; 0 where
    ``Q mod d == 0`` (no cut).
    """
    n = np.asarray(size, dtype=np.int64)
    q = np.asarray(quota, dtype=np.int64)
    r, rq = n % d, q % d
    coef = n // d + np.maximum(0, r - rq) / np.maximum(d - rq, 1)
    return np.where(rq > 0, coef, 0.0).astype(float)


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


class Master(RestrictedMaster):
    """The link model on a growing set of pairs (the engine's restricted master).

    Starts as :func:`~placement.link.model.build_link_matrix` on the first
    pairs; :meth:`add` appends columns and rows so that it stays that model
    on all its pairs (up to the order of columns and rows:
    ``tests/link/test_solve.py``), and HiGHS re-solves from its last basis.
    """

    def __init__(
        self, problem: LinkProblem, families: Families, pairs: BoolArray, params: SolverSettings
    ) -> None:
        self.problem, self.families = problem, families
        n_classes, n_gemeenten = problem.allowed.shape
        frame = problem.pairs(pairs)
        mm = build_link_matrix(problem, frame)
        family = family_arrays(problem, frame)
        k, j = frame["k"].to_numpy(), frame["j"].to_numpy()
        self.in_model: BoolArray = np.zeros(problem.allowed.shape, dtype=np.bool_)
        self.in_model[k, j] = True
        self.pair_col = np.full(problem.allowed.shape, -1)
        self.pair_col[k, j] = np.arange(mm.blocks["assign"].stop)
        self.u_col = np.arange(mm.blocks["unassigned"].start, mm.blocks["unassigned"].stop)
        self.site_col = np.full((len(family.groups), n_gemeenten), -1)
        uses = mm.blocks["uses"]
        self.site_col[family.site_group, family.site_j] = np.arange(uses.start, uses.stop)
        self.s_col = np.arange(mm.blocks["split"].start, mm.blocks["split"].stop)
        self.quota_row = np.full(n_gemeenten, -1)
        quota = mm.blocks["capacity"]
        self.quota_row[quota_gemeenten(frame)] = np.arange(quota.start, quota.stop)
        self.split_row = np.arange(mm.blocks["family_split"].start, mm.blocks["family_split"].stop)
        self.objective = math.nan
        self.x: FloatArray | None = None
        self.row_dual: FloatArray | None = None
        #: MIR cuts of the quota rows: (gemeente, divisor, row).
        self.cuts: list[tuple[int, int, int]] = []
        super().__init__(mm, params, mip_heuristic_effort=HEURISTIC_EFFORT)

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
        self._rows(np.full(len(fresh), -np.inf), quota, [[] for _ in fresh])
        self.quota_row[fresh] = np.arange(self.n_rows - len(fresh), self.n_rows)
        # the sites of the members among them, each with its family_split entry
        site = families.site_pair[k, j]
        g = families.group_of[k[site]]
        sites = np.unique(np.stack([g, j[site]], axis=1), axis=0).reshape(-1, 2)
        sites = sites[self.site_col[sites[:, 0], sites[:, 1]] < 0]
        entries = [[(int(self.split_row[sg]), 1.0)] for sg in sites[:, 0]]
        first = self._columns(np.zeros(len(sites)), np.ones(len(sites)), entries)
        self.site_col[sites[:, 0], sites[:, 1]] = first + np.arange(len(sites))
        # the pairs: linked_once, gemeente_quota and the cuts of their gemeente
        count = problem.classes["count"].to_numpy(float)
        rows = np.stack([k, self.quota_row[j]], axis=1)
        values = np.stack([np.ones(len(k)), size[k]], axis=1)
        if self.cuts:
            entries = [
                [(int(r), float(v)) for r, v in zip(rr, vv, strict=True)]
                for rr, vv in zip(rows, values, strict=True)
            ]
            quota = problem.gemeenten["quota"].to_numpy()
            for cut_j, divisor, row in self.cuts:
                at = np.flatnonzero(j == cut_j)
                coef = mir_coefficients(size[k[at]], quota[cut_j], divisor)
                for i, c in zip(at, coef, strict=True):
                    if c > 0:
                        entries[i].append((row, float(c)))
            first = self._columns(problem.pair_cost[k, j], count[k], entries)
        else:  # two entries each: n x 2 rows and values
            n = len(k)
            first = self.add_columns(
                problem.pair_cost[k, j], np.zeros(n), count[k], np.ones(n, dtype=bool),
                (2 * np.arange(n)).astype(np.int32), rows.reshape(-1).astype(np.int32),
                values.reshape(-1).astype(float),
            )  # fmt: skip
        self.pair_col[k, j] = first + np.arange(len(k))
        self.in_model[k, j] = True
        # family_uses: x - y <= 0 for each member pair at a site
        x_col, y_col = self.pair_col[k[site], j[site]], self.site_col[g, j[site]]
        self._rows(
            np.full(len(x_col), -np.inf),
            np.zeros(len(x_col)),
            [[(int(a), 1.0), (int(b), -1.0)] for a, b in zip(x_col, y_col, strict=True)],
        )

    def add_cuts(self) -> int:
        """Add the quota rows' MIR cuts the last LP violates most, one per gemeente.

        For a divisor ``d`` the mixed-integer rounding of ``sum_k n_k x_kj <= Q_j``
        (``x`` whole numbers) is
        ``sum_k (floor(n_k/d) + max(0, r_k - r)/(d - r)) x_kj <= floor(Q_j/d)``
        with ``r_k = n_k mod d`` and ``r = Q_j mod d > 0``: valid for every
        link, so the LP with it still bounds the full model. Returns the
        number of cuts added.
        """
        k, j, x = self._lp_pairs()
        gemeenten = self.problem.gemeenten
        quota = gemeenten["quota"].to_numpy()
        size = self.problem.classes["size"].to_numpy()
        worst = np.zeros(len(quota))
        divisor = np.zeros(len(quota), dtype=np.int64)
        for d in range(2, int(size.max(initial=1)) + 1):
            coef = mir_coefficients(size[k], quota[j], d)
            lhs = np.bincount(j, weights=coef * x, minlength=len(quota))
            violation = np.where(quota % d > 0, lhs - quota // d, 0.0)
            better = violation > worst
            worst[better], divisor[better] = violation[better], d
        chosen = np.flatnonzero(worst > CUT_VIOLATION)
        for cut_j in chosen:
            at = np.flatnonzero(self.in_model[:, cut_j])
            d = int(divisor[cut_j])
            coef = mir_coefficients(size[at], quota[cut_j], d)
            used = coef > 0
            entries = [
                (int(c), float(v))
                for c, v in zip(self.pair_col[at[used], cut_j], coef[used], strict=True)
            ]
            self._rows(np.array([-np.inf]), np.array([float(quota[cut_j] // d)]), [entries])
            self.cuts.append((int(cut_j), d, self.n_rows - 1))
        return len(chosen)

    def _columns(
        self, cost: FloatArray, upper: FloatArray, entries: list[list[tuple[int, float]]]
    ) -> int:
        """Whole-number columns with the given (row, value) entries; returns the first index."""
        n = len(cost)
        starts = np.cumsum([0] + [len(e) for e in entries[:-1]]).astype(np.int32)
        index = np.array([r for e in entries for r, _ in e], dtype=np.int32)
        value = np.array([v for e in entries for _, v in e], dtype=float)
        return self.add_columns(cost, np.zeros(n), upper, np.ones(n, dtype=bool), starts[:n],
                                index, value)  # fmt: skip

    def _rows(
        self, lower: FloatArray, upper: FloatArray, entries: list[list[tuple[int, float]]]
    ) -> None:
        starts = np.cumsum([0] + [len(e) for e in entries[:-1]]).astype(np.int32)
        index = np.array([c for e in entries for c, _ in e], dtype=np.int32)
        value = np.array([v for e in entries for _, v in e], dtype=float)
        self.add_rows(lower, upper, starts[: len(lower)], index, value)

    # -- solving -------------------------------------------------------------------------

    def solve_lp(self, deadline: float) -> bool:  # type: ignore[override]
        """Solve the LP relaxation; whether it ended optimal (then duals are at hand)."""
        if not super().solve_lp(deadline - time.perf_counter()):
            return False
        self.x = self.solution()
        self.row_dual = self.row_duals()
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
                self.set_bounds(cols, lower, upper)
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
                self.restore_bounds(np.unique(np.concatenate(changed)))

    def solve_mip(  # type: ignore[override]
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
        vector = self.vector(start)
        keep = np.zeros(0, dtype=np.int64)
        if fixed is not None:
            keep_col = np.zeros(self.n_cols, dtype=bool)
            keep_col[self.pair_col[self.in_model & fixed[:, None]]] = True
            keep_col[self.u_col[fixed]] = True
            keep = np.flatnonzero(keep_col)
        with self.fixed(keep, vector[keep]):
            found = super().solve_mip(
                deadline - time.perf_counter(), vector, target=target, renew=False
            )
        if found.values is None:
            return None
        return self.counts(found.values), found.bound, found.optimal


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
