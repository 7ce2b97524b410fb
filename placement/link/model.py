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

:func:`build_link_model` and :func:`build_link_matrix` take the same pairs
(all allowed pairs by default, or a candidate set) and give the same model,
column for column and row for row (``tests/link/test_model.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyomo.environ as pyo

from placement.link.problem import LinkProblem
from placement.model.matrix import ModelMatrix

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


# --------------------------------------------------------------------------- Pyomo


def build_link_model(problem: LinkProblem, pairs: pd.DataFrame | None = None) -> pyo.ConcreteModel:
    """The link model on ``pairs`` (default: every allowed pair); no solver, no I/O."""
    pairs = problem.pairs() if pairs is None else pairs
    family = family_arrays(problem, pairs)
    m = pyo.ConcreteModel(name="link")
    add_link_sets(m, problem, pairs, family)
    add_link_variables(m)
    add_linked_once_constraints(m)
    add_quota_constraints(m)
    add_family_constraints(m)
    add_link_objective(m, problem)
    return m


def add_link_sets(
    m: pyo.ConcreteModel, problem: LinkProblem, pairs: pd.DataFrame, family: FamilyArrays
) -> None:
    """Sets and parameters.

    - ``CLASSES`` k, ``PAIRS`` (k, j) the model may use;
    - ``QUOTA_LIMITED``: gemeenten some pair reaches (the others need no row);
    - ``FAMILIES`` g, ``FAMILY_SITES`` (g, j) gemeenten a group may come to
      use, ``MEMBER_SITES`` (g, k, j) the member pairs there.
    """
    classes, gemeenten = problem.classes, problem.gemeenten
    k_of, j_of = pairs["k"].tolist(), pairs["j"].tolist()
    m.CLASSES = pyo.Set(initialize=classes.index.tolist(), ordered=True)
    m.PAIRS = pyo.Set(initialize=list(zip(k_of, j_of, strict=True)), dimen=2, ordered=True)
    m.QUOTA_LIMITED = pyo.Set(initialize=sorted(set(j_of)), ordered=True)
    m.count = pyo.Param(m.CLASSES, initialize=classes["count"].to_dict())
    m.persons = pyo.Param(m.CLASSES, initialize=classes["size"].to_dict())
    m.unlinked_cost = pyo.Param(m.CLASSES, initialize=classes["unlinked_cost"].to_dict())
    m.quota = pyo.Param(
        m.QUOTA_LIMITED, initialize={j: int(gemeenten["quota"].iat[j]) for j in m.QUOTA_LIMITED}
    )
    m.cost = pyo.Param(
        m.PAIRS, initialize=dict(zip(m.PAIRS.ordered_data(), pairs["cost"], strict=True))
    )
    m.gemeenten_of = pairs.groupby("k")["j"].agg(list).to_dict()
    m.classes_at = pairs.groupby("j")["k"].agg(list).to_dict()

    groups = family.groups.tolist()
    m.FAMILIES = pyo.Set(initialize=groups, ordered=True)
    site_group = family.groups[family.site_group]
    sites = list(zip(site_group.tolist(), family.site_j.tolist(), strict=True))
    m.FAMILY_SITES = pyo.Set(initialize=sites, dimen=2, ordered=True)
    member_k = pairs["k"].to_numpy()[family.member_pair]
    member_j = pairs["j"].to_numpy()[family.member_pair]
    member_g = site_group[family.member_site]
    m.MEMBER_SITES = pyo.Set(
        initialize=list(zip(member_g.tolist(), member_k.tolist(), member_j.tolist(), strict=True)),
        dimen=3,
        ordered=True,
    )
    m.fixed_gemeenten = pyo.Param(
        m.FAMILIES, initialize=dict(zip(groups, family.fixed.tolist(), strict=True))
    )
    sites_frame = pd.DataFrame({"g": site_group, "j": family.site_j})
    m.sites_of = sites_frame.groupby("g")["j"].agg(list).to_dict()


def add_link_variables(m: pyo.ConcreteModel) -> None:
    """Declare the variables.

    - ``link[k, j]`` (x_{k,j}): households of class k linked to gemeente j, 0..N_k;
    - ``unlinked[k]`` (u_k): households of class k left unlinked, 0..N_k;
    - ``uses[g, j]`` (y_{g,j}): family group g has a household linked to j;
    - ``split[g]`` (s_g): extra gemeenten group g is spread over.
    """
    m.link = pyo.Var(m.PAIRS, domain=pyo.NonNegativeIntegers, bounds=_up_to_count)
    m.unlinked = pyo.Var(m.CLASSES, domain=pyo.NonNegativeIntegers, bounds=_count_bounds)
    m.uses = pyo.Var(m.FAMILY_SITES, domain=pyo.Binary)
    m.split = pyo.Var(m.FAMILIES, domain=pyo.NonNegativeReals)


def _up_to_count(m: pyo.ConcreteModel, k: int, j: int) -> tuple[int, int]:
    return (0, m.count[k])


def _count_bounds(m: pyo.ConcreteModel, k: int) -> tuple[int, int]:
    return (0, m.count[k])


def add_linked_once_constraints(m: pyo.ConcreteModel) -> None:
    r"""Every household to link is linked to one gemeente, whole, or left unlinked.

    .. math::
        \sum_{j:(k,j) \in P} x_{k,j} + u_k = N_k \quad \forall k
    """

    @m.Constraint(m.CLASSES)
    def linked_once(m: pyo.ConcreteModel, k: int) -> pyo.Expression:
        linked = sum(m.link[k, j] for j in m.gemeenten_of.get(k, ()))
        return linked + m.unlinked[k] == m.count[k]


def add_quota_constraints(m: pyo.ConcreteModel) -> None:
    r"""The persons linked to a gemeente are at most its quota.

    .. math::
        \sum_{k} n_k \, x_{k,j} \le Q_j \quad \forall j \in \text{QUOTA\_LIMITED}
    """

    @m.Constraint(m.QUOTA_LIMITED)
    def gemeente_quota(m: pyo.ConcreteModel, j: int) -> pyo.Expression:
        linked = sum(m.persons[k] * m.link[k, j] for k in m.classes_at[j])
        return linked <= m.quota[j]


def add_family_constraints(m: pyo.ConcreteModel) -> None:
    r"""A family group uses every gemeente one of its households is linked to.

    .. math::
        x_{k,j} \le y_{g,j} \quad \forall (g, k, j), \qquad
        \sum_{j} y_{g,j} + F_g - 1 \le s_g \quad \forall g

    Members of a decided group are classes of one, so ``x`` is binary there.
    """

    @m.Constraint(m.MEMBER_SITES)
    def family_uses(m: pyo.ConcreteModel, g: str, k: int, j: int) -> pyo.Expression:
        return m.link[k, j] <= m.uses[g, j]

    @m.Constraint(m.FAMILIES)
    def family_split(m: pyo.ConcreteModel, g: str) -> pyo.Expression:
        used = sum(m.uses[g, j] for j in m.sites_of.get(g, ())) + m.fixed_gemeenten[g]
        return used - 1 <= m.split[g]


def add_link_objective(m: pyo.ConcreteModel, problem: LinkProblem) -> None:
    r"""Minimise the contract's four weighted terms.

    .. math::
        \min \; K + \sum_k b_k u_k + \sum_{(k,j)} c_{k,j} x_{k,j} + w_{split} \sum_g s_g

    ``b_k`` holds the unlinked and waiting terms of one household, ``c_{k,j}``
    its distance term; ``K`` the splits nothing can change.
    """
    w_split = problem.weights.family_split
    linked = pyo.quicksum(m.cost[k, j] * m.link[k, j] for k, j in m.PAIRS if m.cost[k, j] != 0)
    unlinked = pyo.quicksum(m.unlinked_cost[k] * m.unlinked[k] for k in m.CLASSES)
    split = w_split * pyo.quicksum(m.split[g] for g in m.FAMILIES)
    m.objective = pyo.Objective(
        expr=problem.constant + linked + unlinked + split, sense=pyo.minimize
    )


# --------------------------------------------------------------------------- arrays


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
    families, fixed = problem.families, problem.family_fixed
    groups = np.array(sorted(families["group"].unique()), dtype=object)
    group_index = pd.Series(np.arange(len(groups)), index=groups)
    f = fixed.groupby("group").size().reindex(groups, fill_value=0).to_numpy(float)
    reach = families.merge(pairs[["k", "j"]].reset_index(names="pair"), on="k")
    held = fixed.loc[fixed["j"] >= 0, ["group", "j"]].assign(held=True)
    reach = reach.merge(held, on=["group", "j"], how="left")
    reach = reach[reach["held"].isna()]
    reach = reach.assign(g=group_index.reindex(reach["group"]).to_numpy(np.int64))
    sites = reach[["g", "j"]].drop_duplicates().sort_values(["g", "j"]).reset_index(drop=True)
    site_of = pd.Series(np.arange(len(sites)), index=pd.MultiIndex.from_frame(sites))
    member_site = site_of.reindex(pd.MultiIndex.from_frame(reach[["g", "j"]])).to_numpy()
    order = np.lexsort((reach["pair"].to_numpy(), member_site))
    return FamilyArrays(
        groups=groups,
        fixed=f,
        site_group=sites["g"].to_numpy(np.int64),
        site_j=sites["j"].to_numpy(np.int64),
        member_pair=reach["pair"].to_numpy(np.int64)[order],
        member_site=member_site.astype(np.int64)[order],
    )


def build_link_matrix(problem: LinkProblem, pairs: pd.DataFrame | None = None) -> ModelMatrix:
    """The link model on ``pairs`` as arrays (the container of the placement model's arrays).

    Columns: ``link`` (one per pair), ``unlinked`` (one per class; the
    ``unplaceable`` field names the class of each), ``uses`` (family
    sites), ``split`` (groups). Rows: ``linked_once`` (=), ``gemeente_quota``
    (<=, gemeenten a pair reaches, ascending), ``family_uses`` (x - y <= 0),
    ``family_split`` (sum y - s <= 1 - F).
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
            "link": slice(x, u),
            "unlinked": slice(u, y),
            "uses": slice(y, s),
            "split": slice(s, s + n_groups),
            "linked_once": slice(once, quota),
            "gemeente_quota": slice(quota, uses),
            "family_uses": slice(uses, split),
            "family_split": slice(split, n_rows),
        },
        unplaceable=np.arange(n_classes, dtype=np.int64),
    )


def quota_gemeenten(pairs: pd.DataFrame) -> IntArray:
    """The gemeente of each ``gemeente_quota`` row of the model built on ``pairs``."""
    return np.unique(pairs["j"].to_numpy(np.int64))
