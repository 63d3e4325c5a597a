"""The JSON API, /api/v1: every operation of the pages. Authenticate with a session cookie
(unsafe methods then need the X-CSRF-Token header) or ``Authorization: Bearer <token>``.
Errors use the one envelope of :mod:`foedus.web.errors`.

Handlers that only read or write a few records are ``async`` and run on the event loop: the
database answers in a fraction of a millisecond, less than a hop to a worker thread and back
costs (measured under load, one process: a provision read 2.8 → 1.6 ms of server CPU).
Handlers that read a text into a tree, diff versions or analyse a draft (tens of milliseconds
or more) are plain functions, which FastAPI runs in the worker threads, or hand that work to
one with ``run_in_threadpool``. Throughput beyond one core comes from server processes
(``foedus serve --workers``)."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC
from enum import Enum
from operator import attrgetter
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from foedus.domain.errors import NotFoundError, ValidationError
from foedus.domain.negotiation import ProposalStatus, User, Visibility
from foedus.services import compare
from foedus.services.package_deal import analysis_as_dict
from foedus.services.workspace import (
    accounts,
    dashboard,
    discussion,
    drafts,
    history,
    package,
    proposals,
    references,
)
from foedus.services.workspace.provision_view import provision_view
from foedus.web.context import csrf_ok, read_upload, signed_in, web
from foedus.web.schemas import (
    AlternativeIn,
    CommentIn,
    ConsentIn,
    PositionIn,
    ProposalIn,
    ResolveIn,
    RoundIn,
    RoundPatch,
    StatusIn,
    TokenIn,
    ValuationIn,
)

router = APIRouter(prefix="/api/v1", tags=["workspace"], dependencies=[Depends(csrf_ok)])
Me = Annotated[User, Depends(signed_in)]


_SHAPES: dict[type, tuple[tuple[str, ...], Any]] = {}


def _shape(cls: type) -> tuple[tuple[str, ...], Any]:
    """A dataclass's fields as JSON shows them (never a password hash), and a getter that reads
    them all at once."""
    shape = _SHAPES.get(cls)
    if shape is None:
        names = tuple(f.name for f in dataclasses.fields(cls) if f.name != "password_hash")
        many = attrgetter(*names) if len(names) > 1 else None
        getter = many or (lambda item: tuple(getattr(item, name) for name in names))
        shape = _SHAPES[cls] = (names, getter)
    return shape


def fields(record: Any) -> dict[str, Any]:
    """A record's fields as the API shows them (one level; never a password hash)."""
    names, getter = _shape(type(record))
    return dict(zip(names, getter(record), strict=True))


def _encoded(value: Any) -> Any:
    """What JSON has no type for, as JSON shows it: the encoder asks only for these (a string
    enum is a string to it already), so a list of hundreds of records costs one call each."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return fields(value)
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "isoformat"):  # times in UTC
        return (
            value.astimezone(UTC).isoformat()
            if getattr(value, "tzinfo", None)
            else value.isoformat()
        )
    raise TypeError(f"{type(value).__name__} has no JSON form")


class RecordsResponse(JSONResponse):
    """Records (dataclasses, enums, times, nested in lists and dicts) as a JSON response."""

    def render(self, content: Any) -> bytes:
        return json.dumps(
            content, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_encoded
        ).encode("utf-8")


def _json(value: Any) -> JSONResponse:
    """Records as a JSON response, serialised once (FastAPI's generic encoder is skipped)."""
    return RecordsResponse(value)


def _created(value: Any) -> JSONResponse:
    return RecordsResponse(value, status_code=201)


def _uow(request: Request) -> Any:
    return web(request).uow()


@router.get("/me")
async def me(user: Me) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "display_name": user.display_name,
        "is_admin": user.is_admin,
    }


@router.post("/tokens")
async def create_token(request: Request, user: Me, body: TokenIn) -> dict[str, Any]:
    """A new API token for yourself; it is shown once."""
    return {"token": accounts.create_token(_uow(request), user, body.label), "label": body.label}


