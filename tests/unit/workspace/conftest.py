"""Fixtures for the workspace use cases: in-memory repositories, seeded with the demo."""

from __future__ import annotations

from pathlib import Path

import pytest

from foedus.services.workspace.demo import seed_demo
from workspace_fakes import FakeUnitOfWork

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def demo(uow: FakeUnitOfWork, tmp_path: Path) -> int:
    """The demo negotiation's id."""
    return seed_demo(lambda: uow, EXAMPLES / "ukraine-us-bsa.txt", tmp_path).negotiation_id
