"""Reading a scenario folder: parsing rules, one test per validation rule, frames."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from placement.errors import InputProblem, PlacementInputError
from placement.input.dialect import read_table
from placement.input.read import read_scenario
from placement.resources import reference_file

LOC_HEADER = (
    "location_id,name,gemeente_code,type,capacity,lat,lon,has_medical,child_suitable,"
    "max_children,open_from,open_until,cost_per_night"
)
LOCATIONS = f"""{LOC_HEADER}
L1,Ter Apel,GM0037,aanmeld,2000,,,ja,,,2020-01-01,,45.5
L2,Budel,GM1706,regulier,500,51.27,5.57,false,true,10,,2027-12-31,12.5
L3,Sneek,GM1900,regulier,80,,,,nee,,,,
"""
PER_HEADER = (
    "person_id,household_id,age,medical_need,track,current_location_id,"
    "housing_gemeente_code,family_group,moves"
)
PERSONS = f"""{PER_HEADER}
P1,H1,34,,aanmelding,L1,,,0
P2,H1,5,nee,aanmelding,L1,,,
P3,H2,40,1,regulier,,GM0363,F1,2
"""
OVR_HEADER = "household_id,location_id,action,reason"
TOML = 'planning_date = 2026-11-23\nlandscape = "2024"\n'


def write(folder: Path, **files: str | bytes | None) -> Path:
    """Write a scenario: the valid defaults, with ``files`` replacing or adding files."""
    folder.mkdir(exist_ok=True)
    contents: dict[str, str | bytes | None] = {
        "locations": LOCATIONS,
        "persons": PERSONS,
        "scenario": TOML,
    }
    contents.update(files)
    for stem, text in contents.items():
        name = f"{stem}.toml" if stem == "scenario" else f"{stem}.csv"
        if isinstance(text, bytes):
            (folder / name).write_bytes(text)
        elif text is not None:
            (folder / name).write_text(text, encoding="utf-8", newline="")
    return folder


def problems(folder: Path, **options: object) -> list[InputProblem]:
    """The problems reading ``folder`` raises (failing the test when it reads fine)."""
    with pytest.raises(PlacementInputError) as info:
        read_scenario(folder, **options)  # type: ignore[arg-type]
    return info.value.problems


def where(folder: Path, **options: object) -> list[tuple[str, int | None, str | None]]:
    """File, line and column of each problem."""
    return [(p.file, p.line, p.column) for p in problems(folder, **options)]


def one(folder: Path, **options: object) -> InputProblem:
    """The single problem reading ``folder`` raises."""
    found = problems(folder, **options)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- frames


def test_reads_documented_frames(tmp_path: Path) -> None:
    """A valid folder gives the frames placement/input/scenario.py documents, in input order."""
    s = read_scenario(write(tmp_path / "s"))
    loc, per = s.locations, s.persons
    assert list(loc.columns) == LOC_HEADER.split(",") + ["flex_capacity", "line"]
    assert list(per.columns) == PER_HEADER.split(",") + ["permit_date", "line"]
    assert loc["flex_capacity"].tolist() == [0, 0, 0]  # absent: the default
    assert per["permit_date"].isna().all()
    assert loc["location_id"].tolist() == ["L1", "L2", "L3"]
    assert loc["line"].tolist() == [2, 3, 4] and per["line"].tolist() == [2, 3, 4]
    assert loc["capacity"].dtype == np.int64 and per["age"].dtype == np.int64
    assert loc["max_children"].dtype == "Int64" and loc["max_children"].isna().tolist() == [
        True,
        False,
        True,
    ]
    assert loc["open_from"].dtype == "datetime64[ns]" and pd.isna(loc["open_until"].iloc[0])
    assert loc["has_medical"].tolist() == [True, False, False]
    assert loc["child_suitable"].tolist() == [True, True, False]
    assert loc["cost_per_night"].tolist() == [45.5, 12.5, 0.0]
    assert per["medical_need"].tolist() == [False, False, True]
    assert per["moves"].tolist() == [0, 0, 2]
    assert per["current_location_id"].tolist() == ["L1", "L1", ""]
    assert pd.api.types.is_string_dtype(per["family_group"]) and per["family_group"].iloc[0] == ""
    assert s.overrides.empty and list(s.overrides.columns) == OVR_HEADER.split(",") + ["line"]
    assert s.settings.planning_date == dt.date(2026, 11, 23) and s.warnings == ()


def test_empty_point_is_filled_from_the_gemeente(tmp_path: Path) -> None:
    """A location without lat/lon gets its gemeente's reference point; a given point stays."""
    loc = read_scenario(write(tmp_path / "s")).locations
    assert (loc["lat"].iloc[0], loc["lon"].iloc[0]) == (53.0025, 7.0094)  # GM0037
    assert (loc["lat"].iloc[1], loc["lon"].iloc[1]) == (51.27, 5.57)


