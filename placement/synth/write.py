"""A generated scenario as a folder, written as the contract reads it."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from placement.input.schema import LocationSchema, PersonSchema, contract_columns


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


def _text(series: pd.Series, kind: str) -> pd.Series:
    """Cells as the contract writes them; missing values become empty cells."""
    missing = series.isna()
    if kind == "bool":
        out = series.map(lambda v: "true" if v else "false")
    elif kind == "date":
        out = pd.to_datetime(series).dt.strftime("%Y-%m-%d")
    elif kind == "coord":
        out = series.map(lambda v: f"{v:.4f}")
    elif kind == "money":
        out = series.map(lambda v: f"{v:.2f}")
    elif kind == "int":
        out = series.map(lambda v: str(int(v)) if not pd.isna(v) else "")
    else:
        out = series.astype(object).map(str)
    return out.astype(object).where(~missing, "").astype(str)


#: How the generator writes decimals (other kinds as the schema names them).
_DECIMALS = {"lat": "coord", "lon": "coord", "cost_per_night": "money"}


def write_scenario(
    folder: Path | str,
    locations: pd.DataFrame,
    persons: pd.DataFrame,
    settings_dict: Mapping[str, Any],
) -> Path:
    """Write ``locations.csv``, ``persons.csv`` and ``scenario.toml`` to ``folder``.

    Plain UTF-8 without BOM, ``,`` as separator, ``.`` as decimal mark, dates
    ``yyyy-mm-dd``, booleans ``true``/``false``, empty cells for missing values,
    LF line ends. Only the contract's columns are written, in its order.

    Returns
    -------
    Path
        The folder (created when needed).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for frame, model, name in (
        (locations, LocationSchema, "locations.csv"),
        (persons, PersonSchema, "persons.csv"),
    ):
        kinds = contract_columns(model)
        columns = list(kinds)
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise ValueError(f"{name}: missing column(s) {missing}")
        text = pd.DataFrame({c: _text(frame[c], _DECIMALS.get(c, kinds[c])) for c in columns})
        text.to_csv(folder / name, index=False, encoding="utf-8", lineterminator="\n")
    (folder / "scenario.toml").write_text(to_toml(settings_dict), encoding="utf-8")
    return folder
