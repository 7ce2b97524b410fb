"""``moves_ahead``: the chance that a placement leads to a forced move later.

The contract (*Moves ahead*) follows a household through the chain of
``simulation.toml`` week by week: its states are the landscape's tracks and
``leaving``. Each week w = 1, 2, … runs, in this order,

1. departures: ``leaving`` departs with chance ``1 / leave_weeks``, a link
   track with ``1 / housing_lead_weeks``;
2. track changes: every other track with a flow is left with chance
   ``1 / weeks`` and its shares go to the next tracks (``leave`` → ``leaving``);
3. must move: a household that has not departed must move when its track
   does not allow the location's type t, or when w ≥ C, the first week whose
   date is after the location's ``open_until``.

With two absorbing states added (``departed`` and ``moved``: its first
must-move) one week is a matrix ``W_t = D · G · M_t`` acting on a row of
state probabilities (D departures, G track changes, M_t the must-move of
type t). ``p`` follows from powers of it, taken by repeated squaring, so a
horizon of C weeks costs about ``log2 C`` small matrix products:

- with ``open_until``: every household still there after the departures of
  week C must move, so ``p = 1 − P(departed after step 1 of week C)``, the
  ``departed`` entry of ``e_k · W_t^(C−1) · D``;
- without: ``p`` is the ``moved`` entry of ``e_k · W_t^520``.

All starting tracks k come out of one product (the rows of the power), and
a location only matters through (type, C), so a scenario costs one power
per distinct (type, C) of its locations, whatever its number of households.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import numpy.typing as npt
import pandas as pd

from placement.input.chain import LEAVE, Chain, Flow
from placement.input.settings import Landscape
from placement.model.groups import groups_in_order

#: Weeks followed at a location without ``open_until`` (ten years).
HORIZON_WEEKS = 520


class ChainStates:
    """The chain's states as matrix indices: tracks, ``leaving``, ``departed``, ``moved``.

    Tracks are the landscape's, in its order, then any track the flows name
    that the landscape does not know (such a track allows no type).
    """

    def __init__(self, chain: Chain, landscape: Landscape) -> None:
        self.landscape = landscape
        self.flows: dict[str, Flow] = chain.flows_for(landscape.name)
        named = [t for flow in self.flows.values() for t in flow.next if t != LEAVE]
        extra = [t for t in [*self.flows, *named] if t not in landscape.allowed]
        self.tracks: tuple[str, ...] = landscape.tracks + tuple(dict.fromkeys(extra))
        self.index = {t: i for i, t in enumerate(self.tracks)}
        self.leaving = len(self.tracks)
        self.departed = self.leaving + 1
        self.moved = self.leaving + 2
        self.size = self.leaving + 3
        self.departures = self._departures(chain)
        self.changes = self._changes()

    def _departures(self, chain: Chain) -> npt.NDArray[np.float64]:
        """Step 1: ``leaving`` and the link tracks depart."""
        d = np.eye(self.size)
        rates = [(self.leaving, 1 / chain.leave_weeks)] + [
            (self.index[t], 1 / chain.housing_lead_weeks) for t in self.landscape.link_tracks
        ]
        for state, rate in rates:
            d[state, state] = 1 - rate
            d[state, self.departed] = rate
        return d

    def _changes(self) -> npt.NDArray[np.float64]:
        """Step 2: every other track with a flow is left with chance ``1 / weeks``."""
        g = np.eye(self.size)
        for track, flow in self.flows.items():
            if track in self.landscape.link_tracks:
                continue
            i = self.index[track]
            rate = 1 / flow.weeks
            g[i, i] = 1 - rate
            for after, share in flow.next.items():
                j = self.leaving if after == LEAVE else self.index[after]
                g[i, j] += rate * share
        return g

    def week(self, type_: str) -> npt.NDArray[np.float64]:
        """One week at a location of ``type_``: departures, track changes, must-move."""
        m = np.eye(self.size)
        for track, i in self.index.items():
            if not self.landscape.allows(track, type_):
                m[i, i] = 0.0
                m[i, self.moved] = 1.0
        return self.departures @ self.changes @ m


def horizons(open_until: pd.Series, planning_date: dt.date) -> npt.NDArray[np.int64]:
    """C per location: the first week w ≥ 1 with ``planning_date + 7w`` after ``open_until``.

    0 for a location without ``open_until`` (no closing date: the horizon
    is :data:`HORIZON_WEEKS` weeks), and for one already closed (nobody goes there).
    """
    until = pd.to_datetime(open_until)
    days = (until - pd.Timestamp(planning_date)).dt.days.to_numpy(dtype=float)
    c = np.where(np.isnan(days) | (days < 0), 0, np.floor(np.nan_to_num(days) / 7) + 1)
    return c.astype(np.int64)


def must_move_table(
    chain: Chain, landscape: Landscape, types: npt.ArrayLike, weeks: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """The chance p for every landscape track (rows, in its order) and location (columns).

    ``types`` and ``weeks`` (C, 0 for none) are the locations'. The chance
    is the chain's; a household staying where its track does not fit pays
    ``p = 1`` whatever this table says (:func:`must_move`).
    """
    types = np.asarray(types, dtype=object)
    weeks = np.asarray(weeks, dtype=np.int64)
    table = np.zeros((len(landscape.tracks), len(types)))
    if len(types) == 0:
        return table
    powers = _powers(chain, landscape)
    codes, first = groups_in_order(pd.factorize(types)[0], weeks)  # each (type, C)
    for code, at in enumerate(first):
        table[:, codes == code] = powers.column(str(types[at]), int(weeks[at]))[:, None]
    return table


class _Powers:
    """A chain's chance p per (type, C), each worked out once (see :func:`must_move_table`)."""

    def __init__(self, chain: Chain, landscape: Landscape) -> None:
        self.states = ChainStates(chain, landscape)
        self.weekly: dict[str, npt.NDArray[np.float64]] = {}
        self.columns: dict[tuple[str, int], npt.NDArray[np.float64]] = {}

    def column(self, type_: str, c: int) -> npt.NDArray[np.float64]:
        """The chance p of each landscape track at a location of ``type_`` closing in week C."""
        if (type_, c) not in self.columns:
            states = self.states
            tracks = len(states.landscape.tracks)
            if type_ not in self.weekly:
                self.weekly[type_] = states.week(type_)
            if c > 0:
                after = np.linalg.matrix_power(self.weekly[type_], c - 1) @ states.departures
                p = 1.0 - after[:tracks, states.departed]
            else:
                p = np.linalg.matrix_power(self.weekly[type_], HORIZON_WEEKS)[:tracks, states.moved]
            self.columns[type_, c] = np.clip(p, 0.0, 1.0)
        return self.columns[type_, c]


