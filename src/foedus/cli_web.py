"""``foedus serve`` and ``foedus demo``: the web workspace on loopback."""

from __future__ import annotations

import errno
import socket
import sys
from pathlib import Path
from typing import Annotated

import typer

from foedus.cli import DebugOption, _guarded
from foedus.domain.errors import ConfigurationError

__all__ = ["register"]

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
HostOption = Annotated[str, typer.Option("--host", help="Address to listen on (loopback).")]
PortOption = Annotated[
    int, typer.Option("--port", min=1, max=65535, help="Port to listen on (1–65535).")
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        max=32,
        help="Server processes (default FOEDUS_WEB_WORKERS, 2): each serves requests on its "
        "own core; they share the database.",
    ),
]


def _check_port(host: str, port: int) -> None:
    """Fail with one clear line when the address cannot be listened on."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, port))
    except OSError as exc:
        reason = "it is in use" if exc.errno == errno.EADDRINUSE else exc.strerror
        raise ConfigurationError(f"cannot listen on {host}:{port}: {reason}", "port") from None


def _serve(host: str, port: int, workers: int | None) -> None:
    import uvicorn

    from foedus.bootstrap import build_storage, load_settings, secret_key
    from foedus.web.app import app_from_environment
    from foedus.web.processes import serve_processes

    settings = load_settings()
    processes = workers or settings.web_workers
    # migrate the database and create the session key here, once, before any server process
    # starts: the processes then only read both
    build_storage(settings)
    secret_key(settings)
    _check_port(host, port)
    served = f"{processes} processes" if processes > 1 else "one process"
    shown = f"[{host}]" if ":" in host else host  # an IPv6 address, as a URL writes it
    typer.echo(f"foedus workspace on http://{shown}:{port}/  ({served}; Ctrl-C to stop)")
    if processes == 1:
        app = app_from_environment()
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
        return
    if sys.platform.startswith("linux"):
        # each connection goes to the process with the fewest open (uvicorn's own workers
        # race for them on a shared socket, and the first awake keeps an early burst)
        serve_processes(host, port, processes)
        return
    uvicorn.run(  # elsewhere no SOCK_SEQPACKET hand-over: uvicorn's own workers
        "foedus.web.app:app_from_environment",
        factory=True,
        workers=processes,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
    )


def register(app: typer.Typer) -> None:
    """Add the web commands to ``app``."""

    @app.command("serve")
    def serve(
        host: HostOption = "127.0.0.1",
        port: PortOption = 8000,
        workers: WorkersOption = None,
        debug: DebugOption = False,
    ) -> None:
        """Run the web workspace (the database is migrated first)."""
        _guarded(debug, lambda: _serve(host, port, workers))

    @app.command("demo")
    def demo(
        host: HostOption = "127.0.0.1",
        port: PortOption = 8000,
        workers: WorkersOption = None,
        seed_only: Annotated[
            bool, typer.Option("--seed-only", help="Seed, print the logins, exit.")
        ] = False,
        debug: DebugOption = False,
    ) -> None:
        """Seed the Ukraine–United States negotiation (once) and serve the workspace."""

        def run() -> None:
            from foedus.bootstrap import build_storage, load_settings
            from foedus.services.workspace.demo import seed_demo

            settings = load_settings()
            draft = EXAMPLES / "ukraine-us-bsa.txt"
            seed = seed_demo(build_storage(settings), draft, settings.data_dir)
            state = "seeded" if seed.created else "already seeded: reusing the data in"
            typer.echo(f"Demo negotiation {state} {settings.database_label()}")
            typer.echo(f"Open http://{host}:{port}/n/{seed.negotiation_id} and log in as:")
            for login in seed.logins:
                who = (
                    f"{login.party}, {login.role.replace('_', ' ')}"
                    if login.party and login.role
                    else "administrator"
                )
                typer.echo(f"  {login.username:<14} {login.password:<20} {who}")
            if not seed_only:
                _serve(host, port, workers)

        _guarded(debug, run)
