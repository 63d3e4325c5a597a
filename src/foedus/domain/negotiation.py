"""The negotiation workspace: delegations negotiating one text, provision by provision.

Plain records with no behaviour beyond small invariants; the use cases live in
``foedus.services.workspace`` and storage in ``foedus.storage``. Ids are integers given by
storage (0 until stored). Times are timezone-aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

__all__ = [
    "Alternative",
    "AlternativeStatus",
    "ApiToken",
    "AuditEntry",
    "Comment",
    "Delegation",
    "DraftVersion",
    "LoginFailure",
    "Membership",
    "Negotiation",
    "NegotiationStatus",
    "PackageIssues",
    "PackageValuation",
    "Position",
    "Proposal",
    "ProposalKind",
    "ProposalStatus",
    "ProvisionState",
    "ProvisionStatus",
    "ReferenceAgreement",
    "Role",
    "Round",
    "RoundStatus",
    "User",
    "Visibility",
]


class NegotiationStatus(StrEnum):
    PREPARATION = "preparation"
    NEGOTIATING = "negotiating"
    INITIALLED = "initialled"
    SIGNED = "signed"
    IN_FORCE = "in_force"

    def can_move_to(self, other: NegotiationStatus) -> bool:
        """Forward one step at a time; back from initialled to negotiating (texts reopen)."""
        order = list(NegotiationStatus)
        step = order.index(other) - order.index(self)
        return step == 1 or (self is NegotiationStatus.INITIALLED and step == -1)


class Role(StrEnum):
    LEAD_NEGOTIATOR = "lead_negotiator"
    NEGOTIATOR = "negotiator"
    ANALYST = "analyst"
    OBSERVER = "observer"

    @property
    def can_negotiate(self) -> bool:
        """Table proposals and alternatives, answer them, set provision statuses."""
        return self in {Role.LEAD_NEGOTIATOR, Role.NEGOTIATOR}

    @property
    def can_write_internal(self) -> bool:
        """Write positions and internal notes (analysts prepare them too)."""
        return self is not Role.OBSERVER


class ProvisionStatus(StrEnum):
    OPEN = "open"
    BRACKETED = "bracketed"
    AGREED_AD_REF = "agreed_ad_ref"
    AGREED = "agreed"
    DELETED = "deleted"


class ProposalKind(StrEnum):
    AMEND = "amend"
    INSERT = "insert"
    DELETE = "delete"


class ProposalStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    SUPERSEDED = "superseded"


class AlternativeStatus(StrEnum):
    OPEN = "open"
    CHOSEN = "chosen"
    DROPPED = "dropped"


class Visibility(StrEnum):
    SHARED = "shared"
    INTERNAL = "internal"


class RoundStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"


@dataclass
class User:
    username: str
    display_name: str
    password_hash: str
    is_admin: bool = False
    active: bool = True
    session_epoch: int = 0  # raised on logout or a new password: every older session ends
    id: int = 0


@dataclass
class Negotiation:
    title: str
    parties: list[str]
    status: NegotiationStatus = NegotiationStatus.PREPARATION
    created_at: datetime | None = None
    id: int = 0


@dataclass
class Delegation:
    """A party's negotiating team in one negotiation."""

    negotiation_id: int
    party: str
    id: int = 0


@dataclass
class Membership:
    user_id: int
    delegation_id: int
    role: Role
    id: int = 0


@dataclass
class DraftVersion:
    """An immutable state of the working text. ``cause`` says what produced it ("upload",
    "proposal 12 accepted", "brackets resolved on art_3"); ``delegation_id`` whose act it was."""

    negotiation_id: int
    number: int
    text: str
    digest: str
    cause: str
    created_at: datetime
    created_by: int | None
    delegation_id: int | None = None
    proposal_id: int | None = None
    id: int = 0


@dataclass
class ProvisionState:
    """The status of one provision (by eId) in a negotiation; ``revision`` counts changes
    (optimistic concurrency: a change must name the revision it was made against)."""

    negotiation_id: int
    eid: str
    status: ProvisionStatus = ProvisionStatus.OPEN
    revision: int = 0
    updated_at: datetime | None = None
    updated_by: int | None = None
    id: int = 0


