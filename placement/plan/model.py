r"""The capacity plan as a two-stage stochastic MIP, as arrays for HiGHS.

First stage: which candidate opens in which week. Second stage, per future
s: where the persons in reception sleep, by type, who is held at a type
their track no longer allows, and how many have no bed.

.. math::
    \min \sum_{c,w} open_{c,w} \, (O_c + 7 \, cap_c \, n_c \max(m_c, W - w))
         + \frac{7}{S} \, a \sum short_{s,w,k,g}
         + \frac{7}{S} \, h \sum_{t \in H(k)} x_{s,w,k,g,t} + 7 \, b \sum below_{p,w}

subject to

- ``open_once``: :math:`\sum_w open_{c,w} \le 1`, ``open`` binary for
  :math:`first\_week_c \le w < W`;
- ``active_sum``: :math:`active_{c,w} = active_{c,w-1} + open_{c,w}` (so
  :math:`active_{c,w} = \sum_{w' \le w} open_{c,w'}`);
- ``demand_met``: :math:`\sum_{t \in T(k) \cup H(k)} x_{s,w,k,g,t} + short_{s,w,k,g} = d_{s,w,k,g}`;
- ``type_beds``: :math:`\sum_{k,g} x_{s,w,k,g,t}
  \le u \, (B_{w,t} + \sum_{c \in t} cap_c \, active_{c,w})`;
- ``child_beds``: :math:`\sum_{k} x_{s,w,k,child,t}
  \le u \, (B^{child}_{w,t} + \sum_{c \in t,\ child} cap_c \, active_{c,w})`;
- ``spread``: :math:`below_{p,w} \ge key_p P_w - P_{p,w}`, :math:`below \ge 0`, with
  :math:`P_{p,w} = E_{w,p} + \sum_{c \in p} cap_c \, active_{c,w}` and :math:`P_w = \sum_p P_{p,w}`,

with ``O`` opening_cost, ``n`` cost_per_night, ``m`` min_weeks, ``a`` the
``shortage`` weight, ``h`` ``held``, ``b`` ``spread``, ``u`` ``usable``
(``[plan]``), :math:`T(k)` the types track k may use and :math:`H(k)` those
it may be held at (:func:`placement.plan.problem.held_types`). The sums over
x in ``type_beds`` and ``child_beds`` run over both. The notation is
:mod:`placement.plan.problem`'s; the same model in Pyomo, readable like
these lines, is :func:`placement.plan.pyomo_model.build_plan_model`, and
``tests/plan/test_model.py`` proves the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from placement.model.matrix import ModelMatrix
from placement.plan.problem import PlanProblem

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class PlanIndex:
    """Where each variable of the plan model sits among the columns.

    ``open_c``/``open_w``: the candidate and week of each ``open`` column;
    ``pair_k``/``pair_t``: the (track, type) pairs a track may use, the
    ``x`` columns ordered by (s, w, g, pair); ``held_k``/``held_t`` the
    pairs it may be held at, the ``held`` columns (``x`` of those pairs)
    ordered the same way; ``short`` by (s, w, k, g); ``active`` by (c, w);
    ``below`` by (p, w).
    """

    open_c: IntArray
    open_w: IntArray
    pair_k: IntArray
    pair_t: IntArray
    held_k: IntArray
    held_t: IntArray
    blocks: dict[str, slice]

    def pairs(self, block: str) -> tuple[IntArray, IntArray]:
        """The (track, type) pairs of the ``x`` or ``held`` block."""
        return (self.pair_k, self.pair_t) if block == "x" else (self.held_k, self.held_t)


def plan_index(problem: PlanProblem) -> PlanIndex:
    """The columns of the plan model."""
    W, S = problem.weeks, problem.futures
    first = problem.candidates["first_week"].to_numpy(dtype=np.int64)
    n_open = np.maximum(0, W - first)
    open_c = np.repeat(np.arange(len(first)), n_open)
    open_w = np.concatenate([np.arange(f, W) for f in first]) if len(first) else np.zeros(0)
    pair_k, pair_t = _pairs(problem, problem.allowed)
    held_k, held_t = _pairs(problem, problem.held)
    sizes = {
        "open": len(open_c),
        "active": len(first) * W,
        "x": S * W * 2 * len(pair_k),
        "held": S * W * 2 * len(held_k),
        "short": S * W * len(problem.tracks) * 2,
        "below": len(problem.provinces) * W,
    }
    blocks, at = {}, 0
    for name, size in sizes.items():
        blocks[name] = slice(at, at + size)
        at += size
    return PlanIndex(open_c, open_w.astype(np.int64), pair_k, pair_t, held_k, held_t, blocks)


def _pairs(problem: PlanProblem, types: dict[str, tuple[str, ...]]) -> tuple[IntArray, IntArray]:
    """(track, type) index pairs: each track with each of its ``types``."""
    pairs = [
        (k, problem.types.index(t))
        for k, track in enumerate(problem.tracks)
        for t in types.get(track, ())
    ]
    return (
        np.array([p[0] for p in pairs], dtype=np.int64),
        np.array([p[1] for p in pairs], dtype=np.int64),
    )


def build_plan_matrix(problem: PlanProblem) -> tuple[ModelMatrix, PlanIndex]:
    """The plan model as arrays (rows in the order of the module docstring)."""
    ix = plan_index(problem)
    b = ix.blocks
    S, W, K = problem.futures, problem.weeks, len(problem.tracks)
    T, P, C = len(problem.types), len(problem.provinces), len(problem.candidates)
    cand = problem.candidates
    cap = cand["capacity"].to_numpy(dtype=float)
    ctype = cand["type_index"].to_numpy(dtype=np.int64)
    cchild = cand["child_suitable"].to_numpy(dtype=bool)
    cprov = cand["province"].to_numpy(dtype=np.int64)
    u = problem.weights.usable
    n_cols = b["below"].stop

    cost = np.zeros(n_cols)
    cost[b["open"]] = problem.candidate_cost(ix.open_c, ix.open_w)
    cost[b["short"]] = 7.0 / max(S, 1) * problem.weights.shortage
    cost[b["held"]] = 7.0 / max(S, 1) * problem.weights.held
    cost[b["below"]] = 7.0 * problem.weights.spread
    lower = np.zeros(n_cols)
    upper = np.full(n_cols, np.inf)
    upper[b["open"]] = 1.0
    upper[b["active"]] = 1.0
    integer = np.zeros(n_cols, dtype=bool)
    integer[b["open"]] = True

    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    row_lower: list[np.ndarray] = []
    row_upper: list[np.ndarray] = []
    at = 0

    def add(r: np.ndarray, c: np.ndarray, v: np.ndarray | float) -> None:
        rows.append(np.asarray(r, dtype=np.int64) + at)
        cols.append(np.asarray(c, dtype=np.int64))
        vals.append(np.broadcast_to(np.asarray(v, dtype=float), np.shape(r)).copy())

    def close(lo: np.ndarray, hi: np.ndarray) -> None:
        nonlocal at
        row_lower.append(np.asarray(lo, dtype=float))
        row_upper.append(np.asarray(hi, dtype=float))
        at += len(row_lower[-1])

    # open_once[c]
    add(ix.open_c, b["open"].start + np.arange(len(ix.open_c)), 1.0)
    close(np.full(C, -np.inf), np.ones(C))

    # active_sum[c, w]: active[c,w] - active[c,w-1] - open[c,w] = 0
    cw = np.arange(C * W)
    add(cw, b["active"].start + cw, 1.0)
    later = cw[cw % W > 0]
    add(later, b["active"].start + later - 1, -1.0)
    add(ix.open_c * W + ix.open_w, b["open"].start + np.arange(len(ix.open_c)), -1.0)
    close(np.zeros(C * W), np.zeros(C * W))

    # x and held columns by (s, w, g, pair): (column, s*W + w, g, track, type) of each
    placing = []
    for block in ("x", "held"):
        pk, pt = ix.pairs(block)
        n = max(len(pk), 1)
        col = np.arange(b[block].stop - b[block].start)
        pair = col % n
        placing.append((b[block].start + col, col // (n * 2), (col // n) % 2, pk[pair], pt[pair]))

    # demand_met[s, w, k, g]
    for col, sw, g, k, _t in placing:
        add((sw * K + k) * 2 + g, col, 1.0)
    n_short = S * W * K * 2
    add(np.arange(n_short), b["short"].start + np.arange(n_short), 1.0)
    d = problem.demand.reshape(-1)
    close(d, d)

    # type_beds[s, w, t] and child_beds[s, w, t]
    w_of_sw = np.tile(np.arange(W), S)
    for _rows, only_child, beds, fits in (
        ("type_beds", False, problem.beds, np.ones(C, dtype=bool)),
        ("child_beds", True, problem.beds_child, cchild),
    ):
        for col, sw, g, _k, t in placing:
            mine = g == 1 if only_child else slice(None)
            add(sw[mine] * T + t[mine], col[mine], 1.0)
        c_in = np.flatnonzero(fits & (ctype >= 0))
        s_w = np.arange(S * W)
        rr = (s_w[:, None] * T + ctype[c_in][None, :]).reshape(-1)
        ww = np.broadcast_to(w_of_sw[:, None], (S * W, len(c_in))).reshape(-1)
        cc = np.broadcast_to(c_in[None, :], (S * W, len(c_in))).reshape(-1)
        add(rr, b["active"].start + cc * W + ww, -u * cap[cc])
        hi = u * np.tile(beds, (S, 1)).reshape(-1)
        close(np.full(S * W * T, -np.inf), hi)

    # spread[p, w]: below - key_p sum_c cap active + sum_{c in p} cap active >= key_p E_w - E_pw
    pw = np.arange(P * W)
    add(pw, b["below"].start + pw, 1.0)
    p_of, w_of = pw // W, pw % W
    coef = cap[None, :] * ((cprov[None, :] == p_of[:, None]) - problem.key[p_of][:, None])
    nz = np.nonzero(coef)
    add(pw[nz[0]], b["active"].start + nz[1] * W + w_of[nz[0]], coef[nz])
    total = problem.beds_province.sum(axis=1)
    lo = problem.key[p_of] * total[w_of] - problem.beds_province[w_of, p_of]
    close(lo, np.full(P * W, np.inf))

    mm = ModelMatrix(
        cost=cost,
        offset=0.0,
        col_lower=lower,
        col_upper=upper,
        integer=integer,
        row_lower=np.concatenate(row_lower),
        row_upper=np.concatenate(row_upper),
        rows=np.concatenate(rows),
        cols=np.concatenate(cols),
        values=np.concatenate(vals),
        blocks=b,
        unplaceable=np.zeros(0, dtype=np.int64),
    )
    return mm, ix
