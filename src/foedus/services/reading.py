"""Reading agreements: one file into a provision tree."""

from __future__ import annotations

from pathlib import Path

from foedus.analysis.ingest import Limits, read_path
from foedus.analysis.reading import build_document
from foedus.domain.provision import Document

__all__ = ["read_document"]


def read_document(path: Path, limits: Limits) -> Document:
    """Read and segment one agreement; raises :class:`InputError` when it cannot."""
    return build_document(read_path(path, limits), str(path))
