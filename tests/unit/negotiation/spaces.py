"""Hypothesis strategies for small additive negotiation spaces, and brute force over them."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import strategies as st

from foedus.negotiation.space import FloatArray, IntArray, UtilitySpace


@st.composite
def integer_tables(
    draw: st.DrawFn, parties: int = 2, max_issues: int = 4, max_options: int = 4, top: int = 6
) -> list[list[list[float]]]:
    """Small integer contributions: many ties, so ties are tested, and every sum is exact."""
    issues = draw(st.integers(1, max_issues))
    return [
        draw(
            st.lists(
                st.lists(st.integers(0, top).map(float), min_size=parties, max_size=parties),
                min_size=1,
                max_size=max_options,
            )
        )
        for _ in range(issues)
    ]


@st.composite
def float_tables(
    draw: st.DrawFn, parties: int = 2, max_issues: int = 4, max_options: int = 4
) -> list[list[list[float]]]:
    """Arbitrary real contributions (the space puts them on its exact grid)."""
    value = st.floats(0, 100, allow_nan=False, allow_infinity=False)
    issues = draw(st.integers(1, max_issues))
    return [
        draw(
            st.lists(
                st.lists(value, min_size=parties, max_size=parties),
                min_size=1,
                max_size=max_options,
            )
        )
        for _ in range(issues)
    ]


def all_packages(space: UtilitySpace) -> IntArray:
    return np.array(list(itertools.product(*(range(m) for m in space.option_counts))))


def brute_force_frontier(space: UtilitySpace) -> set[tuple[float, ...]]:
    """Every package's utilities, keeping those no other package weakly dominates."""
    points = space.utilities(all_packages(space))
    frontier = set()
    for row in points:
        at_least = np.all(points >= row, axis=1)
        better = at_least & np.any(points > row, axis=1)
        if not better.any():
            frontier.add(tuple(row.tolist()))
    return frontier


def as_set(points: FloatArray) -> set[tuple[float, ...]]:
    return {tuple(row) for row in points.tolist()}
