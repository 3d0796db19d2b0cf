"""Starting the real program under an X server, as the tests of the installed program, the
bundle and quitting do: a fresh Xvfb display, the program as a child process with its output in
a log, and xdotool to find its window and press keys in it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The program as `pip install` put it beside the test's Python.
PROGRAM = Path(sys.executable).with_name("ccm-desktop")
TITLE = "CCM Article 7 reports"  # in every window title of the program
# A screenshot of the whole X screen, taken by a small Qt program on that display.
GRAB = ("from PySide6.QtGui import QGuiApplication\n"
        "import sys\n"
        "app = QGuiApplication([])\n"
        "image = app.primaryScreen().grabWindow(0)\n"
        "sys.exit(0 if image.save(sys.argv[1]) else 1)\n")


def have_x_tools() -> bool:
    return bool(shutil.which("Xvfb") and shutil.which("xdotool"))


@contextmanager
def xvfb() -> Iterator[str]:
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


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def grab_screen(path: Path, env: dict[str, str]) -> int:
    """Save the X screen of `env`'s DISPLAY as a PNG; the grabber's exit code."""
    return subprocess.run([sys.executable, "-c", GRAB, str(path)], env=env, check=False,
                          timeout=60).returncode


@dataclass
class Running:
    """The program running on an X display."""

    process: subprocess.Popen[bytes]
    env: dict[str, str]
    log: Path

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True,
                              timeout=10, check=False)
        return done.stdout.strip()

    def window_id(self, name: str = TITLE) -> str:
        """The first window whose title holds `name`, or ""."""
        found = self.xdotool("search", "--name", name)
        return found.splitlines()[0] if found else ""

    def focus(self, window: str) -> None:
        """Give `window` the keyboard focus (keys sent before it moved would go elsewhere)."""
        def focused() -> bool:
            self.xdotool("windowfocus", "--sync", window)
            return self.xdotool("getwindowfocus") == window
        wait_for(focused, 30, f"the focus on window {window}")

    def wait_for_window(self, seconds: float) -> str:
        """The window's id once it is there; fails with the log if the program ended first."""
        wait_for(lambda: bool(self.window_id()) or self.process.poll() is not None, seconds,
                 "the window")
        assert self.process.poll() is None, self.output()
        return self.window_id()

    def open_the_sample(self, window: str, seconds: float) -> None:
        """Alt+S on the start screen of a fresh machine; the title then becomes "<State>, <kind
        of report> — CCM Article 7 reports"."""
        self.xdotool("windowfocus", "--sync", window)
        self.xdotool("key", "--window", window, "alt+s")
        wait_for(lambda: "\u2014" in self.xdotool("getwindowname", window)
                 or self.process.poll() is not None, seconds, "the sample report to open")

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def started(command: list[str], env: dict[str, str], cwd: Path, log: Path) -> Iterator[Running]:
    """The program started with its output in `log`; killed at the end if it is still running."""
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=output,
                                   stderr=subprocess.STDOUT)
    try:
        yield Running(process, env, log)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
