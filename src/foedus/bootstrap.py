"""The one place that turns settings into the objects the services need."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from foedus.analysis.ingest.source import Limits
from foedus.config import Settings
from foedus.domain.errors import ConfigurationError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from foedus.services.ports import UnitOfWork

__all__ = [
    "backup_database",
    "build_storage",
    "limits_from",
    "load_settings",
    "secret_key",
    "upgrade_database",
]

_MB = 1024 * 1024


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with explicit ``overrides`` (e.g. from CLI flags)."""
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(part) for part in first["loc"]) or "settings"
        raise ConfigurationError(f"invalid setting {name}: {first['msg']}", name) from None


def limits_from(settings: Settings) -> Limits:
    """Reading limits from the settings."""
    return Limits(
        max_bytes=int(settings.max_file_mb * _MB),
        max_unpacked_bytes=int(settings.max_unpacked_mb * _MB),
        max_pages=settings.max_pdf_pages,
    )


_ENGINES: dict[str, Engine] = {}


def _engine(settings: Settings) -> Engine:
    """One engine per database URL per process; SQLAlchemy is imported only here."""
    from foedus.storage.engine import database_url, make_engine
    from foedus.storage.tables import start_mappers

    start_mappers()
    url = database_url(settings.database_url, settings.data_dir)
    if url not in _ENGINES:
        _ENGINES[url] = make_engine(url)
    return _ENGINES[url]


def build_storage(settings: Settings) -> Callable[[], UnitOfWork]:
    """A factory of units of work on the configured database (migrated first)."""
    from sqlalchemy.orm import sessionmaker

    from foedus.storage.migrate import upgrade
    from foedus.storage.unit_of_work import SqlUnitOfWork

    engine = _engine(settings)
    upgrade(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    return lambda: SqlUnitOfWork(sessions)


def upgrade_database(settings: Settings) -> None:
    """Create or migrate the workspace database to the current schema."""
    from foedus.storage.migrate import upgrade

    upgrade(_engine(settings))


def backup_database(settings: Settings, target: Path) -> None:
    """A consistent copy of the SQLite database, written atomically (PostgreSQL: pg_dump)."""
    from foedus.storage.backup import backup_sqlite

    if settings.database_url and not settings.database_url.startswith("sqlite"):
        raise ConfigurationError(
            "foedus backup copies the SQLite database; for PostgreSQL use pg_dump "
            "(or foedus export for one negotiation)",
            "database_url",
        )
    backup_sqlite(_engine(settings), target)


def secret_key(settings: Settings) -> str:
    """The key that signs sessions: the setting, or one generated once into the data dir."""
    if settings.secret_key:
        return settings.secret_key
    path = settings.data_dir / "secret.key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    temp = path.with_suffix(".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    os.replace(temp, path)
    return key
