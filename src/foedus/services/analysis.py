"""Understanding agreements: commitments and the guarantee profile."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from foedus.analysis.extract import Extraction, extract
from foedus.analysis.ingest import Limits
from foedus.analysis.profile import Profile, guarantee_profile
from foedus.domain.provision import Document
from foedus.services.reading import read_document

__all__ = ["Analysis", "Extraction", "analyse_document", "analyse_path", "extract_path"]


@dataclass(frozen=True, slots=True)
class Analysis:
    """A document with its commitments and guarantee profile."""

    document: Document
    extraction: Extraction
    profile: Profile


def analyse_document(document: Document) -> Analysis:
    extraction = extract(document)
    return Analysis(document, extraction, guarantee_profile(document, extraction))


def analyse_path(path: Path, limits: Limits) -> Analysis:
    """Read, segment and analyse one agreement; raises :class:`InputError` when unreadable."""
    return analyse_document(read_document(path, limits))


def extract_path(path: Path, limits: Limits) -> Extraction:
    """The commitments of one agreement file."""
    return extract(read_document(path, limits))
