"""The ``reason`` of each household in ``placements.csv``: why here, or why without a bed.

The reason is for reading: why the household ends where it does (or why
it has no bed) in the words of the rules. It speaks of the one alternative
``explanations.csv`` names (:func:`placement.results.alternatives.alternatives`),
and of an unplaced household's limit as :func:`placement.results.limits.unplaced_limits`
decided it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from placement.i18n import N_, _, decimal, in_its_language, listing, percent, tr, tr_n
from placement.model.ahead import weeks_left
from placement.model.prepare import ahead_column
from placement.model.problem import ProblemData
from placement.results.alternatives import (
    alternatives,
    kept_out_by_moves_ahead,
    kept_out_of_closing,
)
from placement.results.wording import by_kind, each
from placement.vocab import HouseholdStatus, Mode

Site = dict[str, Any]


@in_its_language
def household_reasons(data: ProblemData, hh: pd.DataFrame, after: pd.DataFrame) -> list[str]:
    """One short reason per household: why here, or why without a bed.

    ``hh`` carries each household's destination and status and, for an
    unplaced one, its ``limit`` (:func:`~placement.results.limits.unplaced_limits`);
    ``after`` is the location table after placement (for the flexible beds in use).

    The reasons are put together a column at a time; a part that depends
    on little (a location, a track, a limit) is worded once for each kind of
    household that has it (:func:`~placement.results.wording.by_kind`). They
    are in the language of ``data.settings``.
    """
    sites: list[Site] = data.locations.assign(flex_used=after["flex_used"].to_numpy()).to_dict(
        "records"
    )
    names = np.array([_name(site) for site in sites] + [""], dtype=object)  # [-1]: none
    allowed = data.settings.landscape.allowed if data.settings.landscape else {}
    options = data.classes["options"].to_dict()
    rebalance = data.settings.mode == Mode.REBALANCE
    day = pd.Timestamp(data.settings.planning_date)
    cap = data.settings.weights.max_child_moves

    def lost(h: dict[str, Any]) -> str:
        return _lost(h, sites[h["current"]] if h["current"] >= 0 else None, day)

    def unplaced(h: dict[str, Any]) -> str:
        return _unplaced(h, options[h["klass"]], allowed.get(h["track"], ()))

    def stay(h: dict[str, Any]) -> str:
        return _stay(h, sites[h["current"]])

    def why(h: dict[str, Any]) -> str:
        return _why_decided(h, sites[h["current"]], day, rebalance)

    cur, dest = hh["current"].to_numpy(), hh["dest"].to_numpy()
    pinned = hh["pin"].to_numpy() >= 0
    status = np.where(pinned, "pinned", hh["status"].to_numpy(dtype=object))
    text = np.full(len(hh), "", dtype=object)
    rows = status == "pinned"
    text[rows] = each(
        _("Pinned by a planner to {location}: {reason}"),
        location=names[dest[rows]], reason=hh["pin_reason"].to_numpy(dtype=object)[rows],
    )  # fmt: skip
    rows = status == HouseholdStatus.UNPLACED
    text[rows] = by_kind(hh[rows], ["current", "forbidden_home"], lost) + by_kind(
        hh[rows], ["klass", "track", "medical", "children", "size", "limit"], unplaced
    )
    rows = status == HouseholdStatus.STAY
    text[rows] = by_kind(hh[rows], ["current", "decided", "type_allowed", "track"], stay)
    rows = status == HouseholdStatus.MOVE
    text[rows] = each(
        _("Moves from {origin} to {destination}: {why}; {fits}"),
        origin=names[cur[rows]], destination=names[dest[rows]],
        why=by_kind(hh[rows], ["current", "forbidden_home", "current_type_ok", "track"], why),
        fits=_where(hh[rows], sites),
    )  # fmt: skip
    rows = status == HouseholdStatus.NEW
    text[rows] = each(
        _("New arrival placed at {location}: {fits}"),
        location=names[dest[rows]], fits=_where(hh[rows], sites),
    )  # fmt: skip
    rows = np.isin(status, [HouseholdStatus.MOVE, HouseholdStatus.NEW])
    text[rows] += np.array([_flexible(site) for site in sites], dtype=object)[dest[rows]]
    rows = (status == HouseholdStatus.MOVE) & (hh["children_over_cap"].to_numpy() > 0)
    text[rows] += by_kind(
        hh[rows], ["current", "forbidden_home", "current_type_ok", "track", "children_over_cap"],
        lambda h: _over_cap(h, sites[h["current"]], day, rebalance, cap),
    )  # fmt: skip
    # One alternative per household, the one explanations.csv names (next_best_location_id):
    # the reason speaks of it alone.
    alt = alternatives(data, hh, after)
    other = alt["alt"].to_numpy()
    closing = kept_out_of_closing(data, hh)
    closing = np.where(closing == other, closing, -1)
    rows = closing >= 0
    text[rows] += by_kind(pd.DataFrame({"site": closing[rows]}), ["site"], lambda h: "; " + tr(
        "kept out of {location}, whose last open night is {date}: it would have to move again",
        location=_name(sites[h["site"]]), date=sites[h["site"]]["open_until"],
    ))  # fmt: skip
    ahead = kept_out_by_moves_ahead(data, hh)
    ahead = np.where(ahead == other, ahead, -1)
    full = np.isin(status, [HouseholdStatus.MOVE, HouseholdStatus.NEW]) & (other >= 0)
    room = alt["room"].to_numpy(dtype=bool, na_value=False)
    full &= (alt["delta_total"].to_numpy() < -1e-9) & ~room
    rows = full & (closing < 0) & (ahead < 0)
    text[rows] += by_kind(pd.DataFrame({"site": other[rows]}), ["site"], lambda h: "; " + tr(
        "{location} would have cost less, but had no room left", location=_name(sites[h["site"]])
    ))  # fmt: skip
    rows = (ahead >= 0) & (closing < 0)
    if rows.any():
        left = dict(zip(data.settings.landscape.tracks, weeks_left(
            data.settings.chain, data.settings.landscape
        ), strict=True)) if data.settings.landscape else {}  # fmt: skip
        kinds = hh.loc[rows, ["dest", "track", "must_move_later"]].assign(
            site=ahead[rows], family=hh.loc[rows, "children"].to_numpy() > 0
        )
        text[rows] += by_kind(
            kinds, ["dest", "site", "track", "family", "must_move_later"],
            lambda h: _rather_than(h, sites, left.get(h["track"], np.nan)),
        )  # fmt: skip
    return [t.rstrip(" ;:") + "." for t in text]


#: The ``moves_ahead`` reasons (placeholders filled by :func:`placement.i18n.tr`).
AHEAD_TEXTS = {
    "closes": N_(
        "; {dest} rather than {site}: {site} closes on {date}, while {who} is expected to stay "
        "about {weeks} more weeks ({there} chance of another move there, {here} here)"
    ),
    "track": N_(
        "; {dest} rather than {site}: at {site} {who} would more likely have to move again "
        "before it leaves reception ({there} against {here})"
    ),
}


def _rather_than(h: dict[str, Any], sites: list[Site], weeks: float) -> str:
    """Why a household is not at the site ``moves_ahead`` kept it out of."""
    site, dest = sites[h["site"]], sites[h["dest"]]
    until = site["open_until"]
    kind = "closes" if pd.notna(until) and np.isfinite(weeks) else "track"
    return tr(
        AHEAD_TEXTS[kind],
        dest=dest["location_id"], site=site["location_id"],
        who=_("this family") if h["family"] else _("this household"),
        date=until if pd.notna(until) else "",
        weeks=max(1, round(weeks)) if np.isfinite(weeks) else "",
        there=percent(float(site[ahead_column(str(h["track"]))])),
        here=percent(float(h["must_move_later"])),
    )  # fmt: skip


def _flexible(dest: Site) -> str:
    """Where flexible beds are in use: how many."""
    if dest["flex_used"] <= 0:
        return ""
    return "; " + tr_n(
        "{location} uses {used} of its {n} flexible bed",
        "{location} uses {used} of its {n} flexible beds",
        int(dest["flex_capacity"]),
        location=dest["location_id"], used=int(dest["flex_used"]),
    )  # fmt: skip


def _name(site: Site | None) -> str:
    return "" if site is None else f"{site['name']} ({site['location_id']})"


def _closed(site: Site, day: pd.Timestamp) -> str:
    until, start = site["open_until"], site["open_from"]
    if pd.notna(until) and until < day:
        return tr("{location} closed after {date}", location=site["location_id"], date=until)
    if pd.notna(start) and start > day:
        return tr("{location} opens only on {date}", location=site["location_id"], date=start)
    return tr("{location} is not open on the planning date", location=site["location_id"])


def _why_decided(h: dict[str, Any], cur: Site, day: pd.Timestamp, rebalance: bool) -> str:
    if not cur["open"]:
        return _closed(cur, day)
    if h["forbidden_home"]:
        return _("a planner ruled out its current location")
    if not h["current_type_ok"]:
        return tr(
            "its current location (type {type}) does not suit track {track}",
            type=cur["type"], track=h["track"],
        )  # fmt: skip
    if rebalance:
        return _("the rebalance found a better place for it, taking everyone into account")
    return _("a planner's correction put it up for placement this week")


def _where(hh: pd.DataFrame, sites: list[Site]) -> np.ndarray:
    """Why each household's destination suits it: type, care, children, distance."""
    used = ["dest", "medical", "children"]
    fits = by_kind(hh, used, lambda h: _fits(h, sites[h["dest"]]))
    km, housing = hh["distance_km"].to_numpy(), hh["housing"].to_numpy(dtype=object)
    known = ~np.isnan(km)
    fits[known] += each(
        _(", {km} km from the housing gemeente {gemeente}"),
        km=[decimal(d, 1) for d in km[known]], gemeente=housing[known],
    )  # fmt: skip
    return fits


