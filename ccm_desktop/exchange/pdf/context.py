"""What every part of the PDF needs to know: the report, the label language, styles, progress."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.pdf.styles import (
    LANDSCAPE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PORTRAIT,
    Styles,
)
from ccm_desktop.schema.i18n import translate
from ccm_desktop.schema.kinds import Attachments
from ccm_desktop.schema.model import Field

ProgressCallback = Callable[[int, int], None]


class Tracker:
    """Turns units of work into `progress(done, total)` calls, at most about 200 of them."""

    def __init__(self, callback: ProgressCallback | None, total: int) -> None:
        self.callback = callback
        self.total = max(total, 1)
        self.done = 0
        self._last = -1
        self._step = max(self.total // 200, 1)
        self._lock = threading.Lock()

    def advance(self, units: int) -> None:
        with self._lock:
            self.done = min(self.done + units, self.total)
            due = self.done - self._last >= self._step or self.done == self.total
        if due:
            self._emit()

    def finish(self) -> None:
        self.done = self.total
        self._emit()

    def _emit(self) -> None:
        if self.callback is not None and self.done != self._last:
            self._last = self.done
            self.callback(self.done, self.total)


def frame_size(wide: bool) -> tuple[float, float]:
    """Width and height of the text area of a portrait or landscape page."""
    width, height = LANDSCAPE if wide else PORTRAIT
    return width - 2 * MARGIN_X, height - MARGIN_TOP - MARGIN_BOTTOM


@dataclass
class Ctx:
    report: Report
    lang: str
    styles: Styles
    tracker: Tracker
    numbers_locale: str = "en"
    draft: bool = False
    cache: dict[str, Any] = field(default_factory=dict)

    def t(self, text: str) -> str:
        """A label in the export's language (English where no translation exists yet)."""
        return translate(text, self.lang)

    def display(self, column: Field, value: Any) -> str:
        """A value as a reader sees it: numbers grouped for the locale, choices and States by
        name, attachments by file name. Never fails: an odd value in a draft prints as is."""
        if value is None or value == "" or value == []:
            return ""
        if isinstance(column.kind, Attachments):
            names = []
            for ref in value if isinstance(value, list) else [value]:
                attachment = self.report.attachments.get(str(ref))
                names.append(attachment.filename if attachment is not None else str(ref))
            return "\n".join(names)
        try:
            return str(column.kind.format(value, self.numbers_locale))
        except Exception:  # noqa: BLE001 - a value the kind cannot format still prints
            return str(value)
