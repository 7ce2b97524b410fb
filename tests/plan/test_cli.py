"""``placement plan`` end to end on the demo: files, the objective recomputed, bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from placement.cli import app

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "data" / "demo"
W, S = 8, 3


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo planned over 8 weeks and 3 futures."""
    out = tmp_path_factory.mktemp("plan") / "out"
    result = runner.invoke(app, ["plan", str(DEMO), "--candidates", str(DEMO / "candidates.csv"),
                                 "--out", str(out), "--weeks", str(W), "--futures", str(S),
                                 "--seed", "7", "--mip-gap", "0"])  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def test_plan_writes_its_files(planned: Path):
    """plan.csv (a row per candidate), demand.csv (every future, week, track, group), kpis.json."""
    plan = pd.read_csv(planned / "plan.csv", dtype=str, keep_default_na=False)
    candidates = pd.read_csv(DEMO / "candidates.csv", dtype=str, keep_default_na=False)
    assert plan.columns[:6].tolist() == ["candidate_id", "open", "open_week", "open_date",
                                         "cost", "reason"]  # fmt: skip
    assert plan["candidate_id"].tolist() == candidates["candidate_id"].tolist()
    assert (plan["reason"] != "").all()
    demand = pd.read_csv(planned / "demand.csv")
    assert demand.columns.tolist() == ["future", "week", "track", "group", "persons"]
    assert len(demand) == S * W * 6 * 2
    kpis = json.loads((planned / "kpis.json").read_text())
    assert kpis["status"] == "optimal" and kpis["mip_gap"] <= 1e-9
    assert kpis["bound"] <= kpis["objective"] + 1e-6
    assert kpis["opened"] == (plan["open"] == "true").sum()


def test_plan_is_recorded_in_the_history(tmp_path: Path):
    """A plan run is recorded as command plan; --no-history records nothing."""
    db = tmp_path / "history.sqlite"
    args = ["plan", str(DEMO), "--candidates", str(DEMO / "candidates.csv"), "--weeks", "1",
            "--futures", "1", "--history", str(db)]  # fmt: skip
    assert runner.invoke(app, [*args, "--out", str(tmp_path / "a")]).exit_code == 0
    assert runner.invoke(app, [*args, "--out", str(tmp_path / "b"), "--no-history"]).exit_code == 0
    listed = runner.invoke(app, ["history", "--history", str(db)])
    assert listed.exit_code == 0 and listed.output.count(" plan ") == 1


def test_scenario_folder_has_the_opened_candidates(planned: Path):
    """scenario/locations.csv = the demo's locations + opened candidates, open from their date."""
    plan = pd.read_csv(planned / "plan.csv", dtype=str, keep_default_na=False)
    loc = pd.read_csv(planned / "scenario" / "locations.csv", dtype=str, keep_default_na=False)
    own = pd.read_csv(DEMO / "locations.csv", dtype=str, keep_default_na=False)
    opened = plan[plan["open"] == "true"]
    assert loc["location_id"].tolist() == own["location_id"].tolist() + opened[
        "candidate_id"].tolist()  # fmt: skip
    added = loc.set_index("location_id").loc[opened["candidate_id"]]
    assert added["open_from"].tolist() == opened["open_date"].tolist()
    result = runner.invoke(app, ["validate", str(planned / "scenario")])
    assert result.exit_code == 0, result.output


def _beds(loc: pd.DataFrame, week: int, start: pd.Timestamp) -> pd.DataFrame:
    day = start + pd.Timedelta(days=7 * week)
    open_from = pd.to_datetime(loc["open_from"].replace("", None))
    open_until = pd.to_datetime(loc["open_until"].replace("", None))
    is_open = (open_from.isna() | (open_from <= day)) & (open_until.isna() | (open_until >= day))
    beds = loc["capacity"].astype(int) + loc["flex_capacity"].replace("", "0").astype(int)
    return loc.assign(beds=beds.where(is_open, 0))


#: The demo's chain is the 2024 default (SPEC, *Moves ahead*): where each track's flow leads.
NEXT = {"aanmelding": ("regulier", "versneld", "htl", "ibo"), "versneld": ("vergunninghouder",),
        "regulier": ("vergunninghouder",), "htl": ("regulier",), "ibo": ("regulier",)}  # fmt: skip
