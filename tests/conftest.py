"""Shared test set-up."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_history(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep every run a test makes out of the user's own run history."""
    db: Path = tmp_path_factory.mktemp("history") / "history.sqlite"
    monkeypatch.setenv("PLACEMENT_HISTORY", str(db))


@pytest.fixture(autouse=True)
def _private_crash_reports(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
):
    """Crash reports of a test go to a folder of its own, never the user's."""
    monkeypatch.setenv("PLACEMENT_CRASH_DIR", str(tmp_path_factory.mktemp("crashes")))
    monkeypatch.delenv("PLACEMENT_DEBUG", raising=False)


@pytest.fixture(autouse=True)
def _english_by_default(monkeypatch: pytest.MonkeyPatch):
    """Tests name the source (English) texts; the tests of the languages ask for Dutch."""
    monkeypatch.setenv("PLACEMENT_LANG", "en")
