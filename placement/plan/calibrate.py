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
unseen. It measures per week w and type t the beds left free while
persons of a track that may use t, or be held at t, had no bed,

``lost[w, t]`` = mean over the C futures of ``beds[t] − occupancy[t]`` in
week w where such persons waited (0 where none did),

averages it with the rounds before, and solves the plan model again with
``B[w,t]`` reduced by ``lost[w,t] / usable`` (``B_child`` no higher), from
the plan at hand. Rounds end when the plan no longer changes, or after R.
The MIP of the last round is the contract's model on those beds, solved
exactly with its own bound and gap; ``beds.csv`` holds the beds it saw
(and ``lost_beds``) and ``kpis.json`` each round.

Beds free while others wait are not only the placement's grain. The model
may hold a household at any type of a track that leads to its own
(``held``), while the placement holds only those already there: a status
holder is held at a versneld bed in the model, though few status holders
ever were at one; an arrival still waiting for a first bed cannot be held
at all. The free beds measured are what such holding cannot use.
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
    lost: np.ndarray  # (W, T) usable beds, as the model last saw them

    def record(self, problem: PlanProblem) -> dict[str, Any]:
        """For ``kpis.json``: the mean loss per type and every round."""
        return {"lost_beds": _per_type(problem, self.lost), "rounds": self.rounds}


def _per_type(problem: PlanProblem, lost: np.ndarray) -> dict[str, float]:
    """The mean over the weeks of each type's loss."""
    return {t: round(float(v), 3) for t, v in zip(problem.types, lost.mean(axis=0), strict=True)}


def lost_beds(results: list[TaskResult], problem: PlanProblem) -> np.ndarray:
    """``lost[w, t]``: beds of type t left free in week w while a track that may use it waited.

    A track may use t when t is allowed for it or it may be held at t.
    Persons without a bed count at the first type of their track
    (``simulate``'s outlook); beds and occupancy are the week's
    (``capacity_<type>``, with flexible beds, and ``occupancy_<type>`` of
    ``weeks.csv``). The mean over the futures of ``results``.
    """
    firsts = {k: types[0] for k, types in problem.allowed.items() if types}
    may = {k: set(problem.allowed[k]) | set(problem.held.get(k, ())) for k in problem.allowed}
    users = {t: {f for k, f in firsts.items() if t in may[k]} for t in problem.types}
    lost = np.zeros((problem.weeks, len(problem.types)))
    for r in results:
        short: dict[tuple[int, str], int] = {}
        for o in r.outlook:
            if o["province"] == "NL":
                short[o["week"], o["type"]] = short.get((o["week"], o["type"]), 0) + o["beds_short"]
        for week in r.weeks:
            w = int(week["week"])
            if w >= problem.weeks:
                continue
            for i, t in enumerate(problem.types):
                waiting = sum(short.get((w, f), 0) for f in users[t])
                if waiting > 0 and f"capacity_{t}" in week:
                    lost[w, i] += max(0.0, float(week[f"capacity_{t}"] - week[f"occupancy_{t}"]))
    return lost / max(len(results), 1)


def corrected(problem: PlanProblem, base: PlanProblem, lost: np.ndarray) -> PlanProblem:
    """``base``'s problem with ``lost[w, t] / usable`` beds taken off week w's beds of type t."""
    u = problem.weights.usable
    beds = np.maximum(base.beds - lost / u, 0.0)
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
    lost = np.zeros((problem.weeks, len(problem.types)))
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
            "lost_beds": _per_type(problem, measured),
        })  # fmt: skip
        problem = corrected(problem, base, lost)
        again = solve_plan(problem, solver, start_weeks=solution.open_week)
        stable = np.array_equal(again.open_week, solution.open_week)
        solution = again
        if stable:
            break
    return problem, solution, Calibration(done, lost)
