"""Tests of the synthetic scenario generator (placement.synth) and the shipped demos."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from placement.input.settings import Landscape
from placement.resources import reference_file
from placement.synth import (
    generate_scenario,
    household_mix,
    published_marginals,
    write_scenario,
)

REPO = Path(__file__).resolve().parent.parent
DATA_DIR = REPO / "data"
SPEC_LOCATION_COLUMNS = [
    "location_id", "name", "gemeente_code", "type", "capacity", "lat", "lon", "has_medical",
    "child_suitable", "max_children", "open_from", "open_until", "cost_per_night",
    "flex_capacity",
]  # fmt: skip
SPEC_PERSON_COLUMNS = [
    "person_id", "household_id", "age", "medical_need", "track", "current_location_id",
    "housing_gemeente_code", "family_group", "moves", "permit_date",
]  # fmt: skip
HOUSEHOLD_COLUMNS = ["track", "current_location_id", "housing_gemeente_code", "family_group"]
SMALL = dict(persons=2500, arrivals=100, locations=30, seed=7)
PLANNING = pd.Timestamp(dt.date(2026, 11, 23))


@pytest.fixture(scope="module", params=["2024", "2020"])
def small(request: pytest.FixtureRequest) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    return generate_scenario(**SMALL, landscape=request.param)


@pytest.fixture(scope="module")
def gemeenten() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "gemeenten.csv", dtype={"gemeente_code": str})


def _is_open(locations: pd.DataFrame) -> pd.Series:
    return ~(locations["open_from"] > PLANNING) & ~(locations["open_until"] < PLANNING)


def test_same_seed_same_frames() -> None:
    """The same arguments give equal frames and settings; another seed differs."""
    a = generate_scenario(**SMALL)
    b = generate_scenario(**SMALL)
    pd.testing.assert_frame_equal(a[0], b[0])
    pd.testing.assert_frame_equal(a[1], b[1])
    assert a[2] == b[2]
    c = generate_scenario(**{**SMALL, "seed": 8})
    assert not a[1].equals(c[1])


def test_same_seed_byte_identical_files(tmp_path: Path) -> None:
    """Writing the same scenario twice gives byte-identical files."""
    for name in ("a", "b"):
        write_scenario(tmp_path / name, *generate_scenario(**SMALL))
    for file in ("locations.csv", "persons.csv", "scenario.toml"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()


def test_columns_exactly_as_spec(small: tuple) -> None:
    """Both frames have exactly the contract's columns, in its order."""
    locations, persons, _ = small
    assert list(locations.columns) == SPEC_LOCATION_COLUMNS
    assert list(persons.columns) == SPEC_PERSON_COLUMNS


def test_written_cells_follow_the_contract(tmp_path: Path) -> None:
    """Files use true/false, yyyy-mm-dd, '.' decimals and empty cells, never nan/NaT/<NA>."""
    folder = write_scenario(tmp_path / "s", *generate_scenario(**SMALL))
    locations = pd.read_csv(folder / "locations.csv", dtype=str, keep_default_na=False)
    persons = pd.read_csv(folder / "persons.csv", dtype=str, keep_default_na=False)
    assert list(locations.columns) == SPEC_LOCATION_COLUMNS
    assert list(persons.columns) == SPEC_PERSON_COLUMNS
    for frame in (locations, persons):
        assert not frame.isin(["nan", "NaN", "NaT", "<NA>", "None"]).any().any()
    for col in ("has_medical", "child_suitable"):
        assert set(locations[col]) <= {"true", "false"}
    assert set(persons["medical_need"]) <= {"true", "false"}
    for col in ("open_from", "open_until"):
        assert locations[col].str.fullmatch(r"(\d{4}-\d{2}-\d{2})?").all()
    assert locations["cost_per_night"].str.fullmatch(r"\d+\.\d\d").all()
    assert ((locations["lat"] == "") == (locations["lon"] == "")).all()
    text = (folder / "scenario.toml").read_text("utf-8")
    assert "planning_date = 2026-11-23" in text and 'landscape = "2024"' in text


