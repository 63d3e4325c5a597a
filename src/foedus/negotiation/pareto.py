"""The Pareto frontier of an additive negotiation, exactly, without enumerating packages.

A package's utility vector is the sum of its options' contribution vectors, so the set of all
package utilities is the Minkowski sum of the issues' option sets, and the Pareto set of a
Minkowski sum is the Pareto set of the sum of the operands' Pareto sets. The dynamic programme
therefore keeps one frontier ``F`` (starting from the single point 0), and for each issue
replaces it by ``pareto(F + P)`` where ``P`` holds that issue's undominated options. Every
point remembers the previous point and the option it came from, so the package behind every
frontier point is recovered at the end. Cost per issue: ``O(|F|·|P| log(|F|·|P|))`` for two
parties; for three or more, the dominance test against the points kept so far makes it
``O(|F|·|P|·|F'|·k)``.

Bound and fallback (three or more parties). Two-party frontiers stay small (a few thousand
points for 100 issues × 10 options) and are always computed exactly. With ``k >= 3`` parties the
frontier is a (k−1)-dimensional surface and can grow large (tens of thousands of points for
30 issues × 5 options); an a-priori bound is ``min(prod |P_i|, prod over k−1 parties of the
number of distinct utility values)``. The exact programme is run while every intermediate
frontier has at most ``max_points`` points (default 2,000); past that it stops and the
frontier is sampled instead by an ε-constraint search with a MILP solver (HiGHS, see
``milp.py``): every sampled point is Pareto-optimal, but not every Pareto-optimal point is
sampled. :attr:`Frontier.method` says which was used.

Points are Pareto-optimal when no other package gives every party at least as much and one
party more. Equal utility vectors count once (the package kept is the first found). Utilities
are on the exact grid of :mod:`foedus.negotiation.space`, so comparisons need no tolerance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foedus.negotiation.space import BoolArray, FloatArray, IntArray, UtilitySpace

__all__ = [
    "DEFAULT_MAX_POINTS",
    "EXACT",
    "SAMPLED",
    "Frontier",
    "pareto_frontier",
    "pareto_indices",
]

DEFAULT_MAX_POINTS = 2_000
EXACT = "exact"
SAMPLED = "epsilon-constraint"
_BLOCK = 256  # candidates tested together against the kept points (k >= 3)


@dataclass(frozen=True, slots=True, eq=False)
class Frontier:
    """Frontier points (rows of ``points``, one column per party) and the package behind each
    (rows of ``packages``, one option index per issue), sorted by the first party's utility,
    best first. ``method`` is :data:`EXACT` or :data:`SAMPLED`; ``work`` is the largest
    intermediate frontier of the exact programme, or the number of MILP solves."""

    points: FloatArray
    packages: IntArray
    method: str
    work: int

    @property
    def exact(self) -> bool:
        """Whether these are all the Pareto-optimal utility vectors."""
        return self.method == EXACT

    def __len__(self) -> int:
        return int(self.points.shape[0])


def pareto_indices(points: FloatArray | Sequence[Sequence[float]]) -> IntArray:
    """Indices of the Pareto-optimal rows of ``points`` (maximising every column), one per
    distinct vector, ordered by the first column descending (then the next, and so on).

    The rows are sorted best first, so that whatever dominates a row comes before it, and a
    row is kept when no earlier row is at least as good in every column. In two columns that
    test is a running maximum of the second column; with more, the sort is lexicographic and
    each block of rows is compared with the rows kept so far and with the earlier rows of its
    own block.
    """
    array = np.asarray(points, dtype=np.float64)
    if array.ndim != 2:
        raise ValueError("points must be a (rows × parties) table")
    count, parties = array.shape
    if count == 0:
        return np.zeros(0, dtype=np.int64)
    if parties <= 2:
        return _staircase(array)
    order = np.lexsort(-array.T[::-1])
    return order[_undominated_rows(array[order])].astype(np.int64, copy=False)


def _staircase(array: FloatArray) -> IntArray:
    """Two columns (or one): sort by the first, best first (a stable sort, fast on the sorted
    runs the dynamic programme produces), keep a row whose second column beats every earlier
    row's, then drop a kept row when the next kept row ties it on the first column."""
    order = np.argsort(-array[:, 0], kind="stable")
    if array.shape[1] == 1:
        return order[:1].astype(np.int64, copy=False)
    second = array[order, 1]
    keep = np.empty(order.size, dtype=bool)
    keep[0] = True
    np.greater(second[1:], np.maximum.accumulate(second)[:-1], out=keep[1:])
    kept = order[keep]
    first = array[kept, 0]
    last_of_tie = np.empty(kept.size, dtype=bool)
    last_of_tie[-1] = True
    np.not_equal(first[:-1], first[1:], out=last_of_tie[:-1])
    result: IntArray = kept[last_of_tie].astype(np.int64, copy=False)
    return result


