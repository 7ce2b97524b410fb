"""Maps: a PNG of a run and of a what-if's differences, with the CBS attribution."""

from __future__ import annotations

from pathlib import Path

import matplotlib.image as mpimg
import pytest

from placement import read_scenario
from placement.output.maps import ATTRIBUTION, boundaries, difference_map, run_map
from placement.output.tables import run_tables
from placement.whatif import read_variants, run_whatif

SMALL = Path(__file__).parent.parent / "data" / "whatif"


@pytest.fixture(scope="module")
def whatif():
    return run_whatif(read_scenario(SMALL), read_variants(SMALL / "variants.toml"))


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_run_map_is_a_real_png_with_attribution(whatif, tmp_path):
    """map.png is written, large and not blank; the attribution is on the map."""
    path = tmp_path / "map.png"
    fig = run_map(run_tables(whatif.outcomes["close-a"]), path, title="close-a")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 20_000
    image = mpimg.imread(path)
    assert image.shape[0] > 500 and image.shape[1] > 500
    assert image[..., :3].std() > 0.05  # boundaries and points drawn, not a blank canvas
    assert ATTRIBUTION in _texts(fig)
    ax = fig.axes[0]
    assert len(ax.collections) >= 4  # gemeenten, provinces, moves, locations


def test_difference_map_marks_closure_moves(whatif, tmp_path):
    """The difference map draws the closure's moves and a colour bar of the change."""
    c = whatif.comparison
    path = tmp_path / "diff.png"
    fig = difference_map(
        c.locations[c.locations["variant"] == "close-a"],
        c.closure_moves[c.closure_moves["variant"] == "close-a"],
        path,
    )
    assert path.stat().st_size > 20_000
    assert len(fig.axes) == 2  # the map and its colour bar
    assert ATTRIBUTION in _texts(fig)


def test_boundaries_are_the_cbs_gemeenten():
    """The base map uses the 342 gemeenten of 2025 and 12 provinces, in WGS84."""
    gemeenten = boundaries("gemeenten")
    assert len(gemeenten) == 342 and gemeenten.crs.to_epsg() == 4326
    assert len(boundaries("provincies")) == 12
