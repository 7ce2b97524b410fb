"""explanations.csv and shortages.csv: figures recomputed by hand from the contract."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from placement.api import run
from placement.results.explanations import EXPLANATION_COLUMNS
from placement.results.shortages import SHORTAGE_COLUMNS
from tests.factories import gemeenten, make_scenario


def _km(code_a: str, code_b: str) -> float:
    """Haversine between two gemeente reference points, radius 6371.0 km (the contract)."""
    g = gemeenten().set_index("gemeente_code")
    lat1, lon1, lat2, lon2 = map(
        math.radians,
        [g.at[code_a, "lat"], g.at[code_a, "lon"], g.at[code_b, "lat"], g.at[code_b, "lon"]],
    )
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(a))


AMSTERDAM, GRONINGEN = "GM0363", "GM0014"
LOCATIONS = [
    {"location_id": "A", "gemeente_code": AMSTERDAM, "capacity": 4, "cost_per_night": 50.0},
    {"location_id": "B", "gemeente_code": GRONINGEN, "capacity": 10, "cost_per_night": 60.0},
]
PERSONS = [
    # h1: a new family of two for Amsterdam; h2: a resident of B with a child already moved once.
    {"person_id": "p1", "household_id": "h1", "housing_gemeente_code": AMSTERDAM},
    {"person_id": "p2", "household_id": "h1", "age": 5, "housing_gemeente_code": AMSTERDAM},
    {"person_id": "p3", "household_id": "h2", "current_location_id": "B",
     "housing_gemeente_code": GRONINGEN},
    {"person_id": "p4", "household_id": "h2", "age": 7, "moves": 1, "current_location_id": "B",
     "housing_gemeente_code": GRONINGEN},
    # h4, h5: one family group of two single new arrivals.
    {"person_id": "p5", "household_id": "h4", "family_group": "F1"},
    {"person_id": "p6", "household_id": "h5", "family_group": "F1"},
]  # fmt: skip


def _explain(**kwargs) -> tuple[pd.DataFrame, pd.DataFrame]:
    scenario = make_scenario(kwargs.pop("locations", LOCATIONS), kwargs.pop("persons", PERSONS),
                             **kwargs)  # fmt: skip
    outcome = run(scenario)
    table = outcome.explanations(scenario).set_index("household_id")
    return table, outcome.shortages()


def test_new_arrival_next_best_and_term_deltas_by_hand():
    """h1 ends at A; at B its distance and cost terms rise as the weights say; B has room."""
    table, _ = _explain(mode="rebalance")
    h1 = table.loc["h1"]
    assert (h1["status"], h1["to_location_id"], h1["next_best_location_id"]) == ("new", "A", "B")
    km = _km(AMSTERDAM, GRONINGEN)
    assert h1["delta_distance"] == pytest.approx(0.1 * 2 * km)
    assert h1["delta_cost"] == pytest.approx(0.05 * 2 * (60 - 50))
    for term in ("unplaced", "wrong_type", "family_split", "child_over_cap", "child_move", "move"):
        assert h1[f"delta_{term}"] == 0
    assert h1["delta_total"] == pytest.approx(0.2 * km + 1.0)
    assert bool(h1["next_best_has_room"]) and h1["next_best_beds_free"] == 10 - 2  # h2 stays at B


def test_resident_next_best_counts_move_child_terms_and_has_no_room():
    """h2 stays at B; at A it would pay move, child_move, child_over_cap; A is full."""
    table, _ = _explain(mode="rebalance")
    h2 = table.loc["h2"]
    assert (h2["status"], h2["to_location_id"], h2["next_best_location_id"]) == ("stay", "B", "A")
    assert h2["delta_move"] == pytest.approx(5 * 2)
    assert h2["delta_child_move"] == pytest.approx(50 * 1)
    assert h2["delta_child_over_cap"] == pytest.approx(200 * 1)
    assert h2["delta_distance"] == pytest.approx(0.1 * 2 * _km(AMSTERDAM, GRONINGEN))
    assert h2["delta_cost"] == pytest.approx(0.05 * 2 * (50 - 60))
    assert not bool(h2["next_best_has_room"]) and h2["next_best_beds_free"] == 0


def test_family_member_elsewhere_would_split_the_group():
    """h4 and h5 share A; sending h4 alone to B costs one family_split weight (500)."""
    table, _ = _explain(mode="rebalance")
    h4 = table.loc["h4"]
    assert h4["to_location_id"] == "A" and h4["next_best_location_id"] == "B"
    assert h4["delta_family_split"] == pytest.approx(500)
    assert h4["delta_cost"] == pytest.approx(0.05 * (60 - 50))
    assert "family group F1" in h4["rules"]


def test_weekly_stayer_has_rules_but_no_alternative():
    """In a weekly run a resident who is not reconsidered has no next-best location."""
    table, _ = _explain(mode="weekly")
    h2 = table.loc["h2"]
    assert h2["status"] == "stay" and h2["next_best_location_id"] == ""
    assert pd.isna(h2["delta_total"]) and "not reconsidered" in h2["rules"]


def test_pin_and_forbid_are_shown():
    """A pinned household shows the pin and has no alternative; a forbid is named in rules."""
    overrides = [
        {"household_id": "h1", "location_id": "B", "action": "pin", "reason": "school"},
        {"household_id": "h4", "location_id": "B", "action": "forbid", "reason": "conflict"},
    ]
    table, _ = _explain(mode="rebalance", overrides=overrides)
    h1, h4 = table.loc["h1"], table.loc["h4"]
    assert (h1["override"], h1["to_location_id"], h1["options"]) == ("pin", "B", 1)
    assert "pinned by a planner to B" in h1["rules"] and h1["next_best_location_id"] == ""
    assert h4["override"] == "forbid" and "a planner forbids B" in h4["rules"]


def test_unplaced_medical_household_names_the_beds_that_ran_out():
    """A medical arrival whose only medical location is full: limit 'beds', shortage of 1 bed."""
    locations = [
        *LOCATIONS,
        {"location_id": "M", "capacity": 1, "has_medical": True, "cost_per_night": 40.0},
    ]
    persons = [
        {"person_id": "r1", "household_id": "r", "current_location_id": "M"},
        {"person_id": "q1", "household_id": "q", "medical_need": True},
    ]
    table, shortages = _explain(locations=locations, persons=persons)
    q = table.loc["q"]
    assert q["status"] == "unplaced" and q["limit"] == "beds"
    assert "medical care" in q["limit_detail"] and "it needs 1" in q["limit_detail"]
    assert q["next_best_location_id"] == "M" and not bool(q["next_best_has_room"])
    assert q["delta_unplaced"] == pytest.approx(-10000)
    assert q["delta_cost"] == pytest.approx(0.05 * 40)
    row = shortages[shortages["medical"] & (shortages["track"] == "regulier")].iloc[0]
    assert (row["unplaced_persons"], row["beds_needed"], row["fitting_locations"]) == (1, 1, 1)
    assert bool(row["needs_medical"]) and row["allowed_types"] == "regulier/gemeentelijk/noodopvang"


def test_no_fitting_location_and_child_places():
    """No child-suitable location: 'no_fitting_location'; a max_children cap: 'child_places'."""
    locations = [{"location_id": "A", "child_suitable": False}]
    persons = [{"person_id": "c1", "household_id": "c", "age": 3}]
    table, _ = _explain(locations=locations, persons=persons)
    assert table.loc["c", "limit"] == "no_fitting_location"
    locations = [{"location_id": "A", "max_children": 1, "capacity": 10}]
    persons = [
        {"person_id": "k1", "household_id": "k", "age": 3},
        {"person_id": "k2", "household_id": "k", "age": 4},
    ]
    table, shortages = _explain(locations=locations, persons=persons)
    assert table.loc["k", "limit"] == "child_places"
    assert shortages["child_places_needed"].sum() == 2


def test_tables_have_their_columns_and_one_row_per_household():
    """One explanation row per household in input order; shortage rows per category."""
    table, shortages = _explain(mode="rebalance")
    assert list(table.reset_index().columns) == EXPLANATION_COLUMNS
    assert list(table.index) == ["h1", "h2", "h4", "h5"]
    assert list(shortages.columns) == SHORTAGE_COLUMNS
    assert shortages["persons"].sum() == len(PERSONS)


#: What the reason of an unplaced household says, for each limit that ran out.
REASON_OF_LIMIT = {
    "no_fitting_location": "exists on the planning date",
    "over_limits": "is over its limits",
    "forbidden": "a planner ruled out every",
    "beds": "full (needs",
    "child_places": "no child places are left",
    "time_limit": "stopped at its time limit",
    "cost": "cost less than any placement",
}


@pytest.mark.parametrize("seed", range(30))
def test_reason_and_limit_come_from_one_decision(seed):
    """Every unplaced household's reason says what its limit in explanations.csv says."""
    from tests.factories import random_scenario

    outcome = run(random_scenario(seed, "rebalance" if seed % 2 else "weekly"))
    hh = outcome.households
    unplaced = hh[hh["dest"] < 0]
    table = outcome.explanations().set_index("household_id")
    for h in unplaced.itertuples():
        assert table.at[h.household_id, "limit"] == h.limit != ""
        assert REASON_OF_LIMIT[h.limit] in h.reason, (h.limit, h.reason)
    assert (hh.loc[hh["dest"] >= 0, "limit"] == "").all()


