"""The guarantee profile: its sanity anchors and its explanations."""

from __future__ import annotations

from pathlib import Path

import foedus
from foedus.analysis.extract import extract
from foedus.analysis.profile import WEIGHTS, Profile, guarantee_profile


def profile_of(examples: Path, name: str) -> Profile:
    document = foedus.read(examples / name)
    return guarantee_profile(document, extract(document))


def test_a_mutual_defence_treaty_scores_far_above_an_assurances_memorandum(examples: Path) -> None:
    treaty = profile_of(examples, "mutual-defence-treaty.txt")
    memo = profile_of(examples, "assurances-memorandum.txt")
    assert treaty.score - memo.score >= 35
    assert treaty.component("response").value == 1.0
    assert memo.component("bindingness").value < 0.3 < treaty.component("bindingness").value


def test_the_demo_agreement_lands_between_the_two(examples: Path) -> None:
    treaty = profile_of(examples, "mutual-defence-treaty.txt").score
    memo = profile_of(examples, "assurances-memorandum.txt").score
    demo = profile_of(examples, "ukraine-us-bsa.txt")
    assert memo < demo.score < treaty
    response = demo.component("response")
    assert response.value == 0.7
    assert "within 24 hours" in response.explanation
    assert "art_4__para_1" in response.eids


def test_every_component_is_weighted_and_explained(examples: Path) -> None:
    demo = profile_of(examples, "ukraine-us-bsa.txt")
    assert [c.name for c in demo.components] == list(WEIGHTS)
    assert abs(sum(c.weight for c in demo.components) - 1.0) < 1e-9
    assert abs(demo.score - 100 * sum(c.value * c.weight for c in demo.components)) < 1e-9
    assert all(c.explanation for c in demo.components)
    assert [p.subject for p in demo.per_party] == ["Ukraine", "the United States of America"]


def test_political_texts_are_told_apart_from_treaties(examples: Path) -> None:
    uk = profile_of(examples, "ukraine-uk-style.txt")
    assert uk.component("bindingness").value < 0.5
    assert "political" in uk.component("bindingness").explanation
