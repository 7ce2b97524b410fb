"""An independent, deliberately simple re-implementation of SPEC.md, for tests.

It never imports the optimiser: it reads a scenario folder in *plain* form
(UTF-8, ``,``-separated, ``.`` decimals, ``yyyy-mm-dd`` dates, ``true/false``,
empty cells for missing), evaluates any assignment of households to locations
against the contract, finds the optimum of tiny instances by enumeration and
checks the optimiser's output folder.

Public API
----------
- ``load_plain_scenario(folder) -> dict``
- ``evaluate(scn, assignment) -> Evaluation``
- ``options(scn, household) -> list[location_id | None]``
- ``brute_force(scn) -> (best_objective, best_assignment)``
- ``solve_independently(scn) -> (objective, assignment)``: the contract as a
  MIP with one binary per (household, option), solved by COIN-OR CBC (PuLP)
- ``evaluate_outputs(scenario_folder, out_folder) -> Evaluation``
- ``random_scenario(rng, folder, ...) -> None``
- ``haversine_km(lat1, lon1, lat2, lon2) -> float``
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import re
import tomllib
import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
MODELS = REPO / "models"
BUILTIN_GEMEENTEN = REPO / "data" / "gemeenten.csv"

EARTH_RADIUS_KM = 6371.0
MAX_ENUMERATION = 200_000
TERMS = (
    "unplaced",
    "wrong_type",
    "family_split",
    "child_over_cap",
    "child_move",
    "move",
    "distance",
    "cost",
    "closing_soon",
    "flex_bed",
    "moves_ahead",
)
DEFAULT_WEIGHTS: dict[str, float] = {
    "unplaced": 10000,
    "wrong_type": 1000,
    "family_split": 500,
    "child_over_cap": 200,
    "child_move": 50,
    "move": 5,
    "distance": 0.1,
    "cost": 0.05,
    "closing_soon": 20,
    "flex_bed": 100,
    "max_child_moves": 1,
    "lookahead_days": 28,
    "ahead": 1.0,
}
#: The weight of a term, where its name in [weights] differs.
WEIGHT_NAME = {"moves_ahead": "ahead"}
#: The chain's defaults, as SPEC.md (*Moves ahead*) writes them: track -> (weeks, next shares).
DEFAULT_CHAIN: dict[str, dict[str, tuple[float, dict[str, float]]]] = {
    "2024": {
        "aanmelding": (1.5, {"regulier": 0.80, "versneld": 0.15, "htl": 0.02, "ibo": 0.03}),
        "versneld": (7, {"leave": 0.98, "vergunninghouder": 0.02}),
        "regulier": (52, {"vergunninghouder": 0.5, "leave": 0.5}),
        "htl": (12, {"regulier": 1.0}),
        "ibo": (26, {"regulier": 1.0}),
    },
    "2020": {
        "aanmelding": (
            1.5,
            {"kansrijk": 0.45, "overig": 0.35, "kansarm": 0.15, "htl": 0.02, "ibo": 0.03},
        ),
        "kansarm": (7, {"leave": 0.98, "vergunninghouder": 0.02}),
        "overig": (52, {"vergunninghouder": 0.4, "leave": 0.6}),
        "kansrijk": (26, {"vergunninghouder": 0.9, "leave": 0.1}),
        "htl": (12, {"overig": 1.0}),
        "ibo": (26, {"overig": 1.0}),
    },
}
STATUSES = ("stay", "move", "new", "unplaced")

Assignment = dict[str, "str | None"]


# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Location:
    """One location as the model sees it on the planning date."""

    location_id: str
    gemeente_code: str
    type: str
    capacity: int
    lat: float
    lon: float
    has_medical: bool
    child_suitable: bool
    max_children: int | None
    is_open: bool
    cost_per_night: float
    flex_capacity: int = 0
    open_until: date | None = None

    @property
    def limit(self) -> int:
        """Beds plus flexible beds."""
        return self.capacity + self.flex_capacity


@dataclass(frozen=True)
class Household:
    """The persons that are always placed together."""

    household_id: str
    track: str
    current: str | None
    housing: str | None
    family_group: str | None
    person_ids: tuple[str, ...]
    ages: tuple[int, ...]
    moves: tuple[int, ...]
    medical: bool

    @property
    def persons(self) -> int:
        return len(self.ages)

    @property
    def children(self) -> int:
        return sum(age < 18 for age in self.ages)

    @property
    def is_resident(self) -> bool:
        return self.current is not None


@dataclass
class Evaluation:
    """An assignment judged against the contract."""

    feasible: bool
    violations: list[str]
    terms: dict[str, float]
    objective: float
    persons: int = 0
    placed: int = 0
    unplaced: int = 0
    moved_persons: int = 0
    moved_children: int = 0
    children_over_cap: int = 0
    family_splits: int = 0
    flex_beds_used: int = 0
    wrong_type_persons: int = 0
    households: int = 0
    unplaced_households: int = 0
    new_arrivals: int = 0
    stayed_persons: int = 0
    distance_km_mean: float | None = None
    expected_moves_ahead: float = 0.0
    expected_child_moves_ahead: float = 0.0
    assignment: Assignment = field(default_factory=dict)


# --------------------------------------------------------------------------
# Reading a plain scenario
# --------------------------------------------------------------------------


def _read_plain_csv(path: Path) -> pd.DataFrame:
    """A plain CSV as trimmed text; empty cells are ``""``, ``NA`` stays text."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.apply(lambda col: col.str.strip())
    return frame[(frame != "").any(axis=1)].reset_index(drop=True)


def _bool(text: str, default: bool) -> bool:
    if text == "":
        return default
    return text.lower() in ("true", "1", "ja", "yes", "waar")


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _cell(row: pd.Series, name: str) -> str:
    return str(row[name]) if name in row.index else ""


def read_gemeenten(folder: Path | None = None) -> dict[str, tuple[float, float]]:
    """Built-in reference points, with the scenario's ``gemeenten.csv`` rows applied."""
    points: dict[str, tuple[float, float]] = {}
    paths = [BUILTIN_GEMEENTEN] + ([folder / "gemeenten.csv"] if folder else [])
    for path in paths:
        if path.exists():
            for _, row in _read_plain_csv(path).iterrows():
                points[row["gemeente_code"]] = (float(row["lat"]), float(row["lon"]))
    return points


def _landscape_file(name: str, folder: Path) -> dict[str, Any]:
    path = MODELS / f"landscape-{name}.toml" if name in ("2024", "2020") else folder / name
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def read_landscape(name: str, folder: Path) -> dict[str, tuple[str, ...]]:
    """Allowed location types per track."""
    tracks = _landscape_file(name, folder)["tracks"]
    return {track: tuple(types) for track, types in tracks.items()}


