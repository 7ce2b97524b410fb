"""The default engine against the full model: same optimum, an honest gap, on generated instances.

    .venv/bin/python benchmarks/engines.py             # seeds 10-19, both modes, national weekly
    .venv/bin/python benchmarks/engines.py --seeds 15 --modes rebalance

Each instance comes from ``placement generate`` (6,000 persons, 150
arrivals, 60 locations unless told otherwise). It is solved twice: by the
default engine (pricing, the scenario's gap 1e-4) and by HiGHS with every
pair at gap 0 (``engine="highs"``). The default engine must be within its
gap of the full model's optimum, with a bound that does not exceed it, and
report ``status`` and ``mip_gap`` of the placement it writes. Figures go to
``benchmarks/results/engines.json`` and a table.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"
NATIONAL = {"persons": 65000, "arrivals": 1000, "locations": 250, "seed": 1}


def compare(folder: Path, mode: str, full_time_limit: float) -> dict[str, Any]:
    """Solve one instance with both engines."""
    from placement import api
    from placement.input.read import read_scenario

    scenario = read_scenario(folder).with_settings(mode=mode)
    started = time.perf_counter()
    priced = api.run(scenario).kpis
    priced_seconds = time.perf_counter() - started
    started = time.perf_counter()
    full = api.run(
        scenario.with_settings(mip_gap=0.0, time_limit=full_time_limit), engine="highs"
    ).kpis
    full_seconds = time.perf_counter() - started
    optimum_known = full["status"] == "optimal"
    worse = (priced["objective"] - full["objective"]) / max(1.0, abs(full["objective"]))
    return {
        "mode": mode,
        "priced": {k: priced[k] for k in ("status", "objective", "bound", "mip_gap")},
        "priced_seconds": round(priced_seconds, 2),
        "full": {k: full[k] for k in ("status", "objective", "bound", "mip_gap")},
        "full_seconds": round(full_seconds, 2),
        "worse_than_full": worse,
        "within_gap": worse <= 1e-4 if optimum_known else None,
        "bound_valid": priced["bound"] <= full["objective"] + 1e-6,
    }


def main() -> None:
    """Generate each instance, compare the engines, write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="10-19", help="a range a-b or a list a,b,c")
    parser.add_argument("--modes", default="weekly,rebalance")
    parser.add_argument("--persons", type=int, default=6000)
    parser.add_argument("--arrivals", type=int, default=150)
    parser.add_argument("--locations", type=int, default=60)
    parser.add_argument("--no-national", action="store_true", help="skip the national weekly run")
    parser.add_argument("--full-time-limit", type=float, default=600.0)
    args = parser.parse_args()
    first, _, last = args.seeds.partition("-")
    seeds = range(int(first), int(last) + 1) if last else [int(s) for s in first.split(",")]
    size = {"persons": args.persons, "arrivals": args.arrivals, "locations": args.locations}
    instances = [({**size, "seed": s}, m) for s in seeds for m in args.modes.split(",")]
    if not args.no_national:
        instances.append((NATIONAL, "weekly"))

    from placement.synth import generate_scenario, write_scenario

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for instance, mode in instances:
            folder = Path(tmp) / "_".join(str(v) for v in instance.values())
            if not folder.exists():
                write_scenario(folder, *generate_scenario(**instance))
            row = {"instance": instance, **compare(folder, mode, args.full_time_limit)}
            rows.append(row)
            print(_line(row), flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "engines.json"
    path.write_text(json.dumps(rows, indent=2) + "\n")
    print(f"figures in {path.relative_to(REPO)}")


def _line(row: dict[str, Any]) -> str:
    i, p, f = row["instance"], row["priced"], row["full"]
    return (
        f"{i['persons']:>6} persons seed {i['seed']:>2} {row['mode']:<9} "
        f"priced {p['objective']:>14,.2f} {p['status']:<10} gap {p['mip_gap']:.1e} "
        f"{row['priced_seconds']:>6.1f} s | full {f['objective']:>14,.2f} {f['status']:<10} "
        f"{row['full_seconds']:>6.1f} s | worse by {row['worse_than_full']:+.1e} "
        f"bound {'ok' if row['bound_valid'] else 'ABOVE THE OPTIMUM'}"
    )


if __name__ == "__main__":
    main()
