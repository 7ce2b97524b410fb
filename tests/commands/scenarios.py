"""Whole scenario folders drawn by hypothesis, and the files that describe them.

A :class:`Case` is a scenario described in plain Python values (dates,
booleans, ``None`` for an empty cell); :func:`write_case` writes it as a
folder in one of the :data:`DIALECTS` (plain CSV, or what Dutch Excel
writes), and :func:`write_plain` writes the same scenario in the plain form
the oracles of ``tests/spec_oracle.py`` and ``tests/link_oracle.py`` read.

:func:`cases` is the strategy. Most cases are small (3-40 households at
2-12 locations); about one in eight has 100-300 households, whose bulk is
drawn from a seeded :class:`random.Random` (hypothesis draws the first
households and the seed), so a big case stays within hypothesis' data budget.

The generator knows the contract's rules well enough to say, for every case
it draws, whether it is valid (``Case.valid``): a valid case must give exit
0 (or 3 under a time limit); an invalid one (a broken override, on purpose)
exit 1 with its problems listed.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import random
import tempfile
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import event
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
MODELS = REPO / "models"


# --------------------------------------------------------------------------
# Reference data: the shipped landscapes and the real gemeenten
# --------------------------------------------------------------------------


def _landscape(name: str) -> dict[str, Any]:
    with open(MODELS / f"landscape-{name}.toml", "rb") as handle:
        raw = tomllib.load(handle)
    return {
        "types": tuple(raw["types"]),
        "tracks": {k: tuple(v) for k, v in raw["tracks"].items()},
        "link_tracks": tuple(raw.get("link_tracks", ())),
    }


LANDSCAPES: dict[str, dict[str, Any]] = {name: _landscape(name) for name in ("2024", "2020")}


def _gemeenten() -> dict[str, dict[str, str]]:
    with open(REPO / "data" / "gemeenten.csv", encoding="utf-8", newline="") as handle:
        return {row["gemeente_code"]: row for row in csv.DictReader(handle)}


GEMEENTEN: dict[str, dict[str, str]] = _gemeenten()
CODES: tuple[str, ...] = tuple(sorted(GEMEENTEN))

PLANNING_DATES = (
    dt.date(2026, 11, 23),
    dt.date(2026, 12, 31),
    dt.date(2027, 6, 28),
    dt.date(2025, 1, 6),
    dt.date(2027, 1, 1),
)
#: Names with characters cp1252 has and ASCII has not, so the Excel dialect is really cp1252.
NAMES = ("azc {i}", "Locatie Zoë {i}", "opvang Café {i}", "Noodopvang 's-Hertogenbosch {i}",
         "pand Über; {i}", 'azc "De Haven" {i}', "€-locatie {i}")  # fmt: skip
#: Ids are text: leading zeros, NA, spaces, and what HTML and JSON must escape (never ',' or
#: '=', which --close and --capacity split on).
LOCATION_PREFIXES = ("L", "0", "NA-", "azc ", "L<'&\"")
WEIGHT_NAMES = ("unplaced", "wrong_type", "family_split", "child_over_cap", "child_move", "move",
                "distance", "cost", "closing_soon", "flex_bed")  # fmt: skip
LINK_WEIGHT_NAMES = ("unlinked", "waiting", "distance", "family_split")

LOCATION_FIELDS = ("location_id", "name", "gemeente_code", "type", "capacity", "lat", "lon",
                   "has_medical", "child_suitable", "max_children", "open_from", "open_until",
                   "cost_per_night", "flex_capacity")  # fmt: skip
PERSON_FIELDS = ("person_id", "household_id", "age", "medical_need", "track",
                 "current_location_id", "housing_gemeente_code", "family_group", "moves",
                 "permit_date")  # fmt: skip
REQUIRED_LOCATION = {"location_id", "name", "gemeente_code", "type", "capacity"}
REQUIRED_PERSON = {"person_id", "household_id", "age", "track"}
OVERRIDE_FIELDS = ("household_id", "location_id", "action", "reason")
CANDIDATE_FIELDS = ("candidate_id", "name", "gemeente_code", "type", "capacity", "child_suitable",
                    "has_medical", "lat", "lon", "first_week", "min_weeks", "opening_cost",
                    "cost_per_night")  # fmt: skip


# --------------------------------------------------------------------------
# Dialects
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Dialect:
    """How a spreadsheet program writes a CSV file."""

    sep: str
    decimal: str
    encoding: str
    newline: str
    date_format: str
    true: str
    false: str


DIALECTS: dict[str, Dialect] = {
    "plain": Dialect(",", ".", "utf-8", "\n", "%Y-%m-%d", "true", "false"),
    # Dutch Excel, "CSV (puntkomma-gescheiden)": cp1252, no BOM
    "excel": Dialect(";", ",", "cp1252", "\r\n", "%d-%m-%Y", "WAAR", "ONWAAR"),
    # Dutch Excel, "CSV UTF-8": a BOM
    "excel-utf8": Dialect(";", ",", "utf-8-sig", "\r\n", "%d-%m-%Y", "waar", "onwaar"),
    # a hand-edited mix: commas, a BOM, CRLF, Dutch dates and ja/nee
    "mixed": Dialect(",", ".", "utf-8-sig", "\r\n", "%d-%m-%Y", "ja", "nee"),
}


def cell(value: Any, dialect: Dialect) -> str:
    """One value as the dialect writes it (``None``: an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return dialect.true if value else dialect.false
    if isinstance(value, dt.date):
        return value.strftime(dialect.date_format)
    if isinstance(value, float):
        return repr(value).replace(".", dialect.decimal)
    return str(value)


def csv_text(fields: Sequence[str], rows: Sequence[dict[str, Any]], dialect: Dialect) -> str:
    """A table as text in the dialect (keys missing from a row: empty cells)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=dialect.sep, lineterminator=dialect.newline)
    writer.writerow(fields)
    for row in rows:
        writer.writerow([cell(row.get(name), dialect) for name in fields])
    return buffer.getvalue()


def write_table(
    path: Path, fields: Sequence[str], rows: Sequence[dict[str, Any]], dialect: Dialect
) -> None:
    """Write a table in the dialect's encoding (a BOM for ``utf-8-sig``)."""
    path.write_bytes(csv_text(fields, rows, dialect).encode(dialect.encoding))


# --------------------------------------------------------------------------
# The case
# --------------------------------------------------------------------------


@dataclass
class Case:
    """A whole scenario folder in Python values; ``repr`` is valid Python for ``@example``."""

    landscape: str = "2024"
    planning_date: dt.date = dt.date(2026, 11, 23)
    mode: str = "weekly"
    language: str = "en"
    weights: dict[str, float] = field(default_factory=dict)
    link_weights: dict[str, float] = field(default_factory=dict)
    mip_gap: float | None = None
    locations: list[dict[str, Any]] = field(default_factory=list)
    persons: list[dict[str, Any]] = field(default_factory=list)
    overrides: list[dict[str, Any]] | None = None
    #: what is wrong with the overrides on purpose ("" when they are valid)
    broken: str = ""
    gemeenten: list[dict[str, Any]] | None = None
    simulation: dict[str, Any] | None = None
    taakstelling: list[tuple[str, int]] | None = None
    candidates: list[dict[str, Any]] | None = None
    dialect: str = "plain"
    #: leave out optional columns whose every cell is empty
    sparse: bool = False
    #: an extra column the contract does not know (a warning, not an error)
    extra_column: bool = False

    @property
    def valid(self) -> bool:
        """Every file follows the contract (only overrides are ever broken on purpose)."""
        return not self.broken

    @property
    def land(self) -> dict[str, Any]:
        return LANDSCAPES[self.landscape]

    def households(self) -> dict[str, list[dict[str, Any]]]:
        """Person rows per household, in order of first appearance."""
        out: dict[str, list[dict[str, Any]]] = {}
        for p in self.persons:
            out.setdefault(p["household_id"], []).append(p)
        return out

    def location(self, location_id: str) -> dict[str, Any]:
        return next(x for x in self.locations if x["location_id"] == location_id)

    def with_(self, **changes: Any) -> Case:
        """A copy with some fields replaced (lists copied, so the copy can be edited)."""
        copy = dataclasses.replace(self, **changes)
        copy.locations = [dict(x) for x in copy.locations]
        copy.persons = [dict(p) for p in copy.persons]
        return copy


def is_open(location: dict[str, Any], day: dt.date) -> bool:
    """``open_from <= day <= open_until``, a missing bound not limiting."""
    start, end = location.get("open_from"), location.get("open_until")
    return (start is None or start <= day) and (end is None or day <= end)


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "{ " + ", ".join(f'"{k}" = {_toml_value(v)}' for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return repr(value) if isinstance(value, float) else str(value)


def scenario_toml(case: Case, mode: str | None = None) -> str:
    """``scenario.toml`` of the case (``mode`` replaces the case's own)."""
    lines = [
        f"planning_date = {case.planning_date.isoformat()}",
        f'landscape = "{case.landscape}"',
        f'mode = "{mode or case.mode}"',
        f'language = "{case.language}"',
    ]
    if case.weights:
        lines.append("\n[weights]")
        lines += [f"{k} = {_toml_value(v)}" for k, v in case.weights.items()]
    if case.link_weights:
        lines.append("\n[link]")
        lines += [f"{k} = {_toml_value(v)}" for k, v in case.link_weights.items()]
    if case.mip_gap is not None:
        lines += ["\n[solver]", f"mip_gap = {case.mip_gap!r}"]
    return "\n".join(lines) + "\n"


def simulation_toml(simulation: dict[str, Any]) -> str:
    """``simulation.toml`` from ``{table: {key: value}}`` (track tables as ``tracks.NAME``)."""
    parts = []
    for table, keys in simulation.items():
        body = "\n".join(f"{k} = {_toml_value(v)}" for k, v in keys.items())
        name = table if not table.startswith("tracks.") else f'tracks."{table[7:]}"'
        parts.append(f"[{name}]\n{body}")
    return "\n\n".join(parts) + "\n"


def _fields(
    base: Sequence[str], rows: Sequence[dict[str, Any]], required: set[str], sparse: bool
) -> list[str]:
    if not sparse:
        return list(base)
    return [f for f in base if f in required or any(r.get(f) is not None for r in rows)]


def write_case(case: Case, folder: Path, *, dialect: str | None = None,
               mode: str | None = None) -> Path:  # fmt: skip
    """Write the case as a scenario folder in its dialect (or ``dialect``); returns ``folder``."""
    d = DIALECTS[dialect or case.dialect]
    folder.mkdir(parents=True, exist_ok=True)
    sparse = case.sparse
    loc_fields = _fields(LOCATION_FIELDS, case.locations, REQUIRED_LOCATION, sparse)
    per_fields = _fields(PERSON_FIELDS, case.persons, REQUIRED_PERSON, sparse)
    locations, persons = case.locations, case.persons
    if case.extra_column:
        loc_fields = [*loc_fields, "opmerking"]
        locations = [{**x, "opmerking": "nieuw"} for x in locations]
    write_table(folder / "locations.csv", loc_fields, locations, d)
    write_table(folder / "persons.csv", per_fields, persons, d)
    newline = "\r\n" if d.newline == "\r\n" else "\n"
    text = scenario_toml(case, mode)
    (folder / "scenario.toml").write_bytes(text.replace("\n", newline).encode("utf-8"))
    if case.overrides is not None:
        write_table(folder / "overrides.csv", OVERRIDE_FIELDS, case.overrides, d)
    if case.gemeenten is not None:
        fields = ["gemeente_code", "name", "province", "lat", "lon", "population"]
        write_table(folder / "gemeenten.csv", fields, case.gemeenten, d)
    if case.simulation is not None:
        (folder / "simulation.toml").write_text(simulation_toml(case.simulation), "utf-8")
    if case.taakstelling is not None:
        rows = [{"gemeente_code": c, "quota": q} for c, q in case.taakstelling]
        write_table(folder / "taakstelling.csv", ("gemeente_code", "quota"), rows, d)
    return folder


def write_plain(case: Case, folder: Path, *, mode: str | None = None) -> Path:
    """The same scenario in the plain form the oracles read, every column written."""
    plain = case.with_(sparse=False, extra_column=False)
    return write_case(plain, folder, dialect="plain", mode=mode)


def write_candidates(case: Case, path: Path) -> Path:
    """``candidates.csv`` of the case, in its dialect."""
    assert case.candidates is not None
    write_table(path, CANDIDATE_FIELDS, case.candidates, DIALECTS[case.dialect])
    return path


# --------------------------------------------------------------------------
# Drawing: one interface over hypothesis and over a seeded Random
# --------------------------------------------------------------------------


class Picker:
    """Draws through hypothesis; shrinks towards the first choice, small numbers, False."""

    def __init__(self, draw: Callable[[Any], Any]) -> None:
        self.draw = draw

    def int(self, lo: int, hi: int) -> int:
        return int(self.draw(st.integers(lo, hi)))

    def flip(self, percent: int) -> bool:
        """True with about ``percent`` % chance (shrinks to False)."""
        return self.int(0, 99) >= 100 - percent

    def pick(self, items: Sequence[Any]) -> Any:
        return items[self.int(0, len(items) - 1)]


class RandomPicker(Picker):
    """The same draws from a seeded :class:`random.Random` (for the bulk of big cases)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def int(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)


def _days(day: dt.date, n: int) -> dt.date:
    return day + dt.timedelta(days=n)


def _point(code: str) -> tuple[float, float]:
    row = GEMEENTEN[code]
    return float(row["lat"]), float(row["lon"])


def _draw_location(
    p: Picker, i: int, land: dict[str, Any], codes: Sequence[str], day: dt.date, prefix: str
) -> dict[str, Any]:
    main = [t for t in land["tracks"] if land["tracks"][t]]
    if p.flip(30):
        loc_type = p.pick(land["types"])
    else:
        loc_type = p.pick(land["tracks"][p.pick(main)])
    code = p.pick(codes)
    row: dict[str, Any] = {
        "location_id": f"{prefix}{i}",
        "name": p.pick(NAMES).format(i=i),
        "gemeente_code": code,
        "type": loc_type,
        "has_medical": p.pick([None, True, False, True]),
        "child_suitable": p.pick([None, True, False, True, True]),
        "open_from": None,
        "open_until": None,
        "lat": None,
        "lon": None,
        "cost_per_night": None,
        "flex_capacity": None,
        "max_children": None,
    }
    if p.flip(50):
        lat, lon = _point(code)
        row["lat"] = round(lat + p.int(-500, 500) / 10000, 4)
        row["lon"] = round(lon + p.int(-500, 500) / 10000, 4)
        if p.flip(3):  # far away (the antipodes of Dronten, or a pole): valid, if odd
            row["lat"], row["lon"] = p.pick([(-52.5, -174.3), (90.0, 180.0), (-90.0, -180.0)])
    when = p.pick(["open", "open", "open", "closed", "tonight", "soon", "months", "later"])
    if when == "open" and p.flip(30):
        row["open_from"] = _days(day, -p.int(0, 800))
    elif when == "closed":
        row["open_until"] = _days(day, -p.int(1, 60))
        if p.flip(30):
            row["open_from"] = _days(row["open_until"], -p.int(0, 400))
    elif when == "tonight":
        row["open_until"] = day
    elif when == "soon":  # within the 28-day lookahead, or on its boundary
        row["open_until"] = _days(day, p.int(1, 28))
    elif when == "months":
        row["open_until"] = _days(day, p.int(30, 180))
    elif when == "later":
        row["open_from"] = _days(day, p.int(1, 60))
        if p.flip(30):
            row["open_until"] = _days(row["open_from"], p.int(0, 300))
    if p.flip(40):
        row["cost_per_night"] = p.pick([0, 12, 25.5, 60.75, 110.0, 3.25, 1e5])
    return row


def _served_tracks(land: dict[str, Any], locations: list[dict[str, Any]], day: dt.date) -> list:
    open_types = {x["type"] for x in locations if is_open(x, day)}
    return sorted(t for t, types in land["tracks"].items() if open_types & set(types))


def _draw_household(
    p: Picker,
    h: int,
    case: Case,
    codes: Sequence[str],
    families: Sequence[str],
    ids: dict[str, str],
    link_bias: int = 0,
) -> list[dict[str, Any]]:
    land, day = case.land, case.planning_date
    served = _served_tracks(land, case.locations, day)
    track = p.pick(served) if served and p.flip(85) else p.pick(sorted(land["tracks"]))
    if link_bias and p.flip(link_bias):
        track = p.pick(land["link_tracks"])
    current = None
    if p.flip(45):
        fitting = [x for x in case.locations if x["type"] in land["tracks"][track]]
        pool = fitting if fitting and p.flip(60) else case.locations
        current = p.pick(pool)["location_id"]
    link = track in land["link_tracks"]
    housing = p.pick(codes) if p.flip(45 if link else 15) else None
    family = p.pick(families) if families and p.flip(35) else None
    size = p.pick([1, 1, 2, 2, 3, 4, 5]) if not p.flip(5) else p.int(6, 15)
    first = p.int(18, 70) if not p.flip(10) else p.int(15, 17)  # or an unaccompanied minor
    ages = [first] + [p.int(0, 17) if p.flip(50) else p.int(18, 90) for _ in range(size - 1)]
    if p.flip(3):
        ages[-1] = p.pick([0, 120])
    medical = p.int(0, size - 1) if p.flip(15) else -1
    permit = None
    if p.flip(70 if link else 5):
        permit = _days(day, -p.int(-30, 400))
    hid = f"{ids['household']}{h}"
    rows = []
    for k, age in enumerate(ages):
        rows.append({
            "person_id": f"{ids['person']}{h}_{k}",
            "household_id": hid,
            "age": age,
            "medical_need": True if k == medical else p.pick([None, False]),
            "track": track,
            "current_location_id": current,
            "housing_gemeente_code": housing,
            "family_group": family,
            "moves": p.pick([None, 0, 0, 1, 1, 2, 3]) if not p.flip(2) else 40,
            "permit_date": permit if permit is None or not p.flip(15) else None,
        })  # fmt: skip
    return rows


def _resident_counts(case: Case) -> tuple[dict[str, int], dict[str, int]]:
    persons: dict[str, int] = defaultdict(int)
    children: dict[str, int] = defaultdict(int)
    for p in case.persons:
        if p["current_location_id"] is not None:
            persons[p["current_location_id"]] += 1
            children[p["current_location_id"]] += p["age"] < 18
    return persons, children


def _set_limits(p: Picker, case: Case) -> None:
    """Capacities below, at and above the residents; max_children and flexible beds."""
    persons, children = _resident_counts(case)
    spare = max(12, len(case.persons) // max(1, len(case.locations)))
    for x in case.locations:
        here = persons[x["location_id"]]
        how = p.pick(["above", "above", "above", "at", "below", "zero"])
        if how == "below" and here:
            x["capacity"] = p.int(0, here - 1)
        elif how == "at":
            x["capacity"] = here
        elif how == "zero":
            x["capacity"] = 0
        else:
            x["capacity"] = here + p.int(0, spare)
        if p.flip(25):
            x["max_children"] = max(0, children[x["location_id"]] + p.int(-1, 3))
        if p.flip(30):
            x["flex_capacity"] = p.int(0, 5)


def _split_family(p: Picker, case: Case) -> None:
    """A family group whose resident households live at different locations."""
    residents: dict[str, str] = {}
    for hid, rows in case.households().items():
        where = rows[0]["current_location_id"]
        if where is not None and where not in residents.values():
            residents[hid] = where
    chosen = list(residents)[: p.int(2, 3)]
    if len(chosen) < 2:
        return
    for row in case.persons:
        if row["household_id"] in chosen:
            row["family_group"] = "FS"


def _unfit_family_member(p: Picker, case: Case, ids: dict[str, str]) -> None:
    """A new household of a family group that fits no open location."""
    served = set(_served_tracks(case.land, case.locations, case.planning_date))
    unserved = sorted(set(case.land["tracks"]) - served)
    if not unserved:
        return
    groups = sorted({r["family_group"] for r in case.persons if r["family_group"]})
    group = p.pick(groups) if groups else "FN"
    hid = f"{ids['household']}x"
    track = p.pick(unserved)
    for k in range(p.int(1, 3)):
        case.persons.append({
            "person_id": f"{ids['person']}x_{k}", "household_id": hid, "age": 30 - 10 * k,
            "medical_need": None, "track": track, "current_location_id": None,
            "housing_gemeente_code": None, "family_group": group, "moves": None,
            "permit_date": None,
        })  # fmt: skip


# --------------------------------------------------------------------------
# Overrides: valid ones, and ones broken on purpose
# --------------------------------------------------------------------------


def _household_facts(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "persons": len(rows),
        "children": sum(r["age"] < 18 for r in rows),
        "medical": any(r["medical_need"] for r in rows),
        "track": rows[0]["track"],
        "current": rows[0]["current_location_id"],
    }


def fits(case: Case, facts: dict[str, Any], x: dict[str, Any]) -> bool:
    """The household fits the location: open, type allowed, medical and children catered for."""
    return (
        is_open(x, case.planning_date)
        and x["type"] in case.land["tracks"][facts["track"]]
        and (not facts["medical"] or bool(x["has_medical"]))
        and (not facts["children"] or x["child_suitable"] is not False)
    )


def _limit(x: dict[str, Any]) -> int:
    return x["capacity"] + (x["flex_capacity"] or 0)


def _valid_overrides(p: Picker, case: Case) -> list[dict[str, Any]]:
    """Pins where the household fits (or at its open current location), within every limit
    counted with all residents; forbids anywhere; never a pin and a forbid of one pair."""
    residents, resident_children = _resident_counts(case)
    used: dict[str, int] = defaultdict(int)
    used_children: dict[str, int] = defaultdict(int)
    households = case.households()
    facts = {hid: _household_facts(rows) for hid, rows in households.items()}
    out: list[dict[str, Any]] = []
    named: set[tuple[str, str]] = set()

    def may_pin(hid: str, x: dict[str, Any]) -> bool:
        f, lid = facts[hid], x["location_id"]
        own = f["current"] == lid and is_open(x, case.planning_date)
        if own and residents[lid] > _limit(x):
            return True  # a resident may always stay where it is, over the limit or not
        persons = residents[lid] + used[lid] + f["persons"]
        children = resident_children[lid] + used_children[lid] + f["children"]
        roomy = persons <= _limit(x) and (
            x["max_children"] is None or children <= x["max_children"]
        )
        return (own or fits(case, f, x)) and roomy

    for _ in range(p.int(1, 4)):
        if p.flip(50):
            pinned = {o["household_id"] for o in out if o["action"] == "pin"}
            pairs = [(hid, x) for hid in households if hid not in pinned
                     for x in case.locations
                     if (hid, x["location_id"]) not in named and may_pin(hid, x)]  # fmt: skip
            if pairs:
                hid, x = p.pick(pairs)
                lid = x["location_id"]
                used[lid] += facts[hid]["persons"]
                used_children[lid] += facts[hid]["children"]
                named.add((hid, lid))
                out.append({"household_id": hid, "location_id": lid, "action": "pin",
                            "reason": "planner: family nearby"})  # fmt: skip
                continue
        hid = p.pick(list(households))
        lid = p.pick(case.locations)["location_id"]
        if (hid, lid) in named:
            continue
        named.add((hid, lid))
        out.append({"household_id": hid, "location_id": lid, "action": "forbid",
                    "reason": p.pick(["medisch", "conflict with another resident"])})  # fmt: skip
    return out


BROKEN_KINDS = ("unknown_household", "unknown_location", "bad_action", "empty_reason",
                "pin_closed", "pin_wrong_type", "pin_and_forbid", "double_pin",
                "overfull")  # fmt: skip


def _ovr(hid: str, lid: str, action: str | None = "pin", reason: str | None = "planner") -> dict:
    return {"household_id": hid, "location_id": lid, "action": action, "reason": reason}


def _broken_override(p: Picker, case: Case, kind: str) -> tuple[str, list[dict[str, Any]]]:
    """One override that breaks the contract in the way ``kind`` names (or a fallback)."""
    households = case.households()
    hids = list(households)
    facts = {h: _household_facts(rows) for h, rows in households.items()}
    hid = p.pick(hids)
    lid = p.pick(case.locations)["location_id"]
    if kind == "unknown_household":
        return kind, [_ovr("nobody", lid, "forbid")]
    if kind == "bad_action":
        return kind, [_ovr(hid, lid, p.pick(["move", "pinn", "verbied"]))]
    if kind == "empty_reason":
        return kind, [_ovr(hid, lid, "forbid", None)]
    if kind == "pin_and_forbid":
        return kind, [_ovr(hid, lid, "pin"), _ovr(hid, lid, "forbid")]
    if kind == "double_pin" and len(case.locations) > 1:
        a, b = case.locations[0]["location_id"], case.locations[1]["location_id"]
        return kind, [_ovr(hid, a), _ovr(hid, b)]
    if kind == "pin_closed":
        closed = [x for x in case.locations if not is_open(x, case.planning_date)]
        if closed:
            return kind, [_ovr(hid, p.pick(closed)["location_id"])]
    if kind == "pin_wrong_type":
        for h in hids:
            wrong = [
                x
                for x in case.locations
                if x["location_id"] != facts[h]["current"]
                and x["type"] not in case.land["tracks"][facts[h]["track"]]
            ]
            if wrong:
                return kind, [_ovr(h, wrong[0]["location_id"])]
    if kind == "overfull":
        residents, _ = _resident_counts(case)
        for x in case.locations:
            lid = x["location_id"]
            if residents[lid] > _limit(x):
                continue  # over its limit already: a pin there is refused for another reason
            fitting = [h for h in hids if facts[h]["current"] != lid and fits(case, facts[h], x)]
            if sum(facts[h]["persons"] for h in fitting) > _limit(x):
                return kind, [_ovr(h, lid) for h in fitting]
    return "unknown_location", [_ovr(hid, "no-such-location")]


# --------------------------------------------------------------------------
# The chain, quotas and candidates
# --------------------------------------------------------------------------


def _draw_simulation(p: Picker, case: Case) -> dict[str, Any]:
    """A random ``simulation.toml`` in the keys of docs/simulation.md, tracks valid."""
    sim: dict[str, Any] = {"inflow": {"persons_per_week": p.pick([0, 2, 5, 12, 30])}}
    if p.flip(30):
        sim["inflow"]["factor"] = p.pick([0.5, 1.0, 1.5])
    if p.flip(20):
        sim["inflow"]["band"] = [0.885, 1.523]
    if p.flip(50):
        sim["leave"] = {"weeks": p.int(1, 15)}
    housing: dict[str, Any] = {}
    if p.flip(50):
        housing["lead_time_weeks"] = p.int(1, 25)
    if p.flip(30):
        year = case.planning_date.year
        housing["taakstelling"] = {f"{year}-H1": p.int(0, 50), f"{year}-H2": p.int(0, 50)}
    if housing:
        sim["housing"] = housing
    names = sorted(case.land["tracks"])
    for track in names:
        if not p.flip(40):
            continue
        goes = [n for n in [*names, "leave"] if p.flip(40)] or ["leave"]
        eighths = [0] * len(goes)
        for _ in range(8):  # shares in eighths: exact in binary, adding up to 1
            eighths[p.int(0, len(goes) - 1)] += 1
        sim[f"tracks.{track}"] = {
            "weeks": p.pick([1, 1.5, 2, 4, 7, 26]),
            "next": {n: k / 8 for n, k in zip(goes, eighths, strict=True)},
        }
    return sim


def _draw_candidates(p: Picker, case: Case, codes: Sequence[str]) -> list[dict[str, Any]]:
    land = case.land
    out = []
    for i in range(p.int(1, 3)):
        code = p.pick(codes)
        row: dict[str, Any] = {
            "candidate_id": f"K{i}",
            "name": f"kandidaat {i}",
            "gemeente_code": code,
            "type": p.pick([t for types in land["tracks"].values() for t in types]),
            "capacity": p.pick([10, 40, 120, 250]),
        }
        if p.flip(50):
            row["child_suitable"] = p.pick([True, False])
            row["has_medical"] = p.pick([True, False])
        if p.flip(30):
            lat, lon = _point(code)
            row["lat"], row["lon"] = round(lat + 0.01, 4), round(lon - 0.01, 4)
        if p.flip(50):
            row["first_week"] = p.int(0, 3)
            row["min_weeks"] = p.int(1, 8)
        if p.flip(50):
            row["opening_cost"] = p.pick([0, 15000, 250000.5])
            row["cost_per_night"] = p.pick([0, 45.5, 90])
        out.append(row)
    return out


def _draw_taakstelling(p: Picker, case: Case, codes: Sequence[str]) -> list[tuple[str, int]]:
    link = case.land["link_tracks"]
    persons = sum(1 for r in case.persons if r["track"] in link) or 1
    chosen = list(dict.fromkeys([p.pick(codes) for _ in range(p.int(1, 4))]))
    if p.flip(20):
        chosen.append(p.pick(CODES))
        chosen = list(dict.fromkeys(chosen))
    return [(code, p.int(0, persons)) for code in chosen]


@contextmanager
def case_written(case: Case) -> Iterator[tuple[Path, Path]]:
    """A fresh folder and the case written as a scenario in it, ``(root, scenario)``.

    What the case covers goes to hypothesis' statistics first (:func:`describe`).
    """
    for label in describe(case):
        event(label)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        yield root, write_case(case, root / "scenario")


def describe(case: Case) -> list[str]:
    """Labels of what a case covers, for hypothesis' statistics (``event``)."""
    n = len(case.households())
    size = "households<=10" if n <= 10 else "households<=40" if n <= 40 else "households>40"
    pins = sum(o.get("action") == "pin" for o in case.overrides or [])
    day = case.planning_date
    closing = sorted({
        "closed" if x["open_until"] < day else "tonight" if x["open_until"] == day
        else "soon" if (x["open_until"] - day).days < 28 else "months"
        for x in case.locations if x.get("open_until") is not None
    })  # fmt: skip
    return [
        f"dialect={case.dialect}",
        f"landscape={case.landscape}",
        f"mode={case.mode}",
        size,
        f"overrides={'none' if case.overrides is None else case.broken or f'valid, {pins} pins'}",
        f"simulation={'yes' if case.simulation is not None else 'no'}",
        f"split_family={'yes' if any(r['family_group'] == 'FS' for r in case.persons) else 'no'}",
        f"closures={','.join(closing) or 'none'}",
    ]


def _draw_weights(p: Picker) -> dict[str, float]:
    weights: dict[str, float] = {}
    for name in WEIGHT_NAMES:
        if p.flip(30):
            weights[name] = p.pick([0, 1, 5, 50, 200, 1000, 2.5, 1e6, 0.001])
    if p.flip(30):
        weights["max_child_moves"] = p.int(0, 3) if not p.flip(10) else 50
    if p.flip(30):
        weights["lookahead_days"] = p.pick([0, 7, 28, 60])
    if p.flip(30):
        weights["ahead"] = p.pick([0, 0.5, 1, 3])
    return weights


# --------------------------------------------------------------------------
# The strategy
# --------------------------------------------------------------------------

#: Households drawn through hypothesis before a big case switches to the seeded Random.
HYPOTHESIS_HOUSEHOLDS = 40


@st.composite
def cases(
    draw: Callable[[Any], Any],
    *,
    max_households: int = 300,
    big: bool = True,
    broken: int = 15,
    overrides: int = 40,
    dialects: Sequence[str] = tuple(DIALECTS),
    simulation: int = 60,
    taakstelling: bool = False,
    candidates: bool = False,
    modes: Sequence[str] = ("weekly", "rebalance"),
    link_bias: int = 0,
) -> Case:
    """A whole scenario.

    ``overrides`` is the percent chance of an ``overrides.csv``, ``broken`` the
    percent chance that it is broken on purpose;
    ``simulation`` the percent chance of a ``simulation.toml``; ``link_bias``
    the percent chance that a household is a status holder (a link track).
    """
    p = Picker(draw)
    landscape = p.pick(["2024", "2024", "2020"])
    case = Case(
        landscape=landscape,
        planning_date=p.pick(PLANNING_DATES),
        mode=p.pick(list(modes)),
        language=p.pick(["en", "nl"]),
        dialect=p.pick(list(dialects)),
        sparse=p.flip(30),
        extra_column=p.flip(10),
    )
    case.weights = _draw_weights(p)
    if p.flip(30):
        case.link_weights = {n: p.pick([0, 1, 5, 20, 500, 0.1]) for n in LINK_WEIGHT_NAMES
                             if p.flip(50)}  # fmt: skip
    if p.flip(20):
        case.mip_gap = p.pick([0.0, 1e-4, 0.01])
    large = big and p.flip(15)
    if large:
        n_households, n_locations = p.int(100, max(100, max_households)), p.int(6, 25)
    elif p.flip(3):  # nobody in reception: persons.csv holds only its header
        n_households, n_locations = 0, p.int(1, 3)
    else:
        n_households, n_locations = p.int(3, min(40, max_households)), p.int(2, 12)
    codes = list(dict.fromkeys(p.pick(CODES) for _ in range(p.int(2, 6))))
    prefix = p.pick(LOCATION_PREFIXES)
    case.locations = [
        _draw_location(p, i + 1, case.land, codes, case.planning_date, prefix)
        for i in range(n_locations)
    ]
    ids = p.pick([{"household": "H", "person": "P"}, {"household": "00", "person": "0"},
                  {"household": "NA", "person": "p-"}])  # fmt: skip
    families = [f"F{i}" for i in range(p.int(0, 3))]
    bulk: Picker = RandomPicker(p.int(0, 2**31)) if large else p
    for h in range(n_households):
        drawer = p if h < HYPOTHESIS_HOUSEHOLDS else bulk
        case.persons += _draw_household(drawer, h, case, codes, families, ids, link_bias)
    if p.flip(25):
        _split_family(p, case)
    if p.flip(20):
        _unfit_family_member(p, case, ids)
    _set_limits(p, case)
    if case.persons and p.flip(overrides):
        if p.flip(broken):
            case.broken, case.overrides = _broken_override(p, case, p.pick(BROKEN_KINDS))
        else:
            case.overrides = _valid_overrides(p, case)
    if p.flip(15):
        code = p.pick(codes)
        row = GEMEENTEN[code]
        case.gemeenten = [{
            "gemeente_code": code, "name": row["name"], "province": row["province"],
            "lat": round(float(row["lat"]) + 0.3, 4), "lon": round(float(row["lon"]) - 0.2, 4),
            "population": int(row["population"]),
        }]  # fmt: skip
    if p.flip(simulation):
        case.simulation = _draw_simulation(p, case)
    if taakstelling:
        case.taakstelling = _draw_taakstelling(p, case, codes)
    if candidates:
        case.candidates = _draw_candidates(p, case, codes)
    return case
