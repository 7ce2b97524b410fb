"""A scenario back to a folder that :func:`placement.input.read.read_scenario` reads to the same.

Plain form: UTF-8, ``,``, ``.`` decimals written in full (the shortest text
that reads back to the same number), ``yyyy-mm-dd``, ``true``/``false``,
empty cells for missing values, the contract's columns in its order. The
settings become ``scenario.toml``; a scenario folder's own ``gemeenten.csv``
and landscape file are copied along, overrides written when there are any.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd

from placement.input.chain import SIMULATION_FILE, Chain
from placement.input.scenario import Scenario
from placement.input.schema import (
    LocationSchema,
    OverrideSchema,
    PersonSchema,
    contract_columns,
)
from placement.input.settings import Settings
from placement.resources import landscape_files


def write_scenario_folder(scenario: Scenario, folder: Path) -> Path:
    """Write ``scenario`` as a folder; returns it. ``folder`` must not hold other scenario files."""
    folder.mkdir(parents=True, exist_ok=True)
    for frame, model, name in (
        (scenario.locations, LocationSchema, "locations.csv"),
        (scenario.persons, PersonSchema, "persons.csv"),
    ):
        plain_table(frame, contract_columns(model)).to_csv(
            folder / name, index=False, encoding="utf-8", lineterminator="\n"
        )
    if not scenario.overrides.empty:
        plain_table(scenario.overrides, contract_columns(OverrideSchema)).to_csv(
            folder / "overrides.csv", index=False, encoding="utf-8", lineterminator="\n"
        )
    own = scenario.folder / "gemeenten.csv"
    if own.is_file():
        shutil.copyfile(own, folder / "gemeenten.csv")
    landscape = _landscape_entry(scenario, folder)
    (folder / "scenario.toml").write_text(settings_toml(scenario.settings, landscape), "utf-8")
    if scenario.settings.chain != Chain():
        (folder / SIMULATION_FILE).write_text(chain_toml(scenario.settings.chain), "utf-8")
    return folder


def plain_table(frame: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    """The columns of ``kinds`` as text cells, as the contract's plain form writes them."""
    out = {}
    for column, kind in kinds.items():
        values = frame[column]
        missing = values.isna().to_numpy()
        if kind == "bool":
            text = values.map(lambda v: "true" if v else "false")
        elif kind == "date":
            text = pd.to_datetime(values).dt.strftime("%Y-%m-%d")
        elif kind == "int":
            text = values.map(lambda v: "" if pd.isna(v) else str(int(v)))
        elif kind == "decimal":
            text = values.map(lambda v: "" if pd.isna(v) else repr(float(v)))
        else:
            text = values.astype(object).map(str)
        out[column] = text.astype(object).where(~missing, "")
    return pd.DataFrame(out)


def _landscape_entry(scenario: Scenario, folder: Path) -> str:
    """``landscape = ...`` of the folder: a shipped name, or a copy of the scenario's file."""
    landscape = scenario.settings.landscape
    if landscape is None or landscape.name in landscape_files():
        return landscape.name if landscape is not None else "2024"
    for candidate in scenario.folder.glob("*.toml"):
        if candidate.name not in ("scenario.toml", "simulation.toml", "variants.toml"):
            shutil.copyfile(candidate, folder / candidate.name)
            if candidate.stem.removeprefix("landscape-") == landscape.name:
                return candidate.name
    raise ValueError(f"the landscape {landscape.name!r} has no file to copy along")


def settings_toml(settings: Settings, landscape: str) -> str:
    """``scenario.toml`` for ``settings`` (every table written out)."""
    return to_toml(
        {
            "planning_date": settings.planning_date,
            "landscape": landscape,
            "mode": str(settings.mode),
            "weights": asdict(settings.weights),
            "link": asdict(settings.link),
            "solver": asdict(settings.solver),
        }
    )


def chain_toml(chain: Chain) -> str:
    """``simulation.toml`` with the chain's tables (what ``placement place`` reads of it)."""
    lines = ["[leave]", f"weeks = {chain.leave_weeks!r}", "", "[housing]",
             f"lead_time_weeks = {chain.housing_lead_weeks!r}"]  # fmt: skip
    for track, flow in chain.flows.items():
        shares = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in flow.next.items())
        lines += ["", f"[tracks.{_toml_key(track)}]", f"weeks = {flow.weeks!r}",
                  f"next = {{ {shares} }}"]  # fmt: skip
    return "\n".join(lines) + "\n"


def _toml_key(key: str) -> str:
    return (
        key
        if key.replace("_", "").replace("-", "").isalnum() and key.isascii()
        else (json.dumps(key, ensure_ascii=False))
    )


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} to TOML")
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def to_toml(settings: Mapping[str, Any]) -> str:
    """``scenario.toml`` text for a settings dictionary (scalars and one level of tables)."""
    lines: list[str] = []
    tables = {k: v for k, v in settings.items() if isinstance(v, Mapping)}
    for key, value in settings.items():
        if key not in tables:
            lines.append(f"{key} = {_toml_value(value)}")
    for key, table in tables.items():
        lines.append("")
        lines.append(f"[{key}]")
        lines.extend(f"{k} = {_toml_value(v)}" for k, v in table.items())
    return "\n".join(lines) + "\n"
