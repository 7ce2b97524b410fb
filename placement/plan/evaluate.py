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

The same physics in and out of sample: the weekly placements see every
location's ``capacity`` and ``flex_capacity`` (and the capacity plan's)
times ``usable``, rounded down, as the model counts its beds; and a
household the placement holds at a type its track no longer allows (it
stays where it is) is what the model calls *held*. ``cost`` values each
variant as the objective does, in one unit: the candidates' cost, plus
``shortage`` per evaluated person-night without a bed, ``held`` per
evaluated person-night held, and the spread term of its beds. Beside the
evaluated nights stands the model's own prediction for the variant:
the second stage solved on the plan's S futures with its openings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
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
    """``evaluation.csv`` and what it was computed from.

    ``savings``: per candidate, the person-nights without a bed it saved in
    the evaluation (:func:`site_savings`; NaN for a candidate the plan does
    not open).
    """

    table: pd.DataFrame
    weeks: pd.DataFrame
    outlook: pd.DataFrame
    open_weeks: dict[str, np.ndarray]
    savings: np.ndarray
    futures: pd.DataFrame  # evaluation_futures.csv: each variant in each future

    def paired(self, variant: str = "plan", level: float = 0.9) -> pd.DataFrame:
        """``variant``'s cost minus each other variant's, paired by future: mean and interval.

        The interval is the percentile bootstrap of the mean difference at
        ``level`` over the futures (10,000 resamples, seed 0), so it needs
        no assumption on how costs spread; ``wins`` counts the futures in
        which ``variant`` costs no more.
        """
        f = self.futures.pivot(index="future", columns="variant", values="cost")
        rng = np.random.default_rng(0)
        rows = []
        for other in (v for v in f.columns if v != variant):
            d = (f[variant] - f[other]).to_numpy(dtype=float)
            means = d[rng.integers(0, len(d), size=(10_000, len(d)))].mean(axis=1)
            low, high = np.quantile(means, [(1 - level) / 2, (1 + level) / 2])
            rows.append({"versus": other, "mean": float(d.mean()), "low": float(low),
                         "high": float(high), "wins": int((d <= 0).sum()),
                         "futures": len(d)})  # fmt: skip
        return pd.DataFrame(rows)


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
    u = problem.weights.usable
    runs = {
        name: SimVariant(
            name, at_usable(with_candidates(scenario, problem.candidates, plans[name]), u), sim
        )
        for name in unique.values()
    }
    plan_usable = usable_plan(capacity_plan, u)
    tasks = [
        Task(v, r, seed, problem.weeks, taakstelling, plan_usable)
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
    per_future = pd.concat(
        [_per_future(name, plans[name], week_rows, problem, stage) for name in plans],
        ignore_index=True,
    )
    short = short_by_first_type(results, problem)
    savings = site_savings(problem, plans["plan"], short["none"] - short["plan"])
    return Evaluation(pd.DataFrame(rows), week_rows, outlook, plans, savings, per_future)


def _per_future(
    name: str, plan: np.ndarray, weeks: pd.DataFrame, problem: PlanProblem, stage: SecondStage
) -> pd.DataFrame:
    """One row per future of a variant: its nights without a bed, held, and its cost."""
    mine = weeks[weeks["variant"] == name].groupby("replication")
    nights = 7.0 * mine["unplaced"].sum().astype(float)
    held = 7.0 * mine["wrong_type_persons"].sum().astype(float)
    which = np.flatnonzero(plan != NOT_OPENED)
    fixed = float(problem.candidate_cost(which, plan[which]).sum()) + stage.solve(plan)[0]["spread"]
    w = problem.weights
    return pd.DataFrame({
        "variant": name,
        "future": nights.index.to_numpy(),
        "person_nights_without_bed": nights.to_numpy(),
        "held_person_nights": held.to_numpy(),
        "cost": fixed + w.shortage * nights.to_numpy() + w.held * held.to_numpy(),
    })  # fmt: skip


def short_by_first_type(results: list[TaskResult], problem: PlanProblem) -> dict[str, np.ndarray]:
    """Per variant: persons without a bed ``[week, type]``, mean over the futures.

    A person without a bed counts at the first type its track allows (as
    ``simulate``'s outlook counts them).
    """
    out: dict[str, np.ndarray] = {}
    counts: dict[str, int] = {}
    index = {t: i for i, t in enumerate(problem.types)}
    for r in results:
        grid = out.setdefault(r.variant, np.zeros((problem.weeks, len(problem.types))))
        counts[r.variant] = counts.get(r.variant, 0) + 1
        for row in r.outlook:
            if row["province"] == "NL" and row["type"] in index and row["week"] < problem.weeks:
                grid[row["week"], index[row["type"]]] += row["beds_short"]
    return {name: grid / counts[name] for name, grid in out.items()}


def site_savings(problem: PlanProblem, plan: np.ndarray, saved: np.ndarray) -> np.ndarray:
    """Per candidate the evaluated person-nights without a bed it saved (NaN: not opened).

    ``saved[w, f]`` is how many fewer persons were without a bed in week w
    under the plan than with no site (the same futures: common random
    numbers), counted at the first type f of their track. Each week's saving
    at f is shared by the plan's sites open that week whose type a track of
    first type f may use, in proportion to their places; times 7 nights.
    """
    cand = problem.candidates
    out = np.full(len(cand), np.nan)
    opened = np.flatnonzero(plan != NOT_OPENED)
    if not len(opened):
        return out
    firsts = {k: types[0] for k, types in problem.allowed.items() if types}
    relieves = np.zeros((len(cand), len(problem.types)), dtype=bool)  # site c, first type f
    for c in opened:
        for k, f in firsts.items():
            if cand["type"].iloc[c] in problem.allowed[k]:
                relieves[c, problem.types.index(f)] = True
    weeks = np.arange(problem.weeks)
    active = (weeks[None, :] >= plan[opened][:, None]).astype(float)  # (sites, W)
    places = cand["capacity"].to_numpy(dtype=float)[opened][:, None] * active
    share = places[:, :, None] * relieves[opened][:, None, :]  # (sites, W, F)
    total = share.sum(axis=0, keepdims=True)
    weight = np.divide(share, total, out=np.zeros_like(share), where=total > 0)
    out[opened] = 7.0 * (weight * saved[None, :, :]).sum(axis=(1, 2))
    return out


def usable_beds(beds: pd.Series, usable: float) -> pd.Series:
    """``usable`` times each count of beds, rounded down (a count that is missing stays so)."""
    scaled = np.floor(beds.astype(float) * usable + 1e-9)
    return scaled.astype(beds.dtype) if beds.notna().all() else scaled


def at_usable(scenario: Scenario, usable: float) -> Scenario:
    """The scenario with every location's capacity and flexible beds at ``usable``, rounded down."""
    loc = scenario.locations.copy()
    for column in ("capacity", "flex_capacity"):
        loc[column] = usable_beds(loc[column], usable).astype("int64")
    return replace(scenario, locations=loc)


def usable_plan(plan: pd.DataFrame | None, usable: float) -> pd.DataFrame | None:
    """The capacity plan's capacities and flexible beds at ``usable``, rounded down."""
    if plan is None or plan.empty:
        return plan
    plan = plan.copy()
    for column in ("capacity", "flex_capacity"):
        if column in plan:
            plan[column] = usable_beds(plan[column], usable)
    return plan


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
    held = 7.0 * per_rep["wrong_type_persons"].sum().astype(float)
    opened = plan != NOT_OPENED
    which = np.flatnonzero(opened)
    candidate_cost = float(problem.candidate_cost(which, plan[which]).sum())
    predicted_terms, predicted = stage.solve(plan)
    spread_cost = predicted_terms["spread"]
    shortage_cost = problem.weights.shortage * float(nights.mean())
    held_cost = problem.weights.held * float(held.mean())
    row: dict[str, Any] = {
        "variant": name,
        "opened": int(opened.sum()),
        "opened_places": int(problem.candidates["capacity"].to_numpy()[opened].sum()),
        "person_nights_without_bed_mean": float(nights.mean()),
        "person_nights_without_bed_p90": float(nights.quantile(0.9)),
        "predicted_person_nights_without_bed": stage.nights_without_bed(predicted),
        "held_person_nights_mean": float(held.mean()),
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
        held_cost=held_cost,
        spread_cost=spread_cost,
        cost=candidate_cost + shortage_cost + held_cost + spread_cost,
        replications=int(per_rep.ngroups),
    )
    return row


#: The cost parts of the evaluation chart, in words.
COST_WORDS = {
    "candidate_cost": N_("candidate cost"),
    "shortage_cost": N_("shortage cost"),
    "held_cost": N_("cost of holding"),
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
    parts = ("candidate_cost", "shortage_cost", "held_cost", "spread_cost")
    bottom = np.zeros(len(table))
    for part, colour in zip(parts, ("#55a868", "#c44e52", "#dd8452", "#8172b2"), strict=True):
        values = table[part].to_numpy(dtype=float) / 1e6
        right.bar(names, values, bottom=bottom, color=colour, label=_(COST_WORDS[part]))
        bottom += values
    right.set_title(_("expected total cost (million euro)"))
    right.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
