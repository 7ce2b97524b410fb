"""Compare runs: KPIs side by side, the change per location, the moves a closure causes.

Everything here is computed from the result frames of
:class:`~placement.results.outcome.Outcome` (its ``kpis``, ``locations``,
``households`` and ``problem.locations``), never from a model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from placement.i18n import _
from placement.results.outcome import Outcome
from placement.vocab import COMPARISON, EMERGENCY_TYPE, KPI, kpi_change


@dataclass(frozen=True)
class Comparison:
    """The comparison of a baseline with its variants.

    Attributes
    ----------
    kpis
        One row per KPI (``kpi``, ``description``); one column per run, then
        ``<variant>_change`` (variant minus baseline) per variant.
        Province rows are named ``occupancy <province>``.
    locations
        One row per (variant, location in either run): capacities,
        occupancy and arrivals of both runs, their change and what changed.
    closure_moves
        One row per resident household of a location the variant closes:
        where it ends in the baseline and in the variant.
    """

    kpis: pd.DataFrame
    locations: pd.DataFrame
    closure_moves: pd.DataFrame


def compare(outcomes: Mapping[str, Outcome], gemeenten: pd.DataFrame) -> Comparison:
    """Compare the first outcome (the baseline) with each of the others."""
    names = list(outcomes)
    base = outcomes[names[0]]
    return Comparison(
        kpis=kpi_table(outcomes, gemeenten),
        locations=pd.concat(
            [location_changes(base, outcomes[n], gemeenten, n) for n in names[1:]]
            or [location_changes(base, base, gemeenten, names[0]).iloc[:0]],
            ignore_index=True,
        ),
        closure_moves=pd.concat(
            [closure_moves(base, outcomes[n], n) for n in names[1:]]
            or [closure_moves(base, base, names[0]).iloc[:0]],
            ignore_index=True,
        ),
    )


# --------------------------------------------------------------------------- KPIs


def site_table(outcome: Outcome, gemeenten: pd.DataFrame | None = None) -> pd.DataFrame:
    """``outcome.locations`` with the site's gemeente, point, cost and province."""
    if outcome.problem is None:
        raise ValueError("the outcome carries no problem data; run it with placement.run")
    meta = outcome.problem.locations
    sites = outcome.locations.copy()
    for column in ("gemeente_code", "lat", "lon", "cost_per_night"):
        sites[column] = meta[column].to_numpy()
    sites["cost_per_night"] = sites["cost_per_night"].fillna(0.0)
    if gemeenten is not None:
        province = gemeenten.set_index("gemeente_code")["province"]
        sites["province"] = sites["gemeente_code"].map(province).fillna("")
    return sites


def run_kpis(outcome: Outcome, gemeenten: pd.DataFrame) -> dict[str, Any]:
    """The comparison's KPIs of one run, then occupancy per province (persons)."""
    sites = site_table(outcome, gemeenten)
    hh = outcome.households
    with_km = hh[(hh["dest"] >= 0) & hh["distance_km"].notna()]
    km = np.repeat(with_km["distance_km"].to_numpy(float), with_km["size"].to_numpy())
    k = outcome.kpis
    values: dict[str, Any] = {name: k.get(name) for name in COMPARISON}
    values["distance_km_p95"] = float(np.percentile(km, 95)) if len(km) else None
    emergency = sites["type"] == EMERGENCY_TYPE
    values["emergency_places_used"] = int(sites.loc[emergency, "occupancy_after"].sum())
    values["cost_per_night_eur"] = float((sites["occupancy_after"] * sites["cost_per_night"]).sum())
    values["open_locations"] = int(sites["open"].sum())
    values["open_capacity"] = int(sites.loc[sites["open"], "capacity"].sum())
    per_province = sites.groupby("province")["occupancy_after"].sum()
    for province in sorted(set(gemeenten["province"])):
        values[f"occupancy {province}"] = int(per_province.get(province, 0))
    return values


def kpi_table(outcomes: Mapping[str, Outcome], gemeenten: pd.DataFrame) -> pd.DataFrame:
    """KPIs side by side: one column per run, then each variant's change."""
    runs = {name: run_kpis(o, gemeenten) for name, o in outcomes.items()}
    names = list(runs)
    keys = list(runs[names[0]])
    table = pd.DataFrame(
        {
            "kpi": keys,
            "description": [
                _(KPI[k].description) if k in KPI else _("persons placed in the province")
                for k in keys
            ],
        }
    )
    for name in names:
        table[name] = pd.Series([runs[name][k] for k in keys], dtype=object)
    for name in names[1:]:
        table[f"{name}_change"] = pd.Series(
            [kpi_change(runs[names[0]][k], runs[name][k]) for k in keys], dtype=object
        )
    return table


