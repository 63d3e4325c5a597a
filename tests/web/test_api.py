"""The JSON API in-process: the error envelope, authentication, CSRF, headers, throttling and
optimistic concurrency (409 with both texts; of two concurrent acceptances one wins)."""

from __future__ import annotations

import threading
from typing import Any

from web_support import Workspace, login_token, wrong_login

ENVELOPE_KEYS = {"code", "message", "details"}


def _envelope(answer: Any, status: int, code: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == ENVELOPE_KEYS
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    error: dict[str, Any] = body["error"]
    return error


def test_every_api_error_has_the_one_envelope(workspace: Workspace) -> None:
    client = workspace.client()
    _envelope(client.get(f"/api/v1/negotiations/{workspace.nid}/draft"), 401, "authentication")
    headers = workspace.token("ua.lead")
    _envelope(client.get("/api/v1/negotiations/999/draft", headers=headers), 404, "not_found")
    invalid = _envelope(
        client.post(
            f"/api/v1/negotiations/{workspace.nid}/proposals",
            json={"kind": "amend"},
            headers=headers,
        ),
        422,
        "invalid_request",
    )
    assert {"eid", "rationale"} <= {entry["loc"][-1] for entry in invalid["details"]}
    _envelope(client.get("/api/v1/no/such/route", headers=headers), 404, "not_found")
    # a number no database column can hold is no record, not a server error
    huge = f"/api/v1/negotiations/{2**70}/provisions/art_1"
    _envelope(client.get(huge, headers=headers), 404, "not_found")
    draft = f"/api/v1/negotiations/{workspace.nid}/draft"
    missing = _envelope(client.get(f"{draft}?version=0", headers=headers), 404, "not_found")
    assert "version 0" in missing["message"]
    bad_token = {"Authorization": "Bearer not-a-token"}
    _envelope(client.get("/api/v1/me", headers=bad_token), 401, "authentication")


def test_a_proposal_without_a_rationale_is_refused(workspace: Workspace) -> None:
    headers = workspace.token("ua.lead")
    body = {
        "kind": "amend",
        "eid": "art_3__para_1",
        "text": "1. New text.",
        "rationale": "  ",
        "base_version": 1,
    }
    answer = workspace.client().post(
        f"/api/v1/negotiations/{workspace.nid}/proposals", json=body, headers=headers
    )
    assert "rationale" in _envelope(answer, 422, "validation")["message"]


def test_an_observer_may_read_but_not_propose(workspace: Workspace) -> None:
    headers = workspace.token("us.observer")
    client = workspace.client()
    assert (
        client.get(f"/api/v1/negotiations/{workspace.nid}/draft", headers=headers).status_code
        == 200
    )
    body = {
        "kind": "amend",
        "eid": "art_3__para_1",
        "text": "1. X.",
        "rationale": "Y",
        "base_version": 1,
    }
    answer = client.post(
        f"/api/v1/negotiations/{workspace.nid}/proposals", json=body, headers=headers
    )
    _envelope(answer, 403, "permission_denied")


def test_security_headers_forbid_inline_script_and_framing(workspace: Workspace) -> None:
    for path in ("/login", "/api/v1/me", "/static/foedus.css"):
        headers = workspace.client().get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_the_session_cookie_is_httponly_and_samesite(workspace: Workspace) -> None:
    client = workspace.client()
    form = client.get("/login").text
    import re

    token = re.search(r'name="login_token" value="([^"]+)"', form)
    assert token is not None
    answer = client.post(
        "/login",
        data={
            "username": "ua.lead",
            "password": workspace.passwords["ua.lead"],
            "login_token": token.group(1),
        },
        follow_redirects=False,
    )
    cookie = answer.headers["set-cookie"].lower()
    assert "foedus_session=" in cookie
    assert "httponly" in cookie
    assert "samesite=lax" in cookie


def test_pages_carry_no_inline_script(workspace: Workspace) -> None:
    client = workspace.login("ua.lead")
    for path in (
        "/negotiations",
        f"/n/{workspace.nid}",
        f"/n/{workspace.nid}/draft",
        f"/n/{workspace.nid}/analysis",
    ):
        html = client.get(path).text
        for start in range(len(html)):
            start = html.find("<script", start)
            if start < 0:
                break
            tag = html[start : html.index(">", start)]
            assert "src=" in tag, f"inline script on {path}"
        assert " onclick=" not in html
        assert " style=" not in html


def test_unsafe_calls_with_the_session_need_the_csrf_token(fresh: Workspace) -> None:
    client = fresh.login("ua.lead")
    body = {
        "kind": "amend",
        "eid": "art_3__para_1",
        "text": "1. X.",
        "rationale": "Y",
        "base_version": 1,
    }
    path = f"/api/v1/negotiations/{fresh.nid}/proposals"
    _envelope(client.post(path, json=body), 403, "permission_denied")
    _envelope(
        client.post(path, json=body, headers={"X-CSRF-Token": "forged"}), 403, "permission_denied"
    )
    assert (
        client.post(path, json=body, headers={"X-CSRF-Token": fresh.csrf(client)}).status_code
        == 201
    )
    # the same for a form post from a page
    form = {
        "kind": "amend",
        "eid": "art_3__para_1",
        "text": "1. X.",
        "rationale": "Y",
        "base_version": "1",
    }
    refused = client.post(f"/n/{fresh.nid}/proposals", data=form, follow_redirects=False)
    assert refused.status_code == 403
    accepted = client.post(
        f"/n/{fresh.nid}/proposals",
        data={**form, "csrf_token": fresh.csrf(client)},
        follow_redirects=False,
    )
    assert accepted.status_code == 303


def test_the_login_form_refuses_a_post_without_its_token(workspace: Workspace) -> None:
    answer = workspace.client().post(
        "/login",
        data={"username": "ua.lead", "password": workspace.passwords["ua.lead"]},
        follow_redirects=False,
    )
    assert answer.status_code == 403


def test_repeated_failed_logins_are_throttled(fresh: Workspace) -> None:
    import re

    client = fresh.client()
    statuses = []
    for _ in range(7):
        token = re.search(r'name="login_token" value="([^"]+)"', client.get("/login").text)
        assert token is not None
        answer = client.post(
            "/login",
            data={"username": "us.lead", "password": "wrong", "login_token": token.group(1)},
            follow_redirects=False,
        )
        statuses.append(answer.status_code)
    assert statuses[:5] == [401] * 5
    assert statuses[5:] == [429, 429]
    assert int(answer.headers["retry-after"]) > 0


def test_simultaneous_guesses_do_not_slip_past_the_limit(fresh: Workspace) -> None:
    """Twelve wrong passwords for one name at once: five are checked, seven refused — each
    attempt is counted before its password is."""
    clients = [fresh.client() for _ in range(12)]
    tokens = [login_token(client) for client in clients]
    start = threading.Barrier(len(clients))
    statuses: list[int] = []

    def guess(number: int) -> None:
        start.wait()
        statuses.append(wrong_login(clients[number], "us.lead", tokens[number]))

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [401] * 5 + [429] * 7


def test_every_server_process_counts_the_same_failed_logins(fresh: Workspace) -> None:
    """``foedus serve --workers N`` runs N apps on one database: a guesser spreading attempts
    over them is throttled as if there were one."""
    from fastapi.testclient import TestClient

    from foedus.bootstrap import build_storage, load_settings
    from foedus.web.app import create_app

    factory = build_storage(load_settings(data_dir=fresh.data_dir))
    processes = [fresh.client(), TestClient(create_app(factory, "test-secret-key"))]
    statuses = [wrong_login(processes[attempt % 2], "ua.lead") for attempt in range(6)]
    assert statuses == [401] * 5 + [429]


def _propose(
    workspace: Workspace, headers: dict[str, str], eid: str, text: str, answers: int | None = None
) -> Any:
    body = {
        "kind": "amend",
        "eid": eid,
        "text": text,
        "rationale": "Because the text must be firmer.",
        "base_version": _version(workspace, headers),
        "answers_id": answers,
    }
    answer = workspace.client().post(
        f"/api/v1/negotiations/{workspace.nid}/proposals", json=body, headers=headers
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


def _version(workspace: Workspace, headers: dict[str, str]) -> int:
    answer = workspace.client().get(f"/api/v1/negotiations/{workspace.nid}/draft", headers=headers)
    version: int = answer.json()["version"]
    return version


def test_accepting_a_stale_proposal_is_a_conflict_with_both_texts(fresh: Workspace) -> None:
    ua, us = fresh.token("ua.lead"), fresh.token("us.lead")
    eid = "art_9__para_1"
    first = _propose(fresh, ua, eid, "1. First wording from Ukraine.")
    second = _propose(fresh, ua, eid, "1. Second wording from Ukraine.")
    client = fresh.client()
    accepted = client.post(
        f"/api/v1/negotiations/{fresh.nid}/proposals/{first['id']}/accept", headers=us
    )
    assert accepted.status_code == 200, accepted.text
    # the second proposal was made against the old text: it was superseded, not applied
    stale = client.post(
        f"/api/v1/negotiations/{fresh.nid}/proposals/{second['id']}/accept", headers=us
    )
    assert stale.status_code == 409
    # a proposal tabled on the old version after the change: 409 with the current text
    body = {
        "kind": "amend",
        "eid": eid,
        "text": "1. Third wording.",
        "rationale": "R",
        "base_version": 1,
    }
    third = client.post(f"/api/v1/negotiations/{fresh.nid}/proposals", json=body, headers=ua).json()
    conflict = client.post(
        f"/api/v1/negotiations/{fresh.nid}/proposals/{third['id']}/accept", headers=us
    )
    details = _envelope(conflict, 409, "conflict")["details"]
    assert "First wording from Ukraine" in details["current_text"]
    assert details["attempted_text"] == "1. Third wording."
    assert details["current_version"] == _version(fresh, ua)
    draft = client.get(f"/api/v1/negotiations/{fresh.nid}/provisions/{eid}", headers=ua).json()
    assert "First wording from Ukraine" in draft["text"]


def test_a_status_change_against_a_stale_revision_is_a_conflict(fresh: Workspace) -> None:
    ua, us = fresh.token("ua.lead"), fresh.token("us.lead")
    client = fresh.client()
    path = f"/api/v1/negotiations/{fresh.nid}/provisions/art_9__para_1/status"
    revision = client.get(
        f"/api/v1/negotiations/{fresh.nid}/provisions/art_9__para_1", headers=ua
    ).json()["revision"]
    assert (
        client.put(
            path, json={"status": "agreed_ad_ref", "revision": revision}, headers=ua
        ).status_code
        == 200
    )
    details = _envelope(
        client.put(path, json={"status": "open", "revision": revision}, headers=us), 409, "conflict"
    )["details"]
    assert details["current_text"] == "agreed_ad_ref"
    assert details["attempted_text"] == "open"


def test_of_two_concurrent_acceptances_exactly_one_wins(fresh: Workspace) -> None:
    ua, us = fresh.token("ua.lead"), fresh.token("us.lead")
    eid = "art_10__para_2"
    proposals = [_propose(fresh, ua, eid, f"2. Concurrent wording {n}.") for n in range(2)]
    versions_before = _version(fresh, ua)
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def accept(pid: int) -> None:
        client = fresh.client()
        barrier.wait()
        statuses.append(
            client.post(
                f"/api/v1/negotiations/{fresh.nid}/proposals/{pid}/accept", headers=us
            ).status_code
        )

    threads = [threading.Thread(target=accept, args=(p["id"],)) for p in proposals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 409]
    assert _version(fresh, ua) == versions_before + 1
    listed = (
        fresh.client()
        .get(f"/api/v1/negotiations/{fresh.nid}/proposals?eid={eid}", headers=ua)
        .json()
    )
    assert sorted(p["status"] for p in listed if p["id"] in {q["id"] for q in proposals}) == [
        "accepted",
        "superseded",
    ]


def test_propose_counter_accept_and_redline_through_the_api(fresh: Workspace) -> None:
    ua, us = fresh.token("ua.lead"), fresh.token("us.negotiator")
    client = fresh.client()
    eid = "art_7__para_1"
    before = _version(fresh, ua)
    proposal = _propose(fresh, ua, eid, "1. The Parties shall hold consultations within 24 hours.")
    counter = _propose(
        fresh, us, eid, "1. The Parties will hold consultations within 24 hours.", proposal["id"]
    )
    assert counter["answers_id"] == proposal["id"]
    ua_lead_accepts = client.post(
        f"/api/v1/negotiations/{fresh.nid}/proposals/{counter['id']}/accept", headers=ua
    )
    assert ua_lead_accepts.status_code == 200
    after = _version(fresh, ua)
    assert after == before + 1
    redline = client.get(
        f"/api/v1/negotiations/{fresh.nid}/redline?a={before}&b={after}&eid={eid}", headers=ua
    ).json()
    changes = {
        (seg["kind"], seg["text"].strip(), seg["by"]) for seg in redline if seg["kind"] != "equal"
    }
    assert ("insert", "will", "United States of America") in changes
    assert any(kind == "delete" and by == "United States of America" for kind, _t, by in changes)


def test_a_draft_upload_in_another_format_becomes_a_new_version(fresh: Workspace) -> None:
    headers = fresh.token("ua.lead")
    before = _version(fresh, headers)
    html = b"<html><body><p>Article 1</p><p>1. The Parties shall consult.</p></body></html>"
    answer = fresh.client().post(
        f"/api/v1/negotiations/{fresh.nid}/drafts",
        files={"file": ("draft.html", html, "text/html")},
        headers=headers,
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["version"] == before + 1
    garbage = fresh.client().post(
        f"/api/v1/negotiations/{fresh.nid}/drafts",
        files={"file": ("draft.pdf", b"%PDF-1.4 broken", "application/pdf")},
        headers=headers,
    )
    assert 400 <= garbage.status_code < 500
    assert set(garbage.json()["error"]) == ENVELOPE_KEYS
    assert _version(fresh, headers) == before + 1


def test_the_analysis_of_the_draft_is_served(workspace: Workspace) -> None:
    headers = workspace.token("us.lead")
    body = (
        workspace.client()
        .get(f"/api/v1/negotiations/{workspace.nid}/analysis", headers=headers)
        .json()
    )
    assert body["extraction"]["commitments"]
    assert 0 < body["profile"]["score"] <= 100


def test_logging_out_ends_the_session_even_for_a_copied_cookie(fresh: Workspace) -> None:
    client = fresh.login("ua.analyst")
    copied = client.cookies.get("foedus_session")
    assert copied
    assert client.get(f"/n/{fresh.nid}", follow_redirects=False).status_code == 200
    out = client.post("/logout", data={"csrf_token": fresh.csrf(client)}, follow_redirects=False)
    assert out.status_code == 303
    thief = fresh.client()
    thief.cookies.set("foedus_session", copied)
    assert thief.get(f"/n/{fresh.nid}", follow_redirects=False).status_code == 303
    _envelope(thief.get("/api/v1/me"), 401, "authentication")
    assert fresh.login("ua.analyst").get(f"/n/{fresh.nid}").status_code == 200  # a new login works


def test_a_new_password_ends_the_old_sessions(fresh: Workspace) -> None:
    from foedus.services.workspace import accounts

    client = fresh.login("us.negotiator")
    accounts.set_password(fresh.app.state.web.uow(), "us.negotiator", "a brand new passphrase")
    assert client.get(f"/n/{fresh.nid}", follow_redirects=False).status_code == 303


def test_a_provision_read_shows_its_last_fifty_proposals_and_counts_them_all(
    fresh: Workspace,
) -> None:
    ua = fresh.token("ua.lead")
    eid = "art_9__para_1"
    client = fresh.client()
    path = f"/api/v1/negotiations/{fresh.nid}/provisions/{eid}"
    before = client.get(path, headers=ua).json()["proposals_total"]
    tabled = [_propose(fresh, ua, eid, f"1. Wording number {n}.")["id"] for n in range(53)]
    us = fresh.token("us.lead")
    counter = _propose(fresh, us, eid, "1. A counter to the first.", tabled[0])["id"]
    tabled.append(counter)
    for body, on in (("on the newest", tabled[-1]), ("on the first", tabled[0])):
        note = {"body": body, "visibility": "shared", "proposal_id": on}
        assert client.post(
            f"/api/v1/negotiations/{fresh.nid}/comments", json=note, headers=ua
        ).status_code == 201  # fmt: skip
    view = client.get(path, headers=ua).json()
    assert view["proposals_total"] == before + 54
    assert [p["id"] for p in view["proposals"]] == tabled[-50:]  # the last, oldest first
    # comments on the proposals shown come with them; those on older ones are a request away
    assert [c["body"] for c in view["comments"] if c["proposal_id"]] == ["on the newest"]
    on_first = client.get(
        f"/api/v1/negotiations/{fresh.nid}/comments?proposal_id={tabled[0]}", headers=ua
    )
    assert [c["body"] for c in on_first.json()] == ["on the first"]
    listed = client.get(f"/api/v1/negotiations/{fresh.nid}/proposals?eid={eid}", headers=ua)
    assert [p["id"] for p in listed.json()][-54:] == tabled  # every one is a request away
    page = client.get(f"/n/{fresh.nid}/p/{eid}", headers=ua).text
    assert f"The last 50 of {before + 54} proposals" in page
    assert f'id="proposal-{tabled[2]}"' not in page
    # the counter-proposal shown links to the proposal it answers, on the page that shows it
    assert f'href="?proposals=all#proposal-{tabled[0]}"' in page
    board = client.get(f"/n/{fresh.nid}", headers=us).text
    assert f"/p/{eid}?proposals=all#proposal-{tabled[0]}" in board  # awaiting the US answer
    everything = client.get(f"/n/{fresh.nid}/p/{eid}?proposals=all", headers=ua).text
    assert f'id="proposal-{tabled[2]}"' in everything
    assert "The last 50" not in everything
