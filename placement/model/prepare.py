"""Scenario -> ProblemData: who is decided, who may go where, at what cost.

Pure pandas/numpy transforms; nothing here knows about Pyomo. The steps:

1. locations: open on the planning date, residents, the over-limit rule;
2. households: members aggregated, current location as an index;
3. who is decided (the mode), who stays put, what the stayers leave free;
4. classes: decided households that are interchangeable share one count;
5. pairs: the (class, location) combinations the rules allow, priced with
   :func:`placement.model.terms.household_quantities`;
6. overrides: pins and forbids applied, impossible pins reported.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt
import pandas as pd

from placement.errors import Code, InputProblem, PlacementInputError
from placement.i18n import N_, _, tr_n, using
from placement.input.scenario import Scenario
from placement.input.settings import Landscape, Settings
from placement.model.ahead import horizons, must_move, must_move_table
from placement.model.geo import haversine_km
from placement.model.groups import groups_in_order, rows_of
from placement.model.problem import ProblemData
from placement.model.terms import household_quantities, weigh
from placement.vocab import Mode

#: Household columns that make decided households interchangeable.
CLASS_KEY = [
    "size", "children", "children_over_cap", "children_capped_if_moved", "medical", "track",
    "current", "housing",
]  # fmt: skip


def prepare(scenario: Scenario) -> ProblemData:
    """Turn a validated scenario into the model's input.

    Raises
    ------
    PlacementInputError
        When a pin is not one the rules allow, or pins overfill a location.
    """
    settings = scenario.settings
    landscape = _landscape(settings)
    locations = location_table(scenario)
    households, members = household_table(scenario, locations, landscape)
    _apply_decisions(households, locations, scenario.overrides, settings)
    _leave_room(locations, households)
    classes = class_table(households)
    pairs = pair_table(households, classes, locations, scenario.gemeenten, landscape)
    with using(settings.language):  # its problems are told in the scenario's language
        pairs = _apply_overrides(pairs, households, scenario.overrides, locations)
    moves = pairs.loc[~pairs["stay"], "k"].value_counts()
    classes["options"] = moves.reindex(classes.index, fill_value=0).to_numpy()
    _price(pairs, classes, locations, settings)
    families, family_fixed, fixed_splits = family_tables(households)
    constant = _stayers_objective(households, locations, settings)
    constant += settings.weights.family_split * fixed_splits
    constant += settings.weights.flex_bed * _fixed_flex(locations, pairs)
    return ProblemData(
        households=households,
        locations=locations,
        classes=classes,
        pairs=pairs,
        families=families,
        family_fixed=family_fixed,
        constant=constant,
        settings=settings,
        members=members,
    )


def _landscape(settings: Settings) -> Landscape:
    if settings.landscape is None:
        raise ValueError("settings carry no landscape; read them with read_settings")
    return settings.landscape


def type_allowed(landscape: Landscape, tracks: npt.ArrayLike, types: npt.ArrayLike) -> np.ndarray:
    """Elementwise: is ``types[i]`` allowed for ``tracks[i]`` in the landscape."""
    track_codes, track_names = pd.factorize(np.asarray(tracks, dtype=object))
    type_codes, type_names = pd.factorize(np.asarray(types, dtype=object))
    return _allowed_at(landscape, track_codes, track_names, type_codes, type_names)


def _allowed_at(
    landscape: Landscape,
    track_codes: npt.NDArray[np.intp],
    track_names: Iterable[object],
    type_codes: npt.NDArray[np.intp],
    type_names: Iterable[object],
) -> np.ndarray:
    """:func:`type_allowed` on codes: one lookup in a small track x type table."""
    table = np.array(
        [[str(t) in landscape.allowed.get(str(r), ()) for t in type_names] for r in track_names],
        dtype=bool,
    ).reshape(len(list(track_names)), len(list(type_names)))
    known = (track_codes >= 0) & (type_codes >= 0)
    return known & table[np.maximum(track_codes, 0), np.maximum(type_codes, 0)]


def location_table(scenario: Scenario) -> pd.DataFrame:
    """Locations with ``open``, residents, their limits, ``closes_soon`` and ``moves_ahead``'s p.

    ``limit`` is beds plus flexible beds; ``over_capacity`` / ``over_children``
    flag residents beyond a limit; ``closes_soon``: the last open night is
    before the planning date plus ``lookahead_days``; ``ahead_weeks`` the
    week C a household there must move because it closes (0: no
    ``open_until``) and ``ahead_p:<track>`` (:func:`ahead_column`) the
    chance p that a household of that track placed there must move later.
    """
    loc = scenario.locations.reset_index(drop=True).copy()
    settings = scenario.settings
    day = pd.Timestamp(settings.planning_date)
    loc["open"] = (loc["open_from"].isna() | (loc["open_from"] <= day)) & (
        loc["open_until"].isna() | (day <= loc["open_until"])
    )
    persons = scenario.persons
    at = rows_of(pd.Index(loc["location_id"]), persons["current_location_id"])
    known = at >= 0
    child = persons["age"].to_numpy()[known] < 18
    loc["residents"] = np.bincount(at[known], minlength=len(loc)).astype("int64")
    loc["resident_children"] = np.bincount(at[known][child], minlength=len(loc)).astype("int64")
    loc["limit"] = loc["capacity"] + loc["flex_capacity"]
    loc["over_capacity"] = loc["residents"] > loc["limit"]
    horizon = day + pd.Timedelta(days=int(scenario.settings.weights.lookahead_days))
    loc["closes_soon"] = (loc["open_until"].notna() & (loc["open_until"] < horizon)).astype(bool)
    limit = loc["max_children"]
    loc["over_children"] = (limit.notna() & (loc["resident_children"] > limit)).astype(bool)
    loc["over_limit"] = loc["over_capacity"] | loc["over_children"]
    loc["ahead_weeks"] = horizons(loc["open_until"], settings.planning_date)
    landscape = _landscape(settings)
    table = must_move_table(settings.chain, landscape, loc["type"], loc["ahead_weeks"])
    for row, track in enumerate(landscape.tracks):
        loc[ahead_column(track)] = table[row]
    return loc


def ahead_column(track: str) -> str:
    """The location column with p(h, l) of a household on ``track`` (:mod:`.ahead`)."""
    return f"ahead_p:{track}"


def household_table(
    scenario: Scenario, locations: pd.DataFrame, landscape: Landscape
) -> tuple[pd.DataFrame, npt.NDArray[np.int64]]:
    """One row per household, in order of first appearance; each person's household row."""
    persons = scenario.persons
    child = persons["age"].to_numpy() < 18
    cap = scenario.settings.weights.max_child_moves
    moves = persons["moves"].to_numpy()
    codes, ids = pd.factorize(persons["household_id"])  # households in order of appearance
    first = np.unique(codes, return_index=True)[1]
    n = len(ids)

    def count(where: np.ndarray) -> np.ndarray:
        return np.bincount(codes[where], minlength=n).astype("int64")

    of_first = persons.iloc[first]  # a take: text columns stay as they are stored
    hh = pd.DataFrame(
        {
            "household_id": of_first["household_id"].array,
            "size": np.bincount(codes, minlength=n).astype("int64"),
            "children": count(child),
            "children_over_cap": count(child & (moves >= cap)),
            "children_capped_if_moved": count(child & (moves + 1 >= cap)),
            "medical": count(persons["medical_need"].to_numpy(dtype=bool)) > 0,
            "track": of_first["track"].array,
            "current_location_id": of_first["current_location_id"].array,
            "housing": of_first["housing_gemeente_code"].array,
            "family_group": of_first["family_group"].array,
            "line": of_first["line"].array,
        }
    )
    index = pd.Index(locations["location_id"])
    hh["current"] = rows_of(index, hh["current_location_id"]).astype("int64")
    resident = hh["current"].to_numpy() >= 0
    cur = np.where(resident, hh["current"], 0)
    hh["current_open"] = resident & locations["open"].to_numpy()[cur]
    hh["current_type_ok"] = resident & type_allowed(
        landscape, hh["track"], locations["type"].to_numpy()[cur]
    )
    points = scenario.gemeenten.set_index("gemeente_code")[["lat", "lon"]]
    housing = points.reindex(hh["housing"])
    hh["housing_lat"] = housing["lat"].to_numpy()
    hh["housing_lon"] = housing["lon"].to_numpy()
    return hh, codes.astype(np.int64)