def test_every_limit_is_met_by_some_random_scenario():
    """The scenarios above reach the common limits, so the test above checks them."""
    from tests.factories import random_scenario

    seen = set()
    for seed in range(30):
        hh = run(random_scenario(seed, "rebalance" if seed % 2 else "weekly")).households
        seen |= set(hh.loc[hh["dest"] < 0, "limit"])
    assert {"no_fitting_location", "beds"} <= seen


def test_flex_and_closing_deltas_and_reasons_by_hand():
    """Deltas of flex_bed and closing_soon at the next-best location, and the reasons that say so.

    A: cap 2, flex 2, free, at 0; B: cap 10 at 3000 a night (150 a person),
    closes 2026-12-01 (within 28 days). Arrivals h1, h2 (2 adults each):
    both at A (2 flexible beds, 200) beats B (300 + closing 40). For h2,
    B is next-best: +300 cost, +40 closing_soon, -200 flex (A drops back to
    capacity), and moves_ahead: B closes in week C = 2 (8 days), so a
    regulier household there must move unless it departed by then: only
    through week 1's track change (1/52) to vergunninghouder (0.5) or
    leaving (0.5) and week 2's departure (1/20 and 1/12): 1/2080 + 1/1248 =
    1/780; +10 x (1 - 1/780) (2 persons x move 5; at A, p = 0). Both reasons
    name the flexible beds in use; h2 was kept out of B only if B were
    cheaper without closing_soon, which it is not.
    """
    locations = [
        {"location_id": "A", "capacity": 2, "flex_capacity": 2},
        {"location_id": "B", "capacity": 10, "cost_per_night": 3000.0, "open_until": "2026-12-01"},
    ]
    persons = [{"person_id": f"p{h}{i}", "household_id": f"h{h}"} for h in (1, 2) for i in (1, 2)]
    scenario = make_scenario(locations, persons)
    outcome = run(scenario)
    table = outcome.explanations(scenario).set_index("household_id")
    h2 = table.loc["h2"]
    assert (h2["to_location_id"], h2["next_best_location_id"]) == ("A", "B")
    assert h2["delta_cost"] == pytest.approx(300.0)
    assert h2["delta_closing_soon"] == pytest.approx(40.0)
    assert h2["delta_flex_bed"] == pytest.approx(-200.0)
    assert h2["delta_moves_ahead"] == pytest.approx(10 * (1 - 1 / 780))
    assert h2["delta_total"] == pytest.approx(140.0 + 10 * (1 - 1 / 780))
    assert outcome.kpis["objective_terms"]["flex_bed"] == 200.0
    assert outcome.locations.set_index("location_id").at["A", "flex_used"] == 2
    reasons = outcome.households.set_index("household_id")["reason"]
    assert "A uses 2 of its 2 flexible beds" in reasons["h1"]
    assert "kept out of" not in reasons["h2"]


