"""The objective's terms, per household and destination, as the contract defines them.

One function serves both sides: :mod:`placement.model.prepare` prices every
allowed (class, location) pair with it, and :mod:`placement.results.outcome`
recomputes the terms of the final placement with it, so the objective the
solver minimises and the one reported are the same arithmetic.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from placement.input.settings import Weights

#: Objective terms in the contract's order.
TERMS: tuple[str, ...] = (
    "unplaced",
    "wrong_type",
    "family_split",
    "child_over_cap",
    "child_move",
    "move",
    "distance",
    "cost",
    "closing_soon",
    "flex_bed",
    "moves_ahead",
)

#: Terms of the whole placement, not of one household's destination.
SHARED_TERMS: tuple[str, ...] = ("family_split", "flex_bed")
#: Terms that a single household's destination decides.
HOUSEHOLD_TERMS: tuple[str, ...] = tuple(t for t in TERMS if t not in SHARED_TERMS)


def household_quantities(
    *,
    size: npt.ArrayLike,
    children: npt.ArrayLike,
    children_over_cap: npt.ArrayLike,
    current: npt.ArrayLike,
    dest: npt.ArrayLike,
    type_allowed: npt.ArrayLike,
    cost_per_night: npt.ArrayLike,
    distance_km: npt.ArrayLike,
    closes_soon: npt.ArrayLike,
    must_move_later: npt.ArrayLike,
    children_capped_if_moved: npt.ArrayLike,
    weights: Weights,
) -> pd.DataFrame:
    """Unweighted quantity of each household term, one row per (household, destination).

    Parameters
    ----------
    size, children, children_over_cap
        Persons, children, and children whose ``moves`` reached the cap.
    current, dest
        Location index of the current and of the final location; -1 for
        none (new arrival, or unplaced).
    type_allowed
        Whether the destination's type is allowed for the household's track.
    cost_per_night
        Of the destination (ignored when unplaced).
    distance_km
        From the destination to the housing gemeente; NaN without one.
    closes_soon
        Whether the destination's last open night is within the lookahead.
    must_move_later
        p(h, l): the chance that the household must move again later
        (:mod:`placement.model.ahead`; 0 when unplaced).
    children_capped_if_moved
        Children whose ``moves + 1`` reached the cap: those a later move
        counts over the cap when the household is moved now.
    weights
        For ``moves_ahead``: the weights of a move (``move``, ``child_move``,
        ``child_over_cap``) price the later move.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`HOUSEHOLD_TERMS`: persons unplaced, persons staying
        at a wrong type, children over the move cap moved, children moved,
        persons moved, person-km, person-euro per night, persons newly placed
        (new or moved) where the location closes soon.
    """
    size = np.asarray(size, float)
    current, dest = np.asarray(current), np.asarray(dest)
    placed = dest >= 0
    moved = (current >= 0) & (dest != current)
    stays = placed & (dest == current)
    km = np.nan_to_num(np.asarray(distance_km, float), nan=0.0)
    children = np.asarray(children, float)
    capped = np.where(
        moved, np.asarray(children_capped_if_moved, float), np.asarray(children_over_cap, float)
    )
    later = weights.move * size + weights.child_move * children + weights.child_over_cap * capped
    return pd.DataFrame(
        {
            "unplaced": np.where(placed, 0.0, size),
            "wrong_type": np.where(stays & ~np.asarray(type_allowed, bool), size, 0.0),
            "child_over_cap": np.where(moved, np.asarray(children_over_cap, float), 0.0),
            "child_move": np.where(moved, children, 0.0),
            "move": np.where(moved, size, 0.0),
            "distance": np.where(placed, size * km, 0.0),
            "cost": np.where(placed, size * np.asarray(cost_per_night, float), 0.0),
            "closing_soon": np.where(
                placed & (dest != current) & np.asarray(closes_soon, bool), size, 0.0
            ),
            "moves_ahead": np.where(placed, np.asarray(must_move_later, float) * later, 0.0),
        }
    )


#: A term whose weight in ``[weights]`` has another name than the term.
WEIGHT_OF: dict[str, str] = {"moves_ahead": "ahead"}


def weight(term: str, weights: Weights) -> float:
    """The weight of ``term`` in ``weights``."""
    return float(getattr(weights, WEIGHT_OF.get(term, term)))


def weigh(quantities: pd.DataFrame, weights: Weights) -> pd.DataFrame:
    """Multiply each term's quantity by its weight."""
    return quantities.mul(pd.Series({t: weight(t, weights) for t in quantities.columns}))
