"""The template check: present, weak and missing, with evidence; and bad templates refused."""

from __future__ import annotations

from pathlib import Path

import pytest

import foedus
from foedus.analysis.extract import extract
from foedus.compare.template import (
    Status,
    TemplateError,
    available_templates,
    check_template,
    load_template,
    parse_template,
)

DRAFT = (
    "AGREEMENT BETWEEN UKRAINE AND ALDORIA\n\nThe Parties,\n\nHave agreed as follows:\n\n"
    "Article 1\nTraining\n\n1. Aldoria shall provide training to the armed forces of Ukraine.\n\n"
    "Article 2\nEnergy\n\n1. Aldoria intends to support the repair of the power grid of Ukraine.\n\n"
    "Article 3\nSanctions\n\n1. Aldoria shall, as appropriate, maintain sanctions.\n\n"
    "Article 4\nNuclear\n\n1. Aldoria will not use nuclear weapons against Ukraine.\n"
)
TEMPLATE = """
id: mini
title: A small template
recipient: Ukraine
elements:
  - id: training
    description: Training of forces.
    categories: [training]
    min_modality: commitment
    bearer: partner
  - id: energy
    description: Energy support.
    categories: [energy_security]
    min_modality: commitment
  - id: sanctions
    description: Sanctions on the aggressor.
    categories: [sanctions]
    min_modality: commitment
  - id: demining
    description: Humanitarian demining.
    categories: [humanitarian_demining]
    min_modality: aspiration
  - id: weapons
    description: Weapons for Ukraine.
    cues: ['weapons?']
    min_modality: commitment
  - id: reforms
    description: Ukraine's reforms.
    categories: [training]
    bearer: recipient
"""


@pytest.fixture(scope="module")
def results() -> dict[str, object]:
    check = check_template(
        parse_template(TEMPLATE, "mini"), extract(foedus.parse_text(DRAFT, "draft"))
    )
    return {r.id: r for r in check.results}


def test_a_firm_unhedged_clause_makes_an_element_present(results: dict) -> None:
    training = results["training"]
    assert training.status is Status.PRESENT
    assert training.evidence[0].eid == "art_1__para_1"
    assert "obligation" in training.reason


def test_a_clause_below_the_minimum_modality_is_weak(results: dict) -> None:
    assert results["energy"].status is Status.WEAK
    assert "aspiration" in results["energy"].reason
    assert "commitment" in results["energy"].reason


def test_a_hedged_clause_is_weak_and_the_hedge_is_named(results: dict) -> None:
    assert results["sanctions"].status is Status.WEAK
    assert "'as appropriate'" in results["sanctions"].reason


def test_an_element_no_clause_addresses_is_missing(results: dict) -> None:
    assert results["demining"].status is Status.MISSING
    assert results["demining"].evidence == ()


def test_a_promise_in_the_negative_does_not_count(results: dict) -> None:
    assert results["weapons"].status is Status.MISSING


def test_the_bearer_must_be_the_recipient_when_the_template_says_so(results: dict) -> None:
    assert results["reforms"].status is Status.MISSING  # training is borne by Aldoria


def test_the_shipped_g7_template_loads_by_name() -> None:
    assert "g7-vilnius-2023" in available_templates()
    template = load_template("g7-vilnius-2023")
    ids = {e.id for e in template.elements}
    assert {"swift-consultations", "reforms", "cyber-defence", "energy-security"} <= ids
    assert template.recipient == "Ukraine"


def test_the_us_draft_meets_the_swift_consultation_element(examples: Path) -> None:
    template = load_template("g7-vilnius-2023")
    check = check_template(template, extract(foedus.read(examples / "ukraine-us-bsa.txt")))
    swift = next(r for r in check.results if r.id == "swift-consultations")
    assert swift.status is Status.PRESENT
    assert check.as_dict()["summary"] == {
        "present": check.count(Status.PRESENT),
        "weak": check.count(Status.WEAK),
        "missing": check.count(Status.MISSING),
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: x\n", "a template needs a list of 'elements'"),
        ("elements: [{id: a, categories: [nope]}]", "unknown categories nope"),
        ("elements: [{id: a, cues: ['(']}]", "invalid cue"),
        ("elements: [{id: a}]", "needs categories or cues"),
        ("elements: [{id: a, cues: [x], min_modality: must}]", "min_modality must be one of"),
        ("elements: [{id: a, cues: [x], bearer: them}]", "bearer must be one of"),
        ("elements: [{id: a, cues: [x]}, {id: a, cues: [y]}]", "element ids must be unique"),
        ("elements: [", "not valid YAML"),
    ],
)
def test_a_bad_template_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        parse_template(text, "bad.yaml")


def test_an_unknown_template_name_lists_the_shipped_ones() -> None:
    with pytest.raises(TemplateError, match="g7-vilnius-2023"):
        load_template("no-such-template")


def test_a_template_path_is_read_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    assert load_template(path).id == "mini"
    with pytest.raises(TemplateError, match="no such template file"):
        load_template(tmp_path / "absent.yaml")


def test_an_agreement_on_another_subject_meets_no_security_element() -> None:
    """A law-of-the-sea style text, long enough to judge, that speaks of training, exchange of
    information, monitoring, transparency and financial resources — in its own sense."""
    sentences = [
        "The Parties shall cooperate in the training of scientists and in capacity-building.",
        "The Parties shall promote the exchange of information on marine genetic resources.",
        "Monitoring and transparency of activities shall be achieved through notification.",
        "The Parties shall provide financial resources for the implementation of this Agreement.",
        "The Parties shall promote investment in research and the transfer of marine technology.",
    ]
    text = "Have agreed as follows:\n\n" + "\n\n".join(
        f"Article {n}\n\n{s}" for n, s in enumerate(sentences * 8, start=1)
    )
    check = check_template(load_template("g7-vilnius-2023"), extract(foedus.parse_text(text)))
    assert len(text) > 3000
    assert [r.id for r in check.results if r.status is not Status.MISSING] == []
