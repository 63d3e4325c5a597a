"""Plain text and Markdown: encodings, bad bytes, markup."""

from __future__ import annotations

import pytest

from foedus.analysis.ingest import read_bytes
from foedus.analysis.ingest.detect import detect_format
from foedus.analysis.ingest.source import Limits
from foedus.analysis.normalise import normalise
from foedus.domain.errors import (
    EmptyDocumentError,
    FileTooLargeError,
    UnsupportedFormatError,
)

TEXT = "Article 1\nConsultations\n\nThe Parties shall consult «promptly» — within 24 hours.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_decodes_common_encodings(encoding: str) -> None:
    source = read_bytes(TEXT.replace("—", "-").encode(encoding), "a.txt", ".txt")
    assert "«promptly»" in source.text


def test_decodes_cyrillic_in_windows_1251() -> None:
    text = "Стаття 1\nКонсультації\n\nСторони проводять консультації протягом 24 годин. " * 3
    source = read_bytes(text.encode("cp1251"), "ua.txt", ".txt")
    assert source.text.startswith("Стаття 1")


def test_refuses_an_empty_file() -> None:
    with pytest.raises(EmptyDocumentError, match="empty"):
        read_bytes(b"", "empty.txt", ".txt")
    with pytest.raises(EmptyDocumentError):
        read_bytes(b"  \n\n\t \n", "blank.txt", ".txt")


def test_refuses_binary_junk_named_txt() -> None:
    junk = bytes(range(256)) * 40
    with pytest.raises(UnsupportedFormatError, match="binary"):
        read_bytes(junk, "junk.txt", ".txt")


def test_refuses_content_over_the_size_limit() -> None:
    with pytest.raises(FileTooLargeError) as caught:
        read_bytes(b"x" * 2000, "big.txt", ".txt", Limits(max_bytes=1000))
    assert caught.value.limit == 1000
    assert caught.value.size == 2000


def test_reads_markdown_headings_as_heading_lines() -> None:
    md = b"# Agreement\n\n## Article 1 - **Purpose**\n\nThe Parties [shall](x) *cooperate*.\n"
    source = read_bytes(md, "a.md", ".md")
    assert source.format == "markdown"
    assert source.text == "Agreement\n\nArticle 1 - Purpose\n\nThe Parties shall cooperate."
    lines = {source.text[o : source.text.index("\n", o)] for o in source.heading_lines}
    assert lines == {"Agreement", "Article 1 - Purpose"}


def test_detects_formats_by_content_not_extension() -> None:
    assert detect_format(b"%PDF-1.7\n...", ".txt") == "pdf"
    assert detect_format(b"<?xml version='1.0'?><treaty><meta/></treaty>", ".txt") == "tota"
    assert detect_format(b"<akomaNtoso xmlns='x'><act/></akomaNtoso>", "") == "akn"
    assert detect_format(b"<!DOCTYPE html><html><body><p>x</p></body></html>", ".txt") == "html"
    assert detect_format(b"\xd0\xcf\x11\xe0rest", ".doc") == "ole"
    assert detect_format(b"Article 1\nText", ".md") == "markdown"
    assert detect_format(b"Article 1\nText", ".txt") == "text"


def test_normalisation_is_idempotent_and_unifies_line_ends() -> None:
    raw = "\ufeffA\r\nB\rC\u00a0D  \n\n\n\nE\u200b\f"
    once = normalise(raw)
    assert once == "A\nB\nC D\n\nE"
    assert normalise(once) == once
