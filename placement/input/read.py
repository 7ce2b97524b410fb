"""Read a scenario folder into validated frames.

Reading only: :func:`read_scenario` turns a folder into a
:class:`~placement.input.scenario.Scenario` or raises one
:class:`~placement.errors.PlacementInputError` listing every problem in
every file, each with its file, line, column and what to do about it. The
parsing rules are the contract's "Parsing, exactly"; the column rules live in
:mod:`placement.input.schema`.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.api.function_dispatch import Dispatcher
from pandera.engines import pandas_engine

from placement.errors import Code, InputProblem, PlacementInputError
from placement.i18n import N_, _, did_you_mean, using
from placement.input.scenario import Scenario
from placement.input.schema import (
    FRAME_CHECKS,
    CandidateSchema,
    GemeenteSchema,
    LocationSchema,
    OverrideSchema,
    PersonSchema,
    PopulationSchema,
    TaakstellingSchema,
)
from placement.input.settings import Landscape, Settings, read_settings, scenario_language
from placement.resources import reference_file

#: The program's own gemeente table (code, name, province, reference point).
#: How problems in the built-in gemeente table name their file.
BUILTIN_LABEL = "data/gemeenten.csv"

LOCATIONS = "locations.csv"
PERSONS = "persons.csv"
GEMEENTEN = "gemeenten.csv"
OVERRIDES = "overrides.csv"
TAAKSTELLING = "taakstelling.csv"
#: Columns every member of a household must agree on.
HOUSEHOLD_COLUMNS: tuple[str, ...] = (
    "track",
    "current_location_id",
    "housing_gemeente_code",
    "family_group",
)
BOOLEANS: dict[str, bool] = {
    "true": True, "1": True, "ja": True, "yes": True, "waar": True,
    "false": False, "0": False, "nee": False, "no": False, "onwaar": False,
}  # fmt: skip
_DECIMAL = r"(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)"
_ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_DUTCH_DATE = r"[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}"
_FIRST_DAY, _LAST_DAY = pd.Timestamp("1678-01-01"), pd.Timestamp("2261-12-31")
_SPACE = re.compile(r"[^\S\r\n]")
#: The ASCII characters ``_SPACE`` matches: an ASCII file is searched for each.
_ASCII_SPACE = " \t\x0b\x0c\x1c\x1d\x1e\x1f"
_QUOTE_MAX = 40  # a quoted cell longer than this is cut short in a message


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


class _Problems:
    """Collects input problems; at most one per cell, none for a muted column."""

    def __init__(self) -> None:
        self.items: list[InputProblem] = []
        self._seen: set[tuple[str, int | None, str | None]] = set()
        self._muted: set[tuple[str, str]] = set()

    def add(
        self, file: str, line: int | None, column: str | None, message: str, code: Code
    ) -> None:
        key = (file, line, column)
        if column is not None and (file, column) in self._muted:
            return
        if line is not None and key in self._seen:
            return
        self._seen.add(key)
        self.items.append(InputProblem(file, line, column, message, code))

    def add_rows(
        self,
        file: str,
        lines: Iterable[int],
        column: str | None,
        messages: Iterable[str],
        code: Code,
    ) -> None:
        for line, message in zip(lines, messages, strict=True):
            self.add(file, int(line), column, message, code)

    def extend(self, problems: Iterable[InputProblem]) -> None:
        for p in problems:
            self.add(p.file, p.line, p.column, p.message, p.code)

    def mute(self, file: str, column: str) -> None:
        """Report nothing more about ``column``: its absence was reported already."""
        self._muted.add((file, column))

    def has_column(self, file: str, column: str) -> bool:
        """Whether ``file`` has ``column``, so other tables can be checked against it."""
        return (file, column) not in self._muted


# --------------------------------------------------------------------------- files


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
            raise _error(
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


def _error(file: str, line: int | None, message: str, code: Code) -> PlacementInputError:
    return PlacementInputError([InputProblem(file, line, None, message, code)])


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (a BOM dropped), else cp1252 as Dutch Excel writes it."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise _error(
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
        raise _error(
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


# --------------------------------------------------------------------------- typing


def _quote(cell: str) -> str:
    return cell if len(cell) <= _QUOTE_MAX else cell[: _QUOTE_MAX - 1] + "…"


def _typed_frame(
    table: Table, model: type[pa.DataFrameModel], problems: _Problems, warnings: list[str]
) -> pd.DataFrame:
    """Parse every column of ``model`` from ``table`` and validate the result.

    Unparseable cells are reported and replaced by a value that passes the
    column's checks, so that the schema reports only the other problems.
    """
    schema = model.to_schema()
    specs = {n: c.metadata for n, c in schema.columns.items() if n != "line"}
    _check_header(table, specs, problems, warnings)
    data = {}
    for column, meta in specs.items():
        raw = table.cells[column] if column in table.cells else _empty_column(table)
        data[column] = _parse_column(table, column, raw, meta, problems)
    data["line"] = pd.Series(table.lines, dtype="int64")
    frame = pd.DataFrame(data, index=table.cells.index)
    _validate(table, schema, frame, problems)
    return frame


def _empty_column(table: Table) -> pd.Series:
    return pd.Series("", index=table.cells.index, dtype=object)


def _check_header(
    table: Table, specs: dict[str, dict], problems: _Problems, warnings: list[str]
) -> None:
    """One problem per missing required column; a warning per unknown column."""
    present = list(table.cells.columns)
    unknown = [c for c in present if c not in specs]
    for column, meta in specs.items():
        if meta["required"] and column not in present:
            hint = difflib.get_close_matches(column, unknown, n=1, cutoff=0.6)
            found = (
                _(" (the header has '{name}': is that it?)").format(name=hint[0]) if hint else ""
            )
            problems.add(
                table.file,
                1,
                column,
                _("required column '{column}' is missing{found}; add it to the header row").format(
                    column=column, found=found
                ),
                Code.MISSING_COLUMN,
            )
            problems.mute(table.file, column)
    for column in unknown:
        hint = difflib.get_close_matches(column, list(specs), n=1, cutoff=0.6)
        mean = _("; did you mean '{name}'?").format(name=hint[0]) if hint else ""
        warnings.append(
            _("{file}: column '{column}' is not part of the input contract and is ignored").format(
                file=table.file, column=column
            )
            + mean
        )


def _parse_column(
    table: Table, column: str, raw: pd.Series, meta: dict[str, Any], problems: _Problems
) -> pd.Series:
    """Type one column; report empty required cells and cells that do not parse."""
    empty = raw.to_numpy(dtype=object) == ""
    if meta["required"]:
        _report(
            table, column, empty, raw, problems,
            lambda cell: _("{column} is empty; {fix}").format(column=column, fix=_(meta["fix"])),
            Code.EMPTY_VALUE,
        )  # fmt: skip
    kind = meta["kind"]
    if kind == "text":
        text = raw.astype("str")
        return text.str.lower() if meta.get("casefold") else text
    parser = {
        "int": _parse_int,
        "decimal": _parse_decimal,
        "bool": _parse_bool,
        "date": _parse_date,
    }
    values, ok = _parse_distinct(parser[kind], raw, meta)
    bad = ~ok & ~empty
    _report(
        table,
        column,
        bad,
        raw,
        problems,
        lambda cell: _bad_value(column, meta, cell),
        Code.BAD_VALUE,
    )
    return values


def _parse_distinct(
    parse: Callable[[pd.Series, dict[str, Any]], tuple[pd.Series, np.ndarray]],
    raw: pd.Series,
    meta: dict[str, Any],
) -> tuple[pd.Series, np.ndarray]:
    """Parse each distinct cell once and give every row its cell's result.

    A column of many rows holds few distinct cells (ages, yes/no, dates).
    """
    codes, distinct = raw.factorize()
    values, ok = parse(pd.Series(distinct, dtype=raw.dtype), meta)
    return values.take(codes).set_axis(raw.index), ok[codes]


def _report(
    table: Table,
    column: str,
    mask: np.ndarray,
    raw: pd.Series,
    problems: _Problems,
    message: Callable[[str], str],
    code: Code,
) -> None:
    if mask.any():
        problems.add_rows(table.file, table.lines[mask], column, map(message, raw[mask]), code)


def _parse_int(raw: pd.Series, meta: dict[str, Any]) -> tuple[pd.Series, np.ndarray]:
    # ASCII digits only; at most 18 of them (after leading zeros) to fit an int64.
    ok = np.fromiter(
        (v.isdigit() and v.isascii() and len(v.lstrip("0")) <= 18 for v in raw),
        dtype=bool,
        count=len(raw),
    )
    empty = (raw == "").to_numpy()
    values = raw.where(ok, "0").astype("int64")
    default = meta.get("default")
    if default is None and not meta["required"]:
        return values.astype("Int64").mask(empty, pd.NA), ok
    return values.mask(empty, default or 0), ok


def _parse_decimal(raw: pd.Series, meta: dict[str, Any]) -> tuple[pd.Series, np.ndarray]:
    pattern = ("[+-]?" if meta.get("signed") else "") + _DECIMAL
    ok = raw.str.fullmatch(pattern).to_numpy(dtype=bool)
    values = raw.where(ok, "0").str.replace(",", ".", regex=False).astype("float64")
    default = meta.get("default")
    empty = (raw == "").to_numpy()
    return values.mask(empty, np.nan if default is None else default), ok


def _parse_bool(raw: pd.Series, meta: dict[str, Any]) -> tuple[pd.Series, np.ndarray]:
    # Object dtype throughout: a column of only upper-case spellings maps to
    # all-missing floats otherwise, which cannot take booleans back.
    mapped = raw.astype(object).map(BOOLEANS).astype(object)
    missed = mapped.isna().to_numpy() & (raw != "").to_numpy()
    if missed.any():  # other cases than lower case: rare, so look up only those
        mapped[missed] = raw[missed].str.lower().map(BOOLEANS).astype(object)
    ok = mapped.notna().to_numpy()
    return mapped.where(ok, meta["default"]).astype(bool), ok


def _parse_date(raw: pd.Series, meta: dict[str, Any]) -> tuple[pd.Series, np.ndarray]:
    iso = pd.to_datetime(
        raw.where(raw.str.fullmatch(_ISO_DATE)), format="%Y-%m-%d", errors="coerce"
    )
    dutch = pd.to_datetime(
        raw.where(raw.str.fullmatch(_DUTCH_DATE)), format="%d-%m-%Y", errors="coerce"
    )
    values = iso.fillna(dutch)
    # datetime64[ns] spans 1677-09-21 .. 2262-04-11; a date like 31-12-9999 is reported.
    values = values.where((values >= _FIRST_DAY) & (values <= _LAST_DAY))
    return values.astype("datetime64[ns]"), values.notna().to_numpy()


def _validate(
    table: Table, schema: pa.DataFrameSchema, frame: pd.DataFrame, problems: _Problems
) -> None:
    """Run the pandera schema and turn its failure cases into input problems."""
    if _passes(schema, frame):
        return
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return
    for check, group in cases.groupby("check", sort=False):
        if check in FRAME_CHECKS:
            _report_frame_check(table, str(check), group, problems)
        else:
            _report_column_check(table, schema, group, problems)


def _in_range(
    data: pd.Series,
    min_value: Any,
    max_value: Any,
    include_min: bool = True,
    include_max: bool = True,
) -> pd.Series:
    above = data >= min_value if include_min else data > min_value
    below = data <= max_value if include_max else data < max_value
    return above & below


def _str_length(
    data: pd.Series,
    min_value: int | None = None,
    max_value: int | None = None,
    exact_value: int | None = None,
) -> pd.Series:
    length = data.str.len()
    if exact_value is not None:
        return length == exact_value
    low = length >= min_value if min_value is not None else True
    high = length <= max_value if max_value is not None else True
    if low is True and high is True:
        raise ValueError("a str_length check needs a bound")
    return low & high


#: pandera's built-in column checks, as vectorised pandas expressions of the same rule.
_BUILTIN_CHECKS: dict[str, Callable[..., pd.Series]] = {
    "greater_than_or_equal_to": lambda data, min_value: data >= min_value,
    "in_range": _in_range,
    "isin": lambda data, allowed_values: data.isin(allowed_values),
    "str_matches": lambda data, pattern: data.str.match(pattern, na=False),
    "str_length": _str_length,
}


def _passes(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> bool:
    """Whether ``frame`` certainly passes ``schema``, checked column by column.

    A pandera run costs far more than its checks (and loads pandera's whole
    backend), and most tables pass: only a table that may fail is handed to
    pandera, which then names its failures. ``False`` also for anything this
    does not evaluate itself (a check of another kind, a parser, an index).
    """
    simple = (
        list(frame.columns) == list(schema.columns)
        and schema.index is None
        and not schema.unique
        and not schema.parsers
    )
    if not simple:
        return False
    try:
        return all(
            _column_passes(column, frame[name]) for name, column in schema.columns.items()
        ) and all(_frame_check_passes(check, frame) for check in schema.checks)
    except Exception:  # noqa: BLE001 -- pandera then reports what went wrong
        return False


def _column_passes(column: pa.Column, series: pd.Series) -> bool:
    if column.unique or column.parsers or column.coerce:
        return False
    if not column.nullable and series.hasnans:
        return False
    if column.dtype is not None:
        # One answer for the column, or one per value (pandera's text types).
        matches: Any = column.dtype.check(pandas_engine.Engine.dtype(series.dtype), series)
        if not np.all(matches):
            return False
    values = series.dropna() if series.hasnans else series
    return all(_check_passes(check, values) for check in column.checks)


def _check_passes(check: pa.Check, values: pd.Series) -> bool:
    # A built-in check's function is pandera's dispatcher of that name; a custom one is not.
    function = check._check_fn
    rule = _BUILTIN_CHECKS.get(function.__name__) if isinstance(function, Dispatcher) else None
    if rule is None or not _plain_check(check):
        return False
    return _all_true(rule(values, **check._check_kwargs))


def _frame_check_passes(check: pa.Check, frame: pd.DataFrame) -> bool:
    if not _plain_check(check):
        return False
    return _all_true(check._check_fn(frame, **check._check_kwargs))


def _plain_check(check: pa.Check) -> bool:
    """A check that fails the table where its rule fails a cell, missing values exempt."""
    return (
        check.ignore_na
        and not check.element_wise
        and check.groupby is None
        and not check.raise_warning
    )


def _all_true(outcome: Any) -> bool:
    """Whether a check's outcome is a boolean series without a missing or false value."""
    return (
        isinstance(outcome, pd.Series)
        and pd.api.types.is_bool_dtype(outcome.dtype)
        and not outcome.hasnans
        and bool(outcome.all())
    )


