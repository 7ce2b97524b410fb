"""Comparison frames on the small scenario, checked against the runs themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from placement import read_scenario, run
from placement.results.compare import closure_moves, compare, kpi_table, location_changes
from placement.whatif import Variant, apply_variant

SMALL = Path(__file__).parent.parent / "data" / "whatif"


@pytest.fixture(scope="module")
def runs():
    base = read_scenario(SMALL)
    closed = apply_variant(base, Variant("close-a", close=("A",), capacity={"N": 2}))
    added = apply_variant(base, Variant("new", add_locations=SMALL / "new_locations.csv"))
    return base, {"baseline": run(base), "close-a": run(closed), "new": run(added)}


def test_kpi_table_has_runs_side_by_side_and_changes(runs):
    """One column per run, then each variant's change = variant - baseline."""
    base, outcomes = runs
    table = kpi_table(outcomes, base.gemeenten).set_index("kpi")
    assert list(table.columns) == ["description", "baseline", "close-a", "new",
                                   "close-a_change", "new_change"]  # fmt: skip
    assert table.loc["moved_persons", "close-a"] == 3  # h1 (2) and h2 (1) leave A
    assert table.loc["moved_persons", "close-a_change"] == 3
    assert table.loc["moved_children", "close-a"] == 1
    assert table.loc["open_locations", "close-a_change"] == -1
    assert table.loc["open_capacity", "new_change"] == 6
    assert table.loc["status", "close-a_change"] is None


def test_emergency_places_and_cost_from_the_locations(runs):
    """Emergency places sum occupancy at noodopvang; cost sums persons x cost_per_night."""
    base, outcomes = runs
    table = kpi_table(outcomes, base.gemeenten).set_index("kpi")
    for name, outcome in outcomes.items():
        occ = outcome.locations.set_index("location_id")["occupancy_after"]
        assert table.loc["emergency_places_used", name] == occ["N"]
        cost = {"A": 50, "B": 60, "N": 100, "T": 80, "C": 40}
        expected = sum(occ[i] * c for i, c in cost.items() if i in occ)
        assert table.loc["cost_per_night_eur", name] == pytest.approx(expected)


def test_occupancy_per_province_adds_up_to_placed(runs):
    """Occupancy over the provinces sums to the persons placed."""
    base, outcomes = runs
    table = kpi_table(outcomes, base.gemeenten).set_index("kpi")
    provinces = [k for k in table.index if k.startswith("occupancy ")]
    assert len(provinces) == 12
    for name in outcomes:
        assert table.loc[provinces, name].sum() == table.loc["placed", name]


def test_location_changes_label_what_changed(runs):
    """Per-location change marks closed, capacity and added locations."""
    base, outcomes = runs
    closed = location_changes(outcomes["baseline"], outcomes["close-a"], base.gemeenten, "c")
    by_id = closed.set_index("location_id")
    assert by_id.loc["A", "change"] == "closed"
    assert by_id.loc["N", "change"] == "capacity"
    assert by_id.loc["A", "occupancy_change"] == -3
    assert closed["occupancy_change"].sum() == 0  # nobody lost a bed
    added = location_changes(outcomes["baseline"], outcomes["new"], base.gemeenten, "n")
    row = added.set_index("location_id").loc["C"]
    assert row["change"] == "added" and row["capacity_variant"] == 6
    assert row["capacity_baseline"] is None or str(row["capacity_baseline"]) == "<NA>"


def test_closure_moves_follow_the_variant_placements(runs):
    """Closure moves list A's households, from A, to where the variant placed them."""
    _, outcomes = runs
    moves = closure_moves(outcomes["baseline"], outcomes["close-a"], "close-a")
    assert list(moves["household_id"]) == ["h1", "h2"]
    assert list(moves["persons"]) == [2, 1] and list(moves["children"]) == [1, 0]
    assert set(moves["from_location_id"]) == {"A"} and set(moves["baseline_status"]) == {"stay"}
    placed = outcomes["close-a"].placements.drop_duplicates("household_id")
    to = placed.set_index("household_id")["to_location_id"]
    assert list(moves["to_location_id"]) == [to["h1"], to["h2"]]
    assert closure_moves(outcomes["baseline"], outcomes["new"], "new").empty


def test_compare_with_no_variants_gives_empty_frames(runs):
    """Comparing the baseline alone gives its KPIs and no changes."""
    base, outcomes = runs
    only = compare({"baseline": outcomes["baseline"]}, base.gemeenten)
    assert list(only.kpis.columns) == ["kpi", "description", "baseline"]
    assert only.locations.empty and only.closure_moves.empty
