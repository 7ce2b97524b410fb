"""The priced solve: the grown model is the model, pricing is exact, any start gives the optimum."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from placement.input.settings import SolverSettings
from placement.link.heuristics import greedy_counts, objective_of
from placement.link.master import Families, Master
from placement.link.model import build_link_matrix, family_arrays, quota_gemeenten
from placement.link.pricing import Pricer, first_candidates
from placement.link.solve import solve_link
from tests.link.scenarios import random_problem

SIZES = {"households": 16, "gemeenten": 5, "locations": 4, "others": 6}
EXACT = SolverSettings(time_limit=30, mip_gap=0.0)


def _canonical_matrix(problem, pairs):
    """build_link_matrix on ``pairs`` as {column key: (cost, lo, hi, int)}, rows, entries."""
    mm = build_link_matrix(problem, pairs)
    family = family_arrays(problem, pairs)
    cols = (
        [("link", k, j) for k, j in zip(pairs["k"], pairs["j"], strict=True)]
        + [("unlinked", k) for k in problem.classes.index]
        + [
            ("uses", family.groups[g], j)
            for g, j in zip(family.site_group, family.site_j, strict=True)
        ]
        + [("split", g) for g in family.groups]
    )
    member = list(
        zip(
            pairs["k"].to_numpy()[family.member_pair],
            pairs["j"].to_numpy()[family.member_pair],
            strict=True,
        )
    )
    rows = (
        [("once", k) for k in problem.classes.index]
        + [("quota", j) for j in quota_gemeenten(pairs)]
        + [("uses", k, j) for k, j in member]
        + [("split", g) for g in family.groups]
    )
    return _canonical(cols, rows, mm.cost, mm.col_lower, mm.col_upper, mm.integer,
                      mm.row_lower, mm.row_upper, mm.rows, mm.cols, mm.values)  # fmt: skip


def _canonical(cols, rows, cost, lo, hi, integer, rlo, rhi, r, c, v):
    columns = {key: (cost[i], lo[i], hi[i], bool(integer[i])) for i, key in enumerate(cols)}
    bounds = {key: (rlo[i], rhi[i]) for i, key in enumerate(rows)}
    entries = {(rows[a], cols[b]): val for a, b, val in zip(r, c, v, strict=True)}
    return columns, bounds, entries


def _canonical_master(master: Master, problem):
    """The HiGHS model the master holds, keyed as :func:`_canonical_matrix`."""
    lp = master.h.getLp()
    n_cols, n_rows = lp.num_col_, lp.num_row_
    cols: list = [None] * n_cols
    k, j = np.nonzero(master.in_model)
    for a, b in zip(k, j, strict=True):
        cols[master.pair_col[a, b]] = ("link", a, b)
    for a, col in enumerate(master.u_col):
        cols[col] = ("unlinked", a)
    groups = master.families.groups
    g, j = np.nonzero(master.site_col >= 0)
    for a, b in zip(g, j, strict=True):
        cols[master.site_col[a, b]] = ("uses", groups[a], b)
    for a, col in enumerate(master.s_col):
        cols[col] = ("split", groups[a])
    start, index, value = (
        np.asarray(x) for x in (lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_)
    )
    col_of = np.repeat(np.arange(n_cols), np.diff(start))
    rows: list = [None] * n_rows
    for a in range(len(master.u_col)):
        rows[a] = ("once", a)
    for b in np.flatnonzero(master.quota_row >= 0):
        rows[master.quota_row[b]] = ("quota", b)
    for a, row in enumerate(master.split_row):
        rows[row] = ("split", groups[a])
    for row, col, val in zip(index, col_of, value, strict=True):
        if rows[row] is None and val > 0:  # a family_uses row: named by its pair
            rows[row] = ("uses", cols[col][1], cols[col][2])
    return _canonical(cols, rows, np.asarray(lp.col_cost_), np.asarray(lp.col_lower_),
                      np.asarray(lp.col_upper_), master.integer, np.asarray(lp.row_lower_),
                      np.asarray(lp.row_upper_), index, col_of, value)  # fmt: skip


@pytest.mark.parametrize("seed", range(6))
def test_the_grown_model_is_the_model_on_its_pairs(tmp_path: Path, seed: int):
    """After pricing rounds, HiGHS holds exactly build_link_matrix on the master's pairs."""
    problem = random_problem(tmp_path / "s", seed, **SIZES)
    families = Families(problem)
    pricer = Pricer(problem, families)
    master = Master(problem, families, families.complete(first_candidates(problem, 1)), EXACT)
    deadline = time.perf_counter() + 30
    rounds = 0
    while master.solve_lp(deadline):
        rc = pricer.reduced_costs(master)
        new = pricer.improving(rc, master, master.in_model)
        if not new.any():
            break
        master.add(families.complete(new))
        rounds += 1
    master.add(families.complete(greedy_counts(problem) > 0))
    pairs = problem.pairs(master.in_model)
    assert _canonical_master(master, problem) == _canonical_matrix(problem, pairs)


