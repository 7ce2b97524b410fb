"""The ``placement link`` output folder: all of it, or nothing.

``links.csv``, ``gemeenten.csv``, ``kpis.json`` and ``scenario/`` (the
scenario folder with the new housing gemeenten in ``persons.csv``, ready for
``placement place``), plus the exports asked for: ``links.xlsx``,
``links.geojson`` and ``gemeenten.geojson``, ``map.png``. Written beside
the target and moved in (:func:`placement.output.files.commit_tree`); with
``force`` only these entries are replaced.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterable
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from placement.i18n import using
from placement.input.dialect import read_table
from placement.input.scenario import PERSONS, Scenario
from placement.input.schema import PersonSchema, contract_columns
from placement.input.write import plain_table
from placement.link.results import GEMEENTE_COLUMNS, LINK_COLUMNS, LinkResult
from placement.output.files import (
    Writer,
    commit_tree,
    folder_writer,
    write_csv,
    write_json,
)

#: The exports ``placement link`` can add.
LINK_FORMATS = ("xlsx", "geojson", "png")


def write_link_folder(
    result: LinkResult,
    scenario: Scenario,
    out: Path,
    *,
    force: bool = False,
    formats: Iterable[str] = (),
) -> list[Path]:
    """Write the link folder, all of it or nothing; returns the entries written.

    Raises
    ------
    OutputExistsError
        When ``out`` is not empty and ``force`` is false.
    ValueError
        For a format not in :data:`LINK_FORMATS`.
    """
    formats = list(formats)
    unknown = sorted(set(formats) - set(LINK_FORMATS))
    if unknown:
        raise ValueError(f"unknown format(s) {unknown}; use {', '.join(LINK_FORMATS)}")
    links, gemeenten = link_table(result.links), gemeente_table(result.gemeenten)
    writers: dict[str, Writer] = {
        "links.csv": partial(write_csv, links),
        "gemeenten.csv": partial(write_csv, gemeenten),
        "kpis.json": partial(write_json, result.kpis),
        "scenario": folder_writer(scenario_writers(scenario, result.housing, skip=out)),
    }
    if formats:  # the export libraries load only when an export is asked for
        writers.update(_export_writers(result, scenario, links, gemeenten, formats))
    return commit_tree(writers, Path(out), force=force)


def _export_writers(
    result: LinkResult,
    scenario: Scenario,
    links: pd.DataFrame,
    gemeenten: pd.DataFrame,
    formats: list[str],
) -> dict[str, Writer]:
    """The exports' writers; the libraries they need load here, only when asked for."""
    from placement.link.geo import gemeente_points, link_lines
    from placement.link.maps import link_map
    from placement.link.results import LINK_KPIS
    from placement.output.export import (
        for_people,
        kpi_sheet,
        sheet_name,
        write_geojson,
        write_workbook,
    )

    writers: dict[str, Writer] = {}
    if "xlsx" in formats:  # for people: sheets and headers in the run's language
        with using(scenario.settings.language):
            sheets = {
                sheet_name("links"): for_people(links),
                sheet_name("gemeenten"): for_people(gemeenten),
                sheet_name("kpis"): kpi_sheet(result.kpis, LINK_KPIS),
            }
        writers["links.xlsx"] = partial(write_workbook, sheets)
    if "geojson" in formats:
        writers["links.geojson"] = lambda p: write_geojson(link_lines(result, scenario), p)
        writers["gemeenten.geojson"] = lambda p: write_geojson(gemeente_points(result), p)
    if "png" in formats:
        writers["map.png"] = lambda p: link_map(result, scenario, p)
    return writers


def link_table(links: pd.DataFrame) -> pd.DataFrame:
    """``links.csv``: the contract's columns first, ``distance_km`` with 3 decimals."""
    table = links[LINK_COLUMNS + [c for c in links.columns if c not in LINK_COLUMNS]].copy()
    table["distance_km"] = [("" if pd.isna(v) else f"{v:.3f}") for v in table["distance_km"]]
    return table


def gemeente_table(gemeenten: pd.DataFrame) -> pd.DataFrame:
    """``gemeenten.csv``: the contract's columns first."""
    extra = [c for c in gemeenten.columns if c not in GEMEENTE_COLUMNS]
    return gemeenten[GEMEENTE_COLUMNS + extra]


# --------------------------------------------------------------------------- scenario/


def scenario_writers(
    scenario: Scenario, housing: pd.Series, *, skip: Path | None = None
) -> dict[str, Writer]:
    """The scenario folder's entries, ``persons.csv`` with the housing gemeenten filled in.

    Every other file is copied as it is, and so is every folder but hidden
    ones and ``skip`` (the output folder, should it lie inside the scenario).
    """
    writers: dict[str, Writer] = {}
    skipped = skip.resolve() if skip is not None else None
    for entry in sorted(scenario.folder.iterdir()):
        if entry.name.startswith(".") or entry.resolve() == skipped:
            continue
        if entry.name == PERSONS:
            writers[entry.name] = partial(write_persons, scenario, housing)
        elif entry.is_dir():
            writers[entry.name] = partial(_copy_tree, entry, skipped)
        elif entry.is_file():
            writers[entry.name] = partial(_copy_file, entry)
    return writers


def _copy_file(source: Path, target: Path) -> None:
    shutil.copy2(source, target)


def _copy_tree(source: Path, skipped: Path | None, target: Path) -> None:
    def ignore(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if (Path(folder) / n).resolve() == skipped]

    shutil.copytree(source, target, ignore=ignore)


def write_persons(scenario: Scenario, housing: pd.Series, path: Path) -> None:
    """``persons.csv`` as the package writes it, only ``housing_gemeente_code`` changed.

    Plain UTF-8, ``,``-separated, dates ``yyyy-mm-dd``, booleans
    ``true``/``false``; the contract's columns in its order, then any other
    column of the original file, its cells as they were.
    """
    persons = scenario.persons.assign(
        housing_gemeente_code=persons_housing(scenario.persons, housing)
    )
    kinds = contract_columns(PersonSchema)
    text = plain_table(persons, kinds)
    source = scenario.folder / PERSONS
    if set(_header(source)) - set(kinds):
        raw = read_table(source).cells
        for column in raw.columns:
            if column not in kinds:
                text[column] = raw[column].to_numpy()
    text.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def _header(path: Path) -> list[str]:
    """The column names of a CSV file's first line, as the reader splits them.

    Only to learn whether the file has columns beyond the contract's; when
    in doubt (an odd first line) every name found counts, and the whole file
    is read.
    """
    first = b""
    with open(path, "rb") as f:
        for first in f:  # the first line that is not blank
            if first.strip():
                break
    try:
        line = first.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        line = first.decode("cp1252", errors="replace")
    separator = ";" if line.count(";") > line.count(",") else ","
    return [name.strip() for name in next(csv.reader([line], delimiter=separator), [])]


def persons_housing(persons: pd.DataFrame, housing: pd.Series) -> np.ndarray:
    """Each person's housing gemeente after linking (its household's)."""
    return housing.reindex(persons["household_id"]).fillna("").to_numpy(dtype=object)
