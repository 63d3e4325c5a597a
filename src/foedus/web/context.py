"""Per-request plumbing: who is asking (session cookie or API token), CSRF checks, and the
context every page template gets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request, UploadFile
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from foedus.domain.errors import AuthenticationError, FileTooLargeError, PermissionDeniedError
from foedus.domain.negotiation import User
from foedus.services.batch import Limits
from foedus.services.ports import UnitOfWork
from foedus.services.workspace import accounts
from foedus.services.workspace.throttle import ThrottlePolicy
from foedus.web.security import (
    CSRF_FIELD,
    CSRF_HEADER,
    SESSION_COOKIE,
    Session,
    SessionCodec,
)

__all__ = [
    "Web",
    "csrf_ok",
    "optional_user",
    "page",
    "read_upload",
    "render",
    "require_user",
    "signed_in",
    "web",
    "within_limit",
]


@dataclass
class Web:
    """What the routes need, kept on ``app.state.web``."""

    uow: Callable[[], UnitOfWork]
    codec: SessionCodec
    throttle: ThrottlePolicy
    limits: Limits


def web(request: Request) -> Web:
    found: Web = request.app.state.web
    return found


def _session(request: Request) -> Session | None:
    return web(request).codec.read(request.cookies.get(SESSION_COOKIE))


def optional_user(request: Request) -> User | None:
    """The user behind the request: an API token (``Authorization: Bearer``) or the session
    cookie; None if neither is valid."""
    if getattr(request.state, "user_known", False):
        known: User | None = request.state.user
        return known
    user: User | None = None
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user = accounts.user_for_token(web(request).uow(), header[7:].strip())
        request.state.via_token = True
    else:
        session = _session(request)
        if session is not None:
            with web(request).uow().reading() as uow:
                found = uow.users.get(session.user_id)
            current = found is not None and found.active and found.session_epoch == session.epoch
            user = found if current else None
    request.state.user = user
    request.state.user_known = True
    return user


def require_user(request: Request) -> User:
    user = optional_user(request)
    if user is None:
        raise AuthenticationError("log in first")
    return user


async def signed_in(request: Request) -> User:
    """:func:`require_user` as a dependency that runs on the event loop: one indexed lookup,
    cheaper than a hop to a worker thread."""
    return require_user(request)


def csrf_token(request: Request) -> str:
    session = _session(request)
    return web(request).codec.csrf_token(session) if session else ""


async def csrf_ok(request: Request) -> None:
    """Refuse an unsafe request made with the session cookie and without the CSRF token (a
    form field, or the X-CSRF-Token header for scripts). Token-authenticated calls pass."""
    if request.method in {"GET", "HEAD", "OPTIONS"} or getattr(request.state, "via_token", False):
        return
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return
    token = request.headers.get(CSRF_HEADER)
    if token is None and "form" in request.headers.get("content-type", ""):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        token = value if isinstance(value, str) else None
    if not web(request).codec.csrf_ok(_session(request), token):
        raise PermissionDeniedError(
            "the form has expired or did not come from this site: reload it", "csrf"
        )


def page(request: Request, **context: Any) -> dict[str, Any]:
    """The context of a page: the user, the CSRF token, and what the route adds."""
    user = optional_user(request)
    base: dict[str, Any] = {"user": user, "csrf_token": csrf_token(request), "messages": []}
    notice = request.query_params.get("notice")
    if notice:
        base["messages"] = [{"kind": "info", "text": notice[:200]}]
    base.update(context)
    request.state.page_context = {"user": user, "csrf_token": base["csrf_token"]}
    return base


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    """A page from its template, with the common context."""
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, template, page(request, **context), status_code=status_code
    )


def within_limit(request: Request, data: bytes, name: str | None) -> bytes:
    """``data`` as uploaded, or :class:`FileTooLargeError` past the reading limit."""
    limit = web(request).limits.max_bytes
    if len(data) > limit:
        raise FileTooLargeError("the upload is over the size limit", name, len(data), limit)
    return data


async def read_upload(request: Request, file: UploadFile) -> bytes:
    """An uploaded file, read no further than one byte past the size limit."""
    data = await file.read(web(request).limits.max_bytes + 1)
    return within_limit(request, data, file.filename)
