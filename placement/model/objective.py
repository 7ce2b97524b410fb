"""The objective: the weighted terms of the contract, summed over households."""

from __future__ import annotations

import pyomo.environ as pyo

from placement.model.problem import ProblemData


def add_objective(m: pyo.ConcreteModel, data: ProblemData) -> None:
    r"""Minimise the contract's weighted terms.

    .. math::
        \min \; K + \sum_{(k,l)} a_{k,l} x_{k,l} + \sum_k b_k u_k + w_{split} \sum_g s_g
              + w_{flex} \sum_l f_l

    ``a_{k,l}`` is one household's wrong_type, move, child_move,
    child_over_cap, distance, cost, closing_soon and moves_ahead terms at ``l``
    (:func:`placement.model.terms.household_quantities`), ``b_k`` its unplaced and
    move terms, and ``K`` the terms of the households that stay undecided
    (with the flexible beds they fill where no decided household may go).
    """
    w = data.settings.weights
    placed = pyo.quicksum((m.cost[k, l] * m.assign[k, l] for k, l in m.PAIRS if m.cost[k, l] != 0))
    unplaced = pyo.quicksum(m.unplaced_cost[k] * m.unplaced[k] for k in m.UNPLACEABLE)
    split = w.family_split * pyo.quicksum(m.split[g] for g in m.FAMILIES)
    flexible = w.flex_bed * pyo.quicksum(m.flex_used[l] for l in m.FLEX_LOCATIONS)
    m.objective = pyo.Objective(
        expr=data.constant + placed + unplaced + split + flexible, sense=pyo.minimize
    )
