"""Improve a placement by chains of single-household moves, each checked against the rows.

Fix and branch (:mod:`placement.solve.pricing`) fixes most classes where
the LP placed them, and often lands a hair above the asked gap (national
weekly: 1.05e-4 against 1e-4), or, when beds are short, a few persons short
of the LP (a simulated week: 4 persons unplaced for whom the LP found room).
A MIP that frees more classes then needs seconds to find the last units.
What it finds is nearly always a **chain of moves**: a household goes to a
cheaper location (or waits no longer), where a household of at least the
beds it lacks moves on to another location, and so on, until a location has
the room. This module searches those chains on every pair of the full model:

- a state is (location, persons arriving there); a chain starts with one
  household of a class leaving its dearest column (or the waiting list) for
  a pair of its class, and each step moves one household out of the
  location it arrived at, to any pair of that household's class;
- the costs are the pairs' costs; the cheapest chain per state is found by
  Bellman-Ford over at most :data:`STEPS` steps, vectorised over all moves;
- a chain ends at a location with room for its last household (beds,
  flexible beds at their price, child places).

Every chain found is made only if, made, every row it touches holds and the
objective falls; so the result is a placement of the full model, never
dearer than the one given. A household of a family group moves too; its
group's ``uses`` and ``split`` columns follow, and its splits are priced in
the move.
"""

from __future__ import annotations

import math
import time

import numpy as np
import numpy.typing as npt
import pandas as pd

from placement.model.matrix import ModelMatrix
from placement.model.problem import ProblemData

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: A chain must save more than this to be made.
SAVING = 1e-6
#: Moves in one chain at most.
STEPS = 5
#: Chains tried per round at most (the most saving first).
CHAINS = 300
#: Swaps tried per round at most (the most saving first, one per pair of locations).
SWAPS = 200
#: Rounds at most (each makes every saving chain, swap and gathering that still
#: fits). A count, not seconds, so that the placement does not depend on the
#: machine's speed; ``seconds`` only holds it to a time limit.
ROUNDS = 20
#: Moves considered per round at most: beyond it each class moves only to its
#: cheapest :data:`NEAREST` pairs (a rebalance of the national instance has
#: a million pairs).
MOVES = 1_500_000
NEAREST = 40
#: Sites none of a split group holds that gathering tries, cheapest first.
ELSEWHERE = 3


