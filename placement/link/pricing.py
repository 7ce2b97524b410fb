"""Reduced costs of every allowed pair of the full model, from the master's duals.

The full model has a column for every (class, gemeente) the household fits;
the master holds a few. With the master's row duals, ``rc = c - a^T y`` of
every pair is one dense class x gemeente array: pairs below zero join the
master until none is left (then its LP is the full model's), and after
branching the same array says which pairs could still beat an incumbent.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from placement.link.master import Families, Master, mir_coefficients
from placement.link.problem import LinkProblem
from placement.solve.engine import PER_ROUND, TOLERANCE, lagrangian

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: Nearest allowed gemeenten per class in the first candidate set.
FIRST = 6


class Pricer:
    """Reduced costs of every allowed pair of the full model, from the master's duals."""

    def __init__(self, problem: LinkProblem, families: Families) -> None:
        self.cost = problem.pair_cost
        self.allowed = problem.allowed
        self.size = problem.classes["size"].to_numpy(float)
        self.quota = problem.gemeenten["quota"].to_numpy()
        self.count = problem.classes["count"].to_numpy(float)
        self.families = families

    def reduced_costs(self, master: Master) -> FloatArray:
        """``c_{k,j} - pi_k - n_k mu_j - (cuts at j)`` for every pair, omitted family rows aside."""
        pi, mu, _ = master.duals()
        rc = self.cost - pi[:, None] - self.size[:, None] * mu[None, :]
        assert master.row_dual is not None
        for j, divisor, row in master.cuts:
            rc[:, j] -= mir_coefficients(self.size, self.quota[j], divisor) * master.row_dual[row]
        return rc

    def lagrangian(self, rc: FloatArray, candidates: BoolArray) -> float:
        """The omitted pairs' share of a bound on the full model: their negative rc x N_k.

        With the omitted family rows' duals at 0 the duals are feasible for
        the Lagrangian relaxation, whatever the round: weaker than the priced
        LP, but at hand when time runs out before pricing ends.
        """
        return lagrangian(0.0, rc, self.count[:, None], self.allowed & ~candidates)

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
