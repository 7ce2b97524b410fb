"""Cells: the text of one column to its values, by the kind its schema declares.

The kinds and what a cell of each may hold (the contract's "Parsing, exactly"):

``text``
    anything, kept as written (trimmed); lower-cased when ``casefold``;
``int``
    ASCII digits only, no sign, decimals or grouping (at most 18 after
    leading zeros, to fit an int64);
``decimal``
    digits with ``.`` or ``,`` as the decimal mark (``42,50``), no grouping;
    a leading sign when ``signed`` (``lat``, ``lon``);
``bool``
    ``ja``/``nee``, ``waar``/``onwaar``, ``true``/``false``, ``yes``/``no``,
    ``1``/``0``, in any case;
``date``
    ``yyyy-mm-dd`` or ``dd-mm-yyyy``, from 1678 to 2261.

An empty cell takes the column's ``default`` (missing when it has none); an
empty cell of a required column and a cell that does not parse are problems,
and get a value that passes the column's checks so the schema reports only
the others.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from placement.errors import Code
from placement.i18n import _
from placement.input.dialect import Table
from placement.input.problems import Problems, quote

#: Every spelling of true and false, in lower case (a cell is looked up lower-cased).
BOOLEANS: dict[str, bool] = {
    "true": True, "1": True, "ja": True, "yes": True, "waar": True,
    "false": False, "0": False, "nee": False, "no": False, "onwaar": False,
}  # fmt: skip
_DECIMAL = r"(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)"
_ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_DUTCH_DATE = r"[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}"
_FIRST_DAY, _LAST_DAY = pd.Timestamp("1678-01-01"), pd.Timestamp("2261-12-31")


def parse_column(
    table: Table, column: str, raw: pd.Series, meta: dict[str, Any], problems: Problems
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
        lambda cell: bad_value(column, meta, cell),
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
    problems: Problems,
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


def bad_value(column: str, meta: dict[str, Any], cell: str) -> str:
    """``<column> must be <rule>, got '<cell>'; <fix>`` in the current language."""
    return _("{column} must be {rule}, got '{cell}'; {fix}").format(
        column=column, rule=_(meta["rule"]), cell=quote(cell), fix=_(meta["fix"])
    )
