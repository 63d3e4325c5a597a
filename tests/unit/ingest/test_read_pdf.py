"""The PDF reader: text layer, page furniture removed, paragraphs rebuilt, bad files refused."""

from __future__ import annotations

import difflib
import io
import re
from pathlib import Path

import pytest
from ingest_builders import build_pdf
from pypdf import PdfReader, PdfWriter

from foedus.analysis.ingest import read_bytes
from foedus.analysis.ingest.pdf import read_pdf
from foedus.analysis.ingest.source import Limits
from foedus.analysis.normalise import normalise
from foedus.domain.errors import (
    CorruptDocumentError,
    EncryptedDocumentError,
    FileTooLargeError,
    NoTextLayerError,
)

HEADER = "Ruritania-Freedonia Security Agreement"
BODIES = [
    [
        "AGREEMENT ON SECURITY COOPERATION",
        "",
        "The Parties, recognising the need for long-term support and wishing to",
        "strengthen their cooperation, have agreed as follows:",
        "",
        "Article 1",
        "Scope",
        "",
        "1. This Agreement applies to all activities of the Parties relating to inter-",
        "national security cooperation and to the exchange of information between",
        "their competent authorities.",
        "2. Each Party shall designate a contact point.",
    ],
    [
        "Article 2",
        "Commitments of the Parties",
        "",
        "Each Party shall, in accordance with its law:",
        "(a) provide assistance;",
        "(b) support the other Party's long-",
        "term capacity; and",
        "(c) consult without delay.",
    ],
    [
        "Article 3",
        "Final provisions",
        "",
        "This Agreement shall enter into force on the date of its signature and",
        "shall remain in force for ten years.",
        "Done at Kyiv, in duplicate.",
    ],
]
FOOTERS = ["Page 1 of 3", "- 2 -", "3/3"]

repo_root = Path(__file__).resolve().parents[3]
BBNJ = repo_root.parent / "shared" / "corpora" / "un-bbnj"


def agreement_pdf(title: str | None = "Agreement on Security Cooperation") -> bytes:
    pages = [[HEADER, "", *body, "", footer] for body, footer in zip(BODIES, FOOTERS, strict=True)]
    return build_pdf(pages, title=title)


@pytest.fixture(scope="module")
def agreement() -> str:
    return read_pdf(agreement_pdf(), "agreement.pdf", Limits()).text


def test_returns_normalised_text_with_the_pdf_format_and_metadata_title() -> None:
    source = read_pdf(agreement_pdf(), "agreement.pdf", Limits())
    assert source.format == "pdf"
    assert normalise(source.text) == source.text
    assert source.title == "Agreement on Security Cooperation"
    assert source.outline == ()


def test_removes_running_headers_and_page_numbers(agreement: str) -> None:
    assert HEADER not in agreement
    for footer in FOOTERS:
        assert footer not in agreement
    assert agreement.startswith("AGREEMENT ON SECURITY COOPERATION\n\n")


def test_keeps_article_number_and_title_together_as_one_heading_block(agreement: str) -> None:
    assert "\n\nArticle 1\nScope\n\n1. This Agreement applies" in agreement
    assert "\n\nArticle 2\nCommitments of the Parties\n\nEach Party shall," in agreement
    assert re.findall(r"^Article \d+$", agreement, re.M) == ["Article 1", "Article 2", "Article 3"]


def test_joins_wrapped_lines_into_paragraphs_and_starts_blocks_at_markers(agreement: str) -> None:
    blocks = agreement.split("\n\n")
    assert (
        "1. This Agreement applies to all activities of the Parties relating to international "
        "security cooperation and to the exchange of information between their competent "
        "authorities."
    ) in blocks
    assert "2. Each Party shall designate a contact point." in blocks
    assert "(a) provide assistance;" in blocks
    assert "(c) consult without delay." in blocks
    assert (
        "This Agreement shall enter into force on the date of its signature and shall remain "
        "in force for ten years."
    ) in blocks


def test_rejoins_hyphenated_words_but_keeps_compounds_seen_elsewhere(agreement: str) -> None:
    assert "relating to international security" in agreement
    assert "support the other Party's long-term capacity; and" in agreement


def test_starts_a_paragraph_after_a_short_line_ending_a_sentence(agreement: str) -> None:
    assert "ten years.\n\nDone at Kyiv, in duplicate." in agreement


def test_keeps_article_headings_that_open_many_pages() -> None:
    pages = [
        ["Running head", "", f"Article {n}", "", f"The Parties shall do thing number {n}.", "", "x"]
        for n in range(1, 6)
    ]
    text = read_pdf(build_pdf(pages), "a.pdf", Limits()).text
    assert re.findall(r"^Article \d$", text, re.M) == [f"Article {n}" for n in range(1, 6)]
    assert "Running head" not in text


