"""What the terminal and the workbooks say, in Dutch: history, the plan's summary, export, pins,
and the headers of the Excel sheets (``SPEC.md``, Language)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from placement.cli import app

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
BAD = ROOT / "tests" / "data" / "bad"
runner = CliRunner()
#: A key as a program writes it, which a person should not have to read.
SNAKE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")


@dataclass
class Runs:
    """The demo placed, what-iffed, linked and planned in Dutch, recorded in one history."""

    root: Path
    db: Path
    printed: dict[str, str]


def dutch(*args: str, width: int = 80) -> tuple[int, str]:
    done = runner.invoke(
        app, list(args), env={"PLACEMENT_LANG": "nl", "COLUMNS": str(width)}, color=False
    )
    return done.exit_code, done.output


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    root = tmp_path_factory.mktemp("terminal")
    db = root / "history.sqlite"
    printed = {}
    for name, args in {
        "place": ["place", str(DEMO), "--xlsx"],
        "whatif": ["whatif", str(DEMO), "--close", "L004", "--xlsx"],
        "link": ["link", str(DEMO), "--xlsx"],
        "plan": ["plan", str(DEMO), "--candidates", str(DEMO / "candidates.csv"), "--weeks", "3",
                 "--futures", "2"],
    }.items():  # fmt: skip
        code, text = dutch(*args, "--out", str(root / name), "--history", str(db), width=120)
        assert code == 0, text
        printed[name] = text
    return Runs(root, db, printed)


def test_history_lists_runs_in_dutch_within_80_columns(runs: Runs):
    code, text = dutch("history", "--history", str(runs.db))
    assert code == 0, text
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80 and "…" not in text  # nothing cut off
    assert {"gestart", "opdracht", "uitvoer"} <= set(text.split())
    assert "optimaal" in text and "klaar" in text and "3.000" in text
    assert "optimal" not in text and "done" not in text.split()
    folders = "".join(line.rstrip().split()[-1] for line in lines if line.strip())
    assert str(runs.root / "place").replace(" ", "") in folders  # the whole path, wrapped


def test_history_show_names_every_figure_in_dutch(runs: Runs):
    code, text = dutch("history", "show", "1", "--history", str(runs.db), width=120)
    assert code == 0, text
    assert "run 1: place, optimaal" in text
    assert "modus: weekplaatsing" in text and "planningsdatum: 23 november 2026" in text
    assert "verhuisde personen" in text and "term van de doelfunctie: verhuizing" in text
    assert "blijft: " in text and " huishoudens, " in text and "personen" in text
    table = text[text.index("kerncijfer") :]
    assert SNAKE.findall(table) == []  # objective_terms.move, moved_persons, lp_bound ...
    code, text = dutch("history", "show", "last", "--history", str(runs.db), width=120)
    assert "plan" in text.splitlines()[0]
    link = next(i for i in range(1, 8) if "link" in dutch(
        "history", "show", str(i), "--history", str(runs.db))[1].splitlines()[0])  # fmt: skip
    text = dutch("history", "show", str(link), "--history", str(runs.db), width=120)[1]
    assert re.search(r"gekoppeld: \d+ huishoudens, \d+ personen", text), text
    assert "linked:" not in text and "households" not in text


def test_the_plan_summary_names_its_cost_items_in_dutch(runs: Runs):
    text = runs.printed["plan"]
    assert "kostenpost" in text and "openen en openhouden van de kandidaten" in text
    assert "personen zonder bed" in text
    assert re.search(r"gap [\d.,]+ %", text), text
    for english in ("candidates ", "shortage", "spread ", "term ", "e+0", "e-1"):
        assert english not in text, english


def test_export_of_a_plan_folder_says_what_it_is_in_dutch(runs: Runs):
    code, text = dutch("export", str(runs.root / "plan"), "--format", "xlsx")
    assert code == 1
    assert "is een map van placement plan, niet van place of whatif" in " ".join(text.split())
    assert "is not" not in text


def test_a_refused_pin_is_said_in_dutch():
    code, text = dutch("validate", str(BAD / "override_pins_overfill"), width=200)
    assert code == 1
    assert "vragen 2 bedden en er blijven 0 bewoners, meer dan haar 1 bed" in text
    assert "capacity" not in text and " its " not in text


# --------------------------------------------------------------------------- the workbooks


def _sheets(path: Path) -> dict[str, list[list[object]]]:
    wb = load_workbook(path, read_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


@pytest.mark.parametrize(
    ("folder", "book"),
    [("place", "results.xlsx"), ("whatif", "whatif.xlsx"), ("link", "links.xlsx")],
)
def test_the_workbooks_have_dutch_headers_and_key_figures(runs: Runs, folder: str, book: str):
    """Sheet names, column headers and the key figures are Dutch words, not the files' keys."""
    sheets = _sheets(runs.root / folder / book)
    assert "kerncijfers" in sheets
    for title, rows in sheets.items():
        assert rows, title
        header = [str(h) for h in rows[0]]
        assert [h for h in header if SNAKE.search(h)] == [], title
        assert not {"person_id", "household_id", "kpi", "value", "capacity"} & set(header), title
    figures = sheets["kerncijfers"]
    assert figures[0][0] == "kerncijfer"
    labels = [str(r[0]) for r in figures[1:]]
    assert [k for k in labels if SNAKE.search(k)] == []
    assert "objective_terms" not in " ".join(labels)


def test_the_place_workbook_reads_as_a_planner_does(runs: Runs):
    sheets = _sheets(runs.root / "place" / "results.xlsx")
    assert list(sheets) == ["plaatsingen", "locaties", "kerncijfers"]
    assert sheets["plaatsingen"][0][:4] == ["persoon", "huishouden", "van locatie", "naar locatie"]
    figures = dict((str(r[0]), r[1]) for r in sheets["kerncijfers"][1:])
    assert figures["status"] == "optimaal" and figures["personen"] == 3000
    assert "term van de doelfunctie: verwachte latere verhuizing" in figures
    whatif = _sheets(runs.root / "whatif" / "whatif.xlsx")
    assert list(whatif)[:3] == ["kerncijfers", "gewijzigde locaties", "verhuizingen door sluiting"]
    labels = [r[0] for r in whatif["kerncijfers"][1:]]
    assert "Verwachte latere verhuizingen van kinderen" in labels or any(
        "verhuizingen van kinderen" in str(label) for label in labels
    )