# --------------------------------------------------------------------------- locations


def location_changes(
    baseline: Outcome, variant: Outcome, gemeenten: pd.DataFrame, name: str
) -> pd.DataFrame:
    """Per location in either run: both runs' figures, the change and what changed."""
    keep = ["location_id", "name", "type", "gemeente_code", "province", "lat", "lon"]
    figures = ["capacity", "open", "occupancy_after", "arrivals", "departures"]
    base = site_table(baseline, gemeenten)
    var = site_table(variant, gemeenten)
    both = base[keep + figures].merge(
        var[keep + figures], on="location_id", how="outer", suffixes=("_baseline", ""),
        sort=False, indicator=True,
    )  # fmt: skip
    for column in keep[1:]:
        both[column] = both[column].fillna(both.pop(f"{column}_baseline"))
    both = both.rename(columns={c: f"{c}_variant" for c in figures})
    order = {i: n for n, i in enumerate([*base["location_id"], *var["location_id"]])}
    both = both.sort_values("location_id", key=lambda s: s.map(order), kind="stable")
    table = both[keep].copy()
    table.insert(0, "variant", name)
    for column in figures:
        dtype = "boolean" if column == "open" else "Int64"
        for run in ("baseline", "variant"):
            table[f"{column}_{run}"] = both[f"{column}_{run}"].astype(dtype)
    after = table["occupancy_after_variant"].fillna(0)
    table["occupancy_change"] = (after - table["occupancy_after_baseline"].fillna(0)).astype(int)
    table["change"] = _what_changed(table, both["_merge"])
    return table.reset_index(drop=True)


def _what_changed(table: pd.DataFrame, merge: pd.Series) -> np.ndarray:
    """``added``, ``removed``, ``closed``, ``opened``, ``capacity`` or ``""`` per location."""
    open_before = table["open_baseline"].fillna(False)
    open_after = table["open_variant"].fillna(False)
    return np.select(
        [
            (merge == "right_only").to_numpy(),
            (merge == "left_only").to_numpy(),
            (open_before & ~open_after).to_numpy(dtype=bool),
            (~open_before & open_after).to_numpy(dtype=bool),
            (table["capacity_baseline"] != table["capacity_variant"])
            .fillna(False)
            .to_numpy(dtype=bool),
        ],
        ["added", "removed", "closed", "opened", "capacity"],
        "",
    )


# --------------------------------------------------------------------------- closures


def closure_moves(baseline: Outcome, variant: Outcome, name: str) -> pd.DataFrame:
    """Residents of locations open in the baseline and closed in the variant.

    One row per household (ids and counts only): where it ends in the
    baseline and in the variant (``to_location_id`` empty when unplaced).
    """
    base_sites = site_table(baseline)
    var_sites = site_table(variant)
    was_open = set(base_sites.loc[base_sites["open"], "location_id"])
    closed = set(var_sites.loc[~var_sites["open"], "location_id"]) & was_open
    var_ids = var_sites["location_id"].to_numpy()
    hh = variant.households
    current = np.where(hh["current"] >= 0, var_ids[np.maximum(hh["current"], 0)], "")
    moved = hh[pd.Series(current, index=hh.index).isin(closed)]
    base_hh = baseline.households.set_index("household_id")
    base_ids = base_sites["location_id"].to_numpy()
    base_dest = base_hh["dest"].reindex(moved["household_id"]).to_numpy()
    dest = moved["dest"].to_numpy()
    return pd.DataFrame(
        {
            "variant": name,
            "household_id": moved["household_id"].to_numpy(),
            "persons": moved["size"].to_numpy(),
            "children": moved["children"].to_numpy(),
            "from_location_id": current[moved.index],
            "baseline_to_location_id": np.where(
                base_dest >= 0, base_ids[np.maximum(base_dest, 0)], ""
            ),
            "baseline_status": base_hh["status"].reindex(moved["household_id"]).to_numpy(),
            "to_location_id": np.where(dest >= 0, var_ids[np.maximum(dest, 0)], ""),
            "status": moved["status"].to_numpy(),
            "distance_km": moved["distance_km"].round(3).to_numpy(),
        }
    )
