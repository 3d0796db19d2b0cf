"""A one-line label that gives way: when the room is short it ends its text with "…" (the whole
text stays in its tooltip) instead of pushing its neighbours out of sight."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyleOption, QWidget

MIN_CHARS = 12  # it never shrinks below about this many characters


class ElidedLabel(QLabel):
    """Used in the status bar for the due date, whose sentence can be long (Russian, French):
    the "Saved" indicator beside it keeps its full width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        if not self.text():
            return hint
        margins = self.contentsMargins()
        room = self.fontMetrics().averageCharWidth() * MIN_CHARS + margins.left() + margins.right()
        return QSize(min(hint.width(), room), hint.height())

    def shown_text(self) -> str:
        """The text as painted: whole when it fits, else cut with "…" at its end."""
        room = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, room)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawItemText(painter, self.contentsRect(),
                                  int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter),
                                  option.palette, self.isEnabled(), self.shown_text(),
                                  self.foregroundRole())
        painter.end()


def steady_width(label: QLabel, texts: list[str]) -> None:
    """Keep `label` as wide as the widest of the texts it takes in turn ("Saving…", "✓ Saved
    22:18"), so that a change of text never waits for the layout to make room."""
    metrics = label.fontMetrics()
    margins = label.contentsMargins()
    label.setMinimumWidth(max(metrics.horizontalAdvance(t) for t in texts)
                          + margins.left() + margins.right())


__all__ = ["ElidedLabel", "steady_width"]
