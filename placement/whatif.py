"""What-if variants: changes to a baseline scenario, and running them side by side.

A :class:`Variant` names one set of changes (new locations, closures,
capacities, a surge or drop in arrivals, another landscape, other weights).
:func:`apply_variant` turns a baseline :class:`~placement.input.scenario.Scenario`
into the variant's scenario without touching the baseline;
:func:`run_whatif` solves the baseline and every variant with the same model
and compares them (:mod:`placement.results.compare`).

Changes are applied in this order: landscape, weights, added locations,
closures, capacities, arrivals factor; so a closure or a capacity may name an
added location.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from placement.errors import Code, InputProblem, PlacementInputError
from placement.i18n import N_, _, decimal, did_you_mean
from placement.input.chain import LEAVE, Chain
from placement.input.scenario import Scenario
from placement.input.settings import Landscape, LandscapeMap, Weights, table_from_dict
from placement.results.compare import Comparison, compare
from placement.results.outcome import Outcome

Progress = Callable[[str], None]

#: Where problems with command-line changes are reported.
COMMAND_LINE = N_("command line")
#: Names a variant may not take: the baseline's and the comparison's folders.
RESERVED_NAMES = ("baseline", "comparison")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


@dataclass(frozen=True)
class Variant:
    """One what-if: a named set of changes to the baseline scenario.

    Attributes
    ----------
    name
        Folder-safe name (letters, digits, ``_.-``), not ``baseline`` or ``comparison``.
    add_locations
        A CSV file with new locations, the columns of ``locations.csv``.
    close
        Location ids whose last open night becomes the day before the planning date.
    capacity
        New capacity per location id.
    flex
        New number of flexible beds per location id (``flex_capacity``).
    arrivals_factor
        Scale the new-arrival households: above 1 draws extra households like
        the existing ones (seeded), below 1 keeps the first ones in input order.
    seed
        Seed of the draw for ``arrivals_factor > 1``.
    landscape
        Another landscape: a shipped name or a path (relative to the scenario folder).
    weights
        Objective weights replacing the baseline's (the others stay).
    source
        Where the variant was defined, for problems (``command line`` or a file).
    """

    name: str
    add_locations: Path | None = None
    close: tuple[str, ...] = ()
    capacity: Mapping[str, int] = field(default_factory=dict)
    flex: Mapping[str, int] = field(default_factory=dict)
    arrivals_factor: float = 1.0
    seed: int = 0
    landscape: str | None = None
    weights: Mapping[str, Any] = field(default_factory=dict)
    source: str = COMMAND_LINE

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name) or self.name in RESERVED_NAMES:
            raise ValueError(
                _(
                    "variant name {name} must be letters, digits, '_', '.' or '-' "
                    "and not one of {reserved}"
                ).format(name=repr(self.name), reserved=list(RESERVED_NAMES))
            )
        if not self.arrivals_factor >= 0:
            raise ValueError(
                _("arrivals factor must be >= 0, got {value}").format(
                    value=repr(self.arrivals_factor)
                )
            )
        for what, beds_of in (("capacity", self.capacity), ("flex", self.flex)):
            for location_id, beds in beds_of.items():
                if isinstance(beds, bool) or not isinstance(beds, int) or beds < 0:
                    raise ValueError(
                        _("{what} of {location} must be a whole number >= 0").format(
                            what=what, location=repr(location_id)
                        )
                    )
        table_from_dict(Weights, self.weights, "weights")  # raises on unknown or negative weights

    @property
    def changes(self) -> list[str]:
        """The changes in words, one per entry (empty: same as the baseline).

        In the current language (:mod:`placement.i18n`).
        """

        def pairs(values: Mapping[str, Any]) -> str:
            return ", ".join(f"{k}={v}" for k, v in values.items())

        said = []
        if self.landscape is not None:
            said.append(_("landscape {name}").format(name=self.landscape))
        if self.weights:
            said.append(_("weights {values}").format(values=pairs(self.weights)))
        if self.add_locations is not None:
            said.append(_("add locations from {file}").format(file=self.add_locations.name))
        if self.close:
            said.append(_("close {locations}").format(locations=", ".join(self.close)))
        if self.capacity:
            said.append(_("capacity {values}").format(values=pairs(self.capacity)))
        if self.flex:
            said.append(_("flexible beds {values}").format(values=pairs(self.flex)))
        if self.arrivals_factor != 1:
            said.append(
                _("arrivals x{factor} (seed {seed})").format(
                    factor=decimal(self.arrivals_factor), seed=self.seed
                )
            )
        return said


@dataclass(frozen=True)
class WhatIfResult:
    """The baseline and each variant: scenario, outcome, and their comparison."""

    scenarios: dict[str, Scenario]
    outcomes: dict[str, Outcome]
    comparison: Comparison
    variants: tuple[Variant, ...] = ()

    @property
    def baseline(self) -> Outcome:
        """The baseline's outcome."""
        return self.outcomes["baseline"]


