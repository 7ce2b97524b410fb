"""The array hand-over to HiGHS is the Pyomo model, row for row and column for column."""

from __future__ import annotations

import numpy as np
import pyomo.environ as pyo
import pytest
from pyomo.repn import generate_standard_repn

from placement.input.settings import SolverSettings
from placement.model import build_model
from placement.model.matrix import build_matrix, family_arrays
from placement.model.prepare import prepare
from placement.solve.heuristics import current_start
from placement.solve.highs import solve_matrix
from placement.solve.pyomo_engine import solve_pyomo
from tests.factories import random_scenario


def _pyomo_columns(m, data, mm):
    """Each matrix column's Pyomo variable, in matrix order."""
    pairs = list(zip(data.pairs["k"], data.pairs["l"], strict=True))
    family = family_arrays(data)
    return (
        [m.assign[k, l] for k, l in pairs]
        + [m.unplaced[k] for k in mm.unplaceable]
        + [m.uses[g, l] for g, l in zip(family.sites["group"], family.sites["l"], strict=True)]
        + [m.split[g] for g in family.groups]
        + [m.flex_used[l] for l in m.FLEX_LOCATIONS]
    )


def _pyomo_rows(m):
    return [
        *m.placed_once.values(),
        *m.location_capacity.values(),
        *m.location_children.values(),
        *m.family_uses.values(),
        *m.family_split.values(),
    ]


def _standard_row(con):
    """(activity, lower, upper) with the body's constant moved to the bounds.

    Pyomo may keep a row with its sign flipped (``0 <= s`` for ``-s <= 0``),
    so callers compare up to sign.
    """
    constant = generate_standard_repn(con.body).constant
    lower = -np.inf if con.lower is None else pyo.value(con.lower) - constant
    upper = np.inf if con.upper is None else pyo.value(con.upper) - constant
    return (pyo.value(con.body) - constant, lower, upper)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("mode", ["weekly", "rebalance"])
def test_matrix_rows_equal_pyomo_rows_at_a_random_point(seed, mode):
    """At a random point every row activity, bound, and the objective agree."""
    data = prepare(random_scenario(seed, mode))
    m, mm = build_model(data), build_matrix(data)
    columns = _pyomo_columns(m, data, mm)
    assert len(columns) == mm.shape[1] == m.nvariables()
    rows = _pyomo_rows(m)
    assert len(rows) == mm.shape[0] == m.nconstraints()
    point = np.random.default_rng(seed).integers(0, 3, mm.shape[1]).astype(float)
    for var, value in zip(columns, point, strict=True):
        var.set_value(value, skip_validation=True)
    activity = np.zeros(mm.shape[0])
    np.add.at(activity, mm.rows, mm.values * point[mm.cols])
    for i, con in enumerate(rows):
        assert _standard_row(con) in (
            pytest.approx((activity[i], mm.row_lower[i], mm.row_upper[i])),
            pytest.approx((-activity[i], -mm.row_upper[i], -mm.row_lower[i])),
        ), con.name
    objective = mm.offset + mm.cost @ point
    assert pyo.value(m.objective) == pytest.approx(objective)
    bounds = [(v.lb, v.ub) for v in columns]
    assert bounds == [
        (lo, None if np.isinf(hi) else hi)
        for lo, hi in zip(mm.col_lower, mm.col_upper, strict=True)
    ]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("mode", ["weekly", "rebalance"])
def test_both_engines_reach_the_same_optimum(seed, mode):
    """Solving the arrays and solving the Pyomo model give the same objective."""
    data = prepare(random_scenario(seed, mode))
    exact = SolverSettings(time_limit=30, mip_gap=0.0)
    mm = build_matrix(data)
    fast = solve_matrix(mm, len(data.classes), exact, current_start(data, mm))
    slow = solve_pyomo(build_model(data), data, exact)
    assert fast.status == slow.status == "optimal"
    assert fast.objective == pytest.approx(slow.objective, abs=1e-6)


@pytest.mark.parametrize("seed", range(8))
def test_start_is_feasible(seed):
    """The warm start (everyone stays, arrivals wait) satisfies every row."""
    data = prepare(random_scenario(seed, "rebalance"))
    mm = build_matrix(data)
    x = current_start(data, mm)
    activity = np.zeros(mm.shape[0])
    np.add.at(activity, mm.rows, mm.values * x[mm.cols])
    assert np.all(activity <= mm.row_upper + 1e-9) and np.all(activity >= mm.row_lower - 1e-9)
    assert np.all(x <= mm.col_upper) and np.all(x >= mm.col_lower)
