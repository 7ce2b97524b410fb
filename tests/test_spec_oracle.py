"""Tests of the spec oracle itself, on hand-worked instances."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

try:  # tests/ as a package or as a rootdir on sys.path
    from tests import hand_cases as hc
    from tests import spec_oracle as so
except ImportError:  # pragma: no cover
    import hand_cases as hc
    import spec_oracle as so


def _scn(case: Any, tmp_path: Path) -> dict[str, Any]:
    case(tmp_path)
    return so.load_plain_scenario(tmp_path)


def _violations(case: Any, tmp_path: Path, assignment: dict[str, str | None]) -> list[str]:
    return so.evaluate(_scn(case, tmp_path), assignment).violations


def _has(violations: list[str], text: str) -> bool:
    return any(text in v for v in violations)


# --------------------------------------------------------------------------
# Known optima
# --------------------------------------------------------------------------


@pytest.mark.parametrize("case", hc.HAND_CASES, ids=lambda c: c.__name__)
def test_brute_force_finds_hand_optimum(case: Any, tmp_path: Path) -> None:
    """Enumeration reproduces the optimum worked out by hand."""
    expected = case(tmp_path)
    best, assignment = so.brute_force(so.load_plain_scenario(tmp_path))
    assert assignment is not None
    assert best == pytest.approx(expected, rel=1e-12, abs=1e-9)


@pytest.mark.parametrize("case", hc.HAND_CASES, ids=lambda c: c.__name__)
def test_optimum_terms_sum_to_objective(case: Any, tmp_path: Path) -> None:
    """The weighted terms of the optimum add up to its objective."""
    scn = _scn(case, tmp_path)
    _, assignment = so.brute_force(scn)
    ev = so.evaluate(scn, assignment or {})
    assert ev.feasible
    assert set(ev.terms) == set(so.TERMS)
    assert sum(ev.terms.values()) == pytest.approx(ev.objective)


def test_hand_cases_cover_modes_and_landscapes(tmp_path: Path) -> None:
    """The hand cases use both modes and both landscapes."""
    seen = set()
    for i, case in enumerate(hc.HAND_CASES):
        scn = _scn(case, tmp_path / str(i))
        seen.add((scn["mode"], scn["landscape_name"]))
    assert {m for m, _ in seen} == {"weekly", "rebalance"}
    assert {lsc for _, lsc in seen} == {"2024", "2020"}


# --------------------------------------------------------------------------
# Hard rules
# --------------------------------------------------------------------------


def test_capacity_rule(tmp_path: Path) -> None:
    """Persons ending at a location beyond its capacity are infeasible."""
    v = _violations(hc.case_capacity_shortage, tmp_path, {"H1": "A", "H2": "A"})
    assert _has(v, "4 persons exceed capacity + flex_capacity 3")


def test_over_limit_takes_no_arrivals(tmp_path: Path) -> None:
    """An over-limit location keeps its residents but takes no arrival."""
    scn = _scn(hc.case_over_limit_weekly, tmp_path)
    assert so.evaluate(scn, {"R": "A", "N1": "B", "N2": None}).feasible
    assert _has(so.evaluate(scn, {"R": "A", "N1": "A", "N2": "B"}).violations, "over limit")


def test_over_limit_not_reopened_by_moving_out(tmp_path: Path) -> None:
    """Moving residents out of an over-limit location does not let arrivals in."""
    v = _violations(hc.case_over_limit_rebalance, tmp_path, {"R1": "A", "R2": "B", "N": "A"})
    assert _has(v, "location A: over limit on capacity")


def test_max_children_rule(tmp_path: Path) -> None:
    """Children ending at a location beyond max_children are infeasible."""
    v = _violations(hc.case_max_children, tmp_path, {"F1": "A", "F2": "A"})
    assert _has(v, "3 children exceed max_children 2")


def test_max_children_over_limit(tmp_path: Path) -> None:
    """Too many resident children: no arriving household with children, adults may come."""
    scn = _scn(hc.case_max_children_over_limit, tmp_path)
    assert so.evaluate(scn, {"R": "A", "C": "B", "S": "A"}).feasible
    bad = so.evaluate(scn, {"R": "A", "C": "A", "S": "B"})
    assert _has(bad.violations, "over limit on children")


def test_medical_rule(tmp_path: Path) -> None:
    """A household with a medical need only goes to has_medical locations."""
    v = _violations(hc.case_medical, tmp_path, {"M": "A", "P": "A", "Q": "A"})
    assert _has(v, "household M: location A has no medical")


def test_resident_may_stay_where_it_no_longer_fits(tmp_path: Path) -> None:
    """A medical resident stays at its open non-medical location without penalty."""
    scn = _scn(hc.case_medical, tmp_path)
    ev = so.evaluate(scn, {"M": "B", "P": "A", "Q": "A"})
    assert ev.feasible and ev.terms["wrong_type"] == 0


def test_child_suitable_rule(tmp_path: Path) -> None:
    """A household with a child (17) does not go to a location unsuitable for children."""
    v = _violations(hc.case_child_suitable, tmp_path, {"K": "A", "Q": "B"})
    assert _has(v, "household K: location A is not child_suitable")


def test_wrong_type_stay_costs_per_person(tmp_path: Path) -> None:
    """Staying at a location of a type not allowed for the track costs wrong_type per person."""
    scn = _scn(hc.case_wrong_type_stay, tmp_path)
    ev = so.evaluate(scn, {"W": "L0", "V": "L0"})
    assert ev.feasible
    assert ev.terms["wrong_type"] == 3000 and ev.wrong_type_persons == 3


def test_wrong_type_resident_is_never_unplaced(tmp_path: Path) -> None:
    """A resident of an open location, even of the wrong type, is never left unplaced."""
    v = _violations(hc.case_wrong_type_stay, tmp_path, {"W": None, "V": "A"})
    assert _has(v, "household W: resident of open location L0 left unplaced")


def test_closed_location_rule(tmp_path: Path) -> None:
    """Nobody stays at a closed location; its residents may end unplaced, counted as moved."""
    scn = _scn(hc.case_closed_location, tmp_path)
    assert _has(so.evaluate(scn, {"X": "C", "Y": "A"}).violations, "stays at C, which is not open")
    ev = so.evaluate(scn, {"X": None, "Y": "A"})
    assert ev.feasible and ev.moved_persons == 5 and ev.unplaced == 2


def test_weekly_residents_not_decided_stay(tmp_path: Path) -> None:
    """In weekly mode a resident at an open fitting location must stay."""
    v = _violations(hc.case_weekly_resident_stays, tmp_path, {"H": "B"})
    assert _has(v, "not decided in weekly mode")


def test_rebalance_decides_everyone(tmp_path: Path) -> None:
    """In rebalance mode the same resident may move, but not be left unplaced."""
    scn = _scn(hc.case_rebalance_resident_moves, tmp_path)
    assert so.evaluate(scn, {"H": "B"}).feasible
    assert not so.evaluate(scn, {"H": None}).feasible


def test_decided_households_in_weekly(tmp_path: Path) -> None:
    """Weekly decides arrivals, residents of closed or wrong-type locations, overridden ones."""
    scn = _scn(hc.case_overrides, tmp_path)
    assert all(so.decided(scn, h) for h in scn["households"].values())
    scn = _scn(hc.case_weekly_resident_stays, tmp_path / "w")
    assert not so.decided(scn, scn["households"]["H"])
    scn = _scn(hc.case_wrong_type_stay, tmp_path / "t")
    assert so.decided(scn, scn["households"]["W"])


def test_pin_and_forbid(tmp_path: Path) -> None:
    """A pinned household ends at its pin; a forbidden one does not end there."""
    scn = _scn(hc.case_overrides, tmp_path)
    ev = so.evaluate(scn, {"P": "A", "F": "A", "R": "B", "U": "A"})
    assert _has(ev.violations, "household P: pinned to B but ends at A")
    assert _has(ev.violations, "household F: ends at A, which an override forbids")


def test_forbidden_own_location_allows_unplaced(tmp_path: Path) -> None:
    """A resident forbidden from its own location may end unplaced."""
    scn = _scn(hc.case_forbid_own_location, tmp_path)
    assert so.options(scn, scn["households"]["R"]) == [None]


def test_missing_and_unknown_households(tmp_path: Path) -> None:
    """An assignment must name exactly the households of persons.csv."""
    v = _violations(hc.case_capacity_shortage, tmp_path, {"H1": "A", "X": "A"})
    assert _has(v, "household H2: no assignment") and _has(v, "household X: not in persons.csv")


# --------------------------------------------------------------------------
# Objective terms
# --------------------------------------------------------------------------


def test_family_split_term(tmp_path: Path) -> None:
    """A family group over two locations splits once; a group of one never splits."""
    scn = _scn(hc.case_family_split, tmp_path)
    ev = so.evaluate(scn, {"F1": "A", "F2": "B", "G": "C"})
    assert ev.family_splits == 1 and ev.terms["family_split"] == 500


def test_unplaced_household_does_not_split_family(tmp_path: Path) -> None:
    """Unplaced households do not count as a location of their family group."""
    scn = _scn(hc.case_family_split_forced, tmp_path)
    ev = so.evaluate(scn, {"F1": "A", "F2": None})
    assert ev.family_splits == 0 and ev.terms["unplaced"] == 20000


def test_child_move_terms(tmp_path: Path) -> None:
    """A moved child counts in move and child_move, and child_over_cap by its own moves."""
    scn = _scn(hc.case_child_over_cap, tmp_path)
    ev = so.evaluate(scn, {"K": "A"})
    assert (ev.terms["move"], ev.terms["child_move"], ev.terms["child_over_cap"]) == (15, 100, 200)
    assert (ev.moved_persons, ev.moved_children, ev.children_over_cap) == (3, 2, 1)


def test_custom_weights_merge_with_defaults(tmp_path: Path) -> None:
    """Weights in scenario.toml replace only the defaults they name."""
    scn = _scn(hc.case_custom_weights_2020, tmp_path)
    assert scn["weights"]["wrong_type"] == 3 and scn["weights"]["max_child_moves"] == 2
    assert scn["weights"]["unplaced"] == 10000 and scn["weights"]["cost"] == 0.05


def test_cost_term(tmp_path: Path) -> None:
    """Cost is placed persons times cost_per_night times its weight."""
    scn = _scn(hc.case_two_locations_three_households, tmp_path)
    ev = so.evaluate(scn, {"H1": "A", "H2": "B", "H3": "B"})
    assert ev.terms["cost"] == pytest.approx(0.05 * (3 * 10 + 4 * 20))


def test_haversine_by_hand() -> None:
    """Haversine: one degree of latitude is R*pi/180 km; Almere-Groningen by hand."""
    assert so.haversine_km(52.0, 6.0, 53.0, 6.0) == pytest.approx(6371.0 * math.pi / 180)
    assert so.haversine_km(52.3671, 5.2464, 53.218, 6.6204) == pytest.approx(132.23605818907927)
    assert so.haversine_km(53.218, 6.6204, 53.218, 6.6204) == 0.0


def test_distance_from_gemeente_point(tmp_path: Path) -> None:
    """A location without lat/lon sits at its gemeente's reference point."""
    scn = _scn(hc.case_distance_haversine, tmp_path)
    location = scn["locations"]["A"]
    assert (location.lat, location.lon) == (52.3671, 5.2464)
    ev = so.evaluate(scn, {"H": "A"})
    assert ev.distance_km_mean == pytest.approx(132.23605818907927)


