"""The three engines (priced, highs, pyomo): each one's whole result, not only its objective.

``priced`` is the default and is checked everywhere else; here the other two
are held to the same answers, field by field, and the HiGHS options, the
"nothing to decide" shortcut and the model file are checked directly.
"""

from __future__ import annotations

from pathlib import Path

import highspy
import numpy as np
import pyomo.environ as pyo
import pytest

from placement.api import run
from placement.errors import NoSolutionError
from placement.input.read import read_scenario
from placement.input.settings import SolverSettings
from placement.model import build_model
from placement.model.matrix import build_matrix
from placement.model.prepare import prepare
from placement.solve.highs import (
    _options,
    lp_from_matrix,
    new_highs,
    no_solution_error,
    nothing_to_decide,
    run_model,
    set_threads,
    set_time_left,
    solve_matrix,
)
from placement.solve.pyomo_engine import solve_pyomo, write_mps
from tests import hand_cases as hc
from tests.factories import random_scenario

EXACT = SolverSettings(time_limit=30, mip_gap=0.0)
#: Each engine's words for a proven optimum.
TERMINATION = {"priced": "Optimal", "highs": "Optimal", "pyomo": "convergenceCriteriaSatisfied"}


@pytest.mark.parametrize("engine", ["highs", "pyomo"])
@pytest.mark.parametrize("case", hc.HAND_CASES, ids=lambda c: c.__name__.removeprefix("case_"))
def test_every_engine_reaches_each_hand_optimum(case, engine: str, tmp_path: Path):
    """The placement each engine returns has the hand optimum, proven (gap 0, bound = objective)."""
    expected = case(tmp_path)
    scenario = read_scenario(tmp_path).with_settings(mip_gap=0.0)
    kpis = run(scenario, engine=engine).kpis
    assert kpis["objective"] == pytest.approx(expected, abs=1e-6)  # of the placement itself
    assert kpis["solver_objective"] == pytest.approx(expected, abs=1e-6)
    assert kpis["status"] == "optimal" and kpis["mip_gap"] == 0.0
    assert kpis["bound"] == pytest.approx(expected, abs=1e-6)
    assert kpis["engine"] == engine


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("mode", ["weekly", "rebalance"])
def test_engines_return_placements_of_one_optimum(seed: int, mode: str):
    """On generated scenarios each engine's placement costs what it reports, and all agree."""
    scenario = random_scenario(seed, mode)
    scenario = scenario.with_settings(mip_gap=0.0)
    results = {engine: run(scenario, engine=engine).kpis for engine in TERMINATION}
    best = results["priced"]["objective"]
    for engine, kpis in results.items():
        assert kpis["objective"] == pytest.approx(kpis["solver_objective"], abs=1e-6), engine
        assert kpis["objective"] == pytest.approx(best, abs=1e-6), engine
        assert kpis["bound"] <= kpis["objective"] + 1e-6, engine
        assert kpis["termination"] == TERMINATION[engine]
        assert kpis["solve_seconds"] > 0


@pytest.mark.parametrize("seed", range(4))
def test_solve_results_are_whole_numbers_per_pair_and_class(seed: int):
    """One whole number per pair and per class; every class placed (or not) exactly once."""
    data = prepare(random_scenario(seed, "rebalance"))
    mm = build_matrix(data)
    for solved in (
        solve_matrix(mm, len(data.classes), EXACT),
        solve_pyomo(build_model(data), data, EXACT),
    ):
        assert solved.assign.dtype == np.int64 and solved.assign.shape == (len(data.pairs),)
        assert solved.unplaced.dtype == np.int64 and solved.unplaced.shape == (len(data.classes),)
        placed = np.bincount(data.pairs["k"], weights=solved.assign, minlength=len(data.classes))
        np.testing.assert_array_equal(placed + solved.unplaced, data.classes["count"])
        assert solved.mip_gap == pytest.approx(0.0, abs=1e-9)
        assert solved.bound == pytest.approx(solved.objective)


