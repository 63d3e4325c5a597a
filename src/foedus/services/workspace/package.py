"""Package deals in the workspace: the negotiation's issues and options (shared), each
delegation's valuation (internal), and the analytics of :mod:`foedus.services.package_deal`
run on them with the current draft as the current package.

Privacy. A delegation's analysis reads its own valuation and nothing else of the other side's
but the public record — the options the other side's proposals amount to, and the priorities
it has stated at the table — from which its valuation is *estimated*. A joint analysis reads
every delegation's true valuation, and only when every delegation has consented; the result
says which mode it used.
"""

from __future__ import annotations

from collections.abc import Mapping
from difflib import SequenceMatcher
from typing import Any

from foedus.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from foedus.domain.negotiation import (
    PackageIssues,
    PackageValuation,
    ProposalStatus,
    User,
)
from foedus.domain.package_deal import Issue, PackageDealModel, Viewer
from foedus.services.package_deal import (
    PackageDealAnalysis,
    analyse_package_deal,
    with_draft_package,
)
from foedus.services.package_model import model_from_mapping
from foedus.services.ports import UnitOfWork
from foedus.services.workspace.access import Actor, actor_in
from foedus.services.workspace.audit import record
from foedus.services.workspace.clock import now
from foedus.services.workspace.drafts import current_version, document_of

__all__ = [
    "own_valuation",
    "package_analysis",
    "package_issues",
    "save_valuation",
    "set_consent",
    "set_issues",
]

_SHARED_KEYS = {"title", "issues", "public"}
_MATCH = 0.6  # how close a proposal's text must be to an option's text to count as tabling it


def _parties(uow: UnitOfWork, negotiation_id: int) -> list[str]:
    return [d.party for d in uow.delegations.list(negotiation_id=negotiation_id)]


def _assemble(
    parties: list[str],
    shared: Mapping[str, Any],
    valuations: Mapping[str, Any],
    consent: list[str],
    where: str = "package model",
) -> PackageDealModel:
    data = {
        **{k: v for k, v in shared.items() if k in _SHARED_KEYS},
        "parties": parties,
        "valuations": dict(valuations),
        "consent": consent,
    }
    return model_from_mapping(data, where)


def set_issues(
    uow: UnitOfWork, acting: User, negotiation_id: int, model: Mapping[str, Any]
) -> PackageIssues:
    """Set the package's issues and options (and the publicly stated priorities), in the model
    format of docs/package-deals.md without valuations. Negotiators of either delegation."""
    unknown = set(model) - _SHARED_KEYS
    if unknown:
        raise ValidationError(
            "the shared package holds title, issues and public only (not "
            f"{', '.join(sorted(unknown))}); valuations are saved by each delegation",
            "model",
        )
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        delegation = actor.require_negotiator("set the package-deal issues")
        _assemble(_parties(uow, negotiation_id), model, {}, [])  # raises on a bad model
        found = uow.package_issues.one(negotiation_id=negotiation_id)
        before = dict(found.model) if found else None
        if found is None:
            found = uow.package_issues.add(PackageIssues(negotiation_id, dict(model)))
        found.model, found.updated_by, found.updated_at = dict(model), acting.id, now()
        for valuation in uow.package_valuations.list(negotiation_id=negotiation_id):
            valuation.joint_consent = False  # consent was given to the analysis of other issues
        uow.flush()
        record(
            uow,
            "package.issues",
            "package",
            negotiation_id,
            actor_id=acting.id,
            delegation_id=delegation.id,
            negotiation_id=negotiation_id,
            before=before,
            after=found.model,
        )
        uow.commit()
        return found


def package_issues(uow: UnitOfWork, acting: User, negotiation_id: int) -> PackageIssues | None:
    with uow:
        actor_in(uow, acting, negotiation_id)
        return uow.package_issues.one(negotiation_id=negotiation_id)


def _shared(uow: UnitOfWork, negotiation_id: int) -> PackageIssues:
    found = uow.package_issues.one(negotiation_id=negotiation_id)
    if found is None:
        raise NotFoundError("this negotiation has no package-deal issues yet", "package", "issues")
    return found


def save_valuation(
    uow: UnitOfWork,
    acting: User,
    negotiation_id: int,
    valuation: Mapping[str, Any],
    notes: str = "",
) -> PackageValuation:
    """Save the acting user's delegation's valuation (checked against the issues). Saving a
    new valuation withdraws the delegation's consent to a joint analysis: consent is given to
    the numbers it was given for."""
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        delegation = actor.require_internal_writer("record the delegation's valuation")
        shared = _shared(uow, negotiation_id)
        _assemble(
            _parties(uow, negotiation_id),
            shared.model,
            {delegation.party: dict(valuation)},
            [],
            f"valuation of {delegation.party}",
        )
        found = uow.package_valuations.one(
            negotiation_id=negotiation_id, delegation_id=delegation.id
        )
        before = dict(found.valuation) if found else None
        if found is None:
            found = uow.package_valuations.add(
                PackageValuation(negotiation_id, delegation.id, dict(valuation))
            )
        found.valuation, found.notes = dict(valuation), notes.strip()
        found.joint_consent = False
        found.updated_by, found.updated_at = acting.id, now()
        uow.flush()
        record(
            uow,
            "package.valuation",
            "package_valuation",
            found.id,
            actor_id=acting.id,
            delegation_id=delegation.id,
            negotiation_id=negotiation_id,
            before=before,
            after=found.valuation,
        )
        uow.commit()
        return found


