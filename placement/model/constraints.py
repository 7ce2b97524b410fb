"""Constraint families, one function each, named for the rule they enforce."""

from __future__ import annotations

import pyomo.environ as pyo


def add_placement_constraints(m: pyo.ConcreteModel) -> None:
    r"""Every decided household ends at exactly one location or unplaced.

    .. math::
        \sum_{l:(k,l) \in P} x_{k,l} + u_k = N_k \quad \forall k

    (``u_k`` exists only for classes that may lose their bed: new arrivals,
    residents of a closing location, residents forbidden from their own.)
    """

    @m.Constraint(m.CLASSES)
    def placed_once(m: pyo.ConcreteModel, k: int) -> pyo.Expression:
        placed = sum(m.assign[k, l] for l in m.sites_of.get(k, ()))
        unplaced = m.unplaced[k] if k in m.UNPLACEABLE else 0
        return placed + unplaced == m.count[k]


def add_capacity_constraints(m: pyo.ConcreteModel) -> None:
    r"""Persons ending at a location fit in the beds the stayers leave, and its flexible beds.

    .. math::
        \sum_{k} n_k \, x_{k,l} - f_l \le C_l \quad \forall l \in \text{CAPACITY\_LIMITED}

    with ``f_l`` (persons in flexible beds, at most ``flex_capacity``) only
    at ``FLEX_LOCATIONS``. ``C_l`` is the regular beds left by the stayers
    (negative when they already use flexible beds). A location whose
    residents exceed capacity plus flexible beds is not in the set: it takes
    no arrivals (no pairs) and its residents may all stay.
    """

    @m.Constraint(m.CAPACITY_LIMITED)
    def location_capacity(m: pyo.ConcreteModel, l: int) -> pyo.Expression:
        placed = sum(m.persons[k] * m.assign[k, l] for k in m.classes_at[l])
        flexible = m.flex_used[l] if l in m.FLEX_LOCATIONS else 0
        return placed - flexible <= m.beds_left[l]


def add_children_constraints(m: pyo.ConcreteModel) -> None:
    r"""Children ending at a location fit in its ``max_children``.

    .. math::
        \sum_{k} c_k \, x_{k,l} \le M_l \quad \forall l \in \text{CHILD\_LIMITED}
    """

    @m.Constraint(m.CHILD_LIMITED)
    def location_children(m: pyo.ConcreteModel, l: int) -> pyo.Expression:
        children = sum(m.children[k] * m.assign[k, l] for k in m.classes_with_children_at[l])
        return children <= m.child_places_left[l]


def add_family_constraints(m: pyo.ConcreteModel) -> None:
    r"""A family group uses every location one of its households ends at.

    .. math::
        x_{k,l} \le y_{g,l} \quad \forall (g, k, l), \qquad
        \sum_{l} y_{g,l} + F_g - 1 \le s_g \quad \forall g

    where ``F_g`` counts the locations its undecided households stay at.
    Members of a family group are classes of one, so ``x`` is binary there.
    """

    @m.Constraint(m.MEMBER_SITES)
    def family_uses(m: pyo.ConcreteModel, g: str, k: int, l: int) -> pyo.Expression:
        return m.assign[k, l] <= m.uses[g, l]

    @m.Constraint(m.FAMILIES)
    def family_split(m: pyo.ConcreteModel, g: str) -> pyo.Expression:
        used = sum(m.uses[g, l] for l in m.family_sites_of.get(g, ())) + m.fixed_sites[g]
        return used - 1 <= m.split[g]