#: The powers of the chains asked last, by their text: a simulation asks the
#: same chain every week, and its locations' (type, C) again and again.
_KEPT: dict[str, _Powers] = {}
KEPT_CHAINS = 4


def _powers(chain: Chain, landscape: Landscape) -> _Powers:
    key = repr((chain, landscape))
    if key not in _KEPT:
        while len(_KEPT) >= KEPT_CHAINS:
            del _KEPT[next(iter(_KEPT))]
        _KEPT[key] = _Powers(chain, landscape)
    return _KEPT[key]


def must_move(
    table: npt.NDArray[np.float64],
    track_rows: npt.NDArray[np.int64],
    dest: npt.NDArray[np.int64],
    stays_wrong: npt.NDArray[np.bool_],
) -> npt.NDArray[np.float64]:
    """The chance p per (household, destination): the table's, 1 at a wrong type, 0 unplaced.

    ``track_rows`` are rows of ``table`` (-1: a track the landscape does not
    know, which fits nowhere: only a stay at a wrong type is possible).
    """
    placed = dest >= 0
    known = track_rows >= 0
    p = np.ones(len(dest))
    if table.size:
        at = known & placed
        p[at] = table[track_rows[at], dest[at]]
    p[stays_wrong] = 1.0
    return np.where(placed, p, 0.0)


def weeks_left(chain: Chain, landscape: Landscape) -> npt.NDArray[np.float64]:
    """Expected weeks each landscape track still has in reception (the chain alone).

    Sum over weeks w ≥ 0 of the chance of not having departed after week w,
    followed for :data:`HORIZON_WEEKS` weeks (a track that is never left
    counts them all). For the reasons: "expected to stay about N more weeks".
    """
    states = ChainStates(chain, landscape)
    week = states.departures @ states.changes
    tracks = len(landscape.tracks)
    here = np.eye(states.size)[:tracks]
    total = np.zeros(tracks)
    for _ in range(HORIZON_WEEKS):
        total += 1.0 - here[:, states.departed]
        here = here @ week
    return total