def test_distance_uses_location_lat_lon(tmp_path: Path) -> None:
    """A location's own lat/lon wins over its gemeente's point."""
    scn = _scn(hc.case_weekly_resident_stays, tmp_path)
    assert (scn["locations"]["A"].lat, scn["locations"]["A"].lon) == (52.0, 6.0)
    assert scn["gemeenten"]["GM0014"] == (53.0, 6.0)


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------


def test_ids_are_text(tmp_path: Path) -> None:
    """Ids keep leading zeros and NA is an ordinary id."""
    hc.write(
        tmp_path,
        [hc.loc("007", "regulier", 5)],
        [hc.household("NA", "regulier", [30], current="007")],
    )
    scn = so.load_plain_scenario(tmp_path)
    assert list(scn["locations"]) == ["007"]
    assert scn["households"]["NA"].current == "007"


def test_defaults_without_scenario_toml(tmp_path: Path) -> None:
    """Without scenario.toml: weekly, landscape 2024, default weights."""
    hc.case_capacity_shortage(tmp_path)
    (tmp_path / "scenario.toml").unlink()
    scn = so.load_plain_scenario(tmp_path)
    assert scn["mode"] == "weekly" and scn["landscape_name"] == "2024"
    assert scn["weights"] == so.DEFAULT_WEIGHTS


