"""The same model as :func:`placement.model.build_model`, as arrays for HiGHS.

Pyomo is the model people read; this is the one the solver gets by default.
Building a Pyomo model costs about 30 µs per variable before HiGHS holds it;
these numpy arrays cost well under 1 µs. Column for column and row for row
it is the Pyomo model (``tests/model/test_matrix.py`` proves it on random
scenarios):

- columns: ``assign`` (one per pair), ``unassigned`` (classes that may lose
  a bed), ``uses`` (family sites), ``split`` (families), ``flex_used``
  (capacity-limited locations with flexible beds);
- rows: ``once`` (=; the Pyomo model's ``placed_once``), ``capacity`` (<=;
  ``location_capacity``), ``children`` (<=; ``location_children``),
  ``family_uses`` (x - y <= 0), ``family_split`` (sum y - s <= 1 - F).

The blocks are named by their role, as the link model's are
(:func:`placement.link.model.build_link_matrix`): the engine
(:mod:`placement.solve.engine`) and whoever reads a solution speak of a
class ``assign``-ed to a site or left ``unassigned``, placed ``once``, within
a site's ``capacity``, whatever the problem.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from placement.model.problem import ProblemData

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class ModelMatrix:
    """``min c x + offset  s.t.  row_lower <= A x <= row_upper, col bounds, integrality``.

    ``A`` is given by coordinates (``rows``, ``cols``, ``values``).
    ``blocks`` maps each variable and constraint family to its slice;
    ``unplaceable`` holds the class of each ``unassigned`` column; ``family``
    the family groups, sites and member rows of the ``uses`` and ``split``
    columns (built once, used again by the start heuristics).
    """

    cost: FloatArray
    offset: float
    col_lower: FloatArray
    col_upper: FloatArray
    integer: npt.NDArray[np.bool_]
    row_lower: FloatArray
    row_upper: FloatArray
    rows: IntArray
    cols: IntArray
    values: FloatArray
    blocks: dict[str, slice]
    unplaceable: IntArray
    family: FamilyArrays | None = None  # the family groups behind uses/split, when any

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns)."""
        return len(self.row_lower), len(self.cost)

    def per_class_unplaced(self, values: npt.ArrayLike, n_classes: int) -> FloatArray:
        """Scatter the ``unassigned`` columns of a solution onto all classes."""
        out = np.zeros(n_classes)
        out[self.unplaceable] = np.asarray(values, dtype=float)[self.blocks["unassigned"]]
        return out

    def csc(self) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], FloatArray]:
        """Column-wise (start, index, value) arrays, as HiGHS takes them."""
        order = np.lexsort((self.rows, self.cols))
        counts = np.bincount(self.cols, minlength=len(self.cost))
        start = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
        return start, self.rows[order].astype(np.int32), self.values[order]


