"""Logging in and out. The login form carries a CSRF token of its own (double-submit: a
random value in a short-lived cookie and in the form), since there is no session yet."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from foedus.domain.errors import PermissionDeniedError
from foedus.services.workspace import accounts, throttle
from foedus.web.context import csrf_ok, optional_user, render, web
from foedus.web.security import SESSION_COOKIE

router = APIRouter(include_in_schema=False)
PRE_COOKIE = "foedus_login"


def _safe_next(target: str | None) -> str:
    """Only local paths: never redirect a user to another site after login."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/negotiations"


@router.get("/")
def home(request: Request) -> Response:
    return RedirectResponse("/negotiations" if optional_user(request) else "/login", 303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/negotiations") -> Response:
    token = secrets.token_urlsafe(16)
    response = render(request, "login.html", login_token=token, next=_safe_next(next))
    response.set_cookie(
        PRE_COOKIE, token, max_age=1800, httponly=True, samesite="strict", secure=_https(request)
    )
    return response


@router.post("/login")
def login(
    request: Request,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    login_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/negotiations",
) -> Response:
    expected = request.cookies.get(PRE_COOKIE, "")
    if not expected or not secrets.compare_digest(expected, login_token):
        raise PermissionDeniedError("the login form has expired: reload it", "csrf")
    context = web(request)
    address = request.client.host if request.client else "unknown"
    # counted as a failure first, cleared on success: simultaneous guesses cannot all slip in
    wait = throttle.begin_attempt(context.uow(), context.throttle, username, address)
    if wait:
        from fastapi import HTTPException

        raise HTTPException(
            429, f"too many failed logins: try again in {wait} s", {"Retry-After": str(wait)}
        )
    user = accounts.authenticate(context.uow(), username, password)
    throttle.clear_failures(context.uow(), username, address)
    cookie, _session = context.codec.issue(user.id, user.session_epoch)
    response = RedirectResponse(_safe_next(next), 303)
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=context.codec.max_age,
        httponly=True,
        samesite="lax",
        secure=_https(request),
    )
    response.delete_cookie(PRE_COOKIE)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    """End every session of the user (this browser's and any other), then forget the cookie."""
    await csrf_ok(request)
    user = await run_in_threadpool(optional_user, request)
    if user is not None:
        await run_in_threadpool(accounts.end_sessions, web(request).uow(), user)
    response = RedirectResponse("/login", 303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def _https(request: Request) -> bool:
    return request.url.scheme == "https"
