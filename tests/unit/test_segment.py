"""The segmenter on small agreements written for these tests, one numbering style at a time."""

from __future__ import annotations

import pytest

from foedus import Document, ProvisionKind, parse_text


def articles(doc: Document) -> list[tuple[str | None, str | None]]:
    return [(n.num, n.heading) for n in doc.walk() if n.kind is ProvisionKind.ARTICLE]


def eids(doc: Document) -> list[str]:
    return [n.eid for n in doc.walk()]


PREAMBLE = """AGREEMENT BETWEEN THE REPUBLIC OF ALDORIA AND THE KINGDOM OF BREVANIA

The Republic of Aldoria and the Kingdom of Brevania (hereinafter "the Parties"),

Recognising the value of close cooperation,

Have agreed as follows:

"""


@pytest.mark.parametrize(
    ("heading", "num", "title"),
    [
        ("Article 5\nConsultations", "5", "Consultations"),
        ("ARTICLE 5\nCONSULTATIONS", "5", "CONSULTATIONS"),
        ("Article 5.1\nConsultations", "5.1", "Consultations"),
        ("Article 1-01\nConsultations", "1-01", "Consultations"),
        ("Article V\nConsultations", "V", "Consultations"),
        ("Art. 5 Consultations", "5", "Consultations"),
        ("Article 5: Consultations", "5", "Consultations"),
        ("Article 5 – Consultations", "5", "Consultations"),
        ("Article 5 - Consultations", "5", "Consultations"),
        ("Article 5\n\nConsultations", "5", "Consultations"),
        ("Article 5", "5", None),
        ("Artículo 5\nConsultas", "5", "Consultas"),
        ("Статья 5\nКонсультации", "5", "Консультации"),
        ("Стаття 5\nКонсультації", "5", "Консультації"),
        ("Article premier\nObjet", "premier", "Objet"),
    ],
)
def test_reads_each_article_heading_style(heading: str, num: str, title: str | None) -> None:
    doc = parse_text(f"{PREAMBLE}{heading}\n\nThe Parties shall consult each other.\n")
    assert articles(doc) == [(num, title)]
    article = next(n for n in doc.walk() if n.kind is ProvisionKind.ARTICLE)
    assert article.body.startswith("The Parties shall consult")
    assert doc.covers_text()


def test_splits_the_preamble_at_the_enacting_formula() -> None:
    doc = parse_text(PREAMBLE + "Article 1\nPurpose\n\nThe Parties shall cooperate.\n")
    preamble = doc.provisions[0]
    assert preamble.kind is ProvisionKind.PREAMBLE
    assert preamble.text.rstrip().endswith("Have agreed as follows:")
    assert doc.title == "AGREEMENT BETWEEN THE REPUBLIC OF ALDORIA AND THE KINGDOM OF BREVANIA"
    assert doc.parties == ("THE REPUBLIC OF ALDORIA", "THE KINGDOM OF BREVANIA")


def test_nests_paragraphs_and_points_with_akoma_ntoso_eids() -> None:
    text = PREAMBLE + (
        "Article 3\nCooperation\n\n"
        "1. Each Party shall:\n\n"
        "(a) share information;\n\n"
        "(b) provide training, including:\n\n"
        "(i) courses; and\n\n"
        "(ii) exercises; and\n\n"
        "(c) report annually.\n\n"
        "2. The Parties may agree on further steps.\n"
    )
    doc = parse_text(text)
    assert eids(doc) == [
        "preamble",
        "art_3",
        "art_3__para_1",
        "art_3__para_1__point_a",
        "art_3__para_1__point_b",
        "art_3__para_1__point_b__point_i",
        "art_3__para_1__point_b__point_ii",
        "art_3__para_1__point_c",
        "art_3__para_2",
    ]
    point = doc.find("art_3__para_1__point_b")
    assert point is not None
    assert point.text == "(b) provide training, including:\n\n"
    assert point.kind is ProvisionKind.POINT
    assert point.num == "(b)"


@pytest.mark.parametrize("markers", [("(1)", "(2)"), ("1)", "2)"), ("1.", "2.")])
def test_reads_each_paragraph_numbering_style(markers: tuple[str, str]) -> None:
    first, second = markers
    doc = parse_text(
        f"Article 1\n\n{first} The Parties shall meet.\n\n{second} They may invite observers.\n"
    )
    paragraphs = [n for n in doc.walk() if n.kind is ProvisionKind.PARAGRAPH]
    assert [p.num for p in paragraphs] == [first, second]
    assert [p.eid for p in paragraphs] == ["art_1__para_1", "art_1__para_2"]


