"""Random bytes and random table edits: the reader answers with a result or a clear error."""

from __future__ import annotations

import csv
import importlib.util
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from placement.errors import PlacementInputError
from placement.input.read import read_scenario
from placement.input.scenario import Scenario
from placement.model.prepare import prepare

BAD = Path(__file__).resolve().parent / "data" / "bad"
_spec = importlib.util.spec_from_file_location("make_corpus", BAD / "make_corpus.py")
assert _spec is not None and _spec.loader is not None
_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_corpus)
BASE: dict[str, str] = {k: v for k, v in _corpus.BASE.items() if isinstance(v, str)}
TABLES = ["locations.csv", "persons.csv", "overrides.csv"]
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)

# Cells a planner's spreadsheet might hold: numbers, dates, separators, quotes, odd unicode.
cell_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "-1", "0", "1e9", "99999999999999999999", "1,5", "1.5", "NaN",
                     "ja", "WAAR", "31-12-2026", "2026-02-30", "GM0363", "L1", "H1", '"', ";",
                     "\n", "\r\n", "\x00", "\ufeff", "é", "regulier", "aanmeld"]),
)  # fmt: skip


def _answer(folder: Path) -> Scenario | None:
    """Read and prepare; a clear input error is a fine answer, anything else fails."""
    try:
        scenario = read_scenario(folder)
        prepare(scenario)
    except PlacementInputError as exc:
        assert exc.problems, "an input error must list at least one problem"
        for problem in exc.problems:
            assert problem.file and problem.message
        return None
    return scenario


def _write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in {**BASE, **files}.items():
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        else:
            (folder / name).write_text(content, encoding="utf-8", newline="")


def test_base_scenario_is_valid():
    """The scenario the fuzzers start from reads and prepares without problems."""
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), {})
        assert _answer(Path(tmp)) is not None


@FUZZ
@given(name=st.sampled_from(TABLES), data=st.binary(max_size=400))
def test_random_bytes_as_a_table(name: str, data: bytes):
    """Any bytes as locations.csv, persons.csv or overrides.csv: a Scenario or an input error."""
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), {name: data})
        _answer(Path(tmp))


@FUZZ
@given(name=st.sampled_from(TABLES), prefix=st.binary(max_size=40), cut=st.integers(0, 400))
def test_valid_table_with_bytes_spliced_in(name: str, prefix: bytes, cut: int):
    """A valid table with random bytes inserted somewhere: a Scenario or an input error."""
    raw = BASE[name].encode("utf-8")
    cut = min(cut, len(raw))
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), {name: raw[:cut] + prefix + raw[cut:]})
        _answer(Path(tmp))


edit = st.one_of(
    st.tuples(st.just("cell"), st.integers(0, 50), st.integers(0, 20), cell_text),
    st.tuples(st.just("drop_row"), st.integers(0, 50), st.just(0), st.just("")),
    st.tuples(st.just("copy_row"), st.integers(0, 50), st.just(0), st.just("")),
    st.tuples(st.just("drop_cell"), st.integers(0, 50), st.integers(0, 20), st.just("")),
    st.tuples(st.just("add_cell"), st.integers(0, 50), st.just(0), cell_text),
)


def _edited(text: str, edits: list[tuple[str, int, int, str]], sep: str) -> str:
    rows = list(csv.reader(io.StringIO(text)))
    for kind, r, c, value in edits:
        row = rows[r % len(rows)] if rows else []
        if kind == "cell" and row:
            row[c % len(row)] = value
        elif kind == "drop_row" and rows:
            rows.pop(r % len(rows))
        elif kind == "copy_row" and rows:
            rows.append(list(row))
        elif kind == "drop_cell" and row:
            row.pop(c % len(row))
        elif kind == "add_cell":
            row.append(value)
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\n").writerows(rows)
    return out.getvalue()


@FUZZ
@given(
    name=st.sampled_from(TABLES),
    edits=st.lists(edit, min_size=1, max_size=6),
    sep=st.sampled_from([",", ";"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_random_edits_of_a_valid_table(name, edits, sep, encoding):
    """Random cell, row and column edits in any separator and encoding: result or input error."""
    text = _edited(BASE[name], edits, sep)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), {name: data})
        _answer(Path(tmp))