def read_chain(folder: Path, landscape_name: str) -> dict[str, Any]:
    """The chain of ``simulation.toml`` (SPEC defaults for what it leaves out)."""
    raw: dict[str, Any] = {}
    if (folder / "simulation.toml").exists():
        with open(folder / "simulation.toml", "rb") as handle:
            raw = tomllib.load(handle)
    given = raw.get("tracks", {})
    flows = (
        {t: (float(v["weeks"]), dict(v["next"])) for t, v in given.items()}
        if given
        else DEFAULT_CHAIN.get(landscape_name, {})
    )
    file = _landscape_file(landscape_name, folder)
    return {
        "flows": flows,
        "leave_weeks": float(raw.get("leave", {}).get("weeks", 12)),
        "lead_time_weeks": float(raw.get("housing", {}).get("lead_time_weeks", 20)),
        "link_tracks": tuple(file.get("link_tracks", ())),
    }


def _is_open(row: pd.Series, on: date) -> bool:
    start, end = _date(_cell(row, "open_from")), _date(_cell(row, "open_until"))
    return (start is None or start <= on) and (end is None or on <= end)


def _location(row: pd.Series, on: date, points: dict[str, tuple[float, float]]) -> Location:
    lat, lon = _cell(row, "lat"), _cell(row, "lon")
    point = (float(lat), float(lon)) if lat and lon else points[row["gemeente_code"]]
    max_children = _cell(row, "max_children")
    cost = _cell(row, "cost_per_night")
    flex = _cell(row, "flex_capacity")
    return Location(
        location_id=row["location_id"],
        gemeente_code=row["gemeente_code"],
        type=row["type"],
        capacity=int(row["capacity"]),
        lat=point[0],
        lon=point[1],
        has_medical=_bool(_cell(row, "has_medical"), False),
        child_suitable=_bool(_cell(row, "child_suitable"), True),
        max_children=int(max_children) if max_children else None,
        is_open=_is_open(row, on),
        cost_per_night=float(cost) if cost else 0.0,
        flex_capacity=int(flex) if flex else 0,
        open_until=_date(_cell(row, "open_until")),
    )


def _household(household_id: str, rows: pd.DataFrame) -> Household:
    first = rows.iloc[0]
    moves = [int(m) if m else 0 for m in rows.get("moves", pd.Series([""] * len(rows)))]
    medical = [_bool(m, False) for m in rows.get("medical_need", pd.Series([""] * len(rows)))]
    return Household(
        household_id=household_id,
        track=first["track"],
        current=_cell(first, "current_location_id") or None,
        housing=_cell(first, "housing_gemeente_code") or None,
        family_group=_cell(first, "family_group") or None,
        person_ids=tuple(rows["person_id"]),
        ages=tuple(int(a) for a in rows["age"]),
        moves=tuple(moves),
        medical=any(medical),
    )


def _households(persons: pd.DataFrame) -> dict[str, Household]:
    order = list(dict.fromkeys(persons["household_id"]))
    groups = {hid: rows for hid, rows in persons.groupby("household_id", sort=False)}
    return {hid: _household(hid, groups[hid]) for hid in order}


def _settings(folder: Path) -> dict[str, Any]:
    path = folder / "scenario.toml"
    if not path.exists():
        return {}
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def _overrides(folder: Path) -> list[dict[str, str]]:
    path = folder / "overrides.csv"
    if not path.exists():
        return []
    return _read_plain_csv(path).to_dict("records")


def load_plain_scenario(folder: str | Path) -> dict[str, Any]:
    """Read a scenario folder in plain form into a dict of simple objects.

    Keys: folder, planning_date, mode, landscape_name, landscape (track -> types),
    weights (defaults filled in, incl. max_child_moves), solver, gemeenten
    (code -> (lat, lon)), locations (id -> Location, input order), persons
    (frame of text), households (id -> Household, order of first appearance),
    overrides (list of dicts), pins / forbids (household -> set of location ids),
    residents / resident_children (location id -> persons before placement).
    """
    folder = Path(folder)
    settings = _settings(folder)
    planning_date = settings.get("planning_date", date.today())
    landscape_name = str(settings.get("landscape", "2024"))
    gemeenten = read_gemeenten(folder)
    location_rows = _read_plain_csv(folder / "locations.csv")
    persons = _read_plain_csv(folder / "persons.csv")
    locations = {
        row["location_id"]: _location(row, planning_date, gemeenten)
        for _, row in location_rows.iterrows()
    }
    households = _households(persons)
    overrides = _overrides(folder)
    pins: dict[str, set[str]] = defaultdict(set)
    forbids: dict[str, set[str]] = defaultdict(set)
    for o in overrides:
        (pins if o["action"] == "pin" else forbids)[o["household_id"]].add(o["location_id"])
    residents: dict[str, int] = defaultdict(int)
    resident_children: dict[str, int] = defaultdict(int)
    for h in households.values():
        if h.current is not None:
            residents[h.current] += h.persons
            resident_children[h.current] += h.children
    return {
        "folder": folder,
        "planning_date": planning_date,
        "mode": settings.get("mode", "weekly"),
        "landscape_name": landscape_name,
        "landscape": read_landscape(landscape_name, folder),
        "chain": read_chain(folder, landscape_name),
        "weights": {**DEFAULT_WEIGHTS, **settings.get("weights", {})},
        "solver": settings.get("solver", {}),
        "gemeenten": gemeenten,
        "locations": locations,
        "persons": persons,
        "households": households,
        "overrides": overrides,
        "pins": dict(pins),
        "forbids": dict(forbids),
        "residents": dict(residents),
        "resident_children": dict(resident_children),
    }


# --------------------------------------------------------------------------
# Words of the model
# --------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km on a sphere of radius 6371.0 km, degrees in."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def distance_km(scn: dict[str, Any], h: Household, location_id: str) -> float | None:
    """Km from the location's point to the household's housing gemeente, if any."""
    if h.housing is None:
        return None
    loc = scn["locations"][location_id]
    lat, lon = scn["gemeenten"][h.housing]
    return haversine_km(loc.lat, loc.lon, lat, lon)


def type_allowed(scn: dict[str, Any], h: Household, loc: Location) -> bool:
    """The location's type is one the household's track may be placed in."""
    return loc.type in scn["landscape"].get(h.track, ())


def misfits(scn: dict[str, Any], h: Household, loc: Location) -> list[str]:
    """Why the household does not fit the location (empty: it fits)."""
    reasons = []
    if not loc.is_open:
        reasons.append("is not open")
    if not type_allowed(scn, h, loc):
        reasons.append(f"type {loc.type!r} is not allowed for track {h.track!r}")
    if h.medical and not loc.has_medical:
        reasons.append("has no medical facilities for a medical need")
    if h.children and not loc.child_suitable:
        reasons.append("is not child_suitable for a household with children")
    return reasons


def current_open(scn: dict[str, Any], h: Household) -> bool:
    """The household is a resident whose current location is open."""
    return h.current is not None and scn["locations"][h.current].is_open


