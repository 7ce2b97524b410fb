"""Wording a table a column at a time, for the reasons and ``explanations.csv``.

A text that depends on little (a location, a track, a limit) is worded once
for each kind of household that has it (:func:`by_kind`) and a template is
filled in once per row (:func:`each`); :func:`pick` looks a per-location value
up per household and :func:`add_part` adds a part to the rows it concerns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pandas as pd


def each(template: str, **columns: Any) -> np.ndarray:
    """``template`` (already translated) filled in once per row of the equal-length ``columns``."""
    names = list(columns)
    rows = zip(*(np.asarray(columns[n], dtype=object) for n in names), strict=True)
    return np.array(
        [template.format(**dict(zip(names, row, strict=True))) for row in rows], dtype=object
    )


def by_kind(
    frame: pd.DataFrame, columns: list[str], say: Callable[[dict[str, Any]], str]
) -> np.ndarray:
    """``say(row)`` for each row of ``frame``, called once for each distinct row of ``columns``.

    ``say`` sees a row as a dict of ``columns`` (:func:`records`); the
    answer is an array of texts, one per row.
    """
    if frame.empty:
        return np.zeros(0, dtype=object)
    kinds = frame[columns].reset_index(drop=True)
    codes = kinds.groupby(columns, sort=False, dropna=False).ngroup().to_numpy()
    _values, first = np.unique(codes, return_index=True)
    said = np.array([say(h) for h in records(kinds.iloc[first], columns)], dtype=object)
    return said[codes]


def records(frame: pd.DataFrame, columns: list[str]) -> Iterator[dict[str, Any]]:
    """The rows of ``frame`` as dicts of ``columns``: ``to_dict("records")``, several times faster.

    Columns are taken as numpy arrays once (text as Python ``str``), so a
    row costs one ``dict(zip(...))``.
    """
    arrays = [frame[c].to_numpy(dtype=object) for c in columns]
    for values in zip(*arrays, strict=True):
        yield dict(zip(columns, values, strict=True))


def pick(per_site: np.ndarray, index: np.ndarray, gap: Any = "") -> np.ndarray:
    """``per_site[index]``, and ``gap`` where the index is -1 (no location)."""
    return np.append(per_site, np.array([gap], dtype=per_site.dtype))[index]


def add_part(texts: np.ndarray, where: np.ndarray, part: str | np.ndarray) -> np.ndarray:
    """``texts`` with ``"; " + part`` added where ``where`` is true (``part`` one or per row)."""
    out = texts.copy()
    part = np.broadcast_to(np.asarray(part, dtype=object), texts.shape)
    out[where] = out[where] + "; " + part[where]
    return out
