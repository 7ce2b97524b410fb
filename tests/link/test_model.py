"""The arrays handed to HiGHS are the Pyomo model, row for row and column for column."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyomo.environ as pyo
import pytest
from pyomo.contrib.solver.solvers.highs import Highs
from pyomo.repn import generate_standard_repn

from placement.input.settings import SolverSettings
from placement.link.model import build_link_matrix, family_arrays
from placement.link.pyomo_model import build_link_model
from placement.link.solve import solve_link
from tests.link.scenarios import random_problem

SIZES = {"households": 14, "gemeenten": 4, "locations": 3, "others": 6}


def _columns(m, problem, pairs):
    """Each array column's Pyomo variable, in array order."""
    family = family_arrays(problem, pairs)
    groups = family.groups
    return (
        [m.link[k, j] for k, j in zip(pairs["k"], pairs["j"], strict=True)]
        + [m.unlinked[k] for k in problem.classes.index]
        + [m.uses[groups[g], j] for g, j in zip(family.site_group, family.site_j, strict=True)]
        + [m.split[g] for g in groups]
    )


def _rows(m):
    return [
        *m.linked_once.values(),
        *m.gemeente_quota.values(),
        *m.family_uses.values(),
        *m.family_split.values(),
    ]


def _standard(con):
    """(activity, lower, upper) with the body's constant moved to the bounds."""
    constant = generate_standard_repn(con.body).constant
    lower = -np.inf if con.lower is None else pyo.value(con.lower) - constant
    upper = np.inf if con.upper is None else pyo.value(con.upper) - constant
    return (pyo.value(con.body) - constant, lower, upper)


@pytest.mark.parametrize("subset", [False, True])
@pytest.mark.parametrize("seed", range(8))
def test_arrays_equal_the_pyomo_model_at_a_random_point(tmp_path: Path, seed: int, subset: bool):
    """Every row's activity and bounds, every column's bounds and the objective agree."""
    problem = random_problem(tmp_path / "s", seed, **SIZES)
    pairs = problem.pairs()
    if subset:  # a candidate set, as the solver hands over
        pairs = pairs[np.random.default_rng(seed).random(len(pairs)) < 0.6].reset_index(drop=True)
    m, mm = build_link_model(problem, pairs), build_link_matrix(problem, pairs)
    columns = _columns(m, problem, pairs)
    assert len(columns) == mm.shape[1] == m.nvariables()
    rows = _rows(m)
    assert len(rows) == mm.shape[0] == m.nconstraints()
    point = np.random.default_rng(seed).integers(0, 3, mm.shape[1]).astype(float)
    for var, value in zip(columns, point, strict=True):
        var.set_value(value, skip_validation=True)
    activity = np.zeros(mm.shape[0])
    np.add.at(activity, mm.rows, mm.values * point[mm.cols])
    for i, con in enumerate(rows):
        assert _standard(con) in (
            pytest.approx((activity[i], mm.row_lower[i], mm.row_upper[i])),
            pytest.approx((-activity[i], -mm.row_upper[i], -mm.row_lower[i])),
        ), con.name
    assert pyo.value(m.objective) == pytest.approx(mm.offset + mm.cost @ point)
    bounds = [(v.lb, v.ub) for v in columns]
    assert bounds == [
        (lo, None if np.isinf(hi) else hi)
        for lo, hi in zip(mm.col_lower, mm.col_upper, strict=True)
    ]
    integer = [not v.is_continuous() for v in columns]
    assert integer == mm.integer.tolist()


@pytest.mark.parametrize("seed", range(6))
def test_the_pyomo_model_and_the_solver_reach_the_same_optimum(tmp_path: Path, seed: int):
    """HiGHS on the full Pyomo model and solve_link (priced) give the same objective."""
    problem = random_problem(tmp_path / "s", seed, **SIZES)
    exact = SolverSettings(time_limit=30, mip_gap=0.0)
    m = build_link_model(problem)
    result = Highs().solve(
        m, rel_gap=0.0, abs_gap=1e-9, load_solutions=True, solver_options={"output_flag": False}
    )
    fast = solve_link(problem, exact)
    assert fast.status == "optimal"
    assert fast.objective == pytest.approx(float(result.incumbent_objective), abs=1e-6)
    assert fast.bound == pytest.approx(fast.objective, abs=1e-6)
