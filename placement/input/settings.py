"""Scenario settings: the landscape, the weights, the solver options.

Each is a frozen dataclass that checks itself and loads from TOML.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from placement.errors import Code, InputProblem, PlacementInputError
from placement.resources import landscape_files
from placement.vocab import Mode

_MODES = [m.value for m in Mode]

#: Folder of the landscapes that ship with the program.


@dataclass(frozen=True)
class Landscape:
    """A policy landscape: location types and, per track, the types it may use."""

    name: str
    types: tuple[str, ...]
    allowed: dict[str, tuple[str, ...]]
    link_tracks: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.types:
            raise ValueError(f"landscape {self.name!r} names no location types")
        unknown_links = sorted(set(self.link_tracks) - set(self.allowed))
        if unknown_links:
            raise ValueError(
                f"landscape {self.name!r}: link_tracks names unknown tracks {unknown_links}"
            )
        for track, types in self.allowed.items():
            unknown = sorted(set(types) - set(self.types))
            if unknown:
                raise ValueError(
                    f"landscape {self.name!r}: track {track!r} allows unknown types {unknown}"
                )

    @property
    def tracks(self) -> tuple[str, ...]:
        """Tracks in the order the landscape lists them."""
        return tuple(self.allowed)

    def allows(self, track: str, type_: str) -> bool:
        """Whether a household on ``track`` may be placed at a location of ``type_``."""
        return type_ in self.allowed.get(track, ())

    @classmethod
    def from_file(cls, path: Path) -> Landscape:
        """Read a landscape TOML file (``name``, ``types``, ``link_tracks``, ``[tracks]``)."""
        with open(path, "rb") as f:
            raw = tomllib.load(f)
        tracks = raw.get("tracks")
        if not isinstance(tracks, dict) or not isinstance(raw.get("types"), list):
            raise ValueError(f"{path}: a landscape needs a 'types' list and a [tracks] table")
        return cls(
            name=str(raw.get("name", path.stem.removeprefix("landscape-"))),
            types=tuple(str(t) for t in raw["types"]),
            allowed={str(k): tuple(str(t) for t in v) for k, v in tracks.items()},
            link_tracks=tuple(str(t) for t in raw.get("link_tracks", ())),
        )

    @classmethod
    def resolve(cls, name_or_path: str, base: Path) -> Landscape:
        """Find a landscape by name (a shipped ``models/landscape-NAME.toml``) or by path.

        A path is relative to ``base`` (the scenario folder).
        """
        shipped = landscape_files()
        candidate = Path(name_or_path)
        if not candidate.is_absolute():
            candidate = base / candidate
        for path in (candidate, shipped.get(name_or_path)):
            if path is not None and path.is_file():
                return cls.from_file(path)
        known = sorted(shipped)
        raise FileNotFoundError(
            f"no landscape {name_or_path!r}: give one of {known} or a path to a TOML file"
        )


@dataclass(frozen=True)
class Weights:
    """Objective weights (see the contract, 'The model')."""

    unplaced: float = 10000
    wrong_type: float = 1000
    family_split: float = 500
    child_over_cap: float = 200
    child_move: float = 50
    move: float = 5
    distance: float = 0.1
    cost: float = 0.05
    closing_soon: float = 20
    flex_bed: float = 100
    max_child_moves: int = 1
    lookahead_days: int = 28

    def __post_init__(self) -> None:
        _non_negative(self, "weight")
        for name in ("max_child_moves", "lookahead_days"):
            if int(getattr(self, name)) != getattr(self, name):
                raise ValueError(f"{name} must be a whole number")

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Weights:
        """Build from a ``[weights]`` table; unknown keys are an error (likely typos)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ValueError(f"unknown weight(s) {unknown}; known: {sorted(known)}")
        return cls(**raw)


@dataclass(frozen=True)
class LinkWeights:
    """Weights of ``placement link`` (``[link]`` in ``scenario.toml``; see docs/link.md)."""

    unlinked: float = 1000
    waiting: float = 20
    distance: float = 0.1
    family_split: float = 500

    def __post_init__(self) -> None:
        _non_negative(self, "link weight")

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> LinkWeights:
        """Build from a ``[link]`` table; unknown keys are an error (likely typos)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ValueError(f"unknown link weight(s) {unknown}; known: {sorted(known)}")
        return cls(**raw)


@dataclass(frozen=True)
class PlanWeights:
    """Weights of ``placement plan`` (``[plan]`` in ``scenario.toml``; see docs/plan.md)."""

    shortage: float = 1000
    spread: float = 10
    usable: float = 0.91

    def __post_init__(self) -> None:
        _non_negative(self, "plan weight")
        if not 0 < self.usable <= 1:
            raise ValueError(f"plan weight 'usable' must be in (0, 1], got {self.usable!r}")

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> PlanWeights:
        """Build from a ``[plan]`` table; unknown keys are an error (likely typos)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ValueError(f"unknown plan weight(s) {unknown}; known: {sorted(known)}")
        return cls(**raw)