def _report_column_check(
    table: Table, schema: pa.DataFrameSchema, cases: pd.DataFrame, problems: _Problems
) -> None:
    for column, index in zip(cases["column"], cases["index"], strict=True):
        meta = schema.columns[column].metadata if column in schema.columns else None
        if meta is None or pd.isna(index):
            # Not a cell: the frame itself is off, which the reader must prevent.
            raise AssertionError(f"{table.file}: the typed frame breaks the schema ({column})")
        row = int(index)
        cell = table.cells[column].iloc[row] if column in table.cells else ""
        problems.add(
            table.file,
            int(table.lines[row]),
            column,
            _bad_value(column, meta, cell),
            Code.OUT_OF_RANGE,
        )


def _bad_value(column: str, meta: dict[str, Any], cell: str) -> str:
    """``<column> must be <rule>, got '<cell>'; <fix>`` in the current language."""
    return _("{column} must be {rule}, got '{cell}'; {fix}").format(
        column=column, rule=_(meta["rule"]), cell=_quote(cell), fix=_(meta["fix"])
    )


def _report_frame_check(table: Table, check: str, cases: pd.DataFrame, problems: _Problems) -> None:
    columns, template = FRAME_CHECKS[check]
    for row in sorted({int(i) for i in cases["index"].dropna()}):
        cells = {c: table.cells[c].iloc[row] if c in table.cells else "" for c in columns}
        column = next((c for c in columns if cells[c] == ""), columns[-1])
        problems.add(
            table.file, int(table.lines[row]), column, _(template).format(**cells),
            Code.INCONSISTENT_ROW,
        )  # fmt: skip