def _apply_decisions(
    hh: pd.DataFrame, loc: pd.DataFrame, overrides: pd.DataFrame, settings: Settings
) -> None:
    """Mark who is decided, pinned, forbidden at home, and may end unplaced."""
    named = hh["household_id"].isin(overrides["household_id"]).to_numpy()
    if settings.mode == Mode.REBALANCE:
        decided = np.ones(len(hh), dtype=bool)
    else:
        decided = ~(hh["current_open"] & hh["current_type_ok"]).to_numpy() | named
    hh["decided"] = decided
    pins = overrides[overrides["action"] == "pin"]
    hh["pin"] = np.full(len(hh), -1, dtype=np.int64)
    hh["pin_reason"] = ""
    if len(pins):
        pin_of = pd.Series(
            pd.Index(loc["location_id"]).get_indexer(pins["location_id"]),
            index=pins["household_id"],
        )
        hh["pin"] = pin_of.reindex(hh["household_id"]).fillna(-1).astype("int64").to_numpy()
        why = pd.Series(pins["reason"].to_numpy(), index=pins["household_id"])
        hh["pin_reason"] = why.reindex(hh["household_id"]).fillna("").to_numpy()
    forbids = overrides[overrides["action"] == "forbid"]
    hh["forbidden_home"] = np.zeros(len(hh), dtype=bool)
    if len(forbids):
        home = pd.MultiIndex.from_arrays([forbids["household_id"], forbids["location_id"]])
        at = pd.MultiIndex.from_arrays([hh["household_id"], hh["current_location_id"]])
        hh["forbidden_home"] = at.isin(home)
    may_lose_bed = ~hh["current_open"] | hh["forbidden_home"]
    hh["unplaced_ok"] = may_lose_bed & (hh["pin"] < 0)
    hh["named"] = named