def _non_negative(table: Any, what: str) -> None:
    for f in fields(table):
        value = getattr(table, f.name)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ValueError(f"{what} {f.name!r} must be a number >= 0, got {value!r}")


@dataclass(frozen=True)
class SolverSettings:
    """Options handed to HiGHS."""

    time_limit: float = 60.0
    mip_gap: float = 1e-4
    threads: int = 0

    def __post_init__(self) -> None:
        if not self.time_limit > 0:
            raise ValueError(f"time_limit must be > 0 seconds, got {self.time_limit!r}")
        if not 0 <= self.mip_gap < 1:
            raise ValueError(f"mip_gap must be in [0, 1), got {self.mip_gap!r}")
        if self.threads < 0:
            raise ValueError(f"threads must be >= 0, got {self.threads!r}")

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> SolverSettings:
        """Build from a ``[solver]`` table; unknown keys are an error."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ValueError(f"unknown solver option(s) {unknown}; known: {sorted(known)}")
        return cls(**raw)


@dataclass(frozen=True)
class Settings:
    """Everything in ``scenario.toml``, with command-line overrides applied."""

    planning_date: dt.date = field(default_factory=dt.date.today)
    landscape: Landscape | None = None
    mode: Mode = Mode.WEEKLY
    weights: Weights = field(default_factory=Weights)
    solver: SolverSettings = field(default_factory=SolverSettings)
    link: LinkWeights = field(default_factory=LinkWeights)
    plan: PlanWeights = field(default_factory=PlanWeights)

    def __post_init__(self) -> None:
        if self.mode not in _MODES:
            raise ValueError(f"mode must be one of {tuple(_MODES)}, got {self.mode!r}")
        object.__setattr__(self, "mode", Mode(self.mode))

    def with_overrides(self, **changes: Any) -> Settings:
        """Return a copy with the non-``None`` values in ``changes`` applied."""
        solver_keys = {f.name for f in fields(SolverSettings)}
        solver = {k: v for k, v in changes.items() if k in solver_keys and v is not None}
        top = {k: v for k, v in changes.items() if k not in solver_keys and v is not None}
        return replace(self, solver=replace(self.solver, **solver), **top)


SCENARIO_KEYS = ("planning_date", "landscape", "mode", "weights", "link", "plan", "solver")


def read_settings(folder: Path, **options: Any) -> Settings:
    """Read ``scenario.toml`` from ``folder`` (all defaults when it is absent).

    ``options`` (``mode``, ``planning_date``, ``landscape``) are command-line
    values; each one that is not ``None`` replaces the file's value before
    it is checked, so a value the command line replaces is never reported.

    Raises
    ------
    PlacementInputError
        When the file is not valid TOML or a value is out of range.
    """
    path = folder / "scenario.toml"
    raw: dict[str, Any] = {}
    if path.exists():
        try:
            with open(path, "rb") as f:
                raw = tomllib.load(f)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise _problem(f"not valid TOML ({exc}); see docs/input.md for an example") from exc
    unknown = sorted(set(raw) - set(SCENARIO_KEYS))
    if unknown:
        raise _problem(f"unknown key(s) {unknown}; known keys: {list(SCENARIO_KEYS)}")
    given = {k: v for k, v in options.items() if v is not None}
    return _from_raw({**raw, **given}, folder, given)


def _from_raw(raw: dict[str, Any], folder: Path, given: dict[str, Any]) -> Settings:
    """Check each value on its own and report every problem, naming its source."""
    problems: list[InputProblem] = []

    def check(key: str, make: Any) -> Any:
        try:
            return make()
        except (ValueError, TypeError, FileNotFoundError) as exc:
            source = "command line" if key in given else "scenario.toml"
            problems.append(InputProblem(source, None, None, str(exc), Code.BAD_SETTING))
            return None

    date = check("planning_date", lambda: _date(raw.get("planning_date", dt.date.today())))
    landscape = check(
        "landscape", lambda: Landscape.resolve(str(raw.get("landscape", "2024")), folder)
    )
    mode = check("mode", lambda: _mode(raw.get("mode", "weekly")))
    weights = check("weights", lambda: Weights.from_dict(dict(raw.get("weights", {}))))
    solver = check("solver", lambda: SolverSettings.from_dict(dict(raw.get("solver", {}))))
    link = check("link", lambda: LinkWeights.from_dict(dict(raw.get("link", {}))))
    plan = check("plan", lambda: PlanWeights.from_dict(dict(raw.get("plan", {}))))
    if problems:
        raise PlacementInputError(problems)
    return Settings(date, landscape, mode, weights, solver, link, plan)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, dt.date):
        raise ValueError(f"planning_date must be a date like 2026-11-23, got {value!r}")
    return value


def _mode(value: Any) -> Mode:
    if value not in _MODES:
        raise ValueError(f"mode must be one of {_MODES}, got {value!r}")
    return Mode(value)


def _problem(message: str) -> PlacementInputError:
    return PlacementInputError(
        [InputProblem("scenario.toml", None, None, message, Code.BAD_SETTING)]
    )
