"""Seeded synthetic scenarios built from real reference data and published marginals.

:func:`generate_scenario` returns a ``locations`` frame, a ``persons`` frame and a
``scenario.toml`` dictionary that follow the input contract (``SPEC.md``);
:func:`write_scenario` writes them as a scenario folder. The same arguments
give byte-identical files. Nothing here describes a real person: every person
is drawn at random; only the *marginals* are real.

The generator reads only files in the repository's ``data/`` folder (built by
``scripts/build_reference_data.py``; see ``data/README.md``).

Real figures (source in ``data/reception_statistics.csv`` unless noted)
------------------------------------------------------------------------
- Gemeenten, their provinces, reference points and inhabitants on 1-1-2024
  (CBS / PDOK, CC BY 4.0; ``data/gemeenten.csv``): locations lie in real
  gemeenten, synthetic ones in proportion to the provinces' population (the
  Spreidingswet principle); housing gemeenten of status holders are drawn in
  proportion to population.
- 18 real COA locations with a capacity quoted in the news or on coa.nl
  (``data/coa_locations.csv``): names, gemeenten and relative sizes of the
  seed locations (e.g. Ter Apel 2,000 and Budel 1,500 as registration centres).
  Their dates and flags are synthetic.
- Share of minors among COA residents: 7,120 of 27,316 on 31-12-2019 (NJI,
  figures by COA) = 0.261; CBS gives 0.28 for first asylum applicants in Q3 2017.
- Share of unaccompanied minors (amv): 559 of 27,316 on 31-12-2019 (NJI) = 0.020.
- Share of status holders waiting for a home: 5,595 of 27,110 (coa.nl,
  11-11-2019) and 5,790 of 27,305 (1-6-2020): mean 0.209.
- Split of the non-registration population between regular azc's and
  emergency reception: 31,087 regular vs 20,834 noodopvang (coa.nl,
  25-9-2023), so 40 % of those beds are noodopvang; COA then had 81 regular
  and 132 emergency locations, so noodopvang is 62 % of the locations of
  that group.
- COA plans with 96 % occupancy of its beds (coa.nl, 2022): the total
  capacity, closed and not-yet-open locations included, is about
  ``persons / 0.96``.
- Ages of children: CBS 2016 inflow (4,000 under 5, 4,600 aged 5-11) gives
  the weights per year of age below 12; 12-17 is an assumption (600 a year).

Assumptions (not published; chosen to look plausible)
-----------------------------------------------------
- Households: 12 % couples without children; single parents : two-parent
  families = 1 : 2.7; children per family ``1 + Poisson(0.8)``. The shares of
  single adults, families and amv are then *solved* so the person shares of
  minors and amv match the real figures above (about 62 % of households are
  single adults). Amv are 14-17; adults 18-34 (65 %), 35-49 (25 %), 50-64
  (8 %), 65-79 (2 %); a parent is at least 18 years older than the eldest child.
- Tracks (share of resident persons), landscape 2024: aanmelding 4 %,
  versneld 5 %, htl 0.4 %, ibo 0.6 % (single adults only), vergunninghouder
  20.9 % (real), regulier the rest. Landscape 2020: aanmelding 4 %, kansarm
  12 %, overig 20 %, htl 0.4 %, ibo 0.6 %, vergunninghouder 20.9 %, kansrijk
  the rest. New arrivals: 92 % aanmelding, 4 % regulier/kansrijk and 4 %
  vergunninghouder (family reunification).
- Registered households still waiting at a registration location (aanmeld /
  gvl): about half a week's arrivals; in landscape 2020 also 2 % of residents
  at noodopvang, a type no 2020 track may use (they must move on).
- Location types (share of locations), 2024: aanmeld 0.8 % (at least enough for
  their beds), versneld 5 %, htl 1.5 %, ibo 2 %, and of the rest 62 %
  noodopvang (real), 28.5 % regulier, 9.5 % gemeentelijk. Beds of the
  regulier/vergunninghouder tracks: 45 %
  regulier, 15 % gemeentelijk, 40 % noodopvang (real). 2020: gvl 4 %,
  satelliet 12 %, rol 70 %, noodopvang 8 %, htl 3 %, ibo 3 %.
- Beds per type: what the tracks need after placement (residents where they
  fit now; arrivals and households that must move spread by the shares above)
  times a slack drawn per type in 0.99-1.02 (at least 1.02 for the
  registration type, which must take all arrivals), open locations only;
  10 to 2,000 beds per location (at most 1,500 outside registration).
  Seeds keep their relative size; synthetic ones are lognormal around a
  typical size per type. A few locations closed the days before the planning
  date (about 3 %, with residents who must move), a few close within 90 days,
  a few open after it (about 1.5 %, empty). Noodopvang is temporary
  (``open_from``/``open_until`` set).
- Flags: registration locations and ibo have ``has_medical``; about 30 % of
  all locations do. About 15 % are not ``child_suitable`` (htl, ibo, ships,
  sports halls and some other noodopvang). ``max_children`` on 20 % of the
  child-suitable regular locations, 5-40 % above their resident children.
- ``cost_per_night`` (euro per bed): regulier 50-80, versneld 55-80,
  gemeentelijk 60-90, aanmeld 80-120, noodopvang 100-180 (hotels 150-300,
  ships 180-300), htl 150-250, ibo 120-200. No published per-location figure
  was found; these are plausible orders of magnitude only.
- ``medical_need``: 5 % of persons. ``moves`` of residents: 0-3 by track
  (registration tracks mostly 0). Family groups: 5 % of households, in groups
  of 2-3; half of the groups live at one location, the others are split
  (and may include a new arrival joining family).
- Synthetic locations lie within about 2 km of the gemeente's reference
  point (inside the gemeente's boundary); seeds and 10 % of the others have
  no coordinates, so the reference point is used.

Examples
--------
>>> from placement.synth import generate_scenario, write_scenario
>>> locations, persons, settings = generate_scenario(persons=3000, arrivals=120,
...                                                  locations=36, seed=1)
>>> write_scenario("out/demo", locations, persons, settings)  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from placement.input.settings import SolverSettings, Weights
from placement.resources import reference_file

LOCATION_COLUMNS: tuple[str, ...] = (
    "location_id",
    "name",
    "gemeente_code",
    "type",
    "capacity",
    "lat",
    "lon",
    "has_medical",
    "child_suitable",
    "max_children",
    "open_from",
    "open_until",
    "cost_per_night",
)
PERSON_COLUMNS: tuple[str, ...] = (
    "person_id",
    "household_id",
    "age",
    "medical_need",
    "track",
    "current_location_id",
    "housing_gemeente_code",
    "family_group",
    "moves",
)

MIN_CAPACITY = 10
MAX_CAPACITY = 2000  # registration locations (Ter Apel's maximum)
MAX_OTHER_CAPACITY = 1500  # any other location (Budel's maximum)

# Household kinds.
SINGLE, COUPLE, SINGLE_PARENT, FAMILY, AMV = range(5)
_ADULTS = np.array([1, 2, 1, 2, 0])
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
_CHILD_AGE_WEIGHTS = np.array([4000 / 5] * 5 + [4600 / 7] * 7 + [600.0] * 6)
_AMV_AGES = np.array([14, 15, 16, 17])
_AMV_AGE_WEIGHTS = np.array([0.1, 0.2, 0.3, 0.4])
_ADULT_BANDS = np.array([[18, 35], [35, 50], [50, 65], [65, 80]])
_ADULT_BAND_WEIGHTS = np.array([0.65, 0.25, 0.08, 0.02])
_MOVE_WEIGHTS = {
    "intake": np.array([0.8, 0.2, 0.0, 0.0]),
    "early": np.array([0.45, 0.45, 0.10, 0.0]),
    "later": np.array([0.30, 0.35, 0.25, 0.10]),
    "special": np.array([0.10, 0.30, 0.40, 0.20]),
}
_NOODOPVANG_KINDS = (
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
class _Profile:
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

_PROFILES: dict[str, _Profile] = {
    "2024": _Profile(
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
    "2020": _Profile(
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

LANDSCAPES: tuple[str, ...] = tuple(_PROFILES)


# --------------------------------------------------------------------------- data


@lru_cache(maxsize=1)
def _gemeenten() -> pd.DataFrame:
    """The gemeente reference table shipped in ``data/``."""
    return pd.read_csv(
        reference_file("gemeenten.csv"),
        dtype={"gemeente_code": str, "name": str, "province": str},
        keep_default_na=False,
    )


@lru_cache(maxsize=1)
def _seed_locations() -> pd.DataFrame:
    """The real COA seed locations (``data/coa_locations.csv``)."""
    return pd.read_csv(reference_file("coa_locations.csv"), dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _boundaries() -> dict[str, Any]:
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


# --------------------------------------------------------------------------- helpers


def _apportion(total: int, weights: np.ndarray, minimum: int = 0) -> np.ndarray:
    """Integers >= ``minimum`` summing to ``total``, proportional to ``weights``."""
    weights = np.asarray(weights, dtype=float)
    base = np.full(len(weights), minimum, dtype=np.int64)
    rest = total - int(base.sum())
    if rest < 0:
        raise ValueError(f"{total} cannot give every one of {len(weights)} at least {minimum}")
    if rest == 0 or weights.sum() <= 0:
        return base
    quota = weights / weights.sum() * rest
    counts = np.floor(quota).astype(np.int64)
    left = rest - int(counts.sum())
    order = np.argsort(-(quota - counts), kind="stable")
    counts[order[:left]] += 1
    return base + counts


def _choose_by_weight(rng: np.random.Generator, p: np.ndarray, n: int) -> np.ndarray:
    """``n`` draws of indices with probabilities ``p`` (by inverse CDF)."""
    cdf = np.cumsum(p / p.sum())
    return np.minimum(np.searchsorted(cdf, rng.random(n), side="right"), len(p) - 1)


def _take_persons(sizes: np.ndarray, target: float) -> int:
    """How many leading households are needed to reach ``target`` persons."""
    if target <= 0:
        return 0
    return int(np.searchsorted(np.cumsum(sizes), target, side="left")) + 1


def _ids(prefix: str, n: int, width: int) -> np.ndarray:
    width = max(width, len(str(n)))
    return np.array([f"{prefix}{i:0{width}d}" for i in range(1, n + 1)], dtype=object)


# --------------------------------------------------------------------------- households


@dataclass
class _Households:
    kind: np.ndarray
    adults: np.ndarray
    kids: np.ndarray
    arrival: np.ndarray

    @property
    def size(self) -> np.ndarray:
        return self.adults + self.kids


def _draw_households(rng: np.random.Generator, n_persons: int, mix: np.ndarray) -> _Households:
    """Whole households until ``n_persons`` is reached (the last one may overshoot)."""
    if n_persons <= 0:
        empty = np.zeros(0, dtype=np.int64)
        return _Households(empty, empty, empty, np.zeros(0, dtype=bool))
    mean = float(mix @ np.array([1, 2, 2 + EXTRA_CHILDREN, 3 + EXTRA_CHILDREN, 1]))
    n = int(n_persons / mean * 1.15) + 20
    while True:
        kind = _choose_by_weight(rng, mix, n)
        kids = np.where(
            (kind == SINGLE_PARENT) | (kind == FAMILY),
            1 + np.minimum(rng.poisson(EXTRA_CHILDREN, n), 7),
            (kind == AMV).astype(np.int64),
        )
        adults = _ADULTS[kind]
        if (adults + kids).sum() >= n_persons:
            break
        n *= 2
    keep = _take_persons(adults + kids, n_persons)
    return _Households(kind[:keep], adults[:keep], kids[:keep], np.zeros(keep, dtype=bool))


def _tracks(
    rng: np.random.Generator, hh: _Households, profile: _Profile, status_share: float
) -> np.ndarray:
    """Track per household: residents by the profile's person shares, arrivals by theirs."""
    shares = dict(profile.resident_tracks)
    shares[profile.status_track] = status_share
    rest = [t for t, s in shares.items() if s is None]
    fixed = sum(s for s in shares.values() if s is not None)
    for t in rest:
        shares[t] = (1 - fixed) / len(rest)
    names = np.array(list(shares), dtype=object)
    share = np.array([shares[t] for t in names], dtype=float)
    special = np.isin(names, profile.single_adult_tracks)
    n = len(hh.kind)
    track = np.empty(n, dtype=object)
    res = ~hh.arrival
    # ordinary tracks for everybody first
    ordinary = np.where(special, 0.0, share)
    track[res] = names[_choose_by_weight(rng, ordinary, int(res.sum()))]
    # special tracks (htl, ibo) only for single adults, so their person share matches
    single = res & (hh.kind == SINGLE)
    size = hh.size
    single_persons = size[single].sum() / max(size[res].sum(), 1)
    if single_persons > 0 and special.any():
        p_special = share[special] / single_persons
        u = rng.random(n)
        cdf = np.cumsum(p_special)
        which = np.searchsorted(cdf, u, side="right")
        hit = single & (which < special.sum())
        track[hit] = names[special][which[hit]]
    arr = hh.arrival
    arrival_names = np.array(list(profile.arrival_tracks), dtype=object)
    arrival_p = np.array(list(profile.arrival_tracks.values()), dtype=float)
    track[arr] = arrival_names[_choose_by_weight(rng, arrival_p, int(arr.sum()))]
    return track


