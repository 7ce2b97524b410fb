"""The plan written down: ``plan.csv`` with a plain reason per candidate, and the KPIs.

A reason compares the plan with the same plan changed for that candidate
alone, on the same futures (the second stage re-solved,
:class:`placement.plan.solve.SecondStage`): an opened candidate against the
plan without it (how many places would be short, in how many futures,
from which week), a candidate not opened against the plan with it opened
at its first week (what it would save against what it costs).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from placement.i18n import N_, decimal, tr
from placement.input.scenario import Scenario
from placement.plan.problem import PlanProblem
from placement.plan.solve import NOT_OPENED, PlanSolution, SecondStage, terms

if TYPE_CHECKING:
    from placement.plan.calibrate import Calibration

PLAN_COLUMNS = ["candidate_id", "open", "open_week", "open_date", "cost", "reason"]
#: A change in persons short smaller than this is rounding in the LP.
PERSON = 0.5

#: The texts of the reasons, in one place (named placeholders).
REASONS = {
    "opened_short": (
        N_(
            "opened in week {week} ({date}): without it up to {places} {type} places would be "
            "short in {futures} of {total} futures, from week {first}; it costs {cost} euro"
        )
    ),
    "opened_spread": (
        N_(
            "opened in week {week} ({date}): it brings {province} closer to its share under the "
            "Spreidingswet, worth {saving} euro against its cost of {cost} euro"
        )
    ),
    "opened_cheaper": (
        N_(
            "opened in week {week} ({date}): without it the plan would cost {saving} euro more "
            "in expected shortage and spread; it costs {cost} euro"
        )
    ),
    "not_opened": (
        N_(
            "not opened: opened in week {week} ({date}) it would save {saving} euro of expected "
            "shortage and spread, less than its cost of {cost} euro"
        )
    ),
    "not_opened_unneeded": (
        N_(
            "not opened: no future runs short of {type} places it could cover, and it costs "
            "{cost} euro from week {week} ({date})"
        )
    ),
    "too_late": N_("not opened: its first week {week} is after the {weeks} weeks planned"),
    "evaluated": N_(
        "{reason}; in the evaluation on {futures} new futures it saved {nights} person-nights "
        "without a bed, for {cost} euro"
    ),
}


def euro(value: float) -> str:
    """A whole number of euro with thousands grouped as the current language does."""
    return decimal(value, 0)


def reasons(problem: PlanProblem, solution: PlanSolution, stage: SecondStage) -> list[str]:
    """One reason per candidate, in the order of ``candidates.csv``, in the current language."""
    chosen = solution.open_week
    base_terms, base_values = stage.solve(chosen)
    base_short = stage.short(base_values)
    base_rest = _rest(base_terms)
    cand = problem.candidates
    out = []
    for c in range(len(cand)):
        row = cand.iloc[c]
        first = int(row["first_week"])
        if chosen[c] == NOT_OPENED and first >= problem.weeks:
            out.append(tr(REASONS["too_late"], week=first, weeks=problem.weeks))
            continue
        other = chosen.copy()
        other[c] = NOT_OPENED if chosen[c] != NOT_OPENED else first
        week = int(chosen[c]) if chosen[c] != NOT_OPENED else first
        cost = float(problem.candidate_cost(np.array([c]), np.array([week]))[0])
        alt_terms, alt_values = stage.solve(other)
        alt_rest = _rest(alt_terms)
        said = {"week": str(week), "date": problem.date(week), "cost": euro(cost),
                "type": row["type"]}  # fmt: skip
        if chosen[c] == NOT_OPENED:
            saving = base_rest - alt_rest
            key = "not_opened" if saving > PERSON else "not_opened_unneeded"
            out.append(tr(REASONS[key], saving=euro(saving), **said))
            continue
        delta = stage.short(alt_values) - base_short
        hit = delta > PERSON
        if hit.any():
            out.append(tr(REASONS["opened_short"],
                places=int(round(delta.max())), futures=int(hit.any(axis=1).sum()),
                total=problem.futures, first=int(np.flatnonzero(hit.any(axis=0))[0]), **said,
            ))  # fmt: skip
        elif alt_terms["spread"] - base_terms["spread"] > PERSON:
            province = problem.provinces[row["province"]] if row["province"] >= 0 else ""
            out.append(tr(REASONS["opened_spread"],
                province=province, saving=euro(alt_rest - base_rest), **said
            ))  # fmt: skip
        else:
            out.append(tr(REASONS["opened_cheaper"], saving=euro(alt_rest - base_rest), **said))
    return out


def with_savings(
    problem: PlanProblem, solution: PlanSolution, why: list[str], savings: np.ndarray, futures: int
) -> list[str]:
    """The reasons of the opened candidates with what each saved in the evaluation."""
    out = list(why)
    for c in np.flatnonzero(solution.open_week != NOT_OPENED):
        if np.isnan(savings[c]):
            continue
        week = np.array([solution.open_week[c]])
        cost = float(problem.candidate_cost(np.array([c]), week)[0])
        out[c] = tr(REASONS["evaluated"], reason=why[c], futures=futures,
                    nights=euro(max(savings[c], 0.0)), cost=euro(cost))  # fmt: skip
    return out


def _rest(found: dict[str, float]) -> float:
    """The second stage's part of the objective: shortage, holding and spread."""
    return sum(v for name, v in found.items() if name != "candidates")


