"""The tables, and their imperative mapping onto the dataclasses of foedus.domain.negotiation
(the domain stays free of SQLAlchemy; repositories return the domain records themselves)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.orm import registry

from foedus.domain.negotiation import (
    Alternative,
    AlternativeStatus,
    ApiToken,
    AuditEntry,
    Comment,
    Delegation,
    DraftVersion,
    LoginFailure,
    Membership,
    Negotiation,
    NegotiationStatus,
    PackageIssues,
    PackageValuation,
    Position,
    Proposal,
    ProposalKind,
    ProposalStatus,
    ProvisionState,
    ProvisionStatus,
    ReferenceAgreement,
    Role,
    Round,
    RoundStatus,
    User,
    Visibility,
)

__all__ = ["metadata", "start_mappers"]

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC on the way in and out (SQLite forgets the zone; PostgreSQL keeps it)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: foedus stores UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, _dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _when(name: str, nullable: bool = True) -> Column[Any]:
    return Column(name, UtcDateTime(), nullable=nullable)


def _enum(name: str, enum: type[StrEnum]) -> Column[Any]:
    """An enum stored as its value in a plain string column (no database enum types)."""
    return Column(
        name,
        SqlEnum(enum, native_enum=False, create_constraint=False, length=30,
                values_callable=lambda members: [m.value for m in members]),
        nullable=False,
    )  # fmt: skip


users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(80), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("is_admin", Boolean, nullable=False, default=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("session_epoch", Integer, nullable=False, default=0, server_default="0"),
)  # fmt: skip
negotiations = Table(
    "negotiations", metadata,
    Column("id", Integer, primary_key=True),
    Column("title", String(500), nullable=False),
    Column("parties", JSON, nullable=False),
    _enum("status", NegotiationStatus),
    _when("created_at"),
)  # fmt: skip
delegations = Table(
    "delegations", metadata,
    Column("id", Integer, primary_key=True),
    Column("negotiation_id", ForeignKey("negotiations.id"), nullable=False, index=True),
    Column("party", String(200), nullable=False),
    UniqueConstraint("negotiation_id", "party", name="uq_delegations_party"),
)  # fmt: skip
memberships = Table(
    "memberships", metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("users.id"), nullable=False, index=True),
    Column("delegation_id", ForeignKey("delegations.id"), nullable=False, index=True),
    _enum("role", Role),
    UniqueConstraint("user_id", "delegation_id", name="uq_memberships_user_delegation"),
)  # fmt: skip
versions = Table(
    "versions", metadata,
    Column("id", Integer, primary_key=True),
    Column("negotiation_id", ForeignKey("negotiations.id"), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("cause", String(500), nullable=False),
    _when("created_at", nullable=False),
    Column("created_by", ForeignKey("users.id"), nullable=True),
    Column("delegation_id", ForeignKey("delegations.id"), nullable=True),
    Column("proposal_id", Integer, nullable=True),
    UniqueConstraint("negotiation_id", "number", name="uq_versions_number"),
)  # fmt: skip
provisions = Table(
    "provisions", metadata,
    Column("id", Integer, primary_key=True),
    Column("negotiation_id", ForeignKey("negotiations.id"), nullable=False, index=True),
    Column("eid", String(300), nullable=False),
    _enum("status", ProvisionStatus),
    Column("revision", Integer, nullable=False),
    _when("updated_at"),
    Column("updated_by", ForeignKey("users.id"), nullable=True),
    Column("row_version", Integer, nullable=False),
    UniqueConstraint("negotiation_id", "eid", name="uq_provisions_eid"),
)  # fmt: skip
proposals = Table(
    "proposals", metadata,
    Column("id", Integer, primary_key=True),
    Column("negotiation_id", ForeignKey("negotiations.id"), nullable=False, index=True),
    _enum("kind", ProposalKind),
    Column("eid", String(300), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("rationale", Text, nullable=False),
    Column("delegation_id", ForeignKey("delegations.id"), nullable=False),
    Column("author_id", ForeignKey("users.id"), nullable=False),
    Column("base_version", Integer, nullable=False),
    _enum("status", ProposalStatus),
    Column("answers_id", ForeignKey("proposals.id"), nullable=True),
    Column("internal_note", Text, nullable=False, default=""),
    _when("created_at"),
    _when("decided_at"),
    Column("decided_by", ForeignKey("users.id"), nullable=True),
    Column("row_version", Integer, nullable=False),
    # a provision's proposals, the last first, and their number, from the index alone
    Index("ix_proposals_provision", "negotiation_id", "eid", "id"),
)  # fmt: skip
alternatives = Table(
    "alternatives", metadata,
    Column("id", Integer, primary_key=True),
    Column("negotiation_id", ForeignKey("negotiations.id"), nullable=False, index=True),
    Column("eid", String(300), nullable=False),
    Column("text", Text, nullable=False),
    Column("delegation_id", ForeignKey("delegations.id"), nullable=False),
    Column("author_id", ForeignKey("users.id"), nullable=False),
    _enum("status", AlternativeStatus),
    Column("agreed_by", JSON, nullable=False),
    _when("created_at"),
    Column("row_version", Integer, nullable=False),
)  # fmt: skip
comments = Table(
    "comments", metadata,
    Column("id", Integer, primary_key=True),
    Column("negotiation_id", ForeignKey("negotiations.id"), nullable=False, index=True),
    Column("author_id", ForeignKey("users.id"), nullable=False),
    Column("delegation_id", ForeignKey("delegations.id"), nullable=False),
    Column("body", Text, nullable=False),
    _enum("visibility", Visibility),
    Column("eid", String(300), nullable=True),
    Column("proposal_id", ForeignKey("proposals.id"), nullable=True),
    Column("parent_id", ForeignKey("comments.id"), nullable=True),
    _when("created_at"),
)  # fmt: skip
references = Table(
    "reference_agreements", metadata,
    Column("id", Integer, primary_key=True),
    Column("negotiation_id", ForeignKey("negotiations.id"), nullable=False, index=True),
    Column("delegation_id", ForeignKey("delegations.id"), nullable=False),
    Column("uploaded_by", ForeignKey("users.id"), nullable=False),
    Column("name", String(300), nullable=False),
    Column("filename", String(300), nullable=False),
    Column("text", Text, nullable=False),
    Column("digest", String(64), nullable=False),
    _enum("visibility", Visibility),
    _when("created_at"),
)  # fmt: skip
package_issues = Table(
    "package_issues", metadata,
    Column("id", Integer, primary_key=True),
    Column("negotiation_id", ForeignKey("negotiations.id"), nullable=False, unique=True),
    Column("model", JSON, nullable=False),
    Column("updated_by", ForeignKey("users.id"), nullable=True),
    _when("updated_at"),
)  # fmt: skip
package_valuations = Table(
    "package_valuations", metadata,
    Column("id", Integer, primary_key=True),
    Column("negotiation_id", ForeignKey("negotiations.id"), nullable=False, index=True),
    Column("delegation_id", ForeignKey("delegations.id"), nullable=False),
    Column("valuation", JSON, nullable=False),
    Column("joint_consent", Boolean, nullable=False),
    Column("notes", Text, nullable=False),
    Column("updated_by", ForeignKey("users.id"), nullable=True),
    _when("updated_at"),
    UniqueConstraint("negotiation_id", "delegation_id", name="uq_package_valuations_delegation"),
)  # fmt: skip
positions = Table(
    "positions", metadata,
    Column("id", Integer, primary_key=True),
    Column("negotiation_id", ForeignKey("negotiations.id"), nullable=False, index=True),
    Column("delegation_id", ForeignKey("delegations.id"), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("priority", Integer, nullable=False),
    Column("ideal", Text, nullable=False),
    Column("fallback", Text, nullable=False),
    Column("red_line", Text, nullable=False),
    Column("notes", Text, nullable=False),
    _when("updated_at"),
    UniqueConstraint("delegation_id", "subject", name="uq_positions_subject"),
)  # fmt: skip
rounds = Table(
    "rounds", metadata,
    Column("id", Integer, primary_key=True),
    Column("negotiation_id", ForeignKey("negotiations.id"), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    _when("starts_on", nullable=False),
    Column("place", String(300), nullable=False),
    Column("participants", Text, nullable=False),
    Column("agenda", JSON, nullable=False),
    Column("outcome", Text, nullable=False),
    _enum("status", RoundStatus),
    UniqueConstraint("negotiation_id", "number", name="uq_rounds_number"),
)  # fmt: skip
audit = Table(
    "audit", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    _when("at", nullable=False),
    Column("actor_id", Integer, nullable=True),
    Column("delegation_id", Integer, nullable=True),
    Column("negotiation_id", Integer, nullable=True),
    Column("action", String(60), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(300), nullable=False),
    Column("before_digest", String(64), nullable=False),
    Column("after_digest", String(64), nullable=False),
    Column("detail", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)  # fmt: skip
tokens = Table(
    "tokens", metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("users.id"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("label", String(200), nullable=False),
    _when("created_at", nullable=False),
    _when("last_used_at"),
)  # fmt: skip

login_failures = Table(
    "login_failures", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(200), nullable=False),
    Column("address", String(100), nullable=False, index=True),
    _when("at", nullable=False),
)  # fmt: skip

_MAPPED: list[registry] = []


def start_mappers() -> None:
    """Map the domain records onto the tables (once per process). Rows that change under
    concurrent sessions carry a version counter: a stale update fails instead of winning."""
    if _MAPPED:
        return
    mapper = registry(metadata=metadata)
    plain: list[tuple[type[Any], Table]] = [
        (User, users), (Negotiation, negotiations), (Delegation, delegations),
        (Membership, memberships), (DraftVersion, versions), (Comment, comments),
        (Position, positions), (Round, rounds), (AuditEntry, audit), (ApiToken, tokens),
        (ReferenceAgreement, references), (PackageIssues, package_issues),
        (PackageValuation, package_valuations), (LoginFailure, login_failures),
    ]  # fmt: skip
    for cls, table in plain:
        mapper.map_imperatively(cls, table)
    versioned: list[tuple[type[Any], Table]] = [
        (ProvisionState, provisions), (Proposal, proposals), (Alternative, alternatives),
    ]  # fmt: skip
    for cls, table in versioned:
        mapper.map_imperatively(
            cls,
            table,
            version_id_col=table.c.row_version,
            properties={"_row_version": table.c.row_version},
        )
    _MAPPED.append(mapper)
