"""Hand the model to HiGHS and read back what it found.

Three ways to the same optimum (``tests/model/test_matrix.py``,
``tests/test_pricing.py``), and the default that picks one by size:

- ``engine="auto"`` (default): ``highs`` for a model of at most
  :data:`WHOLE_COLUMNS` columns, else ``priced``;
- ``engine="priced"``: the arrays of
  :func:`placement.model.matrix.build_matrix` solved on a candidate set of
  pairs that reduced costs prove complete (:mod:`placement.solve.pricing`);
- ``engine="highs"``: the same arrays with every pair, passed to highspy
  directly, with the current placement as a start;
- ``engine="pyomo"``: :func:`placement.model.build_model` solved through
  Pyomo's HiGHS interface (:mod:`placement.solve.pyomo_engine`); slower to
  build, for reading and debugging.
"""

from __future__ import annotations

import logging
import math
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import highspy
import numpy as np
import numpy.typing as npt

from placement.errors import NoSolutionError, PlacementError
from placement.i18n import _, decimal
from placement.input.settings import SolverSettings
from placement.model.matrix import ModelMatrix
from placement.vocab import Status

logger = logging.getLogger(__name__)
FEASIBLE_SOLUTION = 2  # HiGHS kSolutionStatusFeasible

#: ``auto`` is ``highs`` for a model of at most :data:`WHOLE_COLUMNS` columns, else ``priced``.
ENGINES = ("auto", "priced", "highs", "pyomo")
#: A model this small is solved whole: pricing's rounds and its MIP steps cost
#: more than they save there. 22 generated weekly and rebalance models of 309 to
#: 18,235 columns: whole is as fast or faster up to 1,606 columns (the demo's
#: week 1,058 columns: 65 against 185 ms), pricing from 2,027 columns on (4,926
#: columns: 0.2 against 0.7 s; 18,235: 0.6 against 6.1 s).
WHOLE_COLUMNS = 2_000

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class SolveResult:
    """What the solver reports, and the solution as whole numbers per pair and class."""

    status: Status
    objective: float | None
    bound: float | None
    mip_gap: float | None
    seconds: float
    termination: str
    assign: IntArray
    unplaced: IntArray


def new_highs() -> highspy.Highs:
    """A HiGHS instance that prints nothing.

    Newer HiGHS versions print a banner to standard output when the first
    instance of a process is made, before any option can silence it; it is
    held back here so that a run's output stays the program's own.
    """
    global _banner_shown
    if _banner_shown:
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        return h
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    _banner_shown = True
    h.setOptionValue("output_flag", False)
    return h


_banner_shown = False
_scheduler = threading.local()


def set_threads(h: highspy.Highs, threads: int) -> None:
    """Let ``h`` run on ``threads`` threads (0: HiGHS's default).

    HiGHS keeps one task scheduler per calling thread, made by the first run
    with that thread's count; a later run asking for another count fails
    without solving. A simulation task asks for 1 thread where the runs
    before it (in the same process) used the default, so the scheduler is
    made afresh whenever the count asked for changes.
    """
    if not threads:
        return
    if getattr(_scheduler, "threads", None) != threads:
        highspy.Highs.resetGlobalScheduler(True)
        _scheduler.threads = threads
    h.setOptionValue("threads", int(threads))


def checked(status: highspy.HighsStatus, call: str) -> None:
    """Raise when a HiGHS call failed: the model HiGHS holds is then not the one we think.

    HiGHS reports a rejected change (a column index out of range, say) by its
    return status only and leaves the model as it was; carrying on would solve
    another model than the one whose bound and objective are reported.
    """
    if status == highspy.HighsStatus.kError:
        raise RuntimeError(f"HiGHS rejected {call}")


def set_time_left(h: highspy.Highs, seconds: float) -> None:
    """Let ``h``'s next run take at most ``seconds`` (at least a millisecond).

    HiGHS (before 2.0) holds ``time_limit`` against its run time summed over
    every run of the instance, not the next run's: a model solved again and
    again (pricing rounds) would otherwise be stopped early, and a late run
    would be given time that is already gone.
    """
    h.setOptionValue("time_limit", h.getRunTime() + max(1e-3, seconds))


def run_model(h: highspy.Highs) -> highspy.HighsModelStatus:
    """``h.run()`` and its model status; raise when HiGHS refused to start.

    HiGHS reports a run it would not start (its threads at odds with the
    scheduler, say) by its return status only, leaving the model status
    "not set": read as "no solution found", that would blame the time limit.
    """
    h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kNotset:
        raise RuntimeError("HiGHS refused to run the model")
    return status


def run_trusted(
    h: highspy.Highs | Callable[[], highspy.Highs],
    cost: npt.NDArray[np.float64],
    offset: float,
    run: Callable[[], object],
) -> None:
    """Run a MIP by ``run()``; if HiGHS's objective is not its solution's cost, run it again fresh.

    HiGHS 1.16.0 can, after presolve, return a start solution as optimal
    with an objective (and a bound) that solution does not have. Without the
    start the same model is solved right, so the solve is repeated from
    scratch. A second disagreement is an error: nothing it says can be trusted.
    ``h`` is the instance ``run()`` solves, or what names it after each run
    (a run may hand the model to a new instance).
    """

    def ran() -> highspy.Highs:
        return h if isinstance(h, highspy.Highs) else h()

    run()
    if _agrees(ran(), cost, offset):
        return
    logger.info("HiGHS reported an objective its solution does not have; solving again")
    ran().clearSolver()
    run()
    if not _agrees(ran(), cost, offset):
        raise RuntimeError("HiGHS reports an objective its own solution does not have")


