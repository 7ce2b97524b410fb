"""One self-contained HTML file: styles, scripts, data and map inline; nothing fetched.

The page's data goes in a ``<script type="application/json">`` block that
the browser never runs, with every ``<``, ``>`` and ``&`` written as a JSON
escape, so no text in it can close the block. The scripts are the vendored
plotly.js and the page's own ``review.js``; a Content-Security-Policy lets
the browser run exactly those two (by their SHA-256) and connect nowhere,
so even injected markup could neither run nor send anything.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from placement.i18n import _, using
from placement.output.files import commit_folder, json_safe
from placement.review.data import TERMS, PageError
from placement.review.text import strings
from placement.vocab import MOVE_COLOUR, OTHER_COLOUR, TYPE_COLOURS

#: The vendored scripts, in the order they run (see ``assets/``).
SCRIPTS = ("plotly-basic.min.js", "review.js")
#: The id of the block that holds the run's provenance (stamped with its history id later).
PROVENANCE_ID = "provenance"
_PROVENANCE = re.compile(
    r'(<script type="application/json" id="provenance">)(.*?)(</script>)', re.DOTALL
)


@lru_cache(maxsize=4)
def asset(name: str) -> str:
    """A file of ``placement/review/assets`` as text."""
    path = files("placement.review") / "assets" / name
    return path.read_text(encoding="utf-8")


def inline_script(code: str) -> str:
    """JavaScript that can sit inside ``<script>``: no ``</script`` or ``<!--`` in it."""
    code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
    return code.replace("<!--", "<\\!--")


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``, whatever its text."""
    text = json.dumps(json_safe(value), ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):  # fmt: skip
        text = text.replace(char, escape)
    return text


def _digest(code: str) -> str:
    return base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")


def render(
    data: Mapping[str, Any],
    *,
    lang: str = "nl",
    title: str,
    provenance: Mapping[str, Any] | None = None,
) -> str:
    """The page for ``data`` (one of :mod:`placement.review.data`), in ``lang``.

    Raises
    ------
    ValueError
        For a language the pages are not written in.
    """
    from placement.about import __version__

    content = {
        **data,
        "lang": lang,
        "text": strings(lang),
        "terms": list(TERMS),
        "colours": {"types": TYPE_COLOURS, "other": OTHER_COLOUR, "move": MOVE_COLOUR},
        "made_by": f"placement {__version__}",
    }
    with using(lang):
        noscript = _("JavaScript is needed to show this page.")
    scripts = [inline_script(asset(name)) for name in SCRIPTS]
    policy = "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(f"'sha256-{_digest(code)}'" for code in scripts),
            "style-src 'unsafe-inline'",
            "img-src data: blob:",
            "font-src data:",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    head = (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>\n{asset('review.css')}</style>\n</head>\n<body>\n"
        f'<div id="app"><p>{html.escape(title)}</p>'
        f"<noscript>{html.escape(noscript)}</noscript></div>\n"
    )
    blocks = [
        f'<script type="application/json" id="page-data">{script_json(content)}</script>',
        f'<script type="application/json" id="{PROVENANCE_ID}">'
        f"{script_json(dict(provenance or {}))}</script>",
        *(f"<script>{code}</script>" for code in scripts),
    ]
    return head + "\n".join(blocks) + "\n</body>\n</html>\n"


def write_text(text: str, path: Path) -> None:
    """Write a page (a writer for :func:`placement.output.files.commit_folder`)."""
    path.write_text(text, encoding="utf-8", newline="\n")


def save(text: str, path: Path) -> Path:
    """Put a page at ``path`` whole or not at all (written beside it, then moved in)."""
    commit_folder({path.name: lambda p: write_text(text, p)}, path.parent, force=True)
    return path


def read_provenance(path: Path) -> dict[str, Any]:
    """The provenance block of a page written by :func:`render`."""
    found = _PROVENANCE.search(path.read_text(encoding="utf-8"))
    if found is None:
        raise PageError(
            _("{path} is not a page of placement (no provenance block)").format(path=path)
        )
    return dict(json.loads(found.group(2)))


def stamp(path: Path, **updates: Any) -> None:
    """Add to a page's provenance, e.g. its run id once the history recorded it."""
    text = path.read_text(encoding="utf-8")
    found = _PROVENANCE.search(text)
    if found is None:
        raise PageError(
            _("{path} is not a page of placement (no provenance block)").format(path=path)
        )
    merged = {**json.loads(found.group(2)), **updates}
    start, end = found.span(2)
    save(text[:start] + script_json(merged) + text[end:], path)
