"""Workspace administration from the command line: database, users, backup, export/import,
audit. Heavy modules (SQLAlchemy, argon2) are imported inside the commands."""

from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from foedus.cli import DebugOption, _error, _guarded, _output

if TYPE_CHECKING:
    from foedus.services.ports import UnitOfWork

__all__ = ["register"]


def _storage() -> Callable[[], UnitOfWork]:
    from foedus.bootstrap import build_storage, load_settings

    return build_storage(load_settings())


def register(app: typer.Typer) -> None:
    """Add the workspace commands to ``app``."""
    db = typer.Typer(help="The workspace database.", no_args_is_help=True)
    user = typer.Typer(help="Workspace users.", no_args_is_help=True)
    audit = typer.Typer(help="The audit log.", no_args_is_help=True)
    app.add_typer(db, name="db")
    app.add_typer(user, name="user")
    app.add_typer(audit, name="audit")

    @db.command("upgrade")
    def db_upgrade(debug: DebugOption = False) -> None:
        """Create or migrate the database to the current schema."""

        def run() -> None:
            from foedus.bootstrap import load_settings, upgrade_database

            settings = load_settings()
            upgrade_database(settings)
            typer.echo(f"database up to date: {settings.database_label()}")

        _guarded(debug, run)

    @user.command("add")
    def user_add(
        username: Annotated[str, typer.Argument(help="Login name (letters, digits, . - _).")],
        display_name: Annotated[
            str, typer.Option("--name", help="Name shown in the workspace.")
        ] = "",
        admin: Annotated[bool, typer.Option("--admin", help="An administrator.")] = False,
        password_stdin: Annotated[
            bool, typer.Option("--password-stdin", help="Read the password from standard input.")
        ] = False,
        debug: DebugOption = False,
    ) -> None:
        """Create a user (asks for the password without echoing it)."""

        def run() -> None:
            from foedus.services.workspace.accounts import create_user

            if password_stdin:
                password = sys.stdin.readline().rstrip("\n")
            else:
                password = getpass.getpass("Password: ")
                if getpass.getpass("Again: ") != password:
                    _error("the passwords differ")
                    raise typer.Exit(2)
            factory = _storage()
            created = create_user(factory(), username, password, display_name, is_admin=admin)
            typer.echo(f"user {created.username} created" + (" (administrator)" if admin else ""))

        _guarded(debug, run)

    @app.command("backup")
    def backup_command(
        path: Annotated[Path, typer.Argument(help="Where to write the copy.")],
        debug: DebugOption = False,
    ) -> None:
        """A consistent copy of the SQLite database, taken while it is in use."""

        def run() -> None:
            from foedus.bootstrap import backup_database, load_settings

            backup_database(load_settings(), path)
            typer.echo(f"backup written to {path}")

        _guarded(debug, run)

    @app.command("export")
    def export_command(
        negotiation_id: Annotated[int, typer.Argument(help="The negotiation's id.")],
        output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
        debug: DebugOption = False,
    ) -> None:
        """A whole negotiation as JSON (users by name, no passwords, no audit log)."""

        def run() -> None:
            from foedus.services.workspace.exchange import export_negotiation

            factory = _storage()
            data = export_negotiation(factory(), None, negotiation_id)
            with _output(output) as stream:
                json.dump(data, stream, ensure_ascii=False, indent=2)
                stream.write("\n")

        _guarded(debug, run)

    @app.command("import")
    def import_command(
        path: Annotated[Path, typer.Argument(help="A file written by `foedus export`.")],
        debug: DebugOption = False,
    ) -> None:
        """Recreate an exported negotiation in this workspace."""

        def run() -> None:
            from foedus.domain.errors import InputError
            from foedus.services.workspace.exchange import import_negotiation

            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise InputError(f"not a readable JSON export ({exc})", path) from None
            factory = _storage()
            negotiation = import_negotiation(factory(), None, data)
            typer.echo(f"imported as negotiation {negotiation.id}: {negotiation.title}")

        _guarded(debug, run)

    @audit.command("verify")
    def audit_verify(debug: DebugOption = False) -> None:
        """Check the audit chain: exit 0 if intact, 2 naming the first altered entry."""

        def run() -> None:
            from foedus.services.workspace.audit import verify_audit

            factory = _storage()
            check = verify_audit(factory())
            if not check.ok:
                _error(f"audit log broken: {check.problem}")
                raise typer.Exit(2)
            typer.echo(f"audit log intact: {check.entries} entries")

        _guarded(debug, run)
