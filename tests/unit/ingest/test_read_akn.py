"""The Akoma Ntoso reader: printed-style text and an outline entry per marked-up provision."""

from __future__ import annotations

import pytest

from foedus.analysis.ingest import read_bytes
from foedus.analysis.ingest.akn import read_akn
from foedus.analysis.ingest.source import SourceText
from foedus.analysis.normalise import normalise
from foedus.domain.errors import EmptyDocumentError, UnsupportedFormatError

AGREEMENT = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act name="agreement">
    <meta>
      <identification source="#foedus">
        <FRBRWork><FRBRthis value="/akn/xx/act/2024/pact"/><FRBRname value="Pact"/></FRBRWork>
        <FRBRExpression><FRBRlanguage language="eng"/></FRBRExpression>
      </identification>
    </meta>
    <preface>
      <p class="title"><docTitle>Agreement between Ruritania and Freedonia</docTitle></p>
    </preface>
    <preamble eId="preamble">
      <p>The Parties,</p>
      <p><i>Recalling</i> their friendship,</p>
      <formula name="enactingFormula"><p>Have agreed as follows:</p></formula>
    </preamble>
    <body>
      <part eId="part_I">
        <num>Part I</num>
        <heading>General provisions</heading>
        <article eId="art_1">
          <num>Article 1</num>
          <heading>Definitions</heading>
          <paragraph eId="art_1__para_1">
            <num>1.</num>
            <list eId="art_1__para_1__list_1">
              <intro><p>For the purposes of this Agreement:</p></intro>
              <point eId="art_1__para_1__list_1__point_a"><num>(a)</num>
                <content><p>"Party" means a State<authorialNote marker="1">
                  <p>A note.</p></authorialNote>;</p></content>
              </point>
              <point eId="art_1__para_1__list_1__point_b"><num>(b)</num>
                <content><p>"Day" means a calendar day.</p></content>
              </point>
            </list>
          </paragraph>
          <paragraph eId="art_1__para_2">
            <num>2.</num><content><p>Nothing else.</p></content>
          </paragraph>
        </article>
        <article eId="art_2">
          <num>2</num>
          <paragraph eId="art_2__para_1">
            <content><p>Each Party shall<br/>cooperate.</p></content>
          </paragraph>
        </article>
      </part>
    </body>
    <conclusions eId="conclusions">
      <p>IN WITNESS WHEREOF the undersigned have signed.</p>
    </conclusions>
    <attachments>
      <attachment eId="att_1">
        <doc name="annex">
          <preface>
            <p><docNumber>Annex I</docNumber></p><p><docTitle>List of things</docTitle></p>
          </preface>
          <mainBody>
            <table><tr><th>Item</th><th>Amount</th></tr><tr><td>Boats</td><td>12</td></tr></table>
          </mainBody>
        </doc>
      </attachment>
    </attachments>
  </act>
