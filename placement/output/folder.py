"""Result folders: what ``place`` and ``whatif`` write, and ``export`` adds to.

Each is written whole or not at all (:func:`~placement.output.files.commit_folder`):
the contract's files, ``explanations.csv``, ``shortages.csv`` and ``run.json``
for a run, one folder per run plus ``comparison/`` for a what-if, and the
exports asked for. The review page (format ``html``: ``report.html``, or
``comparison.html`` for a what-if) is made last, from the files just
written beside it (:mod:`placement.review`), so it shows what they hold.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from placement.i18n import _, date, using
from placement.output.export import (
    check_formats,
    comparison_writers,
    run_writers,
    whatif_sheets,
    write_workbook,
)
from placement.output.files import (
    Writer,
    bool_text,
    commit_folder,
    commit_tree,
    folder_writer,
    location_table,
    placement_table,
    write_csv,
    write_json,
)
from placement.output.tables import (
    ExportError,
    is_whatif_folder,
    read_comparison,
    read_run,
    run_tables,
)
from placement.results.compare import Comparison
from placement.results.outcome import Outcome
from placement.vocab import MODE_WORDS, Mode

if TYPE_CHECKING:
    from placement.input.scenario import Scenario


class _Variant(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def changes(self) -> list[str]: ...


class WhatIfRuns(Protocol):
    """What a what-if folder holds (:class:`placement.whatif.WhatIfResult` is one)."""

    @property
    def outcomes(self) -> Mapping[str, Outcome]:
        """Each run's outcome by name, the baseline first."""
        ...

    @property
    def comparison(self) -> Comparison:
        """The runs compared."""
        ...

    @property
    def variants(self) -> Sequence[_Variant]:
        """Each variant's name and its changes in words."""
        ...


