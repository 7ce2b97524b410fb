"""The translations: every text of the code has its Dutch, with the same placeholders."""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from placement import i18n

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "placement" / "locale" / "nl" / "LC_MESSAGES" / "placement.po"
#: The keywords of scripts/translations.sh: name -> the arguments that are texts (c: context).
KEYWORDS = {
    "_": None,
    "N_": None,
    "tr": None,
    "ngettext": (1, 2),
    "tr_n": (1, 2),
    "pgettext": ((1, "c"), 2),
    "NP_": ((1, "c"), 2),
}


def _code_messages() -> dict[tuple[str | None, str], tuple[str, ...]]:
    """Every text the code marks for translation: (context, msgid) -> all its forms."""
    found: dict[tuple[str | None, str], tuple[str, ...]] = {}
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT / "placement"),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=(),
    ):
        forms = (message,) if isinstance(message, str) else tuple(message)
        found[(context, forms[0])] = forms
    return found


def _catalog():
    with open(PO, "rb") as f:
        return read_po(f)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_text_in_the_code_has_a_dutch_translation():
    catalog = _catalog()
    missing = []
    for (context, msgid), _forms in sorted(_code_messages().items(), key=str):
        entry = catalog.get(msgid, context=context)
        strings = (
            []
            if entry is None
            else (list(entry.string) if isinstance(entry.string, tuple) else [entry.string])
        )
        if entry is None or entry.fuzzy or not all(strings):
            missing.append(msgid if context is None else f"{context}|{msgid}")
    assert missing == [], "texts without Dutch (run scripts/translations.sh update):\n" + (
        "\n".join(missing)
    )


def test_the_catalog_holds_no_text_the_code_lost():
    """An entry nobody uses is a translation that drifted from its English."""
    used = set(_code_messages())
    stale = [
        m.id
        for m in _catalog()
        if m.id and (m.context, m.id if isinstance(m.id, str) else m.id[0]) not in used
    ]
    assert stale == []


def test_translations_keep_every_placeholder():
    problems = []
    for message in _catalog():
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = set().union(*(_fields(i) for i in ids))
        for text in strings:
            found = _fields(text)
            if len(ids) > 1:  # a plural form may leave the count out ("one bed")
                found |= wanted & {"n"}
            if found != wanted:
                problems.append(f"{ids[0]!r}: {sorted(_fields(text))} != {sorted(wanted)}")
    assert problems == []


def test_the_placeholder_check_sees_a_dropped_placeholder():
    assert _fields("{n} beds at {location}") != _fields("{n} bedden")


def test_dutch_is_the_default_and_english_is_the_source(monkeypatch):
    monkeypatch.delenv("PLACEMENT_LANG")
    assert i18n.current() == "nl"
    assert i18n._("and") == "en"
    with i18n.using("en"):
        assert i18n._("and") == "and"
    assert i18n._("and") == "en"


def test_numbers_amounts_and_dates_as_the_language_writes_them(monkeypatch):
    monkeypatch.delenv("PLACEMENT_LANG")
    assert i18n.number(3000) == "3.000"
    assert i18n.money(295170.9).replace("\xa0", " ") == "€ 295.170,90"
    assert i18n.date(dt.date(2026, 11, 26)) == "26 november 2026"
    assert i18n.decimal(12.5, 1) == "12,5"
    with i18n.using("en"):
        assert i18n.number(3000) == "3,000"
        assert i18n.money(295170.9) == "€295,170.90"
        assert i18n.date(dt.date(2026, 11, 26)) == "26 November 2026"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language must be one of"):
        i18n.check_language("de")
    with pytest.raises(ValueError), i18n.using("fr"):
        pass


def test_the_language_of_one_thread_stays_there(monkeypatch):
    monkeypatch.delenv("PLACEMENT_LANG")
    import threading

    seen = []
    with i18n.using("en"):
        worker = threading.Thread(target=lambda: seen.append(i18n.current()))
        worker.start()
        worker.join()
        assert i18n.current() == "en"
    assert seen == ["nl"]  # a new thread starts in the default; runs set theirs from settings


def test_a_compiled_catalog_is_used_only_when_its_po_is_not_newer(tmp_path, monkeypatch):
    folder = tmp_path / "nl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "placement.po").write_bytes(PO.read_bytes())
    (folder / "placement.mo").write_bytes(i18n.compile_po(PO))
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.catalog.cache_clear()
    try:
        assert i18n.catalog("nl").gettext("and") == "en"
        (folder / "placement.mo").write_bytes(b"not a catalog")
        import os

        os.utime(folder / "placement.mo", (1, 1))  # older than the .po: compiled from the .po
        i18n.catalog.cache_clear()
        assert i18n.catalog("nl").gettext("and") == "en"
    finally:
        i18n.catalog.cache_clear()


