"""ToTA XML (Texts of Trade Agreements): the text a printed copy would show, plus its outline.

``<treaty><meta>…</meta><body><chapter number="CHAPTER 1" name="…"><article number="ARTICLE 1"
name="…">TEXT</article>…`` is rendered as a plain-text file would look: a chapter's number and
name on their own lines, then each article's number line, its name line and its text, blocks
separated by blank lines. The chapter and article markup is ground truth, so every chapter and
article becomes an :class:`OutlineEntry` the segmenter can trust.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from foedus.analysis.ingest.source import OutlineEntry, SourceText
from foedus.analysis.ingest.xmlsafe import local_name, parse_xml
from foedus.analysis.normalise import normalise
from foedus.domain.errors import EmptyDocumentError, UnsupportedFormatError

__all__ = ["read_tota", "split_number"]

_KEYWORD = re.compile(
    r"^(?P<word>ARTICLES?|ART[ÍI]CULOS?|ARTIGO|ARTIKEL|ART|CHAPTERS?|CHAPITRE|CAP[ÍI]TULO"
    r"|TITLE|TITRE|T[ÍI]TULO|PART|PARTE|PARTIE|SUB-?SECTION|SECTION|SECCI[ÓO]N|ANNEXE?|ANEXO"
    r"|APPENDIX|AP[ÉE]NDICE|SCHEDULE|PROTOCOL)(?![^\W\d_])\.?\s*[-–—:.]?\s*",
    re.IGNORECASE,
)
_CHAPTER_KINDS = {
    **dict.fromkeys(("annex", "annexe", "anexo", "appendix", "apéndice", "apendice"), "annex"),
    **dict.fromkeys(("schedule", "protocol"), "annex"),
    **dict.fromkeys(("part", "parte", "partie", "title", "titre", "título", "titulo"), "part"),
    **dict.fromkeys(("section", "subsection", "sub-section", "sección", "seccion"), "section"),
}
_FINAL_START = re.compile(
    r"^(?:IN\s+WITNESS\s+WHEREOF|IN\s+FAITH\s+WHEREOF|DONE\s+(?:at|in)\b|EN\s+FE\s+DE\s+LO\s+CUAL"
    r"|HECHO\s+EN\b|EN\s+FOI\s+DE\s+QUOI|FAIT\s+[ÀA]\b)",
    re.IGNORECASE,
)
_BLANKS = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_SOFT_BREAK = re.compile(r"(?<=[.;:,])  +(?=[(\-–•\w])|  +(?=\(?[0-9a-zA-Z]{1,4}[.)] )")
_BARE_MARKER = re.compile(r"^\(?(?:\d{1,3}|[a-zA-Z]|[ivxlc]{1,5})[.)]$")
_SPACES = re.compile(r"\s+")


def split_number(number: str) -> tuple[str | None, str | None]:
    """The keyword and the bare number of a printed number.

    "CHAPTER 1" → ("chapter", "1"), "ARTÍCULO 1-01" → ("artículo", "1-01"), "ARTICLE: 8.4" →
    ("article", "8.4"), "ARTICLE 26 BIS" → ("article", "26 BIS"), "II" → (None, "II").
    """
    match = _KEYWORD.match(number)
    if match is None:
        return None, number or None
    rest = number[match.end() :].strip().rstrip(".:").strip()
    return match.group("word").lower(), rest or None


@dataclass(slots=True)
class _Writer:
    """Accumulates blocks (joined by one blank line) and the offsets that point into them."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    headings: list[int] = field(default_factory=list)
    entries: list[OutlineEntry] = field(default_factory=list)

    @property
    def next_start(self) -> int:
        """Where the next block will begin."""
        return self.length + 2 if self.parts else 0

    def block(self, text: str, heading: bool = False) -> int:
        start = self.next_start
        if self.parts:
            self.parts.append("\n\n")
        if heading:
            offset = start
            for line in text.split("\n"):
                self.headings.append(offset)
                offset += len(line) + 1
        self.parts.append(text)
        self.length = start + len(text)
        return start

    def entry(
        self, kind: str, num: str | None, heading: str | None, start: int, body: int, depth: int
    ) -> None:
        if self.entries and start <= self.entries[-1].start:
            return  # nothing of its own to point at: the enclosing entry already starts here
        self.entries.append(OutlineEntry(kind, num, heading, start, body, depth))


