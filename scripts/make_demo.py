"""Write the demo scenarios ``data/demo/`` (landscape 2024) and ``data/demo-2020/``.

Usage::

    .venv/bin/python scripts/make_demo.py [--out data]

Both are synthetic (:mod:`placement.synth`): no real person is described.
The same seeds give byte-identical files; commit them after a change of the
generator.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from placement.synth import generate_scenario, write_scenario
from placement.synth.candidates import default_count, draw_candidates, write_candidates

REPO = Path(__file__).resolve().parent.parent

DEMOS = {
    "demo": dict(persons=3000, arrivals=120, locations=36, seed=2026, landscape="2024"),
    "demo-2020": dict(persons=600, arrivals=25, locations=12, seed=2020, landscape="2020"),
}



def simulation_toml(persons: int) -> str:
    """``simulation.toml`` of a demo: the national figures scaled to its size."""
    scale = persons / 65000  # the national instance: the figures' own scale
    return (
        "# The chain for `placement simulate` (docs/simulation.md): the published national\n"
        f"# figures scaled to this demo's size ({persons:,} of 65,000 persons, x{scale:.3f}).\n"
        "[inflow]\n"
        f"persons_per_week = {round(850 * scale)}      # 2024: 44,060 a year nationally (IND)\n"
        "# The chain's forecast is a band (MJP autumn 2024: 39,000-67,100 persons for 2026 "
        "against\n# 44,060 in 2024): each replication (and each future of `placement plan`) "
        "draws its level\n"
        "# once between these factors, so the plan is made for the spread, not only the average.\n"
        "band = [0.885, 1.523]\n"
        "\n[housing]\n"
        "lead_time_weeks = 20\n"
        "# national 15,000 (2025-H1) and 13,000 (2025-H2), scaled; the start half-year uses\n"
        "# taakstelling.csv\n"
        f'taakstelling = {{ "2027-H1" = {round(15000 * scale)}, '
        f'"2027-H2" = {round(13000 * scale)} }}\n'
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "data", help="parent folder")
    args = parser.parse_args(argv)
    for name, kwargs in DEMOS.items():
        locations, persons, settings = generate_scenario(**kwargs)
        folder = write_scenario(args.out / name, locations, persons, settings)
        (folder / "simulation.toml").write_text(simulation_toml(len(persons)), encoding="utf-8")
        candidates = draw_candidates(
            locations, default_count(len(persons)), kwargs["seed"], kwargs["landscape"]
        )
        write_candidates(candidates, folder / "candidates.csv")
        print(
            f"wrote {folder}: {len(locations)} locations, {len(persons)} persons in "
            f"{persons['household_id'].nunique()} households "
            f"({(persons['current_location_id'] == '').sum()} new arrivals)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
