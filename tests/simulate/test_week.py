"""A simulated week: the contract's order, the hand-over, and a small case worked by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from placement.input.read import read_scenario
from placement.simulate.api import simulate
from placement.simulate.settings import Flow, SimulationSettings
from tests import hand_cases as hc


def _chain(folder: Path) -> Path:
    """Two locations; one registration household, one regular one, one linked status holder.

    A aanmeld cap 5; B regulier cap 10. R1 (2 adults, aanmelding) at A; R2
    (1 adult, regulier) at B; S (1 adult, vergunninghouder, linked to GM0344) at B.
    """
    locations = [hc.loc("A", "aanmeld", 5), hc.loc("B", "regulier", 10)]
    households = [
        hc.household("R1", "aanmelding", [30, 31], current="A"),
        hc.household("R2", "regulier", [40], current="B"),
        hc.household("S", "vergunninghouder", [50], current="B", housing="GM0344"),
    ]
    hc.write(folder, locations, households)
    return folder


#: No randomness: every stay lasts exactly its mean (1 week), nobody arrives.
FIXED = SimulationSettings(
    inflow_per_week=0,
    flows={
        "aanmelding": Flow(1, {"regulier": 1.0}),
        "regulier": Flow(1, {"leave": 1.0}),
    },
    leave_weeks=1,
    housing_lead_weeks=1,
    taakstelling={"2026-H2": 0},
)


def test_a_small_chain_week_by_week_by_hand(tmp_path: Path):
    """Weeks with fixed one-week stays, checked by hand.

    Week 0: nothing is due; R1 registered at the aanmeld location stays
    (weekly: not decided). Week 1: S moves into its home (lead time 1) and
    leaves; R1's registration ends, it changes track to regulier (2
    persons) and must move on from A to B (2 persons moved); R2's regular
    stay ends: it will leave in 1 week (not a track change). Week 2: R2
    leaves (1 person); R1's regular stay ends: leave in 1 week. Week 3: R1
    leaves (2 persons); nobody is left.
    """
    scenario = read_scenario(_chain(tmp_path / "s"))
    result = simulate(scenario, tmp_path / "out", weeks=4, sim=FIXED, seed=3)
    assert result.kpis["errors"] == []
    weeks = result.weeks.set_index("week")
    assert weeks["persons"].tolist() == [4, 3, 2, 0]
    assert weeks["departures_housing"].tolist() == [0, 1, 0, 0]
    assert weeks["departures_other"].tolist() == [0, 0, 1, 2]
    assert weeks["track_changes"].tolist() == [0, 2, 0, 0]
    assert weeks["moved_persons"].tolist() == [0, 2, 0, 0]
    assert weeks["occupancy_aanmeld"].tolist() == [2, 0, 0, 0]
    assert weeks["occupancy_regulier"].tolist() == [2, 3, 2, 0]
    assert weeks["date"].tolist() == ["2026-11-23", "2026-11-30", "2026-12-07", "2026-12-14"]


def test_stock_and_flow_balance_every_week(tmp_path: Path):
    """Persons at the end of a week = the week before + arrivals - departures."""
    from placement.synth import generate_scenario, write_scenario

    folder = tmp_path / "g"
    write_scenario(folder, *generate_scenario(persons=600, arrivals=20, locations=12, seed=5))
    scenario = read_scenario(folder)
    sim = SimulationSettings(inflow_per_week=25)
    weeks = simulate(scenario, tmp_path / "out", weeks=6, replications=2, sim=sim).weeks
    for _, rows in weeks.groupby("replication"):
        before = [len(scenario.persons), *rows["persons"].tolist()[:-1]]
        flow = rows["arrivals"] - rows["departures_housing"] - rows["departures_other"]
        assert rows["persons"].tolist() == [b + f for b, f in zip(before, flow, strict=True)]
        assert (rows["placed"] + rows["unplaced"] == rows["persons"]).all()


def test_kept_weeks_replay_exactly_and_hand_over(tmp_path: Path):
    """A kept week's scenario placed by `placement place` gives its result; the next week's
    state follows from it (current location, moves + 1 for moved persons)."""
    from typer.testing import CliRunner

    from placement.cli import app
    from placement.synth import generate_scenario, write_scenario

    folder = tmp_path / "g"
    write_scenario(folder, *generate_scenario(persons=500, arrivals=20, locations=10, seed=2))
    sim = SimulationSettings(inflow_per_week=15)
    simulate(read_scenario(folder), tmp_path / "out", weeks=3, sim=sim, keep_weeks=True, seed=4)
    rep = tmp_path / "out" / "baseline" / "rep-0"
    for week in range(3):
        given, kept = rep / f"week-{week}" / "scenario", rep / f"week-{week}" / "result"
        again = tmp_path / f"again-{week}"
        result = CliRunner().invoke(app, ["place", str(given), "--out", str(again), "--no-history"])
        assert result.exit_code == 0, result.output
        for name in ("placements.csv", "locations.csv", "explanations.csv"):
            assert (again / name).read_bytes() == (kept / name).read_bytes(), (week, name)
    placed = pd.read_csv(rep / "week-0" / "result" / "placements.csv", dtype=str,
                         keep_default_na=False).set_index("person_id")  # fmt: skip
    before = pd.read_csv(rep / "week-0" / "scenario" / "persons.csv", dtype=str,
                         keep_default_na=False).set_index("person_id")  # fmt: skip
    after = pd.read_csv(rep / "week-1" / "scenario" / "persons.csv", dtype=str,
                        keep_default_na=False).set_index("person_id")  # fmt: skip
    stayed_on = after.index.intersection(placed.index)
    assert len(stayed_on) > 0
    expected = placed.loc[stayed_on, "to_location_id"]
    assert (after.loc[stayed_on, "current_location_id"] == expected).all()
    moved = placed.loc[stayed_on, "status"].isin(["move", "unplaced"]) & (
        placed.loc[stayed_on, "from_location_id"] != ""
    )
    bump = before.loc[stayed_on, "moves"].astype(int) + moved.astype(int)
    assert (after.loc[stayed_on, "moves"].astype(int) == bump).all()
    assert moved.any()


def test_a_status_holder_gets_the_week_of_its_new_track_as_permit_date(tmp_path: Path):
    """Entering a link track sets permit_date to that week's date."""
    sim = SimulationSettings(
        inflow_per_week=0,
        flows={"regulier": Flow(1, {"vergunninghouder": 1.0})},
        taakstelling={"2026-H2": 0},
    )
    locations = [hc.loc("B", "regulier", 10)]
    hc.write(tmp_path / "s", locations, [hc.household("R", "regulier", [40], current="B")])
    simulate(read_scenario(tmp_path / "s"), tmp_path / "out", weeks=2, sim=sim, keep_weeks=True)
    persons = pd.read_csv(
        tmp_path / "out" / "baseline" / "rep-0" / "week-1" / "scenario" / "persons.csv", dtype=str
    )
    assert persons["track"].tolist() == ["vergunninghouder"]
    assert persons["permit_date"].tolist() == [(dt.date(2026, 11, 30)).isoformat()]


