"""Benchmark ``placement simulate``: the weeks ahead, replicated on Dask.

    .venv/bin/python benchmarks/simulate.py                # every figure below
    .venv/bin/python benchmarks/simulate.py --only demo    # one of: demo, scaling, national, memory

Figures (each a fresh process, so nothing is warm that a user's run is not):

- ``demo``: the shipped demo, 26 weeks x 20 replications on 2 local
  workers, the whole command as a user runs it (target: 2 minutes);
- ``scaling``: the demo, 26 weeks x 8 replications, on 1 worker (in
  process) and on 2 workers: the ratio of their wall times (target 0.6);
- ``national``: the national instance (65,000 persons, seed 1), 26 weeks,
  one replication on 1 worker, the whole command (target: 40 s); the
  distribution of the weeks' solve times (median, p95, max; target: no
  week over 3 s) with the LP's time beside them (the floor branching adds
  to), read from the kept weeks' ``kpis.json``; beside it one weekly
  placement of the same instance as a command, and the mean cost of a
  simulated week (target: no more than the weekly placement);
- ``memory``: peak resident memory of each worker on the national
  instance, 2 workers x 1 replication x 6 weeks (target: 1.5 GiB).

Figures go to ``benchmarks/results/simulate.json`` and a table.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"
DEMO = REPO / "data" / "demo"
NATIONAL = {"persons": 65000, "arrivals": 1000, "locations": 250, "seed": 1}


def command(args: list[str]) -> dict[str, Any]:
    """Run ``placement ARGS`` in a new process: wall seconds, CPU seconds, exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "placement", *args], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-2000:], file=sys.stderr)
    return {
        "exit_code": done.returncode,
        "seconds": round(wall, 2),
        "cpu_seconds": round(
            after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2
        ),
    }


def simulate(
    folder: Path, out: Path, weeks: int, replications: int, workers: int, keep: bool = False
) -> dict:
    """The whole ``placement simulate`` command, and the per-week seconds it reports."""
    figures = command(
        ["simulate", str(folder), "--out", str(out), "--weeks", str(weeks),
         "--replications", str(replications), "--workers", str(workers), "--force",
         "--no-history", *(["--keep-weeks"] if keep else [])]
    )  # fmt: skip
    figures.update(weeks=weeks, replications=replications, workers=workers)
    if figures["exit_code"] == 0:
        import pandas as pd

        rows = pd.read_csv(out / "weeks.csv")
        figures["weeks_simulated"] = len(rows)
        figures["week_seconds_mean"] = round(float(rows["week_seconds"].mean()), 3)
        figures["solve_seconds_mean"] = round(float(rows["solve_seconds"].mean()), 3)
        figures["solve_seconds"] = spread(rows["solve_seconds"])
        if keep:
            figures.update(kept_weeks(out))
    return figures


def spread(values: Any) -> dict[str, float]:
    """Median, 95th percentile and maximum of a series of seconds."""
    import numpy as np

    v = np.asarray(values, dtype=float)
    return {
        "median": round(float(np.median(v)), 3),
        "p95": round(float(np.percentile(v, 95)), 3),
        "max": round(float(v.max()), 3),
    }


def kept_weeks(out: Path) -> dict[str, Any]:
    """Each kept week's solve and LP seconds (its result's kpis.json), and their spread."""
    weeks = []
    for kpis_file in sorted(out.glob("*/rep-*/week-*/result/kpis.json")):
        kpis = json.loads(kpis_file.read_text())
        week = int(kpis_file.parent.parent.name.split("-")[1])
        weeks.append(
            {
                "week": week,
                "solve_seconds": round(kpis["solve_seconds"], 3),
                "lp_seconds": round(kpis.get("lp_seconds") or 0.0, 3),
                "status": kpis["status"],
                "mip_gap": kpis["mip_gap"],
            }
        )
    weeks.sort(key=lambda w: w["week"])
    if not weeks:
        return {}
    return {
        "weeks": weeks,
        "lp_seconds": spread([w["lp_seconds"] for w in weeks]),
        "weeks_over_3_s": [w["week"] for w in weeks if w["solve_seconds"] > 3.0],
    }


def demo(tmp: Path) -> dict[str, Any]:
    """26 weeks x 20 replications of the demo on 2 workers."""
    return simulate(DEMO, tmp / "demo", 26, 20, 2)


