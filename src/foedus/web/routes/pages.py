"""The pages of the workspace (server-rendered; every one works without JavaScript)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from foedus.domain.errors import AuthenticationError, NotFoundError
from foedus.domain.negotiation import AlternativeStatus, ProposalStatus, Visibility
from foedus.domain.provision import Document, Provision, ProvisionKind, cite_eid
from foedus.services import compare
from foedus.services.workspace import (
    dashboard,
    discussion,
    drafts,
    history,
    proposals,
    references,
)
from foedus.services.workspace.provision_view import (
    PROPOSALS_SHOWN,
    amendment_changes,
    provision_view,
)
from foedus.web.context import optional_user, render, web

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _user_or_login(request: Request) -> Any:
    user = optional_user(request)
    if user is None:
        raise AuthenticationError("log in first")
    return user


def _label(node: Provision) -> str:
    if node.kind is ProvisionKind.PREAMBLE:
        return "Preamble"
    if node.kind is ProvisionKind.FINAL:
        return "Final clauses"
    if node.kind in (ProvisionKind.PARAGRAPH, ProvisionKind.POINT):
        return node.num or node.kind.value
    label = f"{node.kind.value.capitalize()} {node.num or ''}".strip()
    return f"{label} — {node.heading}" if node.heading else label


def _citation(document: Document, eid: str) -> str:
    """How a diplomat cites the provision: "Article 4(1)(a) — Consultations…"."""
    parts = eid.split("__")
    nodes = [document.find("__".join(parts[: n + 1])) for n in range(len(parts))]
    top = nodes[0]
    if top is None or any(node is None for node in nodes):
        return eid
    cited = _label(top).split(" — ")[0]
    for node in nodes[1:]:
        assert node is not None
        cited += f"({(node.num or '').strip('().')})"
    return f"{cited} — {top.heading}" if top.heading and len(nodes) > 1 else _label(top)


def negotiation_context(request: Request, nid: int) -> dict[str, Any]:
    """What every page of a negotiation shows: the negotiation, the draft as the user may see
    it, the user's delegation, and how provisions are named and cited."""
    user = _user_or_login(request)
    uow = web(request).uow
    state = drafts.draft_state(uow(), user, nid)
    with uow() as work:
        negotiation = work.negotiations.get(nid)
    return {
        "nid": nid,
        "negotiation": negotiation,
        "draft": state,
        "delegation": state.party,
        "label": _label,
        "citation": lambda eid: _citation(state.document, eid),
        "cite": cite_eid,  # the short form, "Article 4(1)", for lists of evidence
    }


def _body_schema(operation: dict[str, Any]) -> str:
    """The name of an operation's request body schema, if it has one."""
    content: dict[str, Any] = operation.get("requestBody", {}).get("content", {})
    for media in content.values():
        reference: str = media.get("schema", {}).get("$ref", "")
        return reference.rsplit("/", 1)[-1]
    return ""


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    """The API reference, rendered from the OpenAPI document (no scripts, nothing remote)."""
    spec = request.app.openapi()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "doc": op.get("description", ""),
            "body": _body_schema(op),
        }
        for path, methods in spec["paths"].items()
        for method, op in methods.items()
    ]
    return render(
        request,
        "api_docs.html",
        operations=operations,
        schemas=spec.get("components", {}).get("schemas", {}),
    )


@router.get("/negotiations")
def negotiations(request: Request) -> Response:
    user = optional_user(request)
    if user is None:
        return RedirectResponse("/login?next=/negotiations", 303)
    found = drafts.negotiations_for(web(request).uow(), user)
    return render(request, "negotiations.html", negotiations=found)


@router.get("/n/{nid}")
def dashboard_page(request: Request, nid: int) -> Response:
    user = _user_or_login(request)
    board = dashboard.dashboard(web(request).uow(), user, nid)
    return render(request, "dashboard.html", **negotiation_context(request, nid), board=board)


