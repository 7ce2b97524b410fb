"""What-if variants: applied to a copy, compared against separately computed runs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from placement import read_scenario, run
from placement.cli import app
from placement.errors import PlacementInputError
from placement.whatif import Variant, apply_variant, read_variants, run_whatif, scale_arrivals

SMALL = Path(__file__).parent / "data" / "whatif"
DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"
runner = CliRunner()


@pytest.fixture(scope="module")
def small():
    return read_scenario(SMALL)


@pytest.fixture(scope="module")
def demo():
    return read_scenario(DEMO)


@pytest.fixture(scope="module")
def demo_whatif(demo):
    variants = [
        Variant("close-l004", close=("L004",)),
        Variant("surge", arrivals_factor=1.5, seed=3),
        Variant("new", add_locations=SMALL / "new_locations.csv", capacity={"L005": 40}),
    ]
    return run_whatif(demo, variants)


def test_apply_variant_leaves_the_baseline_alone(small):
    """Applying a variant changes a copy, never the baseline's frames."""
    before = (small.locations.copy(), small.persons.copy(), small.settings)
    variant = Variant("v", close=("A",), capacity={"B": 9}, arrivals_factor=3.0,
                      add_locations=SMALL / "new_locations.csv", weights={"move": 7})  # fmt: skip
    changed = apply_variant(small, variant)
    pd.testing.assert_frame_equal(small.locations, before[0])
    pd.testing.assert_frame_equal(small.persons, before[1])
    assert small.settings == before[2]
    assert changed.settings.weights.move == 7
    assert list(changed.locations["location_id"]) == ["A", "B", "N", "T", "C"]


def test_close_sets_last_night_to_the_day_before(small):
    """A closed location's open_until is the day before the planning date."""
    changed = apply_variant(small, Variant("v", close=("A",)))
    until = changed.locations.set_index("location_id")["open_until"]
    assert until["A"] == pd.Timestamp(dt.date(2026, 11, 22))
    assert until[["B", "N", "T"]].isna().all()


def test_close_unknown_id_is_a_command_line_error(small):
    """Closing an id that does not exist names the command line."""
    with pytest.raises(PlacementInputError) as info:
        apply_variant(small, Variant("v", close=("ZZ",)))
    assert info.value.problems[0].file == "command line"
    assert "ZZ" in info.value.problems[0].message


def test_capacity_of_unknown_id_is_an_error(small):
    """A capacity for an unknown location is an input error."""
    with pytest.raises(PlacementInputError, match="QQ"):
        apply_variant(small, Variant("v", capacity={"QQ": 3}))


def test_add_locations_duplicate_id_names_file_and_line(small, tmp_path):
    """A new location reusing an id is reported with its file and line."""
    path = tmp_path / "new.csv"
    path.write_text("location_id,name,gemeente_code,type,capacity\nX,x,GM0344,regulier,3\n"
                    "A,a,GM0344,regulier,3\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(PlacementInputError) as info:
        apply_variant(small, Variant("v", add_locations=path))
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.column) == (str(path), 3, "location_id")


def test_add_locations_uses_the_reader_checks(small, tmp_path):
    """Bad cells in the new locations get the reader's messages (gemeente, type, capacity)."""
    path = tmp_path / "new.csv"
    path.write_text("location_id;name;gemeente_code;type;capacity\nX;x;GM9999;kasteel;-3\n",
                    encoding="cp1252")  # fmt: skip
    with pytest.raises(PlacementInputError) as info:
        apply_variant(small, Variant("v", add_locations=path))
    columns = {p.column for p in info.value.problems}
    assert {"gemeente_code", "type", "capacity"} <= columns
    assert all(p.line == 2 for p in info.value.problems)


def test_scale_arrivals_draws_whole_households_with_fresh_ids(demo):
    """A factor of 1.5 adds arrival households copied whole, seeded, with new ids."""
    persons = demo.persons
    arrivals = persons[persons["current_location_id"] == ""]
    n = arrivals["household_id"].nunique()
    scaled = scale_arrivals(persons, 1.5, seed=1)
    extra = scaled.iloc[len(persons) :]
    assert extra["household_id"].nunique() == round(1.5 * n) - n
    assert scaled["person_id"].is_unique
    assert (extra["current_location_id"] == "").all()
    assert extra["household_id"].str.contains(r"-s\d+$").all()
    origin = extra["household_id"].str.replace(r"-s\d+$", "", regex=True)
    sizes = arrivals.groupby("household_id").size()
    assert (extra.groupby(origin).size() % sizes.reindex(origin.unique())).eq(0).all()
    pd.testing.assert_frame_equal(scaled.iloc[: len(persons)], persons)
    pd.testing.assert_frame_equal(scale_arrivals(persons, 1.5, seed=1), scaled)
    assert not scale_arrivals(persons, 1.5, seed=2).equals(scaled)


