"""The reading core on real treaties nobody here wrote (skipped without ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench.corpora import render_tota, tota_files
from bench.reading import Score, found_articles, score

from foedus.analysis.ingest import SourceText, read_path
from foedus.analysis.reading import build_document
from foedus.analysis.segment import segment
from foedus.domain.provision import ProvisionKind

pytestmark = pytest.mark.corpus


def test_rendered_tota_treaties_are_segmented_as_marked_up(shared: Path) -> None:
    total = Score()
    for path in tota_files()[::6]:
        rendered = render_tota(path)
        source = SourceText(text=rendered.text, format="text")
        doc = build_document(source, path.name)
        assert doc.covers_text(), path.name
        ids = [n.eid for n in doc.walk()]
        assert len(ids) == len(set(ids)), path.name
        truth = [(a.num, a.body) for a in rendered.articles]
        total.add(score(truth, found_articles(rendered.text, doc.provisions)))
    assert total.f1 >= 0.99, total
    assert total.body >= 0.98, total


def test_tota_xml_keeps_its_markup_as_the_outline(shared: Path) -> None:
    for path in tota_files()[::25]:
        doc = build_document(read_path(path), path.name)
        assert doc.covers_text(), path.name
        rendered = render_tota(path)
        marked = [a.num for a in rendered.articles]
        found = [n.num for n in doc.walk() if n.kind is ProvisionKind.ARTICLE]
        assert found == marked, path.name


def _bbnj_truth(shared: Path) -> list[str]:
    units = json.loads((shared / "corpora/un-bbnj/structure.json").read_text(encoding="utf-8"))
    return [u["number"] for u in units["units"] if u["label"].startswith("Article")]


@pytest.mark.parametrize("name", ["text.txt", "original.pdf"])
def test_bbnj_agreement_has_its_76_articles_and_2_annexes(shared: Path, name: str) -> None:
    source = read_path(shared / "corpora/un-bbnj" / name)
    tree = segment(source)
    doc = build_document(source, name)
    assert doc.covers_text()
    assert [n.num for n in doc.walk() if n.kind is ProvisionKind.ARTICLE] == _bbnj_truth(shared)
    assert [n.eid for n in tree if n.kind is ProvisionKind.ANNEX] == ["annex_I", "annex_II"]
    assert tree[0].kind is ProvisionKind.PREAMBLE
    art1 = doc.find("art_1")
    assert art1 is not None
    if name == "original.pdf":  # in text.txt the title is glued to the first sentence
        assert art1.heading == "Use of terms"
