"""The command line's own words in the user's language: ``--help``, usage errors, id typos.

``SPEC.md`` (Language): ``--help`` texts and usage errors follow
``$PLACEMENT_LANG`` (default Dutch). Typer and Click write them in English;
``placement/cli/usage.py`` puts them through the catalog.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from placement.cli import COMMAND_HELP, HELP, SHARED_HELP, app
from placement.cli.usage import HELP_WORDS, spoken_detail, spoken_error
from placement.i18n import _, catalog, using

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
runner = CliRunner()
COMMANDS = [
    [], ["validate"], ["place"], ["generate"], ["whatif"], ["export"], ["simulate"], ["plan"],
    ["diff"], ["link"], ["taakstelling"], ["history"], ["history", "show"],
]  # fmt: skip
#: What Typer and Click say in English in a help or a usage error.
ENGLISH_HELP = (
    "Usage:", "Options", "Arguments", "Commands", "Show this message", "[required]", "[default:",
    "Missing argument", "Missing option", "Invalid value", "does not exist", "No such",
    "Try '", "Error", "Input should", "Got unexpected", "is not one of", "Did you mean",
)  # fmt: skip


def plain(text: str) -> str:
    """Output without Rich's boxes and line breaks: the words in one line."""
    return " ".join(re.sub(r"[│╭╮╰╯─┃━┏┓┗┛]", " ", text).split())


def invoke(lang: str, *args: str) -> tuple[int, str]:
    done = runner.invoke(app, list(args), env={"PLACEMENT_LANG": lang}, prog_name="placement")
    return done.exit_code, plain(done.output)


def _commands():
    """Every command of the app as Click sees it, with its path."""
    root = get_command(app)
    ctx = root.make_context("placement", [], resilient_parsing=True)
    yield "", root
    for name in root.list_commands(ctx):
        sub = root.get_command(ctx, name)
        yield name, sub
        if hasattr(sub, "list_commands"):
            inner = sub.make_context(name, [], parent=ctx, resilient_parsing=True)
            for other in sub.list_commands(inner):
                yield f"{name} {other}", sub.get_command(inner, other)


def test_each_command_help_is_its_docstring_and_marked_for_translation():
    """COMMAND_HELP holds the docstrings (the extractor cannot read a docstring)."""
    from placement.cli import generate, history, link, place, plan, simulate, whatif

    functions = {
        "validate": place.validate, "place": place.place, "generate": generate.generate,
        "whatif": whatif.whatif, "export": whatif.export, "simulate": simulate.simulate,
        "plan": plan.plan, "diff": history.diff, "link": link.link,
        "taakstelling": link.taakstelling, "history": history.history,
        "history show": history.show,
    }  # fmt: skip
    assert set(functions) == set(COMMAND_HELP)
    for name, function in functions.items():
        assert inspect.getdoc(function) == COMMAND_HELP[name], name


def test_every_help_text_has_its_dutch():
    """The help of the app, of every command, option and argument is in the catalog."""
    dutch = catalog("nl")
    texts = {HELP, *SHARED_HELP, *HELP_WORDS.values()}
    for _name, command in _commands():
        texts.add(inspect.cleandoc(command.help or ""))
        texts |= {p.help for p in command.params if getattr(p, "help", None)}
    texts.discard("")
    same = {t for t in texts if dutch.gettext(t) == t}
    assert same == set()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "placement")
def test_help_is_dutch(command: list[str]):
    code, text = invoke("nl", *command, "--help")
    assert code == 0, text
    assert [w for w in ENGLISH_HELP if w in text] == []
    assert "Gebruik: placement" in text and "Opties" in text and "Toon deze hulp en stop." in text


def test_help_of_a_command_says_what_it_does_in_dutch():
    code, text = invoke("nl", "place", "--help")
    assert "Plaats de nieuwe instroom en iedereen die moet verhuizen" in text
    assert "Map voor de resultaten. [verplicht]" in text
    assert "<bool>" not in text and "<pad>" in text and "<getal>" in text
    code, text = invoke("nl", "whatif", "--help")
    assert "TOML-bestand met een tabel [weights]." in text  # not eaten as markup
    assert "[standaard: variant]" in text


def test_help_in_english_stays_english():
    code, text = invoke("en", "whatif", "--help")
    assert code == 0
    assert "Usage: placement whatif [OPTIONS]" in text and "Show this message and exit." in text
    assert "TOML with [weights]." in text


#: Usage errors and the Dutch each must give (exit status 2).
USAGE_ERRORS = [
    (["place"], "Argument 'scenario_dir' ontbreekt."),
    (["place", str(DEMO)], "Optie '--out' ontbreekt."),
    (["place", "/no/such/folder", "--out", "x"], "de map '/no/such/folder' bestaat niet"),
    (["simulate", str(DEMO), "--out", "x", "--weeks", "0"],
     "Ongeldige waarde voor '--weeks': moet minstens 1 zijn"),
    (["place", str(DEMO), "--out", "x", "--mip-gap", "2"],
     "Ongeldige waarde voor '--mip-gap': mag hoogstens 0.999 zijn"),
    (["place", str(DEMO), "--out", "x", "--time-limit", "abc"], "moet een getal zijn"),
    (["place", str(DEMO), "--out", "x", "--lang", "de"], "'de' is niet een van 'nl', 'en'"),
    (["place", str(DEMO), "--out", "x", "--forse"], "Onbekende optie: --forse (bedoelt u"),
    (["plcae"], "Opdracht 'plcae' bestaat niet. (bedoelt u 'place' of 'plan'?)"),
    (["place", str(DEMO), "--out", "x", "extra"], "Onverwacht extra argument(en): extra"),
    (["place", str(DEMO), "--out"], "Optie '--out' vraagt een waarde."),
]  # fmt: skip