# --------------------------------------------------------------------------- scenario


def read_scenario(
    folder: Path | str,
    *,
    mode: str | None = None,
    planning_date: date | None = None,
    landscape: str | None = None,
    language: str | None = None,
) -> Scenario:
    """Read and validate a scenario folder.

    Parameters
    ----------
    folder
        Holds ``locations.csv`` and ``persons.csv``, and optionally
        ``gemeenten.csv``, ``overrides.csv`` and ``scenario.toml``.
    mode, planning_date, landscape, language
        Command-line options; each one given wins over ``scenario.toml``.
        The problems are told in ``language`` (else the scenario's).
        A landscape is a shipped name (``"2024"``) or a path relative to
        ``folder``.

    Returns
    -------
    Scenario
        The typed frames (see :mod:`placement.input.scenario`), the settings and
        the warnings (unknown columns).

    Raises
    ------
    PlacementInputError
        Listing every problem found in every file.
    """
    folder = Path(folder)
    with using(scenario_language(folder, language)):
        return _read_scenario(folder, mode, planning_date, landscape, language)


def _read_scenario(
    folder: Path,
    mode: str | None,
    planning_date: date | None,
    landscape: str | None,
    language: str | None,
) -> Scenario:
    if not folder.is_dir():
        raise _error(
            str(folder), None,
            _("no such folder; give a folder holding locations.csv and persons.csv"),
            Code.MISSING_FILE,
        )  # fmt: skip
    problems = _Problems()
    warnings: list[str] = []
    settings = _read_settings(folder, mode, planning_date, landscape, language, problems)
    land = settings.landscape if settings is not None else None
    gemeenten = _read_gemeenten(folder, problems, warnings)
    locations = _read_input(folder, LOCATIONS, LocationSchema, problems, warnings)
    persons = _read_input(folder, PERSONS, PersonSchema, problems, warnings)
    overrides = _read_input(folder, OVERRIDES, OverrideSchema, problems, warnings, optional=True)
    if locations is not None:
        _check_locations(locations, gemeenten, land, problems)
    if persons is not None:
        _check_persons(persons, locations, gemeenten, land, problems)
    if overrides is not None:
        _check_overrides(overrides, persons, locations, problems)
    if problems.items or settings is None:
        raise PlacementInputError(problems.items, warnings=tuple(warnings))
    assert locations is not None and persons is not None and gemeenten is not None
    return Scenario(
        folder=folder,
        locations=_fill_points(locations, gemeenten),
        persons=persons,
        gemeenten=gemeenten,
        overrides=overrides if overrides is not None else _empty_frame(OverrideSchema),
        settings=settings,
        warnings=tuple(warnings),
    )


