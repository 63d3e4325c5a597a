"""The reports: the terminal analysis and the self-contained HTML page, on the example texts."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.console import Console

import foedus
from foedus.analysis.extract import Extraction, extract
from foedus.analysis.profile import Profile, guarantee_profile
from foedus.domain.commitment import Commitment, Modality, Span
from foedus.reports.html import render_html
from foedus.reports.terminal import cell_label, compact_eids, print_analysis, tally

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
VOID = {"meta", "br", "rect", "img", "link", "input", "hr"}


@dataclass
class Analysed:
    document: foedus.Document
    extraction: Extraction
    profile: Profile
    html: str


def _analyse(document: foedus.Document) -> Analysed:
    extraction = extract(document)
    profile = guarantee_profile(document, extraction)
    return Analysed(document, extraction, profile, render_html(document, extraction, profile))


@pytest.fixture(scope="module")
def us() -> Analysed:
    return _analyse(foedus.read(EXAMPLES / "ukraine-us-bsa.txt"))


@pytest.fixture(scope="module")
def memorandum() -> Analysed:
    return _analyse(foedus.read(EXAMPLES / "assurances-memorandum.txt"))


class Page(HTMLParser):
    """What the tests look at in a page: ids, links, resource attributes, marked text."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.resources: list[str] = []
        self.marked: list[tuple[str, str]] = []  # (class, text) of every <mark>
        self.unbalanced: list[str] = []
        self.open: list[str] = []
        self._marks: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        self.resources += [f"{k}={v}" for k, v in attrs if k in {"src", "href"} and v]
        self.resources += [f"{k}={v}" for k, v in attrs if k in {"srcset", "data", "action"}]
        if tag == "mark":
            self._marks.append([str(values.get("class")), ""])
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:  # <rect/> in SVG: a start tag and an end tag at once
            return
        if not self.open or self.open[-1] != tag:
            self.unbalanced.append(tag)
            return
        self.open.pop()
        if tag == "mark":
            kind, text = self._marks.pop()
            self.marked.append((kind, text))

    def handle_data(self, data: str) -> None:
        for mark in self._marks:
            mark[1] += data


