"""Starts the window: the Qt application, the settings, the database, and a last-resort handler
that shows a plain dialog instead of a traceback or a silent crash."""

from __future__ import annotations

import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

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


def run_app(db: str | None = None, argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("ccm-desktop")
    app.setOrganizationName("ccm-desktop")
    app.setStyle("Fusion")
    install_excepthook(app)

    from ccm_desktop.ui.main_window import MainWindow, direction_for
    from ccm_desktop.ui.settings import Settings

    settings = Settings.default()
    lang = settings.language()
    app.setLayoutDirection(direction_for(lang))
    try:
        from ccm_desktop.storage.repository import open_repository

        repository = open_repository(db)
        repository.__enter__()
    except Exception as exc:  # noqa: BLE001 - one sentence, never a traceback
        from ccm_desktop.ui.workers import user_sentence

        QMessageBox.critical(None, "Cannot open the reports database", user_sentence(exc))
        return 2
    try:
        window = MainWindow(repository, settings, lang)
        window.show()
        notes = list(getattr(repository, "notes", []))
        if notes:  # e.g. the database was upgraded, with a backup kept
            window.statusBar().showMessage(" ".join(notes), 15000)
        return int(app.exec())
    finally:
        repository.__exit__(None, None, None)