def test_written_scenario_is_read_without_problems(tmp_path: Path) -> None:
    """The program's own reader accepts a generated scenario folder."""
    from placement.input.read import read_scenario

    folder = write_scenario(tmp_path / "s", *generate_scenario(**SMALL))
    scenario = read_scenario(folder)
    assert len(scenario.persons) == len(pd.read_csv(folder / "persons.csv"))


def test_households_consistent(small: tuple) -> None:
    """Track, current location, housing gemeente and family group agree within a household."""
    _, persons, _ = small
    assert (persons.groupby("household_id")[HOUSEHOLD_COLUMNS].nunique() == 1).all().all()
    assert (persons.groupby("household_id")["age"].max() >= 14).all()


def test_current_locations_exist(small: tuple) -> None:
    """Every non-empty current_location_id names a location that is not yet to open."""
    locations, persons, _ = small
    current = persons.loc[persons["current_location_id"] != "", "current_location_id"]
    assert current.isin(locations["location_id"]).all()
    opening = locations.loc[locations["open_from"] > PLANNING, "location_id"]
    assert not current.isin(opening).any()


def test_ids_unique_and_pseudonymous(small: tuple) -> None:
    """Ids are unique and of the forms L001, P000001, H000001 and F0001."""
    locations, persons, _ = small
    assert locations["location_id"].is_unique and persons["person_id"].is_unique
    assert locations["name"].is_unique
    assert locations["location_id"].str.fullmatch(r"L\d{3,}").all()
    assert persons["person_id"].str.fullmatch(r"P\d{6,}").all()
    assert persons["household_id"].str.fullmatch(r"H\d{6,}").all()
    assert persons["family_group"].str.fullmatch(r"(F\d{4,})?").all()


def test_gemeente_codes_known(small: tuple, gemeenten: pd.DataFrame) -> None:
    """Location and housing gemeenten are all in data/gemeenten.csv."""
    locations, persons, _ = small
    known = set(gemeenten["gemeente_code"])
    assert set(locations["gemeente_code"]) <= known
    housing = persons.loc[persons["housing_gemeente_code"] != "", "housing_gemeente_code"]
    assert set(housing) <= known


def test_types_and_tracks_valid_for_landscape(small: tuple) -> None:
    """Types and tracks come from the landscape; every type and track occurs."""
    locations, persons, settings = small
    land = Landscape.resolve(settings["landscape"], REPO)
    assert set(locations["type"]) == set(land.types)
    assert set(persons["track"]) <= set(land.tracks)
    assert {"aanmelding", "vergunninghouder"} <= set(persons["track"])


def test_residents_mostly_at_a_fitting_type(small: tuple) -> None:
    """At least 95 % of resident persons live at a type their track allows."""
    locations, persons, settings = small
    land = Landscape.resolve(settings["landscape"], REPO)
    res = persons[persons["current_location_id"] != ""]
    type_of = res["current_location_id"].map(locations.set_index("location_id")["type"])
    fits = [land.allows(t, ty) for t, ty in zip(res["track"], type_of, strict=True)]
    assert np.mean(fits) >= 0.95


def test_new_arrivals_mostly_registration(small: tuple) -> None:
    """New arrivals are about the asked number and mostly on the aanmelding track."""
    _, persons, _ = small
    new = persons[persons["current_location_id"] == ""]
    assert SMALL["arrivals"] <= len(new) <= SMALL["arrivals"] + 10
    assert (new["track"] == "aanmelding").mean() >= 0.8
    assert (new["moves"] == 0).all()
    assert SMALL["persons"] <= len(persons) <= SMALL["persons"] + 10


