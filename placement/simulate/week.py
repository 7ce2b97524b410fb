"""One simulated week, in the contract's order, and what it hands to the next.

1. departures (housing, leaving reception);
2. track changes (a household entering a link track gets this week's date
   as its ``permit_date``);
3. linking: the ``link`` model against what is left of the half-year's quotas;
4. arrivals: whole households without a current location;
5. the weekly placement, exactly as ``placement place --mode weekly`` places
   this state (households left unplaced wait as new arrivals);
6. hand-over: every placed household's current location becomes its
   destination, every person of a moved household gets ``moves + 1``, and a
   resident left unplaced loses its current location.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from placement.api import run
from placement.errors import NoSolutionError
from placement.results.outcome import Outcome
from placement.simulate.chain import (
    State,
    arrivals,
    departures,
    household_values,
    schedule_housing,
    track_changes,
)
from placement.simulate.settings import half_year
from placement.vocab import HouseholdStatus, Mode


class WeekFailed(Exception):
    """A week's placement found no solution within its time limit: the replication ends."""


@dataclass
class Quotas:
    """What is left of the half-year's quotas: ``gemeente_code, quota``, and its half year."""

    half_year: str
    table: pd.DataFrame


def simulate_week(
    state: State,
    week: int,
    day: dt.date,
    quotas: Quotas,
    inflow: int,
    *,
    reasons: bool = False,
) -> tuple[dict[str, Any], Outcome, State]:
    """Run week ``week`` on ``state`` (changed in place); its figures, placement and given state.

    The returned state is what the placement was given (after arrivals),
    for ``--keep-weeks``; ``reasons``: work out each household's reason
    too (only worth it when the week's files are kept).

    Raises
    ------
    WeekFailed
        When the placement finds no solution within its time limit.
    """
    started = time.perf_counter()
    figures = chain_steps(state, week, day, quotas, inflow)
    figures.update(children_figures(state, week))
    settings = replace(state.scenario.settings, planning_date=day, mode=Mode.WEEKLY)
    overrides = week_overrides(state.scenario, state.persons, day)
    given = replace(state.scenario, settings=settings, overrides=overrides)
    state.scenario = given
    try:
        outcome = run(given, reasons=reasons)
    except NoSolutionError as exc:
        raise WeekFailed(f"week {week} ({day.isoformat()}): {exc}") from None
    figures.update(week_figures(outcome))
    figures["arrived_children_moved_twice"] = hand_over(state, outcome)
    figures["week_seconds"] = time.perf_counter() - started
    return (
        figures,
        outcome,
        State(given, state.households.copy(), state.seed, state.flows, state.sim, state.members),
    )


def chain_steps(
    state: State, week: int, day: dt.date, quotas: Quotas, inflow: int
) -> dict[str, Any]:
    """Steps 1-4 of week ``week`` on ``state`` (changed in place), without the placement.

    Departures, track changes, linking and arrivals; their counts. Who is in
    reception afterwards is ``state.persons`` (``placement plan`` reads its
    demand from here).
    """
    figures: dict[str, Any] = {"week": week, "date": day.isoformat()}
    figures.update(departures(state, week))
    figures["track_changes"] = track_changes(state, week, day)
    figures["linked"] = link(state, week, day, quotas)
    track = state.sim.arrival_track or _first_track(state)
    figures["arrivals"] = arrivals(state, week, inflow, track)
    return figures


def _first_track(state: State) -> str:
    landscape = state.scenario.settings.landscape
    return landscape.tracks[0] if landscape is not None and landscape.tracks else "aanmelding"


def link(state: State, week: int, day: dt.date, quotas: Quotas) -> int:
    """Link status holders without a gemeente under what is left of the quotas; persons linked."""
    from placement.link.problem import household_table, prepare_link
    from placement.link.results import household_gemeenten
    from placement.link.solve import solve_link

    if quotas.table["quota"].sum() == 0:
        return 0
    everyone = household_table(state.scenario, state.members)
    waiting = everyone["track"].isin(state.link_tracks) & (everyone["housing"] == "")
    if not waiting.any():
        return 0
    scenario = replace(state.scenario, settings=replace(state.scenario.settings, planning_date=day))
    table = quotas.table.assign(line=np.arange(2, len(quotas.table) + 2))
    problem = prepare_link(scenario, table, everyone)
    if problem.households.empty:
        return 0
    solution = solve_link(problem)
    row = household_gemeenten(problem, solution.counts)
    linked_rows = row >= 0
    if not linked_rows.any():
        return 0
    codes = problem.gemeenten["gemeente_code"].to_numpy(dtype=object)
    linked_codes = codes[row[linked_rows]]
    rows = problem.rows[linked_rows]  # their positions in state.households
    size = problem.households["size"].to_numpy()[linked_rows]
    code = np.full(len(state.households), None, dtype=object)
    code[rows] = linked_codes
    code = code[state.members]
    linked = code != None  # noqa: E711 (elementwise)
    persons = state.persons.copy()
    persons.loc[linked, "housing_gemeente_code"] = code[linked]
    state.scenario = replace(state.scenario, persons=persons)
    used = pd.Series(size).groupby(linked_codes).sum()
    table = quotas.table
    table["quota"] = table["quota"] - table["gemeente_code"].map(used).fillna(0).astype(np.int64)
    schedule_housing(state, rows, week)
    return int(linked.sum())


