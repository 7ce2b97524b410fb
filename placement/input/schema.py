"""Pandera models of the input tables, one per file of a scenario folder.

Each model describes the *typed* frame that :mod:`placement.input.validate` builds after
parsing the text cells, before the reader fills a location's missing point
from its gemeente. The field metadata is the contract of the column as the
reader needs it:

``kind``
    how a cell is parsed: ``text``, ``int``, ``decimal``, ``bool`` or ``date``;
``required``
    the column must be in the header and no cell may be empty;
``default``
    the value of an empty cell of an optional ``int``/``decimal``/``bool``
    column (``None``: missing, e.g. no limit);
``signed``
    a ``decimal`` that may take a leading sign (``lat``, ``lon``);
``rule`` and ``fix``
    what a valid value is and how to repair a bad one: an input problem reads
    ``"<column> must be <rule>, got '<cell>'; <fix>"``.

Cross-column rules are functions in :data:`FRAME_RULES`, which the models'
``@pa.dataframe_check`` methods call; :data:`FRAME_CHECKS` gives each its
message, formatted with the row's cells. Rules that need other tables (a
known gemeente, a type of the landscape, unique ids) live in
:mod:`placement.input.checks`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd
import pandera.api.pandas.model as _pandera_model
import pandera.engines.pandas_engine as _pandas_engine
import pandera.pandas as pa
from pandera.typing import Index, Series

from placement.i18n import N_

# pandera asks which Series and Index types exist each time it builds a
# schema, and answers by importing dask.dataframe (half a second or more)
# whenever dask is installed, as it is for the simulation's workers. These
# are pandas models, so pandas' types are the whole answer, and reading a
# scenario does not pay for dask. (Without these names in pandera, nothing
# changes but the time.)
_PANDAS_TYPES = {"get_index_types": {Index}, "get_series_types": {Series}}
for _name, _types in _PANDAS_TYPES.items():
    if hasattr(_pandera_model, _name):
        setattr(_pandera_model, _name, lambda types=frozenset(_types): set(types))

# pandera also asks of each column's annotation, and of some dtypes, whether
# it is geopandas' geometry, and imports geopandas (a tenth of a second) to
# answer. A geometry dtype exists only once geopandas is loaded, and only the
# name "geometry" needs it loading; these models have none, so reading a
# scenario does not pay for geopandas either.
_is_geopandas_dtype = getattr(_pandas_engine, "is_geopandas_dtype", None)


def _geometry_once_loaded(pd_dtype: Any) -> bool | Iterable[bool]:
    if "geopandas" not in sys.modules and not (
        isinstance(pd_dtype, str) and pd_dtype == "geometry"
    ):
        return False
    assert _is_geopandas_dtype is not None
    return _is_geopandas_dtype(pd_dtype)


if _is_geopandas_dtype is not None:
    _pandas_engine.is_geopandas_dtype = _geometry_once_loaded

GEMEENTE_CODE = r"^GM[0-9]{4}$"
ACTIONS: tuple[str, ...] = ("pin", "forbid")


def _meta(kind: str, rule: str, fix: str, *, required: bool = False, **extra: Any) -> dict:
    """Build the metadata of one field (see the module docstring)."""
    return {"kind": kind, "required": required, "rule": rule, "fix": fix, **extra}


def _text(rule: str, fix: str, *, required: bool = False) -> dict:
    return _meta("text", rule, fix, required=required)


_LAT = _meta(
    "decimal",
    N_("a latitude between -90 and 90 (WGS84 degrees)"),
    N_("use . or , as the decimal mark, e.g. 52,37; empty lat and lon for the gemeente's point"),
    default=None,
    signed=True,
)
_LON = _meta(
    "decimal",
    N_("a longitude between -180 and 180 (WGS84 degrees)"),
    N_("use . or , as the decimal mark, e.g. 4,89; empty lat and lon for the gemeente's point"),
    default=None,
    signed=True,
)
_ID_RULE = N_("non-empty text")
_BOOL_FIX = N_("write ja/nee, true/false, yes/no, waar/onwaar or 1/0, or leave it empty")


def _date_bound() -> Any:
    """An optional opening bound (``open_from``, ``open_until``)."""
    return pa.Field(
        nullable=True,
        metadata=_meta(
            "date",
            N_("a date from 1678 to 2261"),
            N_("write yyyy-mm-dd or dd-mm-yyyy, or leave it empty for no bound"),
            default=None,
        ),
    )


def _open_from_not_after_open_until(df: pd.DataFrame) -> pd.Series:
    return ~(df["open_from"] > df["open_until"])


def _lat_lon_both_or_neither(df: pd.DataFrame) -> pd.Series:
    return df["lat"].isna() == df["lon"].isna()


#: Each cross-column rule by its check's name: ``True`` for a row that keeps it.
#: The models check with these, and the reader's quick check
#: (:func:`placement.input.validate.passes`) too.
FRAME_RULES: dict[str, Callable[[pd.DataFrame], pd.Series]] = {
    "open_from_not_after_open_until": _open_from_not_after_open_until,
    "lat_lon_both_or_neither": _lat_lon_both_or_neither,
}


class _Table(pa.DataFrameModel):
    """Base of the input tables: exactly their columns, in their order."""

    class Config:
        """Exactly these columns, in this order."""

        strict = True
        ordered = True


def contract_columns(model: type[pa.DataFrameModel]) -> dict[str, str]:
    """A table's columns in the contract's order, each with its kind (``int``, ``bool``, ...)."""
    columns = model.to_schema().columns
    return {name: c.metadata["kind"] for name, c in columns.items() if c.metadata}


def _required_id(fix: str) -> Any:
    """A required, non-empty id column; ``fix`` says how to mend a bad cell."""
    return pa.Field(str_length={"min_value": 1}, metadata=_text(_ID_RULE, fix, required=True))


def _gemeente_code() -> Any:
    """A required CBS gemeente code column (GM and 4 digits)."""
    return pa.Field(
        str_matches=GEMEENTE_CODE,
        metadata=_text(
            N_("a CBS gemeente code: GM and 4 digits"),
            N_("write the code like GM0363 (with leading zeros)"),
            required=True,
        ),
    )


def _optional_lat() -> Any:
    """An optional latitude (empty: the gemeente's reference point)."""
    return pa.Field(nullable=True, in_range={"min_value": -90, "max_value": 90}, metadata=_LAT)


def _optional_lon() -> Any:
    """An optional longitude (empty: the gemeente's reference point)."""
    return pa.Field(nullable=True, in_range={"min_value": -180, "max_value": 180}, metadata=_LON)


def _flag(default: bool) -> Any:
    """An optional true/false column with its default."""
    return pa.Field(metadata=_meta("bool", N_("true or false"), _BOOL_FIX, default=default))


class LocationSchema(_Table):
    """``locations.csv``: one row per location."""

    location_id: Series[str] = _required_id(N_("give every location its own id"))
    name: Series[str] = _required_id(N_("write the location's name"))
    gemeente_code: Series[str] = _gemeente_code()
    type: Series[str] = _required_id(N_("write a location type of the landscape"))
    capacity: Series[np.int64] = pa.Field(
        ge=0,
        metadata=_meta(
            "int",
            N_("a whole number >= 0"),
            N_("write the number of beds without decimals, sign or grouping"),
            required=True,
        ),
    )
    lat: Series[np.float64] = _optional_lat()
    lon: Series[np.float64] = _optional_lon()
    has_medical: Series[bool] = _flag(False)
    child_suitable: Series[bool] = _flag(True)
    max_children: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        metadata=_meta(
            "int",
            N_("a whole number >= 0"),
            N_(
                "write the number of children the location can take, or leave it empty for no limit"
            ),
            default=None,
        ),
    )
    open_from: Series[pd.Timestamp] = _date_bound()
    open_until: Series[pd.Timestamp] = _date_bound()
    cost_per_night: Series[np.float64] = pa.Field(
        ge=0,
        metadata=_meta(
            "decimal",
            N_("a number >= 0 (euro per bed per night)"),
            N_("use . or , as the decimal mark and no thousands grouping, e.g. 42,50"),
            default=0.0,
        ),
    )
    flex_capacity: Series[np.int64] = pa.Field(
        ge=0,
        metadata=_meta(
            "int",
            N_("a whole number >= 0"),
            N_("write the number of flexible beds (shared or in reserve), or leave it empty for 0"),
            default=0,
        ),
    )
    line: Series[np.int64] = pa.Field(ge=1)

    @pa.dataframe_check(name="open_from_not_after_open_until")
    def _open_from_not_after_open_until(cls, df: pd.DataFrame) -> pd.Series:
        return FRAME_RULES["open_from_not_after_open_until"](df)

    @pa.dataframe_check(name="lat_lon_both_or_neither")
    def _lat_lon_both_or_neither(cls, df: pd.DataFrame) -> pd.Series:
        return FRAME_RULES["lat_lon_both_or_neither"](df)


