"""Faults: Ctrl-C during a solve, a full disk while writing, a time limit.

The Ctrl-C test runs ``placement place`` in a child process on a rebalance
of 20,000 synthetic persons (about 30 s to solve on 2 cores) and interrupts
it after a few seconds, while HiGHS is working.
"""

from __future__ import annotations

import errno
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from placement.cli import app

runner = CliRunner()
CLI = [sys.executable, "-c", "from placement.cli import app; app()"]
#: The command with its steps logged to stderr, so a test can tell when HiGHS starts.
LOGGED_CLI = [
    sys.executable,
    "-c",
    "import logging, sys; logging.basicConfig(level=logging.INFO, stream=sys.stderr, "
    "format='%(message)s'); from placement.cli import app; app()",
]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic scenario large enough that a rebalance takes many seconds."""
    folder = tmp_path_factory.mktemp("big") / "scenario"
    args = ["generate", str(folder), "--persons", "20000", "--arrivals", "500"]
    result = runner.invoke(app, [*args, "--locations", "80", "--seed", "1"])
    assert result.exit_code == 0, result.output
    return folder


def _leftovers(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if ".partial-" in p.name]


def _default_sigint() -> None:
    # A child started from a background job inherits SIGINT ignored; undo that so
    # Python turns SIGINT into KeyboardInterrupt, as in a planner's terminal.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_sigint_during_solve_leaves_no_output_folder(big: Path, tmp_path: Path):
    """Ctrl-C while HiGHS works: non-zero exit, no output folder, no partial folder."""
    out = tmp_path / "out"
    args = ["place", str(big), "--out", str(out), "--mode", "rebalance", "--time-limit", "300"]
    proc = subprocess.Popen(
        [*LOGGED_CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=_default_sigint,
    )  # fmt: skip
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:  # wait for the step, however slow the machine
        seen.append(line)
        if line.startswith(b"solving with HiGHS"):
            break
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, rest = proc.communicate(timeout=120)
    stderr = b"".join(seen) + rest
    assert proc.returncode != 0
    assert not out.exists()
    assert _leftovers(tmp_path) == []
    assert b"Traceback" not in stderr


def _failing_writer(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    """Make writing kpis.json fail, after placements.csv and locations.csv were written."""

    def fail(data, path):
        raise exc

    monkeypatch.setattr("placement.output.folder.write_json", fail)


SMALL_LOCATIONS = "location_id,name,gemeente_code,type,capacity\nA,a,GM0363,regulier,5\n"
SMALL_PERSONS = "person_id,household_id,age,track\np1,h1,30,regulier\np2,h2,40,regulier\n"


def _small(tmp_path: Path) -> Path:
    folder = tmp_path / "small"
    folder.mkdir(exist_ok=True)
    (folder / "locations.csv").write_text(SMALL_LOCATIONS, encoding="utf-8")
    (folder / "persons.csv").write_text(SMALL_PERSONS, encoding="utf-8")
    (folder / "scenario.toml").write_text("planning_date = 2026-11-23\n", encoding="utf-8")
    return folder


def test_full_disk_while_writing_leaves_nothing(tmp_path: Path, monkeypatch):
    """A full disk halfway through the files: no output folder and no partial folder."""
    _failing_writer(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    out = tmp_path / "out"
    result = runner.invoke(app, ["place", str(_small(tmp_path)), "--out", str(out)])
    assert result.exit_code != 0
    assert not out.exists() and _leftovers(tmp_path) == []


def test_interrupt_while_writing_keeps_the_old_result(tmp_path: Path, monkeypatch):
    """Ctrl-C while writing over an earlier result with --force: the old files stay whole."""
    out = tmp_path / "out"
    first = runner.invoke(app, ["place", str(_small(tmp_path)), "--out", str(out)])
    assert first.exit_code == 0, first.output
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    _failing_writer(monkeypatch, KeyboardInterrupt())
    result = runner.invoke(app, ["place", str(_small(tmp_path)), "--out", str(out), "--force"])
    assert result.exit_code != 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert _leftovers(tmp_path) == []


def test_time_limit_returns_best_solution_with_status(big: Path, tmp_path: Path):
    """A 1 s limit on a big rebalance: a placement with status time_limit and an honest gap."""
    out = tmp_path / "out"
    args = ["place", str(big), "--out", str(out), "--mode", "rebalance", "--time-limit", "1"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    kpis = json.loads((out / "kpis.json").read_text())
    assert kpis["status"] == "time_limit"
    assert kpis["placed"] + kpis["unplaced"] == kpis["persons"] == 20000
    assert isinstance(kpis["bound"], float) and kpis["bound"] <= kpis["objective"]
    gap = (kpis["objective"] - kpis["bound"]) / max(1.0, abs(kpis["objective"]))
    assert kpis["mip_gap"] == pytest.approx(gap) and gap > 1e-4
