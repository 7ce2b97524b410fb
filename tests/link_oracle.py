"""An independent, deliberately simple reading of SPEC.md's ``placement link``, for tests.

It never imports the package: it reads a scenario folder in *plain* form
(UTF-8, ``,``-separated, ``.`` decimals, ``yyyy-mm-dd`` dates, empty cells
for missing) with the ``csv`` module, measures with its own haversine,
prices any link of the households against the contract, finds the optimum
of tiny instances by enumeration or of medium ones with COIN-OR CBC
(PuLP), and checks an output folder of ``placement link`` by recomputing
every term and KPI from ``links.csv``.

Public API
----------
- ``load(folder, taakstelling=None) -> Scenario``
- ``evaluate(scn, link) -> Evaluation`` (``link``: household_id -> gemeente code or None)
- ``brute_force(scn) -> (objective, link)``
- ``solve_cbc(scn) -> (objective, link)``
- ``check_outputs(scenario_folder, out_folder, taakstelling=None) -> Evaluation``
- ``random_scenario(rng, folder, ...)``
- ``haversine_km(lat1, lon1, lat2, lon2)``
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import tomllib
import warnings
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BUILTIN_GEMEENTEN = REPO / "data" / "gemeenten.csv"
MODELS = REPO / "models"
RADIUS_KM = 6371.0
DEFAULT_LINK_WEIGHTS = {"unlinked": 1000.0, "waiting": 20.0, "distance": 0.1, "family_split": 500.0}
TERMS = ("unlinked", "waiting", "distance", "family_split")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km on a sphere of radius 6371.0 km, degrees in."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * RADIUS_KM * math.asin(math.sqrt(min(1.0, max(0.0, a))))


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


@dataclass
class Household:
    """A household of persons.csv, as linking sees it."""

    household_id: str
    persons: list[str]
    track: str
    location: str | None
    housing: str | None
    family_group: str | None
    permit: date | None  # the earliest non-empty permit_date of its members

    @property
    def size(self) -> int:
        return len(self.persons)


@dataclass
class Scenario:
    """What linking needs of a scenario folder and its quotas."""

    planning_date: date
    weights: dict[str, float]
    gemeenten: dict[str, tuple[float, float]]  # code -> reference point
    names: dict[str, str]
    quotas: dict[str, int]  # in file order
    locations: dict[str, tuple[float, float]]  # id -> point
    households: dict[str, Household]  # every household, input order
    to_link: list[str]  # ids of the households to link, input order

    def weeks(self, h: Household) -> int:
        if h.permit is None or h.permit > self.planning_date:
            return 0
        return max(0, (self.planning_date - h.permit).days // 7)

    def km(self, h: Household, code: str) -> float | None:
        if h.location is None:
            return None
        lat, lon = self.locations[h.location]
        glat, glon = self.gemeenten[code]
        return haversine_km(lat, lon, glat, glon)


def load(folder: str | Path, taakstelling: str | Path | None = None) -> Scenario:
    """Read a plain scenario folder and its quota file."""
    folder = Path(folder)
    toml_path = folder / "scenario.toml"
    settings = tomllib.loads(toml_path.read_text("utf-8")) if toml_path.is_file() else {}
    planning = settings.get("planning_date", date.today())
    weights = {**DEFAULT_LINK_WEIGHTS, **{k: float(v) for k, v in settings.get("link", {}).items()}}
    landscape = str(settings.get("landscape", "2024"))
    path = folder / landscape
    if not path.is_file():
        path = MODELS / f"landscape-{landscape}.toml"
    link_tracks = set(tomllib.loads(path.read_text("utf-8")).get("link_tracks", []))
    gemeenten, names = {}, {}
    for source in (BUILTIN_GEMEENTEN, folder / "gemeenten.csv"):
        if source.is_file():
            for row in _rows(source):
                gemeenten[row["gemeente_code"]] = (float(row["lat"]), float(row["lon"]))
                names[row["gemeente_code"]] = row["name"]
    locations = {}
    for row in _rows(folder / "locations.csv"):
        if row.get("lat", ""):
            locations[row["location_id"]] = (float(row["lat"]), float(row["lon"]))
        else:
            locations[row["location_id"]] = gemeenten[row["gemeente_code"]]
    households: dict[str, Household] = {}
    for row in _rows(folder / "persons.csv"):
        permit = date.fromisoformat(row["permit_date"]) if row.get("permit_date", "") else None
        h = households.get(row["household_id"])
        if h is None:
            h = households[row["household_id"]] = Household(
                row["household_id"], [], row["track"], row.get("current_location_id") or None,
                row.get("housing_gemeente_code") or None, row.get("family_group") or None, None,
            )  # fmt: skip
        h.persons.append(row["person_id"])
        if permit is not None and (h.permit is None or permit < h.permit):
            h.permit = permit
    quota_path = Path(taakstelling) if taakstelling else folder / "taakstelling.csv"
    quotas = {row["gemeente_code"]: int(row["quota"]) for row in _rows(quota_path)}
    to_link = [
        h.household_id for h in households.values() if h.track in link_tracks and h.housing is None
    ]
    return Scenario(planning, weights, gemeenten, names, quotas, locations, households, to_link)


@dataclass
class Evaluation:
    """A link priced by the contract."""

    feasible: bool
    terms: dict[str, float]
    objective: float
    linked_persons: int
    unlinked_persons: int
    family_splits: int
    used: dict[str, int] = field(default_factory=dict)


def evaluate(scn: Scenario, link: dict[str, str | None]) -> Evaluation:
    """Price a link (household_id -> gemeente code or None) of the households to link."""
    w = scn.weights
    terms = dict.fromkeys(TERMS, 0.0)
    used = dict.fromkeys(scn.quotas, 0)
    linked = unlinked = 0
    feasible = True
    for hid in scn.to_link:
        h = scn.households[hid]
        code = link.get(hid)
        if code is None:
            unlinked += h.size
            terms["unlinked"] += w["unlinked"] * h.size
            terms["waiting"] += w["waiting"] * h.size * scn.weeks(h)
            continue
        if code not in scn.quotas:
            feasible = False
            continue
        linked += h.size
        used[code] += h.size
        km = scn.km(h, code)
        terms["distance"] += w["distance"] * h.size * (km if km is not None else 0.0)
    feasible &= all(used[c] <= q for c, q in scn.quotas.items())
    groups: dict[str, set[str]] = {}
    for h in scn.households.values():
        if h.family_group is None:
            continue
        housing = link.get(h.household_id) if h.household_id in scn.to_link else h.housing
        groups.setdefault(h.family_group, set())
        if housing is not None:
            groups[h.family_group].add(housing)
    splits = sum(max(0, len(g) - 1) for g in groups.values())
    terms["family_split"] = w["family_split"] * splits
    return Evaluation(feasible, terms, sum(terms.values()), linked, unlinked, splits, used)


def options(scn: Scenario, hid: str) -> list[str | None]:
    """Where a household may end: unlinked, or a gemeente whose quota it fits."""
    size = scn.households[hid].size
    return [None] + [c for c, q in scn.quotas.items() if size <= q]


def brute_force(scn: Scenario) -> tuple[float, dict[str, str | None]]:
    """The optimum by enumerating every link of every household."""
    best: tuple[float, dict[str, str | None]] = (math.inf, {})
    for choice in itertools.product(*(options(scn, h) for h in scn.to_link)):
        link = dict(zip(scn.to_link, choice, strict=True))
        e = evaluate(scn, link)
        if e.feasible and e.objective < best[0] - 1e-9:
            best = (e.objective, link)
    return best


def solve_cbc(scn: Scenario, time_limit: float = 120.0) -> tuple[float, dict[str, str | None]]:
    """The optimum by CBC, on a model written from the contract's words (nothing aggregated)."""
    import pulp

    w = scn.weights
    prob = pulp.LpProblem("link", pulp.LpMinimize)
    x: dict[tuple[str, str], Any] = {}
    cost: list[Any] = []
    for i, hid in enumerate(scn.to_link):
        h = scn.households[hid]
        choices = []
        for code in options(scn, hid)[1:]:
            x[hid, code] = var = prob.add_variable(f"x_{i}_{code}", cat="Binary")
            km = scn.km(h, code)
            cost.append(w["distance"] * h.size * (km or 0.0) * var)
            choices.append(var)
        if choices:
            prob += pulp.lpSum(choices) <= 1
        unlinked_cost = h.size * (w["unlinked"] + w["waiting"] * scn.weeks(h))
        cost.append(unlinked_cost * (1 - pulp.lpSum(choices)))
    for code, quota in scn.quotas.items():
        load_ = [scn.households[h].size * v for (h, c), v in x.items() if c == code]
        if load_:
            prob += pulp.lpSum(load_) <= quota
    groups: dict[str, list[Household]] = {}
    for h in scn.households.values():
        if h.family_group is not None:
            groups.setdefault(h.family_group, []).append(h)
    for g, members in enumerate(groups.values()):
        fixed = {h.housing for h in members if h.household_id not in scn.to_link and h.housing}
        uses = {}
        for code in scn.quotas:
            member_vars = [x[h.household_id, code] for h in members if (h.household_id, code) in x]
            if member_vars and code not in fixed:
                uses[code] = prob.add_variable(f"y_{g}_{code}", cat="Binary")
                for var in member_vars:
                    prob += var <= uses[code]
        split = prob.add_variable(f"s_{g}", lowBound=0)
        prob += split >= len(fixed) + pulp.lpSum(uses.values()) - 1
        cost.append(w["family_split"] * split)
    prob += pulp.lpSum(cost)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit, gapRel=0.0, gapAbs=1e-7)
    status = prob.solve(solver)
    if pulp.LpStatus[status] != "Optimal" or prob.sol_status != pulp.LpSolutionOptimal:
        raise RuntimeError(f"CBC did not prove an optimum: {pulp.LpStatus[status]}")
    link: dict[str, str | None] = dict.fromkeys(scn.to_link)
    for (hid, code), var in x.items():
        if var.value() > 0.5:
            link[hid] = code
    return evaluate(scn, link).objective, link


