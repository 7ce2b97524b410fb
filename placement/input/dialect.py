"""The CSV dialect: a file as Dutch Excel writes it, to trimmed text cells.

What is read, whichever way a spreadsheet saved it:

- the encoding: UTF-8 (a byte order mark dropped), else cp1252;
- the separator: whichever of ``;`` and ``,`` the header line holds more of;
- line ends CRLF, LF or CR; blank lines hold no row (but count);
- quoting as the ``csv`` module reads it: a quoted field may hold the
  separator or a line break, and a quote inside it is written twice;
- a row with fewer fields than the header gets empty cells; trailing empty
  fields are harmless, non-empty ones a problem; a column without a name
  in the header is dropped, with a warning when it holds data.

Every cell is text here, trimmed of spaces; typing them is
:mod:`placement.input.cells`' job.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

import numpy as np
import pandas as pd

from placement.errors import Code, InputProblem, PlacementInputError
from placement.i18n import _
from placement.input.problems import input_error

_SPACE = re.compile(r"[^\S\r\n]")
#: The ASCII characters ``_SPACE`` matches: an ASCII file is searched for each.
_ASCII_SPACE = " \t\x0b\x0c\x1c\x1d\x1e\x1f"


@dataclass(frozen=True)
class Table:
    """A CSV file as text, before any typing.

    Attributes
    ----------
    file
        The name problems use for the file, e.g. ``"locations.csv"``.
    cells
        One ``object`` column of trimmed ``str`` per header name; rows whose
        cells are all empty are dropped; the index is ``0..n-1``.
    lines
        The physical line where each row's record starts (the header is 1).
    warnings
        Things worth telling the planner that are not errors.
    """

    file: str
    cells: pd.DataFrame
    lines: np.ndarray
    warnings: tuple[str, ...] = ()


def read_table(path: Path | str, *, file: str | None = None) -> Table:
    """Read one CSV file into trimmed text cells and their line numbers.

    Parameters
    ----------
    path
        The file to read.
    file
        The name problems give the file; default its name.

    Returns
    -------
    Table
        The cells (all ``str``) and the physical start line of every row.

    Raises
    ------
    PlacementInputError
        When the file is empty, cannot be decoded, is not valid CSV, has a
        duplicated header name, or has a row with more fields than the header.
    """
    path = Path(path)
    name = file or path.name
    text = _decode(path.read_bytes(), name)
    sep = _separator(text)
    plain = _plain_rows(text, sep) if text.strip() else None
    if plain is not None:
        header, header_line, grid, starts = plain
        problems = _header_problems(name, header, header_line)
        cells = pd.DataFrame(grid, columns=range(len(header)), dtype=object, copy=False)
    else:
        records, record_starts = _records(text, sep, name) if text.strip() else ([], [])
        if not records:
            raise input_error(
                name, None, _("the file is empty; it needs a header row with the column names"),
                Code.EMPTY_FILE,
            )  # fmt: skip
        header = [h.strip() for h in records[0]]
        problems = _header_problems(name, header, record_starts[0])
        rows = _fit_rows(name, len(header), records[1:], record_starts[1:], problems)
        cells = pd.DataFrame(rows, columns=range(len(header)), dtype=object)
        starts = record_starts[1:]
    if problems:
        raise PlacementInputError(problems)
    # Only whitespace other than line breaks needs trimming; most files have none.
    cells, lines = _cells_frame(header, cells, starts, trim=_has_space(text))
    cells, warnings = _drop_unnamed(name, cells)
    return Table(name, cells, lines, warnings)


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (a BOM dropped), else cp1252 as Dutch Excel writes it."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise input_error(
            name,
            None,
            _("the file is neither UTF-8 nor cp1252 text; save it as 'CSV UTF-8'"),
            Code.UNREADABLE,
        ) from exc


def _has_space(text: str) -> bool:
    """Whether ``text`` holds whitespace other than line breaks."""
    if text.isascii():  # the usual case, and a few scans of a byte each are quicker
        return any(c in text for c in _ASCII_SPACE)
    return _SPACE.search(text) is not None


def _separator(text: str) -> str:
    """Whichever of ``;`` and ``,`` occurs more often in the header line."""
    start = text.lstrip("\r\n")
    # The header line ends at the first line boundary, at the latest at the first \n.
    first = start[: start.find("\n")] if "\n" in start else start
    header = first.splitlines()[0] if text.strip() else ""
    return ";" if header.count(";") > header.count(",") else ","


def _records(text: str, sep: str, name: str) -> tuple[list[list[str]], list[int]]:
    """Parse CSV records, skipping blank lines, with the line each record starts on."""
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True))
    except csv.Error:
        records = []
    physical = sum(1 for _line in io.StringIO(text, newline=""))
    if records and len(records) == physical:
        # No record spans lines (the usual case): record i starts on line i + 1.
        starts = [i + 1 for i, r in enumerate(records) if r]
        return [r for r in records if r], starts
    return _records_spanning_lines(text, sep, name)


def _records_spanning_lines(text: str, sep: str, name: str) -> tuple[list[list[str]], list[int]]:
    """Parse records one at a time, as a quoted field may hold line breaks."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    records: list[list[str]] = []
    starts: list[int] = []
    end = 0
    try:
        for record in reader:
            if record:
                records.append(record)
                starts.append(end + 1)
            end = reader.line_num
    except csv.Error as exc:
        raise input_error(
            name,
            end + 1,
            _(
                "this record cannot be read as CSV ({error}); check its quotes: a quoted field "
                'must end with a closing " and a quote inside it is written twice ("")'
            ).format(error=exc),
            Code.UNREADABLE,
        ) from exc
    return records, starts