def decided(scn: dict[str, Any], h: Household) -> bool:
    """Whether the model chooses for this household (else it stays put)."""
    if scn["mode"] == "rebalance" or h.current is None:
        return True
    named = h.household_id in scn["pins"] or h.household_id in scn["forbids"]
    current = scn["locations"][h.current]
    return named or not current.is_open or not type_allowed(scn, h, current)


def household_violations(scn: dict[str, Any], h: Household, target: str | None) -> list[str]:
    """Hard rules for one household's own placement, in words (empty: allowed)."""
    who = f"household {h.household_id}"
    forbidden = scn["forbids"].get(h.household_id, set())
    out = []
    if target is None:
        if current_open(scn, h) and h.current not in forbidden:
            out.append(f"{who}: resident of open location {h.current} left unplaced")
    elif target not in scn["locations"]:
        out.append(f"{who}: unknown location {target}")
    elif target == h.current:
        if not scn["locations"][target].is_open:
            out.append(f"{who}: stays at {target}, which is not open")
    else:
        reasons = misfits(scn, h, scn["locations"][target])
        out += [f"{who}: location {target} {why}" for why in reasons]
    if not decided(scn, h) and target != h.current:
        out.append(f"{who}: not decided in weekly mode, must stay at {h.current}")
    for pin in sorted(scn["pins"].get(h.household_id, set())):
        if target != pin:
            out.append(f"{who}: pinned to {pin} but ends at {target}")
    if target in forbidden:
        out.append(f"{who}: ends at {target}, which an override forbids")
    return out


def options(scn: dict[str, Any], h: Household) -> list[str | None]:
    """Every end a household may have by its own rules (None: unplaced)."""
    candidates: list[str | None] = [*scn["locations"], None]
    return [c for c in candidates if not household_violations(scn, h, c)]


def over_capacity(scn: dict[str, Any], loc: Location) -> bool:
    """More residents than beds and flexible beds: takes no arrivals, residents may all stay."""
    return scn["residents"].get(loc.location_id, 0) > loc.limit


def closes_soon(scn: dict[str, Any], loc: Location) -> bool:
    """The last open night is before the planning date plus lookahead_days."""
    horizon = scn["planning_date"] + timedelta(days=int(scn["weights"]["lookahead_days"]))
    return loc.open_until is not None and loc.open_until < horizon


def flex_used(scn: dict[str, Any], loc: Location, persons: int) -> int:
    """Persons beyond capacity at a location not over its limit (0 at one that is)."""
    return 0 if over_capacity(scn, loc) else max(0, persons - loc.capacity)


def over_children(scn: dict[str, Any], loc: Location) -> bool:
    """More resident children than max_children: takes no household with children."""
    if loc.max_children is None:
        return False
    return scn["resident_children"].get(loc.location_id, 0) > loc.max_children


def location_violations(scn: dict[str, Any], loc: Location, ending: list[Household]) -> list[str]:
    """Capacity and max_children with the over-limit rule, for the households ending here."""
    where = f"location {loc.location_id}"
    arriving = [h for h in ending if h.current != loc.location_id]
    persons = sum(h.persons for h in ending)
    children = sum(h.children for h in ending)
    out = []
    if over_capacity(scn, loc):
        if arriving:
            out.append(f"{where}: over limit on capacity but takes arrivals")
    elif persons > loc.limit:
        out.append(f"{where}: {persons} persons exceed capacity + flex_capacity {loc.limit}")
    if loc.max_children is not None:
        if over_children(scn, loc):
            if any(h.children for h in arriving):
                out.append(f"{where}: over limit on children but takes children")
        elif children > loc.max_children:
            out.append(f"{where}: {children} children exceed max_children {loc.max_children}")
    return out


# --------------------------------------------------------------------------
# Objective
# --------------------------------------------------------------------------


def first_closed_week(scn: dict[str, Any], loc: Location) -> int | None:
    """C: the first week w >= 1 whose date planning_date + 7w is after open_until."""
    if loc.open_until is None:
        return None
    w = 1
    while scn["planning_date"] + timedelta(days=7 * w) <= loc.open_until:
        w += 1
    return w


def must_move_later(scn: dict[str, Any], track: str, loc: Location) -> float:
    """p(h, l) by following the chain week by week, in the words of SPEC.md (remembered)."""
    seen = scn.setdefault("_must_move_later", {})
    key = (track, loc.type, loc.open_until)
    if key not in seen:
        seen[key] = _follow_the_chain(scn, track, loc)
    return seen[key]


def _follow_the_chain(scn: dict[str, Any], track: str, loc: Location) -> float:
    chain = scn["chain"]
    allowed = scn["landscape"]
    c = first_closed_week(scn, loc)
    last = c if c is not None else 520
    now: dict[str, float] = {track: 1.0}
    p = 0.0
    for w in range(1, last + 1):
        after_departures: dict[str, float] = defaultdict(float)
        for state, chance in now.items():
            if state == "(leaving)":
                stays = 1 - 1 / chain["leave_weeks"]
            elif state in chain["link_tracks"]:
                stays = 1 - 1 / chain["lead_time_weeks"]
            else:
                stays = 1.0
            after_departures[state] += chance * stays
        after_changes: dict[str, float] = defaultdict(float)
        for state, chance in after_departures.items():
            flow = chain["flows"].get(state)
            if state == "(leaving)" or state in chain["link_tracks"] or flow is None:
                after_changes[state] += chance
                continue
            weeks, shares = flow
            after_changes[state] += chance * (1 - 1 / weeks)
            for goes, share in shares.items():
                after_changes["(leaving)" if goes == "leave" else goes] += chance / weeks * share
        now = {}
        for state, chance in after_changes.items():
            wrong = state != "(leaving)" and loc.type not in allowed.get(state, ())
            if wrong or (c is not None and w >= c):
                p += chance
            else:
                now[state] = chance
    return p


def ahead_chance(scn: dict[str, Any], h: Household, target: str | None) -> float:
    """p for a household ending at ``target``: 0 unplaced, 1 staying at a wrong type."""
    if target is None:
        return 0.0
    loc = scn["locations"][target]
    if target == h.current and not type_allowed(scn, h, loc):
        return 1.0
    return must_move_later(scn, h.track, loc)


