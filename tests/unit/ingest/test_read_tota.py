"""The ToTA reader: the treaty rendered as a printed file, with its chapter/article outline."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from foedus.analysis.ingest import read_bytes
from foedus.analysis.ingest.source import OutlineEntry, SourceText
from foedus.analysis.ingest.tota import read_tota, split_number
from foedus.analysis.normalise import normalise
from foedus.domain.errors import EmptyDocumentError, UnsupportedFormatError

TREATY = """<?xml version="1.0" encoding="UTF-8"?>
<treaty>
  <meta><name>Ruritania - Freedonia</name><language>en</language></meta>
  <body>
    <chapter name="Preamble" chapter_identifier="1">
      <article article_identifier="1">Preamble  The Parties, recalling their friendship,
        have agreed as follows:</article>
    </chapter>
    <chapter number="CHAPTER 1" name="General Provisions" chapter_identifier="2">
      <article number="ARTICLE 1.1" name="Objectives" article_identifier="2">1. The objectives are
   peace and trade.


2. The Parties shall cooperate.</article>
      <article number="ARTICLE 1.2" article_identifier="3">Each Party shall\tact.</article>
    </chapter>
    <chapter number="ANNEX I" name="Schedules" chapter_identifier="3">
      <article number="ARTÍCULO 1-01" name="Lists" article_identifier="4">The lists.</article>
    </chapter>
    <chapter name="Conclusion" chapter_identifier="4">
      <article article_identifier="5">IN WITNESS WHEREOF the undersigned have signed.</article>
    </chapter>
  </body>
