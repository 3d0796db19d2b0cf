"""One line of text: plain text, numbers, codes, e-mail addresses; the fallback of every kind
that has no editor of its own."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

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

    def offer(self, suggestions: list[str]) -> None:
        if not suggestions:
            return
        completer = QCompleter(suggestions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.line.setCompleter(completer)


__all__ = ["LineEditor"]
