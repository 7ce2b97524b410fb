"""A run's time limit as a moment: what reading, solving and writing up have left of it.

``--time-limit S`` is a promise about the whole command, not the solver
alone. The command fixes the moment it must be done by; each step asks how
much is left and keeps back what the steps after it are expected to need
(:func:`write_up_seconds`). The estimates are per household, measured on
the surge instance with room to spare (``benchmarks/run.py`` prints the
steps' times).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

#: Seconds per household to work out the reasons (measured on the surge
#: instance, 76,848 households: about 8 microseconds), with room to spare.
REASONS_SECONDS = 15e-6
#: Seconds per household to write the result folder's files, explanations
#: included (measured there: about 43 microseconds), plus a fixed part.
WRITE_SECONDS = 60e-6
WRITE_FIXED = 0.5
#: Seconds per household for each export asked for, beside the files above,
#: and a fixed part (measured there: xlsx 10.1 s, html 4.1 s, png 0.7 s,
#: gpkg, geojson and parquet about 0.1 s each).
EXPORT_SECONDS = {
    "xlsx": 170e-6,
    "geojson": 5e-6,
    "gpkg": 5e-6,
    "parquet": 5e-6,
    "png": 5e-6,
    "html": 70e-6,
}
EXPORT_FIXED = {"png": 1.5, "html": 1.0, "gpkg": 0.5, "geojson": 0.5, "xlsx": 0.5}
#: The solver's budget is cut by this share and these seconds: HiGHS looks
#: at the clock now and then, not continuously, and ends a little after its
#: limit (measured: up to 0.8 s at 45 s on the surge instance).
SOLVER_SLACK = 0.03
SOLVER_MARGIN = 0.5


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
