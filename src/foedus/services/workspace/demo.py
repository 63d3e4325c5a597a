"""The demo: the Ukraine–United States bilateral security agreement under negotiation.

:func:`seed_demo` creates (once) the users, the negotiation from the demo draft, round 1 held
with proposals, a counter-proposal, an accepted amendment, bracketed alternatives and comments,
round 2 planned next week, and each delegation's private positions. Passwords are random on the
first run and kept, for the demo only, in ``demo-logins.json`` (mode 0600) in the data
directory, so a second run can print them again; the database keeps only their hashes.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import yaml

from foedus.domain.negotiation import (
    NegotiationStatus,
    ProposalKind,
    ProvisionStatus,
    Role,
    RoundStatus,
    User,
    Visibility,
)
from foedus.services.ports import UnitOfWork
from foedus.services.workspace import accounts, discussion, drafts, package, proposals
from foedus.services.workspace.clock import now

__all__ = ["DEMO_TITLE", "DemoLogin", "DemoSeed", "seed_demo"]

DEMO_TITLE = "Bilateral Security Agreement between Ukraine and the United States of America"
UA, US = "Ukraine", "United States of America"
_USERS = [
    ("admin", "Workspace administrator", None, None),
    ("ua.lead", "Oksana Kovalenko (head of delegation)", UA, Role.LEAD_NEGOTIATOR),
    ("ua.analyst", "Taras Melnyk (analyst)", UA, Role.ANALYST),
    ("us.lead", "Margaret Hill (head of delegation)", US, Role.LEAD_NEGOTIATOR),
    ("us.negotiator", "Daniel Brooks (negotiator)", US, Role.NEGOTIATOR),
    ("us.observer", "Laura Chen (observer, embassy in Kyiv)", US, Role.OBSERVER),
]


@dataclass(frozen=True, slots=True)
class DemoLogin:
    username: str
    password: str
    display_name: str
    party: str | None
    role: str | None


@dataclass(frozen=True, slots=True)
class DemoSeed:
    negotiation_id: int
    created: bool
    logins: tuple[DemoLogin, ...]


def _logins(path: Path) -> dict[str, str]:
    passwords: dict[str, str] = (
        json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    )
    missing = [name for name, *_rest in _USERS if name not in passwords]
    if not missing:
        return passwords
    passwords.update({name: secrets.token_urlsafe(12) for name in missing})
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(passwords, handle, indent=2)
    os.replace(temp, path)
    return passwords


def seed_demo(uow_factory: Callable[[], UnitOfWork], draft: Path, data_dir: Path) -> DemoSeed:
    """Seed the demo negotiation if it is not there yet; either way return its logins."""
    passwords = _logins(data_dir / "demo-logins.json")
    logins = tuple(
        DemoLogin(name, passwords[name], display, party, role.value if role else None)
        for name, display, party, role in _USERS
    )
    with uow_factory() as uow:
        existing = uow.negotiations.one(title=DEMO_TITLE)
        if existing is not None:
            return DemoSeed(existing.id, False, logins)
    users: dict[str, User] = {}
    for name, display, _party, _role in _USERS:
        with uow_factory() as uow:
            found = uow.users.one(username=name)
        users[name] = found or accounts.create_user(
            uow_factory(), name, passwords[name], display, is_admin=name == "admin"
        )
    negotiation = drafts.create_negotiation(uow_factory(), users["admin"], DEMO_TITLE, [UA, US])
    nid = negotiation.id
    for name, _display, party, role in _USERS:
        if party is not None and role is not None:
            drafts.add_member(uow_factory(), users["admin"], nid, party, name, role)
    drafts.set_negotiation_status(uow_factory(), users["admin"], nid, NegotiationStatus.NEGOTIATING)
    # The United States tables the first draft, built on the common framework text.
    drafts.upload_draft(uow_factory(), users["us.lead"], nid, draft.read_bytes(), draft.name)
    _round_one(uow_factory, users, nid)
    model = draft.parent / "package-deal-us-ukraine.yaml"
    if model.exists():
        _package_deal(uow_factory, users, nid, model)
    return DemoSeed(nid, True, logins)


def _package_deal(
    uow_factory: Callable[[], UnitOfWork], users: dict[str, User], nid: int, path: Path
) -> None:
    """The open issues after round 1 and each delegation's private valuation, from the example
    model file (its party "United States" is the demo's United States of America). Ukraine
    consents to a joint analysis; the United States has not (yet)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rename = {"Ukraine": UA, "United States": US}

    def renamed(value: object) -> object:
        if isinstance(value, dict):
            return {rename.get(k, k): renamed(v) for k, v in value.items()}
        return value

    shared = {
        key: renamed(data[key]) if key == "public" else data[key]
        for key in ("title", "issues", "public")
        if key in data
    }
    package.set_issues(uow_factory(), users["ua.lead"], nid, shared)
    valuations = renamed(data["valuations"])
    assert isinstance(valuations, dict)
    for username, party, notes in (
        ("ua.lead", UA, "Weights agreed with the Office of the President before round 1."),
        ("us.lead", US, "Weights reflect NSC guidance; funding language is decisive for the Hill."),
    ):
        package.save_valuation(uow_factory(), users[username], nid, valuations[party], notes)
    package.set_consent(uow_factory(), users["ua.lead"], nid, True)


def _round_one(uow_factory: Callable[[], UnitOfWork], users: dict[str, User], nid: int) -> None:
    ua, ua_analyst, us, us_neg = (
        users["ua.lead"],
        users["ua.analyst"],
        users["us.lead"],
        users["us.negotiator"],
    )
    held = discussion.plan_round(
        uow_factory(),
        ua,
        nid,
        now() - timedelta(days=7),
        "Kyiv",
        ["art_3__para_1", "art_4__para_1", "art_8__para_1", "art_12__para_2", "multi-year funding"],
        "Ukraine: O. Kovalenko, T. Melnyk; United States: M. Hill, D. Brooks",
    )
    # Ukraine wants the duration to run on; the United States counters with a review clause.
    duration = proposals.propose(
        uow_factory(),
        ua,
        nid,
        ProposalKind.AMEND,
        "art_12__para_2",
        "2. This Agreement shall remain in force for a period of ten years and shall be extended "
        "automatically for further periods of five years unless either Party gives notice.",
        "A guarantee that lapses after ten years invites a wait-and-see aggressor; automatic "
        "extension keeps deterrence continuous.",
        1,
        internal_note="Fallback: extension by written agreement with a review in year eight.",
    )
    proposals.propose(
        uow_factory(),
        us_neg,
        nid,
        ProposalKind.AMEND,
        "art_12__para_2",
        "2. This Agreement shall remain in force for a period of ten years. The Parties shall "
        "review it in its eighth year and may extend it by written agreement.",
        "Automatic extension would bind future Administrations beyond what an executive "
        "agreement can; a fixed review gives Ukraine the certainty of a decision point.",
        1,
        answers_id=duration.id,
        internal_note="Authorised to accept a review in year seven.",
    )
    # Ukraine wants the appropriations caveat confined to funding and paired with a duty.
    proposals.propose(
        uow_factory(),
        ua,
        nid,
        ProposalKind.AMEND,
        "art_12__para_5",
        "5. The commitments of the United States under Article 3 involving funding are subject "
        "to the availability of appropriated funds; the United States shall request such funds "
        "in each fiscal year for the duration of this Agreement.",
        "A blanket appropriations caveat hollows out every commitment; confined to funding and "
        "paired with a duty to request funds, it keeps the assurance credible.",
        1,
    )
    # The United States offers firmer recovery language; Ukraine accepts it at the table.
    recovery = proposals.propose(
        uow_factory(),
        us,
        nid,
        ProposalKind.AMEND,
        "art_8__para_1",
        "1. The United States will support the recovery and reconstruction of Ukraine, including "
        "by mobilizing private investment, through the instruments of the United States "
        "International Development Finance Corporation and through support for the Ukraine "
        "Recovery Conference, subject to the availability of appropriated funds.",
        "Names the instruments already in use so that the commitment can be tracked.",
        1,
    )
    proposals.accept_proposal(uow_factory(), ua, nid, recovery.id)
    # "[shall][will] continue to provide": both wordings stay in brackets for round 2.
    proposals.table_alternative(
        uow_factory(),
        ua,
        nid,
        "art_3__para_1",
        "1. The United States shall continue to provide Ukraine with military assistance, "
        "including defence articles, defence services, training and advisory support, subject to "
        "the availability of appropriated funds, in order to meet the immediate defence needs of "
        "Ukraine and to build its future force.",
    )
    for eid, status in (
        ("art_1", ProvisionStatus.AGREED),
        ("art_2", ProvisionStatus.AGREED),
        ("art_5", ProvisionStatus.AGREED_AD_REF),
        ("art_6__para_1", ProvisionStatus.AGREED_AD_REF),
    ):
        with uow_factory() as uow:
            revision = proposals.provision_state(uow, nid, eid).revision
            uow.commit()
        proposals.set_status(uow_factory(), us, nid, eid, status, revision)
    discussion.add_comment(
        uow_factory(),
        us,
        nid,
        "We can agree the 24-hour consultation timeline as drafted.",
        Visibility.SHARED,
        eid="art_4__para_1",
    )
    discussion.add_comment(
        uow_factory(),
        ua_analyst,
        nid,
        "The US counter on art_12(2) gives a decision point but no default: push for extension "
        "unless notice is given.",
        Visibility.INTERNAL,
        eid="art_12__para_2",
    )
    discussion.add_comment(
        uow_factory(),
        us_neg,
        nid,
        "Hill: check with NSC legal whether year seven review is acceptable.",
        Visibility.INTERNAL,
        proposal_id=duration.id,
    )
    discussion.save_position(
        uow_factory(),
        ua,
        nid,
        "art_4__para_1",
        1,
        ideal="consultations within 24 hours at the most senior level",
        fallback="within 24 hours at ministerial level",
        red_line="Walk away from any text that drops the 24-hour consultation deadline.",
        notes="The Vilnius commitment: swift consultations after any future attack.",
    )
    discussion.save_position(
        uow_factory(),
        ua_analyst,
        nid,
        "multi-year funding",
        1,
        ideal="a multi-year amount with a floor",
        fallback="annual amounts with a stated intention to continue",
        notes="Top priority for round 2.",
    )
    discussion.save_position(
        uow_factory(),
        us,
        nid,
        "art_12__para_5",
        1,
        ideal="funding subject to appropriations",
        fallback="subject to appropriations, with a stated intention to seek funding",
        red_line="funding subject to the availability of appropriated funds by Congress",
    )
    discussion.update_round(
        uow_factory(),
        ua,
        nid,
        held.id,
        status=RoundStatus.HELD,
        outcome="Recovery language agreed (art 8(1)); duration and the shall/will wording of "
        "art 3(1) remain open; articles 1 and 2 agreed, 5 and 6(1) ad referendum.",
    )
    discussion.plan_round(
        uow_factory(),
        us,
        nid,
        now() + timedelta(days=7),
        "Washington, D.C.",
        ["art_3__para_1", "art_12__para_2", "multi-year funding"],
        "Both delegations; NSC and MFA legal advisers",
    )
