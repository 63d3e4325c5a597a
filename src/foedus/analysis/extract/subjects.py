"""Who bears a clause's force: the subject before its modal cue, the agent of a passive, and
whether either names someone who can bear a duty (a party, a body, an official, a name).

Used by :mod:`.modality`; the functions take the clause text and offsets within it.
"""

from __future__ import annotations

import re

__all__ = [
    "ACTOR",
    "PASSIVE",
    "PASSIVE_AGENT",
    "acts",
    "bears",
    "find_obligor",
    "head_phrase",
    "noun_phrase",
    "opens_subject",
    "subject_start",
]

PASSIVE_AGENT = re.compile(
    r"\s*(?:also\s+|not\s+)?be\s+(?:(?:further|\w+ly)\s+)?(?:\w+ed|held|taken|made|given|done|set|kept|paid|borne|sought"
    r"|undertaken|drawn|met|led|run|chosen|written|sent|brought)\b[^.;:]*?\bby\s+"
    r"(?P<agent>[^,;.:()]{2,80}?)(?=\s+(?:for|in|on|at|with|within|to|under|upon|from|after|before"
    r"|during|through|without|not\s+later|no\s+later)\b|\s+and\s+(?:shall|may|will|if|when|where|unless"
    r"|upon|after|subject|\w+ed\s+by)\b|\s+(?:authori[sz]ed|designated|established|appointed)\s"
    r"|\s+(?:which|who|that)\b"
    r"|[,;.:(]|$)"
)


def head_phrase(subject: str) -> str:
    """The noun phrase of a subject without a parenthetical after it: "each of them, in
    exercise of the right of self-defence" → "each of them"."""
    first, _, rest = subject.partition(",")
    words = rest.split(maxsplit=1)
    if words and (words[0].lower() in _NOT_SUBJECT_START or words[0].lower().endswith("ing")):
        return first.strip()  # "The Conference of the Parties, taking into account …"
    return subject


def opens_subject(segment: str) -> bool:
    """Whether a comma-separated segment can be the subject: "each of them", "The Parties",
    "senior officials of the Parties" — not "in exercise of …", "taking into account …",
    "whether acting individually …"."""
    words = segment.split()
    if not words:
        return False
    first = words[0].lower()
    if first in {"that", "this", "these", "those"}:
        return len(words) > 1 and words[1][:1].isupper()  # "that Party"
    if first in _NOT_SUBJECT_START:
        return False
    if first.endswith("ing"):
        # "Contracting Parties", "the requesting Party" — not "taking into account"
        return len(words) > 1 and bool(_ACTOR_NOUN.fullmatch(words[1].strip(",;:")))
    if words[0][:1].islower() and first not in _DETERMINERS and first not in _PRONOUNS:
        return bool(ACTOR.search(segment))
    return True


def subject_start(text: str, cue_start: int, floor: int = 0) -> int:
    """Where the subject of the predicate at ``cue_start`` starts: the last comma-separated
    segment before it that can open a noun phrase, not before ``floor``."""
    head = text[floor:cue_start]
    comma = head.rfind(",")
    while comma >= 0:
        if opens_subject(head[comma + 1 :].strip()):
            return floor + comma + 1 + (len(head[comma + 1 :]) - len(head[comma + 1 :].lstrip()))
        comma = head.rfind(",", 0, comma)
    return floor + len(head) - len(head.lstrip())


