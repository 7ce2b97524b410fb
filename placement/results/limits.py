"""Why an unplaced household has no bed: the one decision the reason and the tables share.

:func:`unplaced_limits` names the constraint that ran out
(``no_fitting_location``, ``over_limits``, ``forbidden``, ``beds``,
``child_places``, ``time_limit``, ``cost``) and says it in words; the
``reason``, ``explanations.csv`` and ``shortages.csv`` all read it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from placement.i18n import _, in_its_language, tr, tr_n
from placement.model.problem import ProblemData


@in_its_language
def unplaced_limits(
    data: ProblemData, hh: pd.DataFrame, after: pd.DataFrame, stopped: bool
) -> tuple[np.ndarray, np.ndarray]:
    """For each unplaced household, the constraint that ran out (code and words); else ``""``.

    ``after`` is the location table after placement (``occupancy_after``,
    ``children_after``); ``stopped``: the solve ended before proving its
    gap. In order: no fitting location at all, all of them over their
    limits, all forbidden, no beds left, no child places left, the time
    limit, and else the objective preferred it. The words are in the
    settings' language.
    """
    limit = np.full(len(hh), "", dtype=object)
    detail = np.full(len(hh), "", dtype=object)
    unplaced = np.flatnonzero(hh["dest"].to_numpy() < 0)
    if len(unplaced) == 0:
        return limit, detail
    loc = data.locations
    free = (loc["limit"] - after["occupancy_after"].to_numpy()).to_numpy()
    child_free = (loc["max_children"].astype("float64") - after["children_after"]).to_numpy()
    moves = data.pairs[~data.pairs["stay"]].groupby("k")["l"].agg(list)
    # The answer depends on the class, the household's size and children and
    # the words on its track and medical need: once for each such kind.
    by = ["klass", "size", "children", "track", "medical"]
    kinds = hh.iloc[unplaced].groupby(by, sort=False).indices
    for (klass, size, children, _track, _medical), rows in kinds.items():
        h = hh.iloc[unplaced[rows[0]]]
        c = data.classes.loc[klass]
        kind = _bed_kind(data, h)
        sites = np.asarray(moves.get(klass, []), dtype=np.int64)
        beds = free[sites] >= size
        kids = (children == 0) | np.isnan(child_free[sites])
        kids |= child_free[sites] >= children
        if c["fitting"] == 0:
            code = "no_fitting_location"
            words = tr("no open location with {kind} exists", kind=kind)
        elif c["taking"] == 0:
            code = "over_limits"
            words = tr("every open location with {kind} is over its limits", kind=kind)
        elif len(sites) == 0:
            code = "forbidden"
            words = tr("a planner ruled out every location with {kind}", kind=kind)
        elif not beds.any():
            most = int(max(free[sites].max(), 0))
            code = "beds"
            words = tr_n(
                "no beds left with {kind}: the {n} allowed location has at most {most} free, "
                "it needs {size}",
                "no beds left with {kind}: the {n} allowed locations have at most {most} free, "
                "it needs {size}",
                len(sites), kind=kind, most=most, size=int(size),
            )  # fmt: skip
        elif not (beds & kids).any():
            code = "child_places"
            words = tr(
                "no child places left (max_children) where beds with {kind} are free",
                kind=kind,
            )
        elif stopped:
            code, words = "time_limit", _("the solver stopped before it placed this household")
        else:
            code, words = "cost", _("leaving it unplaced cost less than any placement")
        limit[unplaced[rows]], detail[unplaced[rows]] = code, words
    return limit, detail


def _bed_kind(data: ProblemData, h: pd.Series) -> str:
    """E.g. "type regulier/gemeentelijk/noodopvang, medical care, suitable for children"."""
    landscape = data.settings.landscape
    types = landscape.allowed.get(h["track"], ()) if landscape is not None else ()
    parts = [tr("type {types}", types="/".join(types) or _("(none for its track)"))]
    if h["medical"]:
        parts.append(_("medical care"))
    if h["children"] > 0:
        parts.append(_("suitable for children"))
    return ", ".join(parts)
