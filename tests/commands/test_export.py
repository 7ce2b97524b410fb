"""``placement export`` of a place result folder, in every format at once."""

from __future__ import annotations

import datetime  # noqa: F401  (the repr of a Case, pasted into @example, names it)

from hypothesis import given
from hypothesis import strategies as st

from tests.commands.harness import Run, expect_exit
from tests.commands.profiles import fuzz
from tests.commands.scenarios import Case, case_written, cases

FORMATS = "xlsx,geojson,gpkg,parquet,png,html"
FILES = ("results.xlsx", "locations.geojson", "moves.geojson", "map.gpkg", "placements.parquet",
         "locations.parquet", "map.png", "report.html")  # fmt: skip


def export_case(case: Case, with_scenario: bool, lang: str | None) -> None:
    with case_written(case) as (root, folder):
        out = root / "out"
        with Run("place") as run:
            result = run.invoke(folder, "--out", out, "--no-history")
            expect_exit(result, [0] if case.valid else [1], "place")
        if result.exit_code != 0:
            return
        more = [*(["--scenario", folder] if with_scenario else []),
                *(["--lang", lang] if lang else [])]  # fmt: skip
        with Run("export") as run:
            result = run.invoke(out, "--format", FORMATS, *more)
            expect_exit(result, [0], "export")
            missing = [name for name in FILES if not (out / name).is_file()]
            assert not missing, f"export wrote no {missing}"
            assert all((out / name).stat().st_size > 0 for name in FILES)


@fuzz(ci=3, soak=300)
@given(
    case=cases(big=False, max_households=25, simulation=30, broken=0),
    with_scenario=st.booleans(),
    lang=st.sampled_from([None, "nl", "en"]),
)
def test_export_every_format(case: Case, with_scenario: bool, lang: str | None) -> None:
    """export --format xlsx,geojson,gpkg,parquet,png,html: exit 0 and every file written."""
    export_case(case, with_scenario, lang)
