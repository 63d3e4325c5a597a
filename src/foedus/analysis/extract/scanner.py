"""Finding the cues of a long alternation quickly, with the matches ``re`` would give.

The cue lists (modal verbs, category phrases) are alternations of dozens to hundreds of
word-bounded patterns. Python's ``re`` tries every alternative at every position of the text,
which makes one such scan cost about a microsecond per character. :class:`CueScanner` gives
the same matches as ``re.finditer`` over the alternation, but tries a position only where
``\\b`` holds and the next two characters can begin a cue, and there only the cues that can
begin with that character. The beginnings of each cue are read from its parsed form
(``re._parser``, the standard library's own parser).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from re import _constants as _sre  # type: ignore[attr-defined]
from re import _parser as _sre_parse  # type: ignore[attr-defined]
from typing import Any

__all__ = ["BoundedPattern", "CueScanner", "fold", "prefixes"]

_REPEATS = frozenset(
    op
    for op in (
        getattr(_sre, "MAX_REPEAT", None),
        getattr(_sre, "MIN_REPEAT", None),
        getattr(_sre, "POSSESSIVE_REPEAT", None),
    )
    if op is not None
)
_ZERO_WIDTH = frozenset((_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT))
_RANGE_LIMIT = 512  # a wider class ("[^…]", "\w") makes the prefixes unknown
_PREFIX_LIMIT = 4096
# \\d and \\s of a str pattern: what str.isdecimal() and str.isspace() accept (as in _sre)
_CATEGORIES = {_sre.CATEGORY_DIGIT: str.isdecimal, _sre.CATEGORY_SPACE: str.isspace}


@cache
def _category(name: Any) -> frozenset[str]:
    test = _CATEGORIES[name]
    return frozenset(c for c in map(chr, range(0x110000)) if test(c))


_WORD = re.compile(r"\w")


@cache
def _fold_table() -> tuple[dict[int, int], frozenset[int]]:
    """The characters that ``re.IGNORECASE`` equates with others although their lower-case
    forms differ (dotless "ı" and "i", long "ſ" and "s", Greek "ϐ" and "β"…), each mapped to
    the smallest of its equivalents that is a word character like itself; and the characters
    equated with characters of the other kind (the combining iota U+0345, no word character,
    with the letter iota), which no translation can fold without moving a ``\\b``."""
    try:
        from re import _casefix  # type: ignore[attr-defined]

        extra: dict[int, tuple[int, ...]] = _casefix._EXTRA_CASES
    except ImportError:  # pragma: no cover - the table moved: keep the two Latin cases
        extra = {0x69: (0x131,), 0x131: (0x69,), 0x73: (0x17F,), 0x17F: (0x73,)}
    table: dict[int, int] = {}
    unsafe: set[int] = set()

    def is_word(code: int) -> bool:
        return _WORD.match(chr(code)) is not None

    for code, equivalents in extra.items():
        alike = [m for m in (code, *equivalents) if is_word(m) == is_word(code)]
        mixed = len(alike) < 1 + len(equivalents)
        if mixed and not is_word(code):
            unsafe.add(code)
        elif min(alike) != code:
            table[code] = min(alike)
    return table, frozenset(unsafe)


@cache
def _special() -> re.Pattern[str]:
    table, unsafe = _fold_table()
    return re.compile("[" + "".join(re.escape(chr(code)) for code in (*table, *unsafe)) + "]")


@cache
def _unsafe() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(code)) for code in _fold_table()[1]) + "]")


@cache
def _ascii_lower() -> dict[int, int]:
    return {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


def fold(text: str, ascii_only: bool = False) -> str | None:
    """``text`` lower-cased so that matching it case-sensitively against folded cues finds
    what ``re.IGNORECASE`` (with ``re.ASCII`` when ``ascii_only``) finds in ``text``, at the
    same offsets; None when no such text exists — lower-casing changes the length ("İ"), or
    the text holds a character equated with one of another kind (U+0345): match it with
    ``re`` itself."""
    if ascii_only:  # re.ASCII | re.IGNORECASE equates A-Z with a-z and nothing else
        return text.lower() if text.isascii() else text.translate(_ascii_lower())
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    if lowered.isascii() or _special().search(lowered) is None:
        return lowered  # nothing to translate (the usual case, ten times faster)
    if _unsafe().search(lowered) is not None:
        return None
    return lowered.translate(_fold_table()[0])


_Parsed = Sequence[tuple[Any, Any]]


def _sequence(items: _Parsed, k: int) -> set[str] | None:
    """The strings of length ``k`` that begin a match of the parsed sequence, and its complete
    matches shorter than ``k``; None when unknown or too many."""
    current = {""}
    for op, av in items:
        grown = {done for done in current if len(done) >= k}
        for head in current:
            if len(head) < k:
                tails = _item(op, av, k - len(head))
                if tails is None:
                    return None
                grown.update(head + tail for tail in tails)
                if len(grown) > _PREFIX_LIMIT:
                    return None
        current = grown
    return current


def _item(op: Any, av: Any, k: int) -> set[str] | None:
    if op is _sre.LITERAL:
        return {chr(av)}
    if op is _sre.IN:
        chars: set[str] = set()
        for inner, value in av:
            if inner is _sre.LITERAL:
                chars.add(chr(value))
            elif inner is _sre.RANGE and value[1] - value[0] < _RANGE_LIMIT:
                chars.update(chr(code) for code in range(value[0], value[1] + 1))
            elif inner is _sre.CATEGORY and value in _CATEGORIES:
                chars.update(_category(value))
            else:
                return None
        return chars
    if op is _sre.SUBPATTERN:
        _group, add_flags, del_flags, inner = av
        if add_flags or del_flags:
            return None  # scoped flags, "(?i:…)", "(?a:…)": not read here
        return _sequence(inner, k)
    if op is _sre.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:
            strings = _sequence(alternative, k)
            if strings is None:
                return None
            found |= strings
        return found
    if op in _REPEATS:
        low, high, inner = av
        if low > _PREFIX_LIMIT:
            return None
        stopped: set[str] = set()
        current = {""}
        # each repetition that adds a character brings the strings one step nearer to k
        for count in range(max(low, k) + 1):
            if count >= low:
                stopped |= current
            if count == high:
                break
            grown = {done for done in current if len(done) >= k}
            for head in current:
                if len(head) < k:
                    tails = _sequence(inner, k - len(head))
                    if tails is None:
                        return None
                    grown.update(head + tail for tail in tails)
            current = grown
        return stopped
    if op in _ZERO_WIDTH:
        return {""}
    return None


def prefixes(pattern: str, k: int = 2, flags: int = 0) -> frozenset[str] | None:
    """The strings of length ``k`` a match of ``pattern`` (case-sensitive) can begin with,
    and its complete matches shorter than ``k``; None when they are unknown (a class such as
    ``\\w`` or ``.``, a back-reference, inline flags) or when the pattern can match the empty
    string."""
    parsed = _sre_parse.parse(pattern, flags & ~re.IGNORECASE)
    if parsed.state.flags & ~flags & (re.IGNORECASE | re.ASCII | re.LOCALE):
        return None  # "(?i)" or "(?a)" at the head of the pattern itself
    found = _sequence(list(parsed), k)
    if found is None and k > 1:
        found = _sequence(parsed, 1)  # too many beginnings: the first character alone
    if found is None or "" in found:
        return None
    return frozenset(found)


def _starts_of(beginnings: frozenset[str], flags: int = 0) -> re.Pattern[str]:
    """Where a match can start: ``\\b``, then one of the ``beginnings`` (a trie on the first
    character, so the engine tests each first character once). The beginnings stand in a
    look-ahead: the scan moves on one character at a time, so a start inside another
    start's two characters is seen too."""
    seconds: dict[str, set[str]] = {}
    for begin in beginnings:
        seconds.setdefault(begin[0], set()).add(begin[1:])
    branches = [
        re.escape(first) + ("" if "" in rest else f"[{''.join(map(re.escape, sorted(rest)))}]")
        for first, rest in sorted(seconds.items())
    ]
    return re.compile(r"\b(?=" + "|".join(branches) + ")", flags)


