"""The guarantee profile: how much an agreement (and each party's part of it) is worth as a
security guarantee, as a weighted sum of six explained components — response to a future
attack, bindingness, specificity, durability, breadth and firmness (see :data:`WEIGHTS` and
docs/profile.md for the method). Each component carries its value, weight and the eIds that
justify it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from foedus.analysis.bindingness import assess_bindingness
from foedus.analysis.extract import Extraction
from foedus.domain.commitment import Commitment, Modality
from foedus.domain.provision import Document

__all__ = ["WEIGHTS", "Component", "Profile", "guarantee_profile"]

WEIGHTS = {
    "response": 0.30,
    "bindingness": 0.20,
    "specificity": 0.15,
    "durability": 0.15,
    "breadth": 0.10,
    "firmness": 0.10,
}
_BINDING = {Modality.OBLIGATION, Modality.PROHIBITION, Modality.COMMITMENT}
_PROMISES = _BINDING | {Modality.ASPIRATION}
_SECURITY_CATEGORIES = (
    "military_assistance air_missile_defence training defence_industry intelligence_sharing "
    "cyber_information_security interoperability euro_atlantic_integration financial_support "
    "economic_recovery energy_security sanctions accountability_compensation response_mechanism "
    "mutual_defence reforms_governance humanitarian_demining peace_process implementation_review"
).split()
_DEFENCE = re.compile(
    r"attack\s+against\s+(?:one|either|any)\b[^.]{0,120}\b(?:against\s+(?:both|all|them\s+all)"
    r"|against\s+the\s+other)|\buse\s+of\s+armed\s+force\b|\bassist\s+the\s+(?:Party|State)\s+so\s+attacked",
    re.IGNORECASE,
)
_CONSULT = re.compile(r"\bconsult(?:ations?|ing|s)?\b|\bmeet\b|\bconvene\b", re.IGNORECASE)
_FIXED_TIME = re.compile(r"\bwithin\s+\S+\s+(?:hours?|days?)\b", re.IGNORECASE)
_MEASURES = re.compile(r"\bmeasures?\b|\bincluding\b|\bsanctions\b|\bassistance\b", re.IGNORECASE)
_MULTI_YEAR = re.compile(
    r"\beach\s+(?:subsequent\s+)?year\b|\bannually\b|\bevery\s+year\b|\bat\s+least\s+the\s+same\s+level"
    r"|\bmulti-?year\b|\bfor\s+the\s+duration\s+of\s+this\b|\b(?:19|20)\d\d\s*[/–-]\s*(?:19|20)?\d\d\b",
    re.IGNORECASE,
)
_CAPABILITIES = re.compile(
    r"\b(?:F-16s?|Patriot|NASAMS|IRIS-T|air\s+(?:and\s+missile\s+)?defen[cs]e|artillery|ammunition"
    r"|armou?red\s+vehicles|tanks|drones|unmanned|combat\s+aviation|long-range\s+fires|interceptors"
    r"|maritime|naval|mine\s+countermeasures|demining\s+equipment|electronic\s+warfare)\b",
    re.IGNORECASE,
)
_TERM_YEARS = re.compile(
    r"\b(?:for\s+(?:a\s+(?:further\s+)?period\s+of\s+)?|period\s+of\s+|remain\s+in\s+(?:force|effect)\s+for\s+)"
    r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|twenty-five|thirty|fifty)"
    r"(?:\s*\(\d+\))?\s+years\b",
    re.IGNORECASE,
)
_INDEFINITE = re.compile(
    r"\b(?:indefinitely|unlimited\s+duration|indefinite\s+(?:period|duration))\b", re.I
)
_NOTICE = re.compile(
    r"\b(?P<n>\d+|one|two|three|six|twelve)(?:\s*\(\d+\))?\s+(?P<unit>months?|years?)['’]?\s+"
    r"(?:written\s+|prior\s+)?notice|\bnotice\s+of\s+(?P<n2>\d+|one|two|three|six|twelve)\s+"
    r"(?P<unit2>months?|years?)",
    re.IGNORECASE,
)
_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "twenty-five": 25,
    "thirty": 30,
    "fifty": 50,
}


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    value: float
    weight: float
    explanation: str
    eids: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": round(self.value, 3),
            "weight": self.weight,
            "contribution": round(self.value * self.weight, 3),
            "explanation": self.explanation,
            "eids": list(self.eids),
        }


@dataclass(frozen=True, slots=True)
class Profile:
    """The score (0–100) of the whole agreement or of one party's part of it."""

    subject: str
    score: float
    components: tuple[Component, ...]
    per_party: tuple[Profile, ...] = field(default=())

    def component(self, name: str) -> Component:
        return next(c for c in self.components if c.name == name)

    def as_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "score": round(self.score, 1),
            "components": [c.as_dict() for c in self.components],
            "per_party": [p.as_dict() for p in self.per_party],
        }


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBERS.get(token.lower(), 0)


