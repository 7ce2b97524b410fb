"""A generated scenario as a folder, written as the contract reads it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from placement.input.schema import LocationSchema, PersonSchema, contract_columns
from placement.input.write import to_toml
from placement.synth.policy import taakstelling_for


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
    taakstelling: pd.DataFrame | None = None,
) -> Path:
    """Write ``locations.csv``, ``persons.csv``, ``scenario.toml`` and ``taakstelling.csv``.

    ``taakstelling`` defaults to the open quotas of a scenario of this many
    persons (:func:`placement.synth.policy.taakstelling_for`).

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
    quotas = taakstelling if taakstelling is not None else taakstelling_for(len(persons))
    quotas[["gemeente_code", "quota"]].to_csv(
        folder / "taakstelling.csv", index=False, encoding="utf-8", lineterminator="\n"
    )
    return folder
