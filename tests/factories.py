"""Scenarios built in memory, with the contract's defaults, for model tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from placement.input.scenario import Scenario
from placement.input.settings import Landscape, Settings, SolverSettings, Weights

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
    "flex_capacity": 0,
}
PERSON_DEFAULTS: dict[str, Any] = {
    "age": 30,
    "medical_need": False,
    "track": "regulier",
    "current_location_id": "",
    "housing_gemeente_code": "",
    "family_group": "",
    "moves": 0,
    "permit_date": None,
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
    language: str = "en",
) -> Scenario:
    """A scenario from rows that name only what differs from the defaults.

    Its texts are English (the source texts the tests name) unless ``language`` says.

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
    loc["flex_capacity"] = loc["flex_capacity"].astype("int64")
    loc["line"] = range(2, len(loc) + 2)
    per = pd.DataFrame([{**PERSON_DEFAULTS, **row} for row in persons])
    per = per[["person_id", "household_id", *PERSON_DEFAULTS]]
    per["age"] = per["age"].astype("int64")
    per["moves"] = per["moves"].astype("int64")
    per["permit_date"] = pd.to_datetime(per["permit_date"])
    per["line"] = range(2, len(per) + 2)
    ovr = pd.DataFrame(overrides or [], columns=["household_id", "location_id", "action", "reason"])
    ovr["line"] = range(2, len(ovr) + 2)
    settings = Settings(
        planning_date=planning_date,
        landscape=Landscape.resolve(landscape, REPO),
        mode=mode,
        weights=Weights(**(weights or {})),
        solver=SolverSettings(time_limit=30, mip_gap=0.0),
        language=language,
    )
    return Scenario(REPO, loc, per, g, ovr, settings)


TRACKS = ["aanmelding", "versneld", "regulier", "vergunninghouder"]
TYPES = ["aanmeld", "versneld", "regulier", "noodopvang", "gemeentelijk"]
GEMEENTEN = ["GM0363", "GM0014", "GM1950", "GM0599", "GM0344"]


def random_scenario(
    seed: int,
    mode: str,
    *,
    n_locations: tuple[int, int] = (2, 6),
    n_households: tuple[int, int] = (3, 12),
    families: int = 3,
) -> Scenario:
    """Locations and households with every feature switched on at random.

    ``n_locations`` and ``n_households`` are the ranges their numbers are
    drawn from (upper end excluded); ``families`` the number of family groups.
    """
    rng = np.random.default_rng(seed)
    n_loc = int(rng.integers(*n_locations))
    locations = [
        {
            "location_id": f"L{i}",
            "type": str(rng.choice(TYPES)),
            "gemeente_code": str(rng.choice(GEMEENTEN)),
            "capacity": int(rng.integers(0, 12)),
            "has_medical": bool(rng.random() < 0.5),
            "child_suitable": bool(rng.random() < 0.7),
            "max_children": int(rng.integers(0, 4)) if rng.random() < 0.3 else None,
            "open_until": [None, dt.date(2026, 11, 1), dt.date(2026, 12, 5), dt.date(2027, 3, 1)][
                int(rng.choice(4, p=[0.6, 0.15, 0.15, 0.1]))
            ],
            "cost_per_night": float(rng.integers(0, 100)),
            "flex_capacity": int(rng.integers(1, 6)) if rng.random() < 0.3 else 0,
        }
        for i in range(n_loc)
    ]
    persons = []
    for h in range(int(rng.integers(*n_households))):
        track = str(rng.choice(TRACKS))
        current = f"L{rng.integers(n_loc)}" if rng.random() < 0.6 else ""
        housing = str(rng.choice(GEMEENTEN)) if rng.random() < 0.4 else ""
        family = f"F{rng.integers(families)}" if rng.random() < 0.4 else ""
        for j in range(int(rng.integers(1, 4))):
            persons.append(
                {
                    "person_id": f"P{h}_{j}",
                    "household_id": f"H{h}",
                    "age": int(rng.integers(0, 60)),
                    "medical_need": bool(rng.random() < 0.15),
                    "track": track,
                    "current_location_id": current,
                    "housing_gemeente_code": housing,
                    "family_group": family,
                    "moves": int(rng.integers(0, 3)),
                }
            )
    return make_scenario(locations, persons, mode=mode)
