"""placement: a reception-capacity placement optimiser for asylum reception.

The public API is small: read a scenario folder, solve it, write the outputs.

>>> from placement import read_scenario, run, write_outcome
>>> scenario = read_scenario("data/demo")            # doctest: +SKIP
>>> result = run(scenario)                            # doctest: +SKIP
>>> write_outcome(result, Path("out/demo"))           # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from placement.about import __version__
    from placement.api import run
    from placement.input.read import read_scenario
    from placement.input.scenario import Scenario
    from placement.output.folder import write_outcome
    from placement.results.outcome import Outcome

#: The public API, imported when first used: ``placement --help`` loads none of it
#: (not even the version, which asks the installed package's metadata).
_LAZY = {
    "__version__": "placement.about",
    "run": "placement.api",
    "read_scenario": "placement.input.read",
    "Scenario": "placement.input.scenario",
    "write_outcome": "placement.output.folder",
    "Outcome": "placement.results.outcome",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'placement' has no attribute {name!r}")


__all__ = ["Outcome", "Scenario", "__version__", "read_scenario", "run", "write_outcome"]
