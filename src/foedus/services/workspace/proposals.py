"""Proposals, counter-proposals, bracketed alternatives and provision statuses.

Accepting a proposal changes the draft and makes a new immutable version: an amendment
replaces the provision's whole text (number and heading included), an insertion adds its text
after the provision, a deletion removes the provision. A proposal made against an older
version still applies if the provision's text has not changed since; otherwise accepting it
raises :class:`ConflictError` with the current and the proposed text — nothing is overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from foedus.domain.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from foedus.domain.negotiation import (
    Alternative,
    AlternativeStatus,
    Proposal,
    ProposalKind,
    ProposalStatus,
    ProvisionState,
    ProvisionStatus,
    User,
)
from foedus.services.ports import UnitOfWork
from foedus.services.workspace.access import Actor, actor_in, own
from foedus.services.workspace.audit import record
from foedus.services.workspace.clock import now
from foedus.services.workspace.drafts import (
    current_version,
    document_of,
    new_version,
    provision_text,
    version,
)

__all__ = [
    "ProposalView",
    "accept_proposal",
    "alternatives",
    "decide_proposal",
    "proposal_views",
    "proposals",
    "propose",
    "provision_state",
    "resolve_brackets",
    "set_status",
    "table_alternative",
]


@dataclass(frozen=True, slots=True)
class ProposalView:
    """A proposal as one user may see it: ``internal_note`` is None unless the proposal is
    their own delegation's."""

    id: int
    kind: ProposalKind
    eid: str
    text: str
    rationale: str
    party: str
    author_id: int
    status: ProposalStatus
    base_version: int
    answers_id: int | None
    internal_note: str | None
    created_at: str
    decided_at: str | None


def _view(actor: Actor, proposal: Proposal) -> ProposalView:
    return _view_of(actor, tuple(getattr(proposal, name) for name in _VIEWED))


# what a ProposalView shows of a proposal, in the order _view_of takes them
_VIEWED = (
    "id", "kind", "eid", "text", "rationale", "delegation_id", "author_id", "status",
    "base_version", "answers_id", "internal_note", "created_at", "decided_at",
)  # fmt: skip


def _view_of(actor: Actor, row: tuple[Any, ...]) -> ProposalView:
    """A proposal's ``_VIEWED`` attributes as ``actor`` may see them."""
    (
        id, kind, eid, text, rationale, delegation_id, author_id, status, base_version,
        answers_id, note, created, decided,
    ) = row  # fmt: skip
    return ProposalView(
        id, kind, eid, text, rationale, actor.parties.get(delegation_id, "?"), author_id,
        status, base_version, answers_id, note if own(actor, delegation_id) else None,
        created.isoformat() if created else "", decided.isoformat() if decided else None,
    )  # fmt: skip


def provision_state(uow: UnitOfWork, negotiation_id: int, eid: str) -> ProvisionState:
    """The state row of a provision (created open on first use)."""
    state = uow.provisions.one(negotiation_id=negotiation_id, eid=eid)
    if state is None:
        state = uow.provisions.add(ProvisionState(negotiation_id, eid, updated_at=now()))
    return state


def propose(
    uow: UnitOfWork,
    acting: User,
    negotiation_id: int,
    kind: ProposalKind,
    eid: str,
    text: str,
    rationale: str,
    base_version: int,
    answers_id: int | None = None,
    internal_note: str = "",
) -> ProposalView:
    """Table a proposal (or, with ``answers_id``, a counter-proposal) on a provision."""
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        delegation = actor.require_negotiator("table a proposal")
        latest = current_version(uow, negotiation_id)
        if latest is None:
            raise ValidationError("the negotiation has no draft yet")
        if not 1 <= base_version <= latest.number:
            raise ValidationError("no such draft version", "base_version")
        if document_of(version(uow, negotiation_id, base_version)).find(eid) is None:
            raise NotFoundError(f"no provision {eid} in that version", "provision", eid)
        if kind is not ProposalKind.DELETE and not text.strip():
            raise ValidationError("a proposal needs the proposed text", "text")
        if not rationale.strip():
            raise ValidationError("say why: a proposal needs its rationale", "rationale")
        if answers_id is not None:
            answered = uow.proposals.get(answers_id)
            if answered is None or answered.negotiation_id != negotiation_id:
                raise NotFoundError("no such proposal to answer", "proposal", str(answers_id))
            if answered.eid != eid:
                raise ValidationError("a counter-proposal must be on the same provision", "eid")
        proposal = uow.proposals.add(
            Proposal(
                negotiation_id,
                kind,
                eid,
                text.strip(),
                rationale.strip(),
                delegation.id,
                acting.id,
                base_version,
                answers_id=answers_id,
                internal_note=internal_note.strip(),
                created_at=now(),
            )
        )
        uow.flush()
        record(
            uow,
            "proposal.create",
            "proposal",
            proposal.id,
            actor_id=acting.id,
            delegation_id=delegation.id,
            negotiation_id=negotiation_id,
            after={"kind": kind.value, "eid": eid, "text": text},
            detail={"answers": answers_id},
        )
        view = _view(actor, proposal)
        uow.commit()
        return view


