"""The pages as a delegate sees them, in-process: dashboard, draft with badges and brackets,
provision page, redline, rounds, analysis — and the forms that change the negotiation."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from httpx import Response

from web_support import Workspace


def test_the_dashboard_shows_progress_pending_proposals_next_round_and_red_lines(
    workspace: Workspace,
) -> None:
    html = workspace.login("ua.lead").get(f"/n/{workspace.nid}").text
    assert "Progress by article" in html
    totals = re.search(
        r"All provisions</th>\s*<td class=\"num\">(\d+)</td><td class=\"num\">(\d+)</td>", html
    )
    assert totals is not None
    assert totals.groups() == ("2", "2")  # articles 1 and 2 agreed; art 5 and art 6(1) ad ref
    assert "Article 12(2)" in html  # the US counter-proposal on duration awaits Ukraine
    assert "Washington, D.C." in html  # round 2, next week
    assert "None of our red lines is under pressure." in html
    us = workspace.login("us.lead").get(f"/n/{workspace.nid}").text
    risk = re.search(
        r'<section class="side internal" aria-labelledby="risk">(.*?)</section>', us, re.S
    )
    assert risk is not None
    assert "Article 12(5)" in risk.group(1)
    assert "the other side proposes to change it" in risk.group(1)


def test_the_draft_shows_status_badges_and_brackets_inline(workspace: Workspace) -> None:
    html = workspace.login("us.lead").get(f"/n/{workspace.nid}/draft").text
    assert 'class="badge agreed"' in html
    assert 'class="badge agreed_ad_ref"' in html
    brackets = re.findall(
        r'<span class="bracket">\[(.*?)\] <span class="by">(.*?)</span>', html, re.S
    )
    tabled = {("shall" if "shall continue" in text else "will"): by for text, by in brackets}
    assert tabled == {"shall": "Ukraine", "will": "United States of America"}  # [shall][will]


def test_a_provision_is_cited_as_a_diplomat_would(workspace: Workspace) -> None:
    html = workspace.login("us.lead").get(f"/n/{workspace.nid}/p/art_4__para_3__point_a").text
    assert "<h1>Article 4(3)(a) — Consultations in the Event of Future Armed Attack" in html


def test_an_unknown_provision_or_negotiation_is_a_404_page(workspace: Workspace) -> None:
    client = workspace.login("us.lead")
    assert client.get("/n/999/draft").status_code == 404
    page = client.get(f"/n/{workspace.nid}/redline?a=1&b=99")
    assert page.status_code == 404
    assert "<h1>" in page.text


def test_the_redline_page_marks_insertions_and_deletions_with_their_author(
    workspace: Workspace,
) -> None:
    html = workspace.login("ua.lead").get(f"/n/{workspace.nid}/redline?a=1&b=2").text
    insertions = " ".join(re.findall(r"<ins>(.*?)</ins>", html, re.S))
    assert "Ukraine Recovery Conference" in insertions
    assert '<span class="by"> [United States of America]</span>' in insertions
    assert re.search(r"<del>.*?</del>", html, re.S)


def test_the_analysis_tab_links_commitments_into_the_text(workspace: Workspace) -> None:
    html = workspace.login("us.lead").get(f"/n/{workspace.nid}/analysis").text
    assert "guarantee" in html.lower()
    links = set(re.findall(r'href="/n/\d+/draft#([a-z0-9_]+)"', html))
    assert "art_4__para_1" in links
    assert len(links) >= 10


def test_a_comment_form_posts_and_internal_comments_stay_home(fresh: Workspace) -> None:
    ua = fresh.login("ua.analyst")
    body = "Analyst view: the 24-hour clause is the core of art 4."
    answer = ua.post(
        f"/n/{fresh.nid}/comments",
        data={
            "csrf_token": fresh.csrf(ua),
            "eid": "art_4__para_1",
            "body": body,
            "visibility": "internal",
            "back": f"/n/{fresh.nid}/p/art_4__para_1",
        },
    )
    assert answer.status_code == 200
    assert body in answer.text  # followed the redirect back to the provision
    assert body in fresh.login("ua.lead").get(f"/n/{fresh.nid}/p/art_4__para_1").text
    assert body not in fresh.login("us.lead").get(f"/n/{fresh.nid}/p/art_4__para_1").text


def _amend(fresh: Workspace, client: TestClient, eid: str, text: str, rationale: str) -> Response:
    """Table an amendment on version 2 through the provision page's form."""
    return client.post(
        f"/n/{fresh.nid}/proposals",
        data={
            "csrf_token": fresh.csrf(client),
            "kind": "amend",
            "eid": eid,
            "text": text,
            "rationale": rationale,
            "base_version": "2",
        },
    )