def test_pyomo_model_variables_are_integer():
    """Placements and unplaced households are whole numbers in the model itself."""
    m = build_model(prepare(random_scenario(3, "rebalance")))
    assert all(v.is_integer() for v in m.assign.values())
    assert all(v.is_integer() for v in m.unplaced.values())
    assert all(v.lb == 0 for v in m.assign.values())


def test_pyomo_sets_index_what_the_data_holds():
    """LOCATIONS is every location; pairs, capacity and flex sets lie within it."""
    data = prepare(random_scenario(5, "rebalance"))
    m = build_model(data)
    assert list(m.LOCATIONS) == data.locations.index.tolist()
    locations = set(m.LOCATIONS)
    assert {l for _, l in m.PAIRS} <= locations
    assert set(m.CAPACITY_LIMITED) <= locations and set(m.FLEX_LOCATIONS) <= locations
    assert {k for k, _ in m.PAIRS} <= set(m.CLASSES)


def test_highs_options_are_the_settings():
    """Time limit, both gaps, the seed and threads reach HiGHS under names it knows."""
    options = _options(SolverSettings(time_limit=7, mip_gap=0.01, threads=2))
    assert options == {"output_flag": False, "time_limit": 7.0, "mip_rel_gap": 0.01,
                       "mip_abs_gap": 0.01, "random_seed": 0}  # fmt: skip
    h = new_highs()
    for name, value in options.items():
        assert h.setOptionValue(name, value) == highspy.HighsStatus.kOk, name
        status, held = h.getOptionValue(name)
        assert status == highspy.HighsStatus.kOk and held == value, name
    set_threads(h, 2)
    assert h.getOptionValue("threads") == (highspy.HighsStatus.kOk, 2)
    set_threads(h, 0)  # 0: HiGHS chooses; the option stays as it was
    assert h.getOptionValue("threads") == (highspy.HighsStatus.kOk, 2)


@pytest.mark.parametrize("engine", ["priced", "highs"])
def test_runs_with_other_thread_counts_in_one_thread_all_solve(engine: str):
    """HiGHS keeps one scheduler per calling thread; a run asking for another thread
    count than the runs before it (a simulation task after a default run) still solves."""
    scenario = random_scenario(3, "weekly")
    for threads in (0, 2, 1, 0, 1, 2):
        kpis = run(scenario.with_settings(threads=threads), engine=engine).kpis
        assert kpis["status"] == "optimal", threads


def test_time_left_counts_from_the_runs_already_made():
    """HiGHS holds time_limit against its run time summed over runs: the next run's
    seconds are added to what the instance has used (pricing solves one model often)."""
    lp = highspy.HighsLp()
    lp.num_col_, lp.col_cost_, lp.col_lower_, lp.col_upper_ = 1, [1.0], [0.0], [1.0]
    h = new_highs()
    h.passModel(lp)
    for _ in range(3):
        assert run_model(h) == highspy.HighsModelStatus.kOptimal
    used = h.getRunTime()
    assert used > 0
    set_time_left(h, 5.0)
    assert h.getOptionValue("time_limit")[1] == pytest.approx(used + 5.0)
    set_time_left(h, -2.0)  # no time left: a millisecond, never a negative limit
    assert h.getOptionValue("time_limit")[1] == pytest.approx(used + 1e-3)


def test_a_run_highs_refuses_is_an_error_not_a_missing_solution():
    """A run HiGHS will not start (model status "not set") raises, naming HiGHS."""
    lp = highspy.HighsLp()
    lp.num_col_, lp.col_cost_, lp.col_lower_, lp.col_upper_ = 1, [1.0], [0.0], [1.0]
    first, second = new_highs(), new_highs()
    for h in (first, second):
        h.passModel(lp)
    set_threads(first, 1)
    assert run_model(first) == highspy.HighsModelStatus.kOptimal  # the scheduler: 1 thread
    second.setOptionValue("threads", 3)  # behind set_threads' back
    with pytest.raises(RuntimeError, match="HiGHS refused"):
        run_model(second)