def children_figures(state: State, week: int) -> dict[str, int]:
    """Children who arrived this week, and over-cap moves of children no policy could avoid.

    ``children_over_cap_floor``: children already at the move cap at the
    start whose start location closes this week while their household is
    still in reception (after this week's departures); see
    :func:`placement.simulate.chain.closure_floor`.
    """
    hh = state.households
    persons = state.persons
    arrived = household_values(state, "arrived")
    child = persons["age"].to_numpy() < 18
    return {
        "arrived_children": int((child & (arrived == week)).sum()),
        "children_over_cap_floor": int(hh.loc[hh["floor_due"] == week, "floor_children"].sum()),
    }


def hand_over(state: State, outcome: Outcome) -> int:
    """Each placed household's current location becomes its destination; moved persons +1.

    Returns how many children who arrived during the run now reach
    ``max_child_moves + 1`` moves (each child is counted once: moves grow by
    at most one a week).
    """
    hh = outcome.households
    ids = state.scenario.locations["location_id"].to_numpy(dtype=object)
    row = pd.Index(hh["household_id"]).get_indexer(state.households.index)[state.members]
    dest = hh["dest"].to_numpy()[row]
    persons = state.persons.copy()
    persons["current_location_id"] = np.where(dest >= 0, ids[np.maximum(dest, 0)], "")
    bump = hh["moved"].to_numpy(dtype=bool)[row].astype(int)
    cap = state.scenario.settings.weights.max_child_moves
    arrived = household_values(state, "arrived") >= 0
    crossed = arrived & (persons["age"].to_numpy() < 18) & (bump == 1)
    crossed &= persons["moves"].to_numpy() == cap
    persons["moves"] = persons["moves"] + bump
    state.scenario = replace(state.scenario, persons=persons)
    return int(crossed.sum())


def week_overrides(scenario: Any, persons: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """The planner's overrides that still hold in a simulated week.

    Those of households still in reception; a pin lapses once its location
    is no longer open (the planner pinned to a location that was open on
    the scenario's own date), a forbid holds while the household is there.
    """
    overrides = scenario.overrides
    if overrides.empty:
        return overrides
    loc = scenario.locations.set_index("location_id")
    stamp = pd.Timestamp(day)
    open_from = overrides["location_id"].map(loc["open_from"])
    open_until = overrides["location_id"].map(loc["open_until"])
    is_open = ~(open_from > stamp) & ~(open_until < stamp)
    here = overrides["household_id"].isin(persons["household_id"])
    return overrides[here & ((overrides["action"] != "pin") | is_open)]


def usable_beds(outcome: Any) -> np.ndarray:
    """Per location, the beds the weekly placement could fill.

    0 when closed, else ``capacity`` with its ``flex_capacity`` (none for a
    location over its limit, which takes no arrivals).
    """
    loc = outcome.locations
    flex = loc["flex_capacity"].fillna(0).to_numpy()
    problem = getattr(outcome, "problem", None)
    if problem is not None and "over_capacity" in problem.locations:
        flex = np.where(problem.locations["over_capacity"].to_numpy(dtype=bool), 0, flex)
    beds = loc["capacity"].to_numpy() + flex
    return np.where(loc["open"].to_numpy(dtype=bool), beds, 0).astype("int64")


def week_figures(outcome: Outcome) -> dict[str, Any]:
    """What ``weeks.csv`` holds of one week's placement."""
    k = outcome.kpis
    hh = outcome.households
    waiting = (hh["status"] == HouseholdStatus.UNPLACED) & (hh["current"] < 0)
    loc = outcome.locations
    cost = outcome.problem.locations["cost_per_night"] if outcome.problem is not None else 0.0
    figures = {
        "persons": k["persons"],
        "placed": k["placed"],
        "unplaced": k["unplaced"],
        "waiting_arrivals": int(hh.loc[waiting, "size"].sum()),
        "moved_persons": k["moved_persons"],
        "moved_children": k["moved_children"],
        "children_over_cap": k["children_over_cap"],
        "wrong_type_persons": k.get("wrong_type_persons", 0),
        "family_splits": k["family_splits"],
        "flex_beds_used": k["flex_beds_used"],
        "distance_km_mean": k["distance_km_mean"],
        "cost_per_night_eur": float((loc["occupancy_after"] * cost).sum()),
        "status": k["status"],
        "mip_gap": k["mip_gap"],
        "solve_seconds": k["solve_seconds"],
        "heuristic_faults": k.get("heuristic_faults", 0),
    }
    beds = pd.Series(usable_beds(outcome), index=loc.index)
    for t, rows in loc.groupby("type", sort=True):
        figures[f"capacity_{t}"] = int(beds[rows.index].sum())  # with flexible beds
        figures[f"occupancy_{t}"] = int(rows["occupancy_after"].sum())
    return figures


def quotas_for(state: State, day: dt.date, given: pd.DataFrame | None, start: dt.date) -> Quotas:
    """The quotas of ``day``'s half-year.

    The scenario's own ``taakstelling.csv`` for the half-year the run starts
    in, else the national taakstelling split by population.
    """
    from placement.link.taakstelling import split_taakstelling

    period = half_year(day)
    if given is not None and period == half_year(start):
        return Quotas(period, given[["gemeente_code", "quota"]].reset_index(drop=True).copy())
    national = state.sim.national_taakstelling(period)
    populations = state.scenario.gemeenten.dropna(subset=["population"])
    table = split_taakstelling(
        national, populations[["gemeente_code", "population"]].astype({"population": "int64"})
    )
    return Quotas(period, table[["gemeente_code", "quota"]].reset_index(drop=True))
