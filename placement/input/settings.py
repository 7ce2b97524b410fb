"""Scenario settings: the landscape, the weights, the solver options.

Each is a frozen dataclass that checks itself. A table of ``scenario.toml``
becomes one through :func:`table_from_dict`, which refuses a key the
dataclass has no field for.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from placement.errors import Code, InputProblem, PlacementInputError
from placement.i18n import N_, _, check_language, default_language
from placement.input.chain import Chain, read_chain
from placement.resources import landscape_files
from placement.vocab import Mode

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_MODES = [m.value for m in Mode]
#: A settings table: a frozen dataclass whose fields are the table's keys.
_T = TypeVar("_T", bound="DataclassInstance")

#: A track's target in another landscape: one track, or shares over tracks in the order written.
TrackTarget = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class LandscapeMap:
    """How a scenario of another landscape maps into this one (``[from."OTHER"]``).

    ``types`` maps every location type of the other landscape to one of this
    one; ``tracks`` maps every track to one track (a single share of 1) or to
    shares that add up to 1, in the order written.
    """

    source: str
    types: dict[str, str]
    tracks: dict[str, TrackTarget]


@dataclass(frozen=True)
class Landscape:
    """A policy landscape: location types and, per track, the types it may use."""

    name: str
    types: tuple[str, ...]
    allowed: dict[str, tuple[str, ...]]
    link_tracks: tuple[str, ...] = ()
    mappings: dict[str, LandscapeMap] = field(default_factory=dict)

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
        """Read a landscape file: ``name``, ``types``, ``link_tracks``, ``[tracks]``, ``[from]``.

        Each ``[from."OTHER"]`` table is checked as it is read: every target
        must be a type or track of this landscape, shares must add up to 1,
        and when OTHER is a shipped landscape every one of its types and
        tracks must be mapped, and nothing else.
        """
        raw = _read_landscape_toml(path)
        land = cls(
            name=str(raw.get("name", path.stem.removeprefix("landscape-"))),
            types=tuple(str(t) for t in raw["types"]),
            allowed={str(k): tuple(str(t) for t in v) for k, v in raw["tracks"].items()},
            link_tracks=tuple(str(t) for t in raw.get("link_tracks", ())),
        )
        tables = raw.get("from", {})
        if not isinstance(tables, dict):
            raise ValueError(_MAP_TEXT["not_table"].format(file=path, where="[from]"))
        mappings = {
            str(other): _landscape_map(path, land, str(other), table)
            for other, table in tables.items()
        }
        return replace(land, mappings=mappings)

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
            _("no landscape {name}: give one of {known} or a path to a TOML file").format(
                name=repr(name_or_path), known=known
            )
        )


def _read_landscape_toml(path: Path) -> dict[str, Any]:
    with open(path, "rb") as f:
        try:
            raw = tomllib.load(f)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path}: not valid TOML ({exc})") from None
    if not isinstance(raw.get("tracks"), dict) or not isinstance(raw.get("types"), list):
        raise ValueError(f"{path}: a landscape needs a 'types' list and a [tracks] table")
    return raw


#: What is said about a ``[from."OTHER"]`` table that cannot be used (one place, for translation).
_MAP_TEXT = {
    "not_table": "{file}: {where} must be a table",
    "unknown_target": (
        "{file} {where}: {key} = {value!r} names no {kind} of landscape {name}; use one of {known}"
    ),
    "bad_shares": (
        "{file} {where}: the shares of {key} must be numbers >= 0 that add up to 1, got {value!r}"
    ),
    "bad_value": (
        "{file} {where}: {key} must be a {kind} of landscape {name} "
        "or, for a track, a table of shares like {{ kansrijk = 0.5, overig = 0.5 }}"
    ),
    "unmapped": (
        "{file} {where}: the {kind} {key!r} of landscape {other} is not mapped; "
        'add {key} = "<a {kind} of {name}>"'
    ),
    "unknown_source": (
        "{file} {where}: landscape {other} has no {kind} {key!r}; remove it or use one of {known}"
    ),
}


def _landscape_map(path: Path, land: Landscape, other: str, table: Any) -> LandscapeMap:
    """Check and build ``[from."OTHER"]`` of ``land``'s file ``path``."""
    say = {"file": path, "name": land.name, "other": other}
    if not isinstance(table, dict):
        raise ValueError(_MAP_TEXT["not_table"].format(where=f'[from."{other}"]', **say))
    types = table.get("types", {})
    tracks = table.get("tracks", {})
    where_types, where_tracks = f'[from."{other}".types]', f'[from."{other}".tracks]'
    for where, value in ((where_types, types), (where_tracks, tracks)):
        if not isinstance(value, dict):
            raise ValueError(_MAP_TEXT["not_table"].format(where=where, **say))
    type_map: dict[str, str] = {}
    for key, value in types.items():
        if not isinstance(value, str):
            raise ValueError(
                _MAP_TEXT["bad_value"].format(where=where_types, key=key, kind="type", **say)
            )
        if value not in land.types:
            raise ValueError(_MAP_TEXT["unknown_target"].format(
                where=where_types, key=key, value=value, kind="type", known=list(land.types), **say
            ))  # fmt: skip
        type_map[str(key)] = value
    track_map = {
        str(key): _track_target(say, where_tracks, land, str(key), value)
        for key, value in tracks.items()
    }
    shipped = landscape_files().get(other)
    if shipped is not None and other != land.name:
        raw = _read_landscape_toml(shipped)
        for kind, where, mapped, known in (
            ("type", where_types, type_map, [str(t) for t in raw["types"]]),
            ("track", where_tracks, track_map, [str(t) for t in raw["tracks"]]),
        ):
            for key in known:
                if key not in mapped:
                    raise ValueError(
                        _MAP_TEXT["unmapped"].format(where=where, key=key, kind=kind, **say)
                    )
            for key in mapped:
                if key not in known:
                    raise ValueError(_MAP_TEXT["unknown_source"].format(
                        where=where, key=key, kind=kind, known=known, **say
                    ))  # fmt: skip
    return LandscapeMap(other, type_map, track_map)