</treaty>"""


def read(xml: str) -> SourceText:
    source = read_tota(xml.encode("utf-8"), "treaty.xml")
    assert normalise(source.text) == source.text
    starts = [entry.start for entry in source.outline]
    assert starts == sorted(set(starts))
    for entry in source.outline:
        assert entry.start <= entry.body_start <= len(source.text)
    return source


def test_renders_chapters_and_articles_as_a_printed_file_would_show_them() -> None:
    assert read(TREATY).text == (
        "Preamble The Parties, recalling their friendship,\nhave agreed as follows:\n\n"
        "CHAPTER 1\nGeneral Provisions\n\n"
        "ARTICLE 1.1\nObjectives\n\n1. The objectives are\npeace and trade.\n\n"
        "2. The Parties shall cooperate.\n\n"
        "ARTICLE 1.2\n\nEach Party shall act.\n\n"
        "ANNEX I\nSchedules\n\nARTÍCULO 1-01\nLists\n\nThe lists.\n\n"
        "IN WITNESS WHEREOF the undersigned have signed."
    )


def test_emits_an_outline_entry_for_every_chapter_and_article() -> None:
    source = read(TREATY)
    summary = [(e.kind, e.num, e.heading, e.depth) for e in source.outline]
    assert summary == [
        ("preamble", None, "Preamble", 0),
        ("chapter", "1", "General Provisions", 0),
        ("article", "1.1", "Objectives", 1),
        ("article", "1.2", None, 1),
        ("annex", "I", "Schedules", 0),
        ("article", "1-01", "Lists", 1),
        ("final", None, "Conclusion", 0),
    ]


def test_points_every_entry_at_its_first_line_and_its_body() -> None:
    source = read(TREATY)
    text = source.text
    by_num = {entry.num: entry for entry in source.outline}
    assert text[by_num["1"].start :].startswith("CHAPTER 1\nGeneral Provisions\n\nARTICLE 1.1")
    assert text[by_num["1"].body_start :].startswith("ARTICLE 1.1")
    assert text[by_num["1.1"].start :].startswith("ARTICLE 1.1\nObjectives")
    assert text[by_num["1.1"].body_start :].startswith("1. The objectives")
    assert text[by_num["1.2"].body_start :].startswith("Each Party shall act.")
    final = source.outline[-1]
    assert text[final.start :] == "IN WITNESS WHEREOF the undersigned have signed."


def test_marks_number_and_name_lines_as_heading_lines() -> None:
    source = read(TREATY)
    lines = {source.text[offset:].split("\n")[0] for offset in source.heading_lines}
    assert {"CHAPTER 1", "General Provisions", "ARTICLE 1.1", "Objectives", "ANNEX I"} <= lines
    assert not any(line.startswith(("1.", "Each Party")) for line in lines)


def test_takes_title_and_language_from_the_meta_element() -> None:
    source = read(TREATY)
    assert (source.title, source.language, source.format) == ("Ruritania - Freedonia", "en", "tota")


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("CHAPTER 1", ("chapter", "1")),
        ("ARTICLE 1.1", ("article", "1.1")),
        ("ARTÍCULO 1-01", ("artículo", "1-01")),
        ("ARTICLE - 1", ("article", "1")),
        ("ARTICLE: 8.4", ("article", "8.4")),
        ("ARTICLE 26 BIS", ("article", "26 BIS")),
        ("CHAPTER TWENTY ONE", ("chapter", "TWENTY ONE")),
        ("TITLE IV", ("title", "IV")),
        ("II", (None, "II")),
        ("ANNEX", ("annex", None)),
    ],
)
def test_splits_the_keyword_from_the_printed_number(
    number: str, expected: tuple[str | None, str | None]
) -> None:
    assert split_number(number) == expected


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("PART TWO", "part"),
        ("TITLE III", "part"),
        ("SECTION 2", "section"),
        ("APPENDIX 1", "annex"),
    ],
)
def test_gives_containers_their_kind_from_the_number_keyword(number: str, kind: str) -> None:
    xml = (
        f'<treaty><body><chapter number="{number}">'
        '<article number="ARTICLE 1">x</article></chapter></body></treaty>'
    )
    assert read(xml).outline[0].kind == kind


def test_finds_preamble_and_testimonium_in_unnumbered_articles_without_chapters() -> None:
    xml = """<treaty><body><chapter>
      <article>PREAMBLE The Parties agree.</article>
      <article number="ARTICLE 1" name="Scope">Text.</article>
      <article>Done at Kyiv on 1 May 2024.</article>
      <article>An unnumbered note with no entry.</article>
    </chapter></body></treaty>"""
    source = read(xml)
    assert [(e.kind, e.num, e.depth) for e in source.outline] == [
        ("preamble", None, 0),
        ("article", "1", 0),
        ("final", None, 0),
    ]
    assert source.text.endswith("Done at Kyiv on 1 May 2024.\n\nAn unnumbered note with no entry.")


def test_restores_line_breaks_that_a_flattened_text_marks_with_double_spaces() -> None:
    flat = "1.  The Parties shall act.  2.  Each Party shall:  (a)  report; and  (b)  consult."
    xml = (
        '<treaty><body><chapter number="CHAPTER 1">'
        f'<article number="ARTICLE 1">{flat}</article></chapter></body></treaty>'
    )
    assert read(xml).text.split("\n\n")[-1] == (
        "1. The Parties shall act.\n2. Each Party shall:\n(a) report; and\n(b) consult."
    )


def test_refuses_xml_that_is_not_a_treaty() -> None:
    with pytest.raises(UnsupportedFormatError):
        read_tota(b"<agreement><body/></agreement>", "other.xml")


def test_refuses_a_treaty_without_text() -> None:
    with pytest.raises(EmptyDocumentError):
        read_tota(b"<treaty><meta><name>x</name></meta><body><chapter/></body></treaty>", "e")


def test_is_reached_through_the_format_dispatcher() -> None:
    source = read_bytes(TREATY.encode("utf-8"), "pta.xml", suffix=".xml")
    assert source.format == "tota"
    assert isinstance(source.outline[0], OutlineEntry)


CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpora" / "tota"


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpora (../shared) are absent")
def test_reads_sample_tota_files_with_one_entry_per_marked_article() -> None:
    import xml.etree.ElementTree as ElementTree

    for path in sorted(CORPUS.glob("pta_*.xml"))[:25]:
        source = read(path.read_text(encoding="utf-8"))
        marked = [
            article
            for article in ElementTree.parse(path).getroot().iter("article")
            if article.get("number") or article.get("name")
        ]
        articles = [entry for entry in source.outline if entry.kind == "article"]
        assert len(articles) == len(marked), path.name
        for entry, article in zip(articles, marked, strict=True):
            first_line = source.text[entry.start :].split("\n")[0]
            assert first_line == " ".join(
                (article.get("number") or article.get("name") or "").split()
            )


_TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from(" \n\t"), max_size=60
)
_ARTICLE = st.tuples(
    st.sampled_from(["", "ARTICLE 1", "Article 2.1", "ARTÍCULO 3-01"]), _TEXT, _TEXT
)
_CHAPTER = st.tuples(
    st.sampled_from(["", "CHAPTER 1", "PART II", "ANNEX A"]),
    st.sampled_from(["", "Preamble", "Conclusion", "General Provisions"]),
    st.lists(_ARTICLE, max_size=4),
)


@given(st.lists(_CHAPTER, min_size=1, max_size=4))
def test_always_produces_normalised_text_and_increasing_entries_at_their_number_lines(
    chapters: list[tuple[str, str, list[tuple[str, str, str]]]],
) -> None:
    def attrs(number: str, name: str) -> str:
        return (f' number="{escape(number)}"' if number else "") + (
            f' name="{escape(name, quote=True)}"' if name.strip() else ""
        )

    body = "".join(
        f"<chapter{attrs(number, name)}>"
        + "".join(f"<article{attrs(n, t)}>{escape(text)}</article>" for n, t, text in articles)
        + "</chapter>"
        for number, name, articles in chapters
    )
    try:
        source = read(f"<treaty><body>{body}</body></treaty>")
    except EmptyDocumentError:
        return
    for entry in source.outline:
        assert 0 <= entry.start < len(source.text)
        assert entry.start == 0 or source.text[entry.start - 1] == "\n"
        if entry.num is not None:
            assert source.text[entry.start :].split("\n")[0].endswith(entry.num)
