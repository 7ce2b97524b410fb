"""Both languages on the demo: every text column filled, Dutch without English, Dutch formats.

The commands run once per language (``--lang nl`` / ``--lang en``): place
(with its page), place again on the demo with its aanmeldcentrum closed (so
there are moves, a closed location and households without a bed), a what-if
that closes it, link, validate on two bad folders, a two-week simulation and
a small plan.
The Dutch texts are then read for English function words and for English
number and date formats.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from placement.cli import app

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
BAD = ROOT / "tests" / "data" / "bad"
runner = CliRunner()

#: English words that Dutch does not have (not "is", "of", "in", "was", "had", "over": Dutch too).
ENGLISH = (
    " the ", " and ", " with ", " because ", " would ", " which ", " its ", " it ", " from ",
    " has ", " have ", " there ", " not ", " to ", " at ", " for ", " are ", " no ", " by ",
    " been ", " than ", " where ", " when ", " only ", " every ", " could ", " were ",
    " beds ", " stays ", " moves ", " household ", " location ", " persons ",
)  # fmt: skip
#: An English number or date in a sentence: 3,000 / 12.5 km / 2026-11-23 / November.
ENGLISH_FORMATS = re.compile(
    r"\b\d{1,3}(,\d{3})+\b|\b\d+\.\d+ km\b|\b\d{4}-\d{2}-\d{2}\b|"
    r"\b(January|February|March|May|June|July|August|October|December)\b"
)


@dataclass
class Run:
    """What the commands of one language wrote and printed."""

    lang: str
    folder: Path
    printed: dict[str, str] = field(default_factory=dict)

    def rows(self, path: str) -> list[dict[str, str]]:
        with open(self.folder / path, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))


def _invoke(run: Run, name: str, *args: str, code: int = 0) -> None:
    done = runner.invoke(app, [*args, "--lang", run.lang])
    assert done.exit_code == code, done.output
    run.printed[name] = done.output


@pytest.fixture(scope="module", params=["nl", "en"])
def run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Run:
    lang = request.param
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("PLACEMENT_LANG", raising=False)  # the test asks for each language itself
        mp.setenv("PLACEMENT_HISTORY", str(tmp_path_factory.mktemp("h") / "history.sqlite"))
        r = Run(lang, tmp_path_factory.mktemp(f"lang-{lang}"))
        f = r.folder
        _invoke(r, "place", "place", str(DEMO), "--out", str(f / "place"), "--html", "--no-history")
        closed = _closing(DEMO, f / "closed-demo", "L001", "2026-11-01")
        _invoke(
            r, "closed", "place", str(closed), "--out", str(f / "closed"), "--mode", "rebalance",
            "--no-history",
        )  # fmt: skip
        _invoke(
            r, "whatif", "whatif", str(DEMO), "--out", str(f / "whatif"), "--close", "L001",
            "--name", "closed", "--mode", "rebalance", "--no-history",
        )  # fmt: skip
        _invoke(r, "link", "link", str(DEMO), "--out", str(f / "link"), "--no-history")
        _invoke(r, "validate", "validate", str(BAD / "bad_date"), code=1)
        _invoke(r, "validate_pins", "validate", str(BAD / "override_empty_reason"), code=1)
        _invoke(
            r, "simulate", "simulate", str(DEMO), "--out", str(f / "simulate"), "--weeks", "2",
            "--no-history",
        )  # fmt: skip
        _invoke(
            r, "plan", "plan", str(DEMO), "--candidates", str(DEMO / "candidates.csv"),
            "--out", str(f / "plan"), "--futures", "2", "--weeks", "4", "--no-history",
        )  # fmt: skip
    return r


def _closing(scenario: Path, copy: Path, location_id: str, last_night: str) -> Path:
    """A copy of ``scenario`` in which ``location_id`` closed after ``last_night``."""
    copy.mkdir()
    for path in scenario.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    with open(copy / "locations.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["location_id"] == location_id:
            row["open_until"] = last_night
    with open(copy / "locations.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return copy


def _texts(run: Run) -> dict[str, list[str]]:
    """Every cell meant for people, by where it comes from."""
    out: dict[str, list[str]] = {}
    for folder in ("place", "closed", "whatif/baseline", "whatif/closed"):
        out[f"{folder}/placements.csv reason"] = [
            r["reason"] for r in run.rows(f"{folder}/placements.csv")
        ]
    for folder in ("place", "closed"):
        rows = run.rows(f"{folder}/explanations.csv")
        out[f"{folder}/explanations.csv rules"] = [r["rules"] for r in rows]
    # the demo places everyone; the closure leaves households without a bed, each with its limit
    limited = [r for r in run.rows("closed/explanations.csv") if r["limit"]]
    out["closed/explanations.csv limit_detail"] = [r["limit_detail"] for r in limited]
    out["link/links.csv reason"] = [r["reason"] for r in run.rows("link/links.csv")]
    out["plan/plan.csv reason"] = [r["reason"] for r in run.rows("plan/plan.csv")]
    out["whatif/comparison kpis description"] = [
        r["description"] for r in run.rows("whatif/comparison/kpis.csv")
    ]
    for name, text in run.printed.items():
        out[f"printed by {name}"] = [line for line in text.splitlines() if line.strip()]
    return out


def test_every_text_column_is_filled(run: Run):
    for where, cells in _texts(run).items():
        assert cells, where
        assert all(c.strip() for c in cells), where


def test_the_closure_gives_households_without_a_bed_and_moves(run: Run):
    """The what-if reaches the reasons that carry dates, counts and limits."""
    for folder in ("closed", "whatif/closed"):
        statuses = {r["status"] for r in run.rows(f"{folder}/placements.csv")}
        assert {"move", "unplaced", "new", "stay"} <= statuses, folder


def _english_in(text: str) -> list[str]:
    padded = f" {text.lower()} "
    return [w.strip() for w in ENGLISH if w in padded]


def test_no_english_leaks_into_dutch(run: Run):
    if run.lang != "nl":
        pytest.skip("the Dutch run")
    leaks = [
        f"{where}: {words} in {cell!r}"
        for where, cells in _texts(run).items()
        for cell in dict.fromkeys(cells)
        if (words := _english_in(cell))
    ]
    assert leaks == []


def test_the_english_word_list_sees_english(run: Run):
    """The check above would fail on the English output (it is not vacuous)."""
    if run.lang != "en":
        pytest.skip("the English run")
    reasons = _texts(run)["whatif/closed/placements.csv reason"]
    assert sum(bool(_english_in(r)) for r in reasons) > len(reasons) / 2


def test_dutch_numbers_and_dates_in_dutch_text(run: Run):
    texts = _texts(run)
    cells = [c for cells in texts.values() for c in cells]
    if run.lang == "nl":
        assert [c for c in cells if ENGLISH_FORMATS.search(c)] == []
        reasons = " ".join(texts["place/placements.csv reason"])
        assert re.search(r"\b\d+,\d km van woongemeente\b", reasons)
        closed = " ".join(texts["closed/placements.csv reason"])
        assert "L001 is gesloten na 1 november 2026" in closed
        summary = run.printed["place"]
        assert "23 november 2026" in summary and "3.000" in summary
    else:
        reasons = " ".join(texts["place/placements.csv reason"])
        assert re.search(r"\b\d+\.\d km from the housing gemeente\b", reasons)
        assert "3,000" in run.printed["place"] and "23 November 2026" in run.printed["place"]


def test_codes_ids_and_column_names_stay_as_they_are(run: Run):
    rows = run.rows("closed/placements.csv")
    assert set(rows[0]) >= {"household_id", "status", "reason"}
    assert {r["status"] for r in rows} <= {"stay", "move", "new", "unplaced"}
    limits = {r["limit"] for r in run.rows("closed/explanations.csv")} - {""}
    assert limits and limits <= {
        "no_fitting_location", "over_limits", "forbidden", "beds", "child_places",
        "time_limit", "cost",
    }  # fmt: skip


def test_the_page_is_in_the_language_of_the_run(run: Run):
    page = (run.folder / "place" / "report.html").read_text("utf-8")
    assert f'<html lang="{run.lang}">' in page
    title = "Plaatsingsvoorstel" if run.lang == "nl" else "Placement proposal"
    assert f"<title>{title}" in page
    first_reason = run.rows("place/placements.csv")[0]["reason"]
    assert first_reason.split(":")[0] in page  # the reasons travel in the page's data


def test_validation_messages_keep_file_line_and_column(run: Run):
    printed = run.printed["validate"]
    if run.lang == "nl":
        assert "De invoer heeft 1 probleem:" in printed
        assert "locations.csv, regel 2, kolom 'open_from': open_from moet een datum" in printed
    else:
        assert "The input has 1 problem:" in printed
        assert "locations.csv, line 2, column 'open_from': open_from must be a date" in printed
