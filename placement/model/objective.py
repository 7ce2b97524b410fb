"""The objective: the weighted terms of the contract, summed over households."""

from __future__ import annotations

import pyomo.environ as pyo

from placement.model.problem import ProblemData


def add_objective(m: pyo.ConcreteModel, data: ProblemData) -> None:
    r"""Minimise the contract's weighted terms.

    .. math::
        \min \; K + \sum_{(k,l)} a_{k,l} x_{k,l} + \sum_k b_k u_k + w_{split} \sum_g s_g

    ``a_{k,l}`` is one household's wrong_type, move, child_move,
    child_over_cap, distance and cost terms at ``l``
    (:func:`placement.model.terms.household_quantities`), ``b_k`` its unplaced and
    move terms, and ``K`` the terms of the households that stay undecided.
    """
    w_split = data.settings.weights.family_split
    placed = pyo.quicksum((m.cost[k, l] * m.assign[k, l] for k, l in m.PAIRS if m.cost[k, l] != 0))
    unplaced = pyo.quicksum(m.unplaced_cost[k] * m.unplaced[k] for k in m.UNPLACEABLE)
    split = w_split * pyo.quicksum(m.split[g] for g in m.FAMILIES)
    m.objective = pyo.Objective(expr=data.constant + placed + unplaced + split, sense=pyo.minimize)
