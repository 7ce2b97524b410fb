"""The review pages in a real browser: headless Chromium of the operating system, via Playwright.

Skipped, with a message saying so, where /usr/bin/chromium or Playwright is
missing. Screenshots of every page go to tests/review/screenshots/.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.review.conftest import SCREENSHOTS, cli
from tests.review.scenario import HOSTILE


class Opened:
    """A page loaded from its file, with what it logged and asked for."""

    def __init__(self, page: Any, path: Path) -> None:
        self.page, self.path = page, path
        self.problems: list[str] = []
        self.requests: list[str] = []
        page.on(
            "console", lambda m: m.type in ("error", "warning") and self.problems.append(m.text)
        )
        page.on("pageerror", lambda e: self.problems.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        started = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector("html[data-ready]", timeout=30_000)
        self.seconds = time.perf_counter() - started

    def outside(self) -> list[str]:
        """Requests for anything but the page's own file (and blobs the page made itself)."""
        own = self.path.as_uri()
        return [u for u in self.requests if u != own and not u.startswith("blob:")]

    def shot(self, name: str, *, full: bool = True) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full)
        return path


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    contexts = []

    def open_(path: Path) -> Opened:
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1400, "height": 1000}
        )
        contexts.append(context)
        return Opened(context.new_page(), path)

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def report(open_page: Any, report_dir: Path) -> Opened:
    opened = open_page(report_dir / "report.html")
    opened.page.wait_for_selector("#map-plot[data-drawn]")
    return opened


def _pick_first_row(page: Any) -> None:
    """Click the first household row (its section scrolled to the top, below the sticky bar)."""
    page.evaluate("() => document.getElementById('households').scrollIntoView()")
    page.click("table[data-table=households] tbody tr")


def _explained(report_dir: Path) -> pd.DataFrame:
    return pd.read_csv(report_dir / "explanations.csv", dtype=str, keep_default_na=False)


def test_report_loads_without_errors_or_requests(report: Opened):
    """The page loads, logs no error or warning, and asks for nothing beyond its own file."""
    assert report.problems == []
    assert report.outside() == []
    assert report.page.title() == "Plaatsingsvoorstel 23 november 2026"
    report.shot("report")


def test_figures_shown_equal_kpis_json(report: Opened, report_dir: Path):
    """Every key figure on the page holds the value of kpis.json, and counts read the same."""
    kpis = json.loads((report_dir / "kpis.json").read_text(encoding="utf-8"))
    tiles = report.page.eval_on_selector_all(
        ".tile[data-kpi]",
        "els => els.map(e => [e.dataset.kpi, e.dataset.value, "
        "e.querySelector('.value').textContent])",
    )
    assert len(tiles) >= 11
    for key, raw, shown in tiles:
        expected = kpis
        for part in key.split("."):
            expected = expected[part]
        assert json.loads(raw) == expected, key
        if isinstance(expected, int) and not isinstance(expected, bool):
            assert shown.replace(".", "") == str(expected), key  # Dutch: 1.234
    assert {k for k, _, _ in tiles} >= {
        "status", "placed", "unplaced", "moved_persons", "moved_children",
        "children_over_cap", "family_splits", "flex_beds_used", "distance_km_mean",
        "objective_terms.cost",
    }  # fmt: skip
    # the solver's own figures are no headline: they stand in the provenance, for checking
    assert not {"mip_gap", "objective"} & {k for k, _, _ in tiles}
    technical = report.page.locator("#technical")
    assert json.loads(technical.get_attribute("data-value")) == kpis["mip_gap"]
    assert json.loads(technical.get_attribute("data-objective")) == kpis["objective"]
    warnings = report.page.eval_on_selector_all(
        "#warnings li[data-code]", "l => l.map(e => e.dataset.code)"
    )
    assert "unplaced" in warnings and "children_over_cap" in warnings


def test_household_table_has_one_row_per_household(report: Opened, report_dir: Path):
    """The count under the table is the number of rows of explanations.csv."""
    count = report.page.get_attribute("table[data-table=households] ~ .pager .count", "data-count")
    assert int(count) == len(_explained(report_dir))


