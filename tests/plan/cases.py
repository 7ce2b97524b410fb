"""Tiny plan problems whose optimum is worked out by hand (one track, one type unless said)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from placement.input.settings import PlanWeights
from placement.plan.problem import PlanProblem

START = dt.date(2027, 1, 4)


def candidates(**columns: list) -> pd.DataFrame:
    """Candidates with defaults: regulier, child-suitable, province 0, no costs."""
    n = len(next(iter(columns.values()))) if columns else 1
    base = {
        "candidate_id": [f"C{i + 1}" for i in range(n)],
        "name": [f"site {i + 1}" for i in range(n)],
        "gemeente_code": ["GM0363"] * n,
        "type": ["regulier"] * n,
        "capacity": [100] * n,
        "child_suitable": [True] * n,
        "has_medical": [False] * n,
        "lat": [np.nan] * n,
        "lon": [np.nan] * n,
        "first_week": [0] * n,
        "min_weeks": [1] * n,
        "opening_cost": [0.0] * n,
        "cost_per_night": [1.0] * n,
        "province": [0] * n,
        "type_index": [0] * n,
    }
    base.update(columns)
    return pd.DataFrame(base)


def problem(
    demand: np.ndarray,
    *,
    beds: float | np.ndarray = 100.0,
    beds_child: float | np.ndarray | None = None,
    cands: pd.DataFrame | None = None,
    shortage: float = 1000,
    spread: float = 0,
    usable: float = 1.0,
    held: float = 100,
    provinces: tuple[str, ...] = ("A",),
    key: tuple[float, ...] = (1.0,),
    beds_province: np.ndarray | None = None,
) -> PlanProblem:
    """A problem of one track (regulier) and one type; ``demand[s, w, g]``."""
    demand = np.asarray(demand, dtype=float)
    S, W = demand.shape[:2]
    b = np.broadcast_to(np.asarray(beds, dtype=float), (W,)).reshape(W, 1).copy()
    bc = b if beds_child is None else np.broadcast_to(
        np.asarray(beds_child, dtype=float), (W,)).reshape(W, 1).copy()  # fmt: skip
    bp = beds_province if beds_province is not None else np.hstack(
        [b] + [np.zeros((W, 1))] * (len(provinces) - 1))  # fmt: skip
    return PlanProblem(
        start=START,
        tracks=("regulier",),
        types=("regulier",),
        allowed={"regulier": ("regulier",)},
        demand=demand.reshape(S, W, 1, 2),
        beds=b,
        beds_child=bc,
        provinces=provinces,
        key=np.asarray(key, dtype=float),
        beds_province=bp,
        candidates=cands if cands is not None else candidates(),
        weights=PlanWeights(shortage=shortage, spread=spread, usable=usable, held=held),
    )


def two_tracks(
    demand: np.ndarray,
    *,
    beds: tuple[float, float],
    cands: pd.DataFrame,
    held: float = 100,
    shortage: float = 1000,
) -> PlanProblem:
    """aanmelding (type aanmeld) leads to versneld (type versneld): versneld may be held at aanmeld.

    ``demand[s, w, k, g]`` with k = aanmelding, versneld; ``beds`` of aanmeld, versneld.
    """
    demand = np.asarray(demand, dtype=float)
    S, W = demand.shape[:2]
    b = np.tile(np.asarray(beds, dtype=float), (W, 1))
    return PlanProblem(
        start=START,
        tracks=("aanmelding", "versneld"),
        types=("aanmeld", "versneld"),
        allowed={"aanmelding": ("aanmeld",), "versneld": ("versneld",)},
        demand=demand,
        beds=b,
        beds_child=b.copy(),
        provinces=("A",),
        key=np.array([1.0]),
        beds_province=b.sum(axis=1, keepdims=True),
        candidates=cands,
        weights=PlanWeights(shortage=shortage, spread=0, usable=1.0, held=held),
        held={"versneld": ("aanmeld",)},
    )


def adults(*weeks: float) -> np.ndarray:
    """Demand of one future: adults per week, no children."""
    d = np.zeros((1, len(weeks), 2))
    d[0, :, 0] = weeks
    return d
