"""The workspace on real databases: SQLite and PostgreSQL behave as the in-memory fakes."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from foedus.bootstrap import _engine, backup_database
from foedus.config import Settings
from foedus.domain.errors import ConflictError
from foedus.domain.negotiation import (
    Alternative,
    AlternativeStatus,
    ProposalStatus,
    ProvisionState,
    ProvisionStatus,
    Round,
    RoundStatus,
    User,
)
from foedus.services.ports import UnitOfWork
from foedus.services.workspace import dashboard, discussion, exchange, proposals
from foedus.services.workspace.audit import record, verify_audit
from foedus.services.workspace.demo import seed_demo

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ukraine-us-bsa.txt"
Factory = Callable[[], UnitOfWork]


def seed(factory: Factory, data_dir: Path) -> int:
    return seed_demo(factory, EXAMPLE, data_dir).negotiation_id


def user(factory: Factory, name: str) -> User:
    with factory() as uow:
        found = uow.users.one(username=name)
    assert found is not None
    return found


def test_the_demo_seeds_and_reads_back_on_a_real_database(factory: Factory, tmp_path: Path) -> None:
    nid = seed(factory, tmp_path)
    us = user(factory, "us.lead")
    views = proposals.proposals(factory(), us, nid)
    assert [p.status for p in views] == [
        ProposalStatus.PENDING,
        ProposalStatus.PENDING,
        ProposalStatus.PENDING,
        ProposalStatus.ACCEPTED,
    ]
    assert views[0].internal_note is None
    board = dashboard.dashboard(factory(), user(factory, "ua.lead"), nid)
    assert board.totals["bracketed"] == 1
    assert board.next_round is not None
    assert board.next_round.starts_on.tzinfo is not None
    assert seed_demo(factory, EXAMPLE, tmp_path).created is False
    assert verify_audit(factory()).ok


def test_records_round_trip_with_enums_lists_and_times(factory: Factory, tmp_path: Path) -> None:
    nid = seed(factory, tmp_path)
    moment = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    with factory() as uow:
        round_ = uow.rounds.add(
            Round(nid, 9, moment, "Geneva", "all", ["art_1", "an issue"], "", RoundStatus.HELD)
        )
        uow.commit()
        stored_id = round_.id
    with factory() as uow:
        found = uow.rounds.get(stored_id)
        assert found is not None
        assert (found.starts_on, found.agenda, found.status) == (
            moment,
            ["art_1", "an issue"],
            RoundStatus.HELD,
        )
        assert isinstance(found.status, RoundStatus)
        alternatives = uow.alternatives.list(negotiation_id=nid, status=AlternativeStatus.OPEN)
        assert len(alternatives) == 2
        assert all(isinstance(a, Alternative) for a in alternatives)


def test_repository_filters_match_values_nulls_and_enums_as_filter_by_does(
    factory: Factory, tmp_path: Path
) -> None:
    """The repositories run prepared statements: a None filter means IS NULL, an enum its value,
    several filters all of them; a record is read back by id, loaded or not; ``last`` is the
    final record of ``list`` in the repository's order."""
    nid = seed(factory, tmp_path)
    with factory() as uow:
        every = uow.proposals.list(negotiation_id=nid)
        unanswered = uow.proposals.list(negotiation_id=nid, answers_id=None)
        pending = uow.proposals.list(negotiation_id=nid, status=ProposalStatus.PENDING)
        assert unanswered == [p for p in every if p.answers_id is None]
        assert pending == [p for p in every if p.status is ProposalStatus.PENDING]
        assert 0 < len(unanswered) < len(every)  # the demo holds a counter-proposal
        first = every[0]
        assert (
            uow.proposals.list(negotiation_id=nid, eid=first.eid, status=first.status)[0] is first
        )
        assert uow.proposals.get(first.id) is first  # from the identity map
        assert uow.proposals.get(10_000) is None
        assert uow.proposals.get(None) is None  # type: ignore[arg-type]  # as Session.get
        with pytest.raises(AttributeError, match="no stored attribute"):
            uow.proposals.list(own_text="x")  # a filter on no column is refused, never ignored
        assert uow.proposals.last(negotiation_id=nid) is every[-1]
        assert uow.proposals.last(negotiation_id=nid, answers_id=None) is unanswered[-1]
        assert uow.proposals.last(negotiation_id=nid + 1) is None
        # columns and counts agree with the records, on the same filters
        assert uow.proposals.values(("id", "status"), negotiation_id=nid, answers_id=None) == [
            (p.id, p.status) for p in unanswered
        ]
        assert uow.proposals.values(("id",), 2, negotiation_id=nid) == [(p.id,) for p in every[-2:]]
        assert uow.proposals.values(("id",), 0, negotiation_id=nid) == []
        assert uow.proposals.count(negotiation_id=nid, answers_id=None) == len(unanswered)
        assert uow.proposals.count(negotiation_id=nid + 1) == 0
        # a set matches any of its members (IN); an empty set or an impossible number, none
        pair = {every[0].id, every[-1].id}
        assert uow.proposals.list(negotiation_id=nid, id=pair) == [every[0], every[-1]]
        assert uow.proposals.count(id=pair) == 2
        assert uow.proposals.values(("id",), id=frozenset(pair)) == sorted((i,) for i in pair)
        assert uow.proposals.list(id=set()) == []
        assert uow.proposals.list(id={every[0].id, 2**70}) == [every[0]]
        with pytest.raises(AttributeError, match="no stored attribute"):
            uow.proposals.count(own_text="x")
        with pytest.raises(AttributeError, match="no stored attribute"):
            uow.proposals.values(("own_text",), negotiation_id=nid)
        entries = uow.audit.list()
        assert len(entries) > 1
        assert uow.audit.last() is entries[-1]  # in order of seq
    with factory() as uow:
        fresh = uow.proposals.get(first.id)  # a new session: read from the database
        assert fresh is not None
        assert (fresh.id, fresh.text) == (first.id, first.text)
        assert uow.proposals.list(negotiation_id=nid + 1) == []


