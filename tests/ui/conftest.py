"""What the window tests share: a real SQLite database file in the test's folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ccm_desktop.storage.repository import Repository, open_repository


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The database file the window works on (another connection may read it back)."""
    return tmp_path / "reports.sqlite3"


@pytest.fixture
def repository(db: Path) -> Iterator[Repository]:
    with open_repository(str(db)) as repo:
        yield repo
