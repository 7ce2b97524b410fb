"""Rows with equal keys numbered as groups; rows looked up by a column of few values.

:func:`groups_in_order` is what ``DataFrame.groupby(keys, sort=False).ngroup()``
gives, on whole-number keys, without pandas' per-call cost: the model and the
link model group households into classes every simulated week.
:func:`rows_of` looks each distinct value of a long column up once.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

IntArray = npt.NDArray[np.int64]


def groups_in_order(*keys: npt.ArrayLike) -> tuple[IntArray, IntArray]:
    """Each row's group (0, 1, … in order of first appearance) and each group's first row.

    ``keys`` are columns of equal length whose values are compared exactly
    (codes from :func:`pandas.factorize` for text).
    """
    columns = [np.asarray(k) for k in keys]
    n = len(columns[0]) if columns else 0
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    table = np.column_stack([c.astype(np.int64) for c in columns])
    _, first, inverse = np.unique(table, axis=0, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty(len(first), dtype=np.int64)
    rank[order] = np.arange(len(first))
    return rank[inverse.reshape(-1)], first[order].astype(np.int64)


def rows_of(index: pd.Index, values: pd.Series | pd.Index | np.ndarray) -> npt.NDArray[np.intp]:
    """``index.get_indexer(values)`` for a long column of few distinct values.

    Each distinct value is looked up once (a location id, for every person).
    """
    codes, distinct = pd.factorize(values)
    return np.append(index.get_indexer(distinct), -1)[codes]  # code -1 (missing): -1
