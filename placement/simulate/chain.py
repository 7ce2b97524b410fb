"""The reception chain between two weekly placements: departures, track changes, arrivals.

:class:`State` is the scenario as it stands (its ``persons`` and
``locations`` frames) plus, per household, when its time in its track is up
and what comes next (``households``). Each step changes it in place and
returns what it did, in counts; the weekly placement itself is
:mod:`placement.simulate.week`'s.

Weeks are counted from the start (week 0 is the scenario's planning date);
a household's ``track_due`` is the week its track changes, ``leave_due``
the week it leaves reception (rejected), ``house_due`` the week it moves
into its home (linked). ``NEVER`` means not scheduled.

More columns serve the children's figures, per household and never per
person: ``arrived`` is the week the household arrived during the run (``0``
for one waiting for its first bed at the start, ``-1`` for a resident);
``floor_due`` and ``floor_children`` the week its start location closes and
how many of its children were already at the move cap at the start (see
:func:`closure_floor`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from placement.input.scenario import Scenario
from placement.simulate.draws import (
    Purpose,
    categorical,
    geometric_weeks,
    household_keys,
    uniforms,
)
from placement.simulate.settings import LEAVE, Flow, SimulationSettings
from placement.synth.households import draw_ages, draw_households
from placement.synth.profiles import MEDICAL_SHARE, household_mix, published_marginals

NEVER = np.iinfo(np.int64).max // 2
#: Persons drawn per chunk of arrivals (a fixed size keeps the draws of a week stable).
CHUNK = 100


@dataclass
class State:
    """The scenario of one replication of one variant, as the weeks change it."""

    scenario: Scenario
    # index household_id: key, track, track_due, next_track, leave_due, house_due, arrived,
    # floor_due, floor_children
    households: pd.DataFrame
    seed: int
    flows: dict[str, Flow]
    sim: SimulationSettings
    #: Per row of ``persons``, its household's row in ``households``. Both
    #: tables keep households in the order of their first person, so every
    #: step works on these positions instead of matching ids.
    members: np.ndarray

    @property
    def persons(self) -> pd.DataFrame:
        """The persons as they stand."""
        return self.scenario.persons

    @property
    def link_tracks(self) -> tuple[str, ...]:
        """The status-holder tracks of the landscape."""
        landscape = self.scenario.settings.landscape
        return landscape.link_tracks if landscape is not None else ()


def start_state(scenario: Scenario, sim: SimulationSettings, seed: int) -> State:
    """The state at week 0: every household's time in its track drawn from the start.

    Time in a track is memoryless (a household leaves each week with chance
    1 / mean weeks), so a resident's remaining time is drawn like a new one.
    Linked status holders get their housing lead time from the start.
    """
    landscape = scenario.settings.landscape
    flows = sim.flows_for(landscape.name if landscape is not None else "")
    first = scenario.persons.drop_duplicates("household_id")
    households = pd.DataFrame(
        {
            "key": household_keys(first["household_id"]),
            "track": first["track"].to_numpy(dtype=object),
            "linked": (first["housing_gemeente_code"] != "").to_numpy(),
        },
        index=pd.Index(first["household_id"].to_numpy(), name="household_id"),
    )
    members = households.index.get_indexer(scenario.persons["household_id"])
    state = State(scenario, households, seed, flows, sim, members.astype(np.int64))
    households["track_due"] = NEVER
    households["next_track"] = pd.Series("", index=households.index, dtype=object)
    households["leave_due"] = NEVER
    households["house_due"] = NEVER
    schedule_tracks(state, np.arange(len(households)), 0)
    status = households["track"].isin(state.link_tracks) & households["linked"]
    schedule_housing(state, np.flatnonzero(status.to_numpy()), 0)
    # Households waiting for their first bed on the planning date arrive in week 0.
    households["arrived"] = np.where((first["current_location_id"] == "").to_numpy(), 0, -1)
    due, children = closure_floor(scenario, households.index)
    households["floor_due"], households["floor_children"] = due, children
    state.households = households.drop(columns=["linked"])
    return state


def closure_floor(scenario: Scenario, ids: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """Per household of ``ids``: the week its start location closes, and its children at the cap.

    A child that is a resident at the start with ``moves >= max_child_moves``
    at a location with ``open_until`` must move again, over the cap, by the
    first week ``w >= 0`` whose date ``planning_date + 7·w`` is after
    ``open_until`` if its household is still in reception then: no placement
    policy can avoid that move. ``NEVER`` and 0 where that does not apply.
    """
    persons = scenario.persons
    settings = scenario.settings
    cap = settings.weights.max_child_moves
    resident = persons["current_location_id"] != ""
    at_cap = (persons["age"] < 18) & (persons["moves"] >= cap) & resident
    children = at_cap.groupby(persons["household_id"]).sum().reindex(ids, fill_value=0)
    locations = scenario.locations.set_index("location_id")
    first = persons.drop_duplicates("household_id").set_index("household_id")
    until = first["current_location_id"].map(locations["open_until"]).reindex(ids)
    start = pd.Timestamp(settings.planning_date)
    days = (until - start).dt.days.to_numpy(dtype=float)  # NaN without open_until
    week = np.where(np.isnan(days), NEVER, np.floor(np.nan_to_num(days) / 7) + 1)
    week = np.maximum(week, 0).astype(np.int64)
    week[children.to_numpy() == 0] = NEVER
    return week, np.where(week < NEVER, children.to_numpy(), 0).astype(np.int64)


def schedule_tracks(state: State, rows: np.ndarray, week: int) -> None:
    """Draw when their track ends, and what follows, for households entering it at ``week``.

    ``rows``: the households' positions in ``state.households``.
    """
    if len(rows) == 0:
        return
    hh = state.households
    track = hh["track"].to_numpy(dtype=object)[rows]
    keys = hh["key"].to_numpy(dtype=np.uint64)[rows]
    due = np.full(len(rows), NEVER, dtype=np.int64)
    after = np.full(len(rows), "", dtype=object)
    u_weeks = uniforms(state.seed, keys, Purpose.TRACK_WEEKS, week)
    u_next = uniforms(state.seed, keys, Purpose.NEXT_TRACK, week)
    for name, flow in state.flows.items():
        mine = track == name
        if not mine.any():
            continue
        due[mine] = week + geometric_weeks(u_weeks[mine], flow.weeks)
        options = np.array(list(flow.next), dtype=object)
        after[mine] = options[categorical(u_next[mine], list(flow.next.values()))]
    _set(hh, "track_due", rows, due)
    _set(hh, "next_track", rows, after)


def schedule_housing(state: State, rows: np.ndarray, week: int) -> None:
    """Households linked at ``week`` move into their home after a drawn lead time.

    ``rows``: the households' positions in ``state.households``.
    """
    if len(rows) == 0:
        return
    hh = state.households
    keys = hh["key"].to_numpy(dtype=np.uint64)[rows]
    u = uniforms(state.seed, keys, Purpose.HOUSING_WEEKS, week)
    lead = geometric_weeks(u, state.sim.housing_lead_weeks)
    _set(hh, "house_due", rows, week + lead)


def departures(state: State, week: int) -> dict[str, int]:
    """Households whose housing or leaving is due leave reception; persons by kind."""
    hh = state.households
    housing = hh["house_due"].to_numpy() <= week
    other = (hh["leave_due"].to_numpy() <= week) & ~housing
    size = np.bincount(state.members, minlength=len(hh))
    counts = {
        "departures_housing": int(size[housing].sum()),
        "departures_other": int(size[other].sum()),
    }
    if not (housing | other).any():
        return counts
    stay = ~(housing | other)
    kept = stay[state.members]
    state.scenario = _with_persons(state.scenario, state.persons[kept])
    state.members = (np.cumsum(stay) - 1)[state.members[kept]]
    state.households = hh[stay]
    return counts


def track_changes(state: State, week: int, day: dt.date) -> int:
    """Households whose time is up move to their next track (whole households); persons moved.

    A household whose next step is ``leave`` keeps its track and leaves
    reception after a drawn stay; one that enters a link track gets this
    week's date as its ``permit_date``.
    """
    hh = state.households
    due = hh["track_due"].to_numpy() <= week
    if not due.any():
        return 0
    after = hh["next_track"].to_numpy(dtype=object)
    leaving = np.flatnonzero(due & (after == LEAVE))
    moving = np.flatnonzero(due & (after != LEAVE))
    _set(hh, "track_due", np.flatnonzero(due), NEVER)
    if len(leaving):
        keys = hh["key"].to_numpy(dtype=np.uint64)[leaving]
        u = uniforms(state.seed, keys, Purpose.LEAVE_WEEKS, week)
        _set(hh, "leave_due", leaving, week + geometric_weeks(u, state.sim.leave_weeks))
    _set(hh, "track", moving, after[moving])
    moves = np.zeros(len(hh), dtype=bool)
    moves[moving] = True
    changed = moves[state.members]
    persons = state.persons.copy()
    new_track = after[state.members[changed]]
    persons.loc[changed, "track"] = new_track
    permit = changed.copy()
    permit[changed] = np.isin(new_track, list(state.link_tracks))
    persons.loc[permit, "permit_date"] = pd.Timestamp(day)
    state.scenario = _with_persons(state.scenario, persons)
    schedule_tracks(state, moving, week)
    return int(changed.sum())


def arrivals(state: State, week: int, persons_wanted: int, track: str) -> int:
    """Whole households, drawn in fixed chunks, until ``persons_wanted``; persons that arrived.

    They have no current location and enter ``track``; their ids name the
    week (``A007-00012`` is household 12 of week 7, its persons ``-1``, ``-2``).
    """
    if persons_wanted <= 0:
        return 0
    marginals = published_marginals()
    mix = household_mix(marginals["children_share"], marginals["amv_share"])
    frames, have, chunk = [], 0, 0
    while have < persons_wanted:
        rng = np.random.default_rng([state.seed % 2**63, week, chunk])
        drawn = draw_households(rng, CHUNK, mix)
        age, owner = draw_ages(rng, drawn)
        medical = rng.random(len(age)) < MEDICAL_SHARE
        frames.append((drawn.size, age, owner, medical, chunk))
        have += int(drawn.size.sum())
        chunk += 1
    columns: dict[str, list[object]] = {
        "person_id": [],
        "household_id": [],
        "age": [],
        "medical_need": [],
    }
    number, left = 0, persons_wanted
    for sizes, age, owner, medical, _ in frames:  # owner: each household's persons in a row
        size = np.asarray(sizes, dtype=np.int64)
        taken = int(((left - (np.cumsum(size) - size)) > 0).sum())  # while persons are wanted
        n = int(size[:taken].sum())
        ids = [f"A{week:03d}-{number + h:05d}" for h in range(1, taken + 1)]
        rank = np.arange(n) - (np.cumsum(size) - size)[owner[:n]] + 1
        whose = [ids[o] for o in owner[:n].tolist()]
        columns["household_id"] += whose
        columns["person_id"] += [f"{h}-{j}" for h, j in zip(whose, rank.tolist(), strict=True)]
        columns["age"] += age[:n].astype(int).tolist()
        columns["medical_need"] += medical[:n].astype(bool).tolist()
        number, left = number + taken, left - n
        if left <= 0:
            break
    new = pd.DataFrame(columns, columns=["person_id", "household_id", "age", "medical_need"])
    new = new.assign(
        track=track, current_location_id="", housing_gemeente_code="", family_group="",
        moves=0, permit_date=pd.NaT, line=0,
    )  # fmt: skip
    persons = pd.concat([state.persons, new[state.persons.columns]], ignore_index=True)
    state.scenario = _with_persons(state.scenario, persons)
    codes, uniques = pd.factorize(new["household_id"])
    ids = pd.Index(uniques, name="household_id")
    before = len(state.households)
    added = pd.DataFrame(
        {"key": household_keys(ids), "track": track, "track_due": NEVER, "next_track": "",
         "leave_due": NEVER, "house_due": NEVER, "arrived": week, "floor_due": NEVER,
         "floor_children": 0},
        index=ids,
    )  # fmt: skip
    state.households = pd.concat([state.households, added[state.households.columns]])
    state.members = np.concatenate([state.members, before + codes.astype(np.int64)])
    schedule_tracks(state, before + np.arange(len(ids)), week)
    return len(new)


def household_values(state: State, column: str) -> np.ndarray:
    """Per person, its household's ``column`` of ``households``."""
    return state.households[column].to_numpy()[state.members]


def _set(frame: pd.DataFrame, column: str, rows: np.ndarray, values: object) -> None:
    """``frame[column]`` at the positions ``rows`` set to ``values`` (in place).

    A column of text stays of ``object`` dtype: the steps read it as an
    array every week, and a pandas string column would be converted each time.
    """
    data = frame[column].to_numpy(copy=True)
    data[rows] = values
    frame[column] = pd.Series(data, index=frame.index, dtype=data.dtype)


def _with_persons(scenario: Scenario, persons: pd.DataFrame) -> Scenario:
    from dataclasses import replace

    persons = persons.reset_index(drop=True)
    persons["line"] = np.arange(2, len(persons) + 2)
    return replace(scenario, persons=persons)
