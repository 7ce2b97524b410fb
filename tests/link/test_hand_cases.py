"""Tiny scenarios worked by hand: links, terms and reasons asserted exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.link.scenarios import km, kpis, linked, rows, run, write

LOCATION_NEAR_A = """location_id,name,gemeente_code,type,capacity,lat,lon
L,azc L,GM9001,regulier,100,0,0.1
"""
D_A, D_B = km(0.1, 0), km(0.1, 1)  # 11.1 km and 100.1 km


def test_quota_binds_the_larger_household_takes_the_near_gemeente(tmp_path: Path):
    """A (quota 2) takes the pair, the single goes to B: 0.1 x (2 x 11.1 + 1 x 100.1)."""
    folder = write(
        tmp_path / "s",
        LOCATION_NEAR_A,
        [
            "p1,h1,30,vergunninghouder,L,,,2026-09-14",
            "p2,h1,3,vergunninghouder,L,,,2026-09-14",
            "p3,h2,40,vergunninghouder,L,,,2026-10-19",
        ],
        {"GM9001": 2, "GM9002": 5},
    )
    out = tmp_path / "out"
    assert run(folder, out).exit_code == 0
    assert linked(out) == {"h1": "GM9001", "h2": "GM9002"}
    k = kpis(out)
    assert k["status"] == "optimal"
    assert k["objective"] == pytest.approx(0.1 * (2 * D_A + D_B), abs=1e-9)
    assert k["objective_terms"] == pytest.approx(
        {"unlinked": 0, "waiting": 0, "distance": 0.1 * (2 * D_A + D_B), "family_split": 0}
    )
    assert (k["linked_persons"], k["unlinked_persons"], k["family_splits"]) == (3, 0, 0)
    gem = rows(out / "gemeenten.csv")
    assert [(g["gemeente_code"], g["quota"], g["linked_persons"], g["remaining"]) for g in gem] == [
        ("GM9001", "2", "2", "0"),
        ("GM9002", "5", "1", "4"),
    ]
    reasons = {r["household_id"]: r["reason"] for r in rows(out / "links.csv")}
    assert reasons["h1"] == (
        f"Linked to Aadorp (GM9001): {D_A:.1f} km from its current location, waiting 10 weeks."
    )
    assert reasons["h2"] == (
        f"Linked to Beedorp (GM9002): {D_B:.1f} km from its current location (the nearer "
        "gemeente with a quota has no room left for it), waiting 5 weeks."
    )
    distances = [r["distance_km"] for r in rows(out / "links.csv")]
    assert distances == [f"{D_A:.3f}", f"{D_A:.3f}", f"{D_B:.3f}"]


def test_longest_waiters_are_linked_first(tmp_path: Path):
    """Two places for three singles: the one who waited least (10 weeks) stays unlinked."""
    folder = write(
        tmp_path / "s",
        LOCATION_NEAR_A,
        [
            "p1,h1,30,vergunninghouder,L,,,2026-04-27",  # 30 weeks
            "p2,h2,30,vergunninghouder,L,,,2026-09-14",  # 10 weeks
            "p3,h3,30,vergunninghouder,L,,,2026-07-03",  # 20 weeks and 3 days
        ],
        {"GM9001": 2},
    )
    out = tmp_path / "out"
    assert run(folder, out).exit_code == 0
    assert linked(out) == {"h1": "GM9001", "h2": "", "h3": "GM9001"}
    k = kpis(out)
    assert k["objective_terms"] == pytest.approx(
        {"unlinked": 1000, "waiting": 20 * 10, "distance": 0.1 * 2 * D_A, "family_split": 0}
    )
    assert k["objective"] == pytest.approx(1200 + 0.2 * D_A)
    (h2,) = [r for r in rows(out / "links.csv") if r["household_id"] == "h2"]
    assert h2["distance_km"] == "" and h2["gemeente_code"] == ""
    assert h2["reason"] == "Not linked: the quotas are full; waiting 10 weeks."


def test_a_family_joins_its_already_linked_household_in_another_gemeente(tmp_path: Path):
    """F has a household housed in B: linking the other to A would split F (500 > 2 x 10 km)."""
    folder = write(
        tmp_path / "s",
        LOCATION_NEAR_A,
        [
            "p1,h1,30,vergunninghouder,L,,F,2026-09-14",
            "p2,h1,30,vergunninghouder,L,,F,2026-09-14",
            "p3,h2,50,vergunninghouder,L,GM9002,F,2026-01-05",  # already linked to B
            "p4,h3,50,regulier,L,,F,",  # no housing: adds no gemeente
            "p5,h4,50,vergunninghouder,L,GM9001,G,2025-01-05",  # G is split already
            "p6,h5,50,regulier,,GM9002,G,",
        ],
        {"GM9001": 5, "GM9002": 5},
    )
    out = tmp_path / "out"
    assert run(folder, out).exit_code == 0
    assert linked(out) == {"h1": "GM9002"}
    k = kpis(out)
    assert k["family_splits"] == 1  # G, which linking cannot change
    assert k["objective_terms"] == pytest.approx(
        {"unlinked": 0, "waiting": 0, "distance": 0.1 * 2 * D_B, "family_split": 500}
    )
    (reason,) = {r["reason"] for r in rows(out / "links.csv")}
    assert reason.endswith("1 other household of its family group is housed there too.")
    copied = {
        r["person_id"]: r["housing_gemeente_code"] for r in rows(out / "scenario/persons.csv")
    }
    assert copied == {
        "p1": "GM9002", "p2": "GM9002", "p3": "GM9002", "p4": "", "p5": "GM9001", "p6": "GM9002",
    }  # fmt: skip


def test_a_family_that_cannot_stay_together_is_split_when_that_is_cheaper(tmp_path: Path):
    """B is full: linking to A splits F (+500) but saves 1000 + 20 x 10 for leaving it unlinked."""
    folder = write(
        tmp_path / "s",
        LOCATION_NEAR_A,
        [
            "p1,h1,30,vergunninghouder,L,,F,2026-09-14",
            "p2,h2,50,vergunninghouder,L,GM9002,F,",
        ],
        {"GM9001": 1, "GM9002": 0},
    )
    out = tmp_path / "out"
    assert run(folder, out).exit_code == 0
    assert linked(out) == {"h1": "GM9001"}
    k = kpis(out)
    assert k["family_splits"] == 1
    assert k["objective"] == pytest.approx(500 + 0.1 * D_A)
    (row,) = rows(out / "links.csv")
    assert row["reason"].endswith("Its family group is spread over 2 gemeenten.")


def test_a_household_larger_than_any_quota_is_not_linked(tmp_path: Path):
    """Quotas 3 and 2: four persons fit nowhere; a second three waits behind the first."""
    folder = write(
        tmp_path / "s",
        LOCATION_NEAR_A,
        [
            *(f"p{i},big,30,vergunninghouder,L,,,2025-11-24" for i in range(4)),  # 52 weeks
            *(f"q{i},h1,30,vergunninghouder,L,,,2026-02-16" for i in range(3)),  # 40 weeks
            *(f"r{i},h2,30,vergunninghouder,L,,,2026-09-14" for i in range(3)),  # 10 weeks
        ],
        {"GM9001": 3, "GM9002": 2},
    )
    out = tmp_path / "out"
    assert run(folder, out).exit_code == 0
    assert linked(out) == {"big": "", "h1": "GM9001", "h2": ""}
    reasons = {r["household_id"]: r["reason"] for r in rows(out / "links.csv")}
    assert reasons["big"] == (
        "Not linked: larger (4 persons) than any quota (the largest is 3); waiting 52 weeks."
    )
    assert reasons["h2"] == (
        "Not linked: larger (3 persons) than any remaining quota (the most left is 2, in "
        "Beedorp (GM9002)); waiting 10 weeks."
    )
    k = kpis(out)
    assert k["objective_terms"]["unlinked"] == pytest.approx(1000 * 7)
    assert k["objective_terms"]["waiting"] == pytest.approx(20 * (4 * 52 + 3 * 10))
    assert [g["remaining"] for g in rows(out / "gemeenten.csv")] == ["0", "2"]


def test_a_household_without_a_current_location_has_no_distance(tmp_path: Path):
    """Without a current location the distance term is 0 and distance_km empty."""
    folder = write(
        tmp_path / "s",
        LOCATION_NEAR_A,
        ["p1,h1,30,vergunninghouder,,,,2026-11-30", "p2,h1,3,vergunninghouder,,,,"],
        {"GM9003": 4},
    )
    out = tmp_path / "out"
    assert run(folder, out).exit_code == 0
    assert linked(out) == {"h1": "GM9003"}
    assert kpis(out)["objective"] == 0
    assert [r["distance_km"] for r in rows(out / "links.csv")] == ["", ""]
    assert rows(out / "links.csv")[0]["reason"] == (
        "Linked to Ceedorp (GM9003): it has no current location, so distance does not count, "
        "permit dated after the planning date."
    )


def test_distance_counts_from_a_closed_current_location(tmp_path: Path):
    """A location closed before the planning date still gives the household's point."""
    locations = """location_id,name,gemeente_code,type,capacity,lat,lon,open_until
X,closed,GM9001,regulier,10,0,1.7,2026-01-01
Y,no point,GM9003,regulier,10,,,
"""
    folder = write(
        tmp_path / "s",
        locations,
        ["p1,h1,30,vergunninghouder,X,,,2026-11-16", "p2,h2,30,vergunninghouder,Y,,,"],
        {"GM9001": 5, "GM9002": 5},
    )
    out = tmp_path / "out"
    assert run(folder, out).exit_code == 0
    assert linked(out) == {"h1": "GM9002", "h2": "GM9002"}
    got = {r["household_id"]: r["distance_km"] for r in rows(out / "links.csv")}
    # X is at its own point (0, 1.7); Y has none, so it is at its gemeente's (0, 2)
    assert got == {"h1": f"{km(1.7, 1):.3f}", "h2": f"{km(2, 1):.3f}"}
    assert kpis(out)["objective"] == pytest.approx(0.1 * (km(1.7, 1) + km(2, 1)))


