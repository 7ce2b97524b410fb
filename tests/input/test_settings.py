"""scenario.toml and command-line options: defaults, overrides, and who is blamed."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from pathlib import Path

import pytest

from placement.errors import PlacementInputError
from placement.input.settings import Landscape, SolverSettings, Weights, read_settings

#: The contract's defaults (SPEC.md, scenario.toml), written out.
SPEC_WEIGHTS = {
    "unplaced": 10000,
    "wrong_type": 1000,
    "family_split": 500,
    "child_over_cap": 200,
    "child_move": 50,
    "move": 5,
    "distance": 0.1,
    "cost": 0.05,
    "closing_soon": 20,
    "flex_bed": 100,
    "max_child_moves": 1,
    "lookahead_days": 28,
    "ahead": 1.0,
}
#: The contract's defaults of ``[link]``, written out.
SPEC_LINK = {"unlinked": 1000, "waiting": 20, "distance": 0.1, "family_split": 500}


def test_defaults_without_scenario_toml(tmp_path: Path):
    """No scenario.toml: weekly, landscape 2024, today, the contract's weights and solver."""
    before = dt.date.today()
    settings = read_settings(tmp_path)
    after = dt.date.today()  # a run across midnight may take either day
    assert settings.mode == "weekly" and settings.landscape.name == "2024"
    assert settings.planning_date in (before, after)
    assert asdict(settings.weights) == SPEC_WEIGHTS
    assert asdict(settings.link) == SPEC_LINK
    assert (settings.solver.time_limit, settings.solver.mip_gap) == (60, 1e-4)
    assert settings.solver.threads == 0


def test_weights_table_names_every_default_weight():
    """The default weights are the contract's, also when built without a file."""
    assert asdict(Weights()) == SPEC_WEIGHTS


def test_command_line_value_replaces_a_bad_file_value(tmp_path: Path):
    """A mode the command line replaces is not checked in the file."""
    (tmp_path / "scenario.toml").write_text('mode = "daily"\n')
    assert read_settings(tmp_path, mode="rebalance").mode == "rebalance"


def test_bad_command_line_landscape_is_blamed_on_the_command_line(tmp_path: Path):
    """An unknown --landscape is reported against the command line, not the file."""
    with pytest.raises(PlacementInputError) as info:
        read_settings(tmp_path, landscape="1999")
    (problem,) = info.value.problems
    assert problem.file == "command line" and "2024" in problem.message


def test_every_bad_value_in_the_file_is_reported(tmp_path: Path):
    """A bad mode, weight and solver option are all listed at once."""
    (tmp_path / "scenario.toml").write_text(
        'mode = "daily"\n[weights]\nmove = -1\n[solver]\nmip_gap = 2\n'
    )
    with pytest.raises(PlacementInputError) as info:
        read_settings(tmp_path)
    assert len(info.value.problems) == 3
    assert {p.file for p in info.value.problems} == {"scenario.toml"}


def test_unknown_weight_is_an_error_naming_it(tmp_path: Path):
    """A misspelt weight is refused with its name, not silently ignored."""
    (tmp_path / "scenario.toml").write_text("[weights]\nunplacd = 1\n")
    with pytest.raises(PlacementInputError, match="unplacd"):
        read_settings(tmp_path)


def test_landscape_path_is_relative_to_the_scenario_folder(tmp_path: Path):
    """landscape = "mine.toml" is read from the scenario folder."""
    (tmp_path / "mine.toml").write_text('types = ["a"]\n[tracks]\nt = ["a"]\n')
    (tmp_path / "scenario.toml").write_text('landscape = "mine.toml"\n')
    assert read_settings(tmp_path).landscape.allows("t", "a")


def test_landscape_rejects_a_track_with_an_unknown_type():
    """A landscape whose track names an undeclared type is refused."""
    with pytest.raises(ValueError, match="unknown types"):
        Landscape("x", ("a",), {"t": ("b",)})


def test_solver_settings_check_themselves():
    """A non-positive time limit is refused."""
    with pytest.raises(ValueError, match="time_limit"):
        SolverSettings(time_limit=0)


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ("planing_date = 2026-11-23\n", "planing_date"),
        ("[solver]\ntimelimit = 5\n", "timelimit"),
        ("[link]\nunlinkd = 5\n", "unlinkd"),
    ],
)
def test_unknown_key_anywhere_is_an_error_naming_it(tmp_path: Path, toml: str, named: str):
    """A misspelt top-level key, solver option or link weight is refused by name."""
    (tmp_path / "scenario.toml").write_text(toml)
    with pytest.raises(PlacementInputError) as info:
        read_settings(tmp_path)
    (problem,) = info.value.problems
    assert problem.file == "scenario.toml" and named in problem.message


