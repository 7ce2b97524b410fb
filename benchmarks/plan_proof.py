"""A capacity plan proven out of sample: ``placement plan --evaluate R`` as a command, read back.

    .venv/bin/python benchmarks/plan_proof.py                      # demo: 52 x 20, 8 new futures
    .venv/bin/python benchmarks/plan_proof.py --calibrate 2        # two rounds of calibration
    .venv/bin/python benchmarks/plan_proof.py --national --evaluate 4   # generate --seed 9

Runs the whole command (futures, MIP, evaluation on Dask) and reports from
its files: per variant the evaluated cost and nights without a bed against
the model's prediction (the error, and whether it is within 25 % where the
evaluation finds at least 1,000 nights), the plan's cost minus each other
variant's paired by future with the 90 % bootstrap interval, and the value
of the stochastic solution (``mean`` minus ``plan``, out of sample). The
load average before and after stands beside the wall time. Writes
``benchmarks/results/plan-proof-<name>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"
#: Where the prediction must agree: variants the evaluation finds at least this many nights.
AGREE_FROM = 1000
AGREE_WITHIN = 0.25


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", type=Path, default=REPO / "data" / "demo")
    parser.add_argument("--national", action="store_true", help="generate --seed 9 (65,000)")
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--futures", type=int, default=20)
    parser.add_argument("--evaluate", type=int, default=8)
    parser.add_argument("--calibrate", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--name", default=None)
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="plan-proof-"))
    cli = [str(Path(sys.executable).parent / "placement")]
    scenario = args.scenario
    if args.national:
        scenario = work / "national"
        subprocess.run([*cli, "generate", str(scenario), "--seed", "9", "--candidates", "40"],
                       check=True)  # fmt: skip
    out = work / "plan"
    command = [
        *cli, "plan", str(scenario), "--candidates", str(scenario / "candidates.csv"),
        "--out", str(out), "--weeks", str(args.weeks), "--futures", str(args.futures),
        "--evaluate", str(args.evaluate), "--calibrate", str(args.calibrate),
        "--seed", str(args.seed), "--workers", str(args.workers), "--no-history",
    ]  # fmt: skip
    load_before = os.getloadavg()
    started = time.perf_counter()
    subprocess.run(command, check=True)
    seconds = time.perf_counter() - started
    load_after = os.getloadavg()
    report = read_proof(out)
    report.update(
        command=" ".join(command[1:]).replace(str(work), "<tmp>"),
        wall_seconds=round(seconds, 1),
        load_before=[round(x, 2) for x in load_before],
        load_after=[round(x, 2) for x in load_after],
    )
    name = args.name or (
        f"{'national' if args.national else 'demo'}-{args.weeks}w-{args.futures}f-"
        f"{args.evaluate}e-cal{args.calibrate}-seed{args.seed}"
    )
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"plan-proof-{name}.json"
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_report(report)
    print(f"written {path.relative_to(REPO)}")
    return 0


def read_proof(out: Path) -> dict[str, Any]:
    """The proof's figures from a plan folder written with ``--evaluate``."""
    table = pd.read_csv(out / "evaluation.csv")
    kpis = json.loads((out / "kpis.json").read_text("utf-8"))
    variants = {}
    for row in table.itertuples():
        evaluated = float(row.person_nights_without_bed_mean)
        predicted = float(row.predicted_person_nights_without_bed)
        error = (predicted - evaluated) / evaluated if evaluated else None
        variants[row.variant] = {
            "opened": int(row.opened),
            "cost": float(row.cost),
            "nights_evaluated": evaluated,
            "nights_predicted": predicted,
            "prediction_error": error,
            "agrees": evaluated < AGREE_FROM or abs(error or 0.0) <= AGREE_WITHIN,
        }
    cost = {v: d["cost"] for v, d in variants.items()}
    return {
        "variants": variants,
        "plan_cheapest": all(cost["plan"] <= c + 1e-6 for c in cost.values()),
        "paired": kpis.get("evaluation_paired"),
        "vss": cost.get("mean", float("nan")) - cost["plan"],
        "plan_status": kpis["status"],
        "plan_mip_gap": kpis["mip_gap"],
        "calibration": kpis.get("calibration"),
        "unrelievable_short_person_nights": kpis.get("unrelievable_short_person_nights"),
        "seconds": {k: v for k, v in kpis.items() if k.endswith("_seconds")},
    }


def print_report(report: dict[str, Any]) -> None:
    """A table of the variants and the paired differences."""
    print(f"{'variant':8} {'opened':>6} {'cost M€':>9} {'nights eval':>12} {'predicted':>10} "
          f"{'error':>7} agrees")  # fmt: skip
    for name, v in report["variants"].items():
        error = "" if v["prediction_error"] is None else f"{100 * v['prediction_error']:+.0f}%"
        print(f"{name:8} {v['opened']:6d} {v['cost'] / 1e6:9.2f} {v['nights_evaluated']:12,.0f} "
              f"{v['nights_predicted']:10,.0f} {error:>7} {v['agrees']}")  # fmt: skip
    for row in report["paired"] or []:
        print(f"plan - {row['versus']:5}: {row['mean'] / 1e6:+.2f} M€ "
              f"[{row['low'] / 1e6:+.2f}, {row['high'] / 1e6:+.2f}] 90 %, "
              f"plan no dearer in {row['wins']} of {row['futures']} futures")  # fmt: skip
    print(f"VSS (mean - plan, out of sample): {report['vss'] / 1e6:+.2f} M€; "
          f"plan cheapest: {report['plan_cheapest']}; wall {report.get('wall_seconds')} s, "
          f"load {report.get('load_before')} -> {report.get('load_after')}")  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
