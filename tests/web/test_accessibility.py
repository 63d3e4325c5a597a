"""Accessibility basics on every page a delegate reaches: one h1, a lang attribute, every form
control labelled, every image described, tables with header cells, and the tab order left to
the document (no positive tabindex)."""

from __future__ import annotations

from html.parser import HTMLParser

from web_support import Workspace


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.labels: set[str] = set()
        self.controls: list[dict[str, str | None]] = []
        self.h1 = 0
        self.lang = False
        self.problems: list[str] = []
        self.in_label = 0
        self.tables = 0
        self.headers = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html" and found.get("lang"):
            self.lang = True
        if tag == "h1":
            self.h1 += 1
        if tag == "label":
            self.in_label += 1
            if found.get("for"):
                self.labels.add(str(found["for"]))
        if tag in {"input", "select", "textarea"} and found.get("type") not in {"hidden", "submit"}:
            self.controls.append({**found, "wrapped": "yes" if self.in_label else None})
        if tag == "img" and "alt" not in found:
            self.problems.append(f"img without alt: {found.get('src')}")
        if int(found.get("tabindex") or 0) > 0:
            self.problems.append(f"positive tabindex on {tag}")
        if tag == "table":
            self.tables += 1
        if tag == "th":
            self.headers += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.in_label -= 1

    def unlabelled(self) -> list[str]:
        return [
            str(c.get("name") or c.get("id"))
            for c in self.controls
            if not c.get("wrapped") and c.get("id") not in self.labels and not c.get("aria-label")
        ]


def test_every_page_is_labelled_and_structured(workspace: Workspace) -> None:
    client = workspace.login("ua.lead")
    n = workspace.nid
    pages = ["/negotiations", f"/n/{n}", f"/n/{n}/draft", f"/n/{n}/p/art_4__para_1", f"/n/{n}/redline",
             f"/n/{n}/rounds", f"/n/{n}/positions", f"/n/{n}/analysis", f"/n/{n}/compare",
             f"/n/{n}/package", "/api/docs"]  # fmt: skip
    for path in pages:
        audit = _Audit()
        audit.feed(client.get(path).text)
        assert audit.lang, path
        assert audit.h1 == 1, f"{path}: {audit.h1} h1 elements"
        assert audit.unlabelled() == [], f"{path}: unlabelled controls"
        assert audit.problems == [], path
        assert audit.tables == 0 or audit.headers > 0, path
    login = _Audit()
    login.feed(workspace.client().get("/login").text)
    assert login.unlabelled() == []