def _undominated_rows(ranked: FloatArray) -> IntArray:
    """Rows of a lexicographically ranked table that no earlier row weakly dominates."""
    kept: list[int] = []
    kept_points = ranked[:0]
    earlier = np.tril(np.ones((_BLOCK, _BLOCK), dtype=bool), -1)
    for start in range(0, ranked.shape[0], _BLOCK):
        block = ranked[start : start + _BLOCK]
        size = block.shape[0]
        beaten: BoolArray = np.zeros(size, dtype=bool)
        if kept_points.shape[0]:
            beaten = np.asarray(_covered(kept_points, block).any(axis=1))
        beaten |= (_covered(block, block) & earlier[:size, :size]).any(axis=1)
        fresh = np.flatnonzero(~beaten)
        kept.extend((fresh + start).tolist())
        kept_points = np.concatenate([kept_points, block[fresh]])
    return np.asarray(kept, dtype=np.int64)


def _covered(by: FloatArray, rows: FloatArray) -> BoolArray:
    """``result[r, b]``: row ``rows[r]`` is at most ``by[b]`` in every column."""
    result = by[None, :, 0] >= rows[:, None, 0]
    for column in range(1, rows.shape[1]):
        result &= by[None, :, column] >= rows[:, None, column]
    return result


def pareto_frontier(
    space: UtilitySpace,
    *,
    max_points: int = DEFAULT_MAX_POINTS,
    reservation: Sequence[float] | None = None,
    solves: int | None = None,
) -> Frontier:
    """The Pareto frontier of ``space``: exact for two parties; for more, exact while every
    intermediate frontier has at most ``max_points`` points, else sampled by the ε-constraint
    MILP search (``reservation`` — the parties' reservation values — focuses its anchor
    points on the individually rational packages; ``solves`` caps its number of MILP solves).
    """
    if max_points < 1:
        raise ValueError("max_points must be at least 1")
    limit = None if space.n_parties <= 2 else max_points
    exact = _exact_frontier(space, limit)
    if exact is not None:
        return exact
    from foedus.negotiation.milp import DEFAULT_SOLVES, epsilon_constraint_points

    found, used = epsilon_constraint_points(
        space, reservation, solves=DEFAULT_SOLVES if solves is None else solves
    )
    points = space.utilities(found)
    keep = pareto_indices(points)
    return Frontier(points[keep], found[keep], SAMPLED, used)


def _exact_frontier(space: UtilitySpace, limit: int | None) -> Frontier | None:
    """The dynamic programme over issues; ``None`` when a frontier passes ``limit`` points."""
    points = np.zeros((1, space.n_parties))
    parents: list[IntArray] = []
    choices: list[IntArray] = []
    largest = 1
    for table in space.tables:
        options = pareto_indices(table)
        # one shifted copy of the frontier per option, each copy contiguous (a sorted run)
        candidates = (table[options][:, None, :] + points[None, :, :]).reshape(-1, table.shape[1])
        keep = pareto_indices(candidates)
        if limit is not None and keep.shape[0] > limit:
            return None
        parents.append(keep % points.shape[0])
        choices.append(options[keep // points.shape[0]])
        points = candidates[keep]
        largest = max(largest, points.shape[0])
    return Frontier(points, _recover(parents, choices, points.shape[0]), EXACT, largest)


def _recover(parents: list[IntArray], choices: list[IntArray], size: int) -> IntArray:
    """Walk the back-pointers from the last issue to the first: one package per point."""
    packages = np.empty((size, len(choices)), dtype=np.int64)
    position = np.arange(size)
    for issue in range(len(choices) - 1, -1, -1):
        packages[:, issue] = choices[issue][position]
        position = parents[issue][position]
    return packages