def _plain_rows(text: str, sep: str) -> tuple[list[str], int, np.ndarray, list[int]] | None:
    """Split a file without quotes, whose rows all have the header's width, into cells.

    Such a file is one record per non-blank line and one field per separator,
    as the CSV reader reads it, only faster. ``None`` for any other file
    (quotes, a row of another width, a NUL, a field the CSV reader refuses
    as too long): :func:`_records` reads those.

    Returns
    -------
    tuple
        The header's names (trimmed), its line, the cells (an ``object``
        array of a row per record) and the line of every row.
    """
    if '"' in text or "\x00" in text:
        return None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":  # the last line's break ends the file
        lines.pop()
    if max(map(len, lines)) > csv.field_size_limit():
        return None
    if "" in lines:  # blank lines hold no record, but count
        starts = [i for i, line in enumerate(lines, start=1) if line]
        lines = [line for line in lines if line]
    else:
        starts = list(range(1, len(lines) + 1))
    header, body = lines[0].split(sep), lines[1:]
    width = len(header)
    if set(map(str.count, body, repeat(sep))) - {width - 1}:
        return None
    fields = sep.join(body).split(sep) if body else []
    grid = np.array(fields, dtype=object).reshape(len(body), width)
    return [h.strip() for h in header], starts[0], grid, starts[1:]


def _header_problems(name: str, header: list[str], line: int) -> list[InputProblem]:
    problems = []
    seen: set[str] = set()
    for column in header:
        if column and column in seen:
            problems.append(
                InputProblem(
                    name,
                    line,
                    column,
                    _("this column name occurs twice in the header; keep one"),
                    Code.HEADER,
                )
            )
        seen.add(column)
    return problems


def _fit_rows(
    name: str,
    width: int,
    records: list[list[str]],
    starts: list[int],
    problems: list[InputProblem],
) -> list[list[str]]:
    """Give every record exactly ``width`` fields; extra non-empty fields are a problem.

    Missing trailing fields are empty cells, and empty extra fields (a trailing
    separator) are harmless, so both pass.
    """
    if all(len(r) == width for r in records):
        return records
    rows = []
    for record, line in zip(records, starts, strict=True):
        if len(record) > width and any(f.strip() for f in record[width:]):
            problems.append(
                InputProblem(
                    name,
                    line,
                    None,
                    _(
                        "this row has {fields} fields but the header names {width} columns; "
                        "remove the extra fields or add their column names"
                    ).format(fields=len(record), width=width),
                    Code.BAD_ROW,
                )
            )
        rows.append((record + [""] * width)[:width])
    return rows


def _cells_frame(
    header: list[str], frame: pd.DataFrame, starts: list[int], trim: bool
) -> tuple[pd.DataFrame, np.ndarray]:
    """Name the text frame's columns, trim its cells when ``trim``, drop blank rows.

    Returns the frame and the line of each row it keeps.
    """
    if trim:
        for i in range(len(header)):
            frame[i] = [v.strip() for v in frame[i]]
    frame.columns = pd.Index(header, dtype=object)
    lines = np.asarray(starts, dtype=np.int64)
    blank = _blank_rows(frame)
    if blank.any():
        frame = frame.loc[~blank].reset_index(drop=True)
        lines = lines[~blank]
    return frame, lines


def _blank_rows(frame: pd.DataFrame) -> np.ndarray:
    """Which rows have only empty cells, looked for column by column among the candidates."""
    blank = np.ones(len(frame), dtype=bool)
    for i in range(frame.shape[1]):
        candidates = np.flatnonzero(blank)
        if not len(candidates):
            break
        blank[candidates] = frame.iloc[:, i].to_numpy(dtype=object)[candidates] == ""
    return blank


def _drop_unnamed(name: str, cells: pd.DataFrame) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Drop columns without a header name; warn when they hold data."""
    unnamed = [i for i, c in enumerate(cells.columns) if c == ""]
    warnings = tuple(
        _("{file}: column {number} has no name in the header but holds data; it is ignored").format(
            file=name, number=i + 1
        )
        for i in unnamed
        if (cells.iloc[:, i] != "").any()
    )
    keep = [i for i in range(cells.shape[1]) if i not in unnamed]
    return cells.iloc[:, keep], warnings
