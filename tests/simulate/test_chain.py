"""The chain's households and persons stay in step: the positions every step relies on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from placement.input.read import read_scenario
from placement.link.problem import household_table
from placement.plan.futures import GROUPS, demand_of
from placement.simulate.chain import start_state
from placement.simulate.inputs import simulation_settings, taakstelling_of
from placement.simulate.run import week_inputs
from placement.simulate.week import chain_steps

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


def _households_by_groupby(persons: pd.DataFrame) -> pd.DataFrame:
    """What linking needs of each household, by pandas' groupby (the definition)."""
    by = persons.groupby("household_id", sort=False)
    first = by[["track", "current_location_id", "housing_gemeente_code", "family_group", "line"]]
    first = first.first()
    return pd.DataFrame(
        {
            "household_id": first.index.to_numpy(),
            "size": by.size().to_numpy(),
            "track": first["track"].to_numpy(),
            "location_id": first["current_location_id"].to_numpy(),
            "housing": first["housing_gemeente_code"].to_numpy(),
            "family_group": first["family_group"].to_numpy(),
            "permit_date": by["permit_date"].min().to_numpy(),
            "line": first["line"].to_numpy(),
        }
    )


def _demand_by_persons(persons: pd.DataFrame, tracks: tuple[str, ...]) -> np.ndarray:
    """The demand counted person by person (the definition in plan/futures.py)."""
    child = (persons["age"] < 18).groupby(persons["household_id"]).transform("any")
    out = np.zeros((len(tracks), len(GROUPS)), dtype=np.int64)
    for k, track in enumerate(tracks):
        on = persons["track"] == track
        out[k, 1] = int((on & child).sum())
        out[k, 0] = int((on & ~child).sum())
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_positions_demand_and_link_table_follow_the_persons(seed: int):
    """After each week's steps: every person's position names its own household, households
    keep the order of their first person, the link table from the positions and from
    the ids is what pandas' groupby gives, and the demand equals a count person by person."""
    scenario = read_scenario(DEMO, mode="weekly")
    sim = simulation_settings(DEMO)
    state = start_state(scenario, sim, seed)
    tracks = scenario.settings.landscape.tracks
    linked = 0
    for week, day, quotas, inflow in week_inputs(state, 12, taakstelling_of(scenario), None):
        figures = chain_steps(state, week, day, quotas, inflow)
        linked += figures["linked"]
        persons, households = state.persons, state.households
        ids = persons["household_id"].to_numpy(dtype=object)
        assert (households.index.to_numpy(dtype=object)[state.members] == ids).all()
        assert households.index.tolist() == list(pd.unique(ids))
        first = persons.drop_duplicates("household_id").set_index("household_id")
        assert (households["track"].to_numpy(dtype=object) == first["track"].to_numpy()).all()
        expected = _households_by_groupby(persons)
        for table in (
            household_table(state.scenario, state.members),
            household_table(state.scenario),
        ):
            pd.testing.assert_frame_equal(table, expected, check_dtype=False)
        assert (demand_of(state, tracks) == _demand_by_persons(persons, tracks)).all()
    assert linked > 0  # the weeks did link, so the link table was used
