"""End to end: the command line's outputs checked by an independent reading of the contract.

``tests/spec_oracle.py`` re-implements the contract without the package's
code; ``tests/hand_cases.py`` holds optima worked out by hand. Here the CLI
solves each case, and the oracle recomputes every rule, every term and the
KPIs from the files written.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from placement.cli import app
from tests import spec_oracle
from tests.hand_cases import HAND_CASES

runner = CliRunner()


def _place(folder: Path, out: Path, *extra: str) -> None:
    result = runner.invoke(app, ["place", str(folder), "--out", str(out), "--mip-gap", "0", *extra])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("case", HAND_CASES, ids=lambda c: c.__name__.removeprefix("case_"))
def test_hand_case_optimum_and_outputs(case, tmp_path: Path):
    """The optimum equals the hand calculation and the files pass every contract check."""
    folder = tmp_path / "scenario"
    folder.mkdir()
    expected = case(folder)
    _place(folder, tmp_path / "out")
    evaluation = spec_oracle.evaluate_outputs(folder, tmp_path / "out", mip_gap=0.0)
    assert evaluation.violations == []
    assert evaluation.objective == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("seed", range(40))
def test_random_tiny_scenario_matches_brute_force(seed, tmp_path: Path):
    """On random tiny scenarios the optimum equals exhaustive enumeration."""
    rng = np.random.default_rng(seed)
    folder = tmp_path / "scenario"
    spec_oracle.random_scenario(
        rng, folder, landscape="2020" if seed % 5 == 4 else "2024", overrides=seed % 3 == 0
    )
    best, _ = spec_oracle.brute_force(spec_oracle.load_plain_scenario(folder))
    _place(folder, tmp_path / "out")
    evaluation = spec_oracle.evaluate_outputs(folder, tmp_path / "out", mip_gap=0.0)
    assert evaluation.violations == []
    assert evaluation.objective == pytest.approx(best, abs=1e-6)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("mode", ["weekly", "rebalance"])
def test_larger_random_scenarios_keep_every_invariant(seed, mode, tmp_path: Path):
    """Bigger random scenarios: everyone once, households whole, limits kept, objective = terms."""
    rng = np.random.default_rng(1000 + seed)
    folder = tmp_path / "scenario"
    spec_oracle.random_scenario(rng, folder, households=(30, 60), locations=(5, 9), mode=mode)
    _place(folder, tmp_path / "out")
    evaluation = spec_oracle.evaluate_outputs(folder, tmp_path / "out", mip_gap=0.0)
    assert evaluation.violations == []


def test_same_input_gives_byte_identical_files(tmp_path: Path):
    """Two runs on the same scenario write identical placements.csv and locations.csv."""
    folder = tmp_path / "scenario"
    spec_oracle.random_scenario(
        np.random.default_rng(7), folder, households=(40, 40), locations=(6, 6), mode="rebalance"
    )
    _place(folder, tmp_path / "a")
    _place(folder, tmp_path / "b")
    for name in ("placements.csv", "locations.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


TIMING_KEYS = {"solve_seconds", "prepare_seconds", "build_seconds", "results_seconds", "lp_seconds"}


def test_two_processes_with_different_hash_seeds_write_the_same_files(tmp_path: Path):
    """Separate processes (PYTHONHASHSEED 1 and 2) give identical files, apart from timings."""
    folder = tmp_path / "scenario"
    spec_oracle.random_scenario(
        np.random.default_rng(11), folder, households=(60, 60), locations=(8, 8), mode="rebalance"
    )
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "placement", "place", str(folder), "--out",
             str(tmp_path / seed), "--no-history"],
            capture_output=True, text=True, check=False,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in (tmp_path / "1").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "2").iterdir())
    assert {"placements.csv", "explanations.csv", "kpis.json"} <= set(names)
    for name in names:
        a, b = (tmp_path / seed / name for seed in ("1", "2"))
        if name == "kpis.json":
            first, second = (json.loads(p.read_text()) for p in (a, b))
            assert first["status"] == "optimal"
            assert {k: v for k, v in first.items() if k not in TIMING_KEYS} == {
                k: v for k, v in second.items() if k not in TIMING_KEYS
            }
        else:
            assert a.read_bytes() == b.read_bytes(), name


def _generated(folder: Path, seed: int, mode: str, persons: int, locations: int) -> Path:
    """A synthetic scenario from the shipped generator, in the given mode."""
    result = runner.invoke(
        app,
        ["generate", str(folder), "--persons", str(persons), "--arrivals", str(persons // 40),
         "--locations", str(locations), "--seed", str(seed)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    toml = folder / "scenario.toml"
    toml.write_text(toml.read_text("utf-8").replace('mode = "weekly"', f'mode = "{mode}"'))
    return folder


@pytest.mark.parametrize("mode", ["weekly", "rebalance"])
@pytest.mark.parametrize("seed", [3, 4])
def test_generated_scenarios_match_an_independent_solver(seed, mode, tmp_path: Path):
    """~900 households at 25 locations: the optimum equals CBC's on a model of its own."""
    folder = _generated(tmp_path / "scenario", seed, mode, persons=1500, locations=25)
    scn = spec_oracle.load_plain_scenario(folder)
    assert scn["mode"] == mode
    best, _ = spec_oracle.solve_independently(scn)
    _place(folder, tmp_path / "out")
    evaluation = spec_oracle.evaluate_outputs(folder, tmp_path / "out", mip_gap=0.0)
    assert evaluation.violations == []
    assert evaluation.objective == pytest.approx(best, rel=1e-9, abs=1e-6)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("mode", ["weekly", "rebalance"])
def test_random_medium_scenarios_match_an_independent_solver(seed, mode, tmp_path: Path):
    """200-300 random households at 10-16 locations, every feature on: CBC agrees."""
    folder = tmp_path / "scenario"
    rng = np.random.default_rng(2000 + seed)
    spec_oracle.random_scenario(rng, folder, households=(200, 300), locations=(10, 16), mode=mode)
    best, _ = spec_oracle.solve_independently(spec_oracle.load_plain_scenario(folder))
    _place(folder, tmp_path / "out")
    evaluation = spec_oracle.evaluate_outputs(folder, tmp_path / "out", mip_gap=0.0)
    assert evaluation.violations == []
    assert evaluation.objective == pytest.approx(best, rel=1e-9, abs=1e-6)
