"""A defect is not bad input: exit 70, one line, a crash report without personal data."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import placement.api
from placement.cli import app
from placement.crash import report_text

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"
runner = CliRunner()


def _boom(*args, **kwargs):
    rows = {"H000001": 34}  # a value that must not reach the report
    raise IndexError(f"arrays used as indices must be of integer type {len(rows)}")


def _reports() -> list[Path]:
    return sorted(Path(os.environ["PLACEMENT_CRASH_DIR"]).glob("crash-*.txt"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_defect_exits_70_with_one_line_and_a_report(tmp_path, monkeypatch, lang):
    monkeypatch.setattr(placement.api, "run", _boom)
    out = tmp_path / "out"
    args = ["place", str(DEMO), "--out", str(out), "--lang", lang, "--time-limit", "9"]
    result = runner.invoke(app, args)
    assert result.exit_code == 70, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    word = "interne fout" if lang == "nl" else "internal error"
    assert word in lines[0]
    assert not out.exists()  # nothing half-written
    (report,) = _reports()
    assert str(report) in result.output.replace("\n", "")
    text = report.read_text("utf-8")
    assert "command: place" in text
    assert "--time-limit" in text and "--out" in text
    assert str(tmp_path) not in text  # option values (the user's paths) stay out
    assert "9" not in text.split("options given:")[1].splitlines()[0]
    for package in ("placement", "highspy", "highs", "numpy", "pandas", "pyomo", "python"):
        assert f"{package} " in text.split("versions:")[1].splitlines()[0]
    assert "tests/test_crash.py" not in text or "_boom" in text
    assert "IndexError: arrays used as indices" in text
    assert "H000001" not in text and "34" not in text.split("IndexError")[0].split("stack")[-1]


def test_a_defect_is_recorded_in_the_history(tmp_path, monkeypatch):
    monkeypatch.setattr(placement.api, "run", _boom)
    result = runner.invoke(app, ["place", str(DEMO), "--out", str(tmp_path / "out")])
    assert result.exit_code == 70
    with sqlite3.connect(os.environ["PLACEMENT_HISTORY"]) as con:
        (status,) = con.execute("SELECT status FROM runs ORDER BY run_id DESC").fetchone()
    assert status == "crashed"


def test_bad_input_still_exits_1(tmp_path):
    scenario = tmp_path / "s"
    shutil.copytree(DEMO, scenario)
    text = (scenario / "locations.csv").read_text("utf-8").replace(",208,", ",-208,", 1)
    (scenario / "locations.csv").write_text(text, "utf-8")
    result = runner.invoke(app, ["place", str(scenario), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert _reports() == []


def test_debug_lets_the_traceback_through(tmp_path, monkeypatch):
    monkeypatch.setattr(placement.api, "run", _boom)
    monkeypatch.setenv("PLACEMENT_DEBUG", "1")
    result = runner.invoke(app, ["place", str(DEMO), "--out", str(tmp_path / "out")])
    assert isinstance(result.exception, IndexError)


def test_an_unwritable_report_folder_still_exits_70(tmp_path, monkeypatch):
    monkeypatch.setattr(placement.api, "run", _boom)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("PLACEMENT_CRASH_DIR", str(blocker / "crashes"))
    result = runner.invoke(app, ["place", str(DEMO), "--out", str(tmp_path / "out")])
    assert result.exit_code == 70
    assert "report could not be written" in result.output


def test_the_report_names_frames_below_the_package_folder():
    try:
        _boom()
    except IndexError as exc:
        text = report_text(exc, "place", ["--out"])
    assert "tests/test_crash.py" in text or "test_crash.py" in text
    assert str(Path.home()) not in text


def test_the_installed_command_exits_70_without_a_traceback(tmp_path):
    """The real process: a defect injected through a module the command imports."""
    code = (
        "import placement.api, sys\n"
        "def boom(*a, **k): raise KeyError('x')\n"
        "placement.api.run = boom\n"
        "from placement.cli import app\n"
        "sys.argv = ['placement', 'place', sys.argv[1], '--out', sys.argv[2], '--no-history']\n"
        "app()\n"
    )
    env = {**os.environ, "PLACEMENT_CRASH_DIR": str(tmp_path / "crashes"), "COLUMNS": "300"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(DEMO), str(tmp_path / "out")],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 70, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert len(list((tmp_path / "crashes").glob("crash-*.txt"))) == 1
    assert json.dumps(done.stderr)  # one readable message
