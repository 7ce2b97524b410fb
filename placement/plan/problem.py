"""What the plan model is given: demand, beds, provinces and candidates as arrays.

Notation (the model's, :mod:`placement.plan.model`):

- ``d[s, w, k, g]`` persons of future s in week w on track k in group g
  (``adult``, ``child``), from :mod:`placement.plan.futures`;
- ``B[w, t]``: beds of the scenario's locations of type t open on week w's
  date (``planning_date + 7 w``), with that day's capacity (the capacity
  plan of ``simulation.toml`` applied) plus ``flex_capacity``;
  ``B_child[w, t]`` the same over child-suitable locations;
- ``E[w, p]``: the same beds (all types) in province p; ``key[p]`` p's share
  of the population (built-in CBS 2024 table);
- per candidate c: type, capacity, child_suitable, province, first_week,
  min_weeks, opening_cost, cost_per_night;
- ``held[k]``: the types a household of track k may be *held* at, as the
  weekly placement lets it stay where its track no longer fits: those
  allowed for a track j whose flow leads to k in one step (``next`` of j
  in the chain names k), less the types k is allowed itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace

import numpy as np
import pandas as pd

from placement.input.chain import Flow
from placement.input.scenario import Scenario
from placement.input.settings import PlanWeights
from placement.plan.futures import GROUPS
from placement.simulate.run import apply_capacity_plan
from placement.synth.profiles import gemeente_table


@dataclass(frozen=True)
class PlanProblem:
    """The plan model's data. Arrays are indexed as the tuples of names given."""

    start: dt.date
    tracks: tuple[str, ...]
    types: tuple[str, ...]
    allowed: dict[str, tuple[str, ...]]
    demand: np.ndarray  # (S, W, K, 2)
    beds: np.ndarray  # (W, T)
    beds_child: np.ndarray  # (W, T)
    provinces: tuple[str, ...]
    key: np.ndarray  # (P,)
    beds_province: np.ndarray  # (W, P)
    candidates: pd.DataFrame  # + province (index into provinces), type_index
    weights: PlanWeights
    held: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        s, w, k, g = self.demand.shape
        if (k, g) != (len(self.tracks), len(GROUPS)):
            raise ValueError(f"demand has shape {self.demand.shape}; tracks x groups expected")
        if self.beds.shape != (w, len(self.types)) or self.beds_child.shape != self.beds.shape:
            raise ValueError("beds must be weeks x types")
        if self.beds_province.shape != (w, len(self.provinces)):
            raise ValueError("beds_province must be weeks x provinces")

    @property
    def futures(self) -> int:
        """S."""
        return int(self.demand.shape[0])

    @property
    def weeks(self) -> int:
        """W."""
        return int(self.demand.shape[1])

    def date(self, week: int) -> dt.date:
        """Week ``week``'s date."""
        return self.start + dt.timedelta(days=7 * int(week))

    def candidate_cost(self, which: np.ndarray, week: np.ndarray) -> np.ndarray:
        """Cost of opening candidates ``which`` in ``week``: once, and nights until the end.

        ``opening_cost + 7 capacity cost_per_night max(min_weeks, W - week)``.
        """
        c = self.candidates
        which = np.asarray(which, dtype=np.int64)
        nights = 7 * np.maximum(c["min_weeks"].to_numpy()[which], self.weeks - np.asarray(week))
        per_night = (c["capacity"].to_numpy() * c["cost_per_night"].to_numpy())[which]
        return c["opening_cost"].to_numpy()[which] + per_night * nights

    def with_demand(self, demand: np.ndarray) -> PlanProblem:
        """The same problem on other futures (e.g. the mean demand alone)."""
        from dataclasses import replace

        return replace(self, demand=demand)


