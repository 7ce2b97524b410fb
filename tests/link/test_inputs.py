"""taakstelling.csv: every problem named with file, line, column and a stable code; exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from placement.errors import Code, PlacementInputError
from placement.input.read import read_scenario, read_taakstelling
from placement.link.run import read_link_inputs
from tests.link.scenarios import run, write

LOCATIONS = """location_id,name,gemeente_code,type,capacity
L,azc L,GM9001,regulier,100
"""
PERSONS = ["p1,h1,30,vergunninghouder,L,,,"]


@pytest.mark.parametrize(
    ("quotas", "line", "column", "code"),
    [
        ("gemeente_code,quota\nGM9001,3\nGM9999,2\n", 3, "gemeente_code", Code.UNKNOWN_REFERENCE),
        ("gemeente_code,quota\nGM9001,-3\n", 2, "quota", Code.BAD_VALUE),
        ("gemeente_code,quota\nGM9001,2.5\n", 2, "quota", Code.BAD_VALUE),
        ("gemeente_code,quota\nGM9001,\n", 2, "quota", Code.EMPTY_VALUE),
        ("gemeente_code,quota\nGM9001,3\nGM9002,1\nGM9001,4\n", 4, "gemeente_code",
         Code.DUPLICATE_ID),
        ("gemeente_code,quota\nGM91,3\n", 2, "gemeente_code", Code.OUT_OF_RANGE),
        ("gemeente_code\nGM9001\n", 1, "quota", Code.MISSING_COLUMN),
    ],
)  # fmt: skip
def test_bad_taakstelling_is_reported_with_line_column_and_code(
    tmp_path: Path, quotas: str, line: int, column: str, code: Code
):
    """The reader names the problem; the command exits 1, prints it, and writes nothing."""
    folder = write(tmp_path / "s", LOCATIONS, PERSONS, quotas)
    with pytest.raises(PlacementInputError) as caught:
        read_taakstelling(folder / "taakstelling.csv", read_scenario(folder).gemeenten)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.code) == (line, column, code)
    out = tmp_path / "out"
    result = run(folder, out)
    assert result.exit_code == 1
    assert f"taakstelling.csv, line {line}, column '{column}'" in result.output
    assert not out.exists()


def test_every_later_duplicate_line_is_named(tmp_path: Path):
    """A code on three lines: the second and the third are reported, the first kept."""
    quotas = "gemeente_code,quota\nGM9001,1\nGM9001,2\nGM9002,1\nGM9001,3\n"
    folder = write(tmp_path / "s", LOCATIONS, PERSONS, quotas)
    with pytest.raises(PlacementInputError) as caught:
        read_taakstelling(folder / "taakstelling.csv", read_scenario(folder).gemeenten)
    assert [(p.line, p.code) for p in caught.value.problems] == [
        (3, Code.DUPLICATE_ID),
        (5, Code.DUPLICATE_ID),
    ]
    assert "first on line 2" in caught.value.problems[0].message


def test_a_missing_taakstelling_is_an_input_error(tmp_path: Path):
    """Without taakstelling.csv in the folder (and no --taakstelling): exit 1, missing_file."""
    folder = write(tmp_path / "s", LOCATIONS, PERSONS, {"GM9001": 1})
    (folder / "taakstelling.csv").unlink()
    with pytest.raises(PlacementInputError) as caught:
        read_link_inputs(folder)
    assert [p.code for p in caught.value.problems] == [Code.MISSING_FILE]
    result = run(folder, tmp_path / "out")
    assert result.exit_code == 1 and "taakstelling.csv" in result.output


def test_problems_of_the_scenario_and_the_quotas_are_listed_together(tmp_path: Path):
    """A bad persons.csv and a bad quota file: both reported in one run."""
    folder = write(tmp_path / "s", LOCATIONS, ["p1,h1,300,vergunninghouder,L,,,"], "x")
    (folder / "taakstelling.csv").write_text("gemeente_code,quota\nGM9001,x\n", encoding="utf-8")
    with pytest.raises(PlacementInputError) as caught:
        read_link_inputs(folder)
    assert {(p.file, p.column) for p in caught.value.problems} == {
        ("persons.csv", "age"),
        ("taakstelling.csv", "quota"),
    }


def test_another_quota_file_is_named_by_its_path(tmp_path: Path):
    """--taakstelling FILE: read instead of the folder's, problems name the path."""
    folder = write(tmp_path / "s", LOCATIONS, PERSONS, {"GM9001": 1})
    other = tmp_path / "quotas.csv"
    other.write_text("gemeente_code;quota\nGM9002;1\nGM9998;4\n", encoding="utf-8")
    result = run(folder, tmp_path / "out", "--taakstelling", str(other))
    assert result.exit_code == 1
    assert f"{other}, line 3, column 'gemeente_code'" in result.output
    other.write_text("gemeente_code;quota;note\nGM9002;1;x\n", encoding="utf-8")
    result = run(folder, tmp_path / "out", "--taakstelling", str(other))
    assert result.exit_code == 0, result.output
    assert "column 'note' is not part of the input contract" in result.output
    assert (tmp_path / "out" / "gemeenten.csv").read_text().splitlines()[1].startswith("GM9002,1,1")
