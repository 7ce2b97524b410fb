"""Fixed values with one home: modes, statuses, and the KPIs every table reads.

The enums are :class:`~enum.StrEnum`: a member is its text
(``Status.OPTIMAL == "optimal"``), so files and JSON hold the contract's
words. :data:`KPIS` declares each key figure once (name, label, description,
format); the run summary, the comparison, the run history and the exports
pick from it by name, and :func:`kpi_change` is the one difference of two
runs' values.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from numbers import Number
from typing import Any

from placement.i18n import N_, _, decimal, number, word


class Mode(StrEnum):
    """Who is decided: the weekly placement or a rebalance of everyone."""

    WEEKLY = "weekly"
    REBALANCE = "rebalance"


class Lang(StrEnum):
    """Languages of every text meant for people (``--lang``); Dutch is what planners read."""

    NL = "nl"
    EN = "en"


class Status(StrEnum):
    """How a solve ended (``kpis.json`` ``status``)."""

    OPTIMAL = "optimal"
    TIME_LIMIT = "time_limit"
    NO_SOLUTION = "no_solution"


#: A status or mode in words, for people (the files keep the codes).
STATUS_WORDS = {
    Status.OPTIMAL: N_("optimal"),
    Status.TIME_LIMIT: N_("time limit reached"),
    Status.NO_SOLUTION: N_("no solution"),
}
MODE_WORDS = {Mode.WEEKLY: N_("weekly"), Mode.REBALANCE: N_("rebalance")}


class HouseholdStatus(StrEnum):
    """Where a household ends (``placements.csv`` ``status``)."""

    STAY = "stay"
    MOVE = "move"
    NEW = "new"
    UNPLACED = "unplaced"


@dataclass(frozen=True)
class Kpi:
    """One key figure: its ``kpis.json`` name, a short label, what it is, and its format."""

    name: str
    label: str
    description: str
    decimals: int | None = None  # None: a whole number or a text

    @property
    def title(self) -> str:
        """The label in the current language."""
        return _(self.label)

    def shown(self, value: Any) -> str:
        """:meth:`format` as the current language writes numbers ("3.000", "12,5" in Dutch)."""
        if value is None or (isinstance(value, float) and value != value):
            return ""
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if self.name == "mip_gap" and isinstance(value, Number):
            return gap_shown(float(value))  # type: ignore[arg-type]
        if self.decimals is not None and isinstance(value, Number):
            return decimal(float(value), self.decimals)  # type: ignore[arg-type]
        if isinstance(value, int):
            return number(value)
        if self.name == "status":
            return (
                _(STATUS_WORDS.get(Status(value), str(value)))
                if value in STATUS_WORDS
                else str(value)
            )
        return str(value)

    def format(self, value: Any) -> str:
        """The value for a table: empty when missing, ``decimals`` for numbers."""
        if value is None or (isinstance(value, float) and value != value):
            return ""
        if self.decimals is not None and isinstance(value, Number):
            return f"{float(value):,.{self.decimals}f}"  # type: ignore[arg-type]
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}"
        return str(value)


def gap_shown(gap: float | None) -> str:
    """A solver's relative gap as people read it: a percentage ("0,01 %"); "-" when unknown."""
    if gap is None or gap != gap:
        return "-"
    share = 100 * float(gap)
    if abs(share) < 5e-5:
        return _("{percent} %").format(percent=number(0))
    return _("{percent} %").format(percent=decimal(share, 4 if abs(share) < 0.01 else 2))


#: The terms of the placement's and the linking's objective (``objective_terms``), in words.
TERM_WORDS = {
    "unplaced": N_("unplaced"),
    "wrong_type": N_("wrong type"),
    "family_split": N_("family split"),
    "child_over_cap": N_("child over move cap"),
    "child_move": N_("child moved"),
    "move": N_("move"),
    "distance": N_("distance"),
    "cost": N_("cost"),
    "closing_soon": N_("closing soon"),
    "flex_bed": N_("flexible bed"),
    "moves_ahead": N_("expected later move"),
    "unlinked": N_("persons left unlinked"),
    "waiting": N_("weeks unlinked households wait"),
}


def term_title(name: str) -> str:
    """An objective term (the placement's, the linking's, the plan's) in the current language."""
    return word(TERM_WORDS if name in TERM_WORDS else PLAN_TERM_WORDS, name)


#: The terms of the capacity plan's objective (``kpis.json`` ``objective_terms``), in words.
PLAN_TERM_WORDS = {
    "candidates": N_("opening and running the candidates"),
    "shortage": N_("persons without a bed"),
    "held": N_("households held at another type"),
    "spread": N_("beds spread unevenly over the provinces"),
}

