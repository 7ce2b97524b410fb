"""``simulation.toml``: the chain the simulation steps through, with published defaults.

Every key is optional. A default is a published figure where one exists
(source and date beside it, and in ``docs/simulation.md``), else an
assumption that says so.

Published figures the defaults come from
----------------------------------------
- Inflow: 32,180 first asylum applications and 11,880 family-reunification
  arrivals (nareizigers) in 2024 (IND, Asylum Trends 2024): 44,060 persons,
  about 850 a week. The chain's multi-year forecast (MJP, autumn 2024) gave
  39,000-67,100 for 2026.
- Time in a track: registration about 1-2 weeks; the accelerated
  (safe-country) track about 7 weeks, about 98 % rejected; the regular
  procedure about a year; grant rate 40-62 % (2023-2025) (IND).
- Leaving reception: 44,280 persons left COA in 2024, of whom 30,210 status
  holders to a home (COA, 2024).
- Housing: the half-year taakstelling of the gemeenten, 15,000 in 2025-H1
  and 13,000 in 2025-H2 (Rijksoverheid); the norm of 14 weeks from permit to
  home is missed most of the time (COA, 2024).
- Capacity outlook: the Spreidingswet's key spreads 96,000 places over the
  provinces by population.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from placement.i18n import _

#: Persons arriving per week (2024: 32,180 + 11,880 = 44,060 a year).
INFLOW_PER_WEEK = 850.0
#: Weeks a rejected household stays before it leaves reception (assumption).
LEAVE_WEEKS = 12.0
#: Mean weeks from a link to the household's move into its home (norm 14, mostly missed).
HOUSING_LEAD_WEEKS = 20.0
#: The national taakstelling per half year; later half-years repeat the last one.
TAAKSTELLING = {"2025-H1": 15_000, "2025-H2": 13_000}
#: Places the Spreidingswet spreads over the provinces by population.
SPREAD_TARGET = 96_000
#: Where a household goes when its time in a track is up: another track, or ``leave``.
LEAVE = "leave"


@dataclass(frozen=True)
class Flow:
    """One track: the mean weeks a household stays in it, and where it goes next (shares)."""

    weeks: float
    next: dict[str, float]

    def __post_init__(self) -> None:
        if not self.weeks >= 1:
            raise ValueError(_("weeks must be at least 1, got {value}").format(value=self.weeks))
        total = sum(self.next.values())
        if not self.next or any(v < 0 for v in self.next.values()) or abs(total - 1) > 1e-9:
            raise ValueError(
                _("next shares must be >= 0 and add up to 1, got {value}").format(value=self.next)
            )


#: Default flows per shipped landscape. Status-holder tracks have none: they
#: leave through housing. Shares not published are assumptions (docs/simulation.md).
FLOWS: dict[str, dict[str, Flow]] = {
    "2024": {
        "aanmelding": Flow(1.5, {"regulier": 0.80, "versneld": 0.15, "htl": 0.02, "ibo": 0.03}),
        "versneld": Flow(7.0, {LEAVE: 0.98, "vergunninghouder": 0.02}),
        "regulier": Flow(52.0, {"vergunninghouder": 0.5, LEAVE: 0.5}),
        "htl": Flow(12.0, {"regulier": 1.0}),
        "ibo": Flow(26.0, {"regulier": 1.0}),
    },
    "2020": {
        "aanmelding": Flow(
            1.5, {"kansrijk": 0.45, "overig": 0.35, "kansarm": 0.15, "htl": 0.02, "ibo": 0.03}
        ),
        "kansarm": Flow(7.0, {LEAVE: 0.98, "vergunninghouder": 0.02}),
        "overig": Flow(52.0, {"vergunninghouder": 0.4, LEAVE: 0.6}),
        "kansrijk": Flow(26.0, {"vergunninghouder": 0.9, LEAVE: 0.1}),
        "htl": Flow(12.0, {"overig": 1.0}),
        "ibo": Flow(26.0, {"overig": 1.0}),
    },
}


@dataclass(frozen=True)
class SimulationSettings:
    """The chain's parameters (``simulation.toml``), with published defaults."""

    inflow_per_week: float = INFLOW_PER_WEEK
    inflow_factor: float = 1.0
    inflow_file: Path | None = None
    arrival_track: str | None = None  # None: the landscape's first track
    flows: dict[str, Flow] = field(default_factory=dict)  # empty: the landscape's defaults
    leave_weeks: float = LEAVE_WEEKS
    housing_lead_weeks: float = HOUSING_LEAD_WEEKS
    taakstelling: dict[str, int] = field(default_factory=lambda: dict(TAAKSTELLING))
    capacity_plan: Path | None = None
    spread_target: int = SPREAD_TARGET
    spread_file: Path | None = None

    def __post_init__(self) -> None:
        if not self.inflow_per_week >= 0 or not self.inflow_factor >= 0:
            raise ValueError(_("inflow persons_per_week and factor must be >= 0"))
        if not self.leave_weeks >= 1 or not self.housing_lead_weeks >= 1:
            raise ValueError(_("leave_weeks and housing lead_time_weeks must be at least 1"))
        for key, persons in self.taakstelling.items():
            _half_year_key(key)
            if isinstance(persons, bool) or not isinstance(persons, int) or persons < 0:
                raise ValueError(
                    _("taakstelling {key}: a whole number >= 0, got {value}").format(
                        key=key, value=repr(persons)
                    )
                )

    def flows_for(self, landscape: str) -> dict[str, Flow]:
        """The track flows: the file's, else the shipped landscape's defaults."""
        return self.flows or FLOWS.get(landscape, {})

    def national_taakstelling(self, half_year: str) -> int:
        """The national taakstelling of ``2026-H1``: given, else the last one given before it."""
        known = sorted(k for k in self.taakstelling if k <= half_year)
        if known:
            return self.taakstelling[known[-1]]
        return self.taakstelling[min(self.taakstelling)] if self.taakstelling else 0

    def with_changes(self, **changes: Any) -> SimulationSettings:
        """A copy with ``changes`` (names of this class's fields)."""
        return replace(self, **changes)