def household_amounts(scn: dict[str, Any], h: Household, target: str | None) -> dict[str, float]:
    """Unweighted amount of each separable objective term for one household.

    ``moves_ahead`` is already in the objective's units (p times the
    weighted later move); its weight ``ahead`` scales it.
    """
    moved = h.is_resident and target != h.current
    over_cap = sum(
        1
        for age, m in zip(h.ages, h.moves, strict=True)
        if age < 18 and m >= scn["weights"]["max_child_moves"]
    )
    stays_wrong = h.is_resident and target == h.current
    stays_wrong = stays_wrong and not type_allowed(scn, h, scn["locations"][h.current])
    loc = scn["locations"].get(target) if target is not None else None
    km = distance_km(scn, h, loc.location_id) if loc is not None else None
    cost = loc.cost_per_night if loc is not None else 0.0
    newly_placed = loc is not None and target != h.current
    w = scn["weights"]
    later_cap = sum(
        1
        for age, m in zip(h.ages, h.moves, strict=True)
        if age < 18 and m + (1 if moved else 0) >= w["max_child_moves"]
    )
    later = w["move"] * h.persons + w["child_move"] * h.children + w["child_over_cap"] * later_cap
    return {
        "unplaced": h.persons if target is None else 0,
        "wrong_type": h.persons if stays_wrong else 0,
        "child_over_cap": over_cap if moved else 0,
        "child_move": h.children if moved else 0,
        "move": h.persons if moved else 0,
        "distance": h.persons * km if km is not None else 0.0,
        "cost": h.persons * cost,
        "closing_soon": h.persons if newly_placed and closes_soon(scn, loc) else 0,  # type: ignore[arg-type]
        "moves_ahead": ahead_chance(scn, h, target) * later,
    }


def family_splits(scn: dict[str, Any], assignment: Assignment) -> int:
    """Sum over family groups of max(0, distinct locations of placed households - 1)."""
    used: dict[str, set[str]] = defaultdict(set)
    groups = set()
    for h in scn["households"].values():
        if h.family_group is not None:
            groups.add(h.family_group)
            if assignment.get(h.household_id) is not None:
                used[h.family_group].add(assignment[h.household_id])
    return sum(max(0, len(used[g]) - 1) for g in groups)


def flex_beds(scn: dict[str, Any], assignment: Assignment) -> int:
    """Persons in flexible beds, summed over locations."""
    persons: dict[str, int] = defaultdict(int)
    for hid, target in assignment.items():
        if target is not None:
            persons[target] += scn["households"][hid].persons
    return sum(flex_used(scn, loc, persons[lid]) for lid, loc in scn["locations"].items())


def _weighted(
    scn: dict[str, Any], amounts: dict[str, float], splits: int, flexible: int = 0
) -> dict[str, float]:
    weights = scn["weights"]
    terms = {name: weights[WEIGHT_NAME.get(name, name)] * amounts.get(name, 0.0) for name in TERMS}
    terms["family_split"] = weights["family_split"] * splits
    terms["flex_bed"] = weights["flex_bed"] * flexible
    return terms


# --------------------------------------------------------------------------
# Evaluate
# --------------------------------------------------------------------------


def _coverage_violations(scn: dict[str, Any], assignment: Assignment) -> list[str]:
    missing = [hid for hid in scn["households"] if hid not in assignment]
    extra = [hid for hid in assignment if hid not in scn["households"]]
    return [f"household {hid}: no assignment" for hid in missing] + [
        f"household {hid}: not in persons.csv" for hid in extra
    ]


def evaluate(scn: dict[str, Any], assignment: Assignment) -> Evaluation:
    """Judge an assignment household -> location id (None: unplaced)."""
    violations = _coverage_violations(scn, assignment)
    amounts: dict[str, float] = defaultdict(float)
    ending: dict[str, list[Household]] = defaultdict(list)
    counts = dict.fromkeys(("persons", "placed", "km_persons"), 0)
    km_total = 0.0
    ahead = {"persons": 0.0, "children": 0.0}
    for hid, h in scn["households"].items():
        if hid not in assignment:
            continue
        target = assignment[hid]
        violations += household_violations(scn, h, target)
        for name, value in household_amounts(scn, h, target).items():
            amounts[name] += value
        counts["persons"] += h.persons
        if target is not None and target in scn["locations"]:
            chance = ahead_chance(scn, h, target)
            ahead["persons"] += chance * h.persons
            ahead["children"] += chance * h.children
            ending[target].append(h)
            counts["placed"] += h.persons
            if h.housing is not None:
                counts["km_persons"] += h.persons
                km_total += h.persons * (distance_km(scn, h, target) or 0.0)
    for loc in scn["locations"].values():
        violations += location_violations(scn, loc, ending[loc.location_id])
    splits = family_splits(scn, assignment)
    flexible = sum(
        flex_used(scn, loc, sum(h.persons for h in ending[loc.location_id]))
        for loc in scn["locations"].values()
    )
    terms = _weighted(scn, amounts, splits, flexible)
    assigned = [(h, assignment[hid]) for hid, h in scn["households"].items() if hid in assignment]
    return Evaluation(
        feasible=not violations,
        violations=violations,
        terms=terms,
        objective=sum(terms.values()),
        persons=counts["persons"],
        placed=counts["placed"],
        unplaced=int(amounts["unplaced"]),
        moved_persons=int(amounts["move"]),
        moved_children=int(amounts["child_move"]),
        children_over_cap=int(amounts["child_over_cap"]),
        family_splits=splits,
        flex_beds_used=flexible,
        wrong_type_persons=int(amounts["wrong_type"]),
        households=len(assigned),
        unplaced_households=sum(target is None for _, target in assigned),
        new_arrivals=sum(h.persons for h, _ in assigned if not h.is_resident),
        stayed_persons=sum(h.persons for h, t in assigned if h.is_resident and t == h.current),
        distance_km_mean=km_total / counts["km_persons"] if counts["km_persons"] else None,
        expected_moves_ahead=ahead["persons"],
        expected_child_moves_ahead=ahead["children"],
        assignment=dict(assignment),
    )


# --------------------------------------------------------------------------
# An independent solver
# --------------------------------------------------------------------------


def _admits(scn: dict[str, Any], loc: Location, h: Household) -> bool:
    """The over-limit rule: a location over a limit takes none of what it is over on."""
    if h.current == loc.location_id:
        return True
    if over_capacity(scn, loc):
        return False
    return not (h.children and over_children(scn, loc))


