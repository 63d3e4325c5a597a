"""Comments, positions and rounds.

Comments are ``shared`` (both delegations) or ``internal`` (the author's delegation only).
Positions are internal by nature: a delegation's priorities, ideal outcome, fallback and red
lines are never readable by anyone outside it — not even an administrator.
"""

from __future__ import annotations

from datetime import datetime

from foedus.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from foedus.domain.negotiation import Comment, Position, Round, RoundStatus, User, Visibility
from foedus.services.ports import UnitOfWork
from foedus.services.workspace.access import Actor, actor_in, own
from foedus.services.workspace.audit import record
from foedus.services.workspace.clock import now
from foedus.services.workspace.drafts import current_version, document_of

__all__ = [
    "add_comment",
    "comments",
    "delete_position",
    "next_round",
    "plan_round",
    "positions",
    "rounds",
    "save_position",
    "update_round",
    "visible_comments",
]


def add_comment(
    uow: UnitOfWork,
    acting: User,
    negotiation_id: int,
    body: str,
    visibility: Visibility,
    eid: str | None = None,
    proposal_id: int | None = None,
    parent_id: int | None = None,
) -> Comment:
    """Comment on a provision or a proposal, or reply in a thread."""
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        delegation = actor.require_internal_writer("comment")
        if not body.strip():
            raise ValidationError("a comment needs a text", "body")
        if (eid is None) == (proposal_id is None):
            raise ValidationError("a comment is on a provision or on a proposal")
        if proposal_id is not None:
            proposal = uow.proposals.get(proposal_id)
            if proposal is None or proposal.negotiation_id != negotiation_id:
                raise NotFoundError("no such proposal", "proposal", str(proposal_id))
        if parent_id is not None:
            parent = uow.comments.get(parent_id)
            visible = parent is not None and (
                parent.visibility is Visibility.SHARED or own(actor, parent.delegation_id)
            )
            if parent is None or parent.negotiation_id != negotiation_id or not visible:
                raise NotFoundError("no such comment", "comment", str(parent_id))
            if parent.visibility is Visibility.INTERNAL:
                visibility = Visibility.INTERNAL  # a reply in an internal thread stays internal
        comment = uow.comments.add(
            Comment(
                negotiation_id,
                acting.id,
                delegation.id,
                body.strip(),
                visibility,
                eid,
                proposal_id,
                parent_id,
                now(),
            )
        )
        uow.flush()
        record(
            uow,
            "comment.create",
            "comment",
            comment.id,
            actor_id=acting.id,
            delegation_id=delegation.id,
            negotiation_id=negotiation_id,
            after={"visibility": visibility.value, "eid": eid, "proposal": proposal_id},
        )
        uow.commit()
        return comment


def comments(
    uow: UnitOfWork,
    acting: User,
    negotiation_id: int,
    eid: str | None = None,
    proposal_id: int | None = None,
) -> list[Comment]:
    """The comments the user may read: shared ones, and their own delegation's internal ones."""
    with uow:
        return visible_comments(uow, actor_in(uow, acting, negotiation_id), eid, proposal_id)


def visible_comments(
    uow: UnitOfWork,
    actor: Actor,
    eid: str | None = None,
    proposal_id: int | frozenset[int] | None = None,
) -> list[Comment]:
    """The comments ``actor`` may read (within the caller's unit of work), on a provision or
    on a proposal (or any of a set of proposals)."""
    filters: dict[str, object] = {"negotiation_id": actor.negotiation.id}
    if eid is not None:
        filters["eid"] = eid
    if proposal_id is not None:
        filters["proposal_id"] = proposal_id
    return [
        c
        for c in uow.comments.list(**filters)
        if c.visibility is Visibility.SHARED or own(actor, c.delegation_id)
    ]


def _as_eids(uow: UnitOfWork, negotiation_id: int, items: list[str]) -> list[str]:
    """Each item that cites a provision of the current draft ("Article 4(1)", "art 4(1)",
    its eId) as that provision's eId; issues in words as they are."""
    latest = current_version(uow, negotiation_id)
    document = document_of(latest) if latest is not None else None
    found = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        node = document.cited(item) if document is not None else None
        found.append(node.eid if node is not None else item)
    return found