def _agrees(h: highspy.Highs, cost: npt.NDArray[np.float64], offset: float) -> bool:
    info = h.getInfo()
    if info.primal_solution_status != FEASIBLE_SOLUTION:
        return True  # no solution, nothing to disagree with
    own = float(cost @ np.asarray(h.getSolution().col_value) + offset)
    return abs(own - info.objective_function_value) <= 1e-6 * max(1.0, abs(own))


def infeasible_error() -> PlacementError:
    """The error for a model without any feasible placement."""
    # Everyone who may lose a bed has an unplaced option, so infeasibility
    # means pinned households and residents who must stay do not fit.
    return PlacementError(
        "the rules leave no feasible placement: residents who must stay and pinned "
        "households do not fit together; check overrides.csv"
    )


def no_solution_error(params: SolverSettings, why: str) -> NoSolutionError:
    """The error for a solve that ended without a solution (exit status 3)."""
    return NoSolutionError(
        _("HiGHS found no solution within {seconds} s ({why}); raise --time-limit").format(
            seconds=decimal(params.time_limit), why=why
        )
    )


def gap(objective: float, bound: float | None) -> float | None:
    """The contract's gap: ``(objective - bound) / max(1, |objective|)``."""
    if bound is None or not math.isfinite(bound):
        return None
    return max(0.0, objective - bound) / max(1.0, abs(objective))


#: Rounding in the objective's sum: a gap this small counts as none.
GAP_TOLERANCE = 1e-9


def within_gap(objective: float | None, bound: float | None, asked: float) -> bool:
    """Whether ``objective`` is proven within the asked relative gap of ``bound``."""
    if objective is None:
        return False
    achieved = gap(objective, bound)
    return achieved is not None and achieved <= asked + GAP_TOLERANCE


def whole(values: npt.ArrayLike) -> IntArray:
    """Round solver values to whole numbers."""
    return np.rint(np.asarray(values, dtype=float)).astype(np.int64)


def nothing_to_decide(objective: float, n_classes: int) -> SolveResult:
    """Everyone stays: the objective is the stayers' constant, proven optimal."""
    empty = np.zeros(0, dtype=np.int64)
    return SolveResult(
        status=Status.OPTIMAL,
        objective=objective,
        bound=objective,
        mip_gap=0.0,
        seconds=0.0,
        termination="nothing to decide",
        assign=empty,
        unplaced=np.zeros(n_classes, dtype=np.int64),
    )


# --- highspy -----------------------------------------------------------------


def solve_matrix(
    mm: ModelMatrix,
    n_classes: int,
    params: SolverSettings,
    start: npt.NDArray[np.float64] | None = None,
) -> SolveResult:
    """Solve the arrays with highspy to ``mip_gap`` (relative and absolute).

    Setting the absolute gap to the same number keeps the objective within
    ``mip_gap × max(1, |objective|)`` of the optimum, as the contract asks.

    Raises
    ------
    NoSolutionError
        When HiGHS ends without any feasible solution.
    """
    if mm.shape[1] == 0:
        return nothing_to_decide(mm.offset, n_classes)
    h = new_highs()
    for option, value in _options(params).items():
        h.setOptionValue(option, value)
    set_threads(h, params.threads)
    checked(h.passModel(lp_from_matrix(mm)), "the model")
    if start is not None:
        solution = highspy.HighsSolution()
        solution.col_value = list(start)
        solution.value_valid = True
        h.setSolution(solution)
    started = time.perf_counter()
    run_trusted(h, mm.cost, mm.offset, lambda: run_model(h))
    seconds = time.perf_counter() - started
    status = h.getModelStatus()
    info = h.getInfo()
    if status in (
        highspy.HighsModelStatus.kInfeasible,
        highspy.HighsModelStatus.kUnboundedOrInfeasible,
    ):
        raise infeasible_error()
    if info.primal_solution_status != FEASIBLE_SOLUTION:
        raise no_solution_error(params, h.modelStatusToString(status))
    values = np.asarray(h.getSolution().col_value)
    objective = float(mm.cost @ values + mm.offset)
    optimal = status == highspy.HighsModelStatus.kOptimal
    bound = float(info.mip_dual_bound) if mm.integer.any() else objective
    return SolveResult(
        status=Status.OPTIMAL if optimal else Status.TIME_LIMIT,
        objective=objective,
        bound=bound if math.isfinite(bound) else None,
        mip_gap=gap(objective, bound),
        seconds=seconds,
        termination=h.modelStatusToString(status),
        assign=whole(values[mm.blocks["assign"]]),
        unplaced=whole(mm.per_class_unplaced(values, n_classes)),
    )


def _options(params: SolverSettings) -> dict[str, bool | int | float | str]:
    options: dict[str, bool | int | float | str] = {
        "output_flag": False,
        "time_limit": float(params.time_limit),
        "mip_rel_gap": float(params.mip_gap),
        "mip_abs_gap": float(params.mip_gap),
        "random_seed": 0,
    }
    return options


def lp_from_matrix(mm: ModelMatrix) -> highspy.HighsLp:
    """The arrays as a HiGHS model (integrality set only where ``mm.integer``)."""
    lp = highspy.HighsLp()
    n_rows, n_cols = mm.shape
    lp.num_col_, lp.num_row_ = n_cols, n_rows
    lp.col_cost_ = mm.cost
    lp.offset_ = mm.offset
    lp.col_lower_, lp.col_upper_ = mm.col_lower, mm.col_upper
    lp.row_lower_, lp.row_upper_ = mm.row_lower, mm.row_upper
    start, index, value = mm.csc()
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n_cols, n_rows
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = start, index, value
    if mm.integer.any():
        lp.integrality_ = [
            highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous
            for i in mm.integer
        ]
    return lp
