"""An inflow band: each replication draws its own level once, shared by its variants."""

from __future__ import annotations

import datetime as dt

import pytest

from placement.simulate.draws import replication_seeds
from placement.simulate.run import inflow_per_week
from placement.simulate.settings import SimulationSettings

START = dt.date(2026, 11, 23)


def test_without_a_band_the_level_is_as_given():
    sim = SimulationSettings(inflow_per_week=100, inflow_factor=1.5)
    assert inflow_per_week(sim, START, 3, seed=7) == [150, 150, 150]


def test_each_replication_draws_one_level_within_the_band_from_its_seed_alone():
    sim = SimulationSettings(inflow_per_week=1000, inflow_band=(0.8, 1.6))
    seeds = replication_seeds(1, 40)
    levels = [inflow_per_week(sim, START, 4, seed=s) for s in seeds]
    for weeks in levels:
        assert len(set(weeks)) == 1  # one level for the whole run
        assert 800 <= weeks[0] <= 1600
    firsts = [w[0] for w in levels]
    assert len(set(firsts)) > 30  # replications differ
    assert min(firsts) < 1000 < max(firsts)  # and spread over the band
    # the same seed gives the same level, whatever else a variant changes
    other = SimulationSettings(inflow_per_week=1000, inflow_band=(0.8, 1.6), leave_weeks=3)
    assert [inflow_per_week(other, START, 4, seed=s) for s in seeds] == levels


def test_a_band_scales_with_factor_and_a_degenerate_band_is_a_factor():
    assert inflow_per_week(
        SimulationSettings(inflow_per_week=100, inflow_factor=2, inflow_band=(1.5, 1.5)), START, 2
    ) == [300, 300]


def test_a_band_upside_down_is_refused():
    with pytest.raises(ValueError, match="band"):
        SimulationSettings(inflow_band=(1.2, 0.8))
