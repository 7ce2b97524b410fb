"""Placements found without branching: starts for HiGHS, and the planner's baseline.

- :func:`stay_put`: everyone keeps their bed (or goes to their pin); arrivals
  and those who lose their bed wait. Always feasible when pins are.
- :func:`greedy`: households one by one take their cheapest allowed location
  that still has room, as a planner would by hand. With :func:`planner_order`
  it is the baseline the benchmark compares the optimiser with.
- :func:`round_lp`: the LP relaxation's whole households kept, the rest
  placed greedily: a start close to the optimum, so HiGHS can stop at its root.

All work on destinations per household (location index, -1 unplaced);
:func:`start_vector` turns one into a column vector of the model's arrays.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from placement.model.matrix import ModelMatrix, family_arrays
from placement.model.problem import ProblemData

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def pair_lookup(data: ProblemData, k: npt.ArrayLike, l: npt.ArrayLike) -> IntArray:
    """Index of pair (k, l) in ``data.pairs``, -1 where the pair does not exist."""
    n_sites = len(data.locations)
    keys = data.pairs["k"].to_numpy() * n_sites + data.pairs["l"].to_numpy()
    wanted = np.asarray(k, dtype=np.int64) * n_sites + np.asarray(l, dtype=np.int64)
    at = np.minimum(np.searchsorted(keys, wanted), max(len(keys) - 1, 0))
    found = (len(keys) > 0) & (keys[at] == wanted) if len(keys) else np.zeros(len(wanted), bool)
    return np.where(found, at, -1)


def stay_put(data: ProblemData) -> IntArray:
    """Everyone stays where they may (or goes to their pin); the rest waits unplaced."""
    hh = data.households
    dest = hh["current"].to_numpy().copy()
    decided = hh["decided"].to_numpy()
    pin = hh["pin"].to_numpy()
    k = hh["klass"].to_numpy()
    stays = pair_lookup(data, k, np.maximum(dest, 0)) >= 0
    dest[decided] = np.where(pin >= 0, pin, np.where(stays & (dest >= 0), dest, -1))[decided]
    return dest


def planner_order(data: ProblemData) -> IntArray:
    """Decided households as a planner takes them: residents first, then arrivals."""
    hh = data.households
    decided = np.flatnonzero(hh["decided"].to_numpy())
    resident = hh["current"].to_numpy()[decided] >= 0
    return np.concatenate([decided[resident], decided[~resident]])


class _Room:
    """Beds and child places left per location while households are placed."""

    def __init__(self, data: ProblemData) -> None:
        loc = data.locations
        beds = loc["beds_left"].to_numpy(dtype=float, na_value=np.inf)
        self.beds = beds + loc["flex_capacity"].to_numpy(dtype=float)  # flexible beds too
        self.kids = loc["child_places_left"].to_numpy(dtype=float, na_value=np.inf).copy()

    def fits(self, l: int, size: int, children: int) -> bool:
        return self.beds[l] >= size and (children == 0 or self.kids[l] >= children)

    def take(self, l: int, size: int, children: int, sign: int = 1) -> None:
        self.beds[l] -= sign * size
        self.kids[l] -= sign * children


def greedy(
    data: ProblemData, order: IntArray, dest: IntArray | None = None, room: _Room | None = None
) -> IntArray:
    """Place the households in ``order``, each at its cheapest location with room.

    Residents keep a claim on their own bed until their turn, so staying is
    always possible; a household with no room anywhere waits unplaced when it
    may, and stays otherwise.
    """
    hh = data.households
    dest = stay_put(data) if dest is None else dest.copy()
    room = room or _Room(data)
    size = hh["size"].to_numpy()
    kids = hh["children"].to_numpy()
    klass = hh["klass"].to_numpy()
    current = hh["current"].to_numpy()
    may_wait = hh["unplaced_ok"].to_numpy()
    order_l = data.pairs["l"].to_numpy()[data.cheapest_first[0]]
    starts = data.cheapest_first[1]
    claimed = [h for h in order if current[h] >= 0 and dest[h] == current[h]]
    for h in claimed:
        room.take(current[h], size[h], kids[h])
    claims = set(claimed)
    for h in order:
        if h in claims:
            room.take(current[h], size[h], kids[h], sign=-1)
        options = order_l[starts[klass[h]] : starts[klass[h] + 1]] if klass[h] >= 0 else ()
        choice = next((int(l) for l in options if room.fits(l, size[h], kids[h])), None)
        if choice is None:
            choice = -1 if may_wait[h] else current[h]
        dest[h] = choice
        if choice >= 0:
            room.take(choice, size[h], kids[h])
    return dest


def round_lp(data: ProblemData, assign: FloatArray) -> IntArray:
    """Keep the LP's whole households per pair, place the fractional rest greedily."""
    hh = data.households
    dest = hh["current"].to_numpy().copy()
    decided = np.flatnonzero(hh["decided"].to_numpy())
    members = decided[np.argsort(hh["klass"].to_numpy()[decided], kind="stable")]
    whole = np.floor(np.asarray(assign) + 1e-6).astype(np.int64)
    slots = data.pairs.assign(n=whole)
    slots = slots[slots["n"] > 0].sort_values(["k", "stay", "l"], ascending=[True, False, True])
    room = _Room(data)
    size, kids = hh["size"].to_numpy(), hh["children"].to_numpy()
    counts = data.classes["count"].to_numpy()
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    taken = np.zeros(len(counts), dtype=np.int64)
    for k, l, n in zip(slots["k"], slots["l"], slots["n"], strict=True):
        chosen = members[first[k] + taken[k] : first[k] + taken[k] + n]
        dest[chosen] = l
        taken[k] += n
        room.take(l, int(size[chosen].sum()), int(kids[chosen].sum()))
    rest = np.concatenate(
        [members[first[k] + taken[k] : first[k] + counts[k]] for k in range(len(counts))]
        or [np.zeros(0, dtype=np.int64)]
    )
    dest[rest] = -1
    _keep_families_together(data, dest, rest, room, np.asarray(assign))
    rest = rest[dest[rest] < 0]
    return greedy(data, rest[np.argsort(-size[rest], kind="stable")], dest, room)


