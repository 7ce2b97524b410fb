"""``placement validate`` and ``placement place``: the weekly job and the rebalance."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from placement.cli.common import (
    HtmlOption,
    LangOption,
    Recorder,
    ScenarioDir,
    err,
    out,
    reported,
    stamp_page,
)
from placement.cli.common import fail as _fail
from placement.cli.common import warn as _warn
from placement.cli.history import HistoryOption, NoHistoryOption
from placement.errors import PlacementError
from placement.i18n import N_, _, date, tr, tr_n
from placement.vocab import KPI, MODE_WORDS, RUN_SUMMARY, Mode

if TYPE_CHECKING:
    from placement.deadline import Deadline


def validate(scenario_dir: ScenarioDir, lang: LangOption = None) -> None:
    """Check a scenario folder and list every problem (exit 1 when there are any)."""
    from placement.input.read import read_scenario
    from placement.model.prepare import prepare

    try:
        scenario = read_scenario(scenario_dir, language=lang)
        prepare(scenario)  # overrides are checked against the rules here
    except PlacementError as exc:
        raise _fail(exc, 1) from None
    _warn(scenario.warnings)
    households = scenario.persons["household_id"].nunique()
    ok = tr(
        "{locations} locations, {persons} persons in {households} households, "
        "{overrides} overrides.",
        locations=len(scenario.locations), persons=len(scenario.persons),
        households=households, overrides=len(scenario.overrides),
    )  # fmt: skip
    out.print(f"[green]OK[/]: {ok}")


def place(
    scenario_dir: ScenarioDir,
    out_dir: Annotated[Path, typer.Option("--out", help=N_("Folder for the results."))],
    mode: Annotated[
        str | None,
        typer.Option(help=N_("weekly or rebalance (default: scenario.toml, else weekly).")),
    ] = None,
    time_limit: Annotated[
        float | None,
        typer.Option(min=0.001, help=N_("Seconds for the whole run, reading to writing.")),
    ] = None,
    mip_gap: Annotated[
        float | None, typer.Option(min=0.0, max=0.999, help=N_("Relative optimality gap."))
    ] = None,
    write_model: Annotated[
        Path | None, typer.Option(dir_okay=False, help=N_("Also write the model as MPS."))
    ] = None,
    force: Annotated[
        bool, typer.Option(help=N_("Replace the result files in a non-empty --out."))
    ] = False,
    xlsx: Annotated[bool, typer.Option("--xlsx", help=N_("Also write results.xlsx."))] = False,
    geojson: Annotated[bool, typer.Option("--geojson", help=N_("Also write GeoJSON."))] = False,
    gpkg: Annotated[bool, typer.Option("--gpkg", help=N_("Also write map.gpkg."))] = False,
    parquet: Annotated[bool, typer.Option("--parquet", help=N_("Also write Parquet."))] = False,
    map_: Annotated[bool, typer.Option("--map", help=N_("Also draw map.png."))] = False,
    html: HtmlOption = False,
    lang: LangOption = None,
    history_path: HistoryOption = None,
    no_history: NoHistoryOption = False,
) -> None:
    """Place new arrivals and everyone who must move (weekly), or everyone (rebalance)."""
    started = time.perf_counter()
    from placement.api import run
    from placement.deadline import Deadline, write_up_seconds
    from placement.input.read import read_scenario
    from placement.output.export import FORMATS
    from placement.output.files import check_target
    from placement.output.folder import write_outcome

    if mode is not None and mode not in list(Mode):
        raise typer.BadParameter(_("must be 'weekly' or 'rebalance'"), param_hint="--mode")
    chosen = (xlsx, geojson, gpkg, parquet, map_, html)
    formats = [f for f, on in zip(FORMATS, chosen, strict=True) if on]
    record = Recorder(history_path, None if no_history else "place", scenario_dir)
    with reported(record):
        check_target(out_dir, force=force)
        with err.status(_("reading the scenario")):
            reading = time.perf_counter()
            scenario = read_scenario(scenario_dir, mode=mode, language=lang)
            scenario = scenario.with_settings(time_limit=time_limit, mip_gap=mip_gap)
            read_seconds = time.perf_counter() - reading
        _warn(scenario.warnings)
        deadline = Deadline.after(
            scenario.settings.solver.time_limit, since=started, read_seconds=read_seconds
        )
        households = scenario.persons["household_id"].nunique()
        with err.status(_("solving")) as status:
            result = run(
                scenario, write_model=write_model, progress=status.update,
                deadline=deadline.sooner(write_up_seconds(households, formats, read_seconds)),
            )  # fmt: skip
            formats = fitting_formats(result.kpis, formats, deadline, households, out_dir)
            status.update(_("writing the results"))
            provenance = None
            if html:
                from placement.history import page_provenance

                provenance = page_provenance(scenario_dir)
            write_outcome(
                result, out_dir, force=force, scenario=scenario, formats=formats,
                lang=scenario.settings.language,
                provenance=provenance,
            )  # fmt: skip
    run_id = record.done(scenario, result, out_dir)
    if "html" in formats and run_id is not None:
        stamp_page(out_dir / "report.html", history_id=run_id)
    summary(result.kpis, out_dir)
    if "html" in formats:
        page = out_dir / "report.html"
        out.print(_("Review page: {page} (opens offline in a browser)").format(page=page))


def fitting_formats(
    kpis: dict[str, Any], formats: list[str], deadline: Deadline, households: int, out_dir: Path
) -> list[str]:
    """The exports that fit in the time left, in the order asked.

    The rest are named in ``kpis["reduced"]``, with the command that writes
    them from the result folder later.
    """
    from placement.deadline import write_up_seconds
    from placement.results.outcome import add_cut

    kept = list(formats)
    left = deadline.left()
    while kept and write_up_seconds(households, kept, deadline.read_seconds) > left:
        kept.pop()
    left_out = [f for f in formats if f not in kept]
    if left_out:
        later = f"placement export {out_dir} --format {','.join(left_out)}"
        kpis["reduced"] = add_cut(
            kpis.get("reduced", ""),
            _("the exports {formats} (write them: {command})").format(
                formats=", ".join(left_out), command=later
            ),
        )
    return kept


def summary(kpis: dict[str, Any], out_dir: Path) -> None:
    """Print the run's key figures as a table."""
    title = _("placement: {mode} run, {date}").format(
        mode=_(MODE_WORDS[Mode(kpis["mode"])]),
        date=date(dt.date.fromisoformat(kpis["planning_date"])),
    )
    table = Table(title=title, show_header=False)
    table.add_column(_("figure"))
    table.add_column(_("value"), justify="right")
    for name in RUN_SUMMARY:
        table.add_row(KPI[name].title, KPI[name].shown(kpis[name]))
    out.print(table)
    if kpis["unplaced"]:
        text = tr_n(
            "{n} person could not be placed; see 'reason' in placements.csv.",
            "{n} persons could not be placed; see 'reason' in placements.csv.",
            kpis["unplaced"],
        )
        out.print(f"[yellow]{text}[/]")
    if kpis.get("reduced"):
        text = _("The time limit left no time for {what}.").format(what=kpis["reduced"])
        err.print(f"[yellow]{text}[/]", highlight=False)
    out.print(
        _(
            "Results in {folder}/ (placements.csv, locations.csv, kpis.json, "
            "explanations.csv, shortages.csv, run.json)"
        ).format(folder=out_dir)
    )