def solve_independently(scn: dict[str, Any], time_limit: float = 120.0) -> tuple[float, Assignment]:
    """The contract's optimum by CBC, on a model written from the contract's words.

    One binary per household and allowed end (:func:`options`), the limits
    per location with the over-limit rule, ``uses``/``split`` per family
    group; nothing is aggregated. Raises when CBC does not prove optimality.
    """
    import pulp

    households = list(scn["households"].values())
    prob = pulp.LpProblem("contract", pulp.LpMinimize)
    x: dict[tuple[str, str | None], pulp.LpVariable] = {}
    cost: dict[tuple[str, str | None], float] = {}
    for i, h in enumerate(households):
        for target in options(scn, h):
            if target is not None and not _admits(scn, scn["locations"][target], h):
                continue
            key = (h.household_id, target)
            x[key] = prob.add_variable(f"x_{i}_{target or 'none'}", cat="Binary")
            cost[key] = sum(_weighted(scn, household_amounts(scn, h, target), 0).values())
    by_household: dict[str, list[pulp.LpVariable]] = defaultdict(list)
    by_location: dict[str, list[tuple[Household, pulp.LpVariable]]] = defaultdict(list)
    for (hid, target), var in x.items():
        by_household[hid].append(var)
        if target is not None:
            by_location[target].append((scn["households"][hid], var))
    for hid in scn["households"]:
        prob += pulp.lpSum(by_household[hid]) == 1
    flexible = []
    for lid, ending in by_location.items():
        loc = scn["locations"][lid]
        if not over_capacity(scn, loc):
            persons = pulp.lpSum(h.persons * v for h, v in ending)
            flex = prob.add_variable(f"f_{lid}", lowBound=0, upBound=loc.flex_capacity)
            prob += persons <= loc.capacity + flex
            flexible.append(flex)
        if loc.max_children is not None and not over_children(scn, loc):
            prob += pulp.lpSum(h.children * v for h, v in ending) <= loc.max_children
    splits = []
    groups: dict[str, list[Household]] = defaultdict(list)
    for h in households:
        if h.family_group is not None:
            groups[h.family_group].append(h)
    targets: dict[str, list[tuple[str, pulp.LpVariable]]] = defaultdict(list)
    for (hid, target), var in x.items():
        if target is not None:
            targets[hid].append((target, var))
    for g, members in enumerate(groups.values()):
        if len(members) < 2:
            continue
        uses: dict[str, pulp.LpVariable] = {}
        for h in members:
            for target, var in targets[h.household_id]:
                if target not in uses:
                    uses[target] = prob.add_variable(f"y_{g}_{target}", cat="Binary")
                prob += var <= uses[target]
        split = prob.add_variable(f"s_{g}", lowBound=0)
        prob += split >= pulp.lpSum(uses.values()) - 1
        splits.append(split)
    w = scn["weights"]
    prob += (
        pulp.lpSum(cost[k] * v for k, v in x.items())
        + w["family_split"] * pulp.lpSum(splits)
        + w["flex_bed"] * pulp.lpSum(flexible)
    )
    with warnings.catch_warnings():  # PuLP 3 announces that 4.0 moves its bundled CBC
        warnings.simplefilter("ignore", DeprecationWarning)
        solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit, gapRel=0.0, gapAbs=1e-7)
    status = prob.solve(solver)
    if pulp.LpStatus[status] != "Optimal" or prob.sol_status != pulp.LpSolutionOptimal:
        raise RuntimeError(f"CBC did not prove an optimum: {pulp.LpStatus[status]}")
    assignment = {hid: target for (hid, target), var in x.items() if var.value() > 0.5}
    return evaluate(scn, assignment).objective, assignment


# --------------------------------------------------------------------------
# Brute force
# --------------------------------------------------------------------------


def option_count(scn: dict[str, Any]) -> int:
    """How many assignments brute_force enumerates."""
    return math.prod(len(options(scn, h)) for h in scn["households"].values())


def _feasible_and_objective(
    scn: dict[str, Any], assignment: Assignment, separable: dict[tuple[str, str | None], float]
) -> float | None:
    """Objective of an assignment whose households each chose an allowed option."""
    ending: dict[str, list[Household]] = defaultdict(list)
    for hid, target in assignment.items():
        if target is not None:
            ending[target].append(scn["households"][hid])
    for loc_id, hs in ending.items():
        if location_violations(scn, scn["locations"][loc_id], hs):
            return None
    splits = family_splits(scn, assignment)
    separable_sum = sum(separable[hid, target] for hid, target in assignment.items())
    w = scn["weights"]
    return separable_sum + w["family_split"] * splits + w["flex_bed"] * flex_beds(scn, assignment)


def brute_force(scn: dict[str, Any]) -> tuple[float, Assignment | None]:
    """Minimum objective over all feasible assignments (math.inf, None if none)."""
    households = list(scn["households"].values())
    choices = [options(scn, h) for h in households]
    total = math.prod(len(c) for c in choices)
    assert total <= MAX_ENUMERATION, f"{total} assignments: too many to enumerate"
    separable = {
        (h.household_id, target): sum(_weighted(scn, household_amounts(scn, h, target), 0).values())
        for h, opts in zip(households, choices, strict=True)
        for target in opts
    }
    best: tuple[float, Assignment | None] = (math.inf, None)
    for combo in itertools.product(*choices):
        assignment = {h.household_id: t for h, t in zip(households, combo, strict=True)}
        value = _feasible_and_objective(scn, assignment, separable)
        if value is not None and value < best[0]:
            best = (value, assignment)
    if best[1] is not None:
        check = evaluate(scn, best[1])
        assert check.feasible and math.isclose(check.objective, best[0], rel_tol=1e-9, abs_tol=1e-9)
    return best


# --------------------------------------------------------------------------
# Checking the optimiser's output folder
# --------------------------------------------------------------------------


def _required(frame: pd.DataFrame, name: str, columns: tuple[str, ...]) -> list[str]:
    return [f"{name}: column {c} missing" for c in columns if c not in frame.columns]


def _assignment_from_placements(
    scn: dict[str, Any], rows: pd.DataFrame
) -> tuple[Assignment, list[str]]:
    """Each input household's end, read from its members' rows (by person_id)."""
    owner = {pid: h.household_id for h in scn["households"].values() for pid in h.person_ids}
    targets: dict[str, list[str]] = defaultdict(list)
    for pid, target in zip(rows["person_id"], rows["to_location_id"], strict=True):
        if pid in owner:
            targets[owner[pid]].append(target)
    problems = []
    assignment: Assignment = {}
    for hid in scn["households"]:
        ends = list(dict.fromkeys(targets.get(hid, [])))
        if len(ends) > 1:
            problems.append(f"placements.csv: household {hid} split over {ends}")
        if ends:
            assignment[hid] = ends[0] or None
    return assignment, problems


def _expected_status(current: str | None, target: str) -> str:
    if target == "":
        return "unplaced"
    if current is None:
        return "new"
    return "stay" if target == current else "move"


def _distance_problems(scn: dict[str, Any], h: Household, row: pd.Series) -> list[str]:
    where = f"placements.csv: person {row['person_id']}"
    text = row["distance_km"]
    km = distance_km(scn, h, row["to_location_id"]) if row["to_location_id"] else None
    if km is None:
        return [] if text == "" else [f"{where}: distance_km {text!r} should be empty"]
    if not re.fullmatch(r"\d+\.\d{3}", text):
        return [f"{where}: distance_km {text!r} is not a number with 3 decimals"]
    if abs(float(text) - km) > 0.0005 + 1e-9:
        return [f"{where}: distance_km {text} but haversine gives {km:.6f}"]
    return []


def _row_problems(scn: dict[str, Any], h: Household, row: pd.Series) -> list[str]:
    where = f"placements.csv: person {row['person_id']}"
    out = []
    if row["household_id"] != h.household_id:
        out.append(f"{where}: household_id {row['household_id']} should be {h.household_id}")
    if row["from_location_id"] != (h.current or ""):
        out.append(f"{where}: from_location_id {row['from_location_id']!r} should be {h.current}")
    status = _expected_status(h.current, row["to_location_id"])
    if row["status"] != status:
        out.append(f"{where}: status {row['status']!r} should be {status!r}")
    if row["reason"] == "":
        out.append(f"{where}: reason is empty")
    return out + _distance_problems(scn, h, row)


