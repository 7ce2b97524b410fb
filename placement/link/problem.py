"""Who is linked, and everything the link model needs: :class:`LinkProblem`.

Built by :func:`prepare_link` from a validated scenario and its quotas
(``taakstelling.csv``). The model never looks at persons: it sees *classes*
of interchangeable households and the gemeenten with a quota row.

Notation (used in the model's docstrings):

- ``h`` a household to link: a household on a link track of the landscape
  whose ``housing_gemeente_code`` is empty;
- ``k`` a class of ``N_k`` such households that are interchangeable: the
  same size ``n_k``, the same current location (so the same distances) and
  the same waiting weeks ``w_k``; a household whose family group the model
  must keep together is a class of its own;
- ``j`` a gemeente with a quota row, ``Q_j`` its quota (persons);
- ``x_{k,j}`` households of class ``k`` linked to ``j``, ``u_k`` left unlinked;
- ``g`` a family group with ``y_{g,j} = 1`` when one of its households is
  linked to ``j``, and ``s_g`` the extra gemeenten it is spread over.

A pair ``(k, j)`` is *allowed* when ``n_k <= Q_j``: a household larger than
a quota can never be linked there, so the full model has no such pairs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt
import pandas as pd

from placement.input.scenario import Scenario
from placement.input.settings import LinkWeights, Settings
from placement.model.geo import haversine_km
from placement.model.groups import groups_in_order, rows_of

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: What the households of a class share (besides a decided family member's own class).
CLASS_KEY = ("size", "point", "weeks")


@dataclass(frozen=True)
class FamilyCodes:
    """The decided family groups, as numbers for the arrays.

    ``groups`` sorted; per row of ``families`` its group ``member_g`` and
    class ``member_k``; per row of ``family_fixed`` its group ``fixed_g``,
    quota row ``fixed_j`` (-1 none) and ``fixed_site``: its quota row, or a
    number from ``len(gemeenten)`` on for a gemeente without one; ``sites``
    is one more than the largest.
    """

    groups: npt.NDArray[np.object_]
    member_g: npt.NDArray[np.int64]
    member_k: npt.NDArray[np.int64]
    fixed_g: npt.NDArray[np.int64]
    fixed_j: npt.NDArray[np.int64]
    fixed_site: npt.NDArray[np.int64]
    sites: int


@dataclass(frozen=True)
class LinkProblem:
    """The link model's only input.

    Attributes
    ----------
    households
        One row per household to link, in input order (index 0..H-1):
        ``household_id``, ``size``, ``location_id`` (current, ``""`` none),
        ``point`` (row of ``point_km``, -1 without a current location),
        ``permit_date`` (the earliest of its members, NaT none), ``weeks``
        (full weeks waited), ``family_group``, ``klass``, ``line`` (of its
        first member in ``persons.csv``).
    gemeenten
        One row per quota row, in the file's order (index j = 0..G-1):
        ``gemeente_code``, ``name``, ``quota`` (Q_j), ``lat``, ``lon``, ``line``.
    classes
        One row per class ``k``: ``count`` (N_k), ``size`` (n_k), ``point``,
        ``weeks`` (w_k), ``unlinked_cost`` (b_k: the objective of one
        household left unlinked) and ``family`` (a member of a group in
        ``families``).
    point_km
        Kilometres from each current location used (rows) to each
        gemeente's reference point (columns).
    points
        The ``location_id`` of each row of ``point_km``.
    families
        One row per (family group, class in it) for the groups the model
        must decide: ``group``, ``k``.
    family_fixed
        One row per (such a group, housing gemeente of one of its households
        that is not linked now): ``group``, ``gemeente_code``, ``j`` (its
        quota row, -1 when it has none).
    constant
        The family_split term of the groups the model need not decide.
    settings
        The run's settings (the ``[link]`` weights, the solver options).
    rows
        Each household's row in the household table it was taken from
        (:func:`household_table`; a simulated week's positions).
    """

    households: pd.DataFrame
    gemeenten: pd.DataFrame
    classes: pd.DataFrame
    point_km: FloatArray
    points: tuple[str, ...]
    families: pd.DataFrame
    family_fixed: pd.DataFrame
    constant: float
    settings: Settings
    rows: npt.NDArray[np.int64]

    @property
    def weights(self) -> LinkWeights:
        """The ``[link]`` weights."""
        return self.settings.link

    @cached_property
    def class_km(self) -> FloatArray:
        """Kilometres from each class's current location to each gemeente (0 without one)."""
        point = self.classes["point"].to_numpy()
        km = np.zeros((len(point), len(self.gemeenten)))
        located = point >= 0
        km[located] = self.point_km[point[located]]
        return km

    @cached_property
    def pair_cost(self) -> FloatArray:
        """``c_{k,j}``: the distance term of one household of class k linked to j (dense)."""
        size = self.classes["size"].to_numpy(float)
        return self.weights.distance * size[:, None] * self.class_km

    @cached_property
    def allowed(self) -> BoolArray:
        """Which (k, j) the full model has: the household fits in the quota."""
        size = self.classes["size"].to_numpy()
        return size[:, None] <= self.gemeenten["quota"].to_numpy()[None, :]

    @cached_property
    def family_codes(self) -> FamilyCodes:
        """The decided family groups in whole numbers (:class:`FamilyCodes`)."""
        groups, member_g = np.unique(
            self.families["group"].to_numpy(dtype=object), return_inverse=True
        )
        fixed = self.family_fixed
        n_gemeenten = len(self.gemeenten)
        j = fixed["j"].to_numpy(np.int64)
        elsewhere = pd.factorize(fixed["gemeente_code"].to_numpy(dtype=object)[j < 0])[0]
        site = j.copy()
        site[j < 0] = n_gemeenten + elsewhere
        return FamilyCodes(
            groups=groups,
            member_g=member_g.astype(np.int64),
            member_k=self.families["k"].to_numpy(np.int64),
            fixed_g=pd.Index(groups).get_indexer(fixed["group"].to_numpy(dtype=object)),
            fixed_j=j,
            fixed_site=site,
            sites=n_gemeenten + (int(elsewhere.max()) + 1 if len(elsewhere) else 0),
        )

    def pairs(self, among: BoolArray | None = None) -> pd.DataFrame:
        """The allowed pairs (of ``among``, when given) as ``k``, ``j``, ``cost``, class-major."""
        mask = self.allowed if among is None else self.allowed & among
        k, j = np.nonzero(mask)
        return pd.DataFrame({"k": k, "j": j, "cost": self.pair_cost[k, j]})


def prepare_link(
    scenario: Scenario, quotas: pd.DataFrame, households: pd.DataFrame | None = None
) -> LinkProblem:
    """Who is linked, their classes, the gemeenten with a quota, the family groups.

    Parameters
    ----------
    scenario
        A validated scenario (:func:`placement.input.read.read_scenario`).
    quotas
        ``taakstelling.csv`` as :func:`placement.input.read.read_taakstelling` reads it.
    households
        :func:`household_table` of the scenario, when the caller has it at hand
        (a simulated week keeps its households apart from its persons).
    """
    settings = scenario.settings
    everyone = household_table(scenario) if households is None else households
    tracks = settings.landscape.link_tracks if settings.landscape is not None else ()
    to_link = everyone["track"].isin(list(tracks)) & (everyone["housing"] == "")
    households = everyone[to_link].reset_index(drop=True)
    gemeenten = _gemeenten(scenario, quotas)

    point, used = _points(households["location_id"].to_numpy(dtype=object))
    locations = scenario.locations
    at = _rows_of(locations["location_id"], used, "location")
    point_km = haversine_km(
        locations["lat"].to_numpy(float)[at][:, None],
        locations["lon"].to_numpy(float)[at][:, None],
        gemeenten["lat"].to_numpy()[None, :],
        gemeenten["lon"].to_numpy()[None, :],
    ).reshape(len(used), len(gemeenten))
    households["point"] = point
    households["weeks"] = waiting_weeks(households["permit_date"], settings.planning_date)

    decided, fixed, constant_splits = _family_groups(everyone, to_link, gemeenten)
    households["family"] = households["family_group"].isin(decided)
    households["klass"] = _classes(households)
    classes = _class_table(households, settings.link)
    member = households["family"].to_numpy(dtype=bool)
    families = pd.DataFrame(
        {"group": households["family_group"].array[member], "k": households["klass"].array[member]}
    )
    return LinkProblem(
        households=households.drop(columns=["track", "housing"]),
        gemeenten=gemeenten,
        classes=classes,
        point_km=point_km,
        points=tuple(used),
        families=families,
        family_fixed=fixed,
        constant=float(settings.link.family_split * constant_splits),
        settings=settings,
        rows=np.flatnonzero(to_link.to_numpy(dtype=bool)),
    )


def household_table(scenario: Scenario, members: npt.ArrayLike | None = None) -> pd.DataFrame:
    """Every household of ``persons.csv`` in input order, with what linking needs.

    ``household_id``, ``size``, ``track``, ``location_id``, ``housing``,
    ``family_group``, ``permit_date`` (the earliest of its members), ``line``.
    ``members``: each person's household, numbered in order of appearance,
    when the caller keeps them (a simulated week); else from the ids.
    """
    persons = scenario.persons
    codes = pd.factorize(persons["household_id"])[0] if members is None else np.asarray(members)
    first = np.unique(codes, return_index=True)[1]  # each household's first person

    def of_first(column: str) -> pd.api.extensions.ExtensionArray | np.ndarray:
        return persons[column].array.take(first)  # text columns stay as they are stored

    return pd.DataFrame(
        {
            "household_id": of_first("household_id"),
            "size": np.bincount(codes, minlength=len(first)),
            "track": of_first("track"),
            "location_id": of_first("current_location_id"),
            "housing": of_first("housing_gemeente_code"),
            "family_group": of_first("family_group"),
            "permit_date": _earliest(persons["permit_date"], codes, len(first)),
            "line": of_first("line"),
        }
    )


def _earliest(dates: pd.Series, codes: np.ndarray, n: int) -> pd.api.extensions.ExtensionArray:
    """The earliest of ``dates`` per code ``0..n-1``; NaT where a code has none."""
    values = dates.to_numpy()
    ticks = values.view(np.int64)
    none = np.iinfo(np.int64).max
    out = np.full(n, none, dtype=np.int64)
    np.minimum.at(out, codes, np.where(np.isnat(values), none, ticks))
    out[out == none] = np.iinfo(np.int64).min  # NaT
    return pd.array(out.view(values.dtype))


def _points(location: npt.NDArray[np.object_]) -> tuple[npt.NDArray[np.int64], np.ndarray]:
    """Each household's row of ``point_km`` (-1 without a location), and the locations used.

    The locations in order of first appearance.
    """
    codes, uniques = pd.factorize(location)
    some = uniques != ""
    number = np.where(some, np.cumsum(some) - 1, -1)
    return number[codes].astype(np.int64), uniques[some]


def _rows_of(ids: pd.Series, wanted: pd.Series | np.ndarray, what: str) -> npt.NDArray[np.intp]:
    """The rows of ``ids`` holding each of ``wanted`` (every one must be there)."""
    rows = rows_of(pd.Index(ids), wanted)
    if (rows < 0).any():
        raise KeyError(f"no {what} {np.asarray(wanted, dtype=object)[rows < 0][0]}")
    return rows


def waiting_weeks(permit_date: pd.Series, planning_date: dt.date) -> npt.NDArray[np.int64]:
    """Full weeks from ``permit_date`` to the planning date: ``floor(days / 7)``, at least 0.

    0 without a date, and for a date after the planning date.
    """
    stamps = pd.to_datetime(permit_date).to_numpy(dtype="datetime64[ns]")
    waited = np.datetime64(planning_date, "ns") - stamps
    dated = ~np.isnat(waited)
    days = np.where(dated, waited, np.timedelta64(0, "ns")) // np.timedelta64(1, "D")
    return np.where(dated, np.maximum(days, 0) // 7, 0).astype(np.int64)


def _gemeenten(scenario: Scenario, quotas: pd.DataFrame) -> pd.DataFrame:
    """The quota rows with each gemeente's name and reference point."""
    table = scenario.gemeenten
    codes = quotas["gemeente_code"]
    row = _rows_of(table["gemeente_code"], codes, "gemeente")
    return pd.DataFrame(
        {
            "gemeente_code": codes.to_numpy(),
            "name": table["name"].to_numpy()[row],
            "quota": quotas["quota"].to_numpy(dtype=np.int64),
            "lat": table["lat"].to_numpy(float)[row],
            "lon": table["lon"].to_numpy(float)[row],
            "line": quotas["line"].to_numpy(),
        }
    )


def _family_groups(
    everyone: pd.DataFrame, to_link: pd.Series, gemeenten: pd.DataFrame
) -> tuple[list[str], pd.DataFrame, int]:
    """The family groups the model decides, their fixed gemeenten, and the others' splits.

    A group needs the model when it has a household to link and, with the
    gemeenten its other households already have, could end in two or more.
    Every other group's split is fixed: its distinct housing gemeenten - 1.
    """
    in_group = (everyone["family_group"] != "").to_numpy()
    group = everyone["family_group"].array[in_group].to_numpy(dtype=object)
    housing = everyone["housing"].array[in_group].to_numpy(dtype=object)
    link = to_link.to_numpy(dtype=bool)[in_group]
    g, groups = pd.factorize(group)  # groups in order of appearance
    housed = np.flatnonzero(~link & (housing != ""))
    h = pd.factorize(housing[housed])[0]
    first = np.unique(g[housed] * (h.max(initial=0) + 1) + h, return_index=True)[1]
    fixed = housed[np.sort(first)]  # each (group, housing gemeente) once, in order
    held_n = np.bincount(g[fixed], minlength=len(groups))
    linking_n = np.bincount(g[link], minlength=len(groups))
    decided = (linking_n >= 1) & (linking_n + held_n >= 2)
    constant = int(np.maximum(held_n[~decided] - 1, 0).sum())
    fixed = fixed[decided[g[fixed]]]
    code = housing[fixed]
    family_fixed = pd.DataFrame(
        {
            "group": group[fixed],
            "gemeente_code": code,
            "j": pd.Index(gemeenten["gemeente_code"]).get_indexer(code).astype("int64"),
        }
    )
    return list(groups[decided]), family_fixed, constant


def _classes(households: pd.DataFrame) -> npt.NDArray[np.int64]:
    """Class of each household: same size, point and weeks; a decided family member alone."""
    alone = np.where(households["family"], np.arange(len(households)), -1)
    return groups_in_order(*(households[c].to_numpy() for c in CLASS_KEY), alone)[0]


def _class_table(households: pd.DataFrame, weights: LinkWeights) -> pd.DataFrame:
    klass = households["klass"].to_numpy()
    heads = np.unique(klass, return_index=True)[1]  # each class's first household
    size, point, weeks = (households[c].to_numpy(np.int64)[heads] for c in CLASS_KEY)
    return pd.DataFrame(
        {
            "count": np.bincount(klass, minlength=len(heads)).astype(np.int64),
            "size": size,
            "point": point,
            "weeks": weeks,
            "unlinked_cost": size * (weights.unlinked + weights.waiting * weeks.astype(float)),
            "family": households["family"].to_numpy(bool)[heads],
        }
    )
