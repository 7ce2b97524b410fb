"""The command line: exit statuses, refusal to overwrite, files written or not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from placement.cli import app
from placement.errors import NoSolutionError

runner = CliRunner()

LOCATIONS = """location_id,name,gemeente_code,type,capacity,has_medical,cost_per_night,open_until
A,azc A,GM0363,regulier,3,ja,50,
B,azc B,GM0014,regulier,10,,60,
C,Ter Apel,GM1950,aanmeld,5,nee,,
X,Closing,GM0014,regulier,5,nee,,2026-11-01
"""
PERSONS = """\
person_id,household_id,age,medical_need,track,current_location_id,housing_gemeente_code,family_group,moves
p1,h1,30,,regulier,C,GM0363,,0
p2,h1,5,,regulier,C,GM0363,,1
p3,h2,40,true,regulier,,,,
p4,h3,20,,aanmelding,,,,
p5,h3,22,,aanmelding,,,,
p6,h4,22,,vergunninghouder,X,GM0014,,
"""


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    folder = tmp_path / "scn"
    folder.mkdir()
    (folder / "locations.csv").write_text(LOCATIONS, encoding="utf-8")
    (folder / "persons.csv").write_text(PERSONS, encoding="utf-8")
    (folder / "scenario.toml").write_text("planning_date = 2026-11-23\n", encoding="utf-8")
    return folder


def test_place_writes_the_result_files_and_exits_0(scenario: Path, tmp_path: Path):
    """A valid scenario is solved, the files are written, the summary is printed."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["place", str(scenario), "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    expected = ["explanations.csv", "kpis.json", "locations.csv", "placements.csv", "run.json"]
    assert names == [*expected, "shortages.csv"]
    kpis = json.loads((out / "kpis.json").read_text())
    assert kpis["status"] == "optimal" and kpis["placed"] == 6
    assert "objective" in result.output


def test_non_empty_out_is_refused_without_force_and_left_alone(scenario: Path, tmp_path: Path):
    """An existing non-empty --out gives exit 1 and is not touched."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = runner.invoke(app, ["place", str(scenario), "--out", str(out)])
    assert result.exit_code == 1
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_force_replaces_results_and_keeps_other_files(scenario: Path, tmp_path: Path):
    """--force writes the results into a non-empty folder and keeps the user's own files."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "placements.csv").write_text("old")
    result = runner.invoke(app, ["place", str(scenario), "--out", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "placements.csv").read_text().startswith("person_id,household_id,")


def test_bad_input_exits_1_lists_problems_and_writes_nothing(scenario: Path, tmp_path: Path):
    """An unknown gemeente code is reported with file and line; no output folder appears."""
    text = LOCATIONS.replace("GM0014,regulier,10", "GM9999,regulier,10")
    (scenario / "locations.csv").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["place", str(scenario), "--out", str(out)])
    assert result.exit_code == 1
    assert "locations.csv" in result.output and "line 3" in result.output
    assert not out.exists()


def test_validate_exits_0_on_good_and_1_on_bad_input(scenario: Path):
    """validate answers OK or lists the problems."""
    assert runner.invoke(app, ["validate", str(scenario)]).exit_code == 0
    (scenario / "persons.csv").write_text(PERSONS.replace("p5,h3,22", "p5,h3,abc"))
    result = runner.invoke(app, ["validate", str(scenario)])
    assert result.exit_code == 1 and "persons.csv" in result.output and "age" in result.output


def test_unknown_mode_is_a_usage_error(scenario: Path, tmp_path: Path):
    """A --mode that does not exist exits 2."""
    result = runner.invoke(
        app, ["place", str(scenario), "--out", str(tmp_path / "o"), "--mode", "daily"]
    )
    assert result.exit_code == 2


