"""The DOCX reader: body in document order, automatic numbering printed, unsafe files refused."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from ingest_builders import add_numbering, number_paragraph, zip_bomb

from foedus.analysis.ingest import read_bytes
from foedus.analysis.ingest.docx import read_docx
from foedus.analysis.ingest.source import Limits
from foedus.analysis.normalise import normalise
from foedus.domain.errors import CorruptDocumentError, UnsafeDocumentError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# A treaty list: "Article 1" / "1." / "(a)" / "(i)", and "1.1" on a fifth level.


def level(ilvl: int, fmt: str, text: str, extra: str = "") -> str:
    """A ``w:lvl`` starting at 1."""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/>{extra}<w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


TREATY_LIST = (
    '<w:abstractNum w:abstractNumId="90">'
    + level(0, "decimal", "Article %1")
    + level(1, "decimal", "%2.")
    + level(2, "lowerLetter", "(%3)")
    + level(3, "lowerRoman", "(%4)")
    + level(4, "decimal", "%2.%5")
    + "</w:abstractNum>"
)


def save(document: DocxDocument) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def read(data: bytes, limits: Limits | None = None) -> str:
    source = read_docx(data, "test.docx", limits or Limits())
    assert normalise(source.text) == source.text
    return source.text


def numbered(paragraphs: list[tuple[str, int]], *extra: tuple[str | None, str]) -> bytes:
    """A document whose paragraphs ("text" or "numId@text", level) use direct numbering."""
    document = docx.Document()
    add_numbering(
        document, TREATY_LIST, '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
    )
    for abstract, num in extra:
        add_numbering(document, abstract, num)
    for text, ilvl in paragraphs:
        num_id, _, text = text.rpartition("@") if "@" in text else ("90", "", text)
        number_paragraph(document.add_paragraph(text), int(num_id), ilvl)
    return save(document)


def test_renders_word_automatic_numbering_as_printed_numbers() -> None:
    data = numbered(
        [
            ("Scope", 0),
            ("This Agreement applies to the Parties.", 1),
            ("Each Party shall:", 1),
            ("cooperate;", 2),
            ("consult, in particular:", 2),
            ("at once;", 3),
            ("in writing.", 3),
            ("Commitments", 0),
            ("The Parties shall act.", 1),
            ("A sub-paragraph numbered from its parent.", 4),
        ]
    )
    assert read(data).split("\n\n") == [
        "Article 1 Scope",
        "1. This Agreement applies to the Parties.",
        "2. Each Party shall:",
        "(a) cooperate;",
        "(b) consult, in particular:",
        "(i) at once;",
        "(ii) in writing.",
        "Article 2 Commitments",
        "1. The Parties shall act.",
        "1.1 A sub-paragraph numbered from its parent.",
    ]


def test_restarts_a_list_with_a_start_override_and_honours_level_restart() -> None:
    no_restart = (
        '<w:abstractNum w:abstractNumId="91">'
        + level(0, "upperRoman", "PART %1")
        + level(1, "decimal", "Article %2", extra='<w:lvlRestart w:val="0"/>')
        + "</w:abstractNum>"
    )
    data = numbered(
        [
            ("Objectives", 0),
            ("Rights", 1),
            ("91@Institutions", 0),
            ("91@Council", 1),
            ("91@Final provisions", 0),
            ("91@Entry into force", 1),
            ("92@Restarted", 1),
            ("92@Continued", 1),
        ],
        (no_restart, '<w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>'),
        (
            None,
            '<w:num w:numId="92"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>',
        ),
    )
    assert read(data).split("\n\n") == [
        "Article 1 Objectives",
        "1. Rights",
        "PART I Institutions",
        "Article 1 Council",
        "PART II Final provisions",
        "Article 2 Entry into force",
        "5. Restarted",
        "6. Continued",
    ]


@pytest.mark.parametrize(
    ("fmt", "text", "expected"),
    [
        ("upperLetter", "%1.", ["A. one", "B. two", "C. three"]),
        ("upperRoman", "(%1)", ["(I) one", "(II) two", "(III) three"]),
        ("decimalZero", "%1)", ["01) one", "02) two", "03) three"]),
        ("bullet", "\uf0b7", ["one", "two", "three"]),
        ("none", "", ["one", "two", "three"]),
    ],
)
def test_formats_each_number_style(fmt: str, text: str, expected: list[str]) -> None:
    abstract = f'<w:abstractNum w:abstractNumId="93">{level(0, fmt, text)}</w:abstractNum>'
    data = numbered(
        [("93@one", 0), ("93@two", 0), ("93@three", 0)],
        (abstract, '<w:num w:numId="93"><w:abstractNumId w:val="93"/></w:num>'),
    )
    assert read(data).split("\n\n") == expected


def test_takes_numbering_from_the_paragraph_style_and_its_base_styles() -> None:
    document = docx.Document()
    add_numbering(
        document, TREATY_LIST, '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
    )
    styles = document.styles.element
    styles.append(
        parse_xml(
            f'<w:style xmlns:w="{W}" w:type="paragraph" w:styleId="TreatyArticle">'
            '<w:name w:val="Treaty Article"/><w:basedOn w:val="Heading1"/>'
            '<w:pPr><w:numPr><w:numId w:val="90"/></w:numPr></w:pPr></w:style>'
        )
    )
    styles.append(
        parse_xml(
            f'<w:style xmlns:w="{W}" w:type="paragraph" w:styleId="TreatyArticleBold">'
            '<w:name w:val="Treaty Article Bold"/><w:basedOn w:val="TreatyArticle"/></w:style>'
        )
    )
    document.add_paragraph("Definitions", style="Treaty Article")
    document.add_paragraph("Scope", style="Treaty Article Bold")
    number_paragraph(document.add_paragraph("Unnumbered", style="Treaty Article"), 0)
    document.add_paragraph("Plain text.")
    source = read_docx(save(document), "styled.docx", Limits())
    assert source.text == ("Article 1 Definitions\n\nArticle 2 Scope\n\nUnnumbered\n\nPlain text.")
    headings = {source.text.index(line) for line in ("Article 1", "Article 2", "Unnumbered")}
    assert source.heading_lines == frozenset(headings)


def test_uses_the_built_in_list_number_style_of_word() -> None:
    document = docx.Document()
    document.add_paragraph("first", style="List Number")
    document.add_paragraph("second", style="List Number")
    document.add_paragraph("a bullet", style="List Bullet")
    assert read(save(document)) == "1. first\n\n2. second\n\na bullet"


def test_reads_paragraphs_and_tables_in_document_order() -> None:
    document = docx.Document()
    document.add_paragraph("Before the table.")
    table = document.add_table(rows=3, cols=3)
    for (row, col), value in {
        (0, 0): "Item",
        (0, 1): "Amount",
        (1, 0): "Boats",
        (1, 2): "12 units",
        (2, 1): "",
    }.items():
        table.cell(row, col).text = value
    table.cell(0, 2).paragraphs[0].add_run("Note")
    table.cell(0, 2).add_paragraph("continued")
    document.add_paragraph("After the table.")
    assert read(save(document)) == (
        "Before the table.\n\nItem\tAmount\tNote continued\nBoats\t12 units\n\nAfter the table."
    )


def test_marks_heading_styles_and_takes_title_and_language() -> None:
    document = docx.Document()
    document.core_properties.title = ""
    document.add_paragraph("Agreement on Security Cooperation", style="Title")
    document.add_heading("Article 1", level=2)
    document.add_paragraph("Body text.")
    source = read_docx(save(document), "t.docx", Limits())
    assert source.title == "Agreement on Security Cooperation"
    assert source.language == "en"
    offsets = sorted(source.heading_lines)
    assert [source.text[o:].split("\n")[0] for o in offsets] == [
        "Agreement on Security Cooperation",
        "Article 1",
    ]
    document.core_properties.title = "  Security   Agreement "
    assert read_docx(save(document), "t.docx", Limits()).title == "Security Agreement"


def test_leaves_out_hidden_and_deleted_text_and_keeps_tabs_and_line_breaks() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Visible")
    paragraph.add_run(" secret").font.hidden = True
    paragraph.add_run().add_break()
    paragraph.add_run("next line\tafter tab")
    paragraph._p.append(
        parse_xml(
            f'<w:del xmlns:w="{W}" w:id="1" w:author="x">'
            "<w:r><w:delText> gone</w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:ins xmlns:w="{W}" w:id="2" w:author="x"><w:r><w:t> added</w:t></w:r></w:ins>'
        )
    )
    assert read(save(document)) == "Visible\nnext line\tafter tab added"


def test_reads_paragraphs_inside_content_controls() -> None:
    document = docx.Document()
    document.add_paragraph("Outside.")
    body = document.element.body
    body.insert(
        len(body) - 1,
        parse_xml(
            f'<w:sdt xmlns:w="{W}"><w:sdtContent><w:p><w:r><w:t>Inside a control.</w:t></w:r></w:p>'
            "</w:sdtContent></w:sdt>"
        ),
    )
    assert read(save(document)) == "Outside.\n\nInside a control."


def test_is_reached_through_the_format_dispatcher() -> None:
    document = docx.Document()
    document.add_paragraph("Through the dispatcher.")
    source = read_bytes(save(document), "d.docx", suffix=".docx")
    assert (source.format, source.text) == ("docx", "Through the dispatcher.")


def _rewrite(data: bytes, name: str, content: bytes | None) -> bytes:
    """The package with member ``name`` replaced (or removed when ``content`` is None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item, source.read(item))
        if content is not None:
            target.writestr(name, content)
    return out.getvalue()


