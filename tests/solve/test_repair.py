"""The repair after fix and branch: chains of moves that keep every row and never cost more."""

from __future__ import annotations

import numpy as np
import pytest

from placement.model.matrix import build_matrix
from placement.model.prepare import prepare
from placement.solve.heuristics import (
    current_start,
    greedy,
    is_feasible,
    planner_order,
    start_vector,
)
from placement.solve.repair import improve
from tests.factories import make_scenario, random_scenario
from tests.solve.test_pricing import full_optimum


def _cost(mm, values):
    return float(mm.cost @ values + mm.offset)


def _given(data, mm, where: dict[str, str | None]):
    """The column vector of a placement named per household (None: waits)."""
    ids = data.locations["location_id"].tolist()
    hh = data.households["household_id"].tolist()
    dest = np.array([-1 if where[h] is None else ids.index(where[h]) for h in hh])
    return start_vector(data, mm, dest)


def test_a_chain_of_two_moves_places_the_household_that_waits():
    """H1 (medical) fits only A, where H2 sits; C has room: H2 moves on, H1 takes A.

    No single move saves: H1 cannot go to C, and H2 gains nothing by
    leaving A alone. The chain H1 -> A, H2 -> C saves the 10,000 of waiting.
    """
    locations = [
        {"location_id": "A", "capacity": 1, "has_medical": True},
        {"location_id": "C", "capacity": 5, "cost_per_night": 50},
    ]
    persons = [
        {"person_id": "p1", "household_id": "H1", "medical_need": True},
        {"person_id": "p2", "household_id": "H2"},
    ]
    data = prepare(make_scenario(locations, persons))
    mm = build_matrix(data)
    given = _given(data, mm, {"H1": None, "H2": "A"})
    assert is_feasible(mm, given)
    better = improve(data, mm, given)
    assert is_feasible(mm, better)
    assert _cost(mm, better) == pytest.approx(full_optimum(data, mm))
    assert _cost(mm, better) < _cost(mm, given) - 9000


def test_a_chain_of_three_moves():
    """H1 (medical) fits only A, H2 (a child) A or B, H3 anywhere: two households move on."""
    locations = [
        {"location_id": "A", "capacity": 1, "has_medical": True},
        {"location_id": "B", "capacity": 1},
        {"location_id": "C", "capacity": 5, "cost_per_night": 50, "child_suitable": False},
    ]
    persons = [
        {"person_id": "p1", "household_id": "H1", "medical_need": True},
        {"person_id": "p2", "household_id": "H2", "age": 16},
        {"person_id": "p3", "household_id": "H3"},
    ]
    data = prepare(make_scenario(locations, persons))
    mm = build_matrix(data)
    given = _given(data, mm, {"H1": None, "H2": "A", "H3": "B"})
    assert is_feasible(mm, given)
    better = improve(data, mm, given)
    assert is_feasible(mm, better)
    assert _cost(mm, better) == pytest.approx(full_optimum(data, mm))


def test_two_households_trade_locations_where_neither_has_room():
    """H1 is housed in A's gemeente but sits in B, H2 the other way round; both full."""
    locations = [
        {"location_id": "A", "capacity": 1, "gemeente_code": "GM0363"},
        {"location_id": "B", "capacity": 1, "gemeente_code": "GM0014"},
    ]
    persons = [
        {"person_id": "p1", "household_id": "H1", "housing_gemeente_code": "GM0363"},
        {"person_id": "p2", "household_id": "H2", "housing_gemeente_code": "GM0014"},
    ]
    data = prepare(make_scenario(locations, persons))
    mm = build_matrix(data)
    given = _given(data, mm, {"H1": "B", "H2": "A"})
    better = improve(data, mm, given)
    assert is_feasible(mm, better)
    assert _cost(mm, better) == pytest.approx(full_optimum(data, mm))
    assert _cost(mm, better) < _cost(mm, given) - 1.0


