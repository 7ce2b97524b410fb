"""The chain's households and persons stay in step: the positions every step relies on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from placement.input.read import read_scenario
from placement.link.problem import household_table
from placement.plan.futures import GROUPS, demand_of
from placement.simulate.chain import link_households, start_state
from placement.simulate.inputs import simulation_settings, taakstelling_of
from placement.simulate.run import week_inputs
from placement.simulate.week import chain_steps

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


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
    keep the order of their first person, the link table built from the positions is
    ``household_table`` of the persons, and the demand equals a count person by person."""
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
        pd.testing.assert_frame_equal(
            link_households(state), household_table(state.scenario), check_dtype=False
        )
        assert (demand_of(state, tracks) == _demand_by_persons(persons, tracks)).all()
    assert linked > 0  # the weeks did link, so the link table was used
