"""A link solution -> the tables, KPIs and reasons of ``placement link``.

The solver decides counts per class and gemeente; here they become one
gemeente per household (a class's households in input order take its
gemeenten in quota row order, then stay unlinked), then one row per person
and per quota row, and the KPIs. Every term is recomputed from the links
written, over every household of ``persons.csv`` for ``family_split``, so the
reported objective is the sum of the reported terms; the gap is that
objective's against the solver's bound.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from placement.i18n import N_, _, decimal, in_its_language, tr, tr_n
from placement.input.scenario import Scenario
from placement.link.problem import LinkProblem, household_table
from placement.link.solve import LinkSolution
from placement.solve.highs import gap, within_gap
from placement.vocab import Kpi, Status

#: ``links.csv``: the contract's columns first.
LINK_COLUMNS = ["person_id", "household_id", "gemeente_code", "distance_km", "reason"]
#: ``gemeenten.csv``: the contract's columns first.
GEMEENTE_COLUMNS = ["gemeente_code", "quota", "linked_persons", "remaining"]
#: The objective terms of the link model, in the contract's order.
TERMS = ("unlinked", "waiting", "distance", "family_split")

#: The key figures of a link run (``kpis.json`` holds more).
LINK_KPIS: tuple[Kpi, ...] = (
    Kpi("status", N_("status"), N_("solver status")),
    Kpi(
        "households_to_link",
        N_("households to link"),
        N_("households on a link track without a gemeente"),
    ),
    Kpi("persons_to_link", N_("persons to link"), N_("persons in them")),
    Kpi("quota_total", N_("quota"), N_("persons the quota rows allow")),
    Kpi("linked_persons", N_("linked persons"), N_("persons linked to a gemeente")),
    Kpi("unlinked_persons", N_("unlinked persons"), N_("persons left unlinked")),
    Kpi(
        "family_splits",
        N_("family groups split"),
        N_("extra gemeenten family groups are spread over"),
    ),
    Kpi(
        "distance_km_mean",
        N_("mean km to the gemeente"),
        N_("mean km (linked persons with a location)"),
        1,
    ),
    Kpi("objective", N_("objective"), N_("objective (weighted total)"), 2),
    Kpi("mip_gap", N_("gap"), N_("gap against a bound valid for the full model"), 6),
    Kpi("solve_seconds", N_("solve seconds"), N_("time spent solving"), 2),
)
#: Each link KPI by name.
LINK_KPI: dict[str, Kpi] = {k.name: k for k in LINK_KPIS}


@dataclass(frozen=True)
class LinkResult:
    """The result of a link run, in memory.

    ``households`` has one row per household to link: the problem's columns
    plus ``j`` (quota row, -1 unlinked), ``gemeente_code``, ``gemeente_name``,
    ``distance_km`` (NaN when unlinked or without a current location), the
    weighted terms ``term_*`` and ``reason``. ``housing`` maps every
    household of ``persons.csv`` to its housing gemeente after linking.
    """

    links: pd.DataFrame
    gemeenten: pd.DataFrame
    kpis: dict[str, Any]
    households: pd.DataFrame = field(repr=False)
    housing: pd.Series = field(repr=False)
    problem: LinkProblem = field(repr=False)

    @property
    def placements(self) -> pd.DataFrame:
        """One row per household for the run history: ids and codes only.

        ``from_location_id`` is its current location, ``to_location_id`` the
        gemeente it is linked to, ``status`` ``linked`` or ``unlinked``.
        """
        hh = self.households
        return pd.DataFrame(
            {
                "household_id": hh["household_id"],
                "from_location_id": hh["location_id"],
                "to_location_id": hh["gemeente_code"],
                "status": np.where(hh["j"] >= 0, "linked", "unlinked"),
            }
        ).loc[np.repeat(hh.index.to_numpy(), hh["size"].to_numpy())]


def household_gemeenten(problem: LinkProblem, counts: np.ndarray) -> np.ndarray:
    """Quota row per household (-1 unlinked) from the class counts."""
    hh = problem.households
    k, j = np.nonzero(counts)
    slots_k = np.repeat(k, counts[k, j])
    slots_j = np.repeat(j, counts[k, j])
    order = np.argsort(hh["klass"].to_numpy(), kind="stable")
    klass = hh["klass"].to_numpy()[order]
    # the r-th household of a class takes the class's r-th slot (slots are class-major)
    first_slot = np.searchsorted(slots_k, klass, side="left")
    rank = np.arange(len(order)) - np.searchsorted(klass, klass, side="left")
    taken = np.bincount(slots_k, minlength=len(problem.classes))
    if (taken > problem.classes["count"].to_numpy()).any():
        raise RuntimeError("the solution links more households than a class has")
    dest = np.full(len(hh), -1, dtype=np.int64)
    linked = rank < taken[klass]
    dest[order[linked]] = slots_j[first_slot[linked] + rank[linked]]
    return dest


def link_result(
    scenario: Scenario,
    problem: LinkProblem,
    solution: LinkSolution,
    extra: dict[str, Any] | None = None,
) -> LinkResult:
    """Build the output tables and KPIs of the links in ``solution``.

    The objective, gap and status are those of the links written, against
    the solver's bound: never the solver's own figures.
    """
    hh = household_frame(problem, household_gemeenten(problem, solution.counts))
    everyone = households_after(scenario, hh)
    splits = family_splits(everyone)
    terms = {t: float(hh[f"term_{t}"].sum()) for t in TERMS[:-1]}
    terms["family_split"] = float(problem.weights.family_split * splits)
    objective = float(sum(terms.values()))
    asked = problem.settings.solver.mip_gap
    status = Status.OPTIMAL if within_gap(objective, solution.bound, asked) else Status.TIME_LIMIT
    gemeenten = gemeente_frame(problem, hh)
    hh["reason"] = household_reasons(problem, hh, gemeenten, everyone, status)
    links = link_frame(scenario, hh)
    kpis = kpi_dict(problem, hh, gemeenten, terms, splits, solution)
    kpis.update(status=status, objective=objective, mip_gap=gap(objective, solution.bound))
    kpis.update(extra or {})
    return LinkResult(
        links, gemeenten, kpis, households=hh, housing=everyone["housing"], problem=problem
    )


def household_frame(problem: LinkProblem, dest: np.ndarray) -> pd.DataFrame:
    """Households to link with their gemeente, distance and weighted terms."""
    hh = problem.households.copy()
    gem = problem.gemeenten
    w = problem.weights
    linked = dest >= 0
    hh["j"] = dest
    codes = np.append(gem["gemeente_code"].to_numpy(dtype=object), "")  # -1: the ""
    names = np.append(gem["name"].to_numpy(dtype=object), "")
    hh["gemeente_code"] = codes[dest]
    hh["gemeente_name"] = names[dest]
    point = hh["point"].to_numpy()
    located = linked & (point >= 0)
    km = np.full(len(hh), np.nan)
    if located.any():
        km[located] = problem.point_km[point[located], dest[located]]
    hh["distance_km"] = km
    size = hh["size"].to_numpy(float)
    weeks = hh["weeks"].to_numpy(float)
    hh["term_unlinked"] = np.where(linked, 0.0, w.unlinked * size)
    hh["term_waiting"] = np.where(linked, 0.0, w.waiting * size * weeks)
    hh["term_distance"] = np.where(located, w.distance * size * np.nan_to_num(km), 0.0)
    return hh


def households_after(scenario: Scenario, hh: pd.DataFrame) -> pd.DataFrame:
    """Every household of ``persons.csv``: family group and housing gemeente after linking.

    Indexed by household_id; ``housing`` is ``""`` for none.
    """
    everyone = (
        household_table(scenario).set_index("household_id")[["family_group", "housing"]].copy()
    )
    linked = hh[hh["j"] >= 0]
    everyone.loc[linked["household_id"].to_numpy(), "housing"] = linked["gemeente_code"].to_numpy()
    return everyone


def family_splits(everyone: pd.DataFrame) -> int:
    """Extra housing gemeenten the family groups are spread over (:func:`households_after`)."""
    housed = everyone[(everyone["family_group"] != "") & (everyone["housing"] != "")]
    used = housed.groupby("family_group")["housing"].nunique()
    return int((used - 1).clip(lower=0).sum())


def gemeente_frame(problem: LinkProblem, hh: pd.DataFrame) -> pd.DataFrame:
    """One row per quota row: quota, persons and households linked, what remains."""
    gem = problem.gemeenten
    linked = hh[hh["j"] >= 0]
    persons = np.bincount(linked["j"], weights=linked["size"], minlength=len(gem))
    households = np.bincount(linked["j"], minlength=len(gem))
    return pd.DataFrame(
        {
            "gemeente_code": gem["gemeente_code"],
            "quota": gem["quota"],
            "linked_persons": persons.astype(np.int64),
            "remaining": gem["quota"].to_numpy() - persons.astype(np.int64),
            "name": gem["name"],
            "linked_households": households.astype(np.int64),
        }
    )


def link_frame(scenario: Scenario, hh: pd.DataFrame) -> pd.DataFrame:
    """One row per person of a household to link, in input order."""
    persons = scenario.persons
    mine = persons[persons["household_id"].isin(hh["household_id"])]
    h = hh.set_index("household_id").reindex(mine["household_id"])
    return pd.DataFrame(
        {
            "person_id": mine["person_id"].to_numpy(),
            "household_id": mine["household_id"].to_numpy(),
            "gemeente_code": h["gemeente_code"].to_numpy(),
            "distance_km": h["distance_km"].round(3).to_numpy(),
            "reason": h["reason"].to_numpy(),
            "gemeente_name": h["gemeente_name"].to_numpy(),
            "current_location_id": h["location_id"].to_numpy(),
            "household_persons": h["size"].to_numpy(),
            "waiting_weeks": h["weeks"].to_numpy(),
        }
    )


def kpi_dict(
    problem: LinkProblem,
    hh: pd.DataFrame,
    gemeenten: pd.DataFrame,
    terms: dict[str, float],
    splits: int,
    solution: LinkSolution,
) -> dict[str, Any]:
    """The KPIs of the contract and more; ``status``, ``objective``, ``mip_gap`` set after."""
    linked = hh["j"] >= 0
    size = hh["size"]
    located = linked & hh["distance_km"].notna()
    persons_km = float((hh.loc[located, "distance_km"] * size[located]).sum())
    located_persons = int(size[located].sum())
    unlinked_persons = int(size[~linked].sum())
    log = solution.log
    return {
        "status": None,
        "objective": None,
        "objective_terms": terms,
        "mip_gap": None,
        "linked_persons": int(size[linked].sum()),
        "unlinked_persons": unlinked_persons,
        "family_splits": splits,
        "households_to_link": len(hh),
        "persons_to_link": int(size.sum()),
        "linked_households": int(linked.sum()),
        "unlinked_households": int((~linked).sum()),
        "quota_rows": len(gemeenten),
        "quota_total": int(gemeenten["quota"].sum()),
        "quota_remaining": int(gemeenten["remaining"].sum()),
        "distance_km_mean": persons_km / located_persons if located_persons else None,
        "waiting_weeks_mean_unlinked": float(
            (hh.loc[~linked, "weeks"] * size[~linked]).sum() / unlinked_persons
        )
        if unlinked_persons
        else None,
        "bound": solution.bound,
        "lp_bound": log.lp_bound,
        "greedy_objective": log.greedy_objective,
        "solver_objective": solution.objective,
        "termination": solution.termination,
        "solve_seconds": solution.seconds,
        "classes": len(problem.classes),
        "pairs": log.pairs,
        "candidate_pairs": log.candidates_final,
        "lp_rounds": log.lp_rounds,
        "planning_date": problem.settings.planning_date.isoformat(),
        "landscape": problem.settings.landscape.name if problem.settings.landscape else None,
    }


# --------------------------------------------------------------------------- reasons


@in_its_language
def household_reasons(
    problem: LinkProblem,
    hh: pd.DataFrame,
    gemeenten: pd.DataFrame,
    everyone: pd.DataFrame,
    status: Status,
) -> list[str]:
    """A plain-language reason per household to link: where and why, or why not.

    In the language of the scenario's settings.
    """
    km = problem.class_km[hh["klass"].to_numpy()]
    size = hh["size"].to_numpy()
    remaining = gemeenten["remaining"].to_numpy()
    quota = gemeenten["quota"].to_numpy()
    names = (gemeenten["name"] + " (" + gemeenten["gemeente_code"] + ")").to_numpy()
    room = remaining[None, :] >= size[:, None]
    located = hh["point"].to_numpy() >= 0
    # the nearest gemeente with room for the household, as it is after linking
    roomy_km = np.where(room & located[:, None], km, np.inf)
    nearest = np.argmin(roomy_km, axis=1) if len(gemeenten) else np.zeros(len(hh), dtype=int)
    family = _family_notes(hh, everyone)
    reasons = []
    for i, row in enumerate(hh.itertuples(index=False)):
        waiting = _waiting(row.weeks, row.permit_date, problem)
        if row.j >= 0:
            where = (
                tr("{km} km from its current location", km=decimal(row.distance_km, 1))
                if located[i]
                else _("it has no current location, so distance does not count")
            )
            nearer = ""
            if located[i]:
                closer = (km[i] < km[i, row.j]) & (quota > 0)
                if closer.any() and not (room[i] & closer).any():
                    nearer = " " + tr_n(
                        "(the nearer gemeente with a quota has no room left for it)",
                        "(the {n} nearer gemeenten with a quota have no room left for it)",
                        int(closer.sum()),
                    )
            reasons.append(
                tr(
                    "Linked to {gemeente}: {where}{nearer}, {waiting}.",
                    gemeente=names[row.j], where=where, nearer=nearer, waiting=waiting,
                )
                + family[i]
            )  # fmt: skip
            continue
        why = _why_not(i, size[i], quota, remaining, names, nearest, roomy_km, located, status)
        reasons.append(tr("Not linked: {why}; {waiting}.", why=why, waiting=waiting) + family[i])
    return reasons


def _why_not(
    i: int,
    size: int,
    quota: np.ndarray,
    remaining: np.ndarray,
    names: np.ndarray,
    nearest: np.ndarray,
    roomy_km: np.ndarray,
    located: np.ndarray,
    status: Status,
) -> str:
    """Why household ``i`` is not linked, from the quotas as they are after linking."""
    if len(quota) == 0 or quota.max() == 0:
        return _("no gemeente has a quota")
    if size > quota.max():
        return tr(
            "larger ({size} persons) than any quota (the largest is {largest})",
            size=int(size), largest=int(quota.max()),
        )  # fmt: skip
    if size > remaining.max():
        if remaining.max() == 0:
            return _("the quotas are full")
        most = int(np.argmax(remaining))
        return tr(
            "larger ({size} persons) than any remaining quota (the most left is {most}, "
            "in {gemeente})",
            size=int(size), most=int(remaining[most]), gemeente=names[most],
        )  # fmt: skip
    stopped = _("; the solver stopped at its time limit") if status != Status.OPTIMAL else ""
    if located[i] and np.isfinite(roomy_km[i, nearest[i]]):
        j = nearest[i]
        return tr(
            "the quotas near it are full; the nearest gemeente with room is {gemeente} "
            "({km} km), where linking it costs more than leaving it unlinked{stopped}",
            gemeente=names[j], km=decimal(roomy_km[i, j], 1), stopped=stopped,
        )  # fmt: skip
    j = int(np.argmax(remaining))
    return tr(
        "{gemeente} has room ({left} left), but linking it costs more than leaving it "
        "unlinked{stopped}",
        gemeente=names[j], left=int(remaining[j]), stopped=stopped,
    )  # fmt: skip


def _waiting(weeks: int, permit_date: Any, problem: LinkProblem) -> str:
    if pd.isna(permit_date):
        return _("no permit date")
    if pd.Timestamp(permit_date) > pd.Timestamp(problem.settings.planning_date):
        return _("permit dated after the planning date")
    if weeks == 0:
        return _("permit granted less than a week ago")
    return tr_n("waiting {n} week", "waiting {n} weeks", int(weeks))


def _family_notes(hh: pd.DataFrame, everyone: pd.DataFrame) -> list[str]:
    """A sentence on the family group of each household to link ('' when there is none)."""
    housed = everyone[(everyone["family_group"] != "") & (everyone["housing"] != "")]
    spread = housed.groupby("family_group")["housing"].nunique().to_dict()
    together = housed.groupby(["family_group", "housing"]).size().to_dict()
    notes = []
    for group, own in zip(hh["family_group"], hh["gemeente_code"], strict=True):
        if group == "":
            notes.append("")
        elif spread.get(group, 0) > 1:
            notes.append(
                " " + tr("Its family group is spread over {n} gemeenten.", n=spread[group])
            )
        elif own != "" and together.get((group, own), 0) > 1:
            notes.append(
                " "
                + tr_n(
                    "{n} other household of its family group is housed there too.",
                    "{n} other households of its family group are housed there too.",
                    together[(group, own)] - 1,
                )
            )
        else:
            notes.append("")
    return notes
