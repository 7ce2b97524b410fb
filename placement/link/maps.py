"""A map of a link run: quotas used per gemeente and the links from each location.

Drawn on the CBS boundaries with their attribution, as the placement maps are
(:mod:`placement.output.maps`); only the result's frames are used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from placement.link.geo import link_lines
from placement.output.maps import FIGSIZE, base_map, boundaries

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from placement.input.scenario import Scenario
    from placement.link.results import LinkResult

LINK_COLOUR = "#6a3d9a"


def plot_links(result: LinkResult, scenario: Scenario, ax: Axes, title: str = "") -> Axes:
    """Gemeenten with a quota shaded by the share linked; links as lines, width by persons."""
    base_map(ax)
    table = result.gemeenten
    share = (table["linked_persons"] / table["quota"].where(table["quota"] > 0)).fillna(0.0)
    shapes = boundaries("gemeenten").merge(
        table.assign(share=share)[["gemeente_code", "share"]], on="gemeente_code"
    )
    if len(shapes):
        shapes.plot(
            ax=ax, column="share", cmap="Greens", norm=Normalize(0, 1), edgecolor="#c8c8c8",
            linewidth=0.3, legend=True,
            legend_kwds={"shrink": 0.5, "label": "share of the quota linked"},
        )  # fmt: skip
    lines = link_lines(result, scenario)
    if len(lines):
        widths = 0.4 + 2.6 * lines["persons"] / max(int(lines["persons"].max()), 1)
        lines.plot(ax=ax, color=LINK_COLOUR, linewidth=widths, alpha=0.6, zorder=3)
    handles = [Line2D([], [], color=LINK_COLOUR, label="links (width: persons)")]
    ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=False)
    k = result.kpis
    ax.set_title(
        title
        or f"Links {k.get('planning_date', '')}: {k['linked_persons']} persons linked, "
        f"{k['unlinked_persons']} not"
    )
    return ax


def link_map(result: LinkResult, scenario: Scenario, path: Path | None = None) -> Figure:
    """A map of a link run; saved as PNG when ``path`` is given."""
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    plot_links(result, scenario, fig.add_subplot())
    if path is not None:
        fig.savefig(path, dpi=120, format="png")
    return fig
