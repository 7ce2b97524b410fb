"""The review pages without a browser: their data equals the files, names stay text, marks work."""

from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from placement.cli import app
from placement.review import PAGES, page, read_provenance, write_page
from placement.review.data import run_data
from placement.review.page import asset, script_json
from placement.review.text import LANGUAGES, TEXT, strings
from tests.review.conftest import cli
from tests.review.scenario import HOSTILE


def _data_block(text: str) -> dict:
    found = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', text, re.S)
    assert found is not None
    return json.loads(found.group(1))


def _decode(column):
    if isinstance(column, list):
        return column
    if "values" in column:
        return [column["values"][c] for c in column["codes"]]
    out = [None] * column["n"]
    for row, value in zip(column.get("at", []), column.get("v", []), strict=True):
        out[row] = value
    return out


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_report_data_equals_the_files(report_dir: Path):
    """Key figures are kpis.json; one household row per explanations.csv row, in its order."""
    data = _data_block((report_dir / "report.html").read_text(encoding="utf-8"))
    assert data["kpis"] == json.loads((report_dir / "kpis.json").read_text(encoding="utf-8"))
    explained = pd.read_csv(report_dir / "explanations.csv", dtype=str, keep_default_na=False)
    households = {k: _decode(v) for k, v in data["households"].items()}
    assert households["household_id"] == explained["household_id"].tolist()
    assert [v or "" for v in households["next_best_location_id"]] == explained[
        "next_best_location_id"
    ].tolist()
    total = pd.to_numeric(explained["delta_total"], errors="coerce")
    assert [None if pd.isna(v) else v for v in total] == households["delta_total"]
    sites = pd.read_csv(report_dir / "locations.csv", dtype=str, keep_default_na=False)
    locations = {k: _decode(v) for k, v in data["locations"].items()}
    assert locations["occupancy_after"] == sites["occupancy_after"].astype(int).tolist()
    assert locations["name"] == sites["name"].tolist()


def test_report_is_one_file_that_asks_for_nothing(report_dir: Path):
    """No src or href leaves the file; the policy allows no connection and only its own scripts."""
    text = (report_dir / "report.html").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(text)
    assert not [a for _, attrs in parser.tags for k, a in attrs.items() if k in ("src", "href")]
    scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
    assert [s.get("type") for s in scripts] == ["application/json", "application/json", None, None]
    policy = next(a["content"] for t, a in parser.tags if a.get("http-equiv"))
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    script_policy = policy.split("script-src")[1].split(";")[0]
    assert script_policy.count("'sha256-") == 2 and "unsafe-inline" not in script_policy


def test_hostile_names_cannot_close_the_data_block(report_dir: Path):
    """A name with <script>, quotes, = and Unicode is in the page only as JSON text."""
    text = (report_dir / "report.html").read_text(encoding="utf-8")
    for name in HOSTILE.values():
        assert name not in text
    assert text.count("<script") == 4 and "<img" not in text
    data = _data_block(text)
    names = _decode(data["locations"]["name"])
    assert set(HOSTILE.values()) <= set(names)


def test_script_json_escapes_what_html_would_read():
    """<, >, & and the JS line separators come out as escapes and parse back to the same text."""
    value = {"name": "</script><!-- & \u2028 \u2029 \"x\"='y'"}
    text = script_json(value)
    assert not set("<>&") & set(text) and "\u2028" not in text
    assert json.loads(text) == value


def test_the_scripts_can_be_inlined():
    """The vendored scripts hold no </script or <!-- that would end or confuse their block."""
    for name in ("plotly-basic.min.js", "review.js"):
        code = asset(name).lower()
        assert "</script" not in code and "<!--" not in code, name
    assert "plotly.js (basic - minified) v4" in asset("plotly-basic.min.js")
    assert "MIT License" in asset("LICENSE-plotly.js.txt")


def test_every_text_the_script_asks_for_exists_in_both_languages():
    """Each t("key") of review.js has a Dutch and an English text, and they differ in places."""
    keys = set(re.findall(r'\bt\("([a-z0-9_]+)"', asset("review.js")))
    missing = sorted(k for k in keys if k not in TEXT and not k.endswith("_"))
    assert missing == []
    nl, en = strings("nl"), strings("en")
    assert set(nl) == set(en) and nl["sec_households"] != en["sec_households"]
    assert LANGUAGES == ("nl", "en")
    with pytest.raises(ValueError):
        strings("de")


