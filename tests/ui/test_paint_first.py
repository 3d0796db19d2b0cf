"""The window paints first and opens the reports database right after (issue 14): at the first
paint SQLAlchemy and the database are not loaded yet, the start screen says the reports are
being opened and offers nothing to start; the list of reports fills once it is open. Runs the
program's own `run_app` in a child process, so that `sys.modules` is that of a real start.
The start figure itself is in benchmarks/run.py, never asserted here."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from ccm_desktop.app import open_offering_backup
from ccm_desktop.domain.report import Report
from ccm_desktop.storage.database import resolve
from ccm_desktop.storage.repository import open_repository
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.settings import Settings
from ccm_desktop.ui.start_checks import database_file
from tests.real_program import ROOT

DRIVER = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from ccm_desktop.app import run_app

seen = {}

def window():
    return next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow")

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow) and not seen:
            start = obj.start
            seen["at_paint"] = {
                "sqlalchemy": "sqlalchemy" in sys.modules,
                "repository": "ccm_desktop.storage.repository" in sys.modules,
                "qtpdf": "PySide6.QtPdf" in sys.modules,
                "opening": start.opening.isVisibleTo(obj),
                "buttons": [b.isVisibleTo(obj) for b in (start.new_button, start.import_button,
                                                         start.sample_button)],
                "new_action": obj.act_new.isEnabled(),
                "listed": start.list.topLevelItemCount(),
            }
            QTimer.singleShot(0, check)
        return False

def check():
    w = window()
    if not w.ready:
        QTimer.singleShot(20, check)
        return
    start = w.start
    seen["after"] = {
        "opening": start.opening.isVisibleTo(w),
        "listed": [start.list.topLevelItem(i).text(0)
                   for i in range(start.list.topLevelItemCount())],
        "new": start.new_button.isVisibleTo(w) and start.new_button.isEnabled(),
        "sample": start.sample_button.isVisibleTo(w),
        "new_action": w.act_new.isEnabled(),
    }
    w.close()

app = QApplication(sys.argv[:1])
watch = Watch()
app.installEventFilter(watch)
code = run_app(sys.argv[1])
print(json.dumps({"code": code, **seen}))
"""


def _start(tmp_path: Path, db: Path) -> dict[str, object]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_RUNTIME_DIR=str(tmp_path),
               QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", DRIVER, str(db)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_window_paints_before_the_database_opens_then_lists_the_reports(
        tmp_path: Path) -> None:
    db = tmp_path / "reports.sqlite3"
    report = Report()
    report.cover.fields["state"] = "HRV"
    with open_repository(db) as repository:  # an existing database, as on every later start
        repository.add(report, "Created")
    seen = _start(tmp_path, db)
    assert seen["code"] == 0
    assert seen["at_paint"] == {"sqlalchemy": False, "repository": False, "qtpdf": False,
                                "opening": True, "buttons": [False, False, False],
                                "new_action": False, "listed": 0}
    assert seen["after"] == {"opening": False, "listed": ["Croatia"], "new": True,
                             "sample": False, "new_action": True}
    assert not Path(f"{db}.lock").exists()  # released on quitting


def test_on_the_first_start_the_sample_is_offered_once_the_database_is_open(
        tmp_path: Path) -> None:
    seen = _start(tmp_path, tmp_path / "new.sqlite3")
    assert seen["code"] == 0
    at_paint = seen["at_paint"]
    assert isinstance(at_paint, dict) and at_paint["buttons"] == [False, False, False]
    assert seen["after"] == {"opening": False, "listed": [], "new": True, "sample": True,
                             "new_action": True}


def test_anything_needing_the_reports_before_the_first_paint_opens_them_at_once(
        qtbot: object, tmp_path: Path) -> None:
    db = tmp_path / "reports.sqlite3"
    with open_repository(db) as repository:
        repository.add(Report(), "Created")
    opened: list[object] = []

    def open_store(_window: object) -> object:
        store, _notes = open_offering_backup(str(db), lambda _q: False)
        store.__enter__()
        opened.append(store)
        return store

    window = MainWindow(None, Settings.at(tmp_path / "s.ini"))
    try:
        window.open_later(open_store)  # type: ignore[arg-type]
        assert not window.ready and not window.act_new.isEnabled()
        assert window.start.opening.isVisibleTo(window)
        listed = window.repository.list_reports()  # before any paint: opened now, once
        assert len(listed) == 1 and len(opened) == 1 and window.ready
        assert window.start.list.topLevelItemCount() == 1
        assert window.act_new.isEnabled() and not window.start.opening.isVisibleTo(window)
        window.open_now()  # the timer's turn: nothing more to do
        assert len(opened) == 1
    finally:
        window.close()
        window.deleteLater()
        for store in opened:
            store.__exit__(None, None, None)  # type: ignore[attr-defined]


