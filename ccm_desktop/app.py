"""Starts the window: the Qt application, the settings, the database, and a last-resort handler
that shows a plain dialog instead of a traceback or a silent crash."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox


def _log_folder() -> Path:
    from platformdirs import user_log_dir

    folder = Path(user_log_dir("ccm-desktop", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def install_excepthook(app: QApplication) -> None:
    """An unexpected error shows one sentence in a dialog; the details go to a log file.
    The report is untouched: every edit was already saved or is still in the window."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        from ccm_desktop.ui.workers import user_sentence

        where = ""
        try:
            log = _log_folder() / "errors.log"
            with log.open("a", encoding="utf-8") as handle:
                handle.write(f"--- {datetime.now().isoformat()}\n")
                handle.write("".join(traceback.format_exception(kind, exc, tb)))
            where = f" The details are in {log}."
        except OSError:
            pass
        sys.__stderr__ and print(f"ccm-desktop: {kind.__name__}: {exc}", file=sys.__stderr__)
        if QApplication.instance() is None:
            return
        QMessageBox.warning(
            app.activeWindow(), "Something went wrong",
            f"{user_sentence(exc)}. Your report is safe: what you typed before this was saved."
            f"{where}")

    sys.excepthook = hook


def open_offering_backup(db: str | None, ask: Callable[[str], bool]) -> tuple[Any, list[str]]:
    """Open the reports database. If it is damaged and an automatic backup exists, `ask` the
    user (one question) whether to put the backup in place; the damaged file is kept aside.
    Returns the repository and sentences to show once it is open.
    Raises the storage error when there is no backup or the user declines."""
    from ccm_desktop.storage.backups import restore_backup
    from ccm_desktop.storage.database import resolve
    from ccm_desktop.storage.errors import NotADatabase
    from ccm_desktop.storage.repository import open_repository

    try:
        return open_repository(db), []
    except NotADatabase as exc:
        path = resolve(db).path
        if exc.backup is None or path is None:
            raise
        question = (f"{exc.user_message.split(' (')[0]}.\n\nPut the newest automatic backup "
                    f"({exc.backup.name}) in its place? The damaged file is kept beside it, "
                    "renamed, and nothing is deleted.")
        if not ask(question):
            raise
        aside = restore_backup(path, exc.backup)
        return open_repository(db), [f"The automatic backup {exc.backup.name} was put in place; "
                                     f"the damaged file was kept as {aside.name}."]


def _ask_yes_no(question: str) -> bool:
    answer = QMessageBox.question(None, "The reports database is damaged", question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def run_app(db: str | None = None, argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("ccm-desktop")
    app.setOrganizationName("ccm-desktop")
    app.setStyle("Fusion")
    install_excepthook(app)
    from ccm_desktop.ui.start_checks import DatabaseLock, use_our_fonts, use_our_icon

    use_our_icon(app)
    use_our_fonts(app)

    from ccm_desktop.ui.main_window import MainWindow, direction_for
    from ccm_desktop.ui.qt_language import apply_qt_language
    from ccm_desktop.ui.settings import Settings

    settings = Settings.default()
    lang = settings.language()
    apply_qt_language(lang, app)
    app.setLayoutDirection(direction_for(lang))
    lock = DatabaseLock(db)
    if (busy := lock.acquire()) is not None:
        QMessageBox.information(None, "ccm-desktop is already open", busy)
        return 1
    try:
        repository, recovered = open_offering_backup(db, _ask_yes_no)
        repository.__enter__()
    except Exception as exc:  # noqa: BLE001 - one sentence, never a traceback
        from ccm_desktop.ui.workers import user_sentence

        QMessageBox.critical(None, "Cannot open the reports database", user_sentence(exc))
        return 2
    try:
        window = MainWindow(repository, settings, lang)
        window.show()
        notes = [*recovered, *getattr(repository, "notes", [])]
        if notes:  # e.g. the database was upgraded, with a backup kept
            window.statusBar().showMessage(" ".join(notes), 15000)
        return int(app.exec())
    finally:
        repository.__exit__(None, None, None)
        lock.release()
