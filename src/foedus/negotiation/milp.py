"""Sampling a frontier too large to compute exactly: an ε-constraint search with a MILP solver
(HiGHS, through ``highspy``).

The model has one binary variable per (issue, undominated option), one "pick exactly one"
row per issue and one row per party holding its utility, so a lower bound on a party's utility
is a bound on its row. It is built once and re-solved with new objectives and bounds:

1. anchors: for each party, its best individually rational package (lexicographically: first
   its own utility, then, holding that, the sum of the others'), and the package of maximum
   joint utility among the individually rational ones;
2. a grid: for levels ``e`` of parties 2..k between their reservation value (or lowest
   utility) and their anchor maximum, maximise ``u_1 + δ·Σ u_q`` subject to ``u_q >= e_q``.

Any ``δ > 0`` makes each optimum Pareto-optimal (a package dominating it would score higher);
``δ`` is kept small so that ``u_1`` leads. When no package is individually rational the search
spans all packages. Optimality is to HiGHS's tolerances (relative MIP gap 1e-9, feasibility
1e-7): the caller filters the packages found by their exact utilities.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Sequence
from typing import Any

import numpy as np

from foedus.negotiation.pareto import pareto_indices
from foedus.negotiation.space import FloatArray, IntArray, UtilitySpace

__all__ = ["DEFAULT_SOLVES", "epsilon_constraint_points"]

DEFAULT_SOLVES = 48
_DELTA = 1e-4


def epsilon_constraint_points(
    space: UtilitySpace, reservation: Sequence[float] | None, *, solves: int = DEFAULT_SOLVES
) -> tuple[IntArray, int]:
    """Pareto-optimal packages (rows of option indices) found with at most about ``solves``
    MILP solves (the anchors are always solved), and the number of solves made."""
    model = _Model(space)
    low, high = space.bounds()
    parties = space.n_parties
    floor = low.copy()
    if reservation is not None:
        floor = np.maximum(low, np.asarray(reservation, dtype=np.float64))
    joint = model.solve(np.ones(parties), floor)
    if joint is None:  # no zone of agreement: sample the whole frontier
        floor = low.copy()
        joint = model.solve(np.ones(parties), floor)
    found: list[IntArray] = [] if joint is None else [joint]
    for party in range(parties):
        best = model.solve(_unit(parties, party), floor)
        if best is None:
            continue
        held = floor.copy()
        held[party] = space.utilities(best)[0, party] - _slack(high, low)
        polished = model.solve(1.0 - _unit(parties, party), held)
        found.append(best if polished is None else polished)
    if not found:
        return np.zeros((0, space.n_issues), dtype=np.int64), model.solves
    ceiling = space.utilities(np.array(found)).max(axis=0)
    objective = _unit(parties, 0) + _DELTA * _grid_weights(low, high)
    for levels in _grid(floor, ceiling, max(solves - model.solves, 0)):
        lower = floor.copy()
        lower[1:] = levels
        package = model.solve(objective, lower)
        if package is not None:
            found.append(package)
    return np.unique(np.array(found), axis=0), model.solves


def _unit(size: int, index: int) -> FloatArray:
    vector = np.zeros(size)
    vector[index] = 1.0
    return vector


def _slack(high: FloatArray, low: FloatArray) -> float:
    """A margin below an optimum that a solver's tolerances will not mistake for it."""
    return 1e-7 * max(1.0, float(np.max(np.abs(high - low))))


def _grid_weights(low: FloatArray, high: FloatArray) -> FloatArray:
    """``δ`` weights for the parties after the first, scaled to the first party's range."""
    ranges = np.maximum(high - low, 1e-12)
    weights = ranges[0] / ranges
    weights[0] = 0.0
    result: FloatArray = weights / max(1, weights.size - 1)
    return result


def _grid(floor: FloatArray, ceiling: FloatArray, budget: int) -> list[tuple[float, ...]]:
    """Levels for parties 2..k: the same number per party, interior points of each range."""
    dims = floor.size - 1
    per_party = int(budget ** (1 / dims)) if dims else 0
    if per_party < 1:
        return []
    axes = [
        np.linspace(floor[q], ceiling[q], per_party + 2)[1:-1].tolist() for q in range(1, dims + 1)
    ]
    return list(itertools.product(*axes))


class _Model:
    """The MILP, built once; :meth:`solve` changes only the objective and the row bounds."""

    def __init__(self, space: UtilitySpace) -> None:
        import highspy

        self._highspy = highspy
        self.options = [pareto_indices(table) for table in space.tables]
        self.offsets = np.cumsum([0, *(len(o) for o in self.options)])
        columns = int(self.offsets[-1])
        issues, parties = space.n_issues, space.n_parties
        # contribution of each column to each party: (parties × columns)
        self.weights = np.concatenate(
            [table[options].T for table, options in zip(space.tables, self.options, strict=True)],
            axis=1,
        )
        self.solves = 0
        self.highs = _quiet_highs(highspy)
        for option, value in (("output_flag", False), ("mip_rel_gap", 1e-9), ("random_seed", 0)):
            self.highs.setOptionValue(option, value)
        inf = highspy.kHighsInf
        lp = highspy.HighsLp()
        lp.num_col_ = columns
        lp.num_row_ = issues + parties
        lp.col_cost_ = np.zeros(columns)
        lp.col_lower_ = np.zeros(columns)
        lp.col_upper_ = np.ones(columns)
        lp.row_lower_ = np.concatenate([np.ones(issues), np.full(parties, -inf)])
        lp.row_upper_ = np.concatenate([np.ones(issues), np.full(parties, inf)])
        starts = np.concatenate(
            [self.offsets, self.offsets[-1] + columns * np.arange(1, parties + 1)]
        )
        index = np.concatenate([np.arange(columns)] * (parties + 1))
        values = np.concatenate([np.ones(columns), self.weights.reshape(-1)])
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = starts.astype(np.int32)
        lp.a_matrix_.index_ = index.astype(np.int32)
        lp.a_matrix_.value_ = values
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.integrality_ = [highspy.HighsVarType.kInteger] * columns
        self.highs.passModel(lp)
        self.rows = np.arange(issues, issues + parties, dtype=np.int32)
        self.columns = np.arange(columns, dtype=np.int32)

    def solve(self, objective: FloatArray, lower: FloatArray) -> IntArray | None:
        """The package maximising ``objective · u`` subject to ``u >= lower``, or ``None``."""
        hs = self._highspy
        self.solves += 1
        self.highs.changeColsCost(self.columns.size, self.columns, objective @ self.weights)
        upper = np.full(lower.size, hs.kHighsInf)
        self.highs.changeRowsBounds(self.rows.size, self.rows, lower, upper)
        self.highs.run()
        if self.highs.getModelStatus() != hs.HighsModelStatus.kOptimal:
            return None
        chosen = np.asarray(self.highs.getSolution().col_value)
        package = [
            int(options[np.argmax(chosen[self.offsets[i] : self.offsets[i + 1]])])
            for i, options in enumerate(self.options)
        ]
        return np.asarray(package, dtype=np.int64)


def _quiet_highs(highspy: Any) -> Any:
    """A HiGHS instance, made with standard output closed: the first one in a process prints
    a banner from C++, which would corrupt JSON written to standard output."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w", encoding="utf-8") as null:
            os.dup2(null.fileno(), 1)
            return highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