def test_leaving_a_unit_of_work_without_commit_rolls_back(factory: Factory, tmp_path: Path) -> None:
    nid = seed(factory, tmp_path)
    with factory() as uow:
        negotiation = uow.negotiations.get(nid)
        assert negotiation is not None
        negotiation.title = "changed but not committed"
    with factory() as uow:
        negotiation = uow.negotiations.get(nid)
        assert negotiation is not None
        assert negotiation.title != "changed but not committed"


def test_concurrent_status_changes_on_one_revision_let_exactly_one_win(
    factory: Factory, tmp_path: Path
) -> None:
    nid = seed(factory, tmp_path)
    ua, us = user(factory, "ua.lead"), user(factory, "us.lead")
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def change(actor: User, status: ProvisionStatus) -> None:
        start.wait()
        try:
            proposals.set_status(factory(), actor, nid, "art_10", status, 0)
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("conflict")

    threads = [
        threading.Thread(target=change, args=(ua, ProvisionStatus.AGREED_AD_REF)),
        threading.Thread(target=change, args=(us, ProvisionStatus.AGREED)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "ok"]
    with factory() as uow:
        state = uow.provisions.one(negotiation_id=nid, eid="art_10")
        assert state is not None
        assert state.revision == 1


def test_a_row_inserted_meanwhile_is_a_conflict_when_the_audit_lock_flushes(
    factory: Factory, tmp_path: Path
) -> None:
    """The audit append lock is a write statement: it flushes what the use case added so far.
    A provision state another writer created first must come out as a conflict (409), not as
    a raw database error (500) — the race the test above loses now and then under load."""
    nid = seed(factory, tmp_path)
    with factory() as uow:
        uow.provisions.add(ProvisionState(nid, "art_11", updated_at=datetime.now(UTC)))
        uow.commit()
    with factory() as uow:
        uow.provisions.add(ProvisionState(nid, "art_11", updated_at=datetime.now(UTC)))
        with pytest.raises(ConflictError):
            uow.lock_audit_log()


def test_concurrent_acceptances_make_one_version_not_two(factory: Factory, tmp_path: Path) -> None:
    nid = seed(factory, tmp_path)
    ua = user(factory, "ua.lead")
    pending = [
        p for p in proposals.proposals(factory(), ua, nid) if p.status is ProposalStatus.PENDING
    ]
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def accept(proposal_id: int) -> None:
        start.wait()
        try:
            proposals.accept_proposal(factory(), ua, nid, proposal_id)
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("conflict")
        except Exception as exc:  # the other side's proposal only: Ukraine cannot accept its own
            outcomes.append(type(exc).__name__)

    counter = pending[1]  # the United States' counter-proposal on art_12__para_2
    threads = [threading.Thread(target=accept, args=(counter.id,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1
    with factory() as uow:
        numbers = [v.number for v in uow.versions.list(negotiation_id=nid)]
    assert numbers == [1, 2, 3]


def test_concurrent_writers_extend_one_audit_chain_without_conflict(
    factory: Factory, tmp_path: Path
) -> None:
    """Unrelated changes by several writers at once each get the next entry of the chain: the
    append lock, not luck, keeps two of them from reading the same last entry."""
    seed(factory, tmp_path)
    with factory() as uow:
        before = len(uow.audit.list())
    start = threading.Barrier(4)
    failures: list[str] = []

    def write(worker: int) -> None:
        start.wait()
        for n in range(15):
            try:
                with factory() as uow:
                    record(uow, "test.event", "test", f"{worker}-{n}", actor_id=None)
                    uow.commit()
            except Exception as exc:  # any failure, conflict included, is what this test rules out
                failures.append(type(exc).__name__)

    threads = [threading.Thread(target=write, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with factory() as uow:
        entries = uow.audit.list()
        assert len(entries) == before + 60
        assert [e.seq for e in entries] == list(range(1, before + 61))
    assert verify_audit(factory()).ok


def test_an_altered_or_deleted_audit_row_is_detected(
    factory: Factory, settings: Settings, tmp_path: Path
) -> None:
    seed(factory, tmp_path)
    engine = _engine(settings)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE audit SET detail = :d WHERE seq = 7"), {"d": '{"tampered":1}'}
        )
    check = verify_audit(factory())
    assert (check.ok, check.seq) == (False, 7)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM audit WHERE seq = 3"))
    assert verify_audit(factory()).problem == "entry 3 is missing"


def test_export_and_import_round_trip_between_databases(factory: Factory, tmp_path: Path) -> None:
    nid = seed(factory, tmp_path)
    data = exchange.export_negotiation(factory(), None, nid)
    imported = exchange.import_negotiation(factory(), None, data)
    again = exchange.export_negotiation(factory(), None, imported.id)
    assert [v["digest"] for v in again["versions"]] == [v["digest"] for v in data["versions"]]
    assert [p["text"] for p in again["proposals"]] == [p["text"] for p in data["proposals"]]
    assert len(again["positions"]) == len(data["positions"]) == 3
    comments = discussion.comments(factory(), user(factory, "ua.lead"), imported.id)
    assert len(comments) == 2  # the shared one and Ukraine's internal one


def test_sqlite_runs_in_wal_mode_with_foreign_keys(factory: Factory, settings: Settings) -> None:
    if settings.database_url:
        pytest.skip("SQLite only")
    with _engine(settings).connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_sqlite_writers_queue_on_a_file_lock_held_until_commit_or_rollback(
    factory: Factory, settings: Settings
) -> None:
    """Writers wait for each other on ``foedus.sqlite3.writers`` (the kernel wakes the next one
    at once) rather than in SQLite's polling busy wait, which would stall a server process's
    event loop for up to 100 ms a try. Held from the audit lock to commit or rollback."""
    if settings.database_url:
        pytest.skip("SQLite only")
    import fcntl

    lock = settings.data_dir / "foedus.sqlite3.writers"

    def held() -> bool:
        with lock.open("a") as probe:
            try:
                fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(probe, fcntl.LOCK_UN)
            return False

    for finish in ("commit", "rollback", "leave"):
        with factory() as uow:
            assert not held()
            uow.lock_audit_log()
            assert held()
            if finish == "commit":
                uow.commit()
            elif finish == "rollback":
                uow.rollback()
            if finish != "leave":
                assert not held()
        assert not held()
    # a second writer waits for the first, then goes ahead: no conflict, nothing lost
    order: list[str] = []
    first = factory()
    with first:
        first.lock_audit_log()
        second = threading.Thread(target=lambda: _append(factory, order, "second"))
        second.start()
        second.join(0.3)
        assert second.is_alive()  # waiting on the lock
        order.append("first")
        first.commit()
    second.join(10)
    assert order == ["first", "second"]


def test_a_writer_that_flushes_before_its_audit_entry_takes_the_locks_in_the_same_order(
    factory: Factory, settings: Settings, tmp_path: Path
) -> None:
    """A use case that writes (and flushes) before it appends to the audit log must queue on
    the writers' lock at that first write: else it holds SQLite's lock while waiting for the
    file's, a writer holding the file's waits for SQLite's, and one of them fails after the
    busy timeout (10 s) with a conflict."""
    if settings.database_url:
        pytest.skip("SQLite only")
    nid = seed(factory, tmp_path)
    outcome: list[str] = []
    started = time.monotonic()
    with factory() as first:
        first.provisions.add(ProvisionState(nid, "art_11", updated_at=datetime.now(UTC)))
        first.flush()  # SQLite's write lock (and, with the fix, the writers' lock) is taken
        second = threading.Thread(target=lambda: _append(factory, outcome, "second"))
        second.start()
        second.join(0.3)
        assert second.is_alive()  # it waits for the first writer
        record(first, "test.write", "test", "first", actor_id=None)
        first.commit()
        outcome.append("first")
    second.join(10)
    assert outcome == ["first", "second"]
    assert time.monotonic() - started < 5


def _append(factory: Factory, order: list[str], name: str) -> None:
    with factory() as uow:
        record(uow, "test.write", "test", name, actor_id=None)
        order.append(name)
        uow.commit()


def test_a_backup_is_a_consistent_copy_taken_while_writing(
    factory: Factory, settings: Settings, tmp_path: Path
) -> None:
    if settings.database_url:
        pytest.skip("SQLite only")
    nid = seed(factory, tmp_path)
    ua = user(factory, "ua.lead")
    stop = threading.Event()

    def write() -> None:
        number = 0
        while not stop.is_set():
            number += 1
            discussion.save_position(factory(), ua, nid, f"issue {number}", 3, notes="busy")

    writer = threading.Thread(target=write)
    writer.start()
    target = tmp_path / "copy.sqlite3"
    try:
        backup_database(settings, target)
    finally:
        stop.set()
        writer.join()
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM negotiations").fetchone() == (1,)
    assert list(tmp_path.glob(".copy.sqlite3.*")) == []


def test_the_migration_creates_exactly_the_mapped_schema(
    factory: Factory, settings: Settings
) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from foedus.storage.tables import metadata

    with _engine(settings).connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    assert diff == []
