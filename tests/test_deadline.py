"""A time limit for the whole run: the solver's share, and what is cut when time runs short.

No wall-clock thresholds here (they belong in the benchmark): each test sets
the deadline itself and checks what a run makes of it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import highspy
import pandas as pd
import pytest

import placement.solve.pricing as pricing
from placement.api import REASONS_LEFT_OUT, run, solver_budget
from placement.cli.place import fitting_formats
from placement.deadline import (
    SOLVER_MARGIN,
    SOLVER_SLACK,
    Deadline,
    reasons_seconds,
    write_up_seconds,
)
from placement.input.settings import SolverSettings
from placement.model.prepare import prepare
from placement.output.folder import write_outcome
from placement.results.explanations import EXPLANATION_COLUMNS
from tests.factories import random_scenario


def test_the_solver_gets_what_is_left_less_the_reasons():
    """60 s left, the reasons' time kept back and a little slack: the solver gets the
    rest; never more than its own limit, never less than 5 % of it."""
    data = prepare(random_scenario(1, "weekly"))
    n = len(data.households)
    params = SolverSettings(time_limit=100)
    budget = solver_budget(params, Deadline.after(60), data, reasons=True)
    slack = 1 - SOLVER_SLACK
    expected = (60 - reasons_seconds(n)) * slack - SOLVER_MARGIN
    assert budget.time_limit == pytest.approx(expected, abs=0.05)
    assert solver_budget(params, Deadline.after(60), data, reasons=False).time_limit == (
        pytest.approx(60 * slack - SOLVER_MARGIN, abs=0.05)
    )
    assert solver_budget(params, Deadline.after(500), data, reasons=True).time_limit == 100
    assert solver_budget(params, Deadline.after(-3), data, reasons=True).time_limit == 5.0
    assert budget.mip_gap == params.mip_gap


def test_write_up_estimates_grow_with_households_and_exports():
    assert write_up_seconds(0) > 0
    assert write_up_seconds(10_000) < write_up_seconds(20_000)
    assert write_up_seconds(10_000) < write_up_seconds(10_000, ["xlsx", "html"])


def test_a_run_past_its_deadline_writes_every_file_in_reduced_form(tmp_path: Path):
    """No time left after the solve: the same placement, reasons that say they were not
    worked out, explanations.csv with who went where and the limits, shortages whole."""
    scenario = random_scenario(4, "rebalance")
    full = run(scenario)
    short = run(scenario, deadline=Deadline(time.perf_counter() - 1.0))
    columns = [c for c in full.placements.columns if c != "reason"]
    pd.testing.assert_frame_equal(full.placements[columns], short.placements[columns])
    assert (short.placements["reason"] == REASONS_LEFT_OUT).all()
    assert "reasons" in short.kpis["reduced"] and full.kpis["reduced"] == ""
    write_outcome(short, tmp_path / "out", scenario=scenario)
    written = pd.read_csv(tmp_path / "out" / "explanations.csv", dtype=str,
                          keep_default_na=False)  # fmt: skip
    wanted = full.explanations(scenario).astype(str)
    assert list(written.columns) == EXPLANATION_COLUMNS
    same = ["household_id", "status", "from_location_id", "to_location_id", "limit", "track"]
    for column in same:
        assert written[column].tolist() == wanted[column].replace("<NA>", "").tolist(), column
    assert (written["rules"] == REASONS_LEFT_OUT).all()
    assert (written["next_best_location_id"] == "").all() and (written["delta_total"] == "").all()
    pd.testing.assert_frame_equal(short.shortages(), full.shortages())
    kpis = json.loads((tmp_path / "out" / "kpis.json").read_text())
    assert kpis["reduced"] == short.kpis["reduced"]


def test_exports_that_do_not_fit_are_named_with_the_command_that_writes_them():
    """From the last asked backwards, until the rest fits; nothing is dropped silently."""
    kpis: dict[str, object] = {"reduced": ""}
    out = Path("OUT")
    households = 1000
    kept = fitting_formats(kpis, ["xlsx", "html"], Deadline.after(3600), households, out)
    assert kept == ["xlsx", "html"] and kpis["reduced"] == ""
    room = write_up_seconds(households, ["xlsx"]) + 0.5 * (
        write_up_seconds(households, ["xlsx", "html"]) - write_up_seconds(households, ["xlsx"])
    )
    kept = fitting_formats(kpis, ["xlsx", "html"], Deadline.after(room), households, out)
    assert kept == ["xlsx"]
    assert kpis["reduced"] == "the exports html (write them: placement export OUT --format html)"
    kpis = {"reduced": "the reasons"}
    assert fitting_formats(kpis, ["png", "gpkg"], Deadline.after(-1), households, out) == []
    assert kpis["reduced"] == (
        "the reasons; the exports png, gpkg (write them: placement export OUT --format png,gpkg)"
    )


def test_a_mip_cut_short_with_nothing_better_keeps_its_start(monkeypatch):
    """When the branch-and-bound ends without a placement, the start (a placement of the
    full model) is returned with status time_limit, never an error."""
    data = prepare(random_scenario(2, "rebalance"))
    from placement.model.matrix import build_matrix
    from placement.solve.heuristics import current_start, is_feasible

    mm = build_matrix(data)
    start = current_start(data, mm)
    assert start is not None and is_feasible(mm, start)
    monkeypatch.setattr(pricing, "_try_mip", lambda model, data: None)
    monkeypatch.setattr(pricing, "_branch_on", lambda *a: None)
    monkeypatch.setattr(pricing, "_better_start", lambda data, mm, start, lp: start)
    monkeypatch.setattr(pricing, "improve", lambda data, mm, values, **_: values)
    result = pricing.solve_priced(data, mm, SolverSettings(time_limit=30), start, planned=False)
    assert result.status == "time_limit"
    assert result.objective == pytest.approx(float(mm.cost @ start + mm.offset))
    assert result.bound is not None and result.bound < 0.5 * result.objective  # far from it
    assert result.assign.sum() + result.unplaced.sum() == data.classes["count"].sum()


def test_pricing_cut_short_runs_no_branch_and_bound_on_the_whole_candidate_set(monkeypatch):
    """Without the LP's optimum nothing can be proven in the time left; the best
    placement at hand is returned (HiGHS's root heuristics on a large candidate set can
    run minutes past the limit), with a true bound."""
    from placement.model.matrix import build_matrix
    from placement.solve.heuristics import current_start
    from placement.solve.highs import solve_matrix
    from tests.solve.test_pricing import wide_scenario

    data = prepare(wide_scenario(3, "rebalance"))  # most pairs start omitted

    mm = build_matrix(data)
    optimum = solve_matrix(mm, len(data.classes), SolverSettings(mip_gap=0.0), None).objective
    monkeypatch.setattr(pricing, "CHEAPEST", 1)
    real_run, rounds = pricing._Restricted.run, []

    def one_round(self, share=1.0):
        if share < 1.0 and rounds:  # the second LP round: time is up
            self.status = highspy.HighsModelStatus.kTimeLimit
            return False
        rounds.append(share)
        return real_run(self, share)

    monkeypatch.setattr(pricing._Restricted, "run", one_round)

    def no_mip(*args):
        raise AssertionError("the whole candidate set went to branch-and-bound")

    monkeypatch.setattr(pricing, "_mip_or_start", no_mip)
    log = pricing.PricingLog()
    result = pricing.solve_priced(data, mm, SolverSettings(), current_start(data, mm), log)
    assert log.lp_rounds == 1 and log.lp_bound is None
    assert result.status == "time_limit"
    assert optimum is not None and result.bound is not None
    assert result.bound <= optimum + 1e-6 <= result.objective + 2e-6


def _place(folder: Path, out: Path, limit: float | None = None) -> tuple[float, dict]:
    """``placement place`` in this process: its wall seconds and kpis.json."""
    from typer.testing import CliRunner

    from placement.cli import app

    args = ["place", str(folder), "--out", str(out), "--no-history", "--force"]
    if limit is not None:
        args += ["--time-limit", f"{limit:.3f}"]
    started = time.perf_counter()
    result = CliRunner().invoke(app, args)
    seconds = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    return seconds, json.loads((out / "kpis.json").read_text())


@pytest.mark.parametrize("seed", [3, 4])
def test_a_run_optimal_in_t_seconds_is_optimal_with_a_limit_of_1_25_t(tmp_path: Path, seed):
    """Nothing is cut that would have fitted: no solver margin, no padded write-up eats it.

    T is the slower of two runs without a limit, taken right before the run
    with ``--time-limit 1.25 T``; on a busy machine one run can be slowed
    by others, so a miss is measured once more before it counts.
    """
    from typer.testing import CliRunner

    from placement.cli import app

    folder = tmp_path / "instance"
    args = ["generate", str(folder), "--persons", "6000", "--arrivals", "300", "--locations", "60"]
    assert CliRunner().invoke(app, [*args, "--seed", str(seed)]).exit_code == 0
    misses = []
    for attempt in range(2):
        t = max(_place(folder, tmp_path / f"free-{attempt}-{i}")[0] for i in range(2))
        _, free = _place(folder, tmp_path / "free")
        assert free["status"] == "optimal"
        seconds, kpis = _place(folder, tmp_path / f"limited-{attempt}", 1.25 * t)
        if kpis["status"] == "optimal" and not kpis.get("reduced"):
            assert kpis["objective"] == pytest.approx(free["objective"], rel=1e-4)
            return
        misses.append((t, seconds, kpis["status"], kpis.get("reduced")))
    pytest.fail(f"cut short with --time-limit 1.25 T twice: {misses}")
