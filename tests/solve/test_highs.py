"""The hand-over to HiGHS: what it reports is checked before it is believed."""

from __future__ import annotations

from pathlib import Path

import highspy
import numpy as np
import pytest

from placement.solve.highs import GAP_TOLERANCE, gap, new_highs, run_trusted, within_gap

START_CASE = Path(__file__).parent.parent / "data" / "highs_start"


def _loaded() -> tuple[highspy.Highs, np.ndarray, float]:
    h = new_highs()
    for option, value in {"mip_rel_gap": 0.0, "mip_abs_gap": 0.0, "random_seed": 0}.items():
        h.setOptionValue(option, value)
    h.readModel(str(START_CASE / "model.mps"))
    lp = h.getLp()
    return h, np.asarray(lp.col_cost_), float(lp.offset_)


def test_a_start_does_not_change_the_optimum():
    """A restricted model from a random weekly scenario, with the start pricing gave it.

    HiGHS 1.16.0 returns this start (cost 605,568.60) as optimal with the
    objective 575,568.60; its true optimum is 595,569.70. Whatever the
    version, the solve must end at the true optimum with its own cost.
    """
    h, cost, offset = _loaded()
    start = highspy.HighsSolution()
    start.col_value = list(np.loadtxt(START_CASE / "start.txt"))
    start.value_valid = True
    h.setSolution(start)
    run_trusted(h, cost, offset, h.run)
    values = np.asarray(h.getSolution().col_value)
    assert cost @ values + offset == pytest.approx(595_569.6978744976, abs=1e-6)
    assert h.getInfo().objective_function_value == pytest.approx(cost @ values + offset)


def test_a_second_disagreement_is_an_error():
    """If HiGHS keeps reporting an objective its solution does not have, nothing is believed."""
    h, cost, offset = _loaded()
    with pytest.raises(RuntimeError, match="does not have"):
        run_trusted(h, cost + 1.0, offset, h.run)  # the costs HiGHS holds are not these


def test_gap_is_measured_from_the_objective():
    """(objective - bound) / max(1, |objective|), never negative, None without a bound."""
    assert gap(200.0, 150.0) == 0.25
    assert gap(0.5, 0.0) == 0.5  # max(1, |objective|) keeps small objectives absolute
    assert gap(-400.0, -500.0) == 0.25
    assert gap(100.0, 100.5) == 0.0
    assert gap(100.0, None) is None and gap(100.0, float("-inf")) is None


def test_within_gap_allows_only_rounding():
    """Within the asked gap, or beyond it by rounding only, counts as proven."""
    assert within_gap(100.0, 99.0, 0.01)
    assert not within_gap(100.0, 98.99, 0.01)
    assert within_gap(1e6, 1e6 - 1e6 * GAP_TOLERANCE / 2, 0.0)
    assert not within_gap(1e6, 1e6 - 1e-2, 0.0)
    assert not within_gap(None, 1.0, 0.5) and not within_gap(1.0, None, 0.5)
