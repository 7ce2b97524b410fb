"""The front door's extras: the planner's baseline and the pricing log a run fills."""

from __future__ import annotations

import pytest

from placement.api import planner_baseline, run
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
    kpis = run(random_scenario(1, "rebalance"), log=log).kpis
    assert log.pairs == kpis["pairs"] > 0
    assert log.candidates_final == kpis["candidate_pairs"]
    assert log.lp_seconds == kpis["lp_seconds"]
    assert 0 < log.candidates_first <= log.candidates_final <= log.pairs
