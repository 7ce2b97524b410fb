"""The Pyomo model solved through Pyomo's HiGHS interface (``engine="pyomo"``).

Slower to build than the arrays of :mod:`placement.solve.highs`, and the
same optimum; it is there to read and debug the model as its math, and to
write it as MPS (``--write-model``). Only this module (and
:mod:`placement.model.build`) loads Pyomo, so the default engine never does.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np
import pyomo.environ as pyo
from pyomo.contrib.solver.common.results import SolutionStatus, TerminationCondition
from pyomo.contrib.solver.solvers.highs import Highs

from placement.input.settings import SolverSettings
from placement.model.problem import ProblemData
from placement.solve.highs import (
    SolveResult,
    gap,
    infeasible_error,
    no_solution_error,
    nothing_to_decide,
    whole,
)
from placement.vocab import Status


def solve_pyomo(m: pyo.ConcreteModel, data: ProblemData, params: SolverSettings) -> SolveResult:
    """Solve a Pyomo model with Pyomo's HiGHS interface; same contract as :func:`solve_matrix`."""
    if m.nvariables() == 0:
        return nothing_to_decide(data.constant, len(data.classes))
    started = time.perf_counter()
    result = Highs().solve(
        m,
        time_limit=params.time_limit,
        rel_gap=params.mip_gap,
        abs_gap=params.mip_gap,
        threads=params.threads or None,
        load_solutions=False,
        raise_exception_on_nonoptimal_result=False,
        solver_options={"output_flag": False, "random_seed": 0},
    )
    seconds = time.perf_counter() - started
    term = result.termination_condition
    if term in (TerminationCondition.provenInfeasible, TerminationCondition.infeasibleOrUnbounded):
        raise infeasible_error()
    if result.solution_status not in (SolutionStatus.optimal, SolutionStatus.feasible):
        raise no_solution_error(params, term.name)
    result.solution_loader.load_vars()
    objective = float(result.incumbent_objective)
    bound = result.objective_bound
    bound = float(bound) if bound is not None and math.isfinite(bound) else None
    optimal = term == TerminationCondition.convergenceCriteriaSatisfied
    values = m.assign.extract_values()
    keys = zip(data.pairs["k"].tolist(), data.pairs["l"].tolist(), strict=True)
    unplaced = np.zeros(len(data.classes))
    for k, v in m.unplaced.extract_values().items():
        unplaced[k] = v or 0.0
    return SolveResult(
        status=Status.OPTIMAL if optimal else Status.TIME_LIMIT,
        objective=objective,
        bound=bound,
        mip_gap=0.0 if bound is None and optimal else gap(objective, bound),
        seconds=seconds,
        termination=term.name,
        assign=whole([values[key] or 0.0 for key in keys]),
        unplaced=whole(unplaced),
    )


def write_mps(m: pyo.ConcreteModel, path: Path) -> None:
    """Write the Pyomo model in MPS format with readable names."""
    m.write(str(path), format="mps", io_options={"symbolic_solver_labels": True})
