"""Reading agreements: one file, or a batch spread over processes, in input order."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from foedus.analysis.ingest import Limits, read_path
from foedus.analysis.reading import build_document
from foedus.domain.errors import InputError
from foedus.domain.provision import Document

__all__ = ["ReadOutcome", "read_document", "read_documents"]


@dataclass(frozen=True, slots=True)
class ReadOutcome:
    """The result for one input: a document, or the error that stopped it."""

    path: Path
    document: Document | None = None
    error: InputError | None = None


def read_document(path: Path, limits: Limits) -> Document:
    """Read and segment one agreement; raises :class:`InputError` when it cannot."""
    return build_document(read_path(path, limits), str(path))


def _outcome(args: tuple[Path, Limits]) -> ReadOutcome:
    path, limits = args
    try:
        return ReadOutcome(path, document=read_document(path, limits))
    except InputError as exc:
        return ReadOutcome(path, error=exc)


def read_documents(
    paths: Sequence[Path],
    limits: Limits,
    jobs: int = 1,
    on_done: Callable[[ReadOutcome], None] | None = None,
) -> Iterator[ReadOutcome]:
    """Outcomes for ``paths`` in input order; a bad file yields an error, not an exception.

    With ``jobs`` > 1 the files are read by that many worker processes.
    """
    work = [(path, limits) for path in paths]
    if jobs <= 1 or len(work) <= 1:
        results: Iterator[ReadOutcome] = map(_outcome, work)
        for outcome in results:
            if on_done is not None:
                on_done(outcome)
            yield outcome
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for outcome in pool.map(_outcome, work, chunksize=max(1, len(work) // (jobs * 8))):
            if on_done is not None:
                on_done(outcome)
            yield outcome
