"""The replications summed up: weeks, summary, outlook, KPIs and the fan charts.

Everything here is computed from the tasks' week rows and outlook rows,
never from a model. Percentiles are over replications (p10, p50, p90,
linear interpolation).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from placement.i18n import _
from placement.simulate.run import TaskResult

#: Week figures that are not summed up across replications.
NOT_SUMMED = ("variant", "replication", "week", "date", "status")
#: Figures whose running total over the weeks is a KPI of its own.
CUMULATIVE = ("moved_persons", "moved_children", "children_over_cap", "linked",
              "departures_housing", "arrived_children", "arrived_children_moved_twice",
              "children_over_cap_floor")  # fmt: skip
#: Totals over the horizon in kpis.json.
TOTALS = ("moved_persons", "moved_children", "children_over_cap", "linked", "departures_housing",
          "departures_other", "arrivals", "arrived_children", "arrived_children_moved_twice",
          "children_over_cap_floor")  # fmt: skip
#: Totals that kpis.json also gives at the variant's top level (the motions' measure).
MOTION = ("arrived_children", "arrived_children_moved_twice")


def weeks_table(results: list[TaskResult]) -> pd.DataFrame:
    """One row per variant, replication and week, with the running totals."""
    rows = [row for r in results for row in r.weeks]
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    table = table.sort_values(["variant", "replication", "week"], kind="stable")
    by = table.groupby(["variant", "replication"], sort=False)
    for name in CUMULATIVE:
        table[f"{name}_cumulative"] = by[name].cumsum()
    return table.reset_index(drop=True)


def summary_table(weeks: pd.DataFrame) -> pd.DataFrame:
    """Per variant, week and KPI: mean, p10, p50, p90 over replications."""
    numeric = [
        c for c in weeks.columns
        if c not in NOT_SUMMED and pd.api.types.is_numeric_dtype(weeks[c])
        and not c.endswith("_seconds")
    ]  # fmt: skip
    long = weeks.melt(id_vars=["variant", "week"], value_vars=numeric, var_name="kpi")
    grouped = long.groupby(["variant", "week", "kpi"], sort=False)["value"]
    table = grouped.agg(mean="mean")
    values = long["value"].to_numpy(dtype=float)
    quantiles = group_quantiles(values, grouped.ngroup().to_numpy(), len(table), PERCENTILES)
    for j, name in enumerate(("p10", "p50", "p90")):
        table[name] = quantiles[:, j]
    return table.reset_index()


#: The percentiles of the summary, as fractions.
PERCENTILES = (0.1, 0.5, 0.9)


def group_quantiles(
    values: np.ndarray, group: np.ndarray, groups: int, qs: tuple[float, ...]
) -> np.ndarray:
    """``np.quantile`` (linear) of each group's values, NaN left out, as pandas does; groups × qs.

    Groups of one size without a gap are done at once, a row each: the
    replications of a week are mostly all there (a week may be missing from
    a replication that stopped, a figure may be NaN). A group of only gaps is NaN.
    """
    out = np.full((groups, len(qs)), np.nan)
    order = np.argsort(group, kind="stable")
    sizes = np.bincount(group, minlength=groups)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    gap = np.bincount(group, weights=np.isnan(values), minlength=groups) > 0
    for size in np.unique(sizes[~gap]):
        rows = np.flatnonzero((sizes == size) & ~gap)
        at = order[starts[rows][:, None] + np.arange(size)[None, :]]
        out[rows] = np.quantile(values[at], qs, axis=1, method="linear").T
    for g in np.flatnonzero(gap):
        kept = values[order[starts[g] : starts[g] + sizes[g]]]
        kept = kept[~np.isnan(kept)]
        if kept.size:
            out[g] = np.quantile(kept, qs, method="linear")
    return out


def outlook_table(
    results: list[TaskResult], gemeenten: pd.DataFrame, target: int, spread: pd.DataFrame | None
) -> pd.DataFrame:
    """Per variant, week, province and type: capacity, occupancy p50/p90, beds short p50/p90.

    Rows of type ``all`` per province compare capacity and occupancy with
    the Spreidingswet key: the beds of the scenario itself (that variant and
    week, every province) spread by the key's shares, by population or by
    the places of ``spread.csv``. So the key says how many of *these* beds a
    province would hold, whatever the scenario's size (``target``, the
    national number of places, no longer scales it; kept for callers).
    """
    rows = pd.DataFrame([row for r in results for row in r.outlook])
    if rows.empty:
        return rows
    keys = ["variant", "week", "province", "type"]
    grouped = rows.groupby(keys, sort=True)
    table = grouped.agg(capacity=("capacity", "median")).reset_index()
    for column, name in (("occupancy", "occupancy"), ("beds_short", "beds_short")):
        table[f"{name}_p50"] = grouped[column].quantile(0.5).to_numpy()
        table[f"{name}_p90"] = grouped[column].quantile(0.9).to_numpy()
    per_province = (
        rows[rows["province"] != "NL"]
        .groupby(["variant", "replication", "week", "province"], sort=True)[
            ["capacity", "occupancy"]
        ]
        .sum()
        .reset_index()
    )
    shares = spread_shares(gemeenten, spread)
    # every province of the key, also one without beds in this scenario
    every = pd.MultiIndex.from_product(
        [
            per_province["variant"].unique(), per_province["replication"].unique(),
            per_province["week"].unique(),
            sorted(set(shares.index) | set(per_province["province"])),
        ],
        names=["variant", "replication", "week", "province"],
    )  # fmt: skip
    per_province = (
        per_province.set_index(["variant", "replication", "week", "province"])
        .reindex(every, fill_value=0)
        .reset_index()
    )
    provinces = per_province.groupby(["variant", "week", "province"], sort=True)
    spread_rows = provinces.agg(capacity=("capacity", "median")).reset_index()
    spread_rows["type"] = "all"
    spread_rows["occupancy_p50"] = provinces["occupancy"].quantile(0.5).to_numpy()
    spread_rows["occupancy_p90"] = provinces["occupancy"].quantile(0.9).to_numpy()
    beds = spread_rows.groupby(["variant", "week"])["capacity"].transform("sum")
    share = spread_rows["province"].map(shares).fillna(0.0)
    spread_rows["spread_key"] = (share * beds).round().astype(int)
    table = pd.concat([table, spread_rows], ignore_index=True)
    return table.sort_values(keys, kind="stable").reset_index(drop=True)


def spread_key(gemeenten: pd.DataFrame, target: int, spread: pd.DataFrame | None) -> pd.Series:
    """Places per province under the Spreidingswet: ``spread.csv``, else ``target`` by people."""
    if spread is not None:
        return spread.set_index("province")["places"].astype(float)
    return target * spread_shares(gemeenten, None)


def spread_shares(gemeenten: pd.DataFrame, spread: pd.DataFrame | None) -> pd.Series:
    """Each province's share of the places under the Spreidingswet (summing to 1).

    By the places of ``spread.csv`` when given, else by population.
    """
    if spread is not None:
        places = spread.set_index("province")["places"].astype(float)
    else:
        places = gemeenten.dropna(subset=["population"]).groupby("province")["population"].sum()
        places = places.astype(float)
    total = float(places.sum())
    return places / total if total > 0 else places * 0.0


def kpis(weeks: pd.DataFrame, outlook: pd.DataFrame, results: list[TaskResult]) -> dict[str, Any]:
    """Per variant: first shortage week per type, totals over the horizon, change to the first.

    Totals are per replication, summed over the weeks, then summed up over
    replications (mean, p10, p50, p90); ``change`` is each variant's mean
    minus the first variant's.
    """
    out: dict[str, Any] = {"variants": {}, "seeds": {}, "errors": []}
    variants = list(dict.fromkeys(weeks["variant"])) if not weeks.empty else []
    for name in variants:
        mine = weeks[weeks["variant"] == name]
        last = mine.groupby("replication")["week"].transform("max") == mine["week"]
        totals = {t: _spread(mine.groupby("replication")[t].sum()) for t in TOTALS if t in mine}
        out["variants"][name] = {
            "first_shortage_week": first_shortage(outlook[outlook["variant"] == name]),
            "totals": totals,
            "end": {t: _spread(mine.loc[last, t]) for t in ("persons", "unplaced") if t in mine},
            **{t: totals[t] for t in MOTION if t in totals},
        }
    if len(variants) > 1:
        base = out["variants"][variants[0]]["totals"]
        for name in variants[1:]:
            mine = out["variants"][name]["totals"]
            out["variants"][name]["change"] = {
                t: mine[t]["mean"] - base[t]["mean"] for t in mine if t in base
            }
    out["seeds"] = {str(r.replication): r.seed for r in results}
    # shortcuts of the weekly solves that failed (each week's solve went on without them)
    out["heuristic_faults"] = (
        int(weeks["heuristic_faults"].sum()) if "heuristic_faults" in weeks else 0
    )
    out["errors"] = [
        {"variant": r.variant, "replication": r.replication, "error": r.error}
        for r in results if r.error
    ]  # fmt: skip
    return out


def first_shortage(outlook: pd.DataFrame) -> dict[str, dict[str, int | None]]:
    """Per type: the first week its beds run short, in the median and the worst tenth.

    ``p50``: the first week the median over replications of the persons
    without a bed of that type is above 0; ``p90``: the same for the 90th
    percentile. ``None`` when that never happens within the horizon.
    """
    national = outlook[(outlook["province"] == "NL")]
    out: dict[str, dict[str, int | None]] = {}
    for t, rows in national.groupby("type", sort=True):
        out[str(t)] = {
            q: _first(rows.loc[rows[f"beds_short_{q}"] > 0, "week"]) for q in ("p50", "p90")
        }
    return out


def _first(weeks: pd.Series) -> int | None:
    return int(weeks.min()) if len(weeks) else None


def _spread(values: pd.Series) -> dict[str, float]:
    v = values.astype(float)
    return {
        "mean": float(v.mean()),
        "p10": float(v.quantile(0.1)),
        "p50": float(v.quantile(0.5)),
        "p90": float(v.quantile(0.9)),
    }


def outlook_chart(summary: pd.DataFrame, path: Path, title: str = "") -> None:
    """Fan charts: occupancy against capacity per type, unplaced, cumulative child moves."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    types = sorted(
        k.removeprefix("occupancy_") for k in summary["kpi"].unique() if k.startswith("occupancy_")
    )
    panels = [("unplaced", _("persons without a bed")),
              ("moved_children_cumulative", _("children moved (cumulative)")),
              ("arrived_children_cumulative", _("children arrived (cumulative)")),
              ("arrived_children_moved_twice_cumulative",
               _("arrived children moved beyond the cap (cumulative)"))]  # fmt: skip
    n = len(types) + len(panels)
    cols = 3
    fig, axes = plt.subplots((n + cols - 1) // cols, cols, figsize=(12, 3.2 * ((n + 2) // 3)))
    axes = np.atleast_1d(axes).ravel()
    variants = list(dict.fromkeys(summary["variant"]))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    items: list[tuple[str, str, str | None]] = [
        (f"occupancy_{t}", _("{type}: occupancy and capacity").format(type=t), f"capacity_{t}")
        for t in types
    ]
    items += [(k, label, None) for k, label in panels]
    for ax, (kpi, label, capacity) in zip(axes, items, strict=False):
        for i, name in enumerate(variants):
            rows = summary[(summary["variant"] == name) & (summary["kpi"] == kpi)]
            colour = colours[i % len(colours)]
            ax.fill_between(rows["week"], rows["p10"], rows["p90"], color=colour, alpha=0.2)
            ax.plot(rows["week"], rows["p50"], color=colour, label=name)
            if capacity is not None:
                cap = summary[(summary["variant"] == name) & (summary["kpi"] == capacity)]
                ax.plot(cap["week"], cap["p50"], color=colour, linestyle="--", linewidth=1)
        ax.set_title(label, fontsize=9)
        ax.set_xlabel(_("week"), fontsize=8)
        ax.tick_params(labelsize=7)
    for ax in axes[len(items) :]:
        ax.set_visible(False)
    axes[0].legend(fontsize=7)
    fig.suptitle(title or _("placement simulate: median and 10-90 % band (dashed: capacity)"))
    # fixed margins: the panels are alike, and fitting them to their text
    # (tight_layout) took as long as drawing the chart
    rows = (n + cols - 1) // cols
    fig.subplots_adjust(
        left=0.06, right=0.98, bottom=0.45 / (3.2 * rows), top=1 - 0.85 / (3.2 * rows),
        wspace=0.25, hspace=0.55,
    )  # fmt: skip
    fig.savefig(path, dpi=110)
    plt.close(fig)
