"""Nash, Kalai–Smorodinsky and maximum joint gain: on the frontier as over every package, and
invariant exactly where the theory says."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.unit.negotiation.spaces import all_packages, integer_tables

from foedus.negotiation.bargaining import (
    bargains,
    kalai_smorodinsky_index,
    max_joint_gain_index,
    nash_index,
)
from foedus.negotiation.pareto import pareto_frontier
from foedus.negotiation.space import FloatArray, UtilitySpace


def _keys(points: FloatArray, floor: FloatArray, rule: str) -> tuple[FloatArray, FloatArray]:
    """The score each rule maximises, and the tie-break, for individually rational rows."""
    rational = np.all(points >= floor, axis=1)
    chosen = points[rational]
    span = chosen.max(axis=0) - floor
    relative = (chosen - floor) / np.where(span > 0, span, 1.0)
    relative[:, span <= 0] = 1.0
    score = {
        "nash": np.prod(chosen - floor, axis=1),
        "ks": relative.min(axis=1),
        "joint": np.sum(chosen - floor, axis=1),
    }[rule]
    return score, relative.sum(axis=1)


def _brute_force_optima(points: FloatArray, floor: FloatArray, rule: str) -> set[tuple[float, ...]]:
    rational = points[np.all(points >= floor, axis=1)]
    score, tie = _keys(points, floor, rule)
    best = (score == score.max()) & (tie == tie[score == score.max()].max())
    return {tuple(row) for row in rational[best].tolist()}


SOLVERS = {"nash": nash_index, "ks": kalai_smorodinsky_index, "joint": max_joint_gain_index}


@given(
    st.integers(2, 3).flatmap(lambda k: st.tuples(integer_tables(parties=k), st.just(k))),
    st.data(),
)
def test_solutions_on_the_frontier_are_optimal_over_every_package(
    case: tuple[list[list[list[float]]], int], data: st.DataObject
) -> None:
    tables, parties = case
    space = UtilitySpace.from_tables(tables)
    everything = space.utilities(all_packages(space))
    floor = np.array(data.draw(st.lists(st.integers(0, 8), min_size=parties, max_size=parties)))
    frontier = pareto_frontier(space).points
    for rule, solve in SOLVERS.items():
        on_frontier = solve(frontier, floor.tolist())
        over_all = solve(everything, floor.tolist())
        if over_all is None:
            assert on_frontier is None  # no zone of agreement, found either way
            continue
        assert on_frontier is not None
        assert tuple(frontier[on_frontier]) in _brute_force_optima(everything, floor, rule)


def _rescaled(
    tables: list[list[list[float]]], scales: list[int], shifts: list[int]
) -> list[list[list[float]]]:
    """Each party's utility u -> a*u + b (b added through the first issue)."""
    out = []
    for n, table in enumerate(tables):
        out.append(
            [
                [a * v + (b if n == 0 else 0) for v, a, b in zip(row, scales, shifts, strict=True)]
                for row in table
            ]
        )
    return out


affine = st.tuples(st.integers(1, 5), st.integers(-10, 10))


@given(integer_tables(parties=2), st.lists(affine, min_size=2, max_size=2), st.data())
def test_nash_and_kalai_smorodinsky_are_invariant_under_each_partys_affine_rescaling(
    tables: list[list[list[float]]], maps: list[tuple[int, int]], data: st.DataObject
) -> None:
    floor = data.draw(st.lists(st.integers(0, 6), min_size=2, max_size=2))
    scales, shifts = [a for a, _ in maps], [b for _, b in maps]
    space = UtilitySpace.from_tables(tables)
    moved = UtilitySpace.from_tables(_rescaled(tables, scales, shifts))
    moved_floor = [a * d + b for a, b, d in zip(scales, shifts, floor, strict=True)]
    before = pareto_frontier(space)
    after = pareto_frontier(moved)
    for solve in (nash_index, kalai_smorodinsky_index):
        first, second = solve(before.points, floor), solve(after.points, moved_floor)
        assert (first is None) == (second is None)
        if first is not None and second is not None:
            mapped_back = (after.points[second] - np.array(shifts)) / np.array(scales)
            assert np.array_equal(mapped_back, before.points[first])


@given(
    integer_tables(parties=2),
    st.integers(1, 5),
    st.lists(st.integers(-9, 9), min_size=2, max_size=2),
)
def test_max_joint_gain_is_invariant_when_every_party_is_rescaled_alike(
    tables: list[list[list[float]]], scale: int, shifts: list[int]
) -> None:
    space = UtilitySpace.from_tables(tables)
    moved = UtilitySpace.from_tables(_rescaled(tables, [scale, scale], shifts))
    first = max_joint_gain_index(pareto_frontier(space).points, [0, 0])
    moved_frontier = pareto_frontier(moved).points
    second = max_joint_gain_index(moved_frontier, shifts)
    assert first is not None
    assert second is not None
    mapped_back = (moved_frontier[second] - np.array(shifts)) / scale
    assert mapped_back.sum() == pareto_frontier(space).points[first].sum()


def test_max_joint_gain_changes_when_one_party_alone_is_rescaled() -> None:
    tables = [[[10.0, 0.0], [0.0, 6.0]]]  # one issue: 10 for A, or 6 for B
    assert max_joint_gain_index(UtilitySpace.from_tables(tables).tables[0], [0, 0]) == 0
    doubled_b = _rescaled(tables, [1, 2], [0, 0])
    assert max_joint_gain_index(UtilitySpace.from_tables(doubled_b).tables[0], [0, 0]) == 1
    # while Nash and KS cannot tell the two scales apart
    for solve in (nash_index, kalai_smorodinsky_index):
        assert solve(np.array(tables[0]), [0, 0]) == solve(np.array(doubled_b[0]), [0, 0])


def test_no_zone_of_agreement_is_an_outcome_not_an_error() -> None:
    result = bargains([[10.0, 1.0], [1.0, 10.0]], [5.0, 5.0])
    assert not result.zopa
    assert result.ideal is None
    assert (result.nash, result.kalai_smorodinsky, result.max_joint_gain) == (None, None, None)


def test_the_three_solutions_differ_on_an_asymmetric_frontier() -> None:
    points = [[20, 0], [14, 4.8], [11, 5.6], [0, 10]]
    result = bargains(points, [0, 0])
    assert result.zopa
    assert result.ideal == (20.0, 10.0)
    assert result.nash is not None
    assert result.nash.utilities == (14.0, 4.8)
    assert result.kalai_smorodinsky is not None
    assert result.kalai_smorodinsky.gains == (11.0, 5.6)
    assert result.max_joint_gain is not None
    assert result.max_joint_gain.utilities == (20.0, 0.0)


def test_a_party_whose_ideal_is_its_reservation_value_counts_as_fully_served() -> None:
    points = [[5, 1], [5, 3]]
    assert kalai_smorodinsky_index(points, [5, 0]) == 1


def test_one_reservation_value_per_party_is_required() -> None:
    with pytest.raises(ValueError, match="one reservation value per party"):
        bargains([[1.0, 2.0]], [0.0])
