"""Another landscape on the same population: the [from."OTHER"] tables, checked and applied."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from placement import read_scenario
from placement.errors import PlacementInputError
from placement.input.settings import Landscape
from placement.resources import landscape_files
from placement.whatif import Variant, apply_variant, run_whatif, split_by_shares
from tests import hand_cases as hc


@pytest.mark.parametrize(
    ("n", "shares", "counts"),
    [
        # 10 x (0.5625, 0.4375) = 5.625, 4.375: floors 5, 4; the one left to .625.
        (10, [0.5625, 0.4375], [6, 4]),
        # 5 x = 2.8125, 2.1875: floors 2, 2; the one left to .8125.
        (5, [0.5625, 0.4375], [3, 2]),
        # 1 x (0.5, 0.5): a tie goes to the share written first.
        (1, [0.5, 0.5], [1, 0]),
        (3, [0.5, 0.5], [2, 1]),
        # 7 thirds: 2.33 each, floors 2, 2, 2; the one left to the first (a tie).
        (7, [1 / 3, 1 / 3, 1 / 3], [3, 2, 2]),
        # 5 x (0.45, 0.35, 0.15, 0.02, 0.03) = 2.25, 1.75, 0.75, 0.1, 0.15: floors 2, 1, 0, 0,
        # 0; the two left to .75 (second) and .75 (third), in the order written.
        (5, [0.45, 0.35, 0.15, 0.02, 0.03], [2, 2, 1, 0, 0]),
        # 0.1 + 0.2 is not 0.3 in binary; as written it is, exactly: 30 x 0.1 = 3, 30 x 0.2 = 6.
        (30, [0.1, 0.2, 0.7], [3, 6, 21]),
        (0, [0.3, 0.7], [0, 0]),
        (4, [1.0], [4]),
        (4, [0.0, 1.0], [0, 4]),
    ],
)
def test_largest_remainders_by_hand(n: int, shares: list[float], counts: list[int]):
    """Each gets the floor of its quota; what is left goes to the largest fractions."""
    assert split_by_shares(n, shares) == counts
    assert sum(counts) == n


def _scenario_2024(folder: Path) -> Path:
    """One location of each 2024 type; five regulier households written out of id order."""
    types = ["aanmeld", "versneld", "regulier", "gemeentelijk", "noodopvang", "htl", "ibo"]
    locations = [hc.loc(t.upper(), t, 20) for t in types]
    households = [
        hc.household(h, "regulier", [30], current="REGULIER") for h in ("R5", "R1", "R4", "R2")
    ] + [
        hc.household("R3", "regulier", [31], current="NOODOPVANG"),
        hc.household("V", "versneld", [25], current="VERSNELD"),
        hc.household("A", "aanmelding", [22, 4], current="AANMELD"),
        hc.household("S", "vergunninghouder", [40], current="GEMEENTELIJK"),
        hc.household("N", "aanmelding", [19]),
    ]
    hc.write(folder, locations, households)
    return folder


def test_a_2024_scenario_maps_into_2020_by_hand(tmp_path: Path):
    """Types one to one; regulier split 3 kansrijk / 2 overig in household_id order.

    5 regulier households x (0.5625, 0.4375) = 2.8125, 2.1875 -> 3 and 2: R1,
    R2, R3 become kansrijk, R4 and R5 overig, whatever the order in the file.
    """
    scenario = read_scenario(_scenario_2024(tmp_path / "s"))
    mapped = apply_variant(scenario, Variant("v2020", landscape="2020"))
    assert mapped.settings.landscape.name == "2020"
    types = mapped.locations.set_index("location_id")["type"].to_dict()
    assert types == {
        "AANMELD": "gvl", "VERSNELD": "satelliet", "REGULIER": "rol", "GEMEENTELIJK": "rol",
        "NOODOPVANG": "satelliet", "HTL": "htl", "IBO": "ibo",
    }  # fmt: skip
    track = mapped.persons.drop_duplicates("household_id").set_index("household_id")["track"]
    assert track.to_dict() == {
        "R5": "overig", "R1": "kansrijk", "R4": "overig", "R2": "kansrijk", "R3": "kansrijk",
        "V": "kansarm", "A": "aanmelding", "S": "vergunninghouder", "N": "aanmelding",
    }  # fmt: skip
    assert (mapped.persons.groupby("household_id")["track"].nunique() == 1).all()
    assert scenario.settings.landscape.name == "2024"  # the baseline is left alone
    assert scenario.persons["track"].eq("regulier").sum() == 5


def test_there_and_back(tmp_path: Path):
    """2024 -> 2020 -> 2024: every type and track is again one of 2024's."""
    scenario = read_scenario(_scenario_2024(tmp_path / "s"))
    there = apply_variant(scenario, Variant("v2020", landscape="2020"))
    back = apply_variant(there, Variant("v2024", landscape="2024"))
    land = Landscape.resolve("2024", tmp_path)
    assert set(back.locations["type"]) <= set(land.types)
    assert set(back.persons["track"]) <= set(land.tracks)
    # regulier -> kansrijk or overig -> regulier; versneld -> kansarm -> versneld
    pd.testing.assert_series_equal(back.persons["track"], scenario.persons["track"])
    assert (
        back.locations["type"] != scenario.locations["type"]
    ).sum() == 2  # the two -> rol, satelliet


