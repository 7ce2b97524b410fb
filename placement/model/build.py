"""build_model: the table of contents of the model."""

from __future__ import annotations

import pyomo.environ as pyo

from placement.model.constraints import (
    add_capacity_constraints,
    add_children_constraints,
    add_family_constraints,
    add_placement_constraints,
)
from placement.model.objective import add_objective
from placement.model.problem import ProblemData
from placement.model.sets import add_sets
from placement.model.variables import add_variables


def build_model(data: ProblemData) -> pyo.ConcreteModel:
    """Build the placement model for ``data`` (no solver, no I/O)."""
    m = pyo.ConcreteModel(name="placement")
    add_sets(m, data)
    add_variables(m)
    add_placement_constraints(m)
    add_capacity_constraints(m)
    add_children_constraints(m)
    add_family_constraints(m)
    add_objective(m, data)
    return m