#: Columns of the files as people read them (the headers of the Excel sheets); the files keep
#: the names. Columns per variant (``capacity_<variant>``) are worded by :func:`column_title`.
COLUMN_WORDS = {
    "person_id": N_("person"),
    "household_id": N_("household"),
    "from_location_id": N_("from location"),
    "to_location_id": N_("to location"),
    "baseline_to_location_id": N_("to location (baseline)"),
    "baseline_status": N_("status (baseline)"),
    "current_location_id": N_("current location"),
    "status": N_("status"),
    "distance_km": N_("distance (km)"),
    "reason": N_("reason"),
    "override": N_("planner's correction"),
    "location_id": N_("location"),
    "name": N_("name"),
    "type": N_("type"),
    "gemeente_code": N_("gemeente code"),
    "gemeente_name": N_("gemeente"),
    "province": N_("province"),
    "lat": N_("latitude"),
    "lon": N_("longitude"),
    "capacity": N_("capacity"),
    "flex_capacity": N_("flexible beds"),
    "flex_used": N_("flexible beds used"),
    "occupancy_before": N_("occupancy before"),
    "occupancy_after": N_("occupancy after"),
    "occupancy_change": N_("change in occupancy"),
    "children_after": N_("children after"),
    "max_children": N_("max. children"),
    "arrivals": N_("arrivals"),
    "departures": N_("departures"),
    "over_limit": N_("over its limit"),
    "open": N_("open"),
    "change": N_("what changed"),
    "variant": N_("variant"),
    "persons": N_("persons"),
    "children": N_("children"),
    "household_persons": N_("persons in the household"),
    "waiting_weeks": N_("weeks waiting"),
    "quota": N_("quota"),
    "linked_persons": N_("linked persons"),
    "linked_households": N_("linked households"),
    "remaining": N_("remaining"),
    "kpi": N_("key figure"),
    "description": N_("description"),
    "value": N_("value"),
}
#: Figures per variant in the comparison's columns (``<figure>_<variant>``).
PER_VARIANT_WORDS = {
    "capacity": N_("capacity ({variant})"),
    "open": N_("open ({variant})"),
    "occupancy_after": N_("occupancy after ({variant})"),
    "arrivals": N_("arrivals ({variant})"),
    "departures": N_("departures ({variant})"),
}


def column_title(name: str, variants: tuple[str, ...] = ()) -> str:
    """A file's column as people read it, in the current language (its name when unknown).

    ``variants`` are the run names of a comparison: ``capacity_<variant>``
    becomes "capacity (<variant>)", ``<variant>_change`` "change <variant>".
    """
    if name in COLUMN_WORDS:
        return _(COLUMN_WORDS[name])
    for variant in variants:
        if name == f"{variant}_change":
            return _("change {variant}").format(variant=variant)
        if name == variant:
            return variant
        for figure, words in PER_VARIANT_WORDS.items():
            if name == f"{figure}_{variant}":
                return _(words).format(variant=variant)
    return name


def has_title(name: str) -> bool:
    """Whether a key figure of ``kpis.json`` has a name for people (:func:`kpi_title`)."""
    return name in KPI or name in KPI_EXTRA_WORDS or name.startswith("occupancy ")


def kpi_title(name: str) -> str:
    """A key figure of ``kpis.json`` (or of the comparison) in words, in the current language."""
    if name in KPI:
        return KPI[name].title
    if name.startswith("occupancy "):  # the comparison's occupancy per province
        return _("occupancy {province}").format(province=name.removeprefix("occupancy "))
    if name in KPI_EXTRA_WORDS:
        return _(KPI_EXTRA_WORDS[name])
    return name


#: The type whose places count as emergency places.
EMERGENCY_TYPE = "noodopvang"

#: Colour per location type (both shipped landscapes) on every map; others get grey.
TYPE_COLOURS = {
    "aanmeld": "#1f77b4",
    "gvl": "#1f77b4",
    "versneld": "#17becf",
    "regulier": "#2ca02c",
    "satelliet": "#2ca02c",
    "rol": "#bcbd22",
    "gemeentelijk": "#9467bd",
    "noodopvang": "#d62728",
    "htl": "#8c564b",
    "ibo": "#e377c2",
}
#: Colour of a type without one of its own, and of moves.
OTHER_COLOUR = "#7f7f7f"
MOVE_COLOUR = "#ff7f0e"

