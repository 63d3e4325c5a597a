"""Where a package stands, and the trades that would improve it for every party.

A *trade* changes the options of a few issues at once (one to three by default). It is
reported when it gives every party strictly more, and when it is *minimal*: no smaller part of
it already does so — a pair in which each change alone hurts somebody, but together help
everybody, is a logroll; a single change that helps everybody is a free improvement. Trades
only move an issue to one of its undominated options (an option another option of the same
issue beats for every party can never be part of a best trade). They are ranked by joint
gain (the sum of the parties' gains), then by fewer changes.

The search is exhaustive over all combinations of the candidate changes up to the requested
size, as long as a size has at most :data:`MAX_COMBINATIONS` combinations; larger sizes are
skipped (:attr:`Standing.searched` says up to which size the search went).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foedus.negotiation.pareto import pareto_indices
from foedus.negotiation.space import BoolArray, FloatArray, IntArray, UtilitySpace

__all__ = ["MAX_COMBINATIONS", "Standing", "Trade", "improving_trades", "standing"]

MAX_COMBINATIONS = 500_000


@dataclass(frozen=True, slots=True)
class Trade:
    """``changes``: (issue, new option) pairs; ``gains``: each party's gain from them."""

    changes: tuple[tuple[int, int], ...]
    gains: tuple[float, ...]

    @property
    def joint_gain(self) -> float:
        return float(sum(self.gains))


@dataclass(frozen=True, slots=True)
class Standing:
    """A package's utilities, whether a known frontier point dominates it (``dominated``),
    its Euclidean ``distance`` to the nearest frontier point at least as good for everyone
    (row ``nearest`` of the frontier; 0 when it is on the frontier, ``None`` when a sampled
    frontier holds no such point), and the best minimal ``trades``."""

    package: tuple[int, ...]
    utilities: tuple[float, ...]
    dominated: bool
    distance: float | None
    nearest: int | None
    trades: tuple[Trade, ...]
    searched: int


def standing(
    space: UtilitySpace,
    frontier_points: FloatArray,
    package: Sequence[int],
    *,
    max_changes: int = 3,
    limit: int = 10,
) -> Standing:
    """Where ``package`` (option indices) stands against ``frontier_points``."""
    current = space.utilities([list(package)])[0]
    points = np.asarray(frontier_points, dtype=np.float64).reshape(-1, space.n_parties)
    at_least = np.flatnonzero(np.all(points >= current, axis=1))
    better = at_least[np.any(points[at_least] > current, axis=1)]
    nearest: int | None = None
    distance: float | None = None
    if at_least.size:
        lengths = np.linalg.norm(points[at_least] - current, axis=1)
        nearest = int(at_least[np.argmin(lengths)])
        distance = float(lengths.min())
    trades, searched = improving_trades(space, package, max_changes=max_changes, limit=limit)
    return Standing(
        package=tuple(int(option) for option in package),
        utilities=tuple(map(float, current)),
        dominated=bool(better.size),
        distance=distance,
        nearest=nearest,
        trades=trades,
        searched=searched,
    )


def improving_trades(
    space: UtilitySpace, package: Sequence[int], *, max_changes: int = 3, limit: int = 10
) -> tuple[tuple[Trade, ...], int]:
    """The ``limit`` best minimal trades of up to ``max_changes`` changes from ``package``,
    and the largest number of changes actually searched."""
    chosen = [int(option) for option in package]
    if len(chosen) != space.n_issues:
        raise ValueError("a package needs one option per issue")
    issues, options, deltas = _candidate_changes(space, chosen)
    found: list[tuple[IntArray, FloatArray]] = []
    searched = 0
    for size in range(1, max_changes + 1):
        if size > len(issues) or math.comb(len(issues), size) > MAX_COMBINATIONS:
            break
        searched = size
        combos = _combinations(len(issues), size)
        combos = combos[_distinct_issues(issues[combos])]
        gains = deltas[combos].sum(axis=1)
        improving = np.all(gains > 0, axis=1)
        combos, gains = combos[improving], gains[improving]
        minimal = ~_has_improving_part(deltas, combos)
        found.extend(zip(combos[minimal], gains[minimal], strict=True))
    found.sort(key=lambda item: (-float(item[1].sum()), item[0].size, item[0].tolist()))
    trades = tuple(
        Trade(
            tuple((int(issues[c]), int(options[c])) for c in combo),
            tuple(map(float, gain)),
        )
        for combo, gain in found[:limit]
    )
    return trades, searched


def _candidate_changes(
    space: UtilitySpace, chosen: list[int]
) -> tuple[IntArray, IntArray, FloatArray]:
    """Every move of one issue to another undominated option: issue, option, gain vector."""
    issues: list[int] = []
    options: list[int] = []
    deltas: list[FloatArray] = []
    for issue, table in enumerate(space.tables):
        for option in pareto_indices(table).tolist():
            if option != chosen[issue]:
                issues.append(issue)
                options.append(option)
                deltas.append(table[option] - table[chosen[issue]])
    parties = space.n_parties
    return (
        np.asarray(issues, dtype=np.int64),
        np.asarray(options, dtype=np.int64),
        np.asarray(deltas, dtype=np.float64).reshape(-1, parties),
    )


def _combinations(count: int, size: int) -> IntArray:
    flat = np.fromiter(
        itertools.chain.from_iterable(itertools.combinations(range(count), size)),
        dtype=np.int64,
    )
    return flat.reshape(-1, size)


def _distinct_issues(issues_of: IntArray) -> BoolArray:
    ranked = np.sort(issues_of, axis=1)
    result: BoolArray = np.all(ranked[:, 1:] != ranked[:, :-1], axis=1)
    return result


def _has_improving_part(deltas: FloatArray, combos: IntArray) -> BoolArray:
    """For each combination: does a proper, non-empty part of it improve every party?"""
    size = combos.shape[1]
    found = np.zeros(combos.shape[0], dtype=bool)
    for part_size in range(1, size):
        for part in itertools.combinations(range(size), part_size):
            gains = deltas[combos[:, list(part)]].sum(axis=1)
            found |= np.all(gains > 0, axis=1)
    return found
