"""The ``placement`` command: one Typer app, each command registered here, in this order.

The modules only parse, call library functions and print; all logic lives
in the package where a notebook can call it too.
"""

from __future__ import annotations

import typer

from placement.cli import common, generate, history, link, place, plan, simulate, whatif

app = typer.Typer(
    help="Propose where asylum seekers sleep, and explain each placement.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.callback()(common.main)
app.command()(place.validate)
app.command()(place.place)
app.command()(generate.generate)
app.command()(whatif.whatif)
app.command()(whatif.export)
app.command()(simulate.simulate)
app.command()(plan.plan)
app.add_typer(history.history_app, name="history")
app.command()(history.diff)
app.command()(link.link)
app.command()(link.taakstelling)

__all__ = ["app"]
