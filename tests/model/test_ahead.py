"""p(h, l) of ``moves_ahead``: by hand, against the oracle's week-by-week chain, and its input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from placement.cli import app
from placement.errors import PlacementInputError
from placement.input.chain import FLOWS, Chain, Flow
from placement.input.read import read_scenario
from placement.input.settings import Landscape
from placement.model.ahead import HORIZON_WEEKS, horizons, must_move_table, weeks_left
from placement.resources import landscape_files
from tests import hand_cases as hc
from tests import spec_oracle as so

DAY = dt.date(2026, 11, 23)
LANDSCAPES = {name: Landscape.from_file(landscape_files()[name]) for name in ("2024", "2020")}


def _oracle(chain: Chain, landscape: str, track: str, type_: str, until: dt.date | None) -> float:
    """The oracle's p, from its own reading of the chain's words."""
    flows = {t: (f.weeks, dict(f.next)) for t, f in chain.flows_for(landscape).items()}
    scn = {
        "chain": {
            "flows": flows,
            "leave_weeks": chain.leave_weeks,
            "lead_time_weeks": chain.housing_lead_weeks,
            "link_tracks": LANDSCAPES[landscape].link_tracks,
        },
        "landscape": so.read_landscape(landscape, Path()),
        "planning_date": DAY,
    }
    site = so.Location("X", "GM0344", type_, 1, 0.0, 0.0, False, True, None, True, 0.0, 0, until)
    return so.must_move_later(scn, track, site)


def _table(chain: Chain, landscape: str, types: list[str], until: list[dt.date | None]):
    weeks = horizons(pd.Series(pd.to_datetime(until)), DAY)
    return must_move_table(chain, LANDSCAPES[landscape], types, weeks)


def test_horizon_is_the_first_week_after_the_last_open_night():
    """C = the first w >= 1 with planning_date + 7w after open_until; 0 without one."""
    until = [DAY, DAY + dt.timedelta(days=6), DAY + dt.timedelta(days=7), None,
             DAY + dt.timedelta(days=34)]  # fmt: skip
    assert horizons(pd.Series(pd.to_datetime(until)), DAY).tolist() == [1, 1, 2, 0, 5]


def test_halving_chain_by_hand():
    """regulier left with 1/2 to leaving, leaving departs with 1/2 (hand_cases.HALVING_CHAIN).

    C = 1: nobody departs in week 1 (regulier first changes track): p = 1.
    C = 3: after week 2 R 1/4, L 1/2, D 1/4; week 3's departures take 1/4: p = 1/2.
    C = 5: p = 3/16 (worked out in hand_cases). No open_until: p = 0.
    """
    chain = Chain({"regulier": Flow(2, {"leave": 1.0})}, leave_weeks=2)
    until = [DAY, DAY + dt.timedelta(days=14), DAY + dt.timedelta(days=34), None]
    table = _table(chain, "2024", ["regulier"] * 4, until)
    row = LANDSCAPES["2024"].tracks.index("regulier")
    assert table[row].tolist() == pytest.approx([1.0, 0.5, 3 / 16, 0.0], abs=1e-12)


def test_link_track_departs_with_one_over_the_lead_time():
    """A status holder at a regulier location closing in week C: p = (1 - 1/20)^C."""
    until = [DAY + dt.timedelta(days=7 * c - 1) for c in (1, 2, 10)]
    table = _table(Chain(), "2024", ["regulier"] * 3, until)
    row = LANDSCAPES["2024"].tracks.index("vergunninghouder")
    assert table[row].tolist() == pytest.approx([0.95, 0.95**2, 0.95**10], abs=1e-12)


def test_a_track_without_a_flow_is_never_left():
    """htl at an htl location without a closing date, htl without a flow: p = 0 over 520 weeks."""
    chain = Chain({"aanmelding": Flow(1.5, {"regulier": 1.0})})
    table = _table(chain, "2024", ["htl", "aanmeld"], [None, None])
    tracks = LANDSCAPES["2024"].tracks
    assert table[tracks.index("htl"), 0] == 0.0
    # aanmelding at aanmeld: it stays aanmelding for 520 weeks with (1 - 2/3)^520 only
    assert table[tracks.index("aanmelding"), 1] == pytest.approx(1.0, abs=1e-15)


@pytest.mark.parametrize("landscape", ["2024", "2020"])
def test_default_chain_equals_the_contracts_written_out(landscape: str):
    """The shipped defaults are the contract's (the oracle writes them out itself)."""
    written = {t: (f.weeks, f.next) for t, f in FLOWS[landscape].items()}
    assert written == {t: (float(w), n) for t, (w, n) in so.DEFAULT_CHAIN[landscape].items()}
    types = list(LANDSCAPES[landscape].types)
    until = [None, DAY + dt.timedelta(days=60)] * len(types)
    table = _table(Chain(), landscape, [t for t in types for _ in (0, 1)], until)
    for j, (type_, day) in enumerate(zip([t for t in types for _ in (0, 1)], until, strict=True)):
        for i, track in enumerate(LANDSCAPES[landscape].tracks):
            want = _oracle(Chain(), landscape, track, type_, day)
            assert table[i, j] == pytest.approx(want, abs=1e-12), (track, type_, day)


