"""The library's front door: read, solve and write a scenario in one call each.

The command line and the notebooks call these; nothing here prints.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from placement.deadline import SOLVER_MARGIN, SOLVER_SLACK, Deadline, reasons_seconds
from placement.errors import NoSolutionError
from placement.i18n import N_, _, progress_teller, using
from placement.input.scenario import Scenario
from placement.input.settings import SolverSettings
from placement.model.matrix import ModelMatrix, build_matrix
from placement.model.prepare import prepare
from placement.model.problem import ProblemData
from placement.results.outcome import Outcome, household_destinations, outcome, without_reasons
from placement.solve.heuristics import current_start, greedy, planner_order
from placement.solve.highs import ENGINES, WHOLE_COLUMNS, SolveResult, solve_matrix
from placement.solve.pricing import PricingLog, solve_priced
from placement.solve.shortcuts import shortcut
from placement.vocab import Status

Progress = Callable[[str], None]
#: Steps of a run at INFO (counts only, never a person's data).
logger = logging.getLogger(__name__)


def run(
    scenario: Scenario,
    *,
    write_model: Path | None = None,
    progress: Progress | None = None,
    engine: str = "auto",
    reasons: bool = True,
    deadline: Deadline | None = None,
    log: PricingLog | None = None,
) -> Outcome:
    """Place a scenario: prepare, build, solve, and turn the solution into tables.

    Parameters
    ----------
    scenario
        A validated scenario (:func:`placement.input.read.read_scenario`).
    write_model
        Also write the model in MPS format to this path.
    progress
        Called with a short description before each step.
    engine
        ``"priced"`` (fast, see :mod:`placement.solve.pricing`), ``"highs"`` (every
        pair handed to highspy) or ``"pyomo"`` (the Pyomo model); all reach
        the same optimum. ``"auto"``: ``"highs"`` for a model of at most
        :data:`~placement.solve.highs.WHOLE_COLUMNS` columns, else
        ``"priced"``; ``kpis["engine"]`` names the one that solved.
    reasons
        Work out each household's reason and limits (``False``: figures
        only, for the simulation; see :func:`placement.results.outcome.outcome`).
    deadline
        When the run must be done, writing up included (default: the
        solver's time limit from now). The solver gets what is left after
        the reasons' expected time; when the solve leaves too little for
        them, the reasons are left out and ``kpis["reduced"]`` says so.
    log
        Filled with what pricing did (engine ``"priced"``): its rounds and
        the pairs at each stage, for a benchmark. The KPIs carry its main
        figures (``pairs``, ``candidate_pairs``, ``lp_seconds``, ``lp_bound``).

    Raises
    ------
    PlacementInputError
        When overrides ask for what the rules forbid.
    NoSolutionError
        When HiGHS finds no solution within the time limit.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")

    say = progress_teller(progress, scenario.settings.language, logger.info)

    timings: dict[str, Any] = {}
    faults = 0  # shortcuts that raised (see placement.solve.shortcuts)
    t0 = time.perf_counter()
    params = scenario.settings.solver
    deadline = deadline or Deadline.after(params.time_limit, since=t0)
    say(N_("preparing"))
    data = prepare(scenario)
    timings["prepare_seconds"] = time.perf_counter() - t0
    say(N_("building the model ({n} placement options)"), n=data.n_pairs)
    t0 = time.perf_counter()
    if engine == "pyomo" or write_model is not None:
        from placement.model.build import build_model  # Pyomo: only for this engine
        from placement.solve.pyomo_engine import solve_pyomo, write_mps

        m = build_model(data)
        if write_model is not None:
            write_mps(m, write_model)
    if engine == "pyomo":
        shape = (m.nconstraints(), m.nvariables())
        timings["build_seconds"] = time.perf_counter() - t0
        say(N_("solving with HiGHS"))
        solved = solve_pyomo(m, data, solver_budget(params, deadline, data, reasons))
    else:
        mm = build_matrix(data)
        shape = mm.shape
        whole = engine == "auto" and shape[1] <= WHOLE_COLUMNS
        engine = "highs" if whole else "priced" if engine == "auto" else engine
        log = log if log is not None else PricingLog()
        start = shortcut("current start", lambda: current_start(data, mm), lambda: None, log)
        timings["build_seconds"] = time.perf_counter() - t0
        say(N_("solving with HiGHS"))
        budget = solver_budget(params, deadline, data, reasons)
        if engine == "highs":
            try:
                solved = solve_matrix(mm, len(data.classes), budget, start)
                x = mm.blocks["assign"]
                log.pairs = log.candidates_final = x.stop - x.start  # every pair held
            except NoSolutionError:
                if not whole:
                    raise
                engine = "priced"  # nothing in time: pricing has a placement at hand
                budget = solver_budget(params, deadline, data, reasons)
        if engine == "priced":
            solved = solve_priced(data, mm, budget, start, log)
            solved = _go_on(data, mm, params, deadline, reasons, solved, log)
        timings.update(
            lp_seconds=log.lp_seconds,
            lp_bound=log.lp_bound,
            pairs=log.pairs,
            candidate_pairs=log.candidates_final,
        )
        faults = log.heuristic_faults
    say(N_("writing up the result"))
    t0 = time.perf_counter()
    dest = household_destinations(data, solved.assign, solved.unplaced)
    extra: dict[str, Any] = {
        "mode": scenario.settings.mode,
        "landscape": scenario.settings.landscape.name if scenario.settings.landscape else None,
        "planning_date": scenario.settings.planning_date.isoformat(),
        "engine": engine,
        "heuristic_faults": faults,
        "variables": shape[1],
        "constraints": shape[0],
        "classes": len(data.classes),
        **timings,
    }
    short = reasons and deadline.left() < reasons_seconds(
        len(data.households), deadline.read_seconds
    )
    if short:
        logger.info("too little time left for the reasons: written without them")
    result = outcome(scenario, data, dest, solved, extra, reasons=reasons and not short)
    if short:
        with using(scenario.settings.language):
            result = without_reasons(result, _(REASONS_LEFT_OUT))
    result.kpis["results_seconds"] = time.perf_counter() - t0
    return result


def planner_baseline(scenario: Scenario, data: ProblemData | None = None) -> Outcome:
    """What a planner placing by hand would propose, reported as a run is: a baseline.

    Each decided household, residents first, at its cheapest location with
    room (:func:`placement.solve.heuristics.greedy`); no solver, so no bound
    (``status`` is ``time_limit``: nothing is proven). The benchmark holds
    :func:`run` against it.

    Parameters
    ----------
    scenario
        A validated scenario.
    data
        The scenario prepared already (:func:`placement.model.prepare.prepare`);
        prepared here when not given.
    """
    data = data if data is not None else prepare(scenario)
    dest = greedy(data, planner_order(data))
    none = np.zeros(0, dtype=np.int64)
    solved = SolveResult(Status.TIME_LIMIT, None, None, None, 0.0, "greedy", none, none)
    return outcome(scenario, data, dest, solved, {})


#: The reason a household gets when the time limit left no time to work them out.
REASONS_LEFT_OUT = N_("not worked out: the time limit left no time (run again with a longer one)")
#: The solver's least share of the time limit, however little the run has left.
LEAST_SOLVE_SHARE = 0.05


def solver_budget(
    params: SolverSettings, deadline: Deadline, data: ProblemData, reasons: bool
) -> SolverSettings:
    """The solver settings with what the deadline leaves, the reasons' time kept back.

    Never more than the settings' own time limit, never less than
    :data:`LEAST_SOLVE_SHARE` of it; ``reasons``: the run works them out.
    """
    seconds = max(LEAST_SOLVE_SHARE * params.time_limit, _solver_left(deadline, data, reasons))
    return replace(params, time_limit=min(params.time_limit, seconds))


def _solver_left(deadline: Deadline, data: ProblemData, reasons: bool) -> float:
    """Seconds the solver may still take: what is left, the reasons' time kept back."""
    keep = reasons_seconds(len(data.households), deadline.read_seconds) if reasons else 0.0
    return (deadline.left() - keep) * (1.0 - SOLVER_SLACK) - SOLVER_MARGIN


#: Least seconds worth solving on after a solve stopped at its budget, and
#: least share of the limit.
GO_ON_SECONDS = 0.2
GO_ON_SHARE = 0.1


def _go_on(
    data: ProblemData,
    mm: ModelMatrix,
    params: SolverSettings,
    deadline: Deadline,
    reasons: bool,
    solved: SolveResult,
    log: PricingLog,
) -> SolveResult:
    """Solve on while a solve stopped at its budget and the deadline leaves time.

    Pricing keeps a share of its budget for branching, and a MIP is given a
    little less than is left; a run can so stop short of the optimum with
    time to spare. Each further solve starts from the best placement so far
    and keeps it unless it finds a better one or proves it. The result's
    ``seconds`` are those of every solve (``kpis["solve_seconds"]``).
    """
    from placement.results.outcome import household_destinations
    from placement.solve.heuristics import start_vector

    spent = solved.seconds  # the seconds of every solve, kept or not
    while solved.status != Status.OPTIMAL:
        left = min(_solver_left(deadline, data, reasons), params.time_limit)
        if left < max(GO_ON_SECONDS, GO_ON_SHARE * params.time_limit):
            break
        dest = household_destinations(data, solved.assign, solved.unplaced)
        start = start_vector(data, mm, dest)
        logger.info("stopped at the budget with %.1f s left: solving on", left)
        again_log = PricingLog()
        again = solve_priced(data, mm, replace(params, time_limit=left), start, again_log)
        spent += again.seconds
        log.heuristic_faults += again_log.heuristic_faults
        assert again.objective is not None and solved.objective is not None
        proven = again.status == Status.OPTIMAL
        if not proven and again.objective >= solved.objective - 1e-9:
            break  # nothing gained in what was left
        solved = again
    return replace(solved, seconds=spent)
