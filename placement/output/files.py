"""Write a run's result folder: all of it, or nothing.

Files are first written to a temporary folder beside the target and then
moved in place, so an interrupted run never leaves half a result. An
existing non-empty folder is refused unless ``force``; with ``force`` only
the files this program writes are replaced, anything else in the folder is
left alone.

The temporary folders are named ``.OUT.partial-HOST-PID-XXXX`` (and
``.OUT.weeks-…`` for a simulation's weeks), after the machine and the
process that owns them. A run killed outright (``kill -9``, a power cut)
cannot remove its own; the next run to the same ``OUT`` removes those whose
process is gone (:func:`scratch_folder`). Folders of a live process, of
another machine, or named otherwise are left alone.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import re
import shutil
import signal
import socket
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from placement.errors import PlacementError
from placement.i18n import _
from placement.results.outcome import LOCATION_COLUMNS, PLACEMENT_COLUMNS

#: Writes one file (or folder) at the path it is given.
Writer = Callable[[Path], Any]


class OutputExistsError(PlacementError):
    """The output folder exists, is not empty, and ``force`` was not given."""


def check_target(out: Path, *, force: bool, option: str = "--out") -> None:
    """Refuse a target that would be overwritten without ``force``.

    Raises
    ------
    OutputExistsError
        When ``out`` is a file, or a non-empty folder and ``force`` is false.
    """
    if out.exists() and not out.is_dir():
        raise OutputExistsError(
            _("{path} exists and is not a folder; choose another {option}").format(
                path=out, option=option
            )
        )
    if out.is_dir() and any(out.iterdir()) and not force:
        raise OutputExistsError(
            _(
                "{path} exists and is not empty; choose another {option} or add --force to "
                "replace the result files in it"
            ).format(path=out, option=option)
        )


def commit_folder(writers: Mapping[str, Any], out: Path, *, force: bool = False) -> list[Path]:
    """Run each ``writers[name](path)`` in a temporary folder, then move all into ``out``."""
    check_target(out, force=force)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = scratch_folder(out, "partial")
    try:
        for name, write in writers.items():
            write(tmp / name)
        with _no_interrupt():
            if not out.exists():
                os.replace(tmp, out)
            else:
                for name in writers:
                    os.replace(tmp / name, out / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [out / name for name in writers]


#: Kinds of scratch folder beside a target, by what they hold.
SCRATCH_KINDS = ("partial", "weeks")


def scratch_folder(out: Path, kind: str) -> Path:
    """A new scratch folder beside ``out``, owned by this process; stale ones go first.

    Named ``.OUT.KIND-HOST-PID-XXXX``, so that a later run can tell whether
    its owner still runs (:func:`remove_stale_scratch`).
    """
    remove_stale_scratch(out)
    owner = f"{_host()}-{os.getpid()}"
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.{kind}-{owner}-", dir=out.parent))


def remove_stale_scratch(out: Path) -> list[Path]:
    """Remove the scratch folders beside ``out`` whose process is gone; those removed.

    Only folders named by :func:`scratch_folder` on this machine count; one
    is stale when no process with its number runs. A process number used
    again by another program keeps the folder until that one ends too.
    """
    pattern = re.compile(
        rf"\.{re.escape(out.name)}\.(?:{'|'.join(SCRATCH_KINDS)})-"
        rf"{re.escape(_host())}-(?P<pid>\d+)-[a-z0-9_]+"
    )
    removed: list[Path] = []
    parent = out.parent if out.parent != Path("") else Path(".")
    if not parent.is_dir():
        return removed
    for entry in parent.iterdir():
        match = pattern.fullmatch(entry.name)
        if match is None or not entry.is_dir() or entry.is_symlink():
            continue
        if _running(int(match["pid"])):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _host() -> str:
    """The machine's name, as it may stand in a file name."""
    return re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname()) or "host"


def _running(pid: int) -> bool:
    """Whether a process with this number runs (or may: when in doubt, yes)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's process, or nothing we may ask about
    return True


@contextmanager
def _no_interrupt() -> Iterator[None]:
    """Hold Ctrl-C back while result files are moved in place, so they move together."""
    blockable = hasattr(signal, "pthread_sigmask")
    if blockable:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        if blockable:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


def commit_tree(writers: Mapping[str, Writer], out: Path, *, force: bool = False) -> list[Path]:
    """:func:`~placement.output.files.commit_folder` for entries that may be folders.

    With ``force``, a folder entry that exists in ``out`` is replaced whole;
    it is moved aside first and put back when writing fails.
    """
    check_target(out, force=force)
    old = [out / name for name in writers if (out / name).is_dir()]
    if not old:
        return commit_folder(writers, out, force=force)
    aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    moved: list[Path] = []
    try:
        for path in old:
            os.replace(path, aside / path.name)
            moved.append(path)
        return commit_folder(writers, out, force=force)
    except BaseException:
        for path in moved:
            if path.exists():
                shutil.rmtree(path)
            os.replace(aside / path.name, path)
        raise
    finally:
        shutil.rmtree(aside, ignore_errors=True)


def folder_writer(writers: Mapping[str, Writer]) -> Writer:
    """A writer that makes a folder and runs ``writers[name](folder / name)`` in it."""

    def write(path: Path) -> None:
        path.mkdir()
        for name, write_one in writers.items():
            write_one(path / name)

    return write


def placement_table(placements: pd.DataFrame) -> pd.DataFrame:
    """The contract's columns first, ``distance_km`` with 3 decimals."""
    table = placements[PLACEMENT_COLUMNS + _extra(placements, PLACEMENT_COLUMNS)].copy()
    table["distance_km"] = _fixed(table["distance_km"], 3)
    return table


