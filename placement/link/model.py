r"""The link model: Pyomo for reading, the same model as arrays for HiGHS.

.. math::
    \min \; K + \sum_k b_k u_k + \sum_{(k,j)} c_{k,j} x_{k,j} + w_{split} \sum_g s_g

subject to

- ``linked_once``: :math:`\sum_j x_{k,j} + u_k = N_k` for every class k;
- ``gemeente_quota``: :math:`\sum_k n_k x_{k,j} \le Q_j` for every gemeente j;
- ``family_uses``: :math:`x_{k,j} \le y_{g,j}` for every member k of a decided group g;
- ``family_split``: :math:`\sum_j y_{g,j} + F_g - 1 \le s_g`, :math:`s_g \ge 0`,

with ``b_k = n_k (w_unlinked + w_waiting * weeks_k)`` (one household left
unlinked), ``c_{k,j} = w_distance * n_k * km_{k,j}`` (one household linked
to j), ``F_g`` the distinct gemeenten its other households already have
(their ``y`` is not a variable: the group uses them anyway) and ``K`` the
splits of the groups nothing can change. ``x`` and ``u`` are whole numbers,
``y`` binary; the notation is :mod:`placement.link.problem`'s.

:func:`build_link_matrix` gives the model as arrays for HiGHS; the same
model as Pyomo, readable like these lines, is
:func:`placement.link.pyomo_model.build_link_model` (imported only when
asked for, as Pyomo is slow to load). Both take the same pairs (all allowed
pairs by default, or a candidate set) and give the same model, column for
column and row for row (``tests/link/test_model.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from placement.link.problem import LinkProblem
from placement.model.matrix import ModelMatrix

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class FamilyArrays:
    """The decided family groups on a set of pairs.

    ``groups`` (sorted) with ``fixed`` (F_g) each; ``sites`` (g, j) a group
    may come to use (``site_group`` index into ``groups``, ``site_j``),
    sorted; one ``family_uses`` row per member pair there: ``member_pair``
    (row of the pairs frame) and ``member_site``.
    """

    groups: npt.NDArray[np.object_]
    fixed: FloatArray
    site_group: IntArray
    site_j: IntArray
    member_pair: IntArray
    member_site: IntArray


def family_arrays(problem: LinkProblem, pairs: pd.DataFrame) -> FamilyArrays:
    """The family groups, their sites and member rows on ``pairs``."""
    codes = problem.family_codes
    n_groups, n_gemeenten = len(codes.groups), len(problem.gemeenten)
    f = np.bincount(codes.fixed_g, minlength=n_groups).astype(float)
    group_of_k = np.full(len(problem.classes), -1, dtype=np.int64)
    group_of_k[codes.member_k] = codes.member_g  # a decided member is a class of its own
    pair_k, pair_j = pairs["k"].to_numpy(np.int64), pairs["j"].to_numpy(np.int64)
    pair = np.flatnonzero(group_of_k[pair_k] >= 0)
    key = group_of_k[pair_k[pair]] * n_gemeenten + pair_j[pair]
    held = codes.fixed_j >= 0
    reach = ~np.isin(key, codes.fixed_g[held] * n_gemeenten + codes.fixed_j[held])
    pair, key = pair[reach], key[reach]
    sites = np.unique(key)  # sorted by group, then gemeente
    member_site = np.searchsorted(sites, key)
    order = np.lexsort((pair, member_site))
    return FamilyArrays(
        groups=codes.groups,
        fixed=f,
        site_group=sites // n_gemeenten,
        site_j=sites % n_gemeenten,
        member_pair=pair[order],
        member_site=member_site[order],
    )


def build_link_matrix(problem: LinkProblem, pairs: pd.DataFrame | None = None) -> ModelMatrix:
    """The link model on ``pairs`` as arrays (the container of the placement model's arrays).

    Blocks by role, as the placement model's (:mod:`placement.model.matrix`).
    Columns: ``assign`` (one per pair), ``unassigned`` (one per class; the
    ``unplaceable`` field names the class of each), ``uses`` (family
    sites), ``split`` (groups). Rows: ``once`` (=; ``linked_once`` above),
    ``capacity`` (<=; ``gemeente_quota``, gemeenten a pair reaches,
    ascending), ``family_uses`` (x - y <= 0), ``family_split`` (sum y - s <=
    1 - F).
    """
    pairs = problem.pairs() if pairs is None else pairs
    family = family_arrays(problem, pairs)
    classes = problem.classes
    n_pairs, n_classes = len(pairs), len(classes)
    n_sites, n_groups = len(family.site_j), len(family.groups)
    k_of, j_of = pairs["k"].to_numpy(np.int64), pairs["j"].to_numpy(np.int64)
    count = classes["count"].to_numpy(float)
    size = classes["size"].to_numpy(float)

    x, u = 0, n_pairs
    y = u + n_classes
    s = y + n_sites
    limited = np.unique(j_of)
    quota_row = np.full(len(problem.gemeenten), -1)
    quota_row[limited] = np.arange(len(limited))
    once, quota = 0, n_classes
    uses = quota + len(limited)
    split = uses + len(family.member_pair)
    n_rows = split + n_groups

    n_members = len(family.member_pair)
    entries = [
        # linked_once: sum_j x[k,j] + u[k] == N_k
        (once + k_of, x + np.arange(n_pairs), np.ones(n_pairs)),
        (once + np.arange(n_classes), u + np.arange(n_classes), np.ones(n_classes)),
        # gemeente_quota: sum_k n_k x[k,j] <= Q_j
        (quota + quota_row[j_of], x + np.arange(n_pairs), size[k_of]),
        # family_uses: x[k,j] - y[g,j] <= 0
        (uses + np.arange(n_members), x + family.member_pair, np.ones(n_members)),
        (uses + np.arange(n_members), y + family.member_site, -np.ones(n_members)),
        # family_split: sum_j y[g,j] - s[g] <= 1 - F_g
        (split + family.site_group, y + np.arange(n_sites), np.ones(n_sites)),
        (split + np.arange(n_groups), s + np.arange(n_groups), -np.ones(n_groups)),
    ]
    row_lower = np.concatenate([count, np.full(len(limited) + n_members + n_groups, -np.inf)])
    row_upper = np.concatenate(
        [
            count,
            problem.gemeenten["quota"].to_numpy(float)[limited],
            np.zeros(n_members),
            1.0 - family.fixed,
        ]
    )
    cost = np.concatenate(
        [
            pairs["cost"].to_numpy(float),
            classes["unlinked_cost"].to_numpy(float),
            np.zeros(n_sites),
            np.full(n_groups, float(problem.weights.family_split)),
        ]
    )
    col_upper = np.concatenate([count[k_of], count, np.ones(n_sites), np.full(n_groups, np.inf)])
    integer = np.concatenate(
        [np.ones(n_pairs + n_classes + n_sites, bool), np.zeros(n_groups, bool)]
    )
    return ModelMatrix(
        cost=cost,
        offset=float(problem.constant),
        col_lower=np.zeros(len(cost)),
        col_upper=col_upper,
        integer=integer,
        row_lower=row_lower,
        row_upper=row_upper,
        rows=np.concatenate([e[0] for e in entries]).astype(np.int64),
        cols=np.concatenate([e[1] for e in entries]).astype(np.int64),
        values=np.concatenate([e[2] for e in entries]).astype(float),
        blocks={
            "assign": slice(x, u),
            "unassigned": slice(u, y),
            "uses": slice(y, s),
            "split": slice(s, s + n_groups),
            "once": slice(once, quota),
            "capacity": slice(quota, uses),
            "family_uses": slice(uses, split),
            "family_split": slice(split, n_rows),
        },
        unplaceable=np.arange(n_classes, dtype=np.int64),
    )


def quota_gemeenten(pairs: pd.DataFrame) -> IntArray:
    """The gemeente of each ``gemeente_quota`` row of the model built on ``pairs``."""
    return np.unique(pairs["j"].to_numpy(np.int64))
