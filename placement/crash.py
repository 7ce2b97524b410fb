"""A defect's report: what failed, where in the code, on which versions; never the user's data.

An exception that is not one of :mod:`placement.errors` is a defect in the
program, not a problem of the user's input. The command line then exits
with status 70, prints one line in the user's language and leaves a report
file behind for the maintainers. The report holds the versions (see
:func:`placement.about.versions`), the platform, the command and the names
of the options it was given (never their values: those are the user's
paths), and the stack: each frame's file (below its package folder, never
a home folder), line, function and source line, and the exception's type
and its own message, cut short. It never holds a local variable, a row or
a cell of the input.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import traceback
from collections.abc import Iterable
from pathlib import Path

from placement.about import user_folder, versions

#: Where reports go when set; else ``crashes/`` beside the run history.
ENV_VAR = "PLACEMENT_CRASH_DIR"
#: The exit status of a defect (``EX_SOFTWARE`` of sysexits.h).
EXIT_DEFECT = 70
#: Characters of the exception's own message a report keeps.
MESSAGE = 300


def crash_folder() -> Path:
    """``$PLACEMENT_CRASH_DIR``, else ``crashes/`` in placement's user folder, by the history."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    return user_folder() / "crashes"


def report_text(exc: BaseException, command: str, options: Iterable[str] = ()) -> str:
    """The report of ``exc`` raised by ``command`` run with the options named ``options``."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    lines = [
        "placement crash report",
        f"time: {now}",
        f"command: {command}",
        f"options given: {', '.join(options) or '(none)'}",
        f"platform: {platform.platform()} {platform.machine()}",
        "versions: " + ", ".join(f"{k} {v}" for k, v in sorted(versions().items())),
        "",
    ]
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 5:
        chain.append(seen)
        seen = seen.__cause__ or (None if seen.__suppress_context__ else seen.__context__)
    for i, link in enumerate(reversed(chain)):
        if i:
            lines += ["", "which led to:"]
        lines += _stack(link)
    return "\n".join(lines) + "\n"


def _stack(exc: BaseException) -> list[str]:
    lines = ["stack (most recent call last):"]
    for frame in traceback.extract_tb(exc.__traceback__):
        lines.append(f"  {_short(frame.filename)}:{frame.lineno} in {frame.name}")
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    message = str(exc)
    if len(message) > MESSAGE:
        message = message[:MESSAGE] + " …"
    lines.append(f"{type(exc).__module__}.{type(exc).__qualname__}: {message}")
    return lines


def _short(filename: str) -> str:
    """A frame's file below its package folder (``placement/solve/repair.py``)."""
    parts = Path(filename).parts
    for marker in ("site-packages", "dist-packages"):
        if marker in parts:
            return "/".join(parts[parts.index(marker) + 1 :])
    here = Path(__file__).resolve().parent
    try:
        return str(Path(filename).resolve().relative_to(here.parent))
    except ValueError:
        pass
    if filename.startswith(sys.prefix) or filename.startswith(sys.base_prefix):
        return "python/" + Path(filename).name
    return Path(filename).name


def write_report(exc: BaseException, command: str, options: Iterable[str] = ()) -> Path:
    """Write the report of ``exc`` to a new file in :func:`crash_folder`; its path.

    Raises ``OSError`` when the folder cannot be made or written.
    """
    folder = crash_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = report_text(exc, command, options)
    for n in range(1000):
        path = folder / f"crash-{stamp}-{os.getpid()}{f'-{n}' if n else ''}.txt"
        try:
            with open(path, "x", encoding="utf-8") as f:
                f.write(text)
            return path
        except FileExistsError:
            continue
    raise FileExistsError(folder)
