"""The exact frontier by dynamic programming equals brute force, package by package."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.unit.negotiation.spaces import (
    all_packages,
    as_set,
    brute_force_frontier,
    float_tables,
    integer_tables,
)

from foedus.negotiation.pareto import EXACT, SAMPLED, pareto_frontier, pareto_indices
from foedus.negotiation.space import UtilitySpace


@given(integer_tables(parties=2))
def test_two_party_frontier_equals_brute_force_with_ties(tables: list[list[list[float]]]) -> None:
    space = UtilitySpace.from_tables(tables)
    frontier = pareto_frontier(space)
    assert frontier.method == EXACT
    assert as_set(frontier.points) == brute_force_frontier(space)
    assert len(frontier) == len(brute_force_frontier(space))  # each vector once


@given(float_tables(parties=2))
def test_two_party_frontier_equals_brute_force_with_real_values(
    tables: list[list[list[float]]],
) -> None:
    space = UtilitySpace.from_tables(tables)
    assert as_set(pareto_frontier(space).points) == brute_force_frontier(space)


@given(st.integers(3, 4).flatmap(lambda k: integer_tables(parties=k, max_issues=3)))
def test_frontier_of_three_or_four_parties_equals_brute_force(
    tables: list[list[list[float]]],
) -> None:
    space = UtilitySpace.from_tables(tables)
    frontier = pareto_frontier(space)
    assert frontier.exact
    assert as_set(frontier.points) == brute_force_frontier(space)


@given(st.integers(2, 3).flatmap(lambda k: float_tables(parties=k)))
def test_every_frontier_point_is_the_utility_of_the_package_behind_it(
    tables: list[list[list[float]]],
) -> None:
    space = UtilitySpace.from_tables(tables)
    frontier = pareto_frontier(space)
    assert frontier.packages.shape == (len(frontier), space.n_issues)
    assert np.array_equal(space.utilities(frontier.packages), frontier.points)


@given(integer_tables(parties=2), st.data())
def test_adding_a_dominated_option_changes_nothing(
    tables: list[list[list[float]]], data: st.DataObject
) -> None:
    before = pareto_frontier(UtilitySpace.from_tables(tables))
    issue = data.draw(st.integers(0, len(tables) - 1))
    base = data.draw(st.sampled_from(tables[issue]))
    worse = [value - data.draw(st.integers(0, 3)) for value in base]
    worse[data.draw(st.integers(0, len(base) - 1))] -= 1  # worse for somebody, better for none
    grown = [list(t) for t in tables]
    grown[issue] = [*tables[issue], worse]
    after = pareto_frontier(UtilitySpace.from_tables(grown))
    assert as_set(after.points) == as_set(before.points)


@settings(max_examples=25, deadline=None)
@given(integer_tables(parties=3, max_issues=4))
def test_a_sampled_frontier_holds_only_pareto_optimal_points(
    tables: list[list[list[float]]],
) -> None:
    space = UtilitySpace.from_tables(tables)
    sampled = pareto_frontier(space, max_points=1, reservation=[0, 0, 0])
    exact = brute_force_frontier(space)
    assert sampled.method in {SAMPLED, EXACT}
    if sampled.method == SAMPLED:
        assert as_set(sampled.points) <= exact
        assert np.array_equal(space.utilities(sampled.packages), sampled.points)


def test_the_frontier_is_sorted_by_the_first_party_best_first() -> None:
    rng = np.random.default_rng(7)
    frontier = pareto_frontier(UtilitySpace.from_tables(rng.random((12, 4, 2)).tolist()))
    assert np.all(np.diff(frontier.points[:, 0]) < 0)
    assert np.all(np.diff(frontier.points[:, 1]) > 0)


def test_a_large_two_party_space_is_solved_exactly_without_enumeration() -> None:
    rng = np.random.default_rng(1)
    space = UtilitySpace.from_tables(rng.random((100, 10, 2)).tolist())  # 1e100 packages
    frontier = pareto_frontier(space)
    assert frontier.exact
    assert len(frontier) > 1000
    assert np.array_equal(space.utilities(frontier.packages), frontier.points)


def test_a_three_party_frontier_past_the_bound_falls_back_to_sampling() -> None:
    rng = np.random.default_rng(2)
    space = UtilitySpace.from_tables(rng.integers(0, 50, (8, 4, 3)).astype(float).tolist())
    exact = pareto_frontier(space)
    sampled = pareto_frontier(space, max_points=10, solves=20)
    assert exact.exact
    assert len(exact) > 10
    assert sampled.method == SAMPLED
    assert not sampled.exact
    assert len(sampled) > 0
    assert as_set(sampled.points) <= as_set(exact.points)


def test_pareto_indices_keeps_one_of_equal_points_and_drops_weakly_dominated_ones() -> None:
    points = [[1, 2, 3], [1, 2, 3], [1, 2, 2], [0, 5, 0], [2, 0, 0]]
    kept = pareto_indices(points)
    assert sorted(tuple(points[i]) for i in kept) == [(0, 5, 0), (1, 2, 3), (2, 0, 0)]
    assert pareto_indices([[3, 1], [3, 2], [3, 2], [1, 1]]).tolist() in ([1], [2])


def test_the_exact_grid_keeps_integers_and_makes_sums_order_free() -> None:
    space = UtilitySpace.from_tables([[[0.1, 3]], [[0.2, 4]], [[0.3, 5]]])
    assert space.tables[1][0, 1] == 4.0
    forward = space.tables[0][0, 0] + space.tables[1][0, 0] + space.tables[2][0, 0]
    backward = space.tables[2][0, 0] + space.tables[1][0, 0] + space.tables[0][0, 0]
    assert forward == backward


@pytest.mark.parametrize("tables", [[], [[]], [[[1.0, 2.0]], [[1.0]]], [[[float("nan"), 1.0]]]])
def test_a_malformed_space_is_refused(tables: list[list[list[float]]]) -> None:
    with pytest.raises(ValueError, match=r"issue|party|finite|table"):
        UtilitySpace.from_tables(tables)


def test_all_packages_helper_counts_every_outcome() -> None:
    space = UtilitySpace.from_tables([[[0, 0]] * 3, [[0, 0]] * 2])
    assert len(all_packages(space)) == space.n_outcomes == 6
