"""Every page of every command, in both languages, read in headless Chromium as a planner sees it.

The demo goes through place, whatif (closing L004), simulate, plan and link,
once per language (``--lang``), each page written by its own command. Each
page is opened at 1400 px wide and its visible text is read:

- no gettext catalog header ("Project-Id-Version …");
- in Dutch, no text of the pages left in English (a label equal to its
  English source), and no English sentence words (the list of
  ``tests/test_languages.py``, with the words of the pages);
- no snake_case key shown as a label (headers, terms, tiles, legends);
- no table running off the page.

A screenshot of each page goes to ``tests/review/screenshots/``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from placement.cli import app
from placement.i18n import _, using
from placement.review.text import strings
from placement.vocab import COLUMN_WORDS, KPIS, PLAN_TERM_WORDS, TERM_WORDS
from tests.review.conftest import SCREENSHOTS
from tests.test_languages import ENGLISH as SENTENCE_WORDS

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
LANGS = ("nl", "en")
#: Each command's page, and the command line that writes it (``OUT`` is its folder).
COMMANDS = {
    "place": ("report.html", ["place", str(DEMO), "--html", "--xlsx"]),
    "whatif": ("comparison.html", ["whatif", str(DEMO), "--close", "L004", "--html", "--xlsx"]),
    "simulate": ("outlook.html", ["simulate", str(DEMO), "--weeks", "2", "--replications", "1",
                                  "--html"]),
    "plan": ("plan.html", ["plan", str(DEMO), "--candidates", str(DEMO / "candidates.csv"),
                           "--weeks", "4", "--futures", "2", "--evaluate", "1", "--html"]),
    "link": ("links.html", ["link", str(DEMO), "--html", "--xlsx"]),
}  # fmt: skip
#: English words a Dutch page must not show: the sentence words, and the words of the pages.
ENGLISH = SENTENCE_WORDS + (
    " occupancy ", " capacity ", " shortage ", " shortages ", " households ", " unplaced ",
    " objective ", " candidates ", " futures ", " replications ", " weeks ", " cost ",
    " held ", " opened ", " children ", " moved ", " none ", " mean ", " all ", " reason ",
    " key ", " figures ", " changes ", " closed ", " added ", " linked ", " quota ",
    " remaining ", " spread ", " bound ", " provenance ", " inputs ", " person-nights ",
    " expected ", " arrivals ", " departures ", " beyond ", " cap ", " never ", " first ",
    " short ", " demand ", " tracks ", " track ", " search ", " page ", " previous ", " next ",
    " forbid ", " pin ", " mark ", " download ", " yes ", " distance ", " options ",
)  # fmt: skip
#: What a catalog header looks like (gettext's answer for an empty text).
HEADER = re.compile(r"Project-Id-Version|Report-Msgid-Bugs-To|Generated-By|Plural-Forms")
#: A key as a program writes it (objective_terms.moves_ahead, first_week_short_htl).
SNAKE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
#: Where a page puts its labels: headers, terms, tiles, controls, and the charts' titles.
LABELS = (
    "h1, h2, h3, th, dt, label, option, button, nav a, .tile .label, "
    ".gtitle, .xtitle, .ytitle, .legendtext, .cbtitle"
)


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Each command's folder on the demo, per language (``(lang, command)``)."""
    root = tmp_path_factory.mktemp("every-page")
    made: dict[tuple[str, str], Path] = {}
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("PLACEMENT_LANG", raising=False)
        mp.setenv("PLACEMENT_HISTORY", str(root / "history.sqlite"))  # pages name their run
        for lang in LANGS:
            for command, (_page, args) in COMMANDS.items():
                out = root / lang / command
                done = runner.invoke(app, [*args, "--out", str(out), "--lang", lang])
                assert done.exit_code == 0, done.output
                made[lang, command] = out
    return made


@pytest.fixture(scope="module")
def pages(browser: Any, folders: dict[tuple[str, str], Path]) -> Iterator[dict[Any, Any]]:
    """Each page opened once, at 1400 px wide: its texts, its overflow, a screenshot."""
    read: dict[tuple[str, str], dict[str, Any]] = {}
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for (lang, command), folder in folders.items():
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda e, p=problems: p.append(str(e)))
        path = folder / COMMANDS[command][0]
        page.goto(path.as_uri())
        page.wait_for_selector("html[data-ready]", timeout=30_000)
        for drawn in ("#map-plot", "#plan-map", ".charts"):
            if page.query_selector(drawn) is not None:
                page.wait_for_selector(f"{drawn}[data-drawn]", timeout=30_000)
        read[lang, command] = {
            "text": page.inner_text("body"),
            "labels": page.eval_on_selector_all(
                LABELS, "els => els.map(e => e.textContent.trim()).filter(t => t)"
            ),
            "wide": page.evaluate(
                """() => {
                    const width = document.documentElement.clientWidth;
                    const wide = Array.from(document.querySelectorAll('table'))
                        .filter(t => t.getBoundingClientRect().right > width + 1)
                        .map(t => t.id || t.dataset.table || t.parentElement.id || 'table');
                    if (document.documentElement.scrollWidth > width + 1) wide.push('page');
                    return wide;
                }"""
            ),
            "problems": problems,
        }
        page.screenshot(path=str(SCREENSHOTS / f"page-{command}-{lang}.png"), full_page=True)
        page.close()
    yield read
    context.close()