def test_linking_that_costs_more_than_waiting_is_left_undone(tmp_path: Path):
    """With unlinked = 1 and distance = 1 per km, a 100 km link costs more than waiting."""
    folder = write(
        tmp_path / "s",
        LOCATION_NEAR_A,
        ["p1,h1,30,vergunninghouder,L,,,"],
        {"GM9002": 5},
        link={"unlinked": 1, "waiting": 0, "distance": 1, "family_split": 0},
    )
    out = tmp_path / "out"
    assert run(folder, out).exit_code == 0
    assert linked(out) == {"h1": ""}
    assert rows(out / "links.csv")[0]["reason"] == (
        f"Not linked: the quotas near it are full; the nearest gemeente with room is Beedorp "
        f"(GM9002) ({D_B:.1f} km), where linking it costs more than leaving it unlinked; "
        "no permit date."
    )
    assert kpis(out)["objective"] == 1


def test_households_not_to_link_are_left_as_they_are(tmp_path: Path):
    """Other tracks and status holders with a gemeente are neither linked nor counted."""
    folder = write(
        tmp_path / "s",
        LOCATION_NEAR_A,
        [
            "p1,h1,30,regulier,L,,,",
            "p2,h2,30,vergunninghouder,L,GM9003,,2026-01-05",
            "p3,h3,30,vergunninghouder,L,,,2026-01-05",
        ],
        {"GM9001": 5},
    )
    out = tmp_path / "out"
    assert run(folder, out).exit_code == 0
    assert linked(out) == {"h3": "GM9001"}
    k = kpis(out)
    assert (k["households_to_link"], k["persons_to_link"], k["quota_total"]) == (1, 1, 5)
    copied = {
        r["person_id"]: r["housing_gemeente_code"] for r in rows(out / "scenario/persons.csv")
    }
    assert copied == {"p1": "", "p2": "GM9003", "p3": "GM9001"}


