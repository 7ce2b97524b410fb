"""The pandera models of the input tables: complete metadata, rules on typed frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pytest

from placement.input.schema import (
    FRAME_CHECKS,
    FRAME_RULES,
    GemeenteSchema,
    LocationSchema,
    OverrideSchema,
    PersonSchema,
)

MODELS = [LocationSchema, PersonSchema, GemeenteSchema, OverrideSchema]
KINDS = {"text", "int", "decimal", "bool", "date"}


def location(**changes: object) -> pd.DataFrame:
    """One valid typed location row, with ``changes`` applied."""
    row: dict[str, object] = {
        "location_id": "L1",
        "name": "A",
        "gemeente_code": "GM0363",
        "type": "regulier",
        "capacity": np.int64(10),
        "lat": np.nan,
        "lon": np.nan,
        "has_medical": False,
        "child_suitable": True,
        "max_children": pd.NA,
        "open_from": pd.NaT,
        "open_until": pd.NaT,
        "cost_per_night": 0.0,
        "flex_capacity": np.int64(0),
        "line": np.int64(2),
    }
    row.update(changes)
    frame = pd.DataFrame([row])
    return frame.astype(
        {
            "location_id": "str",
            "name": "str",
            "gemeente_code": "str",
            "type": "str",
            "capacity": "int64",
            "lat": "float64",
            "lon": "float64",
            "max_children": "Int64",
            "open_from": "datetime64[ns]",
            "open_until": "datetime64[ns]",
            "line": "int64",
        }
    )


@pytest.mark.parametrize("model", MODELS)
def test_every_input_column_says_how_to_parse_and_fix_it(model: type[pa.DataFrameModel]) -> None:
    """Each column but line has a parse kind, a required flag, a rule and a fix."""
    for name, column in model.to_schema().columns.items():
        if name == "line":
            continue
        meta = column.metadata
        assert meta["kind"] in KINDS, name
        assert isinstance(meta["required"], bool) and meta["rule"] and meta["fix"], name


def test_frame_checks_have_messages() -> None:
    """Every cross-column check of a model has a message and a rule in FRAME_CHECKS, FRAME_RULES."""
    names = {c.name for m in MODELS for c in m.to_schema().checks}
    assert names == set(FRAME_CHECKS) == set(FRAME_RULES)


def test_valid_location_passes() -> None:
    """A typed location row with the contract's defaults validates."""
    LocationSchema.validate(location())


@pytest.mark.parametrize(
    "changes",
    [
        {"capacity": np.int64(-1)},
        {"gemeente_code": "GM363"},
        {"lat": 91.0, "lon": 5.0},
        {"lat": 52.0},
        {"cost_per_night": -0.5},
        {"open_from": pd.Timestamp("2026-02-01"), "open_until": pd.Timestamp("2026-01-31")},
    ],
)
def test_location_rules_reject_bad_values(changes: dict[str, object]) -> None:
    """Ranges, the gemeente code pattern, lat/lon pairing and date order are enforced."""
    with pytest.raises(pa.errors.SchemaError):
        LocationSchema.validate(location(**changes))


def test_override_action_is_pin_or_forbid() -> None:
    """An override action other than pin or forbid is rejected."""
    frame = pd.DataFrame(
        {"household_id": ["H1"], "location_id": ["L1"], "action": ["move"], "reason": ["r"]}
    ).astype("str")
    frame["line"] = np.int64(2)
    with pytest.raises(pa.errors.SchemaError):
        OverrideSchema.validate(frame)