def _opens_on_boundary(parsed: _Parsed) -> bool:
    items = list(parsed)
    while items:
        op, av = items[0]
        if op is _sre.AT:
            return av is _sre.AT_BOUNDARY
        if op is not _sre.SUBPATTERN:
            return False
        items = list(av[-1])
    return False


class BoundedPattern:
    """A compiled pattern that opens with ``\\b``, tried only where one of its two-character
    beginnings stands (for an IGNORECASE pattern, in the :func:`fold`-ed text): ``finditer``
    gives the matches ``pattern.finditer`` would. A pattern whose beginnings are unknown
    (see :func:`prefixes`) is run as it is."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._fold = bool(pattern.flags & re.IGNORECASE)
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags & ~re.IGNORECASE)
        found = (
            prefixes(pattern.pattern, flags=pattern.flags) if _opens_on_boundary(parsed) else None
        )
        self._ascii = bool(pattern.flags & re.ASCII)
        self._starts: re.Pattern[str] | None = None
        if found is not None:
            folded = {fold(b, self._ascii) if self._fold else b for b in found}
            if None not in folded:  # a beginning such as "İ" cannot be folded in place
                beginnings = frozenset(f for f in folded if f is not None)
                self._starts = _starts_of(beginnings, pattern.flags & re.ASCII)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of ``pattern.finditer(text)``, in order."""
        searched = fold(text, self._ascii) if self._fold else text
        if self._starts is None or searched is None:
            yield from self.pattern.finditer(text)
            return
        resume = 0
        match_at = self.pattern.match
        for start in self._starts.finditer(searched):
            where = start.start()
            if where < resume:
                continue
            match = match_at(text, where)
            if match is not None:
                yield match
                resume = max(match.end(), where + 1)


