"""Provision alignment on tiny texts with known answers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import foedus
from foedus.compare.alignment import (
    Unit,
    _assign,
    _local_scaling,
    align,
    align_units,
    similarity,
    units_of,
)

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


THIRD_LEFT = [
    Unit("a", None, "air defence interceptors and radars for the capital"),
    Unit("b", None, "an annual funding report goes to parliament"),
    Unit("c", None, "sanctions on the aggressor are kept until it pays"),
]
THIRD_RIGHT = [
    Unit("x", None, "air defence interceptors and radars for the capital"),
    Unit("y", None, "parliament receives a yearly note"),
    Unit("z", None, "parliament and aggressor funding sanctions review"),
]


def test_a_pair_below_the_threshold_is_made_only_between_mutual_best_matches() -> None:
    scores = similarity(THIRD_LEFT, THIRD_RIGHT)
    assert scores[2, 2] < 0.3 <= scores[0, 0]  # c-z under the threshold, each other's best
    assert scores[1, 1] < scores[1, 2]  # b's best match is z, not y
    alignment = align_units(THIRD_LEFT, THIRD_RIGHT, threshold=0.3)
    assert [(p.left, p.right) for p in alignment.pairs] == [("a", "x"), ("c", "z")]
    assert alignment.left_only == ("b",)
    assert alignment.right_only == ("y",)


def test_a_pair_below_half_the_threshold_is_never_made() -> None:
    alignment = align_units(THIRD_LEFT, THIRD_RIGHT, threshold=0.5)
    assert [(p.left, p.right) for p in alignment.pairs] == [("a", "x")]
    assert alignment.left_only == ("b", "c")


def test_units_left_free_by_a_dropped_pair_are_matched_above_the_threshold() -> None:
    # by the objective (chapter context included) A-Y + B-X is the best assignment, but A-Y
    # scores under the threshold and A's best is X: A-Y is dropped; A and Z, both free and
    # scoring 0.11 together, are then paired
    scores = np.array([[0.12, 0.09, 0.11], [0.10, 0.0, 0.0]])
    objective = scores + np.array([[0.0, 0.1, 0.0], [0.1, 0.0, 0.0]])
    objective[0, 0] = 0.30  # A's best match, taken by B in the assignment
    assert _assign(scores, objective, threshold=0.10) == [(0, 2), (1, 0)]


@pytest.mark.parametrize("local", [False, True], ids=["plain", "locally scaled"])
@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(st.floats(0, 1), min_size=n, max_size=n), min_size=1, max_size=6),
            st.lists(st.lists(st.floats(0, 0.3), min_size=n, max_size=n), min_size=6, max_size=6),
        )
    ),
    st.floats(0.05, 0.6),
)
def test_the_assignment_is_one_to_one_and_leaves_no_two_free_units_above_the_threshold(
    local: bool, matrices: tuple[list[list[float]], list[list[float]]], threshold: float
) -> None:
    scores = np.array(matrices[0])
    objective = scores + np.array(matrices[1][: len(scores)])
    ranked = _local_scaling(scores, objective) if local else objective
    pairs = _assign(scores, objective, threshold, ranked if local else None)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    for i, j in pairs:
        mutual = ranked[i].argmax() == j and ranked[:, j].argmax() == i
        assert scores[i, j] >= threshold or (mutual and scores[i, j] >= threshold / 2)
    free_rows = set(range(scores.shape[0])) - {i for i, _ in pairs}
    free_cols = set(range(scores.shape[1])) - {j for _, j in pairs}
    assert all(scores[i, j] < threshold for i in free_rows for j in free_cols)


def test_local_scaling_discounts_a_unit_that_resembles_everything() -> None:
    # right unit 0 is stock text, close to every left unit; right unit 1 is close to left 1 only
    scores = np.array([[0.50, 0.05, 0.05], [0.55, 0.50, 0.05], [0.50, 0.05, 0.45]])
    scaled = _local_scaling(scores, scores)
    assert scaled[1].argmax() == 1  # by raw similarity left 1 would prefer the stock text
    assert scores[1].argmax() == 0


def test_words_match_whatever_their_endings_and_pairs_show_whole_words() -> None:
    left = [Unit("a", None, "The commitments on procurement are binding."), *LEFT[:2]]
    right = [Unit("x", None, "Each party is committed to procurement that binds."), *RIGHT[1:3]]
    assert similarity(left, right)[0, 0] > similarity(left[:1], [Unit("y", None, "x y z")])[0, 0]
    pair = next(p for p in align_units(left, right).pairs if p.left == "a")
    assert pair.right == "x"
    assert {"commitments", "procurement"} <= set(pair.shared)  # as the left text writes them


def test_a_mutual_best_pair_below_the_threshold_joins_those_above_it() -> None:
    scores = np.array([[0.30, 0.0], [0.0, 0.07]])
    assert _assign(scores, scores, threshold=0.10) == [(0, 0), (1, 1)]
    assert _assign(scores, scores, threshold=0.15) == [(0, 0)]  # 0.07 is under half of 0.15


def test_units_too_short_for_letter_grams_match_by_their_words_alone() -> None:
    left = [Unit("a", "Sanctions", ""), Unit("b", "Training", "")]
    right = [Unit("x", "Training", ""), Unit("y", "Sanctions", "")]
    scores = similarity(left, right)
    assert scores[0, 1] == pytest.approx(1.0)
    assert scores[1, 0] == pytest.approx(1.0)
    assert scores[0, 0] == 0.0


def test_articles_are_drawn_to_their_namesakes_in_the_matching_chapter() -> None:
    procedure = "a party may request consultations and a panel under this chapter"
    left = [
        Unit("l1", None, "customs duties on originating goods are eliminated", group="goods"),
        Unit("l2", None, procedure, group="goods"),
        Unit("l3", None, "business visitors are granted temporary entry and stay", group="entry"),
        Unit("l4", None, procedure, group="entry"),
    ]
    right = [
        Unit("r1", None, procedure, group="people"),
        Unit("r2", None, "temporary entry and stay for business visitors", group="people"),
        Unit("r3", None, procedure, group="tariffs"),
        Unit("r4", None, "originating goods enter free of customs duties", group="tariffs"),
    ]
    matched = {p.left: p.right for p in align_units(left, right).pairs}
    assert matched == {"l1": "r4", "l2": "r3", "l3": "r2", "l4": "r1"}


def test_each_pair_names_the_words_it_shares() -> None:
    pair = next(p for p in align_units(LEFT, RIGHT).pairs if p.left == "art_3")
    assert {"railways", "bridges"} <= set(pair.shared)  # as the left text writes them
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
