"""Plain-language reasons, one per household, for the planner who reviews them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from placement.problem import ProblemData


def household_reasons(data: ProblemData, hh: pd.DataFrame) -> list[str]:
    """A short reason per household: why here, or why without a bed."""
    loc = data.locations
    landscape = data.settings.landscape
    assert landscape is not None
    pins = hh["pin"].to_numpy()
    klass = data.classes
    out = []
    for h in hh.itertuples():
        cur = loc.iloc[h.current] if h.current >= 0 else None
        dest = loc.iloc[h.dest] if h.dest >= 0 else None
        if pins[h.Index] >= 0:
            text = f"Pinned by a planner to {_name(dest)}: {h.pin_reason}"
        elif h.status == "unplaced":
            k = klass.loc[h.klass]
            text = _unplaced(h, cur, k, landscape.allowed.get(h.track, ()))
        elif h.status == "stay":
            text = _stay(h, cur)
        elif h.status == "move":
            why, where = _why_decided(h, cur), _where(h, dest)
            text = f"Moves from {_name(cur)} to {_name(dest)}: {why}; {where}"
        else:
            text = f"New arrival placed at {_name(dest)}: {_where(h, dest)}"
        out.append(text.rstrip(" ;:") + ".")
    return out


def _name(site: pd.Series | None) -> str:
    return "" if site is None else f"{site['name']} ({site['location_id']})"


def _why_decided(h: object, cur: pd.Series) -> str:
    if not cur["open"]:
        return f"{cur['location_id']} is not open on the planning date"
    if h.forbidden_home:
        return "a planner ruled out its current location"
    if not h.current_type_ok:
        return f"{_a(cur['type'])} location does not suit track {h.track}"
    return "rebalancing found a better place overall"


def _where(h: object, dest: pd.Series) -> str:
    parts = [f"{_a(dest['type'])} location that fits the household"]
    if h.medical:
        parts.append("with medical care")
    km = h.distance_km
    if not np.isnan(km):
        parts.append(f"{km:.1f} km from housing gemeente {h.housing}")
    return ", ".join(parts)


def _stay(h: object, cur: pd.Series) -> str:
    name = _name(cur)
    if not h.decided:
        return f"Stays at {name}: its location is open and suits its track"
    if not h.type_allowed:
        return (
            f"Stays at {name} although {_a(cur['type'])} location does not suit track "
            f"{h.track}: no fitting bed was free; it moves on when one is"
        )
    return f"Stays at {name}: no move would lower the total enough to justify moving it"


def _unplaced(h: object, cur: pd.Series | None, k: pd.Series, allowed: tuple[str, ...]) -> str:
    need = " or ".join(allowed) or "no type (track unknown to the landscape)"
    extras = []
    if h.medical:
        extras.append("with medical care")
    if h.children > 0:
        extras.append("child-suitable")
    kind = f"{need} location" + (f" ({' and '.join(extras)})" if extras else "")
    lost = f"Lost its bed at {_name(cur)}; " if cur is not None else ""
    if k["fitting"] == 0:
        return f"{lost}No bed: no open {kind} exists on the planning date"
    if k["taking"] == 0:
        return f"{lost}No bed: every open {kind} is over its limits and takes no arrivals"
    return f"{lost}No bed: all {int(k['taking'])} open {kind}s are full (needs {int(h.size)} beds)"


def _a(word: str) -> str:
    """``word`` with its indefinite article ("an aanmeld", "a regulier")."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"
