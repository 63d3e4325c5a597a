"""Small, dependency-free builders for the reader tests: PDF files, DOCX numbering, zip bombs."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph

Line = str | tuple[str, str]

_PAGE_WIDTH, _PAGE_HEIGHT = 612, 792
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _page_content(lines: Sequence[Line], font_size: int, leading: int) -> bytes:
    """Text lines from the top of the page down; "" leaves a blank line (a vertical gap).

    A tuple sets two columns side by side; as in a real file, the content stream holds the
    whole left column before the right one."""
    columns: list[list[bytes]] = [[], []]
    y = _PAGE_HEIGHT - 72
    for line in lines:
        cells = [(72, line)] if isinstance(line, str) else [(72, line[0]), (330, line[1])]
        for column, (x, text) in enumerate(cells):
            if text:
                columns[column].append(
                    b"BT /F1 %d Tf 1 0 0 1 %d %d Tm " % (font_size, x, y)
                    + _pdf_string(text)
                    + b" Tj ET"
                )
        y -= leading
    return b"\n".join(columns[0] + columns[1])


def build_pdf(
    pages: Sequence[Sequence[Line]],
    *,
    title: str | None = None,
    lang: str | None = None,
    rectangles_only: bool = False,
    font_size: int = 10,
    leading: int = 13,
) -> bytes:
    """A valid PDF with Helvetica text lines on each page (or only a filled rectangle)."""
    count = len(pages)
    first_page = 4
    catalog = b"<< /Type /Catalog /Pages 2 0 R"
    if lang is not None:
        catalog += b" /Lang " + _pdf_string(lang)
    objects: list[bytes] = [
        catalog + b" >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(count)), count),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for index, lines in enumerate(pages):
        content = (
            b"0 0 0 rg 72 72 300 300 re f"
            if rectangles_only
            else _page_content(lines, font_size, leading)
        )
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
            % (_PAGE_WIDTH, _PAGE_HEIGHT, first_page + 2 * index + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    info = None
    if title is not None:
        objects.append(b"<< /Title %s >>" % _pdf_string(title))
        info = len(objects)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if info is not None:
        trailer += b" /Info %d 0 R" % info
    out.write(trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def add_numbering(document: DocxDocument, abstract_xml: str | None, num_xml: str) -> None:
    """Append a ``w:abstractNum`` (if given) and a ``w:num``, written without xmlns."""
    part = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING)
    root = part.element
    declare = f' xmlns:w="{_W_NS}"'
    if abstract_xml is not None:
        tag = "<w:abstractNum "
        abstract = parse_xml(abstract_xml.replace(tag, f"<w:abstractNum{declare} ", 1))
        first_num = root.find(f"{{{_W_NS}}}num")
        if first_num is not None:
            first_num.addprevious(abstract)  # every abstractNum must precede the nums
        else:
            root.append(abstract)
    root.append(parse_xml(num_xml.replace("<w:num ", f"<w:num{declare} ", 1)))


def number_paragraph(paragraph: Paragraph, num_id: int, ilvl: int = 0) -> None:
    """Give a python-docx paragraph direct numbering (w:numPr)."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(
        0,
        parse_xml(
            f'<w:numPr xmlns:w="{_W_NS}"><w:ilvl w:val="{ilvl}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        ),
    )


def zip_bomb(member_size: int) -> bytes:
    """A DOCX-shaped zip whose one member inflates to ``member_size`` bytes of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        chunk = b"\0" * (1 << 20)
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as member:
            written = 0
            while written < member_size:
                piece = chunk[: min(len(chunk), member_size - written)]
                member.write(piece)
                written += len(piece)
    return out.getvalue()
