"""What ``moves_ahead`` costs the weekly run: ``ahead = 1`` against ``ahead = 0``, paired.

    .venv/bin/python benchmarks/ahead.py               # national instance, 5 pairs
    .venv/bin/python benchmarks/ahead.py --pairs 9 --persons 6000 --locations 60

The instance comes from ``placement generate`` (national: 65,000 persons,
1,000 arrivals, 250 locations, seed 1). The weekly placement is run in this
process, ``ahead = 1`` and ``ahead = 0`` in turn, so a drift of the
machine's speed touches both alike; per pair the ratio of the run's wall
time (read, prepare, solve, results) is taken. The p table itself
(:func:`placement.model.ahead.must_move_table`) is timed on its own.
Medians go to ``benchmarks/results/ahead.json`` and a table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"


def one_run(folder: Path, ahead: float) -> dict[str, Any]:
    """One weekly placement of ``folder`` with weight ``ahead``, timed whole."""
    from placement import api
    from placement.input.read import read_scenario

    started = time.perf_counter()
    scenario = read_scenario(folder)
    scenario = scenario.with_settings(weights=replace(scenario.settings.weights, ahead=ahead))
    kpis = api.run(scenario).kpis
    keys = ("status", "objective", "prepare_seconds", "solve_seconds", "results_seconds",
            "moved_children", "children_over_cap", "expected_child_moves_ahead",
            "candidate_pairs")  # fmt: skip
    return {**{k: kpis.get(k) for k in keys}, "seconds": time.perf_counter() - started}


def p_table_seconds(folder: Path, repeat: int = 20) -> float:
    """Median seconds of the p table of the instance's locations."""
    from placement.input.read import read_scenario
    from placement.model.ahead import horizons, must_move_table

    scenario = read_scenario(folder)
    loc, s = scenario.locations, scenario.settings
    assert s.landscape is not None
    weeks = horizons(loc["open_until"], s.planning_date)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        must_move_table(s.chain, s.landscape, loc["type"], weeks)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    """Generate the instance, run the pairs, write the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--persons", type=int, default=65000)
    parser.add_argument("--arrivals", type=int, default=1000)
    parser.add_argument("--locations", type=int, default=250)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from placement.synth import generate_scenario, write_scenario

    size = {"persons": args.persons, "arrivals": args.arrivals, "locations": args.locations,
            "seed": args.seed}  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_scenario(Path(tmp) / "instance", *generate_scenario(**size))
        one_run(folder, 1.0)  # warm-up: imports, caches
        runs: dict[float, list[dict[str, Any]]] = {1.0: [], 0.0: []}
        for _ in range(args.pairs):
            for ahead in (1.0, 0.0):
                runs[ahead].append(one_run(folder, ahead))
        table_seconds = p_table_seconds(folder)
    ratios = [a["seconds"] / b["seconds"] for a, b in zip(runs[1.0], runs[0.0], strict=True)]
    solve = [a["solve_seconds"] / b["solve_seconds"]
             for a, b in zip(runs[1.0], runs[0.0], strict=True)]  # fmt: skip

    def median(ahead: float, key: str) -> float:
        return statistics.median(r[key] for r in runs[ahead])

    figures = {
        "instance": size,
        "pairs": args.pairs,
        "p_table_seconds": table_seconds,
        "ratio_run_seconds": statistics.median(ratios),
        "ratio_solve_seconds": statistics.median(solve),
        **{
            f"ahead_{int(a)}": {
                "status": [r["status"] for r in runs[a]],
                **{
                    k: median(a, k)
                    for k in ("seconds", "prepare_seconds", "solve_seconds", "results_seconds")
                },  # fmt: skip
                **{
                    k: runs[a][-1][k]
                    for k in (
                        "moved_children",
                        "children_over_cap",
                        "expected_child_moves_ahead",
                        "candidate_pairs",
                    )
                },  # fmt: skip
            }
            for a in (1.0, 0.0)
        },
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "ahead.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"p table: {table_seconds * 1000:.1f} ms")
    print(f"{'':24s} {'ahead = 1':>10s} {'ahead = 0':>10s}")
    for key in ("seconds", "prepare_seconds", "solve_seconds", "results_seconds"):
        print(f"{key + ' (median)':24s} {median(1.0, key):10.2f} {median(0.0, key):10.2f}")
    print(f"run time ratio (median of {args.pairs} pairs): {figures['ratio_run_seconds']:.3f}")
    print(f"solve time ratio (median of {args.pairs} pairs): {figures['ratio_solve_seconds']:.3f}")


if __name__ == "__main__":
    main()
