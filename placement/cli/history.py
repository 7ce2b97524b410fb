"""``placement history``, ``placement history show`` and ``placement diff``: the run history.

Glue only: :mod:`placement.history` reads the database; here it is printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from placement.cli.common import LangOption, err, in_language, out
from placement.errors import PlacementError
from placement.i18n import _, tr_n

if TYPE_CHECKING:
    from placement.history import RunRecord

#: ``--history PATH`` and ``--no-history``: the same options on every command that records runs.
HistoryOption = Annotated[
    Path | None,
    typer.Option(
        "--history",
        dir_okay=False,
        help=(
            "Run history database (default: $PLACEMENT_HISTORY, else "
            "placement/history.sqlite in the user's data folder)."
        ),
    ),
]
NoHistoryOption = Annotated[bool, typer.Option("--no-history", help="Do not record the run.")]

history_app = typer.Typer(
    help="List recorded runs; 'history show RUN' shows one.", no_args_is_help=False
)


@history_app.callback(invoke_without_command=True)
@in_language
def history(
    ctx: typer.Context,
    history_path: HistoryOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many runs.")] = 50,
    lang: LangOption = None,
) -> None:
    """List recorded place and whatif runs, newest first."""
    ctx.obj = history_path
    if ctx.invoked_subcommand is not None:
        return
    from placement.history import list_runs

    runs = _or_fail(lambda: list_runs(history_path, limit=limit))
    if not runs:
        out.print(_("No runs recorded yet."))
        return
    table = Table(
        _("run"), _("started"), _("command"), _("status"), _("persons"), _("unplaced"),
        _("objective"), _("output"),
    )  # fmt: skip
    for r in runs:
        objective = "" if r.objective is None else f"{r.objective:.2f}"
        table.add_row(
            str(r.run_id), r.started_at, r.command, r.status, _text(r.persons),
            _text(r.unplaced), objective, r.out_dir,
        )  # fmt: skip
    out.print(table)


@history_app.command("show")
@in_language
def show(
    ctx: typer.Context,
    run: Annotated[str, typer.Argument(help="Run id, 'last', or -N (N-th from the last).")],
    history_path: HistoryOption = None,
    lang: LangOption = None,
) -> None:
    """Show one run: inputs, settings, versions, KPIs and placements by status."""
    from placement.history import get_run

    record = _or_fail(lambda: get_run(history_path or ctx.obj, run))
    _print_record(record)


def diff(
    run_a: Annotated[str, typer.Argument(help="First run: id, 'last' or -N.")],
    run_b: Annotated[str, typer.Argument(help="Second run: id, 'last' or -N.")],
    history_path: HistoryOption = None,
    limit: Annotated[int, typer.Option(min=0, help="List at most this many households.")] = 50,
    lang: LangOption = None,
) -> None:
    """Compare two recorded runs: KPIs, inputs, settings and households placed differently."""
    from placement.history import diff_runs

    d = _or_fail(lambda: diff_runs(history_path, run_a, run_b))
    run_a, run_b = (_("run {id}").format(id=r.run_id) for r in (d.a, d.b))
    out.print(f"{run_a} ({d.a.started_at}) -> {run_b} ({d.b.started_at})")
    out.print(_("inputs that differ: {names}").format(names=", ".join(d.inputs) or _("none")))
    for name, (a, b) in d.settings.items():
        out.print(_("setting {name}: {a} -> {b}").format(name=name, a=a, b=b), highlight=False)
    table = Table(_("key figure"), run_a, run_b, _("change"))
    for kpi, a, b, change in d.kpis.itertuples(index=False):
        table.add_row(kpi, _text(a), _text(b), _text(change))
    out.print(table)
    changes = d.placements
    persons = int(changes["persons"].sum())
    out.print(
        tr_n(
            "{n} household ({persons} persons) is placed differently.",
            "{n} households ({persons} persons) are placed differently.",
            len(changes), persons=persons,
        )
    )  # fmt: skip
    if len(changes) and limit:
        rows = Table(_("household"), _("persons"), run_a, run_b)
        for h, n, to_a, st_a, to_b, st_b in changes.head(limit).itertuples(index=False):
            rows.add_row(h, str(n), f"{to_a or '-'} ({st_a})", f"{to_b or '-'} ({st_b})")
        out.print(rows)


def _print_record(r: RunRecord) -> None:
    run = _("run {id}").format(id=r.run_id)
    out.print(f"{run}: {r.command}, {r.status}", highlight=False)
    for label, value in [
        (_("started"), r.started_at),
        (_("finished"), r.finished_at),
        (_("scenario"), r.scenario_dir),
        (_("output"), r.out_dir or _("(nothing written)")),
        (_("versions"), ", ".join(f"{k} {v}" for k, v in sorted(r.versions.items()))),
        (_("note"), r.note),
    ]:
        if value:
            out.print(f"  {label}: {value}", highlight=False)
    for name, digest in r.inputs.items():
        label = _("input {name}").format(name=name)
        out.print(f"  {label}: sha256 {digest}", highlight=False)
    for name, value in r.settings.items():
        if name != "landscape_tracks":
            label = _("setting {name}").format(name=name)
            out.print(f"  {label}: {value}", highlight=False)
    table = Table(_("key figure"), _("value"))
    for name, value in r.kpis.items():
        if not isinstance(value, dict | list):
            table.add_row(name, _text(value))
    for name, value in (r.kpis.get("objective_terms") or {}).items():
        table.add_row(f"objective_terms.{name}", _text(value))
    out.print(table)
    if not r.placements.empty:
        by = r.placements.groupby("status", sort=True)["persons"].agg(["size", "sum"])
        for status, (households, persons) in by.iterrows():
            words = _("{households} households, {persons} persons").format(
                households=households, persons=persons
            )
            out.print(f"  {status}: {words}")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.2f}"
    return str(value)


def _or_fail(call: Any) -> Any:
    try:
        return call()
    except PlacementError as exc:  # a HistoryError
        word = _("error:")
        err.print(f"[bold red]{word}[/] {exc}", highlight=False)
        raise typer.Exit(code=1) from None
