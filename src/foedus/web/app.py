"""The web application factory. Nothing is built at import time: ``create_app`` wires the
unit-of-work factory, the session key and the limits into one FastAPI app."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from foedus.services.batch import Limits
from foedus.services.ports import UnitOfWork
from foedus.services.workspace.throttle import ThrottlePolicy
from foedus.web.context import Web
from foedus.web.errors import install_error_handlers
from foedus.web.security import SecurityHeaders, SessionCodec
from foedus.web.turns import Turns

__all__ = ["app_from_environment", "create_app"]

HERE = Path(__file__).resolve().parent


def create_app(
    uow_factory: Callable[[], UnitOfWork],
    secret_key: str,
    *,
    limits: Limits | None = None,
    throttle: ThrottlePolicy | None = None,
    worker_threads: int = 2,
) -> FastAPI:
    """The workspace: pages, form actions and the JSON API (OpenAPI at /api/docs)."""
    from foedus.web.routes import actions, api, auth, package, pages

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Route handlers run in worker threads and hold the GIL for most of their work: a few
        # threads serve more requests per second than anyio's default 40 fighting over it.
        anyio.to_thread.current_default_thread_limiter().total_tokens = worker_threads
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="foedus workspace API",
        version="1",
        docs_url=None,  # /api/docs is our own page: the stock one loads scripts from a CDN
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.web = Web(
        uow_factory, SessionCodec(secret_key), throttle or ThrottlePolicy(), limits or Limits()
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True
    app.state.templates = templates
    app.add_middleware(SecurityHeaders)
    app.add_middleware(Turns)  # outermost: requests start in the order they came
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for module in (api, auth, pages, actions, package):
        app.include_router(module.router)
    return app


def app_from_environment() -> FastAPI:
    """The workspace as the settings (``FOEDUS_*``) describe it: what each server process of
    ``foedus serve --workers N`` builds (uvicorn imports it by name in every process)."""
    from foedus.bootstrap import build_storage, limits_from, load_settings, secret_key

    settings = load_settings()
    app = create_app(
        build_storage(settings),
        secret_key(settings),
        limits=limits_from(settings),
        worker_threads=settings.web_threads,
    )
    # What is made so far (modules, the app and its routes: most of the heap) lives as long as
    # the process: set it aside from the garbage collector, whose full passes over it stopped
    # every request of the process for 40-100 ms a few times a minute (about 4 ms since).
    gc.collect()
    gc.freeze()
    return app