def check_outputs(
    scenario_folder: str | Path, out: str | Path, taakstelling: str | Path | None = None
) -> Evaluation:
    """Check a ``placement link`` folder against the contract; returns the link's evaluation.

    Raises AssertionError on the first thing that does not hold.
    """
    scn = load(scenario_folder, taakstelling)
    out = Path(out)
    rows = _rows(out / "links.csv")
    kpis = json.loads((out / "kpis.json").read_text("utf-8"))
    to_link_persons = [p for hid in scn.to_link for p in scn.households[hid].persons]
    order = {p: i for i, p in enumerate(to_link_persons)}
    assert sorted((r["person_id"] for r in rows), key=order.__getitem__) == [
        r["person_id"] for r in rows
    ], "links.csv is not in input order"
    assert {r["person_id"] for r in rows} == set(to_link_persons), "links.csv: wrong persons"
    link: dict[str, str | None] = {}
    for r in rows:
        hid, code = r["household_id"], r["gemeente_code"] or None
        assert link.setdefault(hid, code) == code, f"household {hid} is split"
        assert r["reason"], f"{r['person_id']} has no reason"
        h = scn.households[hid]
        km = scn.km(h, code) if code else None
        if km is None:
            assert r["distance_km"] == "", f"{r['person_id']}: distance_km should be empty"
        else:
            assert r["distance_km"] == f"{km:.3f}", (r["distance_km"], km)
    e = evaluate(scn, link)
    assert e.feasible, "a quota is exceeded or a gemeente without a quota row is used"
    assert kpis["linked_persons"] == e.linked_persons
    assert kpis["unlinked_persons"] == e.unlinked_persons
    assert kpis["family_splits"] == e.family_splits
    for term in TERMS:
        assert math.isclose(kpis["objective_terms"][term], e.terms[term], abs_tol=1e-6), term
    assert math.isclose(kpis["objective"], e.objective, rel_tol=1e-9, abs_tol=1e-6)
    bound = kpis["bound"]
    if bound is not None:
        gap = max(0.0, e.objective - bound) / max(1.0, abs(e.objective))
        assert math.isclose(kpis["mip_gap"], gap, abs_tol=1e-12)
    gemeenten = _rows(out / "gemeenten.csv")
    assert [g["gemeente_code"] for g in gemeenten] == list(scn.quotas)
    for g in gemeenten:
        code = g["gemeente_code"]
        assert int(g["quota"]) == scn.quotas[code]
        assert int(g["linked_persons"]) == e.used[code]
        assert int(g["remaining"]) == scn.quotas[code] - e.used[code]
    copied = _rows(out / "scenario" / "persons.csv")
    for row in copied:
        h = scn.households[row["household_id"]]
        want = link.get(h.household_id) if h.household_id in scn.to_link else h.housing
        assert (row["housing_gemeente_code"] or None) == want, row["person_id"]
    return e


