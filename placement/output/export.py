"""Exports for people and systems downstream: Excel, GeoJSON, GeoPackage, Parquet, PNG.

Everything is built from :class:`~placement.output.tables.RunTables` and
comparison frames; :mod:`placement.output.folder` decides where they go.

- **Excel** (``xlsx``): one sheet per table, frozen header row, filters,
  readable column widths. A text cell starting with ``=``, ``+``, ``-`` or
  ``@`` is stored as text (with Excel's quote prefix), never as a formula.
- **GeoJSON / GeoPackage** (``geojson``, ``gpkg``): locations as points
  (occupancy, arrivals) and moves as lines from the old to the new location,
  one line per (from, to) pair with its persons and households; EPSG:4326.
- **Parquet** (``parquet``): the tables as they are (needs pyarrow).
- **PNG** (``png``): a map of the Netherlands (:mod:`placement.output.maps`).
- **HTML** (``html``): the review page (:mod:`placement.review`), made from the
  folder's own files by :mod:`placement.output.folder`, so not here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from placement.i18n import N_, _, word
from placement.output.files import Writer, placement_table
from placement.output.tables import (
    ExportError,
    RunTables,
    changes_frame,
    closure_lines,
    locations_frame,
    moves_frame,
)
from placement.results.compare import Comparison
from placement.vocab import (
    MODE_WORDS,
    STATUS_WORDS,
    Kpi,
    Mode,
    Status,
    column_title,
    has_title,
    kpi_title,
    term_title,
)

if TYPE_CHECKING:
    import geopandas as gpd

#: Formats :func:`export_outcome` and ``placement export`` know.
FORMATS = ("xlsx", "geojson", "gpkg", "parquet", "png", "html")

#: Text starting with one of these is what a spreadsheet reads as a formula.
FORMULA_START = ("=", "+", "-", "@")


def excel_value(value: Any) -> Any:
    """A cell value openpyxl writes as is: Python scalars, ``None`` for missing."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def write_workbook(sheets: Mapping[str, pd.DataFrame], path: Path) -> None:
    """Write one sheet per frame: frozen header, filters, column widths; no formulas."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    for title, frame in sheets.items():
        ws = wb.create_sheet(sheet_title(title, wb.sheetnames))
        ws.freeze_panes = "A2"
        for i, width in enumerate(column_widths(frame), start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        if len(frame.columns):
            last = get_column_letter(len(frame.columns))
            ws.auto_filter.ref = f"A1:{last}{len(frame) + 1}"
        header = []
        for name in frame.columns:
            cell = _text_cell(WriteOnlyCell(ws), str(name))
            cell.font = Font(bold=True)
            header.append(cell)
        ws.append(header)
        for row in frame.itertuples(index=False, name=None):
            ws.append([_cell(ws, WriteOnlyCell, v) for v in row])
    wb.save(path)


def _cell(ws: Any, make: Any, value: Any) -> Any:
    value = excel_value(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return _text_cell(make(ws), value)
    return value


def _text_cell(cell: Any, text: str) -> Any:
    """A cell holding ``text`` as a string, never a formula."""
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True
    return cell


def sheet_title(title: str, taken: Iterable[str]) -> str:
    """A valid, unique sheet name: no ``[ ] : * ? /`` or backslash, at most 31 characters."""
    clean = "".join("_" if c in "[]:*?/\\" else c for c in title).strip("'")[:31] or "sheet"
    taken = {t.lower() for t in taken}
    name, n = clean, 1
    while name.lower() in taken:
        n += 1
        name = f"{clean[: 31 - len(str(n)) - 1]}~{n}"
    return name


def column_widths(frame: pd.DataFrame, *, sample: int = 500) -> list[float]:
    """Widths that fit the header and the first ``sample`` values, 8 to 60 characters."""
    widths = []
    for name in frame.columns:
        values = frame[name].head(sample).map(lambda v: "" if excel_value(v) is None else str(v))
        longest = max([len(str(name)), *(len(v) for v in values)])  # no .str: may be empty
        widths.append(float(min(max(longest + 2, 8), 60)))
    return widths


#: Sheets of the workbooks, by their name in English (the CSV file they show).
SHEET_WORDS = {
    "placements": N_("placements"),
    "locations": N_("locations"),
    "kpis": N_("key figures"),
    "locations change": N_("locations changed"),
    "closure moves": N_("moves by a closure"),
    "links": N_("links"),
    "gemeenten": N_("gemeenten"),
}


def sheet_name(name: str, run: str = "") -> str:
    """A sheet's name in the current language, after the run it belongs to (if any)."""
    said = word(SHEET_WORDS, name)
    return f"{run} {said}" if run else said


def for_people(frame: pd.DataFrame, variants: tuple[str, ...] = ()) -> pd.DataFrame:
    """``frame`` with headers people read, in the current language (see ``vocab.COLUMN_WORDS``).

    The CSV files keep the column names; a workbook is read by people.
    """
    return frame.rename(columns=lambda c: column_title(str(c), variants))


def kpi_sheet(kpis: Mapping[str, Any], extra: Iterable[Kpi] = ()) -> pd.DataFrame:
    """The key figures of ``kpis.json`` for people: one row per figure, its name in words.

    Figures without a name for people (the solver's counters and timings) stay in
    ``kpis.json``; the objective's terms follow, each by its name in words.
    """
    named = {k.name: k for k in extra}
    rows: list[tuple[str, Any]] = []
    for key, value in kpis.items():
        if isinstance(value, Mapping | list):
            continue
        if key not in named and not has_title(key):
            continue
        title = named[key].title if key in named else kpi_title(key)
        if key == "status" and isinstance(value, str):
            value = _(STATUS_WORDS[Status(value)]) if value in STATUS_WORDS else value
        elif key == "mode" and value in MODE_WORDS:
            value = _(MODE_WORDS[Mode(value)])
        rows.append((title, value))
    for term, value in (kpis.get("objective_terms") or {}).items():
        rows.append((_("objective term: {term}").format(term=term_title(term)), value))
    frame = pd.DataFrame(rows, columns=["kpi", "value"]).astype({"value": object})
    return for_people(frame)


