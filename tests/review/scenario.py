"""A small scenario for the review pages: every status, a closure, a shortage, hostile names."""

from __future__ import annotations

from pathlib import Path

#: Location names that look like markup, quotes, a formula and other scripts.
HOSTILE = {
    "TA": "Ter Apel <script>window.__pwned=1</script>",
    "UT": "Utrecht \"Haydn\" = 'azc' & ü 中 =1+1",
    "GR": "<img src=x onerror=window.__pwned=2>",
}
LOCATION_HEADER = "location_id,name,gemeente_code,type,capacity,open_until,child_suitable"
LOCATIONS = f"""{LOCATION_HEADER},cost_per_night
TA,"{HOSTILE["TA"]}",GM1950,aanmeld,4,,,40
UT,"{HOSTILE["UT"].replace('"', '""')}",GM0344,regulier,8,,,55
GR,{HOSTILE["GR"]},GM0014,regulier,6,,,50
OLD,Oude locatie,GM0363,regulier,5,2026-11-20,,45
AM,Amsterdam Gemeentelijk,GM0363,gemeentelijk,3,,false,60
"""
PERSON_HEADER = "person_id,household_id,age,track,current_location_id,housing_gemeente_code"
PERSONS = f"""{PERSON_HEADER},family_group,moves,permit_date
P01,H01,34,aanmelding,,,,0,
P02,H01,6,aanmelding,,,,0,
P03,H02,29,aanmelding,,,,0,
P04,H03,41,aanmelding,,,,0,
P05,H03,40,aanmelding,,,,0,
P06,H03,12,aanmelding,,,,0,
P07,H04,25,regulier,TA,,,0,
P08,H05,38,regulier,OLD,GM0014,,1,
P09,H05,9,regulier,OLD,GM0014,,1,
P10,H06,52,regulier,OLD,,,0,
P11,H07,30,regulier,UT,,,0,
P12,H07,3,regulier,UT,,,0,
P13,H08,44,vergunninghouder,UT,,,0,2026-06-01
P14,H09,27,vergunninghouder,GR,,,0,2026-08-15
P15,H09,27,vergunninghouder,GR,,,0,2026-08-15
P16,H10,61,regulier,GR,GM0344,,0,
P17,H11,19,regulier,AM,,,0,
"""
SCENARIO = "planning_date = 2026-11-23\n"
SIMULATION = """[inflow]
persons_per_week = 2
"""
TAAKSTELLING = """gemeente_code,quota
GM0344,2
GM0014,1
GM0363,2
"""


def write_scenario(folder: Path) -> Path:
    """Write the scenario into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "locations.csv": LOCATIONS, "persons.csv": PERSONS, "scenario.toml": SCENARIO,
        "simulation.toml": SIMULATION, "taakstelling.csv": TAAKSTELLING,
    }  # fmt: skip
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