def _track_target(
    say: dict[str, Any], where: str, land: Landscape, key: str, value: Any
) -> TrackTarget:
    """One track (a share of 1) or shares over tracks, in the order written."""
    if isinstance(value, str):
        value = {value: 1.0}
    if not isinstance(value, dict) or not value:
        raise ValueError(_MAP_TEXT["bad_value"].format(where=where, key=key, kind="track", **say))
    for target in value:
        if target not in land.allowed:
            raise ValueError(_MAP_TEXT["unknown_target"].format(
                where=where, key=key, value=target, kind="track", known=list(land.tracks), **say
            ))  # fmt: skip
    shares = list(value.values())
    if (
        any(isinstance(v, bool) or not isinstance(v, int | float) or v < 0 for v in shares)
        or abs(sum(shares) - 1) > 1e-9
    ):
        raise ValueError(_MAP_TEXT["bad_shares"].format(where=where, key=key, value=value, **say))
    return tuple((str(t), float(v)) for t, v in value.items())


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
    ahead: float = 1.0

    def __post_init__(self) -> None:
        _non_negative(self, N_("weight"))
        for name in ("max_child_moves", "lookahead_days"):
            if int(getattr(self, name)) != getattr(self, name):
                raise ValueError(_("{name} must be a whole number").format(name=name))


@dataclass(frozen=True)
class LinkWeights:
    """Weights of ``placement link`` (``[link]`` in ``scenario.toml``; see docs/link.md)."""

    unlinked: float = 1000
    waiting: float = 20
    distance: float = 0.1
    family_split: float = 500

    def __post_init__(self) -> None:
        _non_negative(self, N_("link weight"))


@dataclass(frozen=True)
class PlanWeights:
    """Weights of ``placement plan`` (``[plan]`` in ``scenario.toml``; see docs/plan.md)."""

    shortage: float = 1000
    spread: float = 10
    #: COA's planning occupancy: 96 % of the beds (December 2022, published statistics).
    usable: float = 0.96
    held: float = 100

    def __post_init__(self) -> None:
        _non_negative(self, N_("plan weight"))
        if not 0 < self.usable <= 1:
            raise ValueError(
                _("plan weight 'usable' must be in (0, 1], got {value}").format(
                    value=repr(self.usable)
                )
            )


