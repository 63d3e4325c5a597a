"""The one error envelope of the JSON API, and the HTTP status of each foedus error.

Every API error is ``{"error": {"code": str, "message": str, "details": object}}`` — pinned by a
test. ``code`` is the snake_case name of the error class ("conflict", "not_found"…); pages get
the same message in an HTML error page. Translating errors to HTTP happens here and only here.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from foedus.domain.errors import FoedusError

__all__ = ["error_body", "install_error_handlers", "status_for"]

# Error class name → HTTP status; looked up along the class's ancestry, most specific first.
STATUS = {
    "AuthenticationError": 401,
    "PermissionDeniedError": 403,
    "NotFoundError": 404,
    "ConflictError": 409,
    "ValidationError": 422,
    "FileTooLargeError": 413,
    "InputError": 400,
    "ConfigurationError": 500,
}
_HTTP_CODES = {
    401: "authentication",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    413: "file_too_large",
    429: "too_many_requests",
}
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def status_for(error: FoedusError) -> int:
    for cls in type(error).__mro__:
        if cls.__name__ in STATUS:
            return STATUS[cls.__name__]
    return 400


def code_for(error: BaseException) -> str:
    name = type(error).__name__.removesuffix("Error") or "error"
    return _CAMEL.sub("_", name).lower()


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


def _details(error: FoedusError) -> dict[str, Any]:
    """The error's context attributes (strings and numbers only), e.g. a conflict's texts."""
    skip = {"message", "args"}
    return {
        key: value
        for key, value in vars(error).items()
        if key not in skip and isinstance(value, str | int | float | bool | type(None) | list)
    }


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", ""
    )


def _respond(request: Request, status: int, code: str, message: str, details: Any) -> Response:
    if _wants_json(request):
        return JSONResponse(error_body(code, message, details), status_code=status)
    if status == 401 and request.method == "GET":
        return RedirectResponse(f"/login?next={quote(request.url.path)}", 303)
    templates: Jinja2Templates | None = getattr(request.app.state, "templates", None)
    if templates is None:
        return HTMLResponse(f"<h1>{status}</h1>", status_code=status)
    context = {"status": status, "code": code, "message": message, "details": details}
    context.update(getattr(request.state, "page_context", {}))
    return templates.TemplateResponse(request, "error.html", context, status_code=status)


def install_error_handlers(app: FastAPI) -> None:
    """Register the translations of foedus errors, HTTP errors and invalid requests."""

    async def on_foedus_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, FoedusError)
        return _respond(request, status_for(exc), code_for(exc), exc.message, _details(exc))

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        response = _respond(request, exc.status_code, code, str(exc.detail), None)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    async def on_invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        details = [
            {"loc": list(error.get("loc", ())), "message": error.get("msg", "")}
            for error in exc.errors()
        ]
        return _respond(request, 422, "invalid_request", "the request is not valid", details)

    app.add_exception_handler(FoedusError, on_foedus_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_invalid)