PASSIVE = re.compile(
    r"\s*(?:also\s+|not\s+)?be\s+(?:\w+ed|\w+en|held|made|set|kept|met|led|run|paid)\b"
)
_ACTOR_WORDS = (
    r"\b(?:part(?:y|ies)|participants?|sides?|states?|governments?|committee|council|secretariat"
    r"|conference|commission|board|bod(?:y|ies)|officials|ministers?|representatives?|authorit"
    r"(?:y|ies)|agenc(?:y|ies)|tribunal|court|panel|group|depositary|coordinators?|experts?|members?"
    r"|delegations?|institutions?|offices?|secretary-general|organi[sz]ations?|chair(?:man|person)?"
    r"|president|director(?:-general)?|secretary|officers?|inspectors?|proponents?"
    r"|applicants?|investors?|operators?|exporters?|importers?|producers?|carriers?)\b"
)
_NAME_PATTERN = r"^(?:the\s+)?[A-Z][\w\-]*(?:\s+(?:of\s+|the\s+|and\s+)*[A-Z][\w\-]*)*$"
ACTOR = re.compile(rf"{_ACTOR_WORDS}|(?-i:{_NAME_PATTERN})", re.IGNORECASE)
_ACTOR_NOUN = re.compile(_ACTOR_WORDS, re.IGNORECASE)
_NAME = re.compile(_NAME_PATTERN)  # a name as a whole subject: "Ukraine", "the United States"
_NOT_SUBJECT_START = frozenset(
    "at in on by for with under upon within after before if where when whenever as to from "
    "through during following pursuant subject and or but which that who unless including "
    "inter alia whether although while".split()
)
_DETERMINERS = frozenset("each either neither both all any the a an its their such no".split())
_PRONOUNS = frozenset("it they we he she".split())
# a list marker ("(a)", "iv.", "I.") or a footnote number ("1 Non-WTO members") before a subject
_MARKER = re.compile(
    r"^(?:\(?(?:[a-z]{1,2}|[ivxlc]{1,5}|[IVXLC]{1,5}|\d{1,3})[.)](?:\s+|$)|\d{1,3}\s+(?=[A-Z]))"
)
_LEAD_PREPOSITIONS = frozenset(
    "in on for at with under upon after before during through from by within pursuant".split()
)


def noun_phrase(subject: str) -> str:
    """The subject without what precedes it on the same footing: a list marker ("(a) The
    Parties"), a label before a colon ("For purposes of paragraph 1(c): the customs
    authority"), a leading prepositional phrase ("In such cases the Contracting Party"), or an
    article title glued to the first sentence ("Obligation to settle disputes … means Parties")."""
    subject = _LEAD_ADVERBIAL.sub("", _MARKER.sub("", subject))
    subject = _without_trailing_adverbs(subject)  # "The Parties hereby"
    subject = _HEREINAFTER.sub("", subject).strip()
    functions = _FUNCTIONS_OF.match(subject)
    if functions is not None:
        subject = functions.group(1)  # "The functions of the Liaison Office shall be: …"
    if ":" in subject:
        subject = subject.rsplit(":", 1)[1].strip()
    words = subject.split()
    if words and words[0].lower() in _LEAD_PREPOSITIONS:
        # "In such cases the Contracting Party", "In accordance with the provisions of Article 5
        # the Parties": the first phrase opened by a determiner that names a bearer, else the
        # first phrase opened by a determiner
        starts = [
            index
            for index in range(2, len(words))
            if words[index].lower() in _DETERMINERS
            and words[index - 1].lower() not in {"of", "to", "and", "or"}
        ]
        chosen = next(
            (i for i in starts if bears(" ".join(words[i:]))), starts[0] if starts else None
        )
        if chosen is not None:
            words = words[chosen:]
            subject = " ".join(words)
    if len(words) >= 4:
        opens_plainly = words[0].lower() not in _DETERMINERS
        for index in range(2, len(words)):
            word, before = words[index], words[index - 1]
            if before.lower() in _FUNCTION_WORDS or before.endswith(","):
                continue
            # "Prevention of disputes Parties", "… in relation to the third countries
            # Contracting Parties": a title or a phrase without its comma before the subject
            glued = (
                opens_plainly
                and index >= 3
                and (before[:1].islower() or before.lower() in _DOCUMENT_NAMES)
            )
            if glued and (word.lower() in _DETERMINERS or word in _COLLECTIVE_HEADS):
                return " ".join(words[index:])
            # "… and the Republic of Upper Volta both Contracting Parties"
            if word.lower() in _QUANTIFIERS and index < len(words) - 1 and before[:1].isupper():
                return " ".join(words[index:])
    return _SUBJECT_HEDGE.split(subject, 1)[0]


