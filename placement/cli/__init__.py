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
speaks = common.in_language  # every command: --lang, else the scenario's language, else nl
app.command()(speaks(place.validate))
app.command()(speaks(place.place))
app.command()(speaks(generate.generate))
app.command()(speaks(whatif.whatif))
app.command()(speaks(whatif.export))
app.command()(speaks(simulate.simulate))
app.command()(speaks(plan.plan))
app.add_typer(history.history_app, name="history")
app.command()(speaks(history.diff))
app.command()(speaks(link.link))
app.command()(speaks(link.taakstelling))

__all__ = ["app"]