def write_outcome(
    outcome: Outcome,
    out: Path,
    *,
    force: bool = False,
    scenario: Scenario | None = None,
    formats: Iterable[str] = (),
    lang: str = "nl",
    provenance: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Write a run's result folder, all of it or nothing.

    Always placements.csv, locations.csv and kpis.json; explanations.csv
    and shortages.csv when the outcome carries its problem; and the exports
    in ``formats`` (see :data:`placement.output.export.FORMATS`); ``html``
    writes ``report.html`` in ``lang`` with ``provenance`` (see
    :func:`placement.review.page`). Returns the paths written.
    """
    writers: dict[str, Callable[[Path], None]] = {
        "placements.csv": lambda p: write_csv(placement_table(outcome.placements), p),
        "locations.csv": lambda p: write_csv(location_table(outcome.locations), p),
        "kpis.json": lambda p: write_json(outcome.kpis, p),
    }
    if outcome.problem is not None:
        record = run_record(outcome)
        if scenario is not None:
            record["warnings"] = list(scenario.warnings)
        writers["run.json"] = lambda p: write_json(record, p)
        writers["explanations.csv"] = lambda p: write_csv(
            bool_text(outcome.explanations(scenario)), p
        )
        writers["shortages.csv"] = lambda p: write_csv(bool_text(outcome.shortages()), p)
    formats = list(formats)
    if formats:
        with using(lang):  # the workbook's sheets and headers in the run's language
            writers.update(run_writers(run_tables(outcome), formats))
    if "html" in formats:  # last: it reads the files written before it
        writers["report.html"] = page_writer("run", None, lang, provenance)
    return commit_folder(writers, out, force=force)


def page_writer(
    kind: str, folder: Path | None, lang: str, provenance: Mapping[str, Any] | None
) -> Writer:
    """A writer of the review page of ``kind`` for ``folder`` (default: where it is written)."""
    from placement.review import page
    from placement.review.page import write_text

    def write(path: Path) -> None:
        source = path.parent if folder is None else folder
        write_text(page(kind, source, lang=lang, provenance=provenance), path)

    return write


def run_record(outcome: Outcome) -> dict[str, Any]:
    """``run.json``: what a result folder needs to stand alone (exports, maps, reading).

    The settings the run was solved with (planning date, mode, landscape with
    its types and tracks, weights, the chain ``moves_ahead`` priced with,
    solver options), the program's version, the versions it ran on
    (placement, HiGHS and highspy, numpy, pandas, Pyomo, Python) and every
    location's gemeente and point, and whether it has medical care and suits
    children (what the review page needs to offer a pin).
    """
    from placement.about import __version__, versions

    data = outcome.problem
    if data is None:
        raise ValueError("an outcome without its problem data has no run record")
    s = data.settings
    landscape = s.landscape
    points = data.locations[
        ["location_id", "gemeente_code", "lat", "lon", "has_medical", "child_suitable"]
    ]
    return {
        "placement_version": __version__,
        "versions": versions(),
        "planning_date": s.planning_date.isoformat(),
        "mode": s.mode,
        "landscape": None
        if landscape is None
        else {
            "name": landscape.name,
            "types": list(landscape.types),
            "tracks": {t: list(v) for t, v in landscape.allowed.items()},
        },
        "weights": asdict(s.weights),
        "chain": {
            "tracks": {
                t: {"weeks": f.weeks, "next": dict(f.next)}
                for t, f in s.chain.flows_for(landscape.name if landscape else "").items()
            },
            "leave_weeks": s.chain.leave_weeks,
            "housing_lead_weeks": s.chain.housing_lead_weeks,
        },
        "solver": asdict(s.solver),
        "locations": points.to_dict("records"),
    }


def export_outcome(
    source: Outcome | Path | str,
    formats: Iterable[str],
    out: Path | str | None = None,
    *,
    scenario: Scenario | None = None,
    lang: str = "nl",
    provenance: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Export one run (an Outcome, or a result folder) in each of ``formats``.

    Parameters
    ----------
    source
        An outcome of :func:`placement.run`, or a folder written by
        ``placement place`` (or a run folder of ``placement whatif``).
    formats
        Some of :data:`FORMATS`.
    out
        Folder to write to; default ``source`` when it is a folder. Only the
        export files are written (and replaced when they exist).
    scenario
        Supplies coordinates for the maps when ``source`` is a folder whose
        ``locations.csv`` has none.
    lang, provenance
        The language of ``report.html`` and what it says of the run's
        origin (format ``html``, which needs a folder).

    Returns
    -------
    list of Path
        The files written: ``results.xlsx``, ``locations.geojson`` and
        ``moves.geojson``, ``map.gpkg``, ``placements.parquet`` and
        ``locations.parquet``, ``map.png``, ``report.html``.
    """
    formats = list(formats)
    if isinstance(source, Outcome):
        if out is None:
            raise ValueError("give the folder to write to (out) when exporting an Outcome")
        if "html" in formats:
            raise ExportError(_("report.html is made from a result folder: write the run first"))
        tables = run_tables(source)
    else:
        tables = read_run(Path(source), scenario)
        out = out if out is not None else source
    with using(lang):
        writers = run_writers(tables, formats, title=_map_title(tables.kpis))
    if "html" in formats:
        writers["report.html"] = page_writer("run", Path(str(source)), lang, provenance)
    return commit_folder(writers, Path(out), force=True)


def _map_title(kpis: Mapping[str, Any]) -> str:
    """The title of a run's map: its mode and planning date, in the current language."""
    mode = kpis.get("mode", "")
    day = kpis.get("planning_date", "")
    return _("{mode} run, {date}").format(
        mode=_(MODE_WORDS[Mode(mode)]) if mode in MODE_WORDS else mode,
        date=date(dt.date.fromisoformat(day)) if day else "",
    )


def whatif_writers(
    result: WhatIfRuns,
    formats: Iterable[str],
    lang: str = "nl",
    provenance: Mapping[str, Any] | None = None,
) -> dict[str, Writer]:
    """Top-level entry of the what-if folder -> writer (folders are written whole)."""
    formats = check_formats(formats)
    runs = {name: run_tables(o) for name, o in result.outcomes.items()}
    writers: dict[str, Writer] = {}
    for name, tables in runs.items():
        writers[name] = folder_writer(
            {
                "placements.csv": partial(write_csv, placement_table(tables.placements)),
                "locations.csv": partial(write_csv, location_table(tables.sites)),
                "kpis.json": partial(write_json, tables.kpis),
                "run.json": partial(write_json, run_record(result.outcomes[name])),
                **run_writers(tables, [f for f in formats if f not in PAGED], title=name),
            }
        )
    variants = {v.name: v.changes for v in result.variants}
    c = result.comparison
    writers["comparison"] = folder_writer(
        {
            "kpis.csv": partial(write_csv, c.kpis),
            "locations.csv": partial(write_csv, bool_text(c.locations)),
            "closure_moves.csv": partial(write_csv, c.closure_moves),
            "variants.json": partial(write_json, variants),
            **comparison_writers(c, list(result.outcomes)[1:], formats),
        }
    )
    if "xlsx" in formats:
        with using(lang):
            writers["whatif.xlsx"] = partial(write_workbook, whatif_sheets(c, runs))
    if "html" in formats:  # last: it reads the folders written before it
        writers["comparison.html"] = page_writer("comparison", None, lang, provenance)
    return writers


def write_whatif(
    result: WhatIfRuns,
    out: Path,
    *,
    formats: Iterable[str] = (),
    force: bool = False,
    lang: str = "nl",
    provenance: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Write the what-if folder: one folder per run, ``comparison/``, the exports.

    All of it or nothing: written beside ``out``, then moved in (see
    :func:`commit_tree`). ``html`` adds ``comparison.html`` in ``lang``.
    """
    return commit_tree(whatif_writers(result, formats, lang, provenance), out, force=force)


#: Formats written once for a whole what-if folder, not per run.
PAGED = ("xlsx", "html")


def export_folder(
    folder: Path | str,
    formats: Iterable[str],
    *,
    scenario: Scenario | None = None,
    lang: str = "nl",
    provenance: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Export a result folder of ``place`` or ``whatif`` in place, in each of ``formats``.

    A what-if folder gets its exports per run, in ``comparison/`` and, for
    ``xlsx``, one ``whatif.xlsx`` (for ``html``, one ``comparison.html``); a
    ``place`` folder as :func:`export_outcome`.
    """
    folder = Path(folder)
    formats = check_formats(formats)
    if not is_whatif_folder(folder):
        return export_outcome(folder, formats, scenario=scenario, lang=lang, provenance=provenance)
    described = json.loads((folder / "comparison" / "variants.json").read_text(encoding="utf-8"))
    names = ["baseline", *described]
    runs = {name: read_run(folder / name, scenario) for name in names}
    per_run = [f for f in formats if f not in PAGED]
    paths = []
    for name, tables in runs.items():
        paths += commit_folder(run_writers(tables, per_run, title=name), folder / name, force=True)
    c = read_comparison(folder / "comparison")
    paths += commit_folder(
        comparison_writers(c, names[1:], per_run), folder / "comparison", force=True
    )
    if "xlsx" in formats:
        with using(lang):
            writer = partial(write_workbook, whatif_sheets(c, runs))
        paths += commit_folder({"whatif.xlsx": writer}, folder, force=True)
    if "html" in formats:
        page = page_writer("comparison", folder, lang, provenance)
        paths += commit_folder({"comparison.html": page}, folder, force=True)
    return paths
