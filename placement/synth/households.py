"""Synthetic households: sizes, tracks, ages, medical needs and family groups."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from placement.synth.draw import choose_by_weight, take_persons
from placement.synth.profiles import (
    ADULT_BAND_WEIGHTS,
    ADULT_BANDS,
    ADULTS,
    AMV,
    AMV_AGE_WEIGHTS,
    AMV_AGES,
    CHILD_AGE_WEIGHTS,
    EXTRA_CHILDREN,
    FAMILY,
    FAMILY_GROUP_SHARE,
    SINGLE,
    SINGLE_PARENT,
    Profile,
)


@dataclass
class Households:
    """Drawn households, one entry each: kind, adults, children, new arrival or not."""

    kind: np.ndarray
    adults: np.ndarray
    kids: np.ndarray
    arrival: np.ndarray

    @property
    def size(self) -> np.ndarray:
        """Persons per household."""
        return self.adults + self.kids


def draw_households(rng: np.random.Generator, n_persons: int, mix: np.ndarray) -> Households:
    """Whole households until ``n_persons`` is reached (the last one may overshoot)."""
    if n_persons <= 0:
        empty = np.zeros(0, dtype=np.int64)
        return Households(empty, empty, empty, np.zeros(0, dtype=bool))
    mean = float(mix @ np.array([1, 2, 2 + EXTRA_CHILDREN, 3 + EXTRA_CHILDREN, 1]))
    n = int(n_persons / mean * 1.15) + 20
    while True:
        kind = choose_by_weight(rng, mix, n)
        kids = np.where(
            (kind == SINGLE_PARENT) | (kind == FAMILY),
            1 + np.minimum(rng.poisson(EXTRA_CHILDREN, n), 7),
            (kind == AMV).astype(np.int64),
        )
        adults = ADULTS[kind]
        if (adults + kids).sum() >= n_persons:
            break
        n *= 2
    keep = take_persons(adults + kids, n_persons)
    return Households(kind[:keep], adults[:keep], kids[:keep], np.zeros(keep, dtype=bool))


def draw_tracks(
    rng: np.random.Generator, hh: Households, profile: Profile, status_share: float
) -> np.ndarray:
    """Track per household: residents by the profile's person shares, arrivals by theirs."""
    shares = dict(profile.resident_tracks)
    shares[profile.status_track] = status_share
    rest = [t for t, s in shares.items() if s is None]
    fixed = sum(s for s in shares.values() if s is not None)
    for t in rest:
        shares[t] = (1 - fixed) / len(rest)
    names = np.array(list(shares), dtype=object)
    share = np.array([shares[t] for t in names], dtype=float)
    special = np.isin(names, profile.single_adult_tracks)
    n = len(hh.kind)
    track = np.empty(n, dtype=object)
    res = ~hh.arrival
    # ordinary tracks for everybody first
    ordinary = np.where(special, 0.0, share)
    track[res] = names[choose_by_weight(rng, ordinary, int(res.sum()))]
    # special tracks (htl, ibo) only for single adults, so their person share matches
    single = res & (hh.kind == SINGLE)
    size = hh.size
    single_persons = size[single].sum() / max(size[res].sum(), 1)
    if single_persons > 0 and special.any():
        p_special = share[special] / single_persons
        u = rng.random(n)
        cdf = np.cumsum(p_special)
        which = np.searchsorted(cdf, u, side="right")
        hit = single & (which < special.sum())
        track[hit] = names[special][which[hit]]
    arr = hh.arrival
    arrival_names = np.array(list(profile.arrival_tracks), dtype=object)
    arrival_p = np.array(list(profile.arrival_tracks.values()), dtype=float)
    track[arr] = arrival_names[choose_by_weight(rng, arrival_p, int(arr.sum()))]
    return track


def draw_ages(rng: np.random.Generator, hh: Households) -> tuple[np.ndarray, np.ndarray]:
    """Ages per person and each person's household index; adults first, then children."""
    size = hh.size
    owner = np.repeat(np.arange(len(size)), size)
    start = np.cumsum(size) - size
    rank = np.arange(len(owner)) - start[owner]
    adult = rank < hh.adults[owner]
    n = len(owner)
    age = np.zeros(n, dtype=np.int64)
    kid_age = choose_by_weight(rng, CHILD_AGE_WEIGHTS, n)
    amv_age = AMV_AGES[choose_by_weight(rng, AMV_AGE_WEIGHTS, n)]
    is_amv = hh.kind[owner] == AMV
    age[~adult] = np.where(is_amv, amv_age, kid_age)[~adult]
    # children of a household from old to young
    order = np.lexsort((-age, ~adult, owner))
    age = age[order]
    eldest = np.zeros(len(size), dtype=np.int64)
    np.maximum.at(eldest, owner[~adult], age[~adult])
    band = ADULT_BANDS[choose_by_weight(rng, ADULT_BAND_WEIGHTS, n)]
    adult_age = rng.integers(band[:, 0], band[:, 1])
    has_kids = hh.kids[owner] > 0
    parent_min = eldest[owner] + 18 + rng.integers(0, 15, n)
    adult_age = np.where(has_kids, np.maximum(adult_age, parent_min), adult_age)
    # a partner is within a few years of the first adult
    first = start[owner]
    partner = np.clip(adult_age[first] + rng.integers(-5, 6, n), 18, 90)
    partner = np.where(has_kids, np.maximum(partner, parent_min), partner)
    adult_age = np.where(rank == 1, partner, adult_age)
    age[adult] = adult_age[adult]
    return np.minimum(age, 100), owner


def draw_family_groups(
    rng: np.random.Generator, current: np.ndarray, resident: np.ndarray
) -> np.ndarray:
    """Group number per household (-1: none); about 5 % of households, 2-3 per group.

    Half of the grouped households live together (consecutive households of one
    location); the others are drawn anywhere, new arrivals included.
    """
    n = len(current)
    group = np.full(n, -1, dtype=np.int64)
    target = round(FAMILY_GROUP_SHARE * n)
    if target < 2:
        return group
    # together: blocks of three consecutive residents of the same location
    res = np.flatnonzero(resident)
    order = res[np.lexsort((rng.random(len(res)), current[res]))]
    n_blocks = len(order) // 3
    n_together = min(target // 2 // 2, n_blocks)
    next_id = 0
    if n_together:
        blocks = rng.choice(n_blocks, n_together, replace=False)
        members = order[blocks[:, None] * 3 + np.arange(3)]  # shape (k, 3)
        sizes = np.where(rng.random(n_together) < 0.3, 3, 2)
        same = current[members] == current[members[:, :1]]
        keep = same & (np.arange(3) < sizes[:, None])
        valid = keep.sum(axis=1) >= 2
        ids = np.cumsum(valid) - 1
        rows, cols = np.nonzero(keep & valid[:, None])
        group[members[rows, cols]] = ids[rows]
        next_id = int(valid.sum())
    # apart: any households not yet grouped
    rest = np.flatnonzero(group < 0)
    remaining = target - int((group >= 0).sum())
    if remaining >= 2:
        pick = rng.choice(rest, min(remaining, len(rest)), replace=False)
        sizes = np.where(rng.random(len(pick)) < 0.3, 3, 2)
        ends = np.cumsum(sizes)
        label = np.searchsorted(ends, np.arange(len(pick)), side="right")
        alone = np.bincount(label)[label] == 1  # a last group of one is no group
        group[pick[~alone]] = next_id + label[~alone]
    return group