def test_reads_points_written_a_bracket() -> None:
    doc = parse_text("Article 1\n\nEach Party shall:\na) inform;\nb) consult;\nc) act.\n")
    assert [n.eid for n in doc.walk()][-3:] == [
        "art_1__point_a",
        "art_1__point_b",
        "art_1__point_c",
    ]


def test_letter_i_after_h_is_a_letter_not_a_roman_numeral() -> None:
    items = "\n".join(f"({c}) item {c};" for c in "abcdefghij")
    doc = parse_text(f"Article 1\n\nThe Parties shall:\n{items}\n")
    points = [n.eid for n in doc.walk() if n.kind is ProvisionKind.POINT]
    assert points[-3:] == ["art_1__point_h", "art_1__point_i", "art_1__point_j"]
    assert all(eid.count("point") == 1 for eid in points)


def test_cross_references_never_start_a_provision() -> None:
    text = (
        "Article 1\nScope\n\n1. This Agreement applies as set out in\n"
        "Article 2.3 of the Protocol and in accordance with\n"
        "Article 4 of this Agreement.\n\n"
        "2. The measures referred to in paragraph\n(b) of Article 3 shall apply.\n\n"
        "Article 2\nDefinitions\n\nFor the purposes of Article 1, the terms have the meaning of\n"
        "Article 5\nof the Convention.\n"
    )
    doc = parse_text(text)
    assert articles(doc) == [("1", "Scope"), ("2", "Definitions")]
    assert [n.num for n in doc.walk() if n.kind is ProvisionKind.PARAGRAPH] == ["1.", "2."]
    assert not [n for n in doc.walk() if n.kind is ProvisionKind.POINT]


def test_parts_chapters_sections_and_annexes_nest_their_articles() -> None:
    text = (
        "PART II\nCOOPERATION\n\nCHAPTER 3\nDefence\n\nSection A\nEquipment\n\n"
        "Article 1\n\nText one.\n\nArticle 2\n\nText two.\n\n"
        "ANNEX I\nLIST OF EQUIPMENT\n\n1. Air defence systems.\n\n2. Artillery.\n"
    )
    doc = parse_text(text)
    top = [n.eid for n in doc.provisions]
    assert top == ["part_II", "annex_I"]
    part = doc.provisions[0]
    assert [c.eid for c in part.children] == ["chp_3"]
    assert [c.eid for c in part.children[0].children] == ["sec_A"]
    assert [c.eid for c in part.children[0].children[0].children] == ["art_1", "art_2"]
    assert [c.eid for c in doc.provisions[1].children] == ["annex_I__para_1", "annex_I__para_2"]


def test_articles_restarting_in_an_annex_get_the_annex_prefix() -> None:
    text = (
        "Article 1\n\nMain one.\n\nArticle 2\n\nMain two.\n\n"
        "ANNEX 1\nPROTOCOL ON PROCEDURE\n\nArticle 1\n\nAnnexed one.\n\nArticle 2\n\nAnnexed two.\n"
    )
    doc = parse_text(text)
    assert eids(doc) == ["art_1", "art_2", "annex_1", "annex_1__art_1", "annex_1__art_2"]


def test_recognises_the_testimonium_and_signature_blocks() -> None:
    text = (
        PREAMBLE + "Article 1\n\nThe Parties shall consult.\n\n"
        "IN WITNESS WHEREOF, the undersigned have signed this Agreement.\n\n"
        "Done at Kyiv on 13 June 2024, in duplicate, in the Ukrainian and English languages.\n\n"
        "For Ukraine:\n\nFor the United States of America:\n"
    )
    doc = parse_text(text)
    final = doc.provisions[-1]
    assert final.kind is ProvisionKind.FINAL
    assert final.eid == "final"
    assert final.text.startswith("IN WITNESS WHEREOF")
    assert "For Ukraine:" in final.text
    article = doc.find("art_1")
    assert article is not None
    assert "WITNESS" not in article.full_text


def test_signature_blocks_alone_close_the_text() -> None:
    text = "Article 1\n\nThe Parties shall consult.\n\nFor Ukraine:\n\nFor the United Kingdom:\n"
    assert parse_text(text).provisions[-1].kind is ProvisionKind.FINAL


def test_a_table_of_contents_yields_no_provisions() -> None:
    toc = (
        "TABLE OF CONTENTS\n\nArticle 1 Purpose ........................ 2\n"
        "Article 2 Consultations .................. 3\n"
        "Article 3 Final provisions ............... 4\n\n"
    )
    body = (
        "Article 1\nPurpose\n\nText.\n\nArticle 2\nConsultations\n\nText.\n\n"
        "Article 3\nFinal provisions\n\nText.\n"
    )
    doc = parse_text(PREAMBLE.replace("Have agreed", toc + "Have agreed") + body)
    assert articles(doc) == [("1", "Purpose"), ("2", "Consultations"), ("3", "Final provisions")]
    assert "........" in doc.provisions[0].text


