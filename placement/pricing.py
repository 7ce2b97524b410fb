"""Price and branch: solve on a few pairs per class, proven complete by reduced costs.

Most households are best placed at one of a handful of locations, yet every
allowed pair is a variable of the full model. Here HiGHS starts from a small
candidate set (each class's stay, pin, and cheapest few locations; every
pair of a family-group member) and:

1. **prices** the LP relaxation: solve the LP on the candidates, compute
   every omitted pair's reduced cost ``rc_j = c_j - a_j^T y`` from the row
   duals ``y``, add those below zero, repeat. When none is left the LP
   optimum ``z`` is the full model's, a lower bound on every placement;
2. **branches** on the candidates: the MIP gives an incumbent ``U``;
3. **completes**: by LP duality a placement that uses an omitted pair ``j``
   costs at least ``z + rc_j``, so only pairs with ``rc_j <= U - z`` could
   beat ``U``. Those are added and the MIP is solved again from ``U``. Its
   bound then holds for the full model, and so does the reported gap.

Columns other than ``assign`` (unplaced, family uses and splits) are always
in; family members' pairs are candidates from the start, so every
``family_uses`` row is complete.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import highspy
import numpy as np
import numpy.typing as npt

from placement.model.matrix import ModelMatrix
from placement.problem import ProblemData
from placement.settings import SolverSettings
from placement.solve import (
    OPTIMAL,
    TIME_LIMIT,
    SolveResult,
    gap,
    infeasible_error,
    lp_from_matrix,
    no_solution_error,
    nothing_to_decide,
    whole,
)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: Cheapest locations per class in the first candidate set.
CHEAPEST = 4
#: Reduced costs above -TOLERANCE count as non-negative.
TOLERANCE = 1e-7
_FEASIBLE = 2  # HiGHS kSolutionStatusFeasible


@dataclass
class PricingLog:
    """What pricing did, for the KPIs and the benchmark."""

    pairs: int = 0
    candidates_first: int = 0
    candidates_priced: int = 0
    candidates_final: int = 0
    lp_rounds: int = 0
    lp_bound: float | None = None
    lp_seconds: float = 0.0
    mip_seconds: float = 0.0


def first_candidates(data: ProblemData, per_class: int = CHEAPEST) -> BoolArray:
    """Stay and pin pairs, family members' pairs, and each class's cheapest few."""
    pairs = data.pairs
    rank = pairs.sort_values(["k", "cost", "l"], kind="stable").groupby("k").cumcount()
    keep = np.array(rank.sort_index() < per_class)
    keep |= pairs["stay"].to_numpy()
    k = pairs["k"].to_numpy()
    keep |= data.classes["pin"].to_numpy()[k] == pairs["l"].to_numpy()
    keep |= np.isin(k, data.families["k"].to_numpy())
    return keep


def reduced_costs(mm: ModelMatrix, row_dual: FloatArray) -> FloatArray:
    """``c_j - a_j^T y`` for every column of the full model."""
    priced = np.bincount(mm.cols, weights=mm.values * row_dual[mm.rows], minlength=len(mm.cost))
    return mm.cost - priced


class _Restricted:
    """A HiGHS model holding a growing subset of the full model's columns."""

    def __init__(self, mm: ModelMatrix, columns: BoolArray, params: SolverSettings) -> None:
        self.mm, self.columns, self.params = mm, columns.copy(), params
        self.started = time.perf_counter()
        self.order = np.flatnonzero(columns)  # HiGHS column -> full column
        self.h = highspy.Highs()
        for option, value in {
            "output_flag": False,
            "random_seed": 0,
            "mip_rel_gap": float(params.mip_gap),
            "mip_abs_gap": float(params.mip_gap),
        }.items():
            self.h.setOptionValue(option, value)
        if params.threads:
            self.h.setOptionValue("threads", int(params.threads))
        new_index = np.cumsum(columns) - 1
        keep = columns[mm.cols]
        sub = replace(
            mm,
            cost=mm.cost[columns],
            col_lower=mm.col_lower[columns],
            col_upper=mm.col_upper[columns],
            integer=np.zeros(len(self.order), dtype=bool),
            rows=mm.rows[keep],
            cols=new_index[mm.cols[keep]],
            values=mm.values[keep],
        )
        self.h.passModel(lp_from_matrix(sub))

    def run(self) -> highspy.HighsModelStatus:
        elapsed = time.perf_counter() - self.started
        self.h.setOptionValue("time_limit", max(1e-3, self.params.time_limit - elapsed))
        self.h.run()
        status = self.h.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            raise infeasible_error()
        return status

    def add(self, new: IntArray) -> None:
        """Add the full model's columns ``new`` (sorted) to the HiGHS model."""
        mm = self.mm
        entries = np.isin(mm.cols, new)
        rows, position = mm.rows[entries], np.searchsorted(new, mm.cols[entries])
        sort = np.lexsort((rows, position))
        counts = np.bincount(position, minlength=len(new))
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int32)
        self.h.addCols(
            len(new),
            mm.cost[new],
            mm.col_lower[new],
            mm.col_upper[new],
            int(entries.sum()),
            starts,
            rows[sort].astype(np.int32),
            mm.values[entries][sort],
        )
        self.columns[new] = True
        self.order = np.concatenate([self.order, new])

    def make_integer(self) -> None:
        kinds = np.where(
            self.mm.integer[self.order],
            highspy.HighsVarType.kInteger.value,
            highspy.HighsVarType.kContinuous.value,
        ).astype(np.uint8)
        n = len(self.order)
        self.h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), kinds)

    def start_from(self, full_values: FloatArray) -> None:
        solution = highspy.HighsSolution()
        solution.col_value = list(full_values[self.order])
        solution.value_valid = True
        self.h.setSolution(solution)

    def values(self) -> FloatArray:
        """The current solution as a full-model column vector."""
        full = np.zeros(len(self.mm.cost))
        full[self.order] = np.asarray(self.h.getSolution().col_value)
        return full