@router.get("/negotiations", response_model=list[dict[str, Any]])
async def list_negotiations(request: Request, user: Me) -> Any:
    return _json(
        [
            {**fields(s.negotiation), "party": s.party, "role": s.role, "version": s.version}
            for s in drafts.negotiations_for(_uow(request), user)
        ]
    )


@router.get("/negotiations/{nid}/dashboard")
async def get_dashboard(request: Request, user: Me, nid: int) -> Any:
    return _json(dashboard.dashboard(_uow(request), user, nid))


@router.get("/negotiations/{nid}/draft")
async def get_draft(
    request: Request, user: Me, nid: int, version: int | None = None
) -> dict[str, Any]:
    state = drafts.draft_state(_uow(request), user, nid, version)
    statuses = {
        eid: {"status": s.status.value, "revision": s.revision} for eid, s in state.states.items()
    }
    return {
        "version": state.version.number,
        "digest": state.version.digest,
        "document": state.document.as_dict(),
        "statuses": statuses,
    }


@router.post("/negotiations/{nid}/drafts")
async def upload_draft(
    request: Request, user: Me, nid: int, file: Annotated[UploadFile, File()]
) -> Any:
    """A new working draft from a file in any format the reading core takes."""
    limits = web(request).limits
    data = await read_upload(request, file)
    draft = await run_in_threadpool(
        drafts.upload_draft, _uow(request), user, nid, data, file.filename or "draft.txt", limits
    )
    return {"version": draft.number, "digest": draft.digest}


@router.get("/negotiations/{nid}/versions", response_model=list[dict[str, Any]])
async def list_versions(request: Request, user: Me, nid: int) -> Any:
    return _json(
        [
            {key: value for key, value in fields(v).items() if key != "text"}
            for v in drafts.versions(_uow(request), user, nid)
        ]
    )


@router.get("/negotiations/{nid}/redline")
def get_redline(
    request: Request, user: Me, nid: int, a: int, b: int, eid: str | None = None
) -> Any:
    return _json(history.redline_between(_uow(request), user, nid, a, b, eid))


@router.get("/negotiations/{nid}/provisions/{eid}")
async def get_provision(request: Request, user: Me, nid: int, eid: str) -> Any:
    """A provision: text, status, the last 50 proposals on it (``proposals_total`` counts them
    all; ``GET proposals?eid=`` lists every one), alternatives, comments, timeline and (your
    own delegation's only) positions, read in one transaction."""
    return _json(provision_view(_uow(request), user, nid, eid))


@router.put("/negotiations/{nid}/provisions/{eid}/status")
async def put_status(request: Request, user: Me, nid: int, eid: str, body: StatusIn) -> Any:
    return _json(proposals.set_status(_uow(request), user, nid, eid, body.status, body.revision))


@router.get("/negotiations/{nid}/proposals")
async def list_proposals(request: Request, user: Me, nid: int, eid: str | None = None) -> Any:
    return _json(proposals.proposals(_uow(request), user, nid, eid))


@router.post("/negotiations/{nid}/proposals", status_code=201)
async def post_proposal(request: Request, user: Me, nid: int, body: ProposalIn) -> Any:
    return _created(
        proposals.propose(
            _uow(request), user, nid, body.kind, body.eid, body.text, body.rationale,
            body.base_version, body.answers_id, body.internal_note,
        )
    )  # fmt: skip


@router.post("/negotiations/{nid}/proposals/{pid}/{decision}")
async def decide(request: Request, user: Me, nid: int, pid: int, decision: str) -> Any:
    if decision == "accept":  # a new version of the draft: read into a tree, in a thread
        accepted = await run_in_threadpool(proposals.accept_proposal, _uow(request), user, nid, pid)
        return _json(accepted)
    statuses = {"reject": ProposalStatus.REJECTED, "withdraw": ProposalStatus.WITHDRAWN}
    if decision not in statuses:
        raise ValidationError("a proposal is accepted, rejected or withdrawn", "decision")
    return _json(proposals.decide_proposal(_uow(request), user, nid, pid, statuses[decision]))


@router.get("/negotiations/{nid}/alternatives")
async def list_alternatives(request: Request, user: Me, nid: int, eid: str | None = None) -> Any:
    return _json(proposals.alternatives(_uow(request), user, nid, eid))