def proposals(
    uow: UnitOfWork, acting: User, negotiation_id: int, eid: str | None = None
) -> list[ProposalView]:
    with uow:
        return proposal_views(uow, actor_in(uow, acting, negotiation_id), eid)


def proposal_views(
    uow: UnitOfWork, actor: Actor, eid: str | None = None, last: int | None = None
) -> list[ProposalView]:
    """The proposals as ``actor`` may see them (within the caller's unit of work), oldest
    first; only the ``last`` so many, if given."""
    filters: dict[str, object] = {"negotiation_id": actor.negotiation.id}
    if eid is not None:
        filters["eid"] = eid
    return [_view_of(actor, row) for row in uow.proposals.values(_VIEWED, last, **filters)]


def _pending(uow: UnitOfWork, actor: Actor, proposal_id: int) -> Proposal:
    proposal = uow.proposals.get(proposal_id)
    if proposal is None or proposal.negotiation_id != actor.negotiation.id:
        raise NotFoundError("no such proposal", "proposal", str(proposal_id))
    if proposal.status is not ProposalStatus.PENDING:
        # Decided meanwhile (by someone else, or superseded by an accepted proposal): the
        # user acted on a stale view, so it is a conflict, with what the provision says now.
        latest = current_version(uow, actor.negotiation.id)
        current = document_of(latest) if latest else None
        raise ConflictError(
            f"the proposal is already {proposal.status.value}",
            current_text=provision_text(current, proposal.eid)
            if current is not None and current.find(proposal.eid)
            else "",
            attempted_text=proposal.text,
            current_version=latest.number if latest else 0,
        )
    return proposal


def decide_proposal(
    uow: UnitOfWork, acting: User, negotiation_id: int, proposal_id: int, decision: ProposalStatus
) -> ProposalView:
    """Withdraw one's own proposal, or reject the other side's."""
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        delegation = actor.require_negotiator(f"{decision.value} a proposal")
        proposal = _pending(uow, actor, proposal_id)
        mine = proposal.delegation_id == delegation.id
        if decision is ProposalStatus.WITHDRAWN and not mine:
            raise PermissionDeniedError(
                "only the delegation that tabled it can withdraw it", "withdraw"
            )
        if decision is ProposalStatus.REJECTED and mine:
            raise PermissionDeniedError(
                "a delegation does not reject its own proposal: withdraw it", "reject"
            )
        if decision not in {ProposalStatus.WITHDRAWN, ProposalStatus.REJECTED}:
            raise ValidationError("a proposal is withdrawn, rejected or accepted", "decision")
        proposal.status, proposal.decided_at, proposal.decided_by = decision, now(), acting.id
        record(
            uow,
            f"proposal.{decision.value}",
            "proposal",
            proposal.id,
            actor_id=acting.id,
            delegation_id=delegation.id,
            negotiation_id=negotiation_id,
            before="pending",
            after=decision.value,
        )
        view = _view(actor, proposal)
        uow.commit()
        return view


def _apply(text: str, start: int, end: int, kind: ProposalKind, proposed: str) -> str:
    """The draft text with a provision's span ``[start, end)`` changed by a proposal."""
    span = text[start:end]
    trailing = span[len(span.rstrip()) :] or "\n\n"
    if kind is ProposalKind.AMEND:
        return text[:start] + proposed.strip() + trailing + text[end:]
    if kind is ProposalKind.INSERT:
        body = span.rstrip()
        return text[:start] + body + "\n\n" + proposed.strip() + trailing + text[end:]
    return text[:start] + text[end:]