def test_keeps_hyphens_before_capitals_and_after_compound_prefixes() -> None:
    lines = [
        "The Parties shall support security and stability in the wider Asia-",
        "Pacific region and shall promote co-",
        "operation with non-",
        "governmental organisations in every possible and appropriate manner.",
    ]
    text = read_pdf(build_pdf([lines]), "a.pdf", Limits()).text
    assert "Asia-Pacific region" in text
    assert "promote co-operation with non-governmental organisations" in text


def test_takes_the_language_from_the_document_catalog() -> None:
    data = build_pdf([BODIES[2]], lang="en-GB")
    assert read_pdf(data, "a.pdf", Limits()).language == "en"
    assert read_pdf(build_pdf([BODIES[2]]), "a.pdf", Limits()).language is None


def test_reads_pages_set_in_two_columns_column_by_column() -> None:
    left = [f"Left column sentence number {n} goes on here" for n in range(1, 7)]
    right = [f"Right column sentence number {n} goes on here" for n in range(1, 7)]
    data = build_pdf([list(zip(left, right, strict=True))])
    text = read_pdf(data, "columns.pdf", Limits()).text
    assert "number 1 goes on here Left column sentence number 2" in text
    assert text.index("Left column sentence number 6") < text.index(
        "Right column sentence number 1"
    )


def test_ignores_a_meaningless_metadata_title() -> None:
    source = read_pdf(agreement_pdf(title="Microsoft Word - draft.docx"), "a.pdf", Limits())
    assert source.title is None
    assert read_pdf(agreement_pdf(title="XXI-10 CTC"), "a.pdf", Limits()).title is None


def test_opens_a_pdf_encrypted_with_an_owner_password_only() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(agreement_pdf())))
    writer.encrypt(user_password="", owner_password="owner-secret", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    assert "Article 3\nFinal provisions" in read_pdf(out.getvalue(), "owner.pdf", Limits()).text


def test_refuses_a_pdf_that_needs_a_user_password() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(agreement_pdf())))
    writer.encrypt(user_password="user-secret", owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(EncryptedDocumentError, match="a password is required") as caught:
        read_pdf(out.getvalue(), "locked.pdf", Limits())
    assert caught.value.source == "locked.pdf"


def test_refuses_a_scan_without_a_text_layer() -> None:
    data = build_pdf([[], []], rectangles_only=True)
    with pytest.raises(NoTextLayerError, match="OCR is not supported"):
        read_pdf(data, "scan.pdf", Limits())


def test_refuses_pages_with_almost_no_text_as_a_scan() -> None:
    data = build_pdf([["12"], ["p. 3"], ["x"]])
    with pytest.raises(NoTextLayerError):
        read_pdf(data, "scan.pdf", Limits())


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(agreement_pdf()[:400], id="truncated"),
        pytest.param(b"%PDF-1.7\n" + b"\x00garbage\xff" * 50, id="junk-after-header"),
        pytest.param(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", id="no-pages"),
    ],
)
def test_refuses_a_damaged_pdf_as_corrupt(data: bytes) -> None:
    with pytest.raises(CorruptDocumentError, match=r"not a valid PDF \(") as caught:
        read_pdf(data, "bad.pdf", Limits())
    assert caught.value.source == "bad.pdf"


def test_refuses_more_pages_than_the_limit() -> None:
    with pytest.raises(FileTooLargeError, match="3 pages") as caught:
        read_pdf(agreement_pdf(), "long.pdf", Limits(max_pages=2))
    assert (caught.value.size, caught.value.limit) == (3, 2)


def test_is_reached_through_the_format_dispatcher() -> None:
    source = read_bytes(agreement_pdf(), "agreement.pdf", suffix=".pdf")
    assert source.format == "pdf"
    assert "Article 2\nCommitments of the Parties" in source.text


@pytest.mark.corpus
@pytest.mark.skipif(not BBNJ.is_dir(), reason="the shared corpora (../shared) are absent")
def test_reads_the_bbnj_agreement_close_to_its_verified_text() -> None:
    source = read_pdf((BBNJ / "original.pdf").read_bytes(), "bbnj.pdf", Limits())
    verified = (BBNJ / "text.txt").read_text(encoding="utf-8")
    assert normalise(source.text) == source.text
    ratio = difflib.SequenceMatcher(
        None, source.text.split(), verified.split(), autojunk=False
    ).ratio()
    assert ratio > 0.995
    lines = source.text.split("\n")
    numbers = [int(line.split()[1]) for line in lines if re.fullmatch(r"Article \d+", line)]
    assert numbers == list(range(1, 77))
    assert not [line for line in lines if re.fullmatch(r"[-–]?\s*\d{1,3}\s*[-–]?", line)]
    assert "\n\nArticle 5\nRelationship between this Agreement and the Convention and relevant" in (
        source.text
    )
    assert (
        "\n\nANNEX II\nTypes of capacity-building and of the transfer of marine technology\n\n"
        in (source.text)
    )
