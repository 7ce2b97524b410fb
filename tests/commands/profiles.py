"""Which hypothesis profile the command tests run under, and the per-test example budget.

The profiles themselves are registered in ``tests/commands/conftest.py``.
"""

from __future__ import annotations

import os

from hypothesis import Phase, settings

PROFILES = ("ci", "soak")
#: Set by ``conftest.pytest_configure``: PLACEMENT_FUZZ, else --hypothesis-profile, else ci.
ACTIVE = {"name": ""}


def active() -> str:
    return ACTIVE["name"] or os.environ.get("PLACEMENT_FUZZ") or "ci"


def fuzz(ci: int, soak: int = 1000) -> settings:
    """Settings of one test: ``ci`` examples under the ci profile, ``soak`` under soak.

    ``PLACEMENT_FUZZ_SCALE`` (a factor, default 1) scales the soak budget, so that
    ``benchmarks/soak.py`` can run every test in short rounds with fresh seeds.
    """
    name = active()
    if name == "ci":
        examples = ci
    else:
        examples = max(1, round(soak * float(os.environ.get("PLACEMENT_FUZZ_SCALE", "1"))))
    chosen = settings(settings.get_profile(name), max_examples=examples)
    if os.environ.get("PLACEMENT_FUZZ_SHRINK") == "0":  # report the first failure as drawn
        chosen = settings(chosen, phases=[p for p in Phase if p is not Phase.shrink])
    return chosen