def test_the_lock_file_is_beside_the_file_storage_opens(tmp_path: Path,
                                                       monkeypatch: object) -> None:
    """The lock is taken before SQLAlchemy is loaded; it names the same file storage opens."""
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CCM_DESKTOP_DB", raising=False)
    cases = [None, "", "reports.sqlite3", "~/x/reports.sqlite3", str(tmp_path / "a.sqlite3"),
             f"sqlite:///{tmp_path / 'b.sqlite3'}"]
    for case in cases:
        assert database_file(case) == resolve(case).path, case
    monkeypatch.setenv("CCM_DESKTOP_DB", "from-env.sqlite3")
    assert database_file(None) == resolve(None).path == tmp_path / "from-env.sqlite3"


ANSWERING = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from ccm_desktop.app import run_app

asked = []
answer = QMessageBox.StandardButton[sys.argv[2]]

def window():
    return next((w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"),
                None)

def look():
    box = QApplication.activeModalWidget()
    w = window()
    if isinstance(box, QMessageBox) and box.isVisible():
        asked.append({"title": box.windowTitle(), "text": box.text(),
                      "over_the_window": w is not None and box.parentWidget() is w
                                         and w.isVisible()})
        button = box.button(answer) or box.button(QMessageBox.StandardButton.Ok)
        button.click()
    elif w is not None and w.ready:
        asked.append({"listed": w.start.list.topLevelItemCount(),
                      "status": w.statusBar().currentMessage()})
        w.close()
        return
    QTimer.singleShot(50, look)

app = QApplication(sys.argv[:1])
QTimer.singleShot(50, look)
code = run_app(sys.argv[1])
print(json.dumps({"code": code, "asked": asked}))
"""


def _answering(tmp_path: Path, db: Path, answer: str) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
    env.update(HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "home" / ".config"),
               XDG_RUNTIME_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", ANSWERING, str(db), answer], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_damaged_database_is_asked_about_over_the_window_and_the_backup_listed(
        tmp_path: Path) -> None:
    from tests.ui.test_app_recovery import _damaged_database_with_backup

    db, _report_id, _expected = _damaged_database_with_backup(tmp_path)
    seen = _answering(tmp_path, db, "Yes")
    assert seen["code"] == 0
    question, listed = seen["asked"]
    assert question["title"] == "The reports database is damaged"
    assert "Put the newest automatic backup" in question["text"]
    assert question["over_the_window"] is True
    assert listed["listed"] == 1 and "was put in place" in listed["status"]
    assert len(list(tmp_path.glob("ccm.sqlite3.damaged-*"))) == 1


def test_declining_the_backup_says_why_over_the_window_and_ends_untouched(
        tmp_path: Path) -> None:
    from tests.ui.test_app_recovery import _damaged_database_with_backup

    db, _report_id, _expected = _damaged_database_with_backup(tmp_path)
    before = db.read_bytes()
    seen = _answering(tmp_path, db, "No")
    assert seen["code"] == 2
    question, refusal = seen["asked"]
    assert question["title"] == "The reports database is damaged"
    assert refusal["title"] == "Cannot open the reports database"
    assert str(db) in refusal["text"] and refusal["over_the_window"] is True
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("ccm.sqlite3.damaged-*"))
    assert not Path(f"{db}.lock").exists()


def test_a_newer_versions_database_is_refused_in_one_sentence_and_left_as_it_was(
        tmp_path: Path) -> None:
    db = tmp_path / "reports.sqlite3"
    with open_repository(db) as repository:
        repository.add(Report(), "Created")
    with contextlib.closing(sqlite3.connect(db)) as con, con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    before = db.read_bytes()
    seen = _answering(tmp_path, db, "Ok")
    assert seen["code"] == 2
    [refusal] = seen["asked"]
    assert refusal["title"] == "Cannot open the reports database"
    assert "newer version of ccm-desktop" in refusal["text"] and "\n" not in refusal["text"]
    assert refusal["over_the_window"] is True
    assert db.read_bytes() == before
