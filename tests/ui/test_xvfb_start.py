"""The real program on a plain X server: `ccm-desktop` started under Xvfb with an empty database
shows the start screen, and Alt+S opens the sample report. Screenshots of both are saved (into
$CCM_SHOTS when set) for a person to look at.

Needs Xvfb and xdotool (scripts/install.sh installs them); skipped where they are missing."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.real_program import PROGRAM, ROOT, grab_screen, have_x_tools, started
from tests.ui.helpers import shots_folder

pytestmark = pytest.mark.skipif(not (have_x_tools() and PROGRAM.exists()),
                                reason="needs Xvfb, xdotool and the installed ccm-desktop program")


def test_started_on_a_fresh_machine(display: str, tmp_path: Path) -> None:
    shots = shots_folder(tmp_path / "shots")
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(home),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_RUNTIME_DIR=str(tmp_path), CCM_DESKTOP_DB=str(tmp_path / "fresh.sqlite3"))

    def grab(name: str) -> None:
        path = shots / name
        assert grab_screen(path, env) == 0
        assert path.stat().st_size > 10_000  # a real picture, not an empty screen

    with started([str(PROGRAM)], env, ROOT, tmp_path / "program.log") as program:
        window = program.wait_for_window(30)
        time.sleep(1.0)  # let it paint
        grab("xvfb-1-start.png")
        program.open_the_sample(window, 30)
        time.sleep(1.0)
        grab("xvfb-2-sample.png")
        listed = subprocess.run([str(PROGRAM), "list"], env=env, capture_output=True, text=True,
                                timeout=60, check=True)
        assert len(listed.stdout.splitlines()) == 1  # the sample, stored
        program.xdotool("key", "--window", window, "ctrl+q")
        assert program.process.wait(30) == 0
        assert "Traceback" not in program.output()