def _fits(h: dict[str, Any], dest: Site) -> str:
    parts = [tr("a location of type {type} that fits the household", type=dest["type"])]
    if h["medical"]:
        parts.append(_("with medical care"))
    if h["children"] > 0:
        parts.append(_("suitable for children"))
    return ", ".join(parts)


def _over_cap(h: dict[str, Any], cur: Site, day: pd.Timestamp, rebalance: bool, cap: int) -> str:
    """Why children moved beyond the move cap: only staying would have spared them, and why not."""
    return "; " + tr_n(
        "for {n} of its children this is a second or later forced move (the limit is {cap} "
        "per child); no other place could spare it that: only staying at {location} would have, "
        "and {why}",
        "for {n} of its children this is a second or later forced move (the limit is {cap} "
        "per child); no other place could spare them that: only staying at {location} would "
        "have, and {why}",
        int(h["children_over_cap"]),
        cap=int(cap), location=cur["location_id"], why=_why_decided(h, cur, day, rebalance),
    )  # fmt: skip


def _stay(h: dict[str, Any], cur: Site) -> str:
    name = _name(cur)
    if not h["decided"]:
        return tr("Stays at {location}: the location is open and suits its track", location=name)
    if not h["type_allowed"]:
        return tr(
            "Stays at {location}, although its type {type} does not suit track {track}: "
            "no fitting bed was free; it moves as soon as one is",
            location=name, type=cur["type"], track=h["track"],
        )  # fmt: skip
    return tr(
        "Stays at {location}: no move would improve the whole enough to justify moving it",
        location=name,
    )