def own_valuation(uow: UnitOfWork, acting: User, negotiation_id: int) -> PackageValuation | None:
    """The acting user's delegation's valuation (None for a user of no delegation)."""
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        if actor.delegation_id is None:
            return None
        return uow.package_valuations.one(
            negotiation_id=negotiation_id, delegation_id=actor.delegation_id
        )


def set_consent(
    uow: UnitOfWork, acting: User, negotiation_id: int, consent: bool
) -> PackageValuation:
    """Give or withdraw the delegation's consent to a joint analysis (head of delegation)."""
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        delegation = actor.require_negotiator("consent to a joint analysis")
        if actor.role is None or actor.role.value != "lead_negotiator":
            raise PermissionDeniedError(
                "only the head of delegation consents to a joint analysis", "consent"
            )
        found = uow.package_valuations.one(
            negotiation_id=negotiation_id, delegation_id=delegation.id
        )
        if found is None:
            raise ValidationError("record the delegation's valuation first", "consent")
        found.joint_consent = consent
        record(
            uow,
            "package.consent",
            "package_valuation",
            found.id,
            actor_id=acting.id,
            delegation_id=delegation.id,
            negotiation_id=negotiation_id,
            after={"joint_consent": consent},
        )
        uow.commit()
        return found


def _closest_option(issue: Issue, eid: str, text: str) -> str | None:
    words = text.split()
    best, key = _MATCH, None
    for option in issue.options:
        if eid in option.texts:
            ratio = SequenceMatcher(None, option.texts[eid].split(), words, autojunk=False).ratio()
            if ratio >= best:
                best, key = ratio, option.key
    return key


def _public(
    uow: UnitOfWork, negotiation_id: int, shared: Mapping[str, Any], issues: tuple[Issue, ...]
) -> dict[str, Any]:
    """What each side has said in the open: stated priorities and options from the shared
    record, completed by the options its proposals (pending or accepted) amount to."""
    public: dict[str, Any] = {
        party: {"proposed": dict(entry.get("proposed", {})), **entry}
        for party, entry in dict(shared.get("public", {})).items()
    }
    parties = {d.id: d.party for d in uow.delegations.list(negotiation_id=negotiation_id)}
    wanted = (ProposalStatus.PENDING, ProposalStatus.ACCEPTED)
    for proposal in uow.proposals.list(negotiation_id=negotiation_id):
        if proposal.status not in wanted:
            continue
        for issue in issues:
            if proposal.eid in issue.provisions:
                key = _closest_option(issue, proposal.eid, proposal.text)
                if key is not None:
                    entry = public.setdefault(parties[proposal.delegation_id], {"proposed": {}})
                    entry["proposed"][issue.key] = key
    return public


def package_analysis(
    uow: UnitOfWork, acting: User, negotiation_id: int, joint: bool = False
) -> PackageDealAnalysis:
    """The analysis for the acting user's delegation (its own valuation, the other side's
    estimated), or — ``joint`` — with every delegation's true valuation, once all consented."""
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        if actor.delegation is None:
            raise PermissionDeniedError(
                "a package-deal analysis is made for a delegation", "package analysis"
            )
        shared = _shared(uow, negotiation_id)
        parties = _parties(uow, negotiation_id)
        issues = _assemble(parties, shared.model, {}, []).issues
        model = {**shared.model, "public": _public(uow, negotiation_id, shared.model, issues)}
        if joint:
            stored = uow.package_valuations.list(negotiation_id=negotiation_id)
        else:
            stored = uow.package_valuations.list(
                negotiation_id=negotiation_id, delegation_id=actor.delegation.id
            )
        names = {d.id: d.party for d in uow.delegations.list(negotiation_id=negotiation_id)}
        valuations = {names[v.delegation_id]: v.valuation for v in stored}
        consent = [names[v.delegation_id] for v in stored if v.joint_consent]
        latest = current_version(uow, negotiation_id)
    assembled = _assemble(parties, model, valuations, consent)
    if latest is not None:
        assembled = with_draft_package(assembled, document_of(latest))
    viewer = Viewer.joint() if joint else Viewer.delegation(_party(actor))
    return analyse_package_deal(assembled, viewer)


def _party(actor: Actor) -> str:
    assert actor.delegation is not None
    return actor.delegation.party