# --------------------------------------------------------------------------
# Output checks
# --------------------------------------------------------------------------


def _status(h: so.Household, target: str | None) -> str:
    return so._expected_status(h.current, target or "")


def write_outputs(scn: dict[str, Any], assignment: dict[str, str | None], out: Path) -> None:
    """A reference output folder for an assignment, as the contract describes it."""
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for h in scn["households"].values():
        target = assignment[h.household_id]
        km = so.distance_km(scn, h, target) if target else None
        for pid in h.person_ids:
            rows.append(
                {
                    "person_id": pid,
                    "household_id": h.household_id,
                    "from_location_id": h.current or "",
                    "to_location_id": target or "",
                    "status": _status(h, target),
                    "distance_km": f"{km:.3f}" if km is not None else "",
                    "reason": "test",
                }
            )
    so.write_csv(out / "placements.csv", so.PLACEMENT_COLUMNS, rows)
    table = so.expected_location_rows(scn, assignment)
    so.write_csv(
        out / "locations.csv",
        so.LOCATION_COLUMNS,
        [{"location_id": lid, **values} for lid, values in table.items()],
    )
    ev = so.evaluate(scn, assignment)
    kpis = {
        "status": "optimal",
        "objective": ev.objective,
        "objective_terms": ev.terms,
        "mip_gap": 0.0,
        "bound": ev.objective,
        **{
            name: getattr(ev, name)
            for name in (
                "persons",
                "placed",
                "unplaced",
                "moved_persons",
                "moved_children",
                "children_over_cap",
                "family_splits",
                "flex_beds_used",
                "distance_km_mean",
                "households",
                "unplaced_households",
                "new_arrivals",
                "stayed_persons",
                "wrong_type_persons",
                "expected_moves_ahead",
                "expected_child_moves_ahead",
            )  # fmt: skip
        },
    }
    (out / "kpis.json").write_text(json.dumps(kpis), encoding="utf-8")


