"""Provision alignment on tiny texts with known answers."""

from __future__ import annotations

import foedus
from foedus.compare.alignment import Unit, align, align_units, similarity, units_of

LEFT = [
    Unit("art_1", None, "The parties shall exchange intelligence on threats to their airspace."),
    Unit("art_2", None, "Either party may terminate this agreement on six months written notice."),
    Unit("art_3", None, "Funding for reconstruction of bridges and railways is provided annually."),
]
RIGHT = [
    Unit(
        "s_a", None, "Funding is provided annually for the reconstruction of railways and bridges."
    ),
    Unit("s_b", None, "Intelligence on threats to the airspace is exchanged between the parties."),
    Unit("s_c", None, "This agreement may be terminated by either party on six months notice."),
    Unit("s_d", None, "Fisheries quotas for herring are fixed by a joint commission each spring."),
]


def test_provisions_on_the_same_subject_align_whatever_their_order() -> None:
    alignment = align_units(LEFT, RIGHT)
    assert {p.left: p.right for p in alignment.pairs} == {
        "art_1": "s_b",
        "art_2": "s_c",
        "art_3": "s_a",
    }


def test_a_provision_with_no_counterpart_is_left_unmatched() -> None:
    alignment = align_units(LEFT, RIGHT)
    assert alignment.right_only == ("s_d",)
    assert alignment.left_only == ()


def test_the_assignment_is_one_to_one_even_when_one_unit_attracts_two() -> None:
    left = [
        Unit("a", None, "air defence interceptors radars"),
        Unit("b", None, "air defence interceptors"),
    ]
    right = [Unit("x", None, "air defence interceptors radars"), Unit("y", None, "air defence")]
    alignment = align_units(left, right)
    assert sorted((p.left, p.right) for p in alignment.pairs) == [("a", "x"), ("b", "y")]


def test_a_high_threshold_leaves_weaker_pairs_unmade() -> None:
    alignment = align_units(LEFT, RIGHT, threshold=0.99)
    assert [(p.left, p.right) for p in alignment.pairs] == [("art_3", "s_a")]  # same words
    assert alignment.left_only == ("art_1", "art_2")


def test_each_pair_names_the_words_it_shares() -> None:
    pair = next(p for p in align_units(LEFT, RIGHT).pairs if p.left == "art_3")
    assert {"railway", "bridge"} <= set(pair.shared)
    assert 0 < pair.score <= 1


def test_headings_count_when_both_texts_have_them() -> None:
    left = [Unit("1", "Sanctions", "text one"), Unit("2", "Training", "text two")]
    right = [Unit("x", "Training", "text three"), Unit("y", "Sanctions", "text four")]
    assert {p.left: p.right for p in align_units(left, right).pairs} == {"1": "y", "2": "x"}


def test_similarity_has_one_row_per_left_unit_and_one_column_per_right_unit() -> None:
    assert similarity(LEFT, RIGHT).shape == (3, 4)
    assert similarity([], RIGHT).shape == (0, 4)


def test_agreements_without_articles_align_by_their_numbered_paragraphs() -> None:
    text = (
        "MEMORANDUM\n\nThe Participants,\n\nDeclare as follows:\n\n"
        "1. The Participants will consult in the event of a threat to security.\n\n"
        "2. The Participants will refrain from the threat or use of force.\n"
    )
    other = (
        "MEMORANDUM\n\nThe Participants,\n\nDeclare as follows:\n\n"
        "1. The Participants will refrain from any threat or use of force.\n\n"
        "2. Should a threat to security arise, the Participants will consult.\n"
    )
    left, right = foedus.parse_text(text, "a"), foedus.parse_text(other, "b")
    assert [u.eid for u in units_of(left)] == ["para_1", "para_2"]
    alignment = align(left, right)
    assert {p.left: p.right for p in alignment.pairs} == {"para_1": "para_2", "para_2": "para_1"}
    assert alignment.as_dict()["left"] == "a"
