"""``placement whatif`` and ``placement export``: compare variants, export results."""

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
from placement.cli.common import fail as _fail
from placement.cli.common import warn as _warn
from placement.cli.history import HistoryOption, NoHistoryOption
from placement.errors import PlacementError
from placement.i18n import N_, _, current, number, tr_n
from placement.vocab import KPI, WHATIF_SUMMARY, Mode

Ids = Annotated[
    list[str] | None,
    typer.Option(help=N_("Close these locations (ID or ID,ID...): last night the day before.")),
]
Capacities = Annotated[
    list[str] | None, typer.Option(help=N_("Set capacities: ID=N[,ID=N...] (repeatable)."))
]


def whatif(
    scenario_dir: ScenarioDir,
    out_dir: Annotated[
        Path, typer.Option("--out", help=N_("Folder for all runs and the comparison."))
    ],
    variants: Annotated[
        Path | None,
        typer.Option(exists=True, dir_okay=False, help=N_("variants.toml with variants.")),
    ] = None,
    name: Annotated[
        str, typer.Option(help=N_("Name of the variant given by options."))
    ] = "variant",
    add_locations: Annotated[
        Path | None, typer.Option(exists=True, dir_okay=False, help=N_("CSV of new locations."))
    ] = None,
    close: Ids = None,
    capacity: Capacities = None,
    flex: Annotated[
        list[str] | None,
        typer.Option(help=N_("Set flexible beds: ID=N[,ID=N...] (repeatable).")),
    ] = None,
    arrivals_factor: Annotated[
        float | None, typer.Option(min=0.0, help=N_("Scale new arrivals, e.g. 1.5 for a surge."))
    ] = None,
    seed: Annotated[int, typer.Option(help=N_("Seed for drawing extra arrivals."))] = 0,
    landscape: Annotated[
        str | None, typer.Option(help=N_("Another landscape: name or path."))
    ] = None,
    weights: Annotated[
        Path | None, typer.Option(exists=True, dir_okay=False, help=N_("TOML with [weights]."))
    ] = None,
    mode: Annotated[
        str | None, typer.Option(help=N_("weekly or rebalance, for every run."))
    ] = None,
    time_limit: Annotated[
        float | None, typer.Option(min=0.001, help=N_("Seconds per run."))
    ] = None,
    mip_gap: Annotated[
        float | None, typer.Option(min=0.0, max=0.999, help=N_("Relative gap."))
    ] = None,
    xlsx: Annotated[bool, typer.Option("--xlsx", help=N_("Also write whatif.xlsx."))] = False,
    geojson: Annotated[bool, typer.Option("--geojson", help=N_("Also write GeoJSON."))] = False,
    gpkg: Annotated[bool, typer.Option("--gpkg", help=N_("Also write GeoPackages."))] = False,
    parquet: Annotated[bool, typer.Option("--parquet", help=N_("Also write Parquet."))] = False,
    map_: Annotated[bool, typer.Option("--map", help=N_("Also draw PNG maps."))] = False,
    html: Annotated[
        bool,
        typer.Option("--html", help=N_("Also write comparison.html (one HTML file, offline).")),
    ] = False,
    lang: LangOption = None,
    force: Annotated[
        bool, typer.Option(help=N_("Replace the results in a non-empty --out."))
    ] = False,
    history_path: HistoryOption = None,
    no_history: NoHistoryOption = False,
) -> None:
    """Solve the baseline and each variant with the same model, and compare them."""
    from placement.history import page_provenance
    from placement.input.read import read_scenario
    from placement.output.export import FORMATS
    from placement.output.files import check_target
    from placement.output.folder import write_whatif
    from placement.whatif import read_variants, run_whatif

    if mode is not None and mode not in list(Mode):
        raise typer.BadParameter(_("must be 'weekly' or 'rebalance'"), param_hint="--mode")
    given = _option_variant(
        name, add_locations, close, capacity, flex, arrivals_factor, seed, landscape, weights
    )
    chosen = (xlsx, geojson, gpkg, parquet, map_, html)
    formats = [f for f, on in zip(FORMATS, chosen, strict=True) if on]
    record = Recorder(history_path, None if no_history else "whatif", scenario_dir)
    with reported(record):
        check_target(out_dir, force=force)
        todo = (read_variants(variants) if variants else []) + ([given] if given else [])
        if not todo:
            raise typer.BadParameter(
                _(
                    "give at least one change (--close, --add-locations, --capacity, --flex, "
                    "--arrivals-factor, --landscape, --weights) or --variants FILE"
                )
            )
        with err.status(_("reading the scenario")):
            scenario = read_scenario(scenario_dir, mode=mode, language=lang)
            scenario = scenario.with_settings(time_limit=time_limit, mip_gap=mip_gap)
        _warn(scenario.warnings)
        with err.status(_("solving")) as status:
            result = run_whatif(scenario, todo, progress=status.update)
            status.update(_("writing the results"))
            provenance = page_provenance(scenario_dir) if html else None
            write_whatif(
                result,
                out_dir,
                formats=formats,
                force=force,
                lang=scenario.settings.language,
                provenance=provenance,
            )
    ids = {
        name: record.done(result.scenarios[name], outcome, out_dir / name)
        for name, outcome in result.outcomes.items()
    }
    if html and all(i is not None for i in ids.values()):
        stamp_page(out_dir / "comparison.html", history_ids=ids)
    summary(result, out_dir)


