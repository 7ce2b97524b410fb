"""``shortages.csv``: who could not be placed, and what beds would have placed them.

Per category (track × medical need × children), the unplaced households
and persons, and the beds of which kind would have placed them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from placement.model.prepare import type_allowed
from placement.model.problem import ProblemData

#: Columns of ``shortages.csv``, in order.
SHORTAGE_COLUMNS = [
    "track",
    "medical",
    "with_children",
    "households",
    "persons",
    "unplaced_households",
    "unplaced_persons",
    "unplaced_children",
    "allowed_types",
    "needs_medical",
    "needs_child_suitable",
    "fitting_locations",
    "free_beds_after",
    "beds_needed",
    "child_places_needed",
]


def shortage_table(data: ProblemData, hh: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """One row per category (track × medical need × children) present in the input.

    ``beds_needed`` is the number of extra beds of the category's kind
    (``allowed_types``, with medical care when ``needs_medical``,
    child-suitable when ``needs_child_suitable``) that places every unplaced
    household of the category for certain: one per unplaced person.
    ``child_places_needed`` counts the children of households left out for
    want of child places. ``free_beds_after`` is what the fitting locations
    that take arrivals still had free: beds that did not suit (too few in
    one place, or no child places).
    """
    hh = hh.assign(with_children=hh["children"] > 0)
    unplaced = (hh["dest"] < 0).to_numpy()
    limit = hh["limit"].to_numpy()
    hh = hh.assign(
        u=unplaced.astype(int),
        u_persons=np.where(unplaced, hh["size"], 0),
        u_children=np.where(unplaced, hh["children"], 0),
        child_short=np.where(limit == "child_places", hh["children"], 0),
    )
    keys = ["track", "medical", "with_children"]
    table = hh.groupby(keys, sort=False).agg(
        households=("household_id", "size"),
        persons=("size", "sum"),
        unplaced_households=("u", "sum"),
        unplaced_persons=("u_persons", "sum"),
        unplaced_children=("u_children", "sum"),
        child_places_needed=("child_short", "sum"),
    )
    table = table.reset_index()
    _add_kind(data, after, table)
    table["beds_needed"] = table["unplaced_persons"]
    order = _track_order(data, table["track"])
    table = table.assign(_o=order).sort_values(["_o", "medical", "with_children"], kind="stable")
    return table[SHORTAGE_COLUMNS].reset_index(drop=True)


def _add_kind(data: ProblemData, after: pd.DataFrame, table: pd.DataFrame) -> None:
    """Allowed types, needs, and the fitting locations' count and free beds per category."""
    loc = data.locations
    landscape = data.settings.landscape
    allowed = landscape.allowed if landscape is not None else {}
    free = (loc["limit"] - after["occupancy_after"].to_numpy()).clip(lower=0)
    free = free.where(~loc["over_capacity"], 0).to_numpy()
    fitting, beds = [], []
    for track, medical, kids in table[["track", "medical", "with_children"]].itertuples(
        index=False
    ):
        ok = (
            loc["open"].to_numpy()
            & type_allowed(landscape, np.repeat(track, len(loc)), loc["type"].to_numpy())
            if landscape is not None
            else np.zeros(len(loc), dtype=bool)
        )
        if medical:
            ok &= loc["has_medical"].to_numpy()
        if kids:
            ok &= loc["child_suitable"].to_numpy()
        fitting.append(int(ok.sum()))
        beds.append(int(free[ok].sum()))
    table["allowed_types"] = ["/".join(allowed.get(t, ())) for t in table["track"]]
    table["needs_medical"] = table["medical"]
    table["needs_child_suitable"] = table["with_children"]
    table["fitting_locations"] = fitting
    table["free_beds_after"] = beds


def _track_order(data: ProblemData, tracks: pd.Series) -> np.ndarray:
    landscape = data.settings.landscape
    order = {t: i for i, t in enumerate(landscape.tracks if landscape is not None else ())}
    return np.array([order.get(t, len(order)) for t in tracks])
