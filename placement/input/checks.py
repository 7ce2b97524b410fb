"""The checks across rows and tables, once every file is typed.

What one file's schema cannot see: ids used twice, references to another
table (a known gemeente, location or household; a type or track of the
landscape), households whose members disagree, and overrides that
contradict each other. Each reports into :class:`~placement.input.problems.Problems`
with the line and column of the cell to mend.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from placement.errors import Code
from placement.i18n import N_, _, did_you_mean
from placement.input.problems import Problems, quote
from placement.input.scenario import LOCATIONS, OVERRIDES, PERSONS, Scenario
from placement.input.settings import Landscape

#: Columns every member of a household must agree on.
HOUSEHOLD_COLUMNS: tuple[str, ...] = (
    "track",
    "current_location_id",
    "housing_gemeente_code",
    "family_group",
)

#: A gemeente code not in the gemeente table (locations, candidates, taakstelling).
_UNKNOWN_GEMEENTE = N_(
    "gemeente_code '{value}' is not in the gemeente table; use a current CBS code, or add the "
    "gemeente with its reference point to gemeenten.csv"
)
#: How to mend an id used twice, by what it names.
_OWN_ID = {
    "location": N_("give every location its own id"),
    "person": N_("give every person its own id"),
    "gemeente": N_("give every gemeente its own id"),
    "candidate": N_("give every candidate its own id"),
}
_PINNED_AGAIN = N_(
    "household '{household}' is already pinned again on line {line}; a household can be pinned "
    "to one location only, so remove one of the pins"
)
_PINNED_ELSEWHERE = N_(
    "household '{household}' is already pinned to '{location}' on line {line}; a household can "
    "be pinned to one location only, so remove one of the pins"
)


def report_duplicates(
    frame: pd.DataFrame,
    column: str,
    file: str,
    what: str,
    problems: Problems,
    *,
    fix: str | None = None,
) -> None:
    """Name every line after the first that repeats a non-empty id.

    ``fix`` says what to do (default: give every ``what`` — a key of
    :data:`_OWN_ID` — its own id).
    """
    ids = frame[column]
    later = (ids.duplicated(keep="first") & (ids != "")).to_numpy()
    if not later.any():
        return
    first = frame.groupby(column, sort=False)["line"].transform("first")
    again = _("{column} '{value}' is used again (first on line {line}); {fix}")
    fix = fix or _(_OWN_ID[what])
    messages = (
        again.format(column=column, value=quote(v), line=f, fix=fix)
        for v, f in zip(ids[later], first[later], strict=True)
    )
    problems.add_rows(file, frame["line"][later], column, messages, Code.DUPLICATE_ID)


def report_unknown(
    frame: pd.DataFrame,
    column: str,
    known: Iterable[str],
    file: str,
    message: str,
    problems: Problems,
    **fill: str,
) -> None:
    """Report non-empty cells of ``column`` not in ``known``.

    ``message`` (translated) is formatted with ``value`` (the cell), ``hint``
    (the closest known value as " (did you mean 'x'?)", or "") and ``fill``.
    """
    known = list(known)
    values = frame[column]
    bad = ((values != "") & ~values.isin(known)).to_numpy()
    if not bad.any():
        return
    hints = dict.fromkeys(values[bad].unique(), "")
    if "{hint}" in message:  # only for small vocabularies: a close id is a guess
        for value in hints:
            hints[value] = did_you_mean(value, known)
    messages = (message.format(value=quote(v), hint=hints[v], **fill) for v in values[bad])
    problems.add_rows(file, frame["line"][bad], column, messages, Code.UNKNOWN_REFERENCE)


def check_locations(
    locations: pd.DataFrame,
    gemeenten: pd.DataFrame | None,
    landscape: Landscape | None,
    problems: Problems,
    file: str = LOCATIONS,
) -> None:
    """Check unique ids, known gemeenten and types of the landscape; problems name ``file``."""
    report_duplicates(locations, "location_id", file, "location", problems)
    report_places(locations, file, gemeenten, landscape, problems)


def check_further_locations(
    new: pd.DataFrame,
    gemeenten: pd.DataFrame,
    landscape: Landscape | None,
    taken: Iterable[str],
    problems: Problems,
    file: str,
) -> None:
    """Check a further locations file as ``locations.csv``; an id in ``taken`` is a problem too."""
    check_locations(new, gemeenten, landscape, problems, file)
    used = new["location_id"].isin(list(taken)).to_numpy()
    again = _(
        "location_id '{value}' is already a location of the scenario; give the new location "
        "its own id"
    )
    messages = (again.format(value=v) for v in new["location_id"][used])
    problems.add_rows(file, new["line"][used], "location_id", messages, Code.DUPLICATE_ID)


def check_candidates(
    candidates: pd.DataFrame, scenario: Scenario, problems: Problems, file: str
) -> None:
    """Check unique ids that no location of ``scenario`` has, known gemeenten and types."""
    report_duplicates(candidates, "candidate_id", file, "candidate", problems)
    taken = candidates["candidate_id"].isin(scenario.locations["location_id"]).to_numpy()
    again = _(
        "candidate_id '{value}' is already a location_id of the scenario; give the "
        "candidate its own id"
    )
    messages = (again.format(value=quote(v)) for v in candidates["candidate_id"][taken])
    problems.add_rows(file, candidates["line"][taken], "candidate_id", messages, Code.DUPLICATE_ID)
    land = scenario.settings.landscape
    report_places(candidates, file, scenario.gemeenten, land, problems)


def check_taakstelling(
    quotas: pd.DataFrame, gemeenten: pd.DataFrame | None, problems: Problems, file: str
) -> None:
    """Check that every gemeente has one row, and is in ``gemeenten`` when that is given."""
    report_duplicates(
        quotas, "gemeente_code", file, "gemeente", problems,
        fix=_("give every gemeente one row (add its quotas up)"),
    )  # fmt: skip
    if gemeenten is not None:
        report_unknown(
            quotas, "gemeente_code", gemeenten["gemeente_code"], file, _(_UNKNOWN_GEMEENTE),
            problems,
        )  # fmt: skip


def report_places(
    frame: pd.DataFrame,
    file: str,
    gemeenten: pd.DataFrame | None,
    landscape: Landscape | None,
    problems: Problems,
) -> None:
    """Report gemeenten not in the table and types not of the landscape (locations, candidates)."""
    if gemeenten is not None:
        report_unknown(
            frame, "gemeente_code", gemeenten["gemeente_code"], file,
            _(_UNKNOWN_GEMEENTE), problems,
        )  # fmt: skip
    if landscape is not None:
        report_unknown(
            frame, "type", landscape.types, file,
            _(
                "type '{value}' is not a location type of landscape {landscape}{hint}; "
                "use one of: {choices}"
            ),
            problems, landscape=landscape.name, choices=", ".join(landscape.types),
        )  # fmt: skip


def check_persons(
    persons: pd.DataFrame,
    locations: pd.DataFrame | None,
    gemeenten: pd.DataFrame | None,
    landscape: Landscape | None,
    problems: Problems,
) -> None:
    """Check unique ids, tracks, references to other tables and agreeing households."""
    report_duplicates(persons, "person_id", PERSONS, "person", problems)
    if landscape is not None:
        report_unknown(
            persons, "track", landscape.tracks, PERSONS,
            _(
                "track '{value}' is not a track of landscape {landscape}{hint}; "
                "use one of: {choices}"
            ),
            problems, landscape=landscape.name, choices=", ".join(landscape.tracks),
        )  # fmt: skip
    if locations is not None and problems.has_column(LOCATIONS, "location_id"):
        report_unknown(
            persons, "current_location_id", locations["location_id"], PERSONS,
            _(
                "current_location_id '{value}' is not a location_id in locations.csv{hint}; "
                "correct it, add the location, or leave it empty for a new arrival"
            ),
            problems,
        )  # fmt: skip
    if gemeenten is not None:
        report_unknown(
            persons, "housing_gemeente_code", gemeenten["gemeente_code"], PERSONS,
            _(
                "housing_gemeente_code '{value}' is not in the gemeente table; use a current "
                "CBS code, or add the gemeente with its reference point to gemeenten.csv"
            ),
            problems,
        )  # fmt: skip
    households, _codes = pd.factorize(persons["household_id"])
    _ids, first_rows = np.unique(households, return_index=True)
    first = first_rows[households]  # row of the household's first member, per row
    no_id = (persons["household_id"] == "").to_numpy()
    first[no_id] = np.flatnonzero(no_id)  # reported as empty already: compare with itself
    for column in HOUSEHOLD_COLUMNS:
        _report_disagreement(persons, column, first, problems)


def _report_disagreement(
    persons: pd.DataFrame, column: str, first: np.ndarray, problems: Problems
) -> None:
    """Name every member whose ``column`` differs from its household's first member.

    ``first`` holds, per row, the row of its household's first member.
    """
    values = persons[column].to_numpy(dtype=object)
    differs = values != values[first]
    if not differs.any():
        return
    rows = zip(
        persons["household_id"][differs],
        values[differs],
        values[first[differs]],
        persons["line"].to_numpy()[first[differs]],
        strict=True,
    )
    differ = _(
        "household '{household}' has {column} '{value}' here but '{first}' on line {line}; "
        "every member of a household must have the same {column}"
    )
    messages = (
        differ.format(household=quote(h), column=column, value=quote(v), first=quote(f), line=n)
        for h, v, f, n in rows
    )
    problems.add_rows(
        PERSONS, persons["line"][differs], column, messages, Code.INCONSISTENT_HOUSEHOLD
    )


def check_overrides(
    overrides: pd.DataFrame,
    persons: pd.DataFrame | None,
    locations: pd.DataFrame | None,
    problems: Problems,
) -> None:
    """Known households and locations; no household pinned twice or pinned and forbidden."""
    if persons is not None and problems.has_column(PERSONS, "household_id"):
        report_unknown(
            overrides, "household_id", persons["household_id"].unique(), OVERRIDES,
            _(
                "household_id '{value}' is not a household in persons.csv; "
                "correct the id or remove the override"
            ),
            problems,
        )  # fmt: skip
    if locations is not None and problems.has_column(LOCATIONS, "location_id"):
        report_unknown(
            overrides, "location_id", locations["location_id"], OVERRIDES,
            _(
                "location_id '{value}' is not in locations.csv{hint}; correct the id or remove "
                "the override"
            ),
            problems,
        )  # fmt: skip
    _report_double_pins(overrides, problems)
    _report_pin_and_forbid(overrides, problems)


def _report_double_pins(overrides: pd.DataFrame, problems: Problems) -> None:
    """Name every pin after a household's first: it has at most one."""
    pins = overrides[overrides["action"] == "pin"]
    later = pins["household_id"].duplicated(keep="first")
    if not later.any():
        return
    firsts = pins.groupby("household_id", sort=False)[["location_id", "line"]].transform("first")
    messages = []
    for h, loc, first_loc, first_line in zip(
        pins["household_id"][later],
        pins["location_id"][later],
        firsts["location_id"][later],
        firsts["line"][later],
        strict=True,
    ):
        again = loc == first_loc
        messages.append(
            (_(_PINNED_AGAIN) if again else _(_PINNED_ELSEWHERE)).format(
                household=quote(h), location=quote(first_loc), line=first_line
            )
        )
    problems.add_rows(OVERRIDES, pins["line"][later], "action", messages, Code.OVERRIDE_CONFLICT)


def _report_pin_and_forbid(overrides: pd.DataFrame, problems: Problems) -> None:
    """Name overrides that pin and forbid one household at one location."""
    pairs = overrides.groupby(["household_id", "location_id"], sort=False)
    first_action = pairs["action"].transform("first")
    first_line = pairs["line"].transform("first")
    valid = overrides["action"].isin(["pin", "forbid"]) & first_action.isin(["pin", "forbid"])
    clash = (valid & (overrides["action"] != first_action)).to_numpy()
    if not clash.any():
        return
    both = _(
        "household '{household}' is both pinned to and forbidden from '{location}' "
        "(see line {line}); keep either the pin or the forbid"
    )
    messages = (
        both.format(household=quote(h), location=quote(loc), line=n)
        for h, loc, n in zip(
            overrides["household_id"][clash],
            overrides["location_id"][clash],
            first_line[clash],
            strict=True,
        )
    )
    problems.add_rows(
        OVERRIDES, overrides["line"][clash], "action", messages, Code.OVERRIDE_CONFLICT
    )
