"""In-memory fakes of the storage ports, for fast tests of the workspace use cases."""

from __future__ import annotations

import copy
from typing import Any, TypeVar

from foedus.domain.negotiation import User
from foedus.services.ports import Repository, UnitOfWork

T = TypeVar("T")


def _matches(value: object, wanted: object) -> bool:
    """A filter: equality, or membership for a set (as the SQL repositories' IN)."""
    if isinstance(wanted, set | frozenset):
        return value in wanted
    return value == wanted


class FakeRepository(Repository[T]):
    def __init__(self, key: str = "id") -> None:
        self.items: list[T] = []
        self.key = key
        self._next = 1

    def add(self, item: T) -> T:
        if self.key == "id" and getattr(item, "id", 0) == 0:
            item.id = self._next  # type: ignore[attr-defined]
            self._next += 1
        self.items.append(item)
        return item

    def get(self, id: int) -> T | None:
        return next((i for i in self.items if getattr(i, self.key) == id), None)

    def list(self, **filters: object) -> list[T]:
        found = [
            i for i in self.items if all(_matches(getattr(i, k), v) for k, v in filters.items())
        ]
        return sorted(found, key=lambda i: getattr(i, self.key))

    def delete(self, item: T) -> None:
        self.items.remove(item)


class FakeUnitOfWork(UnitOfWork):
    """All repositories in memory; commit keeps a snapshot, rollback restores it."""

    def __init__(self) -> None:
        for name in (
            "users negotiations delegations memberships versions provisions proposals "
            "alternatives comments positions rounds tokens login_failures references package_issues "
            "package_valuations"
        ).split():
            setattr(self, name, FakeRepository())
        self.audit = FakeRepository(key="seq")
        self.commits = 0
        self._snapshot: dict[str, Any] = {}
        self._save()

    def _names(self) -> list[str]:
        return [n for n, v in vars(self).items() if isinstance(v, FakeRepository)]

    def _save(self) -> None:
        self._snapshot = {n: copy.deepcopy(getattr(self, n)) for n in self._names()}

    def _writable(self, action: str) -> None:
        if self.read_only:
            raise RuntimeError(f"a reading unit of work cannot {action}")

    def flush(self) -> None:
        self._writable("flush")

    def lock_audit_log(self) -> None:
        self._writable("lock the audit log")  # one thread, no other writer

    def commit(self) -> None:
        self._writable("commit")
        self.commits += 1
        self._save()

    def rollback(self) -> None:
        for name, repo in self._snapshot.items():
            setattr(self, name, copy.deepcopy(repo))


def user(uow: FakeUnitOfWork, name: str) -> User:
    """The user called ``name`` (it must exist)."""
    found = uow.users.one(username=name)
    assert found is not None
    return found
