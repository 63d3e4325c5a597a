"""The negotiation use cases on in-memory fakes: the demo, access rules, concurrency, audit."""

from __future__ import annotations

from pathlib import Path

import pytest

from foedus.domain.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from foedus.domain.negotiation import (
    AlternativeStatus,
    ProposalKind,
    ProposalStatus,
    ProvisionStatus,
    Visibility,
)
from foedus.services.workspace import (
    accounts,
    dashboard,
    discussion,
    drafts,
    exchange,
    history,
    proposals,
)
from foedus.services.workspace.audit import verify_audit
from foedus.services.workspace.demo import DEMO_TITLE, seed_demo
from workspace_fakes import FakeUnitOfWork, user

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "ukraine-us-bsa.txt"


def test_the_demo_seeds_a_negotiation_in_the_middle_of_round_two(
    uow: FakeUnitOfWork, demo: int, tmp_path: Path
) -> None:
    ua = user(uow, "ua.lead")
    assert [v.number for v in drafts.versions(uow, ua, demo)] == [1, 2]
    found = proposals.proposals(uow, ua, demo)
    assert [p.status for p in found] == [
        ProposalStatus.PENDING,
        ProposalStatus.PENDING,
        ProposalStatus.PENDING,
        ProposalStatus.ACCEPTED,
    ]
    assert found[1].answers_id == found[0].id
    board = dashboard.dashboard(uow, ua, demo)
    assert board.totals["agreed"] >= 2
    assert board.totals["bracketed"] == 1
    assert [p.eid for p in board.awaiting] == ["art_12__para_2"]
    assert board.next_round is not None
    assert board.next_round.place == "Washington, D.C."
    assert [r.position.subject for r in board.red_lines_at_risk] == []
    again = seed_demo(lambda: uow, EXAMPLE, tmp_path)
    assert (again.negotiation_id, again.created) == (demo, False)
    assert len(uow.negotiations.list(title=DEMO_TITLE)) == 1


def test_internal_material_never_reaches_the_other_delegation(
    uow: FakeUnitOfWork, demo: int
) -> None:
    ua, us = user(uow, "ua.lead"), user(uow, "us.lead")
    assert {p.subject for p in discussion.positions(uow, ua, demo)} == {
        "art_4__para_1",
        "multi-year funding",
    }
    assert {p.subject for p in discussion.positions(uow, us, demo)} == {"art_12__para_5"}
    us_view = {c.body for c in discussion.comments(uow, us, demo)}
    assert not any("push for extension" in body for body in us_view)
    ua_view = {c.body for c in discussion.comments(uow, ua, demo)}
    assert not any("NSC legal" in body for body in ua_view)
    duration = proposals.proposals(uow, us, demo, "art_12__para_2")
    assert duration[0].internal_note is None  # Ukraine's proposal, seen by the United States
    assert duration[1].internal_note == "Authorised to accept a review in year seven."
    admin = user(uow, "admin")
    assert discussion.positions(uow, admin, demo) == []


def test_an_outsider_does_not_see_the_negotiation_at_all(uow: FakeUnitOfWork, demo: int) -> None:
    accounts.create_user(uow, "outsider", "a long enough password")
    outsider = user(uow, "outsider")
    assert drafts.negotiations_for(uow, outsider) == []
    with pytest.raises(NotFoundError):
        proposals.proposals(uow, outsider, demo)


def test_accepting_a_proposal_changes_the_draft_and_supersedes_the_others(
    uow: FakeUnitOfWork, demo: int
) -> None:
    ua, us = user(uow, "ua.lead"), user(uow, "us.lead")
    counter = proposals.proposals(uow, ua, demo, "art_12__para_2")[1]
    with pytest.raises(PermissionDeniedError):
        proposals.accept_proposal(uow, us, demo, counter.id)  # not by its own side
    proposals.accept_proposal(uow, ua, demo, counter.id)
    latest = drafts.current_version(uow, demo)
    assert latest is not None
    assert latest.number == 3
    assert "review it in its eighth year" in drafts.provision_text(
        drafts.document_of(latest), "art_12__para_2"
    )
    statuses = [p.status for p in proposals.proposals(uow, ua, demo, "art_12__para_2")]
    assert statuses == [ProposalStatus.SUPERSEDED, ProposalStatus.ACCEPTED]
    segments = history.redline_between(uow, ua, demo, 2, 3)
    inserted = [s for s in segments if s.kind == "insert"]
    assert inserted
    assert all(s.by == "United States of America" for s in inserted)