def location_table(locations: pd.DataFrame) -> pd.DataFrame:
    """The contract's columns first, booleans as ``true``/``false``."""
    return bool_text(locations[LOCATION_COLUMNS + _extra(locations, LOCATION_COLUMNS)])


def bool_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with boolean columns written as ``true``/``false``, as the inputs are.

    Also booleans with gaps (a nullable column, or one of objects with
    ``None``/NaN, e.g. "had room" where there is no next-best location):
    a gap is written empty.
    """
    table = frame.copy()
    for column in table.columns:
        values = table[column]
        if values.dtype == bool:
            table[column] = np.where(values, "true", "false")
        elif isinstance(values.dtype, pd.BooleanDtype) or (
            values.dtype == object and values.map(lambda v: isinstance(v, bool | np.bool_)).any()
        ):
            gap = values.isna().to_numpy()
            text = np.where(values.where(~gap, False).to_numpy(bool), "true", "false")
            table[column] = np.where(gap, "", text)
    return table


def _extra(frame: pd.DataFrame, first: list[str]) -> list[str]:
    return [c for c in frame.columns if c not in first]


def _fixed(values: pd.Series, decimals: int) -> pd.Series:
    if isinstance(values.dtype, np.dtype) and values.dtype.kind == "f":
        # many persons share a distance: each distinct one is written once
        distinct, which = _distinct(values.to_numpy())
        text = np.array([_fixed_text(v, decimals) for v in distinct.tolist()], dtype=object)
        return pd.Series(text[which], index=values.index)
    return pd.Series([_fixed_text(v, decimals) for v in values], index=values.index)


def _fixed_text(value: Any, decimals: int) -> str:
    return "" if pd.isna(value) else f"{value:.{decimals}f}"


def _distinct(numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct numbers (bit for bit: ``-0.0`` is not ``0.0``) and which one each is."""
    numbers = np.ascontiguousarray(numbers)
    bits = numbers.view(f"u{numbers.dtype.itemsize}")
    _unique, first, which = np.unique(bits, return_index=True, return_inverse=True)
    return numbers[first], which.reshape(-1)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8 without BOM, ``,``-separated, ``.`` decimals, newline line ends.

    The bytes are those pandas writes (``frame.to_csv`` without the index).
    """
    parts = csv_parts(frame)
    if parts is None:
        frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        return
    with open(path, "wb") as f:
        for part in parts:
            f.write(part)


def csv_bytes(frame: pd.DataFrame) -> bytes | None:
    """``frame`` as :func:`write_csv` writes it, or None when pandas writes it."""
    parts = csv_parts(frame)
    return None if parts is None else b"".join(bytes(part) for part in parts)


def csv_parts(frame: pd.DataFrame) -> list[bytes | pa.Buffer] | None:
    """``frame`` as :func:`write_csv` writes it, made a whole column at a time (pyarrow).

    pandas hands each cell to Python's ``csv`` module, which is slow on long
    texts such as the reasons. Here each column becomes text at once, as
    pandas would write it, and is quoted as the ``csv`` module would quote
    it. Columns of text, integers, floats and booleans (with or without
    gaps) are done so; for a frame with any other column (dates,
    categories, objects that are not text) the answer is None. The file is
    the parts one after the other: the header, the rows, the last line end.
    """
    labels = list(frame.columns)
    if not labels or frame.columns.nlevels != 1 or not all(isinstance(c, str) for c in labels):
        return None
    cells = []
    for i in range(len(labels)):
        column = _cell_text(frame.iloc[:, i])
        if column is None:
            return None
        text, words = column
        cells.append(_quoted(text, words, alone=len(labels) == 1))
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow(labels)
    lines = pc.binary_join_element_wise(*cells, _text(","))
    if len(lines) == 0:
        return [header.getvalue().encode("utf-8")]
    whole = pc.binary_join(pa.LargeListArray.from_arrays([0, len(lines)], lines), _text("\n"))
    return [header.getvalue().encode("utf-8"), whole[0].as_buffer(), b"\n"]


def _cell_text(values: pd.Series) -> tuple[pa.Array, bool] | None:
    """The text of each cell of a column as pandas writes it (a gap is empty), or None.

    With it, whether it is words (that may need quotes) rather than numbers.
    """
    dtype = values.dtype
    words = isinstance(dtype, pd.StringDtype) or pd.api.types.is_object_dtype(dtype)
    text: pa.Array | pa.ChunkedArray
    if words:
        try:
            text = pa.array(
                values.array if isinstance(dtype, pd.StringDtype) else values.to_numpy(),
                from_pandas=True,
            )
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return None
        if pa.types.is_null(text.type):
            text = pa.nulls(len(values), pa.large_string())
        elif not (pa.types.is_string(text.type) or pa.types.is_large_string(text.type)):
            return None
    elif isinstance(dtype, np.dtype) and dtype.kind in "iu":
        text = pc.cast(pa.array(values.to_numpy()), pa.large_string())
    elif isinstance(dtype, np.dtype) and dtype.kind == "b":
        text = pc.if_else(pa.array(values.to_numpy()), _text("True"), _text("False"))
    elif isinstance(dtype, np.dtype) and dtype.kind == "f":
        text = _float_text(values.to_numpy())
    elif isinstance(dtype, pd.BooleanDtype):
        text = pc.if_else(pa.array(values.array), _text("True"), _text("False"))
    elif pd.api.types.is_extension_array_dtype(dtype) and pd.api.types.is_integer_dtype(dtype):
        text = pc.cast(pa.array(values.array), pa.large_string())
    else:
        return None
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    return pc.fill_null(text.cast(pa.large_string()), ""), words


def _float_text(numbers: np.ndarray) -> pa.Array:
    """Each float as pandas writes it (numpy's shortest round-trip text), NaN as a gap.

    Each distinct value (bit for bit: ``-0.0`` is not ``0.0``) is written once.
    """
    distinct, which = _distinct(numbers)
    text = pa.array(distinct.astype(str), pa.large_string(), mask=np.isnan(distinct))
    return text.take(pa.array(which))


def _quoted(text: pa.Array, words: bool, alone: bool) -> pa.Array:
    """Cells quoted as Python's ``csv`` module quotes them (minimal quoting, ``""`` for ``"``).

    Numbers never need quotes. A row of one empty cell is written ``""``, so
    that it is not an empty line.
    """
    need = _has_quoted_char(text) if words or not _NUMBERS_PLAIN else np.zeros(len(text), bool)
    if alone:
        need |= pc.equal(text, _text("")).to_numpy(zero_copy_only=False)
    if not need.any():
        return text
    inner = pc.replace_substring(text, '"', '""')
    quote = _text('"')
    return pc.if_else(need, pc.binary_join_element_wise(quote, inner, quote, _text("")), text)


def _has_quoted_char(text: pa.LargeStringArray) -> np.ndarray:
    """Whether each cell has a character that makes it quoted, read off the bytes at once.

    Those characters are ASCII, and in UTF-8 an ASCII byte is always that character.
    """
    need = np.zeros(len(text), dtype=bool)
    data = text.buffers()[2]
    if data is None or len(text) == 0:
        return need
    ends = np.frombuffer(text.buffers()[1], np.int64)[text.offset : text.offset + len(text) + 1]
    chars = np.frombuffer(data, np.uint8)[ends[0] : ends[-1]]
    hit = np.zeros(len(chars), dtype=bool)
    for code in _QUOTED_CHARS.encode("ascii"):
        hit |= chars == code
    at = np.flatnonzero(hit) + ends[0]
    need[np.searchsorted(ends, at, side="right") - 1] = True
    return need


def _text(value: str) -> pa.Scalar:
    return pa.scalar(value, pa.large_string())


def _csv_quoted_chars() -> str:
    """The characters that make Python's ``csv`` module quote a cell (``,``, ``"``, newline)."""
    found = []
    for code in range(128):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow([f"a{chr(code)}b", "c"])
        if buffer.getvalue().startswith('"'):
            found.append(chr(code))
    return "".join(found)


#: Asked of the ``csv`` module itself, as its rules have changed between Python versions.
_QUOTED_CHARS = _csv_quoted_chars()
#: No character of a written number (``-1.5e-05``, ``inf``, ``True``) is one of them.
_NUMBERS_PLAIN = not set(_QUOTED_CHARS) & set("0123456789+-.eEinfaTrueFals")


def write_json(data: Mapping[str, Any], path: Path) -> None:
    """JSON with non-finite numbers written as ``null``."""
    with open(path, "w", encoding="utf-8") as f:
        json.dump(json_safe(data), f, indent=2, ensure_ascii=False)
        f.write("\n")


def json_safe(value: Any) -> Any:
    """``value`` with what JSON cannot hold made plain.

    Mappings get text keys, tuples become lists, numpy scalars Python ones,
    non-finite floats ``null``, dates ISO text, anything else unknown its text.
    """
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
