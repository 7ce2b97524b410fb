"""Run history: every ``place``, ``whatif`` and ``link`` run, recorded in an embedded SQLite file.

A record holds when the run happened, the command, a SHA-256 of every input
file, the settings, the versions of placement, Pyomo and HiGHS, the status,
the KPIs, the output folder and, per household, where it ended. Ids only:
no person field other than ids is stored.

Safety: the database runs in WAL mode with a busy timeout, and each run is
written in one ``BEGIN IMMEDIATE`` transaction, so concurrent runs queue
instead of failing and a process killed mid-write leaves the previous state
intact (SQLite rolls the unfinished transaction back on the next open).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import pandas as pd

from placement.about import user_folder, versions
from placement.errors import PlacementError
from placement.i18n import _
from placement.output.files import json_safe
from placement.vocab import DIFF_FIRST, kpi_change

if TYPE_CHECKING:
    from placement.input.scenario import Scenario


class Recorded(Protocol):
    """What a run hands the history: its KPIs and one row per person (ids and codes only).

    :class:`~placement.results.outcome.Outcome` is one; so is a link result,
    whose rows name the gemeente in ``to_location_id``.
    """

    @property
    def kpis(self) -> dict[str, Any]: ...  # noqa: D102

    @property
    def placements(self) -> pd.DataFrame: ...  # noqa: D102


#: Version of the tables below; a newer file is refused, an older one migrated.
SCHEMA_VERSION = 1
#: Milliseconds a writer waits for another one before giving up.
BUSY_TIMEOUT_MS = 60_000
#: Environment variable that overrides the default database path.
ENV_VAR = "PLACEMENT_HISTORY"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    run_id       INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at   TEXT NOT NULL,
    finished_at  TEXT NOT NULL,
    command      TEXT NOT NULL,
    scenario_dir TEXT,
    out_dir      TEXT,
    status       TEXT NOT NULL,
    settings     TEXT NOT NULL,
    versions     TEXT NOT NULL,
    kpis         TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS inputs (
    run_id  INTEGER NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
    file    TEXT NOT NULL,
    sha256  TEXT NOT NULL,
    bytes   INTEGER NOT NULL,
    PRIMARY KEY (run_id, file)
);
CREATE TABLE IF NOT EXISTS placements (
    run_id          INTEGER NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
    household_id    TEXT NOT NULL,
    persons         INTEGER NOT NULL,
    from_location_id TEXT NOT NULL,
    to_location_id  TEXT NOT NULL,
    status          TEXT NOT NULL,
    override        TEXT NOT NULL,
    PRIMARY KEY (run_id, household_id)
);
"""


class HistoryError(PlacementError):
    """The history database cannot be used (unknown run, newer schema, not a database)."""


@dataclass(frozen=True)
class RunSummary:
    """One line of ``placement history``."""

    run_id: int
    started_at: str
    command: str
    status: str
    scenario_dir: str
    out_dir: str
    persons: int | None
    unplaced: int | None
    objective: float | None


@dataclass(frozen=True)
class RunRecord:
    """Everything recorded about one run; ``placements`` has one row per household."""

    run_id: int
    started_at: str
    finished_at: str
    command: str
    scenario_dir: str
    out_dir: str
    status: str
    settings: dict[str, Any]
    versions: dict[str, str]
    kpis: dict[str, Any]
    inputs: dict[str, str]
    note: str = ""
    placements: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)


@dataclass(frozen=True)
class RunDiff:
    """Two runs compared.

    Attributes
    ----------
    kpis
        One row per KPI: ``kpi``, ``a``, ``b``, ``change`` (b − a where numeric).
    placements
        Households whose destination or status differs: ``household_id``,
        ``persons``, ``to_a``, ``status_a``, ``to_b``, ``status_b``.
    inputs
        Input files whose hash differs or that only one run read.
    settings
        Settings that differ: name -> (a, b).
    """

    a: RunRecord
    b: RunRecord
    kpis: pd.DataFrame
    placements: pd.DataFrame
    inputs: list[str]
    settings: dict[str, tuple[Any, Any]]


# --------------------------------------------------------------------------- where


def default_history_path() -> Path:
    """Where the history lives unless ``--history`` says otherwise.

    ``$PLACEMENT_HISTORY`` when set; else the user's data folder:
    ``$XDG_DATA_HOME`` or ``~/.local/share`` on Linux, ``~/Library/Application
    Support`` on macOS, ``%LOCALAPPDATA%`` on Windows; then
    ``placement/history.sqlite`` inside it.
    """
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    return user_folder() / "history.sqlite"