def test_a_2020_variant_of_a_2024_scenario_runs(tmp_path: Path):
    """What used to be refused (no type aanmeld in 2020) now runs and places everyone it can."""
    scenario = read_scenario(_scenario_2024(tmp_path / "s"))
    result = run_whatif(scenario, [Variant("v2020", landscape="2020")])
    outcome = result.outcomes["v2020"]
    assert outcome.kpis["status"] == "optimal"
    assert outcome.kpis["unplaced"] == 0


def test_both_shipped_landscapes_map_to_each_other():
    """Each shipped landscape has a table from the other, covering every type and track."""
    shipped = {name: Landscape.from_file(path) for name, path in landscape_files().items()}
    for name, land in shipped.items():
        for other in set(shipped) - {name}:
            table = land.mappings[other]
            assert set(table.types) == set(shipped[other].types)
            assert set(table.tracks) == set(shipped[other].tracks)
            assert set(table.types.values()) <= set(land.types)
            for shares in table.tracks.values():
                assert abs(sum(s for _, s in shares) - 1) < 1e-12
                assert {t for t, _ in shares} <= set(land.tracks)


def _landscape_2020_with(tmp_path: Path, replace_from: str, by: str) -> Path:
    text = landscape_files()["2020"].read_text(encoding="utf-8")
    assert replace_from in text
    path = tmp_path / "landscape-mine.toml"
    path.write_text(text.replace(replace_from, by), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ('ibo = "ibo"\n\n[from."2024".tracks]', '\n[from."2024".tracks]',
         "the type 'ibo' of landscape 2024 is not mapped"),
        ('aanmeld = "gvl"', 'aanmeld = "azc"', "'azc' names no type of landscape 2020"),
        ("kansrijk = 0.5625, overig = 0.4375", "kansrijk = 0.5625, overig = 0.5",
         "must be numbers >= 0 that add up to 1"),
        ("kansrijk = 0.5625, overig = 0.4375", "kansrijk = 0.5625, regulier = 0.4375",
         "'regulier' names no track of landscape 2020"),
        ('versneld = "kansarm"', 'versneld = "kansarm"\nasiel = "overig"',
         "landscape 2024 has no track 'asiel'"),
        ('versneld = "kansarm"', "versneld = 3", "must be a track of landscape 2020"),
    ],
)  # fmt: skip
def test_a_bad_mapping_is_refused_when_the_landscape_is_loaded(
    tmp_path: Path, old: str, new: str, said: str
):
    """Every type mapped, targets known, shares adding up to 1: otherwise a clear error."""
    path = _landscape_2020_with(tmp_path, old, new)
    with pytest.raises(ValueError, match="landscape-mine.toml") as info:
        Landscape.from_file(path)
    assert said in str(info.value)