def accept_proposal(
    uow: UnitOfWork, acting: User, negotiation_id: int, proposal_id: int
) -> ProposalView:
    """Accept the other side's proposal: the draft changes, in a new version."""
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        delegation = actor.require_negotiator("accept a proposal")
        proposal = _pending(uow, actor, proposal_id)
        if proposal.delegation_id == delegation.id:
            raise PermissionDeniedError(
                "the other side accepts a proposal, not its author", "accept"
            )
        latest = current_version(uow, negotiation_id)
        assert latest is not None
        current = document_of(latest)
        base = document_of(version(uow, negotiation_id, proposal.base_version))
        node = current.find(proposal.eid)
        if node is None or provision_text(current, proposal.eid) != provision_text(
            base, proposal.eid
        ):
            raise ConflictError(
                f"{proposal.eid} changed since the proposal was made (on version "
                f"{proposal.base_version})",
                current_text=provision_text(current, proposal.eid) if node else "",
                attempted_text=proposal.text,
                current_version=latest.number,
            )
        changed = _apply(latest.text, node.start, node.end, proposal.kind, proposal.text)
        draft = new_version(uow, actor, changed, f"proposal {proposal.id} accepted", proposal.id)
        draft.delegation_id = proposal.delegation_id  # the change is the proposer's words
        proposal.status, proposal.decided_at, proposal.decided_by = (
            ProposalStatus.ACCEPTED,
            now(),
            acting.id,
        )
        for other in uow.proposals.list(negotiation_id=negotiation_id, eid=proposal.eid):
            if other.id != proposal.id and other.status is ProposalStatus.PENDING:
                other.status = ProposalStatus.SUPERSEDED
        state = provision_state(uow, negotiation_id, proposal.eid)
        if proposal.kind is ProposalKind.DELETE:
            state.status = ProvisionStatus.DELETED
        state.revision += 1
        state.updated_at, state.updated_by = now(), acting.id
        record(
            uow,
            "proposal.accepted",
            "proposal",
            proposal.id,
            actor_id=acting.id,
            delegation_id=delegation.id,
            negotiation_id=negotiation_id,
            before=latest.digest,
            after=draft.digest,
            detail={"version": draft.number},
        )
        view = _view(actor, proposal)
        uow.commit()
        return view


def set_status(
    uow: UnitOfWork,
    acting: User,
    negotiation_id: int,
    eid: str,
    status: ProvisionStatus,
    expected_revision: int,
) -> ProvisionState:
    """Mark a provision open, agreed ad referendum, agreed… against the revision the user saw."""
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        delegation = actor.require_negotiator("change a provision's status")
        latest = current_version(uow, negotiation_id)
        if latest is None or document_of(latest).find(eid) is None:
            raise NotFoundError(f"no provision {eid} in the current draft", "provision", eid)
        state = provision_state(uow, negotiation_id, eid)
        if state.revision != expected_revision:
            raise ConflictError(
                f"the status of {eid} changed meanwhile (now {state.status.value})",
                current_text=state.status.value,
                attempted_text=status.value,
                current_version=latest.number,
            )
        before = state.status.value
        state.status, state.revision = status, state.revision + 1
        state.updated_at, state.updated_by = now(), acting.id
        record(
            uow,
            "provision.status",
            "provision",
            eid,
            actor_id=acting.id,
            delegation_id=delegation.id,
            negotiation_id=negotiation_id,
            before=before,
            after=status.value,
        )
        uow.commit()
        return state


def _author_of(uow: UnitOfWork, negotiation_id: int, eid: str, text: str) -> int | None:
    """The delegation whose version first gave the provision its present wording."""
    author = None
    history = sorted(uow.versions.list(negotiation_id=negotiation_id), key=lambda v: -v.number)
    for draft in history:
        document = document_of(draft)
        if document.find(eid) is None or provision_text(document, eid) != text:
            break
        author = draft.delegation_id
    return author