def test_builtin_gemeente_table_is_read(tmp_path: Path) -> None:
    """The built-in table is complete and keeps its population."""
    g = read_scenario(write(tmp_path / "s")).gemeenten
    assert (
        len(g) == len(reference_file("gemeenten.csv").read_text(encoding="utf-8").splitlines()) - 1
    )
    assert list(g.columns) == ["gemeente_code", "name", "province", "lat", "lon", "population"]
    assert g.set_index("gemeente_code").loc["GM1900", "name"] == "Súdwest-Fryslân"


def test_scenario_gemeenten_replace_and_add_rows(tmp_path: Path) -> None:
    """Scenario gemeenten replace built-in rows by code and add new codes, usable by locations."""
    gemeenten = "gemeente_code,name,province,lat,lon\nGM0037,Stadskanaal,Groningen,53,7\n"
    gemeenten += "GM9001,Nieuwland,Flevoland,52.5,5.5\n"
    locations = LOCATIONS + "L4,Nieuw,GM9001,regulier,10,,,,,,,,\n"
    s = read_scenario(write(tmp_path / "s", gemeenten=gemeenten, locations=locations))
    g = s.gemeenten.set_index("gemeente_code")
    assert (g.loc["GM0037", "lat"], g.loc["GM0037", "population"]) == (53.0, 32013)
    assert s.gemeenten["gemeente_code"].iloc[-1] == "GM9001"
    assert s.locations[["lat", "lon"]].iloc[0].tolist() == [53.0, 7.0]
    assert s.locations[["lat", "lon"]].iloc[3].tolist() == [52.5, 5.5]


def test_na_none_null_are_kept_as_ids(tmp_path: Path) -> None:
    """NA, None and null are ordinary text, never missing values."""
    persons = f"{PER_HEADER}\nNA,None,30,,regulier,,,null,\nnull,NaN,30,,regulier,,,N/A,\n"
    per = read_scenario(write(tmp_path / "s", persons=persons)).persons
    assert per["person_id"].tolist() == ["NA", "null"]
    assert per["household_id"].tolist() == ["None", "NaN"]
    assert per["family_group"].tolist() == ["null", "N/A"]
    assert not per.drop(columns="permit_date").isna().any().any()  # an absent date stays NaT


def test_ids_keep_leading_zeros_and_case_and_are_trimmed(tmp_path: Path) -> None:
    """Ids are trimmed text: leading zeros and case are kept."""
    persons = f"{PER_HEADER}\n 007 ,h1,30,,regulier,,,,\n007a,H1,30,,regulier,,,,\n"
    per = read_scenario(write(tmp_path / "s", persons=persons)).persons
    assert per["person_id"].tolist() == ["007", "007a"]
    assert per["household_id"].tolist() == ["h1", "H1"]


def test_excel_dialect_gives_the_same_frames(tmp_path: Path) -> None:
    """Semicolons, decimal comma, cp1252, BOM, CRLF, dd-mm-yyyy and waar/onwaar read as plain."""
    plain_loc = LOC_HEADER + "\nL1,Súdwest-Fryslân,GM1900,regulier,80,53.02,5.54,true,false,3,"
    plain_loc += "2026-01-01,2027-12-31,42.5\n"
    excel_loc = LOC_HEADER.replace(",", ";") + "\r\nL1;Súdwest-Fryslân;GM1900;regulier;80;53,02;"
    excel_loc += "5,54;WAAR;onwaar;3;01-01-2026;31-12-2027;42,5\r\n"
    plain_per = f"{PER_HEADER}\nP1,H1,3,yes,regulier,L1,GM1900,,1\n"
    excel_per = PER_HEADER.replace(",", ";") + "\r\nP1;H1;3;Ja;regulier;L1;GM1900;;1\r\n"
    plain = read_scenario(write(tmp_path / "a", locations=plain_loc, persons=plain_per))
    excel = read_scenario(
        write(
            tmp_path / "b",
            locations=excel_loc.encode("cp1252"),
            persons="\ufeff".encode() + excel_per.encode("utf-8"),
        )
    )
    pd.testing.assert_frame_equal(plain.locations, excel.locations)
    pd.testing.assert_frame_equal(plain.persons, excel.persons)
    assert excel.locations["name"].iloc[0] == "Súdwest-Fryslân"


def test_separator_is_the_more_frequent_in_the_header(tmp_path: Path) -> None:
    """A `;` header whose cells hold commas is split on `;` only."""
    path = tmp_path / "t.csv"
    path.write_text("a;b;c\n1,5;x,y;3\n", encoding="utf-8")
    assert read_table(path).cells.iloc[0].tolist() == ["1,5", "x,y", "3"]


