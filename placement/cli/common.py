"""What every command shares: the Typer app, the consoles, error reporting."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

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
    ``language`` in ``scenario.toml`` unless ``--lang`` replaces it.
    """

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        from placement.input.settings import scenario_language

        folder = kwargs.get("scenario_dir") or kwargs.get("scenario")
        try:
            lang = scenario_language(folder, kwargs.get("lang"))
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--lang") from None
        with using(lang):
            return command(*args, **kwargs)

    return run


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
    problem is printed. An interrupted run is recorded and re-raised.
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
