"""Derive the reference data shipped in ``data/`` from the raw public sources.

Usage::

    .venv/bin/python scripts/build_reference_data.py [--raw ../shared/data/raw] [--out data]

Reads the raw files described in ``PROVENANCE.md`` of the raw folder and writes

- ``gemeenten.csv``            gemeente_code, name, province, lat, lon, population
- ``gemeenten.geojson``        gemeente boundaries (CBS 2025, generalised by cartomap/nl)
- ``provincies.geojson``       province boundaries (CBS 2023 = 2025, generalised by cartomap/nl)
- ``coa_locations.csv``        the hand-compiled seed list of real COA locations, cleaned
- ``reception_statistics.csv`` the published COA/CBS marginals the generator uses

The output is deterministic: running it twice gives byte-identical files.
Attribution: CBS / PDOK open data, CC BY 4.0 ("Bron: CBS / PDOK"); boundaries
simplified by the cartomap/nl project; COA figures from the news and COA pages
named per row in ``source_url``. See ``data/README.md``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

import pandas as pd
import shapely
from shapely.geometry import mapping, shape

REPO = Path(__file__).resolve().parent.parent
DEFAULT_RAW = REPO.parent / "shared" / "data" / "raw"
DEFAULT_OUT = REPO / "data"

ATTRIBUTION = (
    "Bron: CBS / PDOK (CC BY 4.0), gebiedsindeling gegeneraliseerd; "
    "vereenvoudigd door cartomap/nl (github.com/cartomap/nl)"
)

#: Source ``type`` of the seed list -> a landscape-neutral kind the generator maps to types.
SOURCE_KIND = {
    "aanmeldcentrum": "aanmeld",
    "azc": "azc",
    "noodopvang": "noodopvang",
    "crisisnoodopvang": "noodopvang",
    "tijdelijke opvang": "noodopvang",
    "hotelopvang": "hotel",
    "wachtkamer (noodopvang voor registratie)": "noodopvang",
    "nachtopvang (noodopvang)": "noodopvang",
}


def build_gemeenten(raw: Path) -> pd.DataFrame:
    """Gemeente reference table: the CBS 2025 centroids and 1-1-2024 inhabitants.

    ``lat``/``lon`` are copied as text from ``centroid_lat``/``centroid_lon``
    so the values are exactly the ones the contract names.
    """
    src = pd.read_csv(raw / "gemeenten_2025.csv", dtype=str, keep_default_na=False)
    out = pd.DataFrame(
        {
            "gemeente_code": src["statcode"],
            "name": src["statnaam"],
            "province": src["provincie"],
            "lat": src["centroid_lat"],
            "lon": src["centroid_lon"],
            "population": src["inwoners_2024"].astype(int),
        }
    )
    if not out["gemeente_code"].str.fullmatch(r"GM\d{4}").all():
        raise ValueError("gemeenten_2025.csv: a statcode is not GM + 4 digits")
    if out["gemeente_code"].duplicated().any():
        raise ValueError("gemeenten_2025.csv: duplicate statcode")
    return out.sort_values("gemeente_code", kind="stable").reset_index(drop=True)


def _feature_collection(features: list[dict], name: str) -> str:
    """Compact GeoJSON text: one feature per line, attribution as a foreign member."""
    head = json.dumps(
        {"type": "FeatureCollection", "name": name, "attribution": ATTRIBUTION},
        ensure_ascii=False,
    )[:-1]
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return head + ', "features": [\n' + ",\n".join(lines) + "\n]}\n"


def _valid_geometry(geometry: dict) -> dict:
    """The geometry with 3-decimal coordinates, repaired when it is not valid.

    Two gemeenten (GM0293, GM1676) and one province (PV29) of the cartomap
    file self-intersect after cartomap's rounding to 3 decimals; snapping them
    to a 0.001 degree grid with ``shapely.set_precision`` makes them valid
    (area change < 1.5 % for the tiny GM0293 part, far less elsewhere).
    """
    geom = {"type": geometry["type"], "coordinates": _round_coords(geometry["coordinates"])}
    shp = shape(geom)
    if shapely.is_valid(shp):
        return geom
    fixed = mapping(shapely.set_precision(shp, 1e-3))
    coords = _round_coords(json.loads(json.dumps(fixed["coordinates"])))
    out = {"type": fixed["type"], "coordinates": coords}
    if not shapely.is_valid(shape(out)):
        raise ValueError("could not repair a boundary geometry")
    return out


def _round_coords(coords: list, digits: int = 3) -> list:
    if coords and isinstance(coords[0], int | float):
        return [round(float(c), digits) for c in coords]
    return [_round_coords(c, digits) for c in coords]


def build_gemeenten_geojson(raw: Path, codes: set[str]) -> str:
    """Gemeente boundaries keeping only ``gemeente_code`` and ``name``, sorted by code."""
    data = json.loads((raw / "gemeente_2025_cartomap_wgs84.geojson").read_text("utf-8"))
    features = []
    for f in data["features"]:
        code = f["properties"]["statcode"]
        geom = _valid_geometry(f["geometry"])
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"gemeente_code": code, "name": f["properties"]["statnaam"]},
                "geometry": geom,
            }
        )
    features.sort(key=lambda f: f["id"])
    found = {f["id"] for f in features}
    if found != codes:
        raise ValueError(f"boundaries and gemeente table differ: {sorted(found ^ codes)}")
    return _feature_collection(features, "gemeenten_2025")


def build_provincies_geojson(raw: Path) -> str:
    """Province boundaries with ``province_code`` (PVxx) and ``name``."""
    data = json.loads((raw / "provincie_2023_wgs84.geojson").read_text("utf-8"))
    features = []
    for f in data["features"]:
        props = f["properties"]
        code = props["statcode"]
        name = props.get("name") or props.get("statnaam")
        geom = _valid_geometry(f["geometry"])
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"province_code": code, "name": name},
                "geometry": geom,
            }
        )
    features.sort(key=lambda f: f["id"])
    return _feature_collection(features, "provincies_2023")


def build_coa_locations(raw: Path, codes: set[str]) -> pd.DataFrame:
    """The seed list of real COA locations, with clean names and a generator ``kind``.

    ``name`` drops the bracketed remark of ``locatie`` (kept in ``remark``);
    ``kind`` is ``aanmeld`` (registration centre: Ter Apel, and Budel which the
    source calls "azc ... (ook aanmeldcentrum)"), ``azc``, ``noodopvang`` or ``hotel``.
    """
    src = pd.read_csv(raw / "coa_locaties_uit_nieuwsbronnen.csv", dtype=str, keep_default_na=False)
    unknown = sorted(set(src["type"]) - set(SOURCE_KIND))
    if unknown:
        raise ValueError(f"coa_locaties_uit_nieuwsbronnen.csv: unmapped type(s) {unknown}")
    name = src["locatie"].str.replace(r"\s*\([^)]*\)\s*", " ", regex=True).str.strip()
    name = name.str.replace(r"\s+", " ", regex=True)
    # "Aanmeldcentrum / centrale opvanglocatie Ter Apel" -> keep as is; it is the real name.
    remark = src["locatie"].map(lambda s: "; ".join(re.findall(r"\(([^)]*)\)", s)))
    kind = src["type"].map(SOURCE_KIND)
    kind = kind.where(~src["locatie"].str.contains("aanmeldcentrum", case=False), "aanmeld")
    out = pd.DataFrame(
        {
            "name": name,
            "place": src["plaats"],
            "gemeente_code": src["gemeente_statcode"],
            "gemeente": src["gemeente"],
            "kind": kind,
            "source_type": src["type"],
            "capacity": src["capaciteit"].astype(int),
            "capacity_note": src["capaciteit_toelichting"],
            "remark": remark,
            "peildatum": src["peildatum"],
            "source_url": src["bron_url"],
        }
    )
    missing = sorted(set(out["gemeente_code"]) - codes)
    if missing:
        raise ValueError(f"coa_locaties_uit_nieuwsbronnen.csv: unknown gemeente code(s) {missing}")
    if out["name"].duplicated().any():
        raise ValueError("coa_locaties_uit_nieuwsbronnen.csv: two seeds get the same clean name")
    return out


def build_reception_statistics(raw: Path) -> pd.DataFrame:
    """National and provincial published marginals in one long table.

    ``scope`` is ``NL`` for national figures or the province code (``PVxx``).
    """
    nat = pd.read_csv(raw / "coa_populatie_statistieken.csv", dtype=str, keep_default_na=False)
    prov = pd.read_csv(
        raw / "provinciale_opvangcijfers_uit_nieuwsbronnen.csv", dtype=str, keep_default_na=False
    )
    national = pd.DataFrame(
        {
            "scope": "NL",
            "area": "Nederland",
            "indicator": nat["indicator"],
            "value": nat["waarde"],
            "unit": nat["eenheid"],
            "peildatum": nat["peildatum"],
            "note": nat["toelichting"],
            "source_url": nat["bron_url"],
        }
    )
    provincial = pd.DataFrame(
        {
            "scope": prov["provincie_statcode"],
            "area": prov["provincie"],
            "indicator": prov["kenmerk"],
            "value": prov["waarde"],
            "unit": "plaatsen",
            "peildatum": prov["peildatum"],
            "note": prov["toelichting"],
            "source_url": prov["bron_url"],
        }
    )
    return pd.concat([national, provincial], ignore_index=True)


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(
        path, index=False, encoding="utf-8", lineterminator="\n", quoting=csv.QUOTE_MINIMAL
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="folder of the raw files")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write (data/)")
    args = parser.parse_args(argv)
    raw: Path = args.raw
    out: Path = args.out
    if not (raw / "gemeenten_2025.csv").is_file():
        parser.error(f"{raw} does not hold the raw files (gemeenten_2025.csv not found)")
    out.mkdir(parents=True, exist_ok=True)

    gemeenten = build_gemeenten(raw)
    codes = set(gemeenten["gemeente_code"])
    _write_csv(gemeenten, out / "gemeenten.csv")
    (out / "gemeenten.geojson").write_text(build_gemeenten_geojson(raw, codes), "utf-8")
    (out / "provincies.geojson").write_text(build_provincies_geojson(raw), "utf-8")
    _write_csv(build_coa_locations(raw, codes), out / "coa_locations.csv")
    _write_csv(build_reception_statistics(raw), out / "reception_statistics.csv")
    for name in (
        "gemeenten.csv",
        "gemeenten.geojson",
        "provincies.geojson",
        "coa_locations.csv",
        "reception_statistics.csv",
    ):
        print(f"wrote {out / name} ({(out / name).stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
