"""The figures the generator draws from: published marginals, assumptions, landscape profiles.

Every number is documented in :mod:`placement.synth` (real, with its source and date, or an
assumption). The reference tables are read once, from the package's resources.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import shapely

from placement.resources import reference_file

MIN_CAPACITY = 10

MAX_CAPACITY = 2000  # registration locations (Ter Apel's maximum)

MAX_OTHER_CAPACITY = 1500  # any other location (Budel's maximum)

#: Household kinds.
SINGLE, COUPLE, SINGLE_PARENT, FAMILY, AMV = range(5)

ADULTS = np.array([1, 2, 1, 2, 0])

COUPLE_SHARE = 0.12  # assumption: households that are a couple without children

PARENT_RATIO = 2.7  # assumption: two-parent families per single-parent family

EXTRA_CHILDREN = 0.8  # assumption: children per family = 1 + Poisson(0.8)

MEDICAL_SHARE = 0.05  # assumption: persons with a medical need

FAMILY_GROUP_SHARE = 0.05  # assumption: households in a family group

MEDICAL_LOCATION_SHARE = 0.30  # assumption

NOT_CHILD_SUITABLE_SHARE = 0.15  # assumption

MAX_CHILDREN_SHARE = 0.20  # assumption

NO_POINT_SHARE = 0.10  # synthetic locations without coordinates

#: beds of the open locations of a type / what its tracks need after placement
SLACK = (0.99, 1.02)

#: Weights per year of age 0-17 (CBS 2016 inflow for 0-4 and 5-11; 12-17 assumed).
CHILD_AGE_WEIGHTS = np.array([4000 / 5] * 5 + [4600 / 7] * 7 + [600.0] * 6)

AMV_AGES = np.array([14, 15, 16, 17])

AMV_AGE_WEIGHTS = np.array([0.1, 0.2, 0.3, 0.4])

ADULT_BANDS = np.array([[18, 35], [35, 50], [50, 65], [65, 80]])

ADULT_BAND_WEIGHTS = np.array([0.65, 0.25, 0.08, 0.02])

MOVE_WEIGHTS = {
    "intake": np.array([0.8, 0.2, 0.0, 0.0]),
    "early": np.array([0.45, 0.45, 0.10, 0.0]),
    "later": np.array([0.30, 0.35, 0.25, 0.10]),
    "special": np.array([0.10, 0.30, 0.40, 0.20]),
}

NOODOPVANG_KINDS = (
    # (name part, probability, child suitable, cost range)
    ("hotel", 0.20, True, (150.0, 300.0)),
    ("boot", 0.10, False, (180.0, 300.0)),
    ("paviljoen", 0.20, True, (100.0, 180.0)),
    ("vakantiepark", 0.20, True, (100.0, 180.0)),
    ("kazerne", 0.10, True, (100.0, 180.0)),
    ("sporthal", 0.05, False, (100.0, 180.0)),
    ("kantoorpand", 0.15, True, (100.0, 180.0)),
)


@dataclass(frozen=True)
class Profile:
    """How one landscape is populated (see the module docstring for the figures)."""

    landscape: str
    types: tuple[str, ...]
    intake_type: str
    intake_track: str
    #: share of resident persons per track (None: the rest)
    resident_tracks: dict[str, float | None]
    arrival_tracks: dict[str, float]
    #: per track, the share of its persons at each type (after placement)
    homes: dict[str, dict[str, float]]
    #: tracks whose registered households may still wait at the intake type
    waiting_tracks: tuple[str, ...]
    #: residents (share of all resident persons) at a type no track allows
    misfits: tuple[tuple[str, tuple[str, ...], float], ...]
    type_share: dict[str, float]
    typical_size: dict[str, float]
    cost: dict[str, tuple[float, float]]
    prefix: dict[str, str]
    seed_kind_type: dict[str, str]
    closing_types: dict[str, float]
    opening_types: tuple[str, ...]
    moves: dict[str, str]
    single_adult_tracks: tuple[str, ...] = ("htl", "ibo")
    status_track: str = "vergunninghouder"
    adult_only_types: tuple[str, ...] = ("htl", "ibo")
    medical_types: tuple[str, ...] = ("ibo",)


def _pool(regulier: float, gemeentelijk: float, noodopvang: float) -> dict[str, float]:
    return {"regulier": regulier, "gemeentelijk": gemeentelijk, "noodopvang": noodopvang}


_NOOD_BEDS = 20834 / (31087 + 20834)  # coa.nl 25-9-2023: share of noodopvang beds

_NOOD_LOCATIONS = 132 / (81 + 132)  # coa.nl 25-9-2023: share of noodopvang locations

_POOL_2024 = 1 - (0.008 + 0.05 + 0.015 + 0.02)

PROFILES: dict[str, Profile] = {
    "2024": Profile(
        landscape="2024",
        types=("aanmeld", "versneld", "regulier", "gemeentelijk", "noodopvang", "htl", "ibo"),
        intake_type="aanmeld",
        intake_track="aanmelding",
        resident_tracks={
            "aanmelding": 0.04,
            "versneld": 0.05,
            "regulier": None,
            "vergunninghouder": -1.0,  # filled in from the published share
            "htl": 0.004,
            "ibo": 0.006,
        },
        arrival_tracks={"aanmelding": 0.92, "regulier": 0.04, "vergunninghouder": 0.04},
        homes={
            "aanmelding": {"aanmeld": 1.0},
            "versneld": {"versneld": 1.0},
            "regulier": _pool(0.45, 0.15, _NOOD_BEDS),
            "vergunninghouder": _pool(0.45, 0.15, _NOOD_BEDS),
            "htl": {"htl": 1.0},
            "ibo": {"ibo": 1.0},
        },
        waiting_tracks=("versneld", "regulier", "vergunninghouder"),
        misfits=(),
        type_share={
            "aanmeld": 0.008,
            "versneld": 0.05,
            "regulier": _POOL_2024 * (1 - _NOOD_LOCATIONS) * 0.75,
            "gemeentelijk": _POOL_2024 * (1 - _NOOD_LOCATIONS) * 0.25,
            "noodopvang": _POOL_2024 * _NOOD_LOCATIONS,
            "htl": 0.015,
            "ibo": 0.02,
        },
        typical_size={
            "aanmeld": 1000,
            "versneld": 300,
            "regulier": 400,
            "gemeentelijk": 250,
            "noodopvang": 180,
            "htl": 50,
            "ibo": 40,
        },
        cost={
            "aanmeld": (80.0, 120.0),
            "versneld": (55.0, 80.0),
            "regulier": (50.0, 80.0),
            "gemeentelijk": (60.0, 90.0),
            "noodopvang": (100.0, 180.0),
            "htl": (150.0, 250.0),
            "ibo": (120.0, 200.0),
        },
        prefix={
            "aanmeld": "aanmeldcentrum",
            "versneld": "azc versnelde procedure",
            "regulier": "azc",
            "gemeentelijk": "gemeentelijke opvang",
            "noodopvang": "noodopvang",
            "htl": "htl",
            "ibo": "ibo",
        },
        seed_kind_type={
            "aanmeld": "aanmeld",
            "azc": "regulier",
            "noodopvang": "noodopvang",
            "hotel": "noodopvang",
        },
        closing_types={"noodopvang": 3.0, "regulier": 1.0, "gemeentelijk": 1.0},
        opening_types=("regulier", "gemeentelijk"),
        moves={
            "aanmelding": "intake",
            "versneld": "early",
            "regulier": "later",
            "vergunninghouder": "later",
            "htl": "special",
            "ibo": "special",
        },
    ),
    "2020": Profile(
        landscape="2020",
        types=("gvl", "satelliet", "rol", "noodopvang", "htl", "ibo"),
        intake_type="gvl",
        intake_track="aanmelding",
        resident_tracks={
            "aanmelding": 0.04,
            "kansarm": 0.12,
            "overig": 0.20,
            "kansrijk": None,
            "vergunninghouder": -1.0,
            "htl": 0.004,
            "ibo": 0.006,
        },
        arrival_tracks={"aanmelding": 0.92, "kansrijk": 0.04, "vergunninghouder": 0.04},
        homes={
            "aanmelding": {"gvl": 1.0},
            "kansarm": {"gvl": 0.3, "satelliet": 0.7},
            "overig": {"gvl": 0.3, "satelliet": 0.7},
            "kansrijk": {"rol": 1.0},
            "vergunninghouder": {"rol": 1.0},
            "htl": {"htl": 1.0},
            "ibo": {"ibo": 1.0},
        },
        waiting_tracks=("kansrijk", "vergunninghouder"),
        misfits=(("noodopvang", ("kansrijk", "vergunninghouder", "overig"), 0.02),),
        type_share={
            "gvl": 0.04,
            "satelliet": 0.12,
            "rol": 0.70,
            "noodopvang": 0.08,
            "htl": 0.03,
            "ibo": 0.03,
        },
        typical_size={
            "gvl": 800,
            "satelliet": 300,
            "rol": 400,
            "noodopvang": 180,
            "htl": 50,
            "ibo": 40,
        },
        cost={
            "gvl": (80.0, 120.0),
            "satelliet": (55.0, 80.0),
            "rol": (50.0, 80.0),
            "noodopvang": (100.0, 180.0),
            "htl": (150.0, 250.0),
            "ibo": (120.0, 200.0),
        },
        prefix={
            "gvl": "gvl",
            "satelliet": "azc satelliet",
            "rol": "azc",
            "noodopvang": "noodopvang",
            "htl": "htl",
            "ibo": "ibo",
        },
        seed_kind_type={
            "aanmeld": "gvl",
            "azc": "rol",
            "noodopvang": "noodopvang",
            "hotel": "noodopvang",
        },
        closing_types={"noodopvang": 2.0, "rol": 1.0, "satelliet": 1.0},
        opening_types=("rol",),
        moves={
            "aanmelding": "intake",
            "kansarm": "early",
            "overig": "early",
            "kansrijk": "later",
            "vergunninghouder": "later",
            "htl": "special",
            "ibo": "special",
        },
    ),
}

LANDSCAPES: tuple[str, ...] = tuple(PROFILES)


@lru_cache(maxsize=1)
def gemeente_table() -> pd.DataFrame:
    """The gemeente reference table shipped in ``data/``."""
    return pd.read_csv(
        reference_file("gemeenten.csv"),
        dtype={"gemeente_code": str, "name": str, "province": str},
        keep_default_na=False,
    )


@lru_cache(maxsize=1)
def seed_locations() -> pd.DataFrame:
    """The real COA seed locations (``data/coa_locations.csv``)."""
    return pd.read_csv(reference_file("coa_locations.csv"), dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def gemeente_boundaries() -> dict[str, Any]:
    """Gemeente code to its boundary (a shapely geometry)."""
    raw = json.loads(reference_file("gemeenten.geojson").read_text("utf-8"))
    geoms = shapely.from_geojson([json.dumps(f["geometry"]) for f in raw["features"]])
    return {
        f["properties"]["gemeente_code"]: g for f, g in zip(raw["features"], geoms, strict=True)
    }


def published_marginals() -> dict[str, float]:
    """The real shares the generator uses, computed from ``data/reception_statistics.csv``.

    Returns
    -------
    dict
        ``children_share`` and ``amv_share`` (NJI, COA residents 31-12-2019),
        ``status_holder_share`` (coa.nl, mean of 11-11-2019 and 1-6-2020),
        ``planning_occupancy`` (coa.nl, 2022), ``noodopvang_bed_share`` and
        ``noodopvang_location_share`` (coa.nl, 25-9-2023).
    """
    return dict(_marginals())


@lru_cache(maxsize=1)
def _marginals() -> tuple[tuple[str, float], ...]:
    stats = pd.read_csv(
        reference_file("reception_statistics.csv"), dtype=str, keep_default_na=False
    )
    nl = stats[stats["scope"] == "NL"]

    def value(indicator: str, peildatum: str) -> float:
        row = nl[(nl["indicator"] == indicator) & (nl["peildatum"] == peildatum)]
        if len(row) != 1:
            raise ValueError(f"reception_statistics.csv: no single {indicator} on {peildatum}")
        return float(row["value"].iloc[0])

    residents_2019 = value("bewoners_totaal", "2019-12-31")
    status = [
        value("vergunninghouders_in_opvang", d) / value("bewoners_totaal", d)
        for d in ("2019-11-11", "2020-06-01")
    ]
    regular = value("in_reguliere_coa_locatie", "2023-09-25")
    nood = value("in_coa_noodopvang", "2023-09-25")
    return (
        ("children_share", value("minderjarigen", "2019-12-31") / residents_2019),
        ("amv_share", value("amv", "2019-12-31") / residents_2019),
        ("status_holder_share", float(np.mean(status))),
        ("planning_occupancy", value("planningsbezettingsgraad", "2022-12-05")),
        ("noodopvang_bed_share", nood / (regular + nood)),
        ("noodopvang_location_share", 132 / (81 + 132)),
    )


def household_mix(children_share: float, amv_share: float) -> np.ndarray:
    """Probabilities of the household kinds (single, couple, single parent, family, amv).

    Solves for the shares of families and amv households so that, with the
    assumed couple share, parent ratio and children per family, the expected
    person shares of minors and amv equal ``children_share`` and ``amv_share``.
    """
    k = 1 + EXTRA_CHILDREN  # children per family
    r = PARENT_RATIO / (1 + PARENT_RATIO)  # share of families with two parents
    q = COUPLE_SHARE
    c = children_share - amv_share  # children in families, per person
    families = c * (1 + q) / (k - c * (k + r))
    persons_per_household = 1 + q + families * (k + r)
    amv = amv_share * persons_per_household
    single = 1 - q - families - amv
    if min(families, amv, single) <= 0:
        raise ValueError("the published shares give no valid household mix")
    return np.array([single, q, families * (1 - r), families * r, amv])