def _leave_room(loc: pd.DataFrame, hh: pd.DataFrame) -> None:
    """Beds and child places left for decided households (NaN: no limit applies).

    Undecided residents stay, so they use their location's limits first. A
    location over a limit takes no arrivals and lets its residents stay, so
    that limit is not a constraint at all. ``beds_left`` counts the regular
    beds only and is negative when the stayers already sleep in flexible
    beds; the location's ``flex_capacity`` comes on top of it.
    """
    stay = ~hh["decided"].to_numpy()
    at = hh["current"].to_numpy()[stay]  # a stayer is at an open location (loc's row)

    def per_location(column: str) -> np.ndarray:
        values = hh[column].to_numpy()[stay]
        return np.bincount(at, weights=values, minlength=len(loc)).astype("int64")

    loc["fixed_persons"] = per_location("size")
    loc["fixed_children"] = per_location("children")
    loc["beds_left"] = (loc["capacity"] - loc["fixed_persons"]).where(~loc["over_capacity"])
    limited = loc["max_children"].notna() & ~loc["over_children"]
    left = loc["max_children"].astype("Float64") - loc["fixed_children"]
    loc["child_places_left"] = left.where(limited).astype("float64")


def class_table(hh: pd.DataFrame) -> pd.DataFrame:
    """Group decided households into classes of interchangeable ones.

    Households in a family group, or named in an override, are classes of
    their own: their location matters beyond their own terms.
    """
    decided = np.flatnonzero(hh["decided"].to_numpy())
    single = (hh["family_group"] != "").to_numpy() | hh["named"].to_numpy(dtype=bool)
    alone = np.where(single, np.arange(len(hh)), -1)
    codes = [pd.factorize(hh[c].to_numpy()[decided])[0] for c in [*CLASS_KEY, "unplaced_ok"]]
    rank, first = groups_in_order(*codes, alone[decided])
    klass = np.full(len(hh), -1, dtype=np.int64)
    klass[decided] = rank
    hh["klass"] = klass
    heads = decided[first]  # each class's first household
    columns = [*CLASS_KEY, "unplaced_ok", "pin", "housing_lat", "housing_lon"]
    classes = hh.iloc[heads][columns].reset_index(drop=True)
    classes.insert(0, "first", hh["household_id"].array.take(heads))
    classes.insert(0, "count", np.bincount(klass[decided], minlength=len(heads)))
    classes.index.name = "k"
    return classes


