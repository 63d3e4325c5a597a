"""Bargaining solutions over a set of utility vectors, relative to the reservation values.

``points`` are utility vectors (rows, one column per party): a Pareto frontier, or every
package of a small space (the answers are the same, since each solution below is Pareto-optimal
among the individually rational points). ``reservation`` is each party's reservation value
(BATNA). A point is *individually rational* when it gives every party at least its reservation
value; if none is, there is no zone of possible agreement and every solution is ``None``
(:attr:`Bargains.zopa` is false) — an outcome, not an error.

- **Nash**: maximises the product of the gains over the reservation values. Invariant when a
  party's utilities and reservation value undergo the same positive affine map.
- **Kalai–Smorodinsky** (discrete form): maximises the smallest *relative* gain
  ``(u − d) / (ideal − d)``, where a party's ideal is its best individually rational utility
  (a party whose ideal equals its reservation value has relative gain 1). Invariant under
  the same maps.
- **Maximum joint gain**: maximises the sum of the gains. Invariant only when every party's
  scale is multiplied by the same factor: it compares one party's points with another's.

Ties are broken by the sum of relative gains (invariant under the maps above), then by the
first row, so each solution is one definite point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foedus.negotiation.space import FloatArray, IntArray

__all__ = [
    "Bargains",
    "Solution",
    "bargains",
    "ideal_point",
    "kalai_smorodinsky_index",
    "max_joint_gain_index",
    "nash_index",
    "rational_rows",
]


@dataclass(frozen=True, slots=True)
class Solution:
    """One chosen point: its row in the points given, its utilities and its gains over the
    reservation values."""

    index: int
    utilities: tuple[float, ...]
    gains: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Bargains:
    """The three solutions, or ``None`` each when there is no zone of possible agreement."""

    reservation: tuple[float, ...]
    zopa: bool
    ideal: tuple[float, ...] | None
    nash: Solution | None
    kalai_smorodinsky: Solution | None
    max_joint_gain: Solution | None


def _as_arrays(
    points: FloatArray | Sequence[Sequence[float]], reservation: Sequence[float]
) -> tuple[FloatArray, FloatArray]:
    array = np.asarray(points, dtype=np.float64)
    floor = np.asarray(reservation, dtype=np.float64)
    if array.ndim != 2 or floor.shape != (array.shape[1],):
        raise ValueError("points must be (rows × parties) with one reservation value per party")
    return array, floor


def rational_rows(
    points: FloatArray | Sequence[Sequence[float]], reservation: Sequence[float]
) -> IntArray:
    """Rows that give every party at least its reservation value."""
    array, floor = _as_arrays(points, reservation)
    return np.flatnonzero(np.all(array >= floor, axis=1)).astype(np.int64)


def ideal_point(
    points: FloatArray | Sequence[Sequence[float]], reservation: Sequence[float]
) -> FloatArray | None:
    """Each party's best utility over the individually rational rows, or ``None``."""
    array, _floor = _as_arrays(points, reservation)
    rows = rational_rows(array, reservation)
    return array[rows].max(axis=0) if rows.size else None


def _relative_gains(array: FloatArray, floor: FloatArray, ideal: FloatArray) -> FloatArray:
    span = ideal - floor
    flat = span <= 0
    gains = (array - floor) / np.where(flat, 1.0, span)
    gains[:, flat] = 1.0
    return gains


def _best(rows: IntArray, *keys: FloatArray) -> int:
    """The row with the largest first key, ties broken by the next keys, then the first row."""
    order = np.lexsort((rows, *(-key for key in reversed(keys))))
    return int(rows[order[0]])


def _choose(
    points: FloatArray | Sequence[Sequence[float]], reservation: Sequence[float], rule: str
) -> int | None:
    array, floor = _as_arrays(points, reservation)
    rows = rational_rows(array, reservation)
    if not rows.size:
        return None
    chosen = array[rows]
    relative = _relative_gains(chosen, floor, chosen.max(axis=0))
    tie_break = relative.sum(axis=1)
    if rule == "nash":
        key = np.prod(chosen - floor, axis=1)
    elif rule == "ks":
        key = relative.min(axis=1)
    else:
        key = np.sum(chosen - floor, axis=1)
    return _best(rows, key, tie_break)


def nash_index(
    points: FloatArray | Sequence[Sequence[float]], reservation: Sequence[float]
) -> int | None:
    """Row of the Nash bargaining solution, or ``None`` with no zone of agreement."""
    return _choose(points, reservation, "nash")


def kalai_smorodinsky_index(
    points: FloatArray | Sequence[Sequence[float]], reservation: Sequence[float]
) -> int | None:
    """Row of the Kalai–Smorodinsky solution, or ``None`` with no zone of agreement."""
    return _choose(points, reservation, "ks")


def max_joint_gain_index(
    points: FloatArray | Sequence[Sequence[float]], reservation: Sequence[float]
) -> int | None:
    """Row of the individually rational point with the largest sum of gains, or ``None``."""
    return _choose(points, reservation, "joint")


def bargains(
    points: FloatArray | Sequence[Sequence[float]], reservation: Sequence[float]
) -> Bargains:
    """Nash, Kalai–Smorodinsky and maximum joint gain over ``points``."""
    array, floor = _as_arrays(points, reservation)
    ideal = ideal_point(array, reservation)

    def solution(index: int | None) -> Solution | None:
        if index is None:
            return None
        row = array[index]
        return Solution(index, tuple(map(float, row)), tuple(map(float, row - floor)))

    return Bargains(
        reservation=tuple(map(float, floor)),
        zopa=ideal is not None,
        ideal=None if ideal is None else tuple(map(float, ideal)),
        nash=solution(nash_index(array, reservation)),
        kalai_smorodinsky=solution(kalai_smorodinsky_index(array, reservation)),
        max_joint_gain=solution(max_joint_gain_index(array, reservation)),
    )
