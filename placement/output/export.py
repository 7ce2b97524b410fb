"""Exports for people and systems downstream: Excel, GeoJSON, GeoPackage, Parquet, PNG.

Everything is built from result frames: an :class:`~placement.results.outcome.Outcome`
in memory, or a result folder written by ``placement place`` or
``placement whatif`` read back from disk.

- **Excel** (``xlsx``): one sheet per table, frozen header row, filters,
  readable column widths. A text cell starting with ``=``, ``+``, ``-`` or
  ``@`` is stored as text (with Excel's quote prefix), never as a formula.
- **GeoJSON / GeoPackage** (``geojson``, ``gpkg``): locations as points
  (occupancy, arrivals) and moves as lines from the old to the new location,
  one line per (from, to) pair with its persons and households; EPSG:4326.
- **Parquet** (``parquet``): the tables as they are (needs pyarrow).
- **PNG** (``png``): a map of the Netherlands (:mod:`placement.output.maps`).

A what-if folder is written whole by :func:`write_whatif`.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely import LineString, Point

from placement.errors import PlacementError
from placement.output.files import (
    check_target,
    commit_folder,
    location_table,
    placement_table,
    run_record,
    write_csv,
    write_json,
)
from placement.results.compare import Comparison
from placement.results.outcome import Outcome

if TYPE_CHECKING:
    from placement.input.scenario import Scenario
    from placement.whatif import WhatIfResult

Writer = Callable[[Path], Any]

#: Formats :func:`export_outcome` and ``placement export`` know.
FORMATS = ("xlsx", "geojson", "gpkg", "parquet", "png")
#: The coordinate reference system of every geographic export (WGS84).
CRS = "EPSG:4326"
#: Text starting with one of these is what a spreadsheet reads as a formula.
FORMULA_START = ("=", "+", "-", "@")
SITE_COLUMNS = ["gemeente_code", "lat", "lon"]


class ExportError(PlacementError):
    """An export cannot be made from what is given (e.g. no coordinates)."""


@dataclass(frozen=True)
class RunTables:
    """One run's tables.

    ``placements`` per person, ``sites`` per location (with ``gemeente_code``,
    ``lat``, ``lon`` when known) and ``kpis``.
    """

    placements: pd.DataFrame
    sites: pd.DataFrame
    kpis: dict[str, Any]


def run_tables(outcome: Outcome) -> RunTables:
    """The tables of an outcome, locations with their gemeente and point."""
    sites = outcome.locations.copy()
    if outcome.problem is not None:
        for column in SITE_COLUMNS:
            sites[column] = outcome.problem.locations[column].to_numpy()
    return RunTables(outcome.placements, sites, dict(outcome.kpis))


def read_run(folder: Path, scenario: Scenario | None = None) -> RunTables:
    """Read a result folder back, with the locations' points from its ``run.json``.

    ``scenario`` supplies the points of a folder written without ``run.json``.
    """
    try:
        placements = pd.read_csv(folder / "placements.csv", dtype=str, keep_default_na=False)
        sites = pd.read_csv(folder / "locations.csv", dtype={"location_id": str})
        kpis = json.loads((folder / "kpis.json").read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ExportError(
            f"{folder} is not a result folder ({Path(str(exc.filename)).name} is missing); "
            "give the --out folder of placement place or whatif"
        ) from None
    placements["distance_km"] = pd.to_numeric(placements["distance_km"], errors="coerce")
    for column in ("open", "over_limit"):
        if column in sites and sites[column].dtype == object:
            sites[column] = sites[column].astype(str).str.lower() == "true"
    points = _points(folder, scenario)
    if points is not None and not {"lat", "lon"} <= set(sites.columns):
        for column in SITE_COLUMNS:
            sites[column] = sites["location_id"].map(points[column])
    return RunTables(placements, sites, kpis)


def _points(folder: Path, scenario: Scenario | None) -> pd.DataFrame | None:
    """Each location's gemeente and point, by id: from run.json, else the scenario."""
    record = folder / "run.json"
    if record.is_file():
        locations = json.loads(record.read_text(encoding="utf-8"))["locations"]
        return pd.DataFrame(locations, columns=["location_id", *SITE_COLUMNS]).set_index(
            "location_id"
        )
    if scenario is not None:
        return scenario.locations.set_index("location_id")
    return None


# --------------------------------------------------------------------------- Excel


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


# --------------------------------------------------------------------------- maps


def locations_frame(tables: RunTables) -> gpd.GeoDataFrame:
    """Locations as points with their figures (EPSG:4326)."""
    sites = _with_points(tables.sites)
    return gpd.GeoDataFrame(
        sites.drop(columns=["lat", "lon"]),
        geometry=gpd.points_from_xy(sites["lon"], sites["lat"]),
        crs=CRS,
    )


def moves_frame(tables: RunTables) -> gpd.GeoDataFrame:
    """Moves as lines from the old to the new location, one per (from, to) pair."""
    p = tables.placements
    moved = p[(p["status"] == "move") & (p["to_location_id"] != "")]
    pairs = (
        moved.groupby(["from_location_id", "to_location_id"], sort=False)
        .agg(persons=("person_id", "size"), households=("household_id", "nunique"))
        .reset_index()
    )
    return lines_between(pairs, _with_points(tables.sites))


