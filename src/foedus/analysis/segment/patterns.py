"""The regular expressions of the segmenter, compiled once when the module is first used.

One scan (:data:`MARKER`) finds every line that could open a provision; the segmenter then
decides, with context, which of them really do.
"""

from __future__ import annotations

import re

__all__ = (
    "ENACTING FINAL_START MARKER SENTENCE_VERB SIGNATURE_LINE STRUCT_KINDS TOC_TAIL "
    "find_enacting scan_markers starts_with_marker"
).split()


def _trie(words: set[str]) -> str:
    """An alternation of literal ``words`` factored by common prefix ("A(?:RTICLE|NNEX)"), so
    the regex engine tests each first letter once instead of once per word."""
    branches = []
    for first in sorted({w[0] for w in words if w}):
        rest = {w[1:] for w in words if w and w[0] == first}
        if len(rest) == 1:
            branches.append(re.escape(first + rest.pop()))
            continue
        optional = "?" if "" in rest else ""
        branches.append(f"{re.escape(first)}(?:{_trie(rest)}){optional}")
    return "|".join(branches)


_ARTICLE_WORDS = _trie(
    set(
        "ARTICLE Article ART. Art. ARTÍCULO Artículo ARTICULO Articulo ARTIGO Artigo ARTIKEL "
        "Artikel СТАТЬЯ Статья СТАТТЯ Стаття".split()
    )
)
# Keyword → node kind for the containers above articles and the attachments after them.
STRUCT_KINDS = {
    "part": "part",
    "partie": "part",
    "parte": "part",
    "title": "part",
    "titre": "part",
    "título": "part",
    "titulo": "part",
    "часть": "part",
    "частина": "part",
    "раздел": "part",
    "chapter": "chapter",
    "chapitre": "chapter",
    "capítulo": "chapter",
    "capitulo": "chapter",
    "глава": "chapter",
    "розділ": "chapter",
    "section": "section",
    "sub-section": "section",
    "subsection": "section",
    "sección": "section",
    "seccion": "section",
    "annex": "annex",
    "annexe": "annex",
    "anexo": "annex",
    "appendix": "annex",
    "schedule": "annex",
    "attachment": "annex",
    "protocol": "annex",
    "приложение": "annex",
    "додаток": "annex",
}


_STRUCT_WORDS = _trie(
    {w.upper() for w in STRUCT_KINDS} | {w[0].upper() + w[1:] for w in STRUCT_KINDS}
)
_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty premier first único unique"
).split()
# Longest first, so "FOURTEEN" is not read as "FOUR" followed by "TEEN".
_WORD_NUMBERS = "|".join(
    sorted({form for w in _WORDS for form in (w, w.upper(), w.capitalize())}, key=len, reverse=True)
)
# A heading number: 5, 1.1, 1-01, 5A, 26 bis, V, I.1, A-01, A, 1er.
_NUM = (
    r"(?:\d{1,4}(?:\s?[.\-–]\s?\d{1,4}){0,3}(?:\s?(?:bis|ter|quater|BIS|TER|QUATER)\b|[A-Z]\b|er\b|ER\b)?"
    r"|[IVXLC]{1,7}(?:[.\-–]\d{1,4}){0,2}(?:\s(?:bis|ter|BIS|TER)\b)?"
    r"|[A-Z](?:[.\-–]\d{1,4}){1,2}"
    rf"|(?:{_WORD_NUMBERS})\b"
    r"|[A-Z](?![\w.])"
    r")"
)
# Paragraph and point markers at a line start: 1.  1)  (1)  1.1  (a)  a)  (iv)  iv)  (A)  a.
_LIST = (
    r"(?:\((?P<pnum>\d{1,3})\)"
    r"|(?P<dnum>\d{1,3}(?:\.\d{1,3}){0,3})(?P<dsep>[.)])?(?=[ \t\n]|\Z)"
    r"|\((?P<plet>[a-z]{1,2}|[ivxlc]{1,6}|[A-Z]{1,2}|[IVXLC]{1,6})\)"
    r"|(?P<clet>[a-z]{1,2}|[ivxlc]{1,6}|[A-Z])\)"
    r"|(?P<dlet>[a-z])\.(?=[ \t])"
    r")"
)
# What a list marker can start with, as one cheap lookahead whose branches the regex engine
# tests by their first character: most lines open with a word, and fail here at once instead
# of in each alternative of _LIST.
_LIST_GUARD = r"(?=[(\d]|[a-z][a-z]?\)|[ivxlc][ivxlc]{2,5}\)|[A-Z]\)|[a-z]\.)"
# The indentation is taken possessively ("*+"): no alternative starts with a blank, so giving
# blanks back could never make a line match, and trying would cost the whole alternation once
# per blank of every indented line that is not a marker.
_MARKER_LINE = (
    r"(?P<line>[ \t]*+(?:"
    rf"(?P<art>{_ARTICLE_WORDS})[ \t]*(?:[:\-–—][ \t]*)?(?P<anum>{_NUM})?(?P<arest>[^\n]*)"
    rf"|(?P<struct>{_STRUCT_WORDS})(?![\w-])[ \t]*(?:[:\-–—][ \t]*)?(?P<snum>{_NUM})?"
    r"(?P<srest>[^\n]*)"
    # the item's text starts at match.end() (left uncaptured)
    rf"|{_LIST_GUARD}(?P<list>{_LIST})[ \t]*"
    r"))"
)
# Anchored on the newline rather than on "^": the regex engine then jumps from newline to
# newline instead of trying every character, which makes the scan several times faster.
MARKER = re.compile(r"\n" + _MARKER_LINE)
_FIRST_MARKER = re.compile(_MARKER_LINE)