def test_shares_within_tolerance() -> None:
    """Children, status holders, amv, medical needs and family groups match the marginals."""
    _, persons, _ = generate_scenario(persons=20000, arrivals=300, locations=80, seed=3)
    marg = published_marginals()
    assert abs((persons["age"] < 18).mean() - marg["children_share"]) < 0.02
    status = persons["track"] == "vergunninghouder"
    assert abs(status.mean() - marg["status_holder_share"]) < 0.03
    assert (persons.loc[~status, "housing_gemeente_code"] == "").all()
    assert persons.loc[status, "permit_date"].notna().all()
    assert persons.loc[~status, "permit_date"].isna().all()
    # not yet linked: recent permits (< 10 weeks) and about 15 % of the others
    unlinked = persons["housing_gemeente_code"] == ""
    waited = (PLANNING - persons["permit_date"]).dt.days / 7
    recent = status & (waited < 10)
    assert unlinked[recent].all()
    assert 0.10 <= unlinked[status & ~recent].mean() <= 0.20
    assert 0.6 <= (waited[status & (persons["current_location_id"] != "")] > 14).mean() <= 0.9
    assert 0.04 <= persons["medical_need"].mean() <= 0.06
    households = persons.groupby("household_id").agg(
        n=("age", "size"), oldest=("age", "max"), group=("family_group", "first")
    )
    amv = households[(households["n"] == 1) & (households["oldest"] < 18)]
    assert abs(len(amv) / len(persons) - marg["amv_share"]) < 0.006
    assert amv["oldest"].between(14, 17).all()
    assert 0.4 <= (households["n"] == 1).mean() <= 0.75
    grouped = households[households["group"] != ""]
    assert 0.04 <= len(grouped) / len(households) <= 0.06
    assert grouped.groupby("group").size().between(2, 3).all()
    assert persons["moves"].between(0, 3).all()


def test_household_mix_reproduces_marginals() -> None:
    """The solved household mix gives the published child and amv shares in expectation."""
    mix = household_mix(0.26, 0.02)
    assert mix.sum() == pytest.approx(1.0)
    k = 1.8
    persons = mix @ np.array([1, 2, 1 + k, 2 + k, 1])
    children = mix @ np.array([0, 0, k, k, 1])
    assert children / persons == pytest.approx(0.26)
    assert mix[4] / persons == pytest.approx(0.02)


def test_capacity_near_persons_over_planning_occupancy(small: tuple) -> None:
    """Total beds are about persons / 0.96; open beds about the persons (tight, not short)."""
    locations, persons, _ = small
    n = len(persons)
    assert 0.95 <= locations["capacity"].sum() / (n / 0.96) <= 1.2
    assert 0.97 <= locations.loc[_is_open(locations), "capacity"].sum() / n <= 1.12
    assert locations["capacity"].between(10, 2000).all()


def test_locations_flags_and_dates(small: tuple) -> None:
    """Some locations closed, some to open, some without medical or child facilities."""
    locations, _, _ = small
    assert (locations["open_until"] < PLANNING).sum() >= 1
    assert not (locations["open_from"] > locations["open_until"]).any()
    assert 0.2 <= locations["has_medical"].mean() <= 0.5
    assert 0.05 <= (~locations["child_suitable"]).mean() <= 0.4
    assert (locations["cost_per_night"] > 0).all()
    assert locations["lat"].isna().any() and locations["lat"].notna().any()


def test_no_location_starts_over_its_limits(small: tuple) -> None:
    """Residents fit in each location's beds and, where set, its max_children."""
    locations, persons, _ = small
    res = persons[persons["current_location_id"] != ""]
    occ = res.groupby("current_location_id").size()
    kids = res[res["age"] < 18].groupby("current_location_id").size()
    loc = locations.set_index("location_id")
    assert (occ <= loc.loc[occ.index, "capacity"]).all()
    limit = loc["max_children"].dropna()
    assert (kids.reindex(limit.index, fill_value=0) <= limit).all()


def test_synthetic_points_inside_their_gemeente(gemeenten: pd.DataFrame) -> None:
    """Jittered points lie within about 10 km of the gemeente's reference point."""
    locations, _, _ = generate_scenario(**SMALL)
    ref = gemeenten.set_index("gemeente_code").loc[locations["gemeente_code"]]
    dlat = (locations["lat"].to_numpy() - ref["lat"].to_numpy()) * 111
    dlon = (locations["lon"].to_numpy() - ref["lon"].to_numpy()) * 68
    km = np.hypot(dlat, dlon)
    assert np.nanmax(km) < 10


