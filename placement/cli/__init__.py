"""The ``placement`` command: one Typer app, each command registered here, in this order.

The modules only parse, call library functions and print; all logic lives
in the package where a notebook can call it too.
"""

from __future__ import annotations

import typer

from placement.cli import common, generate, history, link, place, plan, simulate, whatif
from placement.cli.usage import SpokenGroup, spoken
from placement.i18n import N_

#: The app's help; each command's help is its docstring, the same text in :data:`COMMAND_HELP`.
HELP = N_("Propose where asylum seekers sleep, and explain each placement.")
#: Each command's docstring (its --help), marked for translation (tests/test_cli_language.py
#: checks they are the same text).
COMMAND_HELP = {
    "validate": N_("Check a scenario folder and list every problem (exit 1 when there are any)."),
    "place": N_("Place new arrivals and everyone who must move (weekly), or everyone (rebalance)."),
    "generate": N_("Write a synthetic scenario: real gemeenten and COA figures, synthetic people."),
    "whatif": N_("Solve the baseline and each variant with the same model, and compare them."),
    "export": N_(
        "Export a result folder of place or whatif: Excel, GeoJSON, GeoPackage, Parquet, PNG, HTML."
    ),
    "simulate": N_("Simulate the weeks ahead: inflow, procedures, housing, openings and closures."),
    "plan": N_(
        "Propose which candidate sites to open, and when, against the futures of the chain."
    ),
    "diff": N_(
        "Compare two recorded runs: KPIs, inputs, settings and households placed differently."
    ),
    "link": N_(
        "Link status holders without a gemeente to gemeenten, within each gemeente's quota."
    ),
    "taakstelling": N_(
        "Split N status holders over the gemeenten by population (largest remainders)."
    ),
    "history": N_("List recorded runs, newest first."),
    "history show": N_("Show one run: inputs, settings, versions, KPIs and placements by status."),
}
#: The help of the options every command shares (cli/common.py), marked for translation.
SHARED_HELP = (
    N_("Print the version and exit."),
    N_("Scenario folder."),
    N_("Also write the review page (one HTML file, offline)."),
    N_(
        "Language of every text meant for people: the reasons, messages, summary and "
        "pages (default: scenario.toml's language, else nl)."
    ),
)

app = typer.Typer(
    cls=SpokenGroup,  # help and usage errors in the user's language (cli/usage.py)
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.callback()(common.main)
speaks = common.in_language  # every command: --lang, else the scenario's language, else nl
command = spoken(app.command)
command()(speaks(place.validate))
command()(speaks(place.place))
command()(speaks(generate.generate))
command()(speaks(whatif.whatif))
command()(speaks(whatif.export))
command()(speaks(simulate.simulate))
command()(speaks(plan.plan))
app.add_typer(history.history_app, name="history")
command()(speaks(history.diff))
command()(speaks(link.link))
command()(speaks(link.taakstelling))

__all__ = ["app"]
