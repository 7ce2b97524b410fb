"""``placement simulate`` on the command line: its files and summary, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from placement.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from placement.synth import generate_scenario, write_scenario

    where = tmp_path_factory.mktemp("simcli") / "g"
    write_scenario(where, *generate_scenario(persons=300, arrivals=10, locations=8, seed=4))
    (where / "simulation.toml").write_text("[inflow]\npersons_per_week = 10\n", "utf-8")
    return where


def _simulate(folder: Path, out: Path, *more: str):
    args = ["simulate", str(folder), "--out", str(out), "--weeks", "2", "--replications", "2",
            "--workers", "1", "--no-history", *more]  # fmt: skip
    return runner.invoke(app, args)


def test_simulate_writes_its_files_and_a_summary(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = _simulate(folder, out)
    assert result.exit_code == 0, result.output
    assert {"weeks.csv", "summary.csv", "outlook.csv", "kpis.json"} <= {
        p.name for p in out.iterdir()
    }
    kpis = json.loads((out / "kpis.json").read_text())
    assert kpis["errors"] == []
    assert sum(1 for _ in (out / "weeks.csv").open()) == 1 + 2 * 2  # header, 2 reps x 2 weeks


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ("[inflow]\npersons_per_week = -5\n", "persons_per_week"),
        ("[nonsense]\nx = 1\n", "unknown table"),
        ("[inflow\n", "not valid TOML"),
        ("[inflow]\nband = [1.2, 0.8]\n", "band"),
        ("[inflow]\nband = 1.2\n", "band"),
    ],
)
def test_a_bad_simulation_toml_exits_1_names_the_file_and_writes_nothing(
    folder: Path, tmp_path: Path, toml: str, words: str
):
    bad = tmp_path / "bad"
    bad.mkdir()
    for f in folder.iterdir():
        (bad / f.name).write_bytes(f.read_bytes())
    (bad / "simulation.toml").write_text(toml, "utf-8")
    out = tmp_path / "out"
    result = _simulate(bad, out)
    assert result.exit_code == 1, result.output
    assert "simulation.toml" in result.output and words in result.output
    assert not out.exists() or not any(out.iterdir())
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]  # no scratch left
