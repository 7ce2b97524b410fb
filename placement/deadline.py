"""A run's time limit as a moment: what reading, solving and writing up have left of it.

``--time-limit S`` is a promise about the whole command, not the solver
alone. The command fixes the moment it must be done by; each step asks how
much is left and keeps back what the steps after it are expected to need
(:func:`write_up_seconds`, :func:`reasons_seconds`).

Those expectations are measured, not padded: writing up (the outcome with
its reasons, and the result folder's files) takes a steady multiple of the
time the same run took to read its scenario, since both grow with the
persons and both slow down alike on a busy machine (measured in one process,
medians of 5: demo weekly 1.5 x, national weekly 1.75 x; national rebalance
0.6 x). A run that has read its scenario therefore says itself what its
write-up will take; without that (a scenario handed to :func:`placement.api.run`
in memory), per-household figures of the national instance stand in.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

#: Writing up, and working out the reasons alone, per second of reading.
WRITE_PER_READ = 1.8
REASONS_PER_READ = 0.3
#: Without a reading time: seconds per household and a fixed part (the
#: national weekly's write-up took 0.48 s for 38,445 households on a quiet
#: machine, about a third of it the reasons).
REASONS_SECONDS = 5e-6
WRITE_SECONDS = 13e-6
WRITE_FIXED = 0.05
#: Seconds per household for each export asked for, beside the files above,
#: and a fixed part (measured on the surge instance, 76,848 households:
#: xlsx 10.1 s, html 4.1 s, png 0.7 s, gpkg, geojson and parquet about 0.1 s each).
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
#: limit (measured: up to 0.8 s at 45 s on the surge instance, under 2 %).
SOLVER_SLACK = 0.03
SOLVER_MARGIN = 0.05


@dataclass(frozen=True)
class Deadline:
    """The moment (on :func:`time.perf_counter`'s clock) a run must be done by.

    ``read_seconds``: what reading the scenario took in this run, when it
    was read (the yardstick of the write-up's expected time).
    """

    at: float
    read_seconds: float | None = None

    @classmethod
    def after(
        cls, seconds: float, since: float | None = None, read_seconds: float | None = None
    ) -> Deadline:
        """``seconds`` from ``since`` (default: now)."""
        return cls((time.perf_counter() if since is None else since) + seconds, read_seconds)

    def left(self) -> float:
        """Seconds left (negative once it has passed)."""
        return self.at - time.perf_counter()

    def sooner(self, seconds: float) -> Deadline:
        """The moment ``seconds`` before this one: when an earlier step must be done."""
        return Deadline(self.at - seconds, self.read_seconds)


def reasons_seconds(households: int, read_seconds: float | None = None) -> float:
    """What working out every household's reason is expected to take."""
    if read_seconds is not None:
        return REASONS_PER_READ * read_seconds
    return REASONS_SECONDS * households


def write_up_seconds(
    households: int,
    formats: tuple[str, ...] | list[str] = (),
    read_seconds: float | None = None,
) -> float:
    """What writing a result folder of ``households`` with ``formats`` is expected to take.

    The reasons included: :func:`placement.api.run` keeps their part back
    from the solver separately, within what this leaves it.
    """
    if read_seconds is not None:
        seconds = WRITE_PER_READ * read_seconds - REASONS_PER_READ * read_seconds
    else:
        seconds = WRITE_FIXED + WRITE_SECONDS * households
    for f in formats:
        seconds += EXPORT_FIXED.get(f, 0.0) + EXPORT_SECONDS.get(f, 0.0) * households
    return seconds