CASES = [(lang, command) for lang in LANGS for command in COMMANDS]
IDS = [f"{command}-{lang}" for lang, command in CASES]


#: What is no language: file names, the licence of the map (CC BY 4.0), and a variant's id
#: where its label stands beside it ("none (geen kandidaat)").
NOT_WORDS = re.compile(
    r"[\w.-]+\.(?:csv|toml|json|html|xlsx|png|gpkg|sqlite)\b|\bCC BY\b"
    r"|\b(?:none|plan|mean|all|baseline)(?= \()"
)


def english_words(text: str) -> list[str]:
    """The words of :data:`ENGLISH` in ``text``, line by line (file names left out)."""
    found = []
    for line in text.splitlines():
        padded = " " + re.sub(r"[^\w\s'-]", " ", NOT_WORDS.sub(" ", line).lower()) + " "
        found += [f"{w.strip()!r} in {line.strip()[:120]!r}" for w in ENGLISH if w in padded]
    return found


def english_labels() -> set[str]:
    """The page words whose Dutch differs from their English (so an English one is a leak)."""
    en, nl = strings("en"), strings("nl")
    words = {en[k] for k in en if en[k] != nl[k]}
    for table in (COLUMN_WORDS, PLAN_TERM_WORDS, TERM_WORDS):
        words |= set(table.values())
    words |= {k.label for k in KPIS}
    with using("nl"):
        return {w for w in words if "{" not in w and len(w) > 2 and _(w) != w}


@pytest.mark.parametrize(("lang", "command"), CASES, ids=IDS)
def test_the_page_loads_without_errors(pages: dict[Any, Any], lang: str, command: str):
    assert pages[lang, command]["problems"] == []


@pytest.mark.parametrize(("lang", "command"), CASES, ids=IDS)
def test_no_catalog_header(pages: dict[Any, Any], lang: str, command: str):
    assert not HEADER.search(pages[lang, command]["text"])


@pytest.mark.parametrize(("lang", "command"), CASES, ids=IDS)
def test_no_snake_case_key_as_a_label(pages: dict[Any, Any], lang: str, command: str):
    keys = [t for t in pages[lang, command]["labels"] if SNAKE.search(t)]
    assert keys == []


@pytest.mark.parametrize(("lang", "command"), CASES, ids=IDS)
def test_dates_are_written_out_and_the_run_is_named(pages: dict[Any, Any], lang: str, command: str):
    """No ISO date (2026-11-23) on a page; each names its run in the history and its inputs."""
    text = pages[lang, command]["text"]
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)
    assert ("23 november 2026" if lang == "nl" else "23 November 2026") in text
    history = text.split(strings(lang)["history_id"], 1)[1].split("\n", 2)[1]
    assert history.strip() not in ("", strings(lang)["history_none"]), history
    assert "SHA-256" in text and "persons.csv" in text


@pytest.mark.parametrize(("lang", "command"), CASES, ids=IDS)
def test_no_table_runs_off_the_page(pages: dict[Any, Any], lang: str, command: str):
    assert pages[lang, command]["wide"] == []


@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_english_in_the_dutch_page(pages: dict[Any, Any], command: str):
    """Neither sentence words nor a page word left in its English source."""
    dutch = pages["nl", command]
    words = english_words(dutch["text"])
    assert words == [], "\n".join(words)
    leaks = english_labels()
    assert sorted({t for t in dutch["labels"] if t in leaks}) == []


def test_the_checks_see_english(pages: dict[Any, Any]):
    """The English pages trip every check a Dutch page passes (the checks are not vacuous)."""
    for command in COMMANDS:
        english = pages["en", command]
        assert english_words(english["text"]), command
        assert set(english["labels"]) & english_labels(), command
    assert SNAKE.search("objective_terms.moves_ahead") and HEADER.search("Project-Id-Version: x")


# --------------------------------------------------------------------------- the report


def _table(path: Path) -> Any:
    import pandas as pd

    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture
