"""``--evaluate``: plan, none, mean and all simulated with the weekly placement on new futures."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from placement.cli import app
from tests.plan.test_cli import DEMO, runner


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo planned over 4 weeks and 2 futures, proven on 2 new futures."""
    out = tmp_path_factory.mktemp("evaluate") / "out"
    result = runner.invoke(app, ["plan", str(DEMO), "--candidates", str(DEMO / "candidates.csv"),
                                 "--out", str(out), "--weeks", "4", "--futures", "2",
                                 "--evaluate", "2", "--seed", "3"])  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def test_evaluation_has_every_variant_and_its_costs(evaluated: Path):
    """none, plan, mean, all; none opens nothing, all opens every candidate that can open."""
    table = pd.read_csv(evaluated / "evaluation.csv", keep_default_na=False)
    assert table["variant"].tolist() == ["none", "plan", "mean", "all"]
    rows = table.set_index("variant")
    candidates = pd.read_csv(DEMO / "candidates.csv")
    plan = pd.read_csv(evaluated / "plan.csv", keep_default_na=False)
    assert rows.loc["none", "opened"] == 0 and rows.loc["none", "candidate_cost"] == 0
    assert rows.loc["all", "opened"] == (candidates["first_week"] < 4).sum()
    assert rows.loc["plan", "opened"] == (plan["open"].astype(str) == "true").sum()
    parts = rows["candidate_cost"] + rows["shortage_cost"] + rows["held_cost"] + rows["spread_cost"]
    assert (rows["cost"] - parts).abs().max() < 1e-6
    assert (rows["shortage_cost"] == 1000 * rows["person_nights_without_bed_mean"]).all()
    assert (rows["held_cost"] == 100 * rows["held_person_nights_mean"]).all()
    assert (rows["predicted_person_nights_without_bed"] >= 0).all()
    # the per-future file averages to the table, variant by variant
    futures = pd.read_csv(evaluated / "evaluation_futures.csv").groupby("variant", sort=False)
    assert futures["cost"].mean().reindex(rows.index).to_numpy() == pytest.approx(
        rows["cost"].to_numpy())  # fmt: skip
    kpis = json.loads((evaluated / "kpis.json").read_text())
    assert [r["versus"] for r in kpis["evaluation_paired"]] == ["all", "mean", "none"]
    assert (rows["person_nights_without_bed_p90"] >= 0).all() and (rows["replications"] == 2).all()
    assert {f"first_week_short_{t}" for t in ("aanmeld", "regulier", "noodopvang")} <= set(
        table.columns
    )
    assert (rows["children_moved_twice_mean"] >= 0).all()
    assert (rows["children_moved_twice_mean"] <= rows["child_moves_mean"]).all()
    assert (evaluated / "evaluation.png").stat().st_size > 1000


def test_evaluation_seeds_are_new_futures(evaluated: Path):
    """The evaluation's futures have seeds of their own, spawned after the plan's."""
    kpis = json.loads((evaluated / "kpis.json").read_text())
    assert len(kpis["seeds"]) == 2 and len(kpis["evaluation_seeds"]) == 2
    assert not set(kpis["seeds"]) & set(kpis["evaluation_seeds"])
