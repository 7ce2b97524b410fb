"""Write the corpus of malformed scenario folders and the messages each must produce.

Run from the repository root: ``python tests/data/bad/make_corpus.py``.

Every case is the valid base scenario below with one thing broken. The
folder ``tests/data/bad/<case>/`` holds its files and ``expected.txt``: the
exact problem lines ``placement validate`` prints for it (file, line,
column, message), one per line. Each case also names a fragment its
messages must contain, so a regenerated corpus cannot silently drift to a
different problem. Review the diff of ``expected.txt`` files after running.

A line of many megabytes is not stored here: ``tests/test_bad_corpus.py``
makes it.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent

LOCATIONS = """\
location_id,name,gemeente_code,type,capacity,lat,lon,has_medical,child_suitable,max_children,open_from,open_until,cost_per_night
L1,Ter Apel,GM0037,aanmeld,20,,,ja,,,2020-01-01,,45.5
L2,Budel,GM1706,regulier,50,51.27,5.57,true,true,10,,2027-12-31,12.5
L3,Sneek,GM1900,regulier,8,,,,nee,,,,
"""
PERSONS = """\
person_id,household_id,age,medical_need,track,current_location_id,housing_gemeente_code,family_group,moves
P1,H1,34,,aanmelding,L1,,,0
P2,H1,5,nee,aanmelding,L1,,,
P3,H2,40,1,regulier,,GM0363,F1,2
P4,H3,28,,regulier,L2,,F1,
P5,H3,2,,regulier,L2,,F1,
"""
OVERRIDES = """\
household_id,location_id,action,reason
H2,L2,pin,close to the hospital
"""
TOML = 'planning_date = 2026-11-23\nlandscape = "2024"\nmode = "weekly"\n'
BASE: dict[str, str | bytes] = {
    "locations.csv": LOCATIONS,
    "persons.csv": PERSONS,
    "overrides.csv": OVERRIDES,
    "scenario.toml": TOML,
}

Files = dict[str, str | bytes | None]


def sub(name: str, old: str, new: str, count: int = 1) -> Files:
    """The base file ``name`` with ``old`` replaced by ``new`` (which must occur)."""
    text = BASE[name]
    assert isinstance(text, str) and old in text, (name, old)
    return {name: text.replace(old, new, count)}


def drop_column(name: str, column: str) -> Files:
    """The base file ``name`` without ``column``."""
    text = BASE[name]
    assert isinstance(text, str)
    rows = [line.split(",") for line in text.splitlines()]
    i = rows[0].index(column)
    return {name: "\n".join(",".join(r[:i] + r[i + 1 :]) for r in rows) + "\n"}


#: case name -> (files that replace base files (None: remove), fragment expected).
CASES: dict[str, tuple[Files, str]] = {
    # separators, encodings, whole files
    "semicolon_header_comma_rows": (sub("locations.csv", LOCATIONS.splitlines()[0],
                                        LOCATIONS.splitlines()[0].replace(",", ";")),
                                    "capacity is empty"),
    "tab_separated_locations": ({"locations.csv": LOCATIONS.replace(",", "\t")},
                                "required column 'name' is missing"),
    "pipe_separated_persons": ({"persons.csv": PERSONS.replace(",", "|")},
                               "required column 'household_id' is missing"),
    "empty_locations_file": ({"locations.csv": ""}, "the file is empty"),
    "empty_persons_file": ({"persons.csv": ""}, "the file is empty"),
    "blank_lines_only": ({"persons.csv": "\n\n  \n"}, "the file is empty"),
    "binary_persons_file": ({"persons.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
                             + bytes(range(256))}, "neither UTF-8 nor cp1252"),
    "missing_locations_file": ({"locations.csv": None}, "required file locations.csv"),
    "persons_file_wrong_case": ({"persons.csv": None, "Persons.csv": PERSONS},
                                "file names are case-sensitive"),
    "unclosed_quote": (sub("locations.csv", "L3,Sneek", 'L3,"Sneek'), "cannot be read as CSV"),
    "extra_fields_in_row": (sub("persons.csv", "P3,H2,40,1,regulier,,GM0363,F1,2",
                                "P3,H2,40,1,regulier,,GM0363,F1,2,extra,more"), "this row has 11"),
    # header
    "missing_column_capacity": (drop_column("locations.csv", "capacity"),
                                "required column 'capacity' is missing"),
    "missing_column_person_id": (drop_column("persons.csv", "person_id"),
                                 "required column 'person_id' is missing"),
    "misspelled_column_capacity": (sub("locations.csv", ",capacity,", ",capacty,"),
                                   "is that it?"),
    "duplicate_header": (sub("persons.csv", ",moves\n", ",age\n"), "occurs twice"),
    # ids
    "duplicate_location_id": (sub("locations.csv", "L3,Sneek", "L2,Sneek"), "is used again"),
    "duplicate_person_id": (sub("persons.csv", "P4,H3", "P1,H3"), "is used again"),
    "empty_location_id": (sub("locations.csv", "L3,Sneek", ",Sneek"), "location_id is empty"),
    "empty_household_id": (sub("persons.csv", "P3,H2", "P3,"), "household_id is empty"),
    # numbers
    "text_in_capacity": (sub("locations.csv", "regulier,8,", "regulier,acht,"),
                         "capacity must be"),
    "negative_capacity": (sub("locations.csv", "regulier,8,", "regulier,-8,"),
                          "capacity must be"),
    "decimal_capacity": (sub("locations.csv", "regulier,8,", "regulier,8.5,"),
                         "capacity must be"),
    "thousands_in_capacity": (sub("locations.csv", "aanmeld,20,", 'aanmeld,"2.000",'),
                              "capacity must be"),
    "text_in_age": (sub("persons.csv", "P3,H2,40", "P3,H2,veertig"), "age must be"),
    "age_over_120": (sub("persons.csv", "P3,H2,40", "P3,H2,121"), "age"),
    "negative_age": (sub("persons.csv", "P3,H2,40", "P3,H2,-1"), "age must be"),
    "negative_moves": (sub("persons.csv", "GM0363,F1,2", "GM0363,F1,-2"), "moves must be"),
    "text_in_max_children": (sub("locations.csv", "true,10,", "true,tien,"),
                             "max_children must be"),
    "negative_cost": (sub("locations.csv", ",12.5\n", ",-12.5\n"), "cost_per_night"),
    "lat_out_of_range": (sub("locations.csv", "51.27,5.57", "95.1,5.57"), "lat"),
    "lat_without_lon": (sub("locations.csv", "51.27,5.57", "51.27,"), "lon"),
    # booleans and dates
    "bad_boolean": (sub("locations.csv", ",ja,", ",misschien,"), "has_medical must be"),
    "bad_date": (sub("locations.csv", "2020-01-01", "2020/01/01"), "open_from must be"),
    "impossible_date": (sub("locations.csv", "2027-12-31", "31-02-2027"), "open_until"),
    "open_from_after_open_until": (sub("locations.csv", ",,2027-12-31,", ",2028-01-01,2027-12-31,"),
                                   "open_from"),
    # codes
    "unknown_gemeente": (sub("locations.csv", "GM1900", "GM9999"), "not in the gemeente table"),
    "unknown_housing_gemeente": (sub("persons.csv", "GM0363", "GM0000"),
                                 "housing_gemeente_code 'GM0000'"),
    "unknown_type": (sub("locations.csv", "GM1900,regulier", "GM1900,azc"),
                     "type 'azc' is not a location type"),
    "unknown_track": (sub("persons.csv", "P3,H2,40,1,regulier", "P3,H2,40,1,asiel"),
                      "track 'asiel' is not a track"),
    "unknown_current_location": (sub("persons.csv", "regulier,L2,,F1,", "regulier,L9,,F1,", 2),
                                 "current_location_id 'L9'"),
    # households
    "household_track_disagrees": (sub("persons.csv", "P5,H3,2,,regulier", "P5,H3,2,,versneld"),
                                  "every member of a household must have the same track"),
    "household_location_disagrees": (sub("persons.csv", "P5,H3,2,,regulier,L2",
                                         "P5,H3,2,,regulier,L3"), "current_location_id"),
    "household_housing_disagrees": (sub("persons.csv", "P2,H1,5,nee,aanmelding,L1,,",
                                        "P2,H1,5,nee,aanmelding,L1,GM0363,"),
                                    "housing_gemeente_code"),
    "household_family_group_disagrees": (sub("persons.csv", "P5,H3,2,,regulier,L2,,F1",
                                             "P5,H3,2,,regulier,L2,,F2"), "family_group"),
    # overrides
    "override_unknown_household": (sub("overrides.csv", "H2,L2", "H9,L2"),
                                   "household_id 'H9' is not a household"),
    "override_unknown_location": (sub("overrides.csv", "H2,L2", "H2,L7"),
                                  "location_id 'L7' is not in locations.csv"),
    "override_bad_action": (sub("overrides.csv", ",pin,", ",move,"), "action"),
    "override_empty_reason": (sub("overrides.csv", ",close to the hospital", ","), "reason"),
    "override_pin_and_forbid": ({"overrides.csv": OVERRIDES + "H2,L2,forbid,not there\n"},
                                "both pinned to and forbidden"),
    "override_pinned_twice": ({"overrides.csv": OVERRIDES + "H2,L3,pin,other\n"},
                              "already pinned"),
    "override_impossible_pin": ({"overrides.csv": OVERRIDES + "H1,L3,pin,near family\n"},
                                "cannot pin household H1 to L3"),
    "override_pins_overfill": (
        {"overrides.csv": OVERRIDES + "H3,L3,pin,a\n",
         "locations.csv": LOCATIONS.replace("regulier,8,,,,nee", "regulier,1,,,,ja")},
        "more than its 1 bed;"),
    # scenario.toml
    "toml_syntax_error": ({"scenario.toml": 'planning_date = 2026-11-23\nmode = "weekly\n'},
                          "scenario.toml"),
    "toml_unknown_mode": (sub("scenario.toml", '"weekly"', '"daily"'), "mode"),
    "toml_negative_weight": ({"scenario.toml": TOML + "[weights]\nmove = -5\n"}, "move"),
    "toml_unknown_landscape": (sub("scenario.toml", '"2024"', '"1999"'), "1999"),
    # gemeenten.csv
    "gemeenten_bad_lat": ({"gemeenten.csv": "gemeente_code,name,province,lat,lon\n"
                           "GM0363,Amsterdam,Noord-Holland,noord,4.9\n"}, "lat"),
}  # fmt: skip


def messages(folder: Path) -> list[str]:
    """The problem lines ``placement validate`` prints for ``folder`` (none when valid)."""
    sys.path.insert(0, str(REPO))
    from placement.errors import PlacementInputError
    from placement.input.read import read_scenario
    from placement.model.prepare import prepare

    try:
        prepare(read_scenario(folder))
    except PlacementInputError as exc:
        return [str(p) for p in exc.problems]
    return []


def write_case(folder: Path, files: Files) -> None:
    """Write the base scenario with ``files`` applied into ``folder``."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    contents: Files = {**BASE, **files}
    for name, content in contents.items():
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        elif content is not None:
            (folder / name).write_text(content, encoding="utf-8", newline="")


def main() -> None:
    """Write every case and its expected.txt; fail when a case misses its point."""
    base = HERE / "_base"
    write_case(base, {})
    assert messages(base) == [], messages(base)
    shutil.rmtree(base)
    wrong = []
    for name, (files, fragment) in CASES.items():
        folder = HERE / name
        write_case(folder, files)
        found = messages(folder)
        if not found or not any(fragment in m for m in found):
            wrong.append(f"{name}: {found}")
        (folder / "expected.txt").write_text("".join(f"{m}\n" for m in found), encoding="utf-8")
    if wrong:
        raise SystemExit("cases that do not produce their problem:\n" + "\n".join(wrong))
    print(f"wrote {len(CASES)} cases in {HERE}")


if __name__ == "__main__":
    main()
