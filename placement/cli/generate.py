"""``placement generate``: a synthetic scenario folder from published figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from placement.cli.common import LangOption, err, out
from placement.i18n import N_, _, tr


def generate(
    out_dir: Annotated[Path, typer.Argument(help=N_("Folder for the new scenario."))],
    persons: Annotated[int, typer.Option(min=1, help=N_("Persons in reception."))] = 65000,
    arrivals: Annotated[int, typer.Option(min=0, help=N_("New arrivals this week."))] = 1000,
    locations: Annotated[int, typer.Option(min=1, help=N_("Reception locations."))] = 250,
    seed: Annotated[int, typer.Option(help=N_("Random seed: same seed, same files."))] = 0,
    planning_date: Annotated[
        dt.datetime, typer.Option(formats=["%Y-%m-%d"], help=N_("Planning date (yyyy-mm-dd)."))
    ] = dt.datetime(2026, 11, 23),
    landscape: Annotated[str, typer.Option(help=N_("Landscape: 2024 or 2020."))] = "2024",
    candidates: Annotated[
        int | None,
        typer.Option(min=0, help=N_("Candidate sites in candidates.csv (default: 40 per 65,000).")),
    ] = None,
    force: Annotated[
        bool, typer.Option(help=N_("Replace the files in a non-empty folder."))
    ] = False,
    lang: LangOption = None,
) -> None:
    """Write a synthetic scenario: real gemeenten and COA figures, synthetic people."""
    from placement.output.files import OutputExistsError, check_target
    from placement.synth import generate_scenario, write_scenario

    try:
        check_target(out_dir, force=force, option="folder")
        with err.status(_("generating")):
            locs, people, settings = generate_scenario(
                persons=persons,
                arrivals=arrivals,
                locations=locations,
                seed=seed,
                planning_date=planning_date.date(),
                landscape=landscape,
            )
    except OutputExistsError as exc:
        word = _("error:")
        err.print(f"[bold red]{word}[/] {exc}", highlight=False)
        raise typer.Exit(code=1) from None
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    write_scenario(out_dir, locs, people, settings)
    from placement.synth.candidates import default_count, draw_candidates, write_candidates

    n = default_count(persons) if candidates is None else candidates
    write_candidates(draw_candidates(locs, n, seed, landscape), out_dir / "candidates.csv")
    residents = int((people["current_location_id"] != "").sum())
    out.print(
        tr(
            "Wrote {folder}/: {locations} locations ({beds} beds), {persons} persons "
            "({residents} residents, {arrivals} new arrivals), {candidates} candidate sites, "
            "landscape {landscape}, seed {seed}.",
            folder=str(out_dir), locations=len(locs), beds=int(locs["capacity"].sum()),
            persons=len(people), residents=residents, arrivals=len(people) - residents,
            candidates=n, landscape=landscape, seed=str(seed),
        )
    )  # fmt: skip
