"""The workspace in a real browser (Playwright driving Debian's Chromium) against a real
uvicorn server on loopback: Ukraine proposes an amendment with its rationale, the United States
sees it and counter-proposes, Ukraine accepts, the redline shows the change attributed to the US,
and the US delegation never sees Ukraine's red line. Screenshots go to ``artifacts/e2e``.

Chromium is found at ``$FOEDUS_CHROMIUM`` or /usr/bin/chromium; without it the test skips,
unless ``FOEDUS_REQUIRE_BROWSER=1`` (set by ``.ci/run``), where a missing browser fails."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from web_support import Workspace, make_workspace

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "e2e"
EID = "art_4__para_1"
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str:
    found = os.environ.get("FOEDUS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).exists():
        if os.environ.get("FOEDUS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"no Chromium at {found} (FOEDUS_REQUIRE_BROWSER=1)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, str]]:
    """A seeded workspace behind a real uvicorn server on a free loopback port."""
    import uvicorn

    workspace = make_workspace(tmp_path_factory.mktemp("e2e"))
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(workspace.app, host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield workspace, f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = _chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=FLAGS, headless=True)
        yield launched
        launched.close()


def _log_in(browser: Browser, base: str, username: str, password: str) -> Page:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # the confirm() before changing the text
    page.goto(f"{base}/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/negotiations")
    return page


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_propose_counter_accept_redline_and_no_leak(
    served: tuple[Workspace, str], browser: Browser
) -> None:
    workspace, base = served
    nid = workspace.nid
    red_line = "Walk away from any text that drops the 24-hour consultation deadline."
    ua_text = (
        "1. In the event of a future armed attack by the Russian Federation against Ukraine, at "
        "the request of either Party, the Parties shall meet at the level of heads of state or "
        "government within 24 hours to consult on a response and shall agree on the measures "
        "to be taken."
    )
    us_text = (
        "1. In the event of a future armed attack by the Russian Federation against Ukraine, at "
        "the request of either Party, senior officials of the Parties will meet within 24 hours "
        "to consult on a response and to determine appropriate next steps, including at the "
        "level of heads of state or government."
    )

    # Ukraine tables an amendment with its rationale and an internal note.
    ua = _log_in(browser, base, "ua.lead", workspace.passwords["ua.lead"])
    ua.goto(f"{base}/n/{nid}/p/{EID}")
    assert red_line in ua.content()  # our own red line, beside the text
    ua.get_by_label("Proposed text").fill(ua_text)
    ua.get_by_label("Rationale (why the change)").fill(
        "Consultations must lead to agreed measures."
    )
    ua.get_by_label("Internal note (your delegation only)").fill(
        "UA-ONLY: fallback is 'should agree'."
    )
    ua.get_by_role("button", name="Table the proposal").click()
    ua.get_by_text("Your proposal on").wait_for()
    _shot(ua, "1-ukraine-proposes")

    # The United States sees it with its rationale (not the internal note) and counters.
    us = _log_in(browser, base, "us.negotiator", workspace.passwords["us.negotiator"])
    us.goto(f"{base}/n/{nid}/p/{EID}")
    seen = us.content()
    assert "Consultations must lead to agreed measures." in seen
    assert "UA-ONLY" not in seen
    assert red_line not in seen
    us.get_by_text("Counter-propose").first.click()
    us.get_by_label("Your text").first.fill(us_text)
    us.get_by_label("Rationale (why)").first.fill(
        "Measures are decided by each Party under its own law."
    )
    us.get_by_role("button", name="Table the counter-proposal").first.click()
    us.get_by_text("Your counter-proposal on").wait_for()
    _shot(us, "2-united-states-counters")

    # Ukraine accepts the counter-proposal: the draft gets a new version.
    ua.goto(f"{base}/n/{nid}/p/{EID}")
    counter = ua.locator("article", has_text="Measures are decided by each Party")
    counter.get_by_role("button", name="Accept").click()
    ua.get_by_text("Proposal accepted").wait_for()
    assert "including at the level of heads" in ua.locator("pre.text").first.inner_text()
    _shot(ua, "3-ukraine-accepts")

    # The redline between the last two versions shows the change, attributed to the US.
    versions = workspace.client()
    latest = max(
        v["number"]
        for v in versions.get(
            f"/api/v1/negotiations/{nid}/versions", headers=workspace.token("ua.lead")
        ).json()
    )
    ua.goto(f"{base}/n/{nid}/redline?a={latest - 1}&b={latest}")
    inserted = " ".join(ua.locator(".redline ins").all_inner_texts())
    deleted = " ".join(ua.locator(".redline del").all_inner_texts())
    assert "will" in inserted
    assert "including at the level of heads" in inserted
    assert "United States of America" in inserted
    assert "shall" in deleted
    _shot(ua, "4-redline")

    # The US delegation, on every page it can reach, never sees Ukraine's red line.
    for path in (
        "",
        "/draft",
        f"/p/{EID}",
        "/positions",
        "/rounds",
        "/analysis",
        f"/redline?a=1&b={latest}",
    ):
        us.goto(f"{base}/n/{nid}{path}")
        html = us.content()
        assert red_line not in html, path
        assert "UA-ONLY" not in html, path
    us.goto(f"{base}/n/{nid}/positions")  # the page the red line would be on: show it
    _shot(us, "5-united-states-positions")
