"""Everything shown about one provision, read in one transaction: its text in the current
version, status, proposals, bracketed alternatives, comments, timeline and — for its own
delegation only — the positions recorded on it. The provision page and the API both use it,
so they always agree and cost one snapshot of the database."""

from __future__ import annotations

from dataclasses import dataclass

from foedus.compare.redline import Segment, redline
from foedus.domain.errors import NotFoundError
from foedus.domain.negotiation import (
    Alternative,
    Comment,
    Position,
    ProposalKind,
    ProvisionStatus,
    User,
)
from foedus.services.ports import UnitOfWork
from foedus.services.workspace.access import actor_in
from foedus.services.workspace.discussion import visible_comments
from foedus.services.workspace.drafts import document_of, latest_of, provision_text
from foedus.services.workspace.history import TimelineEntry, timeline_of
from foedus.services.workspace.proposals import ProposalView, proposal_views

__all__ = ["PROPOSALS_SHOWN", "ProvisionView", "amendment_changes", "provision_view"]


@dataclass(frozen=True, slots=True)
class ProvisionView:
    eid: str
    version: int
    present: bool  # False: the provision is not in the current draft (deleted, or renumbered)
    text: str
    status: ProvisionStatus
    revision: int
    proposals: list[ProposalView]
    alternatives: list[Alternative]
    comments: list[Comment]  # on the provision and on the proposals shown
    timeline: list[TimelineEntry]
    positions: list[Position]  # the user's own delegation's, never the other side's
    proposals_total: int  # all proposals on the provision; ``proposals`` may hold the last few


PROPOSALS_SHOWN = 50


def provision_view(
    uow: UnitOfWork,
    acting: User,
    negotiation_id: int,
    eid: str,
    proposals_shown: int | None = PROPOSALS_SHOWN,
) -> ProvisionView:
    """The provision as ``acting`` may see it, with the last ``proposals_shown`` proposals on it
    (all of them with None): a provision read costs the same after the hundredth proposal as
    before it; the rest are one request away (``proposals?eid=``)."""
    with uow.reading():
        actor = actor_in(uow, acting, negotiation_id)
        drafts = uow.versions.list(negotiation_id=negotiation_id)
        latest = latest_of(drafts)
        if latest is None:
            raise NotFoundError("the negotiation has no draft yet", "version", "current")
        document = document_of(latest)
        present = document.find(eid) is not None
        state = uow.provisions.one(negotiation_id=negotiation_id, eid=eid)
        timeline = timeline_of(uow, actor, eid, drafts)
        if not present and not timeline:
            raise NotFoundError(f"no provision {eid} in this negotiation", "provision", eid)
        positions = (
            uow.positions.list(
                negotiation_id=negotiation_id, delegation_id=actor.delegation_id, subject=eid
            )
            if actor.delegation_id is not None
            else []
        )
        shown = proposal_views(uow, actor, eid, proposals_shown)
        complete = proposals_shown is None or len(shown) < proposals_shown
        # fewer than asked for: they are all there is, no need to count
        total = (
            len(shown) if complete else uow.proposals.count(negotiation_id=negotiation_id, eid=eid)
        )
        # the provision's own comments and those on the proposals shown, not every comment of
        # the negotiation
        ids = frozenset(proposal.id for proposal in shown)
        on_proposals = visible_comments(uow, actor, proposal_id=ids) if ids else []
        comments = sorted(visible_comments(uow, actor, eid) + on_proposals, key=lambda c: c.id)
        return ProvisionView(
            eid,
            latest.number,
            present,
            provision_text(document, eid) if present else "",
            state.status if state else ProvisionStatus.OPEN,
            state.revision if state else 0,
            shown,
            uow.alternatives.list(negotiation_id=negotiation_id, eid=eid),
            comments,
            timeline,
            positions,
            total,
        )


def amendment_changes(view: ProvisionView) -> dict[int, list[Segment]]:
    """What each amendment on the provision would change in its current text, word by word
    (by proposal id): the provision page shows these redlines instead of bare texts."""
    if not view.present:
        return {}
    return {
        p.id: redline(view.text, p.text)
        for p in view.proposals
        if p.kind is ProposalKind.AMEND and p.text
    }
