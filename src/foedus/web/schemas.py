"""Request bodies of the JSON API (responses are the services' records as JSON)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from foedus.domain.negotiation import ProposalKind, ProvisionStatus, RoundStatus, Visibility

__all__ = [
    "AlternativeIn",
    "CommentIn",
    "ConsentIn",
    "PositionIn",
    "ProposalIn",
    "ResolveIn",
    "RoundIn",
    "RoundPatch",
    "StatusIn",
    "TokenIn",
    "ValuationIn",
]


class ProposalIn(BaseModel):
    kind: ProposalKind
    eid: str = Field(min_length=1, max_length=300)
    text: str = ""
    rationale: str = Field(min_length=1)
    base_version: int = Field(ge=1)
    answers_id: int | None = None
    internal_note: str = ""


class AlternativeIn(BaseModel):
    eid: str = Field(min_length=1, max_length=300)
    text: str = Field(min_length=1)


class ResolveIn(BaseModel):
    eid: str
    agreed_by: list[str] = Field(min_length=1)


class StatusIn(BaseModel):
    status: ProvisionStatus
    revision: int = Field(ge=0)


class CommentIn(BaseModel):
    body: str = Field(min_length=1)
    visibility: Visibility = Visibility.SHARED
    eid: str | None = None
    proposal_id: int | None = None
    parent_id: int | None = None


class PositionIn(BaseModel):
    subject: str = Field(min_length=1, max_length=300)
    priority: int = Field(ge=1, le=5)
    ideal: str = ""
    fallback: str = ""
    red_line: str = ""
    notes: str = ""


class RoundIn(BaseModel):
    starts_on: datetime
    place: str = Field(min_length=1)
    agenda: list[str] = []
    participants: str = ""


class RoundPatch(BaseModel):
    outcome: str | None = None
    status: RoundStatus | None = None
    agenda: list[str] | None = None
    participants: str | None = None


class TokenIn(BaseModel):
    label: str = Field(min_length=1, max_length=200)


class ValuationIn(BaseModel):
    valuation: dict[str, Any]
    notes: str = ""


class ConsentIn(BaseModel):
    joint: bool
