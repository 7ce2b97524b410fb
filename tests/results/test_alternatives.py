"""The next-best location: the cheapest pair of each class, found without sorting them all."""

from __future__ import annotations

import numpy as np
import pandas as pd

from placement.results.alternatives import cheapest


def test_cheapest_is_the_first_pair_sorted_by_class_cost_location():
    """Per class, the pair sort_values(["k", "cost", "l"]) puts first, ties included; -1 if none."""
    rng = np.random.default_rng(7)
    for _ in range(50):
        n = int(rng.integers(0, 40))
        pairs = pd.DataFrame(
            {
                "k": rng.integers(0, 6, n),
                "cost": rng.integers(0, 4, n).astype(float),
                "l": rng.integers(0, 5, n),
            }
        )
        got = cheapest(pairs["k"].to_numpy(), pairs["cost"].to_numpy(), pairs["l"].to_numpy(), 7)
        first = pairs.sort_values(["k", "cost", "l"], kind="stable").drop_duplicates("k")
        want = np.full(7, -1)
        want[first["k"].to_numpy()] = first.index.to_numpy()
        assert got.tolist() == want.tolist()
