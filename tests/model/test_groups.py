"""Groups in order of appearance: what pandas' ``groupby(sort=False).ngroup()`` numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from placement.model.groups import groups_in_order

rows = st.lists(st.tuples(st.integers(-2, 3), st.integers(0, 2), st.integers(-1, 5)), max_size=60)


@given(rows)
def test_the_groups_of_pandas_in_order_of_first_appearance(table):
    frame = pd.DataFrame(table, columns=["a", "b", "c"], dtype="int64")
    group, first = groups_in_order(frame["a"], frame["b"], frame["c"])
    expected = frame.groupby(["a", "b", "c"], sort=False).ngroup().to_numpy()
    assert group.tolist() == expected.tolist()
    # each group's first row, in group order
    assert first.tolist() == [int(np.flatnonzero(expected == g)[0]) for g in range(len(first))]


def test_by_hand():
    group, first = groups_in_order([5, 1, 5, 1, 7], [0, 0, 0, 1, 0])
    assert group.tolist() == [0, 1, 0, 2, 3]
    assert first.tolist() == [0, 1, 3, 4]
