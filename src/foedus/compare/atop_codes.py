"""ATOP-style codes read from an agreement's words, each with the clauses that justify it.

The codes follow the Alliance Treaty Obligations and Provisions project (ATOP, v4 alliance
level; see docs/compare.md for what each column means and how it was checked): the five
pledges — defence, offence, neutrality, non-aggression, consultation — whether they are
conditional, and the provisions military aid, integrated command, bases, specific threat,
stated duration, renunciation, and (for the depth estimate) a formal organisation, military
contact and specific contributions. Expert coders read intent; these rules read wording, so a
code here is a reading to check against its evidence, not a verdict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from foedus.compare.cells import Evidence, Subject, quote
from foedus.compare.detectors import duration, notice
from foedus.domain.commitment import Commitment, Modality

__all__ = ["CODES", "PLEDGES", "AtopCode", "AtopProfile", "code_agreement"]

_I = re.IGNORECASE
DECLARATION = Modality.DECLARATION
# code -> label, in the order they are shown
CODES = {
    "defense": "defence pledge",
    "offense": "offence pledge",
    "neutral": "neutrality pledge",
    "nonagg": "non-aggression pledge",
    "consul": "consultation pledge",
    "conditio": "conditional obligations",
    "milaid": "military aid",
    "intcom": "integrated command",
    "base": "bases or stationed forces",
    "specthrt": "specific threat named",
    "speclgth": "stated duration",
    "renounce": "renunciation provision",
    "organ1": "formal organisation",
    "milcon": "military contact and coordination",
    "contrib": "specific contributions",
}
PLEDGES = ("defense", "offense", "neutral", "nonagg", "consul")

_NEG = re.compile(r"\b(?:not|never|neither|nor|no)\b", _I)
_DEFENCE = re.compile(
    r"attack\s+against\s+(?:one|either|any)\b[^.]{0,120}\b(?:against\s+(?:both|all|them\s+all)"
    r"|against\s+the\s+other)|\bassist\s+the\s+(?:Party|State|Participant)\s+so\s+attacked"
    r"|\bcome\s+to\s+(?:the\s+|its\s+)?(?:aid|defen[cs]e)\s+of\b|\bdefend\s+(?:each\s+other|one\s+another)",
    _I,
)
_OFFENCE = re.compile(
    r"\bjoin(?:tly)?\s+(?:in\s+)?(?:military\s+)?(?:action|operations|war)\s+against"
    r"|\bparticipate\s+in\s+(?:the\s+)?war\s+against|\bdeclare\s+war\s+(?:on|against)",
    _I,
)
_NEUTRAL = re.compile(
    r"\bremain\s+neutral|\bobserve\s+(?:strict\s+)?neutrality|\b(?:assist|aid|support)\s+"
    r"(?:the|any)\s+(?:attacker|aggressor|state\s+attacking)",
    _I,
)
_NONAGG = re.compile(
    r"\b(?:refrain\s+from\s+the\s+threat\s+or\s+use\s+of\s+force|(?:threaten|use)\s+(?:or\s+use\s+)?"
    r"(?:force|(?:nuclear\s+)?weapons)|attack|direct\s+(?:their|its)\s+armed\s+forces)\s+against\s+"
    r"(?P<target>[^.,;]{3,60})",
    _I,
)
_ANY = re.compile(r"^(?:any|other|third|all)\b", _I)
_CONSULT = re.compile(r"\bconsult(?:ations?|ing|s)?\b|\bmeet\b|\bconvene\b", _I)
_CRISIS = re.compile(
    r"\battack|\baggression|\bthreat|\bcrisis|\bsecurity\b|\bquestion\s+concerning", _I
)
_CONDITION = re.compile(
    r"\bonly\s+if\b|\bcease\s+to\s+apply|\bprovided\s+that\b|\bunless\b|\bin\s+(?:Europe|the\s+\w+\s+region)\b",
    _I,
)
_NAMED = re.compile(r"\b[A-Z][\w-]+(?:\s+(?:of\s+)?[A-Z][\w-]+)*")
_GENERIC = frozenset(
    "if should in where when either each both any party parties participant participants side "
    "sides state states security council united nations charter article the".split()
)
_INTCOM = re.compile(r"\b(?:integrated|unified|joint|combined)\s+(?:military\s+)?command\b", _I)
_BASES = re.compile(
    r"\bstation(?:ing)?\s+(?:of\s+)?(?:\w+[ ,]+){0,4}forces|\bmilitary\s+bases?"
    r"|\buse\s+of\s+(?:the\s+)?(?:facilities|ports|airfields|bases)|\bstatus\s+of\s+(?:such\s+)?forces",
    _I,
)
_AID = re.compile(
    r"\b(?:provide|furnish|supply|deliver|continue\s+to\s+provide)\b[^.;]{0,80}\b(?:military|defen[cs]e|"
    r"ammunition|weapons|materiel|(?:non[-\s]?)?lethal\s+(?:equipment|aid|assistance)"
    r"|(?:training|equipment)\b[^.;]{0,40}\b(?:armed|military|defen[cs]e)\s+forces)",
    _I,
)
_MEASURE = re.compile(
    r"\b(?:above|below|exceed\w*|thresholds?|revenues?|turnover|list)\b",
    _I,
)
# "specific contributions": an amount a party puts in (money, troops, equipment), not any figure
# ("a customs value not exceeding US $1,000")
_CONTRIBUTES = re.compile(
    r"\b(?:provide[sd]?|contribut\w*|allocat\w*|commit(?:s|ted)?|pledge[sd]?|disburse\w*|"
    r"make\s+available|fund(?:s|ed|ing)?|financ\w*|grant\w*|deliver\w*|suppl(?:y|ies|ied))\b",
    _I,
)
_ORGAN = re.compile(
    r"\b(?:establish|set\s+up|create)\b[^.;]{0,40}\b(?:Committee|Council|Commission|Secretariat|Steering)",
    _I,
)
_MILCON = re.compile(
    r"\bjoint\s+(?:defen[cs]e\s+)?plan(?:s|ning)?|\bcommon\s+defen[cs]e\s+plans?|\bjoint\s+(?:military\s+)?"
    r"exercises|\bcoordinat\w+\s+(?:their\s+)?(?:defen[cs]e|military)\s+polic|\bexchange\s+of\s+"
    r"(?:military\s+)?(?:personnel|officers)",
    _I,
)


@dataclass(frozen=True, slots=True)
class AtopCode:
    """One code: its ATOP column, label, value (0/1, months for ``length``) and evidence."""

    code: str
    label: str
    value: int
    evidence: tuple[Evidence, ...] = ()
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "value": self.value,
            "note": self.note,
            "evidence": [e.as_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class AtopProfile:
    """The codes of one agreement, and its stated length in months (0: none stated)."""

    source: str
    codes: tuple[AtopCode, ...]
    length_months: int

    def value(self, code: str) -> int:
        return next(c.value for c in self.codes if c.code == code)

    def vector(self) -> dict[str, int]:
        return {c.code: c.value for c in self.codes}

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "length_months": self.length_months,
            "codes": [c.as_dict() for c in self.codes],
        }


def _evidence(commitments: Sequence[Commitment]) -> tuple[Evidence, ...]:
    return tuple(Evidence(c.eid, quote(c.text), c.start, c.end) for c in commitments[:3])


def _contributes(clause: Commitment, text: str) -> bool:
    """A firm clause putting in an amount: a clause of financial or military support, or one
    where a verb of giving stands shortly before the amount (in the document ``text``)."""
    if not clause.amounts or clause.modality is DECLARATION:
        return False
    if {"financial_support", "military_assistance"} & set(clause.categories):
        return True
    for amount in clause.amounts:
        verbs = list(_CONTRIBUTES.finditer(text, max(0, amount.start - 60), amount.start))
        # the amount is what is given, not a measure of something else ("a list of entities
        # with revenues above USD 200 million")
        if verbs and not _MEASURE.search(text, verbs[-1].end(), amount.start):
            return True
    return False


def _clauses(subject: Subject, modal_only: bool = True) -> list[Commitment]:
    return [
        c
        for c in subject.extraction.commitments
        if not modal_only or c.modality is not Modality.DECLARATION or "agree" in c.text[:200]
    ]


def _positive(commitments: list[Commitment], pattern: re.Pattern[str]) -> list[Commitment]:
    return [c for c in commitments if pattern.search(c.text) and not _NEG.search(c.cue.text)]


def _nonagg(subject: Subject) -> list[Commitment]:
    """Promises not to threaten, attack or use force against a named state or each other
    (not "against any state": that restates the UN Charter)."""
    found = []
    for c in _clauses(subject):
        for match in _NONAGG.finditer(c.text):
            target = match.group("target").strip()
            negative = _NEG.search(c.cue.text) or "refrain" in c.text[: match.end()].lower()
            if negative and not _ANY.match(target):
                found.append(c)
                break
    return found


def _consult(subject: Subject) -> list[Commitment]:
    return [
        c
        for c in _clauses(subject)
        if c.modality is not Modality.PERMISSION
        and _CONSULT.search(c.text)
        and ("response_mechanism" in c.categories or (c.trigger and _CRISIS.search(c.trigger.text)))
    ]


def _specific_threat(subject: Subject, pledges: list[Commitment]) -> list[Commitment]:
    """Pledge clauses whose trigger names a state that is neither a party nor named in the
    title (the protected state usually is): "an armed attack by the Russian Federation"."""
    known = " ".join([*subject.extraction.parties, subject.document.title or ""]).lower()
    found = []
    for c in pledges:
        text = c.trigger.text if c.trigger else c.text
        for match in _NAMED.finditer(text):
            words = match.group(0).split()
            while words and words[0].lower() in _GENERIC:
                words = words[1:]
            name = " ".join(words)
            if name and name.lower() not in _GENERIC and name.lower() not in known:
                found.append(c)
                break
    return found


def _code(code: str, found: Sequence[Commitment], note: str = "") -> AtopCode:
    return AtopCode(code, CODES[code], int(bool(found)), _evidence(found), note)


def code_agreement(subject: Subject) -> AtopProfile:
    """Read ``subject`` into ATOP-style codes, each with its evidence."""
    clauses = _clauses(subject)
    defence = (
        _positive(clauses, _DEFENCE) if subject.profile.component("response").value >= 1 else []
    )
    pledge_clauses = {
        "defense": defence,
        "offense": _positive(clauses, _OFFENCE),
        "neutral": _positive(clauses, _NEUTRAL),
        "nonagg": _nonagg(subject),
        "consul": _consult(subject),
    }
    pledged = [c for found in pledge_clauses.values() for c in found]
    conditional = [c for c in pledged if _CONDITION.search(c.text)] + _specific_threat(
        subject, pledged
    )
    term = duration(subject)
    years = re.match(r"([\w-]+) years", term.value) if term.present else None
    months = 12 * _number(years.group(1)) if years else 0
    exit_cell = notice(subject)
    withdraw = _positive(
        _clauses(subject, modal_only=False),
        re.compile(
            r"\b(?:withdraw|terminate|denounce)\b[^.;]{0,40}\b(?:this|the)\s+\w+|\bwithdraw\s+from\b",
            _I,
        ),
    )
    codes = [_code(name, found) for name, found in pledge_clauses.items()]
    codes += [
        _code("conditio", list(dict.fromkeys(conditional)), "named adversary, place or exception"),
        _code("milaid", _positive(clauses, _AID)),
        _code("intcom", _positive(clauses, _INTCOM)),
        _code("base", _positive(_clauses(subject, modal_only=False), _BASES)),
        _code("specthrt", _specific_threat(subject, pledged)),
        AtopCode("speclgth", CODES["speclgth"], int(months > 0), term.evidence if months else (),
                 f"{months // 12} years" if months else term.value or "none stated"),
        AtopCode("renounce", CODES["renounce"], int(bool(withdraw) or exit_cell.present),
                 exit_cell.evidence or _evidence(withdraw), exit_cell.value),
        _code("organ1", _positive(clauses, _ORGAN)),
        _code("milcon", _positive(clauses, _MILCON)),
        _code("contrib", [c for c in clauses if _contributes(c, subject.document.text)]),
    ]  # fmt: skip
    return AtopProfile(subject.document.source, tuple(codes), months)


_WORDS = {"one": 1, "two": 2, "three": 3, "five": 5, "ten": 10, "fifteen": 15, "twenty": 20,
          "twenty-five": 25, "thirty": 30, "fifty": 50}  # fmt: skip


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _WORDS.get(word.lower(), 0)
