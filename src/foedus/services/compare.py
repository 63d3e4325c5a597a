"""Comparing agreements: the portfolio matrix, provision alignment, the template check and
the place among historical alliances — one function per user action, on documents already
read (for the workspace) or on paths (for the command line). Results are plain objects with
``as_dict()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from foedus.analysis.ingest import Limits
from foedus.compare.alignment import Alignment, align
from foedus.compare.atop_codes import code_agreement
from foedus.compare.cells import Subject
from foedus.compare.history import History, compare_history
from foedus.compare.matrix import Matrix, build_matrix
from foedus.compare.template import (
    TemplateCheck,
    available_templates,
    check_template,
    load_template,
)
from foedus.domain.provision import Document
from foedus.services.analysis import Analysis, analyse_document
from foedus.services.reading import read_document

__all__ = [
    "Portfolio",
    "align_documents",
    "align_paths",
    "available_templates",
    "check_analysis",
    "check_document",
    "check_path",
    "compare_analyses",
    "compare_documents",
    "compare_paths",
    "history_analysis",
    "history_document",
    "history_path",
]


@dataclass(frozen=True, slots=True)
class Portfolio:
    """The matrix of several agreements and, when asked for, each one's place in history."""

    matrix: Matrix
    histories: tuple[History, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        data = self.matrix.as_dict()
        if self.histories:
            data["history"] = [
                {"name": name, **history.as_dict()}
                for name, history in zip(self.matrix.columns, self.histories, strict=True)
            ]
        return data


def _label(document: Document) -> str:
    source = Path(document.source)
    if source.suffix:
        return source.stem
    title = document.title or document.source
    return title if len(title) <= 40 else title[:39] + "…"


def _unique(names: Sequence[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return unique


def subjects(documents: Sequence[Document], names: Sequence[str] | None = None) -> list[Subject]:
    """Each document analysed (commitments and profile), named by ``names`` or its file."""
    return subjects_of([analyse_document(d) for d in documents], names)


def subjects_of(analyses: Sequence[Analysis], names: Sequence[str] | None = None) -> list[Subject]:
    """Agreements already analysed, named by ``names`` or their files."""
    labels = _unique(list(names) if names else [_label(a.document) for a in analyses])
    return [
        Subject(label, a.document, a.extraction, a.profile)
        for label, a in zip(labels, analyses, strict=True)
    ]


def compare_documents(
    documents: Sequence[Document], names: Sequence[str] | None = None, history: bool = False
) -> Portfolio:
    """The portfolio matrix of ``documents`` (and their place among historical alliances)."""
    return compare_analyses([analyse_document(d) for d in documents], names, history)


def compare_analyses(
    analyses: Sequence[Analysis], names: Sequence[str] | None = None, history: bool = False
) -> Portfolio:
    """The portfolio matrix of agreements already analysed (the workspace keeps analyses)."""
    found = subjects_of(analyses, names)
    histories = tuple(compare_history(code_agreement(s)) for s in found) if history else ()
    return Portfolio(build_matrix(found), histories)


def compare_paths(paths: Sequence[Path], limits: Limits, history: bool = False) -> Portfolio:
    """Read each path and compare; raises :class:`InputError` for the first unreadable one."""
    return compare_documents([read_document(p, limits) for p in paths], history=history)


def align_documents(left: Document, right: Document) -> Alignment:
    """The provisions of ``left`` matched one-to-one to those of ``right``."""
    a, b = analyse_document(left), analyse_document(right)
    return align(a.document, b.document, (a.extraction, b.extraction))


def align_paths(left: Path, right: Path, limits: Limits) -> Alignment:
    return align_documents(read_document(left, limits), read_document(right, limits))


def check_document(document: Document, template: str | Path) -> TemplateCheck:
    """``document`` checked against a template (a shipped name or a YAML path); raises
    :class:`~foedus.compare.template.TemplateError` for a bad template."""
    return check_analysis(analyse_document(document), template)


def check_analysis(analysis: Analysis, template: str | Path) -> TemplateCheck:
    """An agreement already analysed, checked against a template."""
    return check_template(load_template(template), analysis.extraction)


def check_path(path: Path, template: str | Path, limits: Limits) -> TemplateCheck:
    loaded = load_template(template)  # a bad template fails before the draft is read
    return check_template(loaded, analyse_document(read_document(path, limits)).extraction)


def history_document(document: Document) -> History:
    """The ATOP-style codes of ``document`` and its place among historical alliances."""
    return history_analysis(analyse_document(document))


def history_analysis(analysis: Analysis) -> History:
    """An agreement already analysed, coded as ATOP codes alliances, beside the record."""
    return compare_history(code_agreement(subjects_of([analysis])[0]))


def history_path(path: Path, limits: Limits) -> History:
    return history_document(read_document(path, limits))
