"""A whole negotiation as one JSON document: export, and import into another database.

References between records are kept by the exported ids and remapped on import; users are
referred to by username (passwords are never exported: imported users who do not exist yet are
created disabled, with an unusable password, for an administrator to enable). The audit log is
not copied — the import itself is audited where it lands.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar

from foedus.domain.errors import PermissionDeniedError, ValidationError
from foedus.domain.negotiation import (
    Alternative,
    Comment,
    Delegation,
    DraftVersion,
    Membership,
    Negotiation,
    PackageIssues,
    PackageValuation,
    Position,
    Proposal,
    ProvisionState,
    ReferenceAgreement,
    Round,
    User,
)
from foedus.services.ports import UnitOfWork
from foedus.services.workspace.audit import record

__all__ = ["FORMAT", "export_negotiation", "import_negotiation"]

FORMAT = "foedus-negotiation/1"
T = TypeVar("T")
_SECTIONS: dict[str, type] = {
    "versions": DraftVersion,
    "provisions": ProvisionState,
    "proposals": Proposal,
    "alternatives": Alternative,
    "comments": Comment,
    "positions": Position,
    "rounds": Round,
    "references": ReferenceAgreement,
    "package_issues": PackageIssues,
    "package_valuations": PackageValuation,
}


def _plain(record_: object) -> dict[str, Any]:
    data: dict[str, Any] = dataclasses.asdict(record_)  # type: ignore[call-overload]
    for key, value in data.items():
        if isinstance(value, datetime):
            data[key] = value.isoformat()
        elif isinstance(value, Enum):
            data[key] = value.value
    return data


def _typed(cls: type[T], data: dict[str, Any]) -> T:
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if field.name not in data:
            continue
        value = data[field.name]
        hint = hints[field.name]
        options = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        for option in options:
            if value is None:
                break
            if option is datetime:
                value = datetime.fromisoformat(value)
                break
            if isinstance(option, type) and issubclass(option, Enum):
                value = option(value)
                break
        values[field.name] = value
    return cls(**values)


def export_negotiation(uow: UnitOfWork, acting: User | None, negotiation_id: int) -> dict[str, Any]:
    """Everything of one negotiation (administrators, or the command line with ``None``)."""
    if acting is not None and not acting.is_admin:
        raise PermissionDeniedError(
            "only an administrator can export a whole negotiation", "export"
        )
    with uow:
        negotiation = uow.negotiations.get(negotiation_id)
        if negotiation is None:
            raise ValidationError(f"no negotiation {negotiation_id}")
        delegations = uow.delegations.list(negotiation_id=negotiation_id)
        members = []
        for delegation in delegations:
            for membership in uow.memberships.list(delegation_id=delegation.id):
                user = uow.users.get(membership.user_id)
                if user is not None:
                    members.append(
                        {
                            "user_id": user.id,
                            "username": user.username,
                            "display_name": user.display_name,
                            "delegation_id": delegation.id,
                            "role": membership.role.value,
                        }
                    )
        authors = {m["user_id"]: m["username"] for m in members}
        data: dict[str, Any] = {
            "format": FORMAT,
            "negotiation": _plain(negotiation),
            "delegations": [_plain(d) for d in delegations],
            "members": members,
            "usernames": authors,
        }
        for section, _cls in _SECTIONS.items():
            repo = getattr(uow, section)
            data[section] = [_plain(item) for item in repo.list(negotiation_id=negotiation_id)]
        return data


_USER_FIELDS = {"created_by", "author_id", "decided_by", "updated_by", "uploaded_by"}


def import_negotiation(uow: UnitOfWork, acting: User | None, data: dict[str, Any]) -> Negotiation:
    """Recreate an exported negotiation; returns the new negotiation."""
    if acting is not None and not acting.is_admin:
        raise PermissionDeniedError("only an administrator can import a negotiation", "import")
    if data.get("format") != FORMAT:
        raise ValidationError(f"not a foedus negotiation export (expected format {FORMAT})")
    with uow:
        negotiation = _typed(Negotiation, {**data["negotiation"], "id": 0})
        uow.negotiations.add(negotiation)
        uow.flush()
        delegation_ids: dict[int, int] = {}
        for item in data["delegations"]:
            delegation = uow.delegations.add(Delegation(negotiation.id, item["party"]))
            uow.flush()
            delegation_ids[item["id"]] = delegation.id
        user_ids: dict[int, int] = {}
        for old_id, username in {int(k): v for k, v in data.get("usernames", {}).items()}.items():
            user = uow.users.one(username=username)
            if user is None:
                user = uow.users.add(User(username, username, "!disabled", active=False))
                uow.flush()
            user_ids[old_id] = user.id
        for member in data["members"]:
            uow.memberships.add(
                Membership(
                    user_ids[member["user_id"]],
                    delegation_ids[member["delegation_id"]],
                    _typed(
                        Membership, {"user_id": 0, "delegation_id": 0, "role": member["role"]}
                    ).role,
                )
            )
        proposal_ids: dict[int, int] = {}
        comment_ids: dict[int, int] = {}
        for section, cls in _SECTIONS.items():
            for item in sorted(data.get(section, []), key=lambda i: i["id"]):
                values = {**item, "id": 0, "negotiation_id": negotiation.id}
                for key in _USER_FIELDS & values.keys():
                    if values[key] is not None:
                        values[key] = user_ids.get(values[key])
                if "delegation_id" in values and values["delegation_id"] is not None:
                    values["delegation_id"] = delegation_ids[values["delegation_id"]]
                if section == "alternatives":
                    values["agreed_by"] = [delegation_ids[d] for d in values["agreed_by"]]
                if values.get("answers_id") is not None:
                    values["answers_id"] = proposal_ids[values["answers_id"]]
                if section == "comments":
                    if values.get("proposal_id") is not None:
                        values["proposal_id"] = proposal_ids[values["proposal_id"]]
                    if values.get("parent_id") is not None:
                        values["parent_id"] = comment_ids[values["parent_id"]]
                if section == "versions" and values.get("proposal_id") is not None:
                    values["proposal_id"] = None  # set below, once proposals exist
                created = getattr(uow, section).add(_typed(cls, values))
                uow.flush()
                if section == "proposals":
                    proposal_ids[item["id"]] = created.id
                if section == "comments":
                    comment_ids[item["id"]] = created.id
        by_number = {v.number: v for v in uow.versions.list(negotiation_id=negotiation.id)}
        for item in data.get("versions", []):
            if item.get("proposal_id") is not None:
                by_number[item["number"]].proposal_id = proposal_ids.get(item["proposal_id"])
        record(
            uow,
            "negotiation.import",
            "negotiation",
            negotiation.id,
            actor_id=acting.id if acting else None,
            negotiation_id=negotiation.id,
            after={"title": negotiation.title},
        )
        uow.commit()
        return negotiation
