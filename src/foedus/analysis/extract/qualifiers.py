"""Hedges, triggers and time in a clause: what softens the duty, what sets it off, by when.

Each finder returns spans as positions in the clause text; the caller maps them to document
offsets.
"""

from __future__ import annotations

import re
from functools import cache

from foedus.analysis.extract.scanner import BoundedPattern

__all__ = ["find_deadlines", "find_hedges", "find_trigger"]

Found = tuple[str, int, int]

_HEDGES = re.compile(
    r"\b(?:(?<!soon\s)(?<!early\s)(?<!quickly\s)(?<!promptly\s)(?:as|where|when|if)\s+(?:appropriate|necessary|needed|required|relevant|possible"
    r"|practicable|feasible|available)"
    r"|as\s+(?:deemed|considered|judged)\s+(?:necessary|appropriate|useful)"
    r"|ordinarily|whenever\s+(?:practicable|possible|feasible|necessary|appropriate)|if\s+warranted"
    r"|as\s+(?:it|they|the\s+\w+(?:\s+\w+)?)\s+(?:considers?|deems?|finds?)\s+(?:necessary|appropriate|useful)"
    r"|subject\s+to\s+(?:its|their)\s+(?:usual|normal|standard)\s+(?:criteria|procedures|terms)"
    r"|in\s+case\s+of\s+necessity"
    r"|as\s+may\s+be\s+(?:required|necessary|appropriate|needed)"
    r"|unless\s+otherwise\s+(?:agreed|decided|provided)(?:\s+by\s+[^,;.]{1,60}?(?=[,;.]|$))?"
    r"|subject\s+to\s+the\s+conditions(?:\s+and\s+modalities)?\s+applicable\s+in\s+[\w\s]{2,30}?"
    r"(?=[,;.]|$)"
    r"|where\s+(?:\w+\s+)?conditions\s+(?:so\s+)?(?:allow|permit)"
    r"|as\s+much\s+as\s+(?:it\s+is\s+)?(?:feasible|possible|practicable)"
    r"|if\s+(?:its|their)\s+(?:constitutional|legal|domestic)\s+(?:requirements|procedures)\s+"
    r"(?:so\s+)?(?:permit|allow)"
    r"|in\s+accordance\s+with\s+(?:applicable|relevant)\s+(?:national\s+|domestic\s+)?(?:law|laws"
    r"|legislation)"
    r"|subject\s+to\s+(?:its|their)\s+(?:national\s+|domestic\s+)?laws\s+and\s+regulations"
    r"|subject\s+to\s+(?:its|their)\s+available\s*resources"
    r"|to\s+the\s+(?:(?:maximum|fullest|greatest)\s+)?extent\s+(?:possible|practicable|feasible"
    r"|appropriate|permitted|permissible|allowed)(?:\s+(?:by|under)\s+(?:its|their|the)\s+[\w\s]{1,40}?"
    r"(?:law|laws|legislation|regulations))?"
    r"|as\s+far\s+as\s+(?:possible|practicable|feasible)"
    r"|(?:in\s+accordance|consistent(?:ly)?|in\s+conformity|in\s+line|in\s+compliance)\s+with\s+"
    r"(?:its|their|the\s+respective|respective|each\s+Party's|the)\s+(?:own\s+)?(?:national|domestic|"
    r"internal|applicable|respective)?\s*(?:legal\s+and\s+)?(?:laws?(?:\s+and\s+regulations)?"
    r"|legislation|legal\s+"
    r"(?:systems?|frameworks?|requirements)|constitutional\s+(?:procedures|requirements)|regulations"
    r"|procedures)"
    r"|subject\s+to\s+(?:the\s+)?(?:availability\s+of\s+(?:appropriated\s+)?funds|appropriations?"
    r"|appropriated\s+funds|budgetary\s+(?:approval|constraints)|(?:its|their)\s+(?:national|domestic)"
    r"\s+(?:laws?|legislation|procedures)|parliamentary\s+approval|available\s+(?:resources|funding)"
    r"|domestic\s+(?:legal\s+)?(?:requirements|procedures))"
    r"|within\s+(?:its|their)\s+(?:means|capabilities|capacities|available\s+resources)"
    r"|within\s+the\s+(?:scope|framework|limits)\s+of\s+(?:its|their)\s+(?:respective\s+)?(?:own\s+)?"
    r"(?:(?:national|domestic|internal)\s+)?(?:laws?(?:\s+and\s+regulations)?|legislation|competences?"
    r"|powers|capabilities|means|resources)"
    r"|unless\s+(?:the\s+|both\s+)?(?:Contracting\s+)?(?:Parties|Participants|Sides)\s+(?:otherwise\s+agree"
    r"|agree\s+otherwise)"
    r"|mutually\s+agreed"
    r"|within\s+(?:the\s+limits\s+of\s+)?available\s+(?:resources|funds|means)"
    r"|(?:as|where)\s+(?:mutually\s+)?agreed|(?:on|upon)\s+(?:mutually\s+agreed|a\s+case[-\s]by[-\s]case)"
    r"(?:\s+basis|\s+terms)?"
    r"|in\s+principle|where\s+(?:circumstances\s+)?(?:so\s+)?(?:permit|allow)s?"
    r"|if\s+(?:and\s+when\s+)?(?:circumstances|resources)\s+(?:so\s+)?(?:permit|allow)"
    r"|(?:as|when)\s+(?:conditions|circumstances)\s+(?:permit|allow))\b",
    re.IGNORECASE,
)
_TRIGGER_START = re.compile(
    r"\b(?:in\s+the\s+event\b|in\s+case\s+of|in\s+the\s+case\s+of|upon\s+(?:the\s+|a\s+)?request"
    r"|on\s+(?:the\s+)?request|at\s+the\s+(?:request|proposal|initiative)\s+of|if\b(?!\s+any\b\s*[,;.)])"
    r"|where\s+(?:a|an|either|any|one|the|such|it|they|exceptional|serious)\b|in\s+cases?\s+where\b"
    r"|(?:in|under)\s+(?:critical|emergency|urgent)\s+(?:circumstances|situations|cases)\b"
    r"|upon\s+receiving\b|upon\s+(?:the\s+)?(?:receipt\s+of\s+(?:a|the|such)\s+)?notification\b|,\s*should\s+[A-Z]"
    r"|when(?:ever)?\s+(?:a|an|either|any|one|the|such)\b|should\s+(?:the|a|an|either|any|[A-Z])"
    r"|following\s+(?:any|an?|such)\b|in\s+response\s+to"
    r"|(?:in|under)\s+(?:such|this|that)\s+(?:a\s+)?(?:case|cases|circumstances?|event|situation)\b"
    r"|(?:after|in\s+the\s+course\s+of)\s+(?:any\s+)?such\s+\w+"
    r"|provided\s+(?:that|all)\b|upon\s+(?:the\s+)?\w+(?:ion|al|ment)\s+of\b)",
    re.IGNORECASE,
)
_LEADING_AFTER = re.compile(r"^\s*after\s+(?:this|the|a|an|such)\b", re.IGNORECASE)
_TRIGGER_END = re.compile(r",|;|:|\.(?:\s|$)|\bthe\s+\w+\s+(?:shall|will|may)\b")
_DEADLINES = re.compile(
    r"\b(?:within\s+(?:a\s+period\s+of\s+)?(?:\d+|[a-z]+(?:-[a-z]+)?)(?:\s*\(\d+\))?\s+(?:hours?|days?"
    r"|weeks?|months?|years?)(?:\s+(?:of|after|from|following)\s+[^,;.]{3,60}?(?=[,;.]|$))?"
    r"|(?:no|not)\s+later\s+than\s+[^,;.]{3,50}?(?=[,;.]|$)"
    r"|by\s+(?:the\s+end\s+of\s+)?(?:(?:19|20)\d\d|\d{1,2}\s+[A-Z][a-z]+\s+(?:19|20)\d\d"
    r"|[A-Z][a-z]+\s+(?:19|20)\d\d)"
    r"|(?:for\s+(?:a\s+(?:further\s+)?period\s+of\s+)?|of\s+)(?:\d+|[a-z]+(?:-[a-z]+)?)(?:\s*\(\d+\))?"
    r"\s+years?(?=[\s,.;])"
    r"|(?:\d+|[a-z]+)(?:\s*\(\d+\))?\s+months?['’]?\s+(?:written\s+|prior\s+)?notice"
    r"|annually|each\s+year|every\s+(?:year|(?:\d+|[a-z]+)\s+years?)|yearly|biennially"
    r"|on\s+an?\s+(?:annual|regular|yearly|quarterly|monthly)\s+basis"
    r"|in\s+(?:19|20)\d\d(?:\s*[/–-]\s*(?:19|20)?\d\d)?|for\s+(?:19|20)\d\d(?:\s*[/–-]\s*(?:19|20)?\d\d)?"
    r"|(?:19|20)\d\d\s*[–-]\s*(?:19|20)\d\d"
    r"|without\s+(?:undue\s+)?delay|forthwith|immediately|promptly|as\s+soon\s+as\s+possible|swiftly"
    r"|indefinitely)\b",
    re.IGNORECASE,
)


