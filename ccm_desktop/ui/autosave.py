"""Saving without a Save button: right after each edit, on Ctrl+S and on close.

The autosaver gathers what the document's commands say they changed (`Touched`) and hands it
to the repository with the report itself (no copy): storage then compares and writes only those
values and rows (benchmarks/bench_change_stream.py measures it), so saving runs on the GUI
thread between keystrokes. That keeps one database connection in one thread and a save can
never race the next edit.

There is one debounce, not two in series: a field sends its value to the document after a pause
in typing (FieldRow in ui/form_page.py), and a cell when it is committed; every edit reaching the
document is already paced by the person, so the autosaver saves on the next turn of the event
loop (edits made in the same turn, e.g. by one action, are saved together).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from ccm_desktop.domain.changes import Change, Touched
from ccm_desktop.domain.errors import UserError
from ccm_desktop.domain.report import Report
from ccm_desktop.schema.i18n import isolate, language, translate
from ccm_desktop.ui.document import ReportDocument

SAVE_DELAY_MS = 0  # the next turn of the event loop after an edit (see above)

# save(report, touched): touched says what changed since the last successful save.
Saver = Callable[[Report, Touched], object]


class Autosaver(QObject):
    """Saves `document` through `save(report)`. Signals `state(str)` with what to show:
    "Saving…", "Saved 14:02", or a sentence when saving failed (the edits stay in the window
    and saving is tried again at the next edit)."""

    state = Signal(str)

    def __init__(self, document: ReportDocument, save: Saver, delay_ms: int = SAVE_DELAY_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._save = save
        self.dirty = False
        self._touched = Touched()
        self.failed: str | None = None
        self.saved_at: datetime | None = None
        self.last_duration = 0.0  # seconds the last save took (benchmarks/run.py reads it)
        self.lang = "en"  # the language of what `state` says; the window sets it
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.flush)
        document.changes_made.connect(self._edited)

    def _edited(self, changes: tuple[Change, ...]) -> None:
        for change in changes:
            self._touched.add(change)
        self.dirty = True
        self.state.emit(translate("Saving\u2026", self.lang))
        self._timer.start()

    def flush(self) -> bool:
        """Save now if anything is unsaved. True when everything is saved."""
        self._timer.stop()
        if not self.dirty:
            return self.failed is None
        started = time.perf_counter()
        try:
            self._save(self.document.report, self._touched)
        except Exception as exc:  # noqa: BLE001 - any failure is said, and the edits are kept
            message = (exc.text_in(language(self.lang)) if isinstance(exc, UserError)
                       else str(exc)) \
                or type(exc).__name__
            self.failed = translate("\u2716 Not saved: {problem}", self.lang).format(
                problem=message)
            self.state.emit(self.failed)
            return False
        self.last_duration = time.perf_counter() - started
        self.dirty = False
        self._touched = Touched()
        self.failed = None
        self.saved_at = datetime.now()
        self.state.emit(self.saved_text())
        return True

    def saved_text(self) -> str:
        """What the status bar says (one of the main window's `saved_texts`, or why saving failed)."""
        if self.failed:
            return self.failed
        if self.dirty:
            return translate("Saving\u2026", self.lang)
        if self.saved_at is None:
            return translate("\u2713 Saved", self.lang)
        return translate("\u2713 Saved {time}", self.lang).format(
            time=isolate(f"{self.saved_at:%H:%M}", self.lang))
