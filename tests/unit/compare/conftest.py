"""Shared fixtures: the demo agreements analysed once per session, as comparison subjects."""

from __future__ import annotations

from pathlib import Path

import pytest

import foedus
from foedus.compare.cells import Subject
from foedus.services.analysis import analyse_document

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def subject_of(document: foedus.Document, name: str) -> Subject:
    analysis = analyse_document(document)
    return Subject(name, analysis.document, analysis.extraction, analysis.profile)


@pytest.fixture(scope="session")
def demo() -> dict[str, Subject]:
    """Every demo text, keyed by its file stem."""
    return {
        path.stem: subject_of(foedus.read(path), path.stem)
        for path in sorted(EXAMPLES.glob("*.txt"))
    }
