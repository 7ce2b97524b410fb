"""The summary's percentiles: pandas's quantile of each group, computed a size class at a time."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from placement.simulate.report import PERCENTILES, group_quantiles, summary_table


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 6), st.one_of(st.none(), st.floats(-1e6, 1e6))),
        min_size=1, max_size=60,
    )
)  # fmt: skip
def test_group_quantiles_equal_pandas_per_group(rows):
    """Ragged groups, gaps, all-gap groups: bit for bit what Series.quantile gives."""
    frame = pd.DataFrame(rows, columns=["g", "v"]).astype({"v": float})
    codes, _ = pd.factorize(frame["g"])
    got = group_quantiles(frame["v"].to_numpy(), codes, codes.max() + 1, PERCENTILES)
    for code, (_, values) in enumerate(frame.groupby(codes, sort=True)["v"]):
        want = [values.quantile(q) for q in PERCENTILES]
        np.testing.assert_array_equal(got[code], want)


def test_summary_of_three_replications_by_hand():
    """Two weeks, three replications (one stopped after week 0): mean, p10, p50, p90."""
    weeks = pd.DataFrame(
        {
            "variant": ["baseline"] * 5,
            "replication": [0, 1, 2, 0, 1],
            "week": [0, 0, 0, 1, 1],
            "date": ["2026-11-23"] * 3 + ["2026-11-30"] * 2,
            "status": ["optimal"] * 5,
            "unplaced": [0, 10, 20, 4, 8],
            "solve_seconds": [1.0, 2.0, 3.0, 4.0, 5.0],  # not summed up
        }
    )
    table = summary_table(weeks).set_index(["week", "kpi"])
    assert list(table.index) == [(0, "unplaced"), (1, "unplaced")]
    week0, week1 = table.loc[(0, "unplaced")], table.loc[(1, "unplaced")]
    assert (week0["mean"], week0["p10"], week0["p50"], week0["p90"]) == (10.0, 2.0, 10.0, 18.0)
    assert (week1["mean"], week1["p10"], week1["p50"], week1["p90"]) == (6.0, 4.4, 6.0, 7.6)