def held_types(
    allowed: dict[str, tuple[str, ...]], flows: dict[str, Flow]
) -> dict[str, tuple[str, ...]]:
    """Per track k: the types allowed for a track whose flow leads to k, not allowed for k.

    In the order of the landscape's tracks, then of each track's types.
    """
    out: dict[str, tuple[str, ...]] = {}
    for k in allowed:
        types: list[str] = []
        for j, flow in flows.items():
            if k in flow.next and j != k:
                types += [t for t in allowed.get(j, ()) if t not in allowed[k] and t not in types]
        if types:
            out[k] = tuple(types)
    return out


def province_keys(provinces: tuple[str, ...]) -> np.ndarray:
    """Each province's share of the population (built-in CBS table, 1 January 2024)."""
    table = gemeente_table()
    population = table.groupby("province")["population"].sum()
    values = population.reindex(list(provinces)).fillna(0).to_numpy(dtype=float)
    return values / population.sum()


def bed_arrays(
    scenario: Scenario, capacity_plan: pd.DataFrame | None, weeks: int, types: tuple[str, ...],
    provinces: tuple[str, ...],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """``B[w, t]``, ``B_child[w, t]`` and ``E[w, p]`` of the scenario's locations."""
    start = scenario.settings.planning_date
    province = scenario.gemeenten.set_index("gemeente_code")["province"]
    beds = np.zeros((weeks, len(types)))
    beds_child = np.zeros((weeks, len(types)))
    beds_province = np.zeros((weeks, len(provinces)))
    state = SimpleNamespace(scenario=scenario)
    loc = scenario.locations
    t = pd.Categorical(loc["type"], categories=list(types)).codes
    p = pd.Categorical(loc["gemeente_code"].map(province), categories=list(provinces)).codes
    child = loc["child_suitable"].to_numpy(dtype=bool)
    for week in range(weeks):
        day = start + dt.timedelta(days=7 * week)
        apply_capacity_plan(state, capacity_plan, day)
        now = state.scenario.locations
        stamp = pd.Timestamp(day)
        open_ = ~(now["open_from"] > stamp) & ~(now["open_until"] < stamp)
        n = (now["capacity"] + now["flex_capacity"]).to_numpy(dtype=float) * open_.to_numpy()
        known = t >= 0
        beds[week] = np.bincount(t[known], weights=n[known], minlength=len(types))
        kc = known & child
        beds_child[week] = np.bincount(t[kc], weights=n[kc], minlength=len(types))
        kp = p >= 0
        beds_province[week] = np.bincount(p[kp], weights=n[kp], minlength=len(provinces))
    return beds, beds_child, beds_province


def make_problem(
    scenario: Scenario,
    candidates: pd.DataFrame,
    demand: np.ndarray,
    capacity_plan: pd.DataFrame | None = None,
) -> PlanProblem:
    """The plan problem of ``scenario`` with these candidates and futures' demand."""
    landscape = scenario.settings.landscape
    if landscape is None:
        raise ValueError("the scenario has no landscape")
    provinces = tuple(sorted(p for p in gemeente_table()["province"].unique() if p))
    weeks = int(demand.shape[1])
    beds, beds_child, beds_province = bed_arrays(
        scenario, capacity_plan, weeks, landscape.types, provinces
    )
    province = scenario.gemeenten.set_index("gemeente_code")["province"]
    cands = candidates.reset_index(drop=True).copy()
    cands["province"] = pd.Categorical(
        cands["gemeente_code"].map(province), categories=list(provinces)
    ).codes.astype(np.int64)
    cands["type_index"] = pd.Categorical(cands["type"], categories=list(landscape.types)).codes
    return PlanProblem(
        start=scenario.settings.planning_date,
        tracks=landscape.tracks,
        types=landscape.types,
        allowed=dict(landscape.allowed),
        demand=demand.astype(float),
        beds=beds,
        beds_child=beds_child,
        provinces=provinces,
        key=province_keys(provinces),
        beds_province=beds_province,
        candidates=cands,
        weights=scenario.settings.plan,
        held=held_types(dict(landscape.allowed), scenario.settings.chain.flows_for(landscape.name)),
    )
