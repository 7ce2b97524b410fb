"""The plan's output folder, written whole or not at all.

``plan.csv``, ``demand.csv``, ``beds.csv`` (beds per week and type, as they
are and with the plan), ``kpis.json`` and ``scenario/`` (the scenario
folder with the opened candidates added to ``locations.csv``, ready for
``placement simulate``); with ``--evaluate`` also ``evaluation.csv``,
``evaluation_futures.csv`` (each variant in each new future) and
``evaluation.png``.
"""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from placement.input.scenario import Scenario
from placement.input.schema import LocationSchema, contract_columns
from placement.input.write import plain_table
from placement.output.files import Writer, commit_tree, folder_writer, write_csv, write_json


def scenario_writers(scenario: Scenario, *, skip: Path | None = None) -> dict[str, Writer]:
    """The scenario folder's entries with ``locations.csv`` written from ``scenario``.

    Every other file and folder is copied as it is, but hidden ones and
    ``skip`` (the output folder, should it lie inside the scenario).
    """
    writers: dict[str, Writer] = {}
    skipped = skip.resolve() if skip is not None else None
    for entry in sorted(scenario.folder.iterdir()):
        if entry.name.startswith(".") or entry.resolve() == skipped:
            continue
        if entry.name == "locations.csv":
            writers[entry.name] = partial(write_locations, scenario)
        elif entry.is_dir():
            writers[entry.name] = partial(_copy_tree, entry, skipped)
        elif entry.is_file():
            writers[entry.name] = partial(shutil.copy2, entry)
    return writers


def write_locations(scenario: Scenario, path: Path) -> None:
    """``locations.csv`` in the contract's plain form."""
    text = plain_table(scenario.locations, contract_columns(LocationSchema))
    text.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def _copy_tree(source: Path, skipped: Path | None, target: Path) -> None:
    def ignore(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if (Path(folder) / n).resolve() == skipped]

    shutil.copytree(source, target, ignore=ignore)


def write_plan_folder(
    out: Path,
    *,
    plan: pd.DataFrame,
    demand: pd.DataFrame,
    beds: pd.DataFrame,
    kpis: dict[str, Any],
    scenario: Scenario,
    evaluation: pd.DataFrame | None = None,
    evaluation_futures: pd.DataFrame | None = None,
    force: bool = False,
) -> Path:
    """Write the folder (all or nothing)."""
    writers: dict[str, Writer] = {
        "plan.csv": partial(write_csv, plan),
        "demand.csv": partial(write_csv, demand),
        "beds.csv": partial(write_csv, beds),
        "kpis.json": partial(write_json, kpis),
        "scenario": folder_writer(scenario_writers(scenario, skip=out)),
    }
    if evaluation is not None:
        from placement.plan.evaluate import evaluation_chart

        writers["evaluation.csv"] = partial(write_csv, evaluation)
        writers["evaluation.png"] = partial(evaluation_chart, evaluation)
    if evaluation_futures is not None:
        writers["evaluation_futures.csv"] = partial(write_csv, evaluation_futures)
    commit_tree(writers, out, force=force)
    return out
