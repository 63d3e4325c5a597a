"""Is an agreement a treaty or a political commitment? The words that say so, with evidence.

Treaty language: "the Parties", "shall", ratification, "enter into force". Political language:
"the Participants", "will", "come into effect", "not legally binding", "political commitments",
"does not create rights or obligations under international law".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from foedus.domain.commitment import Span
from foedus.domain.provision import Document

__all__ = ["Bindingness", "assess_bindingness"]

_RATIFICATION = re.compile(
    r"\b(?:ratif(?:y|ied|ication)|instruments?\s+of\s+(?:ratification|accession|approval)"
    r"|depositary|constitutional\s+(?:processes|procedures)\s+for\s+(?:its\s+)?entry"
    r"|High\s+Contracting\s+Parties)\b",
    re.IGNORECASE,
)
_TREATY = re.compile(
    r"\b(?:enter(?:s|ed)?\s+into\s+force|entry\s+into\s+force|legally\s+binding\s+obligations"
    r"|Contracting\s+Parties)\b",
    re.IGNORECASE,
)
_POLITICAL = re.compile(
    r"\b(?:not\s+(?:be\s+)?legally\s+binding|not\s+(?:a\s+)?treaty|political\s+commitments?"
    r"|politically\s+binding|does\s+not\s+(?:create|constitute|give\s+rise\s+to)\s+(?:any\s+)?"
    r"(?:legal(?:ly\s+binding)?\s+)?(?:rights\s+or\s+)?obligations|not\s+(?:intended\s+to\s+be\s+)?"
    r"binding\s+under\s+international\s+law|come(?:s)?\s+into\s+effect|non-binding)\b",
    re.IGNORECASE,
)
_PARTICIPANTS = re.compile(r"\bthe\s+(?:Participants|Sides)\b")
_PARTIES = re.compile(r"\bthe\s+(?:Parties|Contracting\s+Parties)\b")


@dataclass(frozen=True, slots=True)
class Bindingness:
    """``score`` 1.0 for a treaty, 0.0 for a declared political commitment."""

    score: float
    political: bool
    treaty_evidence: tuple[Span, ...]
    political_evidence: tuple[Span, ...]
    explanation: str


def _spans(pattern: re.Pattern[str], text: str, limit: int = 5) -> tuple[Span, ...]:
    found = []
    for match in pattern.finditer(text):
        found.append(Span(match.group(0), match.start(), match.end()))
        if len(found) >= limit:
            break
    return tuple(found)


def assess_bindingness(document: Document) -> Bindingness:
    text = document.text
    ratification = _spans(_RATIFICATION, text)
    treaty = _spans(_TREATY, text)
    political = _spans(_POLITICAL, text)
    participants = len(_PARTICIPANTS.findall(text))
    parties = len(_PARTIES.findall(text))
    shall = len(re.findall(r"\bshall\b", text))
    will = len(re.findall(r"\bwill\b", text))
    score = 0.5
    reasons = []
    if ratification:
        score += 0.3
        reasons.append(f"ratification ({ratification[0].text})")
    elif treaty:
        score += 0.15
        reasons.append(f"enters into force without ratification ({treaty[0].text})")
    if political:
        score -= 0.4
        reasons.append(f"political wording ({political[0].text})")
    if participants > parties:
        score -= 0.2
        reasons.append("'the Participants/Sides' rather than 'the Parties'")
    elif parties:
        score += 0.1
        reasons.append("'the Parties'")
    if shall > will:
        score += 0.1
        reasons.append(f"'shall' ({shall}) over 'will' ({will})")
    elif will > shall:
        score -= 0.1
        reasons.append(f"'will' ({will}) over 'shall' ({shall})")
    score = max(0.0, min(1.0, score))
    return Bindingness(
        score=score,
        political=score < 0.5,
        treaty_evidence=ratification + treaty,
        political_evidence=political,
        explanation="; ".join(reasons) or "no marker either way",
    )