def table_alternative(
    uow: UnitOfWork, acting: User, negotiation_id: int, eid: str, text: str
) -> Alternative:
    """Put an alternative wording of a provision in brackets beside the current one."""
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        delegation = actor.require_negotiator("table an alternative")
        latest = current_version(uow, negotiation_id)
        if latest is None or document_of(latest).find(eid) is None:
            raise NotFoundError(f"no provision {eid} in the current draft", "provision", eid)
        if not text.strip():
            raise ValidationError("an alternative needs its text", "text")
        open_ = uow.alternatives.list(
            negotiation_id=negotiation_id, eid=eid, status=AlternativeStatus.OPEN
        )
        if not open_:
            # the wording in the draft is the first alternative, tabled by whoever wrote it
            current_text = provision_text(document_of(latest), eid)
            author = _author_of(uow, negotiation_id, eid, current_text) or delegation.id
            uow.alternatives.add(
                Alternative(negotiation_id, eid, current_text, author, acting.id, created_at=now())
            )
        alternative = uow.alternatives.add(
            Alternative(
                negotiation_id, eid, text.strip(), delegation.id, acting.id, created_at=now()
            )
        )
        state = provision_state(uow, negotiation_id, eid)
        state.status, state.revision = ProvisionStatus.BRACKETED, state.revision + 1
        state.updated_at, state.updated_by = now(), acting.id
        uow.flush()
        record(
            uow,
            "alternative.create",
            "alternative",
            alternative.id,
            actor_id=acting.id,
            delegation_id=delegation.id,
            negotiation_id=negotiation_id,
            after={"eid": eid, "text": text},
        )
        uow.commit()
        return alternative


def alternatives(
    uow: UnitOfWork, acting: User, negotiation_id: int, eid: str | None = None
) -> list[Alternative]:
    with uow:
        actor_in(uow, acting, negotiation_id)
        if eid is None:
            return uow.alternatives.list(negotiation_id=negotiation_id)
        return uow.alternatives.list(negotiation_id=negotiation_id, eid=eid)


def resolve_brackets(
    uow: UnitOfWork,
    acting: User,
    negotiation_id: int,
    eid: str,
    alternative_id: int,
    agreed_by: list[str],
) -> Alternative:
    """Remove the brackets: the chosen alternative becomes the text, in a new version; the
    delegations that agreed (by party name) are recorded."""
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        delegation = actor.require_negotiator("resolve brackets")
        chosen = uow.alternatives.get(alternative_id)
        if chosen is None or chosen.negotiation_id != negotiation_id or chosen.eid != eid:
            raise NotFoundError("no such alternative", "alternative", str(alternative_id))
        if chosen.status is not AlternativeStatus.OPEN:
            raise ValidationError(f"the alternative is already {chosen.status.value}")
        parties = {d.party: d.id for d in uow.delegations.list(negotiation_id=negotiation_id)}
        unknown = [p for p in agreed_by if p not in parties]
        if unknown or delegation.party not in agreed_by:
            raise ValidationError("name the agreeing delegations, yours included", "agreed_by")
        latest = current_version(uow, negotiation_id)
        assert latest is not None
        current = document_of(latest)
        node = current.find(eid)
        if node is None:
            raise NotFoundError(f"no provision {eid} in the current draft", "provision", eid)
        if provision_text(current, eid) != chosen.text:
            changed = _apply(latest.text, node.start, node.end, ProposalKind.AMEND, chosen.text)
            draft = new_version(uow, actor, changed, f"brackets on {eid} resolved")
            draft.delegation_id = chosen.delegation_id
        chosen.status, chosen.agreed_by = AlternativeStatus.CHOSEN, [parties[p] for p in agreed_by]
        for other in uow.alternatives.list(
            negotiation_id=negotiation_id, eid=eid, status=AlternativeStatus.OPEN
        ):
            other.status = AlternativeStatus.DROPPED
        state = provision_state(uow, negotiation_id, eid)
        state.status, state.revision = ProvisionStatus.OPEN, state.revision + 1
        state.updated_at, state.updated_by = now(), acting.id
        record(
            uow,
            "alternative.chosen",
            "alternative",
            chosen.id,
            actor_id=acting.id,
            delegation_id=delegation.id,
            negotiation_id=negotiation_id,
            after={"eid": eid, "agreed_by": agreed_by},
        )
        uow.commit()
        return chosen
