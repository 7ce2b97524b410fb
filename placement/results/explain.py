"""Why each household ends where it does: ``reason``, ``explanations.csv``, ``shortages.csv``.

The ``reason`` in ``placements.csv`` is for reading: why the household ends
where it does (or why it has no bed) in the words of the rules. The tables
are for checking. Per household:

- ``rules``: the rules that limited its choice (track and its types, medical
  care, children, its current location, a planner's pins and forbids);
- ``options``: how many locations the rules allowed it;
- ``next_best_location_id``: the cheapest *other* allowed location of its
  class by the per-household objective of :attr:`ProblemData.pairs` (ties
  by location order), with ``delta_<term>``, how much each of the
  household's weighted terms would change there (``family_split`` counts
  the extra locations its family group would use), ``delta_total`` their
  sum, and whether that location had room left after the placement;
- for an unplaced household, ``limit``: the constraint that ran out
  (``no_fitting_location``, ``over_limits``, ``forbidden``, ``beds``,
  ``child_places``, ``time_limit``, ``cost``) and ``limit_detail`` in words.
  :func:`unplaced_limits` decides it once; the ``reason`` says the same.

Per category (track × medical need × children), ``shortages.csv`` counts the
unplaced and the beds of which kind would have placed them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from placement.i18n import N_, _, decimal, in_its_language, listing, percent, tr, tr_n
from placement.model.ahead import weeks_left
from placement.model.prepare import ahead_column, destination_terms, type_allowed
from placement.model.problem import ProblemData
from placement.model.terms import HOUSEHOLD_TERMS, TERMS
from placement.vocab import HouseholdStatus, Mode

if TYPE_CHECKING:
    from placement.input.scenario import Scenario

Site = dict[str, Any]

# --------------------------------------------------------------------------- reasons


@in_its_language
def household_reasons(data: ProblemData, hh: pd.DataFrame, after: pd.DataFrame) -> list[str]:
    """One short reason per household: why here, or why without a bed.

    ``hh`` carries each household's destination and status and, for an
    unplaced one, its ``limit`` (:func:`unplaced_limits`); ``after`` is the
    location table after placement (for the flexible beds in use).

    The reasons are put together a column at a time; a part that depends
    on little (a location, a track, a limit) is worded once for each kind of
    household that has it (:func:`by_kind`). They are in the language of
    ``data.settings``.
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
    text[rows] = _each(
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
    text[rows] = _each(
        _("Moves from {origin} to {destination}: {why}; {fits}"),
        origin=names[cur[rows]], destination=names[dest[rows]],
        why=by_kind(hh[rows], ["current", "forbidden_home", "current_type_ok", "track"], why),
        fits=_where(hh[rows], sites),
    )  # fmt: skip
    rows = status == HouseholdStatus.NEW
    text[rows] = _each(
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
    closing = _kept_out_of_closing(data, hh)
    closing = np.where(closing == other, closing, -1)
    rows = closing >= 0
    text[rows] += by_kind(pd.DataFrame({"site": closing[rows]}), ["site"], lambda h: "; " + tr(
        "kept out of {location}, whose last open night is {date}: it would have to move again",
        location=_name(sites[h["site"]]), date=sites[h["site"]]["open_until"],
    ))  # fmt: skip
    ahead = _kept_out_by_moves_ahead(data, hh)
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


def _each(template: str, **columns: Any) -> np.ndarray:
    """``template`` (already translated) filled in once per row of the equal-length ``columns``."""
    names = list(columns)
    rows = zip(*(np.asarray(columns[n], dtype=object) for n in names), strict=True)
    return np.array(
        [template.format(**dict(zip(names, row, strict=True))) for row in rows], dtype=object
    )


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


def by_kind(
    frame: pd.DataFrame, columns: list[str], say: Callable[[dict[str, Any]], str]
) -> np.ndarray:
    """``say(row)`` for each row of ``frame``, called once for each distinct row of ``columns``.

    ``say`` sees a row as a dict of ``columns`` (:func:`records`); the
    answer is an array of texts, one per row.
    """
    if frame.empty:
        return np.zeros(0, dtype=object)
    kinds = frame[columns].reset_index(drop=True)
    codes = kinds.groupby(columns, sort=False, dropna=False).ngroup().to_numpy()
    _values, first = np.unique(codes, return_index=True)
    said = np.array([say(h) for h in records(kinds.iloc[first], columns)], dtype=object)
    return said[codes]


def records(frame: pd.DataFrame, columns: list[str]) -> Iterator[dict[str, Any]]:
    """The rows of ``frame`` as dicts of ``columns``: ``to_dict("records")``, several times faster.

    Columns are taken as numpy arrays once (text as Python ``str``), so a
    row costs one ``dict(zip(...))``.
    """
    arrays = [frame[c].to_numpy(dtype=object) for c in columns]
    for values in zip(*arrays, strict=True):
        yield dict(zip(columns, values, strict=True))


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


def _kept_out_of_closing(data: ProblemData, hh: pd.DataFrame) -> np.ndarray:
    """Per household, a closing-soon location it would have taken but for ``closing_soon``; -1."""
    w = data.settings.weights.closing_soon
    pairs = data.pairs
    closing = data.locations["closes_soon"].to_numpy()[pairs["l"].to_numpy()] & ~pairs["stay"]
    size = data.classes["size"].to_numpy()[pairs["k"].to_numpy()]
    return _kept_out(data, hh, w * size, closing.to_numpy() & (w > 0))


def _kept_out_by_moves_ahead(data: ProblemData, hh: pd.DataFrame) -> np.ndarray:
    """Per household, a location it would have taken but for ``moves_ahead``; -1."""
    pairs = data.pairs
    term = pairs["moves_ahead"].to_numpy()
    return _kept_out(data, hh, term, ~pairs["stay"].to_numpy() & (term > 1e-9))


def _kept_out(
    data: ProblemData, hh: pd.DataFrame, term: np.ndarray, among: np.ndarray
) -> np.ndarray:
    """Per household, the pair of ``among`` it would have taken but for ``term``; -1.

    It is the cheapest such location of its class by the per-household
    objective without ``term`` (the term's weighted value per pair), when
    that is cheaper than what the household's own terms came to where it
    ended, and dearer with it (and not where it ended).
    """
    out = np.full(len(hh), -1, dtype=np.int64)
    if not among.any():
        return out
    pairs = data.pairs
    full = pairs["cost"].to_numpy()[among]
    pair_cost = full - term[among]
    pair_k, pair_l = pairs["k"].to_numpy()[among], pairs["l"].to_numpy()[among]
    best = cheapest(pair_k, pair_cost, pair_l, len(data.classes))
    k = hh["klass"].to_numpy()
    at = _at(best, k, gap=-1)
    own = hh[[f"term_{t}" for t in HOUSEHOLD_TERMS]].sum(axis=1).to_numpy()
    cheaper = (at >= 0) & (_at(pair_cost, at, gap=np.nan) < own - 1e-9)
    cheaper &= _at(full, at, gap=np.nan) >= own - 1e-9
    elsewhere = _at(pair_l, at, gap=-1) != hh["dest"].to_numpy()
    keep = (k >= 0) & cheaper & elsewhere & (hh["pin"].to_numpy() < 0)
    out[keep] = pair_l[at[keep]].astype(np.int64)
    return out


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
    fits[known] += _each(
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
    """Why no bed, in the words of the limit that ran out (:func:`unplaced_limits`)."""
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


# --------------------------------------------------------------------------- explanations.csv

#: Columns of ``explanations.csv``, in order.
EXPLANATION_COLUMNS = [
    "household_id",
    "persons",
    "children",
    "status",
    "override",
    "from_location_id",
    "to_location_id",
    "rules",
    "options",
    "next_best_location_id",
    "next_best_has_room",
    "next_best_beds_free",
    *[f"delta_{t}" for t in TERMS],
    "delta_total",
    "limit",
    "limit_detail",
    "track",
    "children_over_cap",
    "medical",
]


def explanation_table(
    data: ProblemData, hh: pd.DataFrame, after: pd.DataFrame, scenario: Scenario | None = None
) -> pd.DataFrame:
    """One row per household, in input order: rules, next-best location, term deltas, limit.

    Parameters
    ----------
    data, hh, after
        A run's problem data, its households (with destination, status,
        terms and limits) and its location table after placement.
    scenario
        When given, its forbids are named in ``rules``.
    """
    ids = data.locations["location_id"].to_numpy(dtype=object)
    alt = alternatives(data, hh, after)
    table = pd.DataFrame(
        {
            **_who_went_where(data, hh),
            "rules": household_rules(data, hh, _forbids(scenario)),
            "options": _options(data, hh),
            "next_best_location_id": _ids(ids, alt["alt"].to_numpy()),
            "next_best_has_room": alt["room"].array,
            "next_best_beds_free": alt["free"].array,
            **{f"delta_{term}": alt[f"delta_{term}"].to_numpy() for term in TERMS},
            "delta_total": alt["delta_total"].to_numpy(),
            "limit": hh["limit"].to_numpy(),
            "limit_detail": hh["limit_detail"].to_numpy(),
            "track": hh["track"].to_numpy(),
            "children_over_cap": _children_over_cap(hh),
            "medical": hh["medical"].to_numpy(dtype=bool),
        }
    )
    return table[EXPLANATION_COLUMNS]


def alternatives(data: ProblemData, hh: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Each household's one alternative: its next-best location, room there, term deltas.

    Columns ``alt`` (location index, -1: none), ``room``, ``free``,
    ``delta_<term>`` and ``delta_total``. :func:`placement.results.outcome.outcome`
    keeps them in ``hh`` (columns ``alt_*``), so the reason and
    ``explanations.csv`` name the same location without working it out twice.
    """
    if "alt_alt" in hh:
        return hh[[c for c in hh.columns if c.startswith("alt_")]].rename(
            columns=lambda c: c.removeprefix("alt_")
        )
    alt = next_best(data, hh)
    room, free = _room(data, after, hh, alt)
    deltas = term_deltas(data, hh, after, alt)
    return pd.DataFrame(
        {
            "alt": alt,
            "room": room,
            "free": free,
            **{f"delta_{term}": deltas[term].to_numpy() for term in TERMS},
            "delta_total": deltas.sum(axis=1, min_count=1).to_numpy(),
        },
        index=hh.index,
    )


def _children_over_cap(hh: pd.DataFrame) -> np.ndarray:
    """Children of each household moved beyond the move cap (moved, already at the cap)."""
    moved = hh["moved"].to_numpy(dtype=bool) if "moved" in hh else np.zeros(len(hh), bool)
    return np.where(moved, hh["children_over_cap"].to_numpy(), 0)


def explanation_outline(data: ProblemData, hh: pd.DataFrame, why: str) -> pd.DataFrame:
    """``explanations.csv`` in its reduced form, written when time ran short.

    Who went where, the limits, and ``why`` in ``rules``; no options,
    next-best location or deltas.
    """
    table = pd.DataFrame(
        {
            **_who_went_where(data, hh),
            "rules": why,
            "limit": hh["limit"].to_numpy(),
            "limit_detail": hh["limit_detail"].to_numpy(),
            "track": hh["track"].to_numpy(),
            "children_over_cap": _children_over_cap(hh),
            "medical": hh["medical"].to_numpy(dtype=bool),
        }
    )
    return table.reindex(columns=EXPLANATION_COLUMNS)


def _who_went_where(data: ProblemData, hh: pd.DataFrame) -> dict[str, Any]:
    """The first columns of ``explanations.csv``: the household, its override, from and to."""
    ids = data.locations["location_id"].to_numpy(dtype=object)
    pinned, named = hh["pin"].to_numpy() >= 0, hh["named"].to_numpy(dtype=bool)
    return {
        "household_id": hh["household_id"].to_numpy(),
        "persons": hh["size"].to_numpy(),
        "children": hh["children"].to_numpy(),
        "status": hh["status"].to_numpy(),
        "override": np.select([pinned, named], ["pin", "forbid"], ""),
        "from_location_id": _ids(ids, hh["current"].to_numpy()),
        "to_location_id": _ids(ids, hh["dest"].to_numpy()),
    }


def _ids(ids: np.ndarray, index: np.ndarray) -> np.ndarray:
    index = np.asarray(index)
    return np.where(index >= 0, ids[np.maximum(index, 0)], "")


def _forbids(scenario: Scenario | None) -> dict[str, list[str]]:
    if scenario is None or scenario.overrides.empty:
        return {}
    o = scenario.overrides
    o = o[o["action"] == "forbid"]
    return o.groupby("household_id", sort=False)["location_id"].agg(list).to_dict()


def _options(data: ProblemData, hh: pd.DataFrame) -> np.ndarray:
    """Locations the rules allow each household (1 for one that is not decided)."""
    per_class = data.pairs.groupby("k").size()
    k = hh["klass"].to_numpy()
    counts = per_class.reindex(k, fill_value=0).to_numpy()
    return np.where(k >= 0, counts, 1)


# --------------------------------------------------------------------------- next best


def next_best(data: ProblemData, hh: pd.DataFrame) -> np.ndarray:
    """Per household, the cheapest allowed location of its class other than its own (-1: none).

    Cheapest by the pair's per-household ``cost``; ties go to the location
    that comes first in ``locations.csv``. Households that are not decided
    have no alternative.
    """
    pairs = data.pairs
    k, l, cost = pairs["k"].to_numpy(), pairs["l"].to_numpy(), pairs["cost"].to_numpy()
    classes = len(data.classes)
    first = cheapest(k, cost, l, classes)
    taken = np.zeros(len(pairs), dtype=bool)
    taken[first[first >= 0]] = True
    rest = np.flatnonzero(~taken)
    second = _at(rest, cheapest(k[rest], cost[rest], l[rest], classes), gap=-1)
    klass = hh["klass"].to_numpy()
    first_l = _at(_at(l, first, gap=-1), klass, gap=-1)
    second_l = _at(_at(l, second, gap=-1), klass, gap=-1)
    alt = np.where(first_l != hh["dest"].to_numpy(), first_l, second_l)
    return np.where(klass >= 0, alt, -1)


def cheapest(k: np.ndarray, cost: np.ndarray, l: np.ndarray, classes: int) -> np.ndarray:
    """Per class, which pair is its cheapest (ties: the first location, then the first pair); -1.

    The first of each class when the pairs are sorted by class, cost and
    location, without sorting them all.
    """

    def lowest(among: np.ndarray, value: np.ndarray) -> np.ndarray:
        """Whether each value is the lowest of its class."""
        best = np.full(classes, np.inf)
        per_class = pd.Series(value).groupby(among).min()
        best[per_class.index.to_numpy()] = per_class.to_numpy()
        return value == best[among]

    rows = np.flatnonzero(lowest(k, cost))
    for key in (l, np.arange(len(k))):
        rows = rows[lowest(k[rows], key[rows])]
    out = np.full(classes, -1, dtype=np.int64)
    out[k[rows]] = rows
    return out


def term_deltas(
    data: ProblemData, hh: pd.DataFrame, after: pd.DataFrame, alt: np.ndarray
) -> pd.DataFrame:
    """Weighted terms of each household at ``alt`` minus those where it ended (NaN: no alt).

    ``family_split`` counts the extra locations its group would use, and
    ``flex_bed`` the flexible beds it would fill at ``alt`` less those it
    frees where it ended, with everyone else where they are (``after``).
    """
    w = data.settings.weights
    there, *_rest = destination_terms(hh, alt, data.locations, data.settings)
    deltas = pd.DataFrame(index=hh.index)
    has = alt >= 0
    for term in HOUSEHOLD_TERMS:
        diff = there[term].to_numpy() - hh[f"term_{term}"].to_numpy()
        deltas[term] = np.where(has, diff, np.nan)
    split = _family_split_delta(hh, alt) * w.family_split
    deltas["family_split"] = np.where(has, split, np.nan)
    flex = _flex_delta(data.locations, after, hh, alt) * w.flex_bed
    deltas["flex_bed"] = np.where(has, flex, np.nan)
    return deltas[list(TERMS)]


def _flex_delta(
    loc: pd.DataFrame, after: pd.DataFrame, hh: pd.DataFrame, alt: np.ndarray
) -> np.ndarray:
    """Flexible beds used if each household alone went to ``alt`` instead, minus now."""
    occupancy = after["occupancy_after"].to_numpy()
    capacity, flex = loc["capacity"].to_numpy(), loc["flex_capacity"].to_numpy()
    flexible = ~loc["over_capacity"].to_numpy()  # over its limit: never flexible beds

    def used(l: np.ndarray, persons: np.ndarray) -> np.ndarray:
        # beyond the limit there is no bed at all (next_best_has_room says so)
        site = np.maximum(l, 0)
        beyond = np.clip(persons - capacity[site], 0, flex[site])
        return np.where((l >= 0) & flexible[site], beyond, 0)

    size, dest = hh["size"].to_numpy(), hh["dest"].to_numpy()
    here, there = np.maximum(dest, 0), np.maximum(alt, 0)
    leave = used(dest, occupancy[here] - size) - used(dest, occupancy[here])
    join = used(alt, occupancy[there] + size) - used(alt, occupancy[there])
    return (leave + join).astype(float)


def _family_split_delta(hh: pd.DataFrame, alt: np.ndarray) -> np.ndarray:
    """Extra locations a household's family group would use if it alone went to ``alt``.

    With everyone where they are, the group uses its ``n`` locations. Without
    the household, its others use ``n`` less its own location when it is
    alone there; with it at ``alt``, one more when no other is at ``alt``.
    """
    delta = np.zeros(len(hh))
    group = hh["family_group"].to_numpy(dtype=object)
    dest = hh["dest"].to_numpy()
    codes, _groups = pd.factorize(group)
    member = (group != "") & (np.bincount(codes + 1)[codes + 1] >= 2)
    if not member.any():
        return delta
    g, here, there = codes[member], dest[member], alt[member]
    width = int(max(dest.max(), alt.max(), 0)) + 1
    placed = here >= 0
    at = pd.Series(g[placed] * width + here[placed]).value_counts()
    used = np.bincount(np.unique(g[placed] * width + here[placed]) // width, minlength=g.max() + 1)
    n = used[g]

    def count(site: np.ndarray) -> np.ndarray:
        return at.reindex(g * width + np.maximum(site, 0), fill_value=0).to_numpy()

    others = n - (placed & (count(here) == 1))
    joins = (there >= 0) & (count(there) - (there == here) == 0)
    then = others + joins
    delta[member] = np.maximum(0, then - 1) - np.maximum(0, n - 1)
    return delta


def _room(
    data: ProblemData, locations: pd.DataFrame, hh: pd.DataFrame, alt: np.ndarray
) -> tuple[pd.arrays.BooleanArray, pd.arrays.IntegerArray]:
    """Whether each household would still fit at ``alt`` after the placement, and its free beds.

    Free beds are regular and flexible ones (the location's limit). A
    resident may always return to its own location when that location is
    over a limit (the over-limit rule lets its residents stay). Without an
    ``alt``, both are missing.
    """
    loc = data.locations
    free = (loc["limit"] - locations["occupancy_after"].to_numpy()).clip(lower=0).to_numpy()
    child_free = (loc["max_children"].astype("float64") - locations["children_after"]).to_numpy()
    none = alt < 0
    site = np.maximum(alt, 0)
    size, kids = hh["size"].to_numpy(), hh["children"].to_numpy()
    home = alt == hh["current"].to_numpy()
    fits = (home & loc["over_capacity"].to_numpy()[site]) | (free[site] >= size)
    limited = (kids > 0) & ~np.isnan(child_free[site])
    limited &= ~(home & loc["over_children"].to_numpy()[site])
    fits &= ~limited | (child_free[site] >= kids)
    room = pd.arrays.BooleanArray(fits & ~none, none)
    beds = pd.arrays.IntegerArray(np.where(none, 0, free[site]).astype("int64"), none)
    return room, beds


# --------------------------------------------------------------------------- rules and limits


@in_its_language
def household_rules(
    data: ProblemData, hh: pd.DataFrame, forbids: dict[str, list[str]] | None = None
) -> list[str]:
    """The rules that limited each household's choice, joined by ``; `` (settings' language)."""
    landscape = data.settings.landscape
    allowed = landscape.allowed if landscape is not None else {}
    ids = data.locations["location_id"].to_numpy(dtype=object)
    is_open = data.locations["open"].to_numpy()
    weekly = data.settings.mode == Mode.WEEKLY
    forbids = forbids or {}
    track = hh["track"]
    uses = {
        t: tr(
            "track {track} may use {types}",
            track=t, types="/".join(allowed.get(t, ())) or _("no type"),
        )
        for t in track.unique()
    }  # fmt: skip
    rules = track.map(uses).to_numpy(dtype=object)
    rules = _add(
        rules, hh["medical"].to_numpy(), _("medical care needed: locations with medical care only")
    )
    rules = _add(
        rules, hh["children"].to_numpy() > 0, _("children: locations suitable for children only")
    )
    cur = hh["current"].to_numpy()

    def per_site(template: str) -> np.ndarray:
        return _each(_(template), location=ids)

    stay = np.where(
        ~_at(is_open, cur, gap=True),
        _at(per_site(N_("current location {location} is not open")), cur),
        np.where(
            hh["current_type_ok"].to_numpy(),
            _at(per_site(N_("may stay at {location}")), cur),
            _at(per_site(N_("may stay at {location}, whose type does not suit its track")), cur),
        ),
    )
    rules = _add(rules, cur >= 0, stay)
    pin = hh["pin"].to_numpy()
    rules = _add(rules, pin >= 0, _at(per_site(N_("pinned by a planner to {location}")), pin))
    listed = {
        h: tr("a planner forbids {locations}", locations=", ".join(sites))
        for h, sites in forbids.items()
    }
    forbidden = hh["household_id"].map(listed).to_numpy(dtype=object)
    named = pd.notna(forbidden)
    rules = _add(rules, named, forbidden)
    some = ~named & hh["named"].to_numpy(dtype=bool) & (pin < 0)
    rules = _add(rules, some, _("a planner forbids some locations"))
    group = hh["family_group"].to_numpy(dtype=object)
    rules = _add(rules, group != "", _each(_("family group {group}"), group=group))
    if weekly:
        rules = _add(rules, ~hh["decided"].to_numpy(), _("weekly run: not reconsidered, it stays"))
    return list(rules)


def _at(per_site: np.ndarray, index: np.ndarray, gap: Any = "") -> np.ndarray:
    """``per_site[index]``, and ``gap`` where the index is -1 (no location)."""
    return np.append(per_site, np.array([gap], dtype=per_site.dtype))[index]


def _add(texts: np.ndarray, where: np.ndarray, part: str | np.ndarray) -> np.ndarray:
    """``texts`` with ``"; " + part`` added where ``where`` is true (``part`` one or per row)."""
    out = texts.copy()
    part = np.broadcast_to(np.asarray(part, dtype=object), texts.shape)
    out[where] = out[where] + "; " + part[where]
    return out


@in_its_language
def unplaced_limits(
    data: ProblemData, hh: pd.DataFrame, after: pd.DataFrame, stopped: bool
) -> tuple[np.ndarray, np.ndarray]:
    """For each unplaced household, the constraint that ran out (code and words); else ``""``.

    ``after`` is the location table after placement (``occupancy_after``,
    ``children_after``); ``stopped``: the solve ended before proving its
    gap. In order: no fitting location at all, all of them over their
    limits, all forbidden, no beds left, no child places left, the time
    limit, and else the objective preferred it. The words are in the
    settings' language.
    """
    limit = np.full(len(hh), "", dtype=object)
    detail = np.full(len(hh), "", dtype=object)
    unplaced = np.flatnonzero(hh["dest"].to_numpy() < 0)
    if len(unplaced) == 0:
        return limit, detail
    loc = data.locations
    free = (loc["limit"] - after["occupancy_after"].to_numpy()).to_numpy()
    child_free = (loc["max_children"].astype("float64") - after["children_after"]).to_numpy()
    moves = data.pairs[~data.pairs["stay"]].groupby("k")["l"].agg(list)
    # The answer depends on the class, the household's size and children and
    # the words on its track and medical need: once for each such kind.
    by = ["klass", "size", "children", "track", "medical"]
    kinds = hh.iloc[unplaced].groupby(by, sort=False).indices
    for (klass, size, children, _track, _medical), rows in kinds.items():
        h = hh.iloc[unplaced[rows[0]]]
        c = data.classes.loc[klass]
        kind = _bed_kind(data, h)
        sites = np.asarray(moves.get(klass, []), dtype=np.int64)
        beds = free[sites] >= size
        kids = (children == 0) | np.isnan(child_free[sites])
        kids |= child_free[sites] >= children
        if c["fitting"] == 0:
            code = "no_fitting_location"
            words = tr("no open location with {kind} exists", kind=kind)
        elif c["taking"] == 0:
            code = "over_limits"
            words = tr("every open location with {kind} is over its limits", kind=kind)
        elif len(sites) == 0:
            code = "forbidden"
            words = tr("a planner ruled out every location with {kind}", kind=kind)
        elif not beds.any():
            most = int(max(free[sites].max(), 0))
            code = "beds"
            words = tr_n(
                "no beds left with {kind}: the {n} allowed location has at most {most} free, "
                "it needs {size}",
                "no beds left with {kind}: the {n} allowed locations have at most {most} free, "
                "it needs {size}",
                len(sites), kind=kind, most=most, size=int(size),
            )  # fmt: skip
        elif not (beds & kids).any():
            code = "child_places"
            words = tr(
                "no child places left (max_children) where beds with {kind} are free",
                kind=kind,
            )
        elif stopped:
            code, words = "time_limit", _("the solver stopped before it placed this household")
        else:
            code, words = "cost", _("leaving it unplaced cost less than any placement")
        limit[unplaced[rows]], detail[unplaced[rows]] = code, words
    return limit, detail


def _bed_kind(data: ProblemData, h: pd.Series) -> str:
    """E.g. "type regulier/gemeentelijk/noodopvang, medical care, suitable for children"."""
    landscape = data.settings.landscape
    types = landscape.allowed.get(h["track"], ()) if landscape is not None else ()
    parts = [tr("type {types}", types="/".join(types) or _("(none for its track)"))]
    if h["medical"]:
        parts.append(_("medical care"))
    if h["children"] > 0:
        parts.append(_("suitable for children"))
    return ", ".join(parts)


# --------------------------------------------------------------------------- shortages

#: Columns of ``shortages.csv``, in order.
SHORTAGE_COLUMNS = [
    "track",
    "medical",
    "with_children",
    "households",
    "persons",
    "unplaced_households",
    "unplaced_persons",
    "unplaced_children",
    "allowed_types",
    "needs_medical",
    "needs_child_suitable",
    "fitting_locations",
    "free_beds_after",
    "beds_needed",
    "child_places_needed",
]


def shortage_table(data: ProblemData, hh: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """One row per category (track × medical need × children) present in the input.

    ``beds_needed`` is the number of extra beds of the category's kind
    (``allowed_types``, with medical care when ``needs_medical``,
    child-suitable when ``needs_child_suitable``) that places every unplaced
    household of the category for certain: one per unplaced person.
    ``child_places_needed`` counts the children of households left out for
    want of child places. ``free_beds_after`` is what the fitting locations
    that take arrivals still had free: beds that did not suit (too few in
    one place, or no child places).
    """
    hh = hh.assign(with_children=hh["children"] > 0)
    unplaced = (hh["dest"] < 0).to_numpy()
    limit = hh["limit"].to_numpy()
    hh = hh.assign(
        u=unplaced.astype(int),
        u_persons=np.where(unplaced, hh["size"], 0),
        u_children=np.where(unplaced, hh["children"], 0),
        child_short=np.where(limit == "child_places", hh["children"], 0),
    )
    keys = ["track", "medical", "with_children"]
    table = hh.groupby(keys, sort=False).agg(
        households=("household_id", "size"),
        persons=("size", "sum"),
        unplaced_households=("u", "sum"),
        unplaced_persons=("u_persons", "sum"),
        unplaced_children=("u_children", "sum"),
        child_places_needed=("child_short", "sum"),
    )
    table = table.reset_index()
    _add_kind(data, after, table)
    table["beds_needed"] = table["unplaced_persons"]
    order = _track_order(data, table["track"])
    table = table.assign(_o=order).sort_values(["_o", "medical", "with_children"], kind="stable")
    return table[SHORTAGE_COLUMNS].reset_index(drop=True)


def _add_kind(data: ProblemData, after: pd.DataFrame, table: pd.DataFrame) -> None:
    """Allowed types, needs, and the fitting locations' count and free beds per category."""
    loc = data.locations
    landscape = data.settings.landscape
    allowed = landscape.allowed if landscape is not None else {}
    free = (loc["limit"] - after["occupancy_after"].to_numpy()).clip(lower=0)
    free = free.where(~loc["over_capacity"], 0).to_numpy()
    fitting, beds = [], []
    for track, medical, kids in table[["track", "medical", "with_children"]].itertuples(
        index=False
    ):
        ok = (
            loc["open"].to_numpy()
            & type_allowed(landscape, np.repeat(track, len(loc)), loc["type"].to_numpy())
            if landscape is not None
            else np.zeros(len(loc), dtype=bool)
        )
        if medical:
            ok &= loc["has_medical"].to_numpy()
        if kids:
            ok &= loc["child_suitable"].to_numpy()
        fitting.append(int(ok.sum()))
        beds.append(int(free[ok].sum()))
    table["allowed_types"] = ["/".join(allowed.get(t, ())) for t in table["track"]]
    table["needs_medical"] = table["medical"]
    table["needs_child_suitable"] = table["with_children"]
    table["fitting_locations"] = fitting
    table["free_beds_after"] = beds


def _track_order(data: ProblemData, tracks: pd.Series) -> np.ndarray:
    landscape = data.settings.landscape
    order = {t: i for i, t in enumerate(landscape.tracks if landscape is not None else ())}
    return np.array([order.get(t, len(order)) for t in tracks])
