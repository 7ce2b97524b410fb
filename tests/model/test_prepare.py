"""Who is decided, which pairs exist, how classes form: checked without solving."""

from __future__ import annotations

import datetime as dt

import pytest

from placement.errors import PlacementInputError
from placement.model.prepare import prepare
from tests.factories import make_scenario

CLOSED = dt.date(2026, 11, 22)


def _households(data):
    return data.households.set_index("household_id")


def test_weekly_decides_arrivals_closing_and_wrong_type_only():
    """Weekly mode decides arrivals, residents of closing locations and of a wrong type."""
    scn = make_scenario(
        [
            {"location_id": "R"},
            {"location_id": "X", "open_until": CLOSED},
            {"location_id": "A", "type": "aanmeld"},
        ],
        [
            {"person_id": "1", "household_id": "fits", "current_location_id": "R"},
            {"person_id": "2", "household_id": "closing", "current_location_id": "X"},
            {"person_id": "3", "household_id": "wrongtype", "current_location_id": "A"},
            {"person_id": "4", "household_id": "new"},
        ],
    )
    hh = _households(prepare(scn))
    assert hh["decided"].to_dict() == {
        "fits": False,
        "closing": True,
        "wrongtype": True,
        "new": True,
    }


def test_rebalance_decides_everyone():
    """Rebalance mode decides every household, stayers included."""
    scn = make_scenario(
        [{"location_id": "R"}],
        [{"person_id": "1", "household_id": "h", "current_location_id": "R"}],
        mode="rebalance",
    )
    assert _households(prepare(scn))["decided"].all()


def test_resident_of_open_location_may_not_be_unplaced():
    """Only arrivals and residents of a closing location may end without a bed."""
    scn = make_scenario(
        [{"location_id": "R"}, {"location_id": "X", "open_until": CLOSED}],
        [
            {"person_id": "1", "household_id": "stay", "current_location_id": "R"},
            {"person_id": "2", "household_id": "closing", "current_location_id": "X"},
            {"person_id": "3", "household_id": "new"},
        ],
        mode="rebalance",
    )
    hh = _households(prepare(scn))
    assert hh["unplaced_ok"].to_dict() == {"stay": False, "closing": True, "new": True}


def test_pairs_respect_medical_child_type_and_open():
    """A household pairs only with open, allowed, caring, child-suitable locations."""
    scn = make_scenario(
        [
            {"location_id": "ok", "has_medical": True},
            {"location_id": "nocare"},
            {"location_id": "nokids", "has_medical": True, "child_suitable": False},
            {"location_id": "wrongtype", "type": "versneld", "has_medical": True},
            {"location_id": "closed", "has_medical": True, "open_until": CLOSED},
            {"location_id": "later", "has_medical": True, "open_from": dt.date(2026, 11, 24)},
        ],
        [
            {"person_id": "1", "household_id": "h", "medical_need": True},
            {"person_id": "2", "household_id": "h", "age": 4},
        ],
    )
    data = prepare(scn)
    sites = data.locations["location_id"].to_numpy()[data.pairs["l"]]
    assert list(sites) == ["ok"]


def test_over_capacity_location_takes_no_arrivals_but_keeps_residents():
    """A location with more residents than beds keeps them and takes nobody else."""
    scn = make_scenario(
        [{"location_id": "full", "capacity": 1}, {"location_id": "other"}],
        [
            {"person_id": "1", "household_id": "r", "current_location_id": "full"},
            {"person_id": "2", "household_id": "r", "current_location_id": "full"},
            {"person_id": "3", "household_id": "new"},
        ],
        mode="rebalance",
    )
    data = prepare(scn)
    loc = data.locations.set_index("location_id")
    assert bool(loc.loc["full", "over_capacity"])
    assert loc["beds_left"].isna().loc["full"]
    pairs = {
        (data.classes.loc[k, "first"], data.locations.loc[l, "location_id"])
        for k, l in zip(data.pairs["k"], data.pairs["l"], strict=True)
    }
    assert pairs == {("r", "full"), ("r", "other"), ("new", "other")}


