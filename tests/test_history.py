"""Run history: what a record holds, listing, diff, the CLI, concurrency and a killed writer."""

from __future__ import annotations

import multiprocessing
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from placement import history
from placement.api import run
from placement.cli import app
from placement.history import HistoryError, diff_runs, get_run, list_runs, record_run
from placement.input.read import read_scenario
from placement.results.outcome import Outcome

runner = CliRunner()

LOCATIONS = """location_id,name,gemeente_code,type,capacity,has_medical,cost_per_night
A,azc A,GM0363,regulier,4,ja,50
B,azc B,GM0014,regulier,10,,60
"""
PERSONS = """person_id,household_id,age,medical_need,track,current_location_id,housing_gemeente_code
p1,h1,30,,regulier,,GM0363
p2,h1,5,,regulier,,GM0363
p3,h2,40,,regulier,,GM0363
p4,h3,20,,regulier,B,
"""


def _scenario(folder: Path, capacity_a: int = 4) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = LOCATIONS.replace("regulier,4,", f"regulier,{capacity_a},")
    (folder / "locations.csv").write_text(text, encoding="utf-8")
    (folder / "persons.csv").write_text(PERSONS, encoding="utf-8")
    (folder / "scenario.toml").write_text("planning_date = 2026-11-23\n", encoding="utf-8")
    return folder


def _record(db: Path, folder: Path, out: Path | None = None) -> tuple[int, Outcome]:
    scenario = read_scenario(folder)
    outcome = run(scenario)
    run_id = record_run(
        db, command="place", scenario_dir=folder, out_dir=out, scenario=scenario, outcome=outcome
    )
    return run_id, outcome


def test_record_holds_hashes_settings_versions_kpis_and_households(tmp_path: Path):
    """A record keeps input hashes, settings, versions, status, KPIs, one row per household."""
    db = tmp_path / "h.sqlite"
    run_id, outcome = _record(db, _scenario(tmp_path / "s"), tmp_path / "out")
    record = get_run(db, run_id)
    assert record.command == "place" and record.status == "optimal"
    assert sorted(record.inputs) == ["locations.csv", "persons.csv", "scenario.toml"]
    assert all(len(digest) == 64 for digest in record.inputs.values())
    assert record.settings["mode"] == "weekly" and record.settings["weights"]["unplaced"] == 10000
    assert {"placement", "pyomo", "highspy", "highs", "numpy", "pandas"} <= set(record.versions)
    from placement.output.folder import run_record

    assert run_record(outcome)["versions"] == record.versions  # the result folder's run.json
    assert record.kpis["objective"] == pytest.approx(outcome.kpis["objective"])
    assert record.out_dir.endswith("out")
    assert list(record.placements["household_id"]) == ["h1", "h2", "h3"]
    assert list(record.placements["persons"]) == [2, 1, 1]


def test_record_stores_ids_only_no_person_fields(tmp_path: Path):
    """The database holds no age or track of a person."""
    db = tmp_path / "h.sqlite"
    _record(db, _scenario(tmp_path / "s"))
    with sqlite3.connect(db) as con:
        columns = {r[1] for r in con.execute("PRAGMA table_info(placements)")}
    assert not columns & {"age", "track", "medical_need", "person_id"}


def test_list_runs_newest_first_and_last_alias(tmp_path: Path):
    """list_runs gives the newest run first; 'last' and '-2' find runs back from the end."""
    db = tmp_path / "h.sqlite"
    folder = _scenario(tmp_path / "s")
    first, _ = _record(db, folder)
    second, _ = _record(db, folder)
    assert [r.run_id for r in list_runs(db)] == [second, first]
    assert get_run(db, "last").run_id == second and get_run(db, "-2").run_id == first
    with pytest.raises(HistoryError, match="no run '99'"):
        get_run(db, 99)


def test_diff_shows_kpi_changes_inputs_and_moved_households(tmp_path: Path):
    """With less room at A, the diff names the changed input, the KPI change and the household."""
    db = tmp_path / "h.sqlite"
    a, out_a = _record(db, _scenario(tmp_path / "a", capacity_a=4))
    b, out_b = _record(db, _scenario(tmp_path / "b", capacity_a=2))
    d = diff_runs(db, a, b)
    assert d.inputs == ["locations.csv"]
    kpis = d.kpis.set_index("kpi")
    change = out_b.kpis["objective"] - out_a.kpis["objective"]
    assert kpis.loc["objective", "change"] == pytest.approx(change)
    assert change > 0
    assert list(d.placements["household_id"]) == ["h2"]
    assert d.placements.iloc[0][["to_a", "to_b"]].tolist() == ["A", "B"]


