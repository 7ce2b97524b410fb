"""Hypothesis profiles of the whole-command property tests.

``ci`` (the default): derandomized, a fixed number of examples per test,
bounded so that all of ``tests/commands`` takes about two minutes on two
cores, single process. ``soak``: many random examples, no deadline, a
database of failures in ``.hypothesis/soak`` (not committed); choose it with
``PLACEMENT_FUZZ=soak`` or ``pytest tests/commands --hypothesis-profile soak``
(``benchmarks/soak.py`` runs it for a given number of minutes).

The profiles are applied by :func:`fuzz` per test, not loaded globally, so
the rest of the suite keeps hypothesis' own defaults.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

from tests.commands.profiles import ACTIVE, PROFILES

REPO = Path(__file__).resolve().parents[2]
SUPPRESSED = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.large_base_example,
    HealthCheck.filter_too_much,
]

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=SUPPRESSED,
)
settings.register_profile(
    "soak",
    derandomize=False,
    database=DirectoryBasedExampleDatabase(str(REPO / ".hypothesis" / "soak")),
    deadline=None,
    print_blob=True,
    suppress_health_check=SUPPRESSED,
)


def pytest_configure(config: pytest.Config) -> None:
    """The profile of this run: PLACEMENT_FUZZ, else --hypothesis-profile, else ci."""
    name = os.environ.get("PLACEMENT_FUZZ", "")
    if not name:
        given = config.getoption("hypothesis_profile", default=None)
        name = given if given in PROFILES else "ci"
    if name not in PROFILES:
        raise pytest.UsageError(f"PLACEMENT_FUZZ={name!r}: use one of {PROFILES}")
    ACTIVE["name"] = name
