"""Benchmark ``placement plan`` on the national instance: futures, model build, MIP, reasons.

    .venv/bin/python benchmarks/plan.py                       # generate --seed 1, 40 candidates
    .venv/bin/python benchmarks/plan.py --futures 4 --weeks 26  # a quick look
    .venv/bin/python benchmarks/plan.py --demand out/plan/demand.csv  # MIP only, on given futures

Times each step in this process: the S futures (on ``--workers`` local
processes), building the arrays, the MIP to ``--mip-gap``, the reasons
(one LP per candidate). Figures go to ``benchmarks/results/plan-<name>.json``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", type=Path, help="scenario folder (default: generate one)")
    parser.add_argument("--candidates", type=Path, help="default: the scenario's candidates.csv")
    parser.add_argument("--demand", type=Path, help="demand.csv of an earlier run (skip futures)")
    parser.add_argument("--futures", type=int, default=20)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--mip-gap", type=float, default=1e-3)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--name", default="national")
    args = parser.parse_args(argv)

    from placement.input.read import read_candidates, read_scenario
    from placement.plan.futures import FutureTask, run_futures
    from placement.plan.model import build_plan_matrix
    from placement.plan.problem import make_problem
    from placement.plan.results import reasons
    from placement.plan.solve import SecondStage, solve_plan
    from placement.simulate.draws import replication_seeds
    from placement.simulate.inputs import simulation_settings, taakstelling_of
    from placement.simulate.run import dask_client
    from placement.synth import generate_scenario, write_scenario
    from placement.synth.candidates import draw_candidates, write_candidates

    folder = args.scenario
    if folder is None:
        folder = Path(tempfile.mkdtemp()) / "national"
        locations, persons, settings = generate_scenario(seed=1)
        write_scenario(folder, locations, persons, settings)
        write_candidates(draw_candidates(locations, 40, 1), folder / "candidates.csv")
    scenario = read_scenario(folder, mode="weekly").with_settings(
        mip_gap=args.mip_gap, time_limit=args.time_limit
    )
    candidates = read_candidates(args.candidates or folder / "candidates.csv", scenario)
    figures: dict[str, Any] = {"futures": args.futures, "weeks": args.weeks,
                               "workers": args.workers, "candidates": len(candidates)}  # fmt: skip
    started = time.perf_counter()
    if args.demand is not None:
        table = pd.read_csv(args.demand)
        tracks = scenario.settings.landscape.tracks  # type: ignore[union-attr]
        demand = np.zeros((table["future"].max() + 1, table["week"].max() + 1, len(tracks), 2))
        k = table["track"].map({t: i for i, t in enumerate(tracks)}).to_numpy()
        g = (table["group"] == "child").to_numpy(dtype=int)
        demand[table["future"], table["week"], k, g] = table["persons"]
    else:
        sim = simulation_settings(scenario.folder)
        seeds = replication_seeds(0, args.futures)
        tasks = [FutureTask(scenario, sim, s, seeds[s], args.weeks, taakstelling_of(scenario))
                 for s in range(args.futures)]  # fmt: skip
        with dask_client(args.workers, None) as client:
            demand = run_futures(tasks, client)
        figures["futures_seconds"] = time.perf_counter() - started
    problem = make_problem(scenario, candidates, demand)
    started = time.perf_counter()
    mm, _ = build_plan_matrix(problem)
    figures["build_seconds"] = time.perf_counter() - started
    figures["rows"], figures["columns"] = mm.shape
    figures["nonzeros"] = len(mm.values)
    figures["binaries"] = int(mm.integer.sum())
    solution = solve_plan(problem, scenario.settings.solver)
    figures.update(status=str(solution.status), objective=solution.objective,
                   bound=solution.bound, mip_gap=solution.mip_gap, solve_seconds=solution.seconds,
                   opened=int((solution.open_week >= 0).sum()))  # fmt: skip
    started = time.perf_counter()
    reasons(problem, solution, SecondStage(problem))
    figures["reasons_seconds"] = time.perf_counter() - started
    figures["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"plan-{args.name}.json").write_text(json.dumps(figures, indent=2) + "\n")
    for key, value in figures.items():
        print(f"{key:>18}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
