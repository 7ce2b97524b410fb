"""The map's background: CBS gemeente and province boundaries, and the gemeenten's names.

Read from the reference data that ships with the program (``gemeenten.geojson``,
``provincies.geojson``, ``gemeenten.csv``; Bron: CBS / PDOK, CC BY 4.0) and
handed to the page as outlines: one list of longitudes and one of
latitudes per level, rings separated by ``None`` (a break in the line).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import pandas as pd

from placement.resources import reference_file

#: Shown under every map.
ATTRIBUTION = "Bron: CBS / PDOK (CC BY 4.0)"


@lru_cache(maxsize=2)
def outlines(level: str) -> dict[str, list[float | None]]:
    """Boundaries of ``gemeenten`` or ``provincies`` as ``{"lon": [...], "lat": [...]}``."""
    with open(reference_file(f"{level}.geojson"), encoding="utf-8") as f:
        features = json.load(f)["features"]
    lon: list[float | None] = []
    lat: list[float | None] = []
    for feature in features:
        for ring in _rings(feature["geometry"]):
            lon.extend(round(float(x), 4) for x, _ in ring)
            lat.extend(round(float(y), 4) for _, y in ring)
            lon.append(None)
            lat.append(None)
    return {"lon": lon, "lat": lat}


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def boundaries() -> dict[str, Any]:
    """Both levels and the attribution, as the page embeds them."""
    return {
        "gemeenten": outlines("gemeenten"),
        "provincies": outlines("provincies"),
        "attribution": ATTRIBUTION,
    }


@lru_cache(maxsize=1)
def gemeenten() -> pd.DataFrame:
    """The built-in gemeente table, by code: ``name``, ``province``, ``lat``, ``lon``."""
    table = pd.read_csv(reference_file("gemeenten.csv"), dtype={"gemeente_code": str})
    return table.set_index("gemeente_code")[["name", "province", "lat", "lon"]]
