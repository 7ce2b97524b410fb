"""The objective's household terms, worked out by hand for each kind of row."""

from __future__ import annotations

import numpy as np
import pandas as pd

from placement.input.settings import Weights
from placement.model.terms import HOUSEHOLD_TERMS, SHARED_TERMS, TERMS, household_quantities, weigh

#: Four households, given as plain lists (and ``type_allowed`` as 0/1 integers,
#: as a caller might): a new arrival placed where the location closes soon, a
#: resident staying at a type its track may not use (no housing gemeente), a
#: resident moved with a child over the move cap, and a resident left unplaced.
#: ``must_move_later`` is p of each destination, given (the unplaced row's is
#: ignored); the weights of a move are the defaults (5, 50, 200).
ROWS = {
    "size": [3, 2, 4, 5],
    "children": [1, 0, 2, 3],
    "children_over_cap": [0, 0, 1, 2],
    "current": [-1, 1, 0, 0],
    "dest": [2, 1, 1, -1],
    "type_allowed": [1, 0, 1, 1],
    "cost_per_night": [20.0, 7.0, 5.0, 9.0],
    "distance_km": [10.0, float("nan"), 1.0, 3.0],
    "closes_soon": [1, 1, 0, 1],
    "must_move_later": [0.5, 1.0, 0.25, 0.7],
    "children_capped_if_moved": [1, 0, 2, 3],
    "weights": Weights(),
}
#: The contract's quantities of each row, by hand.
EXPECTED = pd.DataFrame(
    {
        "unplaced": [0.0, 0.0, 0.0, 5.0],
        "wrong_type": [0.0, 2.0, 0.0, 0.0],
        "child_over_cap": [0.0, 0.0, 1.0, 2.0],
        "child_move": [0.0, 0.0, 2.0, 3.0],
        "move": [0.0, 0.0, 4.0, 5.0],
        "distance": [30.0, 0.0, 4.0, 0.0],
        "cost": [60.0, 14.0, 20.0, 0.0],
        "closing_soon": [3.0, 0.0, 0.0, 0.0],
        # p x (5 persons + 50 children + 200 children at the cap after this placement):
        # new 0.5 x (15 + 50 + 0: not moved, its moves stay 0); wrong-type stay 1 x 10;
        # moved 0.25 x (20 + 100 + 200 x 2: moves + 1 reach the cap); unplaced pays nothing.
        "moves_ahead": [32.5, 10.0, 130.0, 0.0],
    }
)


def test_quantities_of_each_kind_of_row_by_hand():
    """New, wrong-type stay, moved, unplaced resident: every term as the contract says."""
    got = household_quantities(**ROWS)
    pd.testing.assert_frame_equal(got, EXPECTED)
    assert (got.dtypes == np.float64).all()
    assert list(got.columns) == list(HOUSEHOLD_TERMS)


def test_unplaced_rows_pay_no_distance_and_no_cost():
    """An unplaced household's distance and cost are the number 0, not missing."""
    got = household_quantities(**ROWS).iloc[3]
    assert got["distance"] == 0.0 and got["cost"] == 0.0
    assert not got.isna().any()


def test_terms_are_the_contracts_in_its_order():
    """Household and shared terms partition the contract's eleven terms."""
    assert TERMS == ("unplaced", "wrong_type", "family_split", "child_over_cap", "child_move",
                     "move", "distance", "cost", "closing_soon", "flex_bed",
                     "moves_ahead")  # fmt: skip
    assert set(HOUSEHOLD_TERMS) | set(SHARED_TERMS) == set(TERMS)
    assert not set(HOUSEHOLD_TERMS) & set(SHARED_TERMS)


def test_weigh_multiplies_each_term_by_its_weight():
    """Weighted terms are quantity × the term's weight, column by column."""
    weighted = weigh(EXPECTED, Weights(move=2, distance=0.5))
    assert weighted["move"].tolist() == [0.0, 0.0, 8.0, 10.0]
    assert weighted["distance"].tolist() == [15.0, 0.0, 2.0, 0.0]
    assert weighted["unplaced"].tolist() == [0.0, 0.0, 0.0, 50000.0]


def test_moves_ahead_is_weighted_by_ahead_as_a_whole():
    """``ahead`` scales the expected later move; ``ahead = 0`` drops it (myopic)."""
    assert weigh(EXPECTED, Weights(ahead=0.5))["moves_ahead"].tolist() == [16.25, 5.0, 65.0, 0.0]
    assert weigh(EXPECTED, Weights(ahead=0))["moves_ahead"].tolist() == [0.0] * 4
