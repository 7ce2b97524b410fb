"""The futures of the chain without the placement, and the demand they make.

A future is one replication of the chain of ``simulation.toml`` (the
simulation's own steps, :func:`placement.simulate.week.chain_steps`):
departures, track changes, linking and arrivals, week after week, with no
weekly placement. Who is in reception then does not depend on where anyone
sleeps, so the demand for beds is the persons in the chain after each
week's steps: ``d[s, w, k, g]``, the persons of future ``s`` in week ``w``
on track ``k``, ``g`` = ``child`` for a household with a child, else
``adult``. Households left without a bed in a real run stay in the chain
as waiting arrivals, so they count here too.

Futures run as tasks on Dask, as the simulation's replications do, each
with its own seed spawned from the root seed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from placement.input.scenario import Scenario
from placement.model.groups import rows_of
from placement.simulate.chain import State, start_state
from placement.simulate.run import scattered, week_inputs
from placement.simulate.settings import SimulationSettings
from placement.simulate.week import chain_steps

#: The two groups of the demand: households without and with a child.
GROUPS = ("adult", "child")
DEMAND_COLUMNS = ["future", "week", "track", "group", "persons"]


@dataclass(frozen=True)
class FutureTask:
    """One future: everything it needs, nothing shared."""

    scenario: Scenario
    sim: SimulationSettings
    future: int
    seed: int
    weeks: int
    taakstelling: pd.DataFrame | None


def demand_of(state: State, tracks: tuple[str, ...]) -> np.ndarray:
    """Persons per track and group (``tracks`` x ``GROUPS``) in reception in ``state``."""
    members = state.members
    young = state.persons["age"].to_numpy() < 18
    child = np.bincount(members, weights=young, minlength=len(state.households)) > 0
    size = np.bincount(members, minlength=len(state.households))
    track = state.households["track"].to_numpy(dtype=object)
    k = rows_of(pd.Index(list(tracks)), track).astype(np.int64)
    known = k >= 0
    cells = k[known] * 2 + child[known].astype(np.int64)
    return (
        np.bincount(cells, weights=size[known], minlength=2 * len(tracks))
        .reshape(len(tracks), 2)
        .astype(np.int64)
    )


def run_future(task: FutureTask) -> np.ndarray:
    """Step one future through its weeks without the placement; demand ``[week, track, group]``."""
    scenario = task.scenario
    if scenario.settings.solver.threads == 0:
        scenario = scenario.with_settings(threads=1)  # linking: one thread per task
    landscape = scenario.settings.landscape
    tracks = landscape.tracks if landscape is not None else ()
    state = start_state(scenario, task.sim, task.seed)
    out = np.zeros((task.weeks, len(tracks), 2), dtype=np.int64)
    for week, day, quotas, inflow in week_inputs(state, task.weeks, task.taakstelling, None):
        chain_steps(state, week, day, quotas, inflow)
        out[week] = demand_of(state, tracks)
    return out


def run_futures(
    tasks: list[FutureTask], client: Any, progress: Callable[[int], None] | None = None
) -> np.ndarray:
    """Run the futures (on ``client``, or here when it is ``None``): ``d[s, w, k, g]``."""
    say = progress or (lambda _: None)
    if not tasks:
        return np.zeros((0, 0, 0, 2), dtype=np.int64)
    if client is None:
        done = []
        for task in tasks:
            done.append(run_future(task))
            say(len(done))
        return np.stack(done)
    from distributed import as_completed

    sent = scattered(client, (part for t in tasks for part in (t.scenario, t.taakstelling)))
    futures = [
        client.submit(
            _run_parts, sent[id(t.scenario)], t.sim, t.future, t.seed, t.weeks,
            sent[id(t.taakstelling)], pure=False,
        )
        for t in tasks
    ]  # fmt: skip
    index = {f.key: i for i, f in enumerate(futures)}
    results: list[np.ndarray | None] = [None] * len(tasks)
    for n, future in enumerate(as_completed(futures), start=1):
        results[index[future.key]] = future.result()
        say(n)
    return np.stack([r for r in results if r is not None])


def _run_parts(
    scenario: Scenario,
    sim: SimulationSettings,
    future: int,
    seed: int,
    weeks: int,
    taakstelling: pd.DataFrame | None,
) -> np.ndarray:
    """:func:`run_future` on a worker, its scenario resolved from what was scattered."""
    return run_future(FutureTask(scenario, sim, future, seed, weeks, taakstelling))


def demand_table(demand: np.ndarray, tracks: tuple[str, ...]) -> pd.DataFrame:
    """``demand.csv``: one row per future, week, track and group (zeros included)."""
    s, w, k, g = np.indices(demand.shape).reshape(4, -1)
    return pd.DataFrame(
        {
            "future": s,
            "week": w,
            "track": np.asarray(tracks, dtype=object)[k],
            "group": np.asarray(GROUPS, dtype=object)[g],
            "persons": demand.reshape(-1),
        },
        columns=DEMAND_COLUMNS,
    )
