"""Index sets and parameters, straight from ProblemData.

Pyomo sets carry what a reader must see (``m.PAIRS``, ``m.CAPACITY_LIMITED``);
the adjacency lists that only speed up the rules (which classes may end at a
location) are plain dicts built with pandas.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyomo.environ as pyo

from placement.model.problem import ProblemData


def add_sets(m: pyo.ConcreteModel, data: ProblemData) -> None:
    """Declare the sets and parameters of the model.

    - ``CLASSES`` k, ``LOCATIONS`` l, ``PAIRS`` (k, l) the rules allow;
    - ``UNPLACEABLE``: classes that may be left without a bed;
    - ``CAPACITY_LIMITED`` / ``CHILD_LIMITED``: locations whose beds / child
      places bind (not over their limit, and reachable by some class);
    - ``FLEX_LOCATIONS``: the capacity-limited locations with flexible beds;
    - ``FAMILIES`` g and ``FAMILY_SITES`` (g, l): where a family group may
      end up beyond the locations its undecided households already hold.
    """
    classes, pairs, loc = data.classes, data.pairs, data.locations
    m.CLASSES = pyo.Set(initialize=classes.index.tolist(), ordered=True)
    m.LOCATIONS = pyo.Set(initialize=loc.index.tolist(), ordered=True)
    m.PAIRS = pyo.Set(
        initialize=list(zip(pairs["k"].tolist(), pairs["l"].tolist(), strict=True)),
        dimen=2,
        ordered=True,
    )
    m.UNPLACEABLE = pyo.Set(initialize=classes.index[classes["unplaced_ok"]].tolist())
    used = loc.index.isin(pairs["l"].unique())
    m.CAPACITY_LIMITED = pyo.Set(initialize=loc.index[used & loc["beds_left"].notna()].tolist())
    with_kids = pairs[classes["children"].to_numpy()[pairs["k"]] > 0]
    child_used = loc.index.isin(with_kids["l"].unique())
    limited = child_used & loc["child_places_left"].notna()
    m.CHILD_LIMITED = pyo.Set(initialize=loc.index[limited].tolist())
    capacity_limited = loc.loc[list(m.CAPACITY_LIMITED)]
    m.FLEX_LOCATIONS = pyo.Set(
        initialize=capacity_limited.index[capacity_limited["flex_capacity"] > 0].tolist()
    )

    m.count = pyo.Param(m.CLASSES, initialize=classes["count"].to_dict())
    m.persons = pyo.Param(m.CLASSES, initialize=classes["size"].to_dict())
    m.children = pyo.Param(m.CLASSES, initialize=classes["children"].to_dict())
    m.beds_left = pyo.Param(
        m.CAPACITY_LIMITED, initialize=loc["beds_left"][list(m.CAPACITY_LIMITED)].to_dict()
    )
    m.flex_capacity = pyo.Param(
        m.FLEX_LOCATIONS, initialize=loc["flex_capacity"][list(m.FLEX_LOCATIONS)].to_dict()
    )
    m.child_places_left = pyo.Param(
        m.CHILD_LIMITED, initialize=loc["child_places_left"][list(m.CHILD_LIMITED)].to_dict()
    )
    m.cost = pyo.Param(
        m.PAIRS, initialize=dict(zip(m.PAIRS.ordered_data(), pairs["cost"], strict=True))
    )
    unplaceable = classes["unplaced_ok"].to_numpy()
    m.unplaced_cost = pyo.Param(
        m.UNPLACEABLE, initialize=classes.loc[unplaceable, "unplaced_cost"].to_dict()
    )

    m.sites_of = _lists(pairs, "k", "l")
    m.classes_at = _lists(pairs, "l", "k")
    m.classes_with_children_at = _lists(with_kids, "l", "k")
    _add_family_sets(m, data)


def _lists(frame: pd.DataFrame, by: str, values: str) -> dict[Any, list[int]]:
    return frame.groupby(by, sort=True)[values].agg(list).to_dict()


def _add_family_sets(m: pyo.ConcreteModel, data: ProblemData) -> None:
    families, pairs = data.families, data.pairs
    fixed_sites = data.family_fixed.groupby("group")["l"].agg(set).to_dict()
    members = families.groupby("group", sort=True)["k"].agg(list).to_dict()
    # Only groups with a decided household need variables; the rest is constant.
    m.FAMILIES = pyo.Set(initialize=sorted(members), ordered=True)
    reach = families.merge(pairs[["k", "l"]], on="k")
    held = [l in fixed_sites.get(g, ()) for g, l in zip(reach["group"], reach["l"], strict=True)]
    reach = reach[~np.array(held, dtype=bool)]
    sites = reach[["group", "l"]].drop_duplicates().sort_values(["group", "l"])
    m.FAMILY_SITES = pyo.Set(
        initialize=list(zip(sites["group"], sites["l"].tolist(), strict=True)),
        dimen=2,
        ordered=True,
    )
    m.MEMBER_SITES = pyo.Set(
        initialize=list(zip(reach["group"], reach["k"].tolist(), reach["l"].tolist(), strict=True)),
        dimen=3,
        ordered=True,
    )
    m.fixed_sites = pyo.Param(
        m.FAMILIES, initialize={g: len(fixed_sites.get(g, ())) for g in members}
    )
    m.family_sites_of = _lists(sites, "group", "l")