def test_failed_run_is_recorded_without_outcome(tmp_path: Path):
    """A run that ended in an input error is recorded with its status and input hashes."""
    db = tmp_path / "h.sqlite"
    run_id = record_run(db, command="place", scenario_dir=_scenario(tmp_path / "s"),
                        status="input_error")  # fmt: skip
    record = get_run(db, run_id)
    assert record.status == "input_error" and record.kpis == {} and record.placements.empty
    assert "persons.csv" in record.inputs


def test_cli_history_show_and_diff(tmp_path: Path):
    """The commands list runs, show one, diff two, and refuse an unknown run with exit 1."""
    db = tmp_path / "h.sqlite"
    a, _ = _record(db, _scenario(tmp_path / "a"))
    b, _ = _record(db, _scenario(tmp_path / "b", capacity_a=2))
    listed = runner.invoke(app, ["history", "--history", str(db)])
    assert listed.exit_code == 0, listed.output
    assert "optimal" in listed.output and "place" in listed.output
    shown = runner.invoke(app, ["history", "--history", str(db), "show", str(a)])
    assert shown.exit_code == 0, shown.output
    assert "locations.csv" in shown.output and "objective" in shown.output
    from placement.about import versions

    for name in ("highspy", "numpy", "pandas", "pyomo"):
        assert f"{name} {versions()[name]}" in shown.output
    shown = runner.invoke(app, ["history", "show", "last", "--history", str(db)])
    assert shown.exit_code == 0 and f"run {b}" in shown.output
    diffed = runner.invoke(app, ["diff", str(a), str(b), "--history", str(db)])
    assert diffed.exit_code == 0, diffed.output
    assert "1 household (1 persons) is placed differently" in diffed.output
    missing = runner.invoke(app, ["history", "--history", str(db), "show", "42"])
    assert missing.exit_code == 1 and "no run '42'" in missing.output


def test_default_path_follows_env_and_xdg(tmp_path: Path, monkeypatch):
    """$PLACEMENT_HISTORY wins; otherwise $XDG_DATA_HOME/placement/history.sqlite."""
    monkeypatch.delenv(history.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        expected = tmp_path / "xdg" / "placement" / "history.sqlite"
        assert history.default_history_path() == expected
    monkeypatch.setenv(history.ENV_VAR, str(tmp_path / "mine.sqlite"))
    assert history.default_history_path() == tmp_path / "mine.sqlite"


def test_newer_schema_and_non_database_are_refused(tmp_path: Path):
    """A database from a newer program, or a file that is no database, is a HistoryError."""
    db = tmp_path / "h.sqlite"
    list_runs(db)
    with sqlite3.connect(db) as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(HistoryError, match="newer"):
        list_runs(db)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(HistoryError):
        list_runs(junk)


def _writer(db: str, n: int) -> None:
    for i in range(n):
        rows = [(f"h{j}", 1, "", "A", "new", "") for j in range(200)]
        run = {"started_at": "t", "finished_at": "t", "command": "place", "status": "optimal",
               "settings": "{}", "versions": "{}", "kpis": f'{{"persons": {i}}}'}  # fmt: skip
        history.write_run(db, run, [("persons.csv", "0" * 64, 1)], rows)


def test_concurrent_writers_lose_nothing(tmp_path: Path):
    """Four processes recording at once: every run is there and the database is intact."""
    db = str(tmp_path / "h.sqlite")
    list_runs(db)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(db, 10)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    assert len(list_runs(db)) == 40
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM placements").fetchone()[0] == 40 * 200


KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    from placement import history

    def rows():
        for j in range(100_000):
            if j == 5_000:
                print("inside", flush=True)
                time.sleep(60)
            yield (f"h{j}", 1, "", "A", "new", "")

    run = {"started_at": "t", "finished_at": "t", "command": "place", "status": "optimal",
           "settings": "{}", "versions": "{}", "kpis": "{}"}
    history.write_run(sys.argv[1], run, [], rows())
    """
)


def test_killed_writer_leaves_the_database_intact(tmp_path: Path):
    """SIGKILL in the middle of a record: earlier runs survive, the half run is absent."""
    db = tmp_path / "h.sqlite"
    kept, _ = _record(db, _scenario(tmp_path / "s"))
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(db)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "inside"
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    assert [r.run_id for r in list_runs(db)] == [kept]
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM placements").fetchone()[0] == 3
    again, _ = _record(db, _scenario(tmp_path / "s"))
    assert again > kept


def test_diff_leaves_the_change_of_text_kpis_empty(tmp_path: Path):
    """A text KPI (status, mode) has no numeric change: None, not NaN."""
    db = tmp_path / "h.sqlite"
    a, _ = _record(db, _scenario(tmp_path / "a"))
    b, _ = _record(db, _scenario(tmp_path / "b", capacity_a=2))
    kpis = history.diff_runs(db, str(a), str(b)).kpis.set_index("kpi")
    assert kpis.loc["status", "change"] is None