def _solved(case: Any, tmp_path: Path) -> tuple[Path, Path]:
    folder, out = tmp_path / "scenario", tmp_path / "out"
    case(folder)
    scn = so.load_plain_scenario(folder)
    _, assignment = so.brute_force(scn)
    write_outputs(scn, assignment or {}, out)
    return folder, out


@pytest.mark.parametrize("case", hc.HAND_CASES, ids=lambda c: c.__name__)
def test_reference_outputs_pass(case: Any, tmp_path: Path) -> None:
    """Outputs written as the contract says pass every output check."""
    folder, out = _solved(case, tmp_path)
    ev = so.evaluate_outputs(folder, out)
    assert ev.violations == []
    assert ev.objective == pytest.approx(case(tmp_path / "again"))


def _edit_csv(path: Path, row: int, column: str, value: str) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row, column] = value
    frame.to_csv(path, index=False)


def test_outputs_wrong_status_and_distance(tmp_path: Path) -> None:
    """A wrong status or distance_km in placements.csv is reported."""
    folder, out = _solved(hc.case_distance_haversine, tmp_path)
    _edit_csv(out / "placements.csv", 0, "status", "move")
    _edit_csv(out / "placements.csv", 1, "distance_km", "132.240")
    v = so.evaluate_outputs(folder, out).violations
    assert _has(v, "status 'move' should be 'new'") and _has(v, "distance_km 132.240")


