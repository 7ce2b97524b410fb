"""A run's tables as the exports see them, from memory or read back from a result folder.

:class:`RunTables` holds one run's placements, its locations with their
gemeente and point, and its KPIs; :func:`run_tables` makes it from an
outcome, :func:`read_run` from a folder (points from its ``run.json``). The
geographic frames of the exports and maps are built here, in EPSG:4326.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from placement.errors import PlacementError
from placement.i18n import _
from placement.results.compare import Comparison
from placement.results.outcome import Outcome
from placement.vocab import HouseholdStatus

if TYPE_CHECKING:
    import geopandas as gpd

    from placement.input.scenario import Scenario

#: The coordinate reference system of every geographic export (WGS84).
CRS = "EPSG:4326"

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
        raise ExportError(not_a_run(folder, Path(str(exc.filename)).name)) from None
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


def locations_frame(tables: RunTables) -> gpd.GeoDataFrame:
    """Locations as points with their figures (EPSG:4326)."""
    import geopandas as gpd  # the maps' library: loaded only for a geographic export

    sites = _with_points(tables.sites)
    return gpd.GeoDataFrame(
        sites.drop(columns=["lat", "lon"]),
        geometry=gpd.points_from_xy(sites["lon"], sites["lat"]),
        crs=CRS,
    )


def moves_frame(tables: RunTables) -> gpd.GeoDataFrame:
    """Moves as lines from the old to the new location, one per (from, to) pair."""
    p = tables.placements
    moved = p[(p["status"] == HouseholdStatus.MOVE) & (p["to_location_id"] != "")]
    pairs = (
        moved.groupby(["from_location_id", "to_location_id"], sort=False)
        .agg(persons=("person_id", "size"), households=("household_id", "nunique"))
        .reset_index()
    )
    return lines_between(pairs, _with_points(tables.sites))


def lines_between(pairs: pd.DataFrame, sites: pd.DataFrame) -> gpd.GeoDataFrame:
    """Lines from ``from_location_id`` to ``to_location_id`` of each row (EPSG:4326)."""
    import geopandas as gpd
    from shapely import LineString

    points = sites.set_index("location_id")[["lon", "lat"]]
    start = points.reindex(pairs["from_location_id"]).to_numpy(float)
    end = points.reindex(pairs["to_location_id"]).to_numpy(float)
    lines = [LineString([a, b]) for a, b in zip(start, end, strict=True)]
    return gpd.GeoDataFrame(pairs.reset_index(drop=True), geometry=lines, crs=CRS)


def _with_points(sites: pd.DataFrame) -> pd.DataFrame:
    if not {"lat", "lon"} <= set(sites.columns) or sites[["lat", "lon"]].isna().any().any():
        raise ExportError(
            _(
                "the locations have no coordinates (the folder has no run.json); export from an "
                "Outcome, or give the scenario (placement export ... --scenario SCENARIO_DIR)"
            )
        )
    return sites


def changes_frame(changes: pd.DataFrame) -> gpd.GeoDataFrame:
    """The per-location change as points (EPSG:4326)."""
    import geopandas as gpd
    from shapely import Point

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


# --------------------------------------------------------------------------- what-if folders


#: The folders of the commands whose files ``export`` does not make, by a file they hold.
OTHER_FOLDERS = {"plan.csv": "plan", "outlook.csv": "simulate", "links.csv": "link"}


def not_a_run(folder: Path, missing: str) -> str:
    """Why ``folder`` cannot be exported (``missing`` is the file it lacks), in words."""
    for file, command in OTHER_FOLDERS.items():
        if (folder / file).is_file():
            return _(
                "{folder} is a folder of placement {command}, not of place or whatif; export "
                "writes the files of those. Its own files are there already; for its page, run "
                "placement {command} again with --html"
            ).format(folder=folder, command=command)
    return _(
        "{folder} is not a result folder ({file} is missing); give the --out folder of "
        "placement place or whatif"
    ).format(folder=folder, file=missing)


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
