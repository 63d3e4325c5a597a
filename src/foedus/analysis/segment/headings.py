"""Headings: which lines open a part, chapter, section, article or annex.

Every line that starts with a keyword and a number is a candidate. Each candidate gets a score
from its own shape and its neighbours (an empty line before it, a title after it, a sentence
running into it), and the article and chapter candidates are then chosen as the best-scoring
*sequence* of numbers (dynamic programming over the candidates), so "Article 5" in a wrapped
cross-reference loses to the real Article 5 and a stray "Article 2.3" between Articles 11 and
12 is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from foedus.analysis.segment.lines import (
    after_blank_lines,
    ends_with_reference_word,
    heading_like,
    line_end,
    next_line,
    previous_line,
)
from foedus.analysis.segment.numbering import NumberKey, is_first, number_key, successor_score
from foedus.analysis.segment.patterns import (
    MARKER,
    SENTENCE_VERB,
    STRUCT_KINDS,
    TOC_TAIL,
    starts_with_marker,
)

__all__ = ["Heading", "heading_from_marker", "numbered_heading", "select_sequence"]

_SEPARATORS = ".:-–—)"
_LINE, _ART, _ANUM, _AREST, _STRUCT, _SNUM, _SREST, _DNUM, _DSEP = (
    MARKER.groupindex[name]
    for name in ("line", "art", "anum", "arest", "struct", "snum", "srest", "dnum", "dsep")
)
_LOWER_HEADING_START = re.compile(r"(?:on|to|of|concerning|relating|regarding|referred)\b")


@dataclass(slots=True)
class Heading:
    """A candidate heading line and, once chosen, a node of the tree."""

    kind: str
    num: str | None
    key: NumberKey | None
    start: int
    heading: str | None
    body_start: int
    score: float


_CONNECTORS = frozenset(
    ("a an and as at by for from in into of on or the to with between against").split()
)


def _ends_title(text: str, start: int, tail: str) -> bool:
    """Whether ``tail`` (at ``start``) can be the second line of a wrapped title: short, no
    clause punctuation or verb, and followed by an empty line or a provision marker."""
    if len(tail.split()) > 14 or any(c in tail for c in ",;:.") or SENTENCE_VERB.search(tail):
        return False
    after, _a_start, a_blank = next_line(text, start)
    return not after or a_blank or starts_with_marker(after)


def _heading_after(text: str, pos: int, line: str, start: int) -> tuple[str | None, int]:
    """A title on the line after ``pos`` ("Article 5" / "Consultations"), and where the body
    starts; ``line`` is that next non-empty line and ``start`` its offset. A line counts as
    a title only if it is shaped like one and is not the first line of a wrapped sentence;
    a title may wrap once ("Relationship between this Agreement and" / "other instruments")."""
    if not line or not heading_like(line) or starts_with_marker(line):
        return None, after_blank_lines(text, line_end(text, pos))
    following, f_start, f_blank = next_line(text, start)
    if following and not f_blank and following.lstrip()[:1].islower():
        last = line.rsplit(None, 1)[-1].lower()
        tail = following.strip()
        if last in _CONNECTORS and _ends_title(text, f_start, tail):
            return f"{line.strip()} {tail}", after_blank_lines(text, f_start + len(following))
        return None, start  # "The objectives of this Agreement are" / "to: …"
    return line.strip(), after_blank_lines(text, start + len(line))


def _toc_entry(text: str, start: int, stop: int) -> bool:
    """Whether the line ``text[start:stop]`` ends like a table-of-contents entry. The regex
    runs only on a line holding one of the leaders it needs ("...", "…", ". . ", a tab, three
    spaces): most lines ending in a digit are a bare "Article 5"."""
    line = text[start:stop]
    if "..." in line or "…" in line or ". . " in line or "\t" in line or "   " in line:
        return TOC_TAIL.search(text, start, stop) is not None
    return False


def heading_from_marker(
    text: str, match: re.Match[str], is_article: bool, hinted: bool
) -> Heading | None:
    """Judge one keyword line; None when it is plainly a cross-reference."""
    start = match.start(_LINE)
    if is_article:
        word, num, rest = match.group(_ART, _ANUM, _AREST)
        kind = "article"
        if num is None:
            return None
    else:
        word, num, rest = match.group(_STRUCT, _SNUM, _SREST)
        kind = STRUCT_KINDS[word.lower()]
        if num is None and kind != "annex":
            return None
    line_stop = match.end()  # the rest of the line is captured up to its end
    rest_offset = line_stop - len(rest)
    stripped = rest.lstrip()
    separated = False
    if stripped[:1] and stripped[0] in _SEPARATORS:
        separated = True
        stripped = stripped.lstrip(_SEPARATORS + " \t")
    score = 2.0 if is_article else 1.5
    first = stripped[:1]
    if first and (first in ",;([/&+" or first.isdigit()):
        return None  # "Article 5(2)", "Article 5, paragraph 1", "Article 2 1"
    if first.islower():
        if not (separated or (kind == "annex" and _LOWER_HEADING_START.match(stripped))):
            return None  # "Article 5 of this Agreement"
        if SENTENCE_VERB.search(stripped) or len(stripped.split()) > 12:
            return None
        score -= 1.0
    if num is None:
        titled = bool(stripped) and stripped.isupper() and heading_like(stripped)
        if not titled and not (stripped == "" and word.isupper()):
            return None  # a bare "Annex" or "Protocol" opening a sentence
    if text[line_stop - 1 : line_stop].isdigit() and _toc_entry(text, start, line_stop):
        return None  # an entry of a table of contents: "Article 5 Consultations ..... 12"
    key = number_key(num) if num is not None else None
    heading: str | None
    if stripped:
        if heading_like(stripped) or (separated and not SENTENCE_VERB.search(stripped)):
            heading = stripped.strip()
            body_start = after_blank_lines(text, line_stop)
        else:
            heading = None  # the body begins on the heading line itself
            body_start = rest_offset + (len(rest) - len(rest.lstrip()))
            score -= 0.5
    else:
        following, following_start, blank = next_line(text, start)
        heading, body_start = _heading_after(text, start, following, following_start)
        if heading is not None and heading[-1:].isdigit() and TOC_TAIL.search(heading):
            return None
        if following and not blank and following.lstrip()[:1].islower():
            score -= 3.0  # "…in accordance with\nArticle 5\nof the Convention"
    blank_before = start <= 1 or text[start - 2 : start] == "\n\n"
    previous = "" if blank_before else previous_line(text, start)[0]
    if not blank_before and previous.strip():
        if ends_with_reference_word(previous):
            score -= 3.0
        elif previous.rstrip()[-1:].islower() and not heading_like(previous):
            score -= 1.5
    else:
        score += 1.0
    if word.isupper():
        score += 0.5
    if heading is not None:
        score += 0.5
    if hinted:
        score += 2.0
    return Heading(kind, num, key, start, heading, body_start, score)


_SMALL_WORDS = frozenset(("a an and as at by for from in into of on or the to with").split())


def _words_allowed(line: str) -> int:
    """How long a keyword-less heading may be: short, unless it is in Title Case."""
    words = [w for w in line.split() if w.lower() not in _SMALL_WORDS]
    capitalised = sum(1 for w in words if w[:1].isupper() or (w[:1] == "(" and w[1:2].isupper()))
    return 18 if words and capitalised / len(words) >= 0.75 else 10


def numbered_heading(text: str, match: re.Match[str]) -> Heading | None:
    """A heading numbered without a keyword ("5. Consultations", or "5." alone on its line),
    or None."""
    num, sep = match.group(_DNUM, _DSEP)
    if num is None or "." in num or sep == ")":
        return None
    start = match.start(_LINE)
    rest = text[match.end() : line_end(text, match.end())].strip()
    if rest and (
        not heading_like(rest) or rest[-1] in ".:" or len(rest.split()) > _words_allowed(rest)
    ):
        return None
    if not rest and sep != ".":
        return None
    following, _pos, blank = next_line(text, start)
    if not following or not (blank or starts_with_marker(following)):
        return None  # without a keyword, a heading must stand apart from what follows
    blank_before = start <= 1 or text[start - 2 : start] == "\n\n"
    score = (2.0 if rest else 1.5) + (1.0 if blank_before else 0.0)
    body = after_blank_lines(text, line_end(text, start))
    return Heading("article", num, number_key(num), start, rest or None, body, score)


def _restart_cost(boundaries: list[int], before: int, after: int) -> float:
    """Cost of a numbering restart between two positions: cheap across an annex or protocol
    heading (attachments number their articles afresh), dearer without one."""
    for boundary in boundaries:
        if before < boundary < after:
            return -0.5
    return -1.5


def _clean_run(candidates: list[Heading], keys: list[NumberKey | None]) -> bool:
    """True when the candidates already are one confident, gapless sequence from its start:
    the chain the search below would choose, found without it."""
    first = keys[0]
    if first is None or not is_first(first) or candidates[0].score <= 0:
        return False
    previous = first
    for index in range(1, len(keys)):
        key = keys[index]
        if key is None or candidates[index].score <= 0:
            return False
        plain_next = len(key) == len(previous) == 2 and key[0] == previous[0] + 1 and key[1] == 0
        if not plain_next and successor_score(previous, key) < 1.0:  # 1.3 → 2.1, 26 → 26 bis
            return False
        previous = key
    return True


def select_sequence(
    candidates: list[Heading], boundaries: list[int], window: int = 8
) -> list[Heading]:
    """The best-scoring chain of candidates under the numbering order.

    ``boundaries`` are positions of attachment headings, where a restart at 1 is normal.
    Each candidate looks back at most ``window`` candidates for its predecessor.
    """
    if not candidates:
        return []
    keys = [cand.key for cand in candidates]
    if _clean_run(candidates, keys):
        return list(candidates)
    count = len(candidates)
    best: list[float] = [0.0] * count
    back: list[int] = [-1] * count
    # Most numbers are plain ("5" → (5, 0)), and between two plain numbers the step depends
    # only on their difference: computed once per difference, then looked up.
    plain = [key[0] if key is not None and len(key) == 2 and key[1] == 0 else None for key in keys]
    plain_steps: dict[int, float] = {}
    for i, cand in enumerate(candidates):
        key = keys[i]
        score = cand.score
        first = key is None or is_first(key)
        best_value, best_from = score + (0.5 if first else -0.5), -1
        number = plain[i]
        for j in range(max(0, i - window), i):
            prev_key = keys[j]
            if key is None or prev_key is None:
                step = 0.0
            else:
                previous = plain[j]
                if number is not None and previous is not None:
                    gap = number - previous
                    cached = plain_steps.get(gap)
                    if cached is None:
                        cached = plain_steps[gap] = successor_score(prev_key, key)
                    step = cached
                else:
                    step = successor_score(prev_key, key)
                if step <= -2.0 and first:
                    step = _restart_cost(boundaries, candidates[j].start, cand.start)
            value = best[j] + step + score
            if value > best_value:
                best_value, best_from = value, j
        best[i], back[i] = best_value, best_from
    end = max(range(count), key=best.__getitem__)
    chosen: list[Heading] = []
    while end >= 0:
        chosen.append(candidates[end])
        end = back[end]
    chosen.reverse()
    return [cand for cand in chosen if cand.score > 0]
