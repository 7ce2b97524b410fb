"""Decision variables."""

from __future__ import annotations

import pyomo.environ as pyo


def add_variables(m: pyo.ConcreteModel) -> None:
    """Declare the variables.

    - ``assign[k, l]`` (x_{k,l}): households of class k ending at l, 0..N_k;
    - ``unplaced[k]`` (u_k): households of class k left without a bed;
    - ``uses[g, l]`` (y_{g,l}): family group g has a household at l;
    - ``split[g]`` (s_g): extra locations group g is spread over;
    - ``flex_used[l]`` (f_l): persons in flexible beds at l, 0..F_l.
    """
    m.assign = pyo.Var(m.PAIRS, domain=pyo.NonNegativeIntegers, bounds=_up_to_count)
    m.unplaced = pyo.Var(m.UNPLACEABLE, domain=pyo.NonNegativeIntegers, bounds=_count_bounds)
    m.uses = pyo.Var(m.FAMILY_SITES, domain=pyo.Binary)
    m.split = pyo.Var(m.FAMILIES, domain=pyo.NonNegativeReals)
    m.flex_used = pyo.Var(m.FLEX_LOCATIONS, domain=pyo.NonNegativeReals, bounds=_flex_bounds)


def _up_to_count(m: pyo.ConcreteModel, k: int, l: int) -> tuple[int, int]:
    return (0, m.count[k])


def _count_bounds(m: pyo.ConcreteModel, k: int) -> tuple[int, int]:
    return (0, m.count[k])


def _flex_bounds(m: pyo.ConcreteModel, l: int) -> tuple[int, int]:
    return (0, m.flex_capacity[l])
