"""Several lines of text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont, QResizeEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.kinds import Kind
from ccm_desktop.ui.editors.base import ValueEditor


class _PlainText(QPlainTextEdit):
    focus_lost = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.focus_lost.emit()


class NoteEditor(ValueEditor):
    """Tab moves on. On a page the box grows with its text up to a limit, then scrolls; in a
    cell Enter keeps the text and Shift+Enter (or Alt+Enter) starts a new line (`new_line`)."""

    MIN_LINES, MAX_LINES = 2, 14

    def __init__(self, kind: Kind, language: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, language, parent)
        self.box = _PlainText(self)
        self.box.setTabChangesFocus(True)
        self.row.addWidget(self.box, 1)
        self.setFocusProxy(self.box)
        self._grows = False
        self.box.textChanged.connect(self._typed)
        self.box.focus_lost.connect(self._committed)

    @property
    def main(self) -> QWidget:
        return self.box

    def _show(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.box.toPlainText() != text:
            self.box.setPlainText(text)

    def text(self) -> str:
        return self.box.toPlainText()

    def select_all(self) -> None:
        self.box.selectAll()

    def new_line(self) -> None:
        self.box.insertPlainText("\n")

    def use_on_page(self) -> None:
        self._grows = True
        self._fit()

    def use_in_cell(self) -> None:
        super().use_in_cell()
        self.box.setToolTip(self.tr_(N_("Enter keeps the text; Shift+Enter starts a new "
                                        "line.")))

    def _typed(self) -> None:
        self._fit()
        self._edited()

    def _fit(self) -> None:
        """As many lines as the text wraps to at the box's width (between the limits)."""
        if not self._grows:
            return
        height = self.box.fontMetrics().lineSpacing()
        width = self.box.viewport().width() - 2 * int(self.box.document().documentMargin())
        lines = 0
        block = self.box.document().begin()
        while block.isValid():
            lines += _wrapped_lines(block.text(), self.box.font(), width)
            block = block.next()
        shown = min(max(lines, self.MIN_LINES), self.MAX_LINES)
        self.box.setFixedHeight(shown * height + 12)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._grows:
            QTimer.singleShot(0, self, self._fit)  # after the box has its new width (if it lives)


def _wrapped_lines(text: str, font: QFont, width: int) -> int:
    """How many lines `text` takes at `width` pixels (a layout of our own, so the editor's
    is left alone)."""
    if not text or width <= 0:
        return 1
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    count = 0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        count += 1
    layout.endLayout()
    return max(count, 1)


__all__ = ["NoteEditor"]