TRACKS_2024 = LANDSCAPES["2024"].tracks


@st.composite
def chains(draw: st.DrawFn) -> Chain:
    """A random chain over the 2024 tracks: some flows, any leave and lead times."""
    flows = {}
    for track in draw(st.lists(st.sampled_from(TRACKS_2024), unique=True, max_size=6)):
        goes = draw(st.lists(st.sampled_from([*TRACKS_2024, "leave"]), min_size=1, max_size=4,
                             unique=True))  # fmt: skip
        eighths = draw(st.lists(st.integers(0, 8), min_size=len(goes), max_size=len(goes)))
        if sum(eighths) == 0:
            eighths[0] = 1
        shares = {g: e / sum(eighths) for g, e in zip(goes, eighths, strict=True)}
        flows[track] = Flow(draw(st.floats(1, 30)), _normalised(shares))
    return Chain(flows, draw(st.floats(1, 30)), draw(st.floats(1, 30)))


def _normalised(shares: dict[str, float]) -> dict[str, float]:
    names = list(shares)
    out = {n: shares[n] for n in names[:-1]}
    out[names[-1]] = 1.0 - sum(out.values())
    return out


@settings(max_examples=40, deadline=None)
@given(
    chain=chains(),
    sites=st.lists(
        st.tuples(st.sampled_from(LANDSCAPES["2024"].types),
                  st.one_of(st.none(), st.integers(0, 120))),
        min_size=1, max_size=4,
    ),
)  # fmt: skip
def test_vectorised_p_equals_the_week_by_week_oracle(chain: Chain, sites: list) -> None:
    """Random small chains and closing dates: the matrix powers give the oracle's p."""
    types = [t for t, _ in sites]
    until = [None if d is None else DAY + dt.timedelta(days=d) for _, d in sites]
    table = _table(chain, "2024", types, until)
    for j, (type_, day) in enumerate(zip(types, until, strict=True)):
        for i, track in enumerate(TRACKS_2024):
            want = _oracle(chain, "2024", track, type_, day)
            assert table[i, j] == pytest.approx(want, abs=1e-9), (track, type_, day)


def test_weeks_left_of_a_status_holder_is_its_lead_time():
    """vergunninghouder departs with 1/20 a week: 20 weeks on average (to 520 weeks)."""
    left = weeks_left(Chain(), LANDSCAPES["2024"])
    expected = sum(0.95**w for w in range(HORIZON_WEEKS))
    assert left[TRACKS_2024.index("vergunninghouder")] == pytest.approx(expected)


# --------------------------------------------------------------------------- input


def _folder(tmp_path: Path, simulation: str | None, landscape: str = "2024") -> Path:
    folder = tmp_path / "scenario"
    hc.write(folder, [hc.loc("A", "regulier", 5)], [hc.household("H", "regulier", [30])],
             landscape=landscape)  # fmt: skip
    if simulation is not None:
        (folder / "simulation.toml").write_text(simulation, encoding="utf-8")
    return folder