def test_bad_arguments_raise() -> None:
    """Unknown landscapes, too few locations and more arrivals than persons are refused."""
    with pytest.raises(ValueError, match="landscape"):
        generate_scenario(persons=100, arrivals=10, locations=10, landscape="1999")
    with pytest.raises(ValueError, match="locations"):
        generate_scenario(persons=100, arrivals=10, locations=3)
    with pytest.raises(ValueError, match="arrivals"):
        generate_scenario(persons=100, arrivals=200, locations=10)


def test_reference_data_is_what_the_repository_keeps() -> None:
    """From a checkout the generator reads data/, the files a build ships in the package."""
    for name in ("gemeenten.csv", "gemeenten.geojson", "coa_locations.csv",
                 "reception_statistics.csv"):  # fmt: skip
        assert reference_file(name) == DATA_DIR / name


def _demo_settings() -> dict:
    path = REPO / "scripts" / "make_demo.py"
    spec = importlib.util.spec_from_file_location("make_demo", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.DEMOS


@pytest.mark.parametrize("name", ["demo", "demo-2020"])
def test_committed_demo_matches_generator(name: str, tmp_path: Path) -> None:
    """The committed demo folders are what scripts/make_demo.py writes today."""
    folder = write_scenario(tmp_path / name, *generate_scenario(**_demo_settings()[name]))
    for file in ("locations.csv", "persons.csv", "scenario.toml"):
        assert (folder / file).read_bytes() == (DATA_DIR / name / file).read_bytes(), file


def test_demo_has_closing_location_with_residents() -> None:
    """The demo holds a location closed before the planning date that still has residents."""
    locations = pd.read_csv(DATA_DIR / "demo" / "locations.csv", dtype=str, keep_default_na=False)
    persons = pd.read_csv(DATA_DIR / "demo" / "persons.csv", dtype=str, keep_default_na=False)
    closed = locations.loc[
        (locations["open_until"] != "") & (locations["open_until"] < "2026-11-23"), "location_id"
    ]
    assert persons["current_location_id"].isin(closed).any()
    assert (persons["current_location_id"] == "").sum() > 50
    assert (persons["family_group"] != "").any() and (persons["medical_need"] == "true").any()


def test_national_size_smoke() -> None:
    """The national default: 65,000 persons, 250 locations (its time is in the benchmark)."""
    locations, persons, settings = generate_scenario()
    assert len(locations) == 250
    assert 65000 <= len(persons) <= 65010
    assert 950 <= (persons["current_location_id"] == "").sum() <= 1050
    ter_apel = locations[locations["name"].str.contains("Ter Apel")]
    assert len(ter_apel) == 1 and ter_apel["capacity"].iloc[0] >= 1500
    assert settings["planning_date"] == dt.date(2026, 11, 23)


def test_policy_inputs_flexible_beds_closure_ahead_and_taakstelling(tmp_path: Path) -> None:
    """Flexible beds at regular locations, a closure within four weeks, the open quotas."""
    from placement.synth import write_scenario
    from placement.synth.policy import FLEX_TYPES

    locations, persons, settings = generate_scenario(persons=20000, arrivals=300, locations=80,
                                                     seed=3)  # fmt: skip
    flex = locations[locations["flex_capacity"] > 0]
    assert len(flex) >= 3 and flex["type"].isin(FLEX_TYPES).all()
    share = flex["flex_capacity"] / flex["capacity"]
    assert (share <= 0.16).all() and (flex["flex_capacity"] >= 2).all()
    soon = locations[
        (locations["open_until"] >= PLANNING)
        & (locations["open_until"] < PLANNING + pd.Timedelta(days=28))
    ]
    occupied = soon["location_id"].isin(persons["current_location_id"])
    assert occupied.any()
    write_scenario(tmp_path / "g", locations, persons, settings)
    quotas = pd.read_csv(tmp_path / "g" / "taakstelling.csv", dtype={"gemeente_code": str})
    assert quotas["quota"].sum() == round(0.5 * 13000 * len(persons) / 65000)
    assert list(quotas.columns) == ["gemeente_code", "quota"] and len(quotas) == 342
