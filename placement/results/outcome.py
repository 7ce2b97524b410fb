"""Solution -> result frames and KPIs.

The solver decides counts per class; here they become one location per
household (deterministically: a class fills its stay first, then locations
in input order, households in input order), then one row per person and
per location, and the KPIs. Everything is recomputed from the final
placement with :mod:`placement.model.terms`, so the reported objective is the sum
of the reported terms.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from placement.i18n import _, using
from placement.input.scenario import Scenario
from placement.model.prepare import destination_terms
from placement.model.problem import ProblemData
from placement.model.terms import HOUSEHOLD_TERMS, TERMS
from placement.results.alternatives import alternatives
from placement.results.explanations import explanation_outline, explanation_table
from placement.results.limits import unplaced_limits
from placement.results.reasons import household_reasons
from placement.results.shortages import shortage_table
from placement.solve.highs import SolveResult, gap, within_gap
from placement.vocab import HouseholdStatus, Status

PLACEMENT_COLUMNS = [
    "person_id",
    "household_id",
    "from_location_id",
    "to_location_id",
    "status",
    "distance_km",
    "reason",
]
LOCATION_COLUMNS = [
    "location_id",
    "capacity",
    "occupancy_before",
    "occupancy_after",
    "children_after",
    "arrivals",
    "departures",
    "over_limit",
    "flex_capacity",
    "flex_used",
]


@dataclass(frozen=True)
class Outcome:
    """The result of a run: the three output tables, in memory.

    ``households`` has one row per household with its destination (``dest``,
    a location index, -1 unplaced), status and weighted terms (``term_*``);
    ``problem`` is the model's input, for explanations and what-if analysis.
    """

    placements: pd.DataFrame
    locations: pd.DataFrame
    kpis: dict[str, Any]
    households: pd.DataFrame = field(repr=False)
    problem: ProblemData | None = field(default=None, repr=False)
    explained: bool = True  # reasons and limits were worked out (see :func:`outcome`)
    #: Written up short of time (:func:`without_reasons`): the limits are known, the
    #: reasons are this text and explanations.csv is in its reduced form.
    reduced: str | None = None

    def explanations(self, scenario: Scenario | None = None) -> pd.DataFrame:
        """``explanations.csv``: one row per household (see :mod:`placement.results.explanations`).

        ``scenario``, when given, names the planner's forbids in ``rules``.
        """
        if self.reduced is not None:
            return explanation_outline(self._data(), self.households, self.reduced)
        return explanation_table(self._data(), self.households, self.locations, scenario)

    def shortages(self) -> pd.DataFrame:
        """``shortages.csv``: one row per track x medical need x children."""
        return shortage_table(self._data(), self.households, self.locations)

    def _data(self) -> ProblemData:
        if self.problem is None:
            raise ValueError("the outcome carries no ProblemData; explanations need it")
        if not self.explained and self.reduced is None:
            raise ValueError("the outcome was made without reasons; run it with reasons=True")
        return self.problem


def without_reasons(result: Outcome, why: str) -> Outcome:
    """``result`` (made without reasons) as a run short of time writes it up.

    Every household's reason is ``why``; the limits of the unplaced are
    worked out (cheap: once per kind of household), so ``shortages.csv`` is
    whole; ``explanations.csv`` is reduced; ``kpis["reduced"]`` names what
    was cut.
    """
    data = result.problem
    if data is None:
        raise ValueError("the outcome carries no ProblemData")
    hh = result.households.copy()
    stopped = result.kpis["status"] != Status.OPTIMAL
    hh["limit"], hh["limit_detail"] = unplaced_limits(data, hh, result.locations, stopped)
    hh["reason"] = why
    with using(data.settings.language):
        cut = _(
            "the reasons (placements.csv says they were not worked out), and the options, "
            "next-best locations and differences of explanations.csv"
        )
    kpis = {**result.kpis, "reduced": add_cut(result.kpis.get("reduced", ""), cut)}
    return replace(
        result, placements=result.placements.assign(reason=why), households=hh, kpis=kpis,
        explained=False, reduced=why,
    )  # fmt: skip


def add_cut(reduced: str, what: str) -> str:
    """``kpis["reduced"]`` with ``what`` added: the cuts in words, joined by "; "."""
    return f"{reduced}; {what}" if reduced else what


def household_destinations(
    data: ProblemData, per_pair: np.ndarray, unplaced: np.ndarray
) -> np.ndarray:
    """Location index per household (-1 unplaced) from the class counts."""
    hh = data.households
    dest = hh["current"].to_numpy().copy()
    slots = pd.concat(
        [
            data.pairs.assign(n=per_pair, rank=np.where(data.pairs["stay"], 0, 1))[
                ["k", "l", "rank", "n"]
            ],
            pd.DataFrame({"k": data.classes.index, "l": -1, "rank": 2, "n": unplaced}),
        ]
    )
    slots = slots[slots["n"] > 0].sort_values(["k", "rank", "l"], kind="stable")
    decided = np.flatnonzero(hh["decided"].to_numpy())
    order = decided[np.argsort(hh["klass"].to_numpy()[decided], kind="stable")]
    seq_k = np.repeat(slots["k"].to_numpy(), slots["n"].to_numpy())
    if not np.array_equal(seq_k, hh["klass"].to_numpy()[order]):
        raise RuntimeError("solution counts do not add up to the class sizes")
    dest[order] = np.repeat(slots["l"].to_numpy(), slots["n"].to_numpy())
    return dest


def outcome(
    scenario: Scenario,
    data: ProblemData,
    dest: np.ndarray,
    solved: SolveResult,
    extra: dict[str, Any],
    *,
    reasons: bool = True,
) -> Outcome:
    """Build the output tables and KPIs of a placement ``dest`` per household.

    The objective, gap and status are those of ``dest``, the placement that
    is written, against the solver's bound: never the solver's own figures.
    Without ``reasons`` (for callers that need only the figures, such as
    the simulation) the ``reason`` column stays empty and the outcome gives
    no explanations or shortages.
    """
    hh = household_frame(data, dest)
    splits = family_splits(hh)
    locations = location_frame(data, hh)
    flex_beds = int(locations["flex_used"].sum())
    terms = objective_terms(data, hh, splits, flex_beds)
    objective = float(sum(terms.values()))
    status, mip_gap = judged(objective, solved, data.settings.solver.mip_gap)
    if reasons:
        hh["limit"], hh["limit_detail"] = unplaced_limits(
            data, hh, locations, stopped=status != Status.OPTIMAL
        )
        alt = alternatives(data, hh, locations)
        for column in alt.columns:  # the one alternative the reason and explanations name
            hh[f"alt_{column}"] = alt[column].array
        hh["reason"] = household_reasons(data, hh, locations)
    else:
        hh["limit"] = hh["limit_detail"] = hh["reason"] = ""
    placements = placement_frame(scenario, data, hh)
    kpis = kpi_dict(hh, terms, splits, flex_beds, solved, extra)
    kpis.update(status=status, objective=objective, mip_gap=mip_gap)
    return Outcome(placements, locations, kpis, households=hh, problem=data, explained=reasons)


def judged(objective: float, solved: SolveResult, asked_gap: float) -> tuple[str, float | None]:
    """The contract's status and gap of a placement costing ``objective``.

    ``mip_gap = (objective - bound) / max(1, |objective|)``; the status is
    ``optimal`` only when that is within the asked gap.
    """
    within = within_gap(objective, solved.bound, asked_gap)
    return (Status.OPTIMAL if within else Status.TIME_LIMIT), gap(objective, solved.bound)


def household_frame(data: ProblemData, dest: np.ndarray) -> pd.DataFrame:
    """Households with their destination, distance, objective terms and status."""
    hh = data.households.copy()
    hh["dest"] = dest
    placed = dest >= 0
    terms, hh["distance_km"], hh["type_allowed"], hh["must_move_later"] = destination_terms(
        hh, dest, data.locations, data.settings
    )
    for term, values in terms.items():
        hh[f"term_{term}"] = values.to_numpy()
    hh["moved"] = (hh["current"] >= 0) & (dest != hh["current"])
    hh["status"] = np.select(
        [~placed, hh["current"] < 0, hh["moved"]],
        [HouseholdStatus.UNPLACED, HouseholdStatus.NEW, HouseholdStatus.MOVE],
        HouseholdStatus.STAY,
    )
    return hh


def objective_terms(
    data: ProblemData, hh: pd.DataFrame, splits: int, flex_beds: int
) -> dict[str, float]:
    """Each weighted objective term of the placement in ``hh``, in the contract's order."""
    w = data.settings.weights
    terms = {t: float(hh[f"term_{t}"].sum()) for t in HOUSEHOLD_TERMS}
    terms["family_split"] = float(w.family_split * splits)
    terms["flex_bed"] = float(w.flex_bed * flex_beds)
    return {t: terms[t] for t in TERMS}


