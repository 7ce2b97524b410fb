"""The command line's own words, ``--help`` and usage errors, in the user's language.

Typer and Click word their help and usage errors in English, and in this
Typer (which carries its own Click) without gettext. So the words are
translated where they reach the user, whatever the Click underneath:

- ``--help``: :class:`SpokenCommand` and :class:`SpokenGroup` (the classes of
  every command and group of the app) put the help texts of the command, its
  options and arguments through the catalog while the help is written, with
  Typer's fixed words (the panels "Arguments", "Options", "Commands",
  "[required]", "[default: …]", "Usage:", the types) in the same language;
- usage errors: :meth:`SpokenGroup.main` catches Click's error before it is
  shown and words it again (:func:`spoken_error`): each of Click's English
  messages is known by its form (:data:`MESSAGES`, :data:`DETAILS`), which is
  the same in the Click Typer carries and in Click itself.

The language is the default one (``$PLACEMENT_LANG``, else Dutch), as
``SPEC.md`` says for help and usage errors; in English nothing is changed
but the help texts' ``[``, which Rich would take for markup. Help texts are
English in the code, marked with ``N_`` so the extractor finds them.
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from typer.core import TyperCommand, TyperGroup

from placement.i18n import N_, _, current, listing, word

#: The fixed words of Typer's help (constants of ``typer.rich_utils``), by name.
HELP_WORDS = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "DEPRECATED_STRING": N_("(deprecated) "),
    "ABORTED_TEXT": N_("Aborted."),
}
#: The usage line's words.
USAGE = N_("Usage:")
PIECES = {
    "[OPTIONS]": N_("[OPTIONS]"),
    "COMMAND [ARGS]...": N_("COMMAND [ARGS]..."),
}
#: The help option's own help, and the hint under a usage error.
HELP_OPTION = N_("Show this message and exit.")
TRY_HELP = N_("Try '{command} {option}' for help.")
ERROR = N_("Error")
ABORTED = N_("Aborted!")
#: The type of an option's value as the help shows it (``<path>``; ``""``: a flag shows none).
TYPES = {
    "<bool>": "",
    "<str>": N_("<text>"),
    "<int>": N_("<whole number>"),
    "<int range>": N_("<whole number>"),
    "<float>": N_("<number>"),
    "<float range>": N_("<number>"),
    "<path>": N_("<path>"),
    "<dir>": N_("<folder>"),
    "<file>": N_("<file>"),
    "<datetime>": N_("<date>"),
    "<%Y-%m-%d>": N_("<yyyy-mm-dd>"),
    "<list[str]>": N_("<text>..."),
}

#: The same in the help of a Typer on plain Click (an option's metavar: ``PATH``).
CLICK_TYPES = {
    "TEXT": N_("TEXT"),
    "PATH": N_("PATH"),
    "DIRECTORY": N_("DIRECTORY"),
    "FILE": N_("FILE"),
    "INTEGER": N_("INTEGER"),
    "INTEGER RANGE": N_("INTEGER RANGE"),
    "FLOAT": N_("FLOAT"),
    "FLOAT RANGE": N_("FLOAT RANGE"),
    "DATETIME": N_("DATETIME"),
}

#: Click's usage errors by their English form: pattern, and the text in other words.
#: ``{detail}`` is itself a message of :data:`DETAILS`.
MESSAGES: tuple[tuple[str, str], ...] = (
    (r"Missing argument (?P<name>.+?)\.(?: (?P<detail>.+))?", N_("Missing argument {name}.")),
    (r"Missing option (?P<name>.+?)\.(?: (?P<detail>.+))?", N_("Missing option {name}.")),
    (r"Missing parameter:? (?P<name>.+?)\.?(?: (?P<detail>.+))?", N_("Missing parameter {name}.")),
    (r"Invalid value for (?P<name>.+?): (?P<detail>.+)", N_("Invalid value for {name}: {detail}")),
    (r"Invalid value: (?P<detail>.+)", N_("Invalid value: {detail}")),
    (
        r"No such option: (?P<name>\S+)(?: \(Possible options: (?P<options>.+)\)| Did you mean "
        r"(?P<also>.+)\?)?",
        N_("No such option: {name}"),
    ),
    (
        r"No such command (?P<name>.+?)\.(?: Did you mean (?P<options>.+)\?)?",
        N_("No such command {name}."),
    ),
    (
        r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)",
        N_("Unexpected extra argument(s): {args}"),
    ),
    (r"Missing command\.", N_("Missing command.")),
    (r"Option (?P<name>.+?) requires an argument\.", N_("Option {name} needs a value.")),
    (
        r"Option (?P<name>.+?) requires (?P<n>\d+) arguments\.",
        N_("Option {name} needs {n} values."),
    ),
    (r"Option (?P<name>.+?) does not take a value\.", N_("Option {name} takes no value.")),
    (r"Argument (?P<name>.+?) takes (?P<n>\d+) values\.", N_("Argument {name} takes {n} values.")),
)
DETAILS: tuple[tuple[str, str], ...] = (
    (
        r"Input should be greater than or equal to (?P<limit>\S+?)\.?",
        N_("must be at least {limit}"),
    ),
    (r"Input should be greater than (?P<limit>\S+?)\.?", N_("must be more than {limit}")),
    (r"Input should be less than or equal to (?P<limit>\S+?)\.?", N_("must be at most {limit}")),
    (r"Input should be less than (?P<limit>\S+?)\.?", N_("must be less than {limit}")),
    (r"Input should be a valid (?:number|float)\b.*", N_("must be a number")),
    (r"Input should be a valid integer\b.*", N_("must be a whole number")),
    (r"Input should be a valid boolean\b.*", N_("must be true or false")),
    (r"Input should be a valid (?:date|datetime)\b.*", N_("must be a date (yyyy-mm-dd)")),
    (r"(?P<value>'.*?') is not one of (?P<choices>.+?)\.?", N_("{value} is not one of {choices}")),
    (r"(?P<value>.+?) is not in the range (?P<range>.+?)\.?", N_("{value} is not in {range}")),
    (
        r"(?P<value>.+?) is not a valid (?:float|number)(?: range)?\.?",
        N_("{value} is not a number"),
    ),
    (
        r"(?P<value>.+?) is not a valid integer(?: range)?\.?",
        N_("{value} is not a whole number"),
    ),
    (r"(?P<value>.+?) is not a valid boolean\.?", N_("{value} is not true or false")),
    (
        r"Value (?P<value>.+?) is not a valid (?P<label>.+?)\.?",
        N_("{value} is not a valid {label}"),
    ),
    (
        r"(?:[Dd]ir|[Dd]irectory) (?P<value>'.*') does not exist\.?",
        N_("the folder {value} does not exist"),
    ),
    (r"[Ff]ile (?P<value>'.*') does not exist\.?", N_("the file {value} does not exist")),
    (r"[Pp]ath (?P<value>'.*') does not exist\.?", N_("{value} does not exist")),
    (r"\w+ (?P<value>'.*') is a file\.?", N_("{value} is a file, not a folder")),
    (r"\w+ (?P<value>'.*') is a directory\.?", N_("{value} is a folder, not a file")),
    (r"\w+ (?P<value>'.*') is not readable\.?", N_("{value} cannot be read")),
    (r"\w+ (?P<value>'.*') is not writable\.?", N_("{value} cannot be written")),
    (r"Value error, (?P<detail>.+)", "{detail}"),
)
DID_YOU_MEAN = N_("did you mean {options}?")


def _said(table: tuple[tuple[str, str], ...], text: str) -> str | None:
    """``text`` in the current language when it has one of the forms of ``table``; else None."""
    for pattern, words in table:
        found = re.fullmatch(pattern, text.strip(), flags=re.DOTALL)
        if found is None:
            continue
        parts = {k: v or "" for k, v in found.groupdict().items()}
        if "detail" in parts and parts["detail"]:
            parts["detail"] = spoken_detail(parts["detail"])
        said = _(words).format(**parts) if words != "{detail}" else parts["detail"]
        options = parts.get("options") or parts.get("also")
        if options:
            choices = listing([o.strip() for o in options.split(",")], "or")
            said += " (" + _(DID_YOU_MEAN).format(options=choices) + ")"
        return said
    return None


def spoken_detail(text: str) -> str:
    """What was wrong with a value, in the current language (as it was when not known)."""
    return _said(DETAILS, text) or text


def spoken_error(message: str) -> str:
    """One of Click's usage errors in the current language (as it was when not known)."""
    if current() == "en":
        return message
    return _said(MESSAGES, message) or spoken_detail(message)


