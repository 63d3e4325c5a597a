"""Web security: response headers, signed session cookies, CSRF tokens, login throttling.

- Every response carries a strict Content-Security-Policy (no inline script or style, nothing
  from other origins), no-sniff, no framing, no referrer to other sites.
- The session is a signed, time-limited cookie (HttpOnly, SameSite=Lax, Secure over HTTPS)
  holding the user id, a random session id, the issue time and the user's session epoch;
  nothing secret is in it. Logging out (or a new password) raises the user's epoch, so every
  session issued before — a copied cookie included — stops being accepted.
- The CSRF token is an HMAC of the session id: every form carries it in a hidden field, every
  unsafe API call made with the session cookie carries it in ``X-CSRF-Token``. Calls with an
  API token (``Authorization: Bearer …``) need none: no browser sends those on its own.
- Failed logins are counted per (username, client address) and per address, in the
  database (:mod:`foedus.services.workspace.throttle`); past the limit the login answers 429
  with Retry-After until the window has passed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "CSRF_FIELD",
    "CSRF_HEADER",
    "SESSION_COOKIE",
    "SecurityHeaders",
    "Session",
    "SessionCodec",
]

SESSION_COOKIE = "foedus_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SESSION_SECONDS = 12 * 3600

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class SecurityHeaders:
    """Adds the security headers to every response; pages are never cached. A plain ASGI
    middleware: it touches only the response start message."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                if not static:
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)


@dataclass(frozen=True, slots=True)
class Session:
    user_id: int
    session_id: str
    issued_at: float
    epoch: int = 0  # the user's session epoch when issued; a later epoch ends the session


class SessionCodec:
    """Signs and checks session cookies and derives CSRF tokens, with one secret key."""

    def __init__(self, secret_key: str, max_age: int = SESSION_SECONDS) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt="foedus.session")
        self._csrf_key = hashlib.sha256(f"csrf:{secret_key}".encode()).digest()
        self.max_age = max_age

    def issue(self, user_id: int, epoch: int = 0) -> tuple[str, Session]:
        session = Session(user_id, secrets.token_urlsafe(24), time.time(), epoch)
        value = self._serializer.dumps(
            {"u": session.user_id, "s": session.session_id, "t": session.issued_at, "e": epoch}
        )
        return value, session

    def read(self, cookie: str | None) -> Session | None:
        if not cookie:
            return None
        try:
            data = self._serializer.loads(cookie, max_age=self.max_age)
        except BadSignature:  # includes SignatureExpired
            return None
        try:
            return Session(int(data["u"]), str(data["s"]), float(data["t"]), int(data["e"]))
        except (KeyError, TypeError, ValueError):
            return None

    def csrf_token(self, session: Session) -> str:
        return hmac.new(self._csrf_key, session.session_id.encode(), "sha256").hexdigest()

    def csrf_ok(self, session: Session | None, token: str | None) -> bool:
        if session is None or not token:
            return False
        return hmac.compare_digest(self.csrf_token(session), token)
