"""Shared test set-up: Qt runs offscreen, paths to the shared samples."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
RESOURCE_SAMPLES = ROOT / "resources" / "samples"


@pytest.fixture
def shared_samples() -> Path:
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not beside the project")
    return SAMPLES
