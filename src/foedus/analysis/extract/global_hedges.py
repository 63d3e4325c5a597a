"""Hedges stated once for a whole agreement: "The United States' commitments under this
Agreement involving funding are subject to the availability of appropriated funds."

Such a clause binds no one by itself, but it qualifies every commitment of that party that
involves money or material support; :func:`apply_global_hedges` adds it to them as a
qualifier pointing at the clause that says so.
"""

from __future__ import annotations

import re
from dataclasses import replace

from foedus.analysis.extract.parties import PartyRegistry
from foedus.analysis.extract.strength import HEDGE_CAP, HEDGE_PENALTY
from foedus.domain.commitment import Commitment, Modality, Span
from foedus.domain.provision import Document

__all__ = ["apply_global_hedges"]

_GLOBAL = re.compile(
    r"(?P<owner>[A-Z][\w .'’-]{1,80}?)['’]s?\s+(?:commitments?|obligations?|undertakings?)\s+"
    r"(?:under|in|pursuant\s+to)\s+this\s+(?:Agreement|Accord|Arrangement|Memorandum|Treaty)"
    r"(?P<scope>[^.;]{0,80}?)\s+(?:are|is|shall\s+be|will\s+be|remain)\s+subject\s+to\s+"
    r"(?P<hedge>[^.;]{5,140})"
)
_MATERIAL = {
    "financial_support",
    "military_assistance",
    "air_missile_defence",
    "defence_industry",
    "economic_recovery",
    "energy_security",
    "training",
    "humanitarian_demining",
}
_PROMISES = {Modality.OBLIGATION, Modality.COMMITMENT, Modality.ASPIRATION}


def apply_global_hedges(
    document: Document, registry: PartyRegistry, commitments: list[Commitment]
) -> list[Commitment]:
    """``commitments`` with agreement-wide hedges added where they apply."""
    text = document.text
    hedges: list[tuple[tuple[str, ...], Span]] = []
    for match in _GLOBAL.finditer(text):
        owner = registry.resolve(match.group("owner"))
        if owner:
            phrase = f"subject to {match.group('hedge').strip()}"
            start = match.start("hedge") - len("subject to ")
            hedges.append((owner, Span(phrase, start, match.end("hedge"))))
    if not hedges:
        return commitments
    result = []
    for commitment in commitments:
        extra = [
            span
            for owners, span in hedges
            if commitment.modality in _PROMISES
            and set(commitment.parties) & set(owners)
            and set(commitment.categories) & _MATERIAL
            and not any(q.text.lower() == span.text.lower() for q in commitment.qualifiers)
        ]
        if extra:
            count = len(commitment.qualifiers) + len(extra)
            penalty = min(HEDGE_CAP, HEDGE_PENALTY * count) - min(
                HEDGE_CAP, HEDGE_PENALTY * len(commitment.qualifiers)
            )
            commitment = replace(
                commitment,
                qualifiers=(*commitment.qualifiers, *extra),
                strength=max(0.0, commitment.strength - penalty),
                strength_reason=f"{commitment.strength_reason}; agreement-wide hedge "
                f"'{extra[0].text}' −{penalty:.2f} → {max(0.0, commitment.strength - penalty):.2f}",
            )
        result.append(commitment)
    return result
