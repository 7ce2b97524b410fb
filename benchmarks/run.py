"""Benchmark placement on a national instance: weekly and rebalance, step by step.

    .venv/bin/python benchmarks/run.py                 # national: 65,000 persons
    .venv/bin/python benchmarks/run.py --persons 5000  # a quick look
    .venv/bin/python benchmarks/run.py --persons 130000 --arrivals 2500 --locations 450 \
        --seed 3 --name surge-130000 --limit-check 60  # the surge, and a time limit

For each mode, in a fresh process (so peak memory is the mode's own), through
the library's public API (``read_scenario``, ``run``, ``write_outcome``):
reading + validation, preparing, building the arrays, solving (LP pricing,
branching), the results, writing; model size; HiGHS status and gap against a
bound that holds for the full model; the LP relaxation's bound and time; and
the planner's baseline (:func:`placement.api.planner_baseline`: households
one by one at the cheapest location with room, as a planner would by hand).
Then the whole command as a user runs it.
Figures go to ``benchmarks/results/<name>.json`` and a table.
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
GAP = {"weekly": 1e-4, "rebalance": 1e-3}


def one_mode(scenario_dir: Path, mode: str, time_limit: float, gap: float) -> dict[str, Any]:
    """Run ``placement place`` once through the library (in this process) and time each step.

    Reading and writing are timed here; preparing, building, solving and
    the results are the timings :func:`placement.api.run` records in its KPIs.
    """
    from placement import read_scenario, write_outcome
    from placement.api import planner_baseline, run
    from placement.solve.pricing import PricingLog

    figures: dict[str, Any] = {"mode": mode, "mip_gap_asked": gap, "time_limit": time_limit}
    started = time.perf_counter()
    scenario = read_scenario(scenario_dir, mode=mode).with_settings(
        time_limit=time_limit, mip_gap=gap
    )
    figures["read_validate_seconds"] = round(time.perf_counter() - started, 3)
    log = PricingLog()
    result = run(scenario, log=log)
    kpis, data = result.kpis, result.problem
    assert data is not None
    for step in ("prepare", "build", "solve", "results"):
        figures[f"{step}_seconds"] = round(kpis[f"{step}_seconds"], 3)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        write_outcome(result, Path(tmp) / "out", scenario=scenario)
    figures["write_seconds"] = round(time.perf_counter() - started, 3)
    figures.update(
        persons=kpis["persons"],
        households=kpis["households"],
        decided_households=int(data.households["decided"].sum()),
        locations=len(data.locations),
        classes=kpis["classes"],
        variables_full=kpis["variables"],
        constraints_full=kpis["constraints"],
        pairs_full=kpis["pairs"],
        pairs_first=log.candidates_first,
        pairs_priced=log.candidates_priced,
        pairs_final=kpis["candidate_pairs"],
        lp_rounds=log.lp_rounds,
        lp_seconds=round(kpis["lp_seconds"], 3),
        lp_bound=kpis["lp_bound"],
        status=kpis["status"],
        termination=kpis["termination"],
        objective=kpis["objective"],
        bound=kpis["bound"],
        mip_gap=kpis["mip_gap"],
        unplaced=kpis["unplaced"],
        moved_persons=kpis["moved_persons"],
        moved_children=kpis["moved_children"],
        children_over_cap=kpis["children_over_cap"],
        family_splits=kpis["family_splits"],
        distance_km_mean=kpis["distance_km_mean"],
    )
    figures["solve_to_lp_ratio"] = (
        round(kpis["solve_seconds"] / kpis["lp_seconds"], 2) if kpis["lp_seconds"] else None
    )
    figures["python_build_seconds"] = round(
        figures["prepare_seconds"] + figures["build_seconds"], 3
    )
    started = time.perf_counter()
    greedy = planner_baseline(scenario, data).kpis
    figures["greedy"] = {
        "seconds": round(time.perf_counter() - started, 3),
        **{k: greedy[k] for k in BASELINE_FIGURES},
    }
    figures["peak_memory_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return figures


#: What the benchmark compares between the optimum and the planner's baseline.
BASELINE_FIGURES = ("objective", "unplaced", "moved_persons", "moved_children",
                    "children_over_cap", "family_splits", "distance_km_mean")  # fmt: skip


def whole_command(scenario_dir: Path, mode: str, time_limit: float, gap: float) -> dict[str, Any]:
    """``placement place`` as a user runs it: wall time and peak memory of the process."""
    with tempfile.TemporaryDirectory() as tmp:
        command = [
            sys.executable, "-c",
            "import resource, sys; from placement.cli import app\n"
            "try:\n    app()\nexcept SystemExit as e:\n    code = e.code\n"
            "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
            "sys.exit(code)",
            "place", str(scenario_dir), "--out", str(Path(tmp) / "out"), "--mode", mode,
            "--time-limit", str(time_limit), "--mip-gap", str(gap), "--no-history",
        ]  # fmt: skip
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        written = Path(tmp) / "out" / "kpis.json"
        kpis = json.loads(written.read_text()) if written.exists() else {}
    peak = [line for line in done.stderr.splitlines() if line.startswith("PEAK")]
    return {
        "exit_code": done.returncode,
        "time_limit": time_limit,
        "seconds": round(seconds, 3),
        "peak_memory_mib": round(int(peak[-1].split()[1]) / 1024, 1) if peak else None,
        **{k: kpis.get(k) for k in ("status", "objective", "bound", "mip_gap", "reduced")},
    }


def table(runs: list[dict[str, Any]]) -> None:
    """Print the figures side by side."""
    from rich.console import Console
    from rich.table import Table

    def versus(key: str, show: Any = str) -> Any:
        return lambda r: f"{show(r[key])} / {show(r['greedy'][key])}"

    rows = [
        ("persons / households", lambda r: f"{r['persons']:,} / {r['households']:,}"),
        ("decided households", lambda r: f"{r['decided_households']:,}"),
        ("whole command s", lambda r: r["command"]["seconds"]),
        ("whole command peak MiB", lambda r: r["command"]["peak_memory_mib"]),
        ("read + validate s", lambda r: r["read_validate_seconds"]),
        ("prepare + build s (Python)", lambda r: r["python_build_seconds"]),
        ("solve s", lambda r: r["solve_seconds"]),
        ("  of which LP pricing s", lambda r: r["lp_seconds"]),
        ("  solve / LP", lambda r: r["solve_to_lp_ratio"]),
        ("results + write s", lambda r: round(r["results_seconds"] + r["write_seconds"], 3)),
        ("peak memory MiB", lambda r: r["peak_memory_mib"]),
        ("variables full", lambda r: f"{r['variables_full']:,}"),
        ("rows full", lambda r: f"{r['constraints_full']:,}"),
        ("pairs full / solved", lambda r: f"{r['pairs_full']:,} / {r['pairs_final']:,}"),
        ("status", lambda r: r["status"]),
        ("gap (full-model bound)", lambda r: _sci(r["mip_gap"])),
        ("objective", lambda r: f"{r['objective']:,.1f}"),
        ("LP bound", lambda r: f"{r['lp_bound']:,.1f}" if r["lp_bound"] else "n/a"),
        ("greedy objective", lambda r: f"{r['greedy']['objective']:,.1f}"),
        ("--time-limit check: limit / s", lambda r: _limit(r, "seconds")),
        ("  status / gap", lambda r: _limit(r, "status") + " / " + _sci(
            r["limit_check"]["mip_gap"] if "limit_check" in r else None)),
        ("  objective", lambda r: _limit(r, "objective")),
        ("unplaced: opt / greedy", versus("unplaced")),
        ("child moves: opt / greedy", versus("moved_children")),
        ("children over cap: opt / greedy", versus("children_over_cap")),
        ("family splits: opt / greedy", versus("family_splits")),
        ("mean km: opt / greedy", versus("distance_km_mean", _km)),
    ]  # fmt: skip
    out = Table(title="placement benchmark")
    out.add_column("figure")
    for r in runs:
        out.add_column(r["mode"], justify="right")
    for name, get in rows:
        out.add_row(name, *(str(get(r)) for r in runs))
    Console().print(out)


def _limit(run: dict[str, Any], key: str) -> str:
    """A figure of the time-limit check, when it ran."""
    check = run.get("limit_check")
    if check is None:
        return "n/a"
    if key == "seconds":
        return f"{check['time_limit']:g} / {check['seconds']}"
    value = check[key]
    return f"{value:,.1f}" if isinstance(value, float) else str(value)


def _sci(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1e}"


def _km(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def main() -> None:
    """Generate the instance, run each mode in its own process, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=65000)
    parser.add_argument("--arrivals", type=int, default=1000)
    parser.add_argument("--locations", type=int, default=250)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--modes", default="weekly,rebalance")
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--name", default=None, help="results file name (default: by size)")
    parser.add_argument(
        "--limit-check", type=float, default=None, metavar="S",
        help="also run the whole command with --time-limit S: does it end by S + 5 %%?",
    )  # fmt: skip
    parser.add_argument("--one", nargs=2, metavar=("SCENARIO", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        mode = args.one[1]
        print(json.dumps(one_mode(Path(args.one[0]), mode, args.time_limit, GAP[mode])))
        return

    from placement.synth import generate_scenario, write_scenario

    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "instance"
        started = time.perf_counter()
        locations, persons, settings = generate_scenario(
            persons=args.persons, arrivals=args.arrivals, locations=args.locations, seed=args.seed
        )
        write_scenario(folder, locations, persons, settings)
        print(f"instance: {len(persons):,} persons, {len(locations)} locations "
              f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)  # fmt: skip
        for mode in args.modes.split(","):
            print(f"{mode}: steps ...", file=sys.stderr)
            one = subprocess.run(
                [sys.executable, __file__, "--one", str(folder), mode,
                 "--time-limit", str(args.time_limit)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            figures = json.loads(one.stdout)
            print(f"{mode}: whole command ...", file=sys.stderr)
            figures["command"] = whole_command(folder, mode, args.time_limit, GAP[mode])
            if args.limit_check is not None:
                print(f"{mode}: whole command, --time-limit {args.limit_check:g} ...",
                      file=sys.stderr)  # fmt: skip
                check = whole_command(folder, mode, args.limit_check, GAP[mode])
                check["within_limit"] = check["seconds"] <= min(
                    1.05 * args.limit_check, args.limit_check + 5
                )
                check["better_than_greedy"] = (
                    check["objective"] is not None
                    and check["objective"] <= figures["greedy"]["objective"]
                )
                figures["limit_check"] = check
            runs.append(figures)
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = args.name or f"national-{args.persons}"
    path = RESULTS / f"{name}.json"
    instance = {k: getattr(args, k) for k in ("persons", "arrivals", "locations", "seed")}
    path.write_text(json.dumps({"instance": instance, "runs": runs}, indent=2) + "\n")
    table(runs)
    print(f"figures in {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