def test_solver_table_of_the_file_is_used(tmp_path: Path):
    """[solver] in scenario.toml reaches the settings."""
    (tmp_path / "scenario.toml").write_text(
        "[solver]\ntime_limit = 7\nmip_gap = 0.01\nthreads = 1\n"
    )
    assert read_settings(tmp_path).solver == SolverSettings(time_limit=7, mip_gap=0.01, threads=1)


def test_command_line_solver_options_override_the_file(tmp_path: Path):
    """--time-limit and --mip-gap replace the file's values; None keeps them."""
    (tmp_path / "scenario.toml").write_text("[solver]\ntime_limit = 7\nmip_gap = 0.01\n")
    settings = read_settings(tmp_path)
    changed = settings.with_overrides(time_limit=3.5, mip_gap=None, mode="rebalance")
    assert changed.solver == SolverSettings(time_limit=3.5, mip_gap=0.01)
    assert changed.mode == "rebalance" and settings.mode == "weekly"
    assert settings.with_overrides(mip_gap=0.2, time_limit=None).solver.mip_gap == 0.2


@pytest.mark.parametrize(
    ("options", "word"),
    [({"mode": "daily"}, "mode"), ({"planning_date": "23-11-2026"}, "planning_date")],
)
def test_bad_command_line_value_is_blamed_on_the_command_line(
    tmp_path: Path, options: dict, word: str
):
    """A bad --mode or --planning-date names the command line, even with a good file."""
    (tmp_path / "scenario.toml").write_text('mode = "weekly"\nplanning_date = 2026-11-23\n')
    with pytest.raises(PlacementInputError) as info:
        read_settings(tmp_path, **options)
    (problem,) = info.value.problems
    assert problem.file == "command line" and word in problem.message


def test_bad_file_value_is_blamed_on_the_file(tmp_path: Path):
    """The same bad mode in the file names scenario.toml."""
    (tmp_path / "scenario.toml").write_text('mode = "daily"\n')
    with pytest.raises(PlacementInputError) as info:
        read_settings(tmp_path)
    (problem,) = info.value.problems
    assert problem.file == "scenario.toml" and "mode" in problem.message


def test_landscape_allows_nothing_for_a_track_it_does_not_list():
    """An unknown track may use no type (and does not raise)."""
    landscape = Landscape("x", ("a",), {"t": ("a",)})
    assert landscape.allows("t", "a")
    assert not landscape.allows("other", "a")
    assert not landscape.allows("t", "b")


def test_landscape_file_without_name_takes_it_from_the_file_name(tmp_path: Path):
    """landscape-2030.toml without ``name`` is called "2030"; a given name wins."""
    path = tmp_path / "landscape-2030.toml"
    path.write_text('types = ["a"]\n[tracks]\nt = ["a"]\n')
    assert Landscape.from_file(path).name == "2030"
    path.write_text('name = "mine"\ntypes = ["a"]\n[tracks]\nt = ["a"]\n')
    assert Landscape.from_file(path).name == "mine"


@pytest.mark.parametrize(
    "text", ['types = ["a"]\n', '[tracks]\nt = ["a"]\n', 'types = "a"\n[tracks]\nt = ["a"]\n']
)
def test_landscape_file_needs_both_types_and_tracks(tmp_path: Path, text: str):
    """A landscape missing its types list or its [tracks] table is refused."""
    path = tmp_path / "landscape-x.toml"
    path.write_text(text)
    with pytest.raises(ValueError, match="needs a 'types' list and a \\[tracks\\] table"):
        Landscape.from_file(path)


@pytest.mark.parametrize("value", ["true", '"5"', "-1"])
def test_weight_must_be_a_non_negative_number(tmp_path: Path, value: str):
    """true, text or a negative value as a weight is refused, naming the weight."""
    (tmp_path / "scenario.toml").write_text(f"[weights]\nmove = {value}\n")
    with pytest.raises(PlacementInputError) as info:
        read_settings(tmp_path)
    (problem,) = info.value.problems
    assert "'move' must be a number >= 0" in problem.message


def test_whole_number_settings_refuse_fractions():
    """max_child_moves and lookahead_days are whole numbers."""
    with pytest.raises(ValueError, match="max_child_moves must be a whole number"):
        Weights(max_child_moves=1.5)
    with pytest.raises(ValueError, match="lookahead_days must be a whole number"):
        Weights(lookahead_days=2.5)
    assert Weights(max_child_moves=2.0).max_child_moves == 2


@pytest.mark.parametrize(
    ("kwargs", "word"),
    [({"time_limit": -1}, "time_limit"), ({"mip_gap": 1}, "mip_gap"),
     ({"mip_gap": -0.1}, "mip_gap"), ({"threads": -1}, "threads")],
)  # fmt: skip
def test_solver_settings_refuse_out_of_range(kwargs: dict, word: str):
    """Each solver option checks its range."""
    with pytest.raises(ValueError, match=word):
        SolverSettings(**kwargs)
    assert SolverSettings(mip_gap=0, threads=0).mip_gap == 0