# Where the head of a subject ends: "The date of establishment of the Arbitral Tribunal" is a
# date, not a tribunal; "The mutual assistance between … authorities" is assistance.
_SUBJECT_HEAD = re.compile(
    # (?<!\s): tried once per run of blanks, not once per blank (a run of 20,000 blanks)
    r"(?<!\s)\s+(?:of|between|among|in|for|under|on|at|with|from|to|by|concerning|regarding|referred)\s",
    re.IGNORECASE,
)
_AGENT_MANNER = re.compile(
    r"(?:(?:mutual|common|joint)\s+)?(?:agreement|accord|consent|decision|consensus|consultations?"
    r"|negotiations?)\s+"
    r"(?:by|of|between|among)\s+(?=\S)",
    re.IGNORECASE,
)
_PRONOUN_WORDS = frozenset("it this that these those".split())
_TRAILING_ADVERBS = frozenset(
    "hereby herewith also further jointly therefore accordingly have has had".split()
)
_POSTMODIFIERS = _TRAILING_ADVERBS | frozenset(
    "concerned involved affected themselves itself alone each both shall will may must".split()
)
_POSSESSOR = re.compile(r"^.*\b\w+['’]s?\s+(?=\w)")
_BY_AGENT = re.compile(r"\b\w+(?:ed|en)\s+by\s+(?P<agent>.+)", re.IGNORECASE)


def _is_name(subject: str) -> bool:
    """ "Ukraine", "the United States", "Honduras" — not a pronoun or a part of the text
    ("It", "This Article", "Annex III")."""
    if _NAME.match(subject) is None:
        return False
    words = subject.lower().split()
    demonstrative = len(words) > 1 and words[0] in {"the", "this", "that", "these", "those"}
    first = words[1] if demonstrative else words[0]
    if _abstract(subject):
        return False  # a capitalised first word, not a name: "Cooperation may cover…"
    # "It shall be open…": the Agreement; "Annex III shall be amended": a document
    return subject.lower() not in _PRONOUN_WORDS and first not in _DOCUMENT_NAMES


# endings of abstract nouns, which no state or organisation is called by
_ABSTRACT_ENDINGS = ("tion", "sion", "ance", "ence", "ity", "ment", "ness", "ship")


def _abstract(subject: str) -> bool:
    """A one-word subject that is an abstract noun ("Priority", "Cooperation")."""
    words = subject.split()
    return len(words) == 1 and words[0].lower().endswith(_ABSTRACT_ENDINGS)


_DOCUMENT_NAMES = frozenset(
    "agreement annex annexes article articles chapter part protocol convention treaty section "
    "schedule appendix paragraph".split()
)
_PARSED_WORDS = 10  # up to this length the head of a subject is read; beyond, any actor counts


def _opens_modifier(word: str) -> bool:
    """ "A Party making an objection", "The Member State which requested …", "the Party
    concerned": what follows the actor describes it."""
    lowered = word.lower()
    return lowered in {"which", "who", "that", "whose"} or lowered.endswith(("ing", "ed"))


def _trails(word: str) -> bool:
    """A word that may follow the head noun of a subject without being its head: "hereby",
    "concerned", "(JC)"."""
    return word.lower() in _POSTMODIFIERS or word.startswith("(") or word.endswith(")")


def bears(subject: str, *, long_leads: bool = True) -> bool:
    """Whether a subject names someone who can bear a duty: the head of its noun phrase is an
    actor ("senior officials of the Parties", not "The date of establishment of the Arbitral
    Tribunal"), the whole is a name ("Ukraine"), or an agent is named inside it ("The measures
    taken by Macedonia"). ``long_leads``: a long subject with an actor anywhere in it bears
    (it is often a leading phrase run into the subject)."""
    subject = subject.strip()
    # a long subject is often a leading phrase without its comma run into the subject ("With
    # a view to … the member States"): any actor in it counts
    if long_leads and len(subject.split()) > _PARSED_WORDS and _ACTOR_NOUN.search(subject):
        return True
    # the head noun: the last word before any "of …", past a possessor and a trailing
    # participle ("A Party's rate": a rate; "The panel proceedings": proceedings; "Each Party
    # concerned": a Party)
    words = _POSSESSOR.sub("", _SUBJECT_HEAD.split(subject, 1)[0]).split()
    for index in range(len(words) - 1, -1, -1):
        if _ACTOR_NOUN.fullmatch(words[index].strip("(),;:")):
            # an actor, unless a noun it modifies follows ("The panel proceedings")
            rest = words[index + 1 :]
            if all(_trails(word) for word in rest):  # nothing, or "hereby", "(JC)"
                return True
            if any(w.lower() in {"and", "or"} for w in rest) or _opens_modifier(rest[0]):
                return True
            break
    if _is_name(subject):
        return True
    agent = _BY_AGENT.search(subject)
    return agent is not None and bool(ACTOR.search(agent.group("agent")))