@cache
def _bounded(pattern: re.Pattern[str]) -> BoundedPattern:
    """``pattern``, tried only where its first letters stand (several times faster for these
    long alternations; the deadline pattern, which can open with any digit, gains nothing)."""
    return BoundedPattern(pattern)


def find_hedges(text: str) -> list[Found]:
    """Qualifiers that soften or condition a duty ("as appropriate", "subject to …")."""
    return [(m.group(0), m.start(), m.end()) for m in _bounded(_HEDGES).finditer(text)]


def find_trigger(text: str, cue_start: int, main_start: int = 0) -> Found | None:
    """The condition or event that sets the duty off, if stated: searched before the cue
    (a leading condition, which runs to where the main clause begins) and then after it."""
    matches = list(_bounded(_TRIGGER_START).finditer(text))
    leading = _LEADING_AFTER.match(text)
    if leading is not None and 0 < main_start <= cue_start:
        phrase = text[leading.start() : main_start].strip(" ,")
        return phrase, text.find(phrase), text.find(phrase) + len(phrase)
    for match in matches:
        start = match.start()
        # "should" only counts as an inverted condition at the start of the clause
        if match.group(0).lower().startswith("should") and text[:start].strip():
            continue
        if match.group(0).lower() == "if" and _inside_hedge(text, start):
            continue
        if re.search(
            r"\b(?:save|except|unless|other\s+than)\s*$", text[max(0, start - 12) : start]
        ):
            continue  # "save where the Charter allows": an exception, not a trigger
        stop_at = cue_start if start < cue_start else len(text)
        if start < main_start <= cue_start and start == len(text) - len(text.lstrip()):
            end = main_start  # "Should Corvania, having renounced …, suffer aggression,"
        else:
            end_match = _TRIGGER_END.search(text, match.end(), stop_at)
            end = end_match.start() if end_match else stop_at
        phrase = text[start:end].rstrip(" ,")
        if len(phrase.split()) >= 2:
            return phrase, start, start + len(phrase)
    return None


def _inside_hedge(text: str, pos: int) -> bool:
    return any(start <= pos < end for _t, start, end in find_hedges(text))


def find_deadlines(text: str) -> list[Found]:
    """Time limits, periods and frequencies ("within 24 hours", "annually", "by 2030")."""
    return [(m.group(0), m.start(), m.end()) for m in _DEADLINES.finditer(text)]