def test_over_children_location_takes_no_arriving_children():
    """A location over max_children still takes adults but no arriving children."""
    scn = make_scenario(
        [{"location_id": "L", "max_children": 0}],
        [
            {"person_id": "1", "household_id": "r", "current_location_id": "L", "age": 5},
            {"person_id": "2", "household_id": "kid", "age": 5},
            {"person_id": "3", "household_id": "adult"},
        ],
    )
    data = prepare(scn)
    firsts = data.classes.loc[data.pairs["k"], "first"].tolist()
    assert firsts == ["adult"]


def test_interchangeable_households_share_a_class():
    """Arrivals alike in every respect form one class with a count."""
    persons = [{"person_id": str(i), "household_id": f"h{i}"} for i in range(5)]
    persons.append({"person_id": "f", "household_id": "fam", "family_group": "g"})
    scn = make_scenario([{"location_id": "L"}], persons)
    data = prepare(scn)
    assert sorted(data.classes["count"].tolist()) == [1, 5]


def test_weekly_stayers_use_beds_first():
    """Beds left for decided households are the capacity minus undecided stayers."""
    scn = make_scenario(
        [{"location_id": "L", "capacity": 5, "max_children": 3}],
        [
            {"person_id": "1", "household_id": "r", "current_location_id": "L"},
            {"person_id": "2", "household_id": "r", "current_location_id": "L", "age": 3},
            {"person_id": "3", "household_id": "new"},
        ],
    )
    loc = prepare(scn).locations.iloc[0]
    assert (loc["beds_left"], loc["child_places_left"]) == (3, 2)


def test_pin_to_unsuitable_location_is_an_input_error_naming_its_line():
    """A pin the rules forbid is reported on its overrides.csv line."""
    scn = make_scenario(
        [{"location_id": "care", "has_medical": True}, {"location_id": "plain"}],
        [{"person_id": "1", "household_id": "h", "medical_need": True}],
        overrides=[{"household_id": "h", "location_id": "plain", "action": "pin", "reason": "x"}],
    )
    with pytest.raises(PlacementInputError) as info:
        prepare(scn)
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.column) == ("overrides.csv", 2, "location_id")
    assert "medical" in problem.message


def test_pins_that_overfill_a_location_are_an_input_error():
    """Pins needing more beds than a location has are reported."""
    scn = make_scenario(
        [{"location_id": "L", "capacity": 1}, {"location_id": "M"}],
        [{"person_id": "1", "household_id": "a"}, {"person_id": "2", "household_id": "b"}],
        overrides=[
            {"household_id": "a", "location_id": "L", "action": "pin", "reason": "x"},
            {"household_id": "b", "location_id": "L", "action": "pin", "reason": "y"},
        ],
    )
    with pytest.raises(PlacementInputError, match="need 2 beds .* more than its 1 bed;"):
        prepare(scn)


def test_pin_keeps_only_its_pair_and_forbid_removes_one():
    """A pinned household pairs only with its pin; a forbidden pair disappears."""
    scn = make_scenario(
        [{"location_id": "L"}, {"location_id": "M"}, {"location_id": "N"}],
        [{"person_id": "1", "household_id": "a"}, {"person_id": "2", "household_id": "b"}],
        overrides=[
            {"household_id": "a", "location_id": "M", "action": "pin", "reason": "x"},
            {"household_id": "b", "location_id": "L", "action": "forbid", "reason": "y"},
        ],
    )
    data = prepare(scn)
    pairs = sorted(
        (data.classes.loc[k, "first"], data.locations.loc[l, "location_id"])
        for k, l in zip(data.pairs["k"], data.pairs["l"], strict=True)
    )
    assert pairs == [("a", "M"), ("b", "M"), ("b", "N")]
    assert not data.classes.set_index("first").loc["a", "unplaced_ok"]
