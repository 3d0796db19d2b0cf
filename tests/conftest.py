"""Shared test set-up: Qt runs offscreen, paths to the sample reports.

The suite runs on the samples kept in the repository (`tests/data/samples`). When the team's
shared samples happen to sit beside the project (`SHARED_SAMPLES` below), the ones with a name the
repository does not have are added as extra cases; nothing needs them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402

# The team-database fixtures: postgres_server, postgres_url, db_url (SQLite and PostgreSQL).
from tests.pg import db_url, postgres_server, postgres_url  # noqa: E402, F401
from tests.real_program import xvfb  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"  # optional: only for extra cases and the one comparison test
SHARED_SAMPLES = SHARED / "samples"
SAMPLES = ROOT / "tests" / "data" / "samples"
RESOURCE_SAMPLES = ROOT / "resources" / "samples"


def sample_files(folder: str, pattern: str = "*.json") -> list[Path]:
    """The repository's samples in `folder` (e.g. "valid", "next/invalid"), plus any shared
    sample of the same folder whose name the repository does not hold yet."""
    ours = sorted((SAMPLES / folder).glob(pattern))
    names = {p.name for p in ours}
    extra = sorted(p for p in (SHARED_SAMPLES / folder).glob(pattern) if p.name not in names)
    return ours + extra


def expected_findings(table: str = "expected-findings.tsv") -> dict[str, str]:
    """Sample name ("invalid/x.ccm.json") -> the path one printed error must start with; the
    repository's table, completed by the shared one for the extra cases."""
    found: dict[str, str] = {}
    for path in (SHARED_SAMPLES / table, SAMPLES / table):  # ours last: ours wins
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            found.update(line.split("\t", 1) for line in lines if line.strip())
    return found


@pytest.fixture
def shared_samples() -> Path:
    """The folder of sample reports (the repository's copy, always present)."""
    return SAMPLES


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every (font, text) reportlab encodes while the test runs."""
    seen: list[tuple[str, str]] = []
    original = TTFont.splitString

    def spy(self: TTFont, text: str, doc: object, encoding: str = "utf-8") -> object:
        seen.append((self.fontName, text if isinstance(text, str) else text.decode(encoding)))
        return original(self, text, doc, encoding)

    monkeypatch.setattr(TTFont, "splitString", spy)
    return seen


@pytest.fixture
def display() -> Iterator[str]:
    """A fresh X server (Xvfb), for the tests that start the real program under X."""
    with xvfb() as name:
        yield name
