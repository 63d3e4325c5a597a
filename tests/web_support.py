"""Helpers for the web tests: the workspace app in-process on a seeded SQLite database."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable
from pathlib import Path

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

from fastapi import FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from foedus.bootstrap import build_storage, load_settings  # noqa: E402
from foedus.domain.negotiation import ProposalKind, Visibility  # noqa: E402
from foedus.services.ports import UnitOfWork  # noqa: E402
from foedus.services.workspace import discussion, package, proposals, references  # noqa: E402
from foedus.services.workspace.accounts import authenticate  # noqa: E402
from foedus.services.workspace.demo import seed_demo  # noqa: E402
from foedus.web.app import create_app  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "ukraine-us-bsa.txt"


class Workspace:
    def __init__(
        self, app: FastAPI, passwords: dict[str, str], negotiation_id: int, data_dir: Path
    ) -> None:
        self.app = app
        self.passwords = passwords
        self.nid = negotiation_id
        self.data_dir = data_dir

    def client(self) -> TestClient:
        return TestClient(self.app)

    def login(self, username: str) -> TestClient:
        client = self.client()
        answer = client.post(
            "/login",
            data={
                "username": username,
                "password": self.passwords[username],
                "login_token": login_token(client),
            },
            follow_redirects=False,
        )
        assert answer.status_code == 303, answer.text
        return client

    def csrf(self, client: TestClient, path: str = "/negotiations") -> str:
        found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
        assert found is not None
        return found.group(1)

    def token(self, username: str) -> dict[str, str]:
        client = self.login(username)
        answer = client.post(
            "/api/v1/tokens", json={"label": "test"}, headers={"X-CSRF-Token": self.csrf(client)}
        )
        assert answer.status_code == 200, answer.text
        return {"Authorization": f"Bearer {answer.json()['token']}"}


def login_token(client: TestClient) -> str:
    """The login form's one-time token (its cookie is kept by ``client``)."""
    found = re.search(r'name="login_token" value="([^"]+)"', client.get("/login").text)
    assert found is not None
    return found.group(1)


def wrong_login(client: TestClient, username: str, token: str | None = None) -> int:
    """Log in with a wrong password; the answer's status."""
    answer = client.post(
        "/login",
        data={
            "username": username,
            "password": "wrong",
            "login_token": token or login_token(client),
        },
        follow_redirects=False,
    )
    return answer.status_code


def make_workspace(directory: Path) -> Workspace:
    settings = load_settings(data_dir=directory)
    factory = build_storage(settings)
    seed = seed_demo(factory, EXAMPLE, directory)
    passwords = json.loads((directory / "demo-logins.json").read_text())
    plant_markers(factory, passwords, seed.negotiation_id)
    app = create_app(factory, "test-secret-key")
    return Workspace(app, passwords, seed.negotiation_id, directory)


MARKERS = {"ua.lead": "UAMARK", "us.negotiator": "USMARK"}


def plant_markers(factory: Callable[[], UnitOfWork], passwords: dict[str, str], nid: int) -> None:
    """One unmistakable marker in every kind of internal material of each delegation, so the
    leak test does not depend on what the demo happens to contain."""
    for username, mark in MARKERS.items():
        with factory() as uow:
            user = authenticate(uow, username, passwords[username])
        discussion.save_position(
            factory(),
            user,
            nid,
            "art_9__para_1",
            2,
            ideal=f"{mark}-ideal-outcome",
            fallback=f"{mark}-fallback-text",
            red_line=f"{mark}-red-line-text",
            notes=f"{mark}-position-notes",
        )
        discussion.add_comment(
            factory(),
            user,
            nid,
            f"{mark}-internal-comment-on-provision",
            Visibility.INTERNAL,
            eid="art_9__para_1",
        )
        proposal = proposals.propose(
            factory(),
            user,
            nid,
            ProposalKind.AMEND,
            "art_10__para_1",
            f"1. Amended text tabled by {username}.",
            "Shared rationale for the table.",
            1,
            internal_note=f"{mark}-internal-note-on-proposal",
        )
        discussion.add_comment(
            factory(),
            user,
            nid,
            f"{mark}-internal-comment-on-proposal",
            Visibility.INTERNAL,
            proposal_id=proposal.id,
        )
        offer = f"Article 1\nConsultations\n\n1. Each Party shall consult the other on {mark}-reference-clause.\n"
        references.add_reference(
            factory(),
            user,
            nid,
            offer.encode(),
            "offer.txt",
            f"{mark}-reference-name",
            Visibility.INTERNAL,
        )
        valuation = package.own_valuation(factory(), user, nid)
        assert valuation is not None
        package.save_valuation(factory(), user, nid, valuation.valuation, f"{mark}-valuation-notes")


def internal_strings(workspace: Workspace, party: str) -> list[str]:
    """What a delegation keeps to itself: its red lines, fallbacks, notes, internal comments
    and internal notes on proposals — as stored."""
    uow = workspace.app.state.web.uow
    found: list[str] = []
    with uow() as work:
        delegation = work.delegations.one(negotiation_id=workspace.nid, party=party)
        assert delegation is not None
        for position in work.positions.list(delegation_id=delegation.id):
            found += [position.red_line, position.fallback, position.notes, position.ideal]
        for comment in work.comments.list(delegation_id=delegation.id):
            if comment.visibility is Visibility.INTERNAL:
                found.append(comment.body)
        for proposal in work.proposals.list(delegation_id=delegation.id):
            found.append(proposal.internal_note)
        for reference in work.references.list(delegation_id=delegation.id):
            if reference.visibility is Visibility.INTERNAL:
                found.append(reference.name)
                found += [line for line in reference.text.splitlines() if "MARK" in line]
        for valuation in work.package_valuations.list(delegation_id=delegation.id):
            found.append(valuation.notes)
    return [text for text in found if len(text) > 12]
