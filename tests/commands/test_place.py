"""``placement validate`` and ``placement place`` on whole drawn scenario folders.

A valid scenario validates, and ``place`` solves it (exit 0; 3 only under a
time limit); its files pass every check of ``tests/spec_oracle.py`` on a plain
copy of the same scenario, and on small cases the objective is CBC's optimum
within the reported gap. A scenario whose overrides are broken on purpose is
refused by both with exit 1, its problems listed and nothing written.
"""

from __future__ import annotations

import datetime  # noqa: F401  (the repr of a Case, pasted into @example, names it)
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests import spec_oracle as so
from tests.commands.harness import (
    Run,
    expect_exit,
    households_whole,
    objective_is_sum_of_terms,
    refused,
    within_gap,
)
from tests.commands.profiles import fuzz
from tests.commands.scenarios import Case, case_written, cases, write_plain

#: Up to this many households the optimum is checked against CBC.
ORACLE_HOUSEHOLDS = 60


def check_validate(case: Case, folder: Path) -> None:
    with Run("validate") as run:
        result = run.invoke(folder)
        if case.valid:
            expect_exit(result, [0], "validate")
        else:
            expect_exit(result, [1], f"validate of overrides broken by {case.broken}")
            refused(result, None)


def check_place(
    case: Case,
    folder: Path,
    plain: Path,
    out: Path,
    *more: str,
    limited: bool = False,
    mip_gap: float | None = None,
) -> None:
    """Run place on ``folder`` and judge it against the oracle on ``plain``."""
    with Run("place") as run:
        result = run.invoke(folder, "--out", out, "--no-history", *more)
        if not case.valid:
            expect_exit(result, [1], f"place with overrides broken by {case.broken}")
            refused(result, out)
            return
        expect_exit(result, [0, 3] if limited else [0], "place")
        if result.exit_code == 3:
            refused(result, out)
            return
        evaluation = so.evaluate_outputs(plain, out, mip_gap=mip_gap)
        assert evaluation.violations == [], evaluation.violations
        k = objective_is_sum_of_terms(out)
        households_whole(out)
        scn = so.load_plain_scenario(plain)
        if len(scn["households"]) <= ORACLE_HOUSEHOLDS:
            best, _ = so.solve_independently(scn)
            within_gap(k, best, "place")


def place_case(
    case: Case,
    mode: str | None,
    limit: float | None,
    mip_gap: float | None = None,
    extra: tuple[str, ...] = (),
) -> None:
    """validate, then place with the options given (``extra``: export flags, --lang)."""
    with case_written(case) as (root, folder):
        plain = write_plain(case, root / "plain", mode=mode)
        check_validate(case, folder)
        more = [*(["--mode", mode] if mode else []),
                *(["--time-limit", str(limit)] if limit else []),
                *(["--mip-gap", str(mip_gap)] if mip_gap is not None else []), *extra]  # fmt: skip
        check_place(case, folder, plain, root / "out", *more, limited=limit is not None,
                    mip_gap=mip_gap)  # fmt: skip
        if case.valid and "--html" in extra and (root / "out" / "kpis.json").exists():
            assert (root / "out" / "report.html").is_file() or "reduced" in (
                root / "out" / "kpis.json"
            ).read_text("utf-8")


EXPORT_FLAGS = ("--xlsx", "--geojson", "--gpkg", "--parquet", "--map", "--html")


@st.composite
def extras(draw: Any) -> tuple[str, ...]:
    """Now and then some export flags, and now and then --lang."""
    flags: list[str] = []
    if draw(st.integers(0, 99)) >= 85:
        flags += draw(st.lists(st.sampled_from(EXPORT_FLAGS), min_size=1, max_size=3, unique=True))
    lang = draw(st.sampled_from([None, None, None, "nl", "en"]))
    return (*flags, *(["--lang", lang] if lang else []))


@fuzz(ci=30, soak=2000)
@given(
    case=cases(),
    mode=st.sampled_from([None, None, "weekly", "rebalance"]),
    limit=st.sampled_from([None, None, None, 1, 2]),
    mip_gap=st.sampled_from([None, None, None, 0.0, 0.01]),
    extra=extras(),
)
def test_place_any_scenario(
    case: Case, mode: str | None, limit: float | None, mip_gap: float | None, extra: tuple
) -> None:
    """validate and place on any drawn scenario: the right exit, and the files pass the oracle."""
    place_case(case, mode, limit, mip_gap, extra)


@fuzz(ci=8, soak=500)
@given(
    case=cases(broken=100, overrides=100, big=False, simulation=20),
    mode=st.sampled_from([None, "rebalance"]),
)
def test_place_refuses_broken_overrides(case: Case, mode: str | None) -> None:
    """Overrides broken on purpose (or none at all): exit 1 with the problems, never a traceback."""
    place_case(case, mode, None)
