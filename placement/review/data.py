"""What each page shows, read from the files of the folder it describes.

A page never computes a figure of its own from a model: it reads
``placements.csv``, ``kpis.json`` and the other files its folder holds
(``docs/output.md``), so the numbers on the page are the numbers in the
files beside it. Tables go to the page column by column; a text column
with few distinct values (reasons, rules, statuses) is sent once per value
with a code per row, which keeps the national report small.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from placement.errors import PlacementError
from placement.i18n import _
from placement.review.geo import boundaries, gemeenten

#: Objective terms, in the order of ``kpis.json`` and ``explanations.csv``.
TERMS = (
    "unplaced", "wrong_type", "family_split", "child_over_cap", "child_move", "move",
    "distance", "cost", "closing_soon", "flex_bed", "moves_ahead",
)  # fmt: skip


class PageError(PlacementError):
    """A page cannot be made from the folder (a file it needs is missing or unreadable)."""


# --------------------------------------------------------------------------- reading


def _missing(path: Path) -> str:
    return _("{folder} has no {file}; is it a result folder?").format(
        folder=path.parent, file=path.name
    )


def read_text_table(path: Path) -> pd.DataFrame:
    """A CSV the program wrote, every cell as its text (empty cells as ``""``)."""
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise PageError(_missing(path)) from None
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise PageError(_("{path} cannot be read ({error})").format(path=path, error=exc)) from None


def read_json(path: Path) -> Any:
    """A JSON file the program wrote."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PageError(_missing(path)) from None
    except (OSError, ValueError) as exc:
        raise PageError(_("{path} cannot be read ({error})").format(path=path, error=exc)) from None


def _optional(path: Path) -> pd.DataFrame | None:
    return read_text_table(path) if path.is_file() else None


# --------------------------------------------------------------------------- columns


def ints(values: pd.Series) -> list[int | None]:
    """Whole numbers; an empty cell is ``None``."""
    numbers = pd.to_numeric(values.replace("", None), errors="coerce")
    return [None if pd.isna(v) else int(v) for v in numbers]


def floats(values: pd.Series) -> list[float | None]:
    """Numbers as written (the same float the file holds); an empty cell is ``None``."""
    numbers = pd.to_numeric(values.replace("", None), errors="coerce")
    return [None if pd.isna(v) else float(v) for v in numbers]


def bools(values: pd.Series) -> list[bool | None]:
    """``true``/``false`` as written by the program; an empty cell is ``None``."""
    text = values.astype(str).str.lower()
    return [True if v == "true" else False if v == "false" else None for v in text]


def texts(values: pd.Series) -> list[str] | dict[str, list[Any]]:
    """Text cells; as ``{"values": [...], "codes": [...]}`` when few are distinct."""
    values = values.astype(str)
    if len(values) < 64:
        return values.tolist()
    codes, uniques = pd.factorize(values, sort=False)
    if len(uniques) * 4 > len(values):
        return values.tolist()
    return {"values": uniques.tolist(), "codes": codes.tolist()}


def columns(frame: pd.DataFrame, kinds: dict[str, str]) -> dict[str, Any]:
    """The columns of ``frame`` named in ``kinds`` (``text``, ``int``, ``float``, ``bool``)."""
    convert = {"text": texts, "int": ints, "float": floats, "bool": bools}
    return {
        name: sparse(convert[kind](frame[name])) if name in frame else {"n": len(frame)}
        for name, kind in kinds.items()
    }


def sparse(values: Any) -> Any:
    """A column mostly empty as ``{"n": rows, "at": [row, ...], "v": [value, ...]}``."""
    if not isinstance(values, list) or len(values) < 64:
        return values
    at = [i for i, v in enumerate(values) if v is not None and v != ""]
    if len(at) * 4 > len(values):
        return values
    return {"n": len(values), "at": at, "v": [values[i] for i in at]}


def rows(frame: pd.DataFrame) -> dict[str, Any]:
    """A small table as it is written: its header and its rows of text."""
    return {"columns": list(frame.columns), "rows": frame.to_numpy(dtype=str).tolist()}


# --------------------------------------------------------------------------- a run


