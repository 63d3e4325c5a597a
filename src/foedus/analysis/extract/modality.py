"""The force of a clause: which words carry it, how strong it is, and who bears it.

The main predicate of a clause is its first modal cue that does not sit inside a subordinate
clause ("which may include", "as may be agreed", "if it so requests"). Its words give the
modality (see :class:`~foedus.domain.commitment.Modality`); the noun phrase before it — after
any leading condition ("In the event of …, ") — is the obligor; for a passive with an agent
("shall be taken by the flag State"), the agent is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from foedus.analysis.extract.effect import DEFINITION, DOCUMENT_HEAD, is_effect
from foedus.analysis.extract.scanner import CueScanner, fold
from foedus.analysis.extract.subjects import (
    ACTOR,
    find_obligor,
    head_phrase,
    noun_phrase,
    opens_subject,
    subject_start,
)
from foedus.domain.commitment import Modality

__all__ = ["Reading", "read_force"]

_O, _P, _C, _A, _PE, _D = (
    Modality.OBLIGATION,
    Modality.PROHIBITION,
    Modality.COMMITMENT,
    Modality.ASPIRATION,
    Modality.PERMISSION,
    Modality.DECLARATION,
)
_EFFORT = (
    r"(?:seek|endeavou?r|strive|aim|work\s+(?:towards?|to(?=\s+(?!the\b|a\b|an\b|this\b)[a-z]+\b))|try|attempt"
    r"|make\s+(?:every|all\s+(?:possible|reasonable))\s+efforts?|use\s+(?:its|their)\s+best\s+efforts)"
)
# an aside between the modal and its verb: "shall, subject to its domestic law, endeavour"
_ASIDE = r"(?:\s*,[^,;.]{1,100},)?"
_WILL_EFFORT = r"(?:consider|explore|look\s+into|study)"
_ADVERB = (
    r"(?:\s+(?:also|further|jointly|continue\s+to|promptly|immediately|forthwith|each|both|not"
    r"|at\s+all\s+times))*"
)
# (pattern, modality), tried in this order at each position; the earliest match wins.
_CUES: list[tuple[str, Modality]] = [
    (r"shall(?:\s+also)?\s+not\s+(?:also\s+)?be\s+(?:required|obliged|obligated)\s+to", _PE),
    (r"(?:shall|must|may):?\s+(?:not|never)\b|cannot|(?:shall|must)\s+refrain\s+from", _P),
    (
        r"(?:shall\s+)?(?:undertakes?|agree[sd]?|commits?)\s+not\s+to"
        r"|(?:shall\s+be|is|are)\s+(?:prohibited|forbidden)",
        _P,
    ),
    (r"will\s+(?:not|never)\b|will\s+refrain\s+from", _C),
    (r"should\s+not\b", _A),
    (rf"(?:will|shall){_ASIDE}{_ADVERB}\s+{_EFFORT}|will{_ADVERB}\s+{_WILL_EFFORT}", _A),
    (
        r"shall\s+(?:be\s+(?:entitled|free|authori[sz]ed)|have\s+the\s+(?:right|power|authority|competence))"
        rf"{_ASIDE}\s+to(?!\s+(?:the|a|an|this|that|such|its|their)\b)|shall\s+enjoy\b",
        _PE,
    ),
    (r"grants?\b(?=[^.;]{0,100}\bright\b)", _PE),
    (r"(?:re)?affirms?\s+(?:their|its)\s+(?:firm\s+|full\s+)?commitments?\s+to", _C),
    (r"(?:shall|will)\s+(?:use|make)\s+(?:its|their)\s+best\s+efforts", _A),
    (r"shall|must", _O),
    (r"(?:is|are)\s+(?:required|obliged|obligated|bound)\s+to", _O),
    (
        rf"(?:undertakes?|undertook)\s+to|(?:agrees?|agreed){_ASIDE}\s+to\s+(?!the\b|a\b|an\b|this\b|that\b)",
        _O,
    ),
    (r"(?:has|have)\s+(?:the|an)\s+obligation\s+to|(?:is|are)\s+under\s+an\s+obligation", _O),
    (r"will", _C),
    (
        r"(?:commits?|pledges?)\s+(?:themselves|itself|ourselves)\s+(?:not\s+)?to"
        r"|(?:commits?|pledges?|resolves?|decides?|(?:has|have)\s+decided)\s+to|(?:is|are|remains?)\s+(?:firmly\s+|fully\s+|steadfastly\s+)?"
        r"(?:committed|determined)\s+to",
        _C,
    ),
    (
        # not the noun: "with the aim to facilitate trade"
        r"(?<!\bthe\s)(?<!\ban\s)(?<!\ba\s)(?:intends?|aims?|seeks?|strives?|endeavou?rs?|wish(?:es)?|hopes?"
        r"|aspires?)\s+to",
        _A,
    ),
    (
        r"stands?\s+ready\s+to|(?:is|are|remains?)\s+(?:ready|prepared|willing)\s+to"
        r"|(?:declares?|express(?:es)?|confirms?)\s+(?:its|their)\s+readiness\s+to",
        _A,
    ),
    (r"(?:will\s+)?(?:use|make)\s+(?:its|their)\s+best\s+efforts|should|best\s+endeavou?rs", _A),
    (r"may|can", _PE),
    (
        r"(?:is|are)\s+(?:entitled|free|authori[sz]ed)\s+to|(?:is|are)\s+permitted\b|(?:has|have)\s+the\s+right",
        _PE,
    ),
    (r"reserves?\s+the\s+right", _PE),
    (
        r"(?:re)?affirms?|recogni[sz]es?|welcomes?|notes?|acknowledges?|confirms?|stress(?:es)?"
        r"|emphasi[sz]es?|underlines?|express(?:es)?|condemns?|recalls?|supports?"
        r"|share\s+(?:the|a|their|its)\s+(?:[\w-]+\s+)?(?:view|goal|aim|objective|vision|conviction"
        r"|understanding|concern|assessment|determination)"
        r"|agree[sd]?\s+that|declare[sd]?\s+that|considers?|regards?|believes?|(?:are|is)\s+convinced|understands?"
        r"|remains?\s+(?:committed|determined|convinced)|(?:are|is)\s+determined"
        # support already given, a fact the analysts count: "Norway has allocated NOK 75 billion"
        r"|(?:has|have)\s+(?:already\s+)?(?:allocated|provided|delivered|disbursed|committed|pledged"
        r"|contributed|supplied|made\s+available)",
        _D,
    ),
]
_CUE_ALTERNATIVES = tuple((f"c{index}", pattern) for index, (pattern, _m) in enumerate(_CUES))


@cache
def _cue_scanner() -> CueScanner:
    """The cues, matched against the folded text (the same matches as IGNORECASE, about
    twice as fast), trying at each word only the cues that can begin with its letter."""
    return CueScanner(_CUE_ALTERNATIVES)


_CUE = re.compile(
    "|".join(f"(?P<c{index}>\\b(?:{pattern})\\b)" for index, (pattern, _m) in enumerate(_CUES)),
    re.IGNORECASE,
)
_SUBORDINATE = re.compile(
    r"\b(?:which|that|who|whom|whose|as|if|unless|where|when|whenever|whereby|so\s+that"
    r"|provided\s+that|such\s+as|than|whether)\s+(?:\w+\s+){0,4}$",
    re.IGNORECASE,
)
_NEGATED_SUBJECT = re.compile(
    r"^(?:neither|no|none\s+of)\b(?!\.)(?!\s+(?:later|less|more|longer|sooner|fewer|earlier)\b)",
    re.IGNORECASE,
)
_INVERTED = re.compile(
    r"\s*(?:in\s+no\s+(?:event|case)|under\s+no\s+circumstances?|at\s+no\s+time|on\s+no\s+account)"
    r",?\s+(?P<cue>shall|may|will|can|must)\b(?:\s+(?P<bearer>(?:(?:the|a|an|any|either|each|such|its"
    r"|their)\s+)?(?:\w+\s+){0,3}?(?:(?-i:[A-Z][\w-]*)|part(?:y|ies)|states?|authorit(?:y|ies)"
    r"|governments?|bod(?:y|ies)|members?|participants?|sides?)(?:\s+(?-i:[A-Z][\w-]*))*)\b)?",
    re.IGNORECASE,
)
_RESERVATIONS = re.compile(r"reservations?\b", re.IGNORECASE)
_ONLY_NEAR = re.compile(r"\s*(?:\w+\s+){0,3}?only\b", re.IGNORECASE)
_ONLY_WHEN = re.compile(
    r"\s*only\s+(?:\w+\s+){0,3}?(?:if|when|where|after|upon|in\s+accordance)\b", re.IGNORECASE
)
_ONLY = re.compile(
    r"\bonly\s+(?:if|with|in\s+accordance|after|upon|where|when|to\s+the\s+extent)\b", re.I
)
_POWER = re.compile(
    r"\s*(?:,[^,]{0,120},\s*)?(?:have\s+the\s+(?:right|power|authority|competence)|be\s+entitled)\s+to\b",
    re.IGNORECASE,
)
# A relative clause that already has its verb ("The Party that authorized the activity shall"):
# the cue after it belongs to the main clause.
_OWN_VERB = re.compile(
    r"\s(?:\w+ed|is|are|was|were|has|have|had|does|do)\s+(?:\w+\s+){0,3}$"
    # "A Party that makes such a declaration shall…": the relative clause has its own verb
    r"|^(?:that|which|who)\s+(?:(?-i:[A-Z]\w*)\s+)?(?-i:[a-z]+(?<!ss)s|heard|held|made|took|gave|met)"
    r"\s+(?:\w+\s+){0,4}$"
    # "Information that Parties may request shall…": the relative clause had its own modal
    r"|^(?:that|which|who)\s+(?:\w+\s+){0,3}?(?:may|shall|will|must|can)\s+\w+\s+(?:\w+\s+){0,3}$",
    re.I,
)
# "that Party shall", "that proceeding shall": a demonstrative, not a relative clause
_DEMONSTRATIVE = re.compile(
    r"that\s+(?!(?:the|a|an|it|they|he|she|we|this|these|those|such|each|any|its|their)\b)"
    r"(?P<noun>\w+)\s+$",
    re.IGNORECASE,
)
# "the long-term support of Germany", "support for Ukraine": the noun, not the verb
_NOUN_AFTER = re.compile(r"\s+(?:of|for|from)\b", re.IGNORECASE)
_NOUN_BEFORE = re.compile(r"\b(?:in|of|for|the|and|with|to|its|their|our|a|an)\s*$", re.I)
_EMBEDDING = re.compile(
    r"(?:agreed?|agrees|declared?|declares|confirms?|(?:re)?affirms?|undertakes?|recogni[sz]es?)"
    r"\s+that$",
    re.I,
)
_MODAL = re.compile(r"\b(?:shall|will|must|may)\b(?:\s+not\b)?", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:they|it|we|he|she|each\s+of\s+them|both\s+of\s+them)$", re.I)
_LEADING = re.compile(
    r"^(?:if|in\s+the\s+event|where|when|whenever|should|upon|following|in\s+cases?|subject\s+to"
    r"|in\s+accordance\s+with|without\s+prejudice|notwithstanding|for\s+the\s+purposes?|to\s+this\s+end"
    r"|in\s+this\s+regard|in\s+addition|further(?:more)?|moreover|as\s+part\s+of|with\s+a\s+view"
    r"|with\s+the\s+(?:goal|aim|objective|purpose|intention)\s+of"
    r"|in\s+order|during|after|before|once|until|at\s+the\s+request|in\s+pursuing|in\s+the\s+course"
    r"|in\s+(?:19|20)\d\d|by\s+(?:19|20)\d\d|within|on\s+the\s+basis|in\s+particular|to\s+that\s+end"
    r"|consequently|accordingly|therefore|in\s+such\s+(?:a\s+)?case|in\s+that\s+case|as\s+appropriate"
    r"|in\s+the\s+light|pending|through|under\s+this)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Reading:
    """The force of a clause: modality, the cue's position in the clause text, the obligor."""

    modality: Modality
    cue_start: int
    cue_end: int
    obligor: str | None
    obligor_start: int
    also: tuple[Modality, ...] = ()
    main_start: int = 0  # where the main clause begins, after any leading condition