def test_search_finds_exactly_the_household_and_its_next_best(report: Opened, report_dir: Path):
    """Searching H06 leaves one row, H06; picking it shows its next-best from explanations.csv."""
    page = report.page
    page.fill("#household-search", "H06")
    page.press("#household-search", "Enter")
    page.wait_for_selector("table[data-table=households] ~ .pager .count[data-count='1']")
    rows = page.eval_on_selector_all(
        "table[data-table=households] tbody tr", "rs => rs.map(r => r.cells[0].textContent)"
    )
    assert rows == ["H06"]
    _pick_first_row(page)
    expected = _explained(report_dir).set_index("household_id").loc["H06"]
    assert expected["next_best_location_id"] != ""
    shown = page.get_attribute("#household-detail [data-field=next-best]", "data-id")
    assert shown == expected["next_best_location_id"]
    assert page.get_attribute("#household-detail", "data-household") == "H06"
    report.shot("report-household", full=False)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_shows_the_reasons_in_its_language(
    lang: str, open_page: Any, report_dir: Path, report_dir_en: Path
):
    """Page words and the household's reason, rules and limit in one language (screenshots)."""
    folder = report_dir if lang == "nl" else report_dir_en
    opened = open_page(folder / "report.html")
    page = opened.page
    page.wait_for_selector("#map-plot[data-drawn]")
    assert opened.problems == []
    page.select_option("#filter-status", "unplaced")
    _pick_first_row(page)
    household = page.get_attribute("#household-detail", "data-household")
    placed = pd.read_csv(folder / "placements.csv", dtype=str, keep_default_na=False)
    reason = placed.loc[placed["household_id"] == household, "reason"].iloc[0]
    assert page.text_content("#household-detail [data-field=reason]") == reason
    words = {"nl": ("Huishoudens", "Geen bed"), "en": ("Households", "No bed")}[lang]
    assert words[0] in page.text_content("body") and reason.startswith(words[1])
    limit = _explained(folder).set_index("household_id").loc[household, "limit_detail"]
    assert limit in page.text_content("#household-detail [data-field=limit]")
    page.evaluate("() => document.getElementById('households').scrollIntoView()")
    opened.shot(f"report-{lang}-household", full=False)
    opened.shot(f"report-{lang}")


def test_unplaced_household_shows_the_limit_that_ran_out(report: Opened, report_dir: Path):
    """An unplaced household's view names its limit, as explanations.csv does."""
    page = report.page
    page.select_option("#filter-status", "unplaced")
    _pick_first_row(page)
    household = page.get_attribute("#household-detail", "data-household")
    expected = _explained(report_dir).set_index("household_id").loc[household]
    assert expected["status"] == "unplaced"
    assert expected["limit_detail"] in page.text_content("#household-detail [data-field=limit]")


def test_forbid_mark_downloads_overrides_that_a_new_run_obeys(
    report: Opened, report_dir: Path, scenario_dir: Path, copy_of: Any, tmp_path: Path
):
    """Mark H06 'forbid <where it went>' with a reason, download overrides.csv, run again.

    H06 (one adult, its location closed) goes to GR or UT: both regulier,
    neither closing, and another one-adult household ties with it for the
    cheaper one, so either may be written; the new run avoids the one forbidden.
    """
    page = report.page
    explained = _explained(report_dir).set_index("household_id")
    went = explained.at["H06", "to_location_id"]
    assert went in ("GR", "UT")
    page.fill("#household-search", "H06")
    page.press("#household-search", "Enter")
    _pick_first_row(page)
    assert page.text_content("#household-detail [data-field=to]").endswith(f"({went})")
    page.select_option("#mark-action", "forbid")
    page.select_option("#mark-location", went)
    page.click("#mark-add")
    assert "reden" in page.text_content("#mark-error").lower()  # a reason is required
    page.fill("#mark-reason", 'Te ver van school, zegt "IND"')
    page.click("#mark-add")
    assert page.eval_on_selector_all("#marks-table tr", "r => r.length") == 1
    with page.expect_download() as download:
        page.click("#marks-download")
    assert download.value.suggested_filename == "overrides.csv"
    scenario = copy_of(scenario_dir)
    download.value.save_as(scenario / "overrides.csv")
    text = (scenario / "overrides.csv").read_text(encoding="utf-8")
    reason = '"Te ver van school, zegt ""IND"""'
    assert text == f"household_id,location_id,action,reason\nH06,{went},forbid,{reason}\n"
    assert report.outside() == []
    out = tmp_path / "next"
    cli("place", str(scenario), "--out", str(out), "--no-history")
    placements = pd.read_csv(out / "placements.csv", dtype=str, keep_default_na=False)
    h06 = placements[placements["household_id"] == "H06"].iloc[0]
    assert h06["to_location_id"] not in (went, "") and h06["override"] == "forbid"


