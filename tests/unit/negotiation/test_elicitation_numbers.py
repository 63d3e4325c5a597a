"""Weights and values from points, rankings and public records."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from foedus.negotiation.elicitation import (
    estimated_valuation,
    normalised_weights,
    points_weights,
    rank_order_centroid,
    ranked_values,
)


@given(st.integers(1, 30))
def test_rank_order_centroid_weights_sum_to_100_and_fall_with_rank(count: int) -> None:
    weights = rank_order_centroid(count)
    assert sum(weights) == pytest.approx(100)
    assert weights == sorted(weights, reverse=True)


def test_rank_order_centroid_matches_the_published_three_issue_weights() -> None:
    assert rank_order_centroid(3) == pytest.approx([61.111, 27.778, 11.111], abs=1e-3)


def test_ranked_values_run_from_100_to_0() -> None:
    assert ranked_values(3) == [100.0, 50.0, 0.0]
    assert ranked_values(1) == [100.0]


def test_points_must_sum_to_100_while_weights_are_scaled() -> None:
    assert points_weights([60, 40]) == [60.0, 40.0]
    with pytest.raises(ValueError, match="sum to 100"):
        points_weights([60, 30])
    assert normalised_weights([3, 1]) == [75.0, 25.0]
    with pytest.raises(ValueError, match="positive"):
        normalised_weights([0, 0])
    with pytest.raises(ValueError, match="negative"):
        normalised_weights([2, -1])


def test_the_estimate_reads_proposals_and_priorities() -> None:
    weights, values = estimated_valuation([3, 3, 2], [0, None, 1], priorities=[0])
    # issue 0: proposed and a priority (1+2+3), issue 1: silent (1), issue 2: proposed (1+2)
    assert weights == pytest.approx([60.0, 10.0, 30.0])
    assert values[0] == [100.0, 50.0, 0.0]  # what it tabled is best, further away worth less
    assert values[1] == [50.0, 50.0, 50.0]  # silence reads as indifference
    assert values[2] == [0.0, 100.0]
