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
