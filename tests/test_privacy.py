"""The log of a successful run names ids only: no person's age or track appears in it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

TRACK = "zeldzaamtraject"  # a track name no log line could contain by chance
AGES = (111, 113, 117, 119)
LANDSCAPE = f"""name = "private"
types = ["regulier", "aanmeld"]

[tracks]
{TRACK} = ["regulier"]
aanmelding = ["aanmeld"]
"""
LOCATIONS = """location_id,name,gemeente_code,type,capacity,cost_per_night
LA,azc A,GM0363,regulier,3,50
LB,azc B,GM0014,regulier,1,60
LC,Ter Apel,GM1950,aanmeld,5,
"""
HEADER = "person_id,household_id,age,medical_need,track,current_location_id,housing_gemeente_code"
PERSONS = f"""{HEADER}
pa,ha,{AGES[0]},,{TRACK},LC,GM0363
pb,ha,{AGES[1]},,{TRACK},LC,GM0363
pc,hc,{AGES[2]},ja,{TRACK},,
pd,hd,{AGES[3]},,{TRACK},,GM0014
"""
RUN_WITH_DEBUG_LOGGING = (
    "import logging, sys; logging.basicConfig(level=logging.DEBUG, stream=sys.stderr); "
    "from placement.cli import app; app()"
)


def test_log_of_a_run_names_no_age_or_track(tmp_path: Path):
    """place with every logger at DEBUG: stdout and stderr hold ids but no age and no track."""
    folder = tmp_path / "scenario"
    folder.mkdir()
    (folder / "landscape-private.toml").write_text(LANDSCAPE, encoding="utf-8")
    (folder / "locations.csv").write_text(LOCATIONS, encoding="utf-8")
    (folder / "persons.csv").write_text(PERSONS, encoding="utf-8")
    (folder / "scenario.toml").write_text(
        'planning_date = 2026-11-23\nlandscape = "landscape-private.toml"\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-c", RUN_WITH_DEBUG_LOGGING, "place", str(folder), "--out", str(out),
         "--mode", "rebalance", "--history", str(tmp_path / "history.sqlite")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    if result.returncode == 2 and "--history" in result.stderr:  # option not wired yet
        result = subprocess.run(
            [sys.executable, "-c", RUN_WITH_DEBUG_LOGGING, "place", str(folder), "--out", str(out),
             "--mode", "rebalance"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # the folder's own name may hold a number (pytest-119): it is no age
    log = (result.stdout + result.stderr).replace(str(tmp_path), "TMP")
    assert (out / "placements.csv").read_text().count("\n") == 5  # the run did place everyone
    assert TRACK not in log
    for age in AGES:
        # Whole numbers only: "113" inside a version hash such as "f3f113d" is no age.
        assert not re.search(rf"(?<![\w.]){age}(?![\w.])", log), f"age {age} in the log"