class CueScanner:
    """``finditer`` over word-bounded cues: the alternation of ``\\b(?:body)\\b`` for each
    ``(name, body)`` of ``cues``, tried in order (case-sensitive: match lower-cased text for
    case-insensitive cues). A match's ``lastgroup`` is the name of its cue; its span is the
    cue's text. If a cue's beginnings are unknown (see :func:`prefixes`), the plain
    alternation is run. For case-insensitive cues, give cues and text both :func:`fold`-ed
    (a cue's source must not hold an escape that folding would change, such as ``\\S``)."""

    def __init__(self, cues: Sequence[tuple[str, str]]) -> None:
        self.cues = tuple(cues)
        # The name is an empty group closing each alternative, so the alternative opens with
        # its own first character, on which the regex engine rejects it at once.
        self._alternatives = tuple(f"(?:{body})\\b(?P<{name}>)" for name, body in self.cues)
        self.combined = re.compile("|".join(rf"\b{a}" for a in self._alternatives))
        found = [prefixes(f"(?:{body})") for _name, body in self.cues]
        self._direct = any(f is None for f in found)
        starts = [f or frozenset() for f in found]
        self._firsts = tuple(frozenset(p[0] for p in f) for f in starts)
        self._by_char: dict[str, re.Pattern[str] | None] = {}
        self._starts = _starts_of(frozenset().union(*starts))

    def _at(self, char: str) -> re.Pattern[str] | None:
        try:
            return self._by_char[char]
        except KeyError:
            chosen = [a for a, f in zip(self._alternatives, self._firsts, strict=True) if char in f]
            pattern = re.compile("|".join(chosen)) if chosen else None
            self._by_char[char] = pattern
            return pattern

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        """The matches ``re.finditer`` of the alternation would give, in order."""
        if self._direct:
            yield from self.combined.finditer(text, pos)
            return
        resume = pos
        at = self._at
        for start in self._starts.finditer(text, pos):
            where = start.start()
            if where < resume:
                continue
            pattern = at(text[where])
            match = pattern.match(text, where) if pattern is not None else None
            if match is not None:
                yield match
                resume = max(match.end(), where + 1)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """The first match from ``pos``, or None."""
        return next(self.finditer(text, pos), None)
