"""Links made by hand: the planner's greedy way, filling a link up, and pricing any link.

:func:`objective_of` prices a link (households per class and gemeente) with
the model's own arithmetic; the solver compares its candidates with it.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from placement.link.problem import LinkProblem

IntArray = npt.NDArray[np.int64]


def objective_of(problem: LinkProblem, counts: IntArray) -> float:
    """The model's objective of the link ``counts`` (class x gemeente)."""
    classes = problem.classes
    unlinked = classes["count"].to_numpy() - counts.sum(axis=1)
    total = problem.constant + float(np.sum(problem.pair_cost * counts))
    total += float(unlinked @ classes["unlinked_cost"].to_numpy(float))
    return total + problem.weights.family_split * _splits(problem, counts)


def _splits(problem: LinkProblem, counts: IntArray) -> int:
    """Extra gemeenten the decided family groups are spread over."""
    codes = problem.family_codes
    if len(codes.member_k) == 0:
        return 0
    rows, j = np.nonzero(counts[codes.member_k])
    group = np.concatenate([codes.member_g[rows], codes.fixed_g])
    site = np.concatenate([j, codes.fixed_site])
    distinct = np.unique(group * codes.sites + site) // codes.sites
    spread = np.bincount(distinct, minlength=len(codes.groups))
    return int(np.maximum(spread - 1, 0).sum())


def greedy_counts(problem: LinkProblem) -> IntArray:
    """The planner's way: longest waiting first, to the nearest gemeente with room.

    A household whose family group already has a gemeente with room goes
    there (the nearest of those). Ties: larger households first, then input
    order; gemeenten in quota row order.
    """
    return fill(problem, np.zeros(problem.allowed.shape, dtype=np.int64))


def fill(problem: LinkProblem, counts: IntArray) -> IntArray:
    """``counts`` with the households it leaves unlinked linked the greedy way, where they fit."""
    classes = problem.classes
    counts = counts.copy()
    quota = problem.gemeenten["quota"].to_numpy(np.int64)
    size = classes["size"].to_numpy(np.int64)
    room = quota - size @ counts
    left = classes["count"].to_numpy() - counts.sum(axis=1)
    order = np.lexsort((np.arange(len(classes)), -size, -classes["weeks"].to_numpy()))
    units = np.repeat(order, left[order])
    if len(units) == 0:
        return counts
    group_of = dict(zip(problem.families["k"], problem.families["group"], strict=True))
    held: dict[str, set[int]] = {}
    for g, j in zip(problem.family_fixed["group"], problem.family_fixed["j"], strict=True):
        if j >= 0:
            held.setdefault(g, set()).add(int(j))
    for k, g in group_of.items():
        held.setdefault(g, set()).update(np.flatnonzero(counts[k]).tolist())
    km = problem.class_km
    for k in units:
        fits = np.flatnonzero(room >= size[k])
        if fits.size == 0:
            continue
        g = group_of.get(int(k))
        family = [j for j in held.get(g, ()) if room[j] >= size[k]] if g is not None else []
        options = np.array(sorted(family)) if family else fits
        j = int(options[np.argmin(km[k, options])])
        counts[k, j] += 1
        room[j] -= size[k]
        if g is not None:
            held.setdefault(g, set()).add(j)
    return counts
