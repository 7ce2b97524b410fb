"""What ships with the program: the landscapes, the gemeente table, boundaries, COA figures.

Kept at the top of the repository, where people edit them: the landscapes
in ``models/`` and the reference data in ``data/`` (derived from public
sources by ``scripts/build_reference_data.py``). A build copies them into
the package, as ``placement.resources.landscapes`` and
``placement.resources.reference``, and an installed program reads them from
there with :mod:`importlib.resources`. Run from a checkout (also after an
editable install) there is no copy, and the files are read where they are
kept. Everything else reads them through :func:`landscape_files` and
:func:`reference_file`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent.parent
_KEPT = {"landscapes": _CHECKOUT / "models", "reference": _CHECKOUT / "data"}


def _folder(kind: str) -> Path:
    """The folder of ``kind``: the installed copy, else the checkout's own."""
    package = files(__name__)
    if not isinstance(package, Path):  # e.g. imported from a zip archive
        raise RuntimeError("placement must be installed as files, not in an archive")
    installed = package / kind
    return installed if installed.is_dir() else _KEPT[kind]


def landscape_files() -> dict[str, Path]:
    """The shipped landscapes by name: ``{"2024": .../landscape-2024.toml, ...}``."""
    return {
        p.stem.removeprefix("landscape-"): p
        for p in sorted(_folder("landscapes").glob("landscape-*.toml"))
    }


def reference_file(name: str) -> Path:
    """A reference data file (``gemeenten.csv``, ``gemeenten.geojson``, ...).

    Raises
    ------
    FileNotFoundError
        When the program was installed without it.
    """
    path = _folder("reference") / name
    if not path.is_file():
        raise FileNotFoundError(f"placement's reference data has no {name}; reinstall placement")
    return path
