"""Plain-language reasons, one per household, for the planner who reviews them.

A reason says why the household ends where it does (or why it has no bed)
in the words of the rules: the location closes, its type does not suit the
track, a medical need, children, the distance to the housing gemeente, a
planner's pin. Issue-level detail (next-best location and what it would
cost) belongs in a companion table, not in this one line.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from placement.model.problem import ProblemData

Site = dict[str, Any]


def household_reasons(
    data: ProblemData, hh: pd.DataFrame, stopped_early: bool = False
) -> list[str]:
    """One short reason per household: why here, or why without a bed."""
    sites: list[Site] = data.locations.to_dict("records")
    allowed = data.settings.landscape.allowed if data.settings.landscape else {}
    counts = data.classes[["fitting", "taking", "options"]].to_dict("index")
    rebalance = data.settings.mode == "rebalance"
    day = pd.Timestamp(data.settings.planning_date)
    out = []
    used = ["current", "dest", "pin", "pin_reason", "status", "klass", "track", "medical",
            "children", "size", "decided", "type_allowed", "forbidden_home",
            "current_type_ok", "distance_km", "housing"]  # fmt: skip
    for h in hh[used].to_dict("records"):
        cur = sites[h["current"]] if h["current"] >= 0 else None
        dest = sites[h["dest"]] if h["dest"] >= 0 else None
        if h["pin"] >= 0:
            text = f"Pinned by a planner to {_name(dest)}: {h['pin_reason']}"
        elif h["status"] == "unplaced":
            text = _unplaced(h, cur, counts[h["klass"]], allowed.get(h["track"], ()), day)
            if stopped_early and counts[h["klass"]]["options"] > 0:
                text = _stopped(h, cur, day)
        elif h["status"] == "stay":
            text = _stay(h, cur)  # type: ignore[arg-type]
        elif h["status"] == "move":
            why = _why_decided(h, cur, day, rebalance)  # type: ignore[arg-type]
            where = _where(h, dest)  # type: ignore[arg-type]
            text = f"Moves from {_name(cur)} to {_name(dest)}: {why}; {where}"
        else:
            text = f"New arrival placed at {_name(dest)}: {_where(h, dest)}"  # type: ignore[arg-type]
        out.append(text.rstrip(" ;:") + ".")
    return out


def _name(site: Site | None) -> str:
    return "" if site is None else f"{site['name']} ({site['location_id']})"


def _a(word: str) -> str:
    """``word`` with its indefinite article ("an aanmeld", "a regulier")."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def _closed(site: Site, day: pd.Timestamp) -> str:
    until, start = site["open_until"], site["open_from"]
    if pd.notna(until) and until < day:
        return f"{site['location_id']} closed after {until:%Y-%m-%d}"
    if pd.notna(start) and start > day:
        return f"{site['location_id']} opens only on {start:%Y-%m-%d}"
    return f"{site['location_id']} is not open on the planning date"


def _why_decided(h: dict[str, Any], cur: Site, day: pd.Timestamp, rebalance: bool) -> str:
    if not cur["open"]:
        return _closed(cur, day)
    if h["forbidden_home"]:
        return "a planner ruled out its current location"
    if not h["current_type_ok"]:
        return f"{_a(cur['type'])} location does not suit track {h['track']}"
    if rebalance:
        return "rebalancing found a better place overall"
    return "a planner's override put it up for placement this week"


def _where(h: dict[str, Any], dest: Site) -> str:
    parts = [f"{_a(dest['type'])} location that fits the household"]
    if h["medical"]:
        parts.append("with medical care")
    if h["children"] > 0:
        parts.append("suitable for children")
    km = h["distance_km"]
    if not math.isnan(km):
        parts.append(f"{km:.1f} km from housing gemeente {h['housing']}")
    return ", ".join(parts)


def _stay(h: dict[str, Any], cur: Site) -> str:
    name = _name(cur)
    if not h["decided"]:
        return f"Stays at {name}: its location is open and suits its track"
    if not h["type_allowed"]:
        return (
            f"Stays at {name} although {_a(cur['type'])} location does not suit track "
            f"{h['track']}: no fitting bed was free; it moves on when one is"
        )
    return f"Stays at {name}: no move would lower the total enough to justify moving it"


def _stopped(h: dict[str, Any], cur: Site | None, day: pd.Timestamp) -> str:
    lost = ""
    if cur is not None:
        why = "a planner ruled it out" if h["forbidden_home"] else _closed(cur, day)
        lost = f"Lost its bed at {_name(cur)} ({why}); "
    return (
        f"{lost}No bed in this proposal: the solver stopped at its time limit before "
        "placing it, and a bed may be free; run again with a longer --time-limit"
    )


def _unplaced(
    h: dict[str, Any],
    cur: Site | None,
    counts: dict[str, int],
    allowed: tuple[str, ...],
    day: pd.Timestamp,
) -> str:
    need = " or ".join(allowed) or "no type (track unknown to the landscape)"
    extras = []
    if h["medical"]:
        extras.append("with medical care")
    if h["children"] > 0:
        extras.append("suitable for children")
    needs = f" {' and '.join(extras)}" if extras else ""
    beds = f"{h['size']} bed{'s' if h['size'] != 1 else ''}"
    lost = ""
    if cur is not None:
        why = "a planner ruled it out" if h["forbidden_home"] else _closed(cur, day)
        lost = f"Lost its bed at {_name(cur)} ({why}); "
    if counts["fitting"] == 0:
        return f"{lost}No bed: no open {need} location{needs} exists on the planning date"
    if counts["taking"] == 0:
        return f"{lost}No bed: every open {need} location{needs} is over its limits"
    if counts["options"] == 0:
        return f"{lost}No bed: a planner ruled out every {need} location{needs} it fits"
    if counts["options"] == 1:
        only = f"the one open {need} location{needs} it may use"
        return f"{lost}No bed: {only} is full (needs {beds})"
    return (
        f"{lost}No bed: all {counts['options']} open {need} locations{needs} it may use "
        f"are full (needs {beds})"
    )
