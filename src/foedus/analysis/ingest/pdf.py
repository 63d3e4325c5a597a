"""PDF: the text layer, cleaned of page furniture and rebuilt into paragraphs.

pypdf extracts text in ``layout`` mode, which places lines by their position on the page and
keeps vertical gaps as blank lines: those gaps are the best paragraph evidence a PDF has, so
they become block boundaries. Plain mode is the fallback for a page layout mode fails on.
Then running headers and footers and page numbers are removed, words hyphenated at a line end
are rejoined, and wrapped lines are joined into paragraphs: a block starts at a gap, at a
provision marker ("Article 5", "1.", "(a)") after the end of a sentence or a short line, and
after a heading line ("Article 5" and its title line stay together as one block).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from io import BytesIO
from itertools import pairwise
from typing import TYPE_CHECKING

from foedus.analysis.ingest.source import Limits, SourceText
from foedus.analysis.normalise import normalise
from foedus.domain.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    FileTooLargeError,
    NoTextLayerError,
)

if TYPE_CHECKING:
    from pypdf import PdfReader

__all__ = ["read_pdf"]

_MIN_CHARS_PER_PAGE = 20
_ZONE = 3  # lines at the top and at the bottom of a page that may be running heads
_SPACES = re.compile(r"\s+")
_COLUMN_GAP = re.compile(r"[^\W\d_][^ ]*(?: [^ ]+){2,} {3,}[^ ]+(?: [^ ]+){2,}")
_STRUCT_WORDS = (
    r"Article|ARTICLE|Art\.|ART\.|Part|PART|Chapter|CHAPTER|Section|SECTION|Annex|ANNEX"
    r"|Appendix|APPENDIX|Schedule|SCHEDULE|Protocol|PROTOCOL|Title|TITLE"
)
_NUMBER = r"(?:\d{1,4}(?:[.\-]\d{1,4})*[A-Za-z]?|[IVXLCDM]{1,8}|[A-Z])(?:\s(?:bis|ter|BIS|TER))?"
# A whole line that is a structural heading: "Article 5", "PART II", "ANNEX I", "PREAMBLE".
_HEADING_LINE = re.compile(
    rf"^(?:(?:{_STRUCT_WORDS})\s+{_NUMBER}\.?|PREAMBLE|Preamble|ANNEX|Annex|APPENDIX|Appendix)$"
)
# A line that opens a provision or a list item.
_MARKER = re.compile(
    rf"^(?:(?:{_STRUCT_WORDS})\s+{_NUMBER}(?![\w-])"
    r"|\d{1,3}(?:\.\d{1,3})*[.)](?=\s)|\d{1,3}(?:\.\d{1,3})+(?=\s)"
    r"|\((?:\d{1,3}|[a-z]{1,2}|[ivxlc]{1,6}|[A-Z]{1,2})\)(?=\s)"
    r"|[a-z][.)](?=\s)|[•·▪◦\-–—*](?=\s))"
)
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?P<n>\d{1,4})(?:\s*[-–—])?$"
    r"|^(?:page|p\.|pág\.?|página|seite|стр\.?|стор\.?)\s*\d{1,4}"
    r"(?:\s*(?:of|/|de|von|из|з)\s*\d{1,4})?$"
    r"|^\d{1,4}\s*/\s*\d{1,4}$"
    r"|^(?:[-–—]\s*)?[ivxlc]{1,6}(?:\s*[-–—])?$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?:[.;:!?]|;\s*(?:and|or)|,\s*(?:and|or))[’”\"')\]]*$")
_HYPHEN_END = re.compile(r"(?<![^\W\d_])([^\W\d_]{2,})-$")
_WORD_START = re.compile(r"^([^\W\d_]+)")
_COMPOUND = re.compile(r"\b([^\W\d_]+-[^\W\d_]+)\b")
_WORD = re.compile(r"[^\W\d_]+")
_COMPOUND_PREFIXES = frozenset({"non", "self", "cross", "well", "long", "short", "ex", "co"})
# Second halves that make a word break a compound ("user-" + "friendly"), and endings that
# make it a split word ("sustain-" + "able").
_COMPOUND_TAILS = frozenset(
    {"friendly", "based", "related", "building", "making", "sharing", "term", "wide"}
    | {"specific", "oriented", "owned", "scale", "level", "responsive", "income"}
)
_SUFFIXES = frozenset(
    {"able", "ible", "ment", "ments", "tion", "tions", "sion", "sions", "ness", "ity", "ities"}
    | {"ing", "ings", "ed", "er", "ers", "est", "al", "ally", "ly", "ous", "ive", "ance", "ence"}
    | {"ant", "ent", "ism", "ist", "ize", "ise", "ful", "less", "ship", "ure"}
)
# A title line ending in one of these goes on over the next line.
_OPEN_END = re.compile(r"(?:,|\b(?:and|or|of|the|for|in|on|to|with|between|by|a|an))$", re.I)
_BAD_TITLES = re.compile(
    r"^(?:untitled|document\d*|microsoft word\b.*|.*\.(?:docx?|pdf|rtf))$", re.I
)


@dataclass(slots=True)
class _Line:
    text: str
    gap: bool  # a blank line (a vertical gap) comes before it on the same page
    page_start: bool
    indent: int


def read_pdf(data: bytes, source: str, limits: Limits) -> SourceText:
    """Read a PDF's text layer into normalised paragraphs (blocks separated by blank lines)."""
    reader = _open(data, source)
    count = _page_count(reader, source)
    if count > limits.max_pages:
        raise FileTooLargeError(
            f"the PDF has {count} pages, over the {limits.max_pages}-page limit",
            source,
            size=count,
            limit=limits.max_pages,
        )
    pages = _extract_pages(reader, source)
    chars = sum(len(line) - line.count(" ") for page in pages for line in page)
    if chars < _MIN_CHARS_PER_PAGE * count:
        raise NoTextLayerError("no text layer — OCR is not supported", source)
    pages = _strip_page_furniture(pages)
    text = normalise(_rebuild(_lines(pages)))
    if not text.strip():
        raise EmptyDocumentError("the document has no text", source)
    return SourceText(text=text, format="pdf", title=_title(reader), language=_language(reader))