def read_locations(path: Path, scenario: Scenario, *, taken: Iterable[str] = ()) -> pd.DataFrame:
    """A further locations file, read and checked as ``locations.csv`` is, with points filled.

    Checked against the scenario's gemeenten and landscape; an id in
    ``taken`` (e.g. the scenario's own locations) is a problem too.

    Raises
    ------
    PlacementInputError
        With every problem of the file (named by its path), line and column.
    """
    problems = _Problems()
    warnings: list[str] = []
    name = str(path)
    new = _read_input(path.parent, path.name, LocationSchema, problems, warnings, file=name)
    if new is not None:
        _check_locations(new, scenario.gemeenten, scenario.settings.landscape, problems, name)
        used = new["location_id"].isin(list(taken)).to_numpy()
        again = _(
            "location_id '{value}' is already a location of the scenario; give the new location "
            "its own id"
        )
        messages = (again.format(value=v) for v in new["location_id"][used])
        problems.add_rows(name, new["line"][used], "location_id", messages, Code.DUPLICATE_ID)
    if problems.items or new is None:
        raise PlacementInputError(problems.items, warnings=tuple(warnings))
    return _fill_points(new, scenario.gemeenten)


def read_candidates(path: Path, scenario: Scenario) -> pd.DataFrame:
    """``candidates.csv`` of ``placement plan``, read and checked as ``locations.csv`` is.

    Ids are unique and are not location ids of the scenario; gemeenten are
    known; types are types of the landscape. A candidate without ``lat, lon``
    gets its gemeente's reference point.

    Raises
    ------
    PlacementInputError
        With every problem of the file (named by its path), line and column.
    """
    problems = _Problems()
    warnings: list[str] = []
    name = str(path)
    frame = _read_input(path.parent, path.name, CandidateSchema, problems, warnings, file=name)
    if frame is not None:
        _report_duplicates(frame, "candidate_id", name, "candidate", problems)
        taken = frame["candidate_id"].isin(scenario.locations["location_id"]).to_numpy()
        again = _(
            "candidate_id '{value}' is already a location_id of the scenario; give the "
            "candidate its own id"
        )
        messages = (again.format(value=_quote(v)) for v in frame["candidate_id"][taken])
        problems.add_rows(name, frame["line"][taken], "candidate_id", messages, Code.DUPLICATE_ID)
        _report_places(frame, name, scenario.gemeenten, scenario.settings.landscape, problems)
    if problems.items or frame is None:
        raise PlacementInputError(problems.items, warnings=tuple(warnings))
    return _fill_points(frame, scenario.gemeenten)


