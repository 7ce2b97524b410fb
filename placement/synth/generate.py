"""One synthetic scenario: locations, persons and settings, from a seed."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import Any

import numpy as np
import pandas as pd

from placement.i18n import _
from placement.input.settings import LinkWeights, SolverSettings, Weights
from placement.synth.draw import choose_by_weight, make_ids, take_persons
from placement.synth.households import (
    Households,
    draw_ages,
    draw_family_groups,
    draw_households,
    draw_tracks,
)
from placement.synth.locations import build_locations, set_capacities, spread_beds
from placement.synth.policy import add_policy_inputs
from placement.synth.profiles import (
    MAX_CHILDREN_SHARE,
    MEDICAL_SHARE,
    MOVE_WEIGHTS,
    PROFILES,
    SLACK,
    gemeente_table,
    household_mix,
    published_marginals,
)


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
    if landscape not in PROFILES:
        raise ValueError(
            _("landscape must be one of {known}, got {value}").format(
                known=list(PROFILES), value=repr(landscape)
            )
        )
    profile = PROFILES[landscape]
    if persons < 1 or not 0 <= arrivals <= persons:
        raise ValueError(
            _("need persons >= 1 and 0 <= arrivals <= persons, got {persons}, {arrivals}").format(
                persons=persons, arrivals=arrivals
            )
        )
    if locations < len(profile.types):
        raise ValueError(
            _(
                "landscape {landscape} has {types} location types: need at least that many "
                "locations, got {locations}"
            ).format(landscape=landscape, types=len(profile.types), locations=locations)
        )
    rng = np.random.default_rng(seed)
    marg = published_marginals()
    mix = household_mix(marg["children_share"], marg["amv_share"])

    # households: residents, then new arrivals
    res = draw_households(rng, persons - arrivals, mix)
    arr = draw_households(rng, arrivals, mix)
    hh = Households(
        kind=np.r_[res.kind, arr.kind],
        adults=np.r_[res.adults, arr.adults],
        kids=np.r_[res.kids, arr.kids],
        arrival=np.r_[np.zeros(len(res.kind), bool), np.ones(len(arr.kind), bool)],
    )
    n_hh = len(hh.kind)
    size = hh.size
    track = draw_tracks(rng, hh, profile, marg["status_holder_share"])
    age, owner = draw_ages(rng, hh)
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
    take = min(take_persons(size[candidates], 0.5 * n_intake_arrivals), len(candidates))
    home[candidates[:take]] = type_ix[profile.intake_type]
    used = np.zeros(n_hh, dtype=bool)
    used[candidates[:take]] = True
    for ty, from_tracks, share in profile.misfits:
        cand = np.flatnonzero(resident & ~used & np.isin(track, from_tracks))
        cand = cand[rng.permutation(len(cand))]
        k = min(take_persons(size[cand], share * size[resident].sum()), len(cand))
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
    loc = build_locations(
        rng, profile, locations, planning_date, {t: v * slack[t] for t, v in need_after.items()}
    )
    loc["capacity"] = set_capacities(
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
        current[who] = where[
            spread_beds(rng, hh_tier[who], size[who], loc_tier[where], weight[where])
        ]
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
    loc["location_id"] = make_ids("L", len(loc), 3)
    current = np.where(current >= 0, new_index[np.maximum(current, 0)], -1)

    # household-level columns
    gem = gemeente_table()
    status_hh = track == profile.status_track
    pop = gem["population"].to_numpy(dtype=float)
    housing = np.full(n_hh, "", dtype=object)
    housing[status_hh] = gem["gemeente_code"].to_numpy(dtype=object)[
        choose_by_weight(rng, pop, int(status_hh.sum()))
    ]
    move_kind = np.array([profile.moves[t] for t in track], dtype=object)
    moves = np.zeros(n_hh, dtype=np.int64)
    for kind, move_p in MOVE_WEIGHTS.items():
        m = resident & (move_kind == kind)
        moves[m] = choose_by_weight(rng, move_p, int(m.sum()))
    group = draw_family_groups(rng, current, resident)

    # households ordered: residents by location, then new arrivals
    hh_order = np.lexsort((rng.random(n_hh), np.where(current >= 0, current, len(loc))))
    hh_rank = np.empty(n_hh, dtype=np.int64)
    hh_rank[hh_order] = np.arange(n_hh)
    hh_ids = make_ids("H", n_hh, 6)[hh_rank]
    family = np.full(n_hh, "", dtype=object)
    grouped = group >= 0
    if grouped.any():  # family-group ids in the order of their first household
        n_groups = int(group.max()) + 1
        first = np.full(n_groups, n_hh, dtype=np.int64)
        np.minimum.at(first, group[grouped], hh_rank[grouped])
        g_rank = np.empty(n_groups, dtype=np.int64)
        g_rank[np.argsort(first, kind="stable")] = np.arange(n_groups)
        family[grouped] = make_ids("F", n_groups, 4)[g_rank[group[grouped]]]

    loc_ids = loc["location_id"].to_numpy(dtype=object)
    current_id = np.where(current >= 0, loc_ids[np.maximum(current, 0)], "")

    person_order = np.lexsort((np.arange(len(owner)), hh_rank[owner]))
    o = owner[person_order]
    people = pd.DataFrame(
        {
            "person_id": make_ids("P", len(o), 6),
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
    add_policy_inputs(out, people, planning_date, profile.status_track, seed)
    settings: dict[str, Any] = {
        "planning_date": planning_date,
        "landscape": landscape,
        "mode": "weekly",
        "weights": {f.name: getattr(Weights(), f.name) for f in fields(Weights)},
        "link": {f.name: getattr(LinkWeights(), f.name) for f in fields(LinkWeights)},
        "solver": {f.name: getattr(SolverSettings(), f.name) for f in fields(SolverSettings)},
    }
    return out, people, settings