def test_nothing_to_decide_is_a_proven_optimum():
    """When nobody has to be placed the stayers' constant is the optimum, with gap 0."""
    result = nothing_to_decide(12.5, 3)
    assert (result.status, result.objective, result.bound, result.mip_gap) == (
        "optimal", 12.5, 12.5, 0.0)  # fmt: skip
    assert result.termination == "nothing to decide" and result.seconds == 0.0
    assert result.assign.shape == (0,) and result.unplaced.tolist() == [0, 0, 0]


@pytest.mark.parametrize("engine", list(TERMINATION))
def test_weekly_without_arrivals_decides_nothing(engine: str, tmp_path: Path):
    """Residents who all stay: every engine reports the constant as a proven optimum."""
    hc.write(tmp_path, [hc.loc("A", "regulier", 5, cost_per_night=10)],
             [hc.household("R", "regulier", [30, 31], current="A")])  # fmt: skip
    kpis = run(read_scenario(tmp_path), engine=engine).kpis
    assert kpis["objective"] == kpis["bound"] == pytest.approx(1.0)  # 0.05 * 2 * 10
    assert kpis["status"] == "optimal" and kpis["mip_gap"] == 0.0
    assert kpis["termination"] == "nothing to decide"


def test_solving_prints_nothing(capfd):
    """Neither HiGHS engine writes to standard output or error."""
    data = prepare(random_scenario(2, "rebalance"))
    capfd.readouterr()
    solve_matrix(build_matrix(data), len(data.classes), EXACT)
    solve_pyomo(build_model(data), data, EXACT)
    assert capfd.readouterr() == ("", "")


def test_continuous_columns_stay_continuous():
    """Only the matrix's integer columns are integer in the model handed to HiGHS."""
    data = prepare(random_scenario(0, "rebalance"))  # family sites, splits and flex beds
    mm = build_matrix(data)
    assert mm.integer.any() and not mm.integer.all()
    integrality = lp_from_matrix(mm).integrality_
    expected = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous
                for i in mm.integer]  # fmt: skip
    assert list(integrality) == expected


def test_columns_without_entries_keep_their_place():
    """A trailing column that is in no row still gets its (empty) slot in the column starts."""
    data = prepare(random_scenario(1, "weekly"))
    mm = build_matrix(data)
    start, index, value = mm.csc()
    assert len(start) == mm.shape[1] + 1 and start[-1] == len(index) == len(value)
    n = mm.shape[1]
    wider = type(mm)(**{**mm.__dict__, "cost": np.append(mm.cost, 0.0)})
    start2, _, _ = wider.csc()
    assert len(start2) == n + 2 and start2[-1] == start2[-2] == start[-1]


def test_model_file_is_mps(tmp_path: Path):
    """--write-model writes free MPS with the model's rows and columns."""
    m = build_model(prepare(random_scenario(0, "weekly")))
    write_mps(m, tmp_path / "model.mps")
    text = (tmp_path / "model.mps").read_text()
    for section in ("NAME", "ROWS", "COLUMNS", "RHS", "BOUNDS", "ENDATA"):
        assert f"\n{section}" in "\n" + text, section
    assert "placed_once" in text and "assign" in text


def test_no_solution_error_names_the_limit_and_the_fix():
    """Exit status 3's message says how long HiGHS had and what to do."""
    error = no_solution_error(SolverSettings(time_limit=2.5), "Time limit reached")
    assert isinstance(error, NoSolutionError)
    assert str(error) == (
        "HiGHS found no solution within 2.5 s (Time limit reached); raise --time-limit"
    )


def test_pyomo_objective_is_the_models():
    """The Pyomo engine's objective is the model's objective at its solution."""
    data = prepare(random_scenario(6, "weekly"))
    m = build_model(data)
    solved = solve_pyomo(m, data, EXACT)
    assert pyo.value(m.objective) == pytest.approx(solved.objective)