def test_scale_arrivals_below_one_keeps_the_first_households(demo):
    """A factor below 1 keeps the first arrival households in input order, all residents."""
    persons = demo.persons
    arrival = persons["current_location_id"] == ""
    households = pd.unique(persons.loc[arrival, "household_id"])
    kept = scale_arrivals(persons, 0.5)
    kept_arrivals = pd.unique(kept.loc[kept["current_location_id"] == "", "household_id"])
    assert list(kept_arrivals) == list(households[: round(0.5 * len(households))])
    assert (kept["current_location_id"] != "").sum() == (~arrival).sum()


def test_read_variants_reads_each_table(tmp_path):
    """variants.toml gives one Variant per table, paths relative to the file."""
    new_azc, close_a = read_variants(SMALL / "variants.toml")
    assert new_azc.name == "new-azc" and new_azc.add_locations == SMALL / "new_locations.csv"
    assert close_a.close == ("A",) and dict(close_a.capacity) == {"N": 2}
    bad = tmp_path / "variants.toml"
    bad.write_text("[variants.x]\nclosed = ['A']\n", encoding="utf-8")
    with pytest.raises(PlacementInputError, match="unknown key"):
        read_variants(bad)


def test_variant_rejects_reserved_names():
    """A variant may not be called baseline or comparison, nor hold a slash."""
    for name in ("baseline", "comparison", "a/b", ""):
        with pytest.raises(ValueError):
            Variant(name)


def test_whatif_runs_equal_separate_runs(demo, demo_whatif):
    """Each run of the what-if equals running its variant scenario alone."""
    for variant in demo_whatif.variants:
        alone = run(apply_variant(demo, variant))
        inside = demo_whatif.outcomes[variant.name]
        assert inside.kpis["objective"] == pytest.approx(alone.kpis["objective"])
        pd.testing.assert_frame_equal(inside.placements, alone.placements)
    base = run(demo)
    pd.testing.assert_frame_equal(demo_whatif.baseline.placements, base.placements)


def test_comparison_kpis_match_recomputed_figures(demo, demo_whatif):
    """Comparison KPIs equal figures recomputed from each run's placements."""
    kpis = demo_whatif.comparison.kpis.set_index("kpi")
    province = demo.gemeenten.set_index("gemeente_code")["province"]
    for name, scenario in demo_whatif.scenarios.items():
        p = demo_whatif.outcomes[name].placements
        sites = scenario.locations.set_index("location_id")
        placed = p[p["to_location_id"] != ""]
        to = sites.loc[placed["to_location_id"]]
        assert kpis.loc["unplaced", name] == (p["status"] == "unplaced").sum()
        moved = (p["from_location_id"] != "") & (p["from_location_id"] != p["to_location_id"])
        assert kpis.loc["moved_persons", name] == moved.sum()
        assert kpis.loc["emergency_places_used", name] == (to["type"] == "noodopvang").sum()
        cost = to["cost_per_night"].fillna(0).sum()
        assert kpis.loc["cost_per_night_eur", name] == pytest.approx(cost)
        km = placed["distance_km"].dropna().to_numpy(float)
        assert kpis.loc["distance_km_mean", name] == pytest.approx(km.mean(), abs=1e-3)
        assert kpis.loc["distance_km_p95", name] == pytest.approx(np.percentile(km, 95), abs=2e-3)
        per_province = to["gemeente_code"].map(province).value_counts()
        assert kpis.loc["occupancy Groningen", name] == per_province.get("Groningen", 0)
        for variant in demo_whatif.variants:
            change = kpis.loc["unplaced", f"{variant.name}_change"]
            assert change == kpis.loc["unplaced", variant.name] - kpis.loc["unplaced", "baseline"]


def test_closure_moves_list_every_resident_of_the_closed_location(demo, demo_whatif):
    """Closure moves name each household resident at L004 and where the variant puts it."""
    moves = demo_whatif.comparison.closure_moves
    moves = moves[moves["variant"] == "close-l004"]
    residents = demo.persons[demo.persons["current_location_id"] == "L004"]
    assert set(moves["household_id"]) == set(residents["household_id"])
    assert moves["persons"].sum() == len(residents)
    p = demo_whatif.outcomes["close-l004"].placements.drop_duplicates("household_id")
    to = p.set_index("household_id")["to_location_id"]
    assert (moves["to_location_id"].to_numpy() == to[moves["household_id"]].to_numpy()).all()
    assert (moves["to_location_id"] != "L004").all()