def _open(data: bytes, source: str) -> PdfReader:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError):
                raise EncryptedDocumentError(
                    "encrypted PDF — its encryption method is not supported", source
                ) from None
            if not opened:
                raise EncryptedDocumentError("encrypted PDF — a password is required", source)
    except PyPdfError as exc:
        raise CorruptDocumentError(f"not a valid PDF ({_reason(exc)})", source) from None
    except EncryptedDocumentError:
        raise
    except Exception as exc:  # pypdf raises assorted errors on junk; this is its edge
        raise CorruptDocumentError(f"not a valid PDF ({_reason(exc)})", source) from None
    return reader


def _page_count(reader: PdfReader, source: str) -> int:
    from pypdf.errors import FileNotDecryptedError

    try:
        count = len(reader.pages)
    except FileNotDecryptedError:
        raise EncryptedDocumentError("encrypted PDF — a password is required", source) from None
    except Exception as exc:  # the page tree of a damaged file
        raise CorruptDocumentError(f"not a valid PDF ({_reason(exc)})", source) from None
    if count == 0:
        raise CorruptDocumentError("not a valid PDF (no pages)", source)
    return count


def _extract_pages(reader: PdfReader, source: str) -> list[list[str]]:
    """Each page's lines; an empty string stands for a vertical gap."""
    pages: list[list[str]] = []
    for page in reader.pages:
        try:
            raw = page.extract_text(extraction_mode="layout")
            if _has_columns(raw):
                raw = page.extract_text()  # content-stream order keeps columns apart
        except Exception:  # layout mode fails on some fonts: fall back to plain mode
            try:
                raw = page.extract_text()
            except Exception as exc:
                raise CorruptDocumentError(f"not a valid PDF ({_reason(exc)})", source) from None
        lines: list[str] = []
        for line in normalise(raw).split("\n"):
            if line.strip():
                lines.append(line.rstrip())
            elif lines and lines[-1]:
                lines.append("")
        while lines and not lines[-1]:
            lines.pop()
        pages.append(lines)
    return pages


