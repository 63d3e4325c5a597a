"""DOCX: body paragraphs and tables in document order, with Word's automatic numbering printed.

The package is checked before python-docx opens it (zip bomb, DTDs). Each paragraph becomes a
block; a table becomes one block with a line per row and its non-empty cells separated by a
tab. The numbers Word draws from ``numbering.xml`` ("1.", "(a)", "Article 5") are not in a
paragraph's text, yet the segmenter finds provisions by them, so they are rendered and put in
front of the paragraph with a space. Headers, footers, notes, comments, text boxes, hidden and
deleted (tracked) text are left out.

XML elements are lxml elements reached through python-docx, which ships no type stubs; they
are typed ``Any``.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from foedus.analysis.ingest.source import Limits, SourceText
from foedus.analysis.normalise import normalise
from foedus.domain.errors import CorruptDocumentError, EmptyDocumentError, UnsafeDocumentError

__all__ = ["read_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _TR, _TC, _R, _T = (f"{_W}{n}" for n in ("p", "tbl", "tr", "tc", "r", "t"))
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"
_VAL = f"{_W}val"
_TABS = {f"{_W}tab", f"{_W}ptab"}
_BREAKS = {f"{_W}br", f"{_W}cr"}
_SKIPPED = {
    _MC_FALLBACK,
    *(f"{_W}{name}" for name in ("pPr", "rPr", "del", "moveFrom", "txbxContent", "drawing")),
    *(f"{_W}{name}" for name in ("pict", "object", "footnoteReference", "endnoteReference")),
    f"{_W}commentReference",
}
_BIG_MEMBER = 10 * 1024 * 1024
_MAX_RATIO = 200
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def read_docx(data: bytes, source: str, limits: Limits) -> SourceText:
    """Read a Word document's body into normalised text, numbering and headings included."""
    _check_package(data, source, limits)
    document = _open(data, source)
    styles = _Styles(document.styles.element)
    numbering = _Numbering(_numbering_root(document), styles)
    parts: list[str] = []
    headings: list[int] = []
    offset = 0
    first_title: str | None = None
    for text, heading, title in _blocks(document.element.body, styles, numbering):
        if parts:
            parts.append("\n\n")
            offset += 2
        if heading:
            line_start = offset
            for line in text.split("\n"):
                headings.append(line_start)
                line_start += len(line) + 1
        if title and first_title is None:
            first_title = " ".join(text.split())
        parts.append(text)
        offset += len(text)
    text = "".join(parts)
    if not text:
        raise EmptyDocumentError("the document has no text", source)
    core_title = (document.core_properties.title or "").strip()
    return SourceText(
        text=text,
        format="docx",
        title=" ".join(core_title.split()) or first_title,
        language=styles.language,
        heading_lines=frozenset(headings),
    )


def _check_package(data: bytes, source: str, limits: Limits) -> None:
    """Refuse zip bombs and XML with DTDs before any XML parser sees the package.

    zipfile never inflates a member past its declared size, so the declared sizes bound the
    work done here and in python-docx.
    """
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
            limit = limits.max_unpacked_bytes
            if sum(member.file_size for member in members) > limit or any(
                member.file_size > _BIG_MEMBER
                and member.file_size > _MAX_RATIO * max(member.compress_size, 1)
                for member in members
            ):
                raise UnsafeDocumentError(
                    f"uncompressed content exceeds the {limit / 2**20:.1f} MB limit (zip bomb?)",
                    source,
                )
            if "word/document.xml" not in archive.namelist():
                raise CorruptDocumentError("not a valid DOCX (no word/document.xml)", source)
            for member in members:
                if member.filename.endswith((".xml", ".rels")) and _declares(archive.read(member)):
                    raise UnsafeDocumentError(
                        f"a DTD or entity declaration in {member.filename} is not allowed", source
                    )
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        # NotImplementedError: an unknown compression method; RuntimeError: an encrypted member
        raise CorruptDocumentError(f"not a valid DOCX ({_reason(exc)})", source) from None


def _declares(blob: bytes) -> bool:
    if blob[:2] in {b"\xff\xfe", b"\xfe\xff"}:
        blob = blob.decode("utf-16", "ignore").encode("utf-8")
    return _DECLARATION.search(blob) is not None


