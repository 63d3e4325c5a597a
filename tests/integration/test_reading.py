"""A reading unit of work on real databases: its snapshots are the records a live unit of
work returns, and it refuses to write."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from foedus.domain.negotiation import ProposalKind, ProvisionStatus, User
from foedus.services.ports import Repository, UnitOfWork
from foedus.services.workspace import accounts, proposals
from foedus.services.workspace.demo import seed_demo
from foedus.services.workspace.provision_view import provision_view

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ukraine-us-bsa.txt"
Factory = Callable[[], UnitOfWork]
REPOSITORIES = (
    "users negotiations delegations memberships versions provisions proposals alternatives "
    "comments positions rounds audit tokens"
).split()


def _repository(uow: UnitOfWork, name: str) -> Repository[object]:
    found: Repository[object] = getattr(uow, name)
    return found


def _seeded(factory: Factory, tmp_path: Path) -> tuple[int, User]:
    """The demo negotiation's id and its United States lead negotiator."""
    nid = seed_demo(factory, EXAMPLE, tmp_path).negotiation_id
    with factory() as uow:
        us = uow.users.one(username="us.lead")
    assert us is not None
    return nid, us


def test_snapshots_are_the_records_a_live_unit_of_work_reads(
    factory: Factory, tmp_path: Path
) -> None:
    nid, us = _seeded(factory, tmp_path)
    accounts.create_token(factory(), us, "reading test")
    for name in REPOSITORIES:
        with factory() as uow:
            live = _repository(uow, name).list()
            assert live, name
            last = _repository(uow, name).last()
            first = _repository(uow, name).get(getattr(live[0], "seq" if name == "audit" else "id"))
        with factory().reading() as uow:
            snapshots = _repository(uow, name).list()
            assert _repository(uow, name).last() == last
            key = "seq" if name == "audit" else "id"
            assert _repository(uow, name).get(getattr(live[0], key)) == first
            assert _repository(uow, name).get(10**9) is None
        assert snapshots == live, name  # every field, enums, lists and aware times alike
        assert [type(s) for s in snapshots] == [type(r) for r in live]
    with factory() as uow:
        on_article = uow.proposals.list(negotiation_id=nid, eid="art_4__para_1")
        versioned = [p._row_version for p in on_article]  # type: ignore[attr-defined]
        last_three = uow.proposals.values(("id", "eid", "status"), last=3, negotiation_id=nid)
        counted = uow.proposals.count(negotiation_id=nid, eid="art_4__para_1")
    with factory().reading() as uow:
        read = uow.proposals.list(negotiation_id=nid, eid="art_4__para_1")
        assert read == on_article
        assert [p._row_version for p in read] == versioned  # type: ignore[attr-defined]
        ids = {p.id for p in on_article}
        assert [p.id for p in uow.proposals.list(id=ids | {10**9})] == sorted(ids)
        assert uow.proposals.values(("id", "eid", "status"), last=3, negotiation_id=nid) == (
            last_three
        )
        assert uow.proposals.count(negotiation_id=nid, eid="art_4__para_1") == counted
        assert uow.memberships.list(delegation_id=None) == []


def test_a_reading_unit_of_work_refuses_to_write_and_the_mode_ends_with_its_block(
    factory: Factory, tmp_path: Path
) -> None:
    nid = seed_demo(factory, EXAMPLE, tmp_path).negotiation_id
    uow = factory()
    with uow.reading():
        state = uow.provisions.list(negotiation_id=nid)[0]
        for attempt in (
            uow.commit,
            uow.flush,
            uow.lock_audit_log,
            lambda: uow.provisions.delete(state),
            lambda: uow.provisions.add(state),
        ):
            with pytest.raises(RuntimeError, match="reading unit of work"):
                attempt()
        state.status = ProvisionStatus.DELETED  # a snapshot: nothing stored changes
    with uow:
        stored = uow.provisions.get(state.id)
        assert stored is not None
        assert stored.status is not ProvisionStatus.DELETED
        stored.revision += 1  # the same unit of work writes again once the block is left
        uow.commit()
    with factory() as check:
        again = check.provisions.get(state.id)
        assert again is not None
        assert again.revision == stored.revision


def test_the_provision_read_through_snapshots_shows_what_was_just_written(
    factory: Factory, tmp_path: Path
) -> None:
    nid, us = _seeded(factory, tmp_path)
    with factory() as uow:
        version = max(v.number for v in uow.versions.list(negotiation_id=nid))
    tabled = proposals.propose(
        factory(), us, nid, ProposalKind.AMEND, "art_4__para_1", "1. New text.", "why", version
    )
    view = provision_view(factory(), us, nid, "art_4__para_1")
    assert view.proposals[-1].id == tabled.id
    assert view.proposals[-1].rationale == "why"
    assert view.proposals_total == len(view.proposals)
