"""Solve the link model: HiGHS on a few gemeenten per class, with a bound for the full model.

Every household could be linked to every gemeente with a quota that fits
it, but each is best linked to one of a handful near it. The solve:

1. **prices** the LP relaxation (:mod:`placement.link.pricing`): the master
   (:mod:`placement.link.master`) starts from each class's nearest
   gemeenten and the greedy links; every omitted pair's reduced cost is
   computed at once and pairs below zero join, until none is left. The
   master's LP is then the full model's, a lower bound ``z`` on every link.
   MIR cuts of the quota rows (valid for every link) raise it, priced again;
2. **rounds** it: the LP's links rounded down and filled up the greedy way,
   a MIP on the classes the LP splits (the rest kept), and, when the quotas
   are short, a dive; each a link of the full model;
3. **proves**: when the best link ``U`` is not yet within the gap of ``z``,
   a MIP on every pair and class that could still beat it by more than the
   gap (:mod:`placement.link.proof`) gives a bound for the full model, and
   maybe a better link.

The greedy links are always at hand (everyone unlinked is a link too), so
there is always a solution: when time runs out the best one is returned
with status ``time_limit`` and the best bound proven so far.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from placement.input.settings import SolverSettings
from placement.link.heuristics import fill, greedy_counts, objective_of
from placement.link.master import Families, Master
from placement.link.pricing import FIRST, Pricer, first_candidates
from placement.link.problem import LinkProblem
from placement.link.proof import prove
from placement.solve.engine import Round, price
from placement.solve.highs import gap, within_gap
from placement.vocab import Status

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: Share of the time limit pricing may use before rounding must start.
PRICING_SHARE = 0.5
#: Rounds of MIR cuts at most.
CUT_ROUNDS = 5


@dataclass
class LinkLog:
    """What the solve did, for the KPIs and the benchmark."""

    pairs: int = 0  # allowed pairs of the full model
    candidates_first: int = 0
    candidates_priced: int = 0
    candidates_final: int = 0
    lp_rounds: int = 0
    cut_rounds: int = 0
    cuts: int = 0
    lp_bound: float | None = None  # the priced LP before cuts
    cut_bound: float | None = None  # the priced LP with its cuts
    lp_seconds: float = 0.0
    greedy_objective: float | None = None
    start_objective: float | None = None
    heuristic_objective: float | None = None
    heuristics: list[tuple[str, float]] = field(default_factory=list)
    proof_pairs: int = 0
    proof_classes: int = 0
    proof_seconds: float = 0.0
    mip_runs: int = 0
    mip_seconds: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class LinkSolution:
    """A link of every class, its cost in the model, and a bound valid for the full model.

    ``counts`` is dense: households of class k linked to gemeente j; the
    rest of each class is unlinked.
    """

    status: Status
    objective: float
    bound: float | None
    seconds: float
    termination: str
    counts: IntArray = field(repr=False)
    log: LinkLog = field(default_factory=LinkLog, repr=False)

    @property
    def mip_gap(self) -> float | None:
        """``(objective - bound) / max(1, |objective|)``."""
        return gap(self.objective, self.bound)


@dataclass
class _Priced:
    """The last LP that pricing finished: its value (a bound), reduced costs, class duals."""

    z: float
    rc: FloatArray
    pi: FloatArray


def solve_link(
    problem: LinkProblem, params: SolverSettings | None = None, *, first: int = FIRST
) -> LinkSolution:
    """Solve the link model to ``params.mip_gap`` with a bound valid for the full model.

    ``first`` is how many of each class's nearest gemeenten start in the
    master; any number gives the same optimum (``tests/link/test_solve.py``).
    """
    params = params or problem.settings.solver
    started = time.perf_counter()
    deadline = started + params.time_limit
    log = LinkLog(pairs=int(problem.allowed.sum()))
    greedy = greedy_counts(problem)
    greedy_objective = log.greedy_objective = objective_of(problem, greedy)
    if log.pairs == 0:  # nothing can be linked: everyone waits, and that is optimal
        return LinkSolution(
            Status.OPTIMAL, greedy_objective, greedy_objective, 0.0, "nothing to link", greedy, log
        )
    free = unbound(problem)
    if free is not None:  # the quotas do not bind: each class's cheapest choice is optimal
        counts, value = free
        return LinkSolution(
            Status.OPTIMAL, value, value, time.perf_counter() - started, "optimal", counts, log
        )
    families = Families(problem)
    pricer = Pricer(problem, families)
    candidates = families.complete(first_candidates(problem, first) | (greedy > 0))
    master = Master(problem, families, candidates, params)
    log.candidates_first = int(master.in_model.sum())

    # 1. price the LP relaxation, then cut it and price again
    priced, bound = _price(
        master, pricer, deadline, started + PRICING_SHARE * params.time_limit, log
    )
    log.lp_seconds = time.perf_counter() - started
    log.candidates_priced = int(master.in_model.sum())

    # 2. round the LP
    best, best_objective = greedy, greedy_objective

    def keep_better(counts: IntArray | None) -> None:
        nonlocal best, best_objective
        if counts is not None:
            objective = objective_of(problem, counts)
            if objective < best_objective:
                best, best_objective = counts, objective

    def good() -> bool:
        return within_gap(best_objective, bound, params.mip_gap)

    rounded = fill(problem, master.floor_counts()) if master.x is not None else greedy
    keep_better(rounded)
    log.start_objective = best_objective
    master.add(families.complete((greedy > 0) | (rounded > 0)))

    if master.x is not None and not good():
        # With quotas to spare every household is linked in the LP, and rounding
        # is a matter of a few distances, which a MIP on the classes the LP
        # splits and their neighbours gets right. With quotas short the dive
        # keeps the longest waiters (a MIP finds little there).
        short = master.lp_unlinked() > 0.5
        target = None if priced is None else priced.z + params.mip_gap * max(1.0, abs(priced.z))
        neighbourhoods = [master.fractional(neighbours=n) for n in (False, True)]
        for step in ("split", "dive" if short else "neighbours"):
            if good():
                break
            t0 = time.perf_counter()
            if step == "dive":
                keep_better(master.dive(deadline))
            else:
                fixed = ~neighbourhoods[step == "neighbours"]
                found = _branch(master, rounded, deadline, log, fixed, target)
                keep_better(None if found is None else found[0])
            log.heuristics.append((step, round(time.perf_counter() - t0, 3)))
    log.heuristic_objective = best_objective

    # 3. prove: a MIP on what could still beat the best link by more than the gap
    if priced is not None and not good():
        proof = prove(problem, families, priced.rc, priced.pi, priced.z, best, params, deadline)
        if proof is not None:
            log.proof_pairs, log.proof_classes = proof.pairs, proof.classes
            log.proof_seconds = proof.seconds
            keep_better(proof.counts)
            bound = proof.bound if bound is None else max(bound, proof.bound)
    log.candidates_final = int(master.in_model.sum())
    within = within_gap(best_objective, bound, params.mip_gap)
    return LinkSolution(
        status=Status.OPTIMAL if within else Status.TIME_LIMIT,
        objective=best_objective,
        bound=bound,
        seconds=time.perf_counter() - started,
        termination="optimal" if within else "time limit",
        counts=best,
        log=log,
    )


def unbound(problem: LinkProblem) -> tuple[IntArray, float] | None:
    """The optimum when the quotas do not bind, with its value; ``None`` when they do.

    Without the quota rows (and the family-split term, which is never
    negative) the model falls apart per class: every household of class k
    takes its cheapest choice, a gemeente that fits it or none. That is a
    lower bound on the model; when its link also keeps within every quota
    and splits no family group further, it is a link of the model at that
    bound, so it is the optimum and no LP or MIP is needed.
    """
    cost = np.where(problem.allowed, problem.pair_cost, np.inf)
    best = np.argmin(cost, axis=1)
    k = np.arange(len(best))
    classes = problem.classes
    linked = cost[k, best] < classes["unlinked_cost"].to_numpy(float)
    counts = np.zeros(problem.allowed.shape, dtype=np.int64)
    counts[k[linked], best[linked]] = classes["count"].to_numpy(np.int64)[linked]
    size = classes["size"].to_numpy(np.int64)
    if np.any(size @ counts > problem.gemeenten["quota"].to_numpy(np.int64)):
        return None
    unlinked = classes["count"].to_numpy() - counts.sum(axis=1)
    bound = problem.constant + float(
        np.sum(cost[k[linked], best[linked]] * counts[k[linked], best[linked]])
    )
    bound += float(unlinked @ classes["unlinked_cost"].to_numpy(float))
    value = objective_of(problem, counts)
    return (counts, value) if value <= bound + 1e-9 * max(1.0, abs(bound)) else None


class _LinkPricing:
    """Link's part of pricing (:class:`placement.solve.engine.Pricer`).

    Reduced costs over classes × gemeenten from the master's duals (its MIR
    cuts' included); a priced LP is refined by MIR cuts of the quota rows
    (:meth:`Master.add_cuts`), at most :data:`CUT_ROUNDS` times, not when
    the quotas are short (the waiting weeks decide, and the gap is wide
    enough), and only while pricing has time.
    """

    def __init__(
        self, master: Master, pricer: Pricer, deadline: float, pricing_until: float, log: LinkLog
    ) -> None:
        self.master, self.pricer, self.log = master, pricer, log
        self.deadline, self.pricing_until = deadline, pricing_until

    def solve_lp(self) -> bool:
        return self.master.solve_lp(self.deadline)

    def round(self) -> Round:
        master, pricer = self.master, self.pricer
        rc = pricer.reduced_costs(master)
        lagrangian = master.objective + pricer.lagrangian(rc, master.in_model)
        pi, _, _ = master.duals()
        return Round(master.objective, rc, lagrangian, pi.copy())

    def improving(self, r: Round) -> BoolArray | None:
        new = self.pricer.improving(r.rc, self.master, self.master.in_model)
        return new if new.any() else None

    def add(self, new: BoolArray) -> None:
        self.master.add(self.master.families.complete(new))

    def refine(self, r: Round) -> int:
        log, master = self.log, self.master
        if log.lp_bound is None:
            log.lp_bound = r.value
        if log.cut_rounds >= CUT_ROUNDS or self.out_of_time() or master.lp_unlinked() > 0.5:
            return 0
        added = master.add_cuts()
        if added:
            log.cut_rounds += 1
            log.cuts += added
        return added

    def out_of_time(self) -> bool:
        return time.perf_counter() > self.pricing_until


def _price(
    master: Master, pricer: Pricer, deadline: float, pricing_until: float, log: LinkLog
) -> tuple[_Priced | None, float | None]:
    """Price the master's LP to the full model's, cut it, price again, while time allows.

    Returns the last LP pricing finished (None if none did) and the best
    bound: that LP's value, or else the best Lagrangian bound of a round
    (the LP's value plus every omitted pair's negative rc x N_k: valid with
    the omitted rows' duals at 0, whatever the round).
    """
    found = price(_LinkPricing(master, pricer, deadline, pricing_until, log))
    log.lp_rounds += found.rounds
    last = found.last
    priced = None if last is None else _Priced(last.value, last.rc, last.duals)
    log.cut_bound = None if last is None else last.value
    return priced, (found.bound if found.rounds else None)


def _branch(
    master: Master,
    start: IntArray,
    deadline: float,
    log: LinkLog,
    fixed: BoolArray | None = None,
    target: float | None = None,
) -> tuple[IntArray, float, bool] | None:
    """The MIP on the master's pairs from ``start``: (counts, its bound, optimal), or None.

    Classes in ``fixed`` keep their links of ``start``; HiGHS stops once it
    has a link costing ``target`` or less. The result is never worse than ``start``.
    """
    if time.perf_counter() >= deadline:
        return None
    t0 = time.perf_counter()
    found = master.solve_mip(start, deadline, fixed, target)
    log.mip_runs += 1
    log.mip_seconds.append(round(time.perf_counter() - t0, 3))
    problem = master.problem
    if found is not None and objective_of(problem, found[0]) > objective_of(problem, start):
        found = (start, found[1], found[2])  # HiGHS did not keep the start: keep it here
    return found
