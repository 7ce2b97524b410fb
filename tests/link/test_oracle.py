"""``placement link`` against an independent reading of the contract (tests/link_oracle.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests import link_oracle as oracle
from tests.link.scenarios import kpis, run


@pytest.mark.parametrize("seed", range(18))
def test_tiny_random_scenarios_reach_the_brute_force_optimum(tmp_path: Path, seed: int):
    """Every link of every household enumerated: the output's objective is the best, and
    every term, KPI, gemeente row and copied housing gemeente recomputes from links.csv."""
    folder = tmp_path / "s"
    oracle.random_scenario(
        np.random.default_rng(seed), folder, households=5, gemeenten=3, locations=3, others=4
    )
    out = tmp_path / "out"
    result = run(folder, out, "--mip-gap", "0")
    assert result.exit_code == 0, result.output
    evaluation = oracle.check_outputs(folder, out)
    best, _ = oracle.brute_force(oracle.load(folder))
    assert evaluation.objective == pytest.approx(best, abs=1e-6)
    assert kpis(out)["status"] == "optimal"
    assert kpis(out)["bound"] == pytest.approx(best, abs=1e-6)


@pytest.mark.parametrize("seed", range(6))
def test_medium_random_scenarios_reach_the_cbc_optimum(tmp_path: Path, seed: int):
    """A MIP written from the contract's words (one binary per household and gemeente,
    solved by CBC) finds no better link than placement link at the default gap."""
    folder = tmp_path / "s"
    oracle.random_scenario(
        np.random.default_rng(100 + seed), folder, households=40, gemeenten=8, locations=5,
        others=15,
    )  # fmt: skip
    out = tmp_path / "out"
    result = run(folder, out)
    assert result.exit_code == 0, result.output
    evaluation = oracle.check_outputs(folder, out)
    best, _ = oracle.solve_cbc(oracle.load(folder))
    k = kpis(out)
    assert k["status"] == "optimal"
    assert k["bound"] <= best + 1e-6  # the bound holds for the full model
    assert evaluation.objective - best <= 1e-4 * max(1.0, abs(evaluation.objective)) + 1e-9


def test_identical_inputs_give_identical_outputs(tmp_path: Path):
    """Two runs of one medium scenario write the same links and gemeenten, byte for byte."""
    folder = tmp_path / "s"
    oracle.random_scenario(
        np.random.default_rng(7), folder, households=40, gemeenten=8, locations=5, others=15
    )
    outs = [tmp_path / "a", tmp_path / "b"]
    for out in outs:
        assert run(folder, out).exit_code == 0
    for name in ("links.csv", "gemeenten.csv", "scenario/persons.csv"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