def _cue_modality(match: re.Match[str]) -> Modality:
    assert match.lastgroup is not None
    return _CUES[int(match.lastgroup[1:])][1]


def _finditer(text: str, start: int) -> Iterator[re.Match[str]]:
    """Cue matches from ``start``; offsets are those of ``text``."""
    folded = fold(text)
    if folded is not None:
        return _cue_scanner().finditer(folded, start)
    return _CUE.finditer(text, start)


_PREPOSITIONS = frozenset("of to by for in on with from against under upon at into towards".split())


def _demonstrative(before: str, subordinate: re.Match[str]) -> bool:
    """ "that Party shall", "conducting that proceeding shall": "that" points, it does not
    open a relative clause — when a name follows it or a word stands before it."""
    found = _DEMONSTRATIVE.match(subordinate.group(0))
    if found is None:
        return False
    preceding = before[: subordinate.start()].rstrip()
    word = preceding.rsplit(maxsplit=1)[-1].lower() if preceding else ""
    if not word or not word[-1:].isalnum():  # ", that Party shall": a name follows
        return found.group("noun")[:1].isupper()
    # "conducting that proceeding shall", "by that Party shall" — not "Information that
    # Parties may request … shall", a relative clause
    return word.endswith(("ing", "ed")) or word in _PREPOSITIONS