def test_reason_names_the_closing_location_it_was_kept_out_of():
    """An arrival that would take the free closing location but for closing_soon is told so."""
    locations = [
        {"location_id": "A", "capacity": 5, "open_until": "2026-12-01"},
        {"location_id": "B", "capacity": 5, "cost_per_night": 100.0},
    ]
    outcome = run(make_scenario(locations, [{"person_id": "p1", "household_id": "h1"}]))
    (reason,) = outcome.households["reason"]
    assert outcome.households["dest"].tolist() == [1]  # B: 5 < closing_soon 20
    assert "kept out of A (A), whose last open night is 1 December 2026" in reason


def test_flex_delta_counts_no_beds_beyond_the_limit():
    """A full location without flexible beds: next-best has no room, and no flex_bed delta."""
    locations = [
        {"location_id": "A", "capacity": 1},
        {"location_id": "B", "capacity": 5, "cost_per_night": 10.0},
    ]
    persons = [
        {"person_id": "r", "household_id": "R", "current_location_id": "A"},
        {"person_id": "n", "household_id": "N"},
    ]
    scenario = make_scenario(locations, persons)
    n = run(scenario).explanations(scenario).set_index("household_id").loc["N"]
    assert (n["to_location_id"], n["next_best_location_id"]) == ("B", "A")
    assert not bool(n["next_best_has_room"]) and n["delta_flex_bed"] == 0.0


