"""``placement whatif`` with random changes on whole drawn scenario folders.

Every run folder passes the oracle of ``tests/spec_oracle.py`` on its own
scenario where that scenario can be written down here (the baseline; a
variant that closes, changes beds, adds locations or keeps fewer arrivals),
and at least the invariants of any placement (objective = its terms,
households whole, limits kept) where it cannot (more arrivals, another
landscape). A change that names an unknown location, or adds one whose id
is taken, is refused with exit 1 and nothing written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import event, given
from hypothesis import strategies as st

from tests import spec_oracle as so
from tests.commands.harness import (
    Run,
    basic_invariants,
    expect_exit,
    kpis,
    refused,
    within_gap,
)
from tests.commands.profiles import fuzz
from tests.commands.scenarios import (
    DIALECTS,
    LANDSCAPES,
    LOCATION_FIELDS,
    Case,
    Picker,
    _draw_location,
    _draw_weights,
    case_written,
    cases,
    write_plain,
    write_table,
)

ORACLE_HOUSEHOLDS = 40
FLAGS = ("--xlsx", "--geojson", "--gpkg", "--parquet", "--map", "--html")


@dataclass
class Change:
    """The options of one what-if run (``repr`` valid Python, for ``@example``)."""

    name: str = "variant"
    close: list[str] = field(default_factory=list)
    capacity: dict[str, int] = field(default_factory=dict)
    flex: dict[str, int] = field(default_factory=dict)
    add: list[dict[str, Any]] | None = None
    arrivals_factor: float | None = None
    seed: int = 0
    landscape: str | None = None
    weights: dict[str, float] | None = None
    mode: str | None = None
    time_limit: float | None = None
    #: export flags (--xlsx, --html, ...)
    flags: tuple[str, ...] = ()
    #: what is wrong on purpose ("" when nothing)
    broken: str = ""

    def args(self, add_file: Path | None, weights_file: Path | None = None) -> list[Any]:
        out: list[Any] = ["--name", self.name]
        if self.close:
            out += ["--close", ",".join(self.close)]
        for option, beds in (("--capacity", self.capacity), ("--flex", self.flex)):
            for lid, n in beds.items():
                out += [option, f"{lid}={n}"]
        if add_file is not None:
            out += ["--add-locations", add_file]
        if self.arrivals_factor is not None:
            out += ["--arrivals-factor", self.arrivals_factor, "--seed", self.seed]
        if self.landscape is not None:
            out += ["--landscape", self.landscape]
        if weights_file is not None:
            out += ["--weights", weights_file]
        if self.mode is not None:
            out += ["--mode", self.mode]
        if self.time_limit is not None:
            out += ["--time-limit", self.time_limit]
        return [*out, *self.flags]


@st.composite
def changes(draw: Any, case: Case) -> Change:
    p = Picker(draw)
    ids = [x["location_id"] for x in case.locations]
    c = Change(name=p.pick(["variant", "new-azc", "v_2", "sluiting.1"]))
    if p.flip(50):
        c.close = list(dict.fromkeys(p.pick(ids) for _ in range(p.int(1, 2))))
    if p.flip(40):
        c.capacity = {p.pick(ids): p.int(0, 40) for _ in range(p.int(1, 2))}
    if p.flip(25):
        c.flex = {p.pick(ids): p.int(0, 6) for _ in range(p.int(1, 2))}
    if p.flip(20):
        c.landscape = p.pick(["2020", "2024"])
    target = LANDSCAPES[c.landscape or case.landscape]  # new locations are in its types
    if p.flip(30):
        codes = sorted({x["gemeente_code"] for x in case.locations})
        c.add = [
            _draw_location(p, i + 1, target, codes, case.planning_date, "NEW")
            for i in range(p.int(1, 2))
        ]
        for row in c.add:
            row["capacity"] = p.int(0, 30)
    if p.flip(30):
        c.arrivals_factor = p.pick([0.0, 0.5, 1.5, 2.0, 1.0])
        c.seed = p.int(0, 5)
    if p.flip(20):
        c.weights = _draw_weights(p)
    if not (c.close or c.capacity or c.flex or c.add or c.arrivals_factor is not None
            or c.landscape or c.weights):  # fmt: skip
        c.close = [ids[0]]
    c.mode = p.pick([None, None, "weekly", "rebalance"])
    c.time_limit = p.pick([None, None, None, 2])
    if p.flip(15):
        c.flags = tuple(dict.fromkeys(p.pick(FLAGS) for _ in range(p.int(1, 3))))
    if p.flip(10):
        c.broken = p.pick(["unknown_close", "unknown_capacity", "taken_id", "foreign_type"])
        if c.broken == "unknown_close":
            c.close = [*c.close, "nowhere"]
        elif c.broken == "unknown_capacity":
            c.capacity = {**c.capacity, "nowhere": 3}
        else:
            wrong = sorted(set(LANDSCAPES["2020"]["types"]) ^ set(LANDSCAPES["2024"]["types"]))
            extra = dict(case.locations[0], capacity=5)
            if c.broken == "foreign_type":
                extra.update(
                    location_id="NEWX", type=p.pick([t for t in wrong if t not in target["types"]])
                )
            c.add = [*(c.add or []), extra]
    return c


# --------------------------------------------------------------------------
# The variant's own scenario, where it can be written down
# --------------------------------------------------------------------------


def variant_case(case: Case, c: Change) -> Case | None:
    """The scenario the variant solves, or None when it cannot be written down here."""
    if c.landscape not in (None, case.landscape):
        return None
    if c.arrivals_factor is not None and c.arrivals_factor > 1:
        return None
    v = case.with_(weights={**case.weights, **(c.weights or {})})
    last_night = case.planning_date - dt.timedelta(days=1)
    if c.add:
        v.locations += [dict(x) for x in c.add]
    for x in v.locations:
        lid = x["location_id"]
        if lid in c.close:
            until = x.get("open_until")
            x["open_until"] = last_night if until is None or until >= last_night else until
            if x.get("open_from") is not None and x["open_from"] > x["open_until"]:
                x["open_from"] = None  # never open: the same to the oracle, and valid to write
        if lid in c.capacity:
            x["capacity"] = c.capacity[lid]
        if lid in c.flex:
            x["flex_capacity"] = c.flex[lid]
    if c.arrivals_factor is not None and c.arrivals_factor < 1:
        arrivals = [hid for hid, rows in case.households().items()
                    if rows[0]["current_location_id"] is None]  # fmt: skip
        keep = int(round(c.arrivals_factor * len(arrivals)))
        dropped = set(arrivals[keep:])
        v.persons = [r for r in v.persons if r["household_id"] not in dropped]
        if v.overrides is not None:
            v.overrides = [o for o in v.overrides if o["household_id"] not in dropped]
    return v


def pins_may_break(case: Case, c: Change) -> bool:
    """Whether the change can make a valid pin impossible (then exit 1 is right too)."""
    pinned = {o["location_id"] for o in case.overrides or [] if o["action"] == "pin"}
    if not pinned:
        return False
    touched = set(c.close) | set(c.capacity) | set(c.flex)
    return bool(touched & pinned) or c.landscape not in (None, case.landscape)


def check_run_folder(case: Case | None, folder: Path, plain: Path, mode: str | None) -> None:
    """The oracle on a run folder whose scenario is known, else the invariants of any."""
    basic_invariants(folder)
    if case is None:
        return
    write_plain(case, plain, mode=mode)
    evaluation = so.evaluate_outputs(plain, folder)
    assert evaluation.violations == [], (folder.name, evaluation.violations)
    scn = so.load_plain_scenario(plain)
    if len(scn["households"]) <= ORACLE_HOUSEHOLDS:
        best, _ = so.solve_independently(scn)
        within_gap(kpis(folder), best, f"whatif {folder.name}")


def whatif_case(case: Case, c: Change) -> None:
    event(f"whatif broken={c.broken or 'no'}")
    with case_written(case) as (root, folder):
        add_file = None
        if c.add is not None:
            add_file = root / "new_locations.csv"
            write_table(add_file, LOCATION_FIELDS, c.add, DIALECTS[case.dialect])
        weights_file = None
        if c.weights is not None:
            weights_file = root / "weights.toml"
            body = "".join(f"{k} = {v!r}\n" for k, v in c.weights.items())
            weights_file.write_text("[weights]\n" + body, "utf-8")
        out = root / "out"
        with Run("whatif") as run:
            args = c.args(add_file, weights_file)
            result = run.invoke(folder, "--out", out, "--no-history", *args)
            if not case.valid or c.broken:
                expect_exit(result, [1], f"whatif ({case.broken or c.broken})")
                refused(result, out)
                if c.broken in ("taken_id", "foreign_type") and case.valid:
                    assert add_file is not None
                    assert str(add_file) in result.stderr, "the problem names another file"
                return
            allowed = (
                {0} | ({3} if c.time_limit else set()) | ({1} if pins_may_break(case, c) else set())
            )
            expect_exit(result, allowed, "whatif")
            if result.exit_code != 0:
                refused(result, out)
                return
            mode = c.mode
            check_run_folder(case, out / "baseline", root / "plain-baseline", mode)
            check_run_folder(variant_case(case, c), out / c.name, root / "plain-variant", mode)
            assert (out / "comparison" / "kpis.csv").is_file()


def cases_and_changes() -> st.SearchStrategy[tuple[Case, Change]]:
    return cases(max_households=150, simulation=40).flatmap(
        lambda case: st.tuples(st.just(case), changes(case))
    )


@fuzz(ci=10, soak=1000)
@given(pair=cases_and_changes())
def test_whatif_any_change(pair: tuple[Case, Change]) -> None:
    """whatif: the right exit; every run folder passes the oracle or the invariants."""
    whatif_case(*pair)
