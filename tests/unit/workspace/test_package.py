"""Package deals in the workspace: shared issues, private valuations, privacy modes."""

from __future__ import annotations

from pathlib import Path

import pytest

from foedus.domain.errors import AnalysisNotPermittedError, PackageModelError, PermissionDeniedError
from foedus.domain.negotiation import ProposalKind
from foedus.services.package_deal import analysis_as_dict
from foedus.services.workspace import package, proposals
from workspace_fakes import FakeUnitOfWork, user

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
UA, US = "Ukraine", "United States of America"


def test_each_delegation_sees_its_own_valuation_and_an_estimate_of_the_other(
    uow: FakeUnitOfWork, demo: int
) -> None:
    ours = package.package_analysis(uow, user(uow, "us.lead"), demo)
    assert ours.mode.value == "delegation"
    assert ours.estimated == (UA,)
    assert ours.current is not None
    assert ours.current.point.package["funding"] == "appropriations"  # read from the draft
    assert ours.nash is not None


def test_the_other_sides_true_valuation_never_reaches_a_delegation_view(
    uow: FakeUnitOfWork, demo: int
) -> None:
    us, ua = user(uow, "us.lead"), user(uow, "ua.lead")
    before = analysis_as_dict(package.package_analysis(uow, us, demo))
    own = package.own_valuation(uow, ua, demo)
    assert own is not None
    flipped = {**own.valuation, "reservation": 90}
    flipped["values"] = {
        issue: (
            {k: 100 - v for k, v in values.items()} if isinstance(values, dict) else values[::-1]
        )
        for issue, values in own.valuation["values"].items()
    }
    package.save_valuation(uow, ua, demo, flipped)
    after = analysis_as_dict(package.package_analysis(uow, us, demo))
    assert after == before  # Ukraine's numbers changed; the US view cannot tell


def test_a_joint_analysis_needs_both_consents_and_a_new_valuation_withdraws_one(
    uow: FakeUnitOfWork, demo: int
) -> None:
    us, ua = user(uow, "us.lead"), user(uow, "ua.lead")
    with pytest.raises(AnalysisNotPermittedError) as refused:
        package.package_analysis(uow, ua, demo, joint=True)
    assert refused.value.missing == (US,)
    package.set_consent(uow, us, demo, True)
    joint = package.package_analysis(uow, ua, demo, joint=True)
    assert joint.mode.value == "joint"
    assert joint.estimated == ()
    own = package.own_valuation(uow, us, demo)
    assert own is not None
    package.save_valuation(uow, us, demo, own.valuation)
    with pytest.raises(AnalysisNotPermittedError):
        package.package_analysis(uow, ua, demo, joint=True)


def test_only_the_head_of_delegation_consents_and_observers_cannot_value(
    uow: FakeUnitOfWork, demo: int
) -> None:
    with pytest.raises(PermissionDeniedError):
        package.set_consent(uow, user(uow, "us.negotiator"), demo, True)
    own = package.own_valuation(uow, user(uow, "us.lead"), demo)
    assert own is not None
    with pytest.raises(PermissionDeniedError):
        package.save_valuation(uow, user(uow, "us.observer"), demo, own.valuation)


def test_a_bad_valuation_names_the_entry_and_changes_nothing(
    uow: FakeUnitOfWork, demo: int
) -> None:
    ua = user(uow, "ua.lead")
    before = package.own_valuation(uow, ua, demo)
    assert before is not None
    bad = {**before.valuation, "values": {**before.valuation["values"], "funding": {"nonsense": 5}}}
    with pytest.raises(PackageModelError) as error:
        package.save_valuation(uow, ua, demo, bad)
    assert "funding" in str(error.value)
    after = package.own_valuation(uow, ua, demo)
    assert after is not None
    assert after.valuation == before.valuation


def test_a_proposal_counts_as_tabling_the_option_it_amounts_to(
    uow: FakeUnitOfWork, demo: int
) -> None:
    ua, us = user(uow, "ua.lead"), user(uow, "us.lead")
    before = package.package_analysis(uow, us, demo)
    issues = package.package_issues(uow, us, demo)
    assert issues is not None
    h72 = next(
        o["text"]
        for i in issues.model["issues"]
        if i["key"] == "consultation"
        for o in i["options"]
        if o["key"] == "h72"
    )
    proposals.propose(
        uow, ua, demo, ProposalKind.AMEND, "art_4__para_1", h72, "we can live with it", 2
    )
    after = package.package_analysis(uow, us, demo)
    assert analysis_as_dict(after)["frontier"] != analysis_as_dict(before)["frontier"]
