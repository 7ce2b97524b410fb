"""Exports: Excel without formulas, GeoPackage/GeoJSON in WGS84, Parquet, what-if folders."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from placement import read_scenario, run, write_outcome
from placement.cli import app
from placement.output.export import sheet_title
from placement.output.folder import export_folder, export_outcome, write_whatif
from placement.whatif import read_variants, run_whatif

SMALL = Path(__file__).parent.parent / "data" / "whatif"
runner = CliRunner()


@pytest.fixture(scope="module")
def scenario():
    return read_scenario(SMALL)


@pytest.fixture(scope="module")
def outcome(scenario):
    return run(scenario)


@pytest.fixture(scope="module")
def whatif(scenario):
    return run_whatif(scenario, read_variants(SMALL / "variants.toml"))


def test_workbook_has_frozen_headers_filters_and_widths(outcome, tmp_path):
    """results.xlsx opens with openpyxl: one sheet per table, frozen header, filter."""
    export_outcome(outcome, ["xlsx"], tmp_path, lang="en")
    wb = load_workbook(tmp_path / "results.xlsx")
    assert wb.sheetnames == ["placements", "locations", "key figures"]
    ws = wb["placements"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:H{len(outcome.placements) + 1}"
    assert [c.value for c in ws[1]][:3] == ["person", "household", "from location"]
    assert ws.column_dimensions["G"].width > 30  # the reason column is readable
    assert ws.max_row == len(outcome.placements) + 1


def test_formula_like_names_come_back_as_text(outcome, tmp_path):
    """A name such as =HYPERLINK("x") is stored as text, never as a formula."""
    export_outcome(outcome, ["xlsx"], tmp_path, lang="en")
    ws = load_workbook(tmp_path / "results.xlsx")["locations"]
    column = [c.value for c in ws[1]].index("name")
    names = {row[column].value: row[column] for row in ws.iter_rows(min_row=2)}
    cell = names['=HYPERLINK("x")']
    assert cell.data_type == "s" and cell.quotePrefix
    assert names["@noodopvang N"].data_type == "s"
    assert names["azc A"].data_type == "s" and not names["azc A"].quotePrefix
    formulas = [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_geopackage_reads_back_in_wgs84(outcome, scenario, tmp_path):
    """map.gpkg holds a point per location and a line per (from, to) move pair, EPSG:4326."""
    closed = run(scenario.with_settings(mode="rebalance"))
    for result in (outcome, closed):
        export_outcome(result, ["gpkg", "geojson"], tmp_path)
        points = gpd.read_file(tmp_path / "map.gpkg", layer="locations")
        lines = gpd.read_file(tmp_path / "map.gpkg", layer="moves")
        assert points.crs.to_epsg() == 4326 and lines.crs.to_epsg() == 4326
        assert len(points) == 4 and set(points.geom_type) == {"Point"}
        assert list(points["occupancy_after"]) == list(result.locations["occupancy_after"])
        p = result.placements
        pairs = p[p["status"] == "move"].groupby(["from_location_id", "to_location_id"]).size()
        assert len(lines) == len(pairs)
        assert lines["persons"].sum() == (p["status"] == "move").sum()
        assert len(gpd.read_file(tmp_path / "locations.geojson")) == 4


def test_parquet_round_trips(outcome, tmp_path):
    """placements.parquet reads back equal to the placements frame."""
    export_outcome(outcome, ["parquet"], tmp_path)
    back = pd.read_parquet(tmp_path / "placements.parquet")
    pd.testing.assert_frame_equal(back, outcome.placements, check_dtype=False)


def test_export_a_place_folder_with_the_scenario(outcome, tmp_path):
    """A place folder exports maps when the scenario supplies coordinates."""
    write_outcome(outcome, tmp_path / "out")
    paths = export_folder(tmp_path / "out", ["gpkg", "xlsx"], scenario=read_scenario(SMALL))
    assert {p.name for p in paths} == {"map.gpkg", "results.xlsx"}
    assert (tmp_path / "out" / "placements.csv").is_file()  # left alone


def test_whatif_folder_layout_and_workbook(whatif, tmp_path):
    """The what-if folder holds every run, the comparison and whatif.xlsx."""
    out = tmp_path / "w"
    write_whatif(whatif, out, formats=["xlsx", "gpkg"], lang="en")
    assert (out / "close-a" / "map.gpkg").is_file()
    assert (out / "comparison" / "changes.gpkg").is_file()
    wb = load_workbook(out / "whatif.xlsx")
    assert wb.sheetnames[:3] == ["key figures", "locations changed", "moves by a closure"]
    assert "close-a placements" in wb.sheetnames
    lines = gpd.read_file(out / "comparison" / "changes.gpkg", layer="closure_moves")
    assert lines.crs.to_epsg() == 4326 and lines["persons"].sum() == 3


def test_whatif_force_replaces_run_folders(whatif, tmp_path):
    """Writing again with force replaces the run folders and keeps other files."""
    out = tmp_path / "w"
    write_whatif(whatif, out)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "baseline" / "stale.csv").write_text("old", encoding="utf-8")
    write_whatif(whatif, out, force=True)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not (out / "baseline" / "stale.csv").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_cli_export_a_whatif_folder(whatif, tmp_path):
    """placement export adds the chosen formats to a what-if folder."""
    out = tmp_path / "w"
    write_whatif(whatif, out)
    result = runner.invoke(app, ["export", str(out), "--format", "xlsx,geojson"])
    assert result.exit_code == 0, result.output
    assert (out / "whatif.xlsx").is_file()
    assert (out / "baseline" / "moves.geojson").is_file()
    assert (out / "comparison" / "changes.geojson").is_file()
    assert runner.invoke(app, ["export", str(out), "--format", "docx"]).exit_code == 2


def test_cli_export_from_the_folder_alone(outcome, tmp_path):
    """A result folder holds its locations' points (run.json): export needs nothing else."""
    write_outcome(outcome, tmp_path / "out")
    result = runner.invoke(app, ["export", str(tmp_path / "out"), "--format", "gpkg,png"])
    assert result.exit_code == 0, result.output
    layer = gpd.read_file(tmp_path / "out" / "map.gpkg", layer="locations")
    sites = outcome.problem.locations
    assert list(layer.geometry.x) == pytest.approx(list(sites["lon"]))
    assert list(layer.geometry.y) == pytest.approx(list(sites["lat"]))


def test_cli_export_without_coordinates_fails(outcome, tmp_path):
    """A folder without run.json (an older one) and no --scenario: exit 1 with a hint."""
    write_outcome(outcome, tmp_path / "out")
    (tmp_path / "out" / "run.json").unlink()
    result = runner.invoke(app, ["export", str(tmp_path / "out"), "--format", "gpkg"])
    assert result.exit_code == 1
    assert "--scenario" in result.output and "run.json" in result.output


def test_sheet_titles_are_valid_and_unique():
    """Sheet names lose forbidden characters, fit 31 characters and do not repeat."""
    assert sheet_title("a/b:c", []) == "a_b_c"
    long = "x" * 40
    first = sheet_title(long, [])
    assert len(first) == 31 and sheet_title(long, [first]) != first
