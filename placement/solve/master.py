"""The restricted master: one HiGHS instance holding a growing part of a model.

Price and branch (:mod:`placement.solve.engine`) solves a model whose
columns are too many to hand HiGHS at once: it starts from a few, and
pricing brings in the rest as they can lower the LP. :class:`Master` is
that growing model and nothing else: its columns and rows are numbered in
the order they entered (``0 … n_cols − 1``, ``0 … n_rows − 1``); whoever
grows it keeps the map to its own model (place: the full model's arrays,
:class:`placement.solve.pricing.PlaceMaster`; link: the class × gemeente
pairs, :class:`placement.link.master.Master`). It solves its LP warm from
the last basis, its MIP from a start, with classes fixed, stopping at a
target, on a fresh instance when asked (see :meth:`renew`), and it never
lets HiGHS hold a model other than the one its arrays describe
(:func:`placement.solve.highs.checked`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

import highspy
import numpy as np
import numpy.typing as npt

from placement.input.settings import SolverSettings
from placement.model.matrix import ModelMatrix
from placement.solve.highs import (
    FEASIBLE_SOLUTION,
    checked,
    lp_from_matrix,
    new_highs,
    run_model,
    run_trusted,
    set_threads,
    set_time_left,
)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
IndexArray = npt.NDArray[np.integer[Any]]
BoolArray = npt.NDArray[np.bool_]

#: Reduced costs above -TOLERANCE count as non-negative; values within it of a bound are at it.
TOLERANCE = 1e-7


@dataclass(frozen=True)
class Mip:
    """What a MIP run on the master found: its values (``None``: no solution), bound, status."""

    values: FloatArray | None
    bound: float
    optimal: bool
    status: highspy.HighsModelStatus


class Master:
    """One HiGHS instance holding a growing part of a model (see the module).

    ``first`` is the part it starts with; ``options`` are HiGHS options
    beyond the engine's own (no output, seed 0, the asked gap as relative
    and absolute gap).
    """

    def __init__(self, first: ModelMatrix, params: SolverSettings, **options: Any) -> None:
        self.params = params
        self.options: dict[str, Any] = {
            "output_flag": False,
            "random_seed": 0,
            "mip_rel_gap": float(params.mip_gap),
            "mip_abs_gap": float(params.mip_gap),
            **options,
        }
        self.cost = first.cost.copy()
        self.col_lower = first.col_lower.copy()
        self.col_upper = first.col_upper.copy()
        self.integer = first.integer.copy()  # which columns are whole in the MIP
        self.offset = float(first.offset)
        self.n_rows = first.shape[0]
        self.is_integer = False
        self.status = highspy.HighsModelStatus.kNotset  # of the last run
        self.h = self._new_highs()
        relaxed = replace(first, integer=np.zeros(len(first.cost), dtype=bool))
        checked(self.h.passModel(lp_from_matrix(relaxed)), "the restricted model")

    @property
    def n_cols(self) -> int:
        """Columns in the model."""
        return len(self.cost)

    def _new_highs(self) -> highspy.Highs:
        h = new_highs()
        for option, value in self.options.items():
            h.setOptionValue(option, value)
        set_threads(h, self.params.threads)
        return h

    def renew(self) -> None:
        """Hand the model to a new HiGHS instance, whose clock starts at zero.

        HiGHS (before 2.0) counts ``time_limit`` from its instance's first
        run; :func:`set_time_left` makes up for that, but the sub-MIPs of its
        heuristics are given the limit as if counted from the present run's
        start, and ran 12 s past a 17 s limit (surge rebalance). A MIP run on
        a fresh instance is held to its limit, sub-MIPs too; the copy costs
        a few hundredths of a second.
        """
        h = self._new_highs()
        checked(h.passModel(self.h.getLp()), "the model, copied")
        self.h = h

    # -- growing --------------------------------------------------------------------

    def add_columns(
        self,
        cost: FloatArray,
        lower: FloatArray,
        upper: FloatArray,
        integer: BoolArray,
        starts: npt.NDArray[np.int32],
        index: npt.NDArray[np.int32],
        values: FloatArray,
    ) -> int:
        """Columns with their entries (column-wise: ``starts`` into ``index``, model rows).

        Returns the first new column's number.
        """
        n, first = len(cost), self.n_cols
        if n == 0:
            return first
        call = self.h.addCols(
            n, cost, lower, upper, len(index), np.asarray(starts, dtype=np.int32),
            np.asarray(index, dtype=np.int32), np.asarray(values, dtype=float),
        )  # fmt: skip
        checked(call, f"{n} new columns")
        self.cost = np.concatenate([self.cost, cost])
        self.col_lower = np.concatenate([self.col_lower, lower])
        self.col_upper = np.concatenate([self.col_upper, upper])
        self.integer = np.concatenate([self.integer, integer])
        if self.is_integer:
            self._integrality(np.arange(first, self.n_cols))
        return first

    def add_rows(
        self,
        lower: FloatArray,
        upper: FloatArray,
        starts: npt.NDArray[np.int32],
        index: npt.NDArray[np.int32],
        values: FloatArray,
    ) -> int:
        """Rows with their entries (row-wise: ``starts`` into ``index``, model columns).

        Returns the first new row's number.
        """
        n, first = len(lower), self.n_rows
        if n == 0:
            return first
        call = self.h.addRows(
            n, lower, upper, len(index), np.asarray(starts, dtype=np.int32),
            np.asarray(index, dtype=np.int32), np.asarray(values, dtype=float),
        )  # fmt: skip
        checked(call, f"{n} new rows")
        self.n_rows += n
        return first

    # -- integrality and bounds ---------------------------------------------------------

    def make_integer(self) -> None:
        """The model as a MIP: its whole-number columns whole (also those added later)."""
        self.is_integer = True
        self._integrality(np.arange(self.n_cols))

    def relax(self) -> None:
        """The model as an LP."""
        self.is_integer = False
        n = self.n_cols
        kinds = np.full(n, highspy.HighsVarType.kContinuous.value, dtype=np.uint8)
        checked(self.h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), kinds), "an LP")

    def _integrality(self, cols: IndexArray) -> None:
        kinds = np.where(
            self.integer[cols],
            highspy.HighsVarType.kInteger.value,
            highspy.HighsVarType.kContinuous.value,
        ).astype(np.uint8)
        call = self.h.changeColsIntegrality(len(cols), cols.astype(np.int32), kinds)
        checked(call, "integrality")

    def set_bounds(self, cols: IndexArray, lower: FloatArray, upper: FloatArray) -> None:
        """Bound columns ``cols`` for the next runs (:meth:`restore_bounds` undoes it)."""
        if len(cols):
            call = self.h.changeColsBounds(len(cols), cols.astype(np.int32), lower, upper)
            checked(call, "bounds")

    def restore_bounds(self, cols: IndexArray) -> None:
        """Give columns ``cols`` their own bounds back."""
        self.set_bounds(cols, self.col_lower[cols], self.col_upper[cols])

    @contextmanager
    def fixed(self, cols: IndexArray, values: FloatArray) -> Iterator[None]:
        """Columns ``cols`` held at ``values`` while inside."""
        self.set_bounds(cols, values, values)
        try:
            yield
        finally:
            self.restore_bounds(cols)

    # -- solving --------------------------------------------------------------------------

    def solve_lp(self, seconds: float) -> bool:
        """Solve the LP (warm, from the last basis) within ``seconds``; whether it is optimal.

        ``status`` then holds HiGHS's model status of the run.
        """
        if self.is_integer:
            self.relax()
        set_time_left(self.h, seconds)
        self.status = run_model(self.h)
        return self.status == highspy.HighsModelStatus.kOptimal

    def solution(self) -> FloatArray:
        """The last run's column values."""
        return np.asarray(self.h.getSolution().col_value)

    def row_duals(self) -> FloatArray:
        """The last LP's row duals."""
        return np.asarray(self.h.getSolution().row_dual)

    def lp_value(self) -> float:
        """The last LP's objective."""
        return float(self.h.getInfo().objective_function_value)

    def solve_mip(
        self,
        seconds: float,
        start: FloatArray | None = None,
        target: float | None = None,
        renew: bool = True,
    ) -> Mip:
        """The MIP within ``seconds``: from ``start``, stopping once it has ``target`` or less.

        On a fresh instance (see :meth:`renew`) unless ``renew`` is false.
        HiGHS stops by itself when its incumbent is within the gap of its
        own bound, which on a restricted model may take long to rise; the
        caller's target is against a bound that holds for the full model,
        and an incumbent that reaches it needs no more proof. A run whose
        objective HiGHS misreports is run again (:func:`run_trusted`).
        """
        if not self.is_integer:
            self.make_integer()
        runs = 0

        def run() -> None:
            nonlocal runs
            if renew:
                self.renew()
            if target is not None:
                self._stop_at(target)
            if start is not None and runs == 0:  # run again (run_trusted): without it
                solution = highspy.HighsSolution()
                solution.col_value = list(start)
                solution.value_valid = True
                checked(self.h.setSolution(solution), "the start")
            runs += 1
            set_time_left(self.h, seconds - (time.perf_counter() - began))
            try:
                run_model(self.h)
            finally:
                if target is not None:
                    kind = highspy.cb.HighsCallbackType.kCallbackMipInterrupt
                    checked(self.h.stopCallback(kind), "the interrupt callback")

        began = time.perf_counter()
        run_trusted(lambda: self.h, self.cost, self.offset, run)
        info = self.h.getInfo()
        status = self.status = self.h.getModelStatus()
        bound = float(info.mip_dual_bound)
        found = info.primal_solution_status == FEASIBLE_SOLUTION
        return Mip(
            values=self.solution() if found else None,
            bound=bound if math.isfinite(bound) else -math.inf,
            optimal=status == highspy.HighsModelStatus.kOptimal,
            status=status,
        )

    def vertex(self, values: FloatArray, seconds: float) -> FloatArray | None:
        """``values`` with their continuous part moved to a vertex of the LP, by simplex.

        The whole-number columns are held at their (rounded) values and the
        LP solved again; ``None`` if it does not end optimal. A MIP whose
        continuous part has whole data (a transportation problem) has its
        whole solutions at such vertices.
        """
        fixed = np.flatnonzero(self.integer)
        self.relax()
        self.set_bounds(fixed, np.rint(values[fixed]), np.rint(values[fixed]))
        self.h.setOptionValue("solver", "simplex")
        try:
            set_time_left(self.h, seconds)
            if run_model(self.h) != highspy.HighsModelStatus.kOptimal:
                return None
            return self.solution()
        finally:
            self.h.setOptionValue("solver", "choose")
            self.restore_bounds(fixed)

    def _stop_at(self, target: float) -> None:
        """Interrupt the next MIP run once its incumbent costs at most ``target``."""

        def interrupt(kind: Any, message: str, out: Any, into: Any, user: Any) -> None:
            if out.mip_primal_bound <= target:
                into.user_interrupt = True

        checked(self.h.setCallback(interrupt, None), "the callback")
        kind = highspy.cb.HighsCallbackType.kCallbackMipInterrupt
        checked(self.h.startCallback(kind), "the interrupt callback")
