"""Trades that improve a package for everybody: each one does, each one is minimal, none is
missed, and the best come first."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from tests.unit.negotiation.spaces import all_packages, integer_tables

from foedus.negotiation.pareto import pareto_frontier, pareto_indices
from foedus.negotiation.space import UtilitySpace
from foedus.negotiation.trades import improving_trades, standing


def _improves(
    space: UtilitySpace, package: list[int], changes: tuple[tuple[int, int], ...]
) -> bool:
    moved = list(package)
    for issue, option in changes:
        moved[issue] = option
    before, after = space.utilities([package])[0], space.utilities([moved])[0]
    return bool(np.all(after > before))


def _brute_force_minimal_trades(
    space: UtilitySpace, package: list[int], max_changes: int
) -> set[tuple[tuple[int, int], ...]]:
    moves = [
        (issue, option)
        for issue, table in enumerate(space.tables)
        for option in pareto_indices(table).tolist()
        if option != package[issue]
    ]
    found = set()
    for size in range(1, max_changes + 1):
        for combo in itertools.combinations(moves, size):
            if len({issue for issue, _ in combo}) < size or not _improves(space, package, combo):
                continue
            parts = (part for r in range(1, size) for part in itertools.combinations(combo, r))
            if not any(_improves(space, package, part) for part in parts):
                found.add(combo)
    return found


@given(integer_tables(parties=2, max_issues=4, max_options=3), st.data())
def test_trades_are_exactly_the_minimal_improvements_for_everybody(
    tables: list[list[list[float]]], data: st.DataObject
) -> None:
    space = UtilitySpace.from_tables(tables)
    package = [data.draw(st.integers(0, m - 1)) for m in space.option_counts]
    trades, searched = improving_trades(space, package, max_changes=3, limit=10_000)
    found = {trade.changes for trade in trades}
    assert found == _brute_force_minimal_trades(space, package, searched)
    gains = [trade.joint_gain for trade in trades]
    assert gains == sorted(gains, reverse=True)
    for trade in trades:
        assert all(gain > 0 for gain in trade.gains)


@given(integer_tables(parties=3, max_issues=3, max_options=3), st.data())
def test_standing_measures_the_distance_to_the_nearest_frontier_point_at_least_as_good(
    tables: list[list[list[float]]], data: st.DataObject
) -> None:
    space = UtilitySpace.from_tables(tables)
    package = [data.draw(st.integers(0, m - 1)) for m in space.option_counts]
    frontier = pareto_frontier(space)
    result = standing(space, frontier.points, package)
    current = space.utilities([package])[0]
    everything = space.utilities(all_packages(space))
    better = everything[
        np.all(everything >= current, axis=1) & np.any(everything > current, axis=1)
    ]
    assert result.dominated == bool(len(better))
    candidates = frontier.points[np.all(frontier.points >= current, axis=1)]
    assert result.distance == min(np.linalg.norm(candidates - current, axis=1))
    if not result.dominated:
        assert result.distance == 0.0
        assert result.trades == ()


def test_a_logroll_is_found_where_each_change_alone_hurts_somebody() -> None:
    # issue 0 matters to A, issue 1 to B; the package gives each side what the other wants
    space = UtilitySpace.from_tables([[[0, 1], [10, 0]], [[1, 0], [0, 10]]])
    trades, _ = improving_trades(space, [0, 0])
    assert [trade.changes for trade in trades] == [((0, 1), (1, 1))]
    assert trades[0].gains == (9.0, 9.0)


def test_an_efficient_package_has_no_trade_and_stands_on_the_frontier() -> None:
    space = UtilitySpace.from_tables([[[0, 1], [10, 0]], [[1, 0], [0, 10]]])
    frontier = pareto_frontier(space)
    result = standing(space, frontier.points, [1, 1])
    assert not result.dominated
    assert result.distance == 0.0
    assert result.trades == ()
    assert result.utilities == (10.0, 10.0)


def test_the_search_stops_at_sizes_with_too_many_combinations() -> None:
    rng = np.random.default_rng(3)
    space = UtilitySpace.from_tables(rng.integers(0, 9, (60, 6, 2)).astype(float).tolist())
    _trades, searched = improving_trades(space, [0] * 60, max_changes=4)
    assert 2 <= searched < 4