def test_quoted_multiline_field_keeps_physical_line_numbers(tmp_path: Path) -> None:
    """A record after a quoted field with line breaks is numbered by its physical start line."""
    locations = (
        f'{LOC_HEADER}\nL1,"Ter\nApel\nzuid",GM0037,aanmeld,20,,,,,,,,\nL2,B,GM0037,x,1,,,,,,,,\n'
    )
    found = one(write(tmp_path / "s", locations=locations))
    assert (found.file, found.line, found.column) == ("locations.csv", 5, "type")
    table = read_table(tmp_path / "s" / "locations.csv")
    assert table.lines.tolist() == [2, 5]
    assert table.cells["name"].iloc[0] == "Ter\nApel\nzuid"


def test_blank_rows_are_skipped_and_lines_kept(tmp_path: Path) -> None:
    """Empty lines and rows of empty fields are skipped; later rows keep their own line."""
    persons = f"{PER_HEADER}\nP1,H1,30,,regulier,,,,\n\n,,,,,,,,\n  ; \nP2,H2,30,,regulier,,,,\n"
    per = read_scenario(write(tmp_path / "s", persons=persons.replace("  ; ", " , "))).persons
    assert per["line"].tolist() == [2, 6]


def test_header_only_file_holds_no_rows(tmp_path: Path) -> None:
    """A file with only a header is valid and holds no rows."""
    s = read_scenario(write(tmp_path / "s", persons=PER_HEADER + "\n", overrides=OVR_HEADER))
    assert s.persons.empty and s.overrides.empty
    assert s.persons["age"].dtype == np.int64


def test_unknown_column_is_a_warning_with_a_suggestion(tmp_path: Path) -> None:
    """A column the contract does not know is named in a warning, with the closest known name."""
    persons = PER_HEADER + ",nationalty\nP1,H1,30,,regulier,,,,,x\n"
    s = read_scenario(write(tmp_path / "s", persons=persons))
    assert len(s.warnings) == 1
    assert "persons.csv" in s.warnings[0] and "'nationalty'" in s.warnings[0]
    locations = LOC_HEADER.replace("has_medical", "has_medicall") + "\nL1,A,GM0037,aanmeld,1"
    s = read_scenario(write(tmp_path / "t", locations=locations, persons=PER_HEADER))
    assert "did you mean 'has_medical'?" in s.warnings[0]


# --------------------------------------------------------------------------- file level


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    """A file without even a header is an error about the whole file."""
    found = one(write(tmp_path / "s", persons=""))
    assert (found.file, found.line, found.column) == ("persons.csv", None, None)
    assert "header" in found.message


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    """A file of blank lines and spaces counts as empty."""
    found = one(write(tmp_path / "s", persons="  \r\n\n"))
    assert (found.file, found.line, found.column) == ("persons.csv", None, None)


def test_unclosed_quote_names_the_record_it_opens(tmp_path: Path) -> None:
    """A quote that is never closed is an error on the line of its record, not silent data loss."""
    persons = (
        f'{PER_HEADER}\nP1,H1,30,,regulier,,,,\nP2,"H2,30,,regulier,,,,\nP3,H3,30,,regulier,,,,\n'
    )
    found = one(write(tmp_path / "s", persons=persons))
    assert (found.file, found.line, found.column) == ("persons.csv", 3, None)
    assert "quote" in found.message


def test_missing_required_file_is_an_error(tmp_path: Path) -> None:
    """A folder without locations.csv names the missing file."""
    folder = write(tmp_path / "s")
    (folder / "locations.csv").rename(folder / "Locations.csv")
    found = one(folder)
    assert (found.file, found.line, found.column) == ("locations.csv", None, None)
    assert "Locations.csv" in found.message


def test_missing_required_column_gives_one_problem_per_column(tmp_path: Path) -> None:
    """Each missing required column is one problem on line 1, and its cells are not reported."""
    persons = "person_id,household_id,medical_need\nP1,H1,\nP2,H2,ja\n"
    assert where(write(tmp_path / "s", persons=persons)) == [
        ("persons.csv", 1, "age"),
        ("persons.csv", 1, "track"),
    ]


def test_missing_key_column_does_not_cascade(tmp_path: Path) -> None:
    """Without a location_id column, persons and overrides are not checked against it."""
    locations = LOC_HEADER.replace("location_id,", "") + "\nTer Apel,GM0037,aanmeld,2000,,,,,,,,\n"
    folder = write(tmp_path / "s", locations=locations, overrides=f"{OVR_HEADER}\nH1,L1,pin,x\n")
    assert where(folder) == [("locations.csv", 1, "location_id")]


def test_duplicated_header_is_an_error(tmp_path: Path) -> None:
    """A column name that occurs twice in the header is an error on line 1."""
    found = one(write(tmp_path / "s", persons=PER_HEADER + ",age\n"))
    assert (found.file, found.line, found.column) == ("persons.csv", 1, "age")


