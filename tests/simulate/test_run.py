"""Replications on Dask: the same seed, the same files whatever runs them; variants share draws."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from placement.input.read import read_scenario
from placement.simulate.api import simulate
from placement.simulate.settings import SimulationSettings

SIM = SimulationSettings(inflow_per_week=20)
TIMING = ["solve_seconds", "week_seconds"]


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory):
    from placement.synth import generate_scenario, write_scenario

    folder = tmp_path_factory.mktemp("sim") / "g"
    write_scenario(folder, *generate_scenario(persons=500, arrivals=20, locations=10, seed=8))
    return read_scenario(folder)


def _files(out: Path) -> dict[str, object]:
    """The output files, timing fields left out (every replication ran to its end)."""
    assert json.loads((out / "kpis.json").read_text())["errors"] == []
    weeks = pd.read_csv(out / "weeks.csv").drop(columns=TIMING)
    return {
        "weeks": weeks.to_csv(index=False),
        "summary": (out / "summary.csv").read_text(),
        "outlook": (out / "outlook.csv").read_text(),
        "kpis": json.loads((out / "kpis.json").read_text()),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_same_seed_same_files_on_one_two_workers_and_a_scheduler(scenario, tmp_path: Path):
    """One process, a local cluster of 2, and an external scheduler give identical files."""
    run = {"weeks": 3, "replications": 3, "seed": 11, "sim": SIM}
    one = simulate(scenario, tmp_path / "one", workers=1, **run)
    two = simulate(scenario, tmp_path / "two", workers=2, **run)
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    bin_ = Path(sys.executable).parent
    scheduler = subprocess.Popen(
        [str(bin_ / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
         "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    worker = subprocess.Popen(
        [str(bin_ / "dask"), "worker", address, "--nthreads", "1", "--no-dashboard"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:  # wait for the scheduler to take connections
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the dask scheduler did not start"
                time.sleep(0.2)
        remote = simulate(scenario, tmp_path / "remote", scheduler=address, **run)
    finally:
        worker.terminate()
        scheduler.terminate()
        worker.wait(30)
        scheduler.wait(30)
    assert _files(one.out) == _files(two.out) == _files(remote.out)
    assert len(one.weeks) == 9 and one.kpis["seeds"] == two.kpis["seeds"]


def test_other_seed_other_draws(scenario, tmp_path: Path):
    """A different root seed changes the replications (the draws are not fixed)."""
    a = simulate(scenario, tmp_path / "a", weeks=3, seed=1, sim=SIM).weeks
    b = simulate(scenario, tmp_path / "b", weeks=3, seed=2, sim=SIM).weeks
    assert len(a) == len(b) == 3
    assert a["arrivals"].tolist() != b["arrivals"].tolist() or (
        a["track_changes"].tolist() != b["track_changes"].tolist()
    )


def test_identical_variants_give_identical_results(scenario, tmp_path: Path):
    """Common random numbers: two variants with the same changes are the same run."""
    variants = tmp_path / "variants.toml"
    variants.write_text(
        "[variants.a]\ninflow_factor = 1.0\n\n[variants.b]\ninflow_factor = 1.0\n"
        "\n[variants.more]\ninflow_factor = 2.0\n"
    )
    result = simulate(
        scenario, tmp_path / "out", weeks=3, replications=2, seed=5, variants_file=variants, sim=SIM
    )
    weeks = result.weeks.drop(columns=TIMING).set_index(["variant", "replication", "week"])
    a, b = weeks.loc["a"], weeks.loc["b"]
    pd.testing.assert_frame_equal(a, b)
    more = weeks.loc["more"]
    assert (more["arrivals"] > a["arrivals"]).all()
    assert result.kpis["variants"]["more"]["change"]["arrivals"] > 0
