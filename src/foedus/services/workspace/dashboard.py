"""The dashboard of a negotiation, as one delegation sees it.

Per article: how many of its provisions are agreed, agreed ad referendum, bracketed or open
(agreement stays provisional until everything is agreed); the proposals awaiting an answer from
the user's delegation; the next round and its agenda; and the delegation's red lines at risk —
positions with a red line whose provision the other side wants to change (a pending proposal or
an open alternative of theirs) or whose text changed since the position was recorded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from foedus.domain.negotiation import (
    AlternativeStatus,
    Position,
    ProposalStatus,
    ProvisionStatus,
    Round,
    RoundStatus,
    User,
)
from foedus.domain.provision import ProvisionKind
from foedus.services.ports import UnitOfWork
from foedus.services.workspace.access import actor_in
from foedus.services.workspace.drafts import current_version, document_of
from foedus.services.workspace.history import provision_timeline
from foedus.services.workspace.proposals import ProposalView, proposals

__all__ = ["ArticleProgress", "Dashboard", "RedLineRisk", "dashboard"]


@dataclass(frozen=True, slots=True)
class ArticleProgress:
    eid: str
    label: str
    counts: dict[str, int]


@dataclass(frozen=True, slots=True)
class RedLineRisk:
    position: Position
    reasons: tuple[str, ...]


@dataclass
class Dashboard:
    title: str
    status: str
    party: str | None
    version: int
    articles: list[ArticleProgress] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    awaiting: list[ProposalView] = field(default_factory=list)
    next_round: Round | None = None
    red_lines_at_risk: list[RedLineRisk] = field(default_factory=list)


def dashboard(uow: UnitOfWork, acting: User, negotiation_id: int) -> Dashboard:
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        latest = current_version(uow, negotiation_id)
        states = {s.eid: s.status for s in uow.provisions.list(negotiation_id=negotiation_id)}
        board = Dashboard(
            actor.negotiation.title,
            actor.negotiation.status.value,
            actor.party,
            latest.number if latest else 0,
        )
        if latest is not None:
            document = document_of(latest)
            totals: Counter[str] = Counter()
            for node in document.walk():
                if node.kind is not ProvisionKind.ARTICLE:
                    continue
                counts: Counter[str] = Counter(
                    states.get(n.eid, ProvisionStatus.OPEN).value for n in node.walk()
                )
                totals.update(counts)
                label = f"Article {node.num}" + (f" — {node.heading}" if node.heading else "")
                board.articles.append(ArticleProgress(node.eid, label, dict(counts)))
            board.totals = dict(totals)
        planned = [
            r
            for r in uow.rounds.list(negotiation_id=negotiation_id)
            if r.status is RoundStatus.PLANNED
        ]
        board.next_round = min(planned, key=lambda r: r.starts_on) if planned else None
        mine = actor.delegation_id
        positions = (
            uow.positions.list(negotiation_id=negotiation_id, delegation_id=mine) if mine else []
        )
        open_alternatives = uow.alternatives.list(
            negotiation_id=negotiation_id, status=AlternativeStatus.OPEN
        )
    views = proposals(uow, acting, negotiation_id)
    board.awaiting = [
        p for p in views if p.status is ProposalStatus.PENDING and p.party != actor.party
    ]
    for position in positions:
        if not position.red_line:
            continue
        reasons = []
        if any(p.eid == position.subject for p in board.awaiting):
            reasons.append("the other side proposes to change it")
        if any(a.eid == position.subject and a.delegation_id != mine for a in open_alternatives):
            reasons.append("the other side has put an alternative in brackets")
        if latest is not None and document_of(latest).find(position.subject) is not None:
            changes = provision_timeline(uow, acting, negotiation_id, position.subject)
            if position.updated_at and any(
                entry.at > position.updated_at.isoformat() for entry in changes[1:]
            ):
                reasons.append("its text changed since the position was recorded")
        if reasons:
            board.red_lines_at_risk.append(RedLineRisk(position, tuple(reasons)))
    return board