# --------------------------------------------------------------------------- applying


def apply_variant(scenario: Scenario, variant: Variant) -> Scenario:
    """The variant's scenario: a changed copy; ``scenario`` itself is left as it was.

    Raises
    ------
    PlacementInputError
        When a change names an unknown location, the new locations file has
        problems, or the landscape does not know the scenario's types or tracks.
    """
    changed = scenario
    if variant.landscape is not None:
        changed = _with_landscape(changed, variant)
    if variant.weights:
        weights = replace(changed.settings.weights, **dict(variant.weights))
        changed = changed.with_settings(weights=weights)
    locations = changed.locations.copy()
    if variant.add_locations is not None:
        locations = _add_locations(changed, locations, variant.add_locations)
    _check_known(locations, [*variant.close, *variant.capacity, *variant.flex], variant.source)
    if variant.close:
        closing = locations["location_id"].isin(variant.close)
        last_night = pd.Timestamp(closure_date(changed))
        until = locations.loc[closing, "open_until"]
        locations.loc[closing, "open_until"] = until.where(until < last_night, last_night)
    for location_id, beds in variant.capacity.items():
        locations.loc[locations["location_id"] == location_id, "capacity"] = beds
    for location_id, beds in variant.flex.items():
        locations.loc[locations["location_id"] == location_id, "flex_capacity"] = beds
    persons, overrides = changed.persons.copy(), changed.overrides.copy()
    if variant.arrivals_factor != 1:
        persons = scale_arrivals(persons, variant.arrivals_factor, variant.seed)
        overrides = overrides[overrides["household_id"].isin(persons["household_id"])]
    return replace(changed, locations=locations, persons=persons, overrides=overrides)


def _with_landscape(scenario: Scenario, variant: Variant) -> Scenario:
    """Switch landscape: mapped by its ``[from."OTHER"]`` table, else every type and track known.

    OTHER is the scenario's landscape; without such a table the scenario's
    types and tracks must all be the new landscape's own.
    """
    assert variant.landscape is not None
    try:
        land = Landscape.resolve(variant.landscape, scenario.folder)
    except (FileNotFoundError, ValueError) as exc:
        raise _problem(variant.source, str(exc)) from None
    own = scenario.settings.landscape
    if own is not None and own.name != land.name and own.name in land.mappings:
        scenario = map_landscape(scenario, land.mappings[own.name], variant.source)
    problems = [
        _("landscape {name} has no location type {type} (used in locations.csv)").format(
            name=land.name, type=repr(t)
        )
        for t in sorted(set(scenario.locations["type"]) - set(land.types))
    ] + [
        _("landscape {name} has no track {track} (used in persons.csv)").format(
            name=land.name, track=repr(t)
        )
        for t in sorted(set(scenario.persons["track"]) - set(land.tracks))
    ]
    if problems:
        raise PlacementInputError(
            [
                InputProblem(_source(variant.source), None, None, p, Code.BAD_VARIANT)
                for p in problems
            ]
        )
    return scenario.with_settings(landscape=land, chain=chain_in(scenario.settings.chain, land))