# a linking phrase before the subject without its comma: "To this end they resolve to…"
_LEAD_ADVERBIAL = re.compile(
    r"^(?:to\s+(?:this|that)\s+end|for\s+this\s+purpose|in\s+this\s+(?:regard|respect)|accordingly"
    r"|therefore|furthermore|moreover|in\s+addition|consequently)\s+(?=\S)",
    re.IGNORECASE,
)
_HEREINAFTER = re.compile(r"(?<!\s)\s*\((?:hereinafter|hereafter)[^)]*\)")


def _without_trailing_adverbs(subject: str) -> str:
    words = subject.split()
    while len(words) > 1 and words[-1].lower() in _TRAILING_ADVERBS:
        words.pop()
    return " ".join(words) if len(words) < len(subject.split()) else subject


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
    r"(?<!\s)\s+(?=(?:within\s+the\s+(?:scope|framework|limits)\s+of|in\s+accordance\s+with|subject\s+to"
    r"|pursuant\s+to|in\s+conformity\s+with|consistent\s+with|as\s+appropriate|where\s+appropriate"
    r"|to\s+the\s+extent)\b)",
    re.IGNORECASE,
)
_FUNCTION_WORDS = frozenset(
    "of the and or to for in on at by with from a an its their each either any such that "
    "which who under between among against into upon within".split()
)


# an agreement named as the agent of a passive is no actor: "shall be defined by the WTO
# Agreement on Technical Barriers to Trade"
_DOCUMENT_AGENT = re.compile(
    r"^(?:[Tt]he\s+|[Tt]his\s+|[Tt]hat\s+)?(?:[A-Z][\w-]*\s+){0,4}(?:Agreement|Convention|Treaty"
    r"|Protocol|Annex|Charter|Covenant)\b"
)


def acts(agent: str) -> bool:
    """Whether the agent of a passive ("by the Parties") names someone who acts."""
    return bool(ACTOR.search(agent)) and _DOCUMENT_AGENT.match(agent.strip()) is None


def find_obligor(text: str, cue: re.Match[str], subject_start: int) -> tuple[str | None, int]:
    # without a parenthetical between subject and cue: "The United States will, in coordination…"
    subject = noun_phrase(head_phrase(text[subject_start : cue.start()].strip(" ,")))
    agent = PASSIVE_AGENT.match(text, cue.end())
    if agent is not None and acts(agent.group("agent")):
        # "decided by mutual agreement by the Parties": the manner goes, the agent stays
        manner = _AGENT_MANNER.match(agent.group("agent"))
        skip = manner.end() if manner else 0
        return agent.group("agent")[skip:].strip(), agent.start("agent") + skip
    if PASSIVE.match(text, cue.end()) and (_abstract(subject) or not ACTOR.search(subject)):
        return None, subject_start  # "The consultations … shall be held": no bearer named
    if len(subject.split()) > 14:
        # "a disputing investor that has submitted a claim … under Article 10.17": the
        # bearer is the noun phrase before its relative clause
        before_clause = re.split(r",?\s+(?:that|which|who)\s", subject, maxsplit=1)[0]
        if len(before_clause.split()) <= 8 and bears(before_clause):
            subject = before_clause
    if not subject or len(subject.split()) > 14:
        return None, subject_start
    first = subject.split()[0].lower()
    lower_start = subject[0].islower() and first not in _DETERMINERS and first not in _PRONOUNS
    if lower_start and not ACTOR.search(subject):
        return None, subject_start
    return subject, max(subject_start, text.find(subject, subject_start))
