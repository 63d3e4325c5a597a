"""Storage: SQLAlchemy 2 tables mapped onto the domain records, repositories and the unit of
work implementing :mod:`foedus.services.ports`, Alembic migrations, and backups.

Nothing happens at import time: :func:`foedus.bootstrap.build_storage` builds the engine and
starts the mapping.
"""
