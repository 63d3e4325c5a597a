"""ATOP-style codes of the demo agreements, and their place among historical alliances."""

from __future__ import annotations

import foedus
from foedus.compare.atop_codes import CODES, code_agreement
from foedus.compare.cells import Subject
from foedus.compare.history import compare_history, load_alliances
from foedus.services.analysis import analyse_document


def _codes(subject: Subject) -> dict[str, int]:
    return code_agreement(subject).vector()


def test_the_mutual_defence_treaty_codes_as_a_defence_pact(demo: dict[str, Subject]) -> None:
    codes = _codes(demo["mutual-defence-treaty"])
    assert codes["defense"] == 1
    assert codes["intcom"] == codes["base"] == codes["milaid"] == 1
    assert codes["conditio"] == 0


def test_the_defence_pledge_points_at_the_armed_attack_clause(demo: dict[str, Subject]) -> None:
    profile = code_agreement(demo["mutual-defence-treaty"])
    defence = next(c for c in profile.codes if c.code == "defense")
    assert defence.evidence[0].eid == "art_III__para_1"
    assert "attack against both" in defence.evidence[0].quote


def test_the_assurances_memorandum_codes_as_consultation_and_non_aggression(
    demo: dict[str, Subject],
) -> None:
    codes = _codes(demo["assurances-memorandum"])
    assert codes["consul"] == codes["nonagg"] == 1
    assert codes["defense"] == codes["milaid"] == 0


def test_the_us_draft_codes_as_consultation_and_military_aid(demo: dict[str, Subject]) -> None:
    profile = code_agreement(demo["ukraine-us-bsa"])
    codes = profile.vector()
    assert codes["consul"] == codes["milaid"] == 1
    assert codes["defense"] == 0
    assert codes["specthrt"] == 1  # "an armed attack by the Russian Federation"
    assert profile.length_months == 120


def test_the_shipped_data_hold_the_745_alliances() -> None:
    alliances = load_alliances()
    assert len(alliances) == 745
    assert sum(a.codes["defense"] for a in alliances) == 275
    nato = next(a for a in alliances if a.atopid == 3180)
    assert nato.begin == 1949
    assert "United States" in nato.members
    assert nato.codes["defense"] == 1


def test_history_gives_every_code_its_share_of_alliances(demo: dict[str, Subject]) -> None:
    history = compare_history(code_agreement(demo["mutual-defence-treaty"]))
    assert set(history.shares) == set(CODES)
    assert round(history.shares["defense"] * 745) == 275
    assert history.sentences()[0] == "defence pledge: yes — as in 275 of 745 alliances (37%)"


def test_nearest_alliances_come_closest_first(demo: dict[str, Subject]) -> None:
    history = compare_history(code_agreement(demo["ukraine-us-bsa"]))
    distances = [d for _, d in history.nearest]
    assert distances == sorted(distances)
    assert len(distances) == 5


def test_the_depth_estimate_reports_the_quality_of_its_fit(demo: dict[str, Subject]) -> None:
    deep = compare_history(code_agreement(demo["mutual-defence-treaty"])).depth
    shallow = compare_history(code_agreement(demo["assurances-memorandum"])).depth
    assert deep is not None
    assert shallow is not None
    assert deep.value > shallow.value
    assert deep.cv_r2 > 0.8
    assert deep.fitted_on > 400
    assert 0 <= shallow.percentile <= deep.percentile <= 100


def subject_of(text: str, name: str) -> Subject:
    analysis = analyse_document(foedus.parse_text(text, f"{name}.txt"))
    return Subject(name, analysis.document, analysis.extraction, analysis.profile)


TRADE_CLAUSES = """AGREEMENT BETWEEN ARCADIA AND BOREALIS ON TRADE

Have agreed as follows:

Article 1

Each Party shall provide training to customs officials of the other Party.

Article 2

No Party shall require a certification of origin if the customs value of the importation does \
not exceed US $1,000.

Article 3

Each Party shall provide to the other Party a list of its entities with revenues above \
USD 200 million.
""" + "".join(  # long enough to be judged: no security agreement, so no broad category cues
    f"\nArticle {n}\n\nEach Party shall publish its customs regulations and rulings promptly "
    "and make them available to traders of the other Party.\n"
    for n in range(4, 30)
)


def test_everyday_giving_and_figures_are_no_military_aid_or_contribution() -> None:
    subject = subject_of(TRADE_CLAUSES, "trade")
    codes = _codes(subject)
    assert codes["milaid"] == 0  # training, but of customs officials
    assert codes["contrib"] == 0  # a threshold and a list, not an amount a party puts in
    armed = TRADE_CLAUSES.replace("customs officials", "the armed forces").replace(
        "a list of its entities with revenues above", "military assistance of"
    )
    codes = _codes(subject_of(armed, "aid"))
    assert codes["milaid"] == 1
    assert codes["contrib"] == 1


def test_history_says_when_a_text_carries_no_alliance_pledge(demo: dict[str, Subject]) -> None:
    trade = compare_history(code_agreement(subject_of(TRADE_CLAUSES, "trade")))
    notice = trade.notice()
    assert notice is not None
    assert "no alliance pledge" in notice
    assert trade.as_dict()["notice"] == notice
    assert compare_history(code_agreement(demo["ukraine-us-bsa"])).notice() is None


def test_equipment_for_police_is_no_military_aid_and_a_floor_is_still_a_contribution() -> None:
    text = TRADE_CLAUSES.replace(
        "Each Party shall provide training to customs officials of the other Party.",
        "Each Party shall provide equipment to the border police forces of the other Party.",
    ).replace(
        "Each Party shall provide to the other Party a list of its entities with revenues above "
        "USD 200 million.",
        "Each Party shall contribute not less than USD 5 million to the joint customs fund.",
    )
    codes = _codes(subject_of(text, "police"))
    assert codes["milaid"] == 0
    assert codes["contrib"] == 1
