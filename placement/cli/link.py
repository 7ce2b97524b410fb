"""``placement link`` and ``placement taakstelling``: status holders, gemeenten, quotas."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from placement.cli.common import LangOption, Recorder, ScenarioDir, err, out, reported, stamp_page
from placement.cli.common import warn as _warn
from placement.cli.history import HistoryOption, NoHistoryOption
from placement.i18n import N_, _, date, tr, tr_n

if TYPE_CHECKING:
    from placement.input.scenario import Scenario
    from placement.link.results import LinkResult


class _LinkRecorder(Recorder):
    """Records a link run: its links per household (ids and codes) and its weights."""

    def linked(
        self, scenario: Scenario, result: LinkResult, out_dir: Path, quotas: Path
    ) -> int | None:
        """Record a run that wrote its results; its run id, when recorded."""
        return self._record(
            scenario=scenario,
            outcome=result,
            out_dir=out_dir,
            extra_settings={"link": asdict(scenario.settings.link), "taakstelling": str(quotas)},
        )


def link(
    scenario_dir: ScenarioDir,
    out_dir: Annotated[Path, typer.Option("--out", help=N_("Folder for the results."))],
    taakstelling: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            help=N_("Quotas: gemeente_code, quota (default: taakstelling.csv in the scenario)."),
        ),
    ] = None,
    time_limit: Annotated[
        float | None, typer.Option(min=0.001, help=N_("Solver time limit in seconds."))
    ] = None,
    mip_gap: Annotated[
        float | None, typer.Option(min=0.0, max=0.999, help=N_("Relative optimality gap."))
    ] = None,
    force: Annotated[
        bool, typer.Option(help=N_("Replace the result files in a non-empty --out."))
    ] = False,
    xlsx: Annotated[bool, typer.Option("--xlsx", help=N_("Also write links.xlsx."))] = False,
    geojson: Annotated[bool, typer.Option("--geojson", help=N_("Also write GeoJSON."))] = False,
    map_: Annotated[bool, typer.Option("--map", help=N_("Also draw map.png."))] = False,
    html: Annotated[
        bool, typer.Option("--html", help=N_("Also write links.html (one HTML file, offline)."))
    ] = False,
    lang: LangOption = None,
    history_path: HistoryOption = None,
    no_history: NoHistoryOption = False,
) -> None:
    """Link status holders without a gemeente to gemeenten, within each gemeente's quota."""
    from placement.history import page_provenance
    from placement.link.folder import write_link_folder
    from placement.link.run import read_link_inputs, run_link
    from placement.output.files import check_target
    from placement.review import write_page

    formats = [f for f, on in (("xlsx", xlsx), ("geojson", geojson), ("png", map_)) if on]
    record = _LinkRecorder(history_path, None if no_history else "link", scenario_dir)
    with reported(record):
        check_target(out_dir, force=force)
        with err.status(_("reading the scenario and its quotas")):
            inputs = read_link_inputs(scenario_dir, taakstelling, language=lang)
            scenario = inputs.scenario.with_settings(time_limit=time_limit, mip_gap=mip_gap)
        _warn(inputs.warnings)
        with err.status(_("linking")) as status:
            result = run_link(scenario, inputs.quotas, progress=status.update)
            status.update(_("writing the results"))
            write_link_folder(result, scenario, out_dir, force=force, formats=formats)
            if html:
                write_page(
                    "links", out_dir, lang=scenario.settings.language,
                    provenance=page_provenance(scenario_dir),
                )  # fmt: skip
    run_id = record.linked(scenario, result, out_dir, inputs.taakstelling)
    if html and run_id is not None:
        stamp_page(out_dir / "links.html", history_id=run_id)
    summary(result.kpis, out_dir)


def summary(kpis: dict[str, Any], out_dir: Path) -> None:
    """Print the run's key figures as a table."""
    from placement.link.results import LINK_KPIS

    day = kpis.get("planning_date")
    title = _("placement link, {date}").format(date=date(dt.date.fromisoformat(day)) if day else "")
    table = Table(title=title, show_header=False)
    table.add_column(_("figure"))
    table.add_column(_("value"), justify="right")
    for kpi in LINK_KPIS:
        table.add_row(kpi.title, kpi.shown(kpis.get(kpi.name)))
    out.print(table)
    if kpis["unlinked_persons"]:
        text = tr_n(
            "{n} person was not linked; see 'reason' in links.csv.",
            "{n} persons were not linked; see 'reason' in links.csv.",
            kpis["unlinked_persons"],
        )
        out.print(f"[yellow]{text}[/]")
    out.print(
        _(
            "Results in {folder}/ (links.csv, gemeenten.csv, kpis.json, and scenario/ with the "
            "housing gemeenten filled in, for placement place)"
        ).format(folder=out_dir)
    )


def taakstelling(
    persons: Annotated[
        int, typer.Option("--persons", min=0, help=N_("Status holders to house (N)."))
    ],
    out_file: Annotated[
        Path, typer.Option("--out", dir_okay=False, help=N_("The taakstelling.csv to write."))
    ],
    gemeenten: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            help=N_("CSV with gemeente_code and population (default: the built-in table)."),
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help=N_("Replace --out if it exists."))] = False,
    lang: LangOption = None,
) -> None:
    """Split N status holders over the gemeenten by population (largest remainders)."""
    from placement.input.read import read_populations
    from placement.link.taakstelling import split_taakstelling, write_taakstelling

    with reported(Recorder(None, None, Path("."))):
        populations = read_populations(gemeenten)
        table = split_taakstelling(persons, populations)
        write_taakstelling(table, out_file, force=force)
    out.print(
        tr(
            "{file}: {persons} persons over {gemeenten} gemeenten (largest quota {largest}).",
            file=str(out_file), persons=persons, gemeenten=len(table),
            largest=int(table["quota"].max()) if len(table) else 0,
        )
    )  # fmt: skip