def read_taakstelling(
    path: Path | str,
    gemeenten: pd.DataFrame | None,
    *,
    file: str | None = None,
    warnings: list[str] | None = None,
) -> pd.DataFrame:
    """Read ``taakstelling.csv``: the persons each gemeente can still be linked.

    Parsed and validated as the scenario's files are; every code must be in
    ``gemeenten`` (the scenario's gemeente table) and appear once.

    Parameters
    ----------
    path
        The file.
    gemeenten
        The gemeente table the codes must be in (``Scenario.gemeenten``);
        ``None`` checks the file on its own (when the scenario has problems).
    file
        The name problems give the file; default ``path`` as given.
    warnings
        When given, unknown columns and other legal oddities are appended to it.

    Returns
    -------
    pandas.DataFrame
        ``gemeente_code``, ``quota`` (int64), ``line``, in the file's order.

    Raises
    ------
    PlacementInputError
        With every problem of the file, each with its line and column.
    """
    path = Path(path)
    name = file or str(path)
    if not path.is_file():
        raise _error(
            name, None,
            _(
                "the taakstelling file is missing; add it to the scenario folder "
                "(columns gemeente_code, quota), or name another file"
            ),
            Code.MISSING_FILE,
        )  # fmt: skip
    problems = _Problems()
    found: list[str] = []
    quotas = _read_input(path.parent, path.name, TaakstellingSchema, problems, found, file=name)
    if quotas is not None:
        _report_duplicates(
            quotas, "gemeente_code", name, "gemeente", problems,
            fix=_("give every gemeente one row (add its quotas up)"),
        )  # fmt: skip
    if quotas is not None and gemeenten is not None:
        _report_unknown(
            quotas, "gemeente_code", gemeenten["gemeente_code"], name, _(_UNKNOWN_GEMEENTE),
            problems,
        )  # fmt: skip
    if warnings is not None:
        warnings.extend(found)
    if problems.items or quotas is None:
        raise PlacementInputError(problems.items, warnings=tuple(found))
    return quotas


def read_populations(path: Path | str | None = None, *, file: str | None = None) -> pd.DataFrame:
    """Gemeenten and their populations, to split a taakstelling over.

    Parameters
    ----------
    path
        A CSV file with the columns ``gemeente_code`` and ``population``
        (required in every row; other columns are ignored without a
        warning, so a scenario's ``gemeenten.csv`` serves). ``None``: the
        built-in table's gemeenten that have a population.
    file
        The name problems give the file; default ``path`` as given.

    Returns
    -------
    pandas.DataFrame
        ``gemeente_code``, ``population`` (int64), ``line``, in the file's order.

    Raises
    ------
    PlacementInputError
        With every problem of the file (a repeated code too).
    """
    problems = _Problems()
    if path is None:
        builtin = reference_file("gemeenten.csv")
        frame = _read_input(
            builtin.parent, builtin.name, GemeenteSchema, problems, [], file=BUILTIN_LABEL
        )
        if problems.items or frame is None:
            raise PlacementInputError(problems.items)
        known = frame[frame["population"].notna()]
        return known.astype({"population": "int64"})[["gemeente_code", "population", "line"]]
    path = Path(path)
    name = file or str(path)
    if not path.is_file():
        raise _error(
            name, None, _("no such file; give a CSV file with gemeente_code and population"),
            Code.MISSING_FILE,
        )  # fmt: skip
    table = read_table(path, file=name)
    wanted = [c for c in table.cells.columns if c in PopulationSchema.to_schema().columns]
    # Other columns are not this file's business: dropped before typing, so no warning.
    table = Table(table.file, table.cells[wanted], table.lines)
    frame = _typed_frame(table, PopulationSchema, problems, [])
    _report_duplicates(
        frame, "gemeente_code", name, "gemeente", problems,
        fix=_("give every gemeente one row"),
    )  # fmt: skip
    if problems.items:
        raise PlacementInputError(problems.items)
    return frame


