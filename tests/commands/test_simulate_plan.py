"""``placement simulate`` and ``placement plan``, tiny, on whole drawn scenario folders.

simulate (2 weeks, in-process): exit 0 on a valid scenario, a row per week,
no replication error; with ``--keep-weeks`` a kept week's scenario,
placed again by ``placement place``, gives that week's placements. plan (4
weeks, 2 futures, sometimes ``--evaluate 1``): exit 0, a row per
candidate, objective = its terms above the bound, and the scenario it
writes validates.
"""

from __future__ import annotations

import datetime  # noqa: F401  (the repr of a Case, pasted into @example, names it)
from typing import Any

from hypothesis import event, given
from hypothesis import strategies as st

from tests.commands.harness import (
    Run,
    expect_exit,
    kpis,
    objective_is_sum_of_terms,
    read_out,
    refused,
)
from tests.commands.profiles import fuzz
from tests.commands.scenarios import (
    Case,
    case_written,
    cases,
    write_candidates,
)

WEEKS = 2


def simulate_case(case: Case, seed: int, keep: bool) -> None:
    with case_written(case) as (root, folder):
        out = root / "out"
        more = ["--keep-weeks"] if keep else []
        with Run("simulate") as run:
            result = run.invoke(folder, "--out", out, "--weeks", WEEKS, "--seed", seed,
                                "--no-history", *more)  # fmt: skip
            expect_exit(result, [0] if case.valid else [0, 1], "simulate")
            if result.exit_code != 0:
                refused(result, out)
                return
            k = kpis(out)
            if case.valid:
                assert k["errors"] == [], k["errors"]
                assert k["heuristic_faults"] == 0, "a shortcut of a weekly solve failed"
                weeks = read_out(out / "weeks.csv")
                assert len(weeks) == WEEKS, len(weeks)
        if keep and case.valid and result.exit_code == 0:
            kept = out / "baseline" / "rep-0" / f"week-{WEEKS - 1}"
            with Run("place") as run:
                again = root / "again"
                result = run.invoke(kept / "scenario", "--out", again, "--no-history")
                expect_exit(result, [0], "place on a kept week")
                mine = read_out(again / "placements.csv")
                theirs = read_out(kept / "result" / "placements.csv")
                columns = ["person_id", "household_id", "from_location_id", "to_location_id",
                           "status"]  # fmt: skip
                assert mine[columns].equals(theirs[columns]), "a kept week placed differently"


@fuzz(ci=4, soak=300)
@given(
    case=cases(big=False, max_households=30, simulation=80, overrides=25),
    seed=st.integers(0, 9),
    keep=st.booleans(),
)
def test_simulate_two_weeks(case: Case, seed: int, keep: bool) -> None:
    """simulate --weeks 2: exit 0 on a valid scenario, and kept weeks place the same again."""
    simulate_case(case, seed, keep)


def plan_case(case: Case, seed: int, evaluate: int, html: bool) -> None:
    event(f"plan evaluate={evaluate}")
    assert case.candidates is not None
    with case_written(case) as (root, folder):
        candidates = write_candidates(case, root / "candidates.csv")
        out = root / "out"
        more: list[Any] = ["--evaluate", evaluate] if evaluate else []
        more += ["--html"] if html else []
        with Run("plan") as run:
            result = run.invoke(folder, "--candidates", candidates, "--out", out, "--weeks", 4,
                                "--futures", 2, "--seed", seed, "--no-history", *more)  # fmt: skip
            expect_exit(result, [0] if case.valid else [0, 1], "plan")
            if result.exit_code != 0:
                refused(result, out)
                return
            k = objective_is_sum_of_terms(out)
            if k.get("bound") is not None:
                assert k["bound"] <= k["objective"] + 1e-6 * max(1.0, abs(k["objective"]))
            plan = read_out(out / "plan.csv")
            assert plan["candidate_id"].tolist() == [c["candidate_id"] for c in case.candidates]
            assert k["opened"] == int((plan["open"] == "true").sum())
            assert (plan["reason"] != "").all()
            planned = read_out(out / "scenario" / "locations.csv")
            opened = plan.loc[plan["open"] == "true", "candidate_id"].tolist()
            expected = [x["location_id"] for x in case.locations] + opened
            assert planned["location_id"].tolist() == expected
            if evaluate:
                assert (out / "evaluation.csv").is_file()
        if case.valid and result.exit_code == 0:
            with Run("validate") as run:
                result = run.invoke(out / "scenario")
                expect_exit(result, [0], "validate of the planned scenario")


@fuzz(ci=3, soak=300)
@given(
    case=cases(big=False, max_households=30, candidates=True, simulation=80, overrides=20),
    seed=st.integers(0, 9),
    evaluate=st.sampled_from([0, 0, 1]),
    html=st.booleans(),
)
def test_plan_tiny(case: Case, seed: int, evaluate: int, html: bool) -> None:
    """plan --weeks 4 --futures 2: exit 0, a reasoned row per candidate, a valid scenario."""
    plan_case(case, seed, evaluate, html)