def _option_variant(
    name: str,
    add_locations: Path | None,
    close: list[str] | None,
    capacity: list[str] | None,
    flex: list[str] | None,
    arrivals_factor: float | None,
    seed: int,
    landscape: str | None,
    weights: Path | None,
) -> Any:
    """The variant the options describe, or ``None`` when they change nothing."""
    from placement.whatif import Variant, read_weights

    changes = (add_locations, close, capacity, flex, arrivals_factor, landscape, weights)
    if all(c is None for c in changes):
        return None
    try:
        return Variant(
            name=name,
            add_locations=add_locations,
            close=tuple(_split(close)),
            capacity=_capacities(_split(capacity), "--capacity"),
            flex=_capacities(_split(flex), "--flex"),
            arrivals_factor=1.0 if arrivals_factor is None else arrivals_factor,
            seed=seed,
            landscape=landscape,
            weights=read_weights(weights) if weights is not None else {},
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _capacities(pairs: list[str], option: str) -> dict[str, int]:
    beds = {}
    for pair in pairs:
        location_id, _sep, count = pair.partition("=")
        if not location_id.strip() or not count.strip().isdigit():
            raise typer.BadParameter(
                _("expected ID=N, got {value}").format(value=repr(pair)), param_hint=option
            )
        beds[location_id.strip()] = int(count)
    return beds


def summary(result: Any, out_dir: Path) -> None:
    """Print the KPIs side by side, and where the files are."""
    kpis = result.comparison.kpis.set_index("kpi")
    runs = list(result.outcomes)
    table = Table(title=_("what-if: baseline and variants"))
    table.add_column(_("key figure"), no_wrap=True)
    for run in runs:
        table.add_column(run, justify="right")
    for run in runs[1:]:
        table.add_column(_("{variant} change").format(variant=run), justify="right")
    for name in WHATIF_SUMMARY:
        row, kpi = kpis.loc[name], KPI[name]
        cells = [row[r] for r in runs] + [row[f"{r}_change"] for r in runs[1:]]
        table.add_row(kpi.title, *(kpi.shown(v) for v in cells))
    out.print(table)
    for variant in result.variants:
        moved = result.comparison.closure_moves
        moved = moved[moved["variant"] == variant.name]
        unplaced = int(moved.loc[moved["to_location_id"] == "", "persons"].sum())
        text = "; ".join(variant.changes)
        out.print(f"[bold]{variant.name}[/]: {text}", highlight=False)
        if len(moved):
            text = tr_n(
                "a closure moves {persons} persons in {n} household ({unplaced} without a bed)",
                "a closure moves {persons} persons in {n} households ({unplaced} without a bed)",
                len(moved), persons=int(moved["persons"].sum()), unplaced=unplaced,
            )  # fmt: skip
            out.print(f"  {text}")
    out.print(_("Results in {folder}/ (one folder per run, comparison/)").format(folder=out_dir))


def export(
    out_dir: Annotated[
        Path, typer.Argument(exists=True, file_okay=False, help=N_("A result folder."))
    ],
    format_: Annotated[
        list[str], typer.Option("--format", help=N_("xlsx, geojson, gpkg, parquet, png or html."))
    ],
    scenario: Annotated[
        Path | None,
        typer.Option(exists=True, file_okay=False, help=N_("Scenario folder, for coordinates.")),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Export a result folder of place or whatif: Excel, GeoJSON, GeoPackage, Parquet, PNG, HTML."""
    from placement.history import recorded_provenance
    from placement.input.read import read_scenario
    from placement.output.export import check_formats
    from placement.output.folder import export_folder

    try:
        formats = check_formats(_split(format_))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--format") from None
    try:
        with err.status(_("exporting")):
            base = read_scenario(scenario, language=lang) if scenario is not None else None
            provenance = recorded_provenance(None, out_dir) if "html" in formats else None
            paths = export_folder(
                out_dir, formats, scenario=base, lang=current(), provenance=provenance
            )
    except PlacementError as exc:
        raise _fail(exc, 1) from None
    table = Table(title=_("export: {folder}").format(folder=out_dir))
    table.add_column(_("file"))
    table.add_column(_("bytes"), justify="right")
    for path in paths:
        table.add_row(str(path.relative_to(out_dir)), number(path.stat().st_size))
    out.print(table)