def _open(data: bytes, source: str) -> Any:
    from docx import Document
    from docx.exceptions import PythonDocxError
    from docx.opc.exceptions import OpcError

    # SyntaxError covers lxml's XMLSyntaxError
    failures = (zipfile.BadZipFile, KeyError, ValueError, SyntaxError, OpcError, PythonDocxError)
    try:
        return Document(BytesIO(data))
    except failures as exc:
        raise CorruptDocumentError(f"not a valid DOCX ({_reason(exc)})", source) from None


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()).strip("'\" .")
    if not text:
        return type(exc).__name__
    return (text[0].lower() + text[1:])[:120]


def _numbering_root(document: Any) -> Any:
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:
        return document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:
        return None


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: bool


class _Styles:
    """Paragraph and numbering styles, with their basedOn chains."""

    def __init__(self, root: Any) -> None:
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        for style in root.iter(f"{_W}style"):
            style_id = style.get(f"{_W}styleId")
            if style_id is None:
                continue
            if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in {"1", "true"}:
                self.default = style_id
            num_id, ilvl = _num_pr(style.find(f"{_W}pPr"))
            self.styles[style_id] = _Style(
                name=_val(style.find(f"{_W}name")) or "",
                based_on=_val(style.find(f"{_W}basedOn")),
                num_id=num_id,
                ilvl=ilvl,
                outline=_outline(style.find(f"{_W}pPr")),
            )
        lang = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}lang")
        primary = (_val(lang) or "").split("-")[0].lower()
        self.language = primary if primary.isalpha() and 2 <= len(primary) <= 3 else None

    def chain(self, style_id: str | None) -> Iterator[tuple[str, _Style]]:
        seen: set[str] = set()
        current = style_id or self.default
        while current and current in self.styles and current not in seen:
            seen.add(current)
            yield current, self.styles[current]
            current = self.styles[current].based_on

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        for _, style in self.chain(style_id):
            if style.num_id is not None:
                return style.num_id, style.ilvl
        return None, None


@dataclass(frozen=True, slots=True)
class _Level:
    start: int
    fmt: str
    text: str
    restart: int | None
    style: str | None
    suffix: str


class _Numbering:
    """Word's list numbering: definitions from numbering.xml and the running counters."""

    def __init__(self, root: Any, styles: _Styles) -> None:
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.links: dict[str, str] = {}  # abstractNumId → the numbering style it follows
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[tuple[str, int]] = set()
        if root is None:
            return
        for abstract in root.iter(f"{_W}abstractNum"):
            key = abstract.get(f"{_W}abstractNumId") or ""
            self.abstract[key] = _levels(abstract)
            link = _val(abstract.find(f"{_W}numStyleLink"))
            if link:
                self.links[key] = link
        for num in root.iter(f"{_W}num"):
            starts: dict[int, int] = {}
            overrides: dict[int, _Level] = {}
            for override in num.iter(f"{_W}lvlOverride"):
                ilvl = _int(override.get(f"{_W}ilvl"), 0)
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    starts[ilvl] = _int(start.get(_VAL), 1)
                overrides.update(_levels(override))
            abstract_id = _val(num.find(f"{_W}abstractNumId")) or ""
            self.nums[num.get(f"{_W}numId") or ""] = (abstract_id, starts, overrides)

    def _resolve(self, num_id: str) -> tuple[str, dict[int, _Level], dict[int, int]] | None:
        for _ in range(4):  # an abstractNum may point through a numbering style to another
            if num_id not in self.nums:
                return None
            abstract_id, starts, overrides = self.nums[num_id]
            link = self.links.get(abstract_id)
            linked = self.styles.numbering(link)[0] if link else None
            if linked is None or linked == num_id:
                return abstract_id, {**self.abstract.get(abstract_id, {}), **overrides}, starts
            num_id = linked
        return None

    def marker(self, num_id: str, ilvl: int | None, style_id: str | None) -> tuple[str, str] | None:
        """The printed number of the next paragraph in list ``num_id``, and what follows it."""
        resolved = self._resolve(num_id)
        if resolved is None:
            return None
        abstract_id, levels, starts = resolved
        if ilvl is None:
            ilvl = next((i for i, level in levels.items() if level.style == style_id), 0)
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(abstract_id, {})
        if ilvl in starts and (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            counters[ilvl] = starts[ilvl]
        else:
            counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if ilvl < (deeper if restart is None else restart):
                del counters[deeper]
        if level.fmt == "bullet":
            return None

        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index)
            value = counters.get(index, shown.start if shown else 1)
            return _format(value, shown.fmt if shown else "decimal")

        text = _PLACEHOLDER.sub(number, level.text).strip()
        return (text, level.suffix) if text else None