def _non_negative(table: Any, what: str) -> None:
    for f in fields(table):
        value = getattr(table, f.name)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ValueError(
                _("{what} {name} must be a number >= 0, got {value}").format(
                    what=_(what), name=repr(f.name), value=repr(value)
                )
            )


@dataclass(frozen=True)
class SolverSettings:
    """Options handed to HiGHS."""

    time_limit: float = 60.0
    mip_gap: float = 1e-4
    threads: int = 0

    def __post_init__(self) -> None:
        if not self.time_limit > 0:
            raise ValueError(
                _("time_limit must be > 0 seconds, got {value}").format(value=self.time_limit)
            )
        if not 0 <= self.mip_gap < 1:
            raise ValueError(_("mip_gap must be in [0, 1), got {value}").format(value=self.mip_gap))
        if self.threads < 0:
            raise ValueError(_("threads must be >= 0, got {value}").format(value=self.threads))


@dataclass(frozen=True)
class Settings:
    """Everything in ``scenario.toml``, with command-line overrides applied."""

    planning_date: dt.date = field(default_factory=dt.date.today)
    landscape: Landscape | None = None
    mode: Mode = Mode.WEEKLY
    weights: Weights = field(default_factory=Weights)
    solver: SolverSettings = field(default_factory=SolverSettings)
    link: LinkWeights = field(default_factory=LinkWeights)
    chain: Chain = field(default_factory=Chain)  # simulation.toml's tracks, leave, housing
    plan: PlanWeights = field(default_factory=PlanWeights)
    language: str = field(default_factory=default_language)

    def __post_init__(self) -> None:
        if self.mode not in _MODES:
            raise ValueError(f"mode must be one of {tuple(_MODES)}, got {self.mode!r}")
        object.__setattr__(self, "mode", Mode(self.mode))
        object.__setattr__(self, "language", check_language(self.language))

    def with_overrides(self, **changes: Any) -> Settings:
        """Return a copy with the non-``None`` values in ``changes`` applied."""
        solver_keys = {f.name for f in fields(SolverSettings)}
        solver = {k: v for k, v in changes.items() if k in solver_keys and v is not None}
        top = {k: v for k, v in changes.items() if k not in solver_keys and v is not None}
        return replace(self, solver=replace(self.solver, **solver), **top)


SCENARIO_KEYS = (
    "planning_date", "landscape", "mode", "language", "weights", "link", "plan", "solver",
)  # fmt: skip
#: What is said of keys a table does not know, per table of ``scenario.toml`` (``""``: its top).
_UNKNOWN_KEYS = {
    "": N_("unknown key(s) {unknown}; known keys: {known}"),
    "weights": N_("unknown weight(s) {unknown}; known: {known}"),
    "link": N_("unknown link weight(s) {unknown}; known: {known}"),
    "plan": N_("unknown plan weight(s) {unknown}; known: {known}"),
    "solver": N_("unknown solver option(s) {unknown}; known: {known}"),
}


def table_from_dict(cls: type[_T], raw: Mapping[str, Any], what: str) -> _T:
    """The frozen dataclass ``cls`` from the table ``[what]`` of ``scenario.toml``.

    A key ``cls`` has no field for is an error (a typo, most likely), whose
    message names the unknown and the known keys; each value is checked by
    ``cls`` itself (``__post_init__``).

    Raises
    ------
    ValueError
        For an unknown key or a value ``cls`` refuses (``TypeError`` for a
        value of the wrong kind, as ``cls`` raises it).
    """
    raw = dict(raw)  # a value that is not a table fails here (TypeError or ValueError)
    unknown = _unknown_keys(raw, sorted(f.name for f in fields(cls)), what)
    if unknown:
        raise ValueError(unknown)
    return cls(**raw)


def _unknown_keys(raw: Mapping[str, Any], known: list[str], what: str) -> str | None:
    """What is wrong with the keys of ``raw`` that are not in ``known``; ``None``: nothing."""
    unknown = sorted(set(raw) - set(known))
    if not unknown:
        return None
    return _(_UNKNOWN_KEYS[what]).format(unknown=unknown, known=known)


