"""placement: a reception-capacity placement optimiser for asylum reception.

The public API is small: read a scenario folder, solve it, write the outputs.

>>> from placement import read_scenario, run
>>> scenario = read_scenario("data/demo")          # doctest: +SKIP
>>> result = run(scenario)                          # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"
