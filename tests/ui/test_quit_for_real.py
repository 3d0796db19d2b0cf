"""The real program ending: told to stop by the system (SIGTERM) right after typing, and quit
twenty times in a row under an X server, each exit clean (0, nothing fatal on stderr).

The SIGTERM test runs the program's own `run_app` in a child process; a small driver in that
process opens a report and types into "Approved by" as a keyboard would, then says so on
stdout; the test sends SIGTERM at once and reads the database file afterwards."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ccm_desktop.storage.repository import open_repository
from tests.real_program import PROGRAM, ROOT, have_x_tools, started

TYPED = "Vice-Minister, Ministry of Foreign Affairs"

DRIVER = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from ccm_desktop.app import run_app

def drive():
    window = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow")
    window.open_sample()
    page = window.current.view.show_key("cover")
    line = page.rows["approved_by"].editor.findChild(QLineEdit)
    line.setFocus()
    line.selectAll()
    QTest.keyClicks(line, sys.argv[2])
    print("typed", window.current.report_id, flush=True)

app = QApplication(sys.argv[:1])
QTimer.singleShot(200, drive)
sys.exit(run_app(sys.argv[1]))
"""


def _environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_STATE_HOME=str(home / ".state"),
               XDG_RUNTIME_DIR=str(tmp_path), PYTHONPATH=str(ROOT), **extra)
    return env


def test_sigterm_right_after_typing_keeps_the_text(tmp_path: Path) -> None:
    db = tmp_path / "reports.sqlite3"
    env = _environment(tmp_path, QT_QPA_PLATFORM="offscreen")
    with subprocess.Popen([sys.executable, "-c", DRIVER, str(db), TYPED], env=env, cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as child:
        try:
            assert child.stdout is not None
            line = child.stdout.readline()
            if line.startswith("typed"):
                child.send_signal(signal.SIGTERM)  # well within the pause of a field
            rest, errors = child.communicate(timeout=60)
            code = child.returncode
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(10)
    assert line.startswith("typed"), errors
    assert code == 0, errors
    assert "Fatal" not in errors and "Traceback" not in errors, errors
    report_id = int(line.split()[1])
    with open_repository(str(db)) as repository:
        assert repository.load(report_id).cover.fields.get("approved_by") == TYPED


@pytest.mark.skipif(not (have_x_tools() and PROGRAM.exists()),
                    reason="needs Xvfb, xdotool and the installed ccm-desktop program")
def test_twenty_starts_and_quits_under_x_end_cleanly(display: str, tmp_path: Path) -> None:
    """Each run: start, open the sample, type where the cursor is, Ctrl+Q at once. Each must
    exit 0 with nothing fatal on stderr."""
    runs = int(os.environ.get("CCM_QUIT_RUNS", "20"))
    outcomes = []
    for run in range(runs):
        # A fresh machine each time, so that the start screen offers the sample (Alt+S).
        folder = tmp_path / f"run-{run}"
        folder.mkdir()
        env = _environment(folder, DISPLAY=display, QT_QPA_PLATFORM="xcb",
                           CCM_DESKTOP_DB=str(folder / "reports.sqlite3"))
        with started([str(PROGRAM)], env, ROOT, folder / "program.log") as program:
            window = program.wait_for_window(30)
            program.xdotool("windowfocus", "--sync", window)
            program.xdotool("key", "--window", window, "alt+s")
            time.sleep(1.5)
            program.xdotool("key", "--window", window, "Tab", "Tab")
            program.xdotool("type", "--window", window, f"run {run}")
            program.xdotool("key", "--window", window, "ctrl+q")
            code = program.process.wait(60)
        text = program.output()
        outcomes.append((run, code, [ln for ln in text.splitlines()
                                     if "Fatal" in ln or "Traceback" in ln
                                     or "Segmentation" in ln]))
        time.sleep(0.2)
    failed = [o for o in outcomes if o[1] != 0 or o[2]]
    assert not failed, json.dumps(failed)
