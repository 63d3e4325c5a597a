"""The cue scanner finds exactly what ``re.finditer`` over the plain alternation finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.analysis.extract import categories, modality, qualifiers
from foedus.analysis.extract.scanner import BoundedPattern, CueScanner, fold, prefixes

CUES = [
    ("c0", r"shall[ \n]+not"),
    ("c1", r"shall|must"),
    ("c2", r"(?:security and )?defen[cs]e (?:support|aid)"),
    ("c3", r"(?:non[- ]?)?lethal aid"),
    ("c4", r"f-16s?"),
    ("c5", r"may(?=\s+only)"),
    ("c6", r"a"),
    ("c7", r"ab{0,2}c"),
    ("c8", r"€ ?16"),
]


def plain(cues: list[tuple[str, str]]) -> re.Pattern[str]:
    return re.compile("|".join(rf"(?P<{name}>\b(?:{body})\b)" for name, body in cues))


def spans(matches: object) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in matches]  # type: ignore[attr-defined]


def test_prefixes_are_read_from_the_parsed_pattern() -> None:
    assert prefixes("shall|must") == {"sh", "mu"}
    assert prefixes("(?:security and )?defen[cs]e") == {"se", "de"}
    assert prefixes("(?:non[- ]?)?lethal") == {"no", "le"}
    assert prefixes("ab{0,3}c") == {"ab", "ac"}
    assert prefixes("a") == {"a"}  # a complete match shorter than two characters


def test_unknown_or_empty_beginnings_give_none() -> None:
    assert prefixes(r"\w+ed") is None
    assert prefixes("x*") is None  # can match the empty string
    assert prefixes(r"(a)\1") == {"a"}  # the second character unknown: the first alone


def test_a_cue_with_unknown_beginnings_makes_the_scanner_run_the_plain_alternation() -> None:
    scanner = CueScanner([("c0", "shall"), ("c1", r"\w+ly")])
    text = "each party shall act promptly"
    assert [(m.span(), m.lastgroup) for m in scanner.finditer(text)] == [
        ((11, 16), "c0"),
        ((21, 29), "c1"),
    ]


def test_earlier_cues_win_at_one_position_and_matches_do_not_overlap() -> None:
    scanner = CueScanner(CUES)
    text = "the parties shall not provide security and defence aid or lethal aid; a f-16s"
    found = spans(scanner.finditer(text))
    assert found == spans(plain(CUES).finditer(text))
    assert found[0] == ((12, 21), "c0")  # "shall not", not "shall"
    assert ((30, 54), "c2") in found


TEXT = st.text(alphabet=st.sampled_from(list("abcdefhilmnorstuy-16€ \n")), min_size=0, max_size=200)
PHRASES = st.lists(
    st.sampled_from(
        [
            "shall",
            "shall not",
            "must",
            "may only",
            "defence aid",
            "security and defense support",
            "non-lethal aid",
            "f-16",
            "abc",
            "ac",
            "a",
            "€ 16",
            "marshall",
            "xshall",
        ]
    )
    | TEXT,
    max_size=12,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(PHRASES, st.integers(min_value=0, max_value=300))
def test_the_scanner_gives_the_matches_of_the_plain_alternation(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    assert spans(CueScanner(CUES).finditer(text, pos)) == spans(plain(CUES).finditer(text, pos))


def test_the_modality_and_category_cues_are_scanned_not_run_plainly() -> None:
    """Every real cue list has known beginnings: the fast path is the one taken."""
    assert not modality._cue_scanner()._direct
    assert not categories._scanner(broad=True)[0]._direct
    assert not categories._scanner(broad=False)[0]._direct


def test_the_real_cue_lists_match_as_their_plain_alternations_on_sample_clauses() -> None:
    text = (
        "Each Party shall not be required to provide information. The United States will "
        "continue to provide security assistance, including air defence systems, F-16s and "
        "artillery ammunition, and intends to support Ukraine's defence industrial base. "
        "Ukraine may request consultations within 24 hours; the Participants reaffirm their "
        "commitment to a just peace and to accountability for the aggression, including "
        "frozen sovereign assets and a special tribunal."
    ).lower()
    scanner = modality._cue_scanner()
    assert spans(scanner.finditer(text)) == spans(plain(list(scanner.cues)).finditer(text))
    cats, _owners = categories._scanner()
    assert spans(cats.finditer(text)) == spans(plain(list(cats.cues)).finditer(text))
    assert len(spans(cats.finditer(text))) >= 5


def test_the_test_cue_list_takes_the_fast_path() -> None:
    assert not CueScanner(CUES)._direct


def test_a_bounded_pattern_gives_the_matches_of_the_pattern_case_insensitively() -> None:
    pattern = re.compile(r"\b(?:as\s+appropriate|in\s+the\s+event\b|\d+\s+days|if\b)", re.I)
    bounded = BoundedPattern(pattern)
    assert bounded._starts is not None  # the fast path
    text = "As Appropriate, IF needed, within 30 days; in the event of attack; Gif, 4 Days"
    assert [m.span() for m in bounded.finditer(text)] == [m.span() for m in pattern.finditer(text)]
    assert len([m.span() for m in bounded.finditer(text)]) == 5


def test_a_pattern_not_opening_on_a_word_boundary_is_run_as_it_is() -> None:
    pattern = re.compile(r"[$€]\s?\d+")
    bounded = BoundedPattern(pattern)
    assert bounded._starts is None
    assert [m.group(0) for m in bounded.finditer("pay $ 5 and €7")] == ["$ 5", "€7"]


@settings(max_examples=200, deadline=None)
@given(PHRASES)
def test_bounded_qualifier_patterns_match_as_the_plain_ones(text: str) -> None:
    for pattern in (qualifiers._HEDGES, qualifiers._TRIGGER_START):
        assert [m.span() for m in BoundedPattern(pattern).finditer(text)] == [
            m.span() for m in pattern.finditer(text)
        ]


def test_a_start_inside_another_cues_first_two_characters_is_not_skipped() -> None:
    """In "a.y", "a." may begin c0 (which fails there), and "." at 1 begins c1."""
    cues = [("c0", r"a\.x"), ("c1", r"\.y")]
    text = "a.y"
    assert spans(CueScanner(cues).finditer(text)) == spans(plain(cues).finditer(text))
    assert spans(CueScanner(cues).finditer(text)) == [((1, 3), "c1")]


OVERLAPPING = [("c0", r"a\.x"), ("c1", r"\.y"), ("c2", r"-a"), ("c3", r"a-"), ("c4", r"y\.")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("axy.- ")), max_size=40))
def test_cues_mixing_word_and_other_characters_match_as_the_plain_alternation(text: str) -> None:
    assert spans(CueScanner(OVERLAPPING).finditer(text)) == spans(plain(OVERLAPPING).finditer(text))


def test_folding_finds_what_ignorecase_finds_for_dotless_i_and_long_s() -> None:
    # re.IGNORECASE equates "ı" with "i" and "ſ" with "s", which lower() does not
    for text in ("aſ appropriate", "ıf the party is attacked", "AS APPROPRIATE", "İf"):
        for pattern in (qualifiers._HEDGES, qualifiers._TRIGGER_START):
            assert [m.span() for m in BoundedPattern(pattern).finditer(text)] == [
                m.span() for m in pattern.finditer(text)
            ]
    assert [m.group(0) for m in BoundedPattern(qualifiers._HEDGES).finditer("aſ appropriate")]
    long_s = modality.read_force("Each Party ſhall provide aid.")
    plain_s = modality.read_force("Each Party shall provide aid.")
    assert long_s is not None
    assert plain_s is not None
    assert long_s.modality == plain_s.modality


def test_scoped_or_leading_flags_make_the_beginnings_unknown() -> None:
    assert prefixes("(?i:shall)") is None
    assert prefixes("(?i)shall") is None
    assert prefixes("(?a:x)y") is None
    assert prefixes("(?i)shall", flags=re.IGNORECASE) == {"sh"}
    cues = [("c0", "(?i:shall)"), ("c1", "must")]
    text = "SHALL must"
    assert spans(CueScanner(cues).finditer(text)) == spans(plain(cues).finditer(text))


def test_an_ascii_pattern_keeps_its_ascii_word_boundary() -> None:
    pattern = re.compile(r"\bif\b", re.ASCII | re.IGNORECASE)
    text = "éif, if"  # "é" is no word character under re.ASCII: "\b" holds before "if"
    assert [m.span() for m in BoundedPattern(pattern).finditer(text)] == [
        m.span() for m in pattern.finditer(text)
    ]
    assert len(list(pattern.finditer(text))) == 2


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"\bιδ", "ιδ"),  # iota: its equivalents include U+0345, no word character
        (r"\bab", "ͅab"),  # U+0345 itself: the text cannot be folded, re is run
        (r"\bİ\b", "I"),  # "İ" lower-cases to two characters; re folds it to "i"
        (r"\b(?:İ|x)\b", "i x"),
        (r"\bσας\b", "ΣΑΣ, Σας"),  # final sigma
        (r"\bshall\b", "ΙSHALL ſhall"),
    ],
)
def test_unicode_case_folding_gives_the_matches_of_re_ignorecase(pattern: str, text: str) -> None:
    compiled = re.compile(pattern, re.IGNORECASE)
    assert [m.span() for m in BoundedPattern(compiled).finditer(text)] == [
        m.span() for m in compiled.finditer(text)
    ]


@pytest.mark.parametrize("text", ["ſab", "ıab", "\u212aab", "Éab AB"])
def test_ascii_ignorecase_folds_only_ascii_letters(text: str) -> None:
    compiled = re.compile(r"\bab", re.ASCII | re.IGNORECASE)
    assert [m.span() for m in BoundedPattern(compiled).finditer(text)] == [
        m.span() for m in compiled.finditer(text)
    ]


def test_fold_refuses_texts_it_cannot_fold_at_the_same_offsets() -> None:
    assert fold("İf") is None  # lower-casing makes it longer
    assert fold("a\u0345b") is None  # a non-word character re equates with the letter iota
    assert fold("Aſ ıF") == "as if"
    assert fold("ſ Ä", ascii_only=True) == "ſ Ä"  # under re.ASCII only A-Z fold


def test_folded_non_ascii_cues_match_folded_text() -> None:
    cue = fold("σας")  # the cues are folded as the text is (σ and ς are one letter to re)
    assert cue is not None
    scanner = CueScanner([("c0", cue)])
    text = "ΣΑΣ και Σας"
    folded = fold(text)
    assert folded is not None
    plain_ignorecase = re.compile(r"\b(?:σας)\b", re.IGNORECASE)
    assert [m.span() for m in scanner.finditer(folded)] == [
        m.span() for m in plain_ignorecase.finditer(text)
    ]


UNICODE_TEXT = st.lists(
    st.sampled_from(
        ["shall", "SHALL", "ſhall", "ıf", "İf", "if", "as appropriate", "AS APPROPRIATE", "ι",
         "Ι", "\u0345", "σ", "Σ", "K", "é", ",", ".", " ", "\n", "upon request", "_", "1"]
    ),
    max_size=16,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(UNICODE_TEXT, st.integers(min_value=0, max_value=40))
def test_extraction_cues_match_as_re_ignorecase_on_unicode_text(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    assert [(m.span(), m.lastgroup) for m in modality._finditer(text, pos)] == [
        (m.span(), m.lastgroup) for m in modality._CUE.finditer(text, pos)
    ]
    for pattern in (qualifiers._HEDGES, qualifiers._TRIGGER_START):
        assert [m.span() for m in qualifiers._bounded(pattern).finditer(text)] == [
            m.span() for m in pattern.finditer(text)
        ]
    expected = {i for i, c in enumerate(categories.load_categories()) if c.pattern.search(text)}
    assert categories._found(text) == expected