def report(browser: Any, folders: dict[tuple[str, str], Path]) -> Iterator[Any]:
    """The Dutch report of the demo, open at 1400 px wide."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto((folders["nl", "place"] / "report.html").as_uri())
    page.wait_for_selector("html[data-ready]", timeout=30_000)
    yield page
    context.close()


def _pick(page: Any, household: str) -> None:
    page.fill("#household-search", household)
    page.press("#household-search", "Enter")
    page.wait_for_selector(f"#household-detail[data-household='{household}']")


def test_filter_beyond_the_move_cap_finds_every_such_household(
    report: Any, folders: dict[tuple[str, str], Path]
):
    """The filter "boven de verhuisgrens" lists the households whose children moved beyond the
    cap; the reason of each says it is a second or later forced move, and why no other place
    spared it."""
    folder = folders["nl", "place"]
    explained = _table(folder / "explanations.csv")
    over = explained[explained["children_over_cap"].astype(int) > 0]
    kpis = json.loads((folder / "kpis.json").read_text(encoding="utf-8"))
    assert len(over) and over["children_over_cap"].astype(int).sum() == kpis["children_over_cap"]
    report.check("#filter-over-cap")
    count = report.get_attribute("table[data-table=households] ~ .pager .count", "data-count")
    assert int(count) == len(over)
    shown = report.eval_on_selector_all(
        "table[data-table=households] tbody tr", "rs => rs.map(r => r.cells[0].textContent)"
    )
    assert set(shown) == set(over["household_id"])
    reasons = _table(folder / "placements.csv").drop_duplicates("household_id")
    reasons = reasons.set_index("household_id")["reason"]
    for household, row in over.set_index("household_id").iterrows():
        reason = reasons[household]
        assert "tweede of een latere gedwongen verhuizing" in reason, reason
        assert f"alleen blijven op {row['from_location_id']}" in reason, reason
    _pick(report, over["household_id"].iloc[0])
    assert report.text_content("#household-detail [data-field=over-cap]") == str(
        over["children_over_cap"].iloc[0]
    )
    report.uncheck("#filter-over-cap")


def test_each_household_has_one_alternative_in_reason_and_panel(
    report: Any, folders: dict[tuple[str, str], Path]
):
    """A reason names no location but where the household was, where it went and its
    next-best (the panel's); H000002's next-best, L006, is the one its reason weighs."""
    folder = folders["nl", "place"]
    explained = _table(folder / "explanations.csv").set_index("household_id")
    reasons = _table(folder / "placements.csv").drop_duplicates("household_id")
    ids = set(_table(folder / "locations.csv")["location_id"])
    for household, reason in zip(reasons["household_id"], reasons["reason"], strict=True):
        row = explained.loc[household]
        named = set(re.findall(r"\bL\d{3}\b", reason)) & ids
        own = {row["from_location_id"], row["to_location_id"], row["next_best_location_id"]}
        assert named <= own, (household, named - own, reason)
    h2 = explained.loc["H000002"]
    reason = reasons.set_index("household_id").loc["H000002", "reason"]
    assert h2["next_best_location_id"] == "L006" and "L006" in reason and "L013" not in reason
    _pick(report, "H000002")
    shown = report.get_attribute("#household-detail [data-field=next-best]", "data-id")
    assert shown == "L006"
    assert "L006" in report.text_content("#household-detail [data-field=reason]")


def test_pins_are_offered_only_where_the_household_has_room(
    report: Any, folders: dict[tuple[str, str], Path]
):
    """The pin form lists only open locations with room for the household after this
    placement (its own destination included); a forbid may name any open location."""
    folder = folders["nl", "place"]
    sites = _table(folder / "locations.csv").set_index("location_id")
    explained = _table(folder / "explanations.csv").set_index("household_id")
    _pick(report, "H000002")
    h = explained.loc["H000002"]
    forbids = report.eval_on_selector_all("#mark-location option", "os => os.map(o => o.value)")
    report.select_option("#mark-action", "pin")
    pins = report.eval_on_selector_all("#mark-location option", "os => os.map(o => o.value)")
    assert pins and set(pins) < set(forbids)
    for loc in pins:
        site = sites.loc[loc]
        free = int(site["capacity"]) + int(site["flex_capacity"]) - int(site["occupancy_after"])
        assert loc == h["to_location_id"] or free >= int(h["persons"]), (loc, free)
    full = [
        loc for loc in forbids
        if int(sites.loc[loc, "capacity"]) + int(sites.loc[loc, "flex_capacity"])
        - int(sites.loc[loc, "occupancy_after"]) < int(h["persons"])
        and loc != h["to_location_id"]
    ]  # fmt: skip
    assert full and not set(full) & set(pins)
    report.select_option("#mark-action", "forbid")
    again = report.eval_on_selector_all("#mark-location option", "os => os.map(o => o.value)")
    assert again == forbids
