"""The language of every text meant for people: gettext catalogs, Babel formats.

English is the source language: the texts in the code are English
(``msgid``), and ``placement/locale/nl/LC_MESSAGES/placement.po`` holds their
Dutch. The build compiles it to ``placement.mo``; without a compiled
catalog (or with one older than the ``.po``, as in a checkout), the ``.po``
is compiled on first use and kept in the user's data folder under its
contents' hash, so the next process reads it instead of compiling again.

The language of a run is a context variable: :func:`using` sets it for a
block (a command, a run, the texts of one result), and every function here
reads it. Code that makes texts from a run's settings sets it from them
(``with using(settings.language):``), so it holds in a worker thread or
process as well. Codes, ids, statuses and column names are never
translated.

How to write a translatable text (see ``docs/architecture.md``):

- ``_("A whole sentence with {named} placeholders.")`` and then
  ``.format(...)``; or :func:`tr`, which translates and fills in, writing
  numbers and dates the way the language does;
- ``N_("...")`` marks a text kept in a table, translated where it is used
  (``_(TABLE[key])``);
- ``ngettext("{n} bed", "{n} beds", n)`` for a text that depends on a count.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import hashlib
import os
import struct
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from functools import cache
from io import BytesIO
from numbers import Integral, Real
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: Languages a text can be written in; the first is the default.
LANGUAGES = ("nl", "en")
DEFAULT = "nl"
#: The gettext domain: ``locale/<lang>/LC_MESSAGES/placement.po``.
DOMAIN = "placement"
#: Where the catalogs live (inside the package, so a wheel carries them).
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: The Babel locale of each language, for numbers, amounts and dates.
BABEL_LOCALES = {"nl": "nl_NL", "en": "en_GB"}

#: The environment variable that changes the default language (e.g. for a test suite).
ENVIRONMENT = "PLACEMENT_LANG"

_language: ContextVar[str | None] = ContextVar("placement_language", default=None)


def default_language() -> str:
    """The language when neither ``--lang`` nor ``scenario.toml`` names one.

    :data:`DEFAULT` (Dutch), unless ``$PLACEMENT_LANG`` names another of
    :data:`LANGUAGES`.
    """
    value = os.environ.get(ENVIRONMENT, "")
    return value if value in LANGUAGES else DEFAULT


def check_language(lang: str) -> str:
    """``lang`` itself when it is one of :data:`LANGUAGES`.

    Raises
    ------
    ValueError
        For any other language.
    """
    lang = str(lang)
    if lang not in LANGUAGES:
        raise ValueError(
            _("language must be one of {known}, got {value}").format(
                known=list(LANGUAGES), value=repr(lang)
            )
        )
    return lang


def current() -> str:
    """The language texts are written in now (:func:`default_language` unless :func:`using`)."""
    return _language.get() or default_language()


@contextmanager
def using(lang: str | None) -> Iterator[str]:
    """Write texts in ``lang`` inside the block (``None``: keep the current language)."""
    if lang is None:
        yield current()
        return
    token = _language.set(check_language(lang))
    try:
        yield lang
    finally:
        _language.reset(token)


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The translations of ``lang`` (English is the source: no catalog)."""
    check_language(lang)
    if lang == "en":
        return gettext.NullTranslations()
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with open(mo, "rb") as f:
            return gettext.GNUTranslations(f)
    return _compiled(po)


def _compiled(po: Path) -> gettext.GNUTranslations:
    """The translations of ``po``, compiled before by this user or now (and then kept).

    Kept in ``catalogs/`` of :func:`placement.about.user_folder` under the
    hash of the ``.po``'s bytes: an edited ``.po`` is compiled anew, an
    unreadable or damaged copy is compiled over, and a folder that cannot be
    written only costs the compiling.
    """
    from placement.about import user_folder

    source = po.read_bytes()
    name = f"{po.stem}-{hashlib.sha256(source).hexdigest()[:24]}.mo"
    try:
        kept = user_folder() / "catalogs" / name
    except (RuntimeError, KeyError):  # no home folder to keep it in
        return gettext.GNUTranslations(BytesIO(_compile(source)))
    try:
        return gettext.GNUTranslations(BytesIO(kept.read_bytes()))
    except (OSError, ValueError, IndexError, struct.error):
        pass
    mo = _compile(source)
    part = kept.with_name(f"{name}.{os.getpid()}.part")
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(mo)
        os.replace(part, kept)  # whole or not at all, whichever process is first
    except OSError:
        with suppress(OSError):
            part.unlink(missing_ok=True)
    return gettext.GNUTranslations(BytesIO(mo))


def compile_po(po: Path) -> bytes:
    """The ``.mo`` of a ``.po`` file (fuzzy entries left out, as ``msgfmt`` does)."""
    return _compile(po.read_bytes())


def _compile(source: bytes) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    out = BytesIO()
    write_mo(out, read_po(BytesIO(source)))
    return out.getvalue()


def in_its_language(func: Callable[..., T]) -> Callable[..., T]:
    """Run ``func`` in the language of its first argument's ``settings`` (a run's problem).

    The words of a result follow the run they describe, in whatever thread
    or process they are made.
    """

    @functools.wraps(func)
    def run(first: Any, *args: Any, **kwargs: Any) -> T:
        with using(first.settings.language):
            return func(first, *args, **kwargs)

    return run


