"""Candidate sites for ``placement plan``: sites in real gemeenten, sizes and costs assumed.

What is real: the gemeenten (CBS 2025, drawn in proportion to their
population, the Spreidingswet principle) and the kinds of site on offer in
each landscape. Nothing in the reference data publishes what a new site
costs, so every figure below is an **assumption**, of the order of the
cost ranges the generator gives existing locations (``data/README.md``):

- capacity: the scenario's mean beds per location of that type, times
  0.5-2.0 (so candidates match the scenario's scale);
- cost per place per night: regulier/rol 50-80, gemeentelijk/satelliet
  60-90, noodopvang 100-180 euro (as the generator's existing locations);
- opening cost per place, once: regulier/rol 2,000-6,000 (building or
  refitting), gemeentelijk/satelliet 1,000-3,000, noodopvang 300-1,000 euro;
- first week it can open: regulier/rol 8-26 (permits and building),
  gemeentelijk/satelliet 4-16, noodopvang 1-6;
- paid for at least: regulier/rol 104 weeks, gemeentelijk/satelliet 52,
  noodopvang 26 (contract terms);
- child_suitable: all but a third of noodopvang; has_medical: a quarter.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from placement.synth.profiles import gemeente_table

#: Kinds of site on offer per landscape, with their share of the candidates.
KINDS: dict[str, dict[str, float]] = {
    "2024": {"regulier": 0.5, "gemeentelijk": 0.25, "noodopvang": 0.25},
    "2020": {"rol": 0.4, "satelliet": 0.35, "noodopvang": 0.25},
}
#: Per kind: cost per night, opening cost per place, first week, min weeks (ranges; assumptions).
_REGULAR = ((50, 80), (2000, 6000), (8, 26), 104)
_SMALL = ((60, 90), (1000, 3000), (4, 16), 52)
_EMERGENCY = ((100, 180), (300, 1000), (1, 6), 26)
FIGURES = {"regulier": _REGULAR, "rol": _REGULAR, "gemeentelijk": _SMALL, "satelliet": _SMALL,
           "noodopvang": _EMERGENCY}  # fmt: skip
NAMES = {"regulier": "nieuw azc", "rol": "nieuw azc", "gemeentelijk": "gemeentelijke opvang",
         "satelliet": "satellietlocatie", "noodopvang": "noodopvang"}  # fmt: skip
CANDIDATE_COLUMNS = ["candidate_id", "name", "gemeente_code", "type", "capacity",
                     "child_suitable", "has_medical", "lat", "lon", "first_week", "min_weeks",
                     "opening_cost", "cost_per_night"]  # fmt: skip


def default_count(persons: int) -> int:
    """Candidates for a scenario of ``persons``: 40 nationally (65,000), at least 8."""
    return max(8, round(40 * persons / 65000))


def draw_candidates(
    locations: pd.DataFrame, n: int, seed: int, landscape: str = "2024"
) -> pd.DataFrame:
    """``n`` candidate sites for a scenario with these locations (same seed, same rows)."""
    rng = np.random.default_rng([seed, 20])
    kinds = KINDS.get(landscape, KINDS["2024"])
    names = list(kinds)
    kind = np.array(names, dtype=object)[
        rng.choice(len(names), size=n, p=np.array(list(kinds.values())))
    ]
    gemeenten = gemeente_table()
    weight = gemeenten["population"].to_numpy(dtype=float)
    where = rng.choice(len(gemeenten), size=n, p=weight / weight.sum())
    mean_beds = locations.groupby("type")["capacity"].mean()
    overall = float(locations["capacity"].mean()) if len(locations) else 100.0
    base = np.array([float(mean_beds.get(k, overall)) for k in kind])
    capacity = np.maximum(10, np.round(base * rng.uniform(0.5, 2.0, n) / 10) * 10).astype(int)
    figures = [FIGURES[k] for k in kind]
    cost = np.array([rng.uniform(*f[0]) for f in figures])
    opening = np.array([rng.uniform(*f[1]) for f in figures]) * capacity
    first = np.array([rng.integers(f[2][0], f[2][1] + 1) for f in figures])
    emergency = kind == "noodopvang"
    rows = gemeenten.iloc[where]
    return pd.DataFrame(
        {
            "candidate_id": [f"K{i + 1:03d}" for i in range(n)],
            "name": [f"{NAMES[k]} {g}" for k, g in zip(kind, rows["name"], strict=True)],
            "gemeente_code": rows["gemeente_code"].to_numpy(),
            "type": kind,
            "capacity": capacity,
            "child_suitable": ~(emergency & (rng.random(n) < 1 / 3)),
            "has_medical": rng.random(n) < 0.25,
            "lat": np.nan,
            "lon": np.nan,
            "first_week": first,
            "min_weeks": [f[3] for f in figures],
            "opening_cost": np.round(opening, -2),
            "cost_per_night": np.round(cost, 2),
        },
        columns=CANDIDATE_COLUMNS,
    )


def write_candidates(candidates: pd.DataFrame, path: Path) -> Path:
    """``candidates.csv`` in the contract's plain form (empty cells for missing points)."""
    text = candidates.copy()
    for column in ("child_suitable", "has_medical"):
        text[column] = np.where(text[column], "true", "false")
    for column in ("lat", "lon"):
        text[column] = [("" if pd.isna(v) else f"{v:.4f}") for v in text[column]]
    text["opening_cost"] = [f"{v:.0f}" for v in text["opening_cost"]]
    text["cost_per_night"] = [f"{v:.2f}" for v in text["cost_per_night"]]
    text.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path