@dataclass
class Proposal:
    """A proposed change to one provision, with the reason for it.

    ``base_version`` is the draft version the proposal was made against; ``answers_id`` the
    proposal it counters; ``internal_note`` is for the proposing delegation only.
    """

    negotiation_id: int
    kind: ProposalKind
    eid: str
    text: str
    rationale: str
    delegation_id: int
    author_id: int
    base_version: int
    status: ProposalStatus = ProposalStatus.PENDING
    answers_id: int | None = None
    internal_note: str = ""
    created_at: datetime | None = None
    decided_at: datetime | None = None
    decided_by: int | None = None
    id: int = 0


@dataclass
class Alternative:
    """One of the bracketed texts of a provision ("[shall][will] provide"), tabled by a
    delegation. Resolving the brackets chooses one and records who agreed."""

    negotiation_id: int
    eid: str
    text: str
    delegation_id: int
    author_id: int
    status: AlternativeStatus = AlternativeStatus.OPEN
    agreed_by: list[int] = field(default_factory=list)  # delegation ids
    created_at: datetime | None = None
    id: int = 0


@dataclass
class Comment:
    """A comment in a thread on a provision (``eid``) or a proposal (``proposal_id``)."""

    negotiation_id: int
    author_id: int
    delegation_id: int
    body: str
    visibility: Visibility
    eid: str | None = None
    proposal_id: int | None = None
    parent_id: int | None = None
    created_at: datetime | None = None
    id: int = 0


@dataclass
class PackageIssues:
    """The issues of a negotiation's package deal and their options, with what each side has
    said publicly (stated priorities) — shared by both delegations. ``model`` holds
    ``{"title", "issues", "public"}`` in the model format of docs/package-deals.md."""

    negotiation_id: int
    model: dict[str, Any]
    updated_by: int | None = None
    updated_at: datetime | None = None
    id: int = 0


@dataclass
class PackageValuation:
    """A delegation's private valuation of the package-deal options — issue weights, option
    values, reservation value (BATNA) — in the format of one entry of ``valuations`` in the
    model format. Internal: read only by its own delegation, and by a joint analysis once
    every delegation has given ``joint_consent``."""

    negotiation_id: int
    delegation_id: int
    valuation: dict[str, Any]
    joint_consent: bool = False
    notes: str = ""
    updated_by: int | None = None
    updated_at: datetime | None = None
    id: int = 0


@dataclass
class ReferenceAgreement:
    """An agreement a delegation holds beside the draft for comparison (a partner's signed
    text, another offer). ``text`` is the normalised text the reading core made of the upload;
    ``internal`` ones are seen only by the delegation that uploaded them."""

    negotiation_id: int
    delegation_id: int
    uploaded_by: int
    name: str
    filename: str
    text: str
    digest: str
    visibility: Visibility = Visibility.INTERNAL
    created_at: datetime | None = None
    id: int = 0


@dataclass
class Position:
    """A delegation's private position on a provision or an issue: never shown to others."""

    negotiation_id: int
    delegation_id: int
    subject: str  # an eId ("art_4") or an issue label ("multi-year funding")
    priority: int = 3  # 1 (highest) … 5
    ideal: str = ""
    fallback: str = ""
    red_line: str = ""
    notes: str = ""
    updated_at: datetime | None = None
    id: int = 0


@dataclass
class Round:
    negotiation_id: int
    number: int
    starts_on: datetime
    place: str
    participants: str = ""
    agenda: list[str] = field(default_factory=list)  # eIds or issue labels
    outcome: str = ""
    status: RoundStatus = RoundStatus.PLANNED
    id: int = 0


@dataclass
class AuditEntry:
    """One state change, chained to the one before by hash (append-only)."""

    seq: int
    at: datetime
    actor_id: int | None
    delegation_id: int | None
    negotiation_id: int | None
    action: str
    entity: str
    entity_id: str
    before_digest: str
    after_digest: str
    detail: str  # canonical JSON
    prev_hash: str
    hash: str


@dataclass
class ApiToken:
    user_id: int
    token_hash: str
    label: str
    created_at: datetime
    last_used_at: datetime | None = None
    id: int = 0


@dataclass
class LoginFailure:
    """A failed login: counted (per name and address, and per address) to throttle guessing.
    Kept in the database so that every server process counts the same failures."""

    username: str  # case-folded
    address: str
    at: datetime
    id: int = 0
