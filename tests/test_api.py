"""The front door's extras: the planner's baseline, the pricing log, the engine it picks."""

from __future__ import annotations

import pytest

import placement.api
from placement.api import planner_baseline, run
from placement.errors import NoSolutionError
from placement.solve.pricing import PricingLog
from tests.factories import random_scenario


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("mode", ["weekly", "rebalance"])
def test_the_optimum_is_never_worse_than_the_planners_baseline(seed: int, mode: str):
    """The baseline is a placement of the same scenario, priced alike: never cheaper than run's."""
    scenario = random_scenario(seed, mode).with_settings(mip_gap=0.0)
    best = run(scenario)
    baseline = planner_baseline(scenario, best.problem)
    assert baseline.kpis["objective"] >= best.kpis["objective"] - 1e-6
    assert baseline.kpis["persons"] == best.kpis["persons"]
    assert baseline.kpis["status"] == "time_limit" and baseline.kpis["bound"] is None
    assert len(baseline.explanations()) == len(best.explanations())


def test_a_run_fills_the_pricing_log_it_is_given():
    """The log a caller passes is the one pricing wrote to: its figures are those of the KPIs."""
    log = PricingLog()
    kpis = run(random_scenario(1, "rebalance"), log=log, engine="priced").kpis
    assert log.pairs == kpis["pairs"] > 0
    assert log.candidates_final == kpis["candidate_pairs"]
    assert log.lp_seconds == kpis["lp_seconds"]
    assert 0 < log.candidates_first <= log.candidates_final <= log.pairs


@pytest.mark.parametrize("whole_columns", [10**9, 0])
def test_auto_solves_a_small_model_whole_and_a_large_one_by_pricing(whole_columns, monkeypatch):
    """``auto`` hands a model of at most WHOLE_COLUMNS columns to HiGHS whole, else prices it.

    Either way the same optimum (gap 0 asked), and the KPIs name the engine
    that solved and hold every key of a priced run.
    """
    monkeypatch.setattr(placement.api, "WHOLE_COLUMNS", whole_columns)
    scenario = random_scenario(2, "rebalance").with_settings(mip_gap=0.0)
    kpis = run(scenario).kpis
    expected = run(scenario, engine="highs").kpis
    assert kpis["engine"] == ("highs" if whole_columns else "priced")
    assert kpis["objective"] == pytest.approx(expected["objective"], abs=1e-6)
    assert kpis["pairs"] == expected["pairs"] > 0
    if whole_columns:
        assert kpis["candidate_pairs"] == kpis["pairs"] and kpis["lp_bound"] is None
    else:
        assert 0 < kpis["candidate_pairs"] <= kpis["pairs"] and kpis["lp_bound"] is not None


def test_auto_falls_back_on_pricing_when_the_whole_model_finds_nothing(monkeypatch):
    """A whole solve that ends without a placement is not the end: pricing's is the answer."""

    def nothing(*args, **kwargs):
        raise NoSolutionError("no placement in time")

    monkeypatch.setattr(placement.api, "solve_matrix", nothing)
    scenario = random_scenario(2, "weekly").with_settings(mip_gap=0.0)
    kpis = run(scenario).kpis
    assert kpis["engine"] == "priced" and kpis["status"] == "optimal"
    assert kpis["objective"] == pytest.approx(run(scenario, engine="priced").kpis["objective"])
    with pytest.raises(NoSolutionError):
        run(scenario, engine="highs")  # asked for by name: no second engine