def _title_case(text: str, match: re.Match[str]) -> bool:
    """ "the Nansen Support Programme": a capitalised word inside a name — not "The Council
    REAFFIRMS", a verb in capitals."""
    word = text[match.start() : match.end()].split()[0]
    return word[:1].isupper() and not word.isupper()


def _main_cue(text: str, start: int) -> re.Match[str] | None:
    for match in _finditer(text, start):
        before = text[max(start, match.start() - 60) : match.start()]
        subordinate = _SUBORDINATE.search(before)
        if (
            subordinate
            and not _OWN_VERB.search(subordinate.group(0))
            and not _demonstrative(before, subordinate)
        ):
            continue  # "which may include": the cue is the relative clause's own verb
        if _cue_modality(match) is _D and (
            not before.strip()
            or _NOUN_BEFORE.search(before)
            or _title_case(text, match)
            or (" " not in match.group(0) and _NOUN_AFTER.match(text, match.end()))
        ):
            # "Support under Section 3.1 will…", "in support of", "the Nansen Support
            # Programme": a noun or a name, not a verb
            continue
        return match
    return None


def _after_leading(text: str) -> int:
    """Where the main clause begins: after a leading condition or adverbial ("In the event of
    …, ", "Should Ukraine become …, ", "In order to confirm that …, "), else 0."""
    stripped = text.lstrip()
    if not _LEADING.match(stripped):
        return 0
    # linear in the clause: the next cue is looked for again only once a comma has passed it,
    # and each segment is judged on its first few hundred characters
    comma = text.find(",")
    cue_start = -1
    while comma > 0:
        if cue_start < comma:
            cue = next(_finditer(text, comma), None)
            if cue is None:
                return 0  # no predicate after this comma, so none after a later one
            cue_start = cue.start()
        after = text[comma + 1 : comma + 1 + _SEGMENT].strip()
        if after and opens_subject(after):
            return comma + 1
        comma = text.find(",", comma + 1)
    return 0


