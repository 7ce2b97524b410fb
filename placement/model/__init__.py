"""The mixed-integer model: the rules as data (prepare), and the model as math and as arrays.

- :mod:`placement.model.prepare` turns a scenario into :class:`ProblemData`;
- :mod:`placement.model.matrix` builds the arrays HiGHS solves;
- :func:`build_model` (sets, variables, constraints, objective) builds the
  same model in Pyomo, to read and to debug. Pyomo is loaded only when it
  is first used, so the default engine never pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from placement.model.build import build_model


def __getattr__(name: str) -> Any:
    if name == "build_model":
        from placement.model.build import build_model

        return build_model
    raise AttributeError(f"module 'placement.model' has no attribute {name!r}")


__all__ = ["build_model"]
