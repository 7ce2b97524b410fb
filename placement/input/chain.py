"""The chain of ``simulation.toml``: time in each track, where it leads, leaving, housing.

``placement place`` prices the moves a placement leads to later with it
(``moves_ahead``) and ``placement simulate`` draws from it, so it is read
here, with the scenario, and both use the same parameters. Every key is
optional; the defaults are the shipped landscape's (:data:`FLOWS`), with
their sources in ``docs/simulation.md``.

Only the chain's tables (``[tracks.*]``, ``[leave]``, ``[housing]
lead_time_weeks``) are read here; the rest of ``simulation.toml`` (inflow,
taakstelling, capacity plan, spread) is the simulation's own
(:mod:`placement.simulate.settings`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from placement.errors import Code, InputProblem, PlacementInputError
from placement.i18n import N_, _

#: The file, in the scenario folder.
SIMULATION_FILE = "simulation.toml"
#: Where a household goes when its time in a track is up: another track, or ``leave``.
LEAVE = "leave"
#: Weeks a rejected household stays before it leaves reception (assumption).
LEAVE_WEEKS = 12.0
#: Mean weeks from a link to the household's move into its home (norm 14, mostly missed).
HOUSING_LEAD_WEEKS = 20.0

#: The problems of ``simulation.toml``, worded once (``str.format`` placeholders).
TEXTS = {
    "toml": N_("not valid TOML ({error}); see docs/simulation.md for an example"),
    "table": N_("[{table}] must be a table of keys, like the example in docs/simulation.md"),
    "unknown": N_("unknown key(s) {keys} in [{table}]; known: {known}. Remove or rename them."),
    "weeks": N_(
        "weeks of track {track} must be a number >= 1 (mean weeks in the track), got {value!r}"
    ),
    "next": N_(
        "next of track {track} must be shares >= 0 adding up to 1, like "
        "{{ regulier = 0.8, leave = 0.2 }}; got {value!r}"
    ),
    "unknown_track": N_(
        "track {track} is not a track of landscape {landscape}; use one of {tracks}"
    ),
    "unknown_next": N_(
        "next of track {track} names {names}, not tracks of landscape "
        "{landscape}; use its tracks or leave ({tracks})"
    ),
    "at_least_one": N_("{key} must be a number >= 1 (weeks), got {value!r}"),
}


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True)
class Flow:
    """One track: the mean weeks a household stays in it, and where it goes next (shares)."""

    weeks: float
    next: dict[str, float]

    def __post_init__(self) -> None:
        if not _number(self.weeks) or not self.weeks >= 1:
            raise ValueError(_("weeks must be at least 1, got {value}").format(value=self.weeks))
        shares = list(self.next.values())
        if not self.next or not all(_number(v) and v >= 0 for v in shares):
            raise ValueError(
                _("next shares must be >= 0 and add up to 1, got {value}").format(value=self.next)
            )
        if abs(sum(shares) - 1) > 1e-9:
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
class Chain:
    """Tracks, leaving and housing: how a household goes through reception, week by week.

    ``flows`` empty means the shipped defaults of the scenario's landscape
    (:meth:`flows_for`), so a variant in another landscape gets that
    landscape's defaults.
    """

    flows: dict[str, Flow] = field(default_factory=dict)
    leave_weeks: float = LEAVE_WEEKS
    housing_lead_weeks: float = HOUSING_LEAD_WEEKS

    def __post_init__(self) -> None:
        for name in ("leave_weeks", "housing_lead_weeks"):
            value = getattr(self, name)
            if not _number(value) or not value >= 1:
                raise ValueError(
                    _("{name} must be a number >= 1 (weeks), got {value}").format(
                        name=name, value=repr(value)
                    )
                )

    def flows_for(self, landscape: str) -> dict[str, Flow]:
        """The track flows: the file's, else the shipped landscape's defaults."""
        return self.flows or FLOWS.get(landscape, {})


def load_simulation_toml(folder: Path) -> tuple[dict[str, Any], list[str]]:
    """The tables of ``folder/simulation.toml`` and its lines (``{}`` and ``[]`` when absent).

    Raises
    ------
    PlacementInputError
        When the file is not valid TOML.
    """
    path = folder / SIMULATION_FILE
    if not path.is_file():
        return {}, []
    text = path.read_bytes().decode("utf-8", errors="replace")
    try:
        return tomllib.loads(text), text.splitlines()
    except tomllib.TOMLDecodeError as exc:
        raise PlacementInputError(
            [_problem(None, None, _(TEXTS["toml"]).format(error=exc))]
        ) from None


def read_chain(folder: Path, tracks: tuple[str, ...] = (), landscape: str = "") -> Chain:
    """The chain of ``folder/simulation.toml`` (defaults when the file or a key is absent).

    ``tracks`` (the landscape's, named ``landscape``), when given, are the
    tracks ``[tracks.*]`` may name.

    Raises
    ------
    PlacementInputError
        Every problem, each with the file, its line and the key, and the fix.
    """
    raw, lines = load_simulation_toml(folder)
    return chain_from_dict(raw, lines, tracks, landscape)


def chain_from_dict(
    raw: dict[str, Any],
    lines: list[str] | None = None,
    tracks: tuple[str, ...] = (),
    landscape: str = "",
) -> Chain:
    """The chain of the tables of a ``simulation.toml`` (other tables are not looked at).

    ``lines`` (the file's text) give each problem its line.

    Raises
    ------
    PlacementInputError
        Every problem, each with the file, its line and the key, and the fix.
    """
    problems: list[InputProblem] = []
    text = lines or []

    def report(table: str, key: str | None, message: str) -> None:
        problems.append(_problem(_line_of(text, table, key), _column(table, key), message))

    leave = _table(raw, "leave", ("weeks",), report)
    housing = _table(raw, "housing", ("taakstelling", "lead_time_weeks"), report)
    leave_weeks = _weeks(leave, "weeks", LEAVE_WEEKS, "leave", report)
    lead_weeks = _weeks(housing, "lead_time_weeks", HOUSING_LEAD_WEEKS, "housing", report)
    flows: dict[str, Flow] = {}
    given = raw.get("tracks", {})
    if not isinstance(given, dict):
        report("tracks", None, _(TEXTS["table"]).format(table="tracks"))
        given = {}
    known = [*tracks, LEAVE]
    for track, value in given.items():
        table = f"tracks.{track}"
        spec = _keys(value, table, ("weeks", "next"), report)
        if spec is None:
            continue
        if tracks and track not in tracks:
            report(table, None, _(TEXTS["unknown_track"]).format(
                track=track, landscape=landscape, tracks=list(tracks)
            ))  # fmt: skip
        weeks: Any = spec.get("weeks")
        after: Any = spec.get("next")
        if not _number(weeks) or not weeks >= 1:
            report(table, "weeks", _(TEXTS["weeks"]).format(track=track, value=weeks))
            continue
        if not isinstance(after, dict):
            report(table, "next", _(TEXTS["next"]).format(track=track, value=after))
            continue
        strange = sorted(str(n) for n in after if tracks and n not in known)
        if strange:
            report(table, "next", _(TEXTS["unknown_next"]).format(
                track=track, names=strange, landscape=landscape, tracks=known
            ))  # fmt: skip
        try:
            shares = {str(k): float(v) if _number(v) else v for k, v in after.items()}
            flows[str(track)] = Flow(float(weeks), shares)
        except ValueError:
            report(table, "next", _(TEXTS["next"]).format(track=track, value=after))
    if problems:
        raise PlacementInputError(problems)
    return Chain(flows, leave_weeks, lead_weeks)


def _table(raw: dict[str, Any], name: str, keys: tuple[str, ...], report: Any) -> dict[str, Any]:
    """The table ``[name]`` of ``raw`` (``{}`` when absent or not a table)."""
    return _keys(raw.get(name, {}), name, keys, report) or {}


def _keys(value: Any, table: str, keys: tuple[str, ...], report: Any) -> dict[str, Any] | None:
    """``value`` if it is a table, a key not in ``keys`` reported; ``None`` (reported) if not."""
    if not isinstance(value, dict):
        report(table, None, _(TEXTS["table"]).format(table=table))
        return None
    extra = sorted(set(value) - set(keys))
    if extra:
        report(table, extra[0], _(TEXTS["unknown"]).format(
            keys=extra, table=table, known=list(keys)
        ))  # fmt: skip
    return value


def _weeks(table: dict[str, Any], key: str, default: float, name: str, report: Any) -> float:
    value = table.get(key, default)
    if not _number(value) or not value >= 1:
        report(name, key, _(TEXTS["at_least_one"]).format(key=f"[{name}] {key}", value=value))
        return default
    return float(value)


def _column(table: str, key: str | None) -> str:
    return f"[{table}]" if key is None else f"[{table}] {key}"


def _line_of(lines: list[str], table: str, key: str | None) -> int | None:
    """The line of ``key`` in ``[table]`` (or of the table's header); ``None`` when not found."""
    current, header = "", None
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if text.startswith("[") and not text.startswith("[["):
            current = text.strip("[] ").replace('"', "").replace(" ", "")
            if current == table:
                header = number
            continue
        if key is not None and current == table and text.split("=")[0].strip() == key:
            return number
        if key is not None and current == table.rpartition(".")[0] and table.rpartition(".")[2]:
            # an inline table: [tracks] regulier = { weeks = ..., next = ... }
            if text.split("=")[0].strip() == table.rpartition(".")[2]:
                return number
    return header


def _problem(line: int | None, column: str | None, message: str) -> InputProblem:
    return InputProblem(SIMULATION_FILE, line, column, message, Code.BAD_SETTING)
