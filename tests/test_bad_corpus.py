"""The corpus of malformed scenarios: each folder gives exactly its stored messages."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections import Counter
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


#: The kind of each problem of each case (:class:`placement.errors.Code`), counted.
CODES: dict[str, dict[str, int]] = {
    "age_over_120": {"out_of_range": 1},
    "bad_boolean": {"bad_value": 1},
    "bad_date": {"bad_value": 1},
    "binary_persons_file": {"unreadable": 1},
    "blank_lines_only": {"empty_file": 1},
    "decimal_capacity": {"bad_value": 1},
    "duplicate_header": {"header": 1},
    "duplicate_location_id": {"duplicate_id": 1},
    "duplicate_person_id": {"duplicate_id": 1},
    "empty_household_id": {"empty_value": 1, "unknown_reference": 1},
    "empty_location_id": {"empty_value": 1},
    "empty_locations_file": {"empty_file": 1},
    "empty_persons_file": {"empty_file": 1},
    "extra_fields_in_row": {"bad_row": 1},
    "gemeenten_bad_lat": {"bad_value": 1},
    "household_family_group_disagrees": {"inconsistent_household": 1},
    "household_housing_disagrees": {"inconsistent_household": 1},
    "household_location_disagrees": {"inconsistent_household": 1},
    "household_track_disagrees": {"inconsistent_household": 1},
    "impossible_date": {"bad_value": 1},
    "lat_out_of_range": {"out_of_range": 1},
    "lat_without_lon": {"inconsistent_row": 1},
    "missing_column_capacity": {"missing_column": 1},
    "missing_column_person_id": {"missing_column": 1},
    "missing_locations_file": {"missing_file": 1},
    "misspelled_column_capacity": {"missing_column": 1},
    "negative_age": {"bad_value": 1},
    "negative_capacity": {"bad_value": 1},
    "negative_cost": {"bad_value": 1},
    "negative_moves": {"bad_value": 1},
    "open_from_after_open_until": {"inconsistent_row": 1},
    "override_bad_action": {"out_of_range": 1},
    "override_empty_reason": {"empty_value": 1},
    "override_impossible_pin": {"pin_not_allowed": 1},
    "override_pin_and_forbid": {"override_conflict": 1},
    "override_pinned_twice": {"override_conflict": 1},
    "override_pins_overfill": {"pins_overfill": 1},
    "override_unknown_household": {"unknown_reference": 1},
    "override_unknown_location": {"unknown_reference": 1},
    "persons_file_wrong_case": {"missing_file": 1},
    "pipe_separated_persons": {"missing_column": 4},
    "semicolon_header_comma_rows": {"empty_value": 12, "unknown_reference": 5},
    "tab_separated_locations": {"missing_column": 5},
    "text_in_age": {"bad_value": 1},
    "text_in_capacity": {"bad_value": 1},
    "text_in_max_children": {"bad_value": 1},
    "thousands_in_capacity": {"bad_value": 1},
    "toml_negative_weight": {"bad_setting": 1},
    "toml_syntax_error": {"bad_setting": 1},
    "toml_unknown_landscape": {"bad_setting": 1},
    "toml_unknown_mode": {"bad_setting": 1},
    "unclosed_quote": {"unreadable": 1},
    "unknown_current_location": {"unknown_reference": 2},
    "unknown_gemeente": {"unknown_reference": 1},
    "unknown_housing_gemeente": {"unknown_reference": 1},
    "unknown_track": {"unknown_reference": 1},
    "unknown_type": {"unknown_reference": 1},
}


def _codes(folder: Path) -> dict[str, int]:
    try:
        prepare(read_scenario(folder))
    except PlacementInputError as exc:
        return dict(Counter(str(p.code) for p in exc.problems))
    return {}


@pytest.mark.parametrize("folder", CASES, ids=lambda p: p.name)
def test_case_gives_its_problem_codes(folder: Path):
    """Each problem carries the stable code a program can act on, whatever the wording."""
    assert _codes(folder) == CODES[folder.name]


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
    noun = "problem" if len(expected) == 1 else "problems"
    head = lines.index(f"The input has {len(expected)} {noun}:")
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