def plan_table(
    problem: PlanProblem,
    solution: PlanSolution,
    why: list[str],
    savings: np.ndarray | None = None,
) -> pd.DataFrame:
    """``plan.csv``: one row per candidate, then its name, type, capacity and gemeente.

    With an evaluation, ``evaluated_nights_saved``: the person-nights without
    a bed each opened site saved there (:func:`placement.plan.evaluate.site_savings`).
    """
    cand = problem.candidates
    week = solution.open_week
    opened = week != NOT_OPENED
    cost = np.where(opened, problem.candidate_cost(np.arange(len(cand)), np.maximum(week, 0)), 0)
    return pd.DataFrame(
        {
            "candidate_id": cand["candidate_id"].to_numpy(),
            "open": np.where(opened, "true", "false"),
            "open_week": [str(int(w)) if o else "" for w, o in zip(week, opened, strict=True)],
            "open_date": [
                problem.date(int(w)).isoformat() if o else ""
                for w, o in zip(week, opened, strict=True)
            ],
            "cost": [f"{c:.2f}" for c in cost],
            "reason": why,
            "name": cand["name"].to_numpy(),
            "type": cand["type"].to_numpy(),
            "capacity": cand["capacity"].to_numpy(),
            "gemeente_code": cand["gemeente_code"].to_numpy(),
            "lat": cand["lat"].to_numpy(dtype=float).round(4),
            "lon": cand["lon"].to_numpy(dtype=float).round(4),
            **(
                {} if savings is None else {"evaluated_nights_saved": [_nights(v) for v in savings]}
            ),
        }
    )


def _nights(value: float) -> str:
    return "" if np.isnan(value) else f"{value:.0f}"


def plan_kpis(problem: PlanProblem, solution: PlanSolution, stage: SecondStage) -> dict[str, Any]:
    """``kpis.json`` of the plan: status, objective and its terms, bound, gap, what opens."""
    objective_terms = terms(stage.mm, solution.values)
    opened = solution.open_week != NOT_OPENED
    nights = 7.0 / max(problem.futures, 1) * stage.short_by_track(solution.values).sum(axis=(0, 1))
    by_track = {k: float(n) for k, n in zip(problem.tracks, nights, strict=True)}
    never = unrelievable_tracks(problem)
    held = solution.values[stage.mm.blocks["held"]].sum()
    return {
        "status": str(solution.status),
        "objective": solution.objective,
        "objective_terms": objective_terms,
        "bound": solution.bound,
        "mip_gap": solution.mip_gap,
        "opened": int(opened.sum()),
        "opened_places": int(problem.candidates["capacity"].to_numpy()[opened].sum()),
        "expected_short_person_nights": stage.nights_without_bed(solution.values),
        "expected_short_person_nights_by_track": by_track,
        "unrelievable_short_person_nights": float(sum(by_track[k] for k in never)),
        "unrelievable_tracks": {k: list(problem.allowed.get(k, ())) for k in never},
        "expected_held_person_nights": float(7.0 * held / max(problem.futures, 1)),
        "solve_seconds": solution.seconds,
    }


