"""Price and branch gives the full model's optimum and a bound that holds for it."""

from __future__ import annotations

import numpy as np
import pytest

from placement.input.settings import SolverSettings
from placement.model.matrix import build_matrix
from placement.model.prepare import prepare
from placement.solve.engine import class_floor, dual_bound, reduced_costs
from placement.solve.heuristics import current_start
from placement.solve.highs import solve_matrix
from placement.solve.pricing import PricingLog, first_candidates, solve_priced
from tests.factories import make_scenario, random_scenario

EXACT = SolverSettings(time_limit=30, mip_gap=0.0)


def wide_scenario(seed: int, mode: str):
    """Many locations, so that a small first candidate set leaves most pairs out."""
    return random_scenario(seed, mode, n_locations=(10, 25), n_households=(12, 40), families=5)


def full_optimum(data, mm):
    """The plain model with every pair, solved exactly."""
    full = solve_matrix(mm, len(data.classes), EXACT, current_start(data, mm))
    assert full.status == "optimal"
    return full.objective


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


@pytest.mark.parametrize("first", [0, 1])
@pytest.mark.parametrize("mode", ["weekly", "rebalance"])
@pytest.mark.parametrize("seed", range(25))
def test_smallest_first_set_reaches_the_full_optimum(seed, mode, first):
    """Starting from stays and pins only (or one pair per class), pricing ends at the optimum."""
    data = prepare(wide_scenario(seed, mode))
    mm = build_matrix(data)
    optimum = full_optimum(data, mm)
    log = PricingLog()
    priced = solve_priced(data, mm, EXACT, current_start(data, mm), log, first=first, planned=False)
    assert log.candidates_first < log.pairs  # some pairs really start omitted
    assert priced.status == "optimal"
    assert priced.objective == pytest.approx(optimum, abs=1e-6)
    assert priced.bound <= optimum + 1e-6
    assert log.lp_bound <= optimum + 1e-6


def test_wide_scenarios_start_with_most_pairs_omitted():
    """Over the instances above, one pair per class leaves most pairs out at the start."""
    first = pairs = 0
    for seed in range(25):
        for mode in ("weekly", "rebalance"):
            data = prepare(wide_scenario(seed, mode))
            first += int(first_candidates(data, 1).sum())
            pairs += len(data.pairs)
    assert first < 0.5 * pairs


def _lp_never_wants_c(monkeypatch):
    """Two households of two; A has 3 beds, B 1, both free; C has room at 5 a
    night per person. The LP puts 1.5 households at A and 0.5 at B for 0, so
    C is not priced in; whole households fit only one at A, and the other
    must go to C (2 x 5 x 0.05 ... = 10 with cost 100) instead of waiting
    unplaced (20,000). The LP rounding is blinded (everyone waits).
    """
    import placement.solve.pricing as pricing

    locations = [
        {"location_id": "A", "capacity": 3},
        {"location_id": "B", "capacity": 1},
        {"location_id": "C", "capacity": 10, "cost_per_night": 100},
    ]
    persons = [{"person_id": f"P{h}{i}", "household_id": f"H{h}"} for h in (1, 2) for i in (1, 2)]
    data = prepare(make_scenario(locations, persons))
    mm = build_matrix(data)
    everyone_waits = np.full(len(data.households), -1)
    monkeypatch.setattr(pricing, "round_lp", lambda data, assign: everyone_waits)
    log = PricingLog()
    result = solve_priced(data, mm, EXACT, current_start(data, mm), log, first=2, planned=False)
    return data, mm, log, result


def test_only_the_completion_step_adds_the_pair_the_optimum_needs(monkeypatch):
    """A pair the LP never wants (reduced cost > 0) but the whole-household optimum needs.

    With the start heuristics and the repair blinded, only the completion
    step (reduced cost <= incumbent - LP bound) can add C.
    """
    import placement.solve.pricing as pricing

    monkeypatch.setattr(pricing, "improve", lambda data, mm, values, **_: values)
    data, mm, log, result = _lp_never_wants_c(monkeypatch)
    assert log.lp_bound == pytest.approx(0.0) and log.candidates_priced == 2  # C left out
    assert log.completed == 1  # ... until the completion step
    assert result.objective == pytest.approx(2 * 100 * 0.05) == full_optimum(data, mm)
    assert result.bound == pytest.approx(10.0) and result.status == "optimal"


def test_the_repair_finds_the_pair_the_lp_never_wants(monkeypatch):
    """The case above with the repair on: the move to C is found without completion."""
    data, mm, log, result = _lp_never_wants_c(monkeypatch)
    assert log.completed == 0
    assert result.objective == pytest.approx(10.0) == full_optimum(data, mm)
    assert result.bound == pytest.approx(10.0) and result.status == "optimal"