def test_a_table_of_contents_without_page_numbers_yields_no_provisions() -> None:
    toc = "CONTENTS\n\nArticle 1 Purpose\nArticle 2 Consultations\nArticle 3 Final provisions\n\n"
    body = (
        "Article 1\nPurpose\n\nText one.\n\nArticle 2\nConsultations\n\nText two.\n\n"
        "Article 3\nFinal provisions\n\nText three.\n"
    )
    doc = parse_text(toc + body)
    assert [a.body.strip() for a in doc.articles()] == ["Text one.", "Text two.", "Text three."]


def test_numbered_headings_without_the_word_article() -> None:
    text = (
        "PART I\nGENERAL\n\n1. Scope\n\n1.1 The Participants will cooperate.\n\n"
        "1.2 They will meet annually.\n\n2. Consultations\n\n2.1 The Participants will consult "
        "within 24 hours.\n"
    )
    doc = parse_text(text)
    assert articles(doc) == [("1", "Scope"), ("2", "Consultations")]
    assert [n.eid for n in doc.walk() if n.kind is ProvisionKind.PARAGRAPH] == [
        "art_1__para_1.1",
        "art_1__para_1.2",
        "art_2__para_2.1",
    ]


def test_a_memorandum_of_numbered_paragraphs_has_top_level_paragraphs() -> None:
    text = (
        "MEMORANDUM ON SECURITY ASSURANCES\n\nThe Participants,\n\nDeclare as follows:\n\n"
        "1. The Participants will respect the independence of the recipient.\n\n"
        "2. The Participants will refrain from the threat or use of force.\n"
    )
    doc = parse_text(text)
    assert eids(doc) == ["preamble", "para_1", "para_2"]


def test_eids_are_unique_even_when_numbers_repeat() -> None:
    text = "Article 1\n\nOne.\n\nArticle 2\n\nTwo.\n\nArticle 2\n\nTwo again.\n"
    ids = eids(parse_text(text))
    assert len(ids) == len(set(ids))


def test_eids_stay_stable_when_unrelated_text_changes() -> None:
    base = PREAMBLE + "Article 1\n\n1. First.\n\n2. Second.\n\nArticle 2\n\n(a) one;\n(b) two.\n"
    edited = base.replace("Recognising the value", "Recognising, once again, the great value")
    edited = edited.replace("1. First.", "1. First, with many more words than before.")
    assert eids(parse_text(base)) == eids(parse_text(edited))


def test_offsets_point_into_the_normalised_text() -> None:
    doc = parse_text("Article 1\r\n\r\n\r\n\r\n1.\u00a0First.\r\n")
    for node in doc.walk():
        assert doc.text[node.start : node.own_end] == node.text
    assert doc.text == "Article 1\n\n1. First."


def test_text_without_structure_is_one_preamble_node() -> None:
    doc = parse_text("Just a sentence about nothing in particular.")
    assert [n.kind for n in doc.walk()] == [ProvisionKind.PREAMBLE]
    assert doc.covers_text()


def test_an_eid_is_cited_as_a_diplomat_would_without_the_document() -> None:
    from foedus.domain.provision import cite_eid

    assert cite_eid("art_4__para_3__point_a") == "Article 4(3)(a)"
    assert cite_eid("annex_1__art_2__para_1") == "Annex 1, Article 2(1)"
    assert cite_eid("chp_3") == "Chapter 3"
    assert cite_eid("preamble") == "Preamble"
    assert cite_eid("para_2") == "para_2"  # no provision to hang the paragraph on: as it is
    assert cite_eid("odd") == "odd"


CITED = """AGREEMENT BETWEEN ALDORIA AND BREVANIA

The Parties have agreed as follows:

Article 4
Consultations

1. The Parties shall consult within 24 hours.

2. Consultations shall cover:

(a) military assistance;

(b) sanctions.

Article 12
Final Provisions

This Agreement shall remain in force for ten years.
"""


def test_a_citation_finds_its_provision() -> None:
    document = parse_text(CITED)
    found = {
        text: (node.eid if (node := document.cited(text)) else None)
        for text in ("Article 4(2)(a)", "Art. 4(1)", "article 12", "art_4__para_1", "Preamble")
    }
    assert found == {
        "Article 4(2)(a)": "art_4__para_2__point_a",
        "Art. 4(1)": "art_4__para_1",
        "article 12": "art_12",
        "art_4__para_1": "art_4__para_1",
        "Preamble": "preamble",
    }
    assert document.cited("Article 4(9)") is None
    assert document.cited("sanctions") is None
