"""``placement plan`` in one call: read the candidates, run the futures, solve, write.

:func:`run_plan` is what the command calls and what a notebook calls; it
prints nothing. The folder is written whole or not at all.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from placement.i18n import decimal, tr, using
from placement.input.scenario import Scenario
from placement.plan.calibrate import calibrate
from placement.plan.evaluate import Evaluation, evaluate, variant_plans
from placement.plan.folder import write_plan_folder
from placement.plan.futures import FutureTask, demand_table, run_futures
from placement.plan.problem import PlanProblem, make_problem
from placement.plan.results import (
    beds_table,
    plan_kpis,
    plan_table,
    reasons,
    with_candidates,
    with_savings,
)
from placement.plan.solve import PlanSolution, SecondStage, solve_plan
from placement.simulate.draws import replication_seeds
from placement.simulate.inputs import capacity_plan_of, simulation_settings, taakstelling_of
from placement.simulate.run import dask_client
from placement.vocab import KPI

Say = Callable[[str], None]


@dataclass(frozen=True)
class PlanRun:
    """What :func:`run_plan` wrote and found."""

    out: Path
    problem: PlanProblem
    solution: PlanSolution
    plan: pd.DataFrame
    kpis: dict[str, Any]
    evaluation: Evaluation | None


def run_plan(
    scenario: Scenario,
    candidates_file: Path,
    out: Path,
    *,
    weeks: int = 52,
    futures: int = 20,
    seed: int = 0,
    evaluate_futures: int = 0,
    workers: int = 1,
    scheduler: str | None = None,
    time_limit: float | None = None,
    mip_gap: float | None = None,
    calibrate_rounds: int = 0,
    force: bool = False,
    say: Say | None = None,
) -> PlanRun:
    """Plan which candidates open when; write ``out``.

    ``calibrate_rounds`` > 0 corrects the beds the model sees by what the
    weekly placement cannot fill, measured on the plan's own futures
    (:mod:`placement.plan.calibrate`).

    Raises
    ------
    PlacementInputError
        When ``candidates.csv``, ``simulation.toml``, ``inflow.csv`` or
        ``capacity_plan.csv`` cannot be used (nothing is written).
    NoSolutionError
        When HiGHS finds no plan within the time limit.
    """
    from placement.input.read import read_candidates
    from placement.output.files import check_target

    tell = say or (lambda text: None)
    check_target(out, force=force)
    candidates = read_candidates(candidates_file, scenario)
    scenario = scenario.with_settings(time_limit=time_limit, mip_gap=mip_gap)
    sim = simulation_settings(scenario.folder)
    taakstelling = taakstelling_of(scenario)
    capacity_plan = capacity_plan_of(sim)
    seeds = replication_seeds(seed, futures + evaluate_futures)
    timings: dict[str, float] = {}
    with dask_client(workers, scheduler) as client:
        started = time.perf_counter()
        tasks = [
            FutureTask(scenario, sim, s, seeds[s], weeks, taakstelling) for s in range(futures)
        ]
        demand = run_futures(tasks, client)
        timings["futures_seconds"] = time.perf_counter() - started
        tell(
            tr(
                "{futures} futures of {weeks} weeks in {seconds} s",
                futures=futures, weeks=weeks, seconds=decimal(timings["futures_seconds"], 1),
            )
        )  # fmt: skip
        problem = make_problem(scenario, candidates, demand, capacity_plan)
        solution = solve_plan(problem, scenario.settings.solver)
        calibration = None
        if calibrate_rounds:
            started = time.perf_counter()
            problem, solution, calibration = calibrate(
                scenario, sim, problem, solution, seeds[:futures], calibrate_rounds,
                scenario.settings.solver, taakstelling=taakstelling,
                capacity_plan=capacity_plan, client=client,
            )  # fmt: skip
            timings["calibrate_seconds"] = time.perf_counter() - started
        tell(
            tr(
                "plan solved ({status}) in {seconds} s",
                status=KPI["status"].shown(solution.status), seconds=decimal(solution.seconds, 1),
            )
        )  # fmt: skip
        started = time.perf_counter()
        stage = SecondStage(problem)
        with using(scenario.settings.language):
            why = reasons(problem, solution, stage)
        timings["reasons_seconds"] = time.perf_counter() - started
        evaluation = None
        if evaluate_futures:
            started = time.perf_counter()
            plans = variant_plans(problem, solution.open_week, scenario.settings.solver)
            evaluation = evaluate(
                scenario, sim, problem, plans, seeds[futures:],
                taakstelling=taakstelling, capacity_plan=capacity_plan, client=client,
            )  # fmt: skip
            timings["evaluate_seconds"] = time.perf_counter() - started
            seconds = timings["evaluate_seconds"]
            tell(
                tr(
                    "evaluated on {futures} new futures in {seconds} s",
                    futures=evaluate_futures, seconds=decimal(seconds, 1),
                )
            )  # fmt: skip
    savings = evaluation.savings if evaluation is not None else None
    if savings is not None:
        with using(scenario.settings.language):
            why = with_savings(problem, solution, why, savings, evaluate_futures)
    table = plan_table(problem, solution, why, savings)
    kpis = plan_kpis(problem, solution, stage)
    kpis.update(
        weeks=weeks, futures=futures, seed=seed, start=scenario.settings.planning_date.isoformat(),
        seeds=seeds[:futures], evaluation_seeds=seeds[futures:], weights={
            "shortage": problem.weights.shortage, "spread": problem.weights.spread,
            "usable": problem.weights.usable, "held": problem.weights.held,
        }, tracks={k: list(v) for k, v in problem.allowed.items()},
        held_at={k: list(v) for k, v in problem.held.items()}, **timings,
    )  # fmt: skip
    if calibration is not None:
        kpis["calibration"] = calibration.record(problem)
    if evaluation is not None:  # the plan's cost minus each other variant's, paired by future
        kpis["evaluation_paired"] = evaluation.paired().to_dict("records")
    write_plan_folder(
        out,
        plan=table,
        demand=demand_table(demand, problem.tracks),
        beds=beds_table(problem, solution.open_week, calibration),
        kpis=kpis,
        scenario=with_candidates(scenario, candidates, solution.open_week),
        evaluation=evaluation.table if evaluation is not None else None,
        evaluation_futures=evaluation.futures if evaluation is not None else None,
        force=force,
    )
    return PlanRun(out, problem, solution, table, kpis, evaluation)