@pytest.mark.parametrize("seed", range(6))
def test_reduced_costs_are_highs_own_for_the_pairs_in_the_model(tmp_path: Path, seed: int):
    """c - pi - n mu equals HiGHS's column dual wherever no family row is involved."""
    problem = random_problem(tmp_path / "s", seed, **SIZES)
    families = Families(problem)
    master = Master(problem, families, families.complete(first_candidates(problem, 2)), EXACT)
    assert master.solve_lp(time.perf_counter() + 30)
    rc = Pricer(problem, families).reduced_costs(master)
    col_dual = np.asarray(master.h.getSolution().col_dual)
    k, j = np.nonzero(master.in_model & ~families.site_pair)
    assert rc[k, j] == pytest.approx(col_dual[master.pair_col[k, j]], abs=1e-7)


@pytest.mark.parametrize("seed", range(6))
def test_any_first_candidate_set_gives_the_same_optimum(tmp_path: Path, seed: int):
    """Starting from 1, 3 or every gemeente per class, the optimum and its proof agree."""
    problem = random_problem(tmp_path / "s", seed, **SIZES)
    solutions = [solve_link(problem, EXACT, first=first) for first in (1, 3, 10)]
    assert {s.status for s in solutions} == {"optimal"}
    objectives = [s.objective for s in solutions]
    assert objectives == pytest.approx([objectives[-1]] * 3, abs=1e-6)
    for s in solutions:
        assert s.bound is not None and s.bound <= s.objective + 1e-6
        assert objective_of(problem, s.counts) == pytest.approx(s.objective)


@pytest.mark.parametrize("seed", range(4))
def test_objective_of_prices_a_link_as_the_model_does(tmp_path: Path, seed: int):
    """The greedy link's objective by hand equals the full model's cost of its column vector."""
    problem = random_problem(tmp_path / "s", seed, **SIZES)
    counts = greedy_counts(problem)
    size = problem.classes["size"].to_numpy()
    assert (size @ counts <= problem.gemeenten["quota"].to_numpy()).all()
    assert (counts.sum(axis=1) <= problem.classes["count"].to_numpy()).all()
    families = Families(problem)
    master = Master(problem, families, problem.allowed.copy(), EXACT)
    vector = master.vector(counts)
    assert master.cost @ vector + master.offset == pytest.approx(objective_of(problem, counts))


@pytest.mark.parametrize("seed", range(4))
def test_the_dive_links_whole_households_within_the_quotas(tmp_path: Path, seed: int):
    """A dive from the priced LP gives a feasible link no better than the LP bound."""
    problem = random_problem(tmp_path / "s", seed, **SIZES)
    families = Families(problem)
    master = Master(problem, families, problem.allowed.copy(), EXACT)
    assert master.solve_lp(time.perf_counter() + 30)
    z = master.objective
    counts = master.dive(time.perf_counter() + 30)
    assert counts is not None
    size = problem.classes["size"].to_numpy()
    assert (size @ counts <= problem.gemeenten["quota"].to_numpy()).all()
    assert (counts.sum(axis=1) <= problem.classes["count"].to_numpy()).all()
    assert objective_of(problem, counts) >= z - 1e-6