class PersonSchema(_Table):
    """``persons.csv``: one row per person."""

    person_id: Series[str] = _required_id(N_("give every person its own pseudonymous id"))
    household_id: Series[str] = _required_id(N_("give every person the id of its household"))
    age: Series[np.int64] = pa.Field(
        in_range={"min_value": 0, "max_value": 120},
        metadata=_meta(
            "int",
            N_("a whole number from 0 to 120"),
            N_("write the age in whole years"),
            required=True,
        ),
    )
    medical_need: Series[bool] = _flag(False)
    track: Series[str] = _required_id(N_("write a track of the landscape"))
    current_location_id: Series[str] = pa.Field(
        metadata=_text(N_("a location_id or empty"), N_("leave it empty for a new arrival"))
    )
    housing_gemeente_code: Series[str] = pa.Field(
        str_matches=r"^(GM[0-9]{4})?$",
        metadata=_text(
            N_("a CBS gemeente code (GM and 4 digits) or empty"),
            N_("write the code like GM0363 (with leading zeros), or leave it empty"),
        ),
    )
    family_group: Series[str] = pa.Field(
        metadata=_text(N_("text"), N_("leave it empty for no family group"))
    )
    moves: Series[np.int64] = pa.Field(
        ge=0,
        metadata=_meta(
            "int",
            N_("a whole number >= 0"),
            N_("write the number of forced relocations so far, or leave it empty for 0"),
            default=0,
        ),
    )
    permit_date: Series[pd.Timestamp] = pa.Field(
        nullable=True,
        metadata=_meta(
            "date",
            N_("a date from 1678 to 2261"),
            N_(
                "write yyyy-mm-dd or dd-mm-yyyy, the day the residence permit was granted, "
                "or leave it empty"
            ),
            default=None,
        ),
    )
    line: Series[np.int64] = pa.Field(ge=1)


