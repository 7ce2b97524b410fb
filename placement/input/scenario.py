"""A scenario as read and validated: typed frames plus settings.

This is what :func:`placement.input.read.read_scenario` returns and what
:func:`placement.model.prepare.prepare` consumes. Conventions of the frames:

- rows keep the input order; a ``line`` column holds the physical line
  where the record starts in its file (the header is line 1);
- text columns hold ``str``; an empty optional text cell is ``""``;
- booleans are ``bool`` with the contract's defaults filled in;
- ``max_children`` is nullable ``Int64`` (``<NA>``: no limit);
- ``lat``/``lon`` of a location are filled from its gemeente's reference
  point when the cell was empty;
- ``open_from``/``open_until`` are ``datetime64[ns]`` with ``NaT`` for
  "no bound".

``locations``: location_id, name, gemeente_code, type, capacity (int64), lat,
lon (float64), has_medical, child_suitable (bool), max_children (Int64),
open_from, open_until, cost_per_night (float64), line.

``persons``: person_id, household_id, age (int64), medical_need (bool), track,
current_location_id, housing_gemeente_code, family_group (str), moves
(int64), line.

``gemeenten``: gemeente_code, name, province, lat, lon, and population when
known (built-in table with the scenario's rows applied), indexed by nothing.

``overrides``: household_id, location_id, action (``pin``/``forbid``),
reason, line; empty frame with these columns when the file is absent.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from placement.input.settings import Settings

#: The files of a scenario folder (``scenario.toml`` is :mod:`placement.input.settings`').
LOCATIONS = "locations.csv"
PERSONS = "persons.csv"
GEMEENTEN = "gemeenten.csv"
OVERRIDES = "overrides.csv"
TAAKSTELLING = "taakstelling.csv"


@dataclass(frozen=True)
class Scenario:
    """A validated scenario folder."""

    folder: Path
    locations: pd.DataFrame
    persons: pd.DataFrame
    gemeenten: pd.DataFrame
    overrides: pd.DataFrame
    settings: Settings
    warnings: tuple[str, ...] = field(default=())

    def with_settings(self, **changes: Any) -> Scenario:
        """A copy with settings changed; ``None`` values are ignored.

        Solver options (``time_limit``, ``mip_gap``, ``threads``) and top-level
        settings (``mode``, ``planning_date``, ``landscape``, ``weights``) may be given.
        """
        return replace(self, settings=self.settings.with_overrides(**changes))
