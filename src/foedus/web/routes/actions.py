"""Form actions of the pages: each checks the CSRF token, calls one use case, and sends the
user back to the page with a notice (errors render the error page, 409 with both texts)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from foedus.domain.errors import ValidationError
from foedus.domain.negotiation import (
    ProposalKind,
    ProposalStatus,
    ProvisionStatus,
    RoundStatus,
    Visibility,
)
from foedus.domain.provision import cite_eid
from foedus.services.workspace import discussion, drafts, proposals, references
from foedus.web.context import csrf_ok, read_upload, require_user, web, within_limit

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_ok)])
Text = Annotated[str, Form()]


def _back(path: str, notice: str) -> Response:
    return RedirectResponse(f"{path}?notice={quote(notice)}", 303)


@router.post("/n/{nid}/proposals")
def propose(
    request: Request,
    nid: int,
    kind: Text,
    eid: Text,
    rationale: Text,
    base_version: Annotated[int, Form()],
    text: Text = "",
    answers_id: Annotated[int | None, Form()] = None,
    internal_note: Text = "",
) -> Response:
    user = require_user(request)
    view = proposals.propose(
        web(request).uow(),
        user,
        nid,
        ProposalKind(kind),
        eid,
        text,
        rationale,
        base_version,
        answers_id,
        internal_note,
    )
    what = "counter-proposal" if view.answers_id else "proposal"
    return _back(f"/n/{nid}/p/{eid}", f"Your {what} on {cite_eid(eid)} is tabled.")


@router.post("/n/{nid}/proposals/{pid}/{decision}")
def decide(request: Request, nid: int, pid: int, decision: str, eid: Text = "") -> Response:
    user = require_user(request)
    uow = web(request).uow
    if decision == "accept":
        proposals.accept_proposal(uow(), user, nid, pid)
        notice = "Proposal accepted: the draft has a new version."
    elif decision in {"reject", "withdraw"}:
        status = ProposalStatus.REJECTED if decision == "reject" else ProposalStatus.WITHDRAWN
        proposals.decide_proposal(uow(), user, nid, pid, status)
        notice = f"Proposal {status.value}."
    else:
        raise ValidationError("a proposal is accepted, rejected or withdrawn", "decision")
    return _back(f"/n/{nid}/p/{eid}" if eid else f"/n/{nid}/draft", notice)


@router.post("/n/{nid}/alternatives")
def table_alternative(request: Request, nid: int, eid: Text, text: Text) -> Response:
    proposals.table_alternative(web(request).uow(), require_user(request), nid, eid, text)
    return _back(f"/n/{nid}/p/{eid}", "Your alternative is in brackets beside the current text.")


@router.post("/n/{nid}/alternatives/{aid}/resolve")
def resolve(
    request: Request, nid: int, aid: int, eid: Text, agreed_by: Annotated[list[str], Form()]
) -> Response:
    proposals.resolve_brackets(web(request).uow(), require_user(request), nid, eid, aid, agreed_by)
    return _back(f"/n/{nid}/p/{eid}", "Brackets removed: the chosen text is in the draft.")


@router.post("/n/{nid}/status")
def set_status(
    request: Request, nid: int, eid: Text, status: Text, revision: Annotated[int, Form()]
) -> Response:
    proposals.set_status(
        web(request).uow(), require_user(request), nid, eid, ProvisionStatus(status), revision
    )
    return _back(f"/n/{nid}/p/{eid}", f"{cite_eid(eid)} is now {status.replace('_', ' ')}.")


@router.post("/n/{nid}/comments")
def comment(
    request: Request,
    nid: int,
    body: Text,
    visibility: Text,
    eid: Text = "",
    proposal_id: Annotated[int | None, Form()] = None,
    parent_id: Annotated[int | None, Form()] = None,
    back: Text = "",
) -> Response:
    target = None if proposal_id is not None else (eid or None)
    discussion.add_comment(
        web(request).uow(),
        require_user(request),
        nid,
        body,
        Visibility(visibility),
        target,
        proposal_id,
        parent_id,
    )
    return _back(back if back.startswith("/n/") else f"/n/{nid}/draft", "Comment added.")


@router.post("/n/{nid}/positions")
def position(
    request: Request,
    nid: int,
    subject: Text,
    priority: Annotated[int, Form()],
    ideal: Text = "",
    fallback: Text = "",
    red_line: Text = "",
    notes: Text = "",
) -> Response:
    discussion.save_position(
        web(request).uow(),
        require_user(request),
        nid,
        subject,
        priority,
        ideal,
        fallback,
        red_line,
        notes,
    )
    return _back(f"/n/{nid}/positions", "Position saved (your delegation only).")


@router.post("/n/{nid}/rounds")
def plan_round(
    request: Request,
    nid: int,
    starts_on: Text,
    place: Text,
    agenda: Text = "",
    participants: Text = "",
) -> Response:
    when = _date(starts_on)
    discussion.plan_round(
        web(request).uow(),
        require_user(request),
        nid,
        when,
        place,
        [item.strip() for item in agenda.replace(";", ",").split(",")],
        participants,
    )
    return _back(f"/n/{nid}/rounds", "Round planned.")


@router.post("/n/{nid}/rounds/{rid}")
def update_round(
    request: Request, nid: int, rid: int, outcome: Text = "", status: Text = ""
) -> Response:
    discussion.update_round(
        web(request).uow(),
        require_user(request),
        nid,
        rid,
        outcome=outcome,
        status=RoundStatus(status) if status else None,
    )
    return _back(f"/n/{nid}/rounds", "Round updated.")


def _date(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError("give the date as YYYY-MM-DD", "starts_on") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@router.post("/n/{nid}/references")
async def add_reference(
    request: Request,
    nid: int,
    file: Annotated[UploadFile, File()],
    name: Text = "",
    visibility: Text = "internal",
) -> Response:
    limits = web(request).limits
    data = await read_upload(request, file)
    user = await run_in_threadpool(require_user, request)
    reference = await run_in_threadpool(
        references.add_reference,
        web(request).uow(),
        user,
        nid,
        data,
        file.filename or "reference.txt",
        name,
        Visibility(visibility),
        limits,
    )
    return _back(f"/n/{nid}/compare", f"{reference.name} is added beside the draft.")


@router.post("/n/{nid}/references/{rid}/delete")
def remove_reference(request: Request, nid: int, rid: int) -> Response:
    references.remove_reference(web(request).uow(), require_user(request), nid, rid)
    return _back(f"/n/{nid}/compare", "The reference agreement is removed.")


@router.post("/n/{nid}/drafts")
async def upload_draft(
    request: Request,
    nid: int,
    file: Annotated[UploadFile | None, File()] = None,
    text: Text = "",
) -> Response:
    """A new working draft: an uploaded file in any format the reading core takes, or text
    typed into the form."""
    limits = web(request).limits
    if file is not None and file.filename:
        data, filename = await read_upload(request, file), file.filename
    else:
        filename = "typed draft.txt"
        data = within_limit(request, text.encode("utf-8"), filename)
    if not data.strip():
        raise ValidationError("choose a file or type the text of the draft", "file")
    user = await run_in_threadpool(require_user, request)
    draft = await run_in_threadpool(
        drafts.upload_draft, web(request).uow(), user, nid, data, filename, limits
    )
    return _back(f"/n/{nid}/draft", f"Version {draft.number} is the working draft now.")
