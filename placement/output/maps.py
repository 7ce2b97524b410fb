"""Maps of a run and of a what-if's differences (matplotlib + geopandas).

Drawn on the CBS gemeente and province boundaries in ``data/`` with their
attribution on the map. Only result frames are used (see
:mod:`placement.output.export` for the point and line frames). The functions draw
on a given matplotlib ``Axes`` (for notebooks) or on a new figure that is
saved as PNG; nothing here uses pyplot's global state.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from placement.i18n import _
from placement.output.tables import (
    CRS,
    RunTables,
    changes_frame,
    lines_between,
    locations_frame,
    moves_frame,
)
from placement.resources import reference_file
from placement.vocab import MOVE_COLOUR, TYPE_COLOURS

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Shown on every map: the boundaries are CBS/PDOK data under CC BY 4.0.
ATTRIBUTION = "Bron: CBS / PDOK (CC BY 4.0)"
FIGSIZE = (8.0, 9.5)


@lru_cache(maxsize=2)
def boundaries(level: str = "gemeenten") -> gpd.GeoDataFrame:
    """The CBS boundaries shipped in ``data/`` (``gemeenten`` or ``provincies``)."""
    return gpd.read_file(reference_file(f"{level}.geojson")).to_crs(CRS)


def base_map(ax: Axes) -> None:
    """Gemeente and province boundaries, the attribution, no axes."""
    boundaries("gemeenten").plot(ax=ax, facecolor="#f4f4f0", edgecolor="#c8c8c8", linewidth=0.3)
    boundaries("provincies").plot(ax=ax, facecolor="none", edgecolor="#808080", linewidth=0.7)
    ax.set_axis_off()
    ax.annotate(
        ATTRIBUTION, xy=(1, 0), xycoords="axes fraction", ha="right", va="bottom",
        fontsize=7, color="#555555",
    )  # fmt: skip


def marker_sizes(
    persons: pd.Series | np.ndarray, largest: float, *, root: bool = False
) -> np.ndarray:
    """Marker areas (points^2) proportional to persons, ``largest`` -> 400.

    With ``root``, proportional to the square root, so small changes stay visible.
    """
    share = np.abs(np.asarray(persons, dtype=float)) / max(largest, 1.0)
    return 8 + 400 * (np.sqrt(share) if root else share)


def plot_run(tables: RunTables, ax: Axes, title: str = "") -> Axes:
    """Locations sized by occupancy and coloured by type; moves as lines."""
    base_map(ax)
    sites = locations_frame(tables)
    moves = moves_frame(tables)
    if len(moves):
        widths = 0.5 + 2.5 * moves["persons"] / max(int(moves["persons"].max()), 1)
        moves.plot(ax=ax, color=MOVE_COLOUR, linewidth=widths, alpha=0.7, zorder=2)
    largest = float(sites["occupancy_after"].max() or 1)
    colours = sites["type"].map(TYPE_COLOURS).fillna("#7f7f7f")
    is_open = sites["open"].astype(bool) if "open" in sites else pd.Series(True, sites.index)
    for opened, marker in ((True, "o"), (False, "x")):
        part = sites[is_open == opened]
        ax.scatter(
            part.geometry.x, part.geometry.y, s=marker_sizes(part["occupancy_after"], largest),
            c=colours[part.index], marker=marker, alpha=0.8,
            edgecolors="white" if opened else None, linewidths=0.5, zorder=3,
        )  # fmt: skip
    handles = [_dot(TYPE_COLOURS.get(t, "#7f7f7f"), t) for t in pd.unique(sites["type"])]
    handles.append(Line2D([], [], color=MOVE_COLOUR, label=_("moves")))
    if (~is_open).any():
        handles.append(_dot("#7f7f7f", _("closed"), marker="x"))
    ax.legend(handles=handles, loc="upper left", fontsize=8, title=_("type (size: occupancy)"),
              title_fontsize=8, frameon=False)  # fmt: skip
    ax.set_title(title or _("Occupancy after placement"))
    return ax


def plot_difference(
    changes: pd.DataFrame, closure_moves: pd.DataFrame, ax: Axes, title: str = ""
) -> Axes:
    """A variant against the baseline: occupancy change per location, closure moves.

    ``changes`` and ``closure_moves`` are one variant's rows of
    :class:`~placement.results.compare.Comparison` ``locations`` and ``closure_moves``.
    """
    base_map(ax)
    sites = changes_frame(changes)
    placed = closure_moves[closure_moves["to_location_id"] != ""]
    if len(placed):
        pairs = (
            placed.groupby(["from_location_id", "to_location_id"], sort=False)["persons"]
            .sum()
            .reset_index()
        )
        lines = lines_between(pairs, changes)
        widths = 0.5 + 2.5 * lines["persons"] / max(int(lines["persons"].max()), 1)
        lines.plot(ax=ax, color="#6a3d9a", linewidth=widths, alpha=0.7, zorder=2)
    delta = sites["occupancy_change"].astype(float)
    largest = float(delta.abs().max() or 1)
    norm = TwoSlopeNorm(vcenter=0, vmin=-largest, vmax=largest)
    same = delta == 0
    ax.scatter(sites.geometry.x[same], sites.geometry.y[same], s=6, c="#b0b0b0", zorder=3)
    kinds = (("added", "*"), ("closed", "X"), ("removed", "X"))
    others = ~same & ~sites["change"].isin([k for k, _marker in kinds])
    points = None
    for mask, marker in [(others, "o"), *((sites["change"] == k, m) for k, m in kinds)]:
        part = sites[mask]
        if len(part):
            size = marker_sizes(delta[mask], largest, root=True)
            points = ax.scatter(
                part.geometry.x, part.geometry.y, s=size, c=delta[mask], cmap="RdBu",
                norm=norm, marker=marker, edgecolors="black", linewidths=0.4, zorder=4,
            )  # fmt: skip
    if points is not None:
        ax.figure.colorbar(points, ax=ax, shrink=0.5, label=_("occupancy change (persons)"))
    handles = [
        _dot("#b0b0b0", _("no change")),
        _dot("white", _("added location"), marker="*"),
        _dot("white", _("closed location"), marker="X"),
        Line2D([], [], color="#6a3d9a", label=_("moves caused by a closure")),
    ]
    ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=False)
    ax.set_title(title or _("Difference with the baseline"))
    return ax


def _dot(colour: str, label: str, marker: str = "o") -> Line2D:
    return Line2D(
        [], [], marker=marker, linestyle="", markerfacecolor=colour, markeredgecolor="black",
        markeredgewidth=0.4, markersize=8, label=label,
    )  # fmt: skip


def run_map(tables: RunTables, path: Path | None = None, *, title: str = "") -> Figure:
    """A map of one run; saved as PNG when ``path`` is given."""
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    plot_run(tables, fig.add_subplot(), title=title)
    return _save(fig, path)


def difference_map(
    changes: pd.DataFrame,
    closure_moves: pd.DataFrame,
    path: Path | None = None,
    *,
    title: str = "",
) -> Figure:
    """A map of a variant's differences with the baseline; saved as PNG when ``path``."""
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    plot_difference(changes, closure_moves, fig.add_subplot(), title=title)
    return _save(fig, path)


def _save(fig: Figure, path: Path | None) -> Figure:
    if path is not None:
        fig.savefig(path, dpi=120, format="png")
    return fig


def figure_png(fig: Figure) -> Any:
    """The figure as an IPython PNG image (for notebooks)."""
    import io

    from IPython.display import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, dpi=100, format="png")
    return Image(buffer.getvalue())
