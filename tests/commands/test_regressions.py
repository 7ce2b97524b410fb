"""Failures the command property tests found, each kept as a named case.

Fixed ones must stay fixed; open ones are ``xfail(strict=True)``, so the day
they are fixed the mark has to go.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from tests.commands.harness import Run, expect_exit, kpis, refused
from tests.commands.scenarios import (
    DIALECTS,
    LOCATION_FIELDS,
    Case,
    write_candidates,
    write_case,
    write_table,
)

DAY = dt.date(2026, 11, 23)


def _location(lid: str, **more: object) -> dict[str, object]:
    return {"location_id": lid, "name": f"azc {lid}", "gemeente_code": "GM0014",
            "type": "regulier", "capacity": 10, **more}  # fmt: skip


def _person(pid: str, hid: str, current: str | None = None) -> dict[str, object]:
    return {"person_id": pid, "household_id": hid, "age": 30, "track": "regulier",
            "current_location_id": current}  # fmt: skip


def pinned_case(closing: dt.date | None, simulation: dict) -> Case:
    """h1 arrives and is pinned to L1 (open tonight); h2 lives at L2."""
    return Case(
        planning_date=DAY,
        locations=[_location("L1", open_until=closing), _location("L2")],
        persons=[_person("p1", "h1"), _person("p2", "h2", "L2")],
        overrides=[
            {"household_id": "h1", "location_id": "L1", "action": "pin", "reason": "planner"},
            {"household_id": "h2", "location_id": "L1", "action": "forbid", "reason": "planner"},
        ],
        simulation=simulation,
        candidates=[
            {
                "candidate_id": "K1",
                "name": "k",
                "gemeente_code": "GM0014",
                "type": "regulier",
                "capacity": 20,
            }
        ],  # fmt: skip
    )


def test_simulate_survives_a_pinned_household_that_leaves(tmp_path: Path) -> None:
    """Found by test_simulate_two_weeks: a household pinned in overrides.csv left reception in
    week 1, and the week's placement crashed on the stale pin (IndexError in
    model/prepare.py _pin_problem; exit 70). Fixed in placement/simulate/week.py: a week's
    placement gets the overrides of the households still in reception."""
    case = pinned_case(None, {"inflow": {"persons_per_week": 2}, "leave": {"weeks": 1},
                              "tracks.regulier": {"weeks": 1, "next": {"leave": 1.0}}})  # fmt: skip
    folder = write_case(case, tmp_path / "scenario")
    with Run("simulate") as run:
        result = run.invoke(folder, "--out", tmp_path / "out", "--weeks", 4, "--no-history")
        expect_exit(result, [0], "simulate")
        assert kpis(tmp_path / "out")["errors"] == []


def test_whatif_names_the_add_locations_file_in_its_problems(tmp_path: Path) -> None:
    """Found by test_whatif_any_change: a problem in the --add-locations file (a type of the
    other landscape, an id taken) was reported as 'locations.csv, line 2'. Fixed in
    placement/input/read.py: read_locations names its own file."""
    case = pinned_case(None, {"inflow": {"persons_per_week": 2}})
    folder = write_case(case, tmp_path / "scenario")
    added = tmp_path / "new_locations.csv"
    rows = [_location("NEW1", type="gemeentelijk"), _location("L2")]
    write_table(added, LOCATION_FIELDS, rows, DIALECTS["plain"])
    out = tmp_path / "out"
    with Run("whatif") as run:
        result = run.invoke(folder, "--out", out, "--add-locations", added, "--landscape", "2020",
                            "--no-history")  # fmt: skip
        expect_exit(result, [1], "whatif")
        refused(result, out)
        problems = [line for line in result.stderr.splitlines() if "line" in line]
        assert problems and all(str(added) in line for line in problems), result.stderr


def test_whatif_xlsx_of_a_scenario_without_persons(tmp_path: Path) -> None:
    """Found while fuzzing the empty reception (persons.csv with only its header): whatif
    --xlsx crashed writing an empty sheet (AttributeError '.str accessor' in
    output/export.py column_widths; exit 70). Fixed in placement/output/export.py."""
    case = Case(planning_date=DAY, locations=[_location("L1"), _location("L2", type="aanmeld")])
    folder = write_case(case, tmp_path / "scenario")
    out = tmp_path / "out"
    with Run("whatif") as run:
        result = run.invoke(folder, "--out", out, "--close", "L2", "--xlsx", "--no-history")
        expect_exit(result, [0], "whatif --xlsx")
        assert (out / "whatif.xlsx").is_file()


CLOSES_IN_6_DAYS = DAY + dt.timedelta(days=6)


def test_simulate_accepts_a_pin_to_a_location_that_closes_later() -> None:
    """Found by test_plan_tiny (soak): validate and place accept the scenario; simulate
    --weeks 2 refused it with exit 1 in week 1, when L1 had closed (the pin applied again in
    every simulated week). Fixed in placement/simulate/week.py: a pin lapses once its location
    is no longer open (week_overrides)."""
    case = pinned_case(CLOSES_IN_6_DAYS, {"inflow": {"persons_per_week": 2}})
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_case(case, Path(tmp) / "scenario")
        with Run("place") as run:
            expect_exit(run.invoke(folder, "--out", Path(tmp) / "placed", "--no-history"), [0])
        with Run("simulate") as run:
            result = run.invoke(folder, "--out", Path(tmp) / "out", "--weeks", 2, "--no-history")
            expect_exit(result, [0], "simulate")


def test_plan_evaluate_accepts_a_pin_to_a_location_that_closes_later() -> None:
    """Found by test_plan_tiny (soak): plan without --evaluate gave 0, with --evaluate 1
    exit 1 (the pin refused in an evaluated week after L1 closed). Fixed as above."""
    case = pinned_case(CLOSES_IN_6_DAYS, {"inflow": {"persons_per_week": 2}})
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = write_case(case, root / "scenario")
        candidates = write_candidates(case, root / "candidates.csv")
        with Run("plan") as run:
            result = run.invoke(folder, "--candidates", candidates, "--out", root / "out",
                                "--weeks", 4, "--futures", 2, "--evaluate", 1,
                                "--no-history")  # fmt: skip
            expect_exit(result, [0], "plan --evaluate 1")