_SEGMENT = 400


_RECITAL = re.compile(
    r"(?i:(?!having\s+(?:agreed|decided)\b)[a-z]+ing\b)"
    r"|(?i:(?:(?:firmly|deeply|fully|strongly|further|also|equally)\s+)?(?:mindful|convinced|aware"
    r"|conscious|determined|desirous|resolved|concerned|guided|inspired|committed|encouraged|alarmed"
    r"|cognizant|cognisant|bearing\s+in\s+mind|having\s+regard|taking\s+into\s+account|taking\s+note"
    r"|noting)\b|(?:further|also)\s+(?!having\b)\w+ing\b)"
    # the verb of a recital in the plural present ("ENCOURAGE enterprises to…", "RESOLVE to…")
    r"|(?i:(?:encourage|reaffirm|recogni[sz]e|acknowledge|affirm|recall|note|share|welcome"
    r"|emphasi[sz]e|stress|underline|believe|desire|wish|aspire|resolve|reiterate|seek"
    r"|take\s+into\s+account|bear\s+in\s+mind|whereas)\b)"
)
# a one-sentence preamble: "The Government of A and the Government of B being desirous of …"
_PARTICIPLE_RECITAL = re.compile(
    r"\bbeing\s+(?:desirous|convinced|conscious|aware|determined|mindful|anxious)\b", re.IGNORECASE
)