def test_row_with_more_fields_than_header_names_its_line(tmp_path: Path) -> None:
    """A row with an extra non-empty field is an error naming its line."""
    persons = f"{PER_HEADER}\nP1,H1,30,,regulier,,,,\nP2,H2,30,,regulier,,,,,oops\n"
    found = one(write(tmp_path / "s", persons=persons))
    assert (found.file, found.line, found.column) == ("persons.csv", 3, None)


def test_trailing_empty_fields_are_accepted(tmp_path: Path) -> None:
    """Empty fields after the last column (a trailing separator) lose nothing and pass."""
    persons = f"{PER_HEADER}\nP1,H1,30,,regulier,,,,,,\nP2,H2,30,,regulier\n"
    assert len(read_scenario(write(tmp_path / "s", persons=persons)).persons) == 2


def test_cp1252_file_is_decoded(tmp_path: Path) -> None:
    """A file that is not UTF-8 is read as cp1252."""
    path = tmp_path / "g.csv"
    path.write_bytes("code,name\nGM1900,Súdwest-Fryslân\n".encode("cp1252"))
    assert read_table(path).cells["name"].iloc[0] == "Súdwest-Fryslân"


def test_problems_of_all_files_come_in_one_report(tmp_path: Path) -> None:
    """Problems in several files, scenario.toml included, are raised together."""
    folder = write(
        tmp_path / "s",
        locations=LOCATIONS + "L4,X,GM0037,regulier,-1,,,,,,,,\n",
        persons=PERSONS + "P4,H4,200,,regulier,,,,\n",
        overrides=OVR_HEADER + "\nH1,L1,pin,\n",
        scenario='mode = "daily"\n',
    )
    assert where(folder) == [
        ("locations.csv", 5, "capacity"),
        ("overrides.csv", 2, "reason"),
        ("persons.csv", 5, "age"),
        ("scenario.toml", None, None),
    ]


# --------------------------------------------------------------------------- cells


@pytest.mark.parametrize("cell", ["12.5", "-1", "+3", "1.000", "1 000", "1e3", "tien", "١٢"])
def test_capacity_must_be_plain_digits(tmp_path: Path, cell: str) -> None:
    """Capacity is digits only: no decimals, sign, grouping or exponent."""
    locations = LOCATIONS + f'L4,X,GM0037,regulier,"{cell}",,,,,,,,\n'
    found = one(write(tmp_path / "s", locations=locations))
    assert (found.file, found.line, found.column) == ("locations.csv", 5, "capacity")
    assert f"got '{cell}'" in found.message and "without decimals" in found.message


def test_required_cell_empty_is_an_error(tmp_path: Path) -> None:
    """An empty required cell (capacity, location_id) says it is empty."""
    locations = LOCATIONS + ",X,GM0037,regulier,,,,,,,,,\n"
    assert where(write(tmp_path / "s", locations=locations)) == [
        ("locations.csv", 5, "capacity"),
        ("locations.csv", 5, "location_id"),
    ]
    assert "is empty" in problems(tmp_path / "s")[0].message


@pytest.mark.parametrize("age", ["121", "-1", "30.5"])
def test_age_must_be_0_to_120(tmp_path: Path, age: str) -> None:
    """Age is a whole number from 0 to 120."""
    found = one(write(tmp_path / "s", persons=PERSONS + f"P4,H4,{age},,regulier,,,,\n"))
    assert (found.line, found.column) == (5, "age")


def test_moves_must_not_be_negative(tmp_path: Path) -> None:
    """moves is a whole number >= 0."""
    found = one(write(tmp_path / "s", persons=PERSONS + "P4,H4,30,,regulier,,,,-1\n"))
    assert (found.line, found.column) == (5, "moves")


def test_max_children_must_be_a_whole_number(tmp_path: Path) -> None:
    """max_children is empty (no limit) or a whole number >= 0."""
    locations = LOCATIONS + "L4,X,GM0037,regulier,1,,,,,2.5,,,\n"
    found = one(write(tmp_path / "s", locations=locations))
    assert (found.line, found.column) == (5, "max_children")


def test_decimal_takes_comma_or_point(tmp_path: Path) -> None:
    """'12,5' and '12.5' are 12.5."""
    locations = (
        f'{LOC_HEADER}\nL1,A,GM0037,aanmeld,1,,,,,,,,"12,5"\nL2,B,GM0037,aanmeld,1,,,,,,,,12.5\n'
    )
    loc = read_scenario(write(tmp_path / "s", locations=locations)).locations
    assert loc["cost_per_night"].tolist() == [12.5, 12.5]


@pytest.mark.parametrize("cell", ["1.234,5", "1,234.5", "12,5,0", "€12", "1e2"])
def test_decimal_with_grouping_is_an_error(tmp_path: Path, cell: str) -> None:
    """Thousands grouping, currency signs and exponents are not numbers."""
    locations = LOCATIONS + f'L4,X,GM0037,regulier,1,,,,,,,,"{cell}"\n'
    found = one(write(tmp_path / "s", locations=locations))
    assert (found.line, found.column) == (5, "cost_per_night")


