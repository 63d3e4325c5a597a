"""The portfolio matrix: agreements side by side, one row per dimension analysts compare.

Rows are the dimensions of :mod:`foedus.compare.dimensions` (legal form, duration, response to
a future attack, money, military support, … and every commitment category); columns are the
agreements; each cell says what one agreement does on one dimension, with quoted evidence.
Outliers are flagged in words: a dimension that only a minority of the agreements address
("only 3 of 12 agreements put a time on consultations"), one that all but a few address, and
agreements that address a dimension only with weak words where the others commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from foedus.compare.cells import Cell, Subject
from foedus.compare.dimensions import Dimension, dimensions
from foedus.domain.commitment import Modality

__all__ = ["Matrix", "Row", "build_matrix"]

_BINDING = {Modality.OBLIGATION, Modality.PROHIBITION, Modality.COMMITMENT}
_MIN_COLUMNS = 3  # with fewer agreements every difference is a "minority"


@dataclass(frozen=True, slots=True)
class Row:
    """One dimension across the agreements; ``notes`` are its outliers in words."""

    id: str
    group: str
    label: str
    cells: tuple[Cell, ...]
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "group": self.group,
            "label": self.label,
            "notes": list(self.notes),
            "cells": [c.as_dict() for c in self.cells],
        }


@dataclass(frozen=True, slots=True)
class Matrix:
    """Agreements (``columns``, with their sources) by dimensions (``rows``)."""

    columns: tuple[str, ...]
    sources: tuple[str, ...]
    rows: tuple[Row, ...]

    @property
    def notes(self) -> tuple[str, ...]:
        """Every outlier note, row by row."""
        return tuple(note for row in self.rows for note in row.notes)

    def row(self, row_id: str) -> Row:
        return next(r for r in self.rows if r.id == row_id)

    def cell(self, row_id: str, column: str) -> Cell:
        return self.row(row_id).cells[self.columns.index(column)]

    def as_dict(self) -> dict[str, Any]:
        return {
            "agreements": [
                {"name": name, "source": source}
                for name, source in zip(self.columns, self.sources, strict=True)
            ],
            "rows": [r.as_dict() for r in self.rows],
            "notes": list(self.notes),
        }


def _names(items: Sequence[str], limit: int = 4) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def outliers(
    dimension: Dimension, columns: Sequence[str], cells: Sequence[Cell]
) -> tuple[str, ...]:
    """Notes on the minority: who alone addresses the dimension, who alone does not, and who
    addresses it only with weak words (aspiration, permission, declaration) where the others
    commit."""
    n = len(cells)
    if n < _MIN_COLUMNS:
        return ()
    having = [name for name, cell in zip(columns, cells, strict=True) if cell.present]
    lacking = [name for name, cell in zip(columns, cells, strict=True) if not cell.present]
    notes = []
    k = len(having)
    if 0 < k <= n / 3:
        notes.append(f"only {k} of {n} agreements {dimension.phrase}: {_names(having)}")
    elif 0 < n - k <= n / 3:
        notes.append(
            f"all but {n - k} of {n} agreements {dimension.phrase}; not: {_names(lacking)}"
        )
    graded = [(name, c) for name, c in zip(columns, cells, strict=True) if c.present and c.modality]
    weak = [name for name, c in graded if c.modality not in _BINDING]
    if len(graded) >= _MIN_COLUMNS and 0 < len(weak) <= len(graded) / 3:
        notes.append(
            f"{_names(weak)} only {'hedge or declare' if len(weak) > 1 else 'hedges or declares'} "
            f"on {dimension.label.lower()}, where {len(graded) - len(weak)} others commit"
        )
    return tuple(notes)


def build_matrix(subjects: Sequence[Subject]) -> Matrix:
    """The matrix of ``subjects`` (in the order given) over every dimension."""
    columns = tuple(s.name for s in subjects)
    rows = []
    for dimension in dimensions():
        cells = tuple(dimension.detect(subject) for subject in subjects)
        rows.append(
            Row(
                dimension.id,
                dimension.group,
                dimension.label,
                cells,
                outliers(dimension, columns, cells),
            )
        )
    return Matrix(columns, tuple(s.document.source for s in subjects), tuple(rows))
