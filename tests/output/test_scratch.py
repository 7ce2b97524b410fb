"""Scratch folders beside --out: a crashed run's are removed by the next run, nobody else's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from placement.output.files import _host, commit_folder, remove_stale_scratch

CRASHING = """
import sys, time
from pathlib import Path
from placement.output.files import commit_folder

out, ready = Path(sys.argv[1]), Path(sys.argv[2])

def slow(path):
    path.write_text("half")
    ready.write_text("writing")
    time.sleep(600)

commit_folder({"placements.csv": slow}, out)
"""


def _scratch(parent: Path) -> list[Path]:
    return sorted(parent.glob(".out.partial-*"))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")
def test_a_run_killed_outright_leaves_scratch_the_next_run_removes(tmp_path: Path):
    out, ready = tmp_path / "out", tmp_path / "ready"
    child = subprocess.Popen([sys.executable, "-c", CRASHING, str(out), str(ready)])
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert child.poll() is None, "the writing process ended before it was killed"
            assert time.monotonic() < deadline, "the writing process never started writing"
            time.sleep(0.05)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    left = _scratch(tmp_path)
    assert len(left) == 1 and (left[0] / "placements.csv").read_text() == "half"
    assert str(child.pid) in left[0].name and not out.exists()

    commit_folder({"placements.csv": lambda path: path.write_text("whole")}, out)
    assert _scratch(tmp_path) == []
    assert (out / "placements.csv").read_text() == "whole"


def test_scratch_of_a_live_process_another_machine_or_a_user_stays(tmp_path: Path):
    """Only this machine's scratch of a process that is gone is removed."""
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    try:
        host = _host()
        names = {
            "live": f".out.partial-{host}-{sleeper.pid}-abc123",
            "gone": f".out.partial-{host}-{gone.pid}-def456",
            "gone weeks": f".out.weeks-{host}-{gone.pid}-ghi789",
            "elsewhere": f".out.partial-another_host-{gone.pid}-jkl012",
            "old name": ".out.partial-x1y2z3",
            "user's": ".out.partial-notes",
            "other target": f".output.partial-{host}-{gone.pid}-mno345",
        }
        for name in names.values():
            (tmp_path / name).mkdir()
            (tmp_path / name / "file.txt").write_text("keep?")
        removed = remove_stale_scratch(tmp_path / "out")
        assert sorted(p.name for p in removed) == sorted([names["gone"], names["gone weeks"]])
        for what, name in names.items():
            assert (tmp_path / name).exists() == (what not in ("gone", "gone weeks")), what
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_file_named_like_scratch_is_not_touched(tmp_path: Path):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    plain = tmp_path / f".out.partial-{_host()}-{gone.pid}-abc123"
    plain.write_text("a user's file")
    assert remove_stale_scratch(tmp_path / "out") == []
    assert plain.read_text() == "a user's file"
