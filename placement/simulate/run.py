"""Replications of the weeks ahead, per variant, in parallel on Dask.

One task is one replication of one variant: it steps its own copy of the
scenario through the weeks (:mod:`placement.simulate.week`) and returns one
row of figures per week, and the outlook per province and type. Seeds come
from one root seed (``SeedSequence.spawn``), one per replication and the
same for every variant of it, so variants share their draws (common random
numbers). A task sees nothing but its arguments, so the files are the same
whatever the number of workers or the scheduler.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from placement.input.scenario import Scenario
from placement.simulate.chain import State, start_state
from placement.simulate.draws import Purpose, uniforms
from placement.simulate.settings import SimulationSettings
from placement.simulate.week import Quotas, WeekFailed, quotas_for, simulate_week, usable_beds
from placement.synth.profiles import gemeente_table

Progress = Callable[[str, int, int], None]  # variant, replication, week done


@dataclass(frozen=True)
class SimVariant:
    """A named start scenario and simulation settings (the baseline is one too)."""

    name: str
    scenario: Scenario
    sim: SimulationSettings
    changes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Task:
    """One replication of one variant: everything it needs, nothing shared."""

    variant: SimVariant
    replication: int
    seed: int
    weeks: int
    taakstelling: pd.DataFrame | None
    capacity_plan: pd.DataFrame | None
    keep_dir: Path | None = None


@dataclass
class TaskResult:
    """What a task returns: one row per week simulated, the outlook, and an error if any."""

    variant: str
    replication: int
    seed: int
    weeks: list[dict[str, Any]] = field(default_factory=list)
    outlook: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0


def inflow_per_week(
    sim: SimulationSettings, start: dt.date, weeks: int, seed: int = 0
) -> list[int]:
    """Persons arriving in each week: ``inflow.csv`` where it says, else the weekly level.

    Scaled by ``factor`` and, with an inflow ``band``, by the replication's own
    level: one uniform draw between the band's factors from ``seed`` alone, so
    the variants of a replication share it.
    """
    level = [sim.inflow_per_week] * weeks
    if sim.inflow_file is not None:
        table = pd.read_csv(sim.inflow_file, dtype=str, keep_default_na=False)
        for row in table.itertuples(index=False):
            week = _week_of(row, start)
            if 0 <= week < weeks:
                level[week] = float(row.persons)  # type: ignore[attr-defined]
    factor = sim.inflow_factor
    if sim.inflow_band is not None:
        low, high = sim.inflow_band
        u = uniforms(seed, np.zeros(1, np.uint64), Purpose.INFLOW_LEVEL, 0)[0]
        factor *= low + (high - low) * float(u)
    return [round(v * factor) for v in level]


def _week_of(row: Any, start: dt.date) -> int:
    if getattr(row, "week", ""):
        return int(row.week)
    day = dt.date.fromisoformat(str(row.date))
    return (day - start).days // 7


def run_task(task: Task) -> TaskResult:
    """Step one replication of one variant through its weeks (runs on a worker)."""
    started = time.perf_counter()
    variant = task.variant
    result = TaskResult(variant.name, task.replication, task.seed)
    scenario = variant.scenario
    # The weekly placement prices moves ahead with the chain this variant draws from.
    scenario = replace(scenario, settings=replace(scenario.settings, chain=variant.sim.chain))
    if scenario.settings.solver.threads == 0:
        # One HiGHS thread per task: workers run side by side, and a task's
        # placements must not depend on how many cores its worker has.
        scenario = scenario.with_settings(threads=1)
    state = start_state(scenario, variant.sim, task.seed)
    province = gemeente_table().set_index("gemeente_code")["province"]
    weeks = week_inputs(state, task.weeks, task.taakstelling, task.capacity_plan)
    for week, day, quotas, inflow in weeks:
        try:
            figures, outcome, given = simulate_week(
                state, week, day, quotas, inflow, reasons=task.keep_dir is not None
            )
        except WeekFailed as exc:
            result.error = str(exc)
            break
        result.weeks.append({"variant": variant.name, "replication": task.replication, **figures})
        result.outlook += outlook_rows(outcome, province, variant.name, task.replication, week)
        if task.keep_dir is not None:
            keep_week(task.keep_dir, variant.name, task.replication, week, given.scenario, outcome)
    result.seconds = time.perf_counter() - started
    return result


def week_inputs(
    state: State,
    weeks: int,
    taakstelling: pd.DataFrame | None,
    capacity_plan: pd.DataFrame | None,
) -> Iterator[tuple[int, dt.date, Quotas, int]]:
    """Each week's number, date, quotas and inflow, with the capacity plan applied to ``state``.

    The loop every replication runs, with or without the weekly placement;
    the quotas are renewed when a half-year starts.

    Week 0 is the scenario's own date, and the scenario already lists that
    week's arrivals (its persons without a current location, waiting for
    their first bed): they count towards week 0's inflow, and only what the
    inflow expects beyond them arrives on top. (Drawing the whole week again
    counted week 0's arrivals twice: the simulation then found beds short in
    week 0 where ``placement place`` on the same scenario placed everyone.)
    """
    start = state.scenario.settings.planning_date
    inflow = inflow_per_week(state.sim, start, weeks, state.seed)
    if inflow:
        inflow[0] = max(0, inflow[0] - waiting_persons(state.scenario))
    quotas: Quotas | None = None
    for week in range(weeks):
        day = start + dt.timedelta(days=7 * week)
        apply_capacity_plan(state, capacity_plan, day)
        if quotas is None or quotas.half_year != _half(day):
            quotas = quotas_for(state, day, taakstelling, start)
        yield week, day, quotas, inflow[week]


def waiting_persons(scenario: Scenario) -> int:
    """Persons the scenario lists without a current location: its arrivals, waiting for a bed."""
    current = scenario.persons["current_location_id"]
    return int((current.isna() | (current.astype(str) == "")).sum())


def _half(day: dt.date) -> str:
    from placement.simulate.settings import half_year

    return half_year(day)


def apply_capacity_plan(state: Any, plan: pd.DataFrame | None, day: dt.date) -> None:
    """Capacities and flexible beds from ``capacity_plan.csv`` rows dated on or before ``day``."""
    if plan is None or plan.empty:
        return
    due = plan[plan["date"] <= pd.Timestamp(day)].sort_values("date", kind="stable")
    if due.empty:
        return
    latest = due.groupby("location_id").last()
    locations = state.scenario.locations.copy()
    for column in ("capacity", "flex_capacity"):
        values = locations["location_id"].map(latest[column].dropna())
        known = values.notna().to_numpy()
        locations.loc[known, column] = values[known].astype("int64")
    state.scenario = replace(state.scenario, locations=locations)


def outlook_rows(
    outcome: Any, province: pd.Series, variant: str, replication: int, week: int
) -> list[dict[str, Any]]:
    """Capacity and occupancy per province and type, and beds short per type (nationally).

    Capacity is what the placement can use: the beds of open locations with
    their flexible beds (:func:`usable_beds`).
    """
    loc = outcome.locations.assign(
        province=outcome.problem.locations["gemeente_code"].map(province).fillna("").to_numpy()
    )
    loc = loc.assign(capacity_open=usable_beds(outcome))
    columns = ["capacity_open", "occupancy_after"]
    by_province = loc.groupby(["province", "type"], sort=True)[columns].sum()
    national = loc.groupby("type", sort=True)[columns].sum()
    short = beds_short(outcome)
    head = {"variant": variant, "replication": replication, "week": week}
    rows = [
        {**head, "province": p, "type": t, "capacity": int(c), "occupancy": int(o), "beds_short": 0}
        for (p, t), c, o in zip(
            by_province.index, by_province["capacity_open"], by_province["occupancy_after"],
            strict=True,
        )
    ]  # fmt: skip
    rows += [
        {**head, "province": "NL", "type": t, "capacity": int(c), "occupancy": int(o),
         "beds_short": int(short.get(t, 0))}
        for t, c, o in zip(
            national.index, national["capacity_open"], national["occupancy_after"], strict=True
        )
    ]  # fmt: skip
    return rows


def beds_short(outcome: Any) -> pd.Series:
    """Persons without a bed, by the first location type their track allows."""
    hh = outcome.households
    unplaced = hh[hh["dest"] < 0]
    landscape = outcome.problem.settings.landscape
    first = {t: types[0] for t, types in landscape.allowed.items() if types}
    return unplaced.groupby(unplaced["track"].map(first))["size"].sum()


def keep_week(
    root: Path, variant: str, replication: int, week: int, scenario: Scenario, outcome: Any
) -> None:
    """``<variant>/rep-<r>/week-<w>/``: the scenario the placement was given, and its result."""
    from placement.input.write import write_scenario_folder
    from placement.output.folder import write_outcome

    folder = root / variant / f"rep-{replication}" / f"week-{week}"
    write_scenario_folder(scenario, folder / "scenario")
    write_outcome(outcome, folder / "result", scenario=scenario)


@contextmanager
def dask_client(workers: int, scheduler: str | None) -> Iterator[Any]:
    """A Dask client: the given scheduler, else a local cluster of single-threaded processes.

    ``workers == 1`` without a scheduler runs in this process (no Dask).
    """
    if scheduler is None and workers == 1:
        yield None
        return
    from distributed import Client, LocalCluster

    if scheduler is not None:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run_tasks(
    tasks: list[Task], client: Any, progress: Callable[[TaskResult], None] | None = None
) -> list[TaskResult]:
    """Run the tasks (on ``client``, or here when it is ``None``), in the order given."""
    say = progress or (lambda _: None)
    if client is None:
        results = []
        for task in tasks:
            results.append(run_task(task))
            say(results[-1])
        return results
    from distributed import as_completed

    shared = scattered(
        client, (part for t in tasks for part in (t.variant, t.taakstelling, t.capacity_plan))
    )
    futures = [
        client.submit(
            _run_parts,
            shared[id(t.variant)],
            t.replication,
            t.seed,
            t.weeks,
            shared[id(t.taakstelling)],
            shared[id(t.capacity_plan)],
            t.keep_dir,
            pure=False,
        )
        for t in tasks
    ]
    index = {f.key: i for i, f in enumerate(futures)}
    done: list[TaskResult | None] = [None] * len(tasks)
    for future in as_completed(futures):
        result = future.result()
        done[index[future.key]] = result
        say(result)
    return [r for r in done if r is not None]


def scattered(client: Any, parts: Iterable[Any]) -> dict[int, Any]:
    """Each distinct object of ``parts`` on every worker, sent once: its future, by ``id``.

    ``None`` stays ``None``. Tasks take the futures in place of the objects:
    sent inside each task instead, a national scenario (6.9 MiB pickled)
    went with every task, and Dask warns of graphs that large.
    """
    sent: dict[int, Any] = {id(None): None}
    for part in parts:
        if id(part) not in sent:
            sent[id(part)] = client.scatter(part, broadcast=True, hash=False)
    return sent


def _run_parts(
    variant: SimVariant,
    replication: int,
    seed: int,
    weeks: int,
    taakstelling: pd.DataFrame | None,
    capacity_plan: pd.DataFrame | None,
    keep_dir: Path | None,
) -> TaskResult:
    """:func:`run_task` on a worker, its large parts resolved from what was scattered."""
    task = Task(variant, replication, seed, weeks, taakstelling, capacity_plan, keep_dir)
    return run_task(task)
