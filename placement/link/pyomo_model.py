"""The link model in Pyomo, readable like its mathematics (see :mod:`placement.link.model`).

:func:`build_link_model` gives the model :func:`~placement.link.model.build_link_matrix`
hands HiGHS as arrays, column for column and row for row; it is for reading,
checking and writing out the model, not for the solve.
"""

from __future__ import annotations

import pandas as pd
import pyomo.environ as pyo

from placement.link.model import FamilyArrays, family_arrays
from placement.link.problem import LinkProblem


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
