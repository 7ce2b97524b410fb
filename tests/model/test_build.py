"""The model's structure, checked without solving, and tiny solves with known optima."""

from __future__ import annotations

import datetime as dt

import pyomo.environ as pyo
import pytest

from placement.api import run
from placement.model import build_model
from placement.model.prepare import prepare
from tests.factories import make_scenario


def _tiny():
    return make_scenario(
        [
            {"location_id": "A", "capacity": 3, "has_medical": True, "cost_per_night": 50},
            {"location_id": "B", "capacity": 10, "gemeente_code": "GM0014", "cost_per_night": 60},
            {"location_id": "C", "type": "aanmeld", "gemeente_code": "GM1950", "capacity": 5},
        ],
        [
            # A regulier family still at the aanmeld centre: must move on.
            {"person_id": "p1", "household_id": "h1", "current_location_id": "C",
             "housing_gemeente_code": "GM0363"},
            {"person_id": "p2", "household_id": "h1", "current_location_id": "C", "age": 5,
             "moves": 1, "housing_gemeente_code": "GM0363"},
            {"person_id": "p3", "household_id": "h2", "medical_need": True},
            {"person_id": "p4", "household_id": "h3", "track": "aanmelding"},
            {"person_id": "p5", "household_id": "h3", "track": "aanmelding"},
        ],
    )  # fmt: skip


def test_placed_once_row_sums_pairs_and_unplaced():
    """placed_once[k] reads sum_l x[k,l] + u[k] == N_k for an arrival class."""
    data = prepare(_tiny())
    m = build_model(data)
    k = int(data.classes.index[data.classes["first"] == "h2"][0])
    con = m.placed_once[k]
    for var in m.component_data_objects(pyo.Var):
        var.fix(0)
    m.assign[k, 0].fix(1)
    assert pyo.value(con.body) == 1 and pyo.value(con.upper) == 1 == pyo.value(con.lower)
    m.unplaced[k].fix(1)  # the arrival's "left unplaced" counts in the same row
    assert pyo.value(con.body) == 2


def test_capacity_row_counts_persons_of_each_class():
    """location_capacity[l] weighs each class by its household size."""
    data = prepare(_tiny())
    m = build_model(data)
    for var in m.component_data_objects(pyo.Var):
        var.fix(1)
    # A: h1 (2 persons, moving in) and h2 (1 person) may go there: 3 persons.
    assert pyo.value(m.location_capacity[0].body) == 3
    assert pyo.value(m.location_capacity[0].upper) == 3


def test_tiny_optimum_worked_by_hand():
    """h1 leaves the aanmeld centre for A, h2 needs A's care, h3 registers at C: 277.5.

    h1 at A: move 2x5 + child_move 50 + child_over_cap 200 + cost 2x50x0.05 = 265
    (at B it pays 6 more cost and ~30 distance; staying costs 2000 wrong_type).
    h2 at A: cost 50x0.05 = 2.5. h3 at C: 0. moves_ahead: h3 will leave the
    aanmeld centre for another type (p = 1 - (1 - 1/1.5)^520, 1 to the
    float): 2 persons x 5 = 10; h1 and h2 at regulier locations without a
    closing date never have to move (p = 0). Total 277.5.
    """
    result = run(_tiny())
    assert result.kpis["objective"] == pytest.approx(277.5)
    to = result.placements.set_index("person_id")["to_location_id"].to_dict()
    assert to == {"p1": "A", "p2": "A", "p3": "A", "p4": "C", "p5": "C"}
    assert result.kpis["objective_terms"]["child_over_cap"] == 200


def test_shortage_leaves_arrivals_unplaced_with_a_reason():
    """With one bed for two arrivals, one is unplaced and told why; never infeasible."""
    scn = make_scenario(
        [{"location_id": "L", "capacity": 1}],
        [{"person_id": "1", "household_id": "a"}, {"person_id": "2", "household_id": "b"}],
    )
    result = run(scn)
    assert result.kpis["unplaced"] == 1
    assert result.kpis["objective"] == pytest.approx(10000)
    row = result.placements.set_index("person_id").loc["2"]
    assert row["status"] == "unplaced" and "full" in row["reason"]


def test_no_fitting_location_reason_names_the_need():
    """An arrival with a medical need and no care anywhere is told so."""
    scn = make_scenario(
        [{"location_id": "L"}], [{"person_id": "1", "household_id": "a", "medical_need": True}]
    )
    reason = run(scn).placements["reason"].iloc[0]
    assert "medical care" in reason and "no open" in reason


def test_family_group_kept_together_when_room_allows():
    """Two households of one family group end at the same location."""
    scn = make_scenario(
        [
            {"location_id": "L", "capacity": 2},
            {"location_id": "M", "capacity": 2, "cost_per_night": 1},
        ],
        [
            {"person_id": "1", "household_id": "a", "family_group": "F"},
            {"person_id": "2", "household_id": "b", "family_group": "F"},
            {"person_id": "3", "household_id": "c"},
        ],
        weights={"cost": 1},
    )
    result = run(scn)
    to = result.placements.set_index("person_id")["to_location_id"]
    assert to["1"] == to["2"] == "L" and to["3"] == "M"
    assert result.kpis["family_splits"] == 0 and result.kpis["objective"] == pytest.approx(1)


def test_closed_location_residents_move_and_closed_site_reports_departures():
    """Everyone at a closing location moves; its row shows the departures."""
    scn = make_scenario(
        [{"location_id": "X", "open_until": dt.date(2026, 11, 1)}, {"location_id": "Y"}],
        [
            {"person_id": str(i), "household_id": f"h{i}", "current_location_id": "X"}
            for i in range(3)
        ],
    )
    result = run(scn)
    assert set(result.placements["to_location_id"]) == {"Y"}
    x = result.locations.set_index("location_id").loc["X"]
    assert (x["occupancy_before"], x["occupancy_after"], x["departures"]) == (3, 0, 3)


def test_overrides_are_marked_in_placements():
    """A pinned household is marked 'pin' and a forbidden one 'forbid'; others empty."""
    scn = make_scenario(
        [{"location_id": "L"}, {"location_id": "M", "cost_per_night": 5}],
        [
            {"person_id": "1", "household_id": "a"},
            {"person_id": "2", "household_id": "b"},
            {"person_id": "3", "household_id": "c"},
        ],
        overrides=[
            {"household_id": "a", "location_id": "M", "action": "pin", "reason": "near school"},
            {"household_id": "b", "location_id": "L", "action": "forbid", "reason": "conflict"},
        ],
    )
    rows = run(scn).placements.set_index("person_id")
    assert rows["override"].to_dict() == {"1": "pin", "2": "forbid", "3": ""}
    assert rows.loc["1", "to_location_id"] == "M" and "near school" in rows.loc["1", "reason"]
    assert rows.loc["2", "to_location_id"] == "M" and rows.loc["3", "to_location_id"] == "L"
