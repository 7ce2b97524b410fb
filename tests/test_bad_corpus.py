"""The corpus of malformed scenarios: each folder gives exactly its stored messages."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from placement.cli import app
from placement.errors import PlacementInputError
from placement.input.read import read_scenario
from placement.model.prepare import prepare

BAD = Path(__file__).resolve().parent / "data" / "bad"
CASES = sorted(p for p in BAD.iterdir() if (p / "expected.txt").is_file())
runner = CliRunner()


def _messages(folder: Path) -> list[str]:
    """What ``placement validate`` lists for ``folder``."""
    try:
        prepare(read_scenario(folder))
    except PlacementInputError as exc:
        return [str(p) for p in exc.problems]
    return []


def _corpus_module():
    spec = importlib.util.spec_from_file_location("make_corpus", BAD / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpus_has_at_least_40_cases_matching_the_script():
    """At least 40 stored cases, exactly those make_corpus.py defines."""
    assert len(CASES) >= 40
    assert sorted(p.name for p in CASES) == sorted(_corpus_module().CASES)


@pytest.mark.parametrize("folder", CASES, ids=lambda p: p.name)
def test_case_gives_exactly_its_messages(folder: Path):
    """Reading the case lists exactly the lines of its expected.txt, in order."""
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, "a bad case must expect at least one message"
    assert _messages(folder) == expected


@pytest.mark.parametrize("folder", CASES, ids=lambda p: p.name)
def test_validate_exits_1_and_prints_each_message_on_its_own_line(folder: Path):
    """The command answers every bad case with exit 1 and its messages, one line each."""
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    head = lines.index(f"The input has {len(expected)} problem(s):")
    assert all(line.startswith("warning: ") for line in lines[:head])
    assert lines[head + 1 :] == [f"  {line}" for line in expected]
    assert "Traceback" not in result.output


def test_piped_output_is_not_wrapped(tmp_path: Path):
    """Piped into another program, a long problem stays on one line even on a narrow screen."""
    folder = BAD / "unknown_housing_gemeente"
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert max(map(len, expected)) > 100  # longer than any terminal guess
    done = subprocess.run(
        [sys.executable, "-m", "placement", "validate", str(folder)],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "40"},
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines()[1:] == [f"  {line}" for line in expected]


def test_line_of_many_megabytes_is_reported_quoted_short(tmp_path: Path):
    """A 6 MB cell gives one short message naming its file and line."""
    base = BAD / "text_in_age"
    folder = tmp_path / "huge"
    folder.mkdir()
    for f in base.iterdir():
        if f.name != "expected.txt":
            (folder / f.name).write_bytes(f.read_bytes())
    persons = (base / "persons.csv").read_text(encoding="utf-8")
    huge = "9" * 6_000_000
    (folder / "persons.csv").write_text(persons.replace("veertig", huge), encoding="utf-8")
    found = _messages(folder)
    assert len(found) == 1
    assert found[0].startswith("persons.csv, line 4")
    assert len(found[0]) < 300
