"""What every command shares: the Typer app, the consoles, error reporting."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from placement.exceptions import PlacementError, PlacementInputError

app = typer.Typer(
    help="Propose where asylum seekers sleep, and explain each placement.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console()

ScenarioDir = Annotated[
    Path,
    typer.Argument(exists=True, file_okay=False, dir_okay=True, help="Scenario folder."),
]


def fail(exc: PlacementError, code: int) -> typer.Exit:
    """Print every problem of ``exc`` and return the exit to raise."""
    if isinstance(exc, PlacementInputError):
        warn(exc.warnings)
        err.print(f"[bold red]The input has {len(exc.problems)} problem(s):[/]")
        for problem in exc.problems:
            err.print(f"  {problem}", markup=False, highlight=False)
    else:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
    return typer.Exit(code=code)


def warn(warnings: tuple[str, ...]) -> None:
    """Print warnings (legal but suspicious input)."""
    for warning in warnings:
        err.print(f"[yellow]warning:[/] {warning}", highlight=False)