HOUSEHOLD_KINDS = {
    "household_id": "text", "persons": "int", "children": "int", "track": "text",
    "status": "text", "override": "text", "from_location_id": "text",
    "to_location_id": "text", "distance_km": "float", "reason": "text", "rules": "text",
    "options": "int", "next_best_location_id": "text", "next_best_has_room": "bool",
    "next_best_beds_free": "int", **{f"delta_{t}": "float" for t in TERMS},
    "delta_total": "float", "limit": "text", "limit_detail": "text", "children_over_cap": "int",
    "medical": "bool",
}  # fmt: skip
LOCATION_KINDS = {
    "location_id": "text", "name": "text", "type": "text", "gemeente_code": "text",
    "gemeente": "text", "province": "text", "lat": "float", "lon": "float",
    "capacity": "int", "flex_capacity": "int", "flex_used": "int",
    "occupancy_before": "int", "occupancy_after": "int", "children_after": "int",
    "max_children": "int", "arrivals": "int", "departures": "int", "over_limit": "bool",
    "open": "bool", "has_medical": "bool", "child_suitable": "bool",
}  # fmt: skip


def run_data(folder: Path) -> dict[str, Any]:
    """The review page of one run: KPIs, warnings, households, locations, moves, shortages.

    ``folder`` is the ``--out`` folder of ``placement place`` (or a run folder
    of ``placement whatif``, which has no explanations: the page then shows
    the reasons alone).

    Raises
    ------
    PageError
        When ``placements.csv``, ``locations.csv`` or ``kpis.json`` is missing.
    """
    placements = read_text_table(folder / "placements.csv")
    sites = read_text_table(folder / "locations.csv")
    kpis = read_json(folder / "kpis.json")
    record = read_json(folder / "run.json") if (folder / "run.json").is_file() else {}
    explained = _optional(folder / "explanations.csv")
    shortages = _optional(folder / "shortages.csv")
    households = household_table(placements, explained)
    sites = site_table(sites, record.get("locations", []))
    return {
        "page": "run",
        "kpis": kpis,
        "settings": {k: v for k, v in record.items() if k not in ("locations", "warnings")},
        "warnings": {"input": list(record.get("warnings", [])), "run": run_warnings(kpis, sites)},
        "households": columns(households, HOUSEHOLD_KINDS),
        "explained": explained is not None,
        "locations": columns(sites, LOCATION_KINDS),
        "moves": move_pairs(placements),
        "shortages": rows(shortages) if shortages is not None else None,
        "boundaries": boundaries(),
    }


def household_table(placements: pd.DataFrame, explained: pd.DataFrame | None) -> pd.DataFrame:
    """One row per household: its explanation, with the reason and distance of placements."""
    first = placements.drop_duplicates("household_id").set_index("household_id")
    if explained is None:
        size = placements.groupby("household_id", sort=False).size()
        table = first[["status", "from_location_id", "to_location_id"]].copy()
        table["persons"] = size.reindex(table.index).astype(str)
        if "override" in first:
            table["override"] = first["override"]
        table = table.reset_index()
    else:
        table = explained.copy()
    ids = table["household_id"]
    for column in ("reason", "distance_km"):
        table[column] = first[column].reindex(ids).fillna("").to_numpy()
    return table


