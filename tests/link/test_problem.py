"""Who is linked, waiting weeks, classes and family groups: the link problem before any solve."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from placement.link.problem import prepare_link, waiting_weeks
from placement.link.run import read_link_inputs
from tests.link.scenarios import write

LOCATIONS = """location_id,name,gemeente_code,type,capacity,lat,lon
L,azc L,GM9001,regulier,100,0,0.1
M,azc M,GM9002,regulier,100,,
"""


def _problem(tmp_path: Path, persons: list[str], quotas: dict[str, int] | None = None):
    folder = write(tmp_path / "s", LOCATIONS, persons, quotas or {"GM9001": 9, "GM9002": 9})
    inputs = read_link_inputs(folder)
    return prepare_link(inputs.scenario, inputs.quotas)


@pytest.mark.parametrize(
    ("dates", "weeks"),
    [
        (["2026-11-23"], 0),
        (["2026-11-17"], 0),  # 6 days
        (["2026-11-16"], 1),  # 7 days
        (["2026-11-10"], 1),  # 13 days
        (["2026-11-24"], 0),  # after the planning date
        ([None], 0),
        (["2026-09-14", None, "2026-10-19"], 10),  # the earliest non-empty date counts
        (["2026-12-24", "2026-11-09"], 2),
    ],
)
def test_waiting_weeks_are_full_weeks_from_the_earliest_permit(tmp_path: Path, dates, weeks):
    """floor(days / 7) from the earliest non-empty permit_date, 0 without or after the date."""
    persons = [f"p{i},h1,30,vergunninghouder,L,,,{d or ''}" for i, d in enumerate(dates)]
    p = _problem(tmp_path, persons)
    assert p.households["weeks"].tolist() == [weeks]
    assert p.classes["unlinked_cost"].tolist() == [len(dates) * (1000 + 20 * weeks)]


def test_waiting_weeks_of_a_series():
    """The vectorised rule on its own: negative days are 0, NaT is 0."""
    dates = pd.Series(pd.to_datetime(["2026-01-01", None, "2027-01-01", "2026-11-02"]))
    assert waiting_weeks(dates, dt.date(2026, 11, 23)).tolist() == [46, 0, 0, 3]
    # a time of day counts: 6.5 days is no full week, 13.5 days is one
    noon = pd.Series(pd.to_datetime(["2026-11-16 12:00", "2026-11-09 12:00"]))
    assert waiting_weeks(noon, dt.date(2026, 11, 23)).tolist() == [0, 1]


def test_only_households_on_a_link_track_without_a_gemeente_are_linked(tmp_path: Path):
    """Other tracks and households with a housing gemeente are not to be linked."""
    p = _problem(
        tmp_path,
        [
            "p1,h1,30,regulier,L,,,",
            "p2,h2,30,vergunninghouder,L,GM9001,,",
            "p3,h3,30,vergunninghouder,,,,",
            "p4,h4,30,vergunninghouder,M,,,",
        ],
    )
    assert p.households["household_id"].tolist() == ["h3", "h4"]
    assert p.households["location_id"].tolist() == ["", "M"]
    assert p.households["point"].tolist() == [-1, 0]
    # M has no point of its own: its gemeente's (0, 1), so 0 km to GM9002
    assert p.point_km[0].tolist() == pytest.approx([6371.0 * np.radians(1), 0.0])


def test_interchangeable_households_share_a_class_and_family_members_do_not(tmp_path: Path):
    """Same size, location and weeks: one class; a member of a decided family group alone."""
    p = _problem(
        tmp_path,
        [
            "p1,h1,30,vergunninghouder,L,,,2026-09-14",
            "p2,h2,30,vergunninghouder,L,,,2026-09-13",  # 71 days: the same 10 weeks
            "p3,h3,30,vergunninghouder,L,,,2026-09-07",  # a week longer
            "p4,h4,30,vergunninghouder,L,,F,2026-09-14",
            "p5,h5,30,vergunninghouder,L,,F,2026-09-14",
            "p6,h6,30,vergunninghouder,L,,G,2026-09-14",  # G has no other household
        ],
    )
    assert p.households["klass"].tolist() == [0, 0, 1, 2, 3, 0]
    assert p.classes["count"].tolist() == [3, 1, 1, 1]
    assert p.families.to_dict("list") == {"group": ["F", "F"], "k": [2, 3]}


def test_family_groups_the_model_decides_and_the_splits_it_cannot_change(tmp_path: Path):
    """A group with a household to link and room to split is decided; the rest is a constant."""
    p = _problem(
        tmp_path,
        [
            "p1,h1,30,vergunninghouder,L,,F,",  # F: one to link, one housed in GM9002
            "p2,h2,30,regulier,L,GM9002,F,",
            "p3,h3,30,vergunninghouder,L,GM9001,G,",  # G: housed in two gemeenten
            "p4,h4,30,regulier,L,GM9003,G,",
            "p5,h5,30,vergunninghouder,L,,H,",  # H: one to link, the other unhoused
            "p6,h6,30,regulier,L,,H,",
        ],
    )
    assert p.families["group"].tolist() == ["F"]
    assert p.family_fixed.to_dict("list") == {"group": ["F"], "gemeente_code": ["GM9002"], "j": [1]}
    assert p.constant == 500  # G's one split, weighted
    assert p.households.set_index("household_id")["family"].to_dict() == {"h1": True, "h5": False}


def test_pairs_exist_only_where_the_household_fits_the_quota(tmp_path: Path):
    """A pair (k, j) is allowed when n_k <= Q_j; its cost is w_distance x n_k x km."""
    p = _problem(
        tmp_path,
        [
            *(f"p{i},big,30,vergunninghouder,L,,," for i in range(3)),
            "q,small,30,vergunninghouder,L,,,",
        ],
        {"GM9001": 2, "GM9002": 3},
    )
    assert p.allowed.tolist() == [[False, True], [True, True]]
    pairs = p.pairs()
    assert pairs[["k", "j"]].values.tolist() == [[0, 1], [1, 0], [1, 1]]
    assert pairs["cost"].tolist() == pytest.approx(
        [0.1 * 3 * 6371.0 * np.radians(0.9), 0.1 * 6371.0 * np.radians(0.1),
         0.1 * 6371.0 * np.radians(0.9)]
    )  # fmt: skip
