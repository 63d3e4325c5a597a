"""Commitments: who promised what, how firmly, under which trigger, by when, with how much.

Every piece of evidence is a :class:`Span` with offsets absolute to the document's normalised
text, so any finding can be quoted and linked to its provision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["Amount", "Commitment", "Modality", "Span"]


class Modality(StrEnum):
    """How firmly a clause binds, strongest first.

    ``obligation`` — shall, must, undertakes to; ``prohibition`` — shall not, may not, neither
    Party shall; ``commitment`` — political "will", commits/pledges to; ``aspiration`` — intends
    to, seeks to, endeavours, should; ``permission`` — may, is entitled to; ``declaration`` —
    recognises, reaffirms, welcomes, notes: no one bears a duty.
    """

    OBLIGATION = "obligation"
    PROHIBITION = "prohibition"
    COMMITMENT = "commitment"
    ASPIRATION = "aspiration"
    PERMISSION = "permission"
    DECLARATION = "declaration"


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of text quoted as evidence, with its offsets in the document."""

    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Amount:
    """A sum of money: 2_500_000_000.0 GBP for "£2.5 billion"."""

    value: float
    currency: str
    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "currency": self.currency,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Commitment:
    """One operative clause and what it commits to.

    ``text`` is the clause as written (a list item together with its chapeau); ``modality``
    the strongest force it carries and ``modalities`` all it carries ("may … only if" is both a
    prohibition and a permission); ``cue`` the words that carry the force; ``obligors`` the
    bearers as written and ``parties`` the agreement's parties they resolve to; ``strength`` in
    [0, 1] with ``strength_reason`` saying why.
    """

    eid: str
    text: str
    start: int
    end: int
    modality: Modality
    cue: Span
    obligors: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    action: str | None = None
    beneficiary: str | None = None
    trigger: Span | None = None
    qualifiers: tuple[Span, ...] = ()
    deadlines: tuple[Span, ...] = ()
    amounts: tuple[Amount, ...] = ()
    categories: tuple[str, ...] = ()
    strength: float = 0.0
    strength_reason: str = ""
    modalities: tuple[Modality, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        """The public JSON shape of a commitment (documented in the README; keep it stable)."""
        return {
            "eid": self.eid,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "obligors": list(self.obligors),
            "parties": list(self.parties),
            "modality": self.modality.value,
            "modalities": [m.value for m in self.modalities or (self.modality,)],
            "cue": self.cue.as_dict(),
            "action": self.action,
            "beneficiary": self.beneficiary,
            "trigger": self.trigger.text if self.trigger else None,
            "trigger_span": self.trigger.as_dict() if self.trigger else None,
            "qualifiers": [q.text for q in self.qualifiers],
            "qualifier_spans": [q.as_dict() for q in self.qualifiers],
            "deadlines": [d.as_dict() for d in self.deadlines],
            "amounts": [a.as_dict() for a in self.amounts],
            "categories": list(self.categories),
            "strength": round(self.strength, 3),
            "strength_reason": self.strength_reason,
        }