def test_an_analyst_may_comment_but_not_propose(fresh: Workspace) -> None:
    ua = fresh.login("ua.analyst")
    page = ua.get(f"/n/{fresh.nid}/p/art_4__para_1").text
    assert "Table the proposal" not in page
    refused = _amend(fresh, ua, "art_4__para_1", "1. X.", "Y")
    assert refused.status_code == 403
    assert "<h1>" in refused.text


def test_a_tabled_proposal_is_confirmed_with_the_provision_cited(fresh: Workspace) -> None:
    ua = fresh.login("ua.lead")
    answer = _amend(
        fresh,
        ua,
        "art_4__para_3__point_a",
        "(a) the accelerated delivery of air defence interceptors;",
        "Interceptors first.",
    )
    assert answer.status_code == 200
    assert "Your proposal on Article 4(3)(a) is tabled." in answer.text
    assert "art_4__para_3__point_a is tabled" not in answer.text


def test_resolving_brackets_picks_one_wording_and_records_who_agreed(fresh: Workspace) -> None:
    us = fresh.login("us.lead")
    page = us.get(f"/n/{fresh.nid}/p/art_3__para_1").text
    found = re.search(
        r'shall continue to provide.*?action="/n/\d+/alternatives/(\d+)/resolve"', page, re.S
    )
    assert found is not None
    answer = us.post(
        f"/n/{fresh.nid}/alternatives/{found.group(1)}/resolve",
        data={
            "csrf_token": fresh.csrf(us),
            "eid": "art_3__para_1",
            "agreed_by": ["Ukraine", "United States of America"],
        },
    )
    assert answer.status_code == 200
    text = re.search(r'<pre class="text">(.*?)</pre>', answer.text, re.S)
    assert text is not None
    assert "shall continue to provide" in text.group(1)
    assert '<span class="bracket">' not in answer.text


def test_the_template_and_history_tab_checks_the_draft(workspace: Workspace) -> None:
    html = workspace.login("us.lead").get(f"/n/{workspace.nid}/compare").text
    assert "G7 Joint Declaration of Support for Ukraine" in html
    statuses = re.findall(r'class="badge check-(present|weak|missing)"', html)
    assert len(statuses) == 12
    assert "weak" in statuses  # hedged by "subject to the availability of appropriated funds"
    assert re.search(r'href="/n/\d+/p/art_6__para_2">Article 6\(2\)', html)
    assert "Among 745 historical alliances" in html
    assert html.count("<tr><td>") >= 3  # nearest alliances


def test_a_reference_agreement_is_uploaded_and_compared_through_page_and_api(
    fresh: Workspace,
) -> None:
    from pathlib import Path

    uk = (Path(__file__).resolve().parents[2] / "examples" / "ukraine-uk-style.txt").read_bytes()
    ua = fresh.login("ua.analyst")
    answer = ua.post(
        f"/n/{fresh.nid}/references",
        data={"csrf_token": fresh.csrf(ua), "name": "UK–Ukraine", "visibility": "shared"},
        files={"file": ("uk.txt", uk, "text/plain")},
    )
    assert answer.status_code == 200
    assert "UK–Ukraine is added beside the draft." in answer.text
    assert '<th scope="col">UK–Ukraine</th>' in answer.text
    assert "£2.5 billion" in answer.text
    headers = fresh.token("us.lead")
    matrix = fresh.client().get(f"/api/v1/negotiations/{fresh.nid}/compare", headers=headers).json()
    names = [a["name"] for a in matrix["agreements"]]
    assert names[0] == "Draft (version 2)"
    assert "UK–Ukraine" in names  # shared by Ukraine
    assert "UAMARK-reference-name" not in names  # Ukraine's internal one
    check = fresh.client().get(f"/api/v1/negotiations/{fresh.nid}/check", headers=headers).json()
    assert len(check["elements"]) == 12
    assert sum(check["summary"].values()) == 12
    bad = fresh.client().get(
        f"/api/v1/negotiations/{fresh.nid}/check?template=nope", headers=headers
    )
    assert bad.status_code == 422
    history = (
        fresh.client().get(f"/api/v1/negotiations/{fresh.nid}/history", headers=headers).json()
    )
    assert history["alliances"] == 745