def _lost(h: dict[str, Any], cur: Site | None, day: pd.Timestamp) -> str:
    """The start of a reason for a resident left without a bed: where, and why."""
    if cur is None:
        return ""
    why = _("a planner ruled it out") if h["forbidden_home"] else _closed(cur, day)
    return tr("Lost its bed at {location} ({why}); ", location=_name(cur), why=why)


def _unplaced(h: dict[str, Any], options: int, allowed: tuple[str, ...]) -> str:
    """Why no bed, in the words of the limit that ran out (:mod:`~placement.results.limits`)."""
    types = listing(list(allowed), "or") or _("no type (the track is unknown to the landscape)")
    extras = []
    if h["medical"]:
        extras.append(_("with medical care"))
    if h["children"] > 0:
        extras.append(_("suitable for children"))
    needs = " " + listing(extras) if extras else ""
    words = {"types": types, "needs": needs}
    limit = h["limit"]
    if limit in UNPLACED_REASONS:
        return tr(UNPLACED_REASONS[limit], **words)
    beds = tr_n("{n} bed", "{n} beds", int(h["size"]))
    if options == 1:
        return tr(
            "No bed: the one open location of type {types}{needs} it may use is full "
            "(needs {beds})",
            beds=beds, **words,
        )  # fmt: skip
    return tr_n(
        "No bed: the {n} open location of type {types}{needs} it may use is full "
        "(needs {beds})",
        "No bed: all {n} open locations of type {types}{needs} it may use are full "
        "(needs {beds})",
        options, beds=beds, **words,
    )  # fmt: skip


#: Why a household has no bed, by the limit that ran out (``{types}``, ``{needs}``).
UNPLACED_REASONS = {
    "no_fitting_location": N_(
        "No bed: no open location of type {types}{needs} exists on the planning date"
    ),
    "over_limits": N_("No bed: every open location of type {types}{needs} is over its limits"),
    "forbidden": N_("No bed: a planner ruled out every location of type {types}{needs} it fits"),
    "time_limit": N_(
        "No bed in this proposal: the solver stopped at its time limit before placing it, and "
        "a bed may be free; run again with a longer --time-limit"
    ),
    "child_places": N_(
        "No bed: where the open locations of type {types}{needs} it may use have beds free, "
        "no child places are left (max_children)"
    ),
    "cost": N_("No bed: leaving it unplaced cost less than any placement it may have"),
}
