"""HTML: the text a browser shows, block by block, with ``<h1>``–``<h6>`` kept as heading lines.

Block elements separate blocks (a blank line in the text), ``<br>`` breaks a line, whitespace
inside a block collapses as a browser collapses it (except in ``<pre>``), and scripts, styles,
the ``<head>``, navigation and footers are dropped. Items of an ``<ol>`` carry the marker the
browser prints ("1.", "a.", "iv.") because the segmenter finds provisions by their numbers;
``<ul>`` items get none. A table row becomes one line with its non-empty cells separated by a
tab (the separator every reader uses for table cells).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from foedus.analysis.ingest.source import SourceText
from foedus.analysis.ingest.text import decode_text
from foedus.analysis.normalise import normalise
from foedus.domain.errors import EmptyDocumentError

__all__ = ["read_html"]

_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details"}
    | {"dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "form", "header"}
    | {"hgroup", "hr", "html", "legend", "li", "main", "menu", "ol", "p", "pre", "section"}
    | {"summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_DROPPED = frozenset(
    {"script", "style", "head", "nav", "footer", "noscript", "template", "svg", "math"}
    | {"iframe", "object", "canvas", "select", "button"}
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LIST_STYLES = {
    "decimal": "1",
    "lower-alpha": "a",
    "lower-latin": "a",
    "upper-alpha": "A",
    "upper-latin": "A",
    "lower-roman": "i",
    "upper-roman": "I",
    "none": "",
}
_STYLE_TYPE = re.compile(r"list-style(?:-type)?\s*:\s*([a-z\-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.I)
_BOM = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"}
_COLLAPSE = re.compile(r"[ \t\n\r\f]+")
_BREAK = "\x00"  # stands for <br> while whitespace is collapsed


def read_html(data: bytes, source: str) -> SourceText:
    """Read an HTML page into normalised text, one block per paragraph-like element."""
    parser = _Parser()
    parser.feed(_decode(data, source))
    parser.close()
    parser.finish()
    parts: list[str] = []
    headings: list[int] = []
    offset = 0
    for text, heading in parser.blocks:
        if parts:
            parts.append("\n\n")
            offset += 2
        if heading:
            line_start = offset
            for line in text.split("\n"):
                headings.append(line_start)
                line_start += len(line) + 1
        parts.append(text)
        offset += len(text)
    text = "".join(parts)
    if not text:
        raise EmptyDocumentError("the document has no text", source)
    title = parser.title_text() or parser.first_h1
    return SourceText(
        text=text,
        format="html",
        title=title or None,
        language=parser.language,
        heading_lines=frozenset(headings),
    )


def _decode(data: bytes, source: str) -> str:
    """Decode as a browser would: BOM first, then ``<meta charset>``, then detection."""
    if data.startswith(_BOM):
        return decode_text(data, source)
    match = _META_CHARSET.search(data[:4096])
    if match:
        label = match.group(1).decode("ascii").lower()
        encoding = "cp1252" if label in _WINDOWS_1252 else label
        if not encoding.startswith("utf-16"):  # a page cannot declare UTF-16 in itself
            try:
                return data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_text(data, source)


@dataclass(slots=True)
class _List:
    ordered: bool
    style: str
    next_value: int
    step: int


@dataclass(slots=True)
class _Table:
    rows: list[str] = field(default_factory=list)
    row: list[str] | None = None
    cell: list[str] | None = None

    def end_cell(self) -> None:
        if self.cell is not None and self.row is not None:
            self.row.append(_COLLAPSE.sub(" ", "".join(self.cell).replace(_BREAK, " ")).strip())
        self.cell = None

    def end_row(self) -> None:
        self.end_cell()
        if self.row is not None:
            line = "\t".join(cell for cell in self.row if cell)
            if line:
                self.rows.append(line)
        self.row = None


class _Parser(HTMLParser):
    """Collects (text, is_heading) blocks in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []
        self.buffer: list[str] = []
        self.skipping: list[str] = []
        self.lists: list[_List] = []
        self.tables: list[_Table] = []
        self.marker: str | None = None
        self.heading_depth = 0
        self.h1_depth = 0
        self.pre_depth = 0
        self.title_parts: list[str] | None = None
        self.title_seen: list[str] = []
        self.first_h1: str | None = None
        self.language: str | None = None

    def title_text(self) -> str:
        return _COLLAPSE.sub(" ", "".join(self.title_seen)).strip()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "title" and self.title_parts is None and not self.title_seen:
            self.title_parts = self.title_seen
        if tag == "html":
            lang = (attributes.get("lang") or attributes.get("xml:lang") or "").strip()
            primary = lang.split("-")[0].lower()
            self.language = primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
        if tag == "body" and "head" in self.skipping:
            self.skipping.clear()  # an unclosed <head> ends where the body begins
        if self.skipping:
            if tag in _DROPPED:
                self.skipping.append(tag)
            return
        if tag in _DROPPED or ("hidden" in attributes and tag not in _VOID):
            self.skipping.append(tag)
            return
        table = self.tables[-1] if self.tables else None
        if tag == "br":
            self._text(_BREAK)
        elif tag == "table":
            self._break()
            self.tables.append(_Table())
        elif table is not None and tag == "tr":
            table.end_row()
            table.row = []
        elif table is not None and tag in {"td", "th"}:
            table.end_cell()
            if table.row is None:
                table.row = []
            table.cell = []
        elif tag in {"ol", "ul", "menu"}:
            self._break()
            self.lists.append(_new_list(tag, attributes))
        elif tag == "li":
            self._break()
            self._start_item(attributes)
        elif tag in _BLOCKS:
            self._break()
            self.heading_depth += tag in _HEADINGS
            self.h1_depth += tag == "h1"
            self.pre_depth += tag == "pre"

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.title_parts = None
        if self.skipping:
            if tag in self.skipping:
                while self.skipping.pop() != tag:
                    pass
            return
        table = self.tables[-1] if self.tables else None
        if tag == "table" and table is not None:
            self._end_table()
        elif table is not None and tag == "tr":
            table.end_row()
        elif table is not None and tag in {"td", "th"}:
            table.end_cell()
        elif tag in {"ol", "ul", "menu"}:
            self._break()
            if self.lists:
                self.lists.pop()
        elif tag in _BLOCKS:
            self._break()
            self.heading_depth -= tag in _HEADINGS and self.heading_depth > 0
            self.h1_depth -= tag == "h1" and self.h1_depth > 0
            self.pre_depth -= tag == "pre" and self.pre_depth > 0

    def handle_data(self, data: str) -> None:
        if self.title_parts is not None:
            self.title_parts.append(data)
            return
        if not self.skipping:
            self._text(data if self.pre_depth else data.replace(_BREAK, ""))

    def finish(self) -> None:
        """Flush what the last block and any unclosed tables hold."""
        while self.tables:
            self._end_table()
        self._break()

    def _text(self, data: str) -> None:
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            table.cell.append(data)
        elif table is None or data.strip():
            self.buffer.append(data)

    def _start_item(self, attributes: dict[str, str | None]) -> None:
        current = self.lists[-1] if self.lists else None
        if current is None or not current.ordered or not current.style:
            self.marker = None
            return
        value = _int(attributes.get("value"), current.next_value)
        current.next_value = value + current.step
        self.marker = _format_marker(value, current.style)
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            table.cell.append(self.marker + " ")
            self.marker = None

    def _end_table(self) -> None:
        table = self.tables.pop()
        table.end_row()
        self._break()
        outer = self.tables[-1] if self.tables else None
        if outer is not None and outer.cell is not None:
            outer.cell.append(" " + " ".join(table.rows) + " ")  # a table inside a cell
        elif table.rows:
            self.blocks.append(("\n".join(normalise(row) for row in table.rows), False))

    def _break(self) -> None:
        """End the current block (if it holds text) at a block boundary."""
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            table.cell.append(" ")
            return
        raw, self.buffer = "".join(self.buffer), []
        if self.pre_depth:
            lines = [line.rstrip() for line in raw.replace(_BREAK, "\n").split("\n")]
        else:
            lines = [_COLLAPSE.sub(" ", part).strip() for part in raw.split(_BREAK)]
        text = normalise("\n".join(lines))
        if not text.strip():
            return
        if self.marker:
            text = f"{self.marker} {text}"
            self.marker = None
        heading = self.heading_depth > 0
        if self.h1_depth and self.first_h1 is None:
            self.first_h1 = _COLLAPSE.sub(" ", text).strip()
        self.blocks.append((text, heading))


def _new_list(tag: str, attributes: dict[str, str | None]) -> _List:
    style = "1" if tag == "ol" else ""
    kind = attributes.get("type")
    if tag == "ol" and kind in {"1", "a", "A", "i", "I"}:
        style = kind
    css = _STYLE_TYPE.search(attributes.get("style") or "")
    if css:
        style = _LIST_STYLES.get(css.group(1).lower(), style)
    step = -1 if tag == "ol" and "reversed" in attributes else 1
    return _List(bool(style), style, _int(attributes.get("start"), 1), step)


def _int(raw: str | None, default: int) -> int:
    try:
        return int((raw or "").strip())
    except ValueError:
        return default


def _format_marker(value: int, style: str) -> str:
    if style in {"a", "A"} and value >= 1:
        letters = ""
        number = value
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return (letters.upper() if style == "A" else letters) + "."
    if style in {"i", "I"} and 1 <= value < 4000:
        roman = _roman(value)
        return (roman.upper() if style == "I" else roman) + "."
    return f"{value}."


def _roman(value: int) -> str:
    digits = (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    )  # fmt: skip
    out = []
    for amount, letters in digits:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)
