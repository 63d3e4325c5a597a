"""Login throttling over the repositories: the sliding window, per name and per address."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from foedus.services.workspace.throttle import ThrottlePolicy, begin_attempt, clear_failures
from workspace_fakes import FakeUnitOfWork

T0 = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
POLICY = ThrottlePolicy(per_user=3, per_address=5, window=600)


def _try(uow: FakeUnitOfWork, name: str, address: str, seconds: int) -> int:
    return begin_attempt(uow, POLICY, name, address, T0 + timedelta(seconds=seconds))


def test_a_name_is_locked_after_its_limit_until_the_oldest_failure_ages_out() -> None:
    uow = FakeUnitOfWork()
    assert [_try(uow, "UA.Lead", "10.0.0.1", s) for s in (0, 10, 20)] == [0, 0, 0]
    assert _try(uow, "ua.lead", "10.0.0.1", 30) == 571  # names are counted case-folded
    assert len(uow.login_failures.items) == 3  # the refused attempt is not counted
    assert _try(uow, "ua.lead", "10.0.0.1", 601) == 0
    # the same name from another address, and another name here, may still try
    assert _try(uow, "ua.lead", "10.0.0.2", 30) == 0
    assert _try(uow, "us.lead", "10.0.0.1", 30) == 0


def test_an_address_guessing_many_names_is_locked_for_all_of_them() -> None:
    uow = FakeUnitOfWork()
    assert [_try(uow, f"user{n}", "10.0.0.9", n) for n in range(5)] == [0] * 5
    assert _try(uow, "someone.else", "10.0.0.9", 5) == 596
    assert _try(uow, "someone.else", "10.0.0.8", 5) == 0


def test_a_success_clears_the_names_failures_and_old_rows_of_any_address_go() -> None:
    uow = FakeUnitOfWork()
    _try(uow, "ua.lead", "10.0.0.1", 0)
    _try(uow, "us.lead", "10.0.0.1", 1)
    _try(uow, "someone", "10.0.0.7", 2)
    clear_failures(uow, "UA.LEAD", "10.0.0.1")
    assert sorted(f.username for f in uow.login_failures.items) == ["someone", "us.lead"]
    _try(uow, "ua.lead", "10.0.0.3", 700)  # the failures at seconds 1 and 2 are out of the window
    assert [(f.username, f.at) for f in uow.login_failures.items] == [
        ("ua.lead", T0 + timedelta(seconds=700))
    ]


def test_overlong_names_and_addresses_are_cut_to_the_columns_widths() -> None:
    uow = FakeUnitOfWork()
    _try(uow, "x" * 5000, "y" * 500, 0)
    (failure,) = uow.login_failures.items
    assert (len(failure.username), len(failure.address)) == (200, 100)
