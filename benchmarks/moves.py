"""The moves study: children moved more than once, with and without looking ahead, 2020 vs 2024.

    .venv/bin/python benchmarks/moves.py                       # national, 52 weeks x 4
    .venv/bin/python benchmarks/moves.py --seed 2              # the same study on another instance
    .venv/bin/python benchmarks/moves.py --persons 3000 --locations 30 --arrivals 60 \\
        --weeks 8 --replications 2 --inflow 60                 # a quick look

One instance (``placement generate --seed SEED``); per variant one
``placement simulate``, the whole command as a user runs it, all with the
same ``--sim-seed``, so the variants share their draws (common random
numbers) and the results file is written again after each variant.
Variants (``--variants``, comma-separated, in this order):

- ``myopic``: ``weights = { ahead = 0 }``, the weekly placement without the
  ``moves_ahead`` term;
- ``default``: the scenario as generated (``ahead = 1``), landscape 2024;
- ``landscape-2020``: the same population and beds in the 2020 landscape
  (``landscape = "2020"``; mapped by ``[from."2024"]`` of
  ``models/landscape-2020.toml``);
- ``landscape-2020-myopic``: both changes.

Per variant and replication, from ``weeks.csv``: arrived children and those
moved beyond the cap (the motions' measure, and its share), all child moves,
over-cap child moves and the floor no policy could avoid
(``children_over_cap_floor``), persons without a bed (mean and maximum over
the weeks), mean km to the housing gemeente (mean of the weekly means), cost
per night (mean over the weeks, euro) and per placed person, the seconds of
the weekly solve. Then mean/p10/p50/p90 over replications, and the paired
comparisons against the issue's targets. Figures go to
``benchmarks/results/moves-<persons>-seed<SEED>-<W>w-<R>r.json`` (or
``--name``) and a table; the command that made them is recorded in the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"

#: The variants the study knows, as ``variants.toml`` tables.
VARIANTS = {
    "myopic": "weights = { ahead = 0 }\n",
    "default": "",
    "landscape-2020": 'landscape = "2020"\n',
    "landscape-2020-myopic": 'landscape = "2020"\nweights = { ahead = 0 }\n',
}
#: Totals over the horizon, summed over the weeks of a replication.
SUMS = ("arrived_children", "arrived_children_moved_twice", "moved_children",
        "children_over_cap", "children_over_cap_floor", "moved_persons", "arrivals")  # fmt: skip
#: Targets of the issue: fewer arrived children moved twice, no more unplaced, cost within 2 %.
TARGET_REDUCTION = 0.5
TARGET_COST = 0.02


def placement(args: list[str], log: Path | None = None) -> dict[str, Any]:
    """Run ``placement ARGS`` in a new process: wall seconds and exit code."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "placement", *args], capture_output=True, text=True, check=False
    )
    if log is not None:
        log.write_text(done.stdout + done.stderr)
    if done.returncode != 0:
        print(done.stdout[-3000:], done.stderr[-3000:], file=sys.stderr)
    return {"exit_code": done.returncode, "seconds": round(time.perf_counter() - started, 1)}


def per_replication(weeks: pd.DataFrame) -> pd.DataFrame:
    """One row per variant and replication: the study's figures."""
    rows = []
    for (variant, rep), w in weeks.groupby(["variant", "replication"], sort=False):
        row: dict[str, Any] = {"variant": variant, "replication": int(rep), "weeks": len(w)}
        row.update({name: int(w[name].sum()) for name in SUMS if name in w})
        kids = row.get("arrived_children", 0)
        row["arrived_moved_twice_share"] = (
            row["arrived_children_moved_twice"] / kids if kids else None
        )
        row["unplaced_mean"] = float(w["unplaced"].mean())
        row["unplaced_max"] = int(w["unplaced"].max())
        row["unplaced_end"] = int(w["unplaced"].iloc[-1])
        row["distance_km_mean"] = float(w["distance_km_mean"].mean())
        row["cost_per_night_eur"] = float(w["cost_per_night_eur"].mean())
        row["cost_per_placed_person_night_eur"] = float(
            w["cost_per_night_eur"].sum() / w["placed"].sum()
        )
        row["solve_seconds_mean"] = float(w["solve_seconds"].mean())
        row["week_seconds_mean"] = float(w["week_seconds"].mean())
        row["weeks_at_time_limit"] = int((w["status"] != "optimal").sum())
        rows.append(row)
    return pd.DataFrame(rows)


