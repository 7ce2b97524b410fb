"""Calibration and the evaluation's per-site savings and paired costs, on hand-made numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from placement.plan.calibrate import corrected, lost_beds
from placement.plan.evaluate import Evaluation, site_savings, usable_beds
from placement.plan.solve import NOT_OPENED
from placement.simulate.run import TaskResult
from tests.plan.cases import adults, candidates, problem, two_tracks


def _result(weeks: list[dict], short: list[tuple[int, str, int]]) -> TaskResult:
    outlook = [{"province": "NL", "week": w, "type": t, "beds_short": n} for w, t, n in short]
    return TaskResult("v", 0, 0, weeks=weeks, outlook=outlook)


def test_lost_beds_count_free_beds_only_while_someone_waits():
    """Week 0: 3 short, 5 beds free; week 1: none short, 40 free (not a loss); week 2: 1 free.

    Two futures: the second loses nothing; the loss is their mean.
    """
    p = problem(adults(0, 0, 0))
    weeks = [{"week": w, "capacity_regulier": 100, "occupancy_regulier": occ}
             for w, occ in enumerate((95, 60, 99))]  # fmt: skip
    waits = _result(weeks, [(0, "regulier", 3), (1, "regulier", 0), (2, "regulier", 2)])
    full = _result([{**w, "occupancy_regulier": 100} for w in weeks], [(0, "regulier", 3)])
    found = lost_beds([waits, full], p)
    assert found[:, 0].tolist() == [2.5, 0.0, 0.5]


def test_a_type_is_lost_to_the_tracks_that_may_be_held_there():
    """versneld persons short: free aanmeld beds are a loss (versneld may be held at aanmeld).

    aanmelding persons short make no versneld bed a loss: they are never held there.
    """
    d = np.zeros((1, 1, 2, 2))
    p = two_tracks(d, beds=(100, 20), cands=candidates(type=["versneld"], type_index=[1]))
    weeks = [{"week": 0, "capacity_aanmeld": 100, "occupancy_aanmeld": 80,
              "capacity_versneld": 20, "occupancy_versneld": 18}]  # fmt: skip
    assert lost_beds([_result(weeks, [(0, "versneld", 4)])], p).tolist() == [[20.0, 2.0]]
    assert lost_beds([_result(weeks, [(0, "aanmeld", 4)])], p).tolist() == [[20.0, 0.0]]


def test_corrected_takes_the_loss_off_its_week_at_usable():
    p = problem(adults(10, 10), beds=100.0, beds_child=30.0, usable=0.8)
    c = corrected(p, p, np.array([[8.0], [0.0]]))
    assert c.beds[:, 0].tolist() == [90.0, 100.0]  # 8 usable beds are 10 beds at 80 %
    assert c.beds_child[:, 0].tolist() == [30.0, 30.0]
    c = corrected(p, p, np.array([[80.0], [80.0]]))
    assert c.beds_child[:, 0].tolist() == [0.0, 0.0]  # never below zero, never above B


def test_usable_beds_round_down_exactly():
    beds = pd.Series([100, 25, 0, 7], dtype="int64")
    assert usable_beds(beds, 0.96).tolist() == [96, 24, 0, 6]
    assert usable_beds(pd.Series([50]), 0.5).tolist() == [25]  # no 24.999…


def test_site_savings_share_a_weeks_saving_by_places():
    """Two regulier sites, 100 and 300 places, from weeks 0 and 1; 8 fewer short in each week.

    Week 0: only the first is open: it saves all 8. Week 1: 2 and 6.
    """
    p = problem(adults(0, 0), cands=candidates(capacity=[100, 300, 50]))
    plan = np.array([0, 1, NOT_OPENED])
    saved = np.array([[8.0], [8.0]])
    out = site_savings(p, plan, saved)
    assert out[:2].tolist() == [7 * (8 + 2), 7 * 6]
    assert np.isnan(out[2])


def test_paired_differences_per_future():
    rows = []
    for future, (plan, none) in enumerate([(10.0, 30.0), (12.0, 11.0), (9.0, 20.0)]):
        rows += [{"variant": "plan", "future": future, "cost": plan},
                 {"variant": "none", "future": future, "cost": none}]  # fmt: skip
    e = Evaluation(pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), {}, np.zeros(0),
                   pd.DataFrame(rows))  # fmt: skip
    (row,) = e.paired().to_dict("records")
    assert row["versus"] == "none" and row["futures"] == 3 and row["wins"] == 2
    assert row["mean"] == pytest.approx((-20 + 1 - 11) / 3)
    assert -20 <= row["low"] <= row["mean"] <= row["high"] <= 1