def pair_table(
    hh: pd.DataFrame,
    classes: pd.DataFrame,
    loc: pd.DataFrame,
    gemeenten: pd.DataFrame,
    landscape: Landscape,
) -> pd.DataFrame:
    """Every (class, location) the rules allow, before overrides.

    A class may go where it *fits* (open, type allowed for its track, care
    for a medical need, child-suitable for children) unless the location
    takes no arrivals under the over-limit rule; it may always stay at its
    open current location.
    """
    has_children = classes["children"].to_numpy() > 0
    medical = classes["medical"].to_numpy(dtype=bool)
    track_codes, tracks = pd.factorize(classes["track"], use_na_sentinel=False)
    which, first = groups_in_order(track_codes, medical, has_children)  # each class's profile
    profiles = pd.DataFrame(
        {
            "track": tracks[track_codes[first]],
            "medical": medical[first],
            "kids": has_children[first],
        }
    )
    fits = (
        loc["open"].to_numpy()[None, :]
        & type_allowed(
            landscape,
            np.repeat(profiles["track"].to_numpy(), len(loc)),
            np.tile(loc["type"].to_numpy(), len(profiles)),
        ).reshape(len(profiles), len(loc))
        & (loc["has_medical"].to_numpy()[None, :] | ~profiles["medical"].to_numpy()[:, None])
        & (loc["child_suitable"].to_numpy()[None, :] | ~profiles["kids"].to_numpy()[:, None])
    )
    takes = fits & ~loc["over_capacity"].to_numpy()[None, :]
    takes &= ~(loc["over_children"].to_numpy()[None, :] & profiles["kids"].to_numpy()[:, None])
    classes["fitting"] = fits[which].sum(axis=1)
    classes["taking"] = takes[which].sum(axis=1)
    k, l = np.nonzero(takes[which])
    current = classes["current"].to_numpy()
    arrive = current[k] != l
    stayers = np.nonzero((current >= 0) & loc["open"].to_numpy()[np.maximum(current, 0)])[0]
    k = np.concatenate([k[arrive], stayers])
    l = np.concatenate([l[arrive], current[stayers]])
    order = np.lexsort((l, k))
    pairs = pd.DataFrame({"k": k[order], "l": l[order]})
    pairs["stay"] = current[pairs["k"]] == pairs["l"].to_numpy()
    return pairs


def _apply_overrides(
    pairs: pd.DataFrame, hh: pd.DataFrame, overrides: pd.DataFrame, loc: pd.DataFrame
) -> pd.DataFrame:
    """Drop forbidden pairs, keep only the pinned one; report impossible pins."""
    if overrides.empty:
        return pairs
    klass = hh.set_index("household_id")["klass"]
    index = pd.Index(loc["location_id"])
    o = overrides.assign(
        k=klass.reindex(overrides["household_id"]).to_numpy(),
        l=index.get_indexer(overrides["location_id"]),
    )
    key = pairs["k"].to_numpy() * len(loc) + pairs["l"].to_numpy()
    forbid = o[o["action"] == "forbid"]
    pairs = pairs[~np.isin(key, forbid["k"] * len(loc) + forbid["l"])]
    pins = o[o["action"] == "pin"]
    if pins.empty:
        return pairs.reset_index(drop=True)
    key = pairs["k"].to_numpy() * len(loc) + pairs["l"].to_numpy()
    pin_keys = (pins["k"] * len(loc) + pins["l"]).to_numpy()
    problems = [
        _pin_problem(row, hh, loc, _("the rules do not allow it"))
        for row, ok in zip(pins.itertuples(), np.isin(pin_keys, key), strict=True)
        if not ok
    ]
    problems += _overfull_pins(pins, hh, loc)
    if problems:
        raise PlacementInputError(problems)
    pinned = np.isin(pairs["k"], pins["k"])
    keep = ~pinned | np.isin(key, pin_keys)
    return pairs[keep].reset_index(drop=True)


def _pin_problem(row: object, hh: pd.DataFrame, loc: pd.DataFrame, why: str) -> InputProblem:
    h = hh.loc[hh["klass"] == row.k].iloc[0]  # type: ignore[attr-defined]
    site = loc.iloc[row.l]  # type: ignore[attr-defined]
    reasons = _misfit_reasons(h, site)
    return InputProblem(
        "overrides.csv",
        int(row.line),  # type: ignore[attr-defined]
        "location_id",
        _(
            "cannot pin household {household} to {location}: {why}. Pin it to a location it "
            "fits, or remove the pin."
        ).format(
            household=h["household_id"],
            location=site["location_id"],
            why="; ".join(reasons) or why,
        ),  # fmt: skip
        Code.PIN_NOT_ALLOWED,
    )


