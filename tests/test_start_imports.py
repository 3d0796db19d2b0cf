"""The window's start waits only for what its first screen needs: the Excel, PDF and Word
modules, the report page and Alembic are imported when first used (issue 14; the start figure
is in benchmarks/run.py, never asserted here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ccm_desktop.domain.report import Report
from ccm_desktop.storage import migrate
from ccm_desktop.storage.repository import open_repository

ROOT = Path(__file__).resolve().parents[1]
NOT_AT_START = ("openpyxl", "reportlab", "docx", "pdfplumber", "pypdfium2", "alembic",
                "ccm_desktop.exchange.xlsx", "ccm_desktop.exchange.pdf",
                "ccm_desktop.ui.report_view", "ccm_desktop.ui.form_page",
                "ccm_desktop.ui.xlsx_import_dialog", "ccm_desktop.ui.word_import_dialog")


def test_the_head_written_in_the_code_is_the_newest_script() -> None:
    assert migrate.scripts_head() == migrate.HEAD, (
        "a migration was added: set HEAD in ccm_desktop/storage/migrate.py to its revision")
    assert migrate.is_known(migrate.HEAD)
    assert migrate.is_known("0001")
    assert not migrate.is_known("9999")


def test_the_start_screen_needs_no_export_import_or_page_modules(tmp_path: Path) -> None:
    db = tmp_path / "reports.sqlite3"
    with open_repository(db) as repository:  # an existing database, as on every later start
        repository.add(Report(), "Created")
    script = (
        "import json, sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from ccm_desktop.storage.repository import open_repository\n"
        "from ccm_desktop.ui.main_window import MainWindow\n"
        "from ccm_desktop.ui.settings import Settings\n"
        f"repository = open_repository({str(db)!r}).__enter__()\n"
        f"window = MainWindow(repository, Settings.at({str(tmp_path / 's.ini')!r}))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "assert window.start.isVisible()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
        "repository.__exit__(None, None, None)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    modules = json.loads(done.stdout.strip().splitlines()[-1])
    loaded = [m for m in modules if m.startswith(NOT_AT_START)]
    assert loaded == []
    assert "ccm_desktop.ui.start" in modules  # the check can see what was imported