def half_year(day: Any) -> str:
    """``2026-H1`` for a date from January to June, ``2026-H2`` otherwise."""
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


def _half_year_key(key: str) -> None:
    year, _dash, half = key.partition("-")
    if not (year.isdigit() and half in ("H1", "H2")):
        raise ValueError(
            _("taakstelling keys are like 2026-H1, got {value}").format(value=repr(key))
        )


SECTIONS = ("inflow", "arrivals", "tracks", "leave", "housing", "capacity", "spread")


def read_simulation_settings(folder: Path) -> SimulationSettings:
    """Read ``simulation.toml`` from ``folder`` (all defaults when it is absent).

    Raises
    ------
    ValueError
        Naming the key when the file is not valid TOML or a value is out of range.
    """
    path = folder / "simulation.toml"
    if not path.exists():
        return SimulationSettings()
    with open(path, "rb") as handle:
        try:
            raw = tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(
                _("simulation.toml: not valid TOML ({error})").format(error=exc)
            ) from None
    unknown = sorted(set(raw) - set(SECTIONS))
    if unknown:
        raise ValueError(
            _("simulation.toml: unknown table(s) {unknown}; known: {known}").format(
                unknown=unknown, known=list(SECTIONS)
            )
        )
    return settings_from_dict(raw, folder)


def settings_from_dict(raw: dict[str, Any], base: Path) -> SimulationSettings:
    """Build settings from the tables of a ``simulation.toml`` (paths relative to ``base``)."""
    inflow = dict(raw.get("inflow", {}))
    arrivals = dict(raw.get("arrivals", {}))
    housing = dict(raw.get("housing", {}))
    capacity = dict(raw.get("capacity", {}))
    spread = dict(raw.get("spread", {}))
    leave = dict(raw.get("leave", {}))
    _known("inflow", inflow, ("persons_per_week", "factor", "file"))
    _known("arrivals", arrivals, ("track",))
    _known("housing", housing, ("taakstelling", "lead_time_weeks"))
    _known("capacity", capacity, ("plan",))
    _known("spread", spread, ("target", "file"))
    _known("leave", leave, ("weeks",))
    flows = {
        str(track): Flow(float(spec["weeks"]), {str(k): float(v) for k, v in spec["next"].items()})
        for track, spec in dict(raw.get("tracks", {})).items()
    }
    default = SimulationSettings()
    return SimulationSettings(
        inflow_per_week=float(inflow.get("persons_per_week", default.inflow_per_week)),
        inflow_factor=float(inflow.get("factor", 1.0)),
        inflow_file=base / inflow["file"] if inflow.get("file") else None,
        arrival_track=str(arrivals["track"]) if "track" in arrivals else None,
        flows=flows,
        leave_weeks=float(leave.get("weeks", default.leave_weeks)),
        housing_lead_weeks=float(housing.get("lead_time_weeks", default.housing_lead_weeks)),
        taakstelling={
            str(k): v for k, v in dict(housing.get("taakstelling", TAAKSTELLING)).items()
        },
        capacity_plan=base / capacity["plan"] if capacity.get("plan") else None,
        spread_target=int(spread.get("target", default.spread_target)),
        spread_file=base / spread["file"] if spread.get("file") else None,
    )


def _known(table: str, values: dict[str, Any], keys: tuple[str, ...]) -> None:
    unknown = sorted(set(values) - set(keys))
    if unknown:
        raise ValueError(
            _("simulation.toml [{table}]: unknown key(s) {unknown}; known: {known}").format(
                table=table, unknown=unknown, known=list(keys)
            )
        )


def field_names() -> tuple[str, ...]:
    """The settings a variant may change by name."""
    return tuple(f.name for f in fields(SimulationSettings))
