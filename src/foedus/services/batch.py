"""Running one use case over many files: in input order, over processes, past bad files."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Generic, TypeVar

from foedus.analysis.ingest import Limits
from foedus.domain.errors import InputError

__all__ = ["Limits", "Outcome", "run_batch"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """The result for one input: a value, or the error that stopped it."""

    path: Path
    value: T | None = None
    error: InputError | None = None


def _attempt(work: Callable[[Path, Limits], T], limits: Limits, path: Path) -> Outcome[T]:
    try:
        return Outcome(path, value=work(path, limits))
    except InputError as exc:
        return Outcome(path, error=exc)


def run_batch(
    work: Callable[[Path, Limits], T],
    paths: Sequence[Path],
    limits: Limits,
    jobs: int = 1,
    on_done: Callable[[Outcome[T]], None] | None = None,
) -> Iterator[Outcome[T]]:
    """``work(path, limits)`` for each path, yielded in input order; an :class:`InputError`
    becomes an error outcome, not an exception. ``jobs`` > 1 uses that many processes
    (``work`` must then be a module-level function)."""
    attempt = partial(_attempt, work, limits)
    if jobs <= 1 or len(paths) <= 1:
        results: Iterator[Outcome[T]] = map(attempt, paths)
        for outcome in results:
            if on_done is not None:
                on_done(outcome)
            yield outcome
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for outcome in pool.map(attempt, paths, chunksize=max(1, len(paths) // (jobs * 8))):
            if on_done is not None:
                on_done(outcome)
            yield outcome
