"""Each household's one alternative: its next-best location, room there, and term deltas.

- ``next_best_location_id``: the cheapest *other* allowed location of its
  class by the per-household objective of :attr:`ProblemData.pairs` (ties
  by location order);
- ``delta_<term>``: how much each of the household's weighted terms would
  change there (``family_split`` counts the extra locations its family
  group would use, ``flex_bed`` the flexible beds it would fill), and
  ``delta_total`` their sum;
- whether that location had room left after the placement, and its free beds.

Also the location a term (``closing_soon``, ``moves_ahead``) kept a
household out of, which its reason names when it is this alternative.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from placement.model.prepare import destination_terms
from placement.model.problem import ProblemData
from placement.model.terms import HOUSEHOLD_TERMS, TERMS
from placement.results.wording import pick


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
    second = pick(rest, cheapest(k[rest], cost[rest], l[rest], classes), gap=-1)
    klass = hh["klass"].to_numpy()
    first_l = pick(pick(l, first, gap=-1), klass, gap=-1)
    second_l = pick(pick(l, second, gap=-1), klass, gap=-1)
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


def kept_out_of_closing(data: ProblemData, hh: pd.DataFrame) -> np.ndarray:
    """Per household, a closing-soon location it would have taken but for ``closing_soon``; -1."""
    w = data.settings.weights.closing_soon
    pairs = data.pairs
    closing = data.locations["closes_soon"].to_numpy()[pairs["l"].to_numpy()] & ~pairs["stay"]
    size = data.classes["size"].to_numpy()[pairs["k"].to_numpy()]
    return _kept_out(data, hh, w * size, closing.to_numpy() & (w > 0))


def kept_out_by_moves_ahead(data: ProblemData, hh: pd.DataFrame) -> np.ndarray:
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
    at = pick(best, k, gap=-1)
    own = hh[[f"term_{t}" for t in HOUSEHOLD_TERMS]].sum(axis=1).to_numpy()
    cheaper = (at >= 0) & (pick(pair_cost, at, gap=np.nan) < own - 1e-9)
    cheaper &= pick(full, at, gap=np.nan) >= own - 1e-9
    elsewhere = pick(pair_l, at, gap=-1) != hh["dest"].to_numpy()
    keep = (k >= 0) & cheaper & elsewhere & (hh["pin"].to_numpy() < 0)
    out[keep] = pair_l[at[keep]].astype(np.int64)
    return out