def test_pricing_starts_small_and_adds_what_the_duals_ask_for():
    """A class with many equal options starts with a few; the LP bound is the full LP's."""
    locations = [{"location_id": f"L{i}", "capacity": 2, "cost_per_night": i} for i in range(12)]
    persons = [{"person_id": str(i), "household_id": f"h{i}"} for i in range(20)]
    data = prepare(make_scenario(locations, persons))
    mm = build_matrix(data)
    assert first_candidates(data).sum() == 4  # one class, its four cheapest sites
    log = PricingLog()
    result = solve_priced(data, mm, EXACT, current_start(data, mm), log, planned=False)
    # 20 persons over the ten cheapest sites (2 beds each): 2*(0+...+9)*0.05 = 4.5
    assert result.objective == pytest.approx(4.5)
    assert log.candidates_priced >= 10 and log.lp_bound == pytest.approx(4.5)


def test_reduced_costs_of_a_basic_column_are_zero():
    """c - A^T y vanishes on columns the LP uses strictly between their bounds."""
    data = prepare(
        make_scenario(
            [{"location_id": "A", "capacity": 3}, {"location_id": "B", "cost_per_night": 10}],
            [{"person_id": str(i), "household_id": f"h{i}"} for i in range(5)],
        )
    )
    mm = build_matrix(data)
    # Duals by hand: placed_once y=0.5 (B's cost 10*0.05), capacity of A y=-0.5.
    y = np.zeros(mm.shape[0])
    y[mm.blocks["once"]] = 0.5
    y[mm.blocks["capacity"].start] = -0.5
    rc = reduced_costs(mm, y)
    assert rc[mm.blocks["assign"]] == pytest.approx([0.0, 0.0])


@pytest.mark.parametrize("seed", range(12))
def test_lagrangian_bound_of_the_first_round_never_exceeds_the_optimum(seed, monkeypatch):
    """The fallback bounds from an unfinished pricing are true lower bounds."""
    import placement.solve.pricing as pricing

    data = prepare(random_scenario(seed, "rebalance"))
    mm = build_matrix(data)
    full = solve_matrix(mm, len(data.classes), EXACT, current_start(data, mm))
    seen: list[float] = []
    original = pricing.lagrangian_bound

    def spy(*args):
        seen.append(original(*args))
        return seen[-1]

    by_class: list[float] = []
    original_dual = pricing.dual_bound

    def spy_dual(*args):
        by_class.append(original_dual(*args))
        return by_class[-1]

    monkeypatch.setattr(pricing, "lagrangian_bound", spy)
    monkeypatch.setattr(pricing, "dual_bound", spy_dual)
    monkeypatch.setattr(pricing, "CHEAPEST", 1)  # small first set: omitted pairs matter
    solve_priced(data, mm, EXACT, current_start(data, mm))
    assert seen and max(seen) <= full.objective + 1e-6
    assert by_class and max(by_class) <= full.objective + 1e-6
    # each round's class-wise bound is at least the plain Lagrangian one
    assert all(b >= a - 1e-6 for a, b in zip(seen, by_class[-len(seen) :], strict=True))


@pytest.mark.parametrize("seed", range(12))
def test_the_class_floor_is_below_the_optimum_and_the_lp_duals_give_the_lp(seed: int):
    """Without any LP, the class floor bounds the optimum; with the full LP's optimal duals
    the Lagrangian bound is the LP's value (duality), so it is computed right."""
    import highspy

    from placement.solve.highs import lp_from_matrix, new_highs

    data = prepare(random_scenario(seed, "rebalance"))
    mm = build_matrix(data)
    full = solve_matrix(mm, len(data.classes), EXACT, current_start(data, mm))
    assert full.objective is not None
    assert class_floor(mm) <= full.objective + 1e-6
    h = new_highs()
    lp = lp_from_matrix(mm)
    lp.integrality_ = []
    h.passModel(lp)
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    duals = np.asarray(h.getSolution().row_dual)
    z = h.getInfo().objective_function_value
    assert dual_bound(mm, duals) == pytest.approx(z, rel=1e-7, abs=1e-6)
    assert class_floor(mm) <= z + 1e-6