def test_cost_per_night_must_not_be_negative(tmp_path: Path) -> None:
    """cost_per_night is a number >= 0."""
    locations = LOCATIONS + "L4,X,GM0037,regulier,1,,,,,,,,-4\n"
    found = one(write(tmp_path / "s", locations=locations))
    assert (found.line, found.column) == (5, "cost_per_night")
    assert ">= 0" in found.message


@pytest.mark.parametrize(
    ("cell", "value"),
    [("true", True), ("FALSE", False), ("1", True), ("0", False), ("Ja", True), ("nee", False)]
    + [("YES", True), ("no", False), ("Waar", True), ("ONWAAR", False), (" ja ", True)],
)
def test_boolean_words_in_any_case(tmp_path: Path, cell: str, value: bool) -> None:
    """Booleans take true/false, 1/0, ja/nee, yes/no, waar/onwaar in any case, trimmed."""
    persons = f"{PER_HEADER}\nP1,H1,30,{cell},regulier,,,,\n"
    assert (
        read_scenario(write(tmp_path / "s", persons=persons)).persons["medical_need"].iloc[0]
        == value
    )


def test_bad_boolean_is_an_error(tmp_path: Path) -> None:
    """A boolean cell with another word is an error naming the accepted words."""
    found = one(write(tmp_path / "s", persons=PERSONS + "P4,H4,30,misschien,regulier,,,,\n"))
    assert (found.line, found.column) == (5, "medical_need")
    assert "waar/onwaar" in found.message


def test_dates_iso_and_dutch(tmp_path: Path) -> None:
    """Dates are yyyy-mm-dd or dd-mm-yyyy."""
    locations = f"{LOC_HEADER}\nL1,A,GM0037,aanmeld,1,,,,,,2026-02-01,01-03-2026,\n"
    loc = read_scenario(write(tmp_path / "s", locations=locations)).locations
    assert loc["open_from"].iloc[0] == pd.Timestamp("2026-02-01")
    assert loc["open_until"].iloc[0] == pd.Timestamp("2026-03-01")


@pytest.mark.parametrize(
    "cell", ["31-02-2026", "2026/01/01", "01-13-2026", "morgen", "31-12-9999", "2026-1-5"]
)
def test_bad_date_is_an_error(tmp_path: Path, cell: str) -> None:
    """A date in another format or that does not exist is an error."""
    locations = LOCATIONS + f"L4,X,GM0037,regulier,1,,,,,,{cell},,\n"
    found = one(write(tmp_path / "s", locations=locations))
    assert (found.line, found.column) == (5, "open_from")


def test_open_from_after_open_until_is_an_error(tmp_path: Path) -> None:
    """open_from after open_until is an error; the same day is fine."""
    locations = LOCATIONS + "L4,X,GM0037,regulier,1,,,,,,02-01-2026,2026-01-01,\n"
    locations += "L5,X,GM0037,regulier,1,,,,,,2026-01-01,2026-01-01,\n"
    found = one(write(tmp_path / "s", locations=locations))
    assert (found.line, found.column) == (5, "open_until")


@pytest.mark.parametrize(("lat", "lon", "column"), [("52.1", "", "lon"), ("", "5.1", "lat")])
def test_lat_and_lon_both_or_neither(tmp_path: Path, lat: str, lon: str, column: str) -> None:
    """Only one of lat and lon is an error on the empty one."""
    locations = LOCATIONS + f"L4,X,GM0037,regulier,1,{lat},{lon},,,,,,\n"
    found = one(write(tmp_path / "s", locations=locations))
    assert (found.line, found.column) == (5, column)


@pytest.mark.parametrize(("lat", "lon", "column"), [("90.5", "5", "lat"), ("52", "-180,1", "lon")])
def test_lat_lon_out_of_range(tmp_path: Path, lat: str, lon: str, column: str) -> None:
    """lat is in -90..90 and lon in -180..180."""
    locations = LOCATIONS + f'L4,X,GM0037,regulier,1,"{lat}","{lon}",,,,,,\n'
    found = one(write(tmp_path / "s", locations=locations))
    assert (found.line, found.column) == (5, column)


def test_negative_lat_lon_are_allowed(tmp_path: Path) -> None:
    """lat and lon may have a sign."""
    locations = f'{LOC_HEADER}\nL1,A,GM0037,aanmeld,1,-33.9,"-18,4",,,,,,\n'
    loc = read_scenario(write(tmp_path / "s", locations=locations)).locations
    assert loc[["lat", "lon"]].iloc[0].tolist() == [-33.9, -18.4]


@pytest.mark.parametrize("code", ["GM37", "gm0037", "0037", "GM00370"])
def test_gemeente_code_must_be_gm_and_4_digits(tmp_path: Path, code: str) -> None:
    """A gemeente code is GM and 4 digits."""
    locations = LOCATIONS + f"L4,X,{code},regulier,1,,,,,,,,\n"
    found = one(write(tmp_path / "s", locations=locations))
    assert (found.line, found.column) == (5, "gemeente_code")
    assert "GM and 4 digits" in found.message