def chain_in(chain: Chain, land: Landscape) -> Chain:
    """The chain in landscape ``land``: its defaults when the flows name tracks it does not have.

    ``simulation.toml``'s ``[tracks.*]`` are written for the scenario's own
    landscape; in another one they give way to that landscape's defaults.
    """
    named = set(chain.flows) | {t for flow in chain.flows.values() for t in flow.next}
    if chain.flows and not named - {LEAVE} <= set(land.tracks):
        return replace(chain, flows={})
    return chain


def map_landscape(scenario: Scenario, table: LandscapeMap, source: str) -> Scenario:
    """The scenario's location types and tracks mapped by ``table`` (``[from."OTHER"]``).

    Each type goes to its one type. A track mapped to shares is split over
    its households in ``household_id`` order: the first ``n_1`` households
    go to the first target, the next ``n_2`` to the second, and so on, with
    the counts from :func:`split_by_shares`.

    Raises
    ------
    PlacementInputError
        When the scenario uses a type or track the table does not map.
    """
    locations, persons = scenario.locations.copy(), scenario.persons.copy()
    problems = [
        _(_MAP_TYPE).format(value=t, file="locations.csv", other=table.source)
        for t in sorted(set(locations["type"]) - set(table.types))
    ] + [
        _(_MAP_TRACK).format(value=t, file="persons.csv", other=table.source)
        for t in sorted(set(persons["track"]) - set(table.tracks))
    ]  # fmt: skip
    if problems:
        raise PlacementInputError(
            [InputProblem(_source(source), None, None, p, Code.BAD_VARIANT) for p in problems]
        )
    locations["type"] = locations["type"].map(table.types)
    households = persons.drop_duplicates("household_id")[["household_id", "track"]]
    target: dict[str, str] = {}
    for track, shares in table.tracks.items():
        ids = sorted(households.loc[households["track"] == track, "household_id"])
        counts = split_by_shares(len(ids), [share for _name, share in shares])
        start = 0
        for (name, _share), n in zip(shares, counts, strict=True):
            target.update(dict.fromkeys(ids[start : start + n], name))
            start += n
    persons["track"] = persons["household_id"].map(target).astype(str)
    return replace(scenario, locations=locations, persons=persons)


#: A type or track that a ``[from."OTHER"]`` table does not map.
_MAP_TYPE = N_(
    "the location type {value!r} (used in {file}) is not mapped from landscape {other}; "
    'add it to the [from."{other}"] table of the landscape file'
)
_MAP_TRACK = N_(
    "the track {value!r} (used in {file}) is not mapped from landscape {other}; "
    'add it to the [from."{other}"] table of the landscape file'
)


def split_by_shares(n: int, shares: list[float]) -> list[int]:
    """Split ``n`` into whole counts by ``shares`` with the largest-remainder rule.

    Each gets ``floor(n · share / total)``; what is left goes one by one to
    the largest fractional parts, ties to the earlier share. Shares are
    taken as the decimals they are written as (``0.45`` is 45/100), so the
    arithmetic is exact.
    """
    from fractions import Fraction

    exact = [Fraction(repr(float(s))) for s in shares]
    total = sum(exact)
    if n == 0 or total == 0:
        return [0] * len(shares)
    quotas = [n * s / total for s in exact]
    counts = [int(q) for q in quotas]
    order = sorted(range(len(shares)), key=lambda i: (-(quotas[i] - counts[i]), i))
    for i in order[: n - sum(counts)]:
        counts[i] += 1
    return counts