@pytest.mark.parametrize("inflow", [0, 10])
def test_arrivals_are_whole_households_without_a_location(tmp_path: Path, inflow: int):
    """Arrivals come as whole households in the first track, with no current location."""
    locations = [hc.loc("A", "aanmeld", 50)]
    hc.write(tmp_path / "s", locations, [hc.household("R", "aanmelding", [30], current="A")])
    sim = SimulationSettings(inflow_per_week=inflow, taakstelling={"2026-H2": 0})
    simulate(read_scenario(tmp_path / "s"), tmp_path / "out", weeks=1, sim=sim, keep_weeks=True)
    persons = pd.read_csv(
        tmp_path / "out" / "baseline" / "rep-0" / "week-0" / "scenario" / "persons.csv",
        dtype=str, keep_default_na=False,
    )  # fmt: skip
    new = persons[persons["current_location_id"] == ""]
    assert len(new) >= inflow and (new["track"] == "aanmelding").all()
    if inflow:
        assert len(new) < inflow + 8  # whole households: the last one may overshoot a little
        assert new.groupby("household_id")["person_id"].size().min() >= 1


def test_the_weekly_placement_prices_moves_ahead_with_the_variants_chain(tmp_path: Path):
    """The chain simulate draws from is the one moves_ahead prices with, and a kept week keeps it.

    F (regulier, 2 adults and a child) arrives before week 0's placement. A
    closes in week 5 and is free; B costs 3 x 300 x 0.05 = 45. Under the
    halving chain (hand_cases) p at A is 3/16: 1.5 + 3/16 x 65 = 13.7 < 45,
    so A; under the default chain (52 weeks in regulier) p at A is about
    0.99: about 66 > 45, so B. No simulation.toml: the chain is the run's.
    """
    from typer.testing import CliRunner

    from placement.cli import app

    locations = [
        hc.loc("A", "regulier", 5, cost_per_night=10, open_until=hc.CLOSES_WEEK_5),
        hc.loc("B", "regulier", 5, cost_per_night=300),
    ]
    hc.write(tmp_path / "s", locations, [hc.household("F", "regulier", [30, 31, 5])],
             weights={"ahead": 1})  # fmt: skip
    halving = SimulationSettings(
        inflow_per_week=0, flows={"regulier": Flow(2, {"leave": 1.0})}, leave_weeks=2,
        taakstelling={"2026-H2": 0},
    )  # fmt: skip
    default = SimulationSettings(inflow_per_week=0, taakstelling={"2026-H2": 0})
    for name, sim, where in (("halving", halving, "A"), ("default", default, "B")):
        out = tmp_path / name
        simulate(read_scenario(tmp_path / "s"), out, weeks=1, sim=sim, keep_weeks=True, seed=1)
        week = out / "baseline" / "rep-0" / "week-0"
        placed = pd.read_csv(week / "result" / "placements.csv", dtype=str, keep_default_na=False)
        assert set(placed["to_location_id"]) == {where}, name
        assert (week / "scenario" / "simulation.toml").exists() == (name == "halving")
        again = tmp_path / f"again-{name}"
        args = ["place", str(week / "scenario"), "--out", str(again), "--no-history"]
        assert CliRunner().invoke(app, args).exit_code == 0
        assert (again / "placements.csv").read_bytes() == (
            week / "result" / "placements.csv"
        ).read_bytes()