def _family_at_a_and_b(locations):
    """Households H1 at A and H2 at B of one family group F, one person each, repaired."""
    persons = [
        {"person_id": "p1", "household_id": "H1", "family_group": "F"},
        {"person_id": "p2", "household_id": "H2", "family_group": "F"},
    ]
    data = prepare(make_scenario(locations, persons))
    mm = build_matrix(data)
    given = _given(data, mm, {"H1": "A", "H2": "B"})
    return data, mm, given, improve(data, mm, given)


def test_a_family_member_rejoins_its_group():
    """Two households of one family at two locations: one moves to the other's, one split less."""
    locations = [
        {"location_id": "A", "capacity": 4},
        {"location_id": "B", "capacity": 4, "cost_per_night": 1},
    ]
    data, mm, given, better = _family_at_a_and_b(locations)
    assert is_feasible(mm, better)
    assert _cost(mm, better) == pytest.approx(_cost(mm, given) - 500 - 0.05)
    assert better[mm.blocks["split"]].sum() == 0


def test_a_split_group_gathers_at_a_site_none_of_it_holds():
    """H1 at A and H2 at B, one family; A and B hold one person each, C has room for both.

    Neither held site can take the other member, and no single move ends
    the split (H1 to C leaves C and B), so only moving both to C at once
    saves: the split's 500 for C's one euro a night more.
    """
    locations = [
        {"location_id": "A", "capacity": 1},
        {"location_id": "B", "capacity": 1},
        {"location_id": "C", "capacity": 4, "cost_per_night": 1},
    ]
    data, mm, given, better = _family_at_a_and_b(locations)
    assert is_feasible(mm, better)
    assert better[mm.blocks["split"]].sum() == 0
    assert _cost(mm, better) == pytest.approx(full_optimum(data, mm))
    assert _cost(mm, better) < _cost(mm, given) - 400


@pytest.mark.parametrize("mode", ["weekly", "rebalance"])
@pytest.mark.parametrize("seed", range(12))
def test_never_dearer_never_infeasible_and_the_optimum_stays(seed, mode):
    """From the stay-put start, the planner's greedy placement and the optimum."""
    data = prepare(random_scenario(seed, mode, n_locations=(3, 10), n_households=(8, 30)))
    mm = build_matrix(data)
    if mm.shape[1] == 0:
        return
    optimum = full_optimum(data, mm)
    starts = [current_start(data, mm), start_vector(data, mm, greedy(data, planner_order(data)))]
    for given in starts:
        if not is_feasible(mm, given):
            continue
        better = improve(data, mm, given)
        assert is_feasible(mm, better)
        assert optimum - 1e-6 <= _cost(mm, better) <= _cost(mm, given) + 1e-6


def test_a_split_group_whose_decided_member_fits_nowhere():
    """Weekly: H1 stays at A, H2 at B (one family), H3 of the family fits nowhere.

    The group is split by its stayers alone; its one decided member has no
    pair at all (no aanmeld location is open). Closing the demo's aanmeld
    centre in a what-if made exactly this case, and the gathering crashed.
    """
    locations = [{"location_id": "A", "capacity": 4}, {"location_id": "B", "capacity": 4}]
    persons = [
        {"person_id": "p1", "household_id": "H1", "family_group": "F", "current_location_id": "A"},
        {"person_id": "p2", "household_id": "H2", "family_group": "F", "current_location_id": "B"},
        {"person_id": "p3", "household_id": "H3", "family_group": "F", "track": "aanmelding"},
        {"person_id": "p4", "household_id": "H4", "family_group": "G"},
        {"person_id": "p5", "household_id": "H5", "family_group": "G", "current_location_id": "B"},
    ]
    data = prepare(make_scenario(locations, persons))
    mm = build_matrix(data)
    given = current_start(data, mm)
    assert is_feasible(mm, given)
    better = improve(data, mm, given)
    assert is_feasible(mm, better)
    assert _cost(mm, better) == pytest.approx(full_optimum(data, mm))