def test_housing_gemeente_code_must_be_gm_and_4_digits(tmp_path: Path) -> None:
    """A housing gemeente code, when given, is GM and 4 digits."""
    found = one(write(tmp_path / "s", persons=PERSONS + "P4,H4,30,,regulier,,363,,\n"))
    assert (found.line, found.column) == (5, "housing_gemeente_code")


# --------------------------------------------------------------------------- across tables


def test_duplicate_location_id_names_every_later_line(tmp_path: Path) -> None:
    """Every repeat of a location_id is named, with the first line in the message."""
    locations = LOCATIONS + "L2,X,GM0037,regulier,1,,,,,,,,\nL2,Y,GM0037,regulier,1,,,,,,,,\n"
    found = problems(write(tmp_path / "s", locations=locations))
    assert [(p.file, p.line, p.column) for p in found] == [
        ("locations.csv", 5, "location_id"),
        ("locations.csv", 6, "location_id"),
    ]
    assert all("first on line 3" in p.message for p in found)


def test_duplicate_person_id_names_every_later_line(tmp_path: Path) -> None:
    """Every repeat of a person_id is named, with the first line in the message."""
    persons = PERSONS + "P1,H5,30,,regulier,,,,\nP3,H6,30,,regulier,,,,\nP1,H7,30,,regulier,,,,\n"
    found = problems(write(tmp_path / "s", persons=persons))
    assert [(p.line, p.column) for p in found] == [
        (5, "person_id"),
        (6, "person_id"),
        (7, "person_id"),
    ]
    assert ["first on line 2" in p.message for p in found] == [True, False, True]
    assert "first on line 4" in found[1].message


def test_unknown_gemeente_code_of_a_location(tmp_path: Path) -> None:
    """A location's gemeente_code must be in the (merged) gemeente table."""
    found = one(write(tmp_path / "s", locations=LOCATIONS + "L4,X,GM9999,regulier,1,,,,,,,,\n"))
    assert (found.file, found.line, found.column) == ("locations.csv", 5, "gemeente_code")
    assert "gemeenten.csv" in found.message


def test_unknown_housing_gemeente_code(tmp_path: Path) -> None:
    """A housing_gemeente_code must be in the (merged) gemeente table."""
    found = one(write(tmp_path / "s", persons=PERSONS + "P4,H4,30,,regulier,,GM9999,,\n"))
    assert (found.file, found.line, found.column) == ("persons.csv", 5, "housing_gemeente_code")


def test_location_type_not_in_landscape(tmp_path: Path) -> None:
    """A location type the landscape does not name is an error with a suggestion."""
    found = one(write(tmp_path / "s", locations=LOCATIONS + "L4,X,GM0037,reguliere,1,,,,,,,,\n"))
    assert (found.file, found.line, found.column) == ("locations.csv", 5, "type")
    assert "did you mean 'regulier'?" in found.message


def test_track_not_in_landscape(tmp_path: Path) -> None:
    """A track the landscape does not name is an error listing the tracks."""
    found = one(write(tmp_path / "s", persons=PERSONS + "P4,H4,30,,kansrijk,,,,\n"))
    assert (found.file, found.line, found.column) == ("persons.csv", 5, "track")
    assert "vergunninghouder" in found.message


def test_landscape_from_the_command_line_wins(tmp_path: Path) -> None:
    """--landscape 2020 overrides scenario.toml, so the 2024 types and tracks are unknown."""
    folder = write(tmp_path / "s")
    assert read_scenario(folder).settings.landscape.name == "2024"  # type: ignore[union-attr]
    assert ("locations.csv", 2, "type") in where(folder, landscape="2020")
    assert ("persons.csv", 4, "track") in where(folder, landscape="2020")


def test_command_line_options_win_over_scenario_toml(tmp_path: Path) -> None:
    """mode and planning_date given as options replace those of scenario.toml."""
    folder = write(tmp_path / "s", scenario='mode = "weekly"\nplanning_date = 2026-01-01\n')
    s = read_scenario(folder, mode="rebalance", planning_date=dt.date(2027, 2, 3))
    assert (s.settings.mode, s.settings.planning_date) == ("rebalance", dt.date(2027, 2, 3))
    assert read_scenario(folder).settings.mode == "weekly"


def test_bad_scenario_toml_is_reported(tmp_path: Path) -> None:
    """A scenario.toml problem comes from read_settings into the same report."""
    found = one(write(tmp_path / "s", scenario="[weights]\nunplaced = -1\n"))
    assert (found.file, found.line, found.column) == ("scenario.toml", None, None)


