"""``placement history``, ``placement history show`` and ``placement diff``: the run history.

Glue only: :mod:`placement.history` reads the database; here it is printed.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.table import Table

from placement.cli.common import LangOption, err, in_language, out
from placement.cli.usage import SpokenCommand, SpokenGroup
from placement.errors import PlacementError
from placement.i18n import N_, _, date, decimal, number, tr_n, word
from placement.vocab import KPIS, MODE_WORDS, STATUS_WORDS, Kpi, Mode, term_title

if TYPE_CHECKING:
    from placement.history import RunRecord

#: ``--history PATH`` and ``--no-history``: the same options on every command that records runs.
HistoryOption = Annotated[
    Path | None,
    typer.Option(
        "--history",
        dir_okay=False,
        help=N_(
            "Run history database (default: $PLACEMENT_HISTORY, else "
            "placement/history.sqlite in the user's data folder)."
        ),
    ),
]
NoHistoryOption = Annotated[bool, typer.Option("--no-history", help=N_("Do not record the run."))]

history_app = typer.Typer(
    cls=SpokenGroup,
    help=N_("List recorded runs; 'history show RUN' shows one."),
    no_args_is_help=False,
)


@history_app.callback(invoke_without_command=True)
@in_language
def history(
    ctx: typer.Context,
    history_path: HistoryOption = None,
    limit: Annotated[int, typer.Option(min=1, help=N_("Show at most this many runs."))] = 50,
    lang: LangOption = None,
) -> None:
    """List recorded runs, newest first."""
    ctx.obj = history_path
    if ctx.invoked_subcommand is not None:
        return
    from placement.history import list_runs

    runs = _or_fail(lambda: list_runs(history_path, limit=limit))
    if not runs:
        out.print(_("No runs recorded yet."))
        return
    # no vertical rules, so 80 columns leave the output folder room; a long path wraps
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True, show_edge=False)
    for i, name in enumerate(
        (_("run"), _("started"), _("command"), _("status"), _("persons"), _("unplaced"))
    ):
        table.add_column(name, no_wrap=i < 3, justify="right" if i in (0, 4, 5) else "left")
    table.add_column(_("output"), overflow="fold", ratio=1, min_width=14)
    for r in runs:
        table.add_row(
            str(r.run_id), _when(r.started_at), r.command, run_status(r.status),
            _count(r.persons), _count(r.unplaced), r.out_dir,
        )  # fmt: skip
    out.print(table)


#: How a run ended (``history`` ``status``), in words; the database keeps the codes.
RUN_STATUS_WORDS: dict[str, str] = {
    **{str(k): v for k, v in STATUS_WORDS.items()},
    "done": N_("done"),
    "input_error": N_("input error"),
    "error": N_("refused"),
    "interrupted": N_("interrupted"),
    "crashed": N_("stopped by a defect"),
}
#: Where a household ended (``placements.csv`` and ``links.csv``), in words.
HOUSEHOLD_WORDS = {
    "stay": N_("stays"),
    "move": N_("moved"),
    "new": N_("new, placed"),
    "unplaced": N_("no bed"),
    "linked": N_("linked"),
    "unlinked": N_("not linked"),
}


def run_status(status: str) -> str:
    """A run's status in words (the code itself when it has none)."""
    return word(RUN_STATUS_WORDS, status)


def _when(stamp: str) -> str:
    """A recorded moment (ISO, UTC) as the language writes a date and time, local time."""
    import datetime as dt

    from babel.dates import format_date, format_time

    from placement.i18n import BABEL_LOCALES, current

    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return str(stamp)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    locale = BABEL_LOCALES[current()]
    day, time = (
        format_date(moment, "short", locale=locale),
        format_time(moment, "short", locale=locale),
    )
    return f"{day} {time}"


def _count(value: Any) -> str:
    return "" if value is None else number(value)


@history_app.command("show", cls=SpokenCommand)
@in_language
def show(
    ctx: typer.Context,
    run: Annotated[str, typer.Argument(help=N_("Run id, 'last', or -N (N-th from the last)."))],
    history_path: HistoryOption = None,
    lang: LangOption = None,
) -> None:
    """Show one run: inputs, settings, versions, KPIs and placements by status."""
    from placement.history import get_run

    record = _or_fail(lambda: get_run(history_path or ctx.obj, run))
    _print_record(record)


