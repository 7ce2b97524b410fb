"""The plan MIP on hand-solvable cases, and the Pyomo model against the arrays."""

from __future__ import annotations

import numpy as np
import pyomo.environ as pyo
import pytest

from placement.input.settings import SolverSettings
from placement.plan.pyomo_model import build_plan_model
from placement.plan.solve import NOT_OPENED, SecondStage, solve_plan
from tests.plan.cases import adults, candidates, problem, two_tracks

SOLVER = SolverSettings(time_limit=30, mip_gap=0)


def test_opens_in_the_week_the_shortage_starts():
    """Short 50 from week 3 (shortage 7*1000*50 a week) > 7*100*1 a week: opened in week 3."""
    p = problem(adults(50, 50, 50, 150, 150))
    s = solve_plan(p, SOLVER)
    assert s.open_week.tolist() == [3]
    assert s.objective == pytest.approx(7 * 100 * 1 * 2)  # two weeks open, nothing short
    assert s.bound == pytest.approx(s.objective)
    assert s.mip_gap == pytest.approx(0)


def test_not_opened_when_it_costs_more_than_the_shortage():
    """An opening cost of 800,000 > 2 weeks x 50 short x 7,000: nobody opens, 700,000 short."""
    p = problem(adults(50, 50, 50, 150, 150), cands=candidates(opening_cost=[800_000.0]))
    s = solve_plan(p, SOLVER)
    assert s.open_week.tolist() == [NOT_OPENED]
    assert s.objective == pytest.approx(7 * 1000 * 50 * 2)


def test_spread_term_opens_a_site_in_a_province_below_its_key():
    """A has key 0.5 and no beds, B 100: below_A = 50 a week; a 100-bed site in A clears it.

    Per week: spread 7*10*50 = 3,500 against 7*100*cpn; cpn 1 opens at week 0, cpn 10 does not.
    """
    bp = np.tile([[0.0, 100.0]], (4, 1))
    cheap = problem(adults(0, 0, 0, 0), spread=10, provinces=("A", "B"), key=(0.5, 0.5),
                    beds_province=bp)  # fmt: skip
    s = solve_plan(cheap, SOLVER)
    assert s.open_week.tolist() == [0]
    assert s.objective == pytest.approx(7 * 100 * 4)
    dear = problem(adults(0, 0, 0, 0), spread=10, provinces=("A", "B"), key=(0.5, 0.5),
                   beds_province=bp, cands=candidates(cost_per_night=[10.0]))  # fmt: skip
    s = solve_plan(dear, SOLVER)
    assert s.open_week.tolist() == [NOT_OPENED]
    assert s.objective == pytest.approx(7 * 10 * 50 * 4)


def test_usable_share_of_beds():
    """100 beds at usable 0.5 take 50 of 60: 10 short each of 3 weeks, 7,000 each."""
    p = problem(adults(60, 60, 60), usable=0.5, cands=candidates(first_week=[9]))
    s = solve_plan(p, SOLVER)
    assert s.objective == pytest.approx(3 * 7 * 1000 * 10)


def test_children_only_in_child_suitable_beds():
    """80 children, 50 child beds of 100: 30 short a week; a site unfit for children helps not."""
    d = np.zeros((1, 2, 2))
    d[0, :, 1] = 80
    p = problem(d, beds_child=50, cands=candidates(child_suitable=[False]))
    s = solve_plan(p, SOLVER)
    assert s.open_week.tolist() == [NOT_OPENED]
    assert s.objective == pytest.approx(2 * 7 * 1000 * 30)
    ok = problem(d, beds_child=50, cands=candidates(capacity=[30]))
    s = solve_plan(ok, SOLVER)
    assert s.open_week.tolist() == [0]
    assert s.objective == pytest.approx(7 * 30 * 1 * 2)


def test_min_weeks_is_paid_even_when_the_horizon_ends_sooner():
    """1 short in week 4 (7,000): 10 places at 20 a night cost 1,400 a week.

    min_weeks 1: 1,400 < 7,000, opened in week 4; min_weeks 10: 14,000 > 7,000, not opened.
    """
    d = adults(0, 0, 0, 0, 101)
    short_week = problem(d, cands=candidates(capacity=[10], cost_per_night=[20.0]))
    s = solve_plan(short_week, SOLVER)
    assert s.open_week.tolist() == [4]
    assert s.objective == pytest.approx(1400)
    long = problem(d, cands=candidates(capacity=[10], cost_per_night=[20.0], min_weeks=[10]))
    s = solve_plan(long, SOLVER)
    assert s.open_week.tolist() == [NOT_OPENED]
    assert s.objective == pytest.approx(7000)


def test_shortage_is_averaged_over_futures():
    """Two futures, one short 100 in week 1: expected shortage 7*1000*100/2 = 350,000."""
    d = np.zeros((2, 2, 2))
    d[0, 1, 0] = 200
    p = problem(d, cands=candidates(opening_cost=[400_000.0]))
    s = solve_plan(p, SOLVER)
    assert s.open_week.tolist() == [NOT_OPENED]
    assert s.objective == pytest.approx(350_000)


def test_second_stage_prices_a_given_plan():
    """The LP with the plan fixed gives each term of that plan."""
    p = problem(adults(50, 50, 50, 150, 150))
    stage = SecondStage(p)
    terms, values = stage.solve(np.array([NOT_OPENED]))
    assert terms == {"candidates": 0.0, "shortage": pytest.approx(700_000), "held": 0.0,
                     "spread": 0.0}  # fmt: skip
    assert stage.short(values).tolist() == [[0, 0, 0, 50, 50]]
    terms, _ = stage.solve(np.array([1]))
    assert terms["candidates"] == pytest.approx(7 * 100 * 4)