def build_matrix(data: ProblemData) -> ModelMatrix:
    """Arrays of the placement model for ``data``."""
    classes, pairs, loc = data.classes, data.pairs, data.locations
    k_of_pair = pairs["k"].to_numpy()
    l_of_pair = pairs["l"].to_numpy()
    count = classes["count"].to_numpy().astype(float)
    unplaceable = np.flatnonzero(classes["unplaced_ok"].to_numpy())
    family = family_arrays(data)

    cols = _Blocks()
    x = cols.add("assign", len(pairs))
    u = cols.add("unassigned", len(unplaceable))
    y = cols.add("uses", len(family.sites))
    s = cols.add("split", len(family.groups))
    used = np.isin(loc.index, np.unique(l_of_pair))
    capacity_limited = np.flatnonzero(used & loc["beds_left"].notna().to_numpy())
    flex_sites = capacity_limited[loc["flex_capacity"].to_numpy()[capacity_limited] > 0]
    f = cols.add("flex_used", len(flex_sites))

    rows = _Blocks()
    entries: list[tuple[IntArray, IntArray, FloatArray]] = []
    lower: list[FloatArray] = []
    upper: list[FloatArray] = []

    # placed_once: sum_l x[k,l] + u[k] == N_k
    r = rows.add("once", len(classes))
    entries.append((r.start + k_of_pair, x.start + np.arange(len(pairs)), np.ones(len(pairs))))
    entries.append(
        (r.start + unplaceable, u.start + np.arange(len(unplaceable)), np.ones(len(unplaceable)))
    )
    lower.append(count)
    upper.append(count)

    # location_capacity: sum_k n_k x[k,l] - f[l] <= C_l
    r = _limit_rows(rows, "capacity", capacity_limited, loc["beds_left"].to_numpy(),
                    pairs, classes["size"].to_numpy(), x.start, entries, lower, upper)  # fmt: skip
    row_of = np.searchsorted(capacity_limited, flex_sites)
    entries.append(
        (r.start + row_of, f.start + np.arange(len(flex_sites)), -np.ones(len(flex_sites)))
    )

    # location_children: sum_k c_k x[k,l] <= M_l, over pairs of classes with children
    kids = classes["children"].to_numpy()
    with_kids = kids[k_of_pair] > 0
    child_used = np.isin(loc.index, np.unique(l_of_pair[with_kids]))
    limited = np.flatnonzero(child_used & loc["child_places_left"].notna().to_numpy())
    _limit_rows(rows, "children", limited, loc["child_places_left"].to_numpy(),
                pairs[with_kids], kids, x.start, entries, lower, upper)  # fmt: skip

    # family_uses: x[k,l] - y[g,l] <= 0
    n = len(family.member_pair)
    r = rows.add("family_uses", n)
    entries.append((r.start + np.arange(n), x.start + family.member_pair, np.ones(n)))
    entries.append((r.start + np.arange(n), y.start + family.member_site, -np.ones(n)))
    lower.append(np.full(n, -np.inf))
    upper.append(np.zeros(n))

    # family_split: sum_l y[g,l] - s[g] <= 1 - F_g
    n = len(family.groups)
    r = rows.add("family_split", n)
    entries.append(
        (
            r.start + family.site_group,
            y.start + np.arange(len(family.sites)),
            np.ones(len(family.sites)),
        )
    )
    entries.append((r.start + np.arange(n), s.start + np.arange(n), -np.ones(n)))
    lower.append(np.full(n, -np.inf))
    upper.append(1.0 - family.fixed_sites)

    cost = np.concatenate(
        [
            pairs["cost"].to_numpy(float),
            classes["unplaced_cost"].to_numpy(float)[unplaceable],
            np.zeros(len(family.sites)),
            np.full(len(family.groups), float(data.settings.weights.family_split)),
            np.full(len(flex_sites), float(data.settings.weights.flex_bed)),
        ]
    )
    col_upper = np.concatenate(
        [
            count[k_of_pair],
            count[unplaceable],
            np.ones(len(family.sites)),
            np.full(len(family.groups), np.inf),
            loc["flex_capacity"].to_numpy(float)[flex_sites],
        ]
    )
    integer = np.concatenate(
        [
            np.ones(len(pairs) + len(unplaceable) + len(family.sites), bool),
            np.zeros(len(family.groups) + len(flex_sites), bool),
        ]
    )
    return ModelMatrix(
        cost=cost,
        offset=float(data.constant),
        col_lower=np.zeros(len(cost)),
        col_upper=col_upper,
        integer=integer,
        row_lower=np.concatenate(lower),
        row_upper=np.concatenate(upper),
        rows=np.concatenate([e[0] for e in entries]).astype(np.int64),
        cols=np.concatenate([e[1] for e in entries]).astype(np.int64),
        values=np.concatenate([e[2] for e in entries]).astype(float),
        blocks={**cols.slices, **rows.slices},
        unplaceable=unplaceable.astype(np.int64),
        family=family,
    )