def test_without_simulation_toml_the_landscapes_defaults_apply(tmp_path: Path):
    """No file: the chain is the defaults, and the 2020 landscape gets its own flows."""
    for landscape in ("2024", "2020"):
        folder = _folder(tmp_path / landscape, None, landscape)
        if landscape == "2020":
            hc.write(folder, [hc.loc("A", "rol", 5)], [hc.household("H", "kansrijk", [30])],
                     landscape="2020")  # fmt: skip
        chain = read_scenario(folder).settings.chain
        assert chain == Chain() and chain.flows_for(landscape) == FLOWS[landscape]


def test_the_chain_of_simulation_toml_is_read_with_the_scenario(tmp_path: Path):
    """[tracks], [leave] and [housing] lead_time_weeks; other tables are simulate's."""
    text = hc.HALVING_CHAIN + "\n[housing]\nlead_time_weeks = 9\n[inflow]\npersons_per_week = 3\n"
    chain = read_scenario(_folder(tmp_path, text)).settings.chain
    assert chain == Chain({"regulier": Flow(2.0, {"leave": 1.0})}, 2.0, 9.0)


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("[leave]\nweeks = 0\n", 2, "[leave] weeks", "must be a number >= 1"),
        ("# chain\n[tracks.regulier]\nweeks = 2\nnext = { leave = 0.5 }\n", 4,
         "[tracks.regulier] next", "adding up to 1"),
        ("[tracks.nieuw]\nweeks = 2\nnext = { leave = 1.0 }\n", 1, "[tracks.nieuw]",
         "not a track of landscape 2024"),
        ("[tracks.regulier]\nweeks = 2\nnext = { elders = 1.0 }\n", 3,
         "[tracks.regulier] next", "elders"),
        ("[housing]\nlead_time = 3\n", 2, "[housing] lead_time", "unknown key"),
        ("[leave\n", None, None, "not valid TOML"),
    ],
)  # fmt: skip
def test_a_bad_chain_is_an_input_error_naming_file_line_and_key(
    tmp_path: Path, text: str, line: int | None, column: str | None, words: str
):
    """Each problem names simulation.toml, its line, the key, and says what to do."""
    with pytest.raises(PlacementInputError) as caught:
        read_scenario(_folder(tmp_path, text))
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("simulation.toml", line, column)
    assert words in problem.message


def test_place_refuses_a_bad_chain_with_exit_1_and_writes_nothing(tmp_path: Path):
    """``placement place`` on a folder whose simulation.toml is bad: exit 1, no output."""
    folder = _folder(tmp_path, "[leave]\nweeks = 0.5\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["place", str(folder), "--out", str(out), "--no-history"])
    assert result.exit_code == 1, result.output
    assert "simulation.toml" in result.output and "[leave] weeks" in result.output
    assert not out.exists()


def test_p_table_is_cheap_for_a_far_closing_date():
    """A closing date 100 years ahead costs log2(C) products, and agrees with C - 1 = C."""
    until = [DAY + dt.timedelta(days=36500), DAY + dt.timedelta(days=36500 - 7)]
    table = _table(Chain(), "2024", ["regulier", "regulier"], until)
    assert np.all((table >= 0) & (table <= 1))
    assert table[:, 0] == pytest.approx(table[:, 1], abs=1e-9)


def test_a_chain_asked_again_gets_its_own_p_not_the_last_ones():
    """The powers are kept per chain: another chain in between changes nothing, any order."""
    types, until = ["regulier", "noodopvang", "regulier"], [None, DAY + dt.timedelta(days=30), None]
    slow = Chain(leave_weeks=30.0, housing_lead_weeks=40.0)
    first = _table(Chain(), "2024", types, until)
    other = _table(slow, "2024", types, until)
    again = _table(Chain(), "2024", list(reversed(types)), list(reversed(until)))
    assert not np.allclose(first, other)
    assert np.array_equal(again, first[:, ::-1])
    assert np.array_equal(_table(slow, "2024", types, until), other)