def save_position(
    uow: UnitOfWork,
    acting: User,
    negotiation_id: int,
    subject: str,
    priority: int,
    ideal: str = "",
    fallback: str = "",
    red_line: str = "",
    notes: str = "",
) -> Position:
    """Create or update the delegation's position on a provision (cited as "Article 4(1)" or
    by eId; stored by eId) or an issue."""
    if not 1 <= priority <= 5:
        raise ValidationError("priority runs from 1 (highest) to 5", "priority")
    if not subject.strip():
        raise ValidationError("a position is on a provision or an issue", "subject")
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        delegation = actor.require_internal_writer("record a position")
        subject = _as_eids(uow, negotiation_id, [subject])[0]
        position = uow.positions.one(
            negotiation_id=negotiation_id, delegation_id=delegation.id, subject=subject
        )
        if position is None:
            position = uow.positions.add(Position(negotiation_id, delegation.id, subject))
        position.priority, position.ideal, position.fallback = (
            priority,
            ideal.strip(),
            fallback.strip(),
        )
        position.red_line, position.notes, position.updated_at = (
            red_line.strip(),
            notes.strip(),
            now(),
        )
        uow.flush()
        # the log keeps that a position changed, not what it says: the log is not internal
        record(
            uow,
            "position.save",
            "position",
            position.id,
            actor_id=acting.id,
            delegation_id=delegation.id,
            negotiation_id=negotiation_id,
        )
        uow.commit()
        return position


def positions(uow: UnitOfWork, acting: User, negotiation_id: int) -> list[Position]:
    """The user's own delegation's positions (none for anyone outside a delegation)."""
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        if actor.delegation is None:
            return []
        return uow.positions.list(negotiation_id=negotiation_id, delegation_id=actor.delegation.id)


def delete_position(uow: UnitOfWork, acting: User, negotiation_id: int, position_id: int) -> None:
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        delegation = actor.require_internal_writer("delete a position")
        position = uow.positions.get(position_id)
        if position is None or position.delegation_id != delegation.id:
            raise NotFoundError("no such position", "position", str(position_id))
        uow.positions.delete(position)
        record(
            uow,
            "position.delete",
            "position",
            position_id,
            actor_id=acting.id,
            delegation_id=delegation.id,
            negotiation_id=negotiation_id,
        )
        uow.commit()


def plan_round(
    uow: UnitOfWork,
    acting: User,
    negotiation_id: int,
    starts_on: datetime,
    place: str,
    agenda: list[str],
    participants: str = "",
) -> Round:
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        if not (acting.is_admin or (actor.role is not None and actor.role.can_negotiate)):
            raise PermissionDeniedError("only a negotiator can plan a round", "plan round")
        existing = uow.rounds.list(negotiation_id=negotiation_id)
        number = max((r.number for r in existing), default=0) + 1
        round_ = uow.rounds.add(
            Round(
                negotiation_id,
                number,
                starts_on,
                place.strip(),
                participants.strip(),
                _as_eids(uow, negotiation_id, agenda),
            )
        )
        uow.flush()
        record(
            uow,
            "round.plan",
            "round",
            round_.id,
            actor_id=acting.id,
            delegation_id=actor.delegation_id,
            negotiation_id=negotiation_id,
            after={"number": number, "place": place, "agenda": round_.agenda},
        )
        uow.commit()
        return round_


def update_round(
    uow: UnitOfWork,
    acting: User,
    negotiation_id: int,
    round_id: int,
    *,
    outcome: str | None = None,
    status: RoundStatus | None = None,
    agenda: list[str] | None = None,
    participants: str | None = None,
) -> Round:
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        if not (acting.is_admin or (actor.role is not None and actor.role.can_negotiate)):
            raise PermissionDeniedError("only a negotiator can update a round", "update round")
        round_ = uow.rounds.get(round_id)
        if round_ is None or round_.negotiation_id != negotiation_id:
            raise NotFoundError("no such round", "round", str(round_id))
        if outcome is not None:
            round_.outcome = outcome.strip()
        if status is not None:
            round_.status = status
        if agenda is not None:
            round_.agenda = _as_eids(uow, negotiation_id, agenda)
        if participants is not None:
            round_.participants = participants.strip()
        record(
            uow,
            "round.update",
            "round",
            round_id,
            actor_id=acting.id,
            delegation_id=actor.delegation_id,
            negotiation_id=negotiation_id,
            after={"status": round_.status.value, "outcome": round_.outcome},
        )
        uow.commit()
        return round_


def rounds(uow: UnitOfWork, acting: User, negotiation_id: int) -> list[Round]:
    with uow:
        actor_in(uow, acting, negotiation_id)
        return sorted(uow.rounds.list(negotiation_id=negotiation_id), key=lambda r: r.number)


def next_round(uow: UnitOfWork, acting: User, negotiation_id: int) -> Round | None:
    planned = [r for r in rounds(uow, acting, negotiation_id) if r.status is RoundStatus.PLANNED]
    return min(planned, key=lambda r: r.starts_on) if planned else None
