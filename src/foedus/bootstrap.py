"""The one place that turns settings into the objects the services need."""

from __future__ import annotations

from pydantic import ValidationError

from foedus.analysis.ingest.source import Limits
from foedus.config import Settings
from foedus.domain.errors import ConfigurationError

__all__ = ["limits_from", "load_settings"]

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