def spread(values: pd.Series) -> dict[str, float | None]:
    """Mean, p10, p50, p90 over replications (linear interpolation)."""
    v = pd.to_numeric(values, errors="coerce").dropna().astype(float)
    if v.empty:
        return {"mean": None, "p10": None, "p50": None, "p90": None}
    return {
        "mean": round(float(v.mean()), 4),
        "p10": round(float(v.quantile(0.1)), 4),
        "p50": round(float(v.quantile(0.5)), 4),
        "p90": round(float(v.quantile(0.9)), 4),
    }


def compare(reps: pd.DataFrame, variant: str, base: str) -> dict[str, Any] | None:
    """``variant`` against ``base``, paired by replication (common random numbers)."""
    names = set(reps["variant"])
    if variant not in names or base not in names:
        return None
    a = reps[reps["variant"] == variant].set_index("replication")
    b = reps[reps["variant"] == base].set_index("replication")
    both = a.index.intersection(b.index)
    a, b = a.loc[both], b.loc[both]

    def change(column: str) -> float | None:
        before = float(b[column].sum())
        return round(float(a[column].sum()) / before - 1, 4) if before else None

    return {
        "variant": variant,
        "against": base,
        "replications": len(both),
        "arrived_children_moved_twice_change": change("arrived_children_moved_twice"),
        "arrived_children_moved_twice_change_per_replication": [
            round(float(x) / float(y) - 1, 4) if y else None
            for x, y in zip(
                a["arrived_children_moved_twice"], b["arrived_children_moved_twice"], strict=True
            )
        ],
        "moved_children_change": change("moved_children"),
        "children_over_cap_change": change("children_over_cap"),
        "unplaced_mean_difference": round(
            float((a["unplaced_mean"] - b["unplaced_mean"]).mean()), 3
        ),
        "unplaced_max_difference": int((a["unplaced_max"] - b["unplaced_max"]).max()),
        "cost_per_night_change": change("cost_per_night_eur"),
        "distance_km_mean_difference": round(
            float((a["distance_km_mean"] - b["distance_km_mean"]).mean()), 3
        ),
        "solve_seconds_ratio": round(
            float(a["solve_seconds_mean"].mean() / b["solve_seconds_mean"].mean()), 3
        ),
    }


def targets(reps: pd.DataFrame) -> dict[str, Any] | None:
    """The issue's targets: ``default`` against ``myopic``, paired by replication."""
    paired = compare(reps, "default", "myopic")
    if paired is None:
        return None
    reduction = paired["arrived_children_moved_twice_change"]
    return {
        "arrived_children_moved_twice_reduction": None if reduction is None else -reduction,
        "reduction_met": reduction is not None and -reduction >= TARGET_REDUCTION,
        "no_more_unplaced": paired["unplaced_mean_difference"] <= 0,
        "cost_within_2_percent": (paired["cost_per_night_change"] or 0) <= TARGET_COST,
    }


def floor(reps: pd.DataFrame) -> dict[str, Any]:
    """Per variant: over-cap child moves against the floor no policy could avoid."""
    out = {}
    for variant, rows in reps.groupby("variant", sort=False):
        over, least = (
            float(rows["children_over_cap"].sum()),
            float(rows["children_over_cap_floor"].sum()),
        )
        out[str(variant)] = {
            "children_over_cap_mean": round(over / len(rows), 2),
            "floor_mean": round(least / len(rows), 2),
            "over_cap_above_floor_mean": round((over - least) / len(rows), 2),
            "floor_share_of_over_cap": round(least / over, 4) if over else None,
        }
    return out


def summary(reps: pd.DataFrame) -> dict[str, Any]:
    """Per variant and figure: mean, p10, p50, p90 over replications."""
    figures = [c for c in reps.columns if c not in ("variant", "replication")]
    return {
        str(v): {c: spread(rows[c]) for c in figures}
        for v, rows in reps.groupby("variant", sort=False)
    }


