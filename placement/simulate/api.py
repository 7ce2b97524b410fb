"""Simulate a scenario folder: read it and its ``simulation.toml``, run, write the folder.

:func:`simulate` is what ``placement simulate`` calls and what a notebook
calls; it prints nothing. The output folder is written whole or not at all
(``--keep-weeks`` folders included): everything goes to a folder beside
``out`` that is moved in at the end.
"""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from placement.errors import Code, InputProblem, PlacementInputError
from placement.i18n import N_, _
from placement.input.scenario import Scenario
from placement.output.files import commit_folder, write_csv, write_json
from placement.simulate.draws import replication_seeds
from placement.simulate.inputs import (
    capacity_plan_of,
    setting_problem,
    simulation_settings,
    spread_key_of,
    taakstelling_of,
)
from placement.simulate.report import (
    kpis,
    outlook_chart,
    outlook_table,
    summary_table,
    weeks_table,
)
from placement.simulate.run import SimVariant, Task, TaskResult, dask_client, run_tasks
from placement.simulate.settings import SimulationSettings

#: What a simulation variant may change beyond what a what-if variant may.
SIM_KEYS = ("inflow_factor", "inflow_per_week", "taakstelling", "housing_lead_weeks",
            "leave_weeks")  # fmt: skip


@dataclass(frozen=True)
class Simulation:
    """What :func:`simulate` wrote and found."""

    out: Path
    weeks: pd.DataFrame
    summary: pd.DataFrame
    outlook: pd.DataFrame
    kpis: dict[str, Any]
    results: list[TaskResult]


def read_sim_variants(path: Path, base: SimulationSettings) -> list[tuple[str, Any, dict]]:
    """``variants.toml``: per variant its what-if part and its simulation changes."""
    from placement.whatif import variant_from_dict

    with open(path, "rb") as handle:
        try:
            raw = tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            raise setting_problem(
                str(path), _("cannot be read as TOML ({error})").format(error=exc)
            ) from None
    tables = raw.get("variants")
    if not isinstance(tables, dict) or not tables:
        raise setting_problem(str(path), _("expected one or more [variants.NAME] tables"))
    out, problems = [], []
    for name, spec in tables.items():
        spec = dict(spec)
        sim = {k: spec.pop(k) for k in SIM_KEYS if k in spec}
        try:
            whatif = variant_from_dict(name, spec, path.parent, source=str(path)) if spec else None
            out.append((name, whatif, _sim_changes(sim, base)))
        except (ValueError, TypeError) as exc:
            problems.append(
                InputProblem(
                    str(path),
                    None,
                    None,
                    _("variant {name}: {problem}").format(name=repr(name), problem=exc),
                    Code.BAD_VARIANT,
                )  # fmt: skip
            )
    if problems:
        raise PlacementInputError(problems)
    return out


def _sim_changes(raw: dict[str, Any], base: SimulationSettings) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if "inflow_factor" in raw:
        changes["inflow_factor"] = float(raw["inflow_factor"])
    if "inflow_per_week" in raw:
        changes["inflow_per_week"] = float(raw["inflow_per_week"])
    if "taakstelling" in raw:
        changes["taakstelling"] = {
            **base.taakstelling,
            **{str(k): v for k, v in raw["taakstelling"].items()},
        }
    for key in ("housing_lead_weeks", "leave_weeks"):
        if key in raw:
            changes[key] = float(raw[key])
    replace(base, **changes)  # check them
    return changes


def variants_of(
    scenario: Scenario, sim: SimulationSettings, variants_file: Path | None
) -> list[SimVariant]:
    """The variants to simulate: ``baseline`` alone, or those of ``variants.toml``."""
    if variants_file is None:
        return [SimVariant("baseline", scenario, sim)]
    from placement.whatif import apply_variant

    out = []
    for name, whatif, changes in read_sim_variants(variants_file, sim):
        start = apply_variant(scenario, whatif) if whatif is not None else scenario
        said = (whatif.changes if whatif is not None else []) + [
            f"{k} {v}" for k, v in changes.items()
        ]
        chain = replace(sim, **changes)
        if start.settings.landscape != scenario.settings.landscape:
            chain, note = chain_for_landscape(chain, start)
            said += note
        out.append(SimVariant(name, start, chain, tuple(said)))
    return out


