"""Package-deal use cases on the demo negotiation: the model file, the current package read
from the draft, privacy modes, and trades explained in words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from foedus.domain.errors import InputError
from foedus.domain.package_deal import (
    AnalysisMode,
    AnalysisNotPermittedError,
    PackageModelError,
    Viewer,
)
from foedus.services.package_deal import (
    analyse_package_deal,
    analysis_as_dict,
    load_model,
)
from foedus.services.package_draft import provision_reference
from foedus.services.package_model import model_from_mapping

DEMO = Path(__file__).resolve().parents[2] / "examples" / "package-deal-us-ukraine.yaml"


@pytest.fixture(scope="module")
def demo_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    data["draft"] = str(DEMO.parent / data["draft"])
    return data


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "model.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_current_package_is_read_from_the_draft() -> None:
    model = load_model(DEMO)
    assert dict(model.current) == {
        "consultation": "h24",
        "funding": "appropriations",
        "modality": "will",
        "duration": "ten_years",
        "nato": "one_day",
        "sanctions": "strengthen",
        "assets": "windfall",
        "conditionality": "monitoring",
        "industry": "explore",
        "intelligence": "as_permitted",
        "termination": "six_months",
    }


def test_an_option_named_under_current_wins_over_the_draft(
    tmp_path: Path, demo_data: dict[str, Any]
) -> None:
    model = load_model(_write(tmp_path, {**demo_data, "current": {"consultation": "h72"}}))
    assert model.current["consultation"] == "h72"
    assert model.current["funding"] == "appropriations"


def test_the_joint_analysis_of_the_demo_finds_a_logroll_and_says_how_it_was_made() -> None:
    model = load_model(DEMO)
    analysis = analyse_package_deal(model, Viewer.joint())
    assert analysis.mode is AnalysisMode.JOINT
    assert analysis.estimated == ()
    assert analysis.frontier_exact
    assert analysis.zopa
    assert analysis.current is not None
    assert analysis.current.dominated
    for party in model.parties:  # the exact grid agrees with plain arithmetic
        expected = model.valuations[party].utility(model.current)
        assert analysis.current.point.utilities[party] == pytest.approx(expected, abs=1e-9)
    best = analysis.current.trades[0]
    assert best.explanation == (
        "move Reform conditionality (Article 9(2)) to “budget support conditional on reforms” "
        "and Intelligence sharing (Article 6(1)) to “in real time”: "
        "+5.6 for Ukraine, +2.7 for United States"
    )
    assert any("joint analysis" in note for note in analysis.notes)
    assert any("exact Pareto frontier" in note for note in analysis.notes)


def test_a_delegation_view_never_depends_on_the_other_sides_private_valuation(
    tmp_path: Path, demo_data: dict[str, Any]
) -> None:
    altered = yaml.safe_load(yaml.safe_dump(demo_data))
    us = altered["valuations"]["United States"]
    us["values"] = {key: list(reversed(opts)) for key, opts in _rankings(demo_data).items()}
    us["reservation"] = 99
    original = analyse_package_deal(load_model(DEMO), Viewer.delegation("Ukraine"))
    changed = analyse_package_deal(
        load_model(_write(tmp_path, altered)), Viewer.delegation("Ukraine")
    )
    assert analysis_as_dict(original) == analysis_as_dict(changed)
    assert original.estimated == ("United States",)
    assert original.reservation["United States"] == 30  # what Ukraine assumes, not the truth


def _rankings(data: dict[str, Any]) -> dict[str, list[str]]:
    return {issue["key"]: [o["key"] for o in issue["options"]] for issue in data["issues"]}


def test_a_delegations_own_file_without_the_other_valuation_is_enough_for_its_view(
    tmp_path: Path, demo_data: dict[str, Any]
) -> None:
    own = {**demo_data, "valuations": {"Ukraine": demo_data["valuations"]["Ukraine"]}}
    model = load_model(_write(tmp_path, own))
    analysis = analyse_package_deal(model, Viewer.delegation("Ukraine"))
    assert analysis.viewer == "Ukraine"
    with pytest.raises(PackageModelError, match="no valuation of United States"):
        analyse_package_deal(model, Viewer.mediator())
    with pytest.raises(AnalysisNotPermittedError, match="no valuation of 'United States'"):
        analyse_package_deal(model, Viewer.delegation("United States"))


def test_a_joint_analysis_needs_every_delegations_consent(
    tmp_path: Path, demo_data: dict[str, Any]
) -> None:
    model = load_model(_write(tmp_path, {**demo_data, "consent": ["Ukraine"]}))
    with pytest.raises(AnalysisNotPermittedError, match="missing: United States") as caught:
        analyse_package_deal(model, Viewer.joint())
    assert caught.value.missing == ("United States",)
    assert analyse_package_deal(model, Viewer.mediator()).mode is AnalysisMode.MEDIATOR


def test_a_view_for_an_unknown_party_is_refused() -> None:
    with pytest.raises(AnalysisNotPermittedError, match="unknown party 'Russia'"):
        analyse_package_deal(load_model(DEMO), Viewer.delegation("Russia"))


def test_no_zone_of_agreement_is_reported_not_raised(
    tmp_path: Path, demo_data: dict[str, Any]
) -> None:
    data = yaml.safe_load(yaml.safe_dump(demo_data))
    data["valuations"]["Ukraine"]["reservation"] = 95
    analysis = analyse_package_deal(load_model(_write(tmp_path, data)), Viewer.joint())
    assert not analysis.zopa
    assert analysis.nash is None
    assert analysis.kalai_smorodinsky is None
    assert any("no zone of possible agreement" in note for note in analysis.notes)


def test_an_unknown_current_package_leaves_the_standing_out(
    tmp_path: Path, demo_data: dict[str, Any]
) -> None:
    data = {key: value for key, value in demo_data.items() if key != "draft"}
    analysis = analyse_package_deal(load_model(_write(tmp_path, data)), Viewer.joint())
    assert analysis.current is None
    assert any(
        note.startswith("current package unknown for: consultation") for note in analysis.notes
    )


def test_three_parties_are_analysed_too() -> None:
    issues = [{"key": f"i{n}", "options": ["a", "b", "c"]} for n in range(4)]
    valuations = {
        party: {
            "ranking": [f"i{(n + shift) % 4}" for n in range(4)],
            "values": {
                f"i{n}": [
                    "abc"[(n + shift) % 3],
                    "abc"[(n + shift + 1) % 3],
                    "abc"[(n + shift + 2) % 3],
                ]
                for n in range(4)
            },
            "reservation": 10,
        }
        for shift, party in enumerate(["A", "B", "C"])
    }
    data = {
        "parties": ["A", "B", "C"],
        "issues": issues,
        "valuations": valuations,
        "current": {f"i{n}": "a" for n in range(4)},
    }
    analysis = analyse_package_deal(model_from_mapping(data), Viewer.mediator())
    assert analysis.frontier_exact
    assert analysis.nash is not None
    assert set(analysis.nash.utilities) == {"A", "B", "C"}


BAD_MODELS = [
    ({"parties": ["Ukraine"]}, "parties: needs at least 2 entries"),
    ({"issues": []}, "issues: needs at least 1 entry"),
    ({"colour": "blue"}, "colour: unknown entry"),
    ({"current": {"funding": "lots"}}, "current.funding: unknown option 'lots'"),
    ({"consent": ["Russia"]}, "consent: unknown party 'Russia'"),
]


@pytest.mark.parametrize(("change", "message"), BAD_MODELS)
def test_a_bad_model_names_the_entry_and_the_reason_in_one_line(
    tmp_path: Path, demo_data: dict[str, Any], change: dict[str, Any], message: str
) -> None:
    path = _write(tmp_path, {**demo_data, **change})
    with pytest.raises(PackageModelError) as caught:
        load_model(path)
    assert isinstance(caught.value, InputError)
    assert str(caught.value).startswith(f"{path}: {message}")
    assert "\n" not in str(caught.value)


BAD_VALUATIONS = [
    ({"points": {"consultation": 50}}, "give exactly one of weights, points or ranking"),
    ({"reservation": 120}, "reservation: must lie between 0 and 100 (found 120)"),
    ({"reservation": "high"}, "reservation: expected a number, found text"),
]


@pytest.mark.parametrize(("change", "message"), BAD_VALUATIONS)
def test_a_bad_valuation_is_refused(
    tmp_path: Path, demo_data: dict[str, Any], change: dict[str, Any], message: str
) -> None:
    data = yaml.safe_load(yaml.safe_dump(demo_data))
    data["valuations"]["United States"].update(change)
    with pytest.raises(PackageModelError, match=r"valuations\.United States") as caught:
        load_model(_write(tmp_path, data))
    assert message in str(caught.value)


def test_points_that_do_not_sum_to_100_are_refused(
    tmp_path: Path, demo_data: dict[str, Any]
) -> None:
    data = yaml.safe_load(yaml.safe_dump(demo_data))
    data["valuations"]["Ukraine"]["points"]["funding"] = 30
    with pytest.raises(
        PackageModelError,
        match=r"valuations.Ukraine.points: points must sum to 100 \(they sum to 110\)",
    ):
        load_model(_write(tmp_path, data))


def test_an_option_ranking_must_name_every_option(
    tmp_path: Path, demo_data: dict[str, Any]
) -> None:
    data = yaml.safe_load(yaml.safe_dump(demo_data))
    data["valuations"]["Ukraine"]["values"]["termination"] = ["two_years", "six_months"]
    with pytest.raises(PackageModelError, match=r"values\.termination: needs at least 3 entries"):
        load_model(_write(tmp_path, data))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("parties: [a, b\n", "not valid YAML at line 2"),
        ("- just a list\n", "expected a mapping, found a list"),
        ("", "expected a mapping, found nothing"),
    ],
)
def test_a_file_that_is_no_model_is_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "model.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PackageModelError, match=message):
        load_model(path)


def test_a_missing_model_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(PackageModelError, match="cannot read model file"):
        load_model(tmp_path / "absent.yaml")


@pytest.mark.parametrize(
    ("eid", "reference"),
    [
        ("art_4__para_1", "Article 4(1)"),
        ("art_3__para_3__point_a", "Article 3(3)(a)"),
        ("annex_I", "Annex I"),
        ("preamble", "the preamble"),
        ("odd__thing", "odd__thing"),
    ],
)
def test_provisions_are_cited_the_way_readers_cite_them(eid: str, reference: str) -> None:
    assert provision_reference(eid) == reference
