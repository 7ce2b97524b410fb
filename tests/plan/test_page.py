"""plan.html in a real browser: the map, the charts and the tables draw, nothing is fetched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from placement.cli import app
from tests.plan.test_cli import DEMO, runner
from tests.review.conftest import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS


@pytest.fixture(scope="module")
def page_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo planned over 6 weeks and 2 futures, its page in English."""
    out = tmp_path_factory.mktemp("plan-page") / "out"
    result = runner.invoke(app, ["plan", str(DEMO), "--candidates", str(DEMO / "candidates.csv"),
                                 "--out", str(out), "--weeks", "6", "--futures", "2", "--html",
                                 "--lang", "en"])  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium of the operating system; skipped (saying so) without it."""
    if not CHROMIUM.is_file():
        pytest.skip(f"browser test skipped: {CHROMIUM} is missing; plan.html was NOT checked")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=CHROMIUM_ARGS)  # fmt: skip
        yield chromium
        chromium.close()


def test_plan_page_draws_offline(browser: Any, page_dir: Path):
    """Map, one chart per group of tracks, the candidates with their reasons; no request out."""
    import pandas as pd

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    problems: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("request", lambda r: requests.append(r.url))
    path = page_dir / "plan.html"
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-ready]", timeout=30_000)
    page.wait_for_selector("#plan-map[data-drawn]", timeout=30_000)
    page.wait_for_selector("#fans .charts[data-drawn]", timeout=30_000)
    assert problems == []
    assert [u for u in requests if u != path.as_uri() and not u.startswith("blob:")] == []
    plan = pd.read_csv(page_dir / "plan.csv", dtype=str, keep_default_na=False)
    rows = page.locator("#candidates-table tbody tr")
    assert rows.count() == len(plan)
    assert plan["reason"].iloc[0] in page.locator("#candidates-table").inner_text()
    assert page.locator("#fans .chart").count() >= 4  # aanmeld, versneld, regulier, htl, ibo
    opened = page.locator("[data-kpi=opened]").get_attribute("data-value")
    assert opened == str((plan["open"] == "true").sum())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "plan.png"), full_page=True)
    context.close()