def solve_priced(
    data: ProblemData,
    mm: ModelMatrix,
    params: SolverSettings,
    start: FloatArray | None = None,
    log: PricingLog | None = None,
) -> SolveResult:
    """Solve the model by pricing; same contract as :func:`placement.solve.solve_matrix`."""
    log = log if log is not None else PricingLog()
    if mm.shape[1] == 0:
        return nothing_to_decide(mm.offset, len(data.classes))
    x = mm.blocks["assign"]
    columns = np.ones(len(mm.cost), dtype=bool)
    columns[x] = first_candidates(data)
    log.pairs, log.candidates_first = x.stop - x.start, int(columns[x].sum())
    model = _Restricted(mm, columns, params)

    # 1. price the LP relaxation until no omitted pair has a negative reduced cost
    z: float | None = None
    while model.run() == highspy.HighsModelStatus.kOptimal:
        log.lp_rounds += 1
        rc = reduced_costs(mm, np.asarray(model.h.getSolution().row_dual))
        new = np.flatnonzero(~model.columns & (rc < -TOLERANCE))
        if new.size == 0:
            z = float(model.h.getInfo().objective_function_value)
            break
        model.add(new)
    log.lp_bound, log.lp_seconds = z, time.perf_counter() - model.started
    log.candidates_priced = int(model.columns[x].sum())

    # 2. branch on the candidates
    model.make_integer()
    if start is not None:
        model.start_from(start)
    result = _mip_result(model, data, params)
    if z is not None and result.objective is not None and result.status == OPTIMAL:
        # 3. complete: add every pair that could still beat the incumbent
        new = np.flatnonzero(~model.columns & (rc <= result.objective - z + TOLERANCE))
        if new.size:
            incumbent = model.values()
            model.add(new)
            model.make_integer()
            model.start_from(incumbent)
            result = _mip_result(model, data, params)
    log.candidates_final = int(model.columns[x].sum())
    log.mip_seconds = time.perf_counter() - model.started - log.lp_seconds
    # Without a priced LP (time ran out) no bound is known to hold for the full model.
    assert result.objective is not None  # _mip_result raises when there is none
    bound = None if z is None else max(z, result.bound if result.bound is not None else z)
    return replace(
        result,
        status=result.status if z is not None else TIME_LIMIT,
        bound=bound,
        mip_gap=None if bound is None else gap(result.objective, bound),
        seconds=time.perf_counter() - model.started,
    )


def _mip_result(model: _Restricted, data: ProblemData, params: SolverSettings) -> SolveResult:
    status = model.run()
    info = model.h.getInfo()
    if info.primal_solution_status != _FEASIBLE:
        raise no_solution_error(params, model.h.modelStatusToString(status))
    values = model.values()
    objective = float(info.objective_function_value)
    bound = float(info.mip_dual_bound)
    return SolveResult(
        status=OPTIMAL if status == highspy.HighsModelStatus.kOptimal else TIME_LIMIT,
        objective=objective,
        bound=bound if np.isfinite(bound) else None,
        mip_gap=gap(objective, bound),
        seconds=0.0,
        termination=model.h.modelStatusToString(status),
        assign=whole(values[model.mm.blocks["assign"]]),
        unplaced=whole(model.mm.per_class_unplaced(values, len(data.classes))),
    )
