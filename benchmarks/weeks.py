"""Benchmark the weekly solve week by week: the simulated weeks of the national instance.

    .venv/bin/python benchmarks/weeks.py                     # make the weeks (once), solve each
    .venv/bin/python benchmarks/weeks.py --weeks 1,9,11,23   # only these (the slow cases)

The weeks are the states ``placement simulate`` hands to each week's
placement: the national instance (65,000 persons, seed 1), 26 weeks, one
replication, kept with ``--keep-weeks``. They are made once into
``--cache`` (default ``/tmp/placement-weeks``; about 470 MB, never
committed) and solved again from there by the code at hand, each in this
process, so the figures are the solve alone: its seconds, the LP's seconds
beside them (the floor branching adds to), status, gap, and what each
fix-and-branch run took. Weeks 1, 8, 9, 11, 13 and 23 took 7-19 s each
before the repair step (``placement/solve/repair.py``); they are the cases
to look at first. A new simulation with other code may place differently
and so hand on other states: delete the cache to make them afresh.

Figures go to ``benchmarks/results/weeks.json`` and a table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"
NATIONAL = ["--persons", "65000", "--arrivals", "1000", "--locations", "250", "--seed", "1"]
SLOW_BEFORE = (1, 8, 9, 11, 13, 23)


def make_weeks(cache: Path) -> Path:
    """Generate the instance and simulate its 26 weeks, keeping each week's state."""
    weeks = cache / "sim" / "baseline" / "rep-0"
    if weeks.is_dir():
        return weeks
    cache.mkdir(parents=True, exist_ok=True)
    placement = [sys.executable, "-m", "placement"]
    subprocess.run([*placement, "generate", str(cache / "national"), *NATIONAL], check=True)
    subprocess.run(
        [*placement, "simulate", str(cache / "national"), "--out", str(cache / "sim"),
         "--weeks", "26", "--replications", "1", "--workers", "1", "--keep-weeks",
         "--no-history"],
        check=True,
    )  # fmt: skip
    return weeks


def solve_week(folder: Path) -> dict[str, Any]:
    """Solve one week's state as ``placement place --mode weekly`` would; time the solve."""
    from placement.input.read import read_scenario
    from placement.model.matrix import build_matrix
    from placement.model.prepare import prepare
    from placement.solve.heuristics import current_start
    from placement.solve.pricing import PricingLog, solve_priced

    scenario = read_scenario(folder, mode="weekly")
    data = prepare(scenario)
    mm = build_matrix(data)
    start = current_start(data, mm)
    log = PricingLog()
    started = time.perf_counter()
    result = solve_priced(data, mm, scenario.settings.solver, start, log)
    return {
        "solve_seconds": round(time.perf_counter() - started, 3),
        "lp_seconds": round(log.lp_seconds, 3),
        "status": str(result.status),
        "mip_gap": result.mip_gap,
        "decided_households": int(data.households["decided"].sum()),
        "completed_pairs": log.completed,
        "branches": [
            {"free_classes": free, "seconds": round(seconds, 3)}
            for free, seconds, _ in log.branches
        ],
    }


def main() -> None:
    """Make the weeks if needed, solve each, write and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/placement-weeks"))
    parser.add_argument("--weeks", default=None, help="comma-separated weeks (default: all)")
    args = parser.parse_args()
    root = make_weeks(args.cache)
    chosen = (
        [int(w) for w in args.weeks.split(",")]
        if args.weeks
        else sorted(int(p.name.split("-")[1]) for p in root.glob("week-*"))
    )
    import numpy as np

    weeks = []
    for week in chosen:
        figures = {"week": week, **solve_week(root / f"week-{week}" / "scenario")}
        weeks.append(figures)
        print(json.dumps(figures), file=sys.stderr)
    solve = np.array([w["solve_seconds"] for w in weeks])
    lp = np.array([w["lp_seconds"] for w in weeks])

    def spread(v: Any) -> dict[str, float]:
        return {
            "median": round(float(np.median(v)), 3),
            "p95": round(float(np.percentile(v, 95)), 3),
            "max": round(float(np.max(v)), 3),
        }

    summary = {
        "solve_seconds": spread(solve),
        "lp_seconds": spread(lp),
        "weeks_over_3_s": [w["week"] for w in weeks if w["solve_seconds"] > 3.0],
        "slow_before": [w for w in weeks if w["week"] in SLOW_BEFORE],
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "weeks.json"
    path.write_text(json.dumps({"summary": summary, "weeks": weeks}, indent=2) + "\n")
    for name in ("solve_seconds", "lp_seconds"):
        s = summary[name]
        print(f"{name}: median {s['median']} / p95 {s['p95']} / max {s['max']}")
    print(f"weeks over 3 s: {summary['weeks_over_3_s']}; figures in {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
