"""Long work (export, import) off the GUI thread, with a progress dialog; the window never
freezes. The work is a plain function `work(progress) -> result` where `progress(done, total)`
may be called from the worker thread."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ccm_desktop.domain.errors import UserError
from ccm_desktop.schema.i18n import N_, language, translate

Progress = Callable[[int, int], None]
Work = Callable[[Progress], Any]


class Cancelled(BaseException):  # noqa: N818 - it is not an error
    """Raised inside the work by its progress callback once the work was cancelled. Like
    KeyboardInterrupt it is not an Exception, so that the readers' handlers that turn any
    failure into one sentence about the file let it through."""


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, work: Work, signals: _Signals,
                 stop: threading.Event | None = None, lang: str = "en") -> None:
        super().__init__()
        self.work = work
        self.signals = signals  # held here, so that it outlives whoever started the work
        self.stop = stop
        self.lang = lang
        self.setAutoDelete(True)

    def _progress(self, done: int, total: int) -> None:
        if self.stop is not None and self.stop.is_set():
            raise Cancelled
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.work(self._progress)
        except Cancelled:
            self.signals.cancelled.emit()
            return
        except Exception as exc:  # noqa: BLE001 - reported as one sentence on the GUI thread
            self.signals.failed.emit(user_sentence(exc, self.lang))
            return
        self.signals.finished.emit(result)


class Task(QObject):
    """Work in the thread pool that can be cancelled: `cancel()` makes the work's next
    progress call raise `Cancelled`, and `cancelled` is signalled instead of `finished`. No
    dialog of its own: the caller shows the progress where it fits."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Work, parent: QObject | None = None, lang: str = "en") -> None:
        super().__init__(parent)
        self._work = work
        self._lang = lang
        self._stop = threading.Event()
        self._signals = _Signals()
        self._signals.progress.connect(self.progress)
        self._signals.finished.connect(self.finished)
        self._signals.failed.connect(self.failed)
        self._signals.cancelled.connect(self.cancelled)

    def start(self) -> None:
        QThreadPool.globalInstance().start(_Runnable(self._work, self._signals, self._stop,
                                                   self._lang))

    def cancel(self) -> None:
        self._stop.set()


def user_sentence(exc: BaseException, lang: str = "en") -> str:
    """One plain sentence for a failure: the error's own user message where it has one; a file
    that cannot be read, or a value that does not fit, in the reader's language `lang`."""
    text_in = getattr(exc, "text", None)
    if callable(text_in) and type(exc).__name__ in ("UnreadableFile", "KindError"):
        return str(text_in(lang))
    if isinstance(exc, UserError) and exc.user_message:
        return exc.text_in(language(lang))
    if isinstance(exc, OSError):
        name = exc.filename or "the file"
        return f"{name}: {exc.strerror or exc}"
    text = str(exc).strip()
    if text and isinstance(exc, ValueError):
        return text  # a library's own sentence about a value (e.g. a date that does not exist)
    last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f" (in {last[0].name})" if last else ""
    return f"Something unexpected went wrong{where}: {type(exc).__name__}: {text}"


class Job(QObject):
    """One piece of long work. Connect `finished(result)` / `failed(sentence)`, then `start()`.
    A progress dialog (window-modal, so the window stays painted) shows while it runs."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QWidget, label: str, work: Work, lang: str = "en") -> None:
        super().__init__(parent)
        self._signals = _Signals()
        self._work = work
        self._lang = lang
        self.dialog = QProgressDialog(label, "", 0, 0, parent)
        self.dialog.setWindowTitle(translate(N_("Please wait"), lang))
        self.dialog.setCancelButton(None)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self._signals.progress.connect(self._progress)
        self._signals.finished.connect(self._finished)
        self._signals.failed.connect(self._failed)

    def start(self) -> None:
        self.dialog.setValue(0)
        QThreadPool.globalInstance().start(_Runnable(self._work, self._signals, lang=self._lang))

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _finished(self, result: object) -> None:
        self.dialog.close()
        self.finished.emit(result)

    def _failed(self, sentence: str) -> None:
        self.dialog.close()
        self.failed.emit(sentence)
