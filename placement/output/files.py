"""Write a run's result folder: all of it, or nothing.

Files are first written to a temporary folder beside the target and then
moved in place, so an interrupted run never leaves half a result. An
existing non-empty folder is refused unless ``force``; with ``force`` only
the files this program writes are replaced, anything else in the folder is
left alone.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from placement.errors import PlacementError
from placement.input.scenario import Scenario
from placement.results.outcome import LOCATION_COLUMNS, PLACEMENT_COLUMNS, Outcome


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


def write_outcome(
    outcome: Outcome,
    out: Path,
    *,
    force: bool = False,
    scenario: Scenario | None = None,
    formats: Iterable[str] = (),
) -> list[Path]:
    """Write a run's result folder, all of it or nothing.

    Always placements.csv, locations.csv and kpis.json; explanations.csv
    and shortages.csv when the outcome carries its problem; and the exports
    in ``formats`` (see :data:`placement.output.export.FORMATS`). Returns the paths
    written.
    """
    writers: dict[str, Callable[[Path], None]] = {
        "placements.csv": lambda p: write_csv(placement_table(outcome.placements), p),
        "locations.csv": lambda p: write_csv(location_table(outcome.locations), p),
        "kpis.json": lambda p: write_json(outcome.kpis, p),
    }
    if outcome.problem is not None:
        from placement.results.explanations import explanation_table, shortage_table

        writers["run.json"] = lambda p: write_json(run_record(outcome), p)
        writers["explanations.csv"] = lambda p: write_csv(
            bool_text(explanation_table(outcome, scenario)), p
        )
        writers["shortages.csv"] = lambda p: write_csv(bool_text(shortage_table(outcome)), p)
    formats = list(formats)
    if formats:
        from placement.output.export import run_tables, run_writers

        writers.update(run_writers(run_tables(outcome), formats))
    return commit_folder(writers, out, force=force)


def run_record(outcome: Outcome) -> dict[str, Any]:
    """``run.json``: what a result folder needs to stand alone (exports, maps, reading).

    The settings the run was solved with (planning date, mode, landscape with
    its types and tracks, weights, solver options), the program's version and
    every location's gemeente and point.
    """
    from dataclasses import asdict

    from placement import __version__

    data = outcome.problem
    if data is None:
        raise ValueError("an outcome without its problem data has no run record")
    s = data.settings
    landscape = s.landscape
    points = data.locations[["location_id", "gemeente_code", "lat", "lon"]]
    return {
        "placement_version": __version__,
        "planning_date": s.planning_date.isoformat(),
        "mode": s.mode,
        "landscape": None
        if landscape is None
        else {
            "name": landscape.name,
            "types": list(landscape.types),
            "tracks": {t: list(v) for t, v in landscape.allowed.items()},
        },
        "weights": asdict(s.weights),
        "solver": asdict(s.solver),
        "locations": points.to_dict("records"),
    }


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


def placement_table(placements: pd.DataFrame) -> pd.DataFrame:
    """The contract's columns first, ``distance_km`` with 3 decimals."""
    table = placements[PLACEMENT_COLUMNS + _extra(placements, PLACEMENT_COLUMNS)].copy()
    table["distance_km"] = _fixed(table["distance_km"], 3)
    return table


def location_table(locations: pd.DataFrame) -> pd.DataFrame:
    """The contract's columns first, booleans as ``true``/``false``."""
    return bool_text(locations[LOCATION_COLUMNS + _extra(locations, LOCATION_COLUMNS)])


def bool_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with boolean columns written as ``true``/``false``, as the inputs are."""
    table = frame.copy()
    for column in table.columns:
        values = table[column]
        if values.dtype == bool:
            table[column] = np.where(values, "true", "false")
        elif isinstance(values.dtype, pd.BooleanDtype):
            # booleans with gaps (e.g. "had room" where there is no next-best location)
            text = np.where(values.fillna(False).to_numpy(bool), "true", "false")
            table[column] = np.where(values.isna().to_numpy(), "", text)
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
        json.dump(_finite(data), f, indent=2, ensure_ascii=False)
        f.write("\n")


def _finite(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
