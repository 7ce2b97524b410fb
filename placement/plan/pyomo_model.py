r"""The plan model in Pyomo: the math of :mod:`placement.plan.model`, readable rule by rule.

The arrays of :func:`placement.plan.model.build_plan_matrix` are what HiGHS
is given (a Pyomo rule per element would take minutes at national scale);
this is the same model, column for column in meaning, for reading and for
the tests (``tests/plan/test_model.py`` solves both and compares).
"""

from __future__ import annotations

from typing import Any

import pyomo.environ as pyo

from placement.plan.problem import PlanProblem


def build_plan_model(problem: PlanProblem) -> pyo.ConcreteModel:
    """The plan model for ``problem`` (no solver, no I/O)."""
    m = pyo.ConcreteModel(name="plan")
    add_sets(m, problem)
    add_variables(m)
    add_opening_constraints(m)
    add_demand_constraints(m, problem)
    add_bed_constraints(m, problem)
    add_spread_constraints(m, problem)
    add_objective(m, problem)
    return m


def add_sets(m: pyo.ConcreteModel, p: PlanProblem) -> None:
    """Futures, weeks, tracks, groups, types, provinces, candidates, when they may open, pairs.

    ``ALLOWED``: (track, type) where the track may be placed; ``HELD``:
    where it may be held (:func:`placement.plan.problem.held_types`).
    """
    cand = p.candidates
    m.FUTURES = pyo.Set(initialize=range(p.futures))
    m.WEEKS = pyo.Set(initialize=range(p.weeks))
    m.TRACKS = pyo.Set(initialize=range(len(p.tracks)))
    m.GROUPS = pyo.Set(initialize=range(2))
    m.TYPES = pyo.Set(initialize=range(len(p.types)))
    m.PROVINCES = pyo.Set(initialize=range(len(p.provinces)))
    m.CANDIDATES = pyo.Set(initialize=range(len(cand)))
    m.OPENINGS = pyo.Set(
        dimen=2,
        initialize=[(c, w) for c in range(len(cand)) for w in range(int(cand["first_week"][c]),
                                                                     p.weeks)],
    )  # fmt: skip
    m.ALLOWED = pyo.Set(
        dimen=2,
        initialize=[(k, p.types.index(t)) for k, track in enumerate(p.tracks)
                    for t in p.allowed.get(track, ())],
    )  # fmt: skip
    m.HELD = pyo.Set(
        dimen=2,
        initialize=[(k, p.types.index(t)) for k, track in enumerate(p.tracks)
                    for t in p.held.get(track, ())],
    )  # fmt: skip
    m.PAIRS = m.ALLOWED | m.HELD  # where a track's persons may sleep: allowed, or held
    m.X = pyo.Set(dimen=5, initialize=[(s, w, k, g, t) for s in range(p.futures)
                                       for w in range(p.weeks) for (k, t) in m.PAIRS
                                       for g in range(2)])  # fmt: skip


def add_variables(m: pyo.ConcreteModel) -> None:
    """``open`` (binary), ``active`` (``active_site``: Pyomo keeps ``active``), x, short, below."""
    m.open = pyo.Var(m.OPENINGS, domain=pyo.Binary)
    m.active_site = pyo.Var(m.CANDIDATES, m.WEEKS, bounds=(0, 1))
    m.x = pyo.Var(m.X, domain=pyo.NonNegativeReals)
    m.short = pyo.Var(m.FUTURES, m.WEEKS, m.TRACKS, m.GROUPS, domain=pyo.NonNegativeReals)
    m.below = pyo.Var(m.PROVINCES, m.WEEKS, domain=pyo.NonNegativeReals)


def add_opening_constraints(m: pyo.ConcreteModel) -> None:
    r"""A candidate opens at most once and is active from then on.

    .. math::
        \sum_w open_{c,w} \le 1, \quad active_{c,w} = \sum_{w' \le w} open_{c,w'}
    """

    @m.Constraint(m.CANDIDATES)
    def open_once(m: pyo.ConcreteModel, c: int) -> Any:
        return sum(m.open[c, w] for (c2, w) in m.OPENINGS if c2 == c) <= 1

    @m.Constraint(m.CANDIDATES, m.WEEKS)
    def active_sum(m: pyo.ConcreteModel, c: int, w: int) -> Any:
        opened = sum(m.open[c, v] for (c2, v) in m.OPENINGS if c2 == c and v <= w)
        return m.active_site[c, w] == opened


