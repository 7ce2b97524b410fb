"""Synthetic locations: types, seeds among the real COA locations, points, flags and beds."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import shapely

from placement.synth.draw import apportion, choose_by_weight
from placement.synth.profiles import (
    MAX_CAPACITY,
    MAX_OTHER_CAPACITY,
    MEDICAL_LOCATION_SHARE,
    MIN_CAPACITY,
    NO_POINT_SHARE,
    NOODOPVANG_KINDS,
    NOT_CHILD_SUITABLE_SHARE,
    Profile,
    gemeente_boundaries,
    gemeente_table,
    seed_locations,
)


def _max_capacity(profile: Profile, type_: str) -> int:
    return MAX_CAPACITY if type_ == profile.intake_type else MAX_OTHER_CAPACITY


def _type_counts(n_locations: int, profile: Profile, need: dict[str, float]) -> dict[str, int]:
    """Locations per type: the profile's shares, but enough to hold each type's need."""
    counts = apportion(n_locations, np.array([profile.type_share[t] for t in profile.types]))
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


def _pick_seeds(profile: Profile, counts: dict[str, int], n_locations: int) -> pd.DataFrame:
    """Real seed locations that fit the type counts: registration centres first."""
    seeds = seed_locations().copy()
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
    gem = gemeente_table()
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
    quota = apportion(n, desired)
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
    gem = gemeente_table().set_index("gemeente_code")
    lat0 = gem.loc[codes, "lat"].to_numpy(dtype=float)
    lon0 = gem.loc[codes, "lon"].to_numpy(dtype=float)
    bounds = gemeente_boundaries()
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


def build_locations(
    rng: np.random.Generator,
    profile: Profile,
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
    gem = gemeente_table().set_index("gemeente_code")

    # noodopvang sub-kinds decide name, cost and child suitability
    kinds = np.array([k[0] for k in NOODOPVANG_KINDS], dtype=object)
    kind_p = np.array([k[1] for k in NOODOPVANG_KINDS])
    sub = np.where(
        synth_types == "noodopvang", kinds[choose_by_weight(rng, kind_p, n_synth)], ""
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
    sub_child = dict((k[0], k[2]) for k in NOODOPVANG_KINDS)
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
    sub_cost = dict((k[0], k[3]) for k in NOODOPVANG_KINDS)
    for s, (lo, hi) in sub_cost.items():
        m = sub_arr == s
        low[m], high[m] = lo, hi
    frame["cost_per_night"] = np.round(rng.uniform(low, high), 2)
    return frame.drop(columns=["sub"])


def set_capacities(
    frame: pd.DataFrame,
    need_after: dict[str, float],
    need_before: dict[str, float],
    slack: dict[str, float],
    occupancy: float,
    profile: Profile,
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


def spread_beds(
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
