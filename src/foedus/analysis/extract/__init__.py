"""Commitments: every operative clause of an agreement, read for who promised what, how
firmly, when triggered, by when and with how much.

:func:`extract` walks the clauses of a document (see :mod:`.clauses`), reads the force of each
(:mod:`.modality`), and attaches hedges, trigger, time, amounts and categories, each as evidence
with document offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from foedus.analysis.bindingness import Bindingness, assess_bindingness
from foedus.analysis.extract.amounts import find_amounts
from foedus.analysis.extract.categories import categorise, reads_as_security_agreement
from foedus.analysis.extract.clauses import Clause, clauses
from foedus.analysis.extract.global_hedges import apply_global_hedges
from foedus.analysis.extract.modality import read_force
from foedus.analysis.extract.parties import PartyRegistry, registry_for
from foedus.analysis.extract.qualifiers import find_deadlines, find_hedges, find_trigger
from foedus.analysis.extract.strength import strength
from foedus.domain.commitment import Commitment, Modality, Span
from foedus.domain.provision import Document

__all__ = ["Extraction", "extract"]

_ACTION_END = re.compile(r";|\.(?:\s|$)")
_OTHER_PARTY = re.compile(
    r"\bthe\s+(?:other|attacked)\s+(?:Party|Participant|Side|State)\b|\bthe\s+(?:Party|State)\s+so\s+attacked\b"
)


@dataclass(frozen=True, slots=True)
class Extraction:
    """The commitments of one document, with the parties they were resolved against."""

    source: str
    parties: tuple[str, ...]
    commitments: tuple[Commitment, ...]
    bindingness: Bindingness

    def as_dict(self) -> dict[str, object]:
        """The public JSON shape of ``foedus extract`` (documented in the README)."""
        return {
            "source": self.source,
            "parties": list(self.parties),
            "commitments": [c.as_dict() for c in self.commitments],
        }


def extract(document: Document, registry: PartyRegistry | None = None) -> Extraction:
    """Every commitment (and declaration) of ``document`` in document order."""
    registry = registry or registry_for(document)
    binding = assess_bindingness(document)
    found: list[Commitment] = []
    previous: tuple[str, ...] = ()
    # broad category cues ("training", "investment") count only in a security agreement
    broad = reads_as_security_agreement(document.text)
    for clause in clauses(document):
        commitment = _commitment(clause, registry, binding.political, previous, broad)
        if commitment is not None:
            found.append(commitment)
            previous = commitment.parties or previous
    found = apply_global_hedges(document, registry, found)
    return Extraction(document.source, tuple(registry.parties), tuple(found), binding)


def _span(clause: Clause, text: str, start: int, end: int) -> Span:
    return Span(text, clause.doc_offset(start), clause.doc_offset(end))


def _commitment(
    clause: Clause,
    registry: PartyRegistry,
    political: bool,
    previous: tuple[str, ...],
    broad: bool,
) -> Commitment | None:
    reading = read_force(clause.text, clause.in_preamble)
    if reading is None and clause.chapeau_length:
        # "the following provisions shall apply: These measures must not exceed…": a chapeau
        # that only introduces its items — the item speaks for itself
        item = read_force(clause.text[clause.chapeau_length :])
        if item is not None:
            shift = clause.chapeau_length
            reading = replace(
                item,
                cue_start=item.cue_start + shift,
                cue_end=item.cue_end + shift,
                obligor_start=item.obligor_start + shift,
                main_start=item.main_start + shift,
            )
    if reading is None:
        return None
    text = clause.text
    cue_text = text[reading.cue_start : reading.cue_end]
    hedges = find_hedges(text)
    trigger = find_trigger(text, reading.cue_start, reading.main_start)
    deadlines = find_deadlines(text)
    amounts = [
        amount
        for piece_amounts in (
            find_amounts(text[p.offset : p.offset + p.end - p.start], p.start)
            for p in clause.pieces
        )
        for amount in piece_amounts
    ]
    action = _action(text, reading.cue_end, clause.chapeau_length)
    parties = _parties(reading.obligor, reading.modality, registry, previous)
    score, reason = strength(
        reading.modality,
        cue_text,
        [h[0] for h in hedges],
        [d[0] for d in deadlines if reading.modality is not Modality.PERMISSION],
        [a.text for a in amounts],
        political,
    )
    return Commitment(
        eid=clause.eid,
        text=text,
        start=clause.start,
        end=clause.end,
        modality=reading.modality,
        modalities=(reading.modality, *reading.also),
        cue=_span(clause, cue_text, reading.cue_start, reading.cue_end),
        obligors=(reading.obligor,) if reading.obligor else (),
        parties=parties,
        action=action,
        beneficiary=_beneficiary(action, registry, parties),
        trigger=_span(clause, *trigger) if trigger else None,
        qualifiers=tuple(_span(clause, *h) for h in hedges),
        deadlines=tuple(_span(clause, *d) for d in deadlines),
        amounts=tuple(amounts),
        categories=categorise(text, clause.heading, broad=broad)
        if reading.modality is not Modality.DECLARATION or not clause.in_preamble
        else categorise(text, broad=broad),
        strength=score,
        strength_reason=reason,
    )


_PRONOUN = re.compile(r"^(?:they|it|we|each\s+of\s+them|both\s+of\s+them)$", re.IGNORECASE)


def _parties(
    obligor: str | None, modality: Modality, registry: PartyRegistry, previous: tuple[str, ...]
) -> tuple[str, ...]:
    """The parties an obligor stands for: named, collective ("Each Party"), a pronoun (the
    parties of the clause before), or — for a duty with no bearer named ("consultations shall
    be held") — all parties."""
    if obligor and _PRONOUN.match(obligor.strip()):
        return previous
    if obligor:
        return registry.resolve(obligor)
    if modality in {Modality.DECLARATION, Modality.PERMISSION}:
        return ()
    return tuple(registry.parties)


def _action(text: str, cue_end: int, chapeau_length: int) -> str | None:
    """The verb phrase after the cue: to the end of the clause or its first ';'/'.'."""
    start = cue_end
    if chapeau_length and cue_end <= chapeau_length:
        start = chapeau_length  # the chapeau gives the force, the item the action
    rest = text[start:].lstrip(" :,")
    match = _ACTION_END.search(rest)
    action = (rest[: match.start()] if match else rest).strip()
    words = action.split()
    if len(words) > 40:
        action = " ".join(words[:40]) + " …"
    return action or None


def _beneficiary(
    action: str | None, registry: PartyRegistry, obligors: tuple[str, ...]
) -> str | None:
    if not action:
        return None
    other = _OTHER_PARTY.search(action)
    mentions = [m for m in registry.mentions(action) if m[0] not in obligors]
    if other is not None and (not mentions or other.start() < mentions[0][1]):
        return other.group(0)
    return mentions[0][0] if mentions else None