# --------------------------------------------------------------------------- help


def _rich_utils() -> Any:
    try:
        return importlib.import_module("typer.rich_utils")
    except ImportError:  # Typer without Rich: its plain help
        return None


@contextmanager
def _swapped(obj: Any, values: dict[str, Any]) -> Iterator[None]:
    """Set attributes of ``obj`` for the block, and put the old ones back."""
    old = {name: getattr(obj, name) for name in values if hasattr(obj, name)}
    own = {name for name in old if name in getattr(obj, "__dict__", {})}
    try:
        for name in old:
            setattr(obj, name, values[name])
        yield
    finally:
        for name, value in old.items():
            if name in own:
                setattr(obj, name, value)
            else:  # a method of the class, shadowed for the block
                delattr(obj, name)


def _help_text(text: str | None, markup: bool) -> str | None:
    """A help text from the code in the current language, safe for Rich's markup."""
    if not text:
        return text
    said = _(inspect.cleandoc(text))
    if markup:
        from rich.markup import escape

        said = escape(said)  # "[weights]" is a word, not a style
    return said


def _type_word(param: Any, ctx: Any) -> dict[str, Any]:
    """The type a parameter shows in the help, in the current language (``{}``: leave it).

    The attribute to set for the block: Typer's ``display_type_rich`` (``<path>``),
    or, in a Typer on plain Click, an option's ``metavar`` (``PATH``).
    """
    if getattr(param, "metavar", None) is not None:
        return {}
    shown = getattr(param, "display_type_rich", None)
    if shown is not None:
        try:
            label = shown(ctx=ctx)
        except TypeError:
            return {}
        if label not in TYPES:
            return {}
        word = _(TYPES[label]) if TYPES[label] else ""
        return {"display_type_rich": lambda ctx=None: word}
    make = getattr(param, "make_metavar", None)
    if make is None or getattr(param, "param_type_name", "") != "option":
        return {}
    try:
        label = make()
    except TypeError:  # Click 8.2 asks for the context
        label = make(ctx)
    return {"metavar": _(CLICK_TYPES[label])} if label in CLICK_TYPES else {}


