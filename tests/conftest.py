"""Shared test set-up: Qt runs offscreen, paths to the shared samples."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

# The team-database fixtures: postgres_server, postgres_url, db_url (SQLite and PostgreSQL).
from tests.pg import db_url, postgres_server, postgres_url  # noqa: E402, F401

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
RESOURCE_SAMPLES = ROOT / "resources" / "samples"


@pytest.fixture
def shared_samples() -> Path:
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not beside the project")
    return SAMPLES