@contextmanager
def connect(db_path: Path | str | None = None) -> Iterator[sqlite3.Connection]:
    """Open (creating if needed) the history database, schema checked.

    Raises
    ------
    HistoryError
        When the file is not a SQLite database or has a newer schema.
    """
    path = Path(db_path) if db_path is not None else default_history_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)) as con:
            con.isolation_level = None  # we issue BEGIN/COMMIT ourselves
            con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            con.execute("PRAGMA journal_mode = WAL")
            con.execute("PRAGMA synchronous = FULL")
            con.execute("PRAGMA foreign_keys = ON")
            _ensure_schema(con)
            yield con
    except sqlite3.DatabaseError as exc:
        raise HistoryError(
            _("{path}: cannot use the run history ({error})").format(path=path, error=exc)
        ) from exc


def _ensure_schema(con: sqlite3.Connection) -> None:
    """Create the tables once; refuse a database written by a newer program."""
    con.execute("BEGIN IMMEDIATE")
    try:
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                con.execute(statement)
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            con.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif int(row[0]) > SCHEMA_VERSION:
            raise HistoryError(
                _(
                    "the run history has schema version {found}, newer than this program's "
                    "{own}; upgrade placement or choose another --history file"
                ).format(found=row[0], own=SCHEMA_VERSION)
            )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


# --------------------------------------------------------------------------- write


def record_run(
    db_path: Path | str | None = None,
    *,
    command: str,
    scenario_dir: Path | str | None = None,
    out_dir: Path | str | None = None,
    scenario: Scenario | None = None,
    outcome: Recorded | None = None,
    status: str | None = None,
    started_at: dt.datetime | None = None,
    extra_settings: dict[str, Any] | None = None,
    note: str = "",
) -> int:
    """Record one run in one transaction and return its run id.

    Parameters
    ----------
    db_path
        The database; default :func:`default_history_path`.
    command
        ``"place"``, ``"whatif"``, ``"link"``, ...
    scenario_dir, out_dir
        The input folder (its ``*.csv`` and ``*.toml`` files are hashed)
        and the output folder (``None`` when nothing was written).
    scenario, outcome
        The run's settings and its KPIs and placements, when there are any.
    status
        Default ``outcome.kpis["status"]``, else ``"error"``; use e.g.
        ``"input_error"``, ``"no_solution"`` or ``"interrupted"`` for a run
        without an outcome.
    started_at
        When the run began; default now.
    extra_settings
        More settings to keep, e.g. a what-if's changes.
    note
        Free text; never a person's data.
    """
    finished = _now()
    kpis = dict(outcome.kpis) if outcome is not None else {}
    settings = settings_dict(scenario) if scenario is not None else {}
    settings.update(extra_settings or {})
    run = {
        "started_at": _stamp(started_at) if started_at is not None else finished,
        "finished_at": finished,
        "command": command,
        "scenario_dir": str(Path(scenario_dir).resolve()) if scenario_dir is not None else "",
        "out_dir": str(Path(out_dir).resolve()) if out_dir is not None else "",
        "status": status or str(kpis.get("status", "error")),
        "settings": _dumps(settings),
        "versions": _dumps(versions()),
        "kpis": _dumps(kpis),
        "note": note,
    }
    inputs = input_hashes(scenario_dir) if scenario_dir is not None else []
    rows = household_rows(outcome.placements) if outcome is not None else []
    return write_run(db_path, run, inputs, rows)