def test_a_new_draft_is_uploaded_or_typed_from_the_draft_page(fresh: Workspace) -> None:
    us = fresh.login("us.lead")
    typed = "Article 1\nPurposes\n\n1. The Parties shall cooperate.\n"
    answer = us.post(f"/n/{fresh.nid}/drafts", data={"csrf_token": fresh.csrf(us), "text": typed})
    assert answer.status_code == 200
    assert "Version 3 is the working draft now." in answer.text
    empty = us.post(f"/n/{fresh.nid}/drafts", data={"csrf_token": fresh.csrf(us), "text": "  "})
    assert empty.status_code == 422
    analyst = fresh.login("ua.analyst")
    refused = analyst.post(
        f"/n/{fresh.nid}/drafts", data={"csrf_token": fresh.csrf(analyst), "text": typed}
    )
    assert refused.status_code == 403


def test_the_package_deal_tab_shows_the_frontier_and_saves_our_valuation(fresh: Workspace) -> None:
    ua = fresh.login("ua.lead")
    page = ua.get(f"/n/{fresh.nid}/package").text
    assert "<svg" in page
    assert "United States of America (est.)" in page
    assert re.search(r"<th scope=\"row\">Nash bargaining solution</th><td class=\"num\">\d", page)
    form = {"csrf_token": fresh.csrf(ua), "reservation": "40", "notes": "revised after round 1"}
    for name, value in re.findall(r'name="((?:weight|value)__[^"]+)"[^>]*value="([^"]*)"', page):
        form[name] = value
    assert len([k for k in form if k.startswith("weight__")]) == 11
    saved = ua.post(f"/n/{fresh.nid}/package/valuation", data=form)
    assert saved.status_code == 200
    assert (
        'id="reservation" name="reservation" type="number" min="0" max="100" step="any" value="40.0"'
        in saved.text
    )
    form["weight__funding"] = "-3"
    refused = ua.post(f"/n/{fresh.nid}/package/valuation", data=form)
    assert refused.status_code == 422
    assert "between 0 and 100" in refused.text


def test_the_package_api_keeps_each_sides_valuation_to_itself(fresh: Workspace) -> None:
    ua, us = fresh.token("ua.lead"), fresh.token("us.lead")
    client = fresh.client()
    base = f"/api/v1/negotiations/{fresh.nid}/package"
    mine = client.get(f"{base}/valuation", headers=us).json()
    assert mine["valuation"]["reservation"] == 40  # the US's own
    joint = client.get(f"{base}?mode=joint", headers=us)
    assert joint.status_code == 403
    assert joint.json()["error"]["code"] == "analysis_not_permitted"
    assert client.put(f"{base}/consent", json={"joint": True}, headers=us).status_code == 200
    assert client.put(f"{base}/consent", json={"joint": True}, headers=ua).status_code == 200
    both = client.get(f"{base}?mode=joint", headers=ua).json()
    assert both["mode"] == "joint"
    assert both["estimated"] == []
    view = client.get(base, headers=us).json()
    assert view["estimated"] == ["Ukraine"]
    bad = client.put(f"{base}/valuation", json={"valuation": {"values": {}}}, headers=us)
    assert 400 <= bad.status_code < 500
    assert set(bad.json()["error"]) == {"code", "message", "details"}


def test_positions_cite_their_provision_and_the_form_offers_the_provisions(
    workspace: Workspace,
) -> None:
    html = workspace.login("us.lead").get(f"/n/{workspace.nid}/positions").text
    assert re.search(r'href="/n/\d+/p/art_12__para_5">Article 12\(5\)', html)
    assert '<datalist id="provisions">' in html
    assert '<option value="art_4__para_3__point_a">Article 4(3)(a)' in html
    assert 'list="provisions"' in html


def test_an_amendment_is_shown_as_its_changes_to_the_current_text(fresh: Workspace) -> None:
    ua = fresh.login("ua.lead")
    answer = _amend(
        fresh,
        ua,
        "art_4__para_1",
        (
            "1. In the event of a future armed attack by the Russian Federation against "
            "Ukraine, at the request of either Party, senior officials of the Parties shall "
            "meet within 12 hours to consult on a response and to determine appropriate "
            "next steps."
        ),
        "Faster.",
    )
    assert answer.status_code == 200
    article = re.search(
        r'<article class="side" id="proposal-\d+">(?:(?!</article>).)*Faster\.', answer.text, re.S
    )
    assert article is not None
    assert "<del>24</del>" in article.group(0)
    assert "<ins>12</ins>" in article.group(0)
