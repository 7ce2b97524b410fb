"""Solve the plan model with HiGHS; price a given plan's second stage for the reasons.

The model HiGHS is given is the whole model of the contract, so its dual
bound is a bound valid for the contract's model, and the gap reported is
``(objective - bound) / max(1, |objective|)`` of the plan written.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np

from placement.errors import NoSolutionError
from placement.i18n import _, decimal
from placement.input.settings import SolverSettings
from placement.model.matrix import ModelMatrix
from placement.plan.model import PlanIndex, build_plan_matrix
from placement.plan.problem import PlanProblem
from placement.solve.highs import (
    FEASIBLE_SOLUTION,
    checked,
    gap,
    lp_from_matrix,
    new_highs,
    run_model,
    run_trusted,
    set_threads,
    within_gap,
)
from placement.vocab import Status

#: No week: the candidate is not opened.
NOT_OPENED = -1


@dataclass(frozen=True)
class PlanSolution:
    """The plan found: each candidate's opening week (``NOT_OPENED``), and how good it is."""

    open_week: np.ndarray
    status: Status
    objective: float
    bound: float | None
    mip_gap: float | None
    seconds: float
    values: np.ndarray


def solve_plan(
    problem: PlanProblem, solver: SolverSettings, start_weeks: np.ndarray | None = None
) -> PlanSolution:
    """Solve the plan model to ``solver.mip_gap`` within ``solver.time_limit``.

    ``start_weeks`` (a plan's opening weeks, e.g. the expected-value plan's)
    is handed to HiGHS as a first solution, its second stage solved as an
    LP; without it the start opens nothing.

    Raises
    ------
    NoSolutionError
        When HiGHS ends without any plan.
    """
    mm, ix = build_plan_matrix(problem)
    started = time.perf_counter()
    h = new_highs()
    for option, value in {
        "time_limit": float(solver.time_limit),
        "mip_rel_gap": float(solver.mip_gap),
        "mip_abs_gap": float(solver.mip_gap),
        "random_seed": 0,
        # The plan MIP's LP is large and its few open weeks are settled by
        # cuts at the root: RENS and RINS sub-MIPs there cost more than they
        # find (five instances, demo and national: 137 s to 114 s in all,
        # the same plans; benchmarks/results/loop-experiments.json).
        "mip_heuristic_run_rens": False,
        "mip_heuristic_run_rins": False,
        # Nor the root reduced-cost sub-MIP: seven plans (demo and national)
        # in 135 s instead of 181 s, the same plans, proven closer.
        "mip_heuristic_run_root_reduced_cost": False,
    }.items():
        h.setOptionValue(option, value)
    set_threads(h, solver.threads)
    checked(h.passModel(lp_from_matrix(mm)), "the plan model")
    # Any plan is feasible, so a time limit always ends with one.
    weeks = start_weeks if start_weeks is not None else np.full(len(problem.candidates), NOT_OPENED)
    start = SecondStage(problem, mm, ix).solve(np.asarray(weeks, dtype=np.int64))[1]
    solution = highspy.HighsSolution()
    solution.col_value = list(start)
    solution.value_valid = True
    h.setSolution(solution)
    run_trusted(h, mm.cost, mm.offset, lambda: run_model(h))
    info = h.getInfo()
    if info.primal_solution_status != FEASIBLE_SOLUTION:
        raise NoSolutionError(
            _("HiGHS found no plan within {seconds} s; raise --time-limit").format(
                seconds=decimal(solver.time_limit)
            )
        )
    values = np.asarray(h.getSolution().col_value)
    objective = float(mm.cost @ values)
    dual = float(info.mip_dual_bound) if mm.integer.any() else objective
    bound = min(dual, objective) if np.isfinite(dual) else None
    status = Status.OPTIMAL if within_gap(objective, bound, solver.mip_gap) else Status.TIME_LIMIT
    return PlanSolution(
        open_week=open_weeks(values, ix, len(problem.candidates)),
        status=status,
        objective=objective,
        bound=bound,
        mip_gap=gap(objective, bound),
        seconds=time.perf_counter() - started,
        values=values,
    )


def open_weeks(values: np.ndarray, ix: PlanIndex, n: int) -> np.ndarray:
    """Each candidate's opening week in a solution (``NOT_OPENED`` when it is not opened)."""
    out = np.full(n, NOT_OPENED, dtype=np.int64)
    chosen = np.rint(values[ix.blocks["open"]]) >= 1
    out[ix.open_c[chosen]] = ix.open_w[chosen]
    return out


class SecondStage:
    """The model with the opening weeks fixed: an LP, re-solved warm for each plan asked."""

    def __init__(
        self, problem: PlanProblem, mm: ModelMatrix | None = None, ix: PlanIndex | None = None
    ) -> None:
        if mm is None or ix is None:
            mm, ix = build_plan_matrix(problem)
        self.problem, self.mm, self.ix = problem, mm, ix
        self.h = new_highs()
        set_threads(self.h, 1)
        lp = lp_from_matrix(mm)
        lp.integrality_ = []
        checked(self.h.passModel(lp), "the second stage")

    def solve(self, open_week: np.ndarray) -> tuple[dict[str, float], np.ndarray]:
        """The objective terms of the plan ``open_week`` and the model's values."""
        ix, b = self.ix, self.mm.blocks
        fixed = (open_week[ix.open_c] == ix.open_w).astype(float)
        cols = np.arange(b["open"].start, b["open"].stop, dtype=np.int32)
        if len(cols):
            checked(self.h.changeColsBounds(len(cols), cols, fixed, fixed), "fixing the plan")
        run_model(self.h)
        values = np.asarray(self.h.getSolution().col_value)
        return terms(self.mm, values), values

    def short(self, values: np.ndarray) -> np.ndarray:
        """``short[s, w]`` summed over tracks and groups."""
        return self.short_by_track(values).sum(axis=2)

    def short_by_track(self, values: np.ndarray) -> np.ndarray:
        """``short[s, w, k]`` summed over groups."""
        p = self.problem
        flat = values[self.mm.blocks["short"]]
        return flat.reshape(p.futures, p.weeks, len(p.tracks), 2).sum(axis=3)

    def nights_without_bed(self, values: np.ndarray) -> float:
        """Expected person-nights without a bed: ``(7 / S) Σ short``."""
        return float(7.0 * values[self.mm.blocks["short"]].sum() / max(self.problem.futures, 1))


#: The objective's terms, by name, and the block of columns each is the cost of.
TERMS = {"candidates": "open", "shortage": "short", "held": "held", "spread": "below"}


def terms(mm: ModelMatrix, values: np.ndarray) -> dict[str, float]:
    """The objective's terms (``candidates``, ``shortage``, ``held``, ``spread``) of a solution."""
    return {
        name: float(mm.cost[mm.blocks[block]] @ values[mm.blocks[block]])
        for name, block in TERMS.items()
    }
