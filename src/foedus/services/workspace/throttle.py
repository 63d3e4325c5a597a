"""Login throttling: failed logins counted in a sliding window, per (name, address) and per
address, in the database — every server process of ``foedus serve --workers N`` sees the same
count, and a restart forgets nothing.

Past the limit, logins from that name and address (or from that address at all) are refused
until the oldest counted failure has aged out of the window; a successful login clears the
name's failures from that address. Refused attempts are not counted, so the table holds at
most ``per_address`` recent rows per address; older rows are removed as new ones come in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from foedus.domain.negotiation import LoginFailure
from foedus.services.ports import UnitOfWork
from foedus.services.workspace.clock import now

__all__ = ["ThrottlePolicy", "clear_failures", "login_wait", "record_failure"]


@dataclass(frozen=True)
class ThrottlePolicy:
    per_user: int = 5
    per_address: int = 20
    window: float = 900.0  # seconds


def _recent(uow: UnitOfWork, address: str, since: datetime) -> list[LoginFailure]:
    return [f for f in uow.login_failures.list(address=address) if f.at > since]


def login_wait(
    uow: UnitOfWork,
    policy: ThrottlePolicy,
    username: str,
    address: str,
    at: datetime | None = None,
) -> int:
    """Seconds to wait before another login from ``username`` at ``address`` (0: go ahead)."""
    moment = at or now()
    window = timedelta(seconds=policy.window)
    with uow:
        recent = _recent(uow, address, moment - window)
    name = username.casefold()
    waits = []
    for failures, limit in (
        ([f for f in recent if f.username == name], policy.per_user),
        (recent, policy.per_address),
    ):
        if len(failures) >= limit:
            oldest = min(f.at for f in failures)
            waits.append(int((oldest + window - moment).total_seconds()) + 1)
    return max(waits, default=0)


def record_failure(
    uow: UnitOfWork,
    policy: ThrottlePolicy,
    username: str,
    address: str,
    at: datetime | None = None,
) -> None:
    """Count a failed login (and drop this address's failures older than the window)."""
    moment = at or now()
    with uow:
        since = moment - timedelta(seconds=policy.window)
        for old in uow.login_failures.list(address=address):
            if old.at <= since:
                uow.login_failures.delete(old)
        uow.login_failures.add(LoginFailure(username.casefold(), address, moment))
        uow.commit()


def clear_failures(uow: UnitOfWork, username: str, address: str) -> None:
    """A successful login: forget the name's failures from that address."""
    name = username.casefold()
    with uow:
        found = [f for f in uow.login_failures.list(address=address) if f.username == name]
        for failure in found:
            uow.login_failures.delete(failure)
        if found:
            uow.commit()
