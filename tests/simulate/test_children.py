"""The motions' measure: arrived children moved beyond the cap, and the floor no policy avoids."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from placement.input.read import read_scenario
from placement.simulate.api import simulate
from placement.simulate.settings import Flow, SimulationSettings
from tests import hand_cases as hc

#: Registration lasts exactly one week, then the regular track, which is never left.
ONE_WEEK = SimulationSettings(
    inflow_per_week=0,
    flows={"aanmelding": Flow(1, {"regulier": 1.0})},
    housing_lead_weeks=1,
    taakstelling={"2026-H2": 0},
)


def _closing(folder: Path, **weights: float) -> Path:
    """A aanmeld; B regulier, last night 2026-12-06 (closed from week 2); C regulier from week 2.

    F (adult 30, child 5, aanmelding) waits for its first bed; G (adult 40,
    child 8 with one move already, regulier) lives at B; H (adult 50, child
    10 with one move, vergunninghouder, linked) lives at B and moves into its
    home in week 1.
    """
    locations = [
        hc.loc("A", "aanmeld", 10),
        hc.loc("B", "regulier", 10, open_until="2026-12-06"),
        hc.loc("C", "regulier", 10, open_from="2026-12-07"),
    ]
    households = [
        hc.household("F", "aanmelding", [30, 5]),
        hc.household("G", "regulier", [40, 8], current="B", moves=(1, 1)),
        hc.household("H", "vergunninghouder", [50, 10], current="B", housing="GM0344",
                     moves=(1, 1)),
    ]  # fmt: skip
    hc.write(folder, locations, households, weights=weights)
    return folder


@pytest.mark.parametrize("ahead", [0, 1])
def test_a_child_moved_twice_by_a_closure_by_hand(tmp_path: Path, ahead: int):
    """Worked by hand, week by week.

    Week 0: F arrives (1 child) and is placed at A, the only aanmeld
    location. Week 1: H moves into its home; F's registration ends and it
    must leave A (regulier may not stay at an aanmeld location for free): B
    is the only regulier location open, so F moves there (the child's
    first move). Week 2: B is closed; F and G move to C. F's child makes its
    second move: 1 arrived child moved twice. G's child was at the cap at
    the start and its location closed while G was still in reception: the
    floor is 1 (H's child would have been, but H left in week 1). No week
    leaves a choice, so looking ahead (``ahead``) changes nothing.
    """
    scenario = read_scenario(_closing(tmp_path / "s", ahead=ahead))
    result = simulate(scenario, tmp_path / "out", weeks=3, sim=ONE_WEEK, seed=1)
    weeks = result.weeks.set_index("week")
    assert weeks["arrived_children"].tolist() == [1, 0, 0]
    assert weeks["moved_children"].tolist() == [0, 1, 2]
    assert weeks["arrived_children_moved_twice"].tolist() == [0, 0, 1]
    assert weeks["arrived_children_moved_twice_cumulative"].tolist() == [0, 0, 1]
    assert weeks["children_over_cap"].tolist() == [0, 0, 2]
    assert weeks["children_over_cap_floor"].tolist() == [0, 0, 1]
    assert weeks["departures_housing"].tolist() == [0, 2, 0]
    kpis = json.loads((tmp_path / "out" / "kpis.json").read_text())
    base = kpis["variants"]["baseline"]
    assert base["arrived_children"]["mean"] == 1
    assert base["arrived_children_moved_twice"]["p50"] == 1
    assert base["totals"]["children_over_cap_floor"]["mean"] == 1


def test_a_higher_cap_counts_the_third_move(tmp_path: Path):
    """With ``max_child_moves = 2`` two moves are within the cap: nobody is counted."""
    folder = _closing(tmp_path / "s", max_child_moves=2)
    result = simulate(read_scenario(folder), tmp_path / "out", weeks=3, sim=ONE_WEEK)
    assert result.weeks["arrived_children_moved_twice"].sum() == 0
    assert result.weeks["children_over_cap_floor"].sum() == 0


def test_arrived_children_recomputed_from_the_kept_weeks(tmp_path: Path):
    """On a random run, both counts agree with the persons of every kept week."""
    from placement.synth import generate_scenario, write_scenario

    folder = tmp_path / "g"
    write_scenario(folder, *generate_scenario(persons=400, arrivals=15, locations=8, seed=3))
    sim = SimulationSettings(inflow_per_week=30)
    result = simulate(read_scenario(folder), tmp_path / "out", weeks=4, sim=sim, seed=2,
                      keep_weeks=True)  # fmt: skip
    rep = tmp_path / "out" / "baseline" / "rep-0"
    read = {"dtype": str, "keep_default_na": False}
    start = pd.read_csv(folder / "persons.csv", **read)
    residents = set(start.loc[start["current_location_id"] != "", "household_id"])
    seen: dict[str, int] = {}
    children: set[str] = set()
    for week in range(4):
        persons = pd.read_csv(rep / f"week-{week}" / "scenario" / "persons.csv", **read)
        placed = pd.read_csv(rep / f"week-{week}" / "result" / "placements.csv", **read)
        arrived = persons[~persons["household_id"].isin(residents)]
        kids = arrived[arrived["age"].astype(int) < 18]
        children |= set(kids["person_id"])
        moves = kids.set_index("person_id")["moves"].astype(int)
        moved = placed.set_index("person_id")["status"].isin(["move", "unplaced"]) & (
            placed.set_index("person_id")["from_location_id"] != ""
        )
        after = moves + moved.reindex(moves.index, fill_value=False).astype(int)
        for person, m in after.items():
            seen[str(person)] = max(seen.get(str(person), 0), int(m))
    weeks = result.weeks
    assert weeks["arrived_children"].sum() == len(children) > 0
    assert weeks["arrived_children_moved_twice"].sum() == sum(m >= 2 for m in seen.values())
