"""placement: a reception-capacity placement optimiser for asylum reception.

The public API is small: read a scenario folder, solve it, write the outputs.

>>> from placement import read_scenario, run, write_outcome
>>> scenario = read_scenario("data/demo")            # doctest: +SKIP
>>> result = run(scenario)                            # doctest: +SKIP
>>> write_outcome(result, Path("out/demo"))           # doctest: +SKIP
"""

from __future__ import annotations

from placement.about import __version__
from placement.api import run
from placement.input.read import read_scenario
from placement.input.scenario import Scenario
from placement.output.folder import write_outcome
from placement.results.outcome import Outcome

__all__ = ["Outcome", "Scenario", "__version__", "read_scenario", "run", "write_outcome"]