def check_placements(scn: dict[str, Any], rows: pd.DataFrame) -> list[str]:
    """Everyone exactly once, in input order, with consistent from/to/status/distance."""
    owner = {pid: h for h in scn["households"].values() for pid in h.person_ids}
    out = []
    ids = list(rows["person_id"])
    for pid in sorted(set(ids)):
        if ids.count(pid) > 1:
            out.append(f"placements.csv: person {pid} appears {ids.count(pid)} times")
    out += [f"placements.csv: person {p} missing" for p in owner if p not in ids]
    out += [f"placements.csv: unknown person {p}" for p in ids if p not in owner]
    if ids == list(dict.fromkeys(ids)) and set(ids) == set(owner) and ids != list(owner):
        out.append("placements.csv: rows do not follow the input order")
    for _, row in rows.iterrows():
        if row["person_id"] in owner:
            out += _row_problems(scn, owner[row["person_id"]], row)
    return out


def expected_location_rows(scn: dict[str, Any], assignment: Assignment) -> dict[str, dict]:
    """The numbers of out/locations.csv for an assignment, per location id."""
    table = {
        lid: {
            "capacity": loc.capacity,
            "occupancy_before": scn["residents"].get(lid, 0),
            "occupancy_after": 0,
            "children_after": 0,
            "arrivals": 0,
            "departures": 0,
            "over_limit": over_capacity(scn, loc) or over_children(scn, loc),
            "flex_capacity": loc.flex_capacity,
            "flex_used": 0,
        }
        for lid, loc in scn["locations"].items()
    }
    for hid, h in scn["households"].items():
        target = assignment.get(hid)
        if target in table:
            table[target]["occupancy_after"] += h.persons
            table[target]["children_after"] += h.children
            if target != h.current:
                table[target]["arrivals"] += h.persons
        if h.current is not None and target != h.current:
            table[h.current]["departures"] += h.persons
    for lid, row in table.items():
        row["flex_used"] = flex_used(scn, scn["locations"][lid], row["occupancy_after"])
    return table


def _int_or_none(text: str) -> int | None:
    try:
        return int(float(text))
    except ValueError:
        return None


def _parse_out_bool(text: str) -> bool | None:
    return {"true": True, "false": False, "1": True, "0": False}.get(text.strip().lower())


def check_locations(scn: dict[str, Any], rows: pd.DataFrame, assignment: Assignment) -> list[str]:
    """out/locations.csv: one row per location, in order, agreeing with placements.

    ``over_limit`` is compared for open locations only (the contract flags
    locations "such" as take no arrivals; a closed one takes none anyway).
    """
    expected = expected_location_rows(scn, assignment)
    if list(rows["location_id"]) != list(expected):
        return [f"locations.csv: location ids {list(rows['location_id'])} != {list(expected)}"]
    out = []
    for _, row in rows.iterrows():
        want = expected[row["location_id"]]
        for column, value in want.items():
            if column == "over_limit":
                got: Any = _parse_out_bool(row[column])
                if not scn["locations"][row["location_id"]].is_open:
                    continue
            else:
                got = _int_or_none(row[column])
            if got != value:
                where = f"locations.csv: {row['location_id']} {column}"
                out.append(f"{where} {row[column]!r} != {value}")
    return out


def _close(a: float, b: float, rel: float = 1e-6) -> bool:
    return abs(a - b) <= rel * max(1.0, abs(b))


def _gap(objective: float, bound: float) -> float:
    return max(0.0, objective - bound) / max(1.0, abs(objective))


def check_kpis(
    kpis: dict[str, Any], ev: Evaluation, scn: dict[str, Any], asked_gap: float
) -> list[str]:
    """kpis.json: every key docs/output.md documents, recomputed from the placement.

    The objective and its terms, every count, the bound and the gap measured
    against it (status ``optimal`` only within ``asked_gap``), and the run's
    settings and model size as far as they can be judged from outside.
    """
    out = []
    objective = kpis.get("objective")
    if not isinstance(objective, int | float) or not _close(objective, ev.objective):
        out.append(f"kpis.json: objective {objective} != recomputed {ev.objective}")
        objective = ev.objective
    reported = kpis.get("objective_terms") or {}
    for name in TERMS:
        value = reported.get(name)
        if not isinstance(value, int | float) or not _close(value, ev.terms[name]):
            out.append(f"kpis.json: objective_terms[{name}] {value} != {ev.terms[name]}")
    for name in (
        "persons",
        "placed",
        "unplaced",
        "moved_persons",
        "moved_children",
        "children_over_cap",
        "family_splits",
        "flex_beds_used",
        "households",
        "unplaced_households",
        "new_arrivals",
        "stayed_persons",
        "wrong_type_persons",
    ):
        if kpis.get(name) != getattr(ev, name):
            out.append(f"kpis.json: {name} {kpis.get(name)} != {getattr(ev, name)}")
    mean = kpis.get("distance_km_mean")
    if (mean is None) != (ev.distance_km_mean is None) or (
        mean is not None and not _close(mean, ev.distance_km_mean or 0.0)
    ):
        out.append(f"kpis.json: distance_km_mean {mean} != {ev.distance_km_mean}")
    for name in ("expected_moves_ahead", "expected_child_moves_ahead"):
        value = kpis.get(name)
        if not isinstance(value, int | float) or not _close(value, getattr(ev, name)):
            out.append(f"kpis.json: {name} {value} != {getattr(ev, name)}")
    out += _check_bound_and_gap(kpis, objective, asked_gap)
    out += _check_run_keys(kpis, scn)
    return out


def _check_bound_and_gap(kpis: dict[str, Any], objective: float, asked_gap: float) -> list[str]:
    """``mip_gap = (objective - bound) / max(1, |objective|)``; optimal only within the gap."""
    out = []
    bound, gap, status = kpis.get("bound"), kpis.get("mip_gap"), kpis.get("status")
    if status not in ("optimal", "time_limit"):
        out.append(f"kpis.json: status {status!r}")
    solver = kpis.get("solver_objective")
    if solver is not None and not _close(solver, objective):
        out.append(f"kpis.json: solver_objective {solver} != objective {objective}")
    if bound is None:
        if gap is not None or status == "optimal":
            out.append(f"kpis.json: no bound, yet mip_gap {gap} and status {status}")
        return out
    if bound > objective + 1e-6 * max(1.0, abs(objective)):
        out.append(f"kpis.json: bound {bound} above the objective {objective}")
    want = _gap(objective, bound)
    if not isinstance(gap, int | float) or abs(gap - want) > 1e-9:
        out.append(f"kpis.json: mip_gap {gap} != (objective - bound) / max(1, |objective|) {want}")
    if (status == "optimal") != (want <= asked_gap + 1e-9):
        out.append(f"kpis.json: status {status} with gap {want} against the asked {asked_gap}")
    lp_bound = kpis.get("lp_bound")
    if lp_bound is not None and lp_bound > objective + 1e-6 * max(1.0, abs(objective)):
        out.append(f"kpis.json: lp_bound {lp_bound} above the objective {objective}")
    return out


