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

from foedus.analysis.extract.scanner import CueScanner, fold
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
_WILL_EFFORT = r"(?:consider|explore|look\s+into|study)"
_ADVERB = (
    r"(?:\s+(?:also|further|jointly|continue\s+to|promptly|immediately|forthwith|each|both|not))*"
)
# (pattern, modality), tried in this order at each position; the earliest match wins.
_CUES: list[tuple[str, Modality]] = [
    (r"shall\s+not\s+be\s+(?:required|obliged|obligated)\s+to", _PE),
    (r"(?:shall|must|may)\s+(?:not|never)\b|cannot|(?:shall|must)\s+refrain\s+from", _P),
    (r"(?:undertakes?|agree[sd]?|commits?)\s+not\s+to|(?:shall\s+be|is|are)\s+prohibited", _P),
    (r"will\s+(?:not|never)\b|will\s+refrain\s+from", _C),
    (r"should\s+not\b", _A),
    (rf"(?:will|shall){_ADVERB}\s+{_EFFORT}|will{_ADVERB}\s+{_WILL_EFFORT}", _A),
    (r"shall\s+(?:be\s+entitled|have\s+the\s+(?:right|power|authority|competence))\s+to", _PE),
    (r"grants?\b(?=[^.;]{0,100}\bright\b)", _PE),
    (r"(?:re)?affirms?\s+(?:their|its)\s+(?:firm\s+|full\s+)?commitments?\s+to", _C),
    (r"(?:shall|will)\s+(?:use|make)\s+(?:its|their)\s+best\s+efforts", _A),
    (r"shall|must", _O),
    (r"(?:is|are)\s+(?:required|obliged|obligated|bound)\s+to", _O),
    (r"(?:undertakes?|undertook)\s+to|agrees?\s+to\s+(?!the\b|a\b|an\b|this\b|that\b)", _O),
    (r"(?:has|have)\s+(?:the|an)\s+obligation\s+to|(?:is|are)\s+under\s+an\s+obligation", _O),
    (r"will", _C),
    (
        r"(?:commits?|pledges?|resolves?)\s+to|(?:is|are|remains?)\s+(?:firmly\s+|fully\s+|steadfastly\s+)?"
        r"(?:committed|determined)\s+to",
        _C,
    ),
    (r"(?:intends?|aims?|seeks?|strives?|endeavou?rs?|wish(?:es)?|hopes?|aspires?)\s+to", _A),
    (r"stands?\s+ready\s+to|(?:is|are|remains?)\s+(?:ready|prepared|willing)\s+to", _A),
    (r"(?:will\s+)?(?:use|make)\s+(?:its|their)\s+best\s+efforts|should|best\s+endeavou?rs", _A),
    (r"may|can", _PE),
    (r"(?:is|are)\s+(?:entitled|free|authori[sz]ed)\s+to|(?:has|have)\s+the\s+right", _PE),
    (r"reserves?\s+the\s+right", _PE),
    (
        r"(?:re)?affirms?|recogni[sz]es?|welcomes?|notes?|acknowledges?|confirms?|stress(?:es)?"
        r"|emphasi[sz]es?|underlines?|express(?:es)?|condemns?|recalls?|supports?|share\s+the\s+view"
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
_NEGATED_SUBJECT = re.compile(r"^(?:neither|no|none\s+of)\b(?!\.)", re.IGNORECASE)
_ONLY_NEAR = re.compile(r"\s*(?:\w+\s+){0,3}?only\b", re.IGNORECASE)
_ONLY = re.compile(
    r"\bonly\s+(?:if|with|in\s+accordance|after|upon|where|when|to\s+the\s+extent)\b", re.I
)
_POWER = re.compile(
    r"\s*(?:,[^,]{0,120},\s*)?(?:have\s+the\s+(?:right|power|authority|competence)|be\s+entitled)\s+to\b",
    re.IGNORECASE,
)
# A relative clause that already has its verb ("The Party that authorized the activity shall"):
# the cue after it belongs to the main clause.
_OWN_VERB = re.compile(r"\s(?:\w+ed|is|are|was|were|has|have|had|does|do)\s+(?:\w+\s+){0,3}$", re.I)
_NOUN_BEFORE = re.compile(r"\b(?:in|of|for|the|and|with|to|its|their|our|a|an)\s*$", re.I)
_EMBEDDING = re.compile(
    r"(?:agreed?|agrees|declared?|declares|confirms?|(?:re)?affirms?|undertakes?|recogni[sz]es?)"
    r"\s+that$",
    re.I,
)
_MODAL = re.compile(r"\b(?:shall|will|must|may)\b(?:\s+not\b)?", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:they|it|we|he|she|each\s+of\s+them|both\s+of\s+them)$", re.I)
_LEADING = re.compile(
    r"^(?:if|in\s+the\s+event|where|when|whenever|should|upon|following|in\s+case|subject\s+to"
    r"|in\s+accordance\s+with|without\s+prejudice|notwithstanding|for\s+the\s+purposes?|to\s+this\s+end"
    r"|in\s+this\s+regard|in\s+addition|further(?:more)?|moreover|as\s+part\s+of|with\s+a\s+view"
    r"|in\s+order|during|after|before|once|until|at\s+the\s+request|in\s+pursuing|in\s+the\s+course"
    r"|in\s+(?:19|20)\d\d|by\s+(?:19|20)\d\d|within|on\s+the\s+basis|in\s+particular|to\s+that\s+end"
    r"|consequently|accordingly|therefore|in\s+such\s+(?:a\s+)?case|in\s+that\s+case|as\s+appropriate"
    r"|in\s+the\s+light|pending|through|under\s+this)\b",
    re.IGNORECASE,
)
_PASSIVE_AGENT = re.compile(
    r"\s*(?:also\s+|not\s+)?be\s+(?:(?:further|\w+ly)\s+)?(?:\w+ed|held|taken|made|given|done|set|kept|paid|borne|sought"
    r"|undertaken|drawn|met|led|run|chosen|written|sent|brought)\b[^.;:]*?\bby\s+"
    r"(?P<agent>[^,;.:()]{2,80}?)(?=\s+(?:for|in|on|at|with|within|to|under|upon|from|after|before"
    r"|during|through|without|not\s+later|no\s+later)\b|\s+and\s+(?:shall|may|will|if|when|where|unless"
    r"|upon|after|subject)\b|[,;.:(]|$)"
)
# Legal effect or procedure with no one bearing a duty: not a commitment at all.
_EFFECT_VERBS = re.compile(
    r"^\s*(?:(?:also|only|then|thereafter|automatically|equally|not)\s+)*(?:enter\s+into\s+force"
    r"|come\s+into\s+(?:force|effect)|remain\s+in\s+(?:force|effect)|continue\s+in\s+force"
    r"|remain\s+valid|take\s+effect|have\s+effect|cease\s+to|expire|apply|be\s+applied|be\s+interpreted"
    r"|be\s+construed|be\s+deemed|be\s+considered|be\s+regarded|prevail|be\s+(?:equally\s+)?authentic"
    r"|be\s+elected|be\s+composed|consist|be\s+open\s+for\s+signature|be\s+subject\s+to\s+ratification"
    r"|be\s+amended|terminate|be\s+terminated|mean|be\s+understood|be\s+without\s+prejudice"
    r"|not\s+affect|affect|be\s+the\s+depositary|be\s+registered|be\s+governed|form\s+an\s+integral)\b",
    re.IGNORECASE,
)
_DOCUMENT_SUBJECT = re.compile(
    r"\b(?:this|the\s+present)\s+(?:agreement|treaty|accord|memorandum|arrangement|convention"
    r"|protocol|document|annex|article|chapter|part|instrument)\b|\bnothing\s+in\b|\bprovisions?\b"
    r"|\bamendments?\b|\bannex(?:es)?\b|\btexts?\b|\bterm\b",
    re.IGNORECASE,
)
_DEFINITION = re.compile(
    # after an article title glued to the sentence ("Use of terms For the purposes of …")
    r"^(?:[A-Z][a-z]+(?:\s+[a-z]+){0,4}\s+(?=[A-Z]))?"
    r"(?:for\s+the\s+purposes?\s+of\s+this\b[^:]*?(?::|\bmeans\b|\bthe\s+term\b|\brefers?\s+to\b)"
    r"|[\"“'‘][^\"”'’]{1,80}[\"”'’]\s+(?:means|includes|shall\s+mean)"
    r"|the\s+(?:purpose|objective|object|aim)s?\s+of\s+this\s+\w+\s+(?:is|are)\b)",
    re.IGNORECASE,
)
# The head of a subject that is the agreement itself, a part of it, or its life cycle.
_DOCUMENT_HEAD = re.compile(
    r"^(?:(?:this|the\s+present|the|such|any|each|these|those)\s+)?(?:agreement|treaty|accord|memorandum|arrangement"
    r"|convention|protocol|document|annex(?:es)?|articles?|chapters?|parts?|instruments?|provisions?"
    r"|amendments?|texts?|termination|denunciation|withdrawal|suspension|entry\s+into\s+force"
    r"|provisional\s+application|reservations?|nothing|no\s+provision|paragraphs?|sections?"
    r"|the\s+\w+\s+text|principles?)\b",
    re.IGNORECASE,
)
# Verbs of legal effect or procedure: with a subject that is no actor, no one bears a duty.
_PROCEDURE_VERBS = re.compile(
    r"\s*(?:(?:also|only|then|thereafter|automatically|equally|likewise|similarly|accordingly|not"
    r"|no\s+longer|mutatis\s+mutandis)\s+)*(?:apply|be\s+applied|be\s+eligible|be\s+(?:the|an?)(?=\s)"
    r"|be\s+applicable|be\s+governed|govern|take\s+effect|terminate|cease|expire|affect|prevent"
    r"|preclude|be\s+construed|be\s+interpreted|be\s+deemed|be\s+considered|be\s+regarded"
    r"|be\s+adopted|be\s+rounded|be\s+settled|benefit|operate|constitute|form|remain"
    r"|be\s+without\s+prejudice|mean|be\s*(?=[:—–-])|be\s+determined|be\s+calculated|be\s+set\s+out"
    r"|be\s+guided|be\s+regulated|be\s+appointed)(?!\w)",
    re.IGNORECASE,
)
# Rules of composition and procedure: no duty even when an actor is the subject.
_ALWAYS_PROCEDURE = re.compile(
    r"\s*(?:be\s*(?=[:—–-])|consist\s+of|comprise|be\s+composed\s+of|be\s+the\s+depositary|have\s+one\s+vote"
    r"|supersede|cease\s+to\s+apply|be\s+(?:adopted|taken|made|appointed)\s+by\s+(?:consensus"
    r"|(?:a\s+)?(?:simple|qualified|two-thirds|three-fourths|three-quarters|\w+)\s+majority))\b",
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


def _main_cue(text: str, start: int) -> re.Match[str] | None:
    for match in _finditer(text, start):
        before = text[max(start, match.start() - 60) : match.start()]
        subordinate = _SUBORDINATE.search(before)
        if subordinate and not _OWN_VERB.search(subordinate.group(0)):
            continue  # "which may include": the cue is the relative clause's own verb
        if _cue_modality(match) is _D and (
            not before.strip() or _NOUN_BEFORE.search(before) or text[match.start()].isupper()
        ):
            # "Support under Section 3.1 will…", "in support of", "the Nansen Support
            # Programme": a noun or a name, not a verb
            continue
        return match
    return None


def _head(subject: str) -> str:
    """The noun phrase of a subject without a parenthetical after it: "each of them, in
    exercise of the right of self-defence" → "each of them"."""
    first, _, rest = subject.partition(",")
    words = rest.split(maxsplit=1)
    if words and words[0].lower() in _NOT_SUBJECT_START:
        return first.strip()
    return subject


def _after_leading(text: str) -> int:
    """Where the main clause begins: after a leading condition or adverbial ("In the event of
    …, ", "Should Ukraine become …, ", "In order to confirm that …, "), else 0."""
    stripped = text.lstrip()
    if not _LEADING.match(stripped):
        return 0
    comma = text.find(",")
    while comma > 0:
        after = text[comma + 1 :].strip()
        first = after.split(maxsplit=1)[0].lower() if after else ""
        if first and _opens_subject(after) and next(_finditer(text, comma), None):
            return comma + 1
        comma = text.find(",", comma + 1)
    return 0


def _opens_subject(segment: str) -> bool:
    """Whether a comma-separated segment can be the subject: "each of them", "The Parties",
    "senior officials of the Parties" — not "in exercise of …", "taking into account …",
    "whether acting individually …"."""
    words = segment.split()
    if not words:
        return False
    first = words[0].lower()
    if first in {"that", "this", "these", "those"}:
        return len(words) > 1 and words[1][:1].isupper()  # "that Party"
    if first in _NOT_SUBJECT_START or first.endswith("ing"):
        return False
    if words[0][:1].islower() and first not in _DETERMINERS and first not in _PRONOUNS:
        return bool(_ACTOR.search(segment))
    return True


def _subject_start(text: str, cue_start: int, floor: int = 0) -> int:
    """Where the subject of the predicate at ``cue_start`` starts: the last comma-separated
    segment before it that can open a noun phrase, not before ``floor``."""
    head = text[floor:cue_start]
    comma = head.rfind(",")
    while comma >= 0:
        if _opens_subject(head[comma + 1 :].strip()):
            return floor + comma + 1 + (len(head[comma + 1 :]) - len(head[comma + 1 :].lstrip()))
        comma = head.rfind(",", 0, comma)
    return floor + len(head) - len(head.lstrip())


_RECITAL = re.compile(
    r"(?i:(?!having\s+(?:agreed|decided)\b)[a-z]+ing\b)|(?:Mindful|Convinced|Aware|Conscious|Determined|Desirous|Resolved|Concerned"
    r"|Deeply\s+concerned|Guided|Inspired|Committed|Encouraged|Alarmed|Cognizant|Cognisant"
    r"|Bearing\s+in\s+mind|Having\s+regard|Taking\s+into\s+account|Taking\s+note|Noting"
    r"|Further\s+\w+ing|Also\s+\w+ing|Reaffirming|Recalling|Recogni[sz]ing)\b"
    # the verb of a recital in the plural present ("ENCOURAGE enterprises to…", "RESOLVE to…")
    r"|(?i:(?:encourage|reaffirm|recogni[sz]e|acknowledge|affirm|recall|note|share|welcome"
    r"|emphasi[sz]e|stress|underline|believe|desire|wish|aspire|resolve|reiterate|seek)\b)"
)
# a one-sentence preamble: "The Government of A and the Government of B being desirous of …"
_PARTICIPLE_RECITAL = re.compile(
    r"\bbeing\s+(?:desirous|convinced|conscious|aware|determined|mindful|anxious)\b", re.IGNORECASE
)
_PASSIVE = re.compile(
    r"\s*(?:also\s+|not\s+)?be\s+(?:\w+ed|\w+en|held|made|set|kept|met|led|run|paid)\b"
)
_ACTOR_WORDS = (
    r"\b(?:part(?:y|ies)|participants?|sides?|states?|governments?|committee|council|secretariat"
    r"|conference|commission|board|bod(?:y|ies)|officials|ministers?|representatives?|authorit"
    r"(?:y|ies)|agenc(?:y|ies)|tribunal|court|panel|group|depositary|coordinators?|experts?|members?"
    r"|delegations?|institutions?|offices?|secretary-general|organi[sz]ations?)\b"
)
_NAME_PATTERN = r"^(?:the\s+)?[A-Z][\w\-]*(?:\s+(?:of\s+|the\s+|and\s+)*[A-Z][\w\-]*)*$"
_ACTOR = re.compile(rf"{_ACTOR_WORDS}|(?-i:{_NAME_PATTERN})", re.IGNORECASE)
_ACTOR_NOUN = re.compile(_ACTOR_WORDS, re.IGNORECASE)
_NAME = re.compile(_NAME_PATTERN)  # a name as a whole subject: "Ukraine", "the United States"
_NOT_SUBJECT_START = frozenset(
    "at in on by for with under upon within after before if where when whenever as to from "
    "through during following pursuant subject and or but which that who unless including "
    "inter alia whether although while".split()
)
_DETERMINERS = frozenset("each either neither both all any the a an its their such no".split())
_PRONOUNS = frozenset("it they we he she".split())
_MARKER = re.compile(r"^\(?(?:[a-z]{1,2}|[ivxlc]{1,5}|\d{1,3})[.)]\s+")
_LEAD_PREPOSITIONS = frozenset(
    "in on for at with under upon after before during through from by within pursuant".split()
)


def _noun_phrase(subject: str) -> str:
    """The subject without what precedes it on the same footing: a list marker ("(a) The
    Parties"), a label before a colon ("For purposes of paragraph 1(c): the customs
    authority"), a leading prepositional phrase ("In such cases the Contracting Party"), or an
    article title glued to the first sentence ("Obligation to settle disputes … means Parties")."""
    subject = _MARKER.sub("", subject)
    subject = re.sub(r"\s*\((?:hereinafter|hereafter)[^)]*\)", "", subject).strip()
    functions = _FUNCTIONS_OF.match(subject)
    if functions is not None:
        subject = functions.group(1)  # "The functions of the Liaison Office shall be: …"
    if ":" in subject:
        subject = subject.rsplit(":", 1)[1].strip()
    words = subject.split()
    if words and words[0].lower() in _LEAD_PREPOSITIONS:
        for index in range(2, len(words)):
            if words[index].lower() in _DETERMINERS and words[index - 1].lower() not in {
                "of",
                "to",
            }:
                words = words[index:]
                subject = " ".join(words)
                break
    if len(words) >= 4:
        opens_plainly = words[0].lower() not in _DETERMINERS
        for index in range(2, len(words)):
            word, before = words[index], words[index - 1]
            if before.lower() in _FUNCTION_WORDS or before.endswith(","):
                continue
            # "Prevention of disputes Parties", "… in relation to the third countries
            # Contracting Parties": a title or a phrase without its comma before the subject
            glued = opens_plainly and index >= 3 and before[:1].islower()
            if glued and (word.lower() in _DETERMINERS or word in _COLLECTIVE_HEADS):
                return " ".join(words[index:])
            # "… and the Republic of Upper Volta both Contracting Parties"
            if word.lower() in _QUANTIFIERS and index < len(words) - 1 and before[:1].isupper():
                return " ".join(words[index:])
    return _SUBJECT_HEDGE.split(subject, 1)[0]


# Where the head of a subject ends: "The date of establishment of the Arbitral Tribunal" is a
# date, not a tribunal; "The mutual assistance between … authorities" is assistance.
_SUBJECT_HEAD = re.compile(
    r"\s+(?:of|between|among|in|for|under|on|at|with|from|to|by|concerning|regarding|referred)\s",
    re.IGNORECASE,
)
_AGENT_MANNER = re.compile(
    r"(?:(?:mutual|common|joint)\s+)?(?:agreement|accord|consent|decision|consensus)\s+"
    r"(?:by|of|between|among)\s+(?=\S)",
    re.IGNORECASE,
)
_BY_AGENT = re.compile(r"\b\w+(?:ed|en)\s+by\s+(?P<agent>.+)", re.IGNORECASE)


def _bears(subject: str) -> bool:
    """Whether a subject names someone who can bear a duty: the head of its noun phrase is an
    actor ("senior officials of the Parties", not "The date of establishment of the Arbitral
    Tribunal"), the whole is a name ("Ukraine"), or an agent is named inside it ("The measures
    taken by Macedonia")."""
    subject = subject.strip()
    if _ACTOR_NOUN.search(_SUBJECT_HEAD.split(subject, 1)[0]) or _NAME.match(subject):
        return True
    agent = _BY_AGENT.search(subject)
    return agent is not None and bool(_ACTOR.search(agent.group("agent")))


_FUNCTIONS_OF = re.compile(
    r"^(?:the\s+)?(?:functions|tasks|duties|responsibilities|role)\s+of\s+(.+)$", re.IGNORECASE
)
_COLLECTIVE_HEADS = frozenset(
    "Parties States Participants Sides Members Each Either Both Contracting High Member".split()
)
_QUANTIFIERS = frozenset("both each either neither all".split())
# A qualifier between the subject and its verb is not part of the subject: "Both Contracting
# Parties within the scope of their internal laws and regulations shall exempt…"
_SUBJECT_HEDGE = re.compile(
    r"\s+(?=(?:within\s+the\s+(?:scope|framework|limits)\s+of|in\s+accordance\s+with|subject\s+to"
    r"|pursuant\s+to|in\s+conformity\s+with|consistent\s+with|as\s+appropriate|where\s+appropriate"
    r"|to\s+the\s+extent)\b)",
    re.IGNORECASE,
)
_FUNCTION_WORDS = frozenset(
    "of the and or to for in on at by with from a an its their each either any such that "
    "which who under between among against into upon within".split()
)


def _obligor(text: str, cue: re.Match[str], subject_start: int) -> tuple[str | None, int]:
    # without a parenthetical between subject and cue: "The United States will, in coordination…"
    subject = _noun_phrase(_head(text[subject_start : cue.start()].strip(" ,")))
    agent = _PASSIVE_AGENT.match(text, cue.end())
    if agent is not None and _ACTOR.search(agent.group("agent")):
        # "decided by mutual agreement by the Parties": the manner goes, the agent stays
        manner = _AGENT_MANNER.match(agent.group("agent"))
        skip = manner.end() if manner else 0
        return agent.group("agent")[skip:].strip(), agent.start("agent") + skip
    if _PASSIVE.match(text, cue.end()) and not _ACTOR.search(subject):
        return None, subject_start  # "The consultations … shall be held": no bearer named
    if not subject or len(subject.split()) > 14:
        return None, subject_start
    first = subject.split()[0].lower()
    lower_start = subject[0].islower() and first not in _DETERMINERS and first not in _PRONOUNS
    if lower_start and not _ACTOR.search(subject):
        return None, subject_start
    return subject, max(subject_start, text.find(subject, subject_start))


def read_force(text: str, in_preamble: bool = False) -> Reading | None:
    """The force of a clause, or None when it commits no one (definitions, legal effect,
    procedure, descriptions)."""
    body = text.lstrip()
    if in_preamble:
        recital = _RECITAL.match(body) or _PARTICIPLE_RECITAL.search(body)
        if recital is None:
            return None  # the list of parties, the enacting formula
        return Reading(_D, recital.start(), recital.end(), None, 0)
    if _DEFINITION.match(body):
        return None
    floor = _after_leading(text)
    cue = _main_cue(text, floor)
    if cue is None:
        return None
    modality = _cue_modality(cue)
    start = _subject_start(text, cue.start(), floor)
    override: tuple[str, int] | None = None
    if modality is _D:
        embedded = _embedded_duty(text, cue)
        if embedded is not None:
            cue, start, override = embedded
            modality = _cue_modality(cue)
    subject = _head(text[start : cue.start()].strip(" ,"))
    negated = _NEGATED_SUBJECT.match(text[floor:].lstrip())
    if negated and modality in {_O, _PE}:
        # "No new restrictions shall be introduced": a prohibition, unless it is about the
        # agreement itself ("No provision of this Agreement shall be construed…")
        if _DOCUMENT_HEAD.match(text[floor:].lstrip()[negated.end() :].lstrip()):
            return None
        modality = _P
    elif _is_effect(subject, text, cue, modality):
        return None
    obligor, obligor_start = override or _obligor(text, cue, start)
    also: tuple[Modality, ...] = ()
    if modality is _O and _POWER.match(text, cue.end()):
        modality = _PE  # "The Joint Committee shall, for …, have the power to"
    if modality is _PE and (_ONLY_NEAR.match(text, cue.end()) or _ONLY.search(text, cue.end())):
        modality, also = _P, (_PE,)
    if modality is _D and (obligor is None or _DOCUMENT_HEAD.match(obligor)):
        return None  # "This Agreement is intended to support…": a description, not a view
    also += tuple(m for m in _coordinated(text, cue.end()) if m is not modality and m not in also)
    return Reading(modality, cue.start(), cue.end(), obligor, obligor_start, also, floor)


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


def _embedded_duty(
    text: str, cue: re.Match[str]
) -> tuple[re.Match[str], int, tuple[str, int] | None] | None:
    """ "The Parties agree that … each of them … shall assist": the duty inside a declaration,
    when an actor bears it. Returns the inner cue, where its subject starts, and — when that
    subject is a pronoun ("declare that they will") — the outer subject as the obligor."""
    if not _EMBEDDING.search(cue.group(0)):
        return None
    floor = cue.end()
    for inner in _finditer(text, floor):
        if not _MODAL.match(inner.group(0)):
            continue
        start = _subject_start(text, inner.start(), floor)
        subject = _head(text[start : inner.start()].strip(" ,"))
        if _PRONOUN.match(subject) or (subject and _ACTOR.search(subject)):
            if subject.lower() in {"they", "it", "we"}:
                outer_start = _subject_start(text, cue.start())
                outer = _noun_phrase(text[outer_start : cue.start()].strip(" ,"))
                if outer:
                    return inner, start, (outer, text.find(outer, outer_start))
            return inner, start, None
    return None


def _is_effect(subject: str, text: str, cue: re.Match[str], modality: Modality) -> bool:
    """True for a statement of legal effect or procedure: "This Agreement shall enter into
    force", "Nothing in this Agreement shall be construed", "The provisions of paragraph 1
    shall not apply to…", "The mechanism may include…"."""
    if modality is _D:
        return False
    after = text[cue.end() :]
    if _DOCUMENT_HEAD.match(subject) or _ALWAYS_PROCEDURE.match(after):
        return True
    agent = _PASSIVE_AGENT.match(after)
    if _bears(subject) or (agent is not None and _ACTOR.search(agent.group("agent"))):
        return False
    if _EFFECT_VERBS.match(after) or _PROCEDURE_VERBS.match(after):
        return True
    return modality is _PE and bool(re.match(r"\s*include\b", after))  # "The fund may include…"
