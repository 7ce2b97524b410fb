"""Hand a built model to HiGHS and read back what it found."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path

import pyomo.environ as pyo
from pyomo.contrib.solver.common.results import SolutionStatus, TerminationCondition
from pyomo.contrib.solver.solvers.highs import Highs

from placement.exceptions import NoSolutionError, PlacementError
from placement.settings import SolverSettings

#: Status names of the contract.
OPTIMAL, TIME_LIMIT, NO_SOLUTION = "optimal", "time_limit", "no_solution"


@dataclass(frozen=True)
class SolveResult:
    """What the solver reports, with the solution loaded into the model."""

    status: str
    objective: float | None
    bound: float | None
    mip_gap: float | None
    seconds: float
    termination: str

    @property
    def has_solution(self) -> bool:
        """Whether a feasible solution was found (and loaded)."""
        return self.objective is not None


def solve(m: pyo.ConcreteModel, params: SolverSettings) -> SolveResult:
    """Solve ``m`` with HiGHS to the relative gap ``params.mip_gap``.

    The absolute gap is set to the same number, so the objective is within
    ``mip_gap × max(1, |objective|)`` of the optimum, as the contract asks.

    Raises
    ------
    NoSolutionError
        When HiGHS ends without any feasible solution.
    """
    solver = Highs()
    started = time.perf_counter()
    result = solver.solve(
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
    found = result.solution_status in (SolutionStatus.optimal, SolutionStatus.feasible)
    if term in (TerminationCondition.provenInfeasible, TerminationCondition.infeasibleOrUnbounded):
        # The model has an unplaced option for everyone who may lose a bed;
        # infeasibility means pins and stayers leave no room. Report it.
        raise PlacementError(
            "the rules leave no feasible placement: residents who must stay and pinned "
            "households do not fit together; check overrides.csv"
        )
    if not found:
        raise NoSolutionError(
            f"HiGHS found no solution within {params.time_limit:g} s "
            f"({term.name}); raise --time-limit"
        )
    result.solution_loader.load_vars()
    objective = float(result.incumbent_objective)
    bound = result.objective_bound
    bound = float(bound) if bound is not None and math.isfinite(bound) else None
    optimal = term == TerminationCondition.convergenceCriteriaSatisfied
    gap = 0.0 if bound is None and optimal else _gap(objective, bound)
    return SolveResult(
        status=OPTIMAL if optimal else TIME_LIMIT,
        objective=objective,
        bound=bound,
        mip_gap=gap,
        seconds=seconds,
        termination=term.name,
    )


def _gap(objective: float, bound: float | None) -> float | None:
    if bound is None:
        return None
    return max(0.0, objective - bound) / max(1.0, abs(objective))


def write_mps(m: pyo.ConcreteModel, path: Path) -> None:
    """Write the model in MPS format with readable names."""
    m.write(str(path), format="mps", io_options={"symbolic_solver_labels": True})
