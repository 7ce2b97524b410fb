"""A run's time limit as a moment: what reading, solving and writing up have left of it.

``--time-limit S`` is a promise about the whole command, not the solver
alone. The command fixes the moment it must be done by; each step asks how
much is left and keeps back what the steps after it are expected to need
(:func:`write_up_seconds`). The estimates are per household, measured on
the national instance with room to spare (``benchmarks/run.py`` prints the
steps' times).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

#: Seconds per household to turn a solution into tables with reasons
#: (measured: about 20 microseconds at 38,500 households).
REASONS_SECONDS = 40e-6
#: Seconds per household to write the result folder's files, explanations
#: included (measured: about 55 microseconds), plus a fixed part.
WRITE_SECONDS = 110e-6
WRITE_FIXED = 0.5
#: Seconds per household for each export asked for, beside the files above.
EXPORT_SECONDS = {
    "xlsx": 150e-6,
    "geojson": 60e-6,
    "gpkg": 60e-6,
    "parquet": 10e-6,
    "png": 20e-6,
    "html": 120e-6,
}
EXPORT_FIXED = {"png": 2.0, "html": 1.0, "gpkg": 0.5, "geojson": 0.3, "xlsx": 0.3}


@dataclass(frozen=True)
class Deadline:
    """The moment (on :func:`time.perf_counter`'s clock) a run must be done by."""

    at: float

    @classmethod
    def after(cls, seconds: float, since: float | None = None) -> Deadline:
        """``seconds`` from ``since`` (default: now)."""
        return cls((time.perf_counter() if since is None else since) + seconds)

    def left(self) -> float:
        """Seconds left (negative once it has passed)."""
        return self.at - time.perf_counter()

    def sooner(self, seconds: float) -> Deadline:
        """The moment ``seconds`` before this one: when an earlier step must be done."""
        return Deadline(self.at - seconds)


def reasons_seconds(households: int) -> float:
    """What working out every household's reason is expected to take."""
    return REASONS_SECONDS * households


def write_up_seconds(households: int, formats: tuple[str, ...] | list[str] = ()) -> float:
    """What writing a result folder of ``households`` with ``formats`` is expected to take."""
    seconds = WRITE_FIXED + WRITE_SECONDS * households
    for f in formats:
        seconds += EXPORT_FIXED.get(f, 0.0) + EXPORT_SECONDS.get(f, 0.0) * households
    return seconds
