"""The inputs of the policy instruments: flexible beds, a closure ahead, permits, the taakstelling.

Drawn from a random stream of their own (``seed`` and :data:`STREAM`), so
adding them leaves every other draw of a scenario as it was.

Real figures
------------
- The taakstelling of the second half of 2025: 13,000 status holders to be
  housed by the gemeenten (Rijksoverheid, taakstelling huisvesting
  vergunninghouders 2025-H2); split over the gemeenten by population with
  the contract's largest-remainder rule.
- About 20,000 status holders waited in reception for a home during 2024,
  and the norm of 14 weeks from permit to home is missed most of the time
  (COA, 2024).

Assumptions
-----------
- The remaining quotas: half of a half year's taakstelling is still open on
  the planning date, scaled to the scenario (``persons / 65,000``, the
  national instance's size).
- Weeks since the permit of a resident status holder: lognormal with a
  median of 20 weeks (so about three in four have waited more than the 14
  weeks of the norm), at most three years; a status holder arriving now
  (family reunification) got the permit 0-4 weeks ago.
- Not yet linked to a gemeente: every status holder whose permit is less
  than 10 weeks old, and 15 % of the others.
- Flexible beds: 20 % of the open regular (regulier, gemeentelijk; 2020:
  rol, satelliet) locations hold 5-15 % of their capacity as flexible beds
  (at least 2).
- At least one open location with residents has its last open night within
  the four weeks after the planning date (3-20 days), so ``closing_soon``
  and the moves a closure causes show.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from placement.link.taakstelling import split_taakstelling
from placement.synth.profiles import gemeente_table

#: Second word of the seed of this module's random stream.
STREAM = 2026
#: Status holders the gemeenten must house in a half year (2025-H2).
TAAKSTELLING_HALF_YEAR = 13_000
#: The national instance's persons: the taakstelling's scale.
NATIONAL_PERSONS = 65_000
#: Share of the half year's taakstelling still open on the planning date.
OPEN_SHARE = 0.5
FLEX_TYPES = ("regulier", "gemeentelijk", "rol", "satelliet")
FLEX_LOCATION_SHARE = 0.20
FLEX_BED_SHARE = (0.05, 0.15)
MEDIAN_WAIT_WEEKS = 20
UNLINKED_BELOW_WEEKS = 10
UNLINKED_SHARE = 0.15


def add_policy_inputs(
    locations: pd.DataFrame,
    persons: pd.DataFrame,
    planning_date: dt.date,
    status_track: str,
    seed: int,
) -> None:
    """Add ``flex_capacity`` to ``locations`` and ``permit_date`` to ``persons``, in place.

    Also leaves status holders not yet linked (empty ``housing_gemeente_code``)
    and moves one location's last night within four weeks when none is.
    """
    rng = np.random.default_rng([seed, STREAM])
    day = pd.Timestamp(planning_date)
    _flexible_beds(rng, locations, day)
    _closure_ahead(rng, locations, persons, day)
    _permits(rng, persons, day, status_track)


def taakstelling_for(persons: int) -> pd.DataFrame:
    """The open quotas of a scenario of ``persons``: ``gemeente_code, quota``."""
    total = round(OPEN_SHARE * TAAKSTELLING_HALF_YEAR * persons / NATIONAL_PERSONS)
    return split_taakstelling(total, gemeente_table()[["gemeente_code", "population"]])


def _open(locations: pd.DataFrame, day: pd.Timestamp) -> np.ndarray:
    start, until = locations["open_from"], locations["open_until"]
    return ((start.isna() | (start <= day)) & (until.isna() | (day <= until))).to_numpy()


def _flexible_beds(rng: np.random.Generator, locations: pd.DataFrame, day: pd.Timestamp) -> None:
    eligible = _open(locations, day) & locations["type"].isin(FLEX_TYPES).to_numpy()
    chosen = eligible & (rng.random(len(locations)) < FLEX_LOCATION_SHARE)
    share = rng.uniform(*FLEX_BED_SHARE, len(locations))
    beds = np.maximum(2, np.rint(locations["capacity"].to_numpy() * share)).astype(np.int64)
    locations["flex_capacity"] = np.where(chosen, beds, 0).astype(np.int64)


def _closure_ahead(
    rng: np.random.Generator, locations: pd.DataFrame, persons: pd.DataFrame, day: pd.Timestamp
) -> None:
    until = locations["open_until"]
    soon = (until >= day) & (until < day + pd.Timedelta(days=28))
    if soon.any():
        return
    residents = persons["current_location_id"].value_counts()
    occupied = locations["location_id"].map(residents).fillna(0).to_numpy() > 0
    temporary = until.notna().to_numpy()  # a location planned to close one day
    pick = np.flatnonzero(_open(locations, day) & occupied & temporary)
    if pick.size == 0:
        pick = np.flatnonzero(_open(locations, day) & occupied)
    if pick.size == 0:
        return
    smallest = pick[np.argmin(locations["capacity"].to_numpy()[pick])]
    locations.loc[smallest, "open_until"] = day + pd.Timedelta(days=int(rng.integers(3, 21)))


def _permits(
    rng: np.random.Generator, persons: pd.DataFrame, day: pd.Timestamp, status_track: str
) -> None:
    households = persons.drop_duplicates("household_id")
    status = (households["track"] == status_track).to_numpy()
    resident = (households["current_location_id"] != "").to_numpy()
    n = len(households)
    weeks = np.where(
        resident,
        np.minimum(156, rng.lognormal(np.log(MEDIAN_WAIT_WEEKS), 0.6, n)),
        rng.uniform(0, 4, n),
    )
    days = np.floor(weeks * 7).astype(np.int64) + rng.integers(0, 7, n)
    permit = pd.Series(day - pd.to_timedelta(days, unit="D"), index=households["household_id"])
    unlinked = (weeks < UNLINKED_BELOW_WEEKS) | (rng.random(n) < UNLINKED_SHARE)
    unlinked_ids = set(households["household_id"][status & unlinked])
    ids = persons["household_id"]
    mine = ids.isin(set(households["household_id"][status])).to_numpy()
    persons["permit_date"] = permit.reindex(ids).where(mine).to_numpy().astype("datetime64[ns]")
    persons.loc[ids.isin(unlinked_ids).to_numpy(), "housing_gemeente_code"] = ""
