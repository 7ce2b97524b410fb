"""Scenarios built in memory, with the contract's defaults, for model tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from placement.scenario import Scenario
from placement.settings import Landscape, Settings, SolverSettings, Weights

REPO = Path(__file__).resolve().parent.parent
PLANNING_DATE = dt.date(2026, 11, 23)

LOCATION_DEFAULTS: dict[str, Any] = {
    "name": "",
    "gemeente_code": "GM0363",
    "type": "regulier",
    "capacity": 10,
    "lat": None,
    "lon": None,
    "has_medical": False,
    "child_suitable": True,
    "max_children": None,
    "open_from": None,
    "open_until": None,
    "cost_per_night": 0.0,
}
PERSON_DEFAULTS: dict[str, Any] = {
    "age": 30,
    "medical_need": False,
    "track": "regulier",
    "current_location_id": "",
    "housing_gemeente_code": "",
    "family_group": "",
    "moves": 0,
}


def gemeenten() -> pd.DataFrame:
    """The built-in gemeente table."""
    return pd.read_csv(
        REPO / "data" / "gemeenten.csv",
        dtype={"gemeente_code": str, "name": str, "province": str},
        keep_default_na=False,
    )


def make_scenario(
    locations: list[dict[str, Any]],
    persons: list[dict[str, Any]],
    *,
    mode: str = "weekly",
    landscape: str = "2024",
    overrides: list[dict[str, Any]] | None = None,
    weights: dict[str, Any] | None = None,
    planning_date: dt.date = PLANNING_DATE,
) -> Scenario:
    """A scenario from rows that name only what differs from the defaults.

    Each person needs ``person_id`` and ``household_id``; each location a
    ``location_id``. Lat/lon default to the gemeente's reference point.
    """
    g = gemeenten()
    points = g.set_index("gemeente_code")[["lat", "lon"]]
    loc = pd.DataFrame([{**LOCATION_DEFAULTS, **row} for row in locations])
    loc["name"] = [n or i for n, i in zip(loc["name"], loc["location_id"], strict=True)]
    ref = points.reindex(loc["gemeente_code"])
    loc["lat"] = pd.to_numeric(loc["lat"]).fillna(pd.Series(ref["lat"].to_numpy())).astype(float)
    loc["lon"] = pd.to_numeric(loc["lon"]).fillna(pd.Series(ref["lon"].to_numpy())).astype(float)
    loc["capacity"] = loc["capacity"].astype("int64")
    loc["max_children"] = pd.array(loc["max_children"].tolist(), dtype="Int64")
    for column in ("open_from", "open_until"):
        loc[column] = pd.to_datetime(loc[column])
    loc["cost_per_night"] = loc["cost_per_night"].astype(float)
    loc["line"] = range(2, len(loc) + 2)
    per = pd.DataFrame([{**PERSON_DEFAULTS, **row} for row in persons])
    per = per[["person_id", "household_id", *PERSON_DEFAULTS]]
    per["age"] = per["age"].astype("int64")
    per["moves"] = per["moves"].astype("int64")
    per["line"] = range(2, len(per) + 2)
    ovr = pd.DataFrame(overrides or [], columns=["household_id", "location_id", "action", "reason"])
    ovr["line"] = range(2, len(ovr) + 2)
    settings = Settings(
        planning_date=planning_date,
        landscape=Landscape.resolve(landscape, REPO),
        mode=mode,
        weights=Weights(**(weights or {})),
        solver=SolverSettings(time_limit=30, mip_gap=0.0),
    )
    return Scenario(REPO, loc, per, g, ovr, settings)
