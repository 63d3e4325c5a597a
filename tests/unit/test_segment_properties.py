"""Invariants of segmentation, on generated documents (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from foedus import ProvisionKind, parse_text

WORDS = st.sampled_from(
    (
        "the Parties shall will may cooperate consult provide support Article paragraph "
        "(a) 1. 2. Annex PART within 24 hours of in accordance with this Agreement and or "
        "Ukraine United States defence training : ; , ."
    ).split()
)
FIRST = st.sampled_from(["The", "Each", "Ukraine", "Both", "Such", "Support", "Training"])
SENTENCE = st.builds(
    lambda first, rest: " ".join([first, *rest]) + ".",
    FIRST,
    st.lists(WORDS, min_size=2, max_size=25),
)
HEADINGS = st.sampled_from(["Purpose", "Consultations", "Defence Industry", "Final Provisions"])
STYLES = st.sampled_from(
    [
        "Article {n}\n{h}",
        "ARTICLE {n}\n{H}",
        "Article {n}: {h}",
        "Article {n} – {h}",
        "Art. {n} {h}",
        "Article {n}\n\n{h}",
    ]
)


@st.composite
def agreements(draw: st.DrawFn) -> tuple[str, list[str], list[int]]:
    """A generated agreement, its article numbers and each article's paragraph count."""
    style = draw(STYLES)
    parts = ["AGREEMENT BETWEEN ALDORIA AND BREVANIA", "The Parties,"]
    parts += [f"Recognising {s.lower()}" for s in draw(st.lists(SENTENCE, max_size=3))]
    parts.append("Have agreed as follows:")
    count = draw(st.integers(min_value=1, max_value=8))
    paragraph_counts = []
    for n in range(1, count + 1):
        heading = draw(HEADINGS)
        parts.append(style.format(n=n, h=heading, H=heading.upper()))
        paragraphs = draw(st.integers(min_value=0, max_value=3))
        paragraph_counts.append(paragraphs)
        if paragraphs == 0:
            parts.append(draw(SENTENCE))
        for p in range(1, paragraphs + 1):
            parts.append(f"{p}. {draw(SENTENCE)}")
            for letter in "abc"[: draw(st.integers(min_value=0, max_value=3))]:
                parts.append(f"({letter}) {draw(SENTENCE)}")
    parts.append("Done at Kyiv, in duplicate.")
    return "\n\n".join(parts), [str(n) for n in range(1, count + 1)], paragraph_counts


@given(agreements())
@settings(max_examples=150, deadline=None)
def test_generated_agreements_are_segmented_as_written(
    generated: tuple[str, list[str], list[int]],
) -> None:
    text, numbers, paragraph_counts = generated
    doc = parse_text(text)
    assert doc.covers_text()
    found = [n for n in doc.walk() if n.kind is ProvisionKind.ARTICLE]
    assert [a.num for a in found] == numbers
    assert [sum(1 for c in a.children if c.kind is ProvisionKind.PARAGRAPH) for a in found] == (
        paragraph_counts
    )
    assert doc.provisions[0].kind is ProvisionKind.PREAMBLE
    assert doc.provisions[-1].kind is ProvisionKind.FINAL
    ids = [n.eid for n in doc.walk()]
    assert len(ids) == len(set(ids))


@given(st.text(min_size=1, max_size=400))
@settings(max_examples=300, deadline=None)
def test_no_character_is_lost_or_duplicated_on_any_text(raw: str) -> None:
    doc = parse_text(raw)
    assert doc.covers_text()
    for node in doc.walk():
        assert node.start <= node.body_start <= node.own_end <= node.end


@given(
    st.lists(
        st.sampled_from(
            ["Article 1", "1.", "(a)", "(i)", "ANNEX I", "PART II", "x", "\n", " ", "Done at"]
        ),
        max_size=60,
    )
)
@settings(max_examples=300, deadline=None)
def test_no_character_is_lost_on_marker_soup(tokens: list[str]) -> None:
    doc = parse_text("\n".join(tokens) or "x")
    assert doc.covers_text()
