"""Write a run's result folder: all of it, or nothing.

Files are first written to a temporary folder beside the target and then
moved in place, so an interrupted run never leaves half a result. An
existing non-empty folder is refused unless ``force``; with ``force`` only
the files this program writes are replaced, anything else in the folder is
left alone.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from placement.errors import PlacementError
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
        raise OutputExistsError(f"{out} exists and is not a folder; choose another {option}")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise OutputExistsError(
            f"{out} exists and is not empty; choose another {option} or add --force to replace "
            "the result files in it"
        )


def commit_folder(writers: Mapping[str, Any], out: Path, *, force: bool = False) -> list[Path]:
    """Run each ``writers[name](path)`` in a temporary folder, then move all into ``out``."""
    check_target(out, force=force)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
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
    return pd.Series(
        [("" if pd.isna(v) else f"{v:.{decimals}f}") for v in values], index=values.index
    )


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8 without BOM, ``,``-separated, ``.`` decimals, newline line ends."""
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


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
