"""Paragraphs and points inside a provision: "1." "(1)" "1)" "5.1", then "(a)" "a)" "(i)".

Markers are accepted only where they continue a running sequence (the next number at some
open level) or open a new level with its first number, and not where a wrapped sentence
merely runs a reference onto a new line ("…referred to in paragraph\\n(b) of Article 3").
"(i)" after "(h)" is a letter; at the start of a nested list it is a Roman numeral.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from foedus.analysis.segment.lines import ends_with_reference_word, previous_line
from foedus.analysis.segment.numbering import alpha_value, roman_value
from foedus.analysis.segment.patterns import MARKER

__all__ = ["ListItem", "find_items"]

_DECIMAL_STYLES = frozenset({"1.", "1)", "(1)", "1.1"})
_CONTINUATION = re.compile(
    r"(?:of|and|or|to|above|below|hereof|thereof|herein|shall|is|are|was|were|in|on|at|as)\b"
)
_OPENERS = ":;.—–-"
_LIST_GROUPS = ("pnum", "dnum", "dsep", "plet", "clet", "dlet")
_GROUP_INDEX = tuple(MARKER.groupindex[name] for name in _LIST_GROUPS)
_LIST_INDEX = MARKER.groupindex["list"]
_REST_INDEX = MARKER.groupindex["lrest"]
_LINE_INDEX = MARKER.groupindex["line"]

Reading = tuple[str, int, str]  # (style, ordinal, prefix): ("(a)", 2, "") for "(b)"


@dataclass(slots=True)
class ListItem:
    """A paragraph or point found in a region, with its nested items."""

    kind: str
    num: str
    start: int
    body_start: int
    children: list[ListItem] = field(default_factory=list)


@dataclass(slots=True)
class _Level:
    style: str
    ordinal: int
    prefix: str
    items: list[ListItem]


def _readings_of(groups: tuple[str | None, ...]) -> tuple[Reading, ...]:
    """Possible readings of a marker from its regex groups (pnum, dnum, dsep, plet, clet, dlet)."""
    pnum, dnum, dsep, plet, clet, dlet = groups
    if pnum is not None:
        return (("(1)", int(pnum), ""),)
    if dnum is not None:
        if "." in dnum:
            head, _, last = dnum.rpartition(".")
            return (("1.1", int(last), head),)
        if dsep is None:
            return ()
        return (("1." if dsep == "." else "1)", int(dnum), ""),)
    for token, wrap in ((plet, "({})"), (clet, "{})"), (dlet, "{}.")):
        if token is None:
            continue
        readings: list[Reading] = []
        upper = token.isupper()
        letter = alpha_value(token)
        if letter is not None:
            readings.append((wrap.format("A" if upper else "a"), letter, ""))
        roman = roman_value(token) if wrap != "{}." else None
        if roman is not None:
            readings.append((wrap.format("I" if upper else "i"), roman, ""))
        return tuple(readings)
    return ()


_READINGS: dict[str, tuple[Reading, ...]] = {}


def _readings(match: re.Match[str]) -> tuple[Reading, ...]:
    marker = match.group(_LIST_INDEX)
    cached = _READINGS.get(marker)
    if cached is None:
        cached = _readings_of(tuple(match.group(i) for i in _GROUP_INDEX))
        if len(_READINGS) < 4096:
            _READINGS[marker] = cached
    return cached


def _blank_before(text: str, pos: int) -> bool:
    return pos <= 1 or text[pos - 2 : pos] == "\n\n"


def _breaks_sentence(text: str, start: int, body: int) -> bool:
    """True when the marker sits inside a sentence wrapped onto a new line."""
    head = text[body : body + 1]
    if head in {",", ")", "]"} or (head.islower() and _CONTINUATION.match(text, body)):
        return True
    if _blank_before(text, start):
        return False
    previous, blank = previous_line(text, start)
    return not blank and ends_with_reference_word(previous)


def _opens_list(text: str, pos: int, region_start: int) -> bool:
    """A first marker ("1.", "(a)") is believable at the region start, after an empty line,
    or after a line ending a clause."""
    if pos <= region_start or _blank_before(text, pos):
        return True
    previous, blank = previous_line(text, pos)
    if blank or not previous.strip():
        return True
    tail = previous.rstrip()
    return tail[-1] in _OPENERS or tail.endswith((" and", " or", " и", " та", " y", " et"))


def find_items(
    text: str, markers: list[re.Match[str]], region_start: int, top_kind: str
) -> list[ListItem]:
    """The paragraph/point tree of the region the ``markers`` lie in.

    ``top_kind`` names what a first-level decimal item is (``"paragraph"``).
    """
    roots: list[ListItem] = []
    stack: list[_Level] = []
    for match in markers:
        readings = _readings(match)
        if not readings:
            continue
        start = match.start(_LINE_INDEX)
        body = match.start(_REST_INDEX)
        while text[body : body + 1] in {" ", "\t"}:
            body += 1
        if _breaks_sentence(text, start, body):
            continue
        if _continue(stack, readings, match, start, body, top_kind):
            continue
        opening = next((r for r in readings if r[1] == 1), None)
        if opening is None or not _opens_list(text, start, region_start):
            continue
        style, _ordinal, prefix = opening
        same = next((d for d, lv in enumerate(stack) if lv.style == style), None)
        if same is not None:
            # the same style again: a second list, only after a new chapeau ("…as follows:")
            if not previous_line(text, start)[0].rstrip().endswith(":"):
                continue
            del stack[same:]
        item = _item(match, start, body, style, len(stack), top_kind)
        if stack:
            parent = stack[-1].items[-1]
            parent.children.append(item)
            stack.append(_Level(style, 1, prefix, parent.children))
        else:
            roots.append(item)
            stack.append(_Level(style, 1, prefix, roots))
    return roots


def _continue(
    stack: list[_Level],
    readings: tuple[Reading, ...],
    match: re.Match[str],
    start: int,
    body: int,
    top_kind: str,
) -> bool:
    """Place the marker as the next item of an open level, deepest first; False if none fits."""
    for depth in range(len(stack) - 1, -1, -1):
        level = stack[depth]
        for style, ordinal, prefix in readings:
            if ordinal == level.ordinal + 1 and style == level.style and prefix == level.prefix:
                del stack[depth + 1 :]
                level.ordinal = ordinal
                level.items.append(_item(match, start, body, style, depth, top_kind))
                return True
    return False


def _item(
    match: re.Match[str], start: int, body: int, style: str, depth: int, top_kind: str
) -> ListItem:
    kind = top_kind if depth == 0 and style in _DECIMAL_STYLES else "point"
    return ListItem(kind, match.group(_LIST_INDEX), start, body)