def progress_teller(
    progress: Callable[[str], None] | None, lang: str, log: Callable[[str], None]
) -> Callable[..., None]:
    """``say(step, **values)``: log ``step`` (English) and tell ``progress`` in ``lang``.

    ``step`` is a text marked with :func:`N_`; ``values`` fill its placeholders.
    """

    def say(step: str, **values: Any) -> None:
        log(step.format(**values))
        if progress is not None:
            with using(lang):
                progress(tr(step, **values))

    return say


def _(message: str) -> str:
    """``message`` in the current language."""
    return catalog(current()).gettext(message)


def word(words: Mapping[str, str], code: str) -> str:
    """``code`` in words from ``words`` (a table of ``N_`` texts), in the current language.

    The code itself when the table has no words for it.
    """
    return _(words[code]) if code in words else code


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is written; translate it with ``_`` later."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:
    """Mark ``message`` in ``context`` for translation; translate it with :func:`pgettext` later."""
    return (context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n``, in the current language."""
    return catalog(current()).ngettext(singular, plural, int(n))


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, where the same English needs ``context``."""
    return catalog(current()).pgettext(context, message)


def tr(message: str, /, **values: Any) -> str:
    """``message`` translated, with ``values`` filled in as the language writes them.

    Whole numbers get the thousands separator ("3.000"), dates the long form
    ("26 november 2026"); text stays as it is. Give other numbers as text
    (:func:`decimal`, :func:`money`).
    """
    return _(message).format(**{k: shown(v) for k, v in values.items()})


def tr_n(singular: str, plural: str, n: int, /, **values: Any) -> str:
    """:func:`tr` for a text with a count ``n`` (also filled in as ``{n}``)."""
    values.setdefault("n", n)
    return ngettext(singular, plural, n).format(**{k: shown(v) for k, v in values.items()})


def shown(value: Any) -> Any:
    """A value as the current language writes it in a sentence."""
    if isinstance(value, bool) or isinstance(value, str):
        return value
    if isinstance(value, Integral):
        return number(value)
    if isinstance(value, dt.date):
        return date(value)
    if isinstance(value, Real):
        return decimal(float(value))
    return value


def _locale() -> str:
    return BABEL_LOCALES[current()]


@cache
def _symbols(lang: str) -> tuple[str, str]:
    """The language's decimal mark and thousands separator, from Babel's locale data."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = BABEL_LOCALES[lang]
    return str(get_decimal_symbol(locale)), str(get_group_symbol(locale))


def _localised(text: str) -> str:
    """A number Python wrote (``1,234.5``) with the current language's marks."""
    mark, group = _symbols(current())
    if (mark, group) == (".", ","):
        return text
    return text.replace(",", "\0").replace(".", mark).replace("\0", group)


def number(n: Any) -> str:
    """A whole number with the language's thousands separator ("3.000" in Dutch).

    Babel's marks for the language, put in by Python's own formatting: a
    reason per household asks for many numbers, and this is some twenty times
    faster than formatting each with Babel.
    """
    return _localised(f"{int(n):,}")


def decimal(x: float, digits: int | None = None) -> str:
    """A number with ``digits`` decimals ("12,5" in Dutch); ``None``: as many as needed, up to 3."""
    if digits is None:
        text = f"{float(x):,.3f}".rstrip("0").rstrip(".")
    else:
        text = f"{float(x):,.{digits}f}"
    return _localised(text)


def percent(share: float) -> str:
    """A share as a whole percentage ("16%"), the language's marks for large ones."""
    return _localised(f"{100 * float(share):,.0f}") + "%"


def money(amount: float) -> str:
    """An amount in euro ("€ 295.170,90" in Dutch)."""
    from babel.numbers import format_currency

    return str(format_currency(amount, "EUR", locale=_locale()))


def date(day: Any) -> str:
    """A date in the long form ("26 november 2026", "26 November 2026")."""
    from babel.dates import format_date

    if hasattr(day, "date") and callable(day.date):  # datetime, pandas Timestamp
        day = day.date()
    return str(format_date(day, format="long", locale=_locale()))


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """``" (did you mean 'L004'?)"`` when ``value`` looks like one of ``known``; else ``""``.

    For an id mistyped on the command line or in an input file. Letters
    that look like digits count as those digits (``O`` as ``0``, ``I`` and
    ``l`` as ``1``) and capitals as small letters; then the closest ids by
    :func:`difflib.SequenceMatcher` (all that are equally close, up to three).
    """
    import difflib

    def plain(text: str) -> str:
        return text.casefold().translate(_LOOKALIKE)

    by_plain: dict[str, list[str]] = {}
    for k in dict.fromkeys(str(k) for k in known):
        by_plain.setdefault(plain(k), []).append(k)
    wanted = plain(str(value))
    close = list(by_plain.get(wanted, []))
    if not close:
        scored = [
            (difflib.SequenceMatcher(None, wanted, p).ratio(), names)
            for p, names in by_plain.items()
        ]
        best = max((score for score, _names in scored), default=0.0)
        if best >= 0.6:
            close = [n for score, names in scored if score == best for n in names]
    close = [c for c in close if c != str(value)][:3]
    if not close:
        return ""
    return _(" (did you mean {names}?)").format(names=listing([f"'{c}'" for c in close], "or"))


#: Letters that look like digits in an id: O as 0, I and l as 1 (after casefolding).
_LOOKALIKE = str.maketrans({"o": "0", "i": "1", "l": "1"})


def listing(items: list[str], conjunction: str = "and") -> str:
    """``a, b and c`` (``or`` for alternatives) in the current language."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    word = _("or") if conjunction == "or" else _("and")
    return ", ".join(items[:-1]) + f" {word} " + items[-1]
