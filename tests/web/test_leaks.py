"""Nothing internal leaks: every GET route, taken from the app itself (so a new route cannot
escape), is called as a member of the other delegation and as an anonymous visitor, and no
internal string of a delegation appears in any answer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute
from starlette.routing import Route

from web_support import Workspace, internal_strings

EIDS = ["art_4__para_1", "art_12__para_2", "art_12__para_5", "art_3__para_1", "art_8__para_1"]


def _routes(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, set[str]]]:
    """(path, methods) of every route, routers included (FastAPI wraps included routers)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            extra = getattr(getattr(route, "include_context", None), "prefix", "") or ""
            yield from _routes(included.routes, prefix + extra)
        elif isinstance(route, APIRoute | Route):
            yield prefix + route.path, set(route.methods or ())


def _paths(workspace: Workspace) -> list[str]:
    """Every GET path of the app, each with its parameters filled from the demo."""
    found: list[str] = []
    for path, methods in _routes(workspace.app.routes):
        if "GET" not in methods:
            continue
        if path.startswith("/static"):
            continue
        params = set(re.findall(r"{(\w+)}", path))
        assert params <= {"nid", "eid", "pid"}, f"new path parameters in {path}: teach this test"
        variants = [path.replace("{nid}", str(workspace.nid))]
        if "eid" in params:
            variants = [v.replace("{eid}", eid) for v in variants for eid in EIDS]
        for variant in variants:
            found.append(variant + ("?a=1&b=2" if "redline" in variant else ""))
    return found


def test_every_get_route_is_covered(workspace: Workspace) -> None:
    paths = _paths(workspace)
    assert any("/positions" in p for p in paths)
    assert any(p.startswith("/api/v1/") for p in paths)
    assert len(paths) >= 25


@pytest.mark.parametrize(
    ("reader", "owner"), [("us.lead", "Ukraine"), ("ua.lead", "United States of America")]
)
def test_the_other_delegation_never_sees_internal_material(
    workspace: Workspace, reader: str, owner: str
) -> None:
    secrets = internal_strings(workspace, owner)
    mark = "UAMARK" if owner == "Ukraine" else "USMARK"
    assert sum(mark in secret for secret in secrets) == 10  # every kind of internal material
    client = workspace.login(reader)
    for path in _paths(workspace):
        answer = client.get(path)
        assert answer.status_code < 500, path
        for secret in secrets:
            assert secret not in answer.text, f"{owner}'s internal text leaks on {path}"


def test_an_anonymous_visitor_gets_nothing_but_the_login(workspace: Workspace) -> None:
    secrets = internal_strings(workspace, "Ukraine") + internal_strings(
        workspace, "United States of America"
    )
    client = workspace.client()
    for path in _paths(workspace):
        answer = client.get(path, follow_redirects=False)
        if path.startswith("/api/v1/"):
            assert answer.status_code == 401, path
        elif path not in {"/login", "/api/docs", "/api/openapi.json"}:
            assert answer.status_code in {303, 401}, path
        for secret in secrets:
            assert secret not in answer.text, path


def test_internal_material_is_visible_to_its_own_delegation(workspace: Workspace) -> None:
    client = workspace.login("ua.lead")
    positions = client.get(f"/n/{workspace.nid}/positions").text
    assert "Walk away from any text that drops the 24-hour consultation deadline." in positions
    provision = client.get(f"/n/{workspace.nid}/p/art_12__para_2").text
    assert "Fallback: extension by written agreement" in provision
