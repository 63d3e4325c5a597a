"""Negotiations and their working drafts: creating them, members, uploads, versions.

A draft version is immutable: every change to the text makes a new one. The provision tree of
a version is the reading core's (``foedus.analysis``) parse of its text, cached by digest.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from foedus.analysis.ingest import Limits, SourceText, read_bytes
from foedus.analysis.normalise import normalise
from foedus.analysis.reading import build_document
from foedus.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from foedus.domain.negotiation import (
    Delegation,
    DraftVersion,
    Membership,
    Negotiation,
    NegotiationStatus,
    ProvisionState,
    ProvisionStatus,
    Role,
    User,
)
from foedus.domain.provision import Document, Provision
from foedus.services.analysis import Analysis, analyse_document
from foedus.services.ports import UnitOfWork
from foedus.services.workspace.access import Actor, actor_in
from foedus.services.workspace.audit import record
from foedus.services.workspace.clock import now

__all__ = [
    "DraftState",
    "add_member",
    "analysed_text",
    "analysis_of",
    "create_negotiation",
    "current_version",
    "document_of",
    "draft_state",
    "negotiations_for",
    "new_version",
    "provision_text",
    "provision_texts",
    "set_negotiation_status",
    "upload_draft",
    "version",
    "versions",
]

T = TypeVar("T")
_CACHE: OrderedDict[str, Document] = OrderedDict()
_ANALYSES: OrderedDict[str, Analysis] = OrderedDict()
_TEXTS: OrderedDict[str, dict[str, str]] = OrderedDict()
_CACHE_SIZE = 64
# a provision's timeline reads every version: its provisions' texts are kept for many more
# versions than whole trees are, so a long negotiation's timeline does not parse again and again
_TEXTS_SIZE = 2048
_CACHE_LOCK = threading.Lock()  # the web server reads versions from many threads


def document_of(draft: DraftVersion) -> Document:
    """The provision tree of a version (cached by digest)."""
    return _parsed_text(draft.text, draft.digest, f"version {draft.number}")


def provision_texts(draft: DraftVersion) -> dict[str, str]:
    """Every provision's full text in a version, by eId (cached by digest)."""

    def texts() -> dict[str, str]:
        document = document_of(draft)
        return {node.eid: document.text[node.start : node.end].rstrip() for node in document.walk()}

    return _cached(_TEXTS, draft.digest, texts, _TEXTS_SIZE)


def _parsed_text(text: str, digest: str, title: str) -> Document:
    """The provision tree of a stored normalised text, cached by its digest (texts stored by
    the workspace never change, so the tree is computed once per process)."""
    return _cached(
        _CACHE, digest, lambda: build_document(SourceText(text=text, format="text"), title)
    )


def analysis_of(draft: DraftVersion) -> Analysis:
    """The commitments and guarantee profile of a version (cached by digest)."""
    return analysed_text(draft.text, draft.digest, f"version {draft.number}")


def analysed_text(text: str, digest: str, title: str) -> Analysis:
    """The analysis of a stored normalised text, computed once per process: every page that
    shows commitments, the matrix, the template check or the history reuses it."""
    return _cached(_ANALYSES, digest, lambda: analyse_document(_parsed_text(text, digest, title)))


def _cached(
    cache: OrderedDict[str, T], digest: str, compute: Callable[[], T], size: int = _CACHE_SIZE
) -> T:
    with _CACHE_LOCK:
        found = cache.get(digest)
        if found is not None:
            cache.move_to_end(digest)
            return found
    made = compute()
    with _CACHE_LOCK:
        cache[digest] = made
        while len(cache) > size:
            cache.popitem(last=False)
    return made


def provision_text(document: Document, eid: str) -> str:
    """A provision's full text (with its children), without trailing blank lines."""
    node = _node(document, eid)
    return document.text[node.start : node.end].rstrip()


