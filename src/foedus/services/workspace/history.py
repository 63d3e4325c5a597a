"""Redlines between versions, attributed to the delegation whose proposal made each change,
and the timeline of one provision."""

from __future__ import annotations

from dataclasses import dataclass

from foedus.compare.redline import Segment, redline
from foedus.domain.negotiation import DraftVersion, User
from foedus.services.ports import UnitOfWork
from foedus.services.workspace.access import Actor, actor_in
from foedus.services.workspace.drafts import provision_texts, version

__all__ = ["TimelineEntry", "provision_timeline", "redline_between", "timeline_of"]


def _party(actor: Actor, draft: DraftVersion) -> str | None:
    if draft.delegation_id is None:
        return None
    return actor.parties.get(draft.delegation_id)


def redline_between(
    uow: UnitOfWork,
    acting: User,
    negotiation_id: int,
    first: int,
    second: int,
    eid: str | None = None,
) -> list[Segment]:
    """The changes from version ``first`` to ``second`` (of one provision if ``eid``), each
    insertion and deletion attributed to the delegation of the version that first made it."""
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        low, high = sorted((first, second))
        chain = [version(uow, negotiation_id, n) for n in range(low, high + 1)]
        texts = [_text(d, eid) for d in chain]
        parties = [_party(actor, d) for d in chain]
    old, new = (texts[0], texts[-1]) if first <= second else (texts[-1], texts[0])
    segments = redline(old, new)
    if first > second:
        return segments  # a backward comparison has no single author per change
    attributed = []
    for segment in segments:
        by = None
        if segment.kind != "equal":
            for index in range(1, len(texts)):
                present_before = segment.text in texts[index - 1]
                present_after = segment.text in texts[index]
                if (segment.kind == "insert" and present_after and not present_before) or (
                    segment.kind == "delete" and present_before and not present_after
                ):
                    by = parties[index]
                    break
        attributed.append(Segment(segment.kind, segment.text, by))
    return attributed


def _text(draft: DraftVersion, eid: str | None) -> str:
    if eid is None:
        return draft.text
    return provision_texts(draft).get(eid, "")


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    version: int
    at: str
    cause: str
    party: str | None
    text: str


def provision_timeline(
    uow: UnitOfWork, acting: User, negotiation_id: int, eid: str
) -> list[TimelineEntry]:
    """The versions in which the provision's text changed (or first appeared, or vanished)."""
    with uow:
        return timeline_of(uow, actor_in(uow, acting, negotiation_id), eid)


def timeline_of(
    uow: UnitOfWork, actor: Actor, eid: str, drafts: list[DraftVersion] | None = None
) -> list[TimelineEntry]:
    """A provision's timeline (within the caller's unit of work), over the negotiation's
    versions (``drafts``, when the caller has them already)."""
    if drafts is None:
        drafts = uow.versions.list(negotiation_id=actor.negotiation.id)
    drafts = sorted(drafts, key=lambda d: d.number)
    entries: list[TimelineEntry] = []
    previous: str | None = None
    for draft in drafts:
        text = _text(draft, eid)
        if text != previous:
            entries.append(
                TimelineEntry(
                    draft.number,
                    draft.created_at.isoformat(),
                    draft.cause,
                    _party(actor, draft),
                    text,
                )
            )
            previous = text
    return entries
