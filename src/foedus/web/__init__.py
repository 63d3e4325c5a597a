"""The web workspace: a FastAPI app serving server-rendered pages and a JSON API (/api/v1).

Build it with :func:`foedus.web.app.create_app`; it reaches the negotiation through the
services only. Security lives in :mod:`.security` (headers, sessions, CSRF, login throttling)
and the one error envelope in :mod:`.errors`.
"""
