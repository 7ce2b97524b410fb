r"""The bound for the full model when the master's LP is not close enough: a proof MIP.

Let ``z`` be the master's priced LP (with its cuts) and ``rc`` the reduced
costs of every column under its duals. By LP duality a link of the full
model costs at least ``z + sum_c rc_c x_c`` over the columns with
``rc_c >= 0`` (plus ``|rc_c| (u_c - x_c)`` where ``rc_c < 0``). So a link
that beats the incumbent ``U`` by more than the tolerance ``t`` (a share of
the asked gap times ``max(1, |U|)``) uses only

- pairs with ``rc <= U - t - z`` (a family member's pair at a gemeente its
  group does not hold counts ``max(rc, 0)``, see :mod:`placement.link.pricing`),
- and leaves no household unlinked of a class whose ``unlinked`` column has
  ``rc > U - z``: such classes are linked in every link that matters, so their
  waiting weeks no longer do, and classes alike in size and location merge.

The proof model is the link model on those pairs and merged classes, with
the households of one person (outside decided family groups) continuous:
once the others are whole their part is a transportation problem with
whole-number data, whose optimal vertices are whole. Its MIP bound ``B``
holds for every link better than ``U - t``, so ``max(z, min(B, U - t))``
bounds the full model; its solution, made whole and split back over the
merged classes, is a link of the full model.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
import pandas as pd

from placement.input.settings import SolverSettings
from placement.link.heuristics import objective_of
from placement.link.master import HEURISTIC_EFFORT, Families
from placement.link.model import build_link_matrix, family_arrays
from placement.link.problem import LinkProblem
from placement.model.matrix import ModelMatrix
from placement.solve.engine import TOLERANCE, reach
from placement.solve.highs import whole
from placement.solve.master import Master as RestrictedMaster

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: Share of the asked gap the proof leaves between the incumbent and the bound: a
#: little below 1, so the gap reported is within the asked one with room to spare.
PROOF_SHARE = 0.75
#: A proof model with more pairs than this is not tried (it would not end in time).
MAX_PAIRS = 120_000
#: HiGHS options of the proof MIP beyond the link engine's. It starts from the
#: incumbent and mostly needs its root's cuts; presolve took longer than it saved
#: (national backlog of 3,388 persons: the MIP 1.0 to 0.5 s, the same bound and
#: link; demo: 0.43 to 0.19 s, the same objective and bound).
PROOF_OPTIONS = {"mip_heuristic_effort": HEURISTIC_EFFORT, "presolve": "off"}


@dataclass(frozen=True)
class Proof:
    """What the proof MIP found: a bound for the full model and, maybe, a better link."""

    bound: float
    counts: IntArray | None
    pairs: int
    classes: int
    seconds: float


def prove(
    problem: LinkProblem,
    families: Families,
    rc: FloatArray,
    pi: FloatArray,
    z: float,
    incumbent: IntArray,
    params: SolverSettings,
    deadline: float,
) -> Proof | None:
    """Bound the full model by the proof MIP around ``incumbent``; None when out of reach.

    None when there is no time left, or when so many pairs could still beat
    the incumbent that the MIP would not end in time.

    ``rc`` are the reduced costs of every pair and ``pi`` the duals of the
    classes' ``linked_once`` rows, both of the priced LP whose value is ``z``.
    """
    started = time.perf_counter()
    if started >= deadline:
        return None
    upper = objective_of(problem, incumbent)
    slack = reach(upper, z, params.mip_gap, PROOF_SHARE)
    tolerance = upper - z - slack
    lifted = np.where(families.site_pair, np.maximum(rc, 0.0), rc)
    use = families.complete(problem.allowed & ((lifted <= slack + TOLERANCE) | (incumbent > 0)))
    classes = problem.classes
    rc_unlinked = classes["unlinked_cost"].to_numpy() - pi
    linked = rc_unlinked > upper - z + TOLERANCE  # so the incumbent leaves none of them unlinked
    group = _merge(classes, linked)
    merged = _merged_problem(problem, group)
    n_groups = len(merged.classes)
    merged_use = np.zeros((n_groups, use.shape[1]), dtype=bool)
    np.logical_or.at(merged_use, group, use)
    pairs = merged.pairs(merged_use)
    if len(pairs) > MAX_PAIRS:
        return None  # the incumbent is too far from the bound to prove anything in time
    mm = _proof_matrix(merged, pairs, group, linked)
    start = np.zeros((n_groups, use.shape[1]), dtype=np.int64)
    np.add.at(start, group, incumbent)
    model = RestrictedMaster(mm, params, **PROOF_OPTIONS)
    # a link within the gap of z needs no proof: stop at the first one
    found = model.solve_mip(
        deadline - time.perf_counter(),
        link_vector(merged, pairs, start),
        target=z + params.mip_gap * max(1.0, abs(z)),
        renew=False,
    )
    bound = found.bound
    counts = None
    if found.values is not None:
        values = _whole_vertex(model, mm, found.values, deadline)
        if values is not None:
            merged_counts = np.zeros((n_groups, use.shape[1]), dtype=np.int64)
            merged_counts[pairs["k"].to_numpy(), pairs["j"].to_numpy()] = whole(
                values[mm.blocks["assign"]]
            )
            counts = _split(merged_counts, group, classes["count"].to_numpy())
    return Proof(
        bound=max(z, min(bound, upper - tolerance)),
        counts=counts,
        pairs=len(pairs),
        classes=n_groups,
        seconds=time.perf_counter() - started,
    )


def _merge(classes: pd.DataFrame, linked: BoolArray) -> IntArray:
    """The merged class of each class: alike in size and location when linked anyway."""
    alone = np.where(linked & ~classes["family"].to_numpy(), -1, np.arange(len(classes)))
    key = pd.DataFrame({"size": classes["size"], "point": classes["point"], "alone": alone})
    return np.asarray(key.groupby(list(key.columns), sort=False).ngroup().to_numpy(np.int64))


def _merged_problem(problem: LinkProblem, group: IntArray) -> LinkProblem:
    """The problem with classes merged as ``group`` says (a merged class: its first's data)."""
    classes = problem.classes
    first = pd.Series(np.arange(len(classes))).groupby(group).first().to_numpy()
    merged = classes.iloc[first].reset_index(drop=True)
    merged["count"] = np.bincount(group, weights=classes["count"].to_numpy()).astype(np.int64)
    families = problem.families.assign(k=group[problem.families["k"].to_numpy()])
    return replace(problem, classes=merged, families=families)


def _proof_matrix(
    merged: LinkProblem, pairs: pd.DataFrame, group: IntArray, linked: BoolArray
) -> ModelMatrix:
    """The link model of ``merged`` on ``pairs``: merged classes linked, singles continuous."""
    mm = build_link_matrix(merged, pairs)
    all_linked = np.ones(len(merged.classes), dtype=bool)
    np.logical_and.at(all_linked, group, linked)
    u, x = mm.blocks["unassigned"], mm.blocks["assign"]
    col_upper = mm.col_upper.copy()
    col_upper[u] = np.where(all_linked, 0.0, col_upper[u])
    single = (merged.classes["size"].to_numpy() == 1) & ~merged.classes["family"].to_numpy()
    integer = mm.integer.copy()
    integer[x] = ~single[pairs["k"].to_numpy()]
    integer[u] = ~single
    return replace(mm, col_upper=col_upper, integer=integer)


def link_vector(problem: LinkProblem, pairs: pd.DataFrame, counts: IntArray) -> FloatArray:
    """The column vector of :func:`~placement.link.model.build_link_matrix` for a link."""
    family = family_arrays(problem, pairs)
    x = counts[pairs["k"].to_numpy(), pairs["j"].to_numpy()].astype(float)
    u = (problem.classes["count"].to_numpy() - counts.sum(axis=1)).astype(float)
    y = np.zeros(len(family.site_j))
    np.maximum.at(y, family.member_site, np.minimum(x[family.member_pair], 1.0))
    used = np.bincount(family.site_group, weights=y, minlength=len(family.groups))
    s = np.maximum(0.0, used + family.fixed - 1.0)
    return np.concatenate([x, u, y, s])


def _whole_vertex(
    model: RestrictedMaster, mm: ModelMatrix, values: FloatArray, deadline: float
) -> FloatArray | None:
    """The MIP's solution with its continuous part moved to a vertex, where it is whole.

    None if that leaves a part of a household (numerically).
    """
    if np.all(np.abs(values[mm.integer] - np.rint(values[mm.integer])) <= 1e-6) and np.all(
        np.abs(values - np.rint(values))[mm.blocks["assign"]] <= 1e-6
    ):
        return values
    moved = model.vertex(values, deadline - time.perf_counter())
    if moved is None:
        return None
    link = moved[mm.blocks["assign"]]
    return moved if np.all(np.abs(link - np.rint(link)) <= 1e-6) else None


def _split(merged_counts: IntArray, group: IntArray, count: IntArray) -> IntArray:
    """Links of merged classes shared out over their classes, in class order."""
    counts = np.zeros((len(group), merged_counts.shape[1]), dtype=np.int64)
    members = pd.Series(np.arange(len(group))).groupby(group).agg(list)
    for g, ks in members.items():
        row = merged_counts[int(g)]
        if len(ks) == 1:
            counts[ks[0]] = row
            continue
        left = count[ks].astype(np.int64).copy()
        for j in np.flatnonzero(row):
            need = int(row[j])
            for i, k in enumerate(ks):
                take = min(need, int(left[i]))
                if take:
                    counts[k, j] += take
                    left[i] -= take
                    need -= take
                if need == 0:
                    break
    return counts
