"""Ports: what the workspace use cases need from storage, and nothing more.

A :class:`UnitOfWork` groups repositories, one per record type of
:mod:`foedus.domain.negotiation`, and commits or rolls back their changes together. Records
fetched from a repository are live: changing their attributes changes what will be stored at
commit. ``foedus.storage`` implements these ports with SQLAlchemy; tests use in-memory fakes.

Storage raises :class:`~foedus.domain.errors.ConflictError` from :meth:`UnitOfWork.commit`
when another session changed the same records first (a stale revision, a version number or
audit sequence taken twice): the caller's changes are then rolled back, never merged.
"""

from __future__ import annotations

import builtins
from abc import ABC, abstractmethod
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from foedus.domain.negotiation import (
    Alternative,
    ApiToken,
    AuditEntry,
    Comment,
    Delegation,
    DraftVersion,
    LoginFailure,
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

__all__ = ["Repository", "UnitOfWork"]

T = TypeVar("T")


class Repository(ABC, Generic[T]):
    """Records of one type. Filters are equalities on attributes (``list(negotiation_id=3)``;
    a set matches any of its members: ``list(proposal_id={4, 7})``); results come in order of
    id (of ``seq`` for audit entries)."""

    @abstractmethod
    def add(self, item: T) -> T:
        """Store a new record; its id is set (at the latest) when the unit of work flushes."""

    @abstractmethod
    def get(self, id: int) -> T | None: ...

    @abstractmethod
    def list(self, **filters: object) -> list[T]: ...

    def values(
        self, names: tuple[str, ...], last: int | None = None, **filters: object
    ) -> builtins.list[tuple[Any, ...]]:
        """The named attributes of the records matching ``filters``, as tuples in the
        repository's order (only the ``last`` so many, if given): for reads that show many
        records and change none (storage may then skip building live records)."""
        found = self.list(**filters)
        if last is not None:
            found = found[-last:] if last > 0 else []
        return [tuple(getattr(item, name) for name in names) for item in found]

    def count(self, **filters: object) -> int:
        """How many records match ``filters``."""
        return len(self.list(**filters))

    def one(self, **filters: object) -> T | None:
        """The single record matching ``filters``, or None."""
        found = self.list(**filters)
        return found[0] if found else None

    def last(self, **filters: object) -> T | None:
        """The last record matching ``filters`` in the repository's order, or None."""
        found = self.list(**filters)
        return found[-1] if found else None

    @abstractmethod
    def delete(self, item: T) -> None: ...


class UnitOfWork(ABC):
    """One transaction over all repositories. Used as a context manager: leaving it without
    :meth:`commit` rolls back."""

    users: Repository[User]
    negotiations: Repository[Negotiation]
    delegations: Repository[Delegation]
    memberships: Repository[Membership]
    versions: Repository[DraftVersion]
    provisions: Repository[ProvisionState]
    proposals: Repository[Proposal]
    alternatives: Repository[Alternative]
    comments: Repository[Comment]
    references: Repository[ReferenceAgreement]
    package_issues: Repository[PackageIssues]
    package_valuations: Repository[PackageValuation]
    positions: Repository[Position]
    rounds: Repository[Round]
    audit: Repository[AuditEntry]
    tokens: Repository[ApiToken]
    login_failures: Repository[LoginFailure]

    read_only: bool = False  # set by reading(), until the with block ends

    def reading(self) -> Self:
        """This unit of work for reads only (``with uow.reading():``): storage may then hand
        out snapshots instead of live records — changing one changes nothing stored — and
        :meth:`commit`, :meth:`flush`, :meth:`lock_audit_log`, ``add`` and ``delete`` refuse
        with RuntimeError. For use cases that only show what is stored; the mode ends with
        the with block."""
        self.read_only = True
        return self

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.read_only = False
        self.rollback()

    @abstractmethod
    def flush(self) -> None:
        """Send pending changes so that new records get their ids (within the transaction)."""

    @abstractmethod
    def lock_audit_log(self) -> None:
        """Hold the audit log's append lock until this transaction ends: reading its last entry
        and appending the next cannot then interleave with another writer's."""

    @abstractmethod
    def commit(self) -> None: ...

    @abstractmethod
    def rollback(self) -> None: ...
