"""Benchmark placement link on the national instance: the whole command, and step by step.

    .venv/bin/python benchmarks/link.py                  # national: seed 1, 3 runs
    .venv/bin/python benchmarks/link.py --runs 5 --seed 2

``placement generate OUT --seed S`` writes the instance (65,000 persons at
250 locations, status holders not yet linked, and taakstelling.csv with the
open quotas). Then ``placement link`` runs as a user runs it, ``--runs``
times, timed from outside (median reported), at the default gap 1e-4. Once
more in this process, step by step: reading, preparing, solving (pricing,
cuts, rounding, the proof), writing up and writing the folder, with the
model's size, the LP bound before and after the cuts, the bound that holds
for the full model, and the planner's greedy links (longest waiting first,
nearest gemeente with room) priced beside the optimum. Figures go to
``benchmarks/results/link-national.json`` and a table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"
PLACEMENT = [sys.executable, "-m", "placement"]


def command_seconds(scenario: Path, out: Path, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``placement link`` as a user runs it, each in a fresh process.

    CPU seconds (user + system, HiGHS's threads included) show the work done
    whatever else the machine is busy with; wall seconds are what a user waits.
    """
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(
            [*PLACEMENT, "link", str(scenario), "--out", str(out), "--force", "--no-history"],
            check=True,
            capture_output=True,
        )
        wall.append(round(time.perf_counter() - started, 3))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        cpu.append(round(used, 3))
    return wall, cpu


def steps(scenario_dir: Path, out: Path) -> dict[str, Any]:
    """Every step of ``placement link`` once, timed in this process, with the model's figures."""
    from placement.link.folder import write_link_folder
    from placement.link.heuristics import greedy_counts as planner_links
    from placement.link.heuristics import objective_of
    from placement.link.problem import prepare_link
    from placement.link.results import link_result
    from placement.link.run import read_link_inputs
    from placement.link.solve import LinkSolution, solve_link
    from placement.vocab import Status

    figures: dict[str, Any] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        figures[f"{name}_seconds"] = round(now - clock, 3)
        clock = now

    inputs = read_link_inputs(scenario_dir)
    lap("read_validate")
    problem = prepare_link(inputs.scenario, inputs.quotas)
    lap("prepare")
    solution = solve_link(problem)
    lap("solve")
    result = link_result(inputs.scenario, problem, solution)
    lap("results")
    write_link_folder(result, inputs.scenario, out, force=True)
    lap("write")
    log, k = solution.log, result.kpis
    greedy_counts = planner_links(problem)
    greedy = link_result(
        inputs.scenario,
        problem,
        LinkSolution(
            Status.TIME_LIMIT,
            objective_of(problem, greedy_counts),
            None,
            0.0,
            "greedy",
            greedy_counts,
        ),  # fmt: skip
    ).kpis
    bound = solution.bound
    figures.update(
        households_to_link=k["households_to_link"],
        persons_to_link=k["persons_to_link"],
        quota_rows=k["quota_rows"],
        quota_total=k["quota_total"],
        classes=k["classes"],
        pairs_full=log.pairs,
        pairs_first=log.candidates_first,
        pairs_priced=log.candidates_priced,
        pairs_final=log.candidates_final,
        lp_rounds=log.lp_rounds,
        lp_seconds=round(log.lp_seconds, 3),
        lp_bound=log.lp_bound,
        cuts=log.cuts,
        cut_bound=log.cut_bound,
        heuristics=log.heuristics,
        proof_pairs=log.proof_pairs,
        proof_classes=log.proof_classes,
        proof_seconds=round(log.proof_seconds, 3),
        status=k["status"],
        objective=k["objective"],
        objective_terms=k["objective_terms"],
        bound=bound,
        mip_gap=k["mip_gap"],
        linked_persons=k["linked_persons"],
        unlinked_persons=k["unlinked_persons"],
        family_splits=k["family_splits"],
        distance_km_mean=k["distance_km_mean"],
        greedy={
            "objective": greedy["objective"],
            "gap_to_bound": None
            if bound is None
            else (greedy["objective"] - bound) / max(1.0, abs(greedy["objective"])),
            "objective_terms": greedy["objective_terms"],
            "linked_persons": greedy["linked_persons"],
            "unlinked_persons": greedy["unlinked_persons"],
            "family_splits": greedy["family_splits"],
            "distance_km_mean": greedy["distance_km_mean"],
        },
    )
    return figures


def main() -> None:
    """Generate the instance, time the command and its steps, write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--name", default="link-national")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scenario = Path(tmp) / "national"
        subprocess.run(
            [*PLACEMENT, "generate", str(scenario), "--seed", str(args.seed)],
            check=True,
            capture_output=True,
        )
        wall, cpu = command_seconds(scenario, Path(tmp) / "links", args.runs)
        load = os.getloadavg()
        figures = steps(scenario, Path(tmp) / "links-steps")
    record = {
        "instance": {"generate": f"placement generate OUT --seed {args.seed}"},
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "load_average_1_5_15_min": [round(x, 2) for x in load],
        },
        "command": {
            "runs_seconds": wall,
            "median_seconds": statistics.median(wall),
            "runs_cpu_seconds": cpu,
            "median_cpu_seconds": statistics.median(cpu),
            "mip_gap_asked": 1e-4,
        },
        "steps": figures,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{args.name}.json"
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    rows = [
        ("placement link, median of runs (s)", record["command"]["median_seconds"]),
        ("runs (s)", ", ".join(f"{t:.2f}" for t in wall)),
        ("CPU seconds per run, median", record["command"]["median_cpu_seconds"]),
        ("load average during the runs", ", ".join(f"{x:.2f}" for x in load)),
        ("households / persons to link", f"{figures['households_to_link']:,} / "
                                          f"{figures['persons_to_link']:,}"),
        ("quota (persons, rows)", f"{figures['quota_total']:,}, {figures['quota_rows']}"),
        ("classes, pairs of the full model", f"{figures['classes']:,}, {figures['pairs_full']:,}"),
        ("pairs priced / in the proof",
         f"{figures['pairs_priced']:,} / {figures['proof_pairs']:,}"),
        ("LP bound, with cuts", f"{figures['lp_bound']:.2f}, {figures['cut_bound']:.2f}"),
        ("objective, bound, gap", f"{figures['objective']:.2f}, {figures['bound']:.2f}, "
                                  f"{figures['mip_gap']:.2e}"),
        ("status", figures["status"]),
        ("greedy objective (gap to the bound)", f"{figures['greedy']['objective']:.2f} "
                                                f"({figures['greedy']['gap_to_bound']:.2%})"),
        ("read, prepare, solve, results, write (s)", ", ".join(
            str(figures[f"{s}_seconds"])
            for s in ("read_validate", "prepare", "solve", "results", "write")
        )),
    ]  # fmt: skip
    width = max(len(r[0]) for r in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    print(f"Figures in {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
