"""The real program on a plain X server: `ccm-desktop` started under Xvfb with an empty database
shows the start screen, and Alt+S opens the sample report. Screenshots of both are saved (into
$CCM_SHOTS when set) for a person to look at.

Needs Xvfb and xdotool (scripts/install.sh installs them); skipped where they are missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.ui.helpers import shots_folder

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = Path(sys.executable).with_name("ccm-desktop")
GRAB = ("from PySide6.QtGui import QGuiApplication\n"
        "import sys\n"
        "app = QGuiApplication([])\n"
        "image = app.primaryScreen().grabWindow(0)\n"
        "sys.exit(0 if image.save(sys.argv[1]) else 1)\n")

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool") and PROGRAM.exists()),
    reason="needs Xvfb, xdotool and the installed ccm-desktop program")


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    """A fresh X server; Xvfb picks a free display number and writes it to a pipe."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def _wait(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_started_on_a_fresh_machine(display: str, tmp_path: Path) -> None:
    shots = shots_folder(tmp_path / "shots")
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(home),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_RUNTIME_DIR=str(tmp_path), CCM_DESKTOP_DB=str(tmp_path / "fresh.sqlite3"))

    def xdotool(*args: str) -> str:
        done = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True,
                              timeout=10, check=False)
        return done.stdout.strip()

    def window_id() -> str:
        found = xdotool("search", "--name", "CCM Article 7 reports")
        return found.splitlines()[0] if found else ""

    def grab(name: str) -> Path:
        path = shots / name
        subprocess.run([sys.executable, "-c", GRAB, str(path)], env=env, check=True, timeout=30)
        assert path.stat().st_size > 10_000  # a real picture, not an empty screen
        return path

    log = tmp_path / "program.log"
    with log.open("wb") as output:
        program = subprocess.Popen([str(PROGRAM)], env=env, cwd=ROOT, stdout=output,
                                   stderr=subprocess.STDOUT)
    try:
        _wait(lambda: bool(window_id()) or program.poll() is not None, 30, "the window")
        assert program.poll() is None, log.read_text(errors="replace")
        time.sleep(1.0)  # let it paint
        grab("xvfb-1-start.png")
        window = window_id()
        xdotool("windowfocus", "--sync", window)
        xdotool("key", "--window", window, "alt+s")
        # The title becomes "<State>, <kind of report> — CCM Article 7 reports".
        _wait(lambda: "\u2014" in xdotool("getwindowname", window) or program.poll() is not None,
              30, "the sample report to open")
        time.sleep(1.0)
        grab("xvfb-2-sample.png")
        listed = subprocess.run([str(PROGRAM), "list"], env=env, capture_output=True, text=True,
                                timeout=60, check=True)
        assert len(listed.stdout.splitlines()) == 1  # the sample, stored
        xdotool("key", "--window", window, "ctrl+q")
        assert program.wait(30) == 0
        assert "Traceback" not in log.read_text(errors="replace")
    finally:
        if program.poll() is None:
            program.kill()
            program.wait(10)
