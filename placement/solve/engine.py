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

from placement.model.matrix import ModelMatrix
from placement.solve.master import TOLERANCE

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: Columns per class a pricing round adds at most (the most negative reduced costs first).
PER_ROUND = 10
#: Share of the asked gap the completion leaves between a solution and the bound it
#: proves: a little below 1, so the gap reported lands strictly inside the one asked.
REACH_SHARE = 0.99

__all__ = [
    "PER_ROUND", "REACH_SHARE", "TOLERANCE", "Priced", "Pricer", "Round", "class_floor",
    "dual_bound", "lagrangian", "price", "reach", "reduced_costs",
]  # fmt: skip


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


def lagrangian(value: float, rc: FloatArray, upper: FloatArray, omitted: BoolArray) -> float:
    """A lower bound on the full model from any LP round, priced or not.

    With the round's duals, a solution costs at least the round's LP value
    plus, for every omitted column, its reduced cost times its upper bound
    where that is negative (Lagrangian relaxation; the rows the master left
    out have dual 0, which any sign allows). Weaker than the priced LP, but
    there when time runs out before pricing ends. ``rc``, ``upper`` and
    ``omitted`` may be of any shape alike (place: the full model's columns;
    link: classes × gemeenten).
    """
    absent = omitted & (rc < 0)
    with np.errstate(invalid="ignore"):  # 0 x inf where a column is not absent
        return float(value + np.sum((rc * upper)[absent]))


def reduced_costs(mm: ModelMatrix, row_dual: FloatArray) -> FloatArray:
    """``c_j - a_j^T y`` for every column of the full model."""
    priced = np.bincount(mm.cols, weights=mm.values * row_dual[mm.rows], minlength=len(mm.cost))
    return mm.cost - priced


def dual_bound(mm: ModelMatrix, row_dual: FloatArray) -> float:
    """A lower bound on the full model from any row duals (a Lagrangian bound).

    The ``once`` rows stay as they are: each class puts its ``N_k``
    households on its columns, so with the other rows priced at ``y`` the
    class costs at least ``N_k`` times its least reduced cost, whichever
    columns the restricted model held. Every other column lies in its box.
    So a placement costs at least

        offset + y b + sum_k N_k min_{j in k} rc_j + sum_{other j} min(rc_j l_j, rc_j u_j)

    with ``b`` a row's lower side where ``y > 0`` and its upper side where
    ``y < 0``. A dual of the wrong sign for its row (a solver's rounding) is
    set to 0 first, so any ``y`` gives a true bound. With the duals of an LP
    round it is far closer to the LP than :func:`lagrangian_bound`; with
    ``y = 0`` it is every class at its cheapest option (:func:`class_floor`).
    """
    y = np.where(np.isfinite(mm.row_lower), row_dual, np.minimum(row_dual, 0.0))
    y = np.where(np.isfinite(mm.row_upper), y, np.maximum(y, 0.0))
    rc = reduced_costs(mm, y)
    side = np.where(y > 0, mm.row_lower, np.where(y < 0, mm.row_upper, 0.0))
    r = mm.blocks["once"]
    in_class = (mm.rows >= r.start) & (mm.rows < r.stop)
    cls, col = mm.rows[in_class] - r.start, mm.cols[in_class]
    least = np.full(r.stop - r.start, np.inf)
    np.minimum.at(least, cls, rc[col])
    count = mm.row_lower[r]
    classes = float(np.sum(count * np.where(np.isfinite(least), least, 0.0)))
    other = np.ones(len(mm.cost), dtype=bool)
    other[col] = False
    low, high = other & (rc > 0), other & (rc < 0)
    boxed = rc[low] @ mm.col_lower[low] + rc[high] @ mm.col_upper[high]
    return float(mm.offset + y @ side + classes + boxed)


def class_floor(mm: ModelMatrix) -> float:
    """A bound with no LP at all: every class at its cheapest option, room and families aside.

    :func:`dual_bound` with every dual 0: weak, but there in microseconds,
    for a time limit that strikes before the first LP round ends.
    """
    return dual_bound(mm, np.zeros(mm.shape[0]))


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