def _node(document: Document, eid: str) -> Provision:
    node = document.find(eid)
    if node is None:
        raise NotFoundError(f"no provision {eid} in the current draft", "provision", eid)
    return node


def create_negotiation(
    uow: UnitOfWork, acting: User, title: str, parties: list[str]
) -> Negotiation:
    """A new negotiation with one delegation per party (administrators only)."""
    if not acting.is_admin:
        raise PermissionDeniedError("only an administrator can open a negotiation", "create")
    names = [p.strip() for p in parties if p.strip()]
    if not title.strip() or len(names) < 2 or len(set(names)) != len(names):
        raise ValidationError("a negotiation needs a title and at least two distinct parties")
    with uow:
        negotiation = uow.negotiations.add(Negotiation(title.strip(), names, created_at=now()))
        uow.flush()
        for name in names:
            uow.delegations.add(Delegation(negotiation.id, name))
        record(
            uow,
            "negotiation.create",
            "negotiation",
            negotiation.id,
            actor_id=acting.id,
            negotiation_id=negotiation.id,
            after={"title": title, "parties": names},
        )
        uow.commit()
        return negotiation


def add_member(
    uow: UnitOfWork, acting: User, negotiation_id: int, party: str, username: str, role: Role
) -> Membership:
    """Put a user in a party's delegation (administrators or that delegation's lead)."""
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        delegation = uow.delegations.one(negotiation_id=negotiation_id, party=party)
        if delegation is None:
            raise NotFoundError(f"no delegation of {party}", "delegation", party)
        lead = actor.role is Role.LEAD_NEGOTIATOR and actor.delegation_id == delegation.id
        if not (acting.is_admin or lead):
            raise PermissionDeniedError(
                "only an administrator or the head of delegation can add members", "add member"
            )
        user = uow.users.one(username=username)
        if user is None:
            raise NotFoundError(f"no user {username}", "user", username)
        for other in uow.delegations.list(negotiation_id=negotiation_id):
            if uow.memberships.one(user_id=user.id, delegation_id=other.id) is not None:
                raise ValidationError(f"{username} is already in the delegation of {other.party}")
        membership = uow.memberships.add(Membership(user.id, delegation.id, role))
        record(
            uow,
            "member.add",
            "delegation",
            delegation.id,
            actor_id=acting.id,
            negotiation_id=negotiation_id,
            after={"user": username, "role": role.value},
        )
        uow.commit()
        return membership


@dataclass(frozen=True, slots=True)
class NegotiationSummary:
    negotiation: Negotiation
    party: str | None
    role: Role | None
    version: int


def negotiations_for(uow: UnitOfWork, user: User) -> list[NegotiationSummary]:
    """The negotiations a user takes part in (all of them for an administrator)."""
    with uow:
        found = []
        for negotiation in uow.negotiations.list():
            try:
                actor = actor_in(uow, user, negotiation.id)
            except NotFoundError:
                continue
            latest = current_version(uow, negotiation.id)
            found.append(
                NegotiationSummary(
                    negotiation, actor.party, actor.role, latest.number if latest else 0
                )
            )
        return found


def set_negotiation_status(
    uow: UnitOfWork, acting: User, negotiation_id: int, status: NegotiationStatus
) -> Negotiation:
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        if not (acting.is_admin or actor.role is Role.LEAD_NEGOTIATOR):
            raise PermissionDeniedError("only a head of delegation can change the status", "status")
        negotiation = actor.negotiation
        if not negotiation.status.can_move_to(status):
            raise ValidationError(
                f"a negotiation cannot go from {negotiation.status.value} to {status.value}",
                "status",
            )
        before = negotiation.status.value
        negotiation.status = status
        record(
            uow,
            "negotiation.status",
            "negotiation",
            negotiation.id,
            actor_id=acting.id,
            delegation_id=actor.delegation_id,
            negotiation_id=negotiation.id,
            before=before,
            after=status.value,
        )
        uow.commit()
        return negotiation