def comparison_kpi_sheet(kpis: pd.DataFrame, names: tuple[str, ...]) -> pd.DataFrame:
    """The comparison's key figures for people: each figure by its name in words."""
    frame = kpis.assign(kpi=[kpi_title(str(k)) for k in kpis["kpi"]])
    return for_people(frame, names)


def run_sheets(tables: RunTables, run: str = "") -> dict[str, pd.DataFrame]:
    """The sheets of one run (placements, locations, key figures), for people.

    Sheet names and headers in the current language; ``run`` names the run
    in a what-if workbook.
    """
    return {
        sheet_name("placements", run): for_people(placement_table(tables.placements)),
        sheet_name("locations", run): for_people(tables.sites),
        sheet_name("kpis", run): kpi_sheet(tables.kpis),
    }


def write_layers(layers: Mapping[str, gpd.GeoDataFrame], path: Path) -> None:
    """Write GeoDataFrames as layers of one GeoPackage."""
    for i, (name, frame) in enumerate(layers.items()):
        frame.to_file(path, layer=name, driver="GPKG", mode="w" if i == 0 else "a")


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Write one GeoDataFrame as GeoJSON (RFC 7946: WGS84)."""
    frame.to_file(path, driver="GeoJSON")


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Write a frame as Parquet; needs pyarrow."""
    try:
        frame.to_parquet(path, index=False)
    except ImportError as exc:
        raise ExportError(
            _("Parquet needs pyarrow: pip install pyarrow ({error})").format(error=exc)
        ) from None


def run_writers(tables: RunTables, formats: Iterable[str], title: str = "") -> dict[str, Writer]:
    """File name -> writer, for each export of one run in ``formats``."""
    from placement.output.maps import run_map

    formats = check_formats(formats)
    writers: dict[str, Writer] = {}
    if "xlsx" in formats:
        # the sheets now, in the language of the moment (the run's, see write_outcome)
        writers["results.xlsx"] = partial(write_workbook, run_sheets(tables))
    if "geojson" in formats:
        writers["locations.geojson"] = lambda p: write_geojson(locations_frame(tables), p)
        writers["moves.geojson"] = lambda p: write_geojson(moves_frame(tables), p)
    if "gpkg" in formats:
        writers["map.gpkg"] = lambda p: write_layers(
            {"locations": locations_frame(tables), "moves": moves_frame(tables)}, p
        )
    if "parquet" in formats:
        writers["placements.parquet"] = lambda p: write_parquet(tables.placements, p)
        writers["locations.parquet"] = lambda p: write_parquet(tables.sites, p)
    if "png" in formats:
        writers["map.png"] = lambda p: run_map(tables, p, title=title)
    return writers


def check_formats(formats: Iterable[str]) -> list[str]:
    """The formats, checked against :data:`FORMATS`."""
    formats = [f.lower().lstrip(".") for f in formats]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ValueError(
            _("unknown format(s) {unknown}; use {known}").format(
                unknown=", ".join(unknown), known=", ".join(FORMATS)
            )
        )
    return formats


def comparison_writers(c: Comparison, names: list[str], formats: list[str]) -> dict[str, Writer]:
    """The comparison's exports in ``formats`` (not xlsx); ``names`` the variants."""
    writers: dict[str, Writer] = {}
    if "geojson" in formats:
        writers["changes.geojson"] = lambda p: write_geojson(changes_frame(c.locations), p)
        writers["closure_moves.geojson"] = lambda p: write_geojson(closure_lines(c), p)
    if "gpkg" in formats:
        writers["changes.gpkg"] = lambda p: write_layers(
            {"changes": changes_frame(c.locations), "closure_moves": closure_lines(c)}, p
        )
    if "parquet" in formats:
        for name in ("kpis", "locations", "closure_moves"):
            frame = getattr(c, name)
            if name == "kpis":
                frame = frame.astype({col: str for col in frame.columns[2:]})
            writers[f"{name}.parquet"] = partial(write_parquet, frame)
    if "png" in formats:
        for name in names:
            writers[f"map_{name}.png"] = partial(
                _write_difference_map,
                c.locations[c.locations["variant"] == name],
                c.closure_moves[c.closure_moves["variant"] == name],
                _("{name} compared with the baseline").format(name=name),
            )
    return writers


def _write_difference_map(
    changes: pd.DataFrame, moves: pd.DataFrame, title: str, path: Path
) -> None:
    from placement.output.maps import difference_map

    difference_map(changes, moves, path, title=title)


def whatif_sheets(c: Comparison, runs: Mapping[str, RunTables]) -> dict[str, pd.DataFrame]:
    """The workbook: comparison first, then each run's tables."""
    names = tuple(runs)
    sheets = {
        sheet_name("kpis"): comparison_kpi_sheet(c.kpis, names),
        sheet_name("locations change"): for_people(c.locations, names),
        sheet_name("closure moves"): for_people(c.closure_moves, names),
    }
    for name, tables in runs.items():
        sheets.update(run_sheets(tables, run=name))
    return sheets
