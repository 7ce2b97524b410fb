"""``placement plan``: which candidate sites to open, and from which week."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
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
from placement.i18n import N_, _, decimal, number, tr, word
from placement.vocab import KPI, PLAN_TERM_WORDS, gap_shown

#: The printed summary's texts, in one place.
SUMMARY = {
    "title": N_("placement plan: {futures} futures x {weeks} weeks, {candidates} candidates"),
    "status": N_("{status}: expected cost {objective} euro (bound {bound}, gap {gap})"),
    "opened": N_(
        "{opened} candidate(s) opened, {places} places; expected person-nights without a bed "
        "{nights}"
    ),
    "files": N_("Results in {out}/ ({files})"),
    "unrelievable": N_(
        "of which no candidate can relieve {nights} (no candidate of the types of {tracks})"
    ),
    "paired": N_("the plan minus '{versus}': {mean} euro (90 % interval {low} to {high})"),
}


def plan(
    scenario_dir: ScenarioDir,
    candidates: Annotated[
        Path,
        typer.Option(exists=True, dir_okay=False, help=N_("candidates.csv: the sites on offer.")),
    ],
    out_dir: Annotated[Path, typer.Option("--out", help=N_("Folder for the plan's files."))],
    weeks: Annotated[int, typer.Option(min=1, help=N_("Weeks planned (0 … W-1)."))] = 52,
    futures: Annotated[int, typer.Option(min=1, help=N_("Futures of the chain (S)."))] = 20,
    seed: Annotated[int, typer.Option(help=N_("Root seed: same seed, same files."))] = 0,
    evaluate: Annotated[
        int, typer.Option(min=0, help=N_("Prove the plan on R new futures with the placement."))
    ] = 0,
    workers: Annotated[
        int, typer.Option(min=1, help=N_("Local worker processes (1: run here)."))
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(help=N_("Address of a running Dask scheduler, e.g. tcp://host:8786.")),
    ] = None,
    time_limit: Annotated[
        float | None, typer.Option(min=0.001, help=N_("Seconds for the plan's MIP."))
    ] = None,
    mip_gap: Annotated[
        float | None, typer.Option(min=0, max=0.999, help=N_("Relative gap of the plan's MIP."))
    ] = None,
    calibrate: Annotated[
        int,
        typer.Option(
            min=0,
            help=N_(
                "Rounds of calibration: simulate the plan with the placement on its own "
                "futures, take the beds it cannot fill off the model's, solve again."
            ),
        ),
    ] = 0,
    html: Annotated[
        bool, typer.Option("--html", help=N_("Also write plan.html (one HTML file, offline)."))
    ] = False,
    lang: LangOption = None,
    force: Annotated[
        bool, typer.Option(help=N_("Replace the files in a non-empty --out."))
    ] = False,
    history_path: HistoryOption = None,
    no_history: NoHistoryOption = False,
) -> None:
    """Propose which candidate sites to open, and when, against the futures of the chain."""
    from placement.input.read import read_scenario
    from placement.plan.api import run_plan

    if scheduler is not None and workers != 1:
        raise typer.BadParameter(
            _("give --workers or --scheduler, not both"), param_hint="--workers"
        )
    record = Recorder(history_path, None if no_history else "plan", scenario_dir)
    with reported(record):
        with err.status(_("reading the scenario")):
            scenario = read_scenario(scenario_dir, mode="weekly", language=lang)
        _warn(scenario.warnings)
        with err.status(_("planning")) as status:
            result = run_plan(
                scenario, candidates, out_dir, weeks=weeks, futures=futures, seed=seed,
                evaluate_futures=evaluate, workers=workers, scheduler=scheduler,
                time_limit=time_limit, mip_gap=mip_gap, calibrate_rounds=calibrate, force=force,
                say=lambda text: status.update(text),
            )  # fmt: skip
        if html:
            from placement.history import page_provenance
            from placement.review import write_page

            write_page(
                "plan", out_dir, lang=scenario.settings.language,
                provenance=page_provenance(scenario_dir),
            )  # fmt: skip
    run_id = record.simulated(scenario, out_dir)
    if html and run_id is not None:
        stamp_page(out_dir / "plan.html", history_id=run_id)
    summary(result.kpis, len(result.plan), out_dir, result.evaluation is not None, html)


def summary(kpis: dict[str, Any], n: int, out_dir: Path, evaluated: bool, html: bool) -> None:
    """What opens, the objective and its bound, and where the files are."""
    table = Table(title=tr(SUMMARY["title"],
        futures=kpis["futures"], weeks=kpis["weeks"], candidates=n
    ))  # fmt: skip
    table.add_column(_("cost item"))
    table.add_column(_("euro"), justify="right")
    for name, value in kpis["objective_terms"].items():
        table.add_row(word(PLAN_TERM_WORDS, name), decimal(value, 0))
    out.print(table)
    bound = kpis["bound"]
    gap = kpis["mip_gap"]
    out.print(_(SUMMARY["status"]).format(
        status=KPI["status"].shown(kpis["status"]), objective=decimal(kpis["objective"], 0),
        bound="-" if bound is None else decimal(bound, 0), gap=gap_shown(gap),
    ))  # fmt: skip
    out.print(_(SUMMARY["opened"]).format(
        opened=kpis["opened"], places=number(kpis["opened_places"]),
        nights=decimal(kpis["expected_short_person_nights"], 0),
    ))  # fmt: skip
    never = kpis.get("unrelievable_tracks") or {}
    if never and kpis.get("unrelievable_short_person_nights"):
        tracks = "; ".join(f"{k} ({', '.join(types)})" for k, types in never.items())
        nights = decimal(kpis["unrelievable_short_person_nights"], 0)
        out.print("  " + tr(SUMMARY["unrelievable"], nights=nights, tracks=tracks))
    for row in kpis.get("evaluation_paired") or []:
        out.print("  " + tr(SUMMARY["paired"], versus=row["versus"], mean=decimal(row["mean"], 0),
                            low=decimal(row["low"], 0), high=decimal(row["high"], 0)))  # fmt: skip
    files = ["plan.csv", "demand.csv", "beds.csv", "kpis.json", "scenario/"]
    if evaluated:
        files += ["evaluation.csv", "evaluation_futures.csv", "evaluation.png"]
    if html:
        files.append("plan.html")
    out.print(_(SUMMARY["files"]).format(out=out_dir, files=", ".join(files)))
