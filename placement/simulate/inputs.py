"""What a simulation reads beside the scenario: its settings, taakstelling and capacity plan.

``placement simulate`` and ``placement plan`` read the same files the same
way, so a problem in one of them is reported alike by both: as a
:class:`~placement.errors.PlacementInputError` naming the file.

- :func:`simulation_settings`: ``simulation.toml`` (defaults where it is absent);
- :func:`taakstelling_of`: the scenario's ``taakstelling.csv``, when it has one;
- :func:`capacity_plan_of`: the capacity plan ``simulation.toml`` names;
- :func:`spread_key_of`: the spread key ``simulation.toml`` names.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from placement.errors import Code, InputProblem, PlacementInputError
from placement.i18n import _
from placement.input.scenario import Scenario
from placement.simulate.settings import SimulationSettings, read_simulation_settings


def simulation_settings(folder: Path) -> SimulationSettings:
    """The chain's settings of a scenario folder: its ``simulation.toml``, with the defaults.

    Raises
    ------
    PlacementInputError
        When ``simulation.toml`` cannot be read or holds a value out of range.
    """
    try:
        return read_simulation_settings(folder)
    except (ValueError, TypeError, KeyError) as exc:
        raise setting_problem("simulation.toml", str(exc)) from None


def taakstelling_of(scenario: Scenario) -> pd.DataFrame | None:
    """The scenario folder's ``taakstelling.csv`` per gemeente; ``None`` when it has none.

    Raises
    ------
    PlacementInputError
        When the file names unknown gemeenten or holds bad counts.
    """
    path = scenario.folder / "taakstelling.csv"
    if not path.is_file():
        return None
    from placement.input.read import read_taakstelling

    return read_taakstelling(path, scenario.gemeenten)


def capacity_plan_of(sim: SimulationSettings) -> pd.DataFrame | None:
    """The capacity plan ``simulation.toml`` names (``date`` as a timestamp); ``None``: none.

    Raises
    ------
    PlacementInputError
        When the file cannot be read.
    """
    if sim.capacity_plan is None:
        return None
    try:
        plan = pd.read_csv(sim.capacity_plan, dtype={"location_id": str})
        plan["date"] = pd.to_datetime(plan["date"])
    except (OSError, ValueError, KeyError) as exc:
        raise setting_problem(
            str(sim.capacity_plan), _("cannot be read ({error})").format(error=exc)
        ) from None
    return plan


def spread_key_of(sim: SimulationSettings) -> pd.DataFrame | None:
    """The provinces' spread key ``simulation.toml`` names; ``None``: by population."""
    if sim.spread_file is None:
        return None
    return pd.read_csv(sim.spread_file, dtype={"province": str})


def setting_problem(file: str, message: str) -> PlacementInputError:
    """A problem with a simulation's settings file, as the commands report it."""
    return PlacementInputError([InputProblem(file, None, None, message, Code.BAD_SETTING)])