def read_settings(folder: Path, **options: Any) -> Settings:
    """Read ``scenario.toml`` from ``folder`` (all defaults when it is absent), and the chain.

    The chain is the part of ``simulation.toml`` that ``moves_ahead``
    prices with (:func:`placement.input.chain.read_chain`); its track names
    are checked against the landscape.

    ``options`` (``mode``, ``planning_date``, ``landscape``, ``language``) are
    command-line values; each one that is not ``None`` replaces the file's value before
    it is checked, so a value the command line replaces is never reported.

    Raises
    ------
    PlacementInputError
        When a file is not valid TOML or a value is out of range.
    """
    path = folder / "scenario.toml"
    raw: dict[str, Any] = {}
    if path.exists():
        try:
            with open(path, "rb") as f:
                raw = tomllib.load(f)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise _problem(
                _("not valid TOML ({error}); see docs/input.md for an example").format(error=exc)
            ) from exc
    unknown = _unknown_keys(raw, list(SCENARIO_KEYS), "")
    if unknown:
        raise _problem(unknown)
    given = {k: v for k, v in options.items() if v is not None}
    return _from_raw({**raw, **given}, folder, given)


def scenario_language(folder: Path | None, given: str | None = None) -> str:
    """The language of a run: ``given`` (``--lang``), else ``scenario.toml``'s, else the default.

    The default is Dutch (:func:`placement.i18n.default_language`).

    Read before anything else, so that what is wrong with the scenario is
    told in its language; a file that cannot be read or a language that is
    not known leaves the default (reading the scenario reports them).
    """
    if given is not None:
        return check_language(str(given))
    path = None if folder is None else Path(folder) / "scenario.toml"
    try:
        with open(path, "rb") as f:  # type: ignore[arg-type]
            value = tomllib.load(f).get("language", default_language())
        return check_language(value)
    except (TypeError, OSError, ValueError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return default_language()


def _from_raw(raw: dict[str, Any], folder: Path, given: dict[str, Any]) -> Settings:
    """Check each value on its own and report every problem, naming its source."""
    problems: list[InputProblem] = []

    def check(key: str, make: Any) -> Any:
        try:
            return make()
        except (ValueError, TypeError, FileNotFoundError) as exc:
            source = _("command line") if key in given else "scenario.toml"
            problems.append(InputProblem(source, None, None, str(exc), Code.BAD_SETTING))
            return None

    date = check("planning_date", lambda: _date(raw.get("planning_date", dt.date.today())))
    landscape = check(
        "landscape", lambda: Landscape.resolve(str(raw.get("landscape", "2024")), folder)
    )
    mode = check("mode", lambda: _mode(raw.get("mode", "weekly")))
    weights = check("weights", lambda: table_from_dict(Weights, raw.get("weights", {}), "weights"))
    solver = check(
        "solver", lambda: table_from_dict(SolverSettings, raw.get("solver", {}), "solver")
    )
    link = check("link", lambda: table_from_dict(LinkWeights, raw.get("link", {}), "link"))
    plan = check("plan", lambda: table_from_dict(PlanWeights, raw.get("plan", {}), "plan"))
    language = check("language", lambda: check_language(raw.get("language", default_language())))
    chain = Chain()
    try:
        if landscape is not None:
            chain = read_chain(folder, landscape.tracks, landscape.name)
        else:
            chain = read_chain(folder)
    except PlacementInputError as exc:
        problems.extend(exc.problems)
    if problems:
        raise PlacementInputError(problems)
    return Settings(date, landscape, mode, weights, solver, link, chain, plan, language)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, dt.date):
        raise ValueError(
            _("planning_date must be a date like 2026-11-23, got {value}").format(value=repr(value))
        )
    return value


def _mode(value: Any) -> Mode:
    if value not in _MODES:
        raise ValueError(
            _("mode must be one of {modes}, got {value}").format(modes=_MODES, value=repr(value))
        )
    return Mode(value)


def _problem(message: str) -> PlacementInputError:
    return PlacementInputError(
        [InputProblem("scenario.toml", None, None, message, Code.BAD_SETTING)]
    )