def _read_settings(
    folder: Path,
    mode: str | None,
    planning_date: date | None,
    landscape: str | None,
    language: str | None,
    problems: _Problems,
) -> Settings | None:
    """Read ``scenario.toml`` and apply the command-line options; ``None`` if unusable."""
    try:
        return read_settings(
            folder, mode=mode, planning_date=planning_date, landscape=landscape, language=language
        )
    except PlacementInputError as exc:
        problems.extend(exc.problems)
        return None


def _read_input(
    folder: Path,
    name: str,
    model: type[pa.DataFrameModel],
    problems: _Problems,
    warnings: list[str],
    *,
    optional: bool = False,
    file: str | None = None,
) -> pd.DataFrame | None:
    """Read, type and validate one file; ``None`` when it is absent or unreadable."""
    path = folder / name
    if not path.is_file():
        if not optional:
            problems.add(
                file or name, None, None, _missing_file_message(folder, name), Code.MISSING_FILE
            )
        return None
    try:
        table = read_table(path, file=file)
    except PlacementInputError as exc:
        problems.extend(exc.problems)
        return None
    except OSError as exc:
        problems.add(
            file or name, None, None,
            _("cannot be read ({error}); check the file").format(error=exc.strerror),
            Code.UNREADABLE,
        )  # fmt: skip
        return None
    warnings.extend(table.warnings)
    return _typed_frame(table, model, problems, warnings)


def _missing_file_message(folder: Path, name: str) -> str:
    others = [p.name for p in folder.iterdir() if p.is_file()]
    hint = difflib.get_close_matches(name, others, n=1, cutoff=0.6)
    found = (
        _(" ('{name}' is there: file names are case-sensitive)").format(name=hint[0])
        if hint
        else ""
    )
    return _("required file {file} is not in the scenario folder{found}; add it").format(
        file=name, found=found
    )


def _empty_frame(model: type[pa.DataFrameModel]) -> pd.DataFrame:
    """Return a frame with the model's columns and dtypes and no rows."""
    schema = model.to_schema()
    return pd.DataFrame({n: pd.Series(dtype=c.dtype.type) for n, c in schema.columns.items()})


def _read_gemeenten(folder: Path, problems: _Problems, warnings: list[str]) -> pd.DataFrame | None:
    """Read the built-in gemeente table and apply the scenario's rows.

    A scenario row replaces the built-in row with its code (keeping the
    built-in population when the scenario gives none); new codes follow.
    """
    try:
        path = reference_file("gemeenten.csv")
    except FileNotFoundError:
        problems.add(
            BUILTIN_LABEL, None, None, _("the built-in gemeente table is missing; reinstall"),
            Code.MISSING_FILE,
        )  # fmt: skip
        builtin = None
    else:
        builtin = _read_input(
            path.parent, path.name, GemeenteSchema, problems, warnings, file=BUILTIN_LABEL
        )
    own = _read_input(folder, GEMEENTEN, GemeenteSchema, problems, warnings, optional=True)
    if own is not None:
        _report_duplicates(own, "gemeente_code", GEMEENTEN, "gemeente", problems)
    if builtin is None or own is None:
        merged = builtin if builtin is not None else own
        return None if merged is None else merged.drop(columns="line")
    base = builtin.set_index("gemeente_code").drop(columns="line")
    mine = own.drop_duplicates("gemeente_code").set_index("gemeente_code").drop(columns="line")
    mine["population"] = mine["population"].fillna(base["population"].reindex(mine.index))
    order = list(base.index) + [c for c in mine.index if c not in base.index]
    merged = pd.concat([base.loc[~base.index.isin(mine.index)], mine]).loc[order]
    return merged.reset_index()


# --------------------------------------------------------------------------- across tables