def test_missing_scenario_folder_is_a_usage_error(tmp_path: Path):
    """A scenario folder that does not exist exits 2 before any work."""
    result = runner.invoke(app, ["place", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2


def test_write_model_writes_mps(scenario: Path, tmp_path: Path):
    """--write-model leaves an MPS file with the model's rows."""
    mps = tmp_path / "model.mps"
    result = runner.invoke(
        app, ["place", str(scenario), "--out", str(tmp_path / "o"), "--write-model", str(mps)]
    )
    assert result.exit_code == 0, result.output
    text = mps.read_text()
    assert "ROWS" in text and "placed_once" in text


def test_no_solution_exits_3_and_writes_nothing(scenario: Path, tmp_path: Path, monkeypatch):
    """When the solver finds nothing in time the exit status is 3 and no folder is made."""

    def no_solution(*args, **kwargs):
        raise NoSolutionError("HiGHS found no solution within 1 s")

    monkeypatch.setattr("placement.api.solve_priced", no_solution)
    monkeypatch.setattr("placement.api.solve_matrix", no_solution)  # neither engine finds one
    out = tmp_path / "out"
    result = runner.invoke(app, ["place", str(scenario), "--out", str(out)])
    assert result.exit_code == 3 and not out.exists()


def test_rebalance_mode_from_the_command_line(scenario: Path, tmp_path: Path):
    """--mode rebalance overrides scenario.toml and is reported in kpis.json."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["place", str(scenario), "--out", str(out), "--mode", "rebalance"])
    assert result.exit_code == 0, result.output
    assert json.loads((out / "kpis.json").read_text())["mode"] == "rebalance"


def test_generate_writes_a_valid_scenario_and_refuses_to_overwrite(tmp_path: Path):
    """generate writes a folder that validate accepts; a second run needs --force."""
    out = tmp_path / "gen"
    args = ["generate", str(out), "--persons", "400", "--arrivals", "20", "--locations", "12"]
    result = runner.invoke(app, [*args, "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "candidates.csv",
        "locations.csv",
        "persons.csv",
        "scenario.toml",
        "taakstelling.csv",
    ]
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
    assert runner.invoke(app, [*args, "--seed", "3"]).exit_code == 1
    first = (out / "persons.csv").read_bytes()
    assert runner.invoke(app, [*args, "--seed", "3", "--force"]).exit_code == 0
    assert (out / "persons.csv").read_bytes() == first


def test_generate_rejects_an_unknown_landscape(tmp_path: Path):
    """An unknown --landscape is a usage error (exit 2)."""
    result = runner.invoke(app, ["generate", str(tmp_path / "g"), "--landscape", "1999"])
    assert result.exit_code == 2


def test_place_writes_explanations_exports_and_records_the_run(scenario: Path, tmp_path: Path):
    """place writes explanations and shortages, an asked-for export, and one history entry."""
    from placement.history import list_runs

    out, db = tmp_path / "out", tmp_path / "h.sqlite"
    args = ["place", str(scenario), "--out", str(out), "--xlsx", "--history", str(db)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {"explanations.csv", "shortages.csv", "results.xlsx"} <= names
    explanations = (out / "explanations.csv").read_text()
    assert "True" not in explanations and "next_best_location_id" in explanations
    runs = list_runs(db)
    assert len(runs) == 1 and runs[0].command == "place"


def test_failed_place_is_recorded_and_no_history_records_nothing(scenario: Path, tmp_path: Path):
    """A run with bad input is recorded as such; --no-history leaves the database alone."""
    from placement.history import list_runs

    db = tmp_path / "h.sqlite"
    (scenario / "persons.csv").write_text(PERSONS.replace("p5,h3,22", "p5,h3,abc"))
    args = ["place", str(scenario), "--out", str(tmp_path / "o"), "--history", str(db)]
    assert runner.invoke(app, args).exit_code == 1
    assert runner.invoke(app, [*args, "--no-history"]).exit_code == 1
    runs = list_runs(db)
    assert [r.status for r in runs] == ["input_error"]


def test_place_prints_only_its_own_output(scenario: Path, tmp_path: Path):
    """No solver banner or log reaches the user: the summary is the first thing printed."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "placement", "place", str(scenario), "--out",
               str(tmp_path / "o"), "--no-history"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "HiGHS" not in done.stdout and "placement: weekly run" in done.stdout
