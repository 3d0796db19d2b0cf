"""Starts the window: the Qt application, the settings, the database, and a last-resort handler
that shows a plain dialog instead of a traceback or a silent crash."""

from __future__ import annotations

import signal
import socket
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSocketNotifier, QThreadPool
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from ccm_desktop.schema.i18n import N_, isolate, language, translate

STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


def _log_folder() -> Path:
    from platformdirs import user_log_dir

    folder = Path(user_log_dir("ccm-desktop", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _window_language() -> str:
    """The language the window shows (English before it is open)."""
    for widget in QApplication.topLevelWidgets():
        lang = getattr(widget, "lang", None)
        if isinstance(lang, str):
            return lang
    return "en"


def install_excepthook() -> None:
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
            where = str(log)
        except OSError:
            pass
        sys.__stderr__ and print(f"ccm-desktop: {kind.__name__}: {exc}", file=sys.__stderr__)
        # The running application is looked up, not kept: a hook holding it would keep it alive
        # past the program's end, to be destroyed in whatever order the interpreter chooses.
        if not isinstance(QApplication.instance(), QApplication):
            return
        lang = _window_language()
        sentence = translate("{problem}. Your report is safe: what you typed before this was "
                             "saved.", lang).format(problem=user_sentence(exc, lang))
        if where:
            sentence += " " + translate("The details are in {file}.", lang).format(file=where)
        QMessageBox.warning(QApplication.activeWindow(), translate("Something went wrong", lang),
                            sentence)

    sys.excepthook = hook


def open_offering_backup(db: str | None, ask: Callable[[str], bool], lang: str = "en"
                         ) -> tuple[Any, list[str]]:
    """Open the reports database. If it is damaged and an automatic backup exists, `ask` the
    user (one question, in `lang`) whether to put the backup in place; the damaged file is kept
    aside. Returns the repository and sentences (in `lang`) to show once it is open.
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
        question = translate(N_("{path} is damaged or not a ccm-desktop database.\n\nPut the "
                                "newest automatic backup ({backup}) in its place? The damaged "
                                "file is kept beside it, renamed, and nothing is deleted."),
                             lang).format(path=isolate(str(path), lang),
                                          backup=isolate(exc.backup.name, lang))
        if not ask(question):
            raise
        aside = restore_backup(path, exc.backup)
        return open_repository(db), [translate(N_(
            "The automatic backup {backup} was put in place; the damaged file was kept as "
            "{aside}."), lang).format(backup=isolate(exc.backup.name, lang),
                                      aside=isolate(aside.name, lang))]


class StopOnSignals(QObject):
    """SIGTERM (the system shutting down, `kill`), SIGHUP (the terminal or session closing)
    and SIGINT (Ctrl+C) end the program cleanly: what is typed is saved, then Qt quits.

    Python runs its signal handlers only between bytecodes, never while Qt's event loop waits
    in C++. So the signal is written to a socket (`signal.set_wakeup_fd`) that Qt watches; the
    notifier wakes the loop, and the stop runs as an ordinary event on the GUI thread."""

    def __init__(self, stop: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = stop
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {number: signal.signal(number, self._note) for number in STOP_SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)
        self.received: list[int] = []

    def _note(self, number: int, _frame: object) -> None:
        self.received.append(number)

    def _woken(self) -> None:
        try:
            data = self._reader.recv(64)
        except OSError:
            return
        if any(number in STOP_SIGNALS for number in data):
            self._stop()

    def uninstall(self) -> None:
        if self._reader.fileno() < 0:
            return  # already
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._reader.close()
        self._writer.close()


def _dispose(window: QWidget) -> None:
    """Destroy the window now, while Python and the QApplication are whole: pages closed
    earlier (deleted later) first, then the window and everything in it. Left to the
    interpreter's exit, Qt objects died in an arbitrary order after their Python owners, and
    an input losing its focus while being destroyed called back into Python then."""
    focused = QApplication.focusWidget()
    if focused is not None:
        focused.clearFocus()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QThreadPool.globalInstance().waitForDone()


def _ask_yes_no(question: str, lang: str = "en", parent: QWidget | None = None) -> bool:
    answer = QMessageBox.question(parent, translate("The reports database is damaged", lang),
                                  question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def run_app(db: str | None = None, argv: list[str] | None = None) -> int:
    existing = QApplication.instance()
    app = existing or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("ccm-desktop")
    app.setOrganizationName("ccm-desktop")
    app.setStyle("Fusion")
    install_excepthook()
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
        QMessageBox.information(None, translate("ccm-desktop is already open", lang), busy)
        return 1
    # The window is painted first, saying that the reports are being opened; the database (and
    # SQLAlchemy, a third of a second to import) is opened right after, on this thread. Until
    # then nothing can be started or typed; a damaged database's question, or why it cannot be
    # opened, comes over the window.
    opened: list[Any] = []
    stopper: StopOnSignals | None = None
    try:
        window = MainWindow(None, settings, lang)

        def open_store(window: QMainWindow) -> Any:
            try:
                repository, recovered = open_offering_backup(
                    db, lambda q: _ask_yes_no(q, lang, window), lang)
                repository.__enter__()
            except Exception as exc:  # noqa: BLE001 - one sentence, never a traceback
                from ccm_desktop.ui.workers import user_sentence

                QMessageBox.critical(window, translate("Cannot open the reports database", lang),
                                     user_sentence(exc, lang))
                app.exit(2)
                return None
            opened.append(repository)
            notes = [*recovered, *(note.text(language(lang)) for note in repository.notes)]
            if notes:  # e.g. the database was upgraded, with a backup kept
                window.statusBar().showMessage(" ".join(notes), 15000)
            return repository

        window.open_later(open_store)
        window.show_on_screen()
        # Logging out and shutting down: what is typed is saved first (the session manager
        # asks with commitDataRequest; aboutToQuit is the last moment on every way out).
        app.commitDataRequest.connect(window.end_session)
        app.aboutToQuit.connect(window.end_session)
        stopper = StopOnSignals(window.stop)
        code = int(app.exec())
        stopper.uninstall()
        app.commitDataRequest.disconnect(window.end_session)
        app.aboutToQuit.disconnect(window.end_session)
        _dispose(window)
        del window
        return code
    finally:
        if stopper is not None:
            stopper.uninstall()
        for repository in opened:
            repository.__exit__(None, None, None)
        lock.release()
        if existing is None:
            sys.excepthook = sys.__excepthook__
            app.shutdown()