_UNKNOWN_GEMEENTE = N_(
    "gemeente_code '{value}' is not in the gemeente table; use a current CBS code, or add the "
    "gemeente with its reference point to gemeenten.csv"
)
#: How to mend an id used twice, by what it names.
_OWN_ID = {
    "location": N_("give every location its own id"),
    "person": N_("give every person its own id"),
    "gemeente": N_("give every gemeente its own id"),
    "candidate": N_("give every candidate its own id"),
}
_PINNED_AGAIN = N_(
    "household '{household}' is already pinned again on line {line}; a household can be pinned "
    "to one location only, so remove one of the pins"
)
_PINNED_ELSEWHERE = N_(
    "household '{household}' is already pinned to '{location}' on line {line}; a household can "
    "be pinned to one location only, so remove one of the pins"
)


def _report_duplicates(
    frame: pd.DataFrame,
    column: str,
    file: str,
    what: str,
    problems: _Problems,
    *,
    fix: str | None = None,
) -> None:
    """Name every line after the first that repeats a non-empty id.

    ``fix`` says what to do (default: give every ``what`` — a key of
    :data:`_OWN_ID` — its own id).
    """
    ids = frame[column]
    later = (ids.duplicated(keep="first") & (ids != "")).to_numpy()
    if not later.any():
        return
    first = frame.groupby(column, sort=False)["line"].transform("first")
    again = _("{column} '{value}' is used again (first on line {line}); {fix}")
    fix = fix or _(_OWN_ID[what])
    messages = (
        again.format(column=column, value=_quote(v), line=f, fix=fix)
        for v, f in zip(ids[later], first[later], strict=True)
    )
    problems.add_rows(file, frame["line"][later], column, messages, Code.DUPLICATE_ID)


def _report_unknown(
    frame: pd.DataFrame,
    column: str,
    known: Iterable[str],
    file: str,
    message: str,
    problems: _Problems,
    **fill: str,
) -> None:
    """Report non-empty cells of ``column`` not in ``known``.

    ``message`` (translated) is formatted with ``value`` (the cell), ``hint``
    (the closest known value as " (did you mean 'x'?)", or "") and ``fill``.
    """
    known = list(known)
    values = frame[column]
    bad = ((values != "") & ~values.isin(known)).to_numpy()
    if not bad.any():
        return
    hints = dict.fromkeys(values[bad].unique(), "")
    if "{hint}" in message:  # only for small vocabularies: a close id is a guess
        for value in hints:
            hints[value] = did_you_mean(value, known)
    messages = (message.format(value=_quote(v), hint=hints[v], **fill) for v in values[bad])
    problems.add_rows(file, frame["line"][bad], column, messages, Code.UNKNOWN_REFERENCE)


def _check_locations(
    locations: pd.DataFrame,
    gemeenten: pd.DataFrame | None,
    landscape: Landscape | None,
    problems: _Problems,
    file: str = LOCATIONS,
) -> None:
    """Check unique ids, known gemeenten and types of the landscape; problems name ``file``."""
    _report_duplicates(locations, "location_id", file, "location", problems)
    _report_places(locations, file, gemeenten, landscape, problems)


def _report_places(
    frame: pd.DataFrame,
    file: str,
    gemeenten: pd.DataFrame | None,
    landscape: Landscape | None,
    problems: _Problems,
) -> None:
    """Report gemeenten not in the table and types not of the landscape (locations, candidates)."""
    if gemeenten is not None:
        _report_unknown(
            frame, "gemeente_code", gemeenten["gemeente_code"], file,
            _(_UNKNOWN_GEMEENTE), problems,
        )  # fmt: skip
    if landscape is not None:
        _report_unknown(
            frame, "type", landscape.types, file,
            _(
                "type '{value}' is not a location type of landscape {landscape}{hint}; "
                "use one of: {choices}"
            ),
            problems, landscape=landscape.name, choices=", ".join(landscape.types),
        )  # fmt: skip


def _check_persons(
    persons: pd.DataFrame,
    locations: pd.DataFrame | None,
    gemeenten: pd.DataFrame | None,
    landscape: Landscape | None,
    problems: _Problems,
) -> None:
    """Check unique ids, tracks, references to other tables and agreeing households."""
    _report_duplicates(persons, "person_id", PERSONS, "person", problems)
    if landscape is not None:
        _report_unknown(
            persons, "track", landscape.tracks, PERSONS,
            _(
                "track '{value}' is not a track of landscape {landscape}{hint}; "
                "use one of: {choices}"
            ),
            problems, landscape=landscape.name, choices=", ".join(landscape.tracks),
        )  # fmt: skip
    if locations is not None and problems.has_column(LOCATIONS, "location_id"):
        _report_unknown(
            persons, "current_location_id", locations["location_id"], PERSONS,
            _(
                "current_location_id '{value}' is not a location_id in locations.csv{hint}; "
                "correct it, add the location, or leave it empty for a new arrival"
            ),
            problems,
        )  # fmt: skip
    if gemeenten is not None:
        _report_unknown(
            persons, "housing_gemeente_code", gemeenten["gemeente_code"], PERSONS,
            _(
                "housing_gemeente_code '{value}' is not in the gemeente table; use a current "
                "CBS code, or add the gemeente with its reference point to gemeenten.csv"
            ),
            problems,
        )  # fmt: skip
    households, _codes = pd.factorize(persons["household_id"])
    _ids, first_rows = np.unique(households, return_index=True)
    first = first_rows[households]  # row of the household's first member, per row
    no_id = (persons["household_id"] == "").to_numpy()
    first[no_id] = np.flatnonzero(no_id)  # reported as empty already: compare with itself
    for column in HOUSEHOLD_COLUMNS:
        _report_disagreement(persons, column, first, problems)


