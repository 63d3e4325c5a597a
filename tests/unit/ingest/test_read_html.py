"""The HTML reader: what a browser shows, block by block, with list numbers and headings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from foedus.analysis.ingest import read_bytes
from foedus.analysis.ingest.html import read_html
from foedus.analysis.normalise import normalise
from foedus.domain.errors import EmptyDocumentError


def read(html: str | bytes) -> str:
    data = html.encode("utf-8") if isinstance(html, str) else html
    text = read_html(data, "page.html").text
    assert normalise(text) == text
    return text


def test_separates_blocks_with_blank_lines_and_collapses_whitespace() -> None:
    html = """<html><body>
      <h1>Agreement   on
         Security</h1>
      <p>The   Parties,<br>recalling their <b>friendship</b>,</p>
      <div>Have agreed<div>as follows:</div></div>
    </body></html>"""
    assert read(html) == (
        "Agreement on Security\n\nThe Parties,\nrecalling their friendship,\n\nHave agreed\n\n"
        "as follows:"
    )


def test_drops_scripts_styles_head_navigation_footers_and_hidden_elements() -> None:
    html = """<!DOCTYPE html><html><head><title>T</title><style>p { color: red }</style>
      <script>document.write("<p>not text</p>")</script></head>
      <body><nav><a href="/">Home</a></nav><noscript>Enable JS</noscript>
      <template><p>template</p></template><p>Article 1</p><div hidden>draft note</div>
      <footer>Contact us</footer></body></html>"""
    assert read(html) == "Article 1"


def test_decodes_entities() -> None:
    assert read("<p>Trade &amp; Security &ndash; &#8220;Party&#8221;&nbsp;A &lt;1&gt;</p>") == (
        "Trade & Security – “Party” A <1>"
    )


def test_prints_ordered_list_markers_as_a_browser_does() -> None:
    html = """
      <ol><li>first</li><li>second</li></ol>
      <ol type="a" start="3"><li>gamma</li><li value="6">zeta</li><li>eta</li></ol>
      <ol type="I"><li>one</li><li>two</li><li>three</li><li>four</li></ol>
      <ol type="i" start="9"><li>nine</li><li>ten</li></ol>
      <ol type="A" start="26"><li>Z</li><li>AA</li></ol>
      <ol style="list-style-type: none"><li>plain</li></ol>
      <ul><li>bullet</li></ul>"""
    assert read(html).split("\n\n") == [
        "1. first",
        "2. second",
        "c. gamma",
        "f. zeta",
        "g. eta",
        "I. one",
        "II. two",
        "III. three",
        "IV. four",
        "ix. nine",
        "x. ten",
        "Z. Z",
        "AA. AA",
        "plain",
        "bullet",
    ]


def test_numbers_nested_lists_and_puts_the_marker_on_the_items_first_block() -> None:
    html = """<ol><li><p>Each Party shall:</p>
        <ol type="a"><li>cooperate;</li><li>consult.</li></ol></li>
      <li>Second.</li></ol>"""
    assert read(html).split("\n\n") == [
        "1. Each Party shall:",
        "a. cooperate;",
        "b. consult.",
        "2. Second.",
    ]


def test_flattens_a_table_to_one_line_per_row_with_tab_separated_cells() -> None:
    html = """<p>Before</p><table><caption>Contributions</caption>
      <tr><th>Party</th><th>Amount</th><th></th></tr>
      <tr><td>Ruritania</td><td><p>12</p><p>million</p></td><td></td></tr>
      <tr><td></td><td></td></tr>
      </table><p>After</p>"""
    assert read(html) == "Before\n\nContributions\n\nParty\tAmount\nRuritania\t12 million\n\nAfter"


def test_keeps_preformatted_text_as_written() -> None:
    assert read("<p>x</p><pre>  Article 1\n    indented   text\n</pre>") == (
        "x\n\n  Article 1\n    indented   text"
    )


def test_marks_h1_to_h6_lines_as_headings() -> None:
    source = read_html(
        b"<h1>Agreement</h1><p>Intro.</p><h2>Article 1<br>Scope</h2><p>Text.</p><h6>Annex</h6>",
        "page.html",
    )
    lines = [source.text[offset:].split("\n")[0] for offset in sorted(source.heading_lines)]
    assert lines == ["Agreement", "Article 1", "Scope", "Annex"]


def test_takes_the_title_element_or_else_the_first_h1_and_the_language() -> None:
    source = read_html(b'<html lang="en-GB"><title> Security\n Pact </title><h1>Other</h1>', "a")
    assert (source.title, source.language) == ("Security Pact", "en")
    source = read_html(b"<body><h2>Minor</h2><h1>Main  title</h1><p>x</p></body>", "a")
    assert (source.title, source.language) == ("Main title", None)


def test_decodes_with_the_declared_meta_charset() -> None:
    page = '<meta charset="windows-1252"><p>Vertrag – Sicherheit für Ukraïne</p>'.encode("cp1252")
    assert read(page) == "Vertrag – Sicherheit für Ukraïne"
    page = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>café</p>'
    assert read(page.encode("latin-1")) == "café"


def test_decodes_utf8_with_a_byte_order_mark_despite_a_wrong_declaration() -> None:
    page = '\ufeff<meta charset="koi8-r"><p>Україна</p>'.encode()
    assert read(page) == "Україна"


def test_refuses_a_page_without_text() -> None:
    with pytest.raises(EmptyDocumentError):
        read_html(b"<html><head><title>Empty</title></head><body> <p> </p></body></html>", "e")


def test_is_reached_through_the_format_dispatcher() -> None:
    source = read_bytes(b"<!DOCTYPE html><html><body><p>Hello</p></body></html>", "x.html")
    assert (source.format, source.text) == ("html", "Hello")


_CHARS = st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from(" \t\n\u00a0\u200b")


@given(st.lists(st.text(_CHARS, min_size=1, max_size=40), min_size=1, max_size=8))
def test_always_returns_normalised_text_with_heading_offsets_at_line_starts(
    paragraphs: list[str],
) -> None:
    from html import escape

    html = "".join(
        f"<h{1 + i % 6}>{escape(p)}</h{1 + i % 6}>" if i % 2 else f"<p>{escape(p)}</p>"
        for i, p in enumerate(paragraphs)
    )
    try:
        source = read_html(html.encode("utf-8"), "generated.html")
    except EmptyDocumentError:
        return
    assert normalise(source.text) == source.text
    for offset in source.heading_lines:
        assert 0 <= offset < len(source.text)
        assert offset == 0 or source.text[offset - 1] == "\n"
