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


class Mode(StrEnum):
    """Who is decided: the weekly placement or a rebalance of everyone."""

    WEEKLY = "weekly"
    REBALANCE = "rebalance"


class Lang(StrEnum):
    """Languages of the review pages (``--lang``); Dutch is what planners read."""

    NL = "nl"
    EN = "en"


class Status(StrEnum):
    """How a solve ended (``kpis.json`` ``status``)."""

    OPTIMAL = "optimal"
    TIME_LIMIT = "time_limit"
    NO_SOLUTION = "no_solution"


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

    def format(self, value: Any) -> str:
        """The value for a table: empty when missing, ``decimals`` for numbers."""
        if value is None or (isinstance(value, float) and value != value):
            return ""
        if self.decimals is not None and isinstance(value, Number):
            return f"{float(value):,.{self.decimals}f}"  # type: ignore[arg-type]
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}"
        return str(value)


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
    Kpi("status", "status", "solver status"),
    Kpi("objective", "objective", "objective (weighted total)", 2),
    Kpi("mip_gap", "gap", "gap against a bound valid for the full model", 6),
    Kpi("persons", "persons", "persons in the scenario"),
    Kpi("new_arrivals", "new arrivals", "new arrivals (persons)"),
    Kpi("placed", "placed", "persons with a bed"),
    Kpi("unplaced", "unplaced", "persons without a bed"),
    Kpi("moved_persons", "moved persons", "residents moved (persons, unplaced residents included)"),
    Kpi("moved_children", "moved children", "children among them"),
    Kpi(
        "children_over_cap",
        "children over the move cap",
        "moved children already at the move cap",
    ),
    Kpi(
        "expected_moves_ahead",
        "expected moves ahead",
        "persons placed where they are expected to have to move again (persons x p)",
        1,
    ),
    Kpi(
        "expected_child_moves_ahead",
        "expected child moves ahead",
        "children placed where they are expected to have to move again (children x p)",
        1,
    ),
    Kpi("family_splits", "family groups split", "extra locations family groups are spread over"),
    Kpi("flex_beds_used", "flexible beds used", "persons in flexible beds (beyond capacity)"),
    Kpi(
        "distance_km_mean",
        "mean km to housing gemeente",
        "mean km to the housing gemeente (placed persons)",
        1,
    ),
    Kpi("distance_km_p95", "95th percentile km", "95th percentile km to the housing gemeente", 1),
    Kpi("emergency_places_used", "emergency places used", f"persons at {EMERGENCY_TYPE} locations"),
    Kpi(
        "cost_per_night_eur",
        "cost per night (euro)",
        "sum of placed persons x cost_per_night (euro)",
        1,
    ),
    Kpi("open_locations", "open locations", "locations open on the planning date"),
    Kpi("open_capacity", "open beds", "beds at open locations"),
    Kpi("solve_seconds", "solve seconds", "time spent solving", 2),
)
#: Each KPI by name.
KPI: dict[str, Kpi] = {k.name: k for k in KPIS}

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
