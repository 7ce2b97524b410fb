"""ProblemData: everything the optimisation model needs, and nothing else.

Built by :func:`placement.model.prepare.prepare` from a validated scenario. The
model never reads a file and never looks at persons: it sees *classes* of
interchangeable households and the *pairs* (class, location) they may end in.

Notation (used in the model's docstrings):

- ``k`` a class of ``N_k`` interchangeable decided households, each of
  ``n_k`` persons and ``c_k`` children;
- ``l`` a location with ``C_l`` beds left for decided households and
  ``M_l`` places for children left (``None``: no limit applies);
- ``x_{k,l}`` how many households of class ``k`` end at ``l``;
  ``u_k`` how many are left unplaced;
- ``g`` a family group with ``y_{g,l}`` = 1 when it uses location ``l``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt
import pandas as pd

from placement.input.settings import Settings


@dataclass(frozen=True)
class ProblemData:
    """The model's only input.

    Attributes
    ----------
    households
        One row per household in input order (index 0..H-1): ``household_id``,
        ``size``, ``children``, ``children_over_cap``, ``medical``, ``track``,
        ``current`` (location index, -1 for a new arrival), ``housing``,
        ``family_group``, ``decided`` (bool), ``klass`` (class index of a
        decided household, -1 otherwise), ``unplaceable_ok`` (may end
        unplaced), ``pin`` (location index or -1), ``line``.
    locations
        One row per location in input order (index 0..L-1): the scenario's
        columns plus ``open``, ``residents``, ``resident_children``,
        ``over_capacity``, ``over_children``, ``fixed_persons``,
        ``fixed_children`` (persons and children of residents who stay
        because they are not decided), ``beds_left`` and ``child_places_left``
        (NaN where no limit applies).
    classes
        One row per class ``k``: ``count`` (N_k), ``size`` (n_k), ``children``,
        ``unplaced_ok`` and ``unplaced_cost`` (objective per household left
        unplaced).
    pairs
        One row per allowed (class, location): ``k``, ``l``, ``cost`` (the
        objective per household ending there), ``stay`` (bool),
        ``distance_km`` and ``moves_ahead`` (that term's part of ``cost``).
    families
        One row per (family group, decided class in it): ``group``, ``k``.
    family_fixed
        One row per (family group, location its undecided households stay
        at): ``group``, ``l``. Groups with fewer than two households are left
        out of both tables.
    constant
        Objective of the households that are not decided (they stay).
    settings
        The run's settings.
    members
        Per row of the scenario's ``persons``, its household's row in
        ``households`` (``None``: not known, match the ids).
    """

    households: pd.DataFrame
    locations: pd.DataFrame
    classes: pd.DataFrame
    pairs: pd.DataFrame
    families: pd.DataFrame
    family_fixed: pd.DataFrame
    constant: float
    settings: Settings
    members: npt.NDArray[np.int64] | None = field(default=None, repr=False)

    @cached_property
    def cheapest_first(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Pairs by class, then cost, then location, and where each class starts.

        ``order[starts[k]:starts[k + 1]]`` are class ``k``'s pairs, cheapest
        first (ties: input order of the locations). Sorted once, with numpy,
        for the first candidates and the greedy heuristics.
        """
        k = self.pairs["k"].to_numpy()
        order = np.lexsort((self.pairs["l"].to_numpy(), self.pairs["cost"].to_numpy(), k))
        starts = np.searchsorted(k[order], np.arange(len(self.classes) + 1))
        return order.astype(np.int64), starts.astype(np.int64)

    @property
    def n_pairs(self) -> int:
        """Number of allowed (class, location) pairs: the model's x variables."""
        return len(self.pairs)
