"""The audit log: every state change, who, when, what, with digests of before and after,
each entry chained to the one before by hash — append-only, and checkable.

The hash of an entry is SHA-256 over the previous entry's hash and the canonical JSON of the
entry's fields; :func:`verify_audit` recomputes the chain and names the first entry that was
altered, removed or inserted.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from foedus.domain.negotiation import AuditEntry
from foedus.services.ports import UnitOfWork
from foedus.services.workspace.clock import now

__all__ = ["AuditCheck", "digest", "record", "verify_audit"]

GENESIS = "0" * 64


def digest(value: object) -> str:
    """SHA-256 of a value's canonical JSON ("" for None): what the log keeps of states."""
    if value is None:
        return ""
    return hashlib.sha256(_canonical(value).encode()).hexdigest()


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def _entry_hash(entry: AuditEntry) -> str:
    fields = {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "actor_id": entry.actor_id,
        "delegation_id": entry.delegation_id,
        "negotiation_id": entry.negotiation_id,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "before_digest": entry.before_digest,
        "after_digest": entry.after_digest,
        "detail": entry.detail,
    }
    return hashlib.sha256((entry.prev_hash + _canonical(fields)).encode()).hexdigest()


def record(
    uow: UnitOfWork,
    action: str,
    entity: str,
    entity_id: object,
    *,
    actor_id: int | None,
    delegation_id: int | None = None,
    negotiation_id: int | None = None,
    before: object = None,
    after: object = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an entry for a state change (in the caller's transaction)."""
    uow.lock_audit_log()  # no other writer reads the same last entry before we commit
    last = uow.audit.last()
    entry = AuditEntry(
        seq=(last.seq + 1) if last else 1,
        at=now(),
        actor_id=actor_id,
        delegation_id=delegation_id,
        negotiation_id=negotiation_id,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before_digest=digest(before),
        after_digest=digest(after),
        detail=_canonical(detail or {}),
        prev_hash=last.hash if last else GENESIS,
        hash="",
    )
    entry.hash = _entry_hash(entry)
    return uow.audit.add(entry)


@dataclass(frozen=True, slots=True)
class AuditCheck:
    ok: bool
    entries: int
    problem: str = ""
    seq: int | None = None


def verify_audit(uow: UnitOfWork) -> AuditCheck:
    """Recompute the chain; the first break names the entry at fault."""
    with uow:
        entries = uow.audit.list()
    previous = GENESIS
    expected_seq = 1
    for entry in entries:
        if entry.seq != expected_seq:
            return AuditCheck(False, len(entries), f"entry {expected_seq} is missing", expected_seq)
        if entry.prev_hash != previous:
            return AuditCheck(
                False,
                len(entries),
                f"entry {entry.seq} is not chained to the one before",
                entry.seq,
            )
        if _entry_hash(entry) != entry.hash:
            return AuditCheck(False, len(entries), f"entry {entry.seq} was altered", entry.seq)
        previous = entry.hash
        expected_seq += 1
    return AuditCheck(True, len(entries))