@pytest.mark.parametrize(
    "column", ["track", "current_location_id", "housing_gemeente_code", "family_group"]
)
def test_household_disagreement_names_every_later_member(tmp_path: Path, column: str) -> None:
    """Members after the first that differ on a household column are each named."""
    values = {"track": "regulier", "current_location_id": "L2"}
    values |= {"housing_gemeente_code": "GM0014", "family_group": "F9"}
    other = {**dict.fromkeys(values, ""), "track": "aanmelding", "current_location_id": "L1"}
    other[column] = values[column]
    row = "{pid},H1,30,,{track},{current_location_id},{housing_gemeente_code},{family_group},\n"
    persons = PERSONS + row.format(pid="P8", **other) + row.format(pid="P9", **other)
    found = problems(write(tmp_path / "s", persons=persons))
    assert [(p.line, p.column) for p in found] == [(5, column), (6, column)]
    assert all("on line 2" in p.message for p in found)


def test_unknown_current_location_id(tmp_path: Path) -> None:
    """A current_location_id that is not a location_id is an error."""
    found = one(write(tmp_path / "s", persons=PERSONS + "P4,H4,30,,regulier,L9,,,\n"))
    assert (found.file, found.line, found.column) == ("persons.csv", 5, "current_location_id")


# --------------------------------------------------------------------------- overrides


def test_overrides_are_read(tmp_path: Path) -> None:
    """Overrides keep their order and lines; action is read in any case."""
    overrides = f"{OVR_HEADER}\nH1,L2,Pin,family in Budel\nH2,L1,forbid,incident\n"
    ov = read_scenario(write(tmp_path / "s", overrides=overrides)).overrides
    assert ov["action"].tolist() == ["pin", "forbid"]
    assert ov["line"].tolist() == [2, 3]


def test_override_with_unknown_household(tmp_path: Path) -> None:
    """An override's household_id must be a household in persons.csv."""
    found = one(write(tmp_path / "s", overrides=f"{OVR_HEADER}\nP1,L1,pin,x\n"))
    assert (found.file, found.line, found.column) == ("overrides.csv", 2, "household_id")


def test_override_with_unknown_location(tmp_path: Path) -> None:
    """An override's location_id must be in locations.csv."""
    found = one(write(tmp_path / "s", overrides=f"{OVR_HEADER}\nH1,L9,pin,x\n"))
    assert (found.file, found.line, found.column) == ("overrides.csv", 2, "location_id")


def test_override_with_bad_action(tmp_path: Path) -> None:
    """action is pin or forbid."""
    found = one(write(tmp_path / "s", overrides=f"{OVR_HEADER}\nH1,L1,move,x\n"))
    assert (found.file, found.line, found.column) == ("overrides.csv", 2, "action")
    assert "pin or forbid" in found.message


def test_override_without_reason(tmp_path: Path) -> None:
    """An override needs a non-empty reason."""
    found = one(write(tmp_path / "s", overrides=f"{OVR_HEADER}\nH1,L1,pin, \n"))
    assert (found.file, found.line, found.column) == ("overrides.csv", 2, "reason")


def test_household_pinned_twice(tmp_path: Path) -> None:
    """A second pin of a household, to the same or another location, names the first."""
    overrides = f"{OVR_HEADER}\nH1,L1,pin,a\nH1,L1,pin,b\nH1,L2,pin,c\n"
    found = problems(write(tmp_path / "s", overrides=overrides))
    assert [(p.line, p.column) for p in found] == [(3, "action"), (4, "action")]
    assert "again on line 2" in found[0].message and "to 'L1' on line 2" in found[1].message


def test_household_pinned_and_forbidden_at_one_location(tmp_path: Path) -> None:
    """A pin and a forbid of one household at one location contradict each other."""
    overrides = f"{OVR_HEADER}\nH1,L1,forbid,a\nH1,L2,forbid,b\nH1,L1,pin,c\n"
    found = one(write(tmp_path / "s", overrides=overrides))
    assert (found.file, found.line, found.column) == ("overrides.csv", 4, "action")
    assert "line 2" in found.message


def test_upper_case_booleans_in_a_file_with_spaces(tmp_path):
    """WAAR/ONWAAR and TRUE/False, the only spellings in a column, parse as booleans."""
    import shutil

    from placement.input.read import read_scenario

    folder = tmp_path / "scn"
    folder.mkdir()
    (folder / "locations.csv").write_text(
        "location_id;name;gemeente_code;type;capacity;has_medical;child_suitable\n"
        "A;AZC Een;GM0363;regulier;5;WAAR;TRUE\n"
        "B;AZC Twee;GM0363;regulier;5;ONWAAR;False\n",
        encoding="cp1252",
    )
    (folder / "persons.csv").write_text(
        "person_id;household_id;age;track\np1;h1;30;regulier\n", encoding="cp1252"
    )
    scenario = read_scenario(folder)
    assert scenario.locations["has_medical"].tolist() == [True, False]
    assert scenario.locations["child_suitable"].tolist() == [True, False]
    shutil.rmtree(folder)