@contextmanager
def spoken_help(command: Any, ctx: Any) -> Iterator[None]:
    """While ``command``'s help is written: its texts and Typer's words in the language."""
    markup = getattr(command, "rich_markup_mode", None) == "rich"
    dutch = current() != "en"
    changes: list[tuple[Any, dict[str, Any]]] = []
    commands = []
    if isinstance(command, TyperGroup):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                commands.append(sub)
    for cmd in [command, *commands]:
        changes.append(
            (cmd, {"help": _help_text(cmd.help, markup), "short_help": _help_text(
                cmd.short_help, markup)})
        )  # fmt: skip
    for param in command.get_params(ctx):
        values: dict[str, Any] = {"help": _help_text(getattr(param, "help", None), markup)}
        if dutch:
            values.update(_type_word(param, ctx))
        changes.append((param, values))
    words = _rich_utils()
    fixed = {name: _(text) for name, text in HELP_WORDS.items()} if dutch else {}
    with _all_swapped([*changes, *([(words, fixed)] if words is not None else [])]):
        yield


@contextmanager
def _all_swapped(changes: list[tuple[Any, dict[str, Any]]]) -> Iterator[None]:
    if not changes:
        yield
        return
    (obj, values), *rest = changes
    with _swapped(obj, values), _all_swapped(rest):
        yield


class _Spoken:
    """What :class:`SpokenCommand` and :class:`SpokenGroup` share: help in the language."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with spoken_help(self, ctx):
            super().format_help(ctx, formatter)  # type: ignore[misc]

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_(USAGE) + " ")

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        return [word(PIECES, p) for p in pieces]


class SpokenCommand(_Spoken, TyperCommand):
    """A command whose help is in the user's language."""


class SpokenGroup(_Spoken, TyperGroup):
    """A group whose help and usage errors are in the user's language (the app's own group)."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Click's ``main``, with its usage errors shown in the user's language."""
        run = super().main
        given = {"args": args, "prog_name": prog_name, "complete_var": complete_var,
                 "windows_expand_args": windows_expand_args, **extra}  # fmt: skip
        if not standalone_mode or current() == "en":
            return run(standalone_mode=standalone_mode, **given)
        try:
            returned = run(standalone_mode=False, **given)
        except Exception as exc:
            if _is(exc, "NoArgsIsHelpError"):
                text = exc.format_message()  # type: ignore[attr-defined]
                if text.strip():  # (Typer with Rich has printed the help already)
                    _say(text)
                sys.exit(2)
            if _is(exc, "ClickException"):
                show_error(exc)
                sys.exit(int(getattr(exc, "exit_code", 1)))
            if _is(exc, "Abort"):
                _say(_(ABORTED))
                sys.exit(1)
            raise
        sys.exit(returned if isinstance(returned, int) else 0)


def _is(exc: BaseException, name: str) -> bool:
    """Whether ``exc`` is a ``name`` of Click or Typer (whichever Click is underneath)."""
    return any(
        c.__name__ == name and c.__module__.split(".")[0] in ("click", "typer")
        for c in type(exc).__mro__
    )


def _say(text: str) -> None:
    from placement.cli.common import err

    err.print(text, markup=False, highlight=False)


def show_error(exc: Any) -> None:
    """A usage error as Typer shows it, in the current language: usage, hint, the error."""
    from rich.panel import Panel
    from rich.text import Text

    from placement.cli.common import err

    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        _say(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            hint = _(TRY_HELP).format(command=ctx.command_path, option=ctx.help_option_names[0])
            err.print(hint, style="dim", markup=False, highlight=False)
    message = spoken_error(exc.format_message())
    try:
        panel = Panel(Text(message), border_style="red", title=_(ERROR), title_align="left")
        err.print(panel, highlight=False)
    except Exception:  # noqa: BLE001 (a console that cannot draw a panel: the line alone)
        word = _(ERROR)
        _say(f"{word}: {message}")


def spoken(make: Callable[..., Any]) -> Callable[..., Any]:
    """``app.command``/``Typer`` with the spoken class: ``spoken(app.command)(...)``."""

    def with_class(*args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", SpokenCommand)
        return make(*args, **kwargs)

    return with_class
