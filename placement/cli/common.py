"""What every command shares: the Typer app, the consoles, error reporting."""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from placement.errors import NoSolutionError, PlacementError, PlacementInputError
from placement.i18n import _, tr_n, using
from placement.vocab import Lang

if TYPE_CHECKING:
    from placement.input.scenario import Scenario
    from placement.results.outcome import Outcome


class _Console(Console):
    """A console that wraps long lines on a terminal only.

    Piped into a file or another program, every message stays on one line
    (one problem per line, as documented), whatever the width rich guesses.
    """

    def print(self, *args: Any, **kwargs: Any) -> None:  # noqa: D102
        kwargs.setdefault("soft_wrap", not self.file.isatty())
        super().print(*args, **kwargs)


err = _Console(stderr=True)
out = _Console()


def _print_version(asked: bool) -> None:
    if asked:
        from placement.about import __version__

        out.print(f"placement {__version__}")
        raise typer.Exit()


def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Propose where asylum seekers sleep, and explain each placement."""


ScenarioDir = Annotated[
    Path,
    typer.Argument(exists=True, file_okay=False, dir_okay=True, help="Scenario folder."),
]


HtmlOption = Annotated[
    bool, typer.Option("--html", help="Also write the review page (one HTML file, offline).")
]
LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help=(
            "Language of every text meant for people: the reasons, messages, summary and "
            "pages (default: scenario.toml's language, else nl)."
        ),
    ),
]


def in_language(command: Callable[..., Any]) -> Callable[..., Any]:
    """Run ``command`` in its language: ``--lang``, else its scenario's, else the default.

    The command hands its ``lang`` (``None`` unless given) on to
    :func:`placement.input.read.read_scenario`, which reports a bad
    ``language`` in ``scenario.toml`` unless ``--lang`` replaces it. Every
    command goes through here, so here a defect becomes exit status 70
    (:func:`defects_exit`), in the command's language where it is known.
    """

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        from placement.input.settings import scenario_language

        with defects_exit(command.__name__):
            folder = kwargs.get("scenario_dir") or kwargs.get("scenario")
            try:
                lang = scenario_language(folder, kwargs.get("lang"))
            except ValueError as exc:
                raise typer.BadParameter(str(exc), param_hint="--lang") from None
            with using(lang), defects_exit(command.__name__):
                return command(*args, **kwargs)

    return run


#: Set to 1 to see a defect's raw traceback instead of exit status 70 and a report.
DEBUG_VAR = "PLACEMENT_DEBUG"


@contextmanager
def defects_exit(command: str) -> Iterator[None]:
    """An exception that is not the user's doing: one line, a crash report, exit status 70.

    The command line's own exits, usage errors and Ctrl-C pass through;
    ``$PLACEMENT_DEBUG=1`` lets the defect's traceback through too.
    """
    try:
        yield
    except Exception as exc:
        if _of_the_command_line(exc) or os.environ.get(DEBUG_VAR) == "1":
            raise
        raise defect(exc, command) from None


def _of_the_command_line(exc: BaseException) -> bool:
    """An exit, abort or usage error of Typer or Click (Typer may carry Click inside)."""
    return type(exc).__module__.split(".")[0] in {"typer", "click"}


def defect(exc: BaseException, command: str) -> typer.Exit:
    """Write the crash report of ``exc``, print one line about it; the exit to raise (70)."""
    from placement.crash import EXIT_DEFECT, write_report

    word = _("internal error:")
    try:
        path = write_report(exc, command, _options_given())
        line = _(
            "placement stopped on a defect of its own, not on a problem in your input. "
            "A report for its maintainers (no personal data) is in {path}."
        ).format(path=path)
    except OSError as why:
        line = _(
            "placement stopped on a defect of its own, not on a problem in your input; "
            "its report could not be written ({error})."
        ).format(error=why)
    err.print(f"[bold red]{word}[/] {escape(line)}", highlight=False)
    return typer.Exit(code=EXIT_DEFECT)


def _options_given() -> list[str]:
    """The names of the options the running command was given (never their values)."""
    ctx = None
    for module in ("typer._click.globals", "click"):  # where the running Typer keeps its Click
        try:
            ctx = importlib.import_module(module).get_current_context(silent=True)
        except (ImportError, AttributeError):
            continue
        if ctx is not None:
            break
    if ctx is None:
        return []
    names = []
    for param in ctx.command.params:
        source = ctx.get_parameter_source(param.name) if param.name else None
        if source is not None and source.name == "COMMANDLINE" and param.opts:
            if param.param_type_name == "option":  # an argument is a value: a path
                names.append(param.opts[0])
    return names


def fail(exc: PlacementError, code: int) -> typer.Exit:
    """Print every problem of ``exc`` and return the exit to raise."""
    if isinstance(exc, PlacementInputError):
        warn(exc.warnings)
        count = tr_n("The input has {n} problem:", "The input has {n} problems:", len(exc.problems))
        err.print(f"[bold red]{count}[/]")
        for problem in exc.problems:
            err.print(f"  {problem}", markup=False, highlight=False)
    else:
        word = _("error:")
        err.print(f"[bold red]{word}[/] {exc}", highlight=False)
    return typer.Exit(code=code)


def warn(warnings: tuple[str, ...]) -> None:
    """Print warnings (legal but suspicious input)."""
    for warning in warnings:
        word = _("warning:")
        err.print(f"[yellow]{word}[/] {warning}", highlight=False)


class Recorder:
    """Records a command's run in the history; a history problem never fails the run."""

    def __init__(self, db: Path | None, command: str | None, scenario_dir: Path) -> None:
        self.db, self.command, self.scenario_dir = db, command, scenario_dir
        self.started = dt.datetime.now()

    def done(self, scenario: Scenario, outcome: Outcome, out_dir: Path) -> int | None:
        """Record a run that wrote its results; its run id, when recorded."""
        return self._record(scenario=scenario, outcome=outcome, out_dir=out_dir)

    def simulated(self, scenario: Scenario, out_dir: Path) -> int | None:
        """Record a run that wrote a folder without one placement of its own (a simulation)."""
        return self._record(scenario=scenario, out_dir=out_dir, status="done")

    def failed(self, status: str) -> None:
        """Record a run that wrote nothing."""
        self._record(status=status)

    def _record(self, **what: Any) -> int | None:
        if self.command is None:
            return None
        from placement.history import HistoryError, record_run

        try:
            return record_run(
                self.db,
                command=self.command,
                scenario_dir=self.scenario_dir,
                started_at=self.started,
                **what,
            )
        except (HistoryError, OSError) as exc:
            warn((_("the run was not recorded in the history: {error}").format(error=exc),))
            return None


def stamp_page(path: Path, **fields: Any) -> None:
    """Add the run ids to a review page once the history recorded them; warn if it cannot."""
    from placement.review import stamp

    try:
        stamp(path, **fields)
    except (PlacementError, OSError, ValueError) as exc:
        warn(
            (
                _("{page} does not name its run in the history: {error}").format(
                    page=path.name, error=exc
                ),
            )
        )


@contextmanager
def reported(record: Recorder) -> Iterator[None]:
    """Turn the library's errors into the contract's exit statuses, and record them.

    Bad input and other refusals exit 1, no solution in time exits 3; every
    problem is printed. An interrupted run, or one stopped by a defect, is
    recorded and re-raised.
    """
    try:
        yield
    except PlacementInputError as exc:
        record.failed("input_error")
        raise fail(exc, 1) from None
    except NoSolutionError as exc:
        record.failed("no_solution")
        raise fail(exc, 3) from None
    except PlacementError as exc:
        record.failed("error")
        raise fail(exc, 1) from None
    except KeyboardInterrupt:
        record.failed("interrupted")
        raise
    except Exception:
        record.failed("crashed")  # a defect: exit status 70, see defects_exit
        raise
