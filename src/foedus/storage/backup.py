"""Online backup of the SQLite database: SQLite's backup API copies a consistent snapshot
while others keep writing; the copy goes to a temporary file that is renamed into place, so
the target is complete or absent."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy import Engine

from foedus.domain.errors import UnreadableFileError

__all__ = ["backup_sqlite"]


def backup_sqlite(engine: Engine, target: Path) -> None:
    source = engine.url.database
    if not source:
        raise UnreadableFileError("the database is not a SQLite file", str(engine.url))
    directory = target.resolve().parent
    if not directory.is_dir():
        raise UnreadableFileError(f"no such directory {directory}", target)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=directory)
    os.close(handle)
    try:
        with sqlite3.connect(source) as live, sqlite3.connect(temp) as copy:
            live.backup(copy)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
