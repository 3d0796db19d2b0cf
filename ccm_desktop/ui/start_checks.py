"""What an installed program meets when it starts: its icon, a machine without fonts, and a
second copy started on a database that is already open in a window."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLockFile
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QIcon
from PySide6.QtWidgets import QApplication

from ccm_desktop.resources import resource_path

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "wqy-microhei.ttc")
OUR_FAMILY = "DejaVu Sans"


def use_our_icon(app: QApplication) -> None:
    """The program's icon (resources/icons/ccm-desktop.svg) on every window and in the task bar."""
    app.setWindowIcon(QIcon(str(resource_path("icons", "ccm-desktop.svg"))))


def use_our_fonts(app: QApplication) -> None:
    """Makes the fonts we ship (the ones in the PDF) known to Qt, so Arabic and Chinese labels
    have glyphs even where the system has no such font; where the system has no font at all
    (a bare install, a locked-down machine), the window uses ours instead of showing nothing."""
    for name in FONT_FILES:
        QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
    if not QFontInfo(app.font()).family():
        font = QFont(OUR_FAMILY)
        font.setPointSizeF(app.font().pointSizeF() if app.font().pointSizeF() > 0 else 10)
        app.setFont(font)


def database_file(db: str | None) -> Path | None:
    """The SQLite file the window will open, as storage's `resolve` finds it, without importing
    SQLAlchemy for the usual cases (the default file, a file name): the lock is taken, and a
    second copy told so, before the window's first paint. A URL is left to storage."""
    if db is None or db == "":
        db = os.environ.get("CCM_DESKTOP_DB") or None
    if db is None:
        from platformdirs import user_data_dir

        folder = Path(user_data_dir("ccm-desktop", appauthor=False))
        folder.mkdir(parents=True, exist_ok=True)
        return (folder / "ccm-desktop.sqlite3").absolute()
    if "://" not in db:
        return Path(db).expanduser().absolute()
    from ccm_desktop.storage.database import resolve

    return resolve(db).path


class DatabaseLock:
    """One window per database file: a lock file beside the database (`<file>.lock`), held while
    the window is open. The command line (list, import, convert …) does not take it. A lock left
    by a copy that crashed is recognised by its dead process and taken over. PostgreSQL databases
    are shared by design and not locked; where no lock file can be written (a read-only folder, a
    name that does not resolve) the window opens as before and storage reports any problem."""

    def __init__(self, db: str | None) -> None:
        self._lock: QLockFile | None = None
        self._path: Path | None = None
        try:
            self._path = database_file(db)
        except Exception:  # noqa: BLE001 - opening the database says what is wrong with it
            return
        if self._path is not None:
            self._lock = QLockFile(f"{self._path}.lock")
            self._lock.setStaleLockTime(0)  # only a dead process's lock is stale

    def acquire(self) -> str | None:
        """None when this window may open the database; else the sentence saying why not."""
        if self._lock is None or self._lock.tryLock(0):
            return None
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            return None
        pid, _, _ = self._lock.getLockInfo()
        return (f"The reports database {self._path} is already open in another ccm-desktop "
                f"window (process {pid}): switch to that window, or close it and start again, "
                "so that two windows never overwrite each other's changes.")

    def release(self) -> None:
        if self._lock is not None and self._lock.isLocked():
            self._lock.unlock()