@pytest.mark.parametrize(("args", "dutch"), USAGE_ERRORS, ids=lambda a: str(a)[:40])
def test_usage_errors_are_dutch(args: list[str], dutch: str, tmp_path: Path):
    code, text = invoke("nl", *args)
    assert code == 2, text
    assert dutch in text
    assert "Fout" in text
    if args[-1] != "--out":  # (Click's parser gives this one without its usage)
        assert "Gebruik: placement" in text and "voor hulp." in text
    assert [w for w in ENGLISH_HELP if w in text] == []
    assert not (tmp_path / "x").exists()


def test_usage_errors_in_english_are_click_s_own():
    code, text = invoke("en", "simulate", str(DEMO), "--out", "x", "--weeks", "0")
    assert code == 2
    assert "Invalid value for '--weeks'" in text and "Usage: placement simulate" in text


@pytest.mark.parametrize(
    ("english", "dutch"),
    [  # the forms of plain Click (typer>=0.12 without its own Click) too
        ("Missing argument 'SCENARIO_DIR'.", "Argument 'SCENARIO_DIR' ontbreekt."),
        ("Missing option '--out'.", "Optie '--out' ontbreekt."),
        ("Invalid value for '--weeks': 0 is not in the range x>=1.",
         "Ongeldige waarde voor '--weeks': 0 ligt niet in x>=1"),
        ("Invalid value for 'SCENARIO_DIR': Directory '/x' does not exist.",
         "Ongeldige waarde voor 'SCENARIO_DIR': de map '/x' bestaat niet"),
        ("Invalid value for '--candidates': File 'c.csv' does not exist.",
         "Ongeldige waarde voor '--candidates': het bestand 'c.csv' bestaat niet"),
        ("Invalid value for '--mip-gap': 'x' is not a valid float.",
         "Ongeldige waarde voor '--mip-gap': 'x' is geen getal"),
        ("Invalid value for '--weeks': 'x' is not a valid integer.",
         "Ongeldige waarde voor '--weeks': 'x' is geen geheel getal"),
        ("No such option: --forse Did you mean --force?",
         "Onbekende optie: --forse (bedoelt u --force?)"),
        ("No such command 'plcae'.", "Opdracht 'plcae' bestaat niet."),
        ("Got unexpected extra argument (x)", "Onverwacht extra argument(en): x"),
        ("Option '--out' requires an argument.", "Optie '--out' vraagt een waarde."),
        ("Something Click says that is not known", "Something Click says that is not known"),
    ],
)  # fmt: skip
def test_click_messages_are_known_by_their_form(english: str, dutch: str):
    with using("nl"):
        assert spoken_error(english) == dutch
    with using("en"):
        assert spoken_error(english) == english


def test_a_detail_of_pydantic_is_known_by_its_form():
    with using("nl"):
        assert spoken_detail("Value error, 'de' is not one of 'nl', 'en'.") == (
            "'de' is niet een van 'nl', 'en'"
        )
        assert spoken_detail("Input should be greater than 0") == "moet groter zijn dan 0"


# --------------------------------------------------------------------------- id typos


def test_a_mistyped_id_on_the_command_line_gets_a_suggestion(tmp_path: Path):
    """--close L0O4 (a letter O for a zero): "bedoelt u 'L004'?"; nothing written."""
    for option in (["--close", "L0O4"], ["--capacity", "L0O4=5"], ["--flex", "L0O4=3"]):
        code, text = invoke(
            "nl", "whatif", str(DEMO), "--out", str(tmp_path / "w"), "--no-history", *option
        )
        assert code == 1, text
        assert "geen locatie met id 'L0O4' (bedoelt u 'L004'?)" in text
        assert not (tmp_path / "w").exists()
    code, text = invoke(
        "en", "whatif", str(DEMO), "--out", str(tmp_path / "w"), "--no-history", "--close", "XYZ"
    )
    assert code == 1 and "no location with id 'XYZ';" in text and "did you mean" not in text


def test_a_mistyped_id_in_overrides_gets_a_suggestion(tmp_path: Path):
    scenario = tmp_path / "demo"
    scenario.mkdir()
    for path in DEMO.iterdir():
        (scenario / path.name).write_bytes(path.read_bytes())
    (scenario / "overrides.csv").write_text(
        "household_id,location_id,action,reason\nH000002,L0O6,forbid,te ver\n", encoding="utf-8"
    )
    code, text = invoke("nl", "validate", str(scenario))
    assert code == 1
    assert "location_id 'L0O6' staat niet in locations.csv (bedoelt u 'L006'?)" in text


def test_did_you_mean_reads_look_alike_letters_as_digits():
    from placement.i18n import did_you_mean

    ids = ["L001", "L004", "L034", "L014"]
    with using("en"):
        assert did_you_mean("L0O4", ids) == " (did you mean 'L004'?)"
        assert did_you_mean("l004", ids) == " (did you mean 'L004'?)"
        assert did_you_mean("L04", ids) == " (did you mean 'L004', 'L034' or 'L014'?)"
        assert did_you_mean("Q999999", ids) == ""
    with using("nl"):
        assert did_you_mean("LOO1", ids) == " (bedoelt u 'L001'?)"
    assert _("Usage:") == "Usage:"  # the tests run in English unless they ask