def _page(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def _commitment(analysed: Analysed, eid: str) -> Commitment:
    return next(c for c in analysed.extraction.commitments if c.eid == eid)


# --- HTML -------------------------------------------------------------------------------------


def test_every_provision_has_an_anchor_in_the_page(us: Analysed, memorandum: Analysed) -> None:
    for analysed in (us, memorandum):
        ids = _page(analysed.html).ids
        eids = [node.eid for node in analysed.document.walk()]
        assert set(eids) <= set(ids)
        assert len(ids) == len(set(ids)), "ids must be unique"


def test_every_commitment_links_to_the_provision_it_quotes(us: Analysed) -> None:
    page = _page(us.html)
    assert {f"#{c.eid}" for c in us.extraction.commitments} <= set(page.links)
    assert all(link[1:] in page.ids for link in page.links if link.startswith("#"))


def test_the_page_shows_the_score_and_every_component(us: Analysed) -> None:
    assert f"{us.profile.score:.1f}" in us.html
    for component in us.profile.components:
        assert f'<th scope="row">{component.name}</th>' in us.html
        assert component.explanation.replace("'", "&#x27;") in us.html
    for party in us.profile.per_party:
        assert f"{party.score:.1f}" in us.html


def test_the_page_loads_nothing_from_outside(us: Analysed, memorandum: Analysed) -> None:
    for analysed in (us, memorandum):
        page = _page(analysed.html)
        assert "http://" not in analysed.html
        assert "https://" not in analysed.html
        assert "src=" not in analysed.html
        assert "@import" not in analysed.html
        assert "url(" not in analysed.html
        assert all(resource.startswith("href=#") for resource in page.resources)


def test_the_page_is_well_formed_and_reasonably_small(us: Analysed, memorandum: Analysed) -> None:
    for analysed in (us, memorandum):
        page = _page(analysed.html)
        assert analysed.html.startswith("<!DOCTYPE html>")
        assert not page.unbalanced
        assert not page.open
    assert len(us.html.encode("utf-8")) < 500_000


def test_the_deadline_of_the_consultations_is_highlighted(us: Analysed) -> None:
    consult = _commitment(us, "art_4__para_1")
    assert [d.text for d in consult.deadlines] == ["within 24 hours"]
    marked = _page(us.html).marked
    assert ("time", "within 24 hours") in marked
    assert ("trig", consult.trigger.text if consult.trigger else "") in marked


def test_the_full_text_highlights_evidence_at_its_document_offsets(us: Analysed) -> None:
    article = us.html[us.html.index('id="art_4__para_1"') :]
    article = article[: article.index("</div>")]
    assert '<mark class="time" title="deadline or time (art_4__para_1)">within 24 hours</mark>' in (
        article
    )


def test_a_list_item_shows_the_cue_of_its_chapeau(us: Analysed) -> None:
    item = _commitment(us, "art_3__para_3__point_a")
    assert not item.start <= item.cue.start < item.end  # the cue lies in the chapeau
    row = us.html[us.html.index('"><td><a class="eid" href="#art_3__para_3__point_a">') :]
    row = row[: row.index("</tr>")]
    assert f'<mark class="cue" title="force cue">{item.cue.text}</mark>' in row
    assert '<mark class="hedge" title="hedge">as appropriate</mark>' in row


def test_each_commitment_shows_a_labelled_badge_and_the_reason_for_its_strength(
    us: Analysed,
) -> None:
    for commitment in us.extraction.commitments:
        badge = f'<span class="badge m-{commitment.modality.value}">{commitment.modality.value}'
        assert badge in us.html
    strongest = max(us.extraction.commitments, key=lambda c: c.strength)
    assert strongest.strength_reason.replace("'", "&#x27;") in us.html


def test_the_verdict_on_bindingness_quotes_its_evidence(us: Analysed, memorandum: Analysed) -> None:
    assert '<span class="verdict treaty">treaty</span>' in us.html
    assert "“entry into force”" in us.html
    assert '<span class="verdict political">political commitment</span>' in memorandum.html
    assert "“come into effect”" in memorandum.html
    assert ("bind", "come into effect") in _page(memorandum.html).marked


def test_each_cell_of_the_category_table_links_to_its_list(us: Analysed) -> None:
    counts = tally(us.extraction)
    page = _page(us.html)
    found = counts.cell("energy_security", "Ukraine")
    assert found
    anchor = f"cell-energy_security-{counts.columns.index('Ukraine')}"
    assert f'<a href="#{anchor}">{cell_label(found)}</a>' in us.html
    assert anchor in page.ids
    listed = us.html[us.html.index(f'id="{anchor}"') :]
    listed = listed[: listed.index("</section>")]
    assert all(f">{c.eid}</a>" in listed for c in found)


def test_declarations_are_counted_apart_from_commitments(us: Analysed) -> None:
    counts = tally(us.extraction)
    assert counts.declarations
    assert all(c.modality is Modality.DECLARATION for c in counts.declarations)
    assert f"{len(counts.declarations)} declarations, not counted as commitments" in us.html


def test_text_from_the_document_is_escaped() -> None:
    text = (
        "AGREEMENT ON <script>alert('x')</script> COOPERATION\n\n"
        'The Parties,\n\nHave agreed as follows:\n\nArticle 1\nPurpose & "scope"\n\n'
        "1. The Parties shall <b>cooperate</b> within 30 days.\n"
    )
    html = _analyse(foedus.parse_text(text, source="<img src=x onerror=alert(1)>")).html
    assert "<script" not in html
    assert "<b>cooperate" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;cooperate&lt;/b&gt;" in html
    assert "Purpose &amp; &quot;scope&quot;" in html
    assert not _page(html).unbalanced


# --- terminal ---------------------------------------------------------------------------------


def _terminal(analysed: Analysed) -> str:
    console = Console(record=True, width=100, color_system=None)
    print_analysis(console, analysed.document, analysed.extraction, analysed.profile)
    return console.export_text()


def test_the_terminal_report_gives_the_score_parties_and_categories(us: Analysed) -> None:
    output = _terminal(us)
    assert f"Guarantee profile: {us.profile.score:.1f}/100" in output
    for party in us.profile.per_party:
        assert f"{party.subject}: {party.score:.1f}/100" in output
    for component in us.profile.components:
        assert component.name in output
    assert "Military assistance" in output
    assert "Response mechanism" in output
    assert "declarations, not counted as commitments" in output
    assert max(len(line) for line in output.splitlines()) <= 100


def test_the_terminal_lists_the_strongest_commitments_first(us: Analysed) -> None:
    output = _terminal(us)
    listing = output[output.index("strongest commitments") :]
    strongest = max(us.extraction.commitments, key=lambda c: c.strength)
    assert strongest.eid in listing
    assert "time: within 24 hours" in listing
    rows = [line.split("│")[0].strip() for line in listing.splitlines() if "│" in line]
    scores = [float(cell) for cell in rows if cell]
    assert len(scores) == 15
    assert scores == sorted(scores, reverse=True)


def test_the_terminal_prints_brackets_of_the_text_literally() -> None:
    text = (
        "AGREEMENT [DRAFT]\n\nThe Parties,\n\nHave agreed as follows:\n\nArticle 1\n"
        "Assistance [bold]\n\n1. The United States [shall][will] provide assistance.\n"
    )
    output = _terminal(_analyse(foedus.parse_text(text)))
    assert "AGREEMENT [DRAFT]" in output
    assert "Assistance [bold]" in output
    assert "[shall][will]" in output


def test_a_cell_counts_commitments_by_force_strongest_first() -> None:
    cue = Span("shall", 0, 5)
    made = [
        Commitment("a", "x", 0, 1, modality, cue)
        for modality in (Modality.ASPIRATION, Modality.OBLIGATION, Modality.COMMITMENT)
        for _ in range(1 if modality is Modality.ASPIRATION else 2)
    ]
    assert cell_label(made) == "2 obl · 2 com · 1 asp"
    assert cell_label([]) == ""


def test_runs_of_sibling_eids_are_shortened() -> None:
    eids = ["art_3__para_1", "art_3__para_3__point_a", "art_3__para_3__point_b"]
    eids += ["art_3__para_3__point_c", "art_12__para_2", "art_12__para_4"]
    assert compact_eids(eids) == (
        "art_3__para_1, art_3__para_3__point_a–c, art_12__para_2, art_12__para_4"
    )
    assert compact_eids([]) == "—"
    assert compact_eids([f"art_{n}" for n in range(1, 20, 2)], limit=2) == (
        "art_1, art_3 (+8 more)"
    )