def unrelievable_tracks(problem: PlanProblem) -> list[str]:
    """Tracks none of whose allowed types a candidate has: no site can relieve their shortage."""
    offered = set(problem.candidates["type"])
    return [k for k in problem.tracks if not offered & set(problem.allowed.get(k, ()))]


def beds_table(
    problem: PlanProblem, open_week: np.ndarray, calibration: Calibration | None = None
) -> pd.DataFrame:
    """``beds.csv``: per week and type the beds ``B``, ``B_child``, and with the plan's sites.

    The beds are those the model saw; with a calibration, ``lost_beds`` is
    what it took off each type (usable beds: ``B`` is lower by it / usable).
    """
    cand = problem.candidates
    W, T = problem.weeks, len(problem.types)
    weeks = np.arange(W)
    active = (open_week[:, None] != NOT_OPENED) & (weeks[None, :] >= open_week[:, None])
    cap = cand["capacity"].to_numpy(dtype=float)[:, None] * active  # (C, W)
    t = cand["type_index"].to_numpy()
    child = cand["child_suitable"].to_numpy(dtype=bool)
    added = np.zeros((W, T))
    added_child = np.zeros((W, T))
    for c in np.flatnonzero(t >= 0):
        added[:, t[c]] += cap[c]
        if child[c]:
            added_child[:, t[c]] += cap[c]
    w, k = np.indices((W, T)).reshape(2, -1)
    return pd.DataFrame(
        {
            "week": w,
            "date": [problem.date(int(x)).isoformat() for x in w],
            "type": np.asarray(problem.types, dtype=object)[k],
            "beds": _beds(problem.beds),
            "beds_child": _beds(problem.beds_child),
            "plan_beds": _beds(problem.beds + added),
            "plan_beds_child": _beds(problem.beds_child + added_child),
            **({} if calibration is None else {"lost_beds": calibration.lost.reshape(-1).round(2)}),
        }
    )


def _beds(values: np.ndarray) -> np.ndarray:
    """Whole beds as integers; a calibration's fractions to two decimals."""
    flat = values.reshape(-1)
    whole = np.rint(flat)
    return whole.astype(np.int64) if np.allclose(flat, whole) else flat.round(2)


def with_candidates(
    scenario: Scenario, candidates: pd.DataFrame, open_week: np.ndarray
) -> Scenario:
    """The scenario with the opened candidates added as locations, open from their week's date."""
    opened = np.asarray(open_week) != NOT_OPENED
    if not opened.any():
        return scenario
    cand = candidates.reset_index(drop=True)[opened]
    start = pd.Timestamp(scenario.settings.planning_date)
    loc = scenario.locations
    new = pd.DataFrame(
        {
            "location_id": cand["candidate_id"].to_numpy(),
            "name": cand["name"].to_numpy(),
            "gemeente_code": cand["gemeente_code"].to_numpy(),
            "type": cand["type"].to_numpy(),
            "capacity": cand["capacity"].to_numpy(dtype=np.int64),
            "lat": cand["lat"].to_numpy(dtype=float),
            "lon": cand["lon"].to_numpy(dtype=float),
            "has_medical": cand["has_medical"].to_numpy(dtype=bool),
            "child_suitable": cand["child_suitable"].to_numpy(dtype=bool),
            "max_children": pd.array([pd.NA] * len(cand), dtype="Int64"),
            "open_from": start + pd.to_timedelta(7 * np.asarray(open_week)[opened], unit="D"),
            "open_until": pd.NaT,
            "cost_per_night": cand["cost_per_night"].to_numpy(dtype=float),
            "flex_capacity": 0,
            "line": loc["line"].max() + 1 + np.arange(len(cand)) if len(loc) else 2,
        }
    )
    extra = [c for c in loc.columns if c not in new.columns]
    for column in extra:
        new[column] = pd.NA
    merged = pd.concat([loc, new[loc.columns]], ignore_index=True)
    for column in ("open_from", "open_until"):
        merged[column] = pd.to_datetime(merged[column])
    return replace(scenario, locations=merged)
