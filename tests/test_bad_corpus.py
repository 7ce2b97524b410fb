"""The corpus of malformed scenarios: each folder gives exactly its stored messages."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from placement.cli import app
from placement.exceptions import PlacementInputError
from placement.io import read_scenario
from placement.prepare import prepare

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


@pytest.mark.parametrize("folder", CASES[::4], ids=lambda p: p.name)
def test_validate_exits_1_and_prints_no_traceback(folder: Path):
    """The command answers a bad case with exit 1, the problem count, and no traceback."""
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1, result.output
    assert "problem(s)" in result.output and "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_line_of_many_megabytes_is_reported_quoted_short(tmp_path: Path):
    """A 6 MB cell gives one short message naming its file and line, within seconds."""
    base = BAD / "text_in_age"
    folder = tmp_path / "huge"
    folder.mkdir()
    for f in base.iterdir():
        if f.name != "expected.txt":
            (folder / f.name).write_bytes(f.read_bytes())
    persons = (base / "persons.csv").read_text(encoding="utf-8")
    huge = "9" * 6_000_000
    (folder / "persons.csv").write_text(persons.replace("veertig", huge), encoding="utf-8")
    start = time.perf_counter()
    found = _messages(folder)
    assert time.perf_counter() - start < 20
    assert len(found) == 1
    assert found[0].startswith("persons.csv, line 4")
    assert len(found[0]) < 300
