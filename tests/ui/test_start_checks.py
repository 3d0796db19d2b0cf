"""What an installed program meets at start (ccm_desktop/ui/start_checks.py): one window per
database file, and a machine with no fonts installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ccm_desktop.ui.start_checks import DatabaseLock, use_our_icon
from tests.real_program import PROGRAM, ROOT, have_x_tools, started, wait_for


def test_a_second_window_on_the_same_database_is_refused_in_one_sentence(tmp_path: Path) -> None:
    db = tmp_path / "reports ü.sqlite3"
    first, second = DatabaseLock(str(db)), DatabaseLock(str(db))
    assert first.acquire() is None
    sentence = second.acquire()
    assert sentence is not None
    assert str(db) in sentence and f"process {os.getpid()}" in sentence
    assert sentence.count(".") == 1 + str(db).count(".") and "\n" not in sentence
    assert DatabaseLock(str(tmp_path / "other.sqlite3")).acquire() is None  # another database
    first.release()
    assert second.acquire() is None  # closed: the next window may open it
    second.release()


def test_a_lock_left_by_a_crashed_copy_is_taken_over(tmp_path: Path) -> None:
    db = tmp_path / "reports.sqlite3"
    crash = ("import os, sys\n"
             "from ccm_desktop.ui.start_checks import DatabaseLock\n"
             "lock = DatabaseLock(sys.argv[1])\n"
             "assert lock.acquire() is None\n"
             "os._exit(0)  # no clean-up, as in a crash\n")
    subprocess.run([sys.executable, "-c", crash, str(db)], check=True, timeout=60, cwd=ROOT)
    assert Path(f"{db}.lock").exists()
    lock = DatabaseLock(str(db))
    assert lock.acquire() is None
    lock.release()


def test_team_databases_and_unwritable_places_are_not_locked(tmp_path: Path) -> None:
    assert DatabaseLock("postgresql://someone@localhost/reports").acquire() is None
    assert DatabaseLock(str(tmp_path / "no such folder" / "x.sqlite3")).acquire() is None
    assert DatabaseLock("nonsense://x").acquire() is None  # opening it will say what is wrong


def test_the_windows_carry_our_icon(qapp: QApplication) -> None:
    qapp.setWindowIcon(QIcon())
    use_our_icon(qapp)
    picture = qapp.windowIcon().pixmap(32, 32).toImage()
    assert not picture.isNull() and picture.width() == 32
    colours = {picture.pixelColor(x, y).name() for x in range(32) for y in range(32)}
    assert "#1d3557" in colours  # the blue tile of resources/icons/ccm-desktop.svg
    qapp.setWindowIcon(QIcon())


NO_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""
PROBE = """
import json, sys
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
before = QFontInfo(app.font()).family()
if sys.argv[1] == "ours":
    from ccm_desktop.ui.start_checks import use_our_fonts
    use_our_fonts(app)

def picture(text):
    label = QLabel(text)
    label.resize(80, 40)
    return label.grab().toImage()

# Two different letters look different only when a font draws them (else both are empty boxes).
pairs = [("A", "B"), ("\u0644", "\u0628"), ("\u62a5", "\u544a")]
distinct = [picture(a) != picture(b) for a, b in pairs]
print(json.dumps([before, QFontInfo(app.font()).family(), distinct]))
"""


def test_with_no_fonts_on_the_system_the_window_uses_ours(tmp_path: Path) -> None:
    config = tmp_path / "fonts.conf"
    config.write_text(NO_FONTS.format(cache=tmp_path / "cache"), encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "QT_QPA_PLATFORM": "offscreen"}

    def probe(mode: str) -> list[Any]:
        done = subprocess.run([sys.executable, "-c", PROBE, mode], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=60, check=True)
        return list(json.loads(done.stdout.splitlines()[-1]))

    # The set-up holds: with the system's fonts hidden, Qt has no font and draws no letters.
    assert probe("bare") == ["", "", [False, False, False]]
    # Ours: Latin, Arabic and Chinese letters are drawn.
    assert probe("ours") == ["", "DejaVu Sans", [True, True, True]]


@pytest.mark.skipif(not (have_x_tools() and PROGRAM.exists()),
                    reason="needs Xvfb, xdotool and the installed ccm-desktop program")
def test_a_second_copy_on_an_open_database_says_so_and_leaves_the_first(
        display: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(home),
               XDG_RUNTIME_DIR=str(tmp_path), CCM_DESKTOP_DB=str(tmp_path / "reports.sqlite3"))
    with started([str(PROGRAM)], env, tmp_path, tmp_path / "first.log") as first:
        first.wait_for_window(30)
        time.sleep(1.0)  # let it finish starting
        with started([str(PROGRAM)], env, tmp_path, tmp_path / "second.log") as second:
            wait_for(lambda: bool(first.window_id("already open"))
                     or second.process.poll() is not None, 30, "the second copy's sentence")
            dialog = first.window_id("already open")
            assert dialog, f"the second copy said nothing: {second.output()}"
            first.focus(dialog)  # keys typed before the focus moved would reach the first window
            first.xdotool("key", "--window", dialog, "Escape")
            assert second.process.wait(30) == 1
        time.sleep(0.5)
        assert first.process.poll() is None, first.output()  # untouched
        window = first.window_id()
        first.focus(window)
        first.xdotool("key", "--window", window, "ctrl+q")
        assert first.process.wait(30) == 0
        assert not Path(f"{env['CCM_DESKTOP_DB']}.lock").exists()  # released on quitting