def test_nobody_to_link_writes_empty_links_and_the_quotas(tmp_path: Path):
    """No status holder without a gemeente: links.csv has only its header, quotas untouched."""
    folder = write(
        tmp_path / "s",
        LOCATION_NEAR_A,
        ["p1,h1,30,regulier,L,,F,", "p2,h2,30,vergunninghouder,L,GM9003,F,"],
        {"GM9001": 2},
    )
    out = tmp_path / "out"
    assert run(folder, out).exit_code == 0
    assert (out / "links.csv").read_text(encoding="utf-8").splitlines() == [
        "person_id,household_id,gemeente_code,distance_km,reason,gemeente_name,"
        "current_location_id,household_persons,waiting_weeks"
    ]
    k = kpis(out)
    assert (k["status"], k["objective"], k["households_to_link"]) == ("optimal", 0, 0)
    assert [g["remaining"] for g in rows(out / "gemeenten.csv")] == ["2"]


def test_an_empty_taakstelling_leaves_everyone_unlinked(tmp_path: Path):
    """A quota file with only its header: nobody can be linked, and each reason says so."""
    folder = write(
        tmp_path / "s",
        LOCATION_NEAR_A,
        ["p1,h1,30,vergunninghouder,L,,,2026-09-14"],
        "gemeente_code,quota\n",
    )
    out = tmp_path / "out"
    assert run(folder, out).exit_code == 0
    assert linked(out) == {"h1": ""}
    assert rows(out / "links.csv")[0]["reason"] == (
        "Not linked: no gemeente has a quota; waiting 10 weeks."
    )
    k = kpis(out)
    assert (k["status"], k["objective"]) == ("optimal", pytest.approx(1000 + 20 * 10))
    assert rows(out / "gemeenten.csv") == []