def test_a_tiny_time_limit_still_gives_a_link_and_an_honest_status(tmp_path: Path):
    """Out of time, the best link found is returned; optimal only within the gap of the bound."""
    problem = random_problem(tmp_path / "s", 3, households=40, gemeenten=8, locations=5)
    s = solve_link(problem, SolverSettings(time_limit=0.001, mip_gap=0.0))
    assert objective_of(problem, s.counts) == pytest.approx(s.objective)
    if s.status == "optimal":
        assert s.bound is not None and s.objective - s.bound <= 1e-9 * max(1, abs(s.objective))
    else:
        assert s.status == "time_limit"
        assert s.bound is None or s.bound <= s.objective + 1e-6


@pytest.mark.parametrize("seed", range(30))
def test_mir_cuts_keep_every_whole_fill_of_a_quota(seed: int):
    """No whole-number fill of a quota row violates its MIR cut, for any divisor."""
    import itertools

    from placement.link.master import mir_coefficients

    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 7, rng.integers(1, 4))
    quota = int(rng.integers(1, 13))
    for d in range(2, 8):
        coef = mir_coefficients(sizes, np.full(len(sizes), quota), d)
        for x in itertools.product(*(range(quota // n + 1) for n in sizes)):
            if sizes @ np.array(x) <= quota:
                assert coef @ np.array(x) <= quota // d + 1e-9


@pytest.mark.parametrize("seed", range(6))
def test_the_proof_alone_finds_and_proves_the_optimum(tmp_path: Path, seed: int, monkeypatch):
    """With the rounding heuristics switched off, the proof MIP reaches the CBC optimum."""
    import placement.link.solve as solve
    from tests import link_oracle as oracle

    monkeypatch.setattr(solve, "_branch", lambda *args, **kwargs: None)
    monkeypatch.setattr(Master, "dive", lambda self, deadline: None)
    folder = tmp_path / "s"
    problem = random_problem(folder, 200 + seed, households=30, gemeenten=6, locations=4)
    s = solve_link(problem, EXACT)
    best, _ = oracle.solve_cbc(oracle.load(folder))
    assert s.status == "optimal"
    assert s.objective == pytest.approx(best, abs=1e-6)
    assert s.bound == pytest.approx(best, abs=1e-6)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("room", [1, 100])
def test_quotas_that_do_not_bind_give_the_optimum_without_a_solver(
    tmp_path: Path, seed: int, room: int, monkeypatch
):
    """With room to spare every class takes its cheapest choice, and that is the optimum the
    full solve proves; where the quotas bind, the shortcut declines."""
    from dataclasses import replace

    from placement.link import solve as link_solve

    problem = random_problem(tmp_path / "s", seed, **SIZES)
    gemeenten = problem.gemeenten.assign(quota=problem.gemeenten["quota"] * room)
    problem = replace(problem, gemeenten=gemeenten)
    free = link_solve.unbound(problem)
    quick = solve_link(problem, EXACT)
    monkeypatch.setattr(link_solve, "unbound", lambda problem: None)
    full = solve_link(problem, EXACT)
    assert quick.status == full.status == "optimal"
    assert quick.objective == pytest.approx(full.objective, abs=1e-6)
    if room == 100:
        assert free is not None or not problem.families.empty  # only a family can be split
    if free is not None:
        counts, value = free
        assert value == pytest.approx(full.objective, abs=1e-6)
        assert quick.bound == pytest.approx(value)
        size = problem.classes["size"].to_numpy()
        assert (size @ counts <= problem.gemeenten["quota"].to_numpy()).all()