def write_run(
    db_path: Path | str | None,
    run: dict[str, Any],
    inputs: Iterable[tuple[str, str, int]],
    placements: Iterable[tuple[str, int, str, str, str, str]],
) -> int:
    """Insert a run, its input hashes and its household rows atomically."""
    with connect(db_path) as con:
        con.execute("BEGIN IMMEDIATE")
        try:
            cur = con.execute(
                f"INSERT INTO runs ({', '.join(run)}) VALUES ({', '.join('?' * len(run))})",
                tuple(run.values()),
            )
            run_id = int(cur.lastrowid or 0)
            con.executemany(
                "INSERT INTO inputs VALUES (?, ?, ?, ?)", ((run_id, *i) for i in inputs)
            )
            con.executemany(
                "INSERT INTO placements VALUES (?, ?, ?, ?, ?, ?, ?)",
                ((run_id, *p) for p in placements),
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return run_id


def input_hashes(folder: Path | str) -> list[tuple[str, str, int]]:
    """``(file, sha256, bytes)`` of each ``*.csv`` and ``*.toml`` file in ``folder``."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in (".csv", ".toml"):
            digest = hashlib.sha256()
            with open(path, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    digest.update(chunk)
            found.append((path.name, digest.hexdigest(), path.stat().st_size))
    return found


def household_rows(placements: pd.DataFrame) -> list[tuple[str, int, str, str, str, str]]:
    """One ``(household_id, persons, from, to, status, override)`` per household."""
    if placements.empty:
        return []
    frame = placements.assign(override=placements.get("override", ""))
    by = frame.groupby("household_id", sort=False)
    first = by[["from_location_id", "to_location_id", "status", "override"]].first()
    first.insert(0, "persons", by.size())
    text = (first[c].to_numpy(dtype=object) for c in first.columns[1:])
    return list(
        zip(
            map(str, first.index.to_numpy(dtype=object)),
            first["persons"].to_numpy(dtype=np.int64).tolist(),
            *(map(str, t) for t in text),
            strict=True,
        )
    )


def settings_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario's settings as plain JSON values."""
    s = scenario.settings
    land = s.landscape
    return {
        "planning_date": s.planning_date.isoformat(),
        "mode": s.mode,
        "landscape": land.name if land is not None else None,
        "landscape_tracks": {k: list(v) for k, v in land.allowed.items()} if land else None,
        "weights": _fields(s.weights),
        "solver": _fields(s.solver),
    }


def page_provenance(scenario_dir: Path | str | None) -> dict[str, Any]:
    """What a review page says of a run's origin before it is recorded.

    ``inputs`` (``[file, sha256, bytes]`` of each input file, as a record
    holds them) and ``versions``; the run id follows once recorded.
    """
    inputs = input_hashes(scenario_dir) if scenario_dir is not None else []
    return {"history_id": None, "inputs": [list(i) for i in inputs], "versions": versions()}


def recorded_provenance(db_path: Path | str | None, folder: Path | str) -> dict[str, Any]:
    """The provenance of the newest recorded run that wrote ``folder``, for a page made later.

    Empty when there is no history file or no run wrote that folder; a
    history that cannot be read counts as none.
    """
    path = Path(db_path) if db_path is not None else default_history_path()
    if not path.is_file():
        return {}
    target = str(Path(folder).resolve())
    try:
        with connect(path) as con:
            row = con.execute(
                "SELECT run_id FROM runs WHERE out_dir = ? ORDER BY run_id DESC LIMIT 1",
                (target,),
            ).fetchone()
            if row is None:
                return {}
            files = con.execute(
                "SELECT file, sha256, bytes FROM inputs WHERE run_id = ? ORDER BY file", (row[0],)
            ).fetchall()
            versions_json = con.execute(
                "SELECT versions FROM runs WHERE run_id = ?", (row[0],)
            ).fetchone()[0]
    except HistoryError:
        return {}
    return {
        "history_id": int(row[0]),
        "inputs": [list(f) for f in files],
        "versions": json.loads(versions_json),
    }


def _fields(obj: Any) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(obj)


def _now() -> str:
    return _stamp(dt.datetime.now())


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone().isoformat(timespec="seconds")


def _dumps(value: Any) -> str:
    return json.dumps(json_safe(value), sort_keys=True, ensure_ascii=False)


# --------------------------------------------------------------------------- read


def list_runs(db_path: Path | str | None = None, *, limit: int | None = None) -> list[RunSummary]:
    """Recorded runs, newest first (at most ``limit``)."""
    query = (
        "SELECT run_id, started_at, command, status, scenario_dir, out_dir, kpis "
        "FROM runs ORDER BY run_id DESC"
    )
    with connect(db_path) as con:
        rows = con.execute(query + (f" LIMIT {int(limit)}" if limit else "")).fetchall()
    summaries = []
    for run_id, started, command, status, scenario_dir, out_dir, kpis in rows:
        k = json.loads(kpis)
        summaries.append(
            RunSummary(
                run_id,
                started,
                command,
                status,
                scenario_dir or "",
                out_dir or "",
                k.get("persons"),
                k.get("unplaced"),
                k.get("objective"),
            )  # fmt: skip
        )
    return summaries


def resolve_run(con: sqlite3.Connection, run: int | str) -> int:
    """The run id meant by ``run``: an id, ``last``, or ``-N`` (N-th from the last).

    Raises
    ------
    HistoryError
        When no such run is recorded.
    """
    text = str(run).strip().lower()
    back = 0
    if text == "last":
        back = 1
    elif text.startswith("-") and text[1:].isdigit() and int(text[1:]) > 0:
        back = int(text[1:])
    if back:
        row = con.execute(
            "SELECT run_id FROM runs ORDER BY run_id DESC LIMIT 1 OFFSET ?", (back - 1,)
        ).fetchone()
    elif text.isdigit():
        row = con.execute("SELECT run_id FROM runs WHERE run_id = ?", (int(text),)).fetchone()
    else:
        row = None
    if row is None:
        raise HistoryError(
            _("no run '{run}' in the history; 'placement history' lists the recorded runs").format(
                run=run
            )
        )
    return int(row[0])


def get_run(db_path: Path | str | None, run: int | str) -> RunRecord:
    """Everything recorded about one run (see :func:`resolve_run` for ``run``)."""
    with connect(db_path) as con:
        run_id = resolve_run(con, run)
        con.row_factory = sqlite3.Row
        row = con.execute("SELECT * FROM runs WHERE run_id = ?", (run_id,)).fetchone()
        inputs = con.execute(
            "SELECT file, sha256 FROM inputs WHERE run_id = ? ORDER BY file", (run_id,)
        ).fetchall()
        placements = pd.read_sql_query(
            "SELECT household_id, persons, from_location_id, to_location_id, status, override "
            "FROM placements WHERE run_id = ? ORDER BY rowid",
            con,
            params=(run_id,),
        )
    return RunRecord(
        run_id=run_id,
        started_at=row["started_at"],
        finished_at=row["finished_at"],
        command=row["command"],
        scenario_dir=row["scenario_dir"] or "",
        out_dir=row["out_dir"] or "",
        status=row["status"],
        settings=json.loads(row["settings"]),
        versions=json.loads(row["versions"]),
        kpis=json.loads(row["kpis"]),
        inputs={r["file"]: r["sha256"] for r in inputs},
        note=row["note"],
        placements=placements,
    )


def diff_runs(db_path: Path | str | None, run_a: int | str, run_b: int | str) -> RunDiff:
    """Compare two runs: KPIs, households placed differently, inputs and settings."""
    a, b = get_run(db_path, run_a), get_run(db_path, run_b)
    return RunDiff(
        a=a,
        b=b,
        kpis=kpi_comparison(a.kpis, b.kpis),
        placements=placement_changes(a.placements, b.placements),
        inputs=sorted(
            f for f in set(a.inputs) | set(b.inputs) if a.inputs.get(f) != b.inputs.get(f)
        ),
        settings=_changed(_flat(a.settings), _flat(b.settings)),
    )


def kpi_comparison(a: dict[str, Any], b: dict[str, Any]) -> pd.DataFrame:
    """One row per KPI (key ones first, then the rest by name): a, b and b − a."""
    scalar = {k for k in set(a) | set(b) if not isinstance(a.get(k, b.get(k)), dict | list)}
    names = [k for k in DIFF_FIRST if k in scalar] + sorted(scalar - set(DIFF_FIRST))
    terms = set(a.get("objective_terms") or {}) | set(b.get("objective_terms") or {})
    rows = [(n, a.get(n), b.get(n)) for n in names]
    rows += [
        (f"objective_terms.{t}", (a.get("objective_terms") or {}).get(t),
         (b.get("objective_terms") or {}).get(t))
        for t in sorted(terms)
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["kpi", "a", "b"], dtype=object)
    changes = [kpi_change(x, y) for x, y in zip(frame["a"], frame["b"], strict=True)]
    frame["change"] = pd.Series(changes, index=frame.index, dtype=object)  # None stays None
    return frame


def placement_changes(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    """Households whose destination or status differs between two runs (or only in one)."""
    cols = ["household_id", "persons", "to_location_id", "status"]
    merged = a[cols].merge(b[cols], on="household_id", how="outer", suffixes=("_a", "_b"))
    merged = merged.rename(
        columns={
            "to_location_id_a": "to_a", "to_location_id_b": "to_b",
            "status_a": "status_a", "status_b": "status_b",
        }
    )  # fmt: skip
    merged["persons"] = merged["persons_a"].fillna(merged["persons_b"]).astype("int64")
    for c in ("to_a", "to_b", "status_a", "status_b"):
        merged[c] = merged[c].fillna("-")
    changed = (merged["to_a"] != merged["to_b"]) | (merged["status_a"] != merged["status_b"])
    out = merged.loc[changed, ["household_id", "persons", "to_a", "status_a", "to_b", "status_b"]]
    return out.reset_index(drop=True)


def _flat(settings: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in settings.items():
        if isinstance(value, dict) and key != "landscape_tracks":
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _changed(a: dict[str, Any], b: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {k: (a.get(k), b.get(k)) for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)}