def _ages(rng: np.random.Generator, hh: _Households) -> tuple[np.ndarray, np.ndarray]:
    """Ages per person and each person's household index; adults first, then children."""
    size = hh.size
    owner = np.repeat(np.arange(len(size)), size)
    start = np.cumsum(size) - size
    rank = np.arange(len(owner)) - start[owner]
    adult = rank < hh.adults[owner]
    n = len(owner)
    age = np.zeros(n, dtype=np.int64)
    kid_age = _choose_by_weight(rng, _CHILD_AGE_WEIGHTS, n)
    amv_age = _AMV_AGES[_choose_by_weight(rng, _AMV_AGE_WEIGHTS, n)]
    is_amv = hh.kind[owner] == AMV
    age[~adult] = np.where(is_amv, amv_age, kid_age)[~adult]
    # children of a household from old to young
    order = np.lexsort((-age, ~adult, owner))
    age = age[order]
    eldest = np.zeros(len(size), dtype=np.int64)
    np.maximum.at(eldest, owner[~adult], age[~adult])
    band = _ADULT_BANDS[_choose_by_weight(rng, _ADULT_BAND_WEIGHTS, n)]
    adult_age = rng.integers(band[:, 0], band[:, 1])
    has_kids = hh.kids[owner] > 0
    parent_min = eldest[owner] + 18 + rng.integers(0, 15, n)
    adult_age = np.where(has_kids, np.maximum(adult_age, parent_min), adult_age)
    # a partner is within a few years of the first adult
    first = start[owner]
    partner = np.clip(adult_age[first] + rng.integers(-5, 6, n), 18, 90)
    partner = np.where(has_kids, np.maximum(partner, parent_min), partner)
    adult_age = np.where(rank == 1, partner, adult_age)
    age[adult] = adult_age[adult]
    return np.minimum(age, 100), owner