class _Placement:
    """A placement's columns, and the beds and child places its locations have left."""

    def __init__(self, data: ProblemData, mm: ModelMatrix, values: FloatArray) -> None:
        self.mm = mm
        self.x = np.rint(values)
        n = len(mm.cost)
        xs, us = mm.blocks["assign"], mm.blocks["unassigned"]
        n_sites = len(data.locations)
        pairs_k = data.pairs["k"].to_numpy()
        self.klass = np.full(n, -1)
        self.klass[xs] = pairs_k
        self.klass[us] = mm.unplaceable
        self.site = np.full(n, n_sites)  # n_sites: nowhere (waiting)
        self.site[xs] = data.pairs["l"].to_numpy()
        size = data.classes["size"].to_numpy().astype(float)
        kids = data.classes["children"].to_numpy().astype(float)
        self.size = np.where(self.klass >= 0, size[np.maximum(self.klass, 0)], 0.0)
        self.kids = np.where(self.klass >= 0, kids[np.maximum(self.klass, 0)], 0.0)
        # per location: its capacity row, child row and flexible-bed column (-1: none)
        self.beds_row = self._row_of_site(mm.blocks["capacity"], n_sites)
        self.kids_row = self._row_of_site(mm.blocks["children"], n_sites)
        self.flex = np.full(n_sites + 1, -1)
        flex_cols = np.arange(mm.blocks["flex_used"].start, mm.blocks["flex_used"].stop)
        cap = mm.blocks["capacity"]
        site_of_row = np.full(mm.shape[0], -1)
        limited = self.beds_row >= 0
        site_of_row[self.beds_row[limited]] = np.flatnonzero(limited)
        at_flex = np.isin(mm.cols, flex_cols) & (mm.rows >= cap.start) & (mm.rows < cap.stop)
        self.flex[site_of_row[mm.rows[at_flex]]] = mm.cols[at_flex]
        self.flex_price = np.where(self.flex >= 0, mm.cost[np.maximum(self.flex, 0)], 0.0)
        self.flex_beds = np.where(self.flex >= 0, mm.col_upper[np.maximum(self.flex, 0)], 0.0)
        self.beds_limit = np.where(limited, mm.row_upper[np.maximum(self.beds_row, 0)], np.inf)
        has_kids = self.kids_row >= 0
        self.kids_limit = np.where(has_kids, mm.row_upper[np.maximum(self.kids_row, 0)], np.inf)
        self.movable = self.klass >= 0
        self._families(data, mm)
        # persons and children per location (the last entry: nowhere)
        cols = np.flatnonzero(self.klass >= 0)
        self.persons = np.bincount(self.site[cols], self.size[cols] * self.x[cols], n_sites + 1)
        self.children = np.bincount(self.site[cols], self.kids[cols] * self.x[cols], n_sites + 1)
        self.persons[n_sites] = self.children[n_sites] = 0.0
        # the same, as lists: a chain is tried a few columns at a time, in Python
        self._site, self._size = self.site.tolist(), self.size.tolist()
        self._kids, self._cost = self.kids.tolist(), mm.cost.tolist()
        self._group, self._uses = self.group.tolist(), self.uses.tolist()
        self._use_group = self.use_group.tolist()
        self._flex_price, self._beds_limit = self.flex_price.tolist(), self.beds_limit.tolist()
        self._beds_cap = (self.beds_limit + self.flex_beds).tolist()
        self._kids_limit = self.kids_limit.tolist()

    def _families(self, data: ProblemData, mm: ModelMatrix) -> None:
        """Each member column's group and ``uses`` column; members per site; splits."""
        n = len(mm.cost)
        self.group = np.full(n, -1)  # the family group of a member's column
        self.uses = np.full(n, -1)  # the uses column a member's pair ties to (-1: none)
        self.use_group = np.full(n, -1)  # the family group of a uses column
        family = mm.family
        if family is None or len(family.groups) == 0:
            self.members = np.zeros(n)
            self.active = self.fixed = self.split_price = np.zeros(0)
            self.split_col = np.zeros(0, dtype=np.int64)
            return
        index = {g: i for i, g in enumerate(family.groups)}
        of_class = np.full(len(data.classes), -1)
        of_class[data.families["k"].to_numpy()] = [index[g] for g in data.families["group"]]
        self.group = np.where(self.klass >= 0, of_class[np.maximum(self.klass, 0)], -1)
        ys = mm.blocks["uses"].start
        self.uses[mm.blocks["assign"].start + family.member_pair] = ys + family.member_site
        self.use_group[ys + np.arange(len(family.site_group))] = family.site_group
        members = self.uses >= 0
        self.members = np.bincount(self.uses[members], self.x[members], n).astype(float)
        groups = len(family.groups)
        self.fixed = family.fixed_sites.astype(float)
        self.split_col = mm.blocks["split"].start + np.arange(groups)
        self.split_price = mm.cost[self.split_col]
        sites = np.flatnonzero(self.members > 0.5)
        self.active = np.bincount(self.use_group[sites], minlength=groups).astype(float)

    def split_change(self, frm: IntArray, to: IntArray) -> FloatArray:
        """What the family splits cost more when one household moves ``frm`` -> ``to``."""
        g = self.group[frm]
        member = g >= 0
        out = np.zeros(len(frm))
        if not member.any():
            return out
        g, yf, yt = g[member], self.uses[frm[member]], self.uses[to[member]]
        change = -((yf >= 0) & (self.members[np.maximum(yf, 0)] < 1.5)).astype(float)
        change += (yt >= 0) & (self.members[np.maximum(yt, 0)] < 0.5)
        now = np.maximum(self.active[g] + self.fixed[g] - 1.0, 0.0)
        after = np.maximum(self.active[g] + change + self.fixed[g] - 1.0, 0.0)
        out[member] = self.split_price[g] * (after - now)
        return out

    def _row_of_site(self, block: slice, n_sites: int) -> IntArray:
        """Per location (and nowhere): its row in ``block``, -1 when it has none."""
        mm = self.mm
        xs = mm.blocks["assign"]
        mine = (mm.rows >= block.start) & (mm.rows < block.stop) & (mm.cols < xs.stop)
        mine &= mm.cols >= xs.start
        row = np.full(n_sites + 1, -1)
        row[self.site[mm.cols[mine]]] = mm.rows[mine]
        return row

    def room(self) -> FloatArray:
        """Beds left per location, flexible beds included (nowhere: unlimited)."""
        return self.beds_limit + self.flex_beds - self.persons

    def cost(self, cols: list[int], sites: list[int]) -> float:
        """Cost of the columns ``cols``, the flexible beds at ``sites``, their groups' splits."""
        x, persons, active = self.x, self.persons, self.active
        total = sum(self._cost[c] * float(x[c]) for c in cols)
        for s in sites:
            over = float(persons[s]) - self._beds_limit[s]
            if over > 0:
                total += self._flex_price[s] * over
        for g in sorted({self._group[c] for c in cols} - {-1}):
            total += float(self.split_price[g]) * max(float(active[g] + self.fixed[g]) - 1.0, 0.0)
        return total

    def fits(self, sites: list[int]) -> bool:
        """Whether beds and child places hold at ``sites``."""
        persons, children = self.persons, self.children
        return all(
            persons[s] <= self._beds_cap[s] + 1e-9 and children[s] <= self._kids_limit[s] + 1e-9
            for s in sites
        )

    def move(self, source: int, target: int) -> None:
        """One household from column ``source`` to column ``target``."""
        self.x[source] -= 1.0
        self.x[target] += 1.0
        for col, sign in ((source, -1.0), (target, 1.0)):
            site = self._site[col]
            self.persons[site] += sign * self._size[col]
            self.children[site] += sign * self._kids[col]
            y = self._uses[col]
            if y >= 0:
                before = self.members[y] > 0.5
                self.members[y] += sign
                self.active[self._use_group[y]] += float(self.members[y] > 0.5) - before
        self.persons[-1] = self.children[-1] = 0.0

    def try_chain(self, moves: list[tuple[int, int]]) -> bool:
        """Make the chain of moves if afterwards every touched row holds and it saves.

        A chain touches a few columns: this runs on Python numbers, not arrays.
        """
        cols = sorted({c for m in moves for c in m})
        sites = sorted({self._site[c] for c in cols})
        before = self.cost(cols, sites)
        for source, target in moves:
            self.move(source, target)
        if all(self.x[c] > -0.5 for c in cols) and self.fits(sites):
            if self.cost(cols, sites) < before - SAVING:
                return True
        for source, target in reversed(moves):
            self.move(target, source)
        return False

    def values(self) -> FloatArray:
        """The columns, flexible beds set to what the locations need."""
        out = self.x.copy()
        has = np.flatnonzero(self.flex >= 0)
        out[self.flex[has]] = np.maximum(self.persons[has] - self.beds_limit[has], 0.0)
        if len(self.split_col):
            ys = self.mm.blocks["uses"]
            out[ys] = (self.members[ys] > 0.5).astype(float)
            out[self.split_col] = np.maximum(self.active + self.fixed - 1.0, 0.0)
        return out


