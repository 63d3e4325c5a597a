"""Pareto frontier benchmark: foedus's dynamic programme beside negmas, and the speed targets.

    python -m bench.pareto [--max-outcomes 1e7] [--repeats 7] [--seed 0]

Side by side (needs the optional ``bench`` extra: ``pip install -e ".[bench]"``): for 1e4,
1e5, 1e6 and 1e7 outcomes (4–7 issues × 10 options, two parties with random linear-additive
utilities), the same instance is given to ``negmas.preferences.pareto_frontier`` (which
enumerates and evaluates every outcome) and to ``foedus.negotiation.pareto_frontier``. The
table shows both frontier sizes, whether the frontiers hold the same utility vectors (largest
difference), both times and their ratio, all measured in the same run. negmas is timed once
per size from its utility functions (their construction excluded); foedus is timed from the
utility tables (building its exact-grid space included), best of ``--repeats`` runs.

Targets, checked at the end: at least 10,000× faster than negmas at 1e6 outcomes; 100 issues
× 10 options (1e100 outcomes) exact in under 0.1 s; three parties × 30 issues × 5 options,
exact or bounded (ε-constraint sample), in under 2 s. Times are best of ``--repeats``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from foedus.negotiation.pareto import Frontier, pareto_frontier
from foedus.negotiation.space import FloatArray, UtilitySpace

SIZES = ((4, 10), (5, 10), (6, 10), (7, 10))  # (issues, options): 1e4 … 1e7 outcomes
SPEEDUP_TARGET = 10_000
LARGE_TARGET_S = 0.1
THREE_PARTY_TARGET_S = 2.0


@dataclass
class Row:
    outcomes: int
    shape: str
    negmas_size: int | None
    foedus_size: int
    difference: float | None
    negmas_s: float | None
    foedus_s: float

    @property
    def ratio(self) -> float | None:
        return None if self.negmas_s is None else self.negmas_s / self.foedus_s


def best_time(action: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """The shortest of ``repeats`` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def foedus_frontier(tables: FloatArray) -> Frontier:
    return pareto_frontier(UtilitySpace.from_tables(tables))


def negmas_frontier(tables: FloatArray) -> tuple[float, FloatArray]:
    """negmas's time and frontier for the same instance (utilities = sums of the tables)."""
    from negmas import make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences import pareto_frontier as frontier

    issues_count, options, parties = tables.shape
    issues = [make_issue(values=options, name=f"issue{i}") for i in range(issues_count)]
    ufuns = [
        LinearAdditiveUtilityFunction(
            values=[
                {j: float(tables[i, j, p]) for j in range(options)} for i in range(issues_count)
            ],
            weights=[1.0] * issues_count,
            issues=issues,
            reserved_value=float("-inf"),
        )
        for p in range(parties)
    ]
    start = time.perf_counter()
    points, _indices = frontier(ufuns, issues=issues)
    spent = time.perf_counter() - start
    return spent, np.asarray(points, dtype=np.float64).reshape(-1, parties)


def _sorted(points: FloatArray) -> FloatArray:
    return points[np.lexsort(points.T[::-1])]


def compare(max_outcomes: float, repeats: int, seed: int) -> list[Row]:
    try:
        import negmas  # noqa: F401
    except ImportError:
        print('negmas is not installed (pip install -e ".[bench]"): foedus only', file=sys.stderr)
        have_negmas = False
    else:
        have_negmas = True
    rng = np.random.default_rng(seed)
    rows = []
    for issues, options in SIZES:
        outcomes = options**issues
        if outcomes > max_outcomes:
            break
        tables = rng.random((issues, options, 2))
        ours_s, ours = best_time(lambda t=tables: foedus_frontier(t), repeats)
        row = Row(outcomes, f"{issues}×{options}", None, len(ours), None, None, ours_s)
        if have_negmas:
            print(f"negmas on {outcomes:.0e} outcomes …", file=sys.stderr, flush=True)
            row.negmas_s, theirs = negmas_frontier(tables)
            row.negmas_size = len(theirs)
            if len(theirs) == len(ours):
                row.difference = float(np.abs(_sorted(theirs) - _sorted(ours.points)).max())
        rows.append(row)
    return rows


def print_table(rows: list[Row]) -> None:
    print(
        f"{'outcomes':>9}  {'issues×opts':>11}  {'frontier negmas/foedus':>22}  "
        f"{'same values (max diff)':>22}  {'negmas s':>9}  {'foedus s':>9}  {'ratio':>9}"
    )
    for row in rows:
        size = f"{'—' if row.negmas_size is None else row.negmas_size}/{row.foedus_size}"
        if row.negmas_size is None:
            same = "—"
        elif row.difference is None:
            same = "NO (sizes differ)"
        else:
            same = f"{'yes' if row.difference <= 1e-9 else 'NO'} ({row.difference:.1e})"
        negmas_s = "—" if row.negmas_s is None else f"{row.negmas_s:.3f}"
        ratio = "—" if row.ratio is None else f"{row.ratio:,.0f}×"
        print(
            f"{row.outcomes:>9.0e}  {row.shape:>11}  {size:>22}  {same:>22}  "
            f"{negmas_s:>9}  {row.foedus_s:>9.6f}  {ratio:>9}"
        )


def targets(rows: list[Row], repeats: int, seed: int) -> bool:
    rng = np.random.default_rng(seed + 1)
    large = rng.random((100, 10, 2))
    large_s, large_frontier = best_time(lambda: foedus_frontier(large), repeats)
    three = rng.random((30, 5, 3))
    three_s, three_frontier = best_time(lambda: foedus_frontier(three), max(1, repeats // 2))
    million = next((row for row in rows if row.outcomes == 10**6 and row.ratio), None)
    checks = [
        (
            f"≥ {SPEEDUP_TARGET:,}× negmas at 1e6 outcomes",
            None if million is None else (million.ratio or 0) >= SPEEDUP_TARGET,
            "not measured" if million is None else f"{million.ratio:,.0f}×",
        ),
        (
            f"100 issues × 10 options exact in < {LARGE_TARGET_S} s",
            large_frontier.exact and large_s < LARGE_TARGET_S,
            f"{large_s:.4f} s, {len(large_frontier)} frontier points, exact",
        ),
        (
            f"3 parties × 30 issues × 5 options in < {THREE_PARTY_TARGET_S} s",
            three_s < THREE_PARTY_TARGET_S,
            f"{three_s:.3f} s, {three_frontier.method}, {len(three_frontier)} points"
            + ("" if three_frontier.exact else f" from {three_frontier.work} MILP solves"),
        ),
    ]
    print()
    ok = True
    for name, passed, detail in checks:
        mark = "skip" if passed is None else "PASS" if passed else "FAIL"
        ok = ok and passed is not False
        print(f"{mark:>4}  {name}: {detail}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--max-outcomes", type=float, default=1e7, help="largest size for negmas")
    parser.add_argument("--repeats", type=int, default=7, help="foedus runs per measurement")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    rows = compare(args.max_outcomes, args.repeats, args.seed)
    print_table(rows)
    same = all(
        row.difference is not None and row.difference <= 1e-9 for row in rows if row.negmas_s
    )
    return 0 if targets(rows, args.repeats, args.seed) and same else 1


if __name__ == "__main__":
    sys.exit(main())
