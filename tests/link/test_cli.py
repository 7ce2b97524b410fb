"""``placement link`` on the command line: exit statuses, the summary, the run history."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from placement.cli import app
from placement.history import get_run, list_runs
from tests.link.scenarios import kpis, linked, rows, run, write

runner = CliRunner()
LOCATIONS = """location_id,name,gemeente_code,type,capacity,lat,lon
L,azc L,GM9001,regulier,100,0,0.1
"""
PERSONS = [
    "p1,h1,30,vergunninghouder,L,,,2026-09-14",
    "p2,h1,4,vergunninghouder,L,,,2026-09-14",
    "p3,h2,40,vergunninghouder,L,,,2026-01-05",
]


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    return write(tmp_path / "s", LOCATIONS, PERSONS, {"GM9001": 1, "GM9002": 1})


def test_link_exits_0_writes_the_files_and_prints_a_summary(scenario: Path, tmp_path: Path):
    """The contract's files and scenario/; a summary that says who was not linked."""
    out = tmp_path / "out"
    result = run(scenario, out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "gemeenten.csv", "kpis.json", "links.csv", "scenario",
    ]  # fmt: skip
    assert "linked persons" in result.output and "objective" in result.output
    assert "2 persons were not linked" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["link"],  # no scenario
        ["link", "{scenario}"],  # no --out
        ["link", "{tmp}/nowhere", "--out", "{tmp}/out"],  # no such folder
        ["link", "{scenario}", "--out", "{tmp}/out", "--mip-gap", "2"],
        ["link", "{scenario}", "--out", "{tmp}/out", "--time-limit", "0"],
        ["link", "{scenario}", "--out", "{tmp}/out", "--taakstelling", "{tmp}/none.csv"],
    ],
)
def test_usage_errors_exit_2_and_write_nothing(scenario: Path, tmp_path: Path, args: list[str]):
    """Typer rejects bad arguments before anything is read."""
    filled = [a.format(scenario=scenario, tmp=tmp_path) for a in args]
    result = runner.invoke(app, filled)
    assert result.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_a_time_limit_gives_a_link_never_exit_3(scenario: Path, tmp_path: Path):
    """Leaving everyone unlinked is always a link, so a short time limit still writes one."""
    out = tmp_path / "out"
    result = run(scenario, out, "--time-limit", "0.001")
    assert result.exit_code == 0, result.output
    assert kpis(out)["status"] in ("optimal", "time_limit")


def test_a_run_is_recorded_with_ids_and_codes(scenario: Path, tmp_path: Path):
    """The history holds the link run: households, their location and gemeente, the weights."""
    db = tmp_path / "history.sqlite"
    out = tmp_path / "out"
    result = runner.invoke(app, ["link", str(scenario), "--out", str(out), "--history", str(db)])
    assert result.exit_code == 0, result.output
    (summary,) = list_runs(db)
    assert (summary.command, summary.status) == ("link", "optimal")
    record = get_run(db, summary.run_id)
    assert set(record.inputs) == {
        "gemeenten.csv", "locations.csv", "persons.csv", "scenario.toml", "taakstelling.csv",
    }  # fmt: skip
    assert record.settings["link"] == {
        "unlinked": 1000, "waiting": 20, "distance": 0.1, "family_split": 500,
    }  # fmt: skip
    placements = record.placements.set_index("household_id")
    columns = ["persons", "from_location_id", "to_location_id", "status"]
    assert placements.loc["h2", columns].tolist() == [1, "L", "GM9001", "linked"]
    assert placements.loc["h1", ["persons", "to_location_id", "status"]].tolist() == [
        2, "", "unlinked",
    ]  # fmt: skip


def test_failures_are_recorded_and_no_history_records_nothing(scenario: Path, tmp_path: Path):
    """Bad input is recorded as input_error; --no-history leaves the database alone."""
    db = tmp_path / "history.sqlite"
    (scenario / "taakstelling.csv").write_text("gemeente_code,quota\nGM9001,x\n", "utf-8")
    args = ["link", str(scenario), "--out", str(tmp_path / "out"), "--history", str(db)]
    assert runner.invoke(app, args).exit_code == 1
    assert [r.status for r in list_runs(db)] == ["input_error"]
    assert runner.invoke(app, [*args, "--no-history"]).exit_code == 1
    assert len(list_runs(db)) == 1


def test_a_link_run_loads_neither_pyomo_nor_matplotlib(scenario: Path, tmp_path: Path):
    """Pyomo (for reading the model) and matplotlib (for the map) stay unloaded: a faster start."""
    import subprocess
    import sys

    args = ["link", str(scenario), "--out", str(tmp_path / "out"), "--no-history"]
    code = (
        "import sys\n"
        "from placement.cli import app\n"
        "try:\n"
        f"    app({args!r})\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
        "loaded = [m for m in ('pyomo', 'matplotlib') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "links.csv").is_file()


def test_whatif_on_the_linked_scenario_brings_status_holders_near_their_gemeente(
    tmp_path: Path,
):
    """`link`'s scenario copy is an input like any: a what-if closure moves the linked
    status holder to B, by its new gemeente (GM9002), though C is cheaper; unlinked, to C."""
    locations = (
        "location_id,name,gemeente_code,type,capacity,lat,lon,cost_per_night\n"
        "L,azc L,GM9001,regulier,100,0,0.1,50\n"
        "B,azc B,GM9002,regulier,10,0,1.0,50\n"
        "C,azc C,GM9001,regulier,10,0,0,40\n"
    )
    folder = write(tmp_path / "s", locations, PERSONS, {"GM9002": 1})
    out = tmp_path / "link"
    assert run(folder, out).exit_code == 0
    assert linked(out) == {"h1": "", "h2": "GM9002"}
    placed = {}
    for name, given in (("linked", out / "scenario"), ("unlinked", folder)):
        result = runner.invoke(app, [
            "whatif", str(given), "--close", "L", "--out", str(tmp_path / name), "--no-history",
        ])  # fmt: skip
        assert result.exit_code == 0, result.output
        placements = rows(tmp_path / name / "variant" / "placements.csv")
        placed[name] = {r["household_id"]: r["to_location_id"] for r in placements}
    assert placed["linked"] == {"h1": "C", "h2": "B"}
    assert placed["unlinked"] == {"h1": "C", "h2": "C"}