def _misfit_reasons(h: pd.Series, site: pd.Series) -> list[str]:
    reasons = []
    if not site["open"]:
        reasons.append(_("the location is not open on the planning date"))
    if h["medical"] and not site["has_medical"]:
        reasons.append(_("the household has a medical need and the location has no medical care"))
    if h["children"] > 0 and not site["child_suitable"]:
        reasons.append(_("the household has children and the location is not child-suitable"))
    if not reasons and h["current"] != site.name:
        if site["over_capacity"] or (site["over_children"] and h["children"] > 0):
            reasons.append(_("the location is over its limits and takes no arrivals"))
        else:
            reasons.append(
                _("its type '{type}' is not allowed for track '{track}'").format(
                    type=site["type"], track=h["track"]
                )
            )
    return reasons


def _limit_words(column: str, limit: int) -> str:
    """A location's limit in words (``column``: the columns of locations.csv that set it)."""
    if column == "max_children":
        return tr_n("its {n} place for children", "its {n} places for children", limit)
    if column == "capacity":
        return tr_n("its {n} bed", "its {n} beds", limit)
    return tr_n(
        "its {n} bed, flexible beds included", "its {n} beds, flexible beds included", limit
    )


_PINS_NEED_BEDS = N_(
    "pins to {location} need {need} beds and {stay} residents stay there, more than "
    "{limit_words}; pin fewer households there or give it more beds in locations.csv"
)
_PINS_NEED_CHILDREN = N_(
    "pins to {location} need room for {need} children and {stay} children stay there, more "
    "than {limit_words}; pin fewer households there or raise max_children in locations.csv"
)


def _overfull_pins(pins: pd.DataFrame, hh: pd.DataFrame, loc: pd.DataFrame) -> list[InputProblem]:
    """Pins, with the residents who stay anyway, must fit a location's limits."""
    by_hh = hh.set_index("household_id")
    p = pins.assign(
        size=by_hh["size"].reindex(pins["household_id"]).to_numpy(),
        children=by_hh["children"].reindex(pins["household_id"]).to_numpy(),
    )
    problems = []
    for l, group in p.groupby("l", sort=True):
        site = loc.iloc[int(l)]
        beds = "capacity" if site["flex_capacity"] == 0 else "capacity + flex_capacity"
        checks = [(beds, "size", _PINS_NEED_BEDS, site["limit"], site["over_capacity"])]
        if pd.notna(site["max_children"]):
            limit = site["max_children"]
            checks.append(
                ("max_children", "children", _PINS_NEED_CHILDREN, limit, site["over_children"])
            )
        for column, what, noun, limit, over in checks:
            fixed = site["fixed_persons" if what == "size" else "fixed_children"]
            if over or group[what].sum() + fixed <= limit:
                continue
            problems.append(
                InputProblem(
                    "overrides.csv",
                    int(group["line"].iloc[-1]),
                    "location_id",
                    _(noun).format(
                        location=site["location_id"],
                        need=int(group[what].sum()),
                        stay=int(fixed),
                        limit_words=_limit_words(column, int(limit)),
                    ),  # fmt: skip
                    Code.PINS_OVERFILL,
                )
            )
    return problems


