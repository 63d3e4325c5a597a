"""Paragraphs and points inside a provision: "1." "(1)" "1)" "5.1", then "(a)" "a)" "(i)".

Markers are accepted only where they continue a running sequence (the next number at some
open level) or open a new level with its first number, and not where a wrapped sentence
merely runs a reference onto a new line ("…referred to in paragraph\\n(b) of Article 3").
"(i)" after "(h)" is a letter; at the start of a nested list it is a Roman numeral.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from foedus.analysis.segment.lines import ends_with_reference_word, previous_line
from foedus.analysis.segment.numbering import alpha_value, roman_value
from foedus.analysis.segment.patterns import MARKER
from foedus.domain.provision import Provision, ProvisionKind

__all__ = ["build_items", "eid_num"]

_DECIMAL_STYLES = frozenset({"1.", "1)", "(1)", "1.1"})
_CONTINUATION = re.compile(
    r"(?:of|and|or|to|above|below|hereof|thereof|herein|shall|is|are|was|were|in|on|at|as)\b"
)
_OPENERS = ":;.—–-"
_CLOSERS = frozenset({",", ")", "]"})
_LIST_GROUPS = ("pnum", "dnum", "dsep", "plet", "clet", "dlet")
_GROUP_INDEX = tuple(MARKER.groupindex[name] for name in _LIST_GROUPS)
_LIST_INDEX = MARKER.groupindex["list"]
_LINE_INDEX = MARKER.groupindex["line"]

Reading = tuple[str, int, str]  # (style, ordinal, prefix): ("(a)", 2, "") for "(b)"


_UNSAFE = re.compile(r"[^\w.\-]+")
_CLEAN: dict[str, str] = {}
_PARAGRAPH, _POINT = ProvisionKind.PARAGRAPH, ProvisionKind.POINT


def eid_num(num: str | None, ordinal: int) -> str:
    """A printed number as it appears in an eId: "(a)" → "a", "1." → "1", "26 bis" → "26-bis"."""
    if not num:
        return str(ordinal)
    cleaned = _CLEAN.get(num)
    if cleaned is None:
        cleaned = _UNSAFE.sub("-", num.strip().strip("()[].:")).strip("-.")
        if len(_CLEAN) < 4096:
            _CLEAN[num] = cleaned
    return cleaned or str(ordinal)


@dataclass(slots=True)
class _Level:
    """An open list: its numbering style, last ordinal, the items so far and their parent."""

    style: str
    ordinal: int
    prefix: str
    items: list[Provision]
    parent: Provision | None
    kind: ProvisionKind
    eid_head: str  # eId of the items up to their number: "art_5__para_", "art_5__para_2__point_"


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
    """The readings of a marker, memoised by its text ("(a)", "1.")."""
    marker = match.group(_LIST_INDEX)
    cached = _READINGS.get(marker)
    if cached is None:
        cached = _readings_of(tuple(match.group(i) for i in _GROUP_INDEX))
        if len(_READINGS) < 4096:
            _READINGS[marker] = cached
    return cached


def _after_reference(text: str, start: int) -> bool:
    """True when the line before ends mid-reference ("…referred to in paragraph")."""
    previous, blank = previous_line(text, start)
    return not blank and ends_with_reference_word(previous)


def _opening(readings: tuple[Reading, ...]) -> Reading | None:
    """The reading that opens a list (its first number), if any."""
    for reading in readings:
        if reading[1] == 1:
            return reading
    return None


def _opens_list(text: str, pos: int, region_start: int) -> bool:
    """A first marker ("1.", "(a)") is believable at the region start, after an empty line,
    or after a line ending a clause."""
    if pos <= region_start or pos <= 1 or text[pos - 2 : pos] == "\n\n":
        return True
    previous, blank = previous_line(text, pos)
    if blank or not previous.strip():
        return True
    tail = previous.rstrip()
    return tail[-1] in _OPENERS or tail.endswith((" and", " or", " и", " та", " y", " et"))


def build_items(
    text: str,
    markers: list[re.Match[str]],
    region_start: int,
    region_end: int,
    parent_eid: str,
) -> tuple[Provision, ...]:
    """The paragraph/point provisions of the region ``[region_start, region_end)`` that the
    ``markers`` lie in, nested, with ends and eIds (``{parent_eid}__para_1__point_a``).

    A first-level decimal item is a paragraph; everything else is a point. This loop runs for
    every paragraph of every treaty read, so it is written for speed.
    """
    roots: list[Provision] = []
    stack: list[_Level] = []
    used: set[str] = set()
    cache = _READINGS
    root_base = f"{parent_eid}__" if parent_eid else ""
    for match in markers:
        marker = match[_LIST_INDEX]
        readings = cache.get(marker)
        if readings is None:
            readings = _readings(match)
        if not readings:
            continue
        start = match.start(_LINE_INDEX)
        body = match.end()  # the item's text starts after its marker and the blanks after it
        head = text[body : body + 1]
        if head in _CLOSERS or (head.islower() and _CONTINUATION.match(text, body)):
            continue  # "(b) of Article 3", "1., …": a wrapped sentence, not an item
        # (the marker line follows a newline; an empty line or a clause end before it rules
        # out a reference running on, without looking at that line)
        if start > 1 and text[start - 2] not in "\n.:;" and _after_reference(text, start):
            continue
        depth = -1
        if stack:
            # the usual case first: the next item of the innermost open list
            level = stack[-1]
            style, ordinal, prefix = readings[0]
            if ordinal == level.ordinal + 1 and style == level.style and prefix == level.prefix:
                level.ordinal = ordinal
                items = level.items
                items[-1].end = start
                eid = level.eid_head + (_CLEAN.get(marker) or eid_num(marker, 1))
                if eid in used:
                    eid = _unique(eid, used)
                used.add(eid)
                items.append(Provision(eid, level.kind, marker, None, start, -1, body, (), text))
                continue
            depth, style, ordinal = _continuing(stack, readings)
        if depth >= 0:
            _close(stack, depth + 1, start)
            level = stack[depth]
            level.ordinal = ordinal
            level.items[-1].end = start
        else:
            opening = _opening(readings)
            if opening is None or not _opens_list(text, start, region_start):
                continue
            style, _ordinal, prefix = opening
            same = -1
            for index, open_level in enumerate(stack):
                if open_level.style == style:
                    same = index
                    break
            if same >= 0:
                # the same style again: a second list, only after a new chapeau ("…as follows:")
                if not previous_line(text, start)[0].rstrip().endswith(":"):
                    continue
                _close(stack, same, start)
            parent = stack[-1].items[-1] if stack else None
            kind = _PARAGRAPH if parent is None and style in _DECIMAL_STYLES else _POINT
            base = f"{parent.eid}__" if parent is not None else root_base
            head = base + ("para_" if kind is _PARAGRAPH else "point_")
            level = _Level(style, 1, prefix, roots if parent is None else [], parent, kind, head)
            stack.append(level)
        eid = level.eid_head + (_CLEAN.get(marker) or eid_num(marker, 1))
        if eid in used:
            eid = _unique(eid, used)
        used.add(eid)
        level.items.append(Provision(eid, level.kind, marker, None, start, -1, body, (), text))
    _close(stack, 0, region_end)
    return tuple(roots)


def _close(stack: list[_Level], depth: int, end: int) -> None:
    """Close the open lists from ``depth`` down: their last items end at ``end``, and each
    list becomes its parent's children."""
    while len(stack) > depth:
        level = stack.pop()
        level.items[-1].end = end
        if level.parent is not None:
            level.parent.children = (*level.parent.children, *level.items)


def _unique(eid: str, used: set[str]) -> str:
    suffix = 2
    while f"{eid}_{suffix}" in used:
        suffix += 1
    return f"{eid}_{suffix}"


def _continuing(stack: list[_Level], readings: tuple[Reading, ...]) -> tuple[int, str, int]:
    """The open level (deepest first) the marker continues: (depth, style, ordinal), or
    depth -1 when none does."""
    for depth in range(len(stack) - 1, -1, -1):
        level = stack[depth]
        for style, ordinal, prefix in readings:
            if ordinal == level.ordinal + 1 and style == level.style and prefix == level.prefix:
                return depth, style, ordinal
    return -1, "", 0