def commit() -> str:
    """The commit the study ran on (``+dirty`` when the worktree has changes)."""
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True, check=False).stdout.strip()  # fmt: skip
    status = ["git", "-C", str(REPO), "status", "--porcelain", "--", "placement", "models"]
    dirty = subprocess.run(status, capture_output=True, text=True, check=False).stdout
    return head + ("+dirty" if dirty.strip() else "")


def results(
    args: argparse.Namespace,
    weeks: pd.DataFrame,
    runs: list[dict[str, Any]],
    started: dt.datetime,
    ran_on: str,
) -> dict[str, Any]:
    """Everything the results file holds, from the week rows of the variants done so far."""
    reps = per_replication(weeks)
    return {
        "study": "moves",
        "date": started.date().isoformat(),
        "started_utc": started.isoformat(timespec="seconds"),
        "commit": ran_on,
        "command": " ".join(["benchmarks/moves.py", *sys.argv[1:]]),
        "instance": {
            "generate_seed": args.seed,
            "persons": args.persons,
            "arrivals": args.arrivals,
            "locations": args.locations,
            "scenario": str(args.scenario) if args.scenario else None,
        },
        "simulation": {
            "weeks": args.weeks,
            "replications": args.replications,
            "seed": args.sim_seed,
            "inflow_per_week": args.inflow,
            "workers": args.workers,
            "variants": {
                r["variant"]: VARIANTS[r["variant"]].strip() or "as generated" for r in runs
            },  # fmt: skip
            "runs": runs,
        },
        "summary": summary(reps),
        "comparisons": [
            c
            for c in (
                compare(reps, "default", "myopic"),
                compare(reps, "landscape-2020", "default"),
                compare(reps, "landscape-2020-myopic", "myopic"),
            )
            if c is not None
        ],
        "targets": targets(reps),
        "floor": floor(reps),
        "replications": json.loads(reps.to_json(orient="records")),
    }


def kept(out: Path, args: argparse.Namespace) -> tuple[pd.DataFrame, dict[str, Any]] | None:
    """The weeks of a simulation already in ``out`` (``--keep``), when they serve this study.

    They serve when they have the same seed and replications and at least the
    weeks asked; only weeks ``0 … W-1`` are used. A week does not depend on
    the horizon (it sees only the weeks before it), so the first W weeks of a
    longer run are the weeks of a run of W.
    """
    if not (out / "kpis.json").is_file():
        return None
    kpis = json.loads((out / "kpis.json").read_text())
    if (kpis.get("seed"), kpis.get("replications")) != (args.sim_seed, args.replications):
        return None
    if int(kpis.get("weeks", 0)) < args.weeks:
        return None
    weeks = pd.read_csv(out / "weeks.csv")
    return weeks[weeks["week"] < args.weeks].reset_index(drop=True), {
        "weeks_simulated": int(kpis["weeks"]),
        "errors": kpis.get("errors", []),
    }