def lines_between(pairs: pd.DataFrame, sites: pd.DataFrame) -> gpd.GeoDataFrame:
    """Lines from ``from_location_id`` to ``to_location_id`` of each row (EPSG:4326)."""
    points = sites.set_index("location_id")[["lon", "lat"]]
    start = points.reindex(pairs["from_location_id"]).to_numpy(float)
    end = points.reindex(pairs["to_location_id"]).to_numpy(float)
    lines = [LineString([a, b]) for a, b in zip(start, end, strict=True)]
    return gpd.GeoDataFrame(pairs.reset_index(drop=True), geometry=lines, crs=CRS)


def _with_points(sites: pd.DataFrame) -> pd.DataFrame:
    if not {"lat", "lon"} <= set(sites.columns) or sites[["lat", "lon"]].isna().any().any():
        raise ExportError(
            "the locations have no coordinates (the folder has no run.json); export from an "
            "Outcome, or give the scenario (placement export ... --scenario SCENARIO_DIR)"
        )
    return sites


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


# --------------------------------------------------------------------------- one run


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


def export_outcome(
    source: Outcome | Path | str,
    formats: Iterable[str],
    out: Path | str | None = None,
    *,
    scenario: Scenario | None = None,
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

    Returns
    -------
    list of Path
        The files written: ``results.xlsx``, ``locations.geojson`` and
        ``moves.geojson``, ``map.gpkg``, ``placements.parquet`` and
        ``locations.parquet``, ``map.png``.
    """
    if isinstance(source, Outcome):
        if out is None:
            raise ValueError("give the folder to write to (out) when exporting an Outcome")
        tables = run_tables(source)
    else:
        tables = read_run(Path(source), scenario)
        out = out if out is not None else source
    title = f"{tables.kpis.get('mode', '')} run, {tables.kpis.get('planning_date', '')}"
    writers = run_writers(tables, formats, title=title)
    return commit_folder(writers, Path(out), force=True)


# --------------------------------------------------------------------------- what-if


def whatif_writers(result: WhatIfResult, formats: Iterable[str]) -> dict[str, Writer]:
    """Top-level entry of the what-if folder -> writer (folders are written whole)."""
    formats = check_formats(formats)
    runs = {name: run_tables(o) for name, o in result.outcomes.items()}
    writers: dict[str, Writer] = {}
    for name, tables in runs.items():
        writers[name] = _folder(
            {
                "placements.csv": partial(_write_table, placement_table(tables.placements)),
                "locations.csv": partial(_write_table, location_table(tables.sites)),
                "kpis.json": partial(_write_kpis, tables.kpis),
                "run.json": partial(_write_kpis, run_record(result.outcomes[name])),
                **run_writers(tables, [f for f in formats if f != "xlsx"], title=name),
            }
        )
    variants = {v.name: v.changes for v in result.variants}
    c = result.comparison
    writers["comparison"] = _folder(
        {
            "kpis.csv": partial(_write_table, c.kpis),
            "locations.csv": partial(_write_table, text_booleans(c.locations)),
            "closure_moves.csv": partial(_write_table, c.closure_moves),
            "variants.json": partial(_write_kpis, variants),
            **comparison_writers(c, list(result.outcomes)[1:], formats),
        }
    )
    if "xlsx" in formats:
        writers["whatif.xlsx"] = lambda p: write_workbook(whatif_sheets(c, runs), p)
    return writers


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
            writers[f"{name}.parquet"] = partial(_write_parquet, frame)
    if "png" in formats:
        for name in names:
            writers[f"map_{name}.png"] = partial(
                _write_difference_map,
                c.locations[c.locations["variant"] == name],
                c.closure_moves[c.closure_moves["variant"] == name],
                f"{name} compared with the baseline",
            )
    return writers


def text_booleans(frame: pd.DataFrame) -> pd.DataFrame:
    """Booleans as ``true``/``false`` (empty when missing), as the outputs write them."""
    frame = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if values.dtype in (bool, "boolean") or (
            values.dtype == object and values.map(lambda v: isinstance(v, bool | np.bool_)).any()
        ):
            frame[column] = values.map(
                lambda v: "" if excel_value(v) is None else ("true" if v else "false")
            )
    return frame


def _write_table(frame: pd.DataFrame, path: Path) -> None:
    write_csv(frame, path)


def _write_kpis(kpis: dict[str, Any], path: Path) -> None:
    write_json(kpis, path)


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    write_parquet(frame, path)


def _write_difference_map(
    changes: pd.DataFrame, moves: pd.DataFrame, title: str, path: Path
) -> None:
    from placement.output.maps import difference_map

    difference_map(changes, moves, path, title=title)


def changes_frame(changes: pd.DataFrame) -> gpd.GeoDataFrame:
    """The per-location change as points (EPSG:4326)."""
    return gpd.GeoDataFrame(
        changes.drop(columns=["lat", "lon"]),
        geometry=[Point(x, y) for x, y in zip(changes["lon"], changes["lat"], strict=True)],
        crs=CRS,
    )


def closure_lines(comparison: Comparison) -> gpd.GeoDataFrame:
    """Closure moves as lines, one per (variant, from, to) with persons and households."""
    moves = comparison.closure_moves
    placed = moves[moves["to_location_id"] != ""]
    pairs = (
        placed.groupby(["variant", "from_location_id", "to_location_id"], sort=False)
        .agg(persons=("persons", "sum"), households=("household_id", "size"))
        .reset_index()
    )
    sites = comparison.locations.drop_duplicates("location_id")
    return lines_between(pairs, sites)


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


def write_whatif(
    result: WhatIfResult, out: Path, *, formats: Iterable[str] = (), force: bool = False
) -> list[Path]:
    """Write the what-if folder: one folder per run, ``comparison/``, the exports.

    All of it or nothing: written beside ``out``, then moved in (see
    :func:`commit_tree`).
    """
    return commit_tree(whatif_writers(result, formats), out, force=force)


def _folder(writers: Mapping[str, Writer]) -> Writer:
    def write(path: Path) -> None:
        path.mkdir()
        for name, write_one in writers.items():
            write_one(path / name)

    return write


def commit_tree(writers: Mapping[str, Writer], out: Path, *, force: bool = False) -> list[Path]:
    """:func:`~placement.output.files.commit_folder` for entries that may be folders.

    With ``force``, a folder entry that exists in ``out`` is replaced whole;
    it is moved aside first and put back when writing fails.
    """
    check_target(out, force=force)
    old = [out / name for name in writers if (out / name).is_dir()]
    if not old:
        return commit_folder(writers, out, force=force)
    aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    moved: list[Path] = []
    try:
        for path in old:
            os.replace(path, aside / path.name)
            moved.append(path)
        return commit_folder(writers, out, force=force)
    except BaseException:
        for path in moved:
            if path.exists():
                shutil.rmtree(path)
            os.replace(aside / path.name, path)
        raise
    finally:
        shutil.rmtree(aside, ignore_errors=True)


# --------------------------------------------------------------------------- from disk


def is_whatif_folder(folder: Path) -> bool:
    """Whether ``folder`` was written by ``placement whatif``."""
    return (folder / "comparison" / "kpis.csv").is_file()


def read_comparison(folder: Path) -> Comparison:
    """Read ``comparison/`` of a what-if folder back."""
    text = {"keep_default_na": False, "na_values": [""]}
    ids = {c: str for c in ("variant", "location_id", "gemeente_code", "household_id")}
    moves_ids = {c: str for c in CLOSURE_ID_COLUMNS}
    kpis = pd.read_csv(folder / "kpis.csv", dtype=object)
    locations = pd.read_csv(folder / "locations.csv", dtype=ids, **text)  # type: ignore[arg-type]
    for column in ("open_baseline", "open_variant"):
        locations[column] = locations[column].map({"true": True, "false": False})
    locations["change"] = locations["change"].fillna("")
    moves = pd.read_csv(folder / "closure_moves.csv", dtype=moves_ids, keep_default_na=False)
    moves["distance_km"] = pd.to_numeric(moves["distance_km"], errors="coerce")
    return Comparison(kpis=kpis, locations=locations, closure_moves=moves)


CLOSURE_ID_COLUMNS = (
    "variant", "household_id", "from_location_id", "baseline_to_location_id",
    "baseline_status", "to_location_id", "status",
)  # fmt: skip


def export_folder(
    folder: Path | str, formats: Iterable[str], *, scenario: Scenario | None = None
) -> list[Path]:
    """Export a result folder of ``place`` or ``whatif`` in place, in each of ``formats``.

    A what-if folder gets its exports per run, in ``comparison/`` and, for
    ``xlsx``, one ``whatif.xlsx``; a ``place`` folder as :func:`export_outcome`.
    """
    folder = Path(folder)
    formats = check_formats(formats)
    if not is_whatif_folder(folder):
        return export_outcome(folder, formats, scenario=scenario)
    described = json.loads((folder / "comparison" / "variants.json").read_text(encoding="utf-8"))
    names = ["baseline", *described]
    runs = {name: read_run(folder / name, scenario) for name in names}
    per_run = [f for f in formats if f != "xlsx"]
    paths = []
    for name, tables in runs.items():
        paths += commit_folder(run_writers(tables, per_run, title=name), folder / name, force=True)
    c = read_comparison(folder / "comparison")
    paths += commit_folder(
        comparison_writers(c, names[1:], per_run), folder / "comparison", force=True
    )
    if "xlsx" in formats:
        writer = partial(_write_workbook, whatif_sheets(c, runs))
        paths += commit_folder({"whatif.xlsx": writer}, folder, force=True)
    return paths


def _write_workbook(sheets: Mapping[str, pd.DataFrame], path: Path) -> None:
    write_workbook(sheets, path)