def improve(
    data: ProblemData,
    mm: ModelMatrix,
    values: FloatArray,
    seconds: float = math.inf,
    target: float | None = None,
) -> FloatArray:
    """A placement at most as dear as ``values`` (a feasible full-model column vector).

    Rounds go on until none saves, ``seconds`` are spent, or the objective
    is at most ``target``.
    """
    if len(data.pairs) == 0:
        return values
    started = time.perf_counter()
    p = _Placement(data, mm, values)
    destinations = _destinations(data, p)
    for _ in range(ROUNDS):
        if time.perf_counter() - started > seconds:
            break
        if target is not None and mm.cost @ p.values() + mm.offset <= target:
            break
        if not _chains(p, destinations) + _gather(data, p):
            break
    return p.values()


def _gather(data: ProblemData, p: _Placement) -> int:
    """Bring split family groups together: all placed members to one site, if it saves.

    One member alone rarely ends a split (the others still hold the site),
    so the chains above miss it. Each split group tries the sites its
    members hold (most members first, then the sites its members not
    decided hold), moving every other placed member there at once.
    """
    if not len(p.split_col):
        return 0
    split = np.flatnonzero(p.active + p.fixed - 1.0 > 0.5)
    if split.size == 0:
        return 0
    n_sites = len(p.persons) - 1
    keys = data.pairs["k"].to_numpy() * n_sites + data.pairs["l"].to_numpy()
    xs = p.mm.blocks["assign"].start
    groups = pd.Index(p.mm.family.groups if p.mm.family is not None else [])
    member_k = data.families["k"].to_numpy()
    # by name, not through a member's pairs: a member that fits nowhere has none
    member_group = groups.get_indexer(data.families["group"])
    held = data.family_fixed
    held_group, held_site = groups.get_indexer(held["group"]), held["l"].to_numpy()
    column_of = _columns_of(p)  # a member's moves leave the other groups' members where they are
    made = 0
    for g in split:
        ks = member_k[member_group == g]
        cols = column_of[ks]
        at = p.site[cols]
        placed = at < n_sites
        if placed.sum() < 1:
            continue
        where, count = np.unique(at[placed], return_counts=True)
        sites = list(where[np.argsort(-count, kind="stable")])
        held_sites = held_site[held_group == g]
        sites += [int(l) for l in held_sites if l not in where]
        gathered = False
        for site in sites:
            away = placed & (at != site)
            pair = np.searchsorted(keys, ks[away] * n_sites + site)
            pair = np.minimum(pair, len(keys) - 1)
            if not (keys[pair] == ks[away] * n_sites + site).all():
                continue
            moves = list(zip(cols[away].tolist(), (xs + pair).tolist(), strict=True))
            if not moves:
                continue
            lack = p.size[cols[away]].sum() - p.room()[site]
            if lack > 0:  # one household there moves on to make the room, if one can
                moves = _making_room(data, p, int(site), lack, keys, set(cols.tolist())) + moves
            if p.try_chain(moves):
                gathered = True
                break
        if not gathered and held_sites.size == 0:
            gathered = _gather_elsewhere(p, ks[placed], cols[placed], keys, set(sites))
        made += gathered
    return made