def placement_frame(scenario: Scenario, data: ProblemData, hh: pd.DataFrame) -> pd.DataFrame:
    """One row per person, in input order, with the contract's columns."""
    persons = scenario.persons
    at = data.members
    if at is None or len(at) != len(persons):
        at = pd.Index(hh["household_id"]).get_indexer(persons["household_id"])
    dest = hh["dest"].to_numpy()[at]
    pinned, named = hh["pin"].to_numpy()[at] >= 0, hh["named"].to_numpy(dtype=bool)[at]
    # text columns are taken whole (.array), not turned into Python strings and back
    text = persons["current_location_id"].dtype
    to = pd.array([*data.locations["location_id"], ""], dtype=text)  # "" last: unplaced
    overrides = pd.array(["pin", "forbid", ""], dtype=text)
    frame = pd.DataFrame(
        {
            "person_id": persons["person_id"].array,
            "household_id": persons["household_id"].array,
            "from_location_id": persons["current_location_id"].array,
            "to_location_id": to.take(np.where(dest >= 0, dest, len(to) - 1)),
            "status": hh["status"].array.take(at),
            "distance_km": hh["distance_km"].round(3).to_numpy()[at],
            "reason": hh["reason"].array.take(at),
            "override": overrides.take(np.select([pinned, named], [0, 1], 2)),
        }
    )
    return frame


