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

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from placement.i18n import _
from placement.input.chain import (
    HOUSING_LEAD_WEEKS,
    LEAVE,
    LEAVE_WEEKS,
    Chain,
    Flow,
    chain_from_dict,
    load_simulation_toml,
)

__all__ = ["LEAVE", "Chain", "Flow", "SimulationSettings", "read_simulation_settings"]

#: Persons arriving per week (2024: 32,180 + 11,880 = 44,060 a year).
INFLOW_PER_WEEK = 850.0
#: The national taakstelling per half year; later half-years repeat the last one.
TAAKSTELLING = {"2025-H1": 15_000, "2025-H2": 13_000}
#: Places the Spreidingswet spreads over the provinces by population.
SPREAD_TARGET = 96_000


@dataclass(frozen=True)
class SimulationSettings:
    """The chain's parameters (``simulation.toml``), with published defaults."""

    inflow_per_week: float = INFLOW_PER_WEEK
    inflow_factor: float = 1.0
    inflow_file: Path | None = None
    #: (low, high): each replication's inflow level is drawn once, uniformly, between
    #: these factors (the forecast's band); ``None``: the level as given.
    inflow_band: tuple[float, float] | None = None
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
        if self.inflow_band is not None:
            low, high = self.inflow_band
            if not 0 <= low <= high:
                raise ValueError(
                    _("inflow band must be two factors 0 <= low <= high, got {value}").format(
                        value=repr(self.inflow_band)
                    )
                )
        Chain(self.flows, self.leave_weeks, self.housing_lead_weeks)  # checks the chain's part
        for key, persons in self.taakstelling.items():
            _half_year_key(key)
            if isinstance(persons, bool) or not isinstance(persons, int) or persons < 0:
                raise ValueError(
                    _("taakstelling {key}: a whole number >= 0, got {value}").format(
                        key=key, value=repr(persons)
                    )
                )

    @property
    def chain(self) -> Chain:
        """The chain's part: tracks, leaving, housing (what ``moves_ahead`` prices with too)."""
        return Chain(self.flows, self.leave_weeks, self.housing_lead_weeks)

    def flows_for(self, landscape: str) -> dict[str, Flow]:
        """The track flows: the file's, else the shipped landscape's defaults."""
        return self.chain.flows_for(landscape)

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
    PlacementInputError
        When the file is not valid TOML or the chain's part is not usable
        (file, line, key and the fix).
    ValueError
        Naming the key when another value is out of range.
    """
    raw, lines = load_simulation_toml(folder)
    unknown = sorted(set(raw) - set(SECTIONS))
    if unknown:
        raise ValueError(
            _("simulation.toml: unknown table(s) {unknown}; known: {known}").format(
                unknown=unknown, known=list(SECTIONS)
            )
        )
    return settings_from_dict(raw, folder, lines)


def settings_from_dict(
    raw: dict[str, Any], base: Path, lines: list[str] | None = None
) -> SimulationSettings:
    """Build settings from the tables of a ``simulation.toml`` (paths relative to ``base``).

    The chain's tables are read by :func:`placement.input.chain.chain_from_dict`.
    """
    inflow = dict(raw.get("inflow", {}))
    arrivals = dict(raw.get("arrivals", {}))
    housing = dict(raw.get("housing", {}))
    capacity = dict(raw.get("capacity", {}))
    spread = dict(raw.get("spread", {}))
    _known("inflow", inflow, ("persons_per_week", "factor", "file", "band"))
    _known("arrivals", arrivals, ("track",))
    _known("housing", housing, ("taakstelling", "lead_time_weeks"))
    _known("capacity", capacity, ("plan",))
    _known("spread", spread, ("target", "file"))
    chain = chain_from_dict(raw, lines)
    default = SimulationSettings()
    return SimulationSettings(
        inflow_per_week=float(inflow.get("persons_per_week", default.inflow_per_week)),
        inflow_factor=float(inflow.get("factor", 1.0)),
        inflow_file=base / inflow["file"] if inflow.get("file") else None,
        inflow_band=_band(inflow.get("band")),
        arrival_track=str(arrivals["track"]) if "track" in arrivals else None,
        flows=chain.flows,
        leave_weeks=chain.leave_weeks,
        housing_lead_weeks=chain.housing_lead_weeks,
        taakstelling={
            str(k): v for k, v in dict(housing.get("taakstelling", TAAKSTELLING)).items()
        },
        capacity_plan=base / capacity["plan"] if capacity.get("plan") else None,
        spread_target=int(spread.get("target", default.spread_target)),
        spread_file=base / spread["file"] if spread.get("file") else None,
    )


def _band(value: Any) -> tuple[float, float] | None:
    if value is None:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        raise ValueError(
            _("simulation.toml [inflow] band: two factors like [0.9, 1.5], got {value}").format(
                value=repr(value)
            )
        )
    return float(value[0]), float(value[1])


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
