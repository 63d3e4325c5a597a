"""Akoma Ntoso 3.0 (OASIS LegalDocML): the text a printed copy would show, and its outline.

Elements are matched by local name, so any namespace (or none) is accepted. The preface and
preamble become one "preamble" entry, the body hierarchy one entry per element (part, chapter,
section, article, paragraph, point…), the conclusions a "final" entry and each attachment an
"annex" entry, with the element's eId. Containers print their number and heading on their
own lines ("Article 5" then "Definitions"); paragraphs and points print their number in front
of their first line ("1. The Parties…", "(a) …"), as in a real file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from foedus.analysis.ingest.source import OutlineEntry, SourceText
from foedus.analysis.ingest.tota import split_number
from foedus.analysis.ingest.xmlsafe import element_text, local_name, parse_xml
from foedus.analysis.normalise import normalise
from foedus.domain.errors import EmptyDocumentError, UnsupportedFormatError

__all__ = ["read_akn"]

_HIER_KINDS = {
    **dict.fromkeys(("part", "book", "tome", "title", "subpart", "subtitle"), "part"),
    **dict.fromkeys(("chapter", "subchapter"), "chapter"),
    **dict.fromkeys(("section", "subsection", "division", "subdivision"), "section"),
    **dict.fromkeys(("article", "clause", "rule"), "article"),
    **dict.fromkeys(("paragraph", "subclause", "subrule", "level", "alinea"), "paragraph"),
    **dict.fromkeys(("subparagraph", "point", "indent", "proviso"), "point"),
}
_HEADED_KINDS = {"part", "chapter", "section", "article"}  # number and heading on own lines
_PRINTED_WORDS = {"article": "Article", "part": "Part", "chapter": "Chapter", "title": "Title"}
_ATTACHMENTS = {"attachment", "annex", "component"}
_DOC_TYPES = {"act", "bill", "doc", "statement", "amendment", "portion", "documentCollection"}
_BLOCKISH = {
    *_HIER_KINDS,
    *_ATTACHMENTS,
    *_DOC_TYPES,
    *("hcontainer", "num", "heading", "subheading", "crossHeading", "content", "intro"),
    *("wrapUp", "list", "blockList", "item", "listIntroduction", "listWrapUp", "p", "table"),
    *("blockContainer", "container", "longTitle", "formula", "preface", "preamble", "body"),
    *("mainBody", "conclusions", "attachments", "components", "coverPage", "tblock", "toc"),
    *("tocItem", "recitals", "recital", "citations", "citation", "foreign", "blockQuote"),
    *("embeddedStructure", "quotedStructure", "collectionBody", "interstitial", "meta"),
}
_SKIP = {"meta", "authorialNote", "noteRef", "componentRef", "documentRef"}
_BREAKS = {"br", "eol", "eop"}
_BARE_NUMBER = re.compile(r"^(?:\d{1,4}[A-Za-z]?|[IVXLCDM]{1,8})(?:\s(?:bis|ter|quater))?\.?$")
_SPACES = re.compile(r"\s+")
_BREAK = "\x00"  # stands for <br/> while source whitespace is collapsed


@dataclass(slots=True)
class _Pending:
    kind: str
    num: str | None
    heading: str | None
    depth: int
    eid: str | None
    body_offset: int = 0  # from the block start to where the entry's own text begins


@dataclass(slots=True)
class _Renderer:
    parts: list[str] = field(default_factory=list)
    length: int = 0
    headings: list[int] = field(default_factory=list)
    entries: list[OutlineEntry] = field(default_factory=list)
    pending: list[_Pending] = field(default_factory=list)
    prefix: str = ""

    @property
    def next_start(self) -> int:
        return self.length + 2 if self.parts else 0

    def block(self, text: str, heading: bool = False) -> int:
        """Append a block, prefixed with pending numbers; pending entries start here."""
        text = self.prefix + text
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
        for item in self.pending:
            body = start + item.body_offset
            self.entries.append(
                OutlineEntry(item.kind, item.num, item.heading, start, body, item.depth, item.eid)
            )
        self.pending.clear()
        self.prefix = ""
        return start

    def open(
        self, element: Element, kind: str, num: str | None, heading: str | None, depth: int
    ) -> _Pending:
        """Register an entry that starts at the next block (after the pending prefix)."""
        eid = element.get("eId") or element.get("id")
        item = _Pending(kind, num, heading, depth, eid, len(self.prefix))
        self.pending.append(item)
        return item

    def close(self, item: _Pending, prefix: str) -> None:
        """Drop an entry whose element printed nothing, and the number it meant to print."""
        if any(pending is item for pending in self.pending):
            self.pending = [pending for pending in self.pending if pending is not item]
            self.prefix = prefix

    def set_body(self, index: int, body_start: int) -> None:
        entry = self.entries[index]
        self.entries[index] = OutlineEntry(
            entry.kind, entry.num, entry.heading, entry.start, body_start, entry.depth, entry.eid
        )

    def render(self, element: Element, depth: int) -> None:
        name = local_name(element)
        if not name or name in _SKIP:
            return
        if name in _HIER_KINDS:
            self.hierarchy(element, name, depth)
        elif name in _ATTACHMENTS:
            self.attachment(element, depth)
        elif name == "table":
            self.table(element)
        elif name in {"heading", "subheading", "crossHeading"}:
            self.text_block(element, heading=True)
        elif _is_container(element):
            for child in element:
                if local_name(child) == "num":
                    self.prefix += _clean(element_text(child)) + " "
                else:
                    self.render(child, depth)
        else:
            self.text_block(element)

    def hierarchy(self, element: Element, name: str, depth: int) -> None:
        kind = _HIER_KINDS[name]
        prefix = self.prefix
        num = _child_text(element, "num")
        heading = _child_text(element, "heading")
        if kind in _HEADED_KINDS:
            word, bare = split_number(num) if num else (None, None)
            if num and word is None and name in _PRINTED_WORDS and _BARE_NUMBER.match(num):
                num = f"{_PRINTED_WORDS[name]} {num}"  # print "Article 5", as a real file does
            entry_num = bare.rstrip(".") if bare and word is None else bare
            lines = [line for line in (num, heading) if line]
        else:
            entry_num = num
            lines = [f"{num} {heading}" if num else heading] if heading else []
            if num and not heading:
                self.prefix += num + " "
        item = self.open(element, kind, entry_num, heading, depth)
        if lines:
            index = len(self.entries) + len(self.pending) - 1
            self.block("\n".join(lines), heading=True)
            self.set_body(index, self.next_start)
        self.children(element, depth + 1)
        self.close(item, prefix)

    def attachment(self, element: Element, depth: int) -> None:
        doc = next((c for c in element if local_name(c) in _DOC_TYPES), element)
        preface = next((c for c in doc if local_name(c) == "preface"), None)
        number = _find_text(preface, "docNumber") if preface is not None else None
        title = _find_text(preface, "docTitle") if preface is not None else None
        num = split_number(number)[1] if number else None
        prefix = self.prefix
        item = self.open(element if element.get("eId") else doc, "annex", num, title, depth)
        index = len(self.entries) + len(self.pending) - 1
        for child in doc:
            if child is preface:
                self.title_block(child)
                if len(self.entries) > index:
                    self.set_body(index, self.next_start)
            else:
                self.render(child, depth + 1)
        self.close(item, prefix)

    def children(self, element: Element, depth: int) -> None:
        for child in element:
            name = local_name(child)
            if name in {"num", "heading"} and local_name(element) in _HIER_KINDS:
                continue
            self.render(child, depth)

    def title_block(self, preface: Element) -> None:
        """The lines of a preface (document number, title, date) as one heading block."""
        lines = _leaf_texts(preface)
        if lines:
            self.block("\n".join(lines), heading=True)

    def table(self, element: Element) -> None:
        rows = []
        groups = [c for c in element if local_name(c) in {"thead", "tbody", "tfoot"}]
        for row in [*element, *(r for group in groups for r in group)]:
            if local_name(row) != "tr":
                continue
            cells = [
                _inline_text(c).replace("\n", " ") for c in row if local_name(c) in {"td", "th"}
            ]
            line = "\t".join(cell for cell in cells if cell)
            if line:
                rows.append(line)
        if rows:
            self.block("\n".join(rows))

    def text_block(self, element: Element, heading: bool = False) -> None:
        text = _inline_text(element)
        if text:
            self.block(text, heading=heading)


def read_akn(data: bytes, source: str) -> SourceText:
    """Read an Akoma Ntoso document into text with an outline from its markup."""
    root = parse_xml(data, source)
    if local_name(root) != "akomaNtoso":
        raise UnsupportedFormatError("the XML root is not <akomaNtoso>", source)
    document = next((c for c in root if local_name(c) not in {"", "meta"}), None)
    if document is None:
        raise EmptyDocumentError("the document has no text", source)
    renderer = _Renderer()
    opening = [c for c in document if local_name(c) in {"coverPage", "preface", "preamble"}]
    if opening:
        anchor = next((c for c in opening if local_name(c) == "preamble"), opening[0])
        item = renderer.open(anchor, "preamble", None, None, 0)
        for child in opening:
            if local_name(child) == "preface":
                renderer.title_block(child)
            else:
                renderer.children(child, 1)
        renderer.close(item, "")
    for child in document:
        name = local_name(child)
        if name in {"coverPage", "preface", "preamble"}:
            continue
        if name == "conclusions":
            item = renderer.open(child, "final", None, None, 0)
            renderer.children(child, 1)
            renderer.close(item, "")
        elif name in {"attachments", "components"}:
            for attachment in child:
                renderer.render(attachment, 0)
        else:
            renderer.render(child, 0)
    text = "".join(renderer.parts)
    if not text:
        raise EmptyDocumentError("the document has no text", source)
    return SourceText(
        text=text,
        format="akn",
        title=_title(document),
        language=_language(document),
        heading_lines=frozenset(renderer.headings),
        outline=tuple(renderer.entries),
    )


def _is_container(element: Element) -> bool:
    """Whether ``element`` holds only blocks (no text of its own between them)."""
    if (element.text or "").strip() or len(element) == 0:
        return False
    return all(
        local_name(child) in _BLOCKISH and not (child.tail or "").strip() for child in element
    )


def _leaf_texts(element: Element) -> list[str]:
    if not _is_container(element):
        text = _inline_text(element)
        return [text] if text else []
    return [line for child in element for line in _leaf_texts(child)]


def _inline_text(element: Element) -> str:
    pieces: list[str] = []
    _gather(element, pieces)
    lines = (_SPACES.sub(" ", normalise(part)).strip() for part in "".join(pieces).split(_BREAK))
    return "\n".join(line for line in lines if line)


def _gather(element: Element, pieces: list[str]) -> None:
    if element.text:
        pieces.append(element.text)
    for child in element:
        name = local_name(child)
        if name in _BREAKS:
            pieces.append(_BREAK)
        elif name and name not in _SKIP:
            _gather(child, pieces)
        if child.tail:
            pieces.append(child.tail)


def _child_text(element: Element, name: str) -> str | None:
    child = next((c for c in element if local_name(c) == name), None)
    return _clean(_inline_text(child)) or None if child is not None else None


def _find_text(element: Element, name: str) -> str | None:
    found = next((e for e in element.iter() if local_name(e) == name), None)
    return _clean(_inline_text(found)) or None if found is not None else None


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _title(document: Element) -> str | None:
    preface = next((c for c in document if local_name(c) == "preface"), None)
    if preface is not None:
        title = _find_text(preface, "docTitle")
        if title:
            return title
    for element in document.iter():
        if local_name(element) == "FRBRWork":
            name = next((e for e in element if local_name(e) == "FRBRname"), None)
            if name is not None and (name.get("value") or "").strip():
                return _clean(name.get("value") or "")
    if preface is not None:
        return next((t for t in map(_inline_text, preface) if t), None)
    return None


def _language(document: Element) -> str | None:
    languages = [e for e in document.iter() if local_name(e) == "FRBRlanguage"]
    for element in languages:
        value = (element.get("language") or "").strip()
        if value:
            return value
    return None