def test_map_draws_its_points(report: Opened, report_dir: Path):
    """Every location with a point is drawn as a marker, and the moves as lines."""
    page = report.page
    located = page.evaluate(
        "() => document.getElementById('map-plot').data"
        ".filter(t => t.ids).reduce((n, t) => n + t.x.length, 0)"
    )
    sites = pd.read_csv(report_dir / "locations.csv", dtype=str)
    assert located == len(sites)
    drawn = page.eval_on_selector_all("#map-plot .scatterlayer path.point", "ps => ps.length")
    assert drawn >= located
    lines = page.eval_on_selector_all("#map-plot .scatterlayer path.js-line", "ls => ls.length")
    assert lines >= 3  # gemeenten, provinces, moves


def test_hostile_location_names_appear_as_text_and_run_nothing(report: Opened):
    """Names with <script>, <img onerror>, quotes, = and Unicode are shown as written, inert."""
    page = report.page
    cells = page.eval_on_selector_all(
        "table[data-table=locations] tbody td:nth-child(2)", "cs => cs.map(c => c.textContent)"
    )
    assert set(HOSTILE.values()) <= set(cells)
    assert page.evaluate("() => window.__pwned") is None
    assert page.eval_on_selector_all("#app img, #app script", "e => e.length") == 0
    label = page.evaluate(
        """() => {
            const gd = document.getElementById('map-plot');
            const curve = gd.data.findIndex(t => t.ids && t.ids.includes('TA'));
            const point = gd.data[curve].ids.indexOf('TA');
            Plotly.Fx.hover(gd, [{curveNumber: curve, pointNumber: point}]);
            return document.querySelector('#map-plot .hoverlayer').textContent;
        }"""
    )
    assert HOSTILE["TA"] in label
    assert page.evaluate("() => window.__pwned") is None
    assert report.problems == []


def test_comparison_page(open_page: Any, whatif_dir: Path):
    """comparison.html: loads clean, KPI table side by side, the difference map drawn."""
    opened = open_page(whatif_dir / "comparison.html")
    opened.page.wait_for_selector("#map-plot[data-drawn]")
    assert opened.problems == [] and opened.outside() == []
    header = opened.page.eval_on_selector_all("#kpi-table th", "hs => hs.map(h => h.textContent)")
    assert "baseline (het scenario zoals gegeven)" in header and "zonder-GR" in header
    opened.shot("comparison")


def test_outlook_page(open_page: Any, outlook_dir: Path):
    """outlook.html (English): loads clean, every fan chart drawn, first shortage week shown."""
    opened = open_page(outlook_dir / "outlook.html")
    opened.page.wait_for_selector(".charts[data-drawn]")
    assert opened.problems == [] and opened.outside() == []
    assert opened.page.title().startswith("Outlook")
    charts = opened.page.eval_on_selector_all(".chart[data-kpi] .main-svg", "c => c.length")
    assert charts > 0
    for kpi in ("arrived_children_cumulative", "arrived_children_moved_twice_cumulative"):
        assert opened.page.query_selector(f'.chart[data-kpi="{kpi}"] .main-svg') is not None
    totals = opened.page.eval_on_selector_all("#totals td", "c => c.map(d => d.textContent)")
    assert "arrived children moved beyond the cap" in totals
    opened.shot("outlook")


def test_links_page(open_page: Any, links_dir: Path):
    """links.html: loads clean, one gemeente row per quota, the map drawn."""
    opened = open_page(links_dir / "links.html")
    opened.page.wait_for_selector("#map-plot[data-drawn]")
    assert opened.problems == [] and opened.outside() == []
    quotas = pd.read_csv(links_dir / "gemeenten.csv", dtype=str)
    count = opened.page.get_attribute("table[data-table=gemeenten] ~ .pager .count", "data-count")
    assert int(count) == len(quotas)
    opened.shot("links")
