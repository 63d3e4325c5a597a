"""Fixtures: the workspace app in-process, on a SQLite database seeded with the demo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from foedus.bootstrap import _ENGINES
from web_support import Workspace, make_workspace


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    directory = tmp_path_factory.mktemp("workspace")
    yield make_workspace(directory)
    for key in [k for k in _ENGINES if str(directory) in k]:
        _ENGINES.pop(key).dispose()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Workspace]:
    """A workspace of its own, for tests that change the negotiation."""
    yield make_workspace(tmp_path)
    for key in [k for k in _ENGINES if str(tmp_path) in k]:
        _ENGINES.pop(key).dispose()
