"""A link run's geography: lines from locations to gemeenten, quota rows as points.

For the GeoJSON exports and the map; EPSG:4326, as every geographic export.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from placement.input.scenario import Scenario
from placement.link.results import GEMEENTE_COLUMNS, LinkResult
from placement.output.tables import CRS, lines_between


def link_lines(result: LinkResult, scenario: Scenario) -> gpd.GeoDataFrame:
    """A line from each current location to each gemeente its households are linked to.

    One line per (location, gemeente) with ``persons``, ``households`` and
    ``distance_km``; households without a current location draw none (EPSG:4326).
    """
    hh = result.households
    linked = hh[(hh["j"] >= 0) & (hh["location_id"] != "")]
    pairs = (
        linked.groupby(["location_id", "gemeente_code"], sort=True)
        .agg(
            persons=("size", "sum"),
            households=("household_id", "size"),
            distance_km=("distance_km", "first"),
        )
        .reset_index()
    )
    locations = scenario.locations[["location_id", "lat", "lon"]]
    gemeenten = result.problem.gemeenten
    sites = pd.concat(
        [
            locations.assign(location_id="location " + locations["location_id"]),
            pd.DataFrame(
                {
                    "location_id": "gemeente " + gemeenten["gemeente_code"],
                    "lat": gemeenten["lat"],
                    "lon": gemeenten["lon"],
                }
            ),
        ]
    )
    ends = pairs.assign(
        from_location_id="location " + pairs["location_id"],
        to_location_id="gemeente " + pairs["gemeente_code"],
    )
    lines = lines_between(ends, sites)
    lines["from_location_id"] = pairs["location_id"].to_numpy()
    lines["distance_km"] = lines["distance_km"].round(3)
    return lines.drop(columns=["location_id", "to_location_id"])[
        ["from_location_id", "gemeente_code", "persons", "households", "distance_km", "geometry"]
    ]


def gemeente_points(result: LinkResult) -> gpd.GeoDataFrame:
    """Each quota row at its gemeente's reference point, with what was linked (EPSG:4326)."""
    gemeenten = result.problem.gemeenten
    return gpd.GeoDataFrame(
        result.gemeenten[GEMEENTE_COLUMNS + ["name", "linked_households"]].reset_index(drop=True),
        geometry=gpd.points_from_xy(gemeenten["lon"], gemeenten["lat"]),
        crs=CRS,
    )