@router.get("/n/{nid}/draft")
def draft_page(request: Request, nid: int) -> Response:
    user = _user_or_login(request)
    uow = web(request).uow
    context = negotiation_context(request, nid)
    views = proposals.proposals(uow(), user, nid)
    open_alternatives = [
        a for a in proposals.alternatives(uow(), user, nid) if a.status is AlternativeStatus.OPEN
    ]
    notes = discussion.comments(uow(), user, nid)
    with uow() as work:
        parties = {d.id: d.party for d in work.delegations.list(negotiation_id=nid)}
    return render(
        request,
        "draft.html",
        **context,
        pending={
            eid: [p for p in views if p.eid == eid and p.status is ProposalStatus.PENDING]
            for eid in {p.eid for p in views}
        },
        brackets={
            eid: [a for a in open_alternatives if a.eid == eid]
            for eid in {a.eid for a in open_alternatives}
        },
        comment_counts={
            eid: sum(1 for c in notes if c.eid == eid) for eid in {c.eid for c in notes if c.eid}
        },
        parties=parties,
    )


@router.get("/n/{nid}/p/{eid}")
def provision_page(request: Request, nid: int, eid: str, proposals: str = "") -> Response:
    """A provision with its last proposals (``?proposals=all``: every one)."""
    user = _user_or_login(request)
    uow = web(request).uow
    context = negotiation_context(request, nid)
    shown = None if proposals == "all" else PROPOSALS_SHOWN
    view = provision_view(uow(), user, nid, eid, shown)
    with uow() as work:
        parties = {d.id: d.party for d in work.delegations.list(negotiation_id=nid)}
        authors = {u.id: u.display_name for u in work.users.list()}
    return render(
        request,
        "provision.html",
        **context,
        eid=eid,
        node=context["draft"].document.find(eid) if view.present else None,
        text=view.text,
        proposals=view.proposals,
        proposals_total=view.proposals_total,
        shown_ids={p.id for p in view.proposals},
        changes=amendment_changes(view),
        alternatives=view.alternatives,
        comments=view.comments,
        positions=view.positions,
        timeline=view.timeline,
        parties=parties,
        authors=authors,
        visibilities=list(Visibility),
    )


@router.get("/n/{nid}/redline")
def redline_page(
    request: Request, nid: int, a: int | None = None, b: int | None = None
) -> Response:
    user = _user_or_login(request)
    uow = web(request).uow
    context = negotiation_context(request, nid)
    numbers = [v.number for v in drafts.versions(uow(), user, nid)]
    for asked in (a, b):
        if asked is not None and asked not in numbers:
            raise NotFoundError(f"there is no version {asked} of the draft", "version", str(asked))
    first = a if a is not None else (numbers[0] if numbers else 1)
    second = b if b is not None else (numbers[-1] if numbers else 1)
    segments = history.redline_between(uow(), user, nid, first, second)
    return render(
        request,
        "redline.html",
        **context,
        numbers=numbers,
        first=first,
        second=second,
        segments=segments,
    )


@router.get("/n/{nid}/rounds")
def rounds_page(request: Request, nid: int) -> Response:
    user = _user_or_login(request)
    return render(
        request,
        "rounds.html",
        **negotiation_context(request, nid),
        rounds=discussion.rounds(web(request).uow(), user, nid),
    )


@router.get("/n/{nid}/positions")
def positions_page(request: Request, nid: int) -> Response:
    user = _user_or_login(request)
    mine = discussion.positions(web(request).uow(), user, nid)
    return render(request, "positions.html", **negotiation_context(request, nid), positions=mine)


@router.get("/n/{nid}/analysis")
def analysis_page(request: Request, nid: int) -> Response:
    _user_or_login(request)
    context = negotiation_context(request, nid)
    analysis = drafts.analysis_of(context["draft"].version)
    return render(request, "analysis.html", **context, analysis=analysis)


@router.get("/n/{nid}/compare")
def compare_page(request: Request, nid: int, template: str = "") -> Response:
    """The draft beside the reference agreements (portfolio matrix), against a template of
    required elements, and among historical alliances."""
    user = _user_or_login(request)
    uow = web(request).uow
    context = negotiation_context(request, nid)
    names = compare.available_templates()
    chosen = template if template in names else names[0]
    analysis = drafts.analysis_of(context["draft"].version)
    with uow() as work:
        parties = {d.id: d.party for d in work.delegations.list(negotiation_id=nid)}
    return render(
        request,
        "compare.html",
        **context,
        templates=names,
        chosen=chosen,
        check=compare.check_analysis(analysis, chosen),
        history=compare.history_analysis(analysis),
        references=references.references(uow(), user, nid),
        matrix=references.reference_portfolio(uow(), user, nid).matrix,
        parties=parties,
        own_delegation_id=next((k for k, v in parties.items() if v == context["delegation"]), None),
    )
