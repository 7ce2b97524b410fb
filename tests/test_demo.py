"""The shipped demo scenarios run as the README says, and their outputs keep every rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from placement.cli import app
from tests import spec_oracle

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.mark.parametrize("demo", ["demo", "demo-2020"])
@pytest.mark.parametrize("mode", ["weekly", "rebalance"])
def test_demo_runs_and_the_oracle_finds_nothing_wrong(demo, mode, tmp_path: Path):
    """placement place data/<demo> exits 0 and its files pass the independent checks."""
    # The oracle reads the mode from scenario.toml, so the copy states it there.
    folder = tmp_path / demo
    shutil.copytree(REPO / "data" / demo, folder)
    toml = folder / "scenario.toml"
    toml.write_text(toml.read_text().replace('mode = "weekly"', f'mode = "{mode}"'))
    out = tmp_path / "out"
    result = runner.invoke(app, ["place", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{mode} run" in result.output
    assert spec_oracle.evaluate_outputs(folder, out).violations == []
