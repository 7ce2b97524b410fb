"""``placement simulate``: the weeks ahead, replicated, with the weekly optimiser in the loop."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from placement.cli.common import (
    LangOption,
    Recorder,
    ScenarioDir,
    err,
    out,
    reported,
    stamp_page,
)
from placement.cli.common import warn as _warn
from placement.cli.history import HistoryOption, NoHistoryOption
from placement.i18n import N_, _, decimal, tr


def simulate(
    scenario_dir: ScenarioDir,
    out_dir: Annotated[Path, typer.Option("--out", help=N_("Folder for the simulation's files."))],
    weeks: Annotated[int, typer.Option(min=1, help=N_("Weeks to simulate (0 … W-1)."))] = 26,
    replications: Annotated[int, typer.Option(min=1, help=N_("Independent replications."))] = 1,
    seed: Annotated[int, typer.Option(help=N_("Root seed: same seed, same files."))] = 0,
    variants: Annotated[
        Path | None,
        typer.Option(
            exists=True, dir_okay=False, help=N_("variants.toml: what-if and chain changes.")
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help=N_("Local worker processes (1: run here)."))
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(help=N_("Address of a running Dask scheduler, e.g. tcp://host:8786.")),
    ] = None,
    keep_weeks: Annotated[
        bool, typer.Option("--keep-weeks", help=N_("Write every week's scenario and placement."))
    ] = False,
    force: Annotated[
        bool, typer.Option(help=N_("Replace the files in a non-empty --out."))
    ] = False,
    html: Annotated[
        bool, typer.Option("--html", help=N_("Also write outlook.html (one HTML file, offline)."))
    ] = False,
    lang: LangOption = None,
    history_path: HistoryOption = None,
    no_history: NoHistoryOption = False,
) -> None:
    """Simulate the weeks ahead: inflow, procedures, housing, openings and closures."""
    from placement.history import page_provenance
    from placement.input.read import read_scenario
    from placement.review import write_page
    from placement.simulate.api import simulate as run_simulation

    if scheduler is not None and workers != 1:
        raise typer.BadParameter(
            _("give --workers or --scheduler, not both"), param_hint="--workers"
        )
    record = Recorder(history_path, None if no_history else "simulate", scenario_dir)
    with reported(record):
        with err.status(_("reading the scenario")):
            scenario = read_scenario(scenario_dir, mode="weekly", language=lang)
        _warn(scenario.warnings)
        tasks = replications * _variant_count(variants)
        with _progress(tasks * weeks) as (bar, advance):
            result = run_simulation(
                scenario, out_dir, weeks=weeks, replications=replications, seed=seed,
                variants_file=variants, workers=workers, scheduler=scheduler,
                keep_weeks=keep_weeks, force=force,
                progress=lambda done: advance(weeks),
            )  # fmt: skip
        if html:
            write_page(
                "outlook", out_dir, lang=scenario.settings.language,
                provenance=page_provenance(scenario_dir),
            )  # fmt: skip
    run_id = record.simulated(scenario, out_dir)
    if html and run_id is not None:
        stamp_page(out_dir / "outlook.html", history_id=run_id)
    summary(result.kpis, out_dir)


def _variant_count(path: Path | None) -> int:
    if path is None:
        return 1
    import tomllib

    try:
        return max(1, len(tomllib.loads(path.read_text("utf-8")).get("variants", {})))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return 1


class _progress:
    """A bar over weeks x replications, advanced as replications finish."""

    def __init__(self, total: int) -> None:
        self.bar = Progress(
            TextColumn(_("simulating")), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err, transient=True,
        )  # fmt: skip
        self.total = total

    def __enter__(self) -> tuple[Progress, Any]:
        self.bar.__enter__()
        task = self.bar.add_task("weeks", total=self.total)
        return self.bar, lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(None, None, None)


def summary(kpis: dict[str, Any], out_dir: Path) -> None:
    """Totals per variant, the first week beds run short, and where the files are."""
    variants = kpis["variants"]
    title = tr(
        "placement simulate: {weeks} weeks x {replications}",
        weeks=kpis["weeks"], replications=kpis["replications"],
    )  # fmt: skip
    table = Table(title=title)
    table.add_column(_("figure"))
    for name in variants:
        table.add_column(name, justify="right")
    totals = next(iter(variants.values()))["totals"] if variants else {}
    for key in totals:
        table.add_row(
            _("{figure} (mean)").format(figure=_(TOTAL_WORDS.get(key, key.replace("_", " ")))),
            *(decimal(v["totals"][key]["mean"], 0) for v in variants.values()),
        )
    types = sorted({t for v in variants.values() for t in v["first_shortage_week"]})
    for t in types:
        table.add_row(
            _("first week short of {type} (p50 / p90)").format(type=t),
            *(_weeks(v["first_shortage_week"].get(t, {})) for v in variants.values()),
        )
    out.print(table)
    for error in kpis["errors"]:
        text = _("{variant} replication {replication}: {error}").format(**error)
        err.print(f"[yellow]{text}[/]", highlight=False)
    out.print(
        _(
            "Results in {folder}/ (weeks.csv, summary.csv, outlook.csv, kpis.json, outlook.png)"
        ).format(folder=out_dir)
    )


#: The simulation's totals in words (``kpis.json`` ``totals``); others are shown by their name.
TOTAL_WORDS = {
    "moved_persons": N_("persons moved"),
    "moved_children": N_("children moved"),
    "children_over_cap": N_("children over the move cap"),
    "linked": N_("status holders linked"),
    "departures_housing": N_("departures to housing"),
    "departures_other": N_("other departures"),
    "arrivals": N_("arrivals"),
    "unplaced": N_("persons without a bed"),
    "arrived_children": N_("children arrived"),
    "arrived_children_moved_twice": N_("arrived children moved beyond the cap"),
    "children_over_cap_floor": N_("over-cap child moves no policy could avoid"),
}


def _weeks(first: dict[str, int | None]) -> str:
    return " / ".join("-" if first.get(q) is None else str(first[q]) for q in ("p50", "p90"))