def chain_for_landscape(sim: SimulationSettings, scenario: Scenario) -> tuple[Any, list[str]]:
    """The chain of a variant in another landscape, and what was changed, in words.

    Tracks of ``simulation.toml`` that are not all the new landscape's own
    give way to its defaults; so does an arrival track it does not have.
    """
    from placement.whatif import chain_in

    land = scenario.settings.landscape
    tracks = set(land.tracks) if land is not None else set()
    said = []
    if land is not None and sim.flows and not chain_in(sim.chain, land).flows:
        sim = replace(sim, flows={})
        said.append(_(_CHAIN_TEXT["flows"]).format(name=land.name))
    if sim.arrival_track is not None and sim.arrival_track not in tracks:
        sim = replace(sim, arrival_track=None)
        said.append(_(_CHAIN_TEXT["arrivals"]))
    return sim, said


#: What a landscape variant changes in the chain, in words (one place, for translation).
_CHAIN_TEXT = {
    "flows": N_("the chain of landscape {name}'s defaults (simulation.toml names other tracks)"),
    "arrivals": N_("arrivals in the landscape's first track"),
}


def simulate(
    scenario: Scenario,
    out: Path,
    *,
    weeks: int = 26,
    replications: int = 1,
    seed: int = 0,
    variants_file: Path | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    keep_weeks: bool = False,
    force: bool = False,
    sim: SimulationSettings | None = None,
    progress: Callable[[TaskResult], None] | None = None,
) -> Simulation:
    """Simulate ``weeks`` weeks of ``scenario`` ``replications`` times per variant; write ``out``.

    Raises
    ------
    PlacementInputError
        When ``simulation.toml``, ``variants.toml``, ``inflow.csv`` or
        ``capacity_plan.csv`` cannot be used.
    """
    from placement.output.files import check_target, scratch_folder

    check_target(out, force=force)
    sim = sim or simulation_settings(scenario.folder)
    variants = variants_of(scenario, sim, variants_file)
    seeds = replication_seeds(seed, replications)
    taakstelling = taakstelling_of(scenario)
    plan = capacity_plan_of(sim)
    out.parent.mkdir(parents=True, exist_ok=True)
    scratch = scratch_folder(out, "weeks")
    try:
        tasks = [
            Task(v, r, seeds[r], weeks, taakstelling, plan, scratch if keep_weeks else None)
            for v in variants
            for r in range(replications)
        ]
        with dask_client(workers, scheduler) as client:
            results = run_tasks(tasks, client, progress)
        week_rows = weeks_table(results)
        summary = summary_table(week_rows) if not week_rows.empty else pd.DataFrame()
        outlook = outlook_table(results, scenario.gemeenten, sim.spread_target, spread_key_of(sim))
        figures = kpis(week_rows, outlook, results)
        figures.update(
            seed=seed,
            weeks=weeks,
            replications=replications,
            start=scenario.settings.planning_date.isoformat(),
            changes={v.name: list(v.changes) for v in variants},
        )
        writers: dict[str, Any] = {
            "weeks.csv": partial(write_csv, week_rows),
            "summary.csv": partial(write_csv, summary),
            "outlook.csv": partial(write_csv, outlook),
            "kpis.json": partial(write_json, figures),
        }
        if not summary.empty:
            writers["outlook.png"] = partial(outlook_chart_file, summary)
        if keep_weeks:
            for v in variants:
                writers[v.name] = partial(_move, scratch / v.name)
        commit_folder(writers, out, force=force)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return Simulation(out, week_rows, summary, outlook, figures, results)


def outlook_chart_file(summary: pd.DataFrame, path: Path) -> None:
    """The fan charts as a PNG."""
    outlook_chart(summary, path)


def _move(source: Path, target: Path) -> None:
    if source.exists():
        shutil.move(str(source), str(target))
    else:
        target.mkdir()