def test_a_bad_mapping_in_scenario_toml_is_an_input_problem(tmp_path: Path):
    """Reading a scenario whose landscape file has a bad table names that file; exit 1."""
    folder = _scenario_2024(tmp_path / "s")
    _landscape_2020_with(folder, 'aanmeld = "gvl"', 'aanmeld = "azc"')
    variant = Variant("mine", landscape="landscape-mine.toml")
    with pytest.raises(PlacementInputError, match="names no type of landscape 2020"):
        apply_variant(read_scenario(folder), variant)


def test_an_unmapped_type_of_the_scenario_is_named(tmp_path: Path):
    """A table without the scenario's type (a landscape of one's own) says what to add."""
    folder = _scenario_2024(tmp_path / "s")
    path = _landscape_2020_with(folder, 'noodopvang = "satelliet"\n', "")
    path.rename(folder / "landscape-2020b.toml")
    text = (folder / "landscape-2020b.toml").read_text()
    (folder / "landscape-2020b.toml").write_text(text.replace('[from."2024"', '[from."2024b"'))
    mine = folder / "landscape-2024b.toml"
    mine.write_text(landscape_files()["2024"].read_text().replace('"2024"', '"2024b"', 1))
    toml = (folder / "scenario.toml").read_text()
    toml = toml.replace('landscape = "2024"', 'landscape = "landscape-2024b.toml"')
    (folder / "scenario.toml").write_text(toml)
    scenario = read_scenario(folder)
    assert scenario.settings.landscape.name == "2024b"
    with pytest.raises(PlacementInputError, match="location type 'noodopvang'.*not mapped"):
        apply_variant(scenario, Variant("v", landscape="landscape-2020b.toml"))


def test_a_simulation_variant_in_the_other_landscape(tmp_path: Path):
    """landscape = "2020" in variants.toml: mapped start, the 2020 chain (its tracks appear)."""
    from placement.simulate.api import simulate

    folder = _scenario_2024(tmp_path / "s")
    (folder / "simulation.toml").write_text(
        "[inflow]\npersons_per_week = 6\n[tracks.aanmelding]\nweeks = 1\n"
        'next = { regulier = 1.0 }\n[housing]\ntaakstelling = { "2026-H2" = 0 }\n'
    )
    variants = tmp_path / "variants.toml"
    variants.write_text('[variants.now]\nweights = {}\n\n[variants.then]\nlandscape = "2020"\n')
    result = simulate(read_scenario(folder), tmp_path / "out", weeks=3, seed=4,
                      variants_file=variants, keep_weeks=True)  # fmt: skip
    assert result.kpis["errors"] == []
    then = result.weeks[result.weeks["variant"] == "then"]
    assert {"occupancy_gvl", "occupancy_rol"} <= set(then.dropna(axis=1).columns)
    assert any("landscape 2020's defaults" in c for c in result.kpis["changes"]["then"])
    week = tmp_path / "out" / "then" / "rep-0" / "week-2" / "scenario" / "persons.csv"
    tracks = set(pd.read_csv(week, dtype=str)["track"])
    assert tracks <= set(Landscape.resolve("2020", folder).tracks)
    assert "regulier" not in tracks


def test_the_chain_of_a_what_if_follows_its_landscape(tmp_path: Path):
    """simulation.toml's 2024 tracks give way to the 2020 defaults in a 2020 variant."""
    folder = _scenario_2024(tmp_path / "s")
    (folder / "simulation.toml").write_text(
        "[tracks.aanmelding]\nweeks = 2\nnext = { regulier = 1.0 }\n[leave]\nweeks = 9\n"
    )
    scenario = read_scenario(folder)
    assert set(scenario.settings.chain.flows) == {"aanmelding"}
    mapped = apply_variant(scenario, Variant("v2020", landscape="2020"))
    assert mapped.settings.chain.flows == {}
    assert mapped.settings.chain.leave_weeks == 9
    same = apply_variant(scenario, Variant("v2024", landscape="2024"))
    assert same.settings.chain == scenario.settings.chain