def test_a_stale_proposal_conflicts_instead_of_overwriting(uow: FakeUnitOfWork, demo: int) -> None:
    ua, us = user(uow, "ua.lead"), user(uow, "us.lead")
    stale = proposals.propose(
        uow,
        us,
        demo,
        ProposalKind.AMEND,
        "art_8__para_1",
        "1. Something else.",
        "why",
        base_version=1,
    )
    with pytest.raises(ConflictError) as caught:
        proposals.accept_proposal(uow, ua, demo, stale.id)
    assert "Ukraine Recovery Conference" in caught.value.current_text
    assert caught.value.attempted_text == "1. Something else."
    assert caught.value.current_version == 2
    assert drafts.current_version(uow, demo).number == 2  # type: ignore[union-attr]


def test_a_status_change_on_a_stale_revision_conflicts(uow: FakeUnitOfWork, demo: int) -> None:
    ua, us = user(uow, "ua.lead"), user(uow, "us.lead")
    proposals.set_status(uow, ua, demo, "art_10", ProvisionStatus.AGREED_AD_REF, 0)
    with pytest.raises(ConflictError):
        proposals.set_status(uow, us, demo, "art_10", ProvisionStatus.AGREED, 0)


def test_resolving_brackets_takes_the_chosen_text_and_records_who_agreed(
    uow: FakeUnitOfWork, demo: int
) -> None:
    us = user(uow, "us.lead")
    open_ = [
        a
        for a in proposals.alternatives(uow, us, demo, "art_3__para_1")
        if a.status is AlternativeStatus.OPEN
    ]
    assert len(open_) == 2
    shall = next(a for a in open_ if "shall continue" in a.text)
    proposals.resolve_brackets(
        uow, us, demo, "art_3__para_1", shall.id, ["Ukraine", "United States of America"]
    )
    latest = drafts.current_version(uow, demo)
    assert latest is not None
    assert "The United States shall continue" in drafts.provision_text(
        drafts.document_of(latest), "art_3__para_1"
    )
    timeline = history.provision_timeline(uow, us, demo, "art_3__para_1")
    assert [entry.party for entry in timeline] == ["United States of America", "Ukraine"]


def test_the_audit_log_detects_an_altered_or_deleted_entry(uow: FakeUnitOfWork, demo: int) -> None:
    assert verify_audit(uow).ok
    entry = uow.audit.list()[5]
    entry.detail = '{"tampered":true}'
    uow.commit()
    check = verify_audit(uow)
    assert (check.ok, check.seq) == (False, entry.seq)
    entry2 = FakeUnitOfWork()
    seed_demo(lambda: entry2, EXAMPLE, Path("/tmp/foedus-test-demo"))
    entry2.audit.delete(entry2.audit.list()[3])
    entry2.commit()
    assert verify_audit(entry2).problem == "entry 4 is missing"


def test_a_negotiation_survives_export_and_import(
    uow: FakeUnitOfWork, demo: int, tmp_path: Path
) -> None:
    data = exchange.export_negotiation(uow, None, demo)
    other = FakeUnitOfWork()
    imported = exchange.import_negotiation(other, None, data)
    again = exchange.export_negotiation(other, None, imported.id)

    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {
                k: strip(v)
                for k, v in value.items()
                if not k.endswith(("id", "_by")) and k not in {"usernames", "members"}
            }
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    assert strip(again) == strip(data)
    assert {m["username"] for m in again["members"]} == {m["username"] for m in data["members"]}