def _gather_elsewhere(
    p: _Placement, ks: IntArray, cols: IntArray, keys: IntArray, tried: set[int]
) -> bool:
    """Move every placed member of a split group to one site none of them holds, if it saves.

    Only for a group no site it holds could gather, and whose households
    are all decided (one that stays holds its site). The sites where every
    member may go and all fit, cheapest first; the first ``ELSEWHERE``.
    """
    n_sites = len(p.persons) - 1
    xs = p.mm.blocks["assign"].start
    lo = np.searchsorted(keys, ks * n_sites)
    hi = np.searchsorted(keys, ks * n_sites + n_sites)
    cost = np.zeros(n_sites)
    reach = np.zeros(n_sites, dtype=np.int64)
    for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
        at = keys[a:b] % n_sites
        reach[at] += 1
        cost[at] += p.mm.cost[xs + np.arange(a, b)]
    room = p.room()[:n_sites]
    fits = (reach == len(ks)) & (room >= p.size[cols].sum())
    fits[list(tried)] = False
    for site in np.flatnonzero(fits)[np.argsort(cost[fits], kind="stable")][:ELSEWHERE]:
        pair = np.searchsorted(keys, ks * n_sites + site)
        if p.try_chain(list(zip(cols.tolist(), (xs + pair).tolist(), strict=True))):
            return True
    return False


def _making_room(
    data: ProblemData, p: _Placement, site: int, lack: float, keys: IntArray, keep: set[int]
) -> list[tuple[int, int]]:
    """The cheapest move of one household of at least ``lack`` persons out of ``site``."""
    n_sites = len(p.persons) - 1
    xs = p.mm.blocks["assign"]
    here = np.flatnonzero(
        (p.site == site) & (p.x > 0.5) & (p.size >= lack) & (p.group < 0) & (p.klass >= 0)
    )
    here = here[~np.isin(here, list(keep))]
    if here.size == 0:
        return []
    room = p.room()
    k = p.klass[here]
    lo = np.searchsorted(keys, k * n_sites)
    hi = np.searchsorted(keys, k * n_sites + n_sites)
    best: tuple[float, int, int] | None = None
    for col, a, b in zip(here.tolist(), lo.tolist(), hi.tolist(), strict=True):
        to = xs.start + np.arange(a, b)
        ok = (p.site[to] != site) & (room[p.site[to]] >= p.size[col])
        if not ok.any():
            continue
        to = to[ok]
        step = p.mm.cost[to] - p.mm.cost[col]
        i = int(np.argmin(step))
        if best is None or step[i] < best[0]:
            best = (float(step[i]), col, int(to[i]))
    return [] if best is None else [(best[1], best[2])]