class GemeenteSchema(_Table):
    """``gemeenten.csv``: a gemeente and its reference point."""

    gemeente_code: Series[str] = _gemeente_code()
    name: Series[str] = _required_id(N_("write the gemeente's name"))
    province: Series[str] = pa.Field(
        metadata=_text(N_("text"), N_("write the province, or leave it empty"))
    )
    lat: Series[np.float64] = pa.Field(
        in_range={"min_value": -90, "max_value": 90}, metadata={**_LAT, "required": True}
    )
    lon: Series[np.float64] = pa.Field(
        in_range={"min_value": -180, "max_value": 180}, metadata={**_LON, "required": True}
    )
    population: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        metadata=_meta(
            "int",
            N_("a whole number >= 0"),
            N_("write the number of inhabitants, or leave it empty"),
            default=None,
        ),
    )
    line: Series[np.int64] = pa.Field(ge=1)


class OverrideSchema(_Table):
    """``overrides.csv``: a planner's pin or forbid of one household at one location."""

    household_id: Series[str] = _required_id(N_("write the household_id the override is for"))
    location_id: Series[str] = _required_id(N_("write the location_id the override is for"))
    action: Series[str] = pa.Field(
        isin=list(ACTIONS),
        metadata=_meta(
            "text",
            N_("pin or forbid"),
            N_("write pin (must end there) or forbid (must not end there)"),
            required=True,
            casefold=True,
        ),
    )
    reason: Series[str] = pa.Field(
        str_length={"min_value": 1},
        metadata=_text(
            _ID_RULE, N_("say why, so the next planner understands the override"), required=True
        ),
    )
    line: Series[np.int64] = pa.Field(ge=1)


