"""The outlook of the demo: week 0 is the scenario's own week, capacity counts the flexible beds
the placement uses, and the Spreidingswet key spreads the scenario's own beds."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from placement.cli import app
from placement.input.read import read_scenario
from placement.simulate.run import waiting_persons

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"


@pytest.fixture(scope="module")
def outlook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("outlook") / "out"
    done = CliRunner().invoke(app, [
        "simulate", str(DEMO), "--out", str(out), "--weeks", "2", "--replications", "1",
        "--keep-weeks", "--no-history",
    ])  # fmt: skip
    assert done.exit_code == 0, done.output
    return out


def test_week_0_is_the_scenario_s_own_week(outlook: Path):
    """The demo lists 120 arrivals of its own, more than a week's inflow (39): nothing is drawn
    on top in week 0, so week 0 places everyone, as ``placement place`` does on the demo."""
    assert waiting_persons(read_scenario(DEMO)) == 120
    weeks = pd.read_csv(outlook / "weeks.csv")
    first = weeks[weeks["week"] == 0].iloc[0]
    assert first["arrivals"] == 0 and first["unplaced"] == 0
    assert (weeks.loc[weeks["week"] == 1, "arrivals"] > 0).all()  # the inflow from week 1
    given = read_scenario(outlook / "baseline" / "rep-0" / "week-0" / "scenario")
    assert waiting_persons(given) == 120
    kpis = json.loads((outlook / "kpis.json").read_text(encoding="utf-8"))
    first_short = kpis["variants"]["baseline"]["first_shortage_week"]
    assert all(f["p50"] != 0 and f["p90"] != 0 for f in first_short.values()), first_short


def test_capacity_counts_the_flexible_beds_the_placement_may_use(outlook: Path):
    """Per type, the outlook's capacity is the open locations' beds with their flexible beds,
    so occupancy never stands above capacity while nobody lacks a bed."""
    sites = pd.read_csv(outlook / "baseline" / "rep-0" / "week-0" / "result" / "locations.csv")
    assert sites["flex_capacity"].sum() > 0  # the demo has flexible beds
    usable = sites["open"] & ~sites["over_limit"]
    beds = (sites["capacity"] + sites["flex_capacity"].where(usable, 0)).where(sites["open"], 0)
    expected = beds.groupby(sites["type"]).sum()
    table = pd.read_csv(outlook / "outlook.csv")
    national = table[(table["province"] == "NL") & (table["week"] == 0)].set_index("type")
    assert national["capacity"].to_dict() == pytest.approx(expected.to_dict())
    short = table[(table["province"] == "NL")]
    fine = short[short["beds_short_p50"] == 0]
    assert (fine["occupancy_p50"] <= fine["capacity"]).all()
    weeks = pd.read_csv(outlook / "weeks.csv")
    assert weeks.loc[0, "capacity_regulier"] == expected["regulier"]


def test_the_spread_key_spreads_the_scenario_s_own_beds(outlook: Path):
    """Not the national 96,000 places: the key shares out the beds of this scenario."""
    table = pd.read_csv(outlook / "outlook.csv")
    provinces = table[(table["type"] == "all") & (table["week"] == 0)]
    beds = provinces["capacity"].sum()
    assert len(provinces) == 12  # every province of the key, also one without beds
    assert abs(provinces["spread_key"].sum() - beds) <= len(provinces)
    assert provinces["spread_key"].max() < beds
    largest = provinces.set_index("province")["spread_key"].idxmax()
    assert largest == "Zuid-Holland"  # the most populous province
