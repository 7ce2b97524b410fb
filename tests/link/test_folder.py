"""The link folder: the scenario copy, exports, all-or-nothing writing, --force."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from placement.cli import app
from placement.input.read import read_scenario
from tests.link.scenarios import linked, rows, run, write

LOCATIONS = """location_id,name,gemeente_code,type,capacity,lat,lon
L,azc L,GM9001,regulier,100,0,0.1
M,azc M,GM9003,regulier,100,,
"""
PERSONS = [
    "p1,h1,30,vergunninghouder,L,,F,2026-09-14",
    "p2,h1,4,vergunninghouder,L,,F,2026-09-14",
    "p3,h2,40,vergunninghouder,M,,,2026-01-05",
    "p4,h3,40,regulier,M,,F,",
    "p5,h4,40,vergunninghouder,,,,",
]


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    return write(tmp_path / "s", LOCATIONS, PERSONS, {"GM9001": 2, "GM9002": 2, "GM9003": 1})


def test_the_scenario_copy_is_the_scenario_with_the_housing_filled_in(scenario: Path, tmp_path):
    """Other files byte for byte; persons.csv reads to the same frame but for the new gemeenten."""
    out = tmp_path / "out"
    assert run(scenario, out).exit_code == 0
    copy = out / "scenario"
    assert sorted(p.name for p in copy.iterdir()) == sorted(p.name for p in scenario.iterdir())
    for name in ("locations.csv", "gemeenten.csv", "scenario.toml", "taakstelling.csv"):
        assert (copy / name).read_bytes() == (scenario / name).read_bytes(), name
    before, after = read_scenario(scenario).persons, read_scenario(copy).persons
    links = linked(out)
    expected = before["household_id"].map(links).fillna(before["housing_gemeente_code"])
    assert after["housing_gemeente_code"].tolist() == expected.tolist()
    others = [c for c in before.columns if c != "housing_gemeente_code"]
    pd.testing.assert_frame_equal(before[others], after[others])


def test_placement_place_accepts_the_copy_and_sees_the_gemeenten(scenario: Path, tmp_path):
    """place on scenario/: exit 0, and the linked status holders have a distance now."""
    out = tmp_path / "out"
    assert run(scenario, out).exit_code == 0
    placed = tmp_path / "placed"
    result = CliRunner().invoke(
        app, ["place", str(out / "scenario"), "--out", str(placed), "--no-history"]
    )
    assert result.exit_code == 0, result.output
    placements = pd.read_csv(placed / "placements.csv", dtype=str, keep_default_na=False)
    linked_persons = {r["person_id"] for r in rows(out / "links.csv") if r["gemeente_code"]}
    assert linked_persons
    mine = placements[placements["person_id"].isin(linked_persons)]
    assert ((mine["to_location_id"] == "") | (mine["distance_km"] != "")).all()
    assert (mine["distance_km"] != "").any()


def test_dutch_excel_input_is_copied_in_plain_form_with_unknown_columns_kept(tmp_path: Path):
    """';', ja/nee, dd-mm-yyyy and an extra column: plain text out, same content, column kept."""
    folder = write(tmp_path / "s", LOCATIONS, ["x"], {"GM9001": 5})
    (folder / "persons.csv").write_text(
        "person_id;household_id;age;medical_need;track;current_location_id;"
        "housing_gemeente_code;family_group;permit_date;note\n"
        "p1;h1;30;ja;vergunninghouder;L;;;14-09-2026;een\n"
        "p2;h2;31;nee;regulier;L;;;;twee\n",
        encoding="cp1252",
    )
    out = tmp_path / "out"
    result = run(folder, out)
    assert result.exit_code == 0, result.output
    text = (out / "scenario" / "persons.csv").read_text(encoding="utf-8").splitlines()
    assert text == [
        "person_id,household_id,age,medical_need,track,current_location_id,"
        "housing_gemeente_code,family_group,moves,permit_date,note",
        "p1,h1,30,true,vergunninghouder,L,GM9001,,0,2026-09-14,een",
        "p2,h2,31,false,regulier,L,,,0,,twee",
    ]


def test_exports_are_written_when_asked(scenario: Path, tmp_path: Path):
    """--xlsx, --geojson, --map: links.xlsx (3 sheets), lines and points, a PNG."""
    out = tmp_path / "out"
    result = run(scenario, out, "--xlsx", "--geojson", "--map")
    assert result.exit_code == 0, result.output
    assert load_workbook(out / "links.xlsx").sheetnames == ["links", "gemeenten", "key figures"]
    lines = gpd.read_file(out / "links.geojson")
    links = rows(out / "links.csv")
    located = {(r["household_id"], r["gemeente_code"]) for r in links}
    assert lines["persons"].sum() == sum(
        1 for r in links if r["gemeente_code"] and r["current_location_id"]
    )
    assert set(lines["gemeente_code"]) <= {code for _, code in located}
    assert all(g.geom_type == "LineString" for g in lines.geometry)
    points = gpd.read_file(out / "gemeenten.geojson")
    assert points["gemeente_code"].tolist() == ["GM9001", "GM9002", "GM9003"]
    assert (out / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_force_replaces_only_the_link_files(scenario: Path, tmp_path: Path):
    """A non-empty --out is refused untouched; with --force ours are replaced, the rest kept."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "scenario").mkdir()
    (out / "scenario" / "stale.csv").write_text("old", encoding="utf-8")
    result = run(scenario, out)
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt", "scenario"]
    assert run(scenario, out, "--force").exit_code == 0
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not (out / "scenario" / "stale.csv").exists()  # the folder is replaced whole
    assert (out / "links.csv").is_file() and (out / "scenario" / "persons.csv").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_failing_writer_leaves_nothing_half_written(scenario: Path, tmp_path, monkeypatch):
    """An error while writing: no --out appears, and an earlier result stays as it was."""
    import placement.link.folder as folder

    def broken(*args, **kwargs):
        raise OSError("disk full")

    out = tmp_path / "out"
    monkeypatch.setattr(folder, "write_persons", broken)
    result = run(scenario, out)
    assert result.exit_code != 0
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    monkeypatch.undo()
    assert run(scenario, out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    monkeypatch.setattr(folder, "write_persons", broken)
    assert run(scenario, out, "--force").exit_code != 0
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert (out / "scenario" / "persons.csv").is_file()


def test_an_out_folder_inside_the_scenario_is_not_copied_into_itself(scenario: Path):
    """--out SCENARIO/links: the copy holds the scenario's files, not the result."""
    out = scenario / "links"
    assert run(scenario, out).exit_code == 0
    assert "links" not in {p.name for p in (out / "scenario").iterdir()}
    assert run(scenario, out, "--force").exit_code == 0
    assert "links" not in {p.name for p in (out / "scenario").iterdir()}


def test_kpis_hold_the_contract_keys(scenario: Path, tmp_path: Path):
    """status, objective, objective_terms by name, mip_gap and the person counts."""
    out = tmp_path / "out"
    assert run(scenario, out).exit_code == 0
    kpis = json.loads((out / "kpis.json").read_text(encoding="utf-8"))
    for key in ("status", "objective", "objective_terms", "mip_gap", "linked_persons",
                "unlinked_persons", "family_splits"):  # fmt: skip
        assert key in kpis
    assert list(kpis["objective_terms"]) == ["unlinked", "waiting", "distance", "family_split"]
    assert kpis["linked_persons"] + kpis["unlinked_persons"] == 4