def location_frame(data: ProblemData, hh: pd.DataFrame) -> pd.DataFrame:
    """One row per location, closed ones included."""
    loc = data.locations
    placed = hh[hh["dest"] >= 0]
    after = placed.groupby("dest")
    moved = hh[hh["moved"]].groupby("current")["size"].sum()
    arrived = placed[placed["dest"] != placed["current"]].groupby("dest")["size"].sum()

    def per_site(values: pd.Series) -> np.ndarray:
        return values.reindex(loc.index, fill_value=0).astype("int64").to_numpy()

    occupancy = per_site(after["size"].sum())
    beyond = np.maximum(0, occupancy - loc["capacity"].to_numpy())
    return pd.DataFrame(
        {
            "location_id": loc["location_id"],
            "capacity": loc["capacity"],
            "occupancy_before": loc["residents"],
            "occupancy_after": occupancy,
            "children_after": per_site(after["children"].sum()),
            "arrivals": per_site(arrived),
            "departures": per_site(moved),
            "over_limit": loc["over_limit"],
            "flex_capacity": loc["flex_capacity"],
            # judged on residents before placement: over its limit, none are flexible
            "flex_used": np.where(loc["over_capacity"], 0, beyond),
            "name": loc["name"],
            "type": loc["type"],
            "open": loc["open"],
            "max_children": loc["max_children"],
        }
    )


def family_splits(hh: pd.DataFrame) -> int:
    """Extra locations family groups are spread over, unweighted."""
    grouped = hh[(hh["family_group"] != "") & (hh["dest"] >= 0)]
    used = grouped.groupby("family_group")["dest"].nunique()
    return int((used - 1).clip(lower=0).sum())


def kpi_dict(
    hh: pd.DataFrame,
    terms: dict[str, float],
    splits: int,
    flex_beds: int,
    solved: SolveResult,
    extra: dict[str, Any],
) -> dict[str, Any]:
    """The KPIs of the contract (counts are persons unless named otherwise).

    ``status``, ``objective`` and ``mip_gap`` are set by :func:`outcome`.
    """
    placed = hh["dest"] >= 0
    with_housing = placed & hh["distance_km"].notna()
    km = hh.loc[with_housing, "distance_km"]
    persons_km = float((km * hh.loc[with_housing, "size"]).sum())
    persons_with_housing = int(hh.loc[with_housing, "size"].sum())
    moved = hh["moved"]
    return {
        "status": None,
        "objective": None,
        "objective_terms": terms,
        "mip_gap": None,
        "persons": int(hh["size"].sum()),
        "placed": int(hh.loc[placed, "size"].sum()),
        "unplaced": int(hh.loc[~placed, "size"].sum()),
        "moved_persons": int(hh.loc[moved, "size"].sum()),
        "moved_children": int(hh.loc[moved, "children"].sum()),
        "children_over_cap": int(hh.loc[moved, "children_over_cap"].sum()),
        "expected_moves_ahead": float((hh["must_move_later"] * hh["size"]).sum()),
        "expected_child_moves_ahead": float((hh["must_move_later"] * hh["children"]).sum()),
        "family_splits": splits,
        "flex_beds_used": flex_beds,
        "distance_km_mean": persons_km / persons_with_housing if persons_with_housing else None,
        "solve_seconds": solved.seconds,
        "households": len(hh),
        "unplaced_households": int((~placed).sum()),
        "new_arrivals": int(hh.loc[hh["current"] < 0, "size"].sum()),
        "stayed_persons": int(hh.loc[hh["status"] == HouseholdStatus.STAY, "size"].sum()),
        "wrong_type_persons": int(
            hh.loc[placed & (hh["dest"] == hh["current"]) & ~hh["type_allowed"], "size"].sum()
        ),
        "solver_objective": solved.objective,
        "bound": solved.bound,
        "termination": solved.termination,
        "reduced": "",
        **extra,
    }
