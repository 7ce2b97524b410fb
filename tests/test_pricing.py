"""Price and branch gives the full model's optimum and a bound that holds for it."""

from __future__ import annotations

import numpy as np
import pytest

from placement.heuristics import current_start
from placement.model.matrix import build_matrix
from placement.prepare import prepare
from placement.pricing import PricingLog, first_candidates, reduced_costs, solve_priced
from placement.settings import SolverSettings
from placement.solve import solve_matrix
from tests.model.test_matrix import random_scenario

EXACT = SolverSettings(time_limit=30, mip_gap=0.0)


@pytest.mark.parametrize("seed", range(16))
@pytest.mark.parametrize("mode", ["weekly", "rebalance"])
def test_priced_optimum_equals_full_optimum(seed, mode):
    """On random scenarios pricing ends at the optimum of the model with every pair."""
    data = prepare(random_scenario(seed, mode))
    mm = build_matrix(data)
    full = solve_matrix(mm, len(data.classes), EXACT, current_start(data, mm))
    log = PricingLog()
    priced = solve_priced(data, mm, EXACT, current_start(data, mm), log)
    assert priced.status == "optimal"
    assert priced.objective == pytest.approx(full.objective, abs=1e-6)
    assert priced.bound <= full.objective + 1e-6
    assert log.lp_bound <= full.objective + 1e-6


def test_pricing_starts_small_and_adds_what_the_duals_ask_for():
    """A class with many equal options starts with a few; the LP bound is the full LP's."""
    from tests.factories import make_scenario

    locations = [{"location_id": f"L{i}", "capacity": 2, "cost_per_night": i} for i in range(12)]
    persons = [{"person_id": str(i), "household_id": f"h{i}"} for i in range(20)]
    data = prepare(make_scenario(locations, persons))
    mm = build_matrix(data)
    assert first_candidates(data).sum() == 4  # one class, its four cheapest sites
    log = PricingLog()
    result = solve_priced(data, mm, EXACT, current_start(data, mm), log)
    # 20 persons over the ten cheapest sites (2 beds each): 2*(0+...+9)*0.05 = 4.5
    assert result.objective == pytest.approx(4.5)
    assert log.candidates_priced >= 10 and log.lp_bound == pytest.approx(4.5)


def test_reduced_costs_of_a_basic_column_are_zero():
    """c - A^T y vanishes on columns the LP uses strictly between their bounds."""
    from tests.factories import make_scenario

    data = prepare(
        make_scenario(
            [{"location_id": "A", "capacity": 3}, {"location_id": "B", "cost_per_night": 10}],
            [{"person_id": str(i), "household_id": f"h{i}"} for i in range(5)],
        )
    )
    mm = build_matrix(data)
    # Duals by hand: placed_once y=0.5 (B's cost 10*0.05), capacity of A y=-0.5.
    y = np.zeros(mm.shape[0])
    y[mm.blocks["placed_once"]] = 0.5
    y[mm.blocks["location_capacity"].start] = -0.5
    rc = reduced_costs(mm, y)
    assert rc[mm.blocks["assign"]] == pytest.approx([0.0, 0.0])


@pytest.mark.parametrize("seed", range(12))
def test_lagrangian_bound_of_the_first_round_never_exceeds_the_optimum(seed, monkeypatch):
    """The fallback bound from an unfinished pricing is a true lower bound."""
    import placement.pricing as pricing

    data = prepare(random_scenario(seed, "rebalance"))
    mm = build_matrix(data)
    full = solve_matrix(mm, len(data.classes), EXACT, current_start(data, mm))
    seen: list[float] = []
    original = pricing.lagrangian_bound

    def spy(*args):
        seen.append(original(*args))
        return seen[-1]

    monkeypatch.setattr(pricing, "lagrangian_bound", spy)
    monkeypatch.setattr(pricing, "CHEAPEST", 1)  # small first set: omitted pairs matter
    solve_priced(data, mm, EXACT, current_start(data, mm))
    assert seen and max(seen) <= full.objective + 1e-6
