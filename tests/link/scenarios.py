"""Tiny link scenarios written as folders, on gemeenten with points chosen for hand arithmetic.

The scenario's ``gemeenten.csv`` adds GM9001 at (0, 0), GM9002 at (0, 1) and
GM9003 at (0, 2): on the equator, so a location at (0, x) lies
``6371 * radians(|x - lon|)`` km from each (:func:`km`).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from placement.cli import app

GEMEENTEN = """gemeente_code,name,province,lat,lon,population
GM9001,Aadorp,Test,0,0,1000
GM9002,Beedorp,Test,0,1,3000
GM9003,Ceedorp,Test,0,2,2000
"""
PLANNING = "2026-11-23"
HEADER = (
    "person_id,household_id,age,track,current_location_id,housing_gemeente_code,family_group,"
    "permit_date"
)
runner = CliRunner()


def km(lon_a: float, lon_b: float) -> float:
    """Kilometres between two points on the equator, as the contract measures."""
    return 6371.0 * math.radians(abs(lon_a - lon_b))


def write(
    folder: Path,
    locations: str,
    persons: list[str],
    quotas: dict[str, int] | str,
    link: dict[str, float] | None = None,
) -> Path:
    """A scenario folder; ``persons`` are rows after :data:`HEADER`, ``quotas`` code -> quota."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "gemeenten.csv").write_text(GEMEENTEN, encoding="utf-8")
    (folder / "locations.csv").write_text(locations, encoding="utf-8")
    (folder / "persons.csv").write_text("\n".join([HEADER, *persons]) + "\n", encoding="utf-8")
    if isinstance(quotas, dict):
        quotas = "gemeente_code,quota\n" + "".join(f"{c},{q}\n" for c, q in quotas.items())
    (folder / "taakstelling.csv").write_text(quotas, encoding="utf-8")
    toml = f"planning_date = {PLANNING}\n"
    if link:
        toml += "\n[link]\n" + "".join(f"{k} = {v}\n" for k, v in link.items())
    (folder / "scenario.toml").write_text(toml, encoding="utf-8")
    return folder


def run(folder: Path, out: Path, *args: str) -> Any:
    """``placement link`` in-process, without history; returns the CliRunner result."""
    return runner.invoke(app, ["link", str(folder), "--out", str(out), "--no-history", *args])


def linked(out: Path) -> dict[str, str]:
    """household_id -> gemeente_code ('' unlinked) from links.csv."""
    import csv

    with open(out / "links.csv", encoding="utf-8", newline="") as f:
        return {r["household_id"]: r["gemeente_code"] for r in csv.DictReader(f)}


def rows(path: Path) -> list[dict[str, str]]:
    """A CSV file's rows as text."""
    import csv

    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def kpis(out: Path) -> dict[str, Any]:
    """kpis.json."""
    return json.loads((out / "kpis.json").read_text(encoding="utf-8"))


def random_problem(folder: Path, seed: int, **sizes: int) -> Any:
    """A random scenario of :func:`tests.link_oracle.random_scenario`, read and prepared."""
    import numpy as np

    from placement.link.problem import prepare_link
    from placement.link.run import read_link_inputs
    from tests.link_oracle import random_scenario

    random_scenario(np.random.default_rng(seed), folder, **sizes)
    inputs = read_link_inputs(folder)
    return prepare_link(inputs.scenario, inputs.quotas)