def read_tota(data: bytes, source: str) -> SourceText:
    """Read a ToTA treaty into text with an authoritative chapter/article outline."""
    root = parse_xml(data, source)
    if local_name(root) != "treaty":
        raise UnsupportedFormatError("the XML root is not a ToTA <treaty>", source)
    writer = _Writer()
    seen_preamble = False
    body = root.find("body")
    for child in body if body is not None else ():
        if local_name(child) == "chapter":
            seen_preamble = _chapter(child, writer, seen_preamble)
        elif local_name(child) == "article":
            seen_preamble = _article(child, writer, "", 0, seen_preamble)
    text = "".join(writer.parts)
    if not text:
        raise EmptyDocumentError("the document has no text", source)
    end = len(text)
    outline = tuple(
        OutlineEntry(e.kind, e.num, e.heading, e.start, min(e.body_start, end), e.depth)
        for e in writer.entries
    )
    return SourceText(
        text=text,
        format="tota",
        title=_meta(root, "name"),
        language=(_meta(root, "language") or "").lower() or None,
        heading_lines=frozenset(writer.headings),
        outline=outline,
    )


def _chapter(chapter: Element, writer: _Writer, seen_preamble: bool) -> bool:
    number = _attribute(chapter, "number")
    name = _attribute(chapter, "name")
    articles = [child for child in chapter if local_name(child) == "article"]
    keyword, num = split_number(number) if number else (None, None)
    kind = _chapter_kind(keyword, name)
    lines = [line for line in (number, name) if line]
    if not number and name and not _name_is_printed(name, kind, articles):
        lines = []  # ToTA's editorial label ("Conclusion"), or the text already opens with it
    has_entry = bool(number or name)
    start = writer.block("\n".join(lines), heading=True) if lines else writer.next_start
    body_start = writer.next_start
    before = len(writer.entries)
    length = writer.length
    for article in articles:
        seen_preamble = _article(article, writer, kind, int(has_entry), seen_preamble)
    clash = len(writer.entries) > before and writer.entries[before].start == start
    if lines or (has_entry and writer.length != length and not clash):
        writer.entries.insert(before, OutlineEntry(kind, num, name or None, start, body_start, 0))
        if kind == "preamble":
            seen_preamble = True
    return seen_preamble


def _article(
    article: Element, writer: _Writer, chapter_kind: str, depth: int, seen_preamble: bool
) -> bool:
    number = _attribute(article, "number")
    name = _attribute(article, "name")
    body = _body_text("".join(article.itertext()))
    lines = [line for line in (number, name) if line]
    if lines:
        start = writer.block("\n".join(lines), heading=True)
        body_start = writer.next_start
        if body:
            writer.block(body)
        num = split_number(number)[1] if number else None
        writer.entry("article", num, name or None, start, body_start, depth)
        return seen_preamble
    if not body:
        return seen_preamble
    start = writer.block(body)
    if chapter_kind not in {"preamble", "final"}:
        if not seen_preamble and body[:8].lower() == "preamble":
            writer.entry("preamble", None, None, start, start, 0)
            return True
        if _FINAL_START.match(body):
            writer.entry("final", None, None, start, start, 0)
    return seen_preamble


def _chapter_kind(keyword: str | None, name: str | None) -> str:
    lowered = (name or "").lower()
    if lowered == "preamble":
        return "preamble"
    if lowered in {"conclusion", "conclusions"}:
        return "final"
    return _CHAPTER_KINDS.get(keyword or "", "chapter")


def _name_is_printed(name: str, kind: str, articles: list[Element]) -> bool:
    """Whether an unnumbered chapter's name belongs in the text as a heading line."""
    for article in articles:
        if _attribute(article, "number") or _attribute(article, "name"):
            return True  # a heading of its own follows: the chapter needs its own line
        opening = _body_text("".join(article.itertext()))
        if opening:
            return kind != "final" and opening[: len(name)].lower() != name.lower()
    return kind != "final"


def _attribute(element: Element, key: str) -> str:
    return _SPACES.sub(" ", normalise(element.get(key) or "")).strip()


def _body_text(raw: str) -> str:
    """Article text, normalised, with each line stripped and runs of blanks collapsed.

    A few ToTA files flatten the text to one line and mark the lost line breaks with two
    spaces; there, a double space after punctuation becomes a line break again, so that
    markers such as "2." open their own line.
    """
    text = normalise(raw)
    if "\n" not in text and "  " in text:
        text = _SOFT_BREAK.sub(_soft_break, text)
    lines = (_BLANKS.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


def _soft_break(match: re.Match[str]) -> str:
    before = match.string[max(0, match.start() - 8) : match.start()].rsplit(" ", 1)[-1]
    return " " if _BARE_MARKER.match(before) else "\n"


def _meta(root: Element, key: str) -> str | None:
    value = root.findtext(f"meta/{key}")
    return _SPACES.sub(" ", normalise(value)).strip() or None if value else None
