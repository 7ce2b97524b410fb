"""The front door of linking: read the inputs, solve, report. Nothing here prints."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from placement.errors import PlacementInputError
from placement.i18n import N_, progress_teller, using
from placement.input.read import read_scenario, read_taakstelling
from placement.input.scenario import TAAKSTELLING, Scenario
from placement.input.settings import scenario_language
from placement.link.problem import prepare_link
from placement.link.results import LinkResult, link_result
from placement.link.solve import solve_link

Progress = Callable[[str], None]
#: Steps of a run at INFO (counts only, never a person's data).
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LinkInputs:
    """A scenario and its quotas, read and checked together."""

    scenario: Scenario
    quotas: pd.DataFrame
    taakstelling: Path
    warnings: tuple[str, ...]


def read_link_inputs(
    folder: Path | str, taakstelling: Path | str | None = None, *, language: str | None = None
) -> LinkInputs:
    """Read a scenario folder and its ``taakstelling.csv``, reporting every problem of both.

    Parameters
    ----------
    folder
        The scenario folder.
    taakstelling
        The quota file; default ``taakstelling.csv`` in ``folder``.
    language
        The language of the problems (default: the scenario's).

    Raises
    ------
    PlacementInputError
        With every problem of the scenario and of the quota file.
    """
    folder = Path(folder)
    path = Path(taakstelling) if taakstelling is not None else folder / TAAKSTELLING
    label = TAAKSTELLING if taakstelling is None else str(path)
    scenario: Scenario | None = None
    problems = []
    warnings: list[str] = []
    try:
        scenario = read_scenario(folder, language=language)
        warnings.extend(scenario.warnings)
    except PlacementInputError as exc:
        problems.extend(exc.problems)
        warnings.extend(exc.warnings)
        if not folder.is_dir():
            raise
    gemeenten = scenario.gemeenten if scenario is not None else None
    quotas: pd.DataFrame | None = None
    try:
        with using(scenario_language(folder, language)):
            quotas = read_taakstelling(path, gemeenten, file=label, warnings=warnings)
    except PlacementInputError as exc:
        problems.extend(exc.problems)
    if problems or scenario is None or quotas is None:
        raise PlacementInputError(problems, warnings=tuple(warnings))
    return LinkInputs(scenario, quotas, path, tuple(warnings))


def run_link(
    scenario: Scenario,
    quotas: pd.DataFrame,
    *,
    progress: Progress | None = None,
    first: int | None = None,
) -> LinkResult:
    """Link the scenario's status holders to gemeenten under ``quotas``.

    Parameters
    ----------
    scenario
        A validated scenario (its ``[link]`` weights and solver options apply).
    quotas
        ``taakstelling.csv`` as :func:`placement.input.read.read_taakstelling` reads it.
    progress
        Called with a short description before each step.
    first
        Nearest gemeenten per class the solver starts from (a tuning knob;
        any value gives the same optimum).
    """
    say = progress_teller(progress, scenario.settings.language, logger.info)

    timings: dict[str, Any] = {}
    t0 = time.perf_counter()
    say(N_("preparing"))
    problem = prepare_link(scenario, quotas)
    timings["prepare_seconds"] = time.perf_counter() - t0
    say(
        N_("linking {households} households ({links} possible links)"),
        households=len(problem.households), links=int(problem.allowed.sum()),
    )  # fmt: skip
    solution = solve_link(problem) if first is None else solve_link(problem, first=first)
    say(N_("writing up the result"))
    t0 = time.perf_counter()
    result = link_result(scenario, problem, solution, extra=timings)
    result.kpis["results_seconds"] = time.perf_counter() - t0
    logger.info(
        "linked %d of %d persons; status %s",
        result.kpis["linked_persons"],
        result.kpis["persons_to_link"],
        result.kpis["status"],
    )
    return result
