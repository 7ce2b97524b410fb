"""The plan proven out of sample: new futures with the weekly placement in the loop.

Each variant is the scenario with some candidates added as locations (open
from their week's date), simulated by ``placement simulate``'s own tasks
on R futures whose seeds are independent of the futures the plan was made
on, with common random numbers across the variants:

- ``none``: no candidate opened;
- ``plan``: the plan;
- ``mean``: the plan optimised on the mean demand alone (the expected-value
  plan: what planning for the average future would have chosen);
- ``all``: every candidate from its first week.

Variants that open the same candidates in the same weeks are simulated once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from placement.i18n import N_, _
from placement.input.scenario import Scenario
from placement.input.settings import SolverSettings
from placement.plan.problem import PlanProblem
from placement.plan.results import with_candidates
from placement.plan.solve import NOT_OPENED, SecondStage, solve_plan
from placement.simulate.report import first_shortage, outlook_table, weeks_table
from placement.simulate.run import SimVariant, Task, TaskResult, run_tasks
from placement.simulate.settings import SimulationSettings

VARIANTS = ("none", "plan", "mean", "all")
#: Children who arrived during the run and reached a second forced move, per week (simulate).
MOVED_TWICE = "arrived_children_moved_twice"


@dataclass(frozen=True)
class Evaluation:
    """``evaluation.csv`` and what it was computed from."""

    table: pd.DataFrame
    weeks: pd.DataFrame
    outlook: pd.DataFrame
    open_weeks: dict[str, np.ndarray]


def variant_plans(
    problem: PlanProblem, plan: np.ndarray, solver: SolverSettings
) -> dict[str, np.ndarray]:
    """The opening weeks of each variant."""
    first = problem.candidates["first_week"].to_numpy(dtype=np.int64)
    mean = problem.with_demand(problem.demand.mean(axis=0, keepdims=True))
    return {
        "none": np.full(len(first), NOT_OPENED, dtype=np.int64),
        "plan": np.asarray(plan, dtype=np.int64),
        "mean": solve_plan(mean, solver).open_week,
        "all": np.where(first < problem.weeks, first, NOT_OPENED),
    }


def evaluate(
    scenario: Scenario,
    sim: SimulationSettings,
    problem: PlanProblem,
    plans: dict[str, np.ndarray],
    seeds: list[int],
    *,
    taakstelling: pd.DataFrame | None,
    capacity_plan: pd.DataFrame | None,
    client: Any,
) -> Evaluation:
    """Simulate each variant on the futures of ``seeds``; ``evaluation.csv`` per variant."""
    unique: dict[bytes, str] = {}
    for name, weeks in plans.items():
        unique.setdefault(np.asarray(weeks).tobytes(), name)
    runs = {
        name: SimVariant(name, with_candidates(scenario, problem.candidates, plans[name]), sim)
        for name in unique.values()
    }
    tasks = [
        Task(v, r, seed, problem.weeks, taakstelling, capacity_plan)
        for v in runs.values()
        for r, seed in enumerate(seeds)
    ]
    done = run_tasks(tasks, client)
    results = []
    for name, weeks in plans.items():
        source = unique[np.asarray(weeks).tobytes()]
        results += [_renamed(r, name) for r in done if r.variant == source]
    week_rows = weeks_table(results)
    outlook = outlook_table(results, scenario.gemeenten, sim.spread_target, None)
    stage = SecondStage(problem)
    rows = [_row(name, plans[name], week_rows, outlook, problem, stage) for name in plans]
    return Evaluation(pd.DataFrame(rows), week_rows, outlook, plans)


def _renamed(result: TaskResult, name: str) -> TaskResult:
    return TaskResult(
        name, result.replication, result.seed,
        weeks=[{**w, "variant": name} for w in result.weeks],
        outlook=[{**o, "variant": name} for o in result.outlook],
        error=result.error, seconds=result.seconds,
    )  # fmt: skip


def _row(
    name: str,
    plan: np.ndarray,
    weeks: pd.DataFrame,
    outlook: pd.DataFrame,
    problem: PlanProblem,
    stage: SecondStage,
) -> dict[str, Any]:
    mine = weeks[weeks["variant"] == name] if not weeks.empty else weeks
    per_rep = mine.groupby("replication")
    nights = 7.0 * per_rep["unplaced"].sum().astype(float)
    opened = plan != NOT_OPENED
    which = np.flatnonzero(opened)
    candidate_cost = float(problem.candidate_cost(which, plan[which]).sum())
    spread_cost = stage.solve(plan)[0]["spread"]
    shortage_cost = problem.weights.shortage * float(nights.mean())
    row: dict[str, Any] = {
        "variant": name,
        "opened": int(opened.sum()),
        "opened_places": int(problem.candidates["capacity"].to_numpy()[opened].sum()),
        "person_nights_without_bed_mean": float(nights.mean()),
        "person_nights_without_bed_p90": float(nights.quantile(0.9)),
    }
    first = first_shortage(outlook[outlook["variant"] == name])
    for t in problem.types:
        week = first.get(t, {}).get("p50")
        row[f"first_week_short_{t}"] = "" if week is None else int(week)
    row["child_moves_mean"] = float(per_rep["moved_children"].sum().mean())
    if MOVED_TWICE in mine.columns:
        row["children_moved_twice_mean"] = float(per_rep[MOVED_TWICE].sum().mean())
    row.update(
        candidate_cost=candidate_cost,
        shortage_cost=shortage_cost,
        spread_cost=spread_cost,
        cost=candidate_cost + shortage_cost + spread_cost,
        replications=int(per_rep.ngroups),
    )
    return row


#: The cost parts of the evaluation chart, in words.
COST_WORDS = {
    "candidate_cost": N_("candidate cost"),
    "shortage_cost": N_("shortage cost"),
    "spread_cost": N_("spread cost"),
}


def evaluation_chart(table: pd.DataFrame, path: Path) -> None:
    """Two bar charts: person-nights without a bed (mean, p90 marked) and expected cost."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    names = table["variant"].tolist()
    left.bar(names, table["person_nights_without_bed_mean"], color="#4c72b0")
    left.scatter(names, table["person_nights_without_bed_p90"], color="#c44e52", zorder=3,
                 label="p90")  # fmt: skip
    left.set_title(_("person-nights without a bed (mean, p90)"))
    left.legend()
    parts = ("candidate_cost", "shortage_cost", "spread_cost")
    bottom = np.zeros(len(table))
    for part, colour in zip(parts, ("#55a868", "#c44e52", "#8172b2"), strict=True):
        values = table[part].to_numpy(dtype=float) / 1e6
        right.bar(names, values, bottom=bottom, color=colour, label=_(COST_WORDS[part]))
        bottom += values
    right.set_title(_("expected total cost (million euro)"))
    right.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
