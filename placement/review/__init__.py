"""Review pages: one HTML file per result folder that a planner opens in a browser, offline.

- ``report.html`` (``place --html``): key figures and warnings, a map, every
  household with its explanation, locations, shortages, provenance, and the
  planner's pins and forbids downloaded as ``overrides.csv``.
- ``comparison.html`` (``whatif --html``), ``outlook.html``
  (``simulate --html``), ``links.html`` (``link --html``), ``plan.html``
  (``plan --html``).

Each page is made from the files of the folder it describes
(:mod:`placement.review.data`), so its numbers are the files' numbers;
:mod:`placement.review.page` puts data, styles and scripts in one file;
:mod:`placement.review.text` holds the words in Dutch and English.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from placement.i18n import date, using
from placement.review.data import (
    PageError,
    comparison_data,
    links_data,
    outlook_data,
    plan_data,
    run_data,
)
from placement.review.page import read_provenance, render, save, stamp
from placement.review.text import LANGUAGES, strings

#: The page of each kind of folder, by the name it is written under.
PAGES = {
    "run": "report.html",
    "comparison": "comparison.html",
    "outlook": "outlook.html",
    "links": "links.html",
    "plan": "plan.html",
}
_DATA: dict[str, Callable[[Path], dict[str, Any]]] = {
    "run": run_data,
    "comparison": comparison_data,
    "outlook": outlook_data,
    "links": links_data,
    "plan": plan_data,
}
_TITLES = {
    "run": "run_title",
    "comparison": "whatif_title",
    "outlook": "outlook_title",
    "links": "links_title",
    "plan": "plan_title",
}


def page(
    kind: str,
    folder: Path | str,
    *,
    lang: str = "nl",
    provenance: Mapping[str, Any] | None = None,
) -> str:
    """The page of ``kind`` (a key of :data:`PAGES`) for a result folder, as HTML text.

    Parameters
    ----------
    kind
        ``run`` (a ``place`` folder), ``comparison`` (a ``whatif`` folder),
        ``outlook`` (a ``simulate`` folder) or ``links`` (a ``link`` folder).
    folder
        The folder whose files the page shows.
    lang
        ``nl`` or ``en``.
    provenance
        What the folder does not hold: ``history_id``, ``inputs`` (``[file,
        sha256, bytes]`` per input file), ``versions``.

    Raises
    ------
    PageError
        When a file the page needs is missing or cannot be read.
    ValueError
        For an unknown kind or language.
    """
    if kind not in PAGES:
        raise ValueError(f"unknown page {kind!r}; use one of {', '.join(PAGES)}")
    data = _DATA[kind](Path(folder))
    title = strings(lang)[_TITLES[kind]]
    when = data.get("kpis", {}).get("planning_date") or data.get("kpis", {}).get("start")
    if when:
        with using(lang):
            title = f"{title} {date(dt.date.fromisoformat(str(when)[:10]))}"
    return render(data, lang=lang, title=title, provenance=provenance)


def write_page(
    kind: str,
    folder: Path | str,
    *,
    lang: str = "nl",
    provenance: Mapping[str, Any] | None = None,
) -> Path:
    """Make the page of ``kind`` for ``folder`` and put it in that folder, whole or not at all."""
    folder = Path(folder)
    return save(page(kind, folder, lang=lang, provenance=provenance), folder / PAGES[kind])


__all__ = [
    "LANGUAGES",
    "PAGES",
    "PageError",
    "page",
    "read_provenance",
    "stamp",
    "write_page",
]
