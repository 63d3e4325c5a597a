"""Login throttling over the repositories: the sliding window, per name and per address."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from foedus.services.workspace.throttle import (
    ThrottlePolicy,
    clear_failures,
    login_wait,
    record_failure,
)
from workspace_fakes import FakeUnitOfWork

T0 = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
POLICY = ThrottlePolicy(per_user=3, per_address=5, window=600)


def _fail(uow: FakeUnitOfWork, name: str, address: str, seconds: int) -> None:
    record_failure(uow, POLICY, name, address, T0 + timedelta(seconds=seconds))


def test_a_name_is_locked_after_its_limit_until_the_oldest_failure_ages_out() -> None:
    uow = FakeUnitOfWork()
    for second in (0, 10, 20):
        assert login_wait(uow, POLICY, "ua.lead", "10.0.0.1", T0 + timedelta(seconds=second)) == 0
        _fail(uow, "UA.Lead", "10.0.0.1", second)  # names are counted case-folded
    assert login_wait(uow, POLICY, "ua.lead", "10.0.0.1", T0 + timedelta(seconds=30)) == 571
    assert login_wait(uow, POLICY, "ua.lead", "10.0.0.1", T0 + timedelta(seconds=601)) == 0
    # the same name from another address, and another name here, may still try
    assert login_wait(uow, POLICY, "ua.lead", "10.0.0.2", T0 + timedelta(seconds=30)) == 0
    assert login_wait(uow, POLICY, "us.lead", "10.0.0.1", T0 + timedelta(seconds=30)) == 0


def test_an_address_guessing_many_names_is_locked_for_all_of_them() -> None:
    uow = FakeUnitOfWork()
    for n in range(5):
        _fail(uow, f"user{n}", "10.0.0.9", n)
    assert login_wait(uow, POLICY, "someone.else", "10.0.0.9", T0 + timedelta(seconds=5)) == 596
    assert login_wait(uow, POLICY, "someone.else", "10.0.0.8", T0 + timedelta(seconds=5)) == 0


def test_a_success_clears_the_names_failures_and_old_rows_are_dropped() -> None:
    uow = FakeUnitOfWork()
    _fail(uow, "ua.lead", "10.0.0.1", 0)
    _fail(uow, "us.lead", "10.0.0.1", 1)
    clear_failures(uow, "UA.LEAD", "10.0.0.1")
    assert [f.username for f in uow.login_failures.items] == ["us.lead"]
    _fail(uow, "ua.lead", "10.0.0.1", 700)  # the failure at second 1 is out of the window
    assert [(f.username, f.at) for f in uow.login_failures.items] == [
        ("ua.lead", T0 + timedelta(seconds=700))
    ]
