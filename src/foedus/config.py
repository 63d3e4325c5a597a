"""Settings, read from environment variables with the ``FOEDUS_`` prefix (or a .env file).

Every setting is documented in ``docs/settings.md``; a test keeps the two in step.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings"]


class Settings(BaseSettings):
    """foedus settings. Build one with :func:`foedus.bootstrap.load_settings`."""

    model_config = SettingsConfigDict(env_prefix="FOEDUS_", env_file=".env", extra="ignore")

    max_file_mb: float = Field(50.0, gt=0, description="Largest input file read, in MB.")
    max_unpacked_mb: float = Field(
        200.0, gt=0, description="Largest uncompressed content of a DOCX, in MB (zip bombs)."
    )
    max_pdf_pages: int = Field(5000, gt=0, description="Most pages read from one PDF.")
    data_dir: Path = Field(Path("data"), description="Where foedus keeps its data.")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL of the workspace database (default: SQLite in data_dir)."
    )
    web_threads: int = Field(
        2, gt=0, le=64, description="Worker threads of the web server for route handlers."
    )
    web_workers: int = Field(
        2, gt=0, le=32, description="Server processes of `foedus serve` and `foedus demo`."
    )
    secret_key: str | None = Field(
        None, description="Signs session cookies; generated into data_dir/secret.key if unset."
    )

    def database_label(self) -> str:
        """Where the workspace database is, without any password."""
        if self.database_url:
            return self.database_url.split("@")[-1]
        return str(self.data_dir / "foedus.sqlite3")
