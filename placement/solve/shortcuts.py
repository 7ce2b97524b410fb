"""The shortcuts to the exact answer, behind one boundary: a fault in one never costs the run.

Starts (the planner's greedy placement, everyone where they are), the
rounded LP, the repair by chains of moves and the completion by reduced
costs are ways to reach the optimum sooner; the exact path does not need
any of them. :func:`shortcut` runs one: should it raise, the run goes on
with what it would have had without it (a start less, no repair), and a
failed completion gives way to the full model, solved from the placement
at hand. The fault is counted
(``heuristic_faults`` in ``kpis.json``, so nothing is hidden) and logged at
warning level with a crash report (versions and stack, no personal data,
see :mod:`placement.crash`): the same inputs on the same versions make the
same run, so the report and the run's inputs reproduce it.

``$PLACEMENT_DEBUG=1`` lets the fault through instead, for tests and
maintainers.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Protocol, TypeVar

from placement.errors import PlacementError

logger = logging.getLogger(__name__)
T = TypeVar("T")


class Counts(Protocol):
    """What keeps the count: a solve's log."""

    heuristic_faults: int


def shortcut(name: str, step: Callable[[], T], without: Callable[[], T], counts: Counts) -> T:
    """``step()``, or ``without()`` when it raises (counted in ``counts`` and logged).

    ``without`` is what the exact path does in its place: at least keep
    what there was, at most solve the full model.

    An error placement raises on purpose (:class:`PlacementError`) is not a
    fault and passes through, as does Ctrl-C.
    """
    try:
        return step()
    except PlacementError:
        raise
    except Exception as exc:
        if os.environ.get("PLACEMENT_DEBUG") == "1":
            raise
        counts.heuristic_faults += 1
        report = _report(exc, name)
        logger.warning(
            "the shortcut '%s' failed (%s); the exact path goes on without it. %s",
            name,
            type(exc).__name__,
            report,
        )
        return without()


def _report(exc: BaseException, name: str) -> str:
    from placement.crash import write_report

    try:
        return f"Report: {write_report(exc, f'shortcut {name}')}"
    except OSError as why:
        return f"Its report could not be written ({why})."
