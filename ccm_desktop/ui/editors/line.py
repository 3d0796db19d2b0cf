"""One line of text: plain text, numbers, codes, e-mail addresses; the fallback of every kind
that has no editor of its own."""

from __future__ import annotations

import unicodedata
from typing import Any, ClassVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QCompleter, QLineEdit, QStyle, QStyleOptionFrame, QWidget

from ccm_desktop.schema.kinds import Kind
from ccm_desktop.ui.editors.base import ValueEditor


class LineEditor(ValueEditor):
    # On a page of fields, a number needs no more than this (pixels); a text takes the line.
    page_width: ClassVar[int] = 220

    def __init__(self, kind: Kind, language: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, language, parent)
        self.line = QLineEdit(self)
        self.row.addWidget(self.line, 1)
        self.setFocusProxy(self.line)
        if kind.is_number:
            self.line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.line.textEdited.connect(lambda _text: self._edited())
        self.line.editingFinished.connect(self._committed)

    @property
    def main(self) -> QWidget:
        return self.line

    def _show(self, value: Any) -> None:
        shown = self._format(value)
        if self.line.text() != shown:
            self.line.setText(shown)

    def _format(self, value: Any) -> str:
        return self.kind.format(value, self.language)

    def text(self) -> str:
        return self.line.text()

    def select_all(self) -> None:
        self.line.selectAll()

    def use_on_page(self) -> None:
        if self.kind.is_number:
            self.line.setMaximumWidth(self.page_width)
            # A figure is never cut: the input is at least as wide as the value it shows (and
            # as a figure in the millions), however narrow the page.
            self.line.textChanged.connect(self._fit_figure)
            self._fit_figure()

    def _fit_figure(self) -> None:
        room = text_room(self.line, widest_digits(self._format(9_999_999), self.line.fontMetrics()))
        needed = max(room, text_room(self.line, self.line.text()))
        self.line.setMinimumWidth(needed)
        self.line.setMaximumWidth(max(needed, self.page_width))

    def offer(self, suggestions: list[str]) -> None:
        if not suggestions:
            return
        completer = QCompleter(suggestions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.line.setCompleter(completer)


def widest_digits(text: str, metrics: QFontMetrics) -> str:
    """`text` with each digit made the widest digit of its script in this font: the widest
    text of that shape ("2016-12-31" gives "8888-88-88" in a font whose 8 is widest)."""
    out = []
    for char in text:
        value = unicodedata.decimal(char, None)
        if value is None:
            out.append(char)
            continue
        zero = ord(char) - value
        out.append(max((chr(zero + d) for d in range(10)), key=metrics.horizontalAdvance))
    return "".join(out)


def text_room(line: QLineEdit, text: str) -> int:
    """The width `line` needs to show `text` whole, without scrolling it: the text, the
    input's margins and its frame, as the style draws them."""
    margins = line.textMargins()
    inner = (line.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right()
             + 2 * LINE_MARGIN + 1)  # the margins of QLineEdit's text, the cursor
    option = QStyleOptionFrame()
    line.initStyleOption(option)  # the frame as the input draws it
    size = line.style().sizeFromContents(QStyle.ContentsType.CT_LineEdit, option,
                                         QSize(inner, line.fontMetrics().height()), line)
    return size.width()


LINE_MARGIN = 2  # QLineEdit keeps this many pixels on each side of its text


__all__ = ["LineEditor", "text_room", "widest_digits"]