def test_passwords_are_checked_and_tokens_work(
    uow: FakeUnitOfWork, demo: int, tmp_path: Path
) -> None:
    with pytest.raises(AuthenticationError):
        accounts.authenticate(uow, "ua.lead", "wrong password!")
    ua = user(uow, "ua.lead")
    token = accounts.create_token(uow, ua, "scripts")
    assert accounts.user_for_token(uow, token).username == "ua.lead"
    with pytest.raises(AuthenticationError):
        accounts.user_for_token(uow, token + "x")
    assert uow.users.one(username="ua.lead").password_hash.startswith("$argon2")  # type: ignore[union-attr]


def test_a_token_records_its_last_use_outside_the_reading_unit_of_work(
    uow: FakeUnitOfWork, demo: int
) -> None:
    token = accounts.create_token(uow, user(uow, "ua.lead"), "scripts")
    assert accounts.user_for_token(uow, token).username == "ua.lead"
    stored = uow.tokens.one(label="scripts")
    assert stored is not None
    assert stored.last_used_at is not None  # committed: the reading unit of work refuses to
    with uow.reading(), pytest.raises(RuntimeError, match="reading unit of work"):
        uow.commit()
    assert uow.read_only is False


def test_comments_on_internal_threads_stay_internal(uow: FakeUnitOfWork, demo: int) -> None:
    ua, us = user(uow, "ua.lead"), user(uow, "us.lead")
    internal = next(
        c for c in discussion.comments(uow, ua, demo) if c.visibility is Visibility.INTERNAL
    )
    reply = discussion.add_comment(
        uow, ua, demo, "Agreed.", Visibility.SHARED, eid=internal.eid, parent_id=internal.id
    )
    assert reply.visibility is Visibility.INTERNAL
    with pytest.raises(NotFoundError):
        discussion.add_comment(
            uow, us, demo, "Reply", Visibility.SHARED, eid=internal.eid, parent_id=internal.id
        )


def test_agenda_items_and_positions_citing_a_provision_are_stored_by_its_eid(
    uow: FakeUnitOfWork, demo: int
) -> None:
    from datetime import UTC, datetime

    ua = user(uow, "ua.lead")
    planned = discussion.plan_round(
        uow,
        ua,
        demo,
        datetime(2026, 12, 20, tzinfo=UTC),
        "Brussels",
        ["Article 4(1)", "Art. 3(1)", "art_12__para_2", "multi-year funding", "Article 99"],
    )
    assert planned.agenda == [
        "art_4__para_1",
        "art_3__para_1",
        "art_12__para_2",
        "multi-year funding",
        "Article 99",  # no such article: kept as an issue in words
    ]
    before = discussion.positions(uow, ua, demo)
    discussion.save_position(uow, ua, demo, "Article 4(1)", 1, red_line="24 hours or nothing")
    after = discussion.positions(uow, ua, demo)
    assert len(after) == len(before)  # the position on art_4__para_1 is updated, not doubled
    assert [p.red_line for p in after if p.subject == "art_4__para_1"] == ["24 hours or nothing"]


def test_a_provision_view_holds_the_last_proposals_and_counts_them_all(
    uow: FakeUnitOfWork, demo: int
) -> None:
    from foedus.services.workspace.provision_view import provision_view

    ua, us = user(uow, "ua.lead"), user(uow, "us.lead")
    version = drafts.current_version(uow, demo).number  # type: ignore[union-attr]
    tabled = [
        proposals.propose(
            uow, us, demo, ProposalKind.AMEND, "art_8__para_1", f"1. Text {n}.", "why",
            version, internal_note=f"our note {n}",
        ).id
        for n in range(4)
    ]  # fmt: skip
    view = provision_view(uow, ua, demo, "art_8__para_1", proposals_shown=3)
    assert [p.id for p in view.proposals] == tabled[-3:]
    assert view.proposals_total == len(proposals.proposals(uow, ua, demo, "art_8__para_1"))
    assert all(p.internal_note is None for p in view.proposals)  # the other side's notes
    theirs = provision_view(uow, us, demo, "art_8__para_1", proposals_shown=None)
    assert [p.internal_note for p in theirs.proposals][-4:] == [f"our note {n}" for n in range(4)]
    assert provision_view(uow, ua, demo, "art_8__para_1", proposals_shown=0).proposals == []