def _keep_families_together(
    data: ProblemData, dest: IntArray, rest: IntArray, room: _Room, assign: FloatArray
) -> None:
    """Put a family group's unplaced members at one location the LP used, if they fit.

    Rounding members one by one splits groups the LP held together (at half a
    household per site); each split costs ``family_split``.
    """
    hh = data.households
    group = hh["family_group"].to_numpy()
    waiting = rest[group[rest] != ""]
    if waiting.size == 0:
        return
    pairs = data.pairs
    cost = pairs["cost"].to_numpy()
    used_by = _sites_used(hh, dest)
    support = pairs.loc[assign > 1e-6, ["k", "l"]]
    support_of = support.groupby("k")["l"].agg(list).to_dict()
    klass, size, kids = hh["klass"].to_numpy(), hh["size"].to_numpy(), hh["children"].to_numpy()
    split = float(data.settings.weights.family_split)
    for g in dict.fromkeys(group[waiting]):
        who = waiting[group[waiting] == g]
        held = used_by.get(g, set())
        sites = sorted(held | {l for h in who for l in support_of.get(klass[h], ())})
        best, best_cost = None, np.inf
        for l in sites:
            index = pair_lookup(data, klass[who], np.full(len(who), l))
            if (index < 0).any() or not room.fits(l, int(size[who].sum()), int(kids[who].sum())):
                continue
            total = cost[index].sum() + (0.0 if l in held or not held else split)
            if total < best_cost:
                best, best_cost = l, total
        if best is not None:
            dest[who] = best
            room.take(best, int(size[who].sum()), int(kids[who].sum()))


def _sites_used(hh: object, dest: IntArray) -> dict[str, set[int]]:
    """Locations each family group already holds (placed or staying members)."""
    frame = hh.assign(dest=dest)  # type: ignore[attr-defined]
    held = frame[(frame["family_group"] != "") & (frame["dest"] >= 0)]
    return held.groupby("family_group")["dest"].agg(lambda s: set(s.tolist())).to_dict()


def start_vector(data: ProblemData, mm: ModelMatrix, dest: IntArray) -> FloatArray:
    """The model's column values for a destination per household."""
    hh = data.households
    decided = hh["decided"].to_numpy()
    k = hh["klass"].to_numpy()[decided]
    l = np.asarray(dest)[decided]
    placed = l >= 0
    x = np.zeros(mm.shape[1])
    assign = np.zeros(len(data.pairs))
    np.add.at(assign, pair_lookup(data, k[placed], l[placed]), 1.0)
    x[mm.blocks["assign"]] = assign
    waiting = np.bincount(k[~placed], minlength=len(data.classes)).astype(float)
    x[mm.blocks["unassigned"]] = waiting[mm.unplaceable]
    family = mm.family if mm.family is not None else family_arrays(data)
    used = np.zeros(len(family.sites))
    used[family.member_site[assign[family.member_pair] > 0]] = 1.0
    x[mm.blocks["uses"]] = used
    per_group = np.bincount(family.site_group, weights=used, minlength=len(family.groups))
    x[mm.blocks["split"]] = np.maximum(0.0, per_group + family.fixed_sites - 1)
    x[mm.blocks["flex_used"]] = _flex_used(mm, x)
    return x


def _flex_used(mm: ModelMatrix, x: FloatArray) -> FloatArray:
    """The flexible beds a placement needs: what it puts beyond each row's regular beds."""
    rows = mm.blocks["capacity"]
    f = mm.blocks["flex_used"]
    entries = (mm.rows >= rows.start) & (mm.rows < rows.stop) & (mm.cols < f.start)
    placed = np.bincount(
        mm.rows[entries] - rows.start,
        weights=mm.values[entries] * x[mm.cols[entries]],
        minlength=rows.stop - rows.start,
    )
    flexible = (mm.rows >= rows.start) & (mm.rows < rows.stop) & (mm.cols >= f.start)
    flexible &= mm.cols < f.stop
    row_of = mm.rows[flexible] - rows.start
    need = placed[row_of] - mm.row_upper[mm.rows[flexible]]
    out = np.zeros(f.stop - f.start)
    out[mm.cols[flexible] - f.start] = np.maximum(0.0, need)
    return out


def current_start(data: ProblemData, mm: ModelMatrix) -> FloatArray:
    """The start of every solve: everyone stays put (see :func:`stay_put`)."""
    return start_vector(data, mm, stay_put(data))


def is_feasible(mm: ModelMatrix, x: FloatArray, tolerance: float = 1e-6) -> bool:
    """Whether ``x`` satisfies every row and column bound of the arrays."""
    activity = np.zeros(mm.shape[0])
    np.add.at(activity, mm.rows, mm.values * x[mm.cols])
    rows_ok = np.all(activity <= mm.row_upper + tolerance) and np.all(
        activity >= mm.row_lower - tolerance
    )
    cols_ok = np.all(x <= mm.col_upper + tolerance) and np.all(x >= mm.col_lower - tolerance)
    return bool(rows_ok and cols_ok)
