"""``explanations.csv``: per household, what limited its choice and what else it had.

The table is for checking (the ``reason`` in ``placements.csv`` is for
reading). Per household:

- ``rules``: the rules that limited its choice (track and its types, medical
  care, children, its current location, a planner's pins and forbids);
- ``options``: how many locations the rules allowed it;
- ``next_best_location_id``, ``next_best_has_room``, ``next_best_beds_free``,
  ``delta_<term>`` and ``delta_total``: its one alternative
  (:mod:`placement.results.alternatives`);
- for an unplaced household, ``limit``: the constraint that ran out and
  ``limit_detail`` in words (:func:`placement.results.limits.unplaced_limits`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from placement.i18n import N_, _, in_its_language, tr
from placement.model.problem import ProblemData
from placement.model.terms import TERMS
from placement.results.alternatives import alternatives
from placement.results.wording import add_part, each, pick
from placement.vocab import Mode

if TYPE_CHECKING:
    from placement.input.scenario import Scenario

#: Columns of ``explanations.csv``, in order.
EXPLANATION_COLUMNS = [
    "household_id",
    "persons",
    "children",
    "status",
    "override",
    "from_location_id",
    "to_location_id",
    "rules",
    "options",
    "next_best_location_id",
    "next_best_has_room",
    "next_best_beds_free",
    *[f"delta_{t}" for t in TERMS],
    "delta_total",
    "limit",
    "limit_detail",
    "track",
    "children_over_cap",
    "medical",
]


def explanation_table(
    data: ProblemData, hh: pd.DataFrame, after: pd.DataFrame, scenario: Scenario | None = None
) -> pd.DataFrame:
    """One row per household, in input order: rules, next-best location, term deltas, limit.

    Parameters
    ----------
    data, hh, after
        A run's problem data, its households (with destination, status,
        terms and limits) and its location table after placement.
    scenario
        When given, its forbids are named in ``rules``.
    """
    ids = data.locations["location_id"].to_numpy(dtype=object)
    alt = alternatives(data, hh, after)
    table = pd.DataFrame(
        {
            **_who_went_where(data, hh),
            "rules": household_rules(data, hh, _forbids(scenario)),
            "options": _options(data, hh),
            "next_best_location_id": _ids(ids, alt["alt"].to_numpy()),
            "next_best_has_room": alt["room"].array,
            "next_best_beds_free": alt["free"].array,
            **{f"delta_{term}": alt[f"delta_{term}"].to_numpy() for term in TERMS},
            "delta_total": alt["delta_total"].to_numpy(),
            "limit": hh["limit"].to_numpy(),
            "limit_detail": hh["limit_detail"].to_numpy(),
            "track": hh["track"].to_numpy(),
            "children_over_cap": _children_over_cap(hh),
            "medical": hh["medical"].to_numpy(dtype=bool),
        }
    )
    return table[EXPLANATION_COLUMNS]


def _children_over_cap(hh: pd.DataFrame) -> np.ndarray:
    """Children of each household moved beyond the move cap (moved, already at the cap)."""
    moved = hh["moved"].to_numpy(dtype=bool) if "moved" in hh else np.zeros(len(hh), bool)
    return np.where(moved, hh["children_over_cap"].to_numpy(), 0)


def explanation_outline(data: ProblemData, hh: pd.DataFrame, why: str) -> pd.DataFrame:
    """``explanations.csv`` in its reduced form, written when time ran short.

    Who went where, the limits, and ``why`` in ``rules``; no options,
    next-best location or deltas.
    """
    table = pd.DataFrame(
        {
            **_who_went_where(data, hh),
            "rules": why,
            "limit": hh["limit"].to_numpy(),
            "limit_detail": hh["limit_detail"].to_numpy(),
            "track": hh["track"].to_numpy(),
            "children_over_cap": _children_over_cap(hh),
            "medical": hh["medical"].to_numpy(dtype=bool),
        }
    )
    return table.reindex(columns=EXPLANATION_COLUMNS)


def _who_went_where(data: ProblemData, hh: pd.DataFrame) -> dict[str, Any]:
    """The first columns of ``explanations.csv``: the household, its override, from and to."""
    ids = data.locations["location_id"].to_numpy(dtype=object)
    pinned, named = hh["pin"].to_numpy() >= 0, hh["named"].to_numpy(dtype=bool)
    return {
        "household_id": hh["household_id"].to_numpy(),
        "persons": hh["size"].to_numpy(),
        "children": hh["children"].to_numpy(),
        "status": hh["status"].to_numpy(),
        "override": np.select([pinned, named], ["pin", "forbid"], ""),
        "from_location_id": _ids(ids, hh["current"].to_numpy()),
        "to_location_id": _ids(ids, hh["dest"].to_numpy()),
    }


def _ids(ids: np.ndarray, index: np.ndarray) -> np.ndarray:
    index = np.asarray(index)
    return np.where(index >= 0, ids[np.maximum(index, 0)], "")


def _forbids(scenario: Scenario | None) -> dict[str, list[str]]:
    if scenario is None or scenario.overrides.empty:
        return {}
    o = scenario.overrides
    o = o[o["action"] == "forbid"]
    return o.groupby("household_id", sort=False)["location_id"].agg(list).to_dict()


def _options(data: ProblemData, hh: pd.DataFrame) -> np.ndarray:
    """Locations the rules allow each household (1 for one that is not decided)."""
    per_class = data.pairs.groupby("k").size()
    k = hh["klass"].to_numpy()
    counts = per_class.reindex(k, fill_value=0).to_numpy()
    return np.where(k >= 0, counts, 1)


@in_its_language
def household_rules(
    data: ProblemData, hh: pd.DataFrame, forbids: dict[str, list[str]] | None = None
) -> list[str]:
    """The rules that limited each household's choice, joined by ``; `` (settings' language)."""
    landscape = data.settings.landscape
    allowed = landscape.allowed if landscape is not None else {}
    ids = data.locations["location_id"].to_numpy(dtype=object)
    is_open = data.locations["open"].to_numpy()
    weekly = data.settings.mode == Mode.WEEKLY
    forbids = forbids or {}
    track, tracks = pd.factorize(hh["track"])
    uses = [
        tr(
            "track {track} may use {types}",
            track=t, types="/".join(allowed.get(t, ())) or _("no type"),
        )
        for t in tracks
    ]  # fmt: skip
    rules = np.array(uses, dtype=object)[track]
    rules = add_part(
        rules, hh["medical"].to_numpy(), _("medical care needed: locations with medical care only")
    )
    rules = add_part(
        rules, hh["children"].to_numpy() > 0, _("children: locations suitable for children only")
    )
    cur = hh["current"].to_numpy()

    def per_site(template: str) -> np.ndarray:
        return each(_(template), location=ids)

    stay = np.where(
        ~pick(is_open, cur, gap=True),
        pick(per_site(N_("current location {location} is not open")), cur),
        np.where(
            hh["current_type_ok"].to_numpy(),
            pick(per_site(N_("may stay at {location}")), cur),
            pick(per_site(N_("may stay at {location}, whose type does not suit its track")), cur),
        ),
    )
    rules = add_part(rules, cur >= 0, stay)
    pin = hh["pin"].to_numpy()
    rules = add_part(rules, pin >= 0, pick(per_site(N_("pinned by a planner to {location}")), pin))
    listed = {
        h: tr("a planner forbids {locations}", locations=", ".join(sites))
        for h, sites in forbids.items()
    }
    named = np.zeros(len(hh), dtype=bool)
    if listed:  # most runs forbid nothing: no lookup per household
        forbidden = hh["household_id"].map(listed).to_numpy(dtype=object)
        named = pd.notna(forbidden)
        rules = add_part(rules, named, forbidden)
    some = ~named & hh["named"].to_numpy(dtype=bool) & (pin < 0)
    rules = add_part(rules, some, _("a planner forbids some locations"))
    group = hh["family_group"].to_numpy(dtype=object)
    grouped = group != ""
    member, groups = pd.factorize(group[grouped])  # each group's words once
    part = np.full(len(group), "", dtype=object)
    part[grouped] = each(_("family group {group}"), group=groups)[member]
    rules = add_part(rules, grouped, part)
    if weekly:
        rules = add_part(
            rules, ~hh["decided"].to_numpy(), _("weekly run: not reconsidered, it stays")
        )
    return list(rules)
