"""Result folders of the small review scenario, made once per session, and one shared browser."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from placement.cli import app
from tests.review.scenario import write_scenario

CHROMIUM = Path("/usr/bin/chromium")
#: Flags for Chromium on a machine without network or screen.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def cli(*args: str) -> Any:
    """Run the command line in this process; fail the test with its output on a non-zero exit."""
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="session")
def scenario_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_scenario(tmp_path_factory.mktemp("review") / "scenario")


@pytest.fixture(scope="session")
def history_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("review-history") / "history.sqlite"


@pytest.fixture(scope="session")
def report_dir(scenario_dir: Path, history_db: Path) -> Path:
    """``place --html`` of the review scenario in Dutch (recorded in its own history)."""
    out = scenario_dir.parent / "place"
    cli("place", str(scenario_dir), "--out", str(out), "--html", "--lang", "nl",
        "--history", str(history_db))  # fmt: skip
    return out


@pytest.fixture(scope="session")
def report_dir_en(scenario_dir: Path) -> Path:
    """``place --html --lang en`` of the review scenario."""
    out = scenario_dir.parent / "place-en"
    cli("place", str(scenario_dir), "--out", str(out), "--html", "--lang", "en", "--no-history")
    return out


@pytest.fixture(scope="session")
def whatif_dir(scenario_dir: Path, history_db: Path) -> Path:
    out = scenario_dir.parent / "whatif"
    cli("whatif", str(scenario_dir), "--out", str(out), "--close", "GR", "--name", "zonder-GR",
        "--html", "--lang", "nl", "--history", str(history_db))  # fmt: skip
    return out


@pytest.fixture(scope="session")
def outlook_dir(scenario_dir: Path, history_db: Path) -> Path:
    """``simulate --html``, in a process of its own as a planner runs it (it starts Dask)."""
    out = scenario_dir.parent / "simulate"
    done = subprocess.run(
        [sys.executable, "-m", "placement", "simulate", str(scenario_dir), "--out", str(out),
         "--weeks", "3", "--replications", "2", "--html", "--lang", "en",
         "--history", str(history_db)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="session")
def links_dir(scenario_dir: Path, history_db: Path) -> Path:
    out = scenario_dir.parent / "link"
    cli("link", str(scenario_dir), "--out", str(out), "--html", "--lang", "nl",
        "--history", str(history_db))  # fmt: skip
    return out


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium of the operating system, driven by Playwright; skipped without it."""
    if not CHROMIUM.is_file():
        pytest.skip(
            f"browser tests skipped: {CHROMIUM} is missing (apt-get install chromium); "
            "the review pages were NOT checked in a browser"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(
            "browser tests skipped: playwright is not installed (pip install -e '.[test]'); "
            "the review pages were NOT checked in a browser"
        )
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def copy_of(tmp_path: Path):
    """A copy of a folder in this test's own tmp_path (a test may then change it)."""

    def copy(folder: Path) -> Path:
        target = tmp_path / folder.name
        shutil.copytree(folder, target)
        return target

    return copy