def scaling(tmp: Path) -> dict[str, Any]:
    """8 replications on 1 worker and on 2: the wall-time ratio."""
    one = simulate(DEMO, tmp / "one", 26, 8, 1)
    two = simulate(DEMO, tmp / "two", 26, 8, 2)
    return {
        "one_worker": one,
        "two_workers": two,
        "ratio": round(two["seconds"] / one["seconds"], 3),
    }


def national_instance(tmp: Path) -> Path:
    """Generate the national instance once (the generator's defaults)."""
    folder = tmp / "national"
    if not folder.exists():
        args = [f"--{k}={v}" for k, v in NATIONAL.items()]
        code = command(["generate", str(folder), *args])["exit_code"]
        if code != 0:
            raise SystemExit("could not generate the national instance")
    return folder


def national(tmp: Path) -> dict[str, Any]:
    """26 weeks of the national instance, and one weekly placement beside it."""
    folder = national_instance(tmp)
    weekly = command(["place", str(folder), "--out", str(tmp / "weekly"), "--force",
                      "--no-history"])  # fmt: skip
    sim = simulate(folder, tmp / "national-sim", 26, 1, 1, keep=True)
    return {"weekly_place": weekly, "simulate": sim,
            "seconds_per_simulated_week": sim.get("week_seconds_mean")}  # fmt: skip


def memory(tmp: Path) -> dict[str, Any]:
    """Peak resident memory per worker: the national instance on 2 local workers."""
    folder = national_instance(tmp)
    code = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from distributed import Client, LocalCluster\n"
        "from placement.input.read import read_scenario\n"
        "from placement.simulate.api import simulate\n"
        "with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,"
        " dashboard_address=None) as cluster, Client(cluster) as client:\n"
        f"    simulate(read_scenario({str(folder)!r}), Path({str(tmp / 'mem')!r}), weeks=6,"
        " replications=2, scheduler=cluster.scheduler_address, force=True)\n"
        "    peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        "    print(max(peaks.values()) / 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(done.stderr[-3000:], file=sys.stderr)
        return {"exit_code": done.returncode}
    return {"worker_peak_mib": round(float(done.stdout.strip().splitlines()[-1]), 1)}


STEPS = {"demo": demo, "scaling": scaling, "national": national, "memory": memory}


def main() -> None:
    """Run the chosen figures, write them, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(STEPS), action="append")
    args = parser.parse_args()
    path = RESULTS / "simulate.json"
    figures: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only or list(STEPS):
            print(f"{name} ...", file=sys.stderr)
            figures[name] = STEPS[name](Path(tmp))
            RESULTS.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(figures, indent=2) + "\n")
    table(figures)
    print(f"figures in {path.relative_to(REPO)}")


def table(figures: dict[str, Any]) -> None:
    """The figures against their targets."""
    from rich.console import Console
    from rich.table import Table

    out = Table(title="placement simulate benchmark")
    for column in ("figure", "measured", "target"):
        out.add_column(column)
    rows = []
    if "demo" in figures:
        rows.append(("demo 26 weeks x 20, 2 workers: s", figures["demo"]["seconds"], "<= 120"))
    if "scaling" in figures:
        s = figures["scaling"]
        rows += [
            ("demo 26 x 8, 1 worker: s", s["one_worker"]["seconds"], ""),
            ("demo 26 x 8, 2 workers: s", s["two_workers"]["seconds"], ""),
            ("2 workers / 1 worker", s["ratio"], "<= 0.6"),
        ]
    if "national" in figures:
        n = figures["national"]
        solve, lp = n["simulate"].get("solve_seconds", {}), n["simulate"].get("lp_seconds", {})
        rows += [
            ("national 26 weeks x 1: s", n["simulate"]["seconds"], "<= 40"),
            (
                "  week solve s: median / p95 / max",
                " / ".join(str(solve.get(k)) for k in ("median", "p95", "max")),
                "max <= 3",
            ),
            (
                "  week LP s: median / p95 / max",
                " / ".join(str(lp.get(k)) for k in ("median", "p95", "max")),
                "",
            ),
            ("national weekly place: s", n["weekly_place"]["seconds"], ""),
            ("national simulated week: s", n["seconds_per_simulated_week"], "<= weekly place"),
        ]
    if "memory" in figures:
        rows.append(
            ("worker peak MiB (national)", figures["memory"].get("worker_peak_mib"), "<= 1536")
        )
    for name, value, target in rows:
        out.add_row(name, str(value), target)
    Console().print(out)


if __name__ == "__main__":
    main()
