"""Soak the whole-command property tests (tests/commands) for a given number of minutes.

Runs ``pytest tests/commands`` under the hypothesis profile ``soak`` in
rounds: each round gives every test a share of its soak budget
(``PLACEMENT_FUZZ_SCALE``) and a fresh random seed, so all commands get
their turn however long the soak (the fixed cases of
``tests/commands/test_regressions.py`` are left out). When the time is up
the running round is stopped. Every command run is tallied
(``PLACEMENT_FUZZ_LOG``: command, exit status, passed or not; no ids, no
person data) and the totals are printed and written to
``benchmarks/results/soak.json``, with each failed test's name and the seed
that reproduces it::

    PLACEMENT_FUZZ=soak PLACEMENT_FUZZ_SCALE=<scale> .venv/bin/python -m pytest \\
        -p no:xdist tests/commands --hypothesis-seed=<seed>

(failing examples are also kept in ``.hypothesis/soak``, replayed first by
the next soak). The output of a failed round, with its falsifying example,
goes to ``--logs`` (default: a temporary folder, printed).

Usage::

    .venv/bin/python benchmarks/soak.py --minutes 60
    .venv/bin/python benchmarks/soak.py --minutes 5 --scale 0.01 -k place
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results" / "soak.json"


def _stop(proc: subprocess.Popen[str]) -> None:
    """Stop the round this script started: its own process group, by id."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


def _failed_tests(output: str) -> list[str]:
    return sorted(
        {line.split()[1] for line in output.splitlines() if line.startswith(("FAILED ", "ERROR "))}
    )


def _tally(log: Path) -> dict[str, Any]:
    runs: collections.Counter[str] = collections.Counter()
    failed: collections.Counter[str] = collections.Counter()
    exits: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    if log.exists():
        for line in log.read_text("utf-8").splitlines():
            entry = json.loads(line)
            runs[entry["command"]] += 1
            failed[entry["command"]] += not entry["ok"]
            exits[entry["command"]][str(entry["exit"])] += 1
    return {
        "command_runs": sum(runs.values()),
        "failed_command_runs": sum(failed.values()),
        "by_command": {
            c: {"runs": runs[c], "failed": failed[c], "exit_codes": dict(exits[c])}
            for c in sorted(runs)
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=60.0, help="how long to soak")
    parser.add_argument(
        "--scale", type=float, default=0.02,
        help="share of each test's soak budget per round (default 0.02: rounds of a few minutes)",
    )  # fmt: skip
    parser.add_argument("-k", dest="keyword", help="only the tests pytest -k selects")
    parser.add_argument("--logs", type=Path, help="folder for the output of failed rounds")
    parser.add_argument("--out", type=Path, default=RESULTS, help="the JSON summary")
    args = parser.parse_args()

    logs = args.logs or Path(tempfile.mkdtemp(prefix="placement-soak-"))
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / "runs.jsonl"
    log.unlink(missing_ok=True)
    started = time.monotonic()
    deadline = started + 60 * args.minutes
    rounds: list[dict[str, Any]] = []
    env = {
        **os.environ,
        "PLACEMENT_FUZZ": "soak",
        "PLACEMENT_FUZZ_SCALE": str(args.scale),
        "PLACEMENT_FUZZ_LOG": str(log),
    }
    rng = random.Random()
    while time.monotonic() < deadline:
        seed = rng.randrange(2**32)
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider",
                   "-rfE", "tests/commands", f"--hypothesis-seed={seed}",
                   "--ignore=tests/commands/test_regressions.py"]  # fmt: skip
        if args.keyword:
            command += ["-k", args.keyword]
        begun = time.monotonic()
        proc = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, start_new_session=True,
        )  # fmt: skip
        try:
            output, _ = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))
            finished = True
        except subprocess.TimeoutExpired:
            _stop(proc)
            output, _ = proc.communicate()
            finished = False
        failed = _failed_tests(output)
        entry = {"seed": seed, "seconds": round(time.monotonic() - begun, 1),
                 "finished": finished, "failed_tests": failed}  # fmt: skip
        if failed or (finished and proc.returncode not in (0, 5)):
            path = logs / f"round-{len(rounds) + 1}-seed-{seed}.txt"
            path.write_text(output, "utf-8")
            entry["log"] = str(path)
            entry["pytest_exit"] = proc.returncode
        rounds.append(entry)
        tally = _tally(log)
        print(
            f"round {len(rounds)}: seed {seed}, {entry['seconds']} s, "
            f"{'finished' if finished else 'stopped at the deadline'}, "
            f"failed tests {failed or 'none'}; so far {tally['command_runs']} command runs, "
            f"{tally['failed_command_runs']} failed",
            flush=True,
        )
    summary = {
        "finished_at": dt.datetime.now().isoformat(timespec="seconds"),
        "minutes": round((time.monotonic() - started) / 60, 2),
        "scale": args.scale,
        "shrink": os.environ.get("PLACEMENT_FUZZ_SHRINK") != "0",
        "rounds": len(rounds),
        **_tally(log),
        "failed_tests": sorted({t for r in rounds for t in r["failed_tests"]}),
        "round_details": [{k: v for k, v in r.items() if k != "log"} for r in rounds],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n", "utf-8")
    print(json.dumps({k: summary[k] for k in ("minutes", "rounds", "command_runs",
                                              "failed_command_runs", "failed_tests")}))  # fmt: skip
    print(f"summary: {args.out}; logs of failed rounds: {logs}")
    return 1 if summary["failed_tests"] or summary["failed_command_runs"] else 0


if __name__ == "__main__":
    sys.exit(main())
