"""Tiny scenarios whose optimum is worked out by hand (the known answers).

Each ``case_<name>(folder) -> float`` writes a plain scenario folder and
returns the optimal objective, with the hand calculation in its docstring.
``HAND_CASES`` lists them all. Planning date 2026-11-23 everywhere; default
weights unless the case says otherwise (unplaced 10000, wrong_type 1000,
family_split 500, child_over_cap 200, child_move 50, move 5, distance 0.1,
cost 0.05, max_child_moves 1), but ``ahead = 0`` (myopic), so each answer is
about its own rule: the ``moves_ahead`` cases set ``ahead`` (and, where they
need one, a ``simulation.toml``) themselves. Cases that need reference points
bring their own ``gemeenten.csv``, so they do not depend on the built-in table.

Only the standard library is used, so any test can import this module.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

PLANNING_DATE = "2026-11-23"
CLOSED = {"open_until": "2026-11-22"}
LOCATION_FIELDS = (
    "location_id", "name", "gemeente_code", "type", "capacity", "lat", "lon", "has_medical",
    "child_suitable", "max_children", "open_from", "open_until", "cost_per_night", "flex_capacity",
)  # fmt: skip
PERSON_FIELDS = (
    "person_id", "household_id", "age", "medical_need", "track", "current_location_id",
    "housing_gemeente_code", "family_group", "moves",
)  # fmt: skip


def _csv(path: Path, fields: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(fields), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            cells = {k: row.get(k, "") for k in fields}
            writer.writerow(
                {k: str(v).lower() if isinstance(v, bool) else v for k, v in cells.items()}
            )


def loc(location_id: str, type_: str, capacity: int, **extra: Any) -> dict[str, Any]:
    """A location row; gemeente GM0344 (Utrecht) unless given."""
    row = {"location_id": location_id, "name": f"Locatie {location_id}", "type": type_}
    return {**row, "gemeente_code": "GM0344", "capacity": capacity, **extra}


def household(
    household_id: str,
    track: str,
    ages: list[int],
    *,
    current: str = "",
    housing: str = "",
    family: str = "",
    medical: tuple[int, ...] = (),
    moves: tuple[int, ...] = (),
) -> list[dict[str, Any]]:
    """Person rows of one household; ``medical`` and ``moves`` index its members."""
    return [
        {
            "person_id": f"{household_id}-{k}",
            "household_id": household_id,
            "age": age,
            "medical_need": k in medical,
            "track": track,
            "current_location_id": current,
            "housing_gemeente_code": housing,
            "family_group": family,
            "moves": moves[k] if k < len(moves) else 0,
        }
        for k, age in enumerate(ages)
    ]


def write(
    folder: str | Path,
    locations: list[dict[str, Any]],
    households: list[list[dict[str, Any]]],
    *,
    mode: str = "weekly",
    landscape: str = "2024",
    weights: dict[str, float] | None = None,
    gemeenten: list[dict[str, Any]] | None = None,
    overrides: list[dict[str, Any]] | None = None,
    simulation: str = "",
) -> None:
    """Write a plain scenario folder (``ahead = 0`` unless ``weights`` give it)."""
    folder = Path(folder)
    weights = {"ahead": 0, **(weights or {})}
    folder.mkdir(parents=True, exist_ok=True)
    _csv(folder / "locations.csv", LOCATION_FIELDS, locations)
    _csv(folder / "persons.csv", PERSON_FIELDS, [p for h in households for p in h])
    toml = [f"planning_date = {PLANNING_DATE}", f'landscape = "{landscape}"', f'mode = "{mode}"']
    if weights:
        toml += ["", "[weights]", *(f"{k} = {v}" for k, v in weights.items())]
    (folder / "scenario.toml").write_text("\n".join(toml) + "\n", encoding="utf-8")
    if gemeenten:
        _csv(
            folder / "gemeenten.csv", ("gemeente_code", "name", "province", "lat", "lon"), gemeenten
        )
    if overrides:
        _csv(
            folder / "overrides.csv", ("household_id", "location_id", "action", "reason"), overrides
        )
    if simulation:
        (folder / "simulation.toml").write_text(simulation, encoding="utf-8")


# --------------------------------------------------------------------------
# The cases
# --------------------------------------------------------------------------


def case_two_locations_three_households(folder: str | Path) -> float:
    """Weekly, 2024: two locations, three arriving households, capacity and cost.

    A regulier cap 4 cost 10; B regulier cap 4 cost 20. Arrivals (regulier,
    adults): H1 3 persons, H2 2, H3 2 (7 persons, 8 beds: everyone fits).
    Splits that fit: A={H1}, B={H2,H3}: cost 3*10 + 4*20 = 110;
    A={H2,H3}, B={H1}: 4*10 + 3*20 = 100. (A={H1,H2} is 5 > 4.)
    Optimum 0.05 * 100 = 5.0 (greedy "biggest to cheapest" gives 5.5).
    """
    locations = [
        loc("A", "regulier", 4, cost_per_night=10),
        loc("B", "regulier", 4, cost_per_night=20),
    ]
    households = [
        household("H1", "regulier", [30, 31, 32]),
        household("H2", "regulier", [40, 41]),
        household("H3", "regulier", [50, 51]),
    ]
    write(folder, locations, households)
    return 5.0


def case_capacity_shortage(folder: str | Path) -> float:
    """Weekly, 2024: 4 persons for 3 beds, one household left unplaced.

    A regulier cap 3. Arrivals H1 and H2, 2 adults each. Both together: 4 > 3.
    One household (2 persons) unplaced: 2 * 10000 = 20000. New arrivals are
    never moved, so no move cost. Optimum 20000.
    """
    households = [household("H1", "regulier", [30, 31]), household("H2", "regulier", [40, 41])]
    write(folder, [loc("A", "regulier", 3)], households)
    return 20000.0


def case_over_limit_weekly(folder: str | Path) -> float:
    """Weekly, 2024: a location with more residents than beds takes no arrivals.

    A regulier cap 2, resident R (3 adults, regulier): 3 > 2, over limit; R is
    not decided and stays (feasible although 3 > 2). B regulier cap 1, empty.
    Arrivals N1, N2 (1 adult each): A takes none, B takes one; the other is
    unplaced: 1 * 10000. Optimum 10000.
    """
    locations = [loc("A", "regulier", 2), loc("B", "regulier", 1)]
    households = [
        household("R", "regulier", [30, 31, 32], current="A"),
        household("N1", "regulier", [40]),
        household("N2", "regulier", [50]),
    ]
    write(folder, locations, households)
    return 10000.0


def case_over_limit_rebalance(folder: str | Path) -> float:
    """Rebalance, 2024: moving residents out does not reopen an over-limit location.

    A regulier cap 2, has_medical; residents R1 (1 adult) and R2 (2 adults):
    3 > 2, over limit. B regulier cap 2, no medical. Arrival N: 1 adult with
    a medical need, fits only A. A takes no arrivals, so N is unplaced:
    10000; R1, R2 stay (moving R2 to B would cost 10 and still not let N in).
    Reading "capacity counts whoever ends there" would give R2->B, N->A: 10.
    Optimum 10000.
    """
    locations = [loc("A", "regulier", 2, has_medical=True), loc("B", "regulier", 2)]
    households = [
        household("R1", "regulier", [30], current="A"),
        household("R2", "regulier", [40, 41], current="A"),
        household("N", "regulier", [50], medical=(0,)),
    ]
    write(folder, locations, households, mode="rebalance")
    return 10000.0


def case_max_children(folder: str | Path) -> float:
    """Weekly, 2024: max_children limits the children a location takes.

    A regulier cap 10 max_children 2, cost 0; B regulier cap 10 cost 10.
    Arrivals F1 (adult + 2 children, 3 persons), F2 (adult + 1 child, 2 persons).
    Both at A: 3 children > 2. F1->A, F2->B: 0.05 * 2 * 10 = 1.0;
    F2->A, F1->B: 0.05 * 3 * 10 = 1.5. Optimum 1.0.
    """
    locations = [
        loc("A", "regulier", 10, max_children=2),
        loc("B", "regulier", 10, cost_per_night=10),
    ]
    households = [household("F1", "regulier", [35, 5, 7]), household("F2", "regulier", [36, 9])]
    write(folder, locations, households)
    return 1.0


def case_max_children_over_limit(folder: str | Path) -> float:
    """Weekly, 2024: too many resident children: no arriving children, adults welcome.

    A regulier cap 10 max_children 1, resident R (adult + 2 children): 2 > 1,
    over limit on children; R stays. B regulier cap 10 cost 10. Arrivals C
    (adult + child) and S (2 adults). C may not go to A: C->B 0.05*2*10 = 1.0.
    S may go to A (no children; 3+2 = 5 <= 10): 0. Optimum 1.0.
    """
    locations = [
        loc("A", "regulier", 10, max_children=1),
        loc("B", "regulier", 10, cost_per_night=10),
    ]
    households = [
        household("R", "regulier", [40, 3, 4], current="A"),
        household("C", "regulier", [30, 2]),
        household("S", "regulier", [25, 26]),
    ]
    write(folder, locations, households)
    return 1.0


def case_medical(folder: str | Path) -> float:
    """Rebalance, 2024: a medical need needs has_medical; a resident may stay anyway.

    A regulier cap 10 no medical, cost 0; B regulier cap 10 has_medical cost 20.
    Arrival M (2 adults, one medical) must go to B: 0.05 * 2 * 20 = 2.0.
    Arrival P (1 adult) -> A: 0. Resident Q (1 adult, medical) at A: it does
    not fit A but may stay there (cost 0); moving to B would cost 5 + 1.
    Optimum 2.0.
    """
    locations = [
        loc("A", "regulier", 10),
        loc("B", "regulier", 10, has_medical=True, cost_per_night=20),
    ]
    households = [
        household("M", "regulier", [30, 31], medical=(1,)),
        household("P", "regulier", [40]),
        household("Q", "regulier", [50], current="A", medical=(0,)),
    ]
    write(folder, locations, households, mode="rebalance")
    return 2.0


def case_child_suitable(folder: str | Path) -> float:
    """Weekly, 2024: a household with children only goes to child_suitable locations.

    A regulier cap 10 child_suitable false, cost 0; B regulier cap 10 cost 20.
    Arrival K (adult + child of 17) -> B: 0.05 * 2 * 20 = 2.0; arrival Q
    (adults 18 and 40, no children) -> A: 0. Optimum 2.0.
    """
    locations = [loc("A", "regulier", 10, child_suitable=False),
                 loc("B", "regulier", 10, cost_per_night=20)]  # fmt: skip
    households = [household("K", "regulier", [40, 17]), household("Q", "regulier", [18, 40])]
    write(folder, locations, households)
    return 2.0


def case_wrong_type_stay(folder: str | Path) -> float:
    """Weekly, 2024: registered households leave the aanmeld location when a bed exists.

    L0 aanmeld cap 10; A regulier cap 1. Residents at L0 with track regulier
    (type not allowed, so decided): W (2 adults) and V (1 adult).
    W does not fit A (2 > 1) and may not be unplaced: stays, 2 * 1000 = 2000.
    V moves to A: 1 * 5 = 5 (instead of 1000 for staying). Optimum 2005.
    """
    locations = [loc("L0", "aanmeld", 10), loc("A", "regulier", 1)]
    households = [
        household("W", "regulier", [30, 31], current="L0"),
        household("V", "regulier", [40], current="L0"),
    ]
    write(folder, locations, households)
    return 2005.0


def case_closed_location(folder: str | Path) -> float:
    """Weekly, 2024: residents of a closed location must leave; unplaced ones count as moved.

    C regulier, open_until 2026-11-22 (closed); A regulier cap 3. Residents at
    C: X (2 adults), Y (3 adults). Only one fits A.
    Y->A, X unplaced: move 3*5 + unplaced 2*10000 + move 2*5 = 20025.
    X->A, Y unplaced: 2*5 + 3*10000 + 3*5 = 30025. Optimum 20025.
    """
    locations = [loc("C", "regulier", 10, **CLOSED), loc("A", "regulier", 3)]
    households = [
        household("X", "regulier", [30, 31], current="C"),
        household("Y", "regulier", [40, 41, 42], current="C"),
    ]
    write(folder, locations, households)
    return 20025.0


def _near_groningen(folder: str | Path, mode: str) -> None:
    gemeenten = [{"gemeente_code": "GM0014", "name": "Groningen", "province": "Groningen",
                  "lat": 53.0, "lon": 6.0}]  # fmt: skip
    locations = [
        loc("A", "regulier", 5, gemeente_code="GM0034", lat=52.0, lon=6.0),
        loc("B", "regulier", 5, gemeente_code="GM0014"),
    ]
    households = [household("H", "vergunninghouder", [30], current="A", housing="GM0014")]
    write(folder, locations, households, mode=mode, gemeenten=gemeenten)


def case_weekly_resident_stays(folder: str | Path) -> float:
    """Weekly, 2024: a resident at a fitting location is not decided and stays.

    gemeenten.csv sets GM0014's reference point to (53.0, 6.0). A regulier at
    lat 52.0, lon 6.0 (its own lat/lon, not GM0034's point); B regulier with
    empty lat/lon in GM0014, so at (53.0, 6.0). Resident H (1 adult,
    vergunninghouder, housing GM0014) at A. Same meridian, so the haversine is
    R * dphi = 6371.0 * pi/180 = 111.19492664455873 km. Weekly: H stays,
    0.1 * 111.19492664455873 = 11.119492664455873.
    """
    _near_groningen(folder, "weekly")
    return 0.1 * 6371.0 * 3.141592653589793 / 180


def case_rebalance_resident_moves(folder: str | Path) -> float:
    """Rebalance, 2024: the same resident moves next to its housing gemeente.

    As case_weekly_resident_stays, but rebalance: staying costs 11.1195,
    moving to B costs move 5 + distance 0 (B is at GM0014's point). Optimum 5.0.
    """
    _near_groningen(folder, "rebalance")
    return 5.0


def case_family_split(folder: str | Path) -> float:
    """Weekly, 2024: a family group stays together when a big enough location exists.

    A, B regulier cap 3 cost 0; C regulier cap 4 cost 10. F1 and F2 (2 adults
    each, family_group "fam1"); G (1 adult, family_group "solo", alone).
    F1+F2 together need 4 beds: only C: 0.05 * 4 * 10 = 2.0. Split over A and
    B: 500. G -> A or B: 0 (a group of one never splits). Optimum 2.0.
    """
    locations = [loc("A", "regulier", 3), loc("B", "regulier", 3),
                 loc("C", "regulier", 4, cost_per_night=10)]  # fmt: skip
    households = [
        household("F1", "regulier", [30, 31], family="fam1"),
        household("F2", "regulier", [60, 61], family="fam1"),
        household("G", "regulier", [20], family="solo"),
    ]
    write(folder, locations, households)
    return 2.0


def case_family_split_forced(folder: str | Path) -> float:
    """Weekly, 2024: when no location holds the whole family, one split costs 500.

    A, B regulier cap 3. F1, F2 (2 adults each, family "fam1"). Together 4 > 3,
    so F1->A, F2->B: family_split 1 * 500. Leaving one unplaced (20000) is
    worse, and an unplaced household would not count as a location. Optimum 500.
    """
    locations = [loc("A", "regulier", 3), loc("B", "regulier", 3)]
    households = [household("F1", "regulier", [30, 31], family="fam1"),
                  household("F2", "regulier", [60, 61], family="fam1")]  # fmt: skip
    write(folder, locations, households)
    return 500.0


def case_family_member_holds_a_location(folder: str | Path) -> float:
    """Weekly, 2024: an arrival joins the location its family member already holds.

    A regulier cap 5 cost 10; B regulier cap 5 cost 0. R (1 adult, family
    "fam1") lives at A and stays (weekly). N (1 adult, "fam1") arrives.
    N -> A: costs 0.05 * 10 for R and for N = 1.0, the group at one location.
    N -> B: 0.5 + 0 + family_split 500 = 500.5 (A is held by R, so the group
    spans two locations). Optimum 1.0.
    """
    locations = [loc("A", "regulier", 5, cost_per_night=10), loc("B", "regulier", 5)]
    households = [household("R", "regulier", [30], current="A", family="fam1"),
                  household("N", "regulier", [40], family="fam1")]  # fmt: skip
    write(folder, locations, households)
    return 1.0


def case_child_over_cap(folder: str | Path) -> float:
    """Weekly, 2024: a forced move of children, one of whom already moved once.

    C regulier closed; A regulier cap 5. Resident K at C: adult (moves 3),
    child 1 (moves 1), child 2 (moves 0). K must move to A:
    move 3*5 = 15, child_move 2*50 = 100, child_over_cap 1*200 = 200 (only
    child 1 has moves >= max_child_moves 1; adults never count). Optimum 315.
    """
    locations = [loc("C", "regulier", 10, **CLOSED), loc("A", "regulier", 5)]
    households = [household("K", "regulier", [40, 10, 6], current="C", moves=(3, 1, 0))]
    write(folder, locations, households)
    return 315.0


def case_distance_haversine(folder: str | Path) -> float:
    """Weekly, 2024: distance between two real gemeente reference points.

    A regulier in GM0034 Almere, lat/lon empty: (52.3671, 5.2464). Arrival H
    (2 adults, vergunninghouder, housing GM0014 Groningen (53.218, 6.6204)).
    phi1 = 0.9139783147 rad, phi2 = 0.9288293213, dphi = 0.0148510066,
    dlambda = 0.0239808239. a = sin^2(dphi/2) + cos phi1 cos phi2 sin^2(dlambda/2)
    = 5.51370859e-05 + 5.25612510e-05 = 1.07698337e-04; c = 2 asin(sqrt a)
    = 0.0207559344; d = 6371.0 * c = 132.23605818907927 km.
    Objective 0.1 * 2 * 132.23605818907927 = 26.447211637815855.
    """
    gemeenten = [
        {"gemeente_code": "GM0034", "name": "Almere", "province": "Flevoland",
         "lat": 52.3671, "lon": 5.2464},
        {"gemeente_code": "GM0014", "name": "Groningen", "province": "Groningen",
         "lat": 53.218, "lon": 6.6204},
    ]  # fmt: skip
    households = [household("H", "vergunninghouder", [30, 31], housing="GM0014")]
    write(folder, [loc("A", "regulier", 5, gemeente_code="GM0034")], households,
          gemeenten=gemeenten)  # fmt: skip
    return 26.447211637815855


def case_landscape_2020(folder: str | Path) -> float:
    """Weekly, 2020: kansrijk leaves the gvl for a rol; ibo without an ibo bed.

    G gvl cap 5; S satelliet cap 2; R rol cap 2. Resident K (2 adults,
    kansrijk) at G: gvl not allowed for kansrijk, decided; R is free: move
    2*5 = 10 (staying: 2000). Arrival A1 (1 adult, aanmelding) -> G: 0.
    Arrival O (3 adults, overig) -> G (1+3 = 4 <= 5): 0. Arrival I (1 adult,
    ibo): no ibo location, unplaced 10000. Optimum 10010.
    """
    locations = [loc("G", "gvl", 5), loc("S", "satelliet", 2), loc("R", "rol", 2)]
    households = [
        household("K", "kansrijk", [30, 31], current="G"),
        household("A1", "aanmelding", [40]),
        household("O", "overig", [50, 51, 52]),
        household("I", "ibo", [60]),
    ]
    write(folder, locations, households, landscape="2020")
    return 10010.0


def case_custom_weights_2020(folder: str | Path) -> float:
    """Rebalance, 2020, weights wrong_type 3, child_move 1, max_child_moves 2.

    G gvl cap 5; R rol cap 2; C rol closed. Resident V (1 adult, kansrijk) at
    G: staying costs wrong_type 1 * 3 = 3, moving to R 1 * 5 = 5: stays, 3.
    Resident K at C (adult, child with moves 1) must move; R has 2 beds:
    move 2*5 = 10, child_move 1*1 = 1, child_over_cap 0 (1 < 2). V and K
    together do not fit R (3 > 2) anyway. Optimum 3 + 11 = 14.
    """
    locations = [loc("G", "gvl", 5), loc("R", "rol", 2), loc("C", "rol", 5, **CLOSED)]
    households = [
        household("V", "kansrijk", [30], current="G"),
        household("K", "kansrijk", [35, 8], current="C", moves=(0, 1)),
    ]
    weights = {"wrong_type": 3, "child_move": 1, "max_child_moves": 2}
    write(folder, locations, households, mode="rebalance", landscape="2020", weights=weights)
    return 14.0


def case_overrides(folder: str | Path) -> float:
    """Weekly, 2024: pins and forbids.

    A regulier cap 5 cost 0; B regulier cap 5 cost 20. Arrival P (1 adult)
    pinned to B: 0.05 * 20 = 1.0. Arrival F (2 adults) forbidden from A -> B:
    2.0. Resident R (1 adult) at A forbidden from A: moves to B, move 5 +
    cost 1.0 = 6.0 (unplaced would be 10005). Resident U (1 adult) at A,
    named in an override (forbid B) so decided, stays at A: 0. B holds
    1 + 2 + 1 = 4 <= 5. Optimum 1 + 2 + 6 = 9.0.
    """
    locations = [loc("A", "regulier", 5), loc("B", "regulier", 5, cost_per_night=20)]
    households = [
        household("P", "regulier", [30]),
        household("F", "regulier", [40, 41]),
        household("R", "regulier", [50], current="A"),
        household("U", "regulier", [60], current="A"),
    ]
    overrides = [
        {"household_id": "P", "location_id": "B", "action": "pin", "reason": "family nearby"},
        {"household_id": "F", "location_id": "A", "action": "forbid", "reason": "conflict"},
        {"household_id": "R", "location_id": "A", "action": "forbid", "reason": "incident"},
        {"household_id": "U", "location_id": "B", "action": "forbid", "reason": "conflict"},
    ]
    write(folder, locations, households, overrides=overrides)
    return 9.0


def case_forbid_own_location(folder: str | Path) -> float:
    """Weekly, 2024: a resident forbidden from its only possible location ends unplaced.

    A regulier cap 5, the only location. Resident R (1 adult) at A with a
    forbid on A: decided, may be unplaced: 1 * 10000 + move 1 * 5 = 10005.
    Optimum 10005.
    """
    overrides = [{"household_id": "R", "location_id": "A", "action": "forbid", "reason": "x"}]
    households = [household("R", "regulier", [50], current="A")]
    write(folder, [loc("A", "regulier", 5)], households, overrides=overrides)
    return 10005.0


def case_residents_at_capacity_weekly(folder: str | Path) -> float:
    """Weekly, 2024: residents exactly fill their location, which is full but not over its limit.

    A regulier cap 3 with resident R (3 adults): 3 == 3, not over the limit,
    no bed left. B regulier cap 5 cost 10. Arrival N (1 adult) fits only at B:
    1 * 10 * 0.05 = 0.5. A is not flagged over_limit. Optimum 0.5.
    """
    locations = [loc("A", "regulier", 3), loc("B", "regulier", 5, cost_per_night=10)]
    households = [
        household("R", "regulier", [30, 31, 32], current="A"),
        household("N", "regulier", [40]),
    ]
    write(folder, locations, households)
    return 0.5


def case_residents_at_capacity_take_arrivals(folder: str | Path) -> float:
    """Rebalance, 2024: residents == capacity is not over the limit, so a move makes room.

    A regulier cap 3, has_medical; residents R1 (1 adult) and R2 (2 adults):
    3 == 3, not over. B regulier cap 2, no medical. Arrival N (1 adult, medical
    need) fits only A. Moving R1 to B (move 5) lets N in; leaving N out costs
    10000. Reading "over" as ">=" would give 10000. Optimum 5.
    """
    locations = [loc("A", "regulier", 3, has_medical=True), loc("B", "regulier", 2)]
    households = [
        household("R1", "regulier", [30], current="A"),
        household("R2", "regulier", [40, 41], current="A"),
        household("N", "regulier", [50], medical=(0,)),
    ]
    write(folder, locations, households, mode="rebalance")
    return 5.0


def case_residents_one_over_capacity(folder: str | Path) -> float:
    """Rebalance, 2024: residents == capacity + 1 is over the limit: no arrivals at all.

    As above, but R2 has 3 adults: 4 > 3, A is over its limit and takes no
    arrival whatever moves out. N (medical) fits nowhere else: 10000; R1 and
    R2 stay (moving R1 to B costs 5 and lets nobody in). Optimum 10000.
    """
    locations = [loc("A", "regulier", 3, has_medical=True), loc("B", "regulier", 2)]
    households = [
        household("R1", "regulier", [30], current="A"),
        household("R2", "regulier", [40, 41, 42], current="A"),
        household("N", "regulier", [50], medical=(0,)),
    ]
    write(folder, locations, households, mode="rebalance")
    return 10000.0


def case_resident_children_at_max_children(folder: str | Path) -> float:
    """Rebalance, 2024: resident children == max_children, so a move makes a child place.

    A regulier cap 10, has_medical, max_children 1; resident R (adult + child
    aged 5, moves 0): 1 == 1, not over. B regulier cap 10, no medical. Arrival
    N (adult + child aged 6, medical) fits only A. R to B: move 2*5 + child_move
    50 = 60 (the child's first move: no child_over_cap); N unplaced: 20000.
    Optimum 60.
    """
    locations = [
        loc("A", "regulier", 10, has_medical=True, max_children=1),
        loc("B", "regulier", 10),
    ]
    households = [
        household("R", "regulier", [30, 5], current="A"),
        household("N", "regulier", [31, 6], medical=(0,)),
    ]
    write(folder, locations, households, mode="rebalance")
    return 60.0


def case_resident_children_one_over_max(folder: str | Path) -> float:
    """Rebalance, 2024: resident children == max_children + 1: no household with children comes in.

    As above, but R has two children (5, 7): 2 > 1, A is over its limit on
    children. N (with a child) cannot enter A whatever R does: 2 * 10000 =
    20000; R stays. Optimum 20000.
    """
    locations = [
        loc("A", "regulier", 10, has_medical=True, max_children=1),
        loc("B", "regulier", 10),
    ]
    households = [
        household("R", "regulier", [30, 5, 7], current="A"),
        household("N", "regulier", [31, 6], medical=(0,)),
    ]
    write(folder, locations, households, mode="rebalance")
    return 20000.0


def case_closing_soon_avoided(folder: str | Path) -> float:
    """Weekly, 2024: an arrival is kept out of a location that closes within the lookahead.

    A regulier cap 5, free, last open night 2026-12-01 (8 days on: closes
    soon); B regulier cap 5 at 100 a night. Arrival N (1 adult): at A it pays
    closing_soon 20, at B cost 1 x 100 x 0.05 = 5. Optimum 5 (N at B).
    """
    locations = [
        loc("A", "regulier", 5, open_until="2026-12-01"),
        loc("B", "regulier", 5, cost_per_night=100),
    ]
    write(folder, locations, [household("N", "regulier", [30])])
    return 5.0


def case_closing_soon_accepted(folder: str | Path) -> float:
    """Weekly, 2024: a closing location is still taken when the alternative costs more.

    As above with B at 500 a night: B costs 25, A's closing_soon 20. Optimum 20.
    """
    locations = [
        loc("A", "regulier", 5, open_until="2026-12-01"),
        loc("B", "regulier", 5, cost_per_night=500),
    ]
    write(folder, locations, [household("N", "regulier", [30])])
    return 20.0


def case_lookahead_boundary(folder: str | Path) -> float:
    """Weekly, 2024: ``open_until < planning_date + lookahead_days`` is strict.

    2026-11-23 + 28 days = 2026-12-21. A's last night 2026-12-21 is not
    "soon", B's 2026-12-20 is; both free, C at 100 a night. Arrivals N1, N2
    (1 adult each), A takes one: 0; the other goes to C (5) rather than B
    (closing_soon 20). Optimum 5.
    """
    locations = [
        loc("A", "regulier", 1, open_until="2026-12-21"),
        loc("B", "regulier", 1, open_until="2026-12-20"),
        loc("C", "regulier", 5, cost_per_night=100),
    ]
    households = [household("N1", "regulier", [30]), household("N2", "regulier", [31])]
    write(folder, locations, households)
    return 5.0


def case_closing_soon_not_for_stayers(folder: str | Path) -> float:
    """Rebalance, 2024: a resident that stays where its location closes soon pays nothing.

    A regulier cap 5 closes 2026-11-30; resident R (2 adults). B regulier
    cap 5, free. Staying: 0 (closing_soon is for new and moved households
    only); moving to B: move 2 x 5 = 10. Optimum 0.
    """
    locations = [loc("A", "regulier", 5, open_until="2026-11-30"), loc("B", "regulier", 5)]
    write(folder, locations, [household("R", "regulier", [30, 31], current="A")], mode="rebalance")
    return 0.0


def case_flex_beds_avoided(folder: str | Path) -> float:
    """Weekly, 2024: flexible beds cost 100 a person, so a cheap regular bed elsewhere wins.

    A regulier cap 2, flex 2, free; B regulier cap 10 at 50 a night. Arrivals
    H1, H2 (2 adults each). Both at A: 2 in flexible beds, 200. One at B:
    2 x 50 x 0.05 = 5. Optimum 5.
    """
    locations = [
        loc("A", "regulier", 2, flex_capacity=2),
        loc("B", "regulier", 10, cost_per_night=50),
    ]
    households = [household("H1", "regulier", [30, 31]), household("H2", "regulier", [40, 41])]
    write(folder, locations, households)
    return 5.0


def case_flex_beds_used(folder: str | Path) -> float:
    """Weekly, 2024: flexible beds are used when the alternative costs more.

    As above with B at 3000 a night: B costs 2 x 3000 x 0.05 = 300, two
    flexible beds at A 200. Optimum 200 (A: occupancy 4, flex_used 2).
    """
    locations = [
        loc("A", "regulier", 2, flex_capacity=2),
        loc("B", "regulier", 10, cost_per_night=3000),
    ]
    households = [household("H1", "regulier", [30, 31]), household("H2", "regulier", [40, 41])]
    write(folder, locations, households)
    return 200.0


def case_flex_limit(folder: str | Path) -> float:
    """Weekly, 2024: capacity plus flexible beds is the limit.

    A regulier cap 2, flex 1: 3 persons at most. Arrivals H1, H2 (2 adults
    each), nowhere else: one household at A (no flexible bed), the other
    unplaced: 2 x 10000. Optimum 20000.
    """
    households = [household("H1", "regulier", [30, 31]), household("H2", "regulier", [40, 41])]
    write(folder, [loc("A", "regulier", 2, flex_capacity=1)], households)
    return 20000.0


def case_residents_in_flex_beds(folder: str | Path) -> float:
    """Weekly, 2024: residents at capacity + flex are not over the limit and fill flex beds.

    A regulier cap 2, flex 1; resident R (3 adults) stays (not decided): 3 ==
    2 + 1, so one flexible bed is used: 100. Arrival N (1 adult): A is full,
    B (cap 1) takes it. Optimum 100.
    """
    locations = [loc("A", "regulier", 2, flex_capacity=1), loc("B", "regulier", 1)]
    households = [
        household("R", "regulier", [30, 31, 32], current="A"),
        household("N", "regulier", [40]),
    ]
    write(folder, locations, households)
    return 100.0


def case_over_limit_with_flex(folder: str | Path) -> float:
    """Weekly, 2024: residents beyond capacity + flex: over the limit, no flexible beds counted.

    A regulier cap 2, flex 1; resident R (4 adults) stays: 4 > 3, over its
    limit, flex_used 0. Arrival N (1 adult): A takes no arrivals, B (cap 1)
    takes it. Optimum 0.
    """
    locations = [loc("A", "regulier", 2, flex_capacity=1), loc("B", "regulier", 1)]
    households = [
        household("R", "regulier", [30, 31, 32, 33], current="A"),
        household("N", "regulier", [40]),
    ]
    write(folder, locations, households)
    return 0.0


#: A chain small enough to follow by hand: regulier is left with chance 1/2 a
#: week, always to leaving, which departs with chance 1/2 a week; no other
#: track is ever left. A regulier household at a regulier location closing in
#: week C must move unless it departed by the departures of week C. After
#: week w it is still regulier with (1/2)^w; leaving and departed follow
#: week by week: w=1 (R 1/2, L 1/2, D 0), w=2 (1/4, 1/2, 1/4), w=3 (1/8, 3/8,
#: 1/2), w=4 (1/16, 1/4, 11/16); week 5's departures take half of L: D = 13/16,
#: so p = 3/16 for C = 5. Without open_until p = 0 (regulier fits, and leaving
#: stays where it is).
HALVING_CHAIN = """[tracks.regulier]
weeks = 2
next = { leave = 1.0 }

[leave]
weeks = 2
"""
#: 34 days after the planning date: C = floor(34 / 7) + 1 = 5, beyond the 28-day lookahead.
CLOSES_WEEK_5 = "2026-12-27"


def case_moves_ahead_avoids_closing(folder: str | Path) -> float:
    """Weekly, 2024, ahead 1: a family goes where it will not have to move again.

    A regulier cap 5 cost 10, open_until 2026-12-27 (C = 5, p = 3/16 with
    HALVING_CHAIN); B regulier cap 5 cost 20, no closing date (p = 0).
    Arrival F (regulier, 2 adults and a child, moves 0). At A: cost 3 x 10
    x 0.05 = 1.5, moves_ahead 3/16 x (5 x 3 + 50 x 1 + 200 x 0: a new arrival
    keeps moves 0 < 1) = 12.1875: 13.6875. At B: cost 3 x 20 x 0.05 = 3.0.
    Optimum 3.0 (F at B).
    """
    _ahead_locations_and_family(folder, ahead=1)
    return 3.0


def case_moves_ahead_myopic(folder: str | Path) -> float:
    """As :func:`case_moves_ahead_avoids_closing` with ahead 0: A is cheaper now, 1.5."""
    _ahead_locations_and_family(folder, ahead=0)
    return 1.5


def _ahead_locations_and_family(folder: str | Path, ahead: float) -> None:
    locations = [
        loc("A", "regulier", 5, cost_per_night=10, open_until=CLOSES_WEEK_5),
        loc("B", "regulier", 5, cost_per_night=20),
    ]
    households = [household("F", "regulier", [30, 31, 5])]
    write(folder, locations, households, weights={"ahead": ahead}, simulation=HALVING_CHAIN)


def case_moves_ahead_second_child_move(folder: str | Path) -> float:
    """Weekly, 2024, ahead 1: a moved child's next move would be its second, over the cap.

    C regulier closed; resident R (an adult and a child, moves 0) must move.
    A regulier free, open_until 2026-12-27 (p = 3/16, HALVING_CHAIN); B
    regulier at 200 a night, no closing date. The move now: 2 x 5 + 50 = 60
    (the child's moves 0 < 1: not over the cap). At A: moves_ahead 3/16 x (2
    x 5 + 50 + 200 x 1: moved now, the child's moves + 1 reach the cap) =
    48.75: 108.75. At B: cost 2 x 200 x 0.05 = 20: 80. Optimum 80.0 (B);
    pricing the later move at moves 0 would make A 71.25 and choose it.
    """
    locations = [
        loc("C", "regulier", 5, **CLOSED),
        loc("A", "regulier", 5, open_until=CLOSES_WEEK_5),
        loc("B", "regulier", 5, cost_per_night=200),
    ]
    households = [household("R", "regulier", [30, 5], current="C")]
    write(folder, locations, households, weights={"ahead": 1}, simulation=HALVING_CHAIN)
    return 80.0


def case_moves_ahead_of_stayers(folder: str | Path) -> float:
    """Weekly, 2024, default chain: stayers pay moves_ahead too, wrong-type stayers p = 1.

    L0 aanmeld cap 10 (no closing date); resident W (regulier, 2 adults) at
    L0 has no fitting bed (A is full) and stays at a wrong type: wrong_type
    2 x 1000 + moves_ahead p = 1 x 2 x 5 = 2010. Resident S (regulier, 1
    adult) at A (regulier, cap 1, open_until 2026-11-23: C = 1) is not
    decided and stays; it must move in week 1 unless it departed by then,
    and a regulier household cannot depart in week 1 (it first changes
    track): p = 1, 1 x 5 = 5. Optimum 2015.
    """
    locations = [loc("L0", "aanmeld", 10), loc("A", "regulier", 1, open_until="2026-11-23")]
    households = [
        household("W", "regulier", [30, 31], current="L0"),
        household("S", "regulier", [40], current="A"),
    ]
    write(folder, locations, households, weights={"ahead": 1})
    return 2015.0


HAND_CASES: list[Callable[[str | Path], float]] = [
    case_two_locations_three_households,
    case_capacity_shortage,
    case_over_limit_weekly,
    case_over_limit_rebalance,
    case_max_children,
    case_max_children_over_limit,
    case_medical,
    case_child_suitable,
    case_wrong_type_stay,
    case_closed_location,
    case_weekly_resident_stays,
    case_rebalance_resident_moves,
    case_family_split,
    case_family_split_forced,
    case_family_member_holds_a_location,
    case_child_over_cap,
    case_distance_haversine,
    case_landscape_2020,
    case_custom_weights_2020,
    case_overrides,
    case_forbid_own_location,
    case_residents_at_capacity_weekly,
    case_residents_at_capacity_take_arrivals,
    case_residents_one_over_capacity,
    case_resident_children_at_max_children,
    case_resident_children_one_over_max,
    case_closing_soon_avoided,
    case_closing_soon_accepted,
    case_lookahead_boundary,
    case_closing_soon_not_for_stayers,
    case_flex_beds_avoided,
    case_flex_beds_used,
    case_flex_limit,
    case_residents_in_flex_beds,
    case_over_limit_with_flex,
    case_moves_ahead_avoids_closing,
    case_moves_ahead_myopic,
    case_moves_ahead_second_child_move,
    case_moves_ahead_of_stayers,
]
