"""Login throttling: failed logins counted in a sliding window, per (name, address) and per
address, in the database — every server process of ``foedus serve --workers N`` sees the same
count, and a restart forgets nothing.

An attempt is counted *before* its password is checked (:func:`begin_attempt`), in a
transaction that holds the workspace's write lock: concurrent guesses are counted one after
another, so no burst of simultaneous tries gets past the limit. Past the limit the attempt is
refused (and not counted) until the oldest counted failure has aged out of the window; a
successful login clears the name's failures from that address (:func:`clear_failures`).
Failures older than the window are removed as new attempts come in, whatever their address,
so the table holds only the window's failures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from foedus.domain.negotiation import LoginFailure
from foedus.services.ports import UnitOfWork
from foedus.services.workspace.clock import now

__all__ = ["ThrottlePolicy", "begin_attempt", "clear_failures"]

_NAME_CHARS = 200  # the columns' widths: longer input is cut, never refused by the database
_ADDRESS_CHARS = 100


@dataclass(frozen=True)
class ThrottlePolicy:
    per_user: int = 5
    per_address: int = 20
    window: float = 900.0  # seconds


def _key(username: str, address: str) -> tuple[str, str]:
    return username.casefold()[:_NAME_CHARS], address[:_ADDRESS_CHARS]


def begin_attempt(
    uow: UnitOfWork,
    policy: ThrottlePolicy,
    username: str,
    address: str,
    at: datetime | None = None,
) -> int:
    """Count a login attempt as a failure until it succeeds; return the seconds to wait
    before trying again (0: go ahead and check the password — the attempt stays counted
    unless :func:`clear_failures` follows)."""
    moment = at or now()
    name, place = _key(username, address)
    since = moment - timedelta(seconds=policy.window)
    with uow:
        uow.lock_audit_log()  # one attempt at a time, in every process
        attempt = uow.login_failures.add(LoginFailure(name, place, moment))
        recent = []
        for failure in uow.login_failures.list():
            if failure.at <= since:
                uow.login_failures.delete(failure)
            elif failure.address == place:
                recent.append(failure)
        waits = []
        for failures, limit in (
            ([f for f in recent if f.username == name], policy.per_user),
            (recent, policy.per_address),
        ):
            if len(failures) > limit:  # this attempt included
                oldest = min(f.at for f in failures)
                waits.append(
                    int((oldest + timedelta(seconds=policy.window) - moment).total_seconds()) + 1
                )
        if waits:
            uow.login_failures.delete(attempt)  # a refused attempt is not counted
        uow.commit()
    return max(waits, default=0)


def clear_failures(uow: UnitOfWork, username: str, address: str) -> None:
    """A successful login: forget the name's failures from that address."""
    name, place = _key(username, address)
    with uow:
        found = [f for f in uow.login_failures.list(address=place) if f.username == name]
        for failure in found:
            uow.login_failures.delete(failure)
        if found:
            uow.commit()