def _check_run_keys(kpis: dict[str, Any], scn: dict[str, Any]) -> list[str]:
    """The settings echoed, the model's size and the timings."""
    out = []
    expected = {
        "mode": scn["mode"],
        "landscape": scn["landscape_name"],
        "planning_date": scn["planning_date"].isoformat(),
    }
    for name, want in expected.items():
        if name in kpis and kpis[name] != want:
            out.append(f"kpis.json: {name} {kpis[name]!r} != {want!r}")
    pairs, held = kpis.get("pairs"), kpis.get("candidate_pairs")
    if pairs is not None and held is not None and not 0 <= held <= pairs:
        out.append(f"kpis.json: candidate_pairs {held} not within 0..pairs {pairs}")
    n_decided = sum(decided(scn, h) for h in scn["households"].values())
    classes = kpis.get("classes")
    if classes is not None and not (n_decided > 0) <= classes <= n_decided:
        out.append(f"kpis.json: {classes} classes for {n_decided} decided households")
    for name in (
        "solve_seconds", "prepare_seconds", "build_seconds", "results_seconds", "lp_seconds"
    ):  # fmt: skip
        value = kpis.get(name)
        if value is not None and not (isinstance(value, int | float) and value >= 0):
            out.append(f"kpis.json: {name} {value!r} is not a duration")
    return out


PLACEMENT_COLUMNS = (
    "person_id",
    "household_id",
    "from_location_id",
    "to_location_id",
    "status",
    "distance_km",
    "reason",
)
LOCATION_COLUMNS = (
    "location_id",
    "capacity",
    "occupancy_before",
    "occupancy_after",
    "children_after",
    "arrivals",
    "departures",
    "over_limit",
    "flex_capacity",
    "flex_used",
)


def _read_out(path: Path) -> pd.DataFrame:
    """An output CSV as text; it must be UTF-8 without BOM, so no BOM is dropped."""
    if not path.exists():
        return pd.DataFrame()
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def evaluate_outputs(
    scenario_folder: str | Path, out_folder: str | Path, mip_gap: float | None = None
) -> Evaluation:
    """Evaluate the optimiser's placements and check its three output files.

    The result's ``violations`` lists every hard rule broken and every output
    inconsistency (empty: all good); ``feasible`` is ``not violations``.
    ``mip_gap`` is the gap the run was asked for (default: the scenario's).
    """
    scn = load_plain_scenario(scenario_folder)
    asked = scn["solver"].get("mip_gap", 1e-4) if mip_gap is None else mip_gap
    out = Path(out_folder)
    missing_files = [
        n for n in ("placements.csv", "locations.csv", "kpis.json") if not (out / n).exists()
    ]
    placements = _read_out(out / "placements.csv")
    problems = [f"{n}: file missing" for n in missing_files]
    problems += _required(placements, "placements.csv", PLACEMENT_COLUMNS)
    if problems:
        return Evaluation(False, problems, dict.fromkeys(TERMS, 0.0), math.nan)
    assignment, problems = _assignment_from_placements(scn, placements)
    ev = evaluate(scn, assignment)
    problems += check_placements(scn, placements)
    locations = _read_out(out / "locations.csv")
    missing = _required(locations, "locations.csv", LOCATION_COLUMNS)
    problems += missing or check_locations(scn, locations, assignment)
    kpis = json.loads((out / "kpis.json").read_text("utf-8"))
    problems += check_kpis(kpis, ev, scn, asked)
    ev.violations += problems
    ev.feasible = not ev.violations
    return ev


# --------------------------------------------------------------------------
# Random tiny scenarios
# --------------------------------------------------------------------------