class _Blocks:
    """Hands out consecutive index ranges, one per named family."""

    def __init__(self) -> None:
        self.size = 0
        self.slices: dict[str, slice] = {}

    def add(self, name: str, n: int) -> range:
        block = range(self.size, self.size + n)
        self.slices[name] = slice(block.start, block.stop)
        self.size += n
        return block


def _limit_rows(
    rows: _Blocks,
    name: str,
    limited: IntArray,
    limit: FloatArray,
    pairs: pd.DataFrame,
    weight: FloatArray,
    x_start: int,
    entries: list[tuple[IntArray, IntArray, FloatArray]],
    lower: list[FloatArray],
    upper: list[FloatArray],
) -> range:
    """Rows ``sum_k weight_k x[k,l] <= limit_l`` for the locations in ``limited``."""
    r = rows.add(name, len(limited))
    row_of_site = np.full(len(limit), -1)
    row_of_site[limited] = np.arange(len(limited))
    index = pairs.index.to_numpy()
    site_row = row_of_site[pairs["l"].to_numpy()] if len(pairs) else np.zeros(0, dtype=np.int64)
    keep = site_row >= 0
    entries.append(
        (
            r.start + site_row[keep],
            x_start + index[keep],
            weight[pairs["k"].to_numpy()[keep]].astype(float),
        )
    )
    lower.append(np.full(len(limited), -np.inf))
    upper.append(limit[limited].astype(float))
    return r


@dataclass(frozen=True)
class FamilyArrays:
    """Family groups with a decided member, their sites, and the member rows.

    ``sites`` are the (group, location) a group may use beyond those its
    undecided members hold (group of each in ``site_group``); ``member_pair``
    and ``member_site`` give one ``family_uses`` row per (member pair, site).
    """

    groups: npt.NDArray[np.object_]
    fixed_sites: FloatArray
    sites: pd.DataFrame
    site_group: IntArray
    member_pair: IntArray
    member_site: IntArray


def family_arrays(data: ProblemData) -> FamilyArrays:
    """Family groups with a decided member, their candidate sites, and member rows.

    Same sets as :func:`placement.model.sets._add_family_sets`, in the same order.
    """
    families, pairs = data.families, data.pairs
    n_sites = len(data.locations)
    groups, member_g = np.unique(families["group"].to_numpy(dtype=object), return_inverse=True)
    member_g = member_g.reshape(-1).astype(np.int64)
    held = data.family_fixed
    held_g = pd.Index(groups).get_indexer(held["group"].to_numpy(dtype=object))
    ours = held_g >= 0  # sites held by the undecided households of these groups
    fixed = np.bincount(held_g[ours], minlength=len(groups)).astype(float)
    held_key = held_g[ours] * n_sites + held["l"].to_numpy(np.int64)[ours]
    # each member's pairs, members in order and each one's pairs in order
    member_of_k = np.full(len(data.classes), -1, dtype=np.int64)
    member_of_k[families["k"].to_numpy(np.int64)] = np.arange(len(families))
    pair_k, pair_l = pairs["k"].to_numpy(np.int64), pairs["l"].to_numpy(np.int64)
    pair = np.flatnonzero(member_of_k[pair_k] >= 0)
    member = member_of_k[pair_k[pair]]
    order = np.lexsort((pair, member))
    pair, member = pair[order], member[order]
    key = member_g[member] * n_sites + pair_l[pair]
    new = ~np.isin(key, held_key)
    pair, key = pair[new], key[new]
    site_key = np.unique(key)  # by group, then location
    sites = pd.DataFrame({"group": groups[site_key // n_sites], "l": site_key % n_sites})
    return FamilyArrays(
        groups=groups,
        fixed_sites=fixed,
        sites=sites,
        site_group=(site_key // n_sites).astype(np.int64),
        member_pair=pair.astype(np.int64),
        member_site=np.searchsorted(site_key, key).astype(np.int64),
    )