def _report_disagreement(
    persons: pd.DataFrame, column: str, first: np.ndarray, problems: _Problems
) -> None:
    """Name every member whose ``column`` differs from its household's first member.

    ``first`` holds, per row, the row of its household's first member.
    """
    values = persons[column].to_numpy(dtype=object)
    differs = values != values[first]
    if not differs.any():
        return
    rows = zip(
        persons["household_id"][differs],
        values[differs],
        values[first[differs]],
        persons["line"].to_numpy()[first[differs]],
        strict=True,
    )
    differ = _(
        "household '{household}' has {column} '{value}' here but '{first}' on line {line}; "
        "every member of a household must have the same {column}"
    )
    messages = (
        differ.format(household=_quote(h), column=column, value=_quote(v), first=_quote(f), line=n)
        for h, v, f, n in rows
    )
    problems.add_rows(
        PERSONS, persons["line"][differs], column, messages, Code.INCONSISTENT_HOUSEHOLD
    )


def _check_overrides(
    overrides: pd.DataFrame,
    persons: pd.DataFrame | None,
    locations: pd.DataFrame | None,
    problems: _Problems,
) -> None:
    """Known households and locations; no household pinned twice or pinned and forbidden."""
    if persons is not None and problems.has_column(PERSONS, "household_id"):
        _report_unknown(
            overrides, "household_id", persons["household_id"].unique(), OVERRIDES,
            _(
                "household_id '{value}' is not a household in persons.csv; "
                "correct the id or remove the override"
            ),
            problems,
        )  # fmt: skip
    if locations is not None and problems.has_column(LOCATIONS, "location_id"):
        _report_unknown(
            overrides, "location_id", locations["location_id"], OVERRIDES,
            _(
                "location_id '{value}' is not in locations.csv{hint}; correct the id or remove "
                "the override"
            ),
            problems,
        )  # fmt: skip
    _report_double_pins(overrides, problems)
    _report_pin_and_forbid(overrides, problems)


def _report_double_pins(overrides: pd.DataFrame, problems: _Problems) -> None:
    """Name every pin after a household's first: it has at most one."""
    pins = overrides[overrides["action"] == "pin"]
    later = pins["household_id"].duplicated(keep="first")
    if not later.any():
        return
    firsts = pins.groupby("household_id", sort=False)[["location_id", "line"]].transform("first")
    messages = []
    for h, loc, first_loc, first_line in zip(
        pins["household_id"][later],
        pins["location_id"][later],
        firsts["location_id"][later],
        firsts["line"][later],
        strict=True,
    ):
        again = loc == first_loc
        messages.append(
            (_(_PINNED_AGAIN) if again else _(_PINNED_ELSEWHERE)).format(
                household=_quote(h), location=_quote(first_loc), line=first_line
            )
        )
    problems.add_rows(OVERRIDES, pins["line"][later], "action", messages, Code.OVERRIDE_CONFLICT)


def _report_pin_and_forbid(overrides: pd.DataFrame, problems: _Problems) -> None:
    """Name overrides that pin and forbid one household at one location."""
    pairs = overrides.groupby(["household_id", "location_id"], sort=False)
    first_action = pairs["action"].transform("first")
    first_line = pairs["line"].transform("first")
    valid = overrides["action"].isin(["pin", "forbid"]) & first_action.isin(["pin", "forbid"])
    clash = (valid & (overrides["action"] != first_action)).to_numpy()
    if not clash.any():
        return
    both = _(
        "household '{household}' is both pinned to and forbidden from '{location}' "
        "(see line {line}); keep either the pin or the forbid"
    )
    messages = (
        both.format(household=_quote(h), location=_quote(loc), line=n)
        for h, loc, n in zip(
            overrides["household_id"][clash],
            overrides["location_id"][clash],
            first_line[clash],
            strict=True,
        )
    )
    problems.add_rows(
        OVERRIDES, overrides["line"][clash], "action", messages, Code.OVERRIDE_CONFLICT
    )


def _fill_points(locations: pd.DataFrame, gemeenten: pd.DataFrame) -> pd.DataFrame:
    """Give a location without ``lat, lon`` its gemeente's reference point."""
    points = gemeenten.set_index("gemeente_code")
    missing = locations["lat"].isna().to_numpy()
    if not missing.any():
        return locations
    codes = locations["gemeente_code"][missing]
    locations = locations.copy()
    for axis in ("lat", "lon"):
        locations.loc[missing, axis] = codes.map(points[axis]).to_numpy(dtype=np.float64)
    return locations