@router.post("/negotiations/{nid}/alternatives", status_code=201)
async def post_alternative(request: Request, user: Me, nid: int, body: AlternativeIn) -> Any:
    return _created(proposals.table_alternative(_uow(request), user, nid, body.eid, body.text))


@router.post("/negotiations/{nid}/alternatives/{aid}/resolve")
def resolve(request: Request, user: Me, nid: int, aid: int, body: ResolveIn) -> Any:
    return _json(
        proposals.resolve_brackets(_uow(request), user, nid, body.eid, aid, body.agreed_by)
    )


@router.get("/negotiations/{nid}/comments")
async def list_comments(
    request: Request, user: Me, nid: int, eid: str | None = None, proposal_id: int | None = None
) -> Any:
    """The comments you may read, on a provision (``eid``) or a proposal (``proposal_id``)."""
    return _json(discussion.comments(_uow(request), user, nid, eid, proposal_id))


@router.post("/negotiations/{nid}/comments", status_code=201)
async def post_comment(request: Request, user: Me, nid: int, body: CommentIn) -> Any:
    return _created(
        discussion.add_comment(
            _uow(request),
            user,
            nid,
            body.body,
            body.visibility,
            body.eid,
            body.proposal_id,
            body.parent_id,
        )
    )


@router.get("/negotiations/{nid}/positions")
async def list_positions(request: Request, user: Me, nid: int) -> Any:
    """Your own delegation's positions (internal)."""
    return _json(discussion.positions(_uow(request), user, nid))


@router.put("/negotiations/{nid}/positions")
async def put_position(request: Request, user: Me, nid: int, body: PositionIn) -> Any:
    return _json(
        discussion.save_position(
            _uow(request), user, nid, body.subject, body.priority, body.ideal, body.fallback,
            body.red_line, body.notes,
        )
    )  # fmt: skip


@router.get("/negotiations/{nid}/rounds")
async def list_rounds(request: Request, user: Me, nid: int) -> Any:
    return _json(discussion.rounds(_uow(request), user, nid))


@router.post("/negotiations/{nid}/rounds", status_code=201)
async def post_round(request: Request, user: Me, nid: int, body: RoundIn) -> Any:
    starts = body.starts_on if body.starts_on.tzinfo else body.starts_on.replace(tzinfo=UTC)
    return _created(
        discussion.plan_round(
            _uow(request), user, nid, starts, body.place, body.agenda, body.participants
        )
    )


@router.patch("/negotiations/{nid}/rounds/{rid}")
async def patch_round(request: Request, user: Me, nid: int, rid: int, body: RoundPatch) -> Any:
    return _json(
        discussion.update_round(
            _uow(request), user, nid, rid, outcome=body.outcome, status=body.status,
            agenda=body.agenda, participants=body.participants,
        )
    )  # fmt: skip


@router.get("/negotiations/{nid}/analysis")
def get_analysis(request: Request, user: Me, nid: int) -> dict[str, Any]:
    """Commitments and guarantee profile of the current draft."""
    state = drafts.draft_state(_uow(request), user, nid)
    analysis = drafts.analysis_of(state.version)
    return {
        "version": state.version.number,
        "extraction": analysis.extraction.as_dict(),
        "profile": analysis.profile.as_dict(),
    }


@router.get("/negotiations/{nid}/references")
async def list_references(request: Request, user: Me, nid: int) -> Any:
    """The reference agreements you may read (texts left out)."""
    return _json(
        [
            {k: v for k, v in fields(r).items() if k != "text"}
            for r in references.references(_uow(request), user, nid)
        ]
    )


@router.post("/negotiations/{nid}/references", status_code=201)
async def post_reference(
    request: Request,
    user: Me,
    nid: int,
    file: Annotated[UploadFile, File()],
    name: Annotated[str, Form()] = "",
    visibility: Annotated[Visibility, Form()] = Visibility.INTERNAL,
) -> Any:
    """A reference agreement beside the draft, from a file in any format foedus reads."""
    limits = web(request).limits
    data = await read_upload(request, file)
    reference = await run_in_threadpool(
        references.add_reference,
        _uow(request),
        user,
        nid,
        data,
        file.filename or "reference.txt",
        name,
        visibility,
        limits,
    )
    return _created({k: v for k, v in fields(reference).items() if k != "text"})