ALLOWED = {"aanmelding": ("aanmeld",), "versneld": ("versneld",), "htl": ("htl",), "ibo": ("ibo",),
           "regulier": ("regulier", "gemeentelijk", "noodopvang"),
           "vergunninghouder": ("regulier", "gemeentelijk", "noodopvang")}  # fmt: skip


def _second_stage(demand: pd.DataFrame, beds: pd.DataFrame, usable: float) -> tuple[float, float]:
    """One week of one future as its own LP (PuLP, CBC): persons short and persons held."""
    import pulp

    held_at = {k: sorted({t for j, nxt in NEXT.items() if k in nxt for t in ALLOWED[j]}
                         - set(ALLOWED[k])) for k in ALLOWED}  # fmt: skip
    lp = pulp.LpProblem("week", pulp.LpMinimize)
    x, short, held = {}, {}, []
    for row in demand.itertuples():
        for t in (*ALLOWED[row.track], *held_at[row.track]):
            x[row.track, row.group, t] = v = pulp.LpVariable(f"x_{row.track}_{row.group}_{t}", 0)
            if t in held_at[row.track]:
                held.append(v)
        short[row.track, row.group] = pulp.LpVariable(f"s_{row.track}_{row.group}", 0)
        mine = [v for (k, g, _t), v in x.items() if (k, g) == (row.track, row.group)]
        lp += pulp.lpSum(mine) + short[row.track, row.group] == float(row.persons)
    for t in beds["type"].unique():
        of_type = beds["type"] == t
        lp += pulp.lpSum(v for (_k, _g, t2), v in x.items() if t2 == t) <= usable * float(
            beds.loc[of_type, "beds"].sum()
        )
        child = of_type & (beds["child_suitable"] == "true")
        lp += pulp.lpSum(v for (_k, g, t2), v in x.items() if t2 == t and g == "child") <= (
            usable * float(beds.loc[child, "beds"].sum()))  # fmt: skip
    lp += 1000 * pulp.lpSum(short.values()) + 100 * pulp.lpSum(held)
    assert lp.solve(pulp.PULP_CBC_CMD(msg=False)) == pulp.LpStatusOptimal
    return sum(v.value() for v in short.values()), sum(v.value() for v in held)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # PuLP 3 announces its 4.0 API
def test_objective_recomputed_from_the_files(planned: Path):
    """Candidates' cost + expected shortage, holding and spread, from the files: the objective.

    An independent model: each week of each future is its own LP over
    demand.csv and the beds of scenario/locations.csv (the plan's sites
    included from their week), a track held at the types of the tracks that
    lead to it, beds at the usable 96 %.
    """
    plan = pd.read_csv(planned / "plan.csv", dtype=str, keep_default_na=False)
    cand = pd.read_csv(DEMO / "candidates.csv", dtype=str, keep_default_na=False).set_index(
        "candidate_id")  # fmt: skip
    demand = pd.read_csv(planned / "demand.csv")
    loc = pd.read_csv(planned / "scenario" / "locations.csv", dtype=str, keep_default_na=False)
    kpis = json.loads((planned / "kpis.json").read_text())
    start = pd.Timestamp("2026-11-23")
    opened = plan[plan["open"] == "true"]
    cost = 0.0
    for row in opened.itertuples():
        c = cand.loc[row.candidate_id]
        nights = 7 * max(int(c["min_weeks"]), W - int(row.open_week))
        mine = float(c["opening_cost"]) + int(c["capacity"]) * float(c["cost_per_night"]) * nights
        assert float(row.cost) == pytest.approx(mine, abs=0.01)
        cost += mine
    gemeenten = pd.read_csv(REPO / "data" / "gemeenten.csv", dtype=str, keep_default_na=False)
    province = gemeenten.set_index("gemeente_code")["province"]
    population = gemeenten.assign(p=gemeenten["population"].astype(int)).groupby("province")["p"]
    key = population.sum() / population.sum().sum()
    short = held = below = 0.0
    for w in range(W):
        beds = _beds(loc, w, start)
        per_province = beds.groupby(beds["gemeente_code"].map(province))["beds"].sum()
        per_province = per_province.reindex(key.index, fill_value=0)
        below += float(np.maximum(0, key * per_province.sum() - per_province).sum())
        for s in range(S):
            d = demand[(demand["future"] == s) & (demand["week"] == w)]
            week_short, week_held = _second_stage(d, beds, 0.96)
            short += week_short
            held += week_held
    shortage = 7 / S * 1000 * short
    spread = 7 * 10 * below
    terms = kpis["objective_terms"]
    assert terms["candidates"] == pytest.approx(cost, rel=1e-9)
    assert terms["shortage"] + terms["held"] == pytest.approx(shortage + 7 / S * 100 * held,
                                                              rel=1e-6, abs=1e-3)  # fmt: skip
    assert terms["spread"] == pytest.approx(spread, rel=1e-6, abs=1e-3)
    assert kpis["objective"] == pytest.approx(cost + shortage + 7 / S * 100 * held + spread,
                                              rel=1e-6)  # fmt: skip
    assert sum(kpis["expected_short_person_nights_by_track"].values()) == pytest.approx(
        kpis["expected_short_person_nights"], rel=1e-9)  # fmt: skip