class TaakstellingSchema(_Table):
    """``taakstelling.csv``: the persons each gemeente can still be linked this half year."""

    gemeente_code: Series[str] = _gemeente_code()
    quota: Series[np.int64] = pa.Field(
        ge=0,
        metadata=_meta(
            "int",
            N_("a whole number >= 0"),
            N_("write the number of persons the gemeente can still house this half year"),
            required=True,
        ),
    )
    line: Series[np.int64] = pa.Field(ge=1)


class PopulationSchema(_Table):
    """A gemeente's population, for ``placement taakstelling --gemeenten FILE``.

    Only these two columns are read from the file; its other columns (a
    scenario's ``gemeenten.csv`` has name, province and point) are ignored.
    """

    gemeente_code: Series[str] = _gemeente_code()
    population: Series[np.int64] = pa.Field(
        ge=0,
        metadata=_meta(
            "int",
            N_("a whole number >= 0"),
            N_("write the number of inhabitants without decimals, sign or grouping"),
            required=True,
        ),
    )
    line: Series[np.int64] = pa.Field(ge=1)


def _money(rule: str) -> Any:
    """An optional amount in euro, >= 0 (default 0)."""
    return pa.Field(
        ge=0,
        metadata=_meta(
            "decimal",
            rule,
            N_(
                "use . or , as the decimal mark and no thousands grouping, e.g. 42,50; or leave it "
                "empty for 0"
            ),
            default=0.0,
        ),
    )


class CandidateSchema(_Table):
    """``candidates.csv`` (``placement plan``): one row per site that could be opened."""

    candidate_id: Series[str] = _required_id(N_("give every candidate its own id"))
    name: Series[str] = _required_id(N_("write the candidate site's name"))
    gemeente_code: Series[str] = _gemeente_code()
    type: Series[str] = _required_id(N_("write a location type of the landscape"))
    capacity: Series[np.int64] = pa.Field(
        ge=0,
        metadata=_meta(
            "int",
            N_("a whole number >= 0"),
            N_("write the number of places without decimals, sign or grouping"),
            required=True,
        ),
    )
    child_suitable: Series[bool] = _flag(True)
    has_medical: Series[bool] = _flag(False)
    lat: Series[np.float64] = _optional_lat()
    lon: Series[np.float64] = _optional_lon()
    first_week: Series[np.int64] = pa.Field(
        ge=0,
        metadata=_meta(
            "int",
            N_("a whole number >= 0"),
            N_(
                "write the first week the site can open (0: the planning date's week), or leave it "
                "empty for 0"
            ),
            default=0,
        ),
    )
    min_weeks: Series[np.int64] = pa.Field(
        ge=1,
        metadata=_meta(
            "int",
            N_("a whole number >= 1"),
            N_("write the fewest weeks the site is paid for once opened, or leave it empty for 1"),
            default=1,
        ),
    )
    opening_cost: Series[np.float64] = _money(N_("a number >= 0 (euro, once)"))
    cost_per_night: Series[np.float64] = _money(N_("a number >= 0 (euro per place per night)"))
    line: Series[np.int64] = pa.Field(ge=1)

    @pa.dataframe_check(name="lat_lon_both_or_neither")
    def _lat_lon_both_or_neither(cls, df: pd.DataFrame) -> pd.Series:
        return FRAME_RULES["lat_lon_both_or_neither"](df)


#: Message of each cross-column check: (column to report, text formatted with
#: the row's cells). The column is the first of ``columns`` whose cell is
#: empty, else the last one.
FRAME_CHECKS: dict[str, tuple[tuple[str, ...], str]] = {
    "open_from_not_after_open_until": (
        ("open_from", "open_until"),
        N_(
            "open_from '{open_from}' is after open_until '{open_until}'; "
            "a location must open on or before its last night, so correct or swap the dates"
        ),
    ),
    "lat_lon_both_or_neither": (
        ("lat", "lon"),
        N_(
            "lat ('{lat}') and lon ('{lon}') must both be given or both be empty; "
            "fill in the missing one, or empty both to use the gemeente's reference point"
        ),
    ),
}
