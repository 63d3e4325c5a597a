"""The utility space of an additive negotiation: what each option of each issue is worth to
each party.

``tables[i][j, p]`` is the contribution of option ``j`` of issue ``i`` to party ``p``'s utility;
a package (one option index per issue) is worth the sum of its options' contributions.

Exact arithmetic. Every contribution is rounded to a multiple of a power of two, ``2**e``, with
``e`` chosen per party so that any sum of contributions stays below ``2**52`` units. Sums of such
numbers are exact in floating point and do not depend on the order of addition, so equal
packages compare equal and the Pareto filter needs no tolerance. The rounding moves a
contribution by at most ``2**-51`` times the party's largest possible total utility (or by
``2**-1023``, for totals too small for that); integers (and every value with few binary
digits) are kept exactly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["BoolArray", "FloatArray", "IntArray", "UtilitySpace"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_HEADROOM_BITS = 50  # sums stay below 2**50 units: four times inside float's exact range
_SMALLEST_EXPONENT = -1022  # no subnormal quantum: utilities below 2**-1023 count as 0


@dataclass(frozen=True, slots=True, eq=False)
class UtilitySpace:
    """Per issue, a (options × parties) table of contributions, already on the exact grid.
    Build it with :meth:`from_tables`."""

    tables: tuple[FloatArray, ...]

    @classmethod
    def from_tables(cls, tables: Sequence[Sequence[Sequence[float]]] | FloatArray) -> UtilitySpace:
        """``tables[issue][option][party]`` (nested sequences, or one array when every issue
        has as many options): every issue needs at least one option, every option one finite
        number per party, the same number of parties throughout."""
        if len(tables) == 0:
            raise ValueError("a utility space needs at least one issue")
        counts = [len(table) for table in tables]
        if min(counts) == 0:
            raise ValueError(f"issue {counts.index(0)}: needs at least one option")
        if isinstance(tables, np.ndarray) and tables.ndim == 3:  # (issues, options, parties)
            flat = tables.reshape(-1, tables.shape[2]).astype(np.float64)
        else:
            try:
                flat = np.array([row for table in tables for row in table], dtype=np.float64)
            except ValueError:
                raise ValueError("every option needs one number per party") from None
        if flat.ndim != 2 or flat.shape[1] == 0:
            raise ValueError("every option needs one number per party (and one party at least)")
        if not np.all(np.isfinite(flat)):
            raise ValueError("contributions must be finite numbers")
        starts = np.cumsum([0, *counts[:-1]])
        bound = np.maximum.reduceat(np.abs(flat), starts, axis=0).sum(axis=0)
        _, exponent = np.frexp(bound)
        quantum = np.where(
            bound > 0, np.ldexp(1.0, np.maximum(exponent - _HEADROOM_BITS, _SMALLEST_EXPONENT)), 1.0
        )
        snapped = np.round(flat / quantum) * quantum
        return cls(tuple(np.split(snapped, starts[1:])))

    @property
    def n_parties(self) -> int:
        return int(self.tables[0].shape[1])

    @property
    def n_issues(self) -> int:
        return len(self.tables)

    @property
    def option_counts(self) -> tuple[int, ...]:
        return tuple(int(table.shape[0]) for table in self.tables)

    @property
    def n_outcomes(self) -> int:
        """How many packages there are (the product of the option counts)."""
        return math.prod(self.option_counts)

    def utilities(self, packages: IntArray | Sequence[Sequence[int]]) -> FloatArray:
        """The (packages × parties) utilities of packages given as option indices."""
        chosen = np.asarray(packages, dtype=np.int64).reshape(-1, self.n_issues)
        total = np.zeros((chosen.shape[0], self.n_parties))
        for issue, table in enumerate(self.tables):
            total += table[chosen[:, issue]]
        return total

    def bounds(self) -> tuple[FloatArray, FloatArray]:
        """Each party's lowest and highest possible utility over all packages."""
        low = np.sum([table.min(axis=0) for table in self.tables], axis=0)
        high = np.sum([table.max(axis=0) for table in self.tables], axis=0)
        return low, high
