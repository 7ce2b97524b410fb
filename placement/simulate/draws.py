"""Random draws keyed by what they are for, so that variants share them (common random numbers).

A household's draws depend only on the replication's seed, the household's
id, what is drawn (its time in a track, where it goes next, ...) and the
week it entered: never on the order households are handled in, nor on what
a variant changed elsewhere. Two variants that treat a household alike draw
alike for it, and a difference between them comes from the variant alone.
Arrivals are drawn in fixed chunks per week, so a higher inflow adds
households after the same first ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from enum import IntEnum

import numpy as np
import numpy.typing as npt

UInt = npt.NDArray[np.uint64]
Float = npt.NDArray[np.float64]
Int = npt.NDArray[np.int64]

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


class Purpose(IntEnum):
    """What a household draw is for."""

    TRACK_WEEKS = 1  # how long it stays in its track
    NEXT_TRACK = 2  # where it goes when that time is up
    LEAVE_WEEKS = 3  # how long a rejected household stays before it leaves
    HOUSING_WEEKS = 4  # weeks from its link to its home
    INFLOW_LEVEL = 5  # the replication's inflow level within the band (key 0: not a household)


def household_keys(ids: Iterable[str]) -> UInt:
    """A stable 64-bit key per household id (independent of PYTHONHASHSEED)."""
    return np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(i.encode(), digest_size=8).digest(), "little")
            for i in ids
        ),
        dtype=np.uint64,
    )


def _splitmix(x: UInt) -> UInt:
    with np.errstate(over="ignore"):
        z = x + _GOLDEN
        z = (z ^ (z >> np.uint64(30))) * _MIX1
        z = (z ^ (z >> np.uint64(27))) * _MIX2
        return z ^ (z >> np.uint64(31))


def uniforms(seed: int, keys: UInt, purpose: Purpose, week: npt.ArrayLike) -> Float:
    """One uniform in (0, 1) per household for ``purpose`` at ``week`` (its entry week)."""
    with np.errstate(over="ignore"):
        x = _splitmix(np.uint64(seed % 2**64) ^ keys)
        x = _splitmix(x ^ np.uint64(int(purpose)))
        x = _splitmix(x ^ np.asarray(week, dtype=np.int64).astype(np.uint64))
    return ((x >> np.uint64(11)).astype(np.float64) + 0.5) / 2.0**53


def geometric_weeks(u: Float, mean: npt.ArrayLike) -> Int:
    """Whole weeks >= 1 with the given mean: a household leaves each week with chance 1/mean."""
    p = 1.0 / np.maximum(np.asarray(mean, dtype=float), 1.0)
    with np.errstate(divide="ignore"):
        weeks = np.ceil(np.log1p(-u) / np.log1p(-np.minimum(p, 1 - 1e-12)))
    return np.where(p >= 1.0, 1, np.maximum(1, weeks)).astype(np.int64)


def categorical(u: Float, shares: npt.ArrayLike) -> Int:
    """The index of the share each uniform falls in (shares add up to 1)."""
    edges = np.cumsum(np.asarray(shares, dtype=float))
    return np.minimum(np.searchsorted(edges, u, side="right"), len(edges) - 1).astype(np.int64)


def replication_seeds(seed: int, replications: int) -> list[int]:
    """One seed per replication from the root seed (``SeedSequence.spawn``)."""
    children = np.random.SeedSequence(seed).spawn(replications)
    return [int(c.generate_state(2, np.uint64)[0]) for c in children]