def test_outputs_split_household_and_missing_person(tmp_path: Path) -> None:
    """A household split over locations, and a person left out, are reported."""
    folder, out = _solved(hc.case_two_locations_three_households, tmp_path)
    _edit_csv(out / "placements.csv", 0, "to_location_id", "A")
    frame = pd.read_csv(out / "placements.csv", dtype=str, keep_default_na=False)
    frame.drop(index=6).to_csv(out / "placements.csv", index=False)
    v = so.evaluate_outputs(folder, out).violations
    assert _has(v, "household H1 split") and _has(v, "person H3-1 missing")


def test_outputs_wrong_locations_and_kpis(tmp_path: Path) -> None:
    """locations.csv counts and kpis.json values that disagree are reported."""
    folder, out = _solved(hc.case_closed_location, tmp_path)
    _edit_csv(out / "locations.csv", 0, "departures", "3")
    kpis = json.loads((out / "kpis.json").read_text())
    kpis["objective"] += 1
    kpis["objective_terms"]["move"] = 0
    (out / "kpis.json").write_text(json.dumps(kpis))
    v = so.evaluate_outputs(folder, out).violations
    assert _has(v, "locations.csv: C departures")
    assert _has(v, "kpis.json: objective ") and _has(v, "objective_terms[move]")


@pytest.mark.parametrize(
    "key",
    ["households", "unplaced_households", "new_arrivals", "stayed_persons", "wrong_type_persons"],
)
def test_outputs_wrong_extra_count(key: str, tmp_path: Path) -> None:
    """Each documented count in kpis.json is recomputed, not taken on trust."""
    folder, out = _solved(hc.case_wrong_type_stay, tmp_path)
    kpis = json.loads((out / "kpis.json").read_text())
    kpis[key] += 1
    (out / "kpis.json").write_text(json.dumps(kpis))
    assert _has(so.evaluate_outputs(folder, out).violations, f"kpis.json: {key} ")


def test_outputs_gap_bound_and_status_must_agree(tmp_path: Path) -> None:
    """A gap not measured from the written objective, a bound above it, or 'optimal' beyond the
    asked gap are reported."""
    folder, out = _solved(hc.case_closed_location, tmp_path)
    kpis = json.loads((out / "kpis.json").read_text())
    objective = kpis["objective"]
    for changes, message in [
        ({"bound": objective - 100.0, "mip_gap": 0.0}, "mip_gap 0.0 !="),
        ({"bound": objective + 100.0}, "above the objective"),
        ({"bound": objective - 0.5 * max(1.0, objective), "mip_gap": 0.5}, "status optimal"),
        ({"bound": None}, "no bound"),
        ({"solver_objective": objective - 50.0}, "solver_objective"),
    ]:
        (out / "kpis.json").write_text(json.dumps({**kpis, **changes}))
        assert _has(so.evaluate_outputs(folder, out, mip_gap=1e-4).violations, message), changes
    (out / "kpis.json").write_text(json.dumps(kpis))
    assert so.evaluate_outputs(folder, out, mip_gap=0.0).violations == []


# --------------------------------------------------------------------------
# Random scenarios
# --------------------------------------------------------------------------


def test_random_scenario_is_reproducible(tmp_path: Path) -> None:
    """The same seed writes the same files."""
    so.random_scenario(np.random.default_rng(7), tmp_path / "a")
    so.random_scenario(np.random.default_rng(7), tmp_path / "b")
    for name in ("locations.csv", "persons.csv", "scenario.toml"):
        assert (tmp_path / "a" / name).read_text() == (tmp_path / "b" / name).read_text()


@pytest.mark.parametrize("seed", range(12))
def test_random_scenarios_solve_and_round_trip(seed: int, tmp_path: Path) -> None:
    """Random scenarios are small, always feasible, and their outputs check clean."""
    folder, out = tmp_path / "scenario", tmp_path / "out"
    landscape = "2020" if seed % 3 == 0 else "2024"
    so.random_scenario(np.random.default_rng(seed), folder, landscape=landscape, overrides=True)
    scn = so.load_plain_scenario(folder)
    assert so.option_count(scn) <= so.MAX_ENUMERATION
    best, assignment = so.brute_force(scn)
    assert assignment is not None and math.isfinite(best)
    write_outputs(scn, assignment, out)
    assert so.evaluate_outputs(folder, out).violations == []
