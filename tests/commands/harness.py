"""Running a command in-process and judging how it ended, with a tally for the soak.

Every command run goes through :class:`Run`: it invokes the Typer app with
:class:`typer.testing.CliRunner`, fails on a traceback or an exit status
other than 0, 1 or 3, and tallies the run (command, exit status, passed or
not). With ``PLACEMENT_FUZZ_LOG`` set, each run appends one JSON line
(no ids, no person data) to that file; ``benchmarks/soak.py`` adds them up.
"""

from __future__ import annotations

import json
import math
import os
import traceback
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd
from click.testing import Result
from typer.testing import CliRunner

from placement.cli import app

runner = CliRunner()

#: The exit statuses a planner may see: solved, bad input, no solution in time.
ALLOWED = frozenset({0, 1, 3})
LOG = "PLACEMENT_FUZZ_LOG"


def _log(entry: dict[str, Any]) -> None:
    path = os.environ.get(LOG)
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry) + "\n")


class Run:
    """One command run: ``with Run("place") as run: result = run.invoke(...); checks...``.

    Leaving the block with an exception tallies the run as failed.
    """

    def __init__(self, command: str) -> None:
        self.command = command
        self.exit: int | None = None
        self.result: Result | None = None

    def __enter__(self) -> Run:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        _log({"command": self.command, "exit": self.exit, "ok": kind is None})

    def invoke(self, *args: Any) -> Result:
        """Run ``placement COMMAND ARGS`` in-process; fail on a traceback or a strange exit."""
        argv = [self.command, *(str(a) for a in args)]
        result = runner.invoke(app, argv)
        self.result, self.exit = result, result.exit_code
        no_crash(result, argv)
        return result


def _output(result: Result) -> str:
    try:
        return result.output
    except ValueError:  # pragma: no cover - stdout closed
        return ""


def no_crash(result: Result, argv: list[str]) -> None:
    """No traceback, and an exit status of 0, 1 or 3 (never 2, 70 or anything else)."""
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        raise AssertionError(
            f"placement {' '.join(argv)} ended in a traceback:\n{trace}\n{_output(result)}"
        )
    assert result.exit_code in ALLOWED, (
        f"placement {' '.join(argv)} exit {result.exit_code}:\n{_output(result)}"
    )


def expect_exit(result: Result, allowed: Iterable[int], what: str = "") -> None:
    allowed = set(allowed)
    assert result.exit_code in allowed, (
        f"{what} exit {result.exit_code}, expected one of {sorted(allowed)}:\n{_output(result)}"
    )


WARNING_WORDS = ("warning:", "waarschuwing:")


def problems_said(result: Result) -> list[str]:
    """The lines of stderr that are not warnings."""
    return [
        line
        for line in result.stderr.splitlines()
        if line.strip() and not line.strip().lower().startswith(WARNING_WORDS)
    ]


def nothing_written(out: Path) -> None:
    assert not out.exists() or not any(out.iterdir()), (
        f"{out} holds {sorted(p.name for p in out.iterdir())} after a refusal"
    )


def refused(result: Result, out: Path | None) -> None:
    """Exit 1 or 3: at least one problem said, and nothing written in --out."""
    assert problems_said(result), f"exit {result.exit_code} without a message:\n{result.output}"
    if out is not None:
        if out.suffix == ".csv":
            assert not out.exists(), f"{out} written after a refusal"
        else:
            nothing_written(out)


# --------------------------------------------------------------------------
# Checks of result folders
# --------------------------------------------------------------------------


def read_out(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def kpis(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "kpis.json").read_text("utf-8"))


def objective_is_sum_of_terms(folder: Path) -> dict[str, Any]:
    """kpis.json: ``objective`` is the sum of ``objective_terms``; no shortcut of it failed."""
    k = kpis(folder)
    assert k.get("heuristic_faults", 0) == 0, f"{folder}: a shortcut of the solve failed"
    total = sum(k["objective_terms"].values())
    assert math.isclose(k["objective"], total, rel_tol=1e-6, abs_tol=1e-6), (
        f"{folder}: objective {k['objective']} != sum of its terms {total}"
    )
    return k


def households_whole(folder: Path) -> pd.DataFrame:
    """placements.csv: every household at one place; statuses from the contract."""
    rows = read_out(folder / "placements.csv")
    ends = rows.groupby("household_id")["to_location_id"].nunique()
    split = ends[ends > 1]
    assert split.empty, f"{folder}: households split over locations: {list(split.index)[:5]}"
    assert set(rows["status"]) <= {"stay", "move", "new", "unplaced"}, set(rows["status"])
    assert (rows["reason"] != "").all(), f"{folder}: a placement without a reason"
    assert rows["person_id"].is_unique, f"{folder}: a person twice"
    return rows


def limits_kept(folder: Path) -> None:
    """locations.csv: nobody beyond capacity + flex_capacity at a location not over its limit."""
    loc = read_out(folder / "locations.csv")
    for _, row in loc.iterrows():
        if row["over_limit"].lower() == "true":
            continue
        limit = int(row["capacity"]) + int(row["flex_capacity"] or 0)
        assert int(row["occupancy_after"]) <= limit, (
            f"{folder}: {row['location_id']} holds {row['occupancy_after']} > limit {limit}"
        )


def basic_invariants(folder: Path) -> dict[str, Any]:
    """What holds of any placement folder, whatever its scenario."""
    k = objective_is_sum_of_terms(folder)
    rows = households_whole(folder)
    limits_kept(folder)
    assert k["persons"] == len(rows), (k["persons"], len(rows))
    assert k["placed"] + k["unplaced"] == k["persons"]
    return k


def within_gap(k: dict[str, Any], best: float, where: str) -> None:
    """The objective is the independent optimum within the reported gap; the bound below it."""
    objective = k["objective"]
    scale = max(1.0, abs(objective))
    tol = 1e-6 * scale
    assert objective >= best - tol, f"{where}: objective {objective} below the optimum {best}"
    gap = k.get("mip_gap")
    if gap is not None:
        assert objective - best <= gap * scale + tol, (
            f"{where}: objective {objective} is {objective - best} above the optimum {best}, "
            f"more than the reported gap {gap}"
        )
    bound = k.get("bound")
    if bound is not None:
        assert bound <= best + tol, f"{where}: bound {bound} above the optimum {best}"
