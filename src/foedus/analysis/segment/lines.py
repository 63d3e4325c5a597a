"""Looking around a position in the text: the line before, the line after, heading shape."""

from __future__ import annotations

from foedus.analysis.segment.patterns import SENTENCE_VERB

__all__ = (
    "REFERENCE_WORDS after_blank_lines ends_with_reference_word heading_like line_end "
    "next_line previous_line"
).split()

# Words that, ending a line, make a number at the start of the next line a cross-reference.
REFERENCE_WORDS = frozenset(
    (
        "article articles art paragraph paragraphs para subparagraph subparagraphs point "
        "points item items section sections chapter chapters annex annexes part parts "
        "schedule appendix clause clauses sub-paragraph sub-paragraphs of in to under and "
        "or with by see from artículo artículos párrafo párrafos apartado del de la el "
        "article alinéa paragraphe статьи статья пункт пункта статті пункту"
    ).split()
)
_PUNCTUATION = "\"'“”‘’«»()[],"


def line_end(text: str, pos: int) -> int:
    """Offset of the newline ending the line at ``pos`` (or the end of the text)."""
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def after_blank_lines(text: str, pos: int) -> int:
    """First offset at or after ``pos`` that is not a line break or blank."""
    length = len(text)
    while pos < length and text[pos] in "\n \t":
        pos += 1
    return pos


def previous_line(text: str, line_start: int) -> tuple[str, bool]:
    """The last non-empty line before ``line_start`` and whether an empty line separates them."""
    if line_start <= 0:
        return "", True
    end = line_start - 1  # the newline before our line
    start = text.rfind("\n", 0, end) + 1
    line = text[start:end]
    if line.strip():
        return line, False
    # one empty line (the text is normalised: never more than one in a row)
    if start <= 0:
        return "", True
    end2 = start - 1
    start2 = text.rfind("\n", 0, end2) + 1
    return text[start2:end2], True


def next_line(text: str, pos: int) -> tuple[str, int, bool]:
    """The next non-empty line after the line holding ``pos``: its text, start, and whether an
    empty line came before it. Returns ("", len(text), True) at the end of the text."""
    end = line_end(text, pos)
    if end >= len(text):
        return "", len(text), True
    start = end + 1
    blank = False
    if start < len(text) and text[start] == "\n":
        blank = True
        start += 1
    stop = line_end(text, start)
    return text[start:stop], start, blank


def ends_with_reference_word(line: str) -> bool:
    """True when ``line`` ends mid-reference ("…referred to in paragraph"), so a number at
    the start of the next line continues the sentence."""
    tail = line.rstrip()
    if not tail or tail[-1] in ".:;":
        return False
    words = tail[-40:].split()
    return bool(words) and words[-1].strip(_PUNCTUATION).lower() in REFERENCE_WORDS


def heading_like(line: str) -> bool:
    """True for a line shaped like a provision heading ("Consultations", "DEFINITIONS",
    "Use of terms", "Objetivos.") rather than a sentence or a list item."""
    stripped = line.strip()
    if not stripped or len(stripped) > 150:
        return False
    first = stripped[0]
    # (this also rules out a list item: "1.", "(a)", "a)", "•" never open with a capital)
    if not (first.isupper() or (first in "\"'“‘«" and len(stripped) > 1 and stripped[1].isupper())):
        return False
    if stripped[-1] in ",;:-–—":
        return False
    words = stripped.split()
    if len(words) > 18:
        return False
    if stripped.isupper():
        return True
    if stripped[-1] in ".!?" and len(words) > 5:
        return False
    return not (len(words) > 3 and SENTENCE_VERB.search(stripped))
