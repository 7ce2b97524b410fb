"""The model to HiGHS and back: the plain solve, price and branch, heuristics."""