def _add_locations(scenario: Scenario, locations: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Append the locations of ``path``, read and checked as ``locations.csv`` is."""
    from placement.input.read import read_locations

    new = read_locations(path, scenario, taken=locations["location_id"])
    return pd.concat([locations, new], ignore_index=True)


def _check_known(locations: pd.DataFrame, ids: Iterable[str], source: str) -> None:
    unknown = sorted(set(ids) - set(locations["location_id"]))
    if unknown:
        raise PlacementInputError(
            [
                InputProblem(_source(source), None, None, _(
                    "no location with id {location}{hint}; use an id from locations.csv or from "
                    "the added locations"
                ).format(location=repr(i), hint=did_you_mean(i, locations["location_id"])),
                Code.BAD_VARIANT)
                for i in unknown
            ]
        )  # fmt: skip


def _problem(source: str, message: str) -> PlacementInputError:
    return PlacementInputError(
        [InputProblem(_source(source), None, None, message, Code.BAD_VARIANT)]
    )


def _source(source: str) -> str:
    """Where a problem is: a file as it is named, the command line in the current language."""
    return _(COMMAND_LINE) if source == COMMAND_LINE else source


def scale_arrivals(persons: pd.DataFrame, factor: float, seed: int = 0) -> pd.DataFrame:
    """Scale the new-arrival households (empty ``current_location_id``) by ``factor``.

    Above 1, extra households are drawn with replacement from the arrival
    households (a seeded :class:`numpy.random.Generator`) and appended whole,
    with fresh ids: the copy's ``household_id``, ``person_id`` and non-empty
    ``family_group`` get the suffix ``-s1`` (``-s2`` for a second copy, ...).
    Below 1, the first ``round(factor * n)`` arrival households in input order
    are kept. Residents are never touched.
    """
    arrival = persons["current_location_id"] == ""
    households = pd.unique(persons.loc[arrival, "household_id"])
    target = int(round(factor * len(households)))
    if target <= len(households):
        dropped = set(households[target:])
        return persons[~persons["household_id"].isin(dropped)].reset_index(drop=True)
    rng = np.random.default_rng(seed)
    drawn = rng.choice(len(households), size=target - len(households), replace=True)
    copy_no = pd.Series(drawn).groupby(drawn).cumcount().to_numpy() + 1
    taken = set(persons["person_id"]) | set(persons["household_id"])
    members = persons[arrival].groupby("household_id", sort=False)
    extra = []
    for h, k in zip(households[drawn], copy_no, strict=True):
        suffix = _free_suffix(members.get_group(h), k, taken)
        extra.append(_renamed(members.get_group(h), suffix))
    return pd.concat([persons, *extra], ignore_index=True)


def _free_suffix(members: pd.DataFrame, k: int, taken: set[str]) -> str:
    """The first ``-sK`` (K >= k) that makes no id collide with one in ``taken``."""
    ids = [*members["person_id"], members["household_id"].iat[0]]
    while any(f"{i}-s{k}" in taken for i in ids):
        k += 1
    taken.update(f"{i}-s{k}" for i in ids)
    return f"-s{k}"


def _renamed(members: pd.DataFrame, suffix: str) -> pd.DataFrame:
    copy = members.copy()
    for column in ("person_id", "household_id"):
        copy[column] = copy[column] + suffix
    group = copy["family_group"]
    copy["family_group"] = group.where(group == "", group + suffix)
    return copy


# --------------------------------------------------------------------------- reading


def read_variants(path: Path | str) -> list[Variant]:
    """Read a ``variants.toml``: one table per variant under ``[variants.NAME]``.

    Keys: ``add_locations`` (path relative to the file), ``close`` (list of
    ids), ``capacity`` and ``flex`` (tables id = beds), ``arrivals_factor``, ``seed``,
    ``landscape``, ``weights`` (a table, or a path to a TOML file).

    Raises
    ------
    PlacementInputError
        When the file is not valid TOML or a variant is not valid.
    """
    path = Path(path)
    file = str(path)
    try:
        with open(path, "rb") as f:
            raw = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _problem(file, _("cannot be read as TOML ({error})").format(error=exc)) from None
    tables = raw.get("variants")
    if not isinstance(tables, dict) or not tables or set(raw) != {"variants"}:
        raise _problem(file, _("expected one or more [variants.NAME] tables and nothing else"))
    problems, variants = [], []
    for name, spec in tables.items():
        try:
            variants.append(variant_from_dict(name, spec, path.parent, source=file))
        except (ValueError, TypeError) as exc:
            problems.append(
                InputProblem(
                    file,
                    None,
                    None,
                    _("variant {name}: {problem}").format(name=repr(name), problem=exc),
                    Code.BAD_VARIANT,
                )  # fmt: skip
            )
    if problems:
        raise PlacementInputError(problems)
    return variants


VARIANT_KEYS = (
    "add_locations", "close", "capacity", "flex", "arrivals_factor", "seed", "landscape",
    "weights",
)  # fmt: skip


def variant_from_dict(name: str, spec: Any, base: Path, *, source: str) -> Variant:
    """Build a variant from a TOML table; paths in it are relative to ``base``."""
    if not isinstance(spec, dict):
        raise TypeError(_("must be a table of changes"))
    unknown = sorted(set(spec) - set(VARIANT_KEYS))
    if unknown:
        raise ValueError(
            _("unknown key(s) {unknown}; known: {known}").format(
                unknown=unknown, known=list(VARIANT_KEYS)
            )
        )
    add = spec.get("add_locations")
    weights = spec.get("weights", {})
    if isinstance(weights, str):
        weights = read_weights(base / weights)
    close = spec.get("close", [])
    return Variant(
        name=name,
        add_locations=base / add if add is not None else None,
        close=tuple(str(i) for i in ([close] if isinstance(close, str) else close)),
        capacity=dict(spec.get("capacity", {})),
        flex=dict(spec.get("flex", {})),
        arrivals_factor=float(spec.get("arrivals_factor", 1.0)),
        seed=int(spec.get("seed", 0)),
        landscape=str(spec["landscape"]) if "landscape" in spec else None,
        weights=dict(weights),
        source=source,
    )


def read_weights(path: Path) -> dict[str, float]:
    """Weights from a TOML file: its ``[weights]`` table, or its top level."""
    try:
        with open(path, "rb") as f:
            raw = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot be read as TOML ({exc})") from None
    weights = raw.get("weights", raw)
    table_from_dict(Weights, weights, "weights")
    return dict(weights)


# --------------------------------------------------------------------------- running


def run_whatif(
    scenario: Scenario,
    variants: Iterable[Variant],
    progress: Progress | None = None,
    *,
    engine: str = "auto",
) -> WhatIfResult:
    """Solve the baseline and every variant with the same model, and compare them.

    Parameters
    ----------
    scenario
        The baseline, as read by :func:`placement.input.read.read_scenario`.
    variants
        The what-ifs, with distinct names.
    progress
        Called with a short description before each step.
    engine
        Passed to :func:`placement.api.run`.

    Raises
    ------
    PlacementInputError
        When a variant cannot be applied (all variants are applied before solving).
    NoSolutionError
        When a run finds no solution within the time limit.
    """
    from placement.api import run

    variants = list(variants)
    names = [v.name for v in variants]
    if len(set(names)) != len(names):
        raise _problem(
            COMMAND_LINE, _("variant names must differ, got {names}").format(names=names)
        )
    scenarios = {"baseline": scenario}
    problems: list[InputProblem] = []
    for v in variants:
        try:
            scenarios[v.name] = apply_variant(scenario, v)
        except PlacementInputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise PlacementInputError(problems)
    say = progress or (lambda what: None)
    outcomes = {}
    for i, (name, s) in enumerate(scenarios.items(), start=1):
        step = f"{name} ({i}/{len(scenarios)})"
        outcomes[name] = run(s, progress=_prefixed(say, step), engine=engine)
    say(_("comparing"))
    comparison = compare(outcomes, scenario.gemeenten)
    return WhatIfResult(scenarios, outcomes, comparison, tuple(variants))


def _prefixed(say: Progress, step: str) -> Progress:
    return lambda what: say(f"{step}: {what}")


def closure_date(scenario: Scenario) -> dt.date:
    """The last open night a closure gives: the day before the planning date."""
    return scenario.settings.planning_date - dt.timedelta(days=1)