def _response(commitments: list[Commitment]) -> Component:
    # "The Parties agree that an armed attack against one … shall be considered an attack
    # against both": a declaration in form, the strongest duty in substance.
    defence = [
        c
        for c in commitments
        if c.modality is not Modality.PERMISSION
        and _DEFENCE.search(c.text)
        and re.search(r"\b(?:shall|will|must)\b", c.text)
    ]
    if defence:
        return Component(
            "response",
            1.0,
            WEIGHTS["response"],
            "mutual defence: an attack on one is met by the other, including with armed force",
            tuple(dict.fromkeys(c.eid for c in defence)),
        )
    response = [
        c
        for c in commitments
        if c.modality in _PROMISES
        and ("response_mechanism" in c.categories or c.trigger is not None)
        and _CONSULT.search(c.text)
    ]
    if not response:
        return Component("response", 0.0, WEIGHTS["response"], "no response to a future attack")
    timed = [c for c in response if _FIXED_TIME.search(c.text)]
    eids = tuple(dict.fromkeys(c.eid for c in response))
    if timed:
        articles = {c.eid.split("__")[0] for c in timed}
        listed = [
            c
            for c in commitments
            if c.eid.split("__")[0] in articles and c not in timed and _MEASURES.search(c.text)
        ]
        if listed:
            eids = tuple(dict.fromkeys([*eids, *(c.eid for c in listed)]))
            return Component(
                "response",
                0.7,
                WEIGHTS["response"],
                f"consultations {_FIXED_TIME.search(timed[0].text).group(0)} "  # type: ignore[union-attr]
                "with listed measures",
                eids,
            )
        return Component(
            "response", 0.6, WEIGHTS["response"], "consultations within a fixed time", eids
        )
    return Component(
        "response", 0.35, WEIGHTS["response"], "consultations without a time limit", eids
    )


def _specificity(commitments: list[Commitment]) -> Component:
    promised = [c for c in commitments if c.modality in _PROMISES]
    amounts = [a for c in promised for a in c.amounts]
    value = 0.0
    notes = []
    eids: list[str] = []
    if amounts:
        value += 0.4
        notes.append(f"{len(amounts)} amount(s), e.g. {amounts[0].text}")
        eids += [c.eid for c in promised if c.amounts]
        if any(_MULTI_YEAR.search(c.text) for c in promised if c.amounts):
            value += 0.2
            notes.append("multi-year or floor wording on money")
    capabilities = {m.group(0).lower() for c in promised for m in _CAPABILITIES.finditer(c.text)}
    if capabilities:
        value += min(0.3, 0.06 * len(capabilities))
        notes.append(
            f"{len(capabilities)} named capabilities ({', '.join(sorted(capabilities)[:4])})"
        )
        eids += [c.eid for c in promised if _CAPABILITIES.search(c.text)]
    timed = [c for c in promised if c.deadlines]
    if timed:
        value += min(0.1, 0.02 * len(timed))
        notes.append(f"{len(timed)} time-bound commitment(s)")
    return Component(
        "specificity",
        min(1.0, value),
        WEIGHTS["specificity"],
        "; ".join(notes) or "no amounts, capabilities or dates",
        tuple(dict.fromkeys(eids)),
    )


def _durability(document: Document) -> Component:
    text = document.text
    value, notes, eids = 0.3, [], []
    term = _TERM_YEARS.search(text)
    if _INDEFINITE.search(text):
        value, notes = 0.9, ["indefinite duration"]
        eids.append(_eid_at(document, _INDEFINITE.search(text).start()))  # type: ignore[union-attr]
    elif term:
        years = _number(term.group("n"))
        value = min(0.8, 0.2 + 0.03 * years)
        notes.append(f"term of {years} years")
        eids.append(_eid_at(document, term.start()))
    else:
        notes.append("no stated term")
    notice = _NOTICE.search(text)
    if notice:
        count = _number(notice.group("n") or notice.group("n2"))
        unit = (notice.group("unit") or notice.group("unit2")).lower()
        months = count * (12 if unit.startswith("year") else 1)
        value += min(0.2, months / 60)
        notes.append(f"termination on {notice.group(0)}")
        eids.append(_eid_at(document, notice.start()))
    return Component(
        "durability",
        min(1.0, value),
        WEIGHTS["durability"],
        "; ".join(notes),
        tuple(dict.fromkeys(e for e in eids if e)),
    )


def _eid_at(document: Document, offset: int) -> str:
    found = ""
    for node in document.walk():
        if node.start <= offset < node.end:
            found = node.eid
    return found


def _breadth(commitments: list[Commitment]) -> Component:
    covered = sorted(
        {cat for c in commitments if c.modality in _BINDING for cat in c.categories}
        & set(_SECURITY_CATEGORIES)
    )
    value = len(covered) / len(_SECURITY_CATEGORIES)
    return Component(
        "breadth",
        value,
        WEIGHTS["breadth"],
        f"{len(covered)} of {len(_SECURITY_CATEGORIES)} categories carry a commitment"
        + (f": {', '.join(covered)}" if covered else ""),
    )


def _firmness(commitments: list[Commitment]) -> Component:
    promised = [c for c in commitments if c.modality in _PROMISES]
    if not promised:
        return Component("firmness", 0.0, WEIGHTS["firmness"], "no commitments")
    hedged = [c for c in promised if c.qualifiers]
    value = 1 - len(hedged) / len(promised)
    return Component(
        "firmness",
        value,
        WEIGHTS["firmness"],
        f"{len(hedged)} of {len(promised)} commitments hedged",
        tuple(dict.fromkeys(c.eid for c in hedged)),
    )


def _profile(subject: str, document: Document, commitments: list[Commitment]) -> Profile:
    binding = assess_bindingness(document)
    components = (
        _response(commitments),
        Component("bindingness", binding.score, WEIGHTS["bindingness"], binding.explanation),
        _specificity(commitments),
        _durability(document),
        _breadth(commitments),
        _firmness(commitments),
    )
    score = 100 * sum(c.value * c.weight for c in components)
    return Profile(subject, score, components)


def guarantee_profile(document: Document, extraction: Extraction) -> Profile:
    """The profile of the whole agreement, with one per party (that party's commitments)."""
    commitments = list(extraction.commitments)
    overall = _profile(document.title or document.source, document, commitments)
    per_party = tuple(
        _profile(party, document, [c for c in commitments if party in c.parties])
        for party in extraction.parties
    )
    return Profile(overall.subject, overall.score, overall.components, per_party)