def _columns_of(p: _Placement) -> IntArray:
    """Per class, the first column holding one of its households (-1: none).

    A family member's class has one household: the column that holds it.
    """
    used = np.flatnonzero(p.movable & (p.x > 0.5))[::-1]  # the first written last
    out = np.full(int(p.klass.max()) + 1, -1)
    out[p.klass[used]] = used
    return out


def _destinations(data: ProblemData, p: _Placement) -> IntArray:
    """The pairs a household may move to, each class's cheapest first (all, up to MOVES)."""
    order, starts = data.cheapest_first
    movable = p.movable[p.mm.blocks["assign"]]
    rank = np.arange(len(order)) - starts[data.pairs["k"].to_numpy()[order]]
    keep = movable[order]
    if keep.sum() > MOVES:
        keep &= rank < NEAREST
    return p.mm.blocks["assign"].start + order[keep]


def _chains(p: _Placement, destinations: IntArray) -> int:
    """One round: the cheapest chain into each state, every saving one made; how many."""
    mm = p.mm
    n_sites = len(p.persons) - 1
    top = int(p.size.max()) + 1
    room = p.room()
    open_room = np.minimum(np.floor(room + 1e-9), top)  # beds left, capped (nowhere: top)
    open_room[-1] = top
    # every class's dearest used column: its household leaves from there
    used = np.flatnonzero(p.movable & (p.x > 0.5))
    if used.size == 0:
        return 0
    n_classes = int(p.klass.max()) + 1
    dearest = np.full(n_classes, -np.inf)
    np.maximum.at(dearest, p.klass[used], mm.cost[used])
    leaves = np.full(n_classes, -1)
    top_col = mm.cost[used] >= dearest[p.klass[used]]
    leaves[p.klass[used][top_col]] = used[top_col]
    # moves: (from column, to column) of one class; from a used column to any destination
    d_class = p.klass[destinations]
    d_order = np.argsort(d_class, kind="stable")
    d_sorted = destinations[d_order]
    d_start = np.searchsorted(d_class[d_order], np.arange(n_classes + 1))
    first = p.klass[used]
    counts = d_start[first + 1] - d_start[first]
    frm = np.repeat(used, counts)
    offset = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    to = d_sorted[np.repeat(d_start[first], counts) + offset]
    differ = p.site[frm] != p.site[to]
    frm, to = frm[differ], to[differ]
    step = mm.cost[to] - mm.cost[frm] + p.split_change(frm, to)
    size = p.size[frm].astype(np.int64)
    start = leaves[p.klass[frm]] == frm  # the first move of a chain: from the dearest column
    # Bellman-Ford on states (site, persons arriving), a layer per step, so
    # that each layer's chains extend the one before's (no pointer cycles)
    width = top + 1
    states = (n_sites + 1) * width
    state = p.site[to] * width + size
    ejecting = p.site[frm] < n_sites  # a household moves out of a location to make room
    need = p.site[frm] * width + np.minimum(size + open_room[p.site[frm]], top).astype(np.int64)
    layers = [_layer(states, state[start], step[start], np.flatnonzero(start), None)]
    for _ in range(STEPS - 1):
        # from state (site, s) a household of size t may leave when s <= t + room
        best, arg = _prefix_min(layers[-1][0].reshape(-1, width))
        value = best.ravel()[need] + step
        idx = np.flatnonzero(ejecting & np.isfinite(value))
        if idx.size == 0:
            break
        came = p.site[frm[idx]] * width + arg.ravel()[need[idx]]
        layers.append(_layer(states, state[idx], value[idx], idx, came))
    # ends: states whose location has room for the household arriving
    sites, sizes = np.divmod(np.arange(states), width)
    fits = sizes <= room[sites] + 1e-9
    flex_over = np.maximum(p.persons[sites] + sizes - p.beds_limit[sites], 0.0) - np.maximum(
        p.persons[sites] - p.beds_limit[sites], 0.0
    )
    ends = []
    for depth, (dist, _, _) in enumerate(layers):
        total = dist + p.flex_price[sites] * flex_over
        good = np.flatnonzero(fits & (total < -SAVING))
        ends += [(float(total[g]), depth, int(g)) for g in good]
    made = 0
    for _, depth, end in sorted(ends)[:CHAINS]:
        moves = _trace(layers, frm, to, depth, end)
        if p.try_chain(moves):
            made += 1
    return made + _swaps(p, frm[ejecting], to[ejecting], step[ejecting], size[ejecting], room)


