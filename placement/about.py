"""The program's own version, those of what it runs on, and the user's folder of its own files."""

from __future__ import annotations

import functools
import os
import sys
from importlib import metadata
from pathlib import Path

try:
    __version__ = metadata.version("placement")
except metadata.PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0+unknown"

#: The packages whose versions a run records: one solver version can place
#: differently from another where two placements tie.
RECORDED = ("placement", "highspy", "numpy", "pandas", "pyomo")


def versions() -> dict[str, str]:
    """Versions of Python, placement, highspy (and the HiGHS inside it), numpy, pandas, Pyomo."""
    return dict(_versions())


@functools.cache
def _versions() -> dict[str, str]:
    found = {"python": sys.version.split()[0]}
    for name in RECORDED:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = __version__ if name == "placement" else "unknown"
    try:
        import highspy

        v = (highspy.HIGHS_VERSION_MAJOR, highspy.HIGHS_VERSION_MINOR, highspy.HIGHS_VERSION_PATCH)
        found["highs"] = ".".join(str(part) for part in v)
    except (ImportError, AttributeError):  # a missing solver must not lose the record
        found["highs"] = "unknown"
    return found


def user_folder() -> Path:
    """Placement's folder in the user's data folder (the run history, crash reports).

    ``$XDG_DATA_HOME`` or ``~/.local/share`` on Linux, ``~/Library/Application
    Support`` on macOS, ``%LOCALAPPDATA%`` on Windows; then ``placement``.
    """
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "placement"
