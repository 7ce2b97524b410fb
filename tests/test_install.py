"""A built wheel installs and runs from any folder: everything it needs ships inside it."""

from __future__ import annotations

import json
import shutil
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment with the wheel installed; its dependencies come from this one.

    The dependencies are made visible by a path entry (not a site folder, so
    the checkout's editable hook in this environment is not run): whatever
    ``placement`` the fresh environment imports is the wheel's.
    """
    root = tmp_path_factory.mktemp("install")
    leftover = not (REPO / "build").exists()  # setuptools builds in the checkout's build/
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(root / "dist"), str(REPO)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if leftover:
        shutil.rmtree(REPO / "build", ignore_errors=True)
    assert built.returncode == 0, built.stderr
    (wheel,) = (root / "dist").glob("placement-*.whl")
    env = root / "env"
    venv.create(env, with_pip=False)
    target = next((env / "lib").glob("python3*/site-packages"))
    borrowed = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (target / "_borrowed.pth").write_text("\n".join(borrowed) + "\n")
    with zipfile.ZipFile(wheel) as archive:  # what pip does for a pure-Python wheel
        archive.extractall(target)
    bin_ = env / "bin"
    (bin_ / "placement").write_text(
        f"#!{bin_ / 'python'}\nfrom placement.cli import app\napp()\n", encoding="utf-8"
    )
    (bin_ / "placement").chmod(0o755)
    return env


def _run(env: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(env / "bin" / "placement"), *args], cwd=cwd, capture_output=True, text=True,
        check=False, env={"PATH": "/usr/bin:/bin", "PLACEMENT_HISTORY": str(cwd / "h.sqlite")},
    )  # fmt: skip


def test_wheel_holds_the_landscapes_and_the_reference_data(installed: Path):
    """The shipped files are inside the installed package, and it is the one imported."""
    done = subprocess.run(
        [str(installed / "bin" / "python"), "-c",
         "import placement, placement.resources as r; print(placement.__file__); "
         "print(sorted(r.landscape_files())); print(r.reference_file('provincies.geojson'))"],
        capture_output=True, text=True, check=True, cwd="/",
    )  # fmt: skip
    module, landscapes, provinces = done.stdout.splitlines()
    assert module.startswith(str(installed)) and provinces.startswith(str(installed))
    assert landscapes == "['2020', '2024']"


def test_installed_commands_run_from_another_folder(installed: Path, tmp_path: Path):
    """--version, validate and place the demo, generate, a what-if with --map, export alone.

    The export includes the review page, whose scripts must come from the wheel.
    """
    version = _run(installed, tmp_path, "--version")
    assert version.returncode == 0 and version.stdout.startswith("placement ")
    demo = REPO / "data" / "demo"
    validate = _run(installed, tmp_path, "validate", str(demo))
    assert validate.returncode == 0, validate.stderr
    place = _run(installed, tmp_path, "place", str(demo), "--out", "out")
    assert place.returncode == 0, place.stderr
    assert json.loads((tmp_path / "out" / "kpis.json").read_text())["status"] == "optimal"
    export = _run(installed, tmp_path, "export", "out", "--format", "gpkg,geojson,png,xlsx,html")
    assert export.returncode == 0, export.stderr
    for name in ("map.gpkg", "locations.geojson", "moves.geojson", "map.png", "results.xlsx"):
        assert (tmp_path / "out" / name).stat().st_size > 0, name
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "plotly.js (basic - minified)" in page and "function runPage()" in page
    generate = _run(
        installed, tmp_path, "generate", "gen", "--persons", "800", "--arrivals", "20",
        "--locations", "12",
    )  # fmt: skip
    assert generate.returncode == 0, generate.stderr
    assert (tmp_path / "gen" / "persons.csv").is_file()
    whatif = _run(installed, tmp_path, "whatif", "gen", "--out", "w", "--close", "L001", "--map")
    assert whatif.returncode == 0, whatif.stderr
    assert list((tmp_path / "w" / "comparison").glob("map_*.png"))


def test_wheel_carries_the_compiled_dutch_catalog(installed: Path, tmp_path: Path):
    """The build compiled the .po: the wheel holds the .mo, and its reasons are Dutch by default."""
    done = subprocess.run(
        [str(installed / "bin" / "python"), "-c",
         "import placement.i18n as i; d = i.LOCALE_DIR / 'nl' / 'LC_MESSAGES'; "
         "print(sorted(p.name for p in d.iterdir())); print(i.catalog('nl').gettext('and'))"],
        capture_output=True, text=True, check=True, cwd="/",
    )  # fmt: skip
    files, word = done.stdout.splitlines()
    assert files == "['placement.mo']" and word == "en"
    place = _run(installed, tmp_path, "place", str(REPO / "data" / "demo"), "--out", "out")
    assert place.returncode == 0, place.stderr
    assert "Resultaten in out/" in place.stdout
    reasons = (tmp_path / "out" / "placements.csv").read_text(encoding="utf-8")
    assert "Blijft op " in reasons and "Stays at " not in reasons
