"""``placement link`` and ``placement taakstelling`` on drawn inputs.

link: the right exit; ``tests/link_oracle.py`` recomputes every term and
KPI from ``links.csv`` (households whole, every gemeente within its quota),
the objective is the independent optimum within the reported gap on small
cases, and the scenario copy it writes validates. taakstelling: the quotas
add up to N by the largest-remainder rule, or a bad populations file is
refused with exit 1 and nothing written.
"""

from __future__ import annotations

import csv
import datetime  # noqa: F401  (the repr of a Case, pasted into @example, names it)
import math
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import event, given
from hypothesis import strategies as st

from tests import link_oracle as lo
from tests.commands.harness import Run, expect_exit, kpis, refused, within_gap
from tests.commands.profiles import fuzz
from tests.commands.scenarios import (
    CODES,
    DIALECTS,
    GEMEENTEN,
    Case,
    case_written,
    cases,
    write_plain,
    write_table,
)

#: Up to this many assignments the optimum is found by enumeration, else by CBC.
ENUMERATION = 20_000
CBC_HOUSEHOLDS = 80


def link_optimum(plain: Path) -> float | None:
    scn = lo.load(plain)
    count = math.prod(len(lo.options(scn, h)) for h in scn.to_link)
    if count <= ENUMERATION:
        return lo.brute_force(scn)[0]
    if len(scn.to_link) <= CBC_HOUSEHOLDS:
        return lo.solve_cbc(scn)[0]
    return None


def link_case(case: Case, limit: float | None, flags: tuple[str, ...] = ()) -> None:
    with case_written(case) as (root, folder):
        plain = write_plain(case, root / "plain")
        out = root / "out"
        with Run("link") as run:
            more = [*(["--time-limit", limit] if limit else []), *flags]
            result = run.invoke(folder, "--out", out, "--no-history", *more)
            if not case.valid:  # link does not place: a broken pin may pass unseen
                expect_exit(result, [0, 1], "link")
            else:
                expect_exit(result, [0, 3] if limit else [0], "link")
            if result.exit_code != 0:
                refused(result, out)
                return
            lo.check_outputs(plain, out)
            best = link_optimum(plain)
            if best is not None:
                within_gap(kpis(out), best, "link")
        if case.valid:
            with Run("validate") as run:
                result = run.invoke(out / "scenario")
                expect_exit(result, [0], "validate of the scenario link wrote")


FLAGS = ("--xlsx", "--geojson", "--map", "--html")


@fuzz(ci=12, soak=1500)
@given(
    case=cases(taakstelling=True, link_bias=40, max_households=200, simulation=20),
    limit=st.sampled_from([None, None, None, 2]),
    flags=st.one_of(
        st.just(()),
        st.just(()),
        st.just(()),
        st.just(()),
        st.just(()),
        st.lists(st.sampled_from(FLAGS), min_size=1, max_size=2, unique=True).map(tuple),
    ),  # fmt: skip
)
def test_link_any_scenario(case: Case, limit: float | None, flags: tuple[str, ...]) -> None:
    """link: exit 0 on a valid scenario; the links pass the oracle, within quota and gap."""
    link_case(case, limit, flags)


# --------------------------------------------------------------------------
# taakstelling
# --------------------------------------------------------------------------


def largest_remainders(n: int, populations: list[tuple[str, int]]) -> dict[str, int]:
    """SPEC's rule, written out: floor shares, then one more by remainder (ties by code)."""
    total = sum(pop for _, pop in populations)
    quota = {code: n * pop // total for code, pop in populations}
    order = sorted(populations, key=lambda cp: (-(n * cp[1] % total), cp[0]))
    for code, _ in order[: n - sum(quota.values())]:
        quota[code] += 1
    return quota


@st.composite
def population_files(draw: Any) -> tuple[list[dict[str, Any]] | None, str, str]:
    """A populations file (or None: the built-in table), its dialect, and what is broken."""
    if draw(st.integers(0, 99)) < 40:
        return None, "plain", ""
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=8, unique=True))
    rows: list[dict[str, Any]] = [
        {
            "gemeente_code": c,
            "name": GEMEENTEN[c]["name"],
            "population": draw(st.integers(0, 10**6)),
        }
        for c in codes
    ]
    broken = draw(st.sampled_from(["", "", "", "", "negative", "empty", "repeated", "text"]))
    if broken == "negative":
        rows[0]["population"] = -5
    elif broken == "empty":
        rows[-1]["population"] = None
    elif broken == "repeated":
        rows.append(dict(rows[0]))
    elif broken == "text":
        rows[0]["population"] = "veel"
    return rows, draw(st.sampled_from(list(DIALECTS))), broken


def builtin_populations() -> list[tuple[str, int]]:
    return [(c, int(row["population"])) for c, row in GEMEENTEN.items() if row["population"]]


@fuzz(ci=10, soak=1000)
@given(n=st.integers(0, 30_000), file=population_files())
def test_taakstelling_splits_by_largest_remainders(
    n: int, file: tuple[list[dict[str, Any]] | None, str, str]
) -> None:
    """taakstelling: quotas add up to N by the rule, or exit 1 and no file."""
    rows, dialect, broken = file
    event(f"taakstelling file={'builtin' if rows is None else dialect} broken={broken or 'no'}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        out = root / "taakstelling.csv"
        more: list[Any] = []
        if rows is not None:
            source = root / "populations.csv"
            write_table(source, ("gemeente_code", "name", "population"), rows, DIALECTS[dialect])
            more = ["--gemeenten", source]
        with Run("taakstelling") as run:
            result = run.invoke("--persons", n, "--out", out, *more)
            populations = (
                builtin_populations()
                if rows is None
                else [(r["gemeente_code"], r["population"]) for r in rows]
            )
            if broken:
                expect_exit(result, [1], f"taakstelling with a {broken} population")
                refused(result, out)
                return
            if n and not sum(pop for _, pop in populations):
                expect_exit(result, [1], "taakstelling over no population")
                refused(result, out)
                return
            expect_exit(result, [0], "taakstelling")
            with open(out, encoding="utf-8", newline="") as handle:
                got = {r["gemeente_code"]: int(r["quota"]) for r in csv.DictReader(handle)}
            assert sum(got.values()) == n
            assert list(got) == [c for c, _ in populations]
            if n:
                assert got == largest_remainders(n, populations)