def random_scenario(
    rng: Any,
    folder: str | Path,
    *,
    households: int = 6,
    gemeenten: int = 3,
    locations: int = 3,
    others: int = 3,
) -> None:
    """Write a small random link scenario (plain form) with its taakstelling.csv.

    ``households`` status holders without a gemeente, ``others`` households
    that are not linked (other tracks, or status holders already linked),
    family groups across both, permit dates around the planning date, some
    households without a current location, and a closed location.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    codes = [r["gemeente_code"] for r in _rows(BUILTIN_GEMEENTEN)]
    chosen = [codes[i] for i in rng.choice(len(codes), gemeenten + locations, replace=False)]
    quota_codes, location_codes = chosen[:gemeenten], chosen[gemeenten:]
    with open(folder / "locations.csv", "w", encoding="utf-8", newline="") as f:
        f.write("location_id,name,gemeente_code,type,capacity,open_until\n")
        for i, code in enumerate(location_codes):
            closed = "2026-01-01" if i == 0 else ""
            f.write(f"L{i},loc {i},{code},regulier,50,{closed}\n")
    sizes = rng.integers(1, 5, households + others)
    groups = [
        f"F{g}" if rng.random() < 0.5 else "" for g in rng.integers(0, 3, households + others)
    ]
    lines = ["person_id,household_id,age,track,current_location_id,housing_gemeente_code,"
             "family_group,permit_date"]  # fmt: skip
    person = 0
    for h in range(households + others):
        linking = h < households
        track = "vergunninghouder" if linking or rng.random() < 0.5 else "regulier"
        housing = "" if linking else str(rng.choice(quota_codes + location_codes))
        if not linking and track == "regulier" and rng.random() < 0.5:
            housing = ""
        location = f"L{rng.integers(0, locations)}" if rng.random() < 0.8 else ""
        for _ in range(sizes[h]):
            days = int(rng.integers(-30, 200))
            permit = (
                ""
                if rng.random() < 0.2
                else date.fromordinal(date(2026, 11, 23).toordinal() - days).isoformat()
            )
            lines.append(
                f"P{person},H{h},{int(rng.integers(0, 70))},{track},{location},{housing},"
                f"{groups[h]},{permit}"
            )
            person += 1
    (folder / "persons.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    total = int(sizes[:households].sum())
    quotas = rng.integers(0, max(2, total // 2 + 2), gemeenten)
    (folder / "taakstelling.csv").write_text(
        "gemeente_code,quota\n"
        + "".join(f"{c},{q}\n" for c, q in zip(quota_codes, quotas, strict=True)),
        encoding="utf-8",
    )
    weights = {"unlinked": 1000, "waiting": 20, "distance": 0.1, "family_split": 500}
    if rng.random() < 0.5:  # weights under which linking is not always worth it
        weights = {"unlinked": 5, "waiting": 1, "distance": 0.5, "family_split": 30}
    (folder / "scenario.toml").write_text(
        "planning_date = 2026-11-23\n\n[link]\n"
        + "".join(f"{k} = {v}\n" for k, v in weights.items()),
        encoding="utf-8",
    )
