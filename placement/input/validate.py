"""A table's text cells to a typed frame, validated by its pandera schema.

:func:`typed_frame` is the bridge between the column declarations of
:mod:`placement.input.schema` and pandera: the header is checked against the
model's columns, each column parsed by the kind its metadata declares
(:mod:`placement.input.cells`), and the typed frame validated by the model's
schema, each failure case becoming an input problem on its cell's line.

Validation goes through pandera's public API: ``DataFrameSchema.validate(frame,
lazy=True)`` and the ``failure_cases`` of the ``SchemaErrors`` it raises. But
only when a table may fail: :func:`passes` first decides, with pandas alone,
whether it certainly passes, and most tables do. pandera's own verdict costs
more than the checks it runs, in two ways:

- its first run in a process imports pandera's data-synthesis strategies and
  Hypothesis (``pandera.backends.pandas.builtin_checks`` imports
  ``pandera.strategies``), 0.12-0.35 s before any check runs. The public
  ``Check.__call__`` (``CheckResult.check_passed``) goes through the same
  backend, so evaluating the schema's checks one by one through pandera
  does not avoid it;
- each ``validate`` builds per-column backends and failure-case frames even
  for the checks that pass: 15-25 ms a table, whatever its size.

Measured on the national instance (``placement generate --seed 1``: 65,000
persons, 250 locations, 342 gemeenten; best of 8 on 2 cores at a load of
2.1): ``read_scenario`` took 0.95 s in a new process and 0.23 s once
imported with :func:`passes`, and 1.13 s (+19 %) and 0.25 s (+8 %) with
every table validated by pandera.

:func:`passes` uses only public pandera attributes: each column's ``dtype``
(``DataType.check`` against ``pandas_engine.Engine.dtype`` of the series),
``nullable``, ``unique``, ``coerce``, ``parsers`` and ``checks``; a check's
``name`` and ``statistics`` (its arguments), and ``==`` with the built-in check
of that name made afresh, so that a custom check under a built-in's name is
not mistaken for it. The built-in rules are re-stated as pandas expressions
(:data:`_BUILTIN_CHECKS`), and the cross-column rules are the schema's own
functions (:data:`~placement.input.schema.FRAME_RULES`). Anything else (a
check of another kind, a parser, a coercion) is left to pandera.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine

from placement.errors import Code
from placement.i18n import _
from placement.input.cells import bad_value, parse_column
from placement.input.dialect import Table
from placement.input.problems import Problems
from placement.input.schema import FRAME_CHECKS, FRAME_RULES


def typed_frame(
    table: Table, model: type[pa.DataFrameModel], problems: Problems, warnings: list[str]
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
        data[column] = parse_column(table, column, raw, meta, problems)
    data["line"] = pd.Series(table.lines, dtype="int64")
    frame = pd.DataFrame(data, index=table.cells.index)
    _validate(table, schema, frame, problems)
    return frame


def _empty_column(table: Table) -> pd.Series:
    return pd.Series("", index=table.cells.index, dtype=object)


def _check_header(
    table: Table, specs: dict[str, dict], problems: Problems, warnings: list[str]
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


def _validate(
    table: Table, schema: pa.DataFrameSchema, frame: pd.DataFrame, problems: Problems
) -> None:
    """Run the pandera schema and turn its failure cases into input problems."""
    if passes(schema, frame):
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


#: pandera's built-in column checks by name, as vectorised pandas expressions of the same
#: rule, taking the check's statistics as keywords.
_BUILTIN_CHECKS: dict[str, Callable[..., pd.Series]] = {
    "greater_than_or_equal_to": lambda data, min_value: data >= min_value,
    "in_range": _in_range,
    "isin": lambda data, allowed_values: data.isin(allowed_values),
    "str_matches": lambda data, pattern: data.str.match(pattern, na=False),
    "str_length": _str_length,
}


def passes(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> bool:
    """Whether ``frame`` certainly passes ``schema``, checked column by column.

    Most tables pass: only a table that may fail is handed to pandera, which
    then names its failures (see the module's docstring for why). ``False``
    also for anything this does not evaluate itself (a check of another
    kind, a parser, an index, a coercion).
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
    """A built-in check's rule on ``values``; ``False`` for any other check.

    A check is the built-in of its name when it equals that built-in made
    afresh from its statistics (its arguments): a custom check under a
    built-in's name, or one with other options (``ignore_na``, ``groupby``,
    ``raise_warning``, ...), is not.
    """
    name, arguments = check.name or "", check.statistics or {}
    rule = _BUILTIN_CHECKS.get(name)
    if rule is None or check != getattr(pa.Check, name)(**arguments):
        return False
    return _all_true(rule(values, **arguments))


def _frame_check_passes(check: pa.Check, frame: pd.DataFrame) -> bool:
    """A cross-column check's rule (:data:`~placement.input.schema.FRAME_RULES`) on ``frame``."""
    rule = FRAME_RULES.get(check.name or "")
    if rule is None or not _plain_check(check):
        return False
    return _all_true(rule(frame))


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
    table: Table, schema: pa.DataFrameSchema, cases: pd.DataFrame, problems: Problems
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
            bad_value(column, meta, cell),
            Code.OUT_OF_RANGE,
        )


def _report_frame_check(table: Table, check: str, cases: pd.DataFrame, problems: Problems) -> None:
    columns, template = FRAME_CHECKS[check]
    for row in sorted({int(i) for i in cases["index"].dropna()}):
        cells = {c: table.cells[c].iloc[row] if c in table.cells else "" for c in columns}
        column = next((c for c in columns if cells[c] == ""), columns[-1])
        problems.add(
            table.file, int(table.lines[row]), column, _(template).format(**cells),
            Code.INCONSISTENT_ROW,
        )  # fmt: skip
