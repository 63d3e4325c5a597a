"""The numbers behind a valuation: weights from points or a ranking, option values from a
ranking, and the estimate of a valuation one cannot see.

All weights sum to 100 and all values lie in 0–100, so a utility
``sum(weight * value) / 100`` lies in 0–100.

- **Weights** entered directly are scaled to sum to 100; **points** (the Inspire way: split
  100 points across the issues) must already sum to 100; a **ranking** of issues, most
  important first, gives rank-order-centroid weights (Barron & Barrett 1996): the issue ranked
  ``r`` of ``n`` gets ``100/n · (1/r + 1/(r+1) + … + 1/n)``.
- Option **scores** are entered 0–100; a **ranking** of options, best first, gives values
  evenly spaced from 100 down to 0.
- **Estimate** of a party's valuation from its public record (:func:`estimated_valuation`):
  an issue weighs 1, plus 2 if the party tabled a proposal on it, plus 3 if it named the issue
  as a priority (then scaled to sum 100); on an issue where it tabled option ``p`` of ``m``
  (options listed along their natural scale), option ``j`` is worth
  ``100 · (1 − |j − p| / (m − 1))`` — what it asked for is best and worth less the further
  away; on an issue where it tabled nothing every option is worth 50.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "ESTIMATE_BASE",
    "ESTIMATE_PRIORITY",
    "ESTIMATE_PROPOSED",
    "estimated_valuation",
    "normalised_weights",
    "points_weights",
    "rank_order_centroid",
    "ranked_values",
]

ESTIMATE_BASE, ESTIMATE_PROPOSED, ESTIMATE_PRIORITY = 1.0, 2.0, 3.0
_POINTS_TOLERANCE = 1e-6


def normalised_weights(raw: Sequence[float]) -> list[float]:
    """Non-negative weights scaled to sum to 100; raises ``ValueError`` if they cannot be."""
    if any(weight < 0 for weight in raw):
        raise ValueError("weights must not be negative")
    total = float(sum(raw))
    if total <= 0:
        raise ValueError("at least one weight must be positive")
    return [100.0 * weight / total for weight in raw]


def points_weights(points: Sequence[float]) -> list[float]:
    """Inspire-style points: non-negative and summing to exactly 100."""
    if any(point < 0 for point in points):
        raise ValueError("points must not be negative")
    total = float(sum(points))
    if abs(total - 100.0) > _POINTS_TOLERANCE:
        raise ValueError(f"points must sum to 100 (they sum to {total:g})")
    return [float(point) for point in points]


def rank_order_centroid(count: int) -> list[float]:
    """Weights (summing to 100) for ``count`` issues ranked most important first."""
    if count < 1:
        raise ValueError("a ranking needs at least one entry")
    return [100.0 / count * sum(1.0 / j for j in range(r, count + 1)) for r in range(1, count + 1)]


def ranked_values(count: int) -> list[float]:
    """Values for ``count`` options ranked best first: 100 down to 0, evenly spaced."""
    if count < 1:
        raise ValueError("a ranking needs at least one entry")
    if count == 1:
        return [100.0]
    return [100.0 * (count - 1 - r) / (count - 1) for r in range(count)]


def estimated_valuation(
    option_counts: Sequence[int], proposed: Sequence[int | None], priorities: Sequence[int]
) -> tuple[list[float], list[list[float]]]:
    """Weights and option values estimated from a public record: ``proposed[i]`` is the
    option tabled on issue ``i`` (or ``None``), ``priorities`` the issues named as priorities."""
    if len(proposed) != len(option_counts):
        raise ValueError("one proposal (or None) per issue")
    named = set(priorities)
    raw = [
        ESTIMATE_BASE
        + (ESTIMATE_PROPOSED if tabled is not None else 0.0)
        + (ESTIMATE_PRIORITY if issue in named else 0.0)
        for issue, tabled in enumerate(proposed)
    ]
    values = []
    for count, tabled in zip(option_counts, proposed, strict=True):
        if tabled is None:
            values.append([50.0] * count)
        elif count == 1:
            values.append([100.0])
        else:
            values.append([100.0 * (1 - abs(j - tabled) / (count - 1)) for j in range(count)])
    return normalised_weights(raw), values