@router.delete("/negotiations/{nid}/references/{rid}")
async def delete_reference(request: Request, user: Me, nid: int, rid: int) -> Any:
    references.remove_reference(_uow(request), user, nid, rid)
    return _json({"deleted": rid})


@router.get("/negotiations/{nid}/compare")
def get_comparison(request: Request, user: Me, nid: int) -> Any:
    """The portfolio matrix: the current draft beside the reference agreements you may read."""
    return _json(references.reference_portfolio(_uow(request), user, nid).as_dict())


@router.get("/negotiations/{nid}/check")
def get_check(request: Request, user: Me, nid: int, template: str = "g7-vilnius-2023") -> Any:
    """The current draft against a template of required elements."""
    if template not in compare.available_templates():
        raise ValidationError(
            f"no template {template}; available: {', '.join(compare.available_templates())}",
            "template",
        )
    state = drafts.draft_state(_uow(request), user, nid)
    return _json(compare.check_analysis(drafts.analysis_of(state.version), template).as_dict())


@router.get("/negotiations/{nid}/history")
def get_history(request: Request, user: Me, nid: int) -> Any:
    """The current draft coded as ATOP codes alliances, beside the 745 historical ones."""
    state = drafts.draft_state(_uow(request), user, nid)
    return _json(compare.history_analysis(drafts.analysis_of(state.version)).as_dict())


@router.get("/negotiations/{nid}/package")
def get_package_analysis(request: Request, user: Me, nid: int, mode: str = "delegation") -> Any:
    """The package-deal analysis for your delegation (the other side estimated from its
    public record) or, with ``mode=joint``, with every delegation's valuation once all have
    consented. The shape is that of ``foedus frontier --format json``."""
    if mode not in {"delegation", "joint"}:
        raise ValidationError("mode is delegation or joint", "mode")
    analysis = package.package_analysis(_uow(request), user, nid, joint=mode == "joint")
    return _json(analysis_as_dict(analysis))


@router.get("/negotiations/{nid}/package/issues")
async def get_package_issues(request: Request, user: Me, nid: int) -> Any:
    found = package.package_issues(_uow(request), user, nid)
    if found is None:
        raise NotFoundError("this negotiation has no package-deal issues yet", "package", "issues")
    return _json(found.model)


@router.put("/negotiations/{nid}/package/issues")
async def put_package_issues(request: Request, user: Me, nid: int, body: dict[str, Any]) -> Any:
    """Set the issues and options (``{"title", "issues", "public"}``, the model format of
    docs/package-deals.md without valuations). Withdraws every consent to a joint analysis."""
    return _json(package.set_issues(_uow(request), user, nid, body).model)


@router.get("/negotiations/{nid}/package/valuation")
async def get_valuation(request: Request, user: Me, nid: int) -> Any:
    """Your own delegation's valuation (internal)."""
    found = package.own_valuation(_uow(request), user, nid)
    if found is None:
        raise NotFoundError("your delegation has recorded no valuation", "valuation", str(nid))
    return _json(
        {"valuation": found.valuation, "notes": found.notes, "joint_consent": found.joint_consent}
    )


@router.put("/negotiations/{nid}/package/valuation")
async def put_valuation(request: Request, user: Me, nid: int, body: ValuationIn) -> Any:
    """Save your delegation's valuation: one entry of ``valuations`` in the model format."""
    found = package.save_valuation(_uow(request), user, nid, body.valuation, body.notes)
    return _json({"valuation": found.valuation, "notes": found.notes, "joint_consent": False})


@router.put("/negotiations/{nid}/package/consent")
async def put_consent(request: Request, user: Me, nid: int, body: ConsentIn) -> Any:
    """Give or withdraw your delegation's consent to a joint analysis (head of delegation)."""
    found = package.set_consent(_uow(request), user, nid, body.joint)
    return _json({"joint_consent": found.joint_consent})