def starts_with_marker(line: str) -> bool:
    """True when ``line`` opens with a heading keyword or a list marker."""
    return _FIRST_MARKER.match(line) is not None


def scan_markers(text: str) -> list[re.Match[str]]:
    """Every line that could open a provision; use ``match.start("line")`` for its start."""
    found = list(MARKER.finditer(text))
    first = _FIRST_MARKER.match(text)
    if first is not None and first.group("line").strip():
        found.insert(0, first)
    return found


# The lookahead lists the letters the alternatives begin with (the Cyrillic с, д, п last): at
# any other position the search moves on after one test instead of trying every alternative.
ENACTING = re.compile(
    r"(?=[hadwsrcсдп])(?:"
    r"(?:ha(?:ve|s)\s+(?:agreed|decided)|(?:agree|decide)s?|(?:will|shall)\s+(?:cooperate|act))"
    r"\s+as\s+follows"
    r"|(?:declare|declares|affirm|affirms)\s+as\s+follows"
    r"|(?:agreed|decided)\b[^\n]{0,100}?\bto\s+conclude\s+the\s+following\b"
    r"|(?:have\s+)?agreed\s+(?:on|upon)\s+the\s+following\b"
    r"|(?:have\s+)?(?:reached|concluded|come\s+to)\s+the\s+following\s+"
    r"(?:agreement|understanding|arrangement)s?"
    r"|(?:sont\s+convenu[e]?s|conviennent)\s+de\s+ce\s+qui\s+suit"
    r"|(?:han\s+convenido|acuerdan|convienen)\s+(?:en\s+)?lo\s+siguiente"
    r"|(?:договорились|согласились)\s+о\s+нижеследующем"
    r"|(?:домовилися|погодилися|погодились)\s+(?:про\s+)?(?:таке|наступне)"
    r")",
    re.IGNORECASE,
)
# Literal words every enacting formula ends with: found with one scan, then confirmed with
# ENACTING on a short window (the full pattern is slow to run over a whole text).
ENACTING_TAILS = (
    "follow",
    "Follow",
    "FOLLOW",
    "suit",
    "SUIT",
    "siguiente",
    "SIGUIENTE",
    "нижеследующем",
    "НИЖЕСЛЕДУЮЩЕМ",
    "таке",
    "ТАКЕ",
    "наступне",
    "НАСТУПНЕ",
)


_ENACTING_TAIL = re.compile("|".join(map(re.escape, ENACTING_TAILS)))


def find_enacting(text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """The first enacting formula ("Have agreed as follows") in ``text[start:end]``."""
    end = len(text) if end is None else end
    for tail in _ENACTING_TAIL.finditer(text, start, end):  # the tails never overlap
        hit = tail.start()
        match = ENACTING.search(text, max(0, hit - 160), hit + 40)
        if match is not None and match.end() > hit:
            return match
    return None


# The end of a table-of-contents line: dot leaders or a tab, then a page number.
TOC_TAIL = re.compile(r"(?:\.{3,}|…+|(?:\. ){3,}\.?|\t|[ ]{3,})[ \t]*\d{1,4}[ \t]*$")
# Words that make a line a sentence rather than a heading (case-sensitive: 3x faster).
SENTENCE_VERB = re.compile(
    r"\b(?:shall|will|may|must|should|is|are|has|have|undertakes?|agrees?|means|includes?"
    r"|applies|apply|was|were|be|been)\b"  # lower case only: "SHALL" lines are all-caps titles
)
# A signature block line: "For Ukraine:", "For the Government of the United States of America:".
SIGNATURE_LINE = re.compile(
    r"^[ \t]*(?:For|FOR|Pour|POUR|Por|POR|За|ЗА)\s+[^\n]{2,90}?:[ \t]*$", re.MULTILINE
)
FINAL_START = re.compile(
    r"^[ \t]*(?:IN\s+WITNESS\s+WHEREOF|In\s+witness\s+whereof|IN\s+FAITH\s+WHEREOF"
    r"|In\s+faith\s+whereof|DONE\s+(?:at|in)\b|Done\s+(?:at|in)\b|Signed\s+(?:at|in)\s+[A-Z]"
    r"|EN\s+FOI\s+DE\s+QUOI|En\s+foi\s+de\s+quoi|Fait\s+à|FAIT\s+À|EN\s+FE\s+DE\s+LO\s+CUAL"
    r"|En\s+fe\s+de\s+lo\s+cual|Hecho\s+en|HECHO\s+EN|Совершено\s+в|СОВЕРШЕНО\s+В|Вчинено\s+в"
    r"|ВЧИНЕНО\s+В|На\s+підтвердження\s+чого|В\s+удостоверение\s+чего)",
    re.MULTILINE,
)