</akomaNtoso>"""


def read(xml: str) -> SourceText:
    source = read_akn(xml.encode("utf-8"), "act.xml")
    assert normalise(source.text) == source.text
    starts = [entry.start for entry in source.outline]
    assert starts == sorted(starts)
    for entry in source.outline:
        assert entry.start <= entry.body_start <= len(source.text)
    return source


def test_renders_the_act_as_a_printed_file_would_show_it() -> None:
    assert read(AGREEMENT).text == (
        "Agreement between Ruritania and Freedonia\n\n"
        "The Parties,\n\nRecalling their friendship,\n\nHave agreed as follows:\n\n"
        "Part I\nGeneral provisions\n\n"
        "Article 1\nDefinitions\n\n"
        "1. For the purposes of this Agreement:\n\n"
        '(a) "Party" means a State;\n\n'
        '(b) "Day" means a calendar day.\n\n'
        "2. Nothing else.\n\n"
        "Article 2\n\nEach Party shall\ncooperate.\n\n"
        "IN WITNESS WHEREOF the undersigned have signed.\n\n"
        "Annex I\nList of things\n\nItem\tAmount\nBoats\t12"
    )


def test_emits_an_entry_per_provision_with_kind_number_heading_depth_and_eid() -> None:
    summary = [(e.kind, e.num, e.heading, e.depth, e.eid) for e in read(AGREEMENT).outline]
    assert summary == [
        ("preamble", None, None, 0, "preamble"),
        ("part", "I", "General provisions", 0, "part_I"),
        ("article", "1", "Definitions", 1, "art_1"),
        ("paragraph", "1.", None, 2, "art_1__para_1"),
        ("point", "(a)", None, 3, "art_1__para_1__list_1__point_a"),
        ("point", "(b)", None, 3, "art_1__para_1__list_1__point_b"),
        ("paragraph", "2.", None, 2, "art_1__para_2"),
        ("article", "2", None, 1, "art_2"),
        ("paragraph", None, None, 2, "art_2__para_1"),
        ("final", None, None, 0, "conclusions"),
        ("annex", "I", "List of things", 0, "att_1"),
    ]


def test_points_entries_at_their_first_line_and_at_the_text_after_number_and_heading() -> None:
    source = read(AGREEMENT)
    text = source.text
    entries = {entry.eid: entry for entry in source.outline}
    assert text[entries["part_I"].start :].startswith("Part I\nGeneral provisions\n\nArticle 1")
    assert text[entries["part_I"].body_start :].startswith("Article 1\nDefinitions")
    assert text[entries["art_1"].body_start :].startswith("1. For the purposes")
    assert text[entries["art_1__para_1"].start :].startswith("1. For the purposes")
    assert text[entries["art_1__para_1"].body_start :].startswith("For the purposes")
    assert text[entries["art_1__para_1__list_1__point_b"].body_start :].startswith('"Day"')
    assert text[entries["art_2"].start :].startswith("Article 2\n\nEach Party")
    assert text[entries["att_1"].body_start :].startswith("Item\tAmount")


def test_takes_title_from_doc_title_and_language_from_frbr() -> None:
    source = read(AGREEMENT)
    assert (source.title, source.language, source.format) == (
        "Agreement between Ruritania and Freedonia",
        "eng",
        "akn",
    )


def test_marks_preface_and_container_number_and_heading_lines_as_headings() -> None:
    source = read(AGREEMENT)
    lines = {source.text[offset:].split("\n")[0] for offset in source.heading_lines}
    assert lines == {
        "Agreement between Ruritania and Freedonia",
        "Part I",
        "General provisions",
        "Article 1",
        "Definitions",
        "Article 2",
        "Annex I",
        "List of things",
    }


def test_accepts_documents_without_a_namespace_and_with_id_attributes() -> None:
    xml = """<akomaNtoso><doc name="memorandum">
      <meta><identification><FRBRWork><FRBRname value="Memorandum of Understanding"/></FRBRWork>
      </identification></meta>
      <mainBody>
        <section id="sec_1"><num>Section 1.</num><heading>Purpose</heading>
          <p>The Participants intend to cooperate.</p></section>
        <chapter><num>III</num>
          <article><num>Art. 7</num><content><p>Text.</p></content></article>
        </chapter>
      </mainBody></doc></akomaNtoso>"""
    source = read(xml)
    assert source.title == "Memorandum of Understanding"
    assert source.text == (
        "Section 1.\nPurpose\n\nThe Participants intend to cooperate.\n\n"
        "Chapter III\n\nArt. 7\n\nText."
    )
    assert [(e.kind, e.num, e.eid) for e in source.outline] == [
        ("section", "1", "sec_1"),
        ("chapter", "III", None),
        ("article", "7", None),
    ]


def test_prints_a_paragraph_heading_after_its_number() -> None:
    xml = """<akomaNtoso><act><body><article eId="art_1"><num>Article 1</num>
      <paragraph eId="art_1__para_1"><num>1.</num><heading>Scope</heading>
        <content><p>Text.</p></content></paragraph></article></body></act></akomaNtoso>"""
    source = read(xml)
    assert source.text == "Article 1\n\n1. Scope\n\nText."
    paragraph = source.outline[1]
    assert (paragraph.heading, source.text[paragraph.body_start :]) == ("Scope", "Text.")


def test_drops_the_entry_of_an_element_that_prints_nothing() -> None:
    xml = """<akomaNtoso><act><body>
      <article eId="art_1"><num>Article 1</num><content><p>One.</p></content></article>
      <article eId="art_2"><paragraph eId="art_2__para_1"><num>1.</num><content><p/></content>
      </paragraph></article>
      <article eId="art_3"><num>Article 3</num><content><p>Three.</p></content></article>
    </body></act></akomaNtoso>"""
    source = read(xml)
    assert source.text == "Article 1\n\nOne.\n\nArticle 3\n\nThree."
    assert [e.eid for e in source.outline] == ["art_1", "art_3"]


def test_refuses_xml_that_is_not_akoma_ntoso() -> None:
    with pytest.raises(UnsupportedFormatError):
        read_akn(b"<treaty/>", "x.xml")


def test_refuses_a_document_without_text() -> None:
    with pytest.raises(EmptyDocumentError):
        read_akn(b"<akomaNtoso><act><meta/><body><article/></body></act></akomaNtoso>", "x")


def test_is_reached_through_the_format_dispatcher() -> None:
    source = read_bytes(AGREEMENT.encode("utf-8"), "act.xml", suffix=".xml")
    assert source.format == "akn"
    assert source.outline[0].kind == "preamble"