def _has_columns(raw: str) -> bool:
    """Whether a layout-mode page sets text in columns side by side (which it would mix)."""
    lines = [line.strip() for line in raw.split("\n") if line.strip()]
    split = sum(1 for line in lines if _COLUMN_GAP.search(line[:300]))
    return split >= max(3, 0.3 * len(lines))


def _reason(exc: BaseException) -> str:
    text = _SPACES.sub(" ", str(exc)).strip().rstrip(".")
    if not text:
        return type(exc).__name__
    return (text[0].lower() + text[1:])[:120]


def _strip_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop running headers/footers and page numbers from the top and bottom of each page."""
    count = len(pages)
    running: set[str] = set()
    if count >= 3:
        seen: Counter[str] = Counter()
        for page in pages:
            seen.update({_furniture_key(page[index]) for index in _zone(page)} - {""})
        need = max(3, int(0.4 * count + 0.999))
        running = {key for key, n in seen.items() if n >= need}
    cleaned: list[list[str]] = []
    for page in pages:
        zone = _zone(page)
        cleaned.append(
            [
                line
                for index, line in enumerate(page)
                if not (
                    index in zone
                    and (_furniture_key(line) in running or _is_page_number(line, count))
                )
            ]
        )
    return cleaned


def _zone(page: list[str]) -> set[int]:
    """Indices of the first and last few text lines of a page."""
    indices = [index for index, line in enumerate(page) if line]
    return set(indices[:_ZONE] + indices[_ZONE:][-_ZONE:])


def _furniture_key(line: str) -> str:
    """What a running header looks like on every page ("" for a line that opens a provision:
    "Article 7" at the top of many pages is text, not furniture)."""
    text = _SPACES.sub(" ", line).strip()
    if _MARKER.match(text) or _HEADING_LINE.match(text):
        return ""
    return re.sub(r"\d+", "#", text.lower())


def _is_page_number(line: str, pages: int) -> bool:
    match = _PAGE_NUMBER.match(line.strip())
    if match is None:
        return False
    number = match.group("n")
    return number is None or int(number) <= pages + 20  # "2023" under a title is not a page


def _lines(pages: list[list[str]]) -> list[_Line]:
    lines: list[_Line] = []
    for page in pages:
        gap = False
        first = True
        for raw in page:
            if not raw:
                gap = True
                continue
            stripped = raw.lstrip()
            text = _SPACES.sub(" ", stripped)
            lines.append(_Line(text, gap and not first, first, len(raw) - len(stripped)))
            gap = first = False
    return lines


def _rebuild(lines: list[_Line]) -> str:
    """Join wrapped lines into blocks; blocks are separated by blank lines."""
    if not lines:
        return ""
    lengths = sorted(len(line.text) for line in lines if len(line.text) >= 20)
    width = lengths[int(len(lengths) * 0.75)] if lengths else 60
    compounds, words = _vocabulary(lines)
    blocks: list[str] = []
    parts = [lines[0].text]  # the current block, line by line (joined once, at its end)
    heading = bool(_HEADING_LINE.match(parts[0]))
    title_lines = 0
    for prev, line in pairwise(lines):
        if heading and title_lines < 3 and _continues_title(prev, line, title_lines, width):
            parts.append(("\n" if title_lines == 0 else " ") + line.text)
            title_lines += 1
            continue
        if heading or _starts_block(prev, line, len(parts) == 1, width):
            blocks.append("".join(parts))
            parts = [line.text]
            heading = bool(_HEADING_LINE.match(line.text))
            title_lines = 0
        else:
            _join(parts, line.text, compounds, words)
    blocks.append("".join(parts))
    return "\n\n".join(blocks)


def _continues_title(prev: _Line, line: _Line, title_lines: int, width: int) -> bool:
    """Whether ``line`` is (part of) the title under a heading line such as "Article 5"."""
    text = line.text
    if len(text) >= 0.9 * width or _MARKER.match(text) or _HEADING_LINE.match(text):
        return False
    if title_lines == 0:  # the title may sit after a gap; a preamble has none
        return _starts_upper(text) and text[-1] not in ".;:" and prev.text.upper() != "PREAMBLE"
    if line.gap or text[-1] in ".;:":
        return False
    return (
        text[0].islower()
        or (text.isupper() and prev.text.isupper())
        or _OPEN_END.search(prev.text[-12:]) is not None
    )


def _starts_block(prev: _Line, line: _Line, alone: bool, width: int) -> bool:
    """Whether ``line`` opens a new block; ``alone``: ``prev`` is all the current block holds."""
    if line.gap:
        return True
    text, before = line.text, prev.text
    short = len(before) < 0.8 * width
    ended = _SENTENCE_END.search(before[-12:]) is not None
    if _MARKER.match(text) or _HEADING_LINE.match(text):
        return ended or short
    if not _starts_upper(text):
        return False
    if ended and (short or line.indent > prev.indent + 2):
        return True
    if line.page_start and short and before[-1] not in ",-":
        return True  # a page ending in a short line ended its paragraph there
    if before.isupper() and text.isupper():
        return False  # a title set in capitals over several lines
    # a short heading-like line on its own ("FINAL PROVISIONS") stays its own block
    return alone and len(before) < 0.6 * width and before[-1] not in ".,;:-"


def _starts_upper(text: str) -> bool:
    """Whether the first letter, after any opening quote or bracket, is a capital."""
    stripped = text.lstrip("\"'“‘«([")
    return bool(stripped) and stripped[0].isupper()


def _join(parts: list[str], text: str, compounds: set[str], words: set[str]) -> None:
    """Append a wrapped line to the block, rejoining a word hyphenated at the line break."""
    last = parts[-1]
    hyphen = _HYPHEN_END.search(last[-40:])  # a bounded tail keeps the search linear
    start = _WORD_START.match(text)
    if hyphen is None or start is None:
        parts.append(" " + text)
        return
    first, second = hyphen.group(1), start.group(1)
    keep = second[0].isupper()  # "Asia-" + "Pacific": a real compound
    if not keep:
        compound = f"{first}-{second}".lower()
        joined = (first + second).lower()
        keep = compound in compounds or (
            joined not in words and _is_compound(first.lower(), second.lower(), words)
        )
    if not keep:
        parts[-1] = last[:-1]
    parts.append(text)


def _is_compound(first: str, second: str, words: set[str]) -> bool:
    """Whether "first-" + "second" at a line break is a hyphenated compound, not a split word."""
    if first in _COMPOUND_PREFIXES:
        return True
    if len(first) < 3:
        return False
    if second in _COMPOUND_TAILS:
        return True
    return first in words and second in words and len(second) >= 3 and second not in _SUFFIXES


def _vocabulary(lines: list[_Line]) -> tuple[set[str], set[str]]:
    """Hyphenated compounds and plain words that occur inside lines (never at a line break)."""
    compounds: set[str] = set()
    words: set[str] = set()
    broken = False
    for line in lines:
        body = line.text
        if broken:  # drop the second half of a word broken at the previous line end
            body = _WORD_START.sub("", body, count=1)
        broken = body.endswith("-")
        hyphen = _HYPHEN_END.search(body[-40:]) if broken else None
        if hyphen is not None:
            body = body[: len(body) - len(hyphen.group(0))]
        compounds.update(match.lower() for match in _COMPOUND.findall(body))
        words.update(word.lower() for word in _WORD.findall(body))
    return compounds, words


def _title(reader: PdfReader) -> str | None:
    try:
        metadata = reader.metadata
        raw = metadata.title if metadata is not None else None
    except Exception:  # a damaged info dictionary only costs the title
        return None
    if not raw:
        return None
    title = _SPACES.sub(" ", str(raw)).strip()
    long_words = [word for word in _WORD.findall(title) if len(word) >= 4]
    if len(long_words) < 2 or _BAD_TITLES.match(title):
        return None
    return title


def _language(reader: PdfReader) -> str | None:
    try:
        raw = reader.root_object.get("/Lang")
    except Exception:  # a damaged catalog only costs the language
        return None
    if raw is None:
        return None
    primary = str(raw).strip().split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