def _levels(parent: Any) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for lvl in parent.findall(f"{_W}lvl"):
        restart = lvl.find(f"{_W}lvlRestart")
        suffix = _val(lvl.find(f"{_W}suff")) or "tab"
        levels[_int(lvl.get(f"{_W}ilvl"), 0)] = _Level(
            start=_int(_val(lvl.find(f"{_W}start")), 0),
            fmt=_val(lvl.find(f"{_W}numFmt")) or "decimal",
            text=_val(lvl.find(f"{_W}lvlText")) or "",
            restart=_int(_val(restart), 0) if restart is not None else None,
            style=_val(lvl.find(f"{_W}pStyle")),
            suffix="" if suffix == "nothing" else " ",
        )
    return levels


def _format(value: int, fmt: str) -> str:
    if fmt == "none":
        return ""
    if fmt in {"lowerLetter", "upperLetter"} and value > 0:
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in {"lowerRoman", "upperRoman"} and 0 < value < 4000:
        roman = ""
        for amount, letters in _ROMAN:
            count, value = divmod(value, amount)
            roman += letters * count
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)  # decimal, and formats not rendered here (ordinal, cardinalText…)


def _blocks(
    parent: Any, styles: _Styles, numbering: _Numbering
) -> Iterator[tuple[str, bool, bool]]:
    """(text, is heading, is title) for each block-level element, in document order."""
    for element in _elements(parent, {_P, _TBL}):
        if element.tag == _P:
            text, heading, title = _paragraph(element, styles, numbering)
            if text:
                yield text, heading, title
        else:
            rows = []
            for row in _elements(element, {_TR}):
                cells = [_cell_text(cell, styles, numbering) for cell in _elements(row, {_TC})]
                line = "\t".join(cell for cell in cells if cell)
                if line:
                    rows.append(line)
            if rows:
                yield "\n".join(rows), False, False


def _elements(parent: Any, tags: set[str]) -> Iterator[Any]:
    """Children with one of ``tags``, looking through content controls and custom XML."""
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag in {_SDT, _CUSTOM_XML}:
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from _elements(content, tags)


def _cell_text(cell: Any, styles: _Styles, numbering: _Numbering) -> str:
    texts = [text for text, _, _ in _blocks(cell, styles, numbering)]
    return " ".join(" ".join(texts).split())


def _paragraph(p: Any, styles: _Styles, numbering: _Numbering) -> tuple[str, bool, bool]:
    ppr = p.find(f"{_W}pPr")
    style_id = _val(ppr.find(f"{_W}pStyle")) if ppr is not None else None
    chain = list(styles.chain(style_id))
    heading = _outline(ppr) or any(
        s.outline or s.name.lower().startswith("heading") or s.name.lower() == "title"
        for _, s in chain
    )
    title = any(s.name.lower() == "title" for _, s in chain)
    num_id, ilvl = _num_pr(ppr)
    if num_id is None:
        num_id, style_ilvl = styles.numbering(style_id)
        ilvl = ilvl if ilvl is not None else style_ilvl
    marker = None
    if num_id is not None and num_id != "0":
        marker = numbering.marker(num_id, ilvl, chain[0][0] if chain else None)
    pieces: list[str] = []
    _run_text(p, pieces)
    lines = [line.strip(" \t") for line in normalise("".join(pieces)).split("\n")]
    text = normalise("\n".join(lines))
    if text and marker is not None:
        text = normalise(marker[0] + marker[1] + text)
    return text, heading, title


def _run_text(element: Any, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == _T:
            out.append(child.text or "")
        elif tag in _TABS:
            out.append("\t")
        elif tag in _BREAKS:
            out.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
        elif tag != _R or not _hidden(child):
            _run_text(child, out)


def _hidden(run: Any) -> bool:
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and vanish.get(_VAL) not in {"0", "false", "off"}


def _num_pr(ppr: Any) -> tuple[str | None, int | None]:
    num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
    if num_pr is None:
        return None, None
    ilvl = _val(num_pr.find(f"{_W}ilvl"))
    return _val(num_pr.find(f"{_W}numId")), _int(ilvl, 0) if ilvl is not None else None


def _outline(ppr: Any) -> bool:
    level = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
    return level is not None and _int(level.get(_VAL), 9) < 9


def _val(element: Any) -> str | None:
    return None if element is None else element.get(_VAL)


def _int(raw: str | None, default: int) -> int:
    try:
        return int(raw) if raw is not None else default
    except ValueError:
        return default