# --------------------------------------------------------------------------- locations


def _max_capacity(profile: _Profile, type_: str) -> int:
    return MAX_CAPACITY if type_ == profile.intake_type else MAX_OTHER_CAPACITY


def _type_counts(n_locations: int, profile: _Profile, need: dict[str, float]) -> dict[str, int]:
    """Locations per type: the profile's shares, but enough to hold each type's need."""
    counts = _apportion(n_locations, np.array([profile.type_share[t] for t in profile.types]))
    least = np.array(
        [
            max(1, math.ceil(need.get(t, 0.0) / (0.9 * _max_capacity(profile, t))))
            for t in profile.types
        ]
    )
    while (counts < least).any():
        short = int(np.argmax(least - counts))
        spare = np.flatnonzero(counts > least)
        if len(spare) == 0:
            break
        counts[spare[np.argmax(counts[spare])]] -= 1
        counts[short] += 1
    return dict(zip(profile.types, counts.tolist(), strict=True))


def _pick_seeds(profile: _Profile, counts: dict[str, int], n_locations: int) -> pd.DataFrame:
    """Real seed locations that fit the type counts: registration centres first."""
    seeds = _seed_locations().copy()
    seeds["type"] = seeds["kind"].map(profile.seed_kind_type)
    seeds["priority"] = (seeds["type"] != profile.intake_type).astype(int)
    seeds = seeds.sort_values("priority", kind="stable")
    within = seeds.groupby("type", sort=False).cumcount().to_numpy()
    room = seeds["type"].map(counts).to_numpy()
    # at most half of a type's locations are seeds (all of the registration type)
    room = np.where(seeds["type"] == profile.intake_type, room, np.ceil(room / 2))
    seeds = seeds[within < room]
    return seeds.head(max(1, n_locations // 3)).reset_index(drop=True)


def _synthetic_gemeenten(
    rng: np.random.Generator, n: int, n_locations: int, seed_codes: pd.Series
) -> np.ndarray:
    """Gemeenten for ``n`` synthetic locations: per province in proportion to population."""
    gem = _gemeenten()
    prov_pop = gem.groupby("province", sort=True)["population"].sum()
    seeds_per_prov = (
        gem.set_index("gemeente_code")
        .loc[seed_codes, "province"]
        .value_counts()
        .reindex(prov_pop.index, fill_value=0)
    )
    desired = np.maximum(n_locations * prov_pop / prov_pop.sum() - seeds_per_prov, 0).to_numpy(
        dtype=float
    )
    if desired.sum() <= 0:
        desired = prov_pop.to_numpy(dtype=float)
    quota = _apportion(n, desired)
    codes: list[np.ndarray] = []
    for province, q in zip(prov_pop.index, quota, strict=True):
        if q == 0:
            continue
        members = gem[gem["province"] == province]
        w = np.sqrt(members["population"].to_numpy(dtype=float))
        pick = rng.choice(len(members), size=q, replace=q > len(members), p=w / w.sum())
        codes.append(members["gemeente_code"].to_numpy()[pick])
    out = np.concatenate(codes) if codes else np.zeros(0, dtype=object)
    return out[rng.permutation(len(out))]


def _points(rng: np.random.Generator, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Points near the gemeente reference point, inside the gemeente where possible."""
    gem = _gemeenten().set_index("gemeente_code")
    lat0 = gem.loc[codes, "lat"].to_numpy(dtype=float)
    lon0 = gem.loc[codes, "lon"].to_numpy(dtype=float)
    bounds = _boundaries()
    polys = np.array([bounds[c] for c in codes], dtype=object)
    lat, lon = lat0.copy(), lon0.copy()
    todo = np.ones(len(codes), dtype=bool)
    for scale in (1.0, 0.5, 0.25):
        dlat = rng.normal(0.0, 0.018 * scale, len(codes))
        dlon = rng.normal(0.0, 0.028 * scale, len(codes))
        inside = shapely.contains_xy(polys, lon0 + dlon, lat0 + dlat) if len(codes) else todo
        take = todo & inside
        lat[take], lon[take] = lat0[take] + dlat[take], lon0[take] + dlon[take]
        todo &= ~take
    return np.round(lat, 4), np.round(lon, 4)


def _build_locations(
    rng: np.random.Generator,
    profile: _Profile,
    n_locations: int,
    planning_date: dt.date,
    need: dict[str, float],
) -> pd.DataFrame:
    """Locations with type, gemeente, name, raw size, flags, dates, cost and point.

    Capacities are set later from the persons (``raw`` holds the relative size).
    """
    counts = _type_counts(n_locations, profile, need)
    seeds = _pick_seeds(profile, counts, n_locations)
    seed_per_type = seeds["type"].value_counts()
    synth_types = np.concatenate(
        [np.repeat(t, counts[t] - int(seed_per_type.get(t, 0))) for t in profile.types]
    ).astype(object)
    n_synth = len(synth_types)
    codes = _synthetic_gemeenten(rng, n_synth, n_locations, seeds["gemeente_code"])
    gem = _gemeenten().set_index("gemeente_code")

    # noodopvang sub-kinds decide name, cost and child suitability
    kinds = np.array([k[0] for k in _NOODOPVANG_KINDS], dtype=object)
    kind_p = np.array([k[1] for k in _NOODOPVANG_KINDS])
    sub = np.where(
        synth_types == "noodopvang", kinds[_choose_by_weight(rng, kind_p, n_synth)], ""
    ).astype(object)
    prefix = np.array([profile.prefix[t] for t in synth_types], dtype=object)
    gem_names = gem.loc[codes, "name"].to_numpy(dtype=object)
    names = np.where(sub != "", prefix + " " + sub + " " + gem_names, prefix + " " + gem_names)
    typical = np.array([profile.typical_size[t] for t in synth_types], dtype=float)
    raw = typical * rng.lognormal(0.0, 0.5, n_synth)
    lat, lon = _points(rng, codes)
    no_point = rng.random(n_synth) < NO_POINT_SHARE
    lat[no_point] = np.nan
    lon[no_point] = np.nan

    seed_sub = np.where(seeds["kind"] == "hotel", "hotel", "").astype(object)
    seed_sub = np.where(
        seeds["name"].str.contains("sporthal|nachtopvang|wachtkamer", case=False),
        "sporthal",
        seed_sub,
    )
    frame = pd.DataFrame(
        {
            "name": np.concatenate([seeds["name"].to_numpy(dtype=object), names]),
            "gemeente_code": np.concatenate([seeds["gemeente_code"].to_numpy(dtype=object), codes]),
            "type": np.concatenate([seeds["type"].to_numpy(dtype=object), synth_types]),
            "sub": np.concatenate([seed_sub, sub]),
            "seed": np.r_[np.ones(len(seeds), bool), np.zeros(n_synth, bool)],
            "raw": np.r_[seeds["capacity"].astype(float).to_numpy(), raw],
            "lat": np.r_[np.full(len(seeds), np.nan), lat],
            "lon": np.r_[np.full(len(seeds), np.nan), lon],
        }
    )
    n = len(frame)
    # unique names
    dup = frame.groupby("name", sort=False).cumcount().to_numpy()
    frame["name"] = np.where(dup > 0, frame["name"] + " " + (dup + 1).astype(str), frame["name"])

    # status on the planning date: closed (before it), opening (after it), open
    type_arr = frame["type"].to_numpy(dtype=object)
    biggest = np.zeros(n, dtype=bool)
    biggest[frame.groupby("type", sort=False)["raw"].idxmax().to_numpy()] = True
    w_close = np.array([profile.closing_types.get(t, 0.0) for t in type_arr]) * ~biggest
    n_closed = min(max(1, round(0.03 * n)), int((w_close > 0).sum()))
    closed = np.zeros(n, dtype=bool)
    if n_closed:
        closed[rng.choice(n, n_closed, replace=False, p=w_close / w_close.sum())] = True
    w_open = np.isin(type_arr, profile.opening_types) & ~biggest & ~closed & ~frame["seed"]
    n_opening = min(max(int(n >= 20), round(0.015 * n)), int(w_open.sum()))
    opening = np.zeros(n, dtype=bool)
    if n_opening:
        opening[rng.choice(np.flatnonzero(w_open), n_opening, replace=False)] = True
    frame["status"] = np.where(closed, "closed", np.where(opening, "opening", "open"))

    day = np.datetime64(planning_date, "D")
    days = np.timedelta64(1, "D")
    nood = type_arr == "noodopvang"
    gemeentelijk = type_arr == "gemeentelijk"
    temporary = nood | gemeentelijk
    open_from = np.where(temporary, day - rng.integers(30, 900, n) * days, np.datetime64("NaT"))
    open_until = np.where(
        nood,
        day + rng.integers(30, 720, n) * days,
        np.where(gemeentelijk, day + rng.integers(365, 1800, n) * days, np.datetime64("NaT")),
    )
    open_from = np.where(closed, day - rng.integers(200, 1100, n) * days, open_from)
    open_until = np.where(closed, day - rng.integers(1, 8, n) * days, open_until)
    open_from = np.where(opening, day + rng.integers(7, 120, n) * days, open_from)
    open_until = np.where(opening, np.datetime64("NaT"), open_until)
    # a few open noodopvang close within 90 days (still open on the planning date)
    soon_w = nood & ~closed & ~biggest
    n_soon = min(round(0.03 * n), int(soon_w.sum()))
    if n_soon:
        soon = rng.choice(np.flatnonzero(soon_w), n_soon, replace=False)
        open_until[soon] = day + rng.integers(0, 90, n_soon) * days
    frame["open_from"] = pd.to_datetime(open_from).astype("datetime64[ns]")
    frame["open_until"] = pd.to_datetime(open_until).astype("datetime64[ns]")

    # flags
    sub_arr = frame["sub"].to_numpy(dtype=object)
    intake = type_arr == profile.intake_type
    adult_only = np.isin(type_arr, profile.adult_only_types)
    sub_child = dict((k[0], k[2]) for k in _NOODOPVANG_KINDS)
    child_ok = ~adult_only & np.array([sub_child.get(s, True) for s in sub_arr])
    has_medical = intake | np.isin(type_arr, profile.medical_types) | biggest
    others = ~has_medical & child_ok
    p_med = max(MEDICAL_LOCATION_SHARE * n - has_medical.sum(), 0) / max(others.sum(), 1)
    has_medical |= others & (rng.random(n) < p_med)
    candidates = child_ok & ~has_medical & ~intake
    n_not = max(0, round(NOT_CHILD_SUITABLE_SHARE * n) - int((~child_ok).sum()))
    if n_not and candidates.any():
        w = np.where(nood, 3.0, 1.0) * candidates
        pick = rng.choice(n, min(n_not, int(candidates.sum())), replace=False, p=w / w.sum())
        child_ok[pick] = False
    frame["has_medical"] = has_medical
    frame["child_suitable"] = child_ok

    # cost per bed per night
    low = np.array([profile.cost[t][0] for t in type_arr])
    high = np.array([profile.cost[t][1] for t in type_arr])
    sub_cost = dict((k[0], k[3]) for k in _NOODOPVANG_KINDS)
    for s, (lo, hi) in sub_cost.items():
        m = sub_arr == s
        low[m], high[m] = lo, hi
    frame["cost_per_night"] = np.round(rng.uniform(low, high), 2)
    return frame.drop(columns=["sub"])


def _set_capacities(
    frame: pd.DataFrame,
    need_after: dict[str, float],
    need_before: dict[str, float],
    slack: dict[str, float],
    occupancy: float,
    profile: _Profile,
) -> np.ndarray:
    """Beds per location: open ones cover the need of their type, scaled from ``raw``."""
    cap = np.zeros(len(frame), dtype=np.int64)
    status = frame["status"].to_numpy()
    raw = frame["raw"].to_numpy(dtype=float)
    for t, idx in frame.groupby("type", sort=False).indices.items():
        is_open = status[idx] == "open"
        target = max(need_after.get(t, 0.0) * slack[t], need_before.get(t, 0.0) / occupancy)
        target = max(target, MIN_CAPACITY * is_open.sum())
        r = raw[idx]
        top = _max_capacity(profile, t)
        values = r.copy()
        fixed = np.zeros(len(idx), dtype=bool)
        for _ in range(5):  # scale, clip, and scale the unclipped again
            free = is_open & ~fixed
            room = target - values[is_open & fixed].sum()
            if free.sum() == 0 or r[free].sum() <= 0:
                break
            factor = room / r[free].sum()
            values = np.where(fixed, values, r * factor)
            newly = is_open & ~fixed & ((values > top) | (values < MIN_CAPACITY))
            values = np.clip(values, MIN_CAPACITY, top)
            if not newly.any():
                break
            fixed |= newly
        cap[idx] = np.clip(np.ceil(values), MIN_CAPACITY, top).astype(np.int64)
    return cap


def _spread(
    rng: np.random.Generator,
    hh_tier: np.ndarray,
    hh_size: np.ndarray,
    loc_tier: np.ndarray,
    loc_weight: np.ndarray,
) -> np.ndarray:
    """Index into the locations for each household, in proportion to ``loc_weight``.

    Households and locations are ordered by tier (medical, children, other)
    with random order within a tier, so medical households land at medical
    locations and children at child-suitable ones as far as the beds allow.
    """
    h_order = np.lexsort((rng.random(len(hh_tier)), hh_tier))
    l_order = np.lexsort((rng.random(len(loc_tier)), loc_tier))
    sizes = hh_size[h_order]
    mid = (np.cumsum(sizes) - sizes / 2) / sizes.sum()
    w = loc_weight[l_order]
    edges = np.cumsum(w) / w.sum()
    slot = np.minimum(np.searchsorted(edges, mid, side="right"), len(w) - 1)
    out = np.empty(len(hh_tier), dtype=np.int64)
    out[h_order] = l_order[slot]
    return out


# --------------------------------------------------------------------------- main


def generate_scenario(
    *,
    persons: int = 65000,
    arrivals: int = 1000,
    locations: int = 250,
    seed: int = 0,
    planning_date: dt.date = dt.date(2026, 11, 23),
    landscape: str = "2024",
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Any]]:
    """Generate a synthetic scenario from real reference data and published marginals.

    Parameters
    ----------
    persons
        About how many persons in ``persons.csv`` (new arrivals included);
        households are whole, so the count overshoots by a few at most.
    arrivals
        About how many of them are new arrivals (empty ``current_location_id``).
    locations
        Number of locations, at least one per type of the landscape.
    seed
        Seed of the random generator; the same arguments give the same frames.
    planning_date
        The planning date written to ``scenario.toml``; opening and closing
        dates are set around it.
    landscape
        ``"2024"`` or ``"2020"`` (the landscapes shipped in ``models/``).

    Returns
    -------
    locations, persons, settings
        Frames with exactly the contract's columns (typed like
        :class:`placement.input.scenario.Scenario`'s frames, without ``line``; ``lat``
        and ``lon`` are NaN where the gemeente's reference point applies) and
        the ``scenario.toml`` content as a dictionary.

    Raises
    ------
    ValueError
        For an unknown landscape or counts that cannot be met.
    """
    if landscape not in _PROFILES:
        raise ValueError(f"landscape must be one of {list(_PROFILES)}, got {landscape!r}")
    profile = _PROFILES[landscape]
    if persons < 1 or not 0 <= arrivals <= persons:
        raise ValueError(
            f"need persons >= 1 and 0 <= arrivals <= persons, got {persons}, {arrivals}"
        )
    if locations < len(profile.types):
        raise ValueError(
            f"landscape {landscape} has {len(profile.types)} location types: "
            f"need at least that many locations, got {locations}"
        )
    rng = np.random.default_rng(seed)
    marg = published_marginals()
    mix = household_mix(marg["children_share"], marg["amv_share"])

    # households: residents, then new arrivals
    res = _draw_households(rng, persons - arrivals, mix)
    arr = _draw_households(rng, arrivals, mix)
    hh = _Households(
        kind=np.r_[res.kind, arr.kind],
        adults=np.r_[res.adults, arr.adults],
        kids=np.r_[res.kids, arr.kids],
        arrival=np.r_[np.zeros(len(res.kind), bool), np.ones(len(arr.kind), bool)],
    )
    n_hh = len(hh.kind)
    size = hh.size
    track = _tracks(rng, hh, profile, marg["status_holder_share"])
    age, owner = _ages(rng, hh)
    medical = rng.random(len(age)) < MEDICAL_SHARE
    hh_medical = np.zeros(n_hh, dtype=bool)
    np.logical_or.at(hh_medical, owner, medical)
    hh_kids = hh.kids > 0

    # where residents live now (a type), and the beds each type needs
    types = list(profile.types)
    type_ix = {t: i for i, t in enumerate(types)}
    tracks = list(profile.homes)
    home_p = np.zeros((len(tracks), len(types)))
    for i, t in enumerate(tracks):
        for ty, p in profile.homes[t].items():
            home_p[i, type_ix[ty]] = p
    home_p /= home_p.sum(axis=1, keepdims=True)
    track_ix = pd.Series(range(len(tracks)), index=tracks)[track].to_numpy()
    cdf = np.cumsum(home_p[track_ix], axis=1)
    home = np.minimum((rng.random(n_hh)[:, None] >= cdf).sum(axis=1), len(types) - 1)
    resident = ~hh.arrival
    # registered households still waiting at the registration location
    n_intake_arrivals = size[hh.arrival & (track == profile.intake_track)].sum()
    candidates = np.flatnonzero(resident & np.isin(track, profile.waiting_tracks))
    candidates = candidates[rng.permutation(len(candidates))]
    take = min(_take_persons(size[candidates], 0.5 * n_intake_arrivals), len(candidates))
    home[candidates[:take]] = type_ix[profile.intake_type]
    used = np.zeros(n_hh, dtype=bool)
    used[candidates[:take]] = True
    for ty, from_tracks, share in profile.misfits:
        cand = np.flatnonzero(resident & ~used & np.isin(track, from_tracks))
        cand = cand[rng.permutation(len(cand))]
        k = min(_take_persons(size[cand], share * size[resident].sum()), len(cand))
        home[cand[:k]] = type_ix[ty]
        used[cand[:k]] = True
    # beds needed after placement: residents where they fit now, the others
    # (arrivals, waiting and misfit households) spread by the home shares
    settled = resident & ~used
    need = np.bincount(home[settled], size[settled], len(types))
    need += (size[~settled, None] * home_p[track_ix[~settled]]).sum(axis=0)
    need_after = dict(zip(types, need, strict=True))
    need_before = dict(
        zip(types, np.bincount(home[resident], size[resident], len(types)), strict=True)
    )

    # locations and their beds
    slack = {t: float(rng.uniform(SLACK[0], SLACK[1])) for t in types}
    slack[profile.intake_type] = max(slack[profile.intake_type], 1.02)  # takes all arrivals
    loc = _build_locations(
        rng, profile, locations, planning_date, {t: v * slack[t] for t, v in need_after.items()}
    )
    loc["capacity"] = _set_capacities(
        loc, need_after, need_before, slack, occupancy=0.97, profile=profile
    )

    # residents spread over the open and closed locations of their type
    current = np.full(n_hh, -1, dtype=np.int64)
    loc_type = loc["type"].to_numpy(dtype=object)
    hosts = loc["status"].to_numpy() != "opening"
    loc_tier = np.where(loc["has_medical"], 0, np.where(loc["child_suitable"], 1, 2))
    hh_tier = np.where(hh_medical, 0, np.where(hh_kids, 1, 2))
    weight = loc["capacity"].to_numpy(dtype=float) * rng.uniform(0.95, 1.0, len(loc))
    for t in types:
        who = np.flatnonzero(resident & (home == type_ix[t]))
        where = np.flatnonzero(hosts & (loc_type == t))
        if len(who) == 0:
            continue
        if len(where) == 0:
            raise ValueError(f"no location of type {t} to hold its residents")
        current[who] = where[_spread(rng, hh_tier[who], size[who], loc_tier[where], weight[where])]
    # no location starts over its beds; max_children above its resident children
    placed = current >= 0
    occupancy = np.bincount(current[placed], size[placed], len(loc)).astype(np.int64)
    children = np.bincount(current[placed], hh.kids[placed], len(loc)).astype(np.int64)
    loc["capacity"] = np.maximum(loc["capacity"].to_numpy(), occupancy)
    regular = np.isin(loc_type, [t for t in types if t not in profile.adult_only_types])
    regular &= (loc_type != profile.intake_type) & loc["child_suitable"].to_numpy()
    limit = regular & (rng.random(len(loc)) < MAX_CHILDREN_SHARE)
    max_children = np.maximum(np.ceil(children * rng.uniform(1.05, 1.4, len(loc)) / 5) * 5, 10)
    loc["max_children"] = pd.array(np.where(limit, max_children, np.nan), dtype="Float64").astype(
        "Int64"
    )

    # ids: locations by type, gemeente and name
    loc["type_rank"] = loc["type"].map(type_ix)
    loc_order = np.lexsort(
        (loc["name"].to_numpy(), loc["gemeente_code"].to_numpy(), loc["type_rank"].to_numpy())
    )
    new_index = np.empty(len(loc), dtype=np.int64)
    new_index[loc_order] = np.arange(len(loc))
    loc = loc.iloc[loc_order].reset_index(drop=True)
    loc["location_id"] = _ids("L", len(loc), 3)
    current = np.where(current >= 0, new_index[np.maximum(current, 0)], -1)

    # household-level columns
    gem = _gemeenten()
    status_hh = track == profile.status_track
    pop = gem["population"].to_numpy(dtype=float)
    housing = np.full(n_hh, "", dtype=object)
    housing[status_hh] = gem["gemeente_code"].to_numpy(dtype=object)[
        _choose_by_weight(rng, pop, int(status_hh.sum()))
    ]
    move_kind = np.array([profile.moves[t] for t in track], dtype=object)
    moves = np.zeros(n_hh, dtype=np.int64)
    for kind, move_p in _MOVE_WEIGHTS.items():
        m = resident & (move_kind == kind)
        moves[m] = _choose_by_weight(rng, move_p, int(m.sum()))
    group = _family_groups(rng, current, resident)

    # households ordered: residents by location, then new arrivals
    hh_order = np.lexsort((rng.random(n_hh), np.where(current >= 0, current, len(loc))))
    hh_rank = np.empty(n_hh, dtype=np.int64)
    hh_rank[hh_order] = np.arange(n_hh)
    hh_ids = _ids("H", n_hh, 6)[hh_rank]
    family = np.full(n_hh, "", dtype=object)
    grouped = group >= 0
    if grouped.any():  # family-group ids in the order of their first household
        n_groups = int(group.max()) + 1
        first = np.full(n_groups, n_hh, dtype=np.int64)
        np.minimum.at(first, group[grouped], hh_rank[grouped])
        g_rank = np.empty(n_groups, dtype=np.int64)
        g_rank[np.argsort(first, kind="stable")] = np.arange(n_groups)
        family[grouped] = _ids("F", n_groups, 4)[g_rank[group[grouped]]]

    loc_ids = loc["location_id"].to_numpy(dtype=object)
    current_id = np.where(current >= 0, loc_ids[np.maximum(current, 0)], "")

    person_order = np.lexsort((np.arange(len(owner)), hh_rank[owner]))
    o = owner[person_order]
    people = pd.DataFrame(
        {
            "person_id": _ids("P", len(o), 6),
            "household_id": hh_ids[o],
            "age": age[person_order].astype(np.int64),
            "medical_need": medical[person_order],
            "track": track[o],
            "current_location_id": current_id[o],
            "housing_gemeente_code": housing[o],
            "family_group": family[o],
            "moves": moves[o],
        }
    )
    for col in (
        "person_id",
        "household_id",
        "track",
        "current_location_id",
        "housing_gemeente_code",
        "family_group",
    ):
        people[col] = people[col].astype(str)

    out = pd.DataFrame(
        {
            "location_id": loc["location_id"].astype(str),
            "name": loc["name"].astype(str),
            "gemeente_code": loc["gemeente_code"].astype(str),
            "type": loc["type"].astype(str),
            "capacity": loc["capacity"].astype(np.int64),
            "lat": loc["lat"].astype(np.float64),
            "lon": loc["lon"].astype(np.float64),
            "has_medical": loc["has_medical"].astype(bool),
            "child_suitable": loc["child_suitable"].astype(bool),
            "max_children": loc["max_children"],
            "open_from": loc["open_from"],
            "open_until": loc["open_until"],
            "cost_per_night": loc["cost_per_night"].astype(np.float64),
        }
    )
    settings: dict[str, Any] = {
        "planning_date": planning_date,
        "landscape": landscape,
        "mode": "weekly",
        "weights": {f.name: getattr(Weights(), f.name) for f in fields(Weights)},
        "solver": {f.name: getattr(SolverSettings(), f.name) for f in fields(SolverSettings)},
    }
    return out, people, settings


def _family_groups(
    rng: np.random.Generator, current: np.ndarray, resident: np.ndarray
) -> np.ndarray:
    """Group number per household (-1: none); about 5 % of households, 2-3 per group.

    Half of the grouped households live together (consecutive households of one
    location); the others are drawn anywhere, new arrivals included.
    """
    n = len(current)
    group = np.full(n, -1, dtype=np.int64)
    target = round(FAMILY_GROUP_SHARE * n)
    if target < 2:
        return group
    # together: blocks of three consecutive residents of the same location
    res = np.flatnonzero(resident)
    order = res[np.lexsort((rng.random(len(res)), current[res]))]
    n_blocks = len(order) // 3
    n_together = min(target // 2 // 2, n_blocks)
    next_id = 0
    if n_together:
        blocks = rng.choice(n_blocks, n_together, replace=False)
        members = order[blocks[:, None] * 3 + np.arange(3)]  # shape (k, 3)
        sizes = np.where(rng.random(n_together) < 0.3, 3, 2)
        same = current[members] == current[members[:, :1]]
        keep = same & (np.arange(3) < sizes[:, None])
        valid = keep.sum(axis=1) >= 2
        ids = np.cumsum(valid) - 1
        rows, cols = np.nonzero(keep & valid[:, None])
        group[members[rows, cols]] = ids[rows]
        next_id = int(valid.sum())
    # apart: any households not yet grouped
    rest = np.flatnonzero(group < 0)
    remaining = target - int((group >= 0).sum())
    if remaining >= 2:
        pick = rng.choice(rest, min(remaining, len(rest)), replace=False)
        sizes = np.where(rng.random(len(pick)) < 0.3, 3, 2)
        ends = np.cumsum(sizes)
        label = np.searchsorted(ends, np.arange(len(pick)), side="right")
        alone = np.bincount(label)[label] == 1  # a last group of one is no group
        group[pick[~alone]] = next_id + label[~alone]
    return group


# --------------------------------------------------------------------------- writing


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


_LOCATION_KINDS = {
    "capacity": "int",
    "lat": "coord",
    "lon": "coord",
    "has_medical": "bool",
    "child_suitable": "bool",
    "max_children": "int",
    "open_from": "date",
    "open_until": "date",
    "cost_per_night": "money",
}
_PERSON_KINDS = {"age": "int", "medical_need": "bool", "moves": "int"}


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
    for frame, columns, kinds, name in (
        (locations, LOCATION_COLUMNS, _LOCATION_KINDS, "locations.csv"),
        (persons, PERSON_COLUMNS, _PERSON_KINDS, "persons.csv"),
    ):
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise ValueError(f"{name}: missing column(s) {missing}")
        text = pd.DataFrame({c: _text(frame[c], kinds.get(c, "text")) for c in columns})
        text.to_csv(folder / name, index=False, encoding="utf-8", lineterminator="\n")
    (folder / "scenario.toml").write_text(to_toml(settings_dict), encoding="utf-8")
    return folder