def diff(
    run_a: Annotated[str, typer.Argument(help=N_("First run: id, 'last' or -N."))],
    run_b: Annotated[str, typer.Argument(help=N_("Second run: id, 'last' or -N."))],
    history_path: HistoryOption = None,
    limit: Annotated[int, typer.Option(min=0, help=N_("List at most this many households."))] = 50,
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
    out.print(f"{run}: {r.command}, {run_status(r.status)}", highlight=False)
    for label, value in [
        (_("started"), _when(r.started_at)),
        (_("finished"), _when(r.finished_at) if r.finished_at else ""),
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
            out.print(f"  {_setting(name)}: {_setting_value(name, value)}", highlight=False)
    table = Table(_("key figure"), _("value"))
    table.columns[1].justify = "right"
    kpis = {k: v for k, v in r.kpis.items() if not isinstance(v, dict | list)}
    for kpi in [*KPIS, *_link_kpis()]:
        if kpi.name in kpis:
            table.add_row(kpi.title, kpi.shown(kpis.pop(kpi.name)))
    for name, value in (r.kpis.get("objective_terms") or {}).items():
        label = _("objective term: {term}").format(term=_term(name))
        table.add_row(label, decimal(float(value), 2) if value is not None else "")
    out.print(table)
    if not r.placements.empty:
        by = r.placements.groupby("status", sort=True)["persons"].agg(["size", "sum"])
        for status, (households, persons) in by.iterrows():
            words = tr_n(
                "{n} household, {persons} persons", "{n} households, {persons} persons",
                int(households), persons=int(persons),
            )  # fmt: skip
            said = word(HOUSEHOLD_WORDS, status)
            out.print(f"  {said}: {words}", highlight=False)


def _link_kpis() -> tuple[Kpi, ...]:
    from placement.link.results import LINK_KPIS

    return tuple(k for k in LINK_KPIS if k.name not in {x.name for x in KPIS})


#: A setting recorded with a run, by its name in scenario.toml.
SETTING_WORDS = {
    "landscape": N_("landscape"),
    "mode": N_("mode"),
    "planning_date": N_("planning date"),
    "solver": N_("solver"),
    "weights": N_("weights"),
    "link": N_("weights of the linking"),
    "taakstelling": N_("taakstelling"),
}


def _setting(name: str) -> str:
    return word(SETTING_WORDS, name)


def _setting_value(name: str, value: Any) -> str:
    """A recorded setting as people read it: words for names, the language's numbers."""
    import datetime as dt

    if name == "mode" and value in MODE_WORDS:
        return _(MODE_WORDS[Mode(value)])
    if name == "planning_date" and isinstance(value, str):
        try:
            return date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, dict):
        prefix = "solver" if name == "solver" else "weight"
        return ", ".join(f"{_weight(prefix, k)} {_text(v)}" for k, v in value.items())
    return _text(value)


def _weight(prefix: str, name: str) -> str:
    """A weight or solver option in words, as the review pages name it."""
    from placement.review.text import TEXT

    for key in (f"{prefix}_{name}", f"term_{name}"):
        text = TEXT.get(key)
        if isinstance(text, str):
            return _(text)
    return name


def _term(name: str) -> str:
    """An objective term in words (the placement's, the plan's, the linking's)."""
    return term_title(name)


def _text(value: Any) -> str:
    """A value as the language writes it ("66.164,93", "3.000")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return number(value)
    if isinstance(value, float):
        if value == int(value) and abs(value) < 1e15:
            return number(int(value))
        if abs(value) >= 1:
            return decimal(value, 2)
        digits = max(3, 2 - math.floor(math.log10(abs(value))))  # 0,0001: its own digits
        return decimal(value, digits).rstrip("0").rstrip(",.")
    return str(value)


def _or_fail(call: Any) -> Any:
    try:
        return call()
    except PlacementError as exc:  # a HistoryError
        word = _("error:")
        err.print(f"[bold red]{word}[/] {exc}", highlight=False)
        raise typer.Exit(code=1) from None