def _swaps(
    p: _Placement, frm: IntArray, to: IntArray, step: FloatArray, size: IntArray, room: FloatArray
) -> int:
    """Two households trade locations, where neither location has room for a move alone.

    A chain ends where there is room before it starts, so it never frees its
    own first location; a swap does. Per pair of locations and sizes, the
    cheapest move each way, vectorised; each swap is checked when made.
    """
    n = len(p.persons)
    width = int(size.max()) + 1 if size.size else 1
    there = p.site[to]
    key = (p.site[frm] * n + there) * width + size
    best = np.full(n * n * width, np.inf)
    np.minimum.at(best, key, step)
    won = step <= best[key]
    via = np.full(len(best), -1)
    via[key[won]] = np.flatnonzero(won)
    seen = np.zeros(n * n, dtype=bool)  # the pairs of locations moves join, in order
    seen[np.minimum(p.site[frm], there) * n + np.maximum(p.site[frm], there)] = True
    pairs = np.flatnonzero(seen)
    a, b = np.divmod(pairs, n)
    forth = best.reshape(n, n, width)[a, b]  # (pairs, size leaving a)
    back = best.reshape(n, n, width)[b, a]  # (pairs, size leaving b)
    # only where the cheapest move each way could save together
    hopeful = forth.min(axis=1) + back.min(axis=1) < -SAVING
    a, b, forth, back = a[hopeful], b[hopeful], forth[hopeful], back[hopeful]
    total = forth[:, :, None] + back[:, None, :]
    sa = np.arange(width)[None, :, None]
    sb = np.arange(width)[None, None, :]
    fits = (sb - sa <= room[a][:, None, None] + 1e-9) & (sa - sb <= room[b][:, None, None] + 1e-9)
    good = np.flatnonzero((fits & (total < -SAVING)).ravel())
    if good.size == 0:
        return 0
    made = 0
    order = good[np.argsort(total.ravel()[good], kind="stable")]
    i, ja, jb = np.unravel_index(order, total.shape)
    _, first = np.unique(i, return_index=True)  # the best swap of each pair of locations
    keep = np.sort(first)[:SWAPS]
    i, ja, jb = i[keep], ja[keep], jb[keep]
    for pair, x, y in zip(i.tolist(), ja.tolist(), jb.tolist(), strict=True):
        m1 = via[(a[pair] * n + b[pair]) * width + x]
        m2 = via[(b[pair] * n + a[pair]) * width + y]
        if (
            m1 >= 0
            and m2 >= 0
            and p.try_chain([(int(frm[m1]), int(to[m1])), (int(frm[m2]), int(to[m2]))])
        ):
            made += 1
    return made


def _layer(
    states: int, reach: IntArray, values: FloatArray, moves: IntArray, came: IntArray | None
) -> tuple[FloatArray, IntArray, IntArray]:
    """The least value reaching each state, the move that does, and the state it came from."""
    dist = np.full(states, np.inf)
    np.minimum.at(dist, reach, values)
    won = values <= dist[reach]
    via = np.full(states, -1)
    back = np.full(states, -1)
    via[reach[won]] = moves[won]
    if came is not None:
        back[reach[won]] = came[won]
    return dist, via, back


def _prefix_min(dist: FloatArray) -> tuple[FloatArray, IntArray]:
    """Per site: the least value over arriving sizes up to each size, and that size."""
    best = dist.copy()
    arg = np.broadcast_to(np.arange(dist.shape[1]), dist.shape).copy()
    for s in range(1, dist.shape[1]):
        keep = best[:, s - 1] <= best[:, s]
        best[keep, s] = best[keep, s - 1]
        arg[keep, s] = arg[keep, s - 1]
    return best, arg


def _trace(
    layers: list[tuple[FloatArray, IntArray, IntArray]],
    frm: IntArray,
    to: IntArray,
    depth: int,
    state: int,
) -> list[tuple[int, int]]:
    """The moves of the chain that ends in ``state`` of layer ``depth``, first move first."""
    moves: list[tuple[int, int]] = []
    for d in range(depth, -1, -1):
        _, via, back = layers[d]
        m = int(via[state])
        moves.append((int(frm[m]), int(to[m])))
        state = int(back[state])
    moves.reverse()
    return moves
