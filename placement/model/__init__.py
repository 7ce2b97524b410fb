"""The mixed-integer model, one module per part: sets, variables, constraints, objective."""

from placement.model.build import build_model

__all__ = ["build_model"]
