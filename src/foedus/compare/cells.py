"""The cells of the portfolio matrix: what one agreement says on one dimension, with evidence.

A :class:`Cell` holds whether the agreement addresses the dimension, a short value in words
("within 24 hours", "10 years", "USD 61 billion"), the strongest modality among the clauses
that do, a level in [0, 1] for the colour scale, amounts, and quoted evidence with eIds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from foedus.analysis.extract import Extraction
from foedus.analysis.profile import Profile
from foedus.domain.commitment import Amount, Commitment, Modality
from foedus.domain.provision import Document

__all__ = ["Cell", "Evidence", "Subject", "commitment_cell", "eid_at", "quote"]

_QUOTE = 220
MODALITY_RANK = {m: len(Modality) - k for k, m in enumerate(Modality)}


@dataclass(frozen=True, slots=True)
class Subject:
    """One agreement to compare: its name (the column label), text, commitments, profile."""

    name: str
    document: Document
    extraction: Extraction
    profile: Profile


@dataclass(frozen=True, slots=True)
class Evidence:
    """A quoted clause and the provision it comes from (offsets in the document's text)."""

    eid: str
    quote: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {"eid": self.eid, "quote": self.quote, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Cell:
    """What one agreement says on one dimension. ``present`` False means it says nothing
    (or, for yes/no dimensions such as legal form, the answer is no)."""

    present: bool
    value: str = ""
    modality: Modality | None = None
    level: float | None = None
    amounts: tuple[Amount, ...] = ()
    evidence: tuple[Evidence, ...] = field(default=())
    hedged: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "present": self.present,
            "value": self.value,
            "modality": self.modality.value if self.modality else None,
            "level": None if self.level is None else round(self.level, 3),
            "hedged": self.hedged,
            "amounts": [a.as_dict() for a in self.amounts],
            "evidence": [e.as_dict() for e in self.evidence],
        }


ABSENT = Cell(False)


def quote(text: str, limit: int = _QUOTE) -> str:
    """``text`` on one line, cut at a word boundary to about ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + " …"


def eid_at(document: Document, offset: int) -> str:
    """The eId of the innermost provision holding ``offset``."""
    found = ""
    for node in document.walk():
        if node.start <= offset < node.end:
            found = node.eid
        elif node.start > offset:
            break
    return found


def strongest_modality(commitments: Iterable[Commitment]) -> Modality | None:
    ranked = sorted((c.modality for c in commitments), key=lambda m: -MODALITY_RANK[m])
    return ranked[0] if ranked else None


def evidence_of(commitments: Sequence[Commitment], limit: int = 3) -> tuple[Evidence, ...]:
    """The strongest ``limit`` clauses as evidence, in document order."""
    chosen = sorted(commitments, key=lambda c: (-MODALITY_RANK[c.modality], -c.strength))[:limit]
    chosen.sort(key=lambda c: c.start)
    return tuple(Evidence(c.eid, quote(c.text), c.start, c.end) for c in chosen)


def commitment_cell(
    commitments: Sequence[Commitment], value: str = "", amounts: Iterable[Amount] = ()
) -> Cell:
    """A cell from the clauses that address a dimension (absent when there are none): the
    strongest modality, the strongest clause's strength as level, hedged when every clause
    of that modality carries a hedge."""
    if not commitments:
        return ABSENT
    modality = strongest_modality(commitments)
    top = [c for c in commitments if c.modality is modality]
    if not value:
        value = f"{len(commitments)} clause{'s' if len(commitments) != 1 else ''}"
    return Cell(
        True,
        value,
        modality,
        max(c.strength for c in commitments),
        tuple(amounts),
        evidence_of(commitments),
        hedged=all(c.qualifiers for c in top),
    )