def main() -> None:
    """Generate, simulate every variant, sum up, write the JSON, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1, help="seed of `placement generate`")
    parser.add_argument("--persons", type=int, default=65000)
    parser.add_argument("--arrivals", type=int, default=1000)
    parser.add_argument("--locations", type=int, default=250)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--replications", type=int, default=4)
    parser.add_argument("--sim-seed", type=int, default=1, help="seed of `placement simulate`")
    parser.add_argument("--inflow", type=float, default=None,
                        help="persons arriving per week (default: the chain's, 850)")  # fmt: skip
    parser.add_argument("--variants", default="myopic,default,landscape-2020")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scenario", type=Path, default=None,
                        help="use this scenario folder instead of generating one")  # fmt: skip
    parser.add_argument("--keep", type=Path, default=None,
                        help="keep the simulation folders here; a folder of a variant that is "
                        "already there (same seed and replications, enough weeks) is used "
                        "instead of simulating it again")  # fmt: skip
    parser.add_argument("--name", default=None, help="results file name (without .json)")
    parser.add_argument("--simulated-on", default=None,
                        help="the commit reused simulations ran on, for the record")  # fmt: skip
    args = parser.parse_args()
    chosen = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = sorted(set(chosen) - set(VARIANTS))
    if unknown:
        raise SystemExit(f"unknown variant(s) {unknown}; known: {sorted(VARIANTS)}")
    name = args.name or (f"moves-{args.persons}-seed{args.seed}-{args.weeks}w-{args.replications}r")
    started = dt.datetime.now(dt.UTC)
    ran_on = commit() if args.simulated_on is None else args.simulated_on
    path = RESULTS / f"{name}.json"
    runs: list[dict[str, Any]] = []
    frames: list[pd.DataFrame] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = args.scenario
        if folder is None:
            folder = tmp / "scenario"
            made = placement(["generate", str(folder), f"--seed={args.seed}",
                              f"--persons={args.persons}", f"--arrivals={args.arrivals}",
                              f"--locations={args.locations}"])  # fmt: skip
            if made["exit_code"] != 0:
                raise SystemExit("could not generate the instance")
        if args.inflow is not None:
            (folder / "simulation.toml").write_text(
                f"[inflow]\npersons_per_week = {args.inflow}\n", encoding="utf-8"
            )
        # One simulation per variant, all with the same seed: the draws are keyed by
        # replication, household and week, so the variants share them (common random
        # numbers) as in one run, and each finished variant is written at once.
        for variant in chosen:
            out = (args.keep or tmp) / variant
            done = kept(out, args)
            if done is not None:
                print(f"{variant}: the weeks of {out}", file=sys.stderr)
                frames.append(done[0])
                runs.append({"variant": variant, "reused": str(out), **done[1]})
            else:
                variants = tmp / f"{variant}.toml"
                variants.write_text(f"[variants.{variant}]\n{VARIANTS[variant]}\n")
                command = ["simulate", str(folder), "--out", str(out), "--weeks",
                           str(args.weeks), "--replications", str(args.replications), "--seed",
                           str(args.sim_seed), "--variants", str(variants), "--workers",
                           str(args.workers), "--force", "--no-history"]  # fmt: skip
                print(f"simulating {variant}: {args.weeks} weeks x {args.replications} ...",
                      file=sys.stderr)  # fmt: skip
                run = placement(command, log=tmp / f"{variant}.log")
                if run["exit_code"] != 0:
                    raise SystemExit(f"placement simulate failed for {variant}")
                frames.append(pd.read_csv(out / "weeks.csv"))
                kpis = json.loads((out / "kpis.json").read_text())
                runs.append({"variant": variant, "seconds": run["seconds"],
                             "finished_utc": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                             "errors": kpis.get("errors", [])})  # fmt: skip
            figures = results(args, pd.concat(frames, ignore_index=True), runs, started, ran_on)
            RESULTS.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(figures, indent=2) + "\n")
    table(figures)
    print(f"figures in {path.relative_to(REPO)}")


def table(figures: dict[str, Any]) -> None:
    """The main figures per variant (means over replications), as a Markdown table."""
    rows = [
        ("arrived children", "arrived_children", 1),
        ("arrived children moved beyond the cap", "arrived_children_moved_twice", 1),
        ("share of arrived children moved beyond the cap", "arrived_moved_twice_share", 4),
        ("all child moves", "moved_children", 1),
        ("over-cap child moves", "children_over_cap", 1),
        ("floor: over-cap moves no policy could avoid", "children_over_cap_floor", 1),
        ("persons without a bed (mean over weeks)", "unplaced_mean", 1),
        ("persons without a bed (max over weeks)", "unplaced_max", 1),
        ("mean km to housing gemeente", "distance_km_mean", 2),
        ("cost per night (euro, mean over weeks)", "cost_per_night_eur", 0),
        ("weekly solve seconds (mean)", "solve_seconds_mean", 2),
    ]
    names = list(figures["summary"])
    print("| figure (mean over replications) | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for label, key, digits in rows:
        cells = []
        for v in names:
            value = figures["summary"][v].get(key, {}).get("mean")
            cells.append("" if value is None else f"{value:,.{digits}f}")
        print(f"| {label} | " + " | ".join(cells) + " |")
    for c in figures["comparisons"]:
        print(f"{c['variant']} vs {c['against']}: {json.dumps(c)}")
    if figures["targets"] is not None:
        print(f"targets: {json.dumps(figures['targets'])}")


if __name__ == "__main__":
    main()