@pytest.mark.parametrize("seed", range(4))
def test_pyomo_model_has_the_arrays_optimum(seed: int):
    """Random small problems: the Pyomo model and the arrays reach the same optimum."""
    from pyomo.contrib.solver.solvers.highs import Highs

    rng = np.random.default_rng(seed)
    d = rng.integers(0, 200, size=(2, 5, 2)).astype(float)
    bp = np.tile([[60.0, 40.0]], (5, 1))
    cands = candidates(
        capacity=[40, 60, 30], first_week=[0, 2, 1], min_weeks=[1, 4, 2],
        opening_cost=list(rng.uniform(0, 20000, 3)), cost_per_night=list(rng.uniform(1, 30, 3)),
        child_suitable=[True, False, True], province=[0, 1, 1],
    )  # fmt: skip
    p = problem(d, beds_child=50, cands=cands, spread=10, usable=0.9, provinces=("A", "B"),
                key=(0.3, 0.7), beds_province=bp)  # fmt: skip
    arrays = solve_plan(p, SOLVER)
    m = build_plan_model(p)
    Highs().solve(m, rel_gap=0, abs_gap=0, solver_options={"output_flag": False})
    assert pyo.value(m.objective) == pytest.approx(arrays.objective, rel=1e-7)


def _versneld_site(cost_per_night: float):
    return candidates(type=["versneld"], type_index=[1], capacity=[40],
                      cost_per_night=[cost_per_night])  # fmt: skip


def test_held_households_sleep_at_a_type_of_the_track_they_came_from():
    """50 aanmelding, 60 versneld; aanmeld 100 beds, versneld 20: 40 versneld held at aanmeld.

    Without holding 40 would be short (7 x 1000 x 40 = 280,000); held they
    cost 7 x 100 x 40 = 28,000. A versneld site of 40 places at 1,000 a
    night costs 280,000: not opened.
    """
    d = np.zeros((1, 1, 2, 2))
    d[0, 0, :, 0] = [50, 60]
    s = solve_plan(two_tracks(d, beds=(100, 20), cands=_versneld_site(1000)), SOLVER)
    assert s.open_week.tolist() == [NOT_OPENED]
    assert s.objective == pytest.approx(28_000)
    stage = SecondStage(two_tracks(d, beds=(100, 20), cands=_versneld_site(1000)))
    found, values = stage.solve(s.open_week)
    assert found == {"candidates": 0.0, "shortage": 0.0, "held": pytest.approx(28_000),
                     "spread": 0.0}  # fmt: skip
    assert values[stage.mm.blocks["held"]].sum() == pytest.approx(40)


def test_a_site_that_costs_less_than_holding_opens():
    """The same at 50 a night: 7 x 40 x 50 = 14,000 < 28,000 of holding: opened in week 0."""
    d = np.zeros((1, 1, 2, 2))
    d[0, 0, :, 0] = [50, 60]
    s = solve_plan(two_tracks(d, beds=(100, 20), cands=_versneld_site(50)), SOLVER)
    assert s.open_week.tolist() == [0]
    assert s.objective == pytest.approx(14_000)


def test_holding_takes_only_the_beds_arrivals_leave():
    """90 aanmelding fill aanmeld but for 10: 10 versneld held, 30 short."""
    d = np.zeros((1, 1, 2, 2))
    d[0, 0, :, 0] = [90, 60]
    s = solve_plan(two_tracks(d, beds=(100, 20), cands=_versneld_site(1e6)), SOLVER)
    assert s.objective == pytest.approx(7 * 100 * 10 + 7 * 1000 * 30)


def test_an_aanmelding_household_is_never_held_at_versneld():
    """The flow leads from aanmelding to versneld, not back: 60 aanmelding, aanmeld 50 beds."""
    d = np.zeros((1, 1, 2, 2))
    d[0, 0, :, 0] = [60, 0]
    s = solve_plan(two_tracks(d, beds=(50, 100), cands=_versneld_site(1e6)), SOLVER)
    assert s.objective == pytest.approx(7 * 1000 * 10)


@pytest.mark.parametrize("seed", range(4))
def test_pyomo_model_with_holding_has_the_arrays_optimum(seed: int):
    """Two tracks, children, holding, two futures: the Pyomo model and the arrays agree."""
    from pyomo.contrib.solver.solvers.highs import Highs

    rng = np.random.default_rng(seed)
    d = rng.integers(0, 90, size=(2, 4, 2, 2)).astype(float)
    cands = candidates(
        type=["versneld", "aanmeld", "versneld"], type_index=[1, 0, 1], capacity=[30, 40, 20],
        first_week=[0, 1, 2], opening_cost=list(rng.uniform(0, 5000, 3)),
        cost_per_night=list(rng.uniform(1, 60, 3)), child_suitable=[True, False, True],
    )  # fmt: skip
    p = two_tracks(d, beds=(70, 40), cands=cands, held=float(rng.uniform(10, 300)))
    arrays = solve_plan(p, SOLVER)
    m = build_plan_model(p)
    Highs().solve(m, rel_gap=0, abs_gap=0, solver_options={"output_flag": False})
    assert pyo.value(m.objective) == pytest.approx(arrays.objective, rel=1e-7)
