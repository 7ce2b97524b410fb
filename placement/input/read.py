"""Read a scenario folder, and the files that go with it, into validated frames.

Reading only: :func:`read_scenario` turns a folder into a
:class:`~placement.input.scenario.Scenario` or raises one
:class:`~placement.errors.PlacementInputError` listing every problem in
every file, each with its file, line, column and what to do about it.
:func:`read_locations`, :func:`read_candidates`, :func:`read_taakstelling`
and :func:`read_populations` read the further files of ``whatif``, ``plan``
and ``link`` the same way.

Each file is read in three steps, each a module of its own: the CSV dialect
(:mod:`placement.input.dialect`), its columns typed and validated by its
schema (:mod:`placement.input.validate`, parsing with
:mod:`placement.input.cells`), then the checks across tables
(:mod:`placement.input.checks`). The parsing rules are the contract's
"Parsing, exactly"; the column rules live in :mod:`placement.input.schema`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from placement.errors import Code, PlacementInputError
from placement.i18n import _, using
from placement.input.checks import (
    check_candidates,
    check_further_locations,
    check_locations,
    check_overrides,
    check_persons,
    check_taakstelling,
    report_duplicates,
)
from placement.input.dialect import Table, read_table
from placement.input.problems import Problems, input_error
from placement.input.scenario import GEMEENTEN, LOCATIONS, OVERRIDES, PERSONS, Scenario
from placement.input.schema import (
    CandidateSchema,
    GemeenteSchema,
    LocationSchema,
    OverrideSchema,
    PersonSchema,
    PopulationSchema,
    TaakstellingSchema,
)
from placement.input.settings import Settings, read_settings, scenario_language
from placement.input.validate import typed_frame
from placement.resources import reference_file

#: How problems in the program's own gemeente table name its file.
BUILTIN_LABEL = "data/gemeenten.csv"


def read_scenario(
    folder: Path | str,
    *,
    mode: str | None = None,
    planning_date: date | None = None,
    landscape: str | None = None,
    language: str | None = None,
) -> Scenario:
    """Read and validate a scenario folder.

    Parameters
    ----------
    folder
        Holds ``locations.csv`` and ``persons.csv``, and optionally
        ``gemeenten.csv``, ``overrides.csv`` and ``scenario.toml``.
    mode, planning_date, landscape, language
        Command-line options; each one given wins over ``scenario.toml``.
        The problems are told in ``language`` (else the scenario's).
        A landscape is a shipped name (``"2024"``) or a path relative to
        ``folder``.

    Returns
    -------
    Scenario
        The typed frames (see :mod:`placement.input.scenario`), the settings and
        the warnings (unknown columns).

    Raises
    ------
    PlacementInputError
        Listing every problem found in every file.
    """
    folder = Path(folder)
    with using(scenario_language(folder, language)):
        return _read_scenario(folder, mode, planning_date, landscape, language)


def _read_scenario(
    folder: Path,
    mode: str | None,
    planning_date: date | None,
    landscape: str | None,
    language: str | None,
) -> Scenario:
    if not folder.is_dir():
        raise input_error(
            str(folder), None,
            _("no such folder; give a folder holding locations.csv and persons.csv"),
            Code.MISSING_FILE,
        )  # fmt: skip
    problems = Problems()
    warnings: list[str] = []
    settings = _read_settings(folder, mode, planning_date, landscape, language, problems)
    land = settings.landscape if settings is not None else None
    gemeenten = _read_gemeenten(folder, problems, warnings)
    locations = _read_input(folder, LOCATIONS, LocationSchema, problems, warnings)
    persons = _read_input(folder, PERSONS, PersonSchema, problems, warnings)
    overrides = _read_input(folder, OVERRIDES, OverrideSchema, problems, warnings, optional=True)
    if locations is not None:
        check_locations(locations, gemeenten, land, problems)
    if persons is not None:
        check_persons(persons, locations, gemeenten, land, problems)
    if overrides is not None:
        check_overrides(overrides, persons, locations, problems)
    if problems.items or settings is None:
        raise PlacementInputError(problems.items, warnings=tuple(warnings))
    assert locations is not None and persons is not None and gemeenten is not None
    return Scenario(
        folder=folder,
        locations=_fill_points(locations, gemeenten),
        persons=persons,
        gemeenten=gemeenten,
        overrides=overrides if overrides is not None else _empty_frame(OverrideSchema),
        settings=settings,
        warnings=tuple(warnings),
    )


def read_locations(path: Path, scenario: Scenario, *, taken: Iterable[str] = ()) -> pd.DataFrame:
    """A further locations file, read and checked as ``locations.csv`` is, with points filled.

    Checked against the scenario's gemeenten and landscape; an id in
    ``taken`` (e.g. the scenario's own locations) is a problem too.

    Raises
    ------
    PlacementInputError
        With every problem of the file (named by its path), line and column.
    """
    problems = Problems()
    warnings: list[str] = []
    name = str(path)
    new = _read_input(path.parent, path.name, LocationSchema, problems, warnings, file=name)
    if new is not None:
        land = scenario.settings.landscape
        check_further_locations(new, scenario.gemeenten, land, taken, problems, name)
    if problems.items or new is None:
        raise PlacementInputError(problems.items, warnings=tuple(warnings))
    return _fill_points(new, scenario.gemeenten)


def read_candidates(path: Path, scenario: Scenario) -> pd.DataFrame:
    """``candidates.csv`` of ``placement plan``, read and checked as ``locations.csv`` is.

    Ids are unique and are not location ids of the scenario; gemeenten are
    known; types are types of the landscape. A candidate without ``lat, lon``
    gets its gemeente's reference point.

    Raises
    ------
    PlacementInputError
        With every problem of the file (named by its path), line and column.
    """
    problems = Problems()
    warnings: list[str] = []
    name = str(path)
    frame = _read_input(path.parent, path.name, CandidateSchema, problems, warnings, file=name)
    if frame is not None:
        check_candidates(frame, scenario, problems, name)
    if problems.items or frame is None:
        raise PlacementInputError(problems.items, warnings=tuple(warnings))
    return _fill_points(frame, scenario.gemeenten)


def read_taakstelling(
    path: Path | str,
    gemeenten: pd.DataFrame | None,
    *,
    file: str | None = None,
    warnings: list[str] | None = None,
) -> pd.DataFrame:
    """Read ``taakstelling.csv``: the persons each gemeente can still be linked.

    Parsed and validated as the scenario's files are; every code must be in
    ``gemeenten`` (the scenario's gemeente table) and appear once.

    Parameters
    ----------
    path
        The file.
    gemeenten
        The gemeente table the codes must be in (``Scenario.gemeenten``);
        ``None`` checks the file on its own (when the scenario has problems).
    file
        The name problems give the file; default ``path`` as given.
    warnings
        When given, unknown columns and other legal oddities are appended to it.

    Returns
    -------
    pandas.DataFrame
        ``gemeente_code``, ``quota`` (int64), ``line``, in the file's order.

    Raises
    ------
    PlacementInputError
        With every problem of the file, each with its line and column.
    """
    path = Path(path)
    name = file or str(path)
    if not path.is_file():
        raise input_error(
            name, None,
            _(
                "the taakstelling file is missing; add it to the scenario folder "
                "(columns gemeente_code, quota), or name another file"
            ),
            Code.MISSING_FILE,
        )  # fmt: skip
    problems = Problems()
    found: list[str] = []
    quotas = _read_input(path.parent, path.name, TaakstellingSchema, problems, found, file=name)
    if quotas is not None:
        check_taakstelling(quotas, gemeenten, problems, name)
    if warnings is not None:
        warnings.extend(found)
    if problems.items or quotas is None:
        raise PlacementInputError(problems.items, warnings=tuple(found))
    return quotas


def read_populations(path: Path | str | None = None, *, file: str | None = None) -> pd.DataFrame:
    """Gemeenten and their populations, to split a taakstelling over.

    Parameters
    ----------
    path
        A CSV file with the columns ``gemeente_code`` and ``population``
        (required in every row; other columns are ignored without a
        warning, so a scenario's ``gemeenten.csv`` serves). ``None``: the
        built-in table's gemeenten that have a population.
    file
        The name problems give the file; default ``path`` as given.

    Returns
    -------
    pandas.DataFrame
        ``gemeente_code``, ``population`` (int64), ``line``, in the file's order.

    Raises
    ------
    PlacementInputError
        With every problem of the file (a repeated code too).
    """
    problems = Problems()
    if path is None:
        builtin = reference_file("gemeenten.csv")
        frame = _read_input(
            builtin.parent, builtin.name, GemeenteSchema, problems, [], file=BUILTIN_LABEL
        )
        if problems.items or frame is None:
            raise PlacementInputError(problems.items)
        known = frame[frame["population"].notna()]
        return known.astype({"population": "int64"})[["gemeente_code", "population", "line"]]
    path = Path(path)
    name = file or str(path)
    if not path.is_file():
        raise input_error(
            name, None, _("no such file; give a CSV file with gemeente_code and population"),
            Code.MISSING_FILE,
        )  # fmt: skip
    table = read_table(path, file=name)
    wanted = [c for c in table.cells.columns if c in PopulationSchema.to_schema().columns]
    # Other columns are not this file's business: dropped before typing, so no warning.
    table = Table(table.file, table.cells[wanted], table.lines)
    frame = typed_frame(table, PopulationSchema, problems, [])
    report_duplicates(
        frame, "gemeente_code", name, "gemeente", problems,
        fix=_("give every gemeente one row"),
    )  # fmt: skip
    if problems.items:
        raise PlacementInputError(problems.items)
    return frame


def _read_settings(
    folder: Path,
    mode: str | None,
    planning_date: date | None,
    landscape: str | None,
    language: str | None,
    problems: Problems,
) -> Settings | None:
    """Read ``scenario.toml`` and apply the command-line options; ``None`` if unusable."""
    try:
        return read_settings(
            folder, mode=mode, planning_date=planning_date, landscape=landscape, language=language
        )
    except PlacementInputError as exc:
        problems.extend(exc.problems)
        return None


def _read_input(
    folder: Path,
    name: str,
    model: type[pa.DataFrameModel],
    problems: Problems,
    warnings: list[str],
    *,
    optional: bool = False,
    file: str | None = None,
) -> pd.DataFrame | None:
    """Read, type and validate one file; ``None`` when it is absent or unreadable."""
    path = folder / name
    if not path.is_file():
        if not optional:
            problems.add(
                file or name, None, None, _missing_file_message(folder, name), Code.MISSING_FILE
            )
        return None
    try:
        table = read_table(path, file=file)
    except PlacementInputError as exc:
        problems.extend(exc.problems)
        return None
    except OSError as exc:
        problems.add(
            file or name, None, None,
            _("cannot be read ({error}); check the file").format(error=exc.strerror),
            Code.UNREADABLE,
        )  # fmt: skip
        return None
    warnings.extend(table.warnings)
    return typed_frame(table, model, problems, warnings)


def _missing_file_message(folder: Path, name: str) -> str:
    others = [p.name for p in folder.iterdir() if p.is_file()]
    hint = difflib.get_close_matches(name, others, n=1, cutoff=0.6)
    found = (
        _(" ('{name}' is there: file names are case-sensitive)").format(name=hint[0])
        if hint
        else ""
    )
    return _("required file {file} is not in the scenario folder{found}; add it").format(
        file=name, found=found
    )


def _empty_frame(model: type[pa.DataFrameModel]) -> pd.DataFrame:
    """Return a frame with the model's columns and dtypes and no rows."""
    schema = model.to_schema()
    return pd.DataFrame({n: pd.Series(dtype=c.dtype.type) for n, c in schema.columns.items()})


def _read_gemeenten(folder: Path, problems: Problems, warnings: list[str]) -> pd.DataFrame | None:
    """Read the built-in gemeente table and apply the scenario's rows.

    A scenario row replaces the built-in row with its code (keeping the
    built-in population when the scenario gives none); new codes follow.
    """
    try:
        path = reference_file("gemeenten.csv")
    except FileNotFoundError:
        problems.add(
            BUILTIN_LABEL, None, None, _("the built-in gemeente table is missing; reinstall"),
            Code.MISSING_FILE,
        )  # fmt: skip
        builtin = None
    else:
        builtin = _read_input(
            path.parent, path.name, GemeenteSchema, problems, warnings, file=BUILTIN_LABEL
        )
    own = _read_input(folder, GEMEENTEN, GemeenteSchema, problems, warnings, optional=True)
    if own is not None:
        report_duplicates(own, "gemeente_code", GEMEENTEN, "gemeente", problems)
    if builtin is None or own is None:
        merged = builtin if builtin is not None else own
        return None if merged is None else merged.drop(columns="line")
    base = builtin.set_index("gemeente_code").drop(columns="line")
    mine = own.drop_duplicates("gemeente_code").set_index("gemeente_code").drop(columns="line")
    mine["population"] = mine["population"].fillna(base["population"].reindex(mine.index))
    order = list(base.index) + [c for c in mine.index if c not in base.index]
    merged = pd.concat([base.loc[~base.index.isin(mine.index)], mine]).loc[order]
    return merged.reset_index()


def _fill_points(locations: pd.DataFrame, gemeenten: pd.DataFrame) -> pd.DataFrame:
    """Give a location without ``lat, lon`` its gemeente's reference point."""
    points = gemeenten.set_index("gemeente_code")
    missing = locations["lat"].isna().to_numpy()
    if not missing.any():
        return locations
    codes = locations["gemeente_code"][missing]
    locations = locations.copy()
    for axis in ("lat", "lon"):
        locations.loc[missing, axis] = codes.map(points[axis]).to_numpy(dtype=np.float64)
    return locations