def test_figures_without_reasons_are_the_same_and_refuse_explanations():
    """reasons=False (as the simulation runs) changes no figure and explains nothing."""
    from tests.factories import random_scenario

    scenario = random_scenario(4, "rebalance")
    full, bare = run(scenario), run(scenario, reasons=False)
    drop = [k for k in full.kpis if k.endswith("_seconds")]
    assert {k: v for k, v in full.kpis.items() if k not in drop} == {
        k: v for k, v in bare.kpis.items() if k not in drop
    }
    columns = [c for c in full.placements.columns if c != "reason"]
    pd.testing.assert_frame_equal(full.placements[columns], bare.placements[columns])
    pd.testing.assert_frame_equal(full.locations, bare.locations)
    assert (full.placements["reason"] != "").all() and (bare.placements["reason"] == "").all()
    with pytest.raises(ValueError, match="without reasons"):
        bare.explanations()
    with pytest.raises(ValueError, match="without reasons"):
        bare.shortages()


def test_reason_says_where_moves_ahead_kept_a_family_out_and_why(tmp_path):
    """hand_cases: F goes to B, not the cheaper A that closes in week 5, and is told why.

    Under the halving chain a regulier household first changes track after
    2 weeks on average, then departs after 2 more: about 4 weeks left.
    """
    from placement.input.read import read_scenario
    from tests import hand_cases as hc

    hc.case_moves_ahead_avoids_closing(tmp_path / "s")
    outcome = run(read_scenario(tmp_path / "s"))
    (reason,) = outcome.households["reason"]
    assert (
        "B rather than A: A closes on 27 December 2026, while this family is expected to "
        "stay about 4 more weeks" in reason
    )
    table = outcome.explanations(read_scenario(tmp_path / "s")).set_index("household_id")
    assert table.at["F", "next_best_location_id"] == "A"
    assert table.at["F", "delta_moves_ahead"] == pytest.approx(3 / 16 * 65)
    hc.case_moves_ahead_myopic(tmp_path / "m")
    (reason,) = run(read_scenario(tmp_path / "m")).households["reason"]
    assert "rather than" not in reason
