"""Small random and counting helpers shared by the generator's steps."""

from __future__ import annotations

import numpy as np


def apportion(total: int, weights: np.ndarray, minimum: int = 0) -> np.ndarray:
    """Integers >= ``minimum`` summing to ``total``, proportional to ``weights``."""
    weights = np.asarray(weights, dtype=float)
    base = np.full(len(weights), minimum, dtype=np.int64)
    rest = total - int(base.sum())
    if rest < 0:
        raise ValueError(f"{total} cannot give every one of {len(weights)} at least {minimum}")
    if rest == 0 or weights.sum() <= 0:
        return base
    quota = weights / weights.sum() * rest
    counts = np.floor(quota).astype(np.int64)
    left = rest - int(counts.sum())
    order = np.argsort(-(quota - counts), kind="stable")
    counts[order[:left]] += 1
    return base + counts


def choose_by_weight(rng: np.random.Generator, p: np.ndarray, n: int) -> np.ndarray:
    """``n`` draws of indices with probabilities ``p`` (by inverse CDF)."""
    cdf = np.cumsum(p / p.sum())
    return np.minimum(np.searchsorted(cdf, rng.random(n), side="right"), len(p) - 1)


def take_persons(sizes: np.ndarray, target: float) -> int:
    """How many leading households are needed to reach ``target`` persons."""
    if target <= 0:
        return 0
    return int(np.searchsorted(np.cumsum(sizes), target, side="left")) + 1


def make_ids(prefix: str, n: int, width: int) -> np.ndarray:
    """``prefix`` + 1..n, zero-padded to at least ``width`` digits (``P00001``)."""
    width = max(width, len(str(n)))
    return np.array([f"{prefix}{i:0{width}d}" for i in range(1, n + 1)], dtype=object)