def test_page_in_english(report_dir: Path):
    """--lang en gives an English page with the same data."""
    text = page("run", report_dir, lang="en")
    assert '<html lang="en">' in text
    assert "<title>Placement proposal 23 November 2026</title>" in text
    assert _data_block(text)["text"]["sec_households"] == "Households"


def test_page_names_its_run_in_the_history(report_dir: Path, history_db: Path):
    """place --html with a history: the page holds the run id, the input hashes and versions."""
    from placement.history import get_run

    provenance = read_provenance(report_dir / "report.html")
    record = get_run(history_db, provenance["history_id"])
    assert record.out_dir == str(report_dir.resolve()) and record.command == "place"
    assert {f: h for f, h, _ in provenance["inputs"]} == record.inputs
    assert provenance["versions"]["placement"] == record.versions["placement"]


def test_export_html_writes_the_page_of_a_folder(report_dir: Path, copy_of, tmp_path: Path):
    """export --format html --lang en remakes report.html from the folder alone."""
    folder = copy_of(report_dir)
    (folder / "report.html").unlink()
    cli("export", str(folder), "--format", "html", "--lang", "en")
    text = (folder / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in text
    assert _data_block(text)["kpis"] == json.loads((folder / "kpis.json").read_text())


def test_export_html_of_no_result_folder_fails_and_writes_nothing(tmp_path: Path):
    """A folder without placements.csv: exit 1 with a message, no report.html."""
    (tmp_path / "kpis.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(app, ["export", str(tmp_path), "--format", "html"])
    assert result.exit_code == 1 and "placements.csv" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kpis.json"]


def test_unknown_language_is_a_usage_error(scenario_dir: Path, tmp_path: Path):
    """--lang de is refused before anything runs (exit 2)."""
    result = CliRunner().invoke(
        app, ["place", str(scenario_dir), "--out", str(tmp_path / "o"), "--html", "--lang", "de"]
    )
    assert result.exit_code == 2 and not (tmp_path / "o").exists()


def test_overrides_in_the_page_format_are_accepted(scenario_dir: Path, copy_of, tmp_path: Path):
    """The file the page downloads (header, quoting) is read by place, which obeys it."""
    scenario = copy_of(scenario_dir)
    (scenario / "overrides.csv").write_text(
        'household_id,location_id,action,reason\nH06,GR,forbid,"Te ver van school, zegt ""IND"""\n',
        encoding="utf-8",
    )
    out = tmp_path / "next"
    cli("place", str(scenario), "--out", str(out), "--no-history")
    placements = pd.read_csv(out / "placements.csv", dtype=str, keep_default_na=False)
    h06 = placements[placements["household_id"] == "H06"].iloc[0]
    assert h06["to_location_id"] not in ("GR", "") and h06["override"] == "forbid"


def test_every_page_of_every_command(whatif_dir: Path, outlook_dir: Path, links_dir: Path):
    """whatif, simulate and link --html write their page; each holds its folder's figures."""
    comparison = _data_block((whatif_dir / "comparison.html").read_text(encoding="utf-8"))
    kpis = pd.read_csv(whatif_dir / "comparison" / "kpis.csv", dtype=str, keep_default_na=False)
    assert comparison["kpis"]["rows"] == kpis.to_numpy(dtype=str).tolist()
    assert list(comparison["variants"]) == ["zonder-GR"]
    outlook = _data_block((outlook_dir / "outlook.html").read_text(encoding="utf-8"))
    assert outlook["kpis"] == json.loads((outlook_dir / "kpis.json").read_text())
    assert outlook["lang"] == "en"
    links = _data_block((links_dir / "links.html").read_text(encoding="utf-8"))
    quotas = pd.read_csv(links_dir / "gemeenten.csv", dtype=str, keep_default_na=False)
    shown = pd.DataFrame(links["gemeenten"]["rows"], columns=links["gemeenten"]["columns"])
    for column in ("gemeente_code", "quota", "linked_persons", "remaining"):
        assert shown[column].tolist() == quotas[column].tolist()
    assert read_provenance(links_dir / "links.html")["history_id"] is not None


def test_write_page_replaces_the_file_whole(report_dir: Path, copy_of):
    """write_page leaves no partial file behind and the result parses."""
    folder = copy_of(report_dir)
    path = write_page("run", folder, lang="nl")
    assert path == folder / PAGES["run"] and not list(folder.glob(".*partial*"))
    assert run_data(folder)["kpis"] == _data_block(path.read_text(encoding="utf-8"))["kpis"]