def current_version(uow: UnitOfWork, negotiation_id: int) -> DraftVersion | None:
    return latest_of(uow.versions.list(negotiation_id=negotiation_id))


def latest_of(found: list[DraftVersion]) -> DraftVersion | None:
    """The newest of a negotiation's versions, if it has any."""
    return max(found, key=lambda v: v.number) if found else None


def version(uow: UnitOfWork, negotiation_id: int, number: int) -> DraftVersion:
    found = uow.versions.one(negotiation_id=negotiation_id, number=number)
    if found is None:
        raise NotFoundError(f"no version {number}", "version", str(number))
    return found


def versions(uow: UnitOfWork, acting: User, negotiation_id: int) -> list[DraftVersion]:
    with uow:
        actor_in(uow, acting, negotiation_id)
        return sorted(uow.versions.list(negotiation_id=negotiation_id), key=lambda v: v.number)


def new_version(
    uow: UnitOfWork,
    actor: Actor,
    text: str,
    cause: str,
    proposal_id: int | None = None,
) -> DraftVersion:
    """Add the next immutable version (within the caller's transaction)."""
    latest = current_version(uow, actor.negotiation.id)
    normalised = normalise(text)
    draft = uow.versions.add(
        DraftVersion(
            negotiation_id=actor.negotiation.id,
            number=(latest.number + 1) if latest else 1,
            text=normalised,
            digest=hashlib.sha256(normalised.encode()).hexdigest(),
            cause=cause,
            created_at=now(),
            created_by=actor.user.id,
            delegation_id=actor.delegation_id,
            proposal_id=proposal_id,
        )
    )
    uow.flush()
    record(
        uow,
        "version.create",
        "version",
        draft.number,
        actor_id=actor.user.id,
        delegation_id=actor.delegation_id,
        negotiation_id=actor.negotiation.id,
        before=latest.digest if latest else None,
        after=draft.digest,
        detail={"cause": cause},
    )
    return draft


def upload_draft(
    uow: UnitOfWork,
    acting: User,
    negotiation_id: int,
    data: bytes,
    filename: str,
    limits: Limits | None = None,
) -> DraftVersion:
    """A new working draft from an uploaded file in any format the reading core takes
    (or typed text, passed as UTF-8 bytes with a ``.txt`` name)."""
    suffix = "." + filename.rsplit(".", 1)[-1] if "." in filename else ""
    source = read_bytes(data, filename, suffix=suffix, limits=limits)
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        if not (acting.is_admin or (actor.role is not None and actor.role.can_negotiate)):
            raise PermissionDeniedError("only a negotiator can upload a draft", "upload")
        draft = new_version(uow, actor, source.text, f"upload of {filename}")
        uow.commit()
        return draft


@dataclass(frozen=True, slots=True)
class DraftState:
    """A version of the draft with its provision tree and the status of each provision."""

    version: DraftVersion
    document: Document
    states: dict[str, ProvisionState]
    party: str | None
    role: Role | None

    def status(self, eid: str) -> ProvisionStatus:
        state = self.states.get(eid)
        return state.status if state else ProvisionStatus.OPEN

    def revision(self, eid: str) -> int:
        state = self.states.get(eid)
        return state.revision if state else 0


def draft_state(
    uow: UnitOfWork, acting: User, negotiation_id: int, number: int | None = None
) -> DraftState:
    """The current version (or version ``number``) as the user may see it."""
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        draft = (
            version(uow, negotiation_id, number)
            if number is not None
            else current_version(uow, negotiation_id)
        )
        if draft is None and number is not None:
            raise NotFoundError(f"no version {number} of this draft", "version", str(number))
        if draft is None:
            raise NotFoundError("the negotiation has no draft yet", "version", "current")
        states = {s.eid: s for s in uow.provisions.list(negotiation_id=negotiation_id)}
    return DraftState(draft, document_of(draft), states, actor.party, actor.role)
