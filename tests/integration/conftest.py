"""A real database per test: SQLite in a temp directory, and PostgreSQL when
FOEDUS_TEST_DATABASE_URL is set (CI starts one with .ci/postgres.sh)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from foedus.bootstrap import _ENGINES, build_storage, load_settings
from foedus.config import Settings
from foedus.services.ports import UnitOfWork

BACKENDS = ["sqlite", "postgresql"]


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    if request.param == "postgresql":
        url = os.environ.get("FOEDUS_TEST_DATABASE_URL")
        if not url:
            pytest.skip("FOEDUS_TEST_DATABASE_URL is not set (no PostgreSQL server)")
        for key in [k for k in _ENGINES if k.startswith("postgresql")]:
            _ENGINES.pop(key).dispose()
        _reset_postgres(url)
        yield load_settings(data_dir=tmp_path, database_url=url)
    else:
        yield load_settings(data_dir=tmp_path)
    for key in list(_ENGINES):
        if str(tmp_path) in key or key.startswith("postgresql"):
            _ENGINES.pop(key).dispose()


@pytest.fixture
def factory(settings: Settings) -> Callable[[], UnitOfWork]:
    return build_storage(settings)
