"""No dead code: vulture finds nothing unused in the package and the benchmarks, apart from the
names pyproject.toml's [tool.vulture] explains (used by Qt, SQLAlchemy, Alembic, openpyxl...)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_vulture_finds_no_unused_code() -> None:
    pytest.importorskip("vulture")
    done = subprocess.run([sys.executable, "-m", "vulture", "ccm_desktop", "benchmarks"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.stdout == "" and done.returncode == 0, done.stdout + done.stderr


def test_vulture_would_see_a_dead_function(tmp_path: Path) -> None:
    """The check above can fail: the same configuration reports a function nobody calls."""
    pytest.importorskip("vulture")
    module = tmp_path / "lonely.py"
    module.write_text("def never_called() -> int:\n    return 1\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "vulture", str(module)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert "never_called" in done.stdout