PLANNING_DATE = "2026-11-23"
MAIN_TRACKS = {
    "2024": ("aanmelding", "regulier", "vergunninghouder", "versneld"),
    "2020": ("aanmelding", "kansarm", "kansrijk", "vergunninghouder"),
}
LOCATION_FIELDS = (
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
    "flex_capacity",
)
PERSON_FIELDS = (
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


def write_csv(path: Path, fields: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    """Write rows as a plain CSV (missing keys: empty cells)."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(fields), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _plain(row.get(k, "")) for k in fields})


def _plain(value: Any) -> str:
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _flip(rng: np.random.Generator, p: float) -> bool:
    return bool(rng.random() < p)


def _pick(rng: np.random.Generator, items: Any) -> Any:
    items = list(items)
    return items[int(rng.integers(len(items)))]


def _random_location(
    rng: np.random.Generator,
    i: int,
    tracks: dict[str, tuple[str, ...]],
    main: tuple[str, ...],
    points: dict[str, tuple[float, float]],
) -> dict[str, Any]:
    types = sorted({t for ts in tracks.values() for t in ts})
    loc_type = _pick(rng, types) if _flip(rng, 0.2) else _pick(rng, tracks[_pick(rng, main)])
    code = _pick(rng, sorted(points))
    row: dict[str, Any] = {
        "location_id": f"L{i}",
        "name": f"Locatie {i}",
        "gemeente_code": code,
        "type": loc_type,
        "has_medical": _flip(rng, 0.6),
        "child_suitable": _flip(rng, 0.8),
    }
    if _flip(rng, 0.5):
        row["lat"] = round(points[code][0] + rng.uniform(-0.05, 0.05), 4)
        row["lon"] = round(points[code][1] + rng.uniform(-0.05, 0.05), 4)
    if _flip(rng, 0.15):
        row["open_until"] = "2026-11-22"
    elif _flip(rng, 0.05):
        row["open_from"] = "2026-11-24"
    else:
        row["open_from"] = "2025-01-01" if _flip(rng, 0.3) else ""
    if _flip(rng, 0.4):
        row["cost_per_night"] = int(rng.integers(0, 31))
    if not row.get("open_until") and not _later(row) and _flip(rng, 0.25):
        # tonight, within the lookahead (27 days), on its boundary (28), or beyond
        row["open_until"] = _pick(rng, ["2026-11-23", "2026-12-20", "2026-12-21", "2027-02-01"])
    return row


def _random_track(
    rng: np.random.Generator, tracks: dict[str, tuple[str, ...]], locations: list[dict[str, Any]]
) -> str:
    """Mostly a track that some location can host, now and then any track."""
    open_types = {x["type"] for x in locations if not x.get("open_until") and not _later(x)}
    served = sorted(t for t, types in tracks.items() if open_types & set(types))
    return _pick(rng, served) if served and _flip(rng, 0.9) else _pick(rng, sorted(tracks))


def _later(location: dict[str, Any]) -> bool:
    return str(location.get("open_from", "")) > PLANNING_DATE


def _random_household(
    rng: np.random.Generator,
    i: int,
    tracks: dict[str, tuple[str, ...]],
    locations: list[dict[str, Any]],
    points: dict[str, tuple[float, float]],
) -> list[dict[str, Any]]:
    track = _random_track(rng, tracks, locations)
    current = ""
    if _flip(rng, 0.45):
        fitting = [loc for loc in locations if loc["type"] in tracks[track]]
        pool = fitting if fitting and _flip(rng, 0.6) else locations
        current = _pick(rng, pool)["location_id"]
    p_housing = 0.6 if track == "vergunninghouder" else 0.15
    housing = _pick(rng, sorted(points)) if _flip(rng, p_housing) else ""
    family = _pick(rng, ["fam1", "fam2"]) if _flip(rng, 0.3) else ""
    size = int(rng.integers(1, 5))
    ages = [int(rng.integers(18, 61))]
    ages += [
        int(rng.integers(0, 18)) if _flip(rng, 0.5) else int(rng.integers(18, 71))
        for _ in range(size - 1)
    ]
    medical = int(rng.integers(size)) if _flip(rng, 0.2) else -1
    return [
        {
            "person_id": f"p{i}_{k}",
            "household_id": f"h{i}",
            "age": age,
            "medical_need": k == medical,
            "track": track,
            "current_location_id": current,
            "housing_gemeente_code": housing,
            "family_group": family,
            "moves": int(rng.integers(0, 3)),
        }
        for k, age in enumerate(ages)
    ]


def _set_limits(
    rng: np.random.Generator, locations: list[dict[str, Any]], persons: list[dict[str, Any]]
) -> None:
    for loc in locations:
        here = [p for p in persons if p["current_location_id"] == loc["location_id"]]
        residents, children = len(here), sum(p["age"] < 18 for p in here)
        if residents and _flip(rng, 0.2):
            loc["capacity"] = int(rng.integers(0, residents))
        else:
            loc["capacity"] = residents + int(rng.integers(0, 13))
        if _flip(rng, 0.3):
            loc["max_children"] = max(0, children + int(rng.integers(-1, 3)))
        if _flip(rng, 0.3):  # flexible beds: over, at or under the residents' count
            loc["flex_capacity"] = int(rng.integers(1, 5))


def _random_toml(rng: np.random.Generator, mode: str, landscape: str) -> str:
    lines = [f"planning_date = {PLANNING_DATE}", f'landscape = "{landscape}"', f'mode = "{mode}"']
    if _flip(rng, 0.3):
        lines.append("[weights]")
        for name in (
            "wrong_type", "family_split", "child_move", "move", "distance", "closing_soon",
            "flex_bed",
        ):  # fmt: skip
            if _flip(rng, 0.5):
                lines.append(f"{name} = {int(rng.integers(1, 300))}")
        lines.append(f"max_child_moves = {int(rng.integers(0, 3))}")
        lines.append(f"lookahead_days = {int(rng.integers(0, 60))}")
    return "\n".join(lines) + "\n"


def random_scenario(
    rng: np.random.Generator,
    folder: str | Path,
    *,
    households: tuple[int, int] = (3, 7),
    locations: tuple[int, int] = (2, 4),
    mode: str | None = None,
    landscape: str = "2024",
    overrides: bool = False,
) -> None:
    """Write a tiny random plain scenario (bounds inclusive), small enough for brute_force.

    With ``overrides`` a forbid is added now and then (always a valid override).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tracks, main = read_landscape(landscape, folder), MAIN_TRACKS[landscape]
    points = read_gemeenten()
    points = {code: points[code] for code in _pick_codes(rng, points)}
    locs = [
        _random_location(rng, i + 1, tracks, main, points)
        for i in range(int(rng.integers(locations[0], locations[1] + 1)))
    ]
    persons = [
        p
        for i in range(int(rng.integers(households[0], households[1] + 1)))
        for p in _random_household(rng, i + 1, tracks, locs, points)
    ]
    _set_limits(rng, locs, persons)
    write_csv(folder / "locations.csv", LOCATION_FIELDS, locs)
    write_csv(folder / "persons.csv", PERSON_FIELDS, persons)
    chosen_mode = mode or _pick(rng, ["weekly", "rebalance"])
    (folder / "scenario.toml").write_text(_random_toml(rng, chosen_mode, landscape), "utf-8")
    if _flip(rng, 0.2):
        code = _pick(rng, sorted(points))
        row = {
            "gemeente_code": code,
            "name": "Testgemeente",
            "province": "Test",
            "lat": round(points[code][0] + 0.3, 4),
            "lon": round(points[code][1] - 0.2, 4),
        }
        write_csv(
            folder / "gemeenten.csv", ("gemeente_code", "name", "province", "lat", "lon"), [row]
        )
    if overrides and _flip(rng, 0.4):
        hid = _pick(rng, sorted({p["household_id"] for p in persons}))
        lid = _pick(rng, [loc["location_id"] for loc in locs])
        write_csv(
            folder / "overrides.csv",
            ("household_id", "location_id", "action", "reason"),
            [
                {
                    "household_id": hid,
                    "location_id": lid,
                    "action": "forbid",
                    "reason": "random test",
                }
            ],
        )
    _random_chain(rng, folder, tracks)


def _random_chain(rng: np.random.Generator, folder: Path, tracks: dict[str, Any]) -> None:
    """Now and then a weight ``ahead`` and a ``simulation.toml`` with a chain of its own.

    Drawn last, so the rest of a scenario is what the same seed always gave.
    """
    if _flip(rng, 0.3):
        toml = (folder / "scenario.toml").read_text("utf-8")
        if "[weights]" not in toml:
            toml += "[weights]\n"
        toml += f"ahead = {_pick(rng, [0, 0.5, 1, 3])}\n"
        (folder / "scenario.toml").write_text(toml, "utf-8")
    if not _flip(rng, 0.5):
        return
    lines = [f"[leave]\nweeks = {int(rng.integers(1, 15))}",
             f"[housing]\nlead_time_weeks = {int(rng.integers(1, 25))}"]  # fmt: skip
    names = sorted(tracks)
    for track in names:
        if not _flip(rng, 0.6):
            continue
        goes = [n for n in [*names, "leave"] if _flip(rng, 0.4)] or ["leave"]
        eighths = rng.multinomial(8, np.ones(len(goes)) / len(goes))  # exact in binary
        pairs = ", ".join(f'"{n}" = {k / 8}' for n, k in zip(goes, eighths, strict=True))
        weeks = _pick(rng, [1, 1.5, 2, 4, 7, 26])
        lines.append(f'[tracks."{track}"]\nweeks = {weeks}\nnext = {{ {pairs} }}')
    (folder / "simulation.toml").write_text("\n\n".join(lines) + "\n", "utf-8")


def _pick_codes(rng: np.random.Generator, points: dict[str, tuple[float, float]]) -> list[str]:
    """A few real gemeente codes, so locations and housing gemeenten share some."""
    codes = sorted(points)
    return [codes[int(i)] for i in rng.choice(len(codes), size=4, replace=False)]