def site_table(sites: pd.DataFrame, points: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """``locations.csv`` with each location's gemeente, its name and province, and its point."""
    table = sites.copy()
    facts = ["gemeente_code", "lat", "lon", "has_medical", "child_suitable"]
    where = pd.DataFrame(list(points), columns=["location_id", *facts])
    where = where.set_index("location_id").reindex(table["location_id"])
    for column in facts:
        if column not in table:
            given = where[column].notna().to_numpy()
            text = where[column].astype(str)
            if column in ("has_medical", "child_suitable"):  # JSON true/false, as a CSV writes it
                text = text.str.lower()
            table[column] = np.where(given, text.to_numpy(), "")
    known = gemeenten()
    codes = table["gemeente_code"]
    table["gemeente"] = codes.map(known["name"]).fillna(codes).to_numpy()
    table["province"] = codes.map(known["province"]).fillna("").to_numpy()
    return table


def move_pairs(placements: pd.DataFrame) -> list[list[Any]]:
    """Moves as ``[from, to, persons, households]``, one per (from, to) pair."""
    moved = placements[(placements["status"] == "move") & (placements["to_location_id"] != "")]
    pairs = moved.groupby(["from_location_id", "to_location_id"], sort=False).agg(
        persons=("person_id", "size"), households=("household_id", "nunique")
    )
    return [[f, t, int(p), int(h)] for (f, t), (p, h) in pairs.iterrows()]


def run_warnings(kpis: dict[str, Any], sites: pd.DataFrame) -> list[dict[str, Any]]:
    """What a planner should look at, as codes with their figures (the page words them)."""
    found: list[dict[str, Any]] = []
    if kpis.get("status") != "optimal":
        found.append({"code": "status", "status": kpis.get("status"), "gap": kpis.get("mip_gap")})
    for key in ("unplaced", "children_over_cap", "family_splits", "wrong_type_persons",
                "flex_beds_used"):  # fmt: skip
        if kpis.get(key):
            found.append({"code": key, "n": kpis[key]})
    over = sites.loc[sites["over_limit"].str.lower() == "true", "location_id"].tolist()
    if over:
        found.append({"code": "over_limit", "n": len(over), "ids": over})
    return found


# --------------------------------------------------------------------------- a what-if


def comparison_data(folder: Path) -> dict[str, Any]:
    """The comparison page of a what-if folder: KPIs side by side, locations, closure moves."""
    kpis = read_text_table(folder / "comparison" / "kpis.csv")
    changes = read_text_table(folder / "comparison" / "locations.csv")
    moves = read_text_table(folder / "comparison" / "closure_moves.csv")
    variants = read_json(folder / "comparison" / "variants.json")
    runs = {}
    for name in ["baseline", *variants]:
        record = folder / name / "run.json"
        runs[name] = (
            {k: v for k, v in read_json(record).items() if k != "locations"}
            if record.is_file()
            else {}
        )
    names = changes.get("name", pd.Series([""] * len(changes)))
    changes = changes.assign(name=names)
    return {
        "page": "comparison",
        "variants": variants,
        "runs": runs,
        "kpis": rows(kpis),
        "locations": rows(changes),
        "closure_moves": rows(moves),
        "boundaries": boundaries(),
    }


# --------------------------------------------------------------------------- a simulation


def outlook_data(folder: Path) -> dict[str, Any]:
    """The outlook page of a simulation folder: fan charts, capacity outlook, first shortages."""
    summary = read_text_table(folder / "summary.csv")
    outlook = read_text_table(folder / "outlook.csv")
    kpis = read_json(folder / "kpis.json")
    fans: dict[str, dict[str, Any]] = {}
    if len(summary):
        for key, part in summary.groupby(["variant", "kpi"], sort=False):
            variant, kpi = key  # type: ignore[misc]
            fans.setdefault(str(kpi), {})[str(variant)] = {
                "week": ints(part["week"]),
                **{q: floats(part[q]) for q in ("mean", "p10", "p50", "p90")},
            }
    return {
        "page": "outlook",
        "kpis": kpis,
        "fans": fans,
        "outlook": rows(outlook),
    }


# --------------------------------------------------------------------------- plan


def plan_data(folder: Path) -> dict[str, Any]:
    """The page of a ``placement plan`` folder: the candidates on a map, beds against demand.

    Per group of tracks (those whose first allowed type is the same) the
    demand over the futures (p10, p50, p90 per week) against the usable beds
    of the types those tracks may use, as they are and with the plan.
    """
    plan = read_text_table(folder / "plan.csv")
    demand = pd.read_csv(folder / "demand.csv", dtype={"track": str, "group": str})
    beds = pd.read_csv(folder / "beds.csv", dtype={"type": str})
    kpis = read_json(folder / "kpis.json")
    evaluation = _optional(folder / "evaluation.csv")
    usable = float(kpis.get("weights", {}).get("usable", 1.0))
    tracks: dict[str, list[str]] = kpis.get("tracks", {})
    groups: dict[str, list[str]] = {}
    for track, types in tracks.items():
        if types:
            groups.setdefault(types[0], []).append(track)
    per_week = demand.groupby(["future", "week", "track"], sort=True)["persons"].sum()
    fans: dict[str, Any] = {}
    for first, members in groups.items():
        types = sorted({t for k in members for t in tracks[k]})
        mine = per_week[per_week.index.get_level_values("track").isin(members)]
        by_week = mine.groupby(level=["future", "week"]).sum().groupby(level="week")
        of = beds[beds["type"].isin(types)].groupby("week")[["beds", "plan_beds"]].sum()
        fans[first] = {
            "tracks": members,
            "types": types,
            "week": [int(w) for w in of.index],
            **{
                q: floats(by_week.quantile(p))
                for q, p in (("p10", 0.1), ("p50", 0.5), ("p90", 0.9))
            },  # fmt: skip
            "beds": floats(usable * of["beds"]),
            "plan_beds": floats(usable * of["plan_beds"]),
        }
    return {
        "page": "plan",
        "kpis": kpis,
        "plan": rows(plan),
        "fans": fans,
        "evaluation": rows(evaluation) if evaluation is not None else None,
        "boundaries": boundaries(),
    }


# --------------------------------------------------------------------------- links


def links_data(folder: Path) -> dict[str, Any]:
    """The links page of a ``placement link`` folder: gemeenten, quotas, links, a map."""
    links = read_text_table(folder / "links.csv")
    quotas = read_text_table(folder / "gemeenten.csv")
    kpis = read_json(folder / "kpis.json")
    known = gemeenten()
    codes = quotas["gemeente_code"]
    quotas = quotas.assign(
        name=codes.map(known["name"]).fillna(codes).to_numpy(),
        province=codes.map(known["province"]).fillna("").to_numpy(),
        lat=codes.map(known["lat"]).astype(object).fillna("").astype(str).to_numpy(),
        lon=codes.map(known["lon"]).astype(object).fillna("").astype(str).to_numpy(),
    )
    households = links.drop_duplicates("household_id")[
        ["household_id", "gemeente_code", "distance_km", "reason"]
    ].copy()
    households.insert(1, "persons", links.groupby("household_id", sort=False).size().to_numpy())
    return {
        "page": "links",
        "kpis": kpis,
        "gemeenten": rows(quotas),
        "households": columns(
            households.astype(str),
            {
                "household_id": "text",
                "persons": "int",
                "gemeente_code": "text",
                "distance_km": "float",
                "reason": "text",
            },
        ),  # fmt: skip
        "lines": link_lines(folder, links),
        "boundaries": boundaries(),
    }


def link_lines(folder: Path, links: pd.DataFrame) -> list[list[Any]]:
    """Links as ``[lon, lat, gemeente_code, persons]`` from the households' current location.

    The current locations are read from the scenario copy the folder holds;
    households without one (or without that copy) draw no line.
    """
    persons_file = folder / "scenario" / "persons.csv"
    sites_file = folder / "scenario" / "locations.csv"
    if not (persons_file.is_file() and sites_file.is_file()) or links.empty:
        return []
    from placement.errors import PlacementInputError
    from placement.input.dialect import read_table

    try:
        persons, sites = read_table(persons_file).cells, read_table(sites_file).cells
    except PlacementInputError:
        return []
    current = persons.drop_duplicates("household_id").set_index("household_id")
    current = current.get("current_location_id", pd.Series(dtype=str))
    known = gemeenten()
    site = sites.set_index("location_id")
    lat = _point(site, "lat", known)
    lon = _point(site, "lon", known)
    linked = links[links["gemeente_code"] != ""]
    where = linked["household_id"].map(current).fillna("")
    table = pd.DataFrame(
        {"from": where.to_numpy(), "to": linked["gemeente_code"].to_numpy(), "n": 1}
    )
    table = table[table["from"] != ""]
    pairs = table.groupby(["from", "to"], sort=False)["n"].sum()
    out = []
    for (source, code), n in pairs.items():
        if source in lat.index and not np.isnan(lat[source]):
            out.append([float(lon[source]), float(lat[source]), code, int(n)])
    return out


def _point(site: pd.DataFrame, axis: str, known: pd.DataFrame) -> pd.Series:
    given = pd.to_numeric(site.get(axis, pd.Series(index=site.index, dtype=str)), errors="coerce")
    fallback = site["gemeente_code"].map(known[axis])
    return given.fillna(fallback).astype(float)
