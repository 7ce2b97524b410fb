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
        longest = max([len(str(name)), *values.str.len().tolist()])
        widths.append(float(min(max(longest + 2, 8), 60)))
    return widths


def kpi_rows(kpis: Mapping[str, Any]) -> pd.DataFrame:
    """A KPI dict as rows ``kpi, value``; nested dicts as ``outer.inner``."""
    rows: list[tuple[str, Any]] = []
    for key, value in kpis.items():
        if isinstance(value, Mapping):
            rows.extend((f"{key}.{k}", v) for k, v in value.items())
        else:
            rows.append((key, value))
    return pd.DataFrame(rows, columns=["kpi", "value"]).astype({"value": object})


def run_sheets(tables: RunTables, prefix: str = "") -> dict[str, pd.DataFrame]:
    """The sheets of one run: placements, locations, kpis."""
    return {
        f"{prefix}placements": placement_table(tables.placements),
        f"{prefix}locations": tables.sites,
        f"{prefix}kpis": kpi_rows(tables.kpis),
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
        raise ExportError(f"Parquet needs pyarrow: pip install pyarrow ({exc})") from None


def run_writers(tables: RunTables, formats: Iterable[str], title: str = "") -> dict[str, Writer]:
    """File name -> writer, for each export of one run in ``formats``."""
    from placement.output.maps import run_map

    formats = check_formats(formats)
    writers: dict[str, Writer] = {}
    if "xlsx" in formats:
        writers["results.xlsx"] = lambda p: write_workbook(run_sheets(tables), p)
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
        raise ValueError(f"unknown format(s) {unknown}; use {', '.join(FORMATS)}")
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
                f"{name} compared with the baseline",
            )
    return writers


def _write_difference_map(
    changes: pd.DataFrame, moves: pd.DataFrame, title: str, path: Path
) -> None:
    from placement.output.maps import difference_map

    difference_map(changes, moves, path, title=title)


def whatif_sheets(c: Comparison, runs: Mapping[str, RunTables]) -> dict[str, pd.DataFrame]:
    """The workbook: comparison first, then each run's tables."""
    sheets = {
        "kpis": c.kpis,
        "locations change": c.locations,
        "closure moves": c.closure_moves,
    }
    for name, tables in runs.items():
        sheets.update(run_sheets(tables, prefix=f"{name} "))
    return sheets
