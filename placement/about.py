"""The program's own version, as installed (``placement --version``, ``run.json``, the history)."""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("placement")
except metadata.PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0+unknown"