def destination_terms(
    units: pd.DataFrame,
    dest: npt.ArrayLike,
    loc: pd.DataFrame,
    settings: Settings,
    rows: npt.ArrayLike | None = None,
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, np.ndarray]:
    """Weighted household terms of ``units`` ending at ``dest`` (-1: unplaced).

    ``units`` are households or classes (``size``, ``children``,
    ``children_over_cap``, ``children_capped_if_moved``, ``current``,
    ``track``, ``housing_lat/lon``); ``rows``, when given, picks the unit of
    each destination (one class per pair, say) without copying the units.
    Returns the terms per destination, the km to the housing gemeente (NaN
    when unplaced or without one), whether the destination's type is
    allowed, and p, the chance of a forced move later (``moves_ahead``).
    """
    dest = np.asarray(dest)
    at = np.arange(len(units)) if rows is None else np.asarray(rows)
    placed = dest >= 0
    site = np.where(placed, dest, 0)

    def unit(column: str) -> np.ndarray:
        return units[column].to_numpy()[at]

    def place(column: str) -> np.ndarray:
        return loc[column].to_numpy()[site]

    km = haversine_km(unit("housing_lat"), unit("housing_lon"), place("lat"), place("lon"))
    km = np.where(placed, km, np.nan)
    track_codes, track_names = pd.factorize(units["track"].to_numpy(dtype=object))
    type_codes, type_names = pd.factorize(loc["type"].to_numpy(dtype=object))
    landscape = _landscape(settings)
    allowed = placed & _allowed_at(
        landscape, track_codes[at], track_names, type_codes[site], type_names
    )
    track_rows = pd.Index(landscape.tracks).get_indexer(track_names).astype(np.int64)
    table = loc[[ahead_column(t) for t in landscape.tracks]].to_numpy(dtype=float).T
    stays_wrong = placed & (dest == unit("current")) & ~allowed
    p = must_move(table, track_rows[track_codes[at]], dest, stays_wrong)
    q = household_quantities(
        size=unit("size"),
        children=unit("children"),
        children_over_cap=unit("children_over_cap"),
        current=unit("current"),
        dest=dest,
        type_allowed=allowed,
        cost_per_night=place("cost_per_night"),
        distance_km=km,
        closes_soon=place("closes_soon"),
        must_move_later=p,
        children_capped_if_moved=unit("children_capped_if_moved"),
        weights=settings.weights,
    )
    return weigh(q, settings.weights), km, allowed, p


def _price(pairs: pd.DataFrame, classes: pd.DataFrame, loc: pd.DataFrame, s: Settings) -> None:
    """Objective per household of each pair, and of leaving a class unplaced."""
    terms, km, *_rest = destination_terms(classes, pairs["l"], loc, s, rows=pairs["k"].to_numpy())
    pairs["distance_km"] = km
    pairs["cost"] = terms.sum(axis=1).to_numpy()
    pairs["moves_ahead"] = terms["moves_ahead"].to_numpy()  # its part, for the reasons
    terms, *_rest = destination_terms(classes, np.full(len(classes), -1), loc, s)
    classes["unplaced_cost"] = terms.sum(axis=1).to_numpy()


def family_tables(hh: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, float]:
    """Family groups of two or more households: decided classes and fixed locations.

    Returns the (group, k) table, the (group, l) table of locations its
    undecided households stay at, and the weighted split of groups with no
    decided household (a constant).
    """
    rows = np.flatnonzero((hh["family_group"] != "").to_numpy())
    group = pd.factorize(hh["family_group"].to_numpy()[rows])[0]
    two = np.bincount(group)[group] >= 2 if len(group) else np.zeros(0, dtype=bool)
    rows, group = rows[two], group[two]
    decided = hh["decided"].to_numpy(dtype=bool)[rows]
    families = hh.iloc[rows[decided]][["family_group", "klass"]]
    families = families.rename(columns={"family_group": "group", "klass": "k"})
    current = hh["current"].to_numpy()[rows]
    stays = np.flatnonzero(~decided)
    stays = stays[groups_in_order(group[stays], current[stays])[1]]  # each (group, location) once
    fixed = hh.iloc[rows[stays]][["family_group", "current"]]
    fixed = fixed.rename(columns={"family_group": "group", "current": "l"})
    only_fixed = ~np.isin(group[stays], group[decided])
    splits = np.clip(np.bincount(group[stays][only_fixed]) - 1, 0, None).sum()
    return families.reset_index(drop=True), fixed.reset_index(drop=True), float(splits)


def _fixed_flex(loc: pd.DataFrame, pairs: pd.DataFrame) -> float:
    """Flexible beds the stayers use where no decided household may go (a constant).

    Where some may go, the model's ``flex_used`` column counts them.
    """
    reachable = loc.index.isin(pairs["l"].unique())
    over = -loc["beds_left"].where(~reachable & loc["beds_left"].notna(), 0.0)
    return float(over.clip(lower=0).sum())


def _stayers_objective(hh: pd.DataFrame, loc: pd.DataFrame, s: Settings) -> float:
    """Objective of the undecided households, who stay where they are."""
    stay = np.flatnonzero(~hh["decided"].to_numpy(dtype=bool))
    terms, *_rest = destination_terms(hh, hh["current"].to_numpy()[stay], loc, s, rows=stay)
    return float(terms.sum().sum())