def read_force(text: str, in_preamble: bool = False) -> Reading | None:
    """The force of a clause, or None when it commits no one (definitions, legal effect,
    procedure, descriptions)."""
    body = text.lstrip()
    if in_preamble:
        recital = _RECITAL.match(body) or _PARTICIPLE_RECITAL.search(body)
        if recital is None:
            return None  # the list of parties, the enacting formula
        return Reading(_D, recital.start(), recital.end(), None, 0)
    if DEFINITION.match(body):
        return None
    inverted = _INVERTED.match(text)
    if inverted is not None:  # "In no event shall the authorities …", "… shall payments be made"
        bearer = inverted.group("bearer")
        if bearer and DOCUMENT_HEAD.match(bearer):
            return None  # "In no case shall any provision of this Agreement be construed …"
        at = inverted.start("bearer") if bearer else inverted.end("cue")
        return Reading(_P, inverted.start("cue"), inverted.end("cue"), bearer, at)
    floor = _after_leading(text)
    waived = _NO_OBLIGATION.match(text, floor + len(text[floor:]) - len(text[floor:].lstrip()))
    if waived is not None:  # "there is no obligation for a Party to provide": as "not required"
        bearer = waived.group("bearer")
        return Reading(_PE, waived.start(), waived.end(), bearer, waived.start("bearer"))
    cue = _main_cue(text, floor)
    if cue is None:
        return None
    modality = _cue_modality(cue)
    start = subject_start(text, cue.start(), floor)
    override: tuple[str, int] | None = None
    if modality is _D:
        embedded = _embedded_duty(text, cue)
        if embedded is not None:
            cue, start, override = embedded
            modality = _cue_modality(cue)
    subject = head_phrase(text[start : cue.start()].strip(" ,"))
    phrase = noun_phrase(subject)  # "In the field of energy the Parties" → "the Parties"
    # "No new restrictions shall be introduced", "On and after 1 July neither party shall…"
    negation = _NEGATED_SUBJECT.match(text[floor:].lstrip()) or _NEGATED_SUBJECT.match(phrase)
    if negation is not None and modality in {_O, _PE}:
        # a prohibition, unless it is about the agreement itself ("No provision of this
        # Agreement shall be construed…"); "No reservations may be made" binds the parties
        rest = negation.string[negation.end() :].lstrip()
        if DOCUMENT_HEAD.match(rest) and not _RESERVATIONS.match(rest):
            return None
        modality = _P
    elif is_effect(subject, phrase, text, cue, modality):
        return None
    obligor, obligor_start = override or find_obligor(text, cue, start)
    also: tuple[Modality, ...] = ()
    if modality is _O and _POWER.match(text, cue.end()):
        modality = _PE  # "The Joint Committee shall, for …, have the power to"
    if modality is _PE and (_ONLY_NEAR.match(text, cue.end()) or _ONLY.search(text, cue.end())):
        modality, also = _P, (_PE,)  # "may … only if": a prohibition and a permission
    elif modality is _O and _ONLY_WHEN.match(text, cue.end()):
        modality = _P  # "shall only be made when": not otherwise
    if modality is _D and (obligor is None or DOCUMENT_HEAD.match(obligor)):
        return None  # "This Agreement is intended to support…": a description, not a view
    also += tuple(m for m in _coordinated(text, cue.end()) if m is not modality and m not in also)
    return Reading(modality, cue.start(), cue.end(), obligor, obligor_start, also, floor)


_NO_OBLIGATION = re.compile(
    r"(?:for\s+(?:greater\s+)?certainty\s*,\s*)?there\s+(?:is|shall\s+be)\s+no\s+obligation\s+(?:for|on|upon)\s+"
    r"(?P<bearer>[^,;.]{1,80}?)\s+to\s",
    re.IGNORECASE,
)
_COORDINATED = re.compile(
    r"(?:\band|;|,)\s+(?:(?:also|further|thereafter)\s+)?(?P<cue>shall\s+not|shall|will\s+not|will"
    r"|must\s+not|may\s+not|may)\b",
    re.IGNORECASE,
)


def _coordinated(text: str, after: int) -> list[Modality]:
    """Forces of predicates coordinated with the main one ("… and shall not transfer",
    "supports … and will work with"): recorded beside it."""
    found = []
    for match in _COORDINATED.finditer(text, after):
        cue = _CUE.match(text, match.start("cue"))
        if cue is not None:
            found.append(_cue_modality(cue))
    return found


_EMBEDDED_CUES = 6  # cues tried after "agree that" …
_EMBEDDED_REACH = 600  # … within this many characters of it


def _embedded_duty(
    text: str, cue: re.Match[str]
) -> tuple[re.Match[str], int, tuple[str, int] | None] | None:
    """ "The Parties agree that … each of them … shall assist": the duty inside a declaration,
    when an actor bears it. Returns the inner cue, where its subject starts, and — when that
    subject is a pronoun ("declare that they will") — the outer subject as the obligor."""
    if not _EMBEDDING.search(cue.group(0)):
        return None
    floor = cue.end()
    for tried, inner in enumerate(_finditer(text, floor)):
        if tried >= _EMBEDDED_CUES or inner.start() - floor > _EMBEDDED_REACH:
            break  # the duty of a that-clause stands near its verb (and no text costs n²)
        if not _MODAL.match(inner.group(0)):
            continue
        start = subject_start(text, inner.start(), floor)
        subject = head_phrase(text[start : inner.start()].strip(" ,"))
        if _PRONOUN.match(subject) or (subject and ACTOR.search(subject)):
            if subject.lower() in {"they", "it", "we"}:
                outer_start = subject_start(text, cue.start())
                outer = noun_phrase(text[outer_start : cue.start()].strip(" ,"))
                if outer:
                    return inner, start, (outer, text.find(outer, outer_start))
            return inner, start, None
    return None