KPIS: tuple[Kpi, ...] = (
    Kpi("status", N_("status"), N_("solver status")),
    Kpi("objective", N_("objective"), N_("objective (weighted total)"), 2),
    Kpi("mip_gap", N_("gap"), N_("gap against a bound valid for the full model"), 6),
    Kpi("persons", N_("persons"), N_("persons in the scenario")),
    Kpi("new_arrivals", N_("new arrivals"), N_("new arrivals (persons)")),
    Kpi("placed", N_("placed"), N_("persons with a bed")),
    Kpi("unplaced", N_("unplaced"), N_("persons without a bed")),
    Kpi(
        "moved_persons",
        N_("moved persons"),
        N_("residents moved (persons, unplaced residents included)"),
    ),
    Kpi("moved_children", N_("moved children"), N_("children among them")),
    Kpi(
        "children_over_cap",
        N_("children over the move cap"),
        N_("moved children already at the move cap"),
    ),
    Kpi(
        "expected_moves_ahead",
        N_("expected moves ahead"),
        N_("persons placed where they are expected to have to move again (persons x p)"),
        1,
    ),
    Kpi(
        "expected_child_moves_ahead",
        N_("expected child moves ahead"),
        N_("children placed where they are expected to have to move again (children x p)"),
        1,
    ),
    Kpi(
        "family_splits",
        N_("family groups split"),
        N_("extra locations family groups are spread over"),
    ),
    Kpi(
        "flex_beds_used", N_("flexible beds used"), N_("persons in flexible beds (beyond capacity)")
    ),
    Kpi(
        "distance_km_mean",
        N_("mean km to housing gemeente"),
        N_("mean km to the housing gemeente (placed persons)"),
        1,
    ),
    Kpi(
        "distance_km_p95",
        N_("95th percentile km"),
        N_("95th percentile km to the housing gemeente"),
        1,
    ),
    Kpi(
        "emergency_places_used",
        N_("emergency places used"),
        N_("persons at noodopvang locations"),
    ),
    Kpi(
        "cost_per_night_eur",
        N_("cost per night (euro)"),
        N_("sum of placed persons x cost_per_night (euro)"),
        1,
    ),
    Kpi("open_locations", N_("open locations"), N_("locations open on the planning date")),
    Kpi("open_capacity", N_("open beds"), N_("beds at open locations")),
    Kpi("solve_seconds", N_("solve seconds"), N_("time spent solving"), 2),
)
#: Each KPI by name.
KPI: dict[str, Kpi] = {k.name: k for k in KPIS}
#: Other figures of ``kpis.json`` a person may read (the Excel sheet of key figures).
KPI_EXTRA_WORDS = {
    "mode": N_("mode"),
    "planning_date": N_("planning date"),
    "landscape": N_("landscape"),
    "bound": N_("bound"),
    "households": N_("households"),
    "unplaced_households": N_("households without a bed"),
    "stayed_persons": N_("persons who stay"),
    "wrong_type_persons": N_("persons at a location whose type does not suit their track"),
    "heuristic_faults": N_("solver shortcuts that failed"),
    "reduced": N_("left out for lack of time"),
    "households_to_link": N_("households to link"),
    "persons_to_link": N_("persons to link"),
    "quota_total": N_("quota"),
    "linked_persons": N_("linked persons"),
    "unlinked_persons": N_("unlinked persons"),
}

#: The run summary ``placement place`` prints.
RUN_SUMMARY = (
    "status", "persons", "placed", "unplaced", "new_arrivals", "moved_persons", "moved_children",
    "children_over_cap", "family_splits", "flex_beds_used", "distance_km_mean", "objective",
    "mip_gap", "solve_seconds",
)  # fmt: skip
#: The rows of ``comparison/kpis.csv``, before the occupancy per province.
COMPARISON = (
    "status", "persons", "new_arrivals", "placed", "unplaced", "moved_persons", "moved_children",
    "children_over_cap", "expected_child_moves_ahead", "family_splits", "flex_beds_used",
    "distance_km_mean", "distance_km_p95", "emergency_places_used", "cost_per_night_eur",
    "open_locations", "open_capacity", "objective",
)  # fmt: skip
#: What ``placement whatif`` prints of the comparison.
WHATIF_SUMMARY = (
    "status", "persons", "unplaced", "moved_persons", "moved_children", "children_over_cap",
    "family_splits", "flex_beds_used", "distance_km_mean", "distance_km_p95",
    "emergency_places_used", "cost_per_night_eur", "objective",
)  # fmt: skip
#: What ``placement diff`` compares first; the other KPIs follow by name.
DIFF_FIRST = (
    "status", "objective", "mip_gap", "persons", "placed", "unplaced", "moved_persons",
    "moved_children", "children_over_cap", "family_splits", "distance_km_mean",
)  # fmt: skip


def kpi_change(before: Any, after: Any) -> Any:
    """``after - before`` when both are numbers (not booleans); else ``None``."""

    def number(value: Any) -> bool:
        return isinstance(value, Number) and not isinstance(value, bool)

    return after - before if number(before) and number(after) else None