def test_a_po_compiled_once_is_kept_under_its_hash(tmp_path, monkeypatch):
    """Without a current .mo (a checkout), the next process reads the kept one, not the .po."""
    folder = tmp_path / "locale" / "nl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "placement.po"
    po.write_bytes(PO.read_bytes())
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    monkeypatch.setattr("placement.about.user_folder", lambda: tmp_path / "user")
    i18n.catalog.cache_clear()
    try:
        assert i18n.catalog("nl").gettext("and") == "en"
        (kept,) = (tmp_path / "user" / "catalogs").iterdir()
        assert kept.read_bytes() == i18n.compile_po(po)
        calls = []
        monkeypatch.setattr(i18n, "_compile", lambda source: calls.append(1) or b"")
        i18n.catalog.cache_clear()
        assert i18n.catalog("nl").gettext("and") == "en" and calls == []  # read, not compiled
        kept.write_bytes(b"damaged")
        monkeypatch.undo()
        monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
        monkeypatch.setattr("placement.about.user_folder", lambda: tmp_path / "user")
        i18n.catalog.cache_clear()
        assert i18n.catalog("nl").gettext("and") == "en"  # compiled over the damaged copy
        assert kept.read_bytes() == i18n.compile_po(po)
        po.write_bytes(PO.read_bytes().replace(b'msgstr "en"', b'msgstr "plus"', 1))
        i18n.catalog.cache_clear()
        assert i18n.catalog("nl").gettext("and") == "plus"  # an edited .po: a new hash
        assert len(list((tmp_path / "user" / "catalogs").iterdir())) == 2
    finally:
        i18n.catalog.cache_clear()


@pytest.mark.parametrize("where", ["a file, not a folder", "no home folder"])
def test_a_catalog_that_cannot_be_kept_is_compiled_all_the_same(tmp_path, monkeypatch, where):
    """No writable user folder (or none at all): the run gets its Dutch, and nothing is left."""
    folder = tmp_path / "locale" / "nl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "placement.po").write_bytes(PO.read_bytes())
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    user = (lambda: blocker / "placement") if where == "a file, not a folder" else no_home
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    monkeypatch.setattr("placement.about.user_folder", user)
    i18n.catalog.cache_clear()
    try:
        assert i18n.catalog("nl").gettext("and") == "en"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker", "locale"]
    finally:
        i18n.catalog.cache_clear()


# --------------------------------------------------------------------------- how texts are written

PACKAGE = ROOT / "placement"
#: The functions whose first text argument the extractor reads.
MARKERS = {"_", "tr", "tr_n", "ngettext", "pgettext", "N_", "NP_"}


def _translating_modules():
    import ast

    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            a.asname or a.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "placement.i18n"
            for a in node.names
        }
        if imported & MARKERS:
            yield path.relative_to(ROOT), tree, imported


def test_no_translated_text_hides_in_an_f_string():
    """``f"{_('x')}"`` is invisible to the extractor: such a text would never be translated."""
    import ast

    hidden = [
        f"{path}:{call.lineno}"
        for path, tree, _names in _translating_modules()
        for fstring in ast.walk(tree)
        if isinstance(fstring, ast.JoinedStr)
        for call in ast.walk(fstring)
        if isinstance(call, ast.Call) and getattr(call.func, "id", None) in MARKERS
    ]
    assert hidden == []


def test_texts_are_literals_where_they_are_marked():
    """``tr_n``, ``N_``, ``NP_`` ... take the English itself (``_``, ``tr`` may look one up)."""
    import ast

    wrong = []
    for path, tree, _names in _translating_modules():
        for call in ast.walk(tree):
            name = getattr(getattr(call, "func", None), "id", None)
            if not isinstance(call, ast.Call) or name not in MARKERS - {"_", "tr"} or not call.args:
                continue
            texts = call.args[1:3] if name in {"pgettext", "NP_"} else call.args[:1]
            if name in {"tr_n", "ngettext"}:
                texts = call.args[:2]
            if not all(isinstance(t, ast.Constant) and isinstance(t.value, str) for t in texts):
                wrong.append(f"{path}:{call.lineno} {name}")
    assert wrong == []


def test_no_module_that_translates_names_anything_else_underscore():
    """``x, _ = ...`` in a function that also calls ``_()`` makes ``_`` local there: it fails."""
    import ast

    bound = []
    for path, tree, names in _translating_modules():
        if "_" not in names:
            continue
        for node in ast.walk(tree):
            stored = (
                isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store)
            )
            argument = isinstance(node, ast.arg) and node.arg == "_"
            if stored or argument:
                bound.append(f"{path}:{node.lineno}")
    assert bound == []


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_fast_numbers_equal_babels(lang):
    from babel.numbers import format_decimal

    locale = i18n.BABEL_LOCALES[lang]
    # not halfway between two answers: Babel rounds the decimal written, Python the binary value
    values = [0.0, 0.5, 12.3456, -0.04, 999.9, 1234.5678, -1234567.8912, 3.0, 1e9 + 0.25]
    with i18n.using(lang):
        for x in values:
            for digits in (None, 0, 1, 2, 5):
                pattern = "#,##0" + ("." + "0" * digits if digits else "")
                pattern = "#,##0.###" if digits is None else pattern
                assert i18n.decimal(x, digits) == format_decimal(x, pattern, locale=locale)
        for n in (0, 7, 1000, 3000, -65000, 123456789):
            assert i18n.number(n) == format_decimal(n, locale=locale)