def test_cli_whatif_writes_runs_and_comparison(tmp_path):
    """placement whatif writes baseline, variant and comparison folders (exit 0)."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["whatif", str(SMALL), "--out", str(out), "--close", "A",
                                 "--capacity", "N=2", "--name", "close-a", "--xlsx"])  # fmt: skip
    assert result.exit_code == 0, result.output
    for name in ("baseline", "close-a"):
        assert {f.name for f in (out / name).iterdir()} >= {
            "placements.csv", "locations.csv", "kpis.json"}  # fmt: skip
    assert (out / "whatif.xlsx").is_file()
    kpis = pd.read_csv(out / "comparison" / "kpis.csv").set_index("kpi")
    alone = json.loads((out / "close-a" / "kpis.json").read_text())
    assert float(kpis.loc["moved_persons", "close-a"]) == alone["moved_persons"] == 3
    moves = pd.read_csv(out / "comparison" / "closure_moves.csv")
    assert sorted(moves["household_id"]) == ["h1", "h2"]
    assert "close-a" in result.output


def test_cli_whatif_variants_file_and_force(tmp_path):
    """--variants runs every variant; a non-empty --out needs --force."""
    out = tmp_path / "out"
    args = ["whatif", str(SMALL), "--out", str(out), "--variants", str(SMALL / "variants.toml")]
    assert runner.invoke(app, args).exit_code == 0
    assert {p.name for p in out.iterdir()} == {"baseline", "new-azc", "close-a", "comparison"}
    assert runner.invoke(app, args).exit_code == 1
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0


def test_cli_whatif_bad_input_writes_nothing(tmp_path):
    """An unknown id exits 1 naming it, and writes nothing."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["whatif", str(SMALL), "--out", str(out), "--close", "A,NOPE"])
    assert result.exit_code == 1
    assert "NOPE" in result.output
    assert not out.exists()


def test_cli_whatif_without_changes_is_a_usage_error(tmp_path):
    """No variant at all is a usage error (exit 2)."""
    result = runner.invoke(app, ["whatif", str(SMALL), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    bad = runner.invoke(app, ["whatif", str(SMALL), "--out", str(tmp_path / "o"),
                              "--capacity", "A=lots"])  # fmt: skip
    assert bad.exit_code == 2


def test_flex_variant_opens_flexible_beds_and_pays_for_them():
    """--flex A=2: two arrivals that had no bed sleep in A's flexible beds, 100 each."""
    from tests.factories import make_scenario

    base = make_scenario(
        [{"location_id": "A", "capacity": 2}],
        [{"person_id": f"p{i}", "household_id": f"h{i}"} for i in range(4)],
    )
    variant = Variant("flex", flex={"A": 2})
    changed = apply_variant(base, variant)
    assert changed.locations["flex_capacity"].tolist() == [2]
    assert base.locations["flex_capacity"].tolist() == [0]
    before, after = run(base).kpis, run(changed).kpis
    assert (before["unplaced"], after["unplaced"]) == (2, 0)
    assert after["flex_beds_used"] == 2 and after["objective_terms"]["flex_bed"] == 200
    assert variant.changes == ["flexible beds A=2"]


def test_flex_option_on_the_command_line(tmp_path):
    """placement whatif --flex ID=N; a malformed pair is a usage error naming --flex."""
    bad = runner.invoke(app, ["whatif", str(SMALL), "--out", str(tmp_path / "o"), "--flex", "L1"])
    assert bad.exit_code == 2 and "--flex" in bad.output
    result = runner.invoke(
        app,
        ["whatif", str(SMALL), "--out", str(tmp_path / "w"), "--flex", "A=5", "--no-history"],
    )
    assert result.exit_code == 0, result.output
    changes = json.loads((tmp_path / "w" / "comparison" / "variants.json").read_text())
    assert changes == {"variant": ["flexible beds A=5"]}


def test_cli_every_demo_location_closed_in_turn(tmp_path):
    """Weekly (the default): each of the demo's locations closed, one variant each, exit 0.

    Closing the registration centre once crashed the repair (a family group
    split by its stayers, with a member that fits nowhere).
    """
    ids = pd.read_csv(DEMO / "locations.csv", dtype=str)["location_id"].tolist()
    toml = "".join(f'[variants.close-{i}]\nclose = ["{i}"]\n\n' for i in ids)
    (tmp_path / "variants.toml").write_text(toml, encoding="utf-8")
    out = tmp_path / "out"
    args = ["whatif", str(DEMO), "--out", str(out), "--variants", str(tmp_path / "variants.toml")]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    for i in ids:
        locations = pd.read_csv(out / f"close-{i}" / "locations.csv", dtype={"location_id": str})
        closed = locations.set_index("location_id").loc[i]
        assert closed["occupancy_after"] == 0
        placements = pd.read_csv(out / f"close-{i}" / "placements.csv", dtype=str)
        assert not (placements["to_location_id"] == i).any()
        kpis = json.loads((out / f"close-{i}" / "kpis.json").read_text("utf-8"))
        assert kpis["status"] == "optimal"