def test_bad_candidates_exit_1_name_line_and_column_and_write_nothing(tmp_path: Path):
    """A candidate id that is a location id, a bad type and min_weeks 0: exit 1, no --out."""
    bad = tmp_path / "candidates.csv"
    bad.write_text(
        "candidate_id,name,gemeente_code,type,capacity,min_weeks\n"
        "L001,dup,GM0363,regulier,100,1\n"
        "K9,bad,GM0363,regulir,100,0\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["plan", str(DEMO), "--candidates", str(bad), "--out", str(out),
                                 "--weeks", "2", "--futures", "1"])  # fmt: skip
    assert result.exit_code == 1
    text = result.output
    assert "line 2, column 'candidate_id'" in text
    assert "line 3, column 'type'" in text and "line 3, column 'min_weeks'" in text
    assert not out.exists()


def test_non_empty_out_is_refused_without_force(tmp_path: Path):
    """A non-empty --out gives exit 1 and is left alone; --force writes into it, again and again."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    args = ["plan", str(DEMO), "--candidates", str(DEMO / "candidates.csv"), "--out", str(out),
            "--weeks", "2", "--futures", "1"]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    for _ in range(2):  # the second run replaces scenario/ whole
        result = runner.invoke(app, [*args, "--force"])
        assert result.exit_code == 0, result.output
    assert (out / "notes.txt").read_text() == "mine" and (out / "plan.csv").is_file()
    assert (out / "scenario" / "locations.csv").is_file()


def test_committed_candidates_match_the_generator(tmp_path: Path):
    """data/demo*/candidates.csv are what scripts/make_demo.py writes today."""
    import subprocess
    import sys

    subprocess.run([sys.executable, str(REPO / "scripts" / "make_demo.py"), "--out",
                    str(tmp_path)], check=True, capture_output=True)  # fmt: skip
    for name in ("demo", "demo-2020"):
        mine = (tmp_path / name / "candidates.csv").read_bytes()
        assert mine == (REPO / "data" / name / "candidates.csv").read_bytes()
        shutil.rmtree(tmp_path / name)


def test_two_workers_give_the_same_files(planned: Path, tmp_path: Path):
    """The futures as Dask tasks on a local cluster of 2 (the scenario scattered to the
    workers once) give the files of one process, to the byte. (The evaluation's tasks go
    through simulate's runner, tested on 1, 2 workers and a scheduler in tests/simulate.)"""
    args = ["plan", str(DEMO), "--candidates", str(DEMO / "candidates.csv"), "--weeks", str(W),
            "--futures", str(S), "--seed", "7", "--mip-gap", "0", "--no-history"]  # fmt: skip
    result = runner.invoke(app, [*args, "--out", str(tmp_path / "2"), "--workers", "2"])
    assert result.exit_code == 0, result.output
    for name in ("demand.csv", "beds.csv"):
        assert (planned / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name
    # the module's run is made outside the tests' English, so its reasons are Dutch
    one, two = (
        pd.read_csv(d / "plan.csv").drop(columns="reason") for d in (planned, tmp_path / "2")
    )
    pd.testing.assert_frame_equal(one, two)
