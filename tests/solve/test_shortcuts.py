"""A shortcut that raises never costs the run: the exact path goes on, and the fault is counted."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

import placement.api
import placement.solve.pricing as pricing
from placement import run
from tests.factories import random_scenario


def _raise(*args, **kwargs):
    raise ZeroDivisionError("a defect in a shortcut")


#: Each shortcut, by the name the pricing module calls it under.
SHORTCUTS = {
    "greedy start": (pricing, "greedy"),
    "rounded LP": (pricing, "round_lp"),
    "repair": (pricing, "improve"),
    "completion": (pricing, "_complete"),
    "current start": (placement.api, "current_start"),
}


@pytest.mark.parametrize("name", sorted(SHORTCUTS))
@pytest.mark.parametrize("seed", [3, 11])
def test_a_failing_shortcut_leaves_the_optimum(name, seed, monkeypatch, caplog):
    """The same optimum without the shortcut; the fault is in kpis, the log and a report."""
    scenario = random_scenario(seed, "rebalance", n_locations=(4, 8), n_households=(20, 40))
    plain = run(scenario, engine="priced")
    assert plain.kpis["heuristic_faults"] == 0
    module, attr = SHORTCUTS[name]
    calls = []

    def boom(*args, **kwargs):
        calls.append(1)
        raise ZeroDivisionError("a defect in a shortcut")

    monkeypatch.setattr(module, attr, boom)
    with caplog.at_level(logging.WARNING, logger="placement.solve.shortcuts"):
        faulty = run(scenario, engine="priced")
    assert faulty.kpis["status"] == "optimal"
    assert faulty.kpis["objective"] == pytest.approx(plain.kpis["objective"], abs=1e-6)
    assert faulty.kpis["heuristic_faults"] == len(calls)
    if calls:
        assert f"'{name}' failed (ZeroDivisionError)" in caplog.text
        reports = list(Path(os.environ["PLACEMENT_CRASH_DIR"]).glob("crash-*.txt"))
        assert reports and "ZeroDivisionError" in reports[0].read_text("utf-8")


def test_every_shortcut_runs_somewhere(monkeypatch):
    """The cases above are not empty: each shortcut is called on one of the two scenarios."""
    seen = set()
    for name, (module, attr) in SHORTCUTS.items():
        original = getattr(module, attr)

        def spy(*args, _name=name, _original=original, **kwargs):
            seen.add(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, attr, spy)
    for seed in (3, 11):
        scenario = random_scenario(seed, "rebalance", n_locations=(4, 8), n_households=(20, 40))
        run(scenario, engine="priced")
    assert seen == set(SHORTCUTS)


def test_debug_lets_a_shortcuts_fault_through(monkeypatch):
    monkeypatch.setattr(pricing, "improve", _raise)
    monkeypatch.setenv("PLACEMENT_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        scenario = random_scenario(3, "rebalance", n_locations=(4, 8), n_households=(20, 40))
        run(scenario, engine="priced")
