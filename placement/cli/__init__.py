"""The ``placement`` command. Each module registers its commands on :data:`app`.

Modules only parse, call library functions and print; all logic lives in
the package where a notebook can call it too.
"""

from __future__ import annotations

from placement.cli.common import app

# Importing a module registers its commands, in this order in --help.
from placement.cli import place as _place  # noqa: E402,F401  isort: skip
from placement.cli import generate as _generate  # noqa: E402,F401  isort: skip
from placement.cli import whatif as _whatif  # noqa: E402,F401  isort: skip
from placement.cli import history as _history  # noqa: E402,F401  isort: skip

__all__ = ["app"]