def add_demand_constraints(m: pyo.ConcreteModel, p: PlanProblem) -> None:
    r"""Everyone in reception has a bed of a type their track may use or be held at, or is short.

    .. math:: \sum_{t \in T(k) \cup H(k)} x_{s,w,k,g,t} + short_{s,w,k,g} = d_{s,w,k,g}
    """

    @m.Constraint(m.FUTURES, m.WEEKS, m.TRACKS, m.GROUPS)
    def demand_met(m: pyo.ConcreteModel, s: int, w: int, k: int, g: int) -> Any:
        placed = sum(m.x[s, w, k, g, t] for (k2, t) in m.PAIRS if k2 == k)
        return placed + m.short[s, w, k, g] == float(p.demand[s, w, k, g])


def add_bed_constraints(m: pyo.ConcreteModel, p: PlanProblem) -> None:
    r"""Persons of each type fit in the usable share of its beds; children in child beds.

    .. math::
        \sum_{k,g} x_{s,w,k,g,t} \le u (B_{w,t} + \sum_{c \in t} cap_c \, active_{c,w})

        \sum_{k} x_{s,w,k,child,t} \le u (B^{child}_{w,t}
            + \sum_{c \in t,\ child} cap_c \, active_{c,w})
    """
    cand = p.candidates
    u = p.weights.usable

    def beds(w: int, t: int, child: bool) -> pyo.Expression:
        existing = p.beds_child[w, t] if child else p.beds[w, t]
        added = sum(
            int(cand["capacity"][c]) * m.active_site[c, w]
            for c in m.CANDIDATES
            if cand["type_index"][c] == t and (cand["child_suitable"][c] or not child)
        )
        return u * (float(existing) + added)

    @m.Constraint(m.FUTURES, m.WEEKS, m.TYPES)
    def type_beds(m: pyo.ConcreteModel, s: int, w: int, t: int) -> Any:
        placed = sum(m.x[s, w, k, g, t] for (k, t2) in m.PAIRS if t2 == t for g in m.GROUPS)
        return placed <= beds(w, t, False)

    @m.Constraint(m.FUTURES, m.WEEKS, m.TYPES)
    def child_beds(m: pyo.ConcreteModel, s: int, w: int, t: int) -> Any:
        placed = sum(m.x[s, w, k, 1, t] for (k, t2) in m.PAIRS if t2 == t)
        return placed <= beds(w, t, True)


def add_spread_constraints(m: pyo.ConcreteModel, p: PlanProblem) -> None:
    r"""Places a province lacks against its Spreidingswet share.

    .. math:: below_{p,w} \ge key_p P_w - P_{p,w}
    """
    cand = p.candidates

    def places(w: int, prov: int | None) -> pyo.Expression:
        existing = p.beds_province[w].sum() if prov is None else p.beds_province[w, prov]
        added = sum(
            int(cand["capacity"][c]) * m.active_site[c, w]
            for c in m.CANDIDATES
            if prov is None or cand["province"][c] == prov
        )
        return float(existing) + added

    @m.Constraint(m.PROVINCES, m.WEEKS)
    def spread(m: pyo.ConcreteModel, prov: int, w: int) -> Any:
        return m.below[prov, w] >= float(p.key[prov]) * places(w, None) - places(w, prov)


def add_objective(m: pyo.ConcreteModel, p: PlanProblem) -> None:
    r"""Candidates' cost, expected shortage, expected holding and spread below the key.

    .. math::
        \sum_{c,w} open_{c,w} (O_c + 7 cap_c n_c \max(m_c, W - w))
        + \frac{7}{S} a \sum short + \frac{7}{S} h \sum_{t \in H(k)} x + 7 b \sum below
    """
    import numpy as np

    cost = {
        (c, w): float(p.candidate_cost(np.array([c]), np.array([w]))[0]) for (c, w) in m.OPENINGS
    }
    a, h, b = p.weights.shortage, p.weights.held, p.weights.spread
    held = [m.x[s, w, k, g, t] for (s, w, k, g, t) in m.X if (k, t) in m.HELD]
    m.objective = pyo.Objective(
        expr=sum(cost[o] * m.open[o] for o in m.OPENINGS)
        + 7.0 / p.futures * a * pyo.quicksum(m.short.values())
        + 7.0 / p.futures * h * pyo.quicksum(held)
        + 7.0 * b * pyo.quicksum(m.below.values()),
        sense=pyo.minimize,
    )
