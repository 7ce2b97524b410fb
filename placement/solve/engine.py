"""Price and branch, for any model too large to hand HiGHS whole: the engine place and link share.

A problem hands the engine its parts through :class:`Pricer`:

1. **price**: the restricted master (:class:`placement.solve.master.Master`)
   holds a few columns; each LP round's duals ``y`` give every column of
   the full model its reduced cost ``c − Aᵀy`` (the pricer computes it, as
   the full model may never be built), and the columns below zero join the
   master, a few per class (:data:`PER_ROUND`), until none is left: the
   master's LP is then the full model's, and its value ``z`` a bound on
   every solution. Every round, priced or not, also gives a valid bound
   (the LP's value plus each omitted column's negative reduced cost times
   its upper bound: the Lagrangian bound), at hand should time run out
   before pricing ends. A priced LP may then be strengthened (the pricer's
   :meth:`Pricer.refine`: place brings in its family rows, link its MIR
   cuts) and priced again;
2. **fix and branch**: the master's MIP with most classes fixed where a
   start has them (:meth:`placement.solve.master.Master.fixed`), from that
   start, stopping at a target within the gap of ``z``;
3. **complete and prove**: a solution ``U`` not yet within the gap of
   ``z`` is proven by a MIP over every column that could still beat it by
   more than the gap: by LP duality a solution using a column costs at least
   ``z`` plus its reduced cost, so only columns with a reduced cost up to
   ``U − z − t`` (:func:`reach`, ``t`` a share of the gap) can; that MIP's
   bound, capped at ``z + reach``, bounds the full model.

:func:`price` runs step 1 for any pricer; steps 2 and 3 are the master's
MIP and :func:`reach`, as each problem fills them with its own columns.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from placement.solve.master import TOLERANCE

FloatArray = npt.NDArray[np.float64]

#: Columns per class a pricing round adds at most (the most negative reduced costs first).
PER_ROUND = 10
#: Share of the asked gap the completion leaves between a solution and the bound it
#: proves: a little below 1, so the gap reported lands strictly inside the one asked.
REACH_SHARE = 0.99

__all__ = ["PER_ROUND", "REACH_SHARE", "TOLERANCE", "Priced", "Pricer", "Round", "price", "reach"]


@dataclass(frozen=True)
class Round:
    """One LP round: its value, the reduced costs of every column, a valid bound.

    ``rc`` is the pricer's own array (place: over the full model's columns;
    link: classes × gemeenten); ``duals`` whatever else it keeps of the round.
    """

    value: float
    rc: Any
    bound: float
    duals: Any = None


@dataclass
class Priced:
    """What pricing found: the best bound of any round, and the last round it priced.

    ``last`` is the last LP that no omitted column could lower (``None``
    when time ran out before one); ``final`` whether pricing also ended
    there, nothing left to refine. ``rounds`` counts the LP rounds.
    """

    bound: float = -np.inf
    last: Round | None = None
    final: bool = False
    rounds: int = 0
    refined: list[int] = field(default_factory=list)  # what each refinement added


class Pricer(Protocol):
    """What a problem gives the engine to price its model (see :func:`price`)."""

    def solve_lp(self) -> bool:
        """Solve the master's LP within pricing's time; whether it ended optimal."""

    def round(self) -> Round:
        """The round of the LP just solved."""

    def improving(self, r: Round) -> Any:
        """The columns (and rows) that could lower the LP, as :meth:`add` takes them; ``None``."""

    def add(self, new: Any) -> None:
        """Bring ``new`` into the master."""

    def refine(self, r: Round) -> int:
        """Strengthen the priced LP ``r`` (rows valid for the full model); what was added."""

    def out_of_time(self) -> bool:
        """Whether pricing must stop for branching to have its time."""


def price(pricer: Pricer) -> Priced:
    """Price the master's LP to the full model's, refining it while the pricer can.

    Stops when the LP fails (time), when pricing's time is up, or when a
    priced LP has nothing left to refine (``final``).
    """
    found = Priced()
    while pricer.solve_lp():
        r = pricer.round()
        found.rounds += 1
        found.bound = max(found.bound, r.bound)
        new = pricer.improving(r)
        if new is None:
            found.last = r
            found.bound = max(found.bound, r.value)
            added = pricer.refine(r)
            if not added:
                found.final = True
                break
            found.refined.append(added)
            continue
        if pricer.out_of_time():
            break
        pricer.add(new)
    return found


def reach(incumbent: float, z: float, mip_gap: float, share: float = REACH_SHARE) -> float:
    """How much a column's reduced cost may be for it to lead to a solution beating ``incumbent``.

    ``incumbent − z − share × mip_gap × max(1, |incumbent|)``: a solution
    using a column of reduced cost above it costs more than the incumbent
    less that share of the gap.
    """
    return incumbent - z - share * mip_gap * max(1.0, abs(incumbent))


def until(started: float, seconds: float) -> float:
    """Seconds left of ``seconds`` counted from ``started`` (``time.perf_counter``)."""
    return seconds - (time.perf_counter() - started)
