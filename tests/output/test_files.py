"""CSV files: the column-at-a-time writer gives the very bytes pandas writes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from placement.output.files import csv_bytes, placement_table, write_csv

# Characters the csv module quotes for, or might: separators, quotes, line ends, odd unicode.
TEXT = st.text(alphabet=list("ab,\"\n\r \t;\x00é€\u2028'.-1"), max_size=6)
FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 0.1, 1e-5, 1e16, 123456789.0, 2.5, 1 / 3]),
)


@st.composite
def frames(draw: st.DrawFn) -> pd.DataFrame:
    """Frames of one to four columns of text (with gaps), numbers and booleans."""
    n = draw(st.integers(0, 5))
    columns = {}
    for i in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["str", "object", "int", "float", "bool", "Int64", "boolean"]))
        gaps = st.lists(st.booleans(), min_size=n, max_size=n)
        if kind in ("str", "object"):
            values = [v if keep else None for v, keep in zip(
                draw(st.lists(TEXT, min_size=n, max_size=n)), draw(gaps), strict=True
            )]  # fmt: skip
            column = pd.Series(values, dtype="str" if kind == "str" else object)
        elif kind == "int":
            column = pd.Series(draw(st.lists(st.integers(-(2**62), 2**62), min_size=n, max_size=n)))
        elif kind == "float":
            column = pd.Series(draw(st.lists(FLOATS, min_size=n, max_size=n)), dtype="float64")
        elif kind == "bool":
            column = pd.Series(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
        else:
            values = draw(st.lists(st.integers(-3, 3), min_size=n, max_size=n))
            values = [v if keep else None for v, keep in zip(values, draw(gaps), strict=True)]
            if kind == "boolean":
                values = [None if v is None else v > 0 for v in values]
            column = pd.Series(values, dtype=kind)
        columns[draw(TEXT) + str(i)] = column.reset_index(drop=True)
    return pd.DataFrame(columns)


def _pandas_bytes(frame: pd.DataFrame, path: Path) -> bytes:
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path.read_bytes()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames())
def test_csv_bytes_are_those_pandas_writes(
    tmp_path_factory: pytest.TempPathFactory, frame: pd.DataFrame
) -> None:
    """Text with quotes and line ends, gaps, floats (-0.0, inf), Int64, booleans: the same bytes."""
    path = tmp_path_factory.mktemp("csv") / "a.csv"
    assert csv_bytes(frame) == _pandas_bytes(frame, path)


def test_one_empty_cell_is_quoted_like_pandas(tmp_path: Path) -> None:
    """A row of one empty cell (or a gap) is written ``""``, not as an empty line."""
    frame = pd.DataFrame({"a": ["", None, "x"]})
    assert csv_bytes(frame) == _pandas_bytes(frame, tmp_path / "a.csv") == b'a\n""\n""\nx\n'


def test_other_columns_are_written_by_pandas(tmp_path: Path) -> None:
    """A frame with dates or objects that are not text is written by pandas, unchanged."""
    frame = pd.DataFrame({"day": pd.to_datetime(["2026-11-23", None]), "n": [1, 2]})
    mixed = pd.DataFrame({"x": pd.Series(["a", 1], dtype=object)})
    for table in (frame, mixed):
        assert csv_bytes(table) is None
        write_csv(table, tmp_path / "b.csv")
        assert (tmp_path / "b.csv").read_bytes() == _pandas_bytes(table, tmp_path / "c.csv")


def test_distances_have_three_decimals() -> None:
    """``distance_km`` as ``f"{v:.3f}"`` per person, empty without one; -0.0 stays negative."""
    distances = [1.0, 2.0005, np.nan, -0.0, 1.0, 1e16, np.inf, 0.1234]
    placements = pd.DataFrame(
        {c: ["x"] * len(distances) for c in ("person_id", "household_id", "from_location_id",
                                             "to_location_id", "status", "reason")}
    )  # fmt: skip
    placements["distance_km"] = distances
    written = placement_table(placements)["distance_km"].tolist()
    assert written == [("" if np.isnan(v) else f"{v:.3f}") for v in distances]