def _plain_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Text.")
    return save(document)


def test_refuses_a_truncated_docx_as_corrupt() -> None:
    data = _plain_docx()
    with pytest.raises(CorruptDocumentError, match=r"not a valid DOCX \(") as caught:
        read_docx(data[: len(data) // 2], "cut.docx", Limits())
    assert caught.value.source == "cut.docx"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("word/document.xml", None, "no word/document.xml"),
        ("word/document.xml", b"<w:document><w:body>", "not a valid DOCX"),
        ("[Content_Types].xml", None, "not a valid DOCX"),
    ],
)
def test_refuses_a_damaged_package_as_corrupt(
    name: str, content: bytes | None, reason: str
) -> None:
    with pytest.raises(CorruptDocumentError, match=reason):
        read_docx(_rewrite(_plain_docx(), name, content), "bad.docx", Limits())


def test_refuses_a_zip_bomb_over_the_unpacked_limit() -> None:
    bomb = zip_bomb(8 * 2**20)
    assert len(bomb) < 100_000
    with pytest.raises(UnsafeDocumentError, match=r"exceeds the 4\.0 MB limit \(zip bomb\?\)"):
        read_docx(bomb, "bomb.docx", Limits(max_unpacked_bytes=4 * 2**20))


def test_refuses_a_large_member_with_an_extreme_compression_ratio() -> None:
    with pytest.raises(UnsafeDocumentError, match="zip bomb"):
        read_docx(zip_bomb(12 * 2**20), "bomb.docx", Limits())


@pytest.mark.parametrize(
    "declaration",
    [
        b'<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
        b'<!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ],
)
def test_refuses_entity_declarations_in_the_package(declaration: bytes) -> None:
    data = _plain_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    head, _, rest = xml.partition(b"?>")
    hostile = _rewrite(data, "word/document.xml", head + b"?>" + declaration + rest)
    with pytest.raises(UnsafeDocumentError, match=r"word/document\.xml"):
        read_docx(hostile, "xxe.docx", Limits())