# --------------------------------------------------------------------------- speed-ups


@pytest.mark.parametrize(
    "text",
    [
        f"{PER_HEADER}\nP1,H1,34,,aanmelding,L1,,,0\r\nP2,H1,5,nee,aanmelding,L1,,,\r\n",
        f"{PER_HEADER}\rP1,H1,34,,aanmelding,L1,,,0\rP2,H1,5,nee,aanmelding,L1,,,",
        f"\n\n{PER_HEADER}\n\nP1,H1,34,,aanmelding,L1,,,0\n,,,,,,,,\n\n",
        f"{PER_HEADER}\nP1,H1,34,,aanmelding,L1,,,0,,\nP2,H1,5\n",
        f"{PER_HEADER}\n P1 ,\tH1,34,,aanmelding,L1,,,0\n , , ,,,,,,\n",
        f"{PER_HEADER.replace(',', ';')}\nP1;H1;34;;aanmelding;L1;;;0\n",
        f"{PER_HEADER},\nP1,H1,34,,aanmelding,L1,,,0,extra\n",
        f"{PER_HEADER}\nP1,H1,34,,aanmelding,L1,,F{'x' * 140_000},0\n",
        f"{PER_HEADER}\nP1,H1,34,,aanmelding,L1,,F{'x' * 130_000},0\n",
        f"{PER_HEADER}\n",
    ],
    ids=[
        "crlf",
        "cr",
        "blank-lines",
        "ragged",
        "spaces",
        "semicolon",
        "unnamed",
        "too-long",
        "long",
        "header",
    ],
)
def test_files_without_quotes_read_as_the_csv_reader_reads_them(
    tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file without quotes gives the same cells, lines, warnings or problems on both paths."""
    import placement.input.dialect as dialect

    def outcome() -> tuple[object, ...]:
        try:
            table = read_table(path)
        except PlacementInputError as exc:
            return tuple(str(p) for p in exc.problems)
        return table.cells, table.lines.tolist(), table.warnings

    path = tmp_path / "persons.csv"
    path.write_text(text, encoding="utf-8", newline="")
    fast = outcome()
    monkeypatch.setattr(dialect, "_plain_rows", lambda text, sep: None)
    slow = outcome()
    if isinstance(fast[0], pd.DataFrame):
        pd.testing.assert_frame_equal(fast[0], slow[0])  # type: ignore[arg-type]
        fast, slow = fast[1:], slow[1:]
    assert fast == slow


def test_typed_tables_that_pass_are_cleared_without_a_pandera_run(tmp_path: Path) -> None:
    """The quick check clears the frames of a valid scenario and flags each broken rule."""
    from placement.input.schema import LocationSchema, PersonSchema
    from placement.input.validate import passes

    scenario = read_scenario(write(tmp_path / "s"))
    locations, persons = LocationSchema.to_schema(), PersonSchema.to_schema()
    assert passes(locations, scenario.locations) and passes(persons, scenario.persons)
    broken = [
        (persons, scenario.persons.assign(age=121)),
        (persons, scenario.persons.assign(person_id="")),
        (persons, scenario.persons.assign(housing_gemeente_code="GM1")),
        (persons, scenario.persons.assign(moves=-1)),
        (locations, scenario.locations.assign(lat=91.0)),
        (locations, scenario.locations.assign(lon=np.nan)),
        (locations, scenario.locations.assign(open_from=pd.Timestamp("2030-01-01"))),
        (locations, scenario.locations.assign(capacity=1.5)),
        (locations, scenario.locations.drop(columns="flex_capacity")),
    ]
    for schema, frame in broken:
        assert not passes(schema, frame)


def test_the_quick_check_trusts_only_pandera_s_own_built_in_checks() -> None:
    """A custom check under a built-in's name, or a built-in with other options, goes to pandera."""
    import pandera.pandas as pa

    from placement.input.validate import passes

    frame = pd.DataFrame({"n": np.array([5, 7], dtype=np.int64)})

    def schema(check: pa.Check) -> pa.DataFrameSchema:
        return pa.DataFrameSchema({"n": pa.Column(np.int64, check)})

    assert passes(schema(pa.Check.ge(0)), frame)
    fake = pa.Check(lambda s: s > 100, name="greater_than_or_equal_to", statistics={"min_value": 0})
    assert not passes(schema(fake), frame)
    assert not passes(schema(pa.Check.ge(0, raise_warning=True)), frame)


def test_reading_a_scenario_loads_neither_geopandas_nor_hypothesis() -> None:
    """Reading and checking a scenario stays clear of geopandas and of pandera's test backend."""
    import subprocess
    import sys

    demo = Path(__file__).resolve().parents[2] / "data" / "demo"
    code = (
        "import sys\n"
        "from placement.input.read import read_scenario\n"
        f"read_scenario({str(demo)!r})\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'geopandas', 'hypothesis'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"