def test_the_class_floor_by_hand():
    """Two classes, cheapest options 0.5 (1 person) and 10000 (unplaced, 2 persons)."""
    data = prepare(
        make_scenario(
            locations=[{"location_id": "A", "type": "regulier", "capacity": 5,
                        "cost_per_night": 10}],
            persons=[{"person_id": "p1", "household_id": "h1"},
                     {"person_id": "p2", "household_id": "h2", "medical_need": True},
                     {"person_id": "p3", "household_id": "h2", "medical_need": True}],
        )
    )  # fmt: skip
    mm = build_matrix(data)
    # h1 at A: 10 * 0.05 = 0.5 in cost; h2 (medical) fits nowhere: 2 x 10000
    assert class_floor(mm) == pytest.approx(0.5 + 20000)


def _generated(tmp_path, seed: int, mode: str):
    """The instances of the report that found wrong optima: 6,000 persons, 60 locations."""
    from typer.testing import CliRunner

    from placement.cli import app
    from placement.input.read import read_scenario

    folder = tmp_path / f"g{seed}"
    args = ["generate", str(folder), "--persons", "6000", "--arrivals", "150", "--locations", "60"]
    result = CliRunner().invoke(app, [*args, "--seed", str(seed)])
    assert result.exit_code == 0, result.output
    return read_scenario(folder).with_settings(mode=mode)


@pytest.mark.parametrize(
    ("seed", "mode"), [*((s, "weekly") for s in range(12, 19)), (15, "rebalance")]
)
def test_default_engine_reaches_the_full_optimum_on_generated_instances(seed, mode, tmp_path):
    """Priced and proven within the asked gap of the optimum of the model with every pair."""
    from placement import api

    scenario = _generated(tmp_path, seed, mode).with_settings(time_limit=900)  # proof, not speed
    exact = api.run(scenario.with_settings(mip_gap=0.0), engine="highs").kpis
    assert exact["status"] == "optimal"
    kpis = api.run(scenario).kpis  # the default engine and gap (1e-4)
    assert kpis["status"] == "optimal" and kpis["mip_gap"] <= 1e-4
    assert kpis["objective"] - exact["objective"] <= 1e-4 * max(1.0, abs(exact["objective"]))
    assert kpis["bound"] <= exact["objective"] + 1e-6
    assert kpis["solver_objective"] == pytest.approx(kpis["objective"], rel=1e-12)


def test_branching_frees_the_split_class_and_the_cheapest_to_move_beside_it():
    """Class 0 is split between locations 0 and 1; classes 1-12 fill location 0, and
    class c can move to location 1 at reduced cost c. With 10 movers a location the
    branch frees class 0 and classes 1-10; with none, class 0 alone; with all, 0-12."""
    from types import SimpleNamespace

    import pandas as pd

    from placement.solve.pricing import _free_classes, _moving_cost

    n = 13
    k = np.repeat(np.arange(n), 2)  # pair 2c: class c at location 0; pair 2c + 1: at 1
    pairs = pd.DataFrame({"k": k, "l": np.tile([0, 1], n)})
    lp = np.zeros(2 * n)
    lp[0::2] = 1.0
    lp[0:2] = 0.5
    rc = np.zeros(2 * n)
    rc[1::2] = np.arange(n, dtype=float)  # moving class c costs c
    mm = SimpleNamespace(
        blocks={"assign": slice(0, 2 * n)},
        per_class_unplaced=lambda values, classes: np.zeros(classes),
    )
    model = SimpleNamespace(mm=mm, columns=np.ones(2 * n, dtype=bool))
    data = SimpleNamespace(
        pairs=pairs,
        classes=pd.DataFrame(index=range(n)),
        locations=pd.DataFrame(index=range(2)),
        families=pd.DataFrame({"k": [], "group": []}),
    )
    moving = _moving_cost(data, model, lp, rc)
    assert moving[0] == np.inf  # both its pairs are in use
    assert list(moving[1:]) == list(range(1, n))
    assert np.flatnonzero(_free_classes(model, data, lp, 0, moving)).tolist() == [0]
    assert np.flatnonzero(_free_classes(model, data, lp, 10, moving)).tolist() == list(range(11))
    assert _free_classes(model, data, lp, None, moving).all()


@pytest.mark.parametrize("bound", [0.0, 0.4, 1.0, 37.5, 759015.86, 3.4e6])
@pytest.mark.parametrize("mip_gap", [0.0, 1e-4, 1e-3, 0.05])
def test_a_mip_stops_at_the_largest_objective_within_the_gap_of_z(bound, mip_gap):
    """The interrupt target: within 0.99 of the gap of the bound, and nothing larger is."""
    from placement.solve.highs import within_gap
    from placement.solve.pricing import REACH_SHARE, _target

    target = _target(bound, mip_gap)
    share = REACH_SHARE * mip_gap
    assert within_gap(target, bound, share)
    assert not within_gap(target + 1e-6 * max(1.0, target) + 1e-6, bound, share)
