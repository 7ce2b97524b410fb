"""Calibration (``--calibrate R``): the beds the weekly placement cannot fill, off the model's.

The second stage pools each type's beds nationally and fills them to the
last place. The weekly placement cannot: households are whole, a medical
need goes only where care is, children only to child-suitable locations
within ``max_children``, a family group to one site, and a household
stays where it is unless it must move. So some beds of a type stay free
while persons of a track that may use it have none; the model, counting
them, predicts too few nights without a bed, and most so for a plan that
leaves little slack.

Each round simulates the plan at hand with the weekly placement in the
loop (``simulate``'s own tasks, at ``usable`` capacities as the
evaluation runs them) on the first C of the plan's **own** futures: the
same seeds, so the same chain, in sample; the evaluation's futures stay
unseen. It measures per type t the beds left free in the weeks in which
persons of a track that may use t had no bed,

``lost[t]`` = mean over those (future, week) of ``beds[t] − occupancy[t]``

(0 when no such week occurs), averages it with the rounds before, and
solves the plan model again with ``B[w,t]`` reduced by ``lost[t] / usable``
(``B_child`` no higher than that), from the plan at hand. Rounds end when
the plan no longer changes, or after R. The MIP of the last round is the
contract's model on those beds, solved exactly with its own bound and gap;
``beds.csv`` holds the beds it saw and ``kpis.json`` the loss per round.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from placement.input.scenario import Scenario
from placement.input.settings import SolverSettings
from placement.plan.evaluate import at_usable, usable_plan
from placement.plan.problem import PlanProblem
from placement.plan.results import with_candidates
from placement.plan.solve import PlanSolution, SecondStage, solve_plan
from placement.simulate.run import SimVariant, Task, TaskResult, run_tasks
from placement.simulate.settings import SimulationSettings

#: Futures each round simulates at most (the first of the plan's own).
FUTURES = 4


@dataclass(frozen=True)
class Calibration:
    """What each round found: the plan simulated, its nights, the beds lost per type."""

    rounds: list[dict[str, Any]]
    lost: np.ndarray  # (T,) usable beds per type, as the model last saw them

    def record(self, problem: PlanProblem) -> dict[str, Any]:
        """For ``kpis.json``: the loss per type and every round."""
        return {
            "lost_beds": {t: float(v) for t, v in zip(problem.types, self.lost, strict=True)},
            "rounds": self.rounds,
        }


def lost_beds(results: list[TaskResult], problem: PlanProblem) -> np.ndarray:
    """Per type: the mean beds left free in the weeks a track that may use it had persons short.

    Persons short count at the first type of their track (``simulate``'s
    outlook); beds and occupancy are the week's (``capacity_<type>``, with
    flexible beds, and ``occupancy_<type>`` of ``weeks.csv``).
    """
    firsts = {k: types[0] for k, types in problem.allowed.items() if types}
    users = {t: {f for k, f in firsts.items() if t in problem.allowed[k]} for t in problem.types}
    free: dict[str, list[float]] = {t: [] for t in problem.types}
    for r in results:
        short = pd.DataFrame([o for o in r.outlook if o["province"] == "NL"])
        if short.empty:
            continue
        by_week = short.pivot_table(index="week", columns="type", values="beds_short",
                                    aggfunc="sum", fill_value=0)  # fmt: skip
        for week in r.weeks:
            w = week["week"]
            for t in problem.types:
                if f"capacity_{t}" not in week or w not in by_week.index:
                    continue
                waiting = sum(by_week.loc[w].get(f, 0) for f in users[t])
                if waiting > 0:
                    free[t].append(float(week[f"capacity_{t}"] - week[f"occupancy_{t}"]))
    return np.array([np.mean(free[t]) if free[t] else 0.0 for t in problem.types])


def corrected(problem: PlanProblem, base: PlanProblem, lost: np.ndarray) -> PlanProblem:
    """``base``'s problem with ``lost / usable`` beds of each type taken off every week."""
    u = problem.weights.usable
    beds = np.maximum(base.beds - lost[None, :] / u, 0.0)
    return replace(problem, beds=beds, beds_child=np.minimum(base.beds_child, beds))


def calibrate(
    scenario: Scenario,
    sim: SimulationSettings,
    problem: PlanProblem,
    solution: PlanSolution,
    seeds: list[int],
    rounds: int,
    solver: SolverSettings,
    *,
    taakstelling: pd.DataFrame | None,
    capacity_plan: pd.DataFrame | None,
    client: Any,
) -> tuple[PlanProblem, PlanSolution, Calibration]:
    """Up to ``rounds`` rounds of simulate, measure, correct and solve: the last problem, plan."""
    base = problem
    u = problem.weights.usable
    seen: list[np.ndarray] = []
    done: list[dict[str, Any]] = []
    lost = np.zeros(len(problem.types))
    for n in range(rounds):
        variant = SimVariant(
            f"calibration-{n}",
            at_usable(with_candidates(scenario, problem.candidates, solution.open_week), u),
            sim,
        )
        tasks = [
            Task(variant, r, seed, problem.weeks, taakstelling, usable_plan(capacity_plan, u))
            for r, seed in enumerate(seeds[:FUTURES])
        ]
        results = [r for r in run_tasks(tasks, client) if r.error is None]
        measured = lost_beds(results, problem)
        seen.append(measured)
        lost = np.mean(seen, axis=0)
        simulated = [7.0 * sum(w["unplaced"] for w in r.weeks) for r in results]
        same = SecondStage(problem.with_demand(problem.demand[: len(tasks)]))  # those futures
        predicted = same.nights_without_bed(same.solve(solution.open_week)[1])
        done.append({
            "open_week": solution.open_week.tolist(),
            "futures": len(results),
            "simulated_person_nights_without_bed": float(np.mean(simulated)) if simulated else None,
            "predicted_person_nights_without_bed": predicted,
            "lost_beds": {t: float(v) for t, v in zip(problem.types, measured, strict=True)},
        })  # fmt: skip
        problem = corrected(problem, base, lost)
        again = solve_plan(problem, solver, start_weeks=solution.open_week)
        stable = np.array_equal(again.open_week, solution.open_week)
        solution = again
        if stable:
            break
    return problem, solution, Calibration(done, lost)
