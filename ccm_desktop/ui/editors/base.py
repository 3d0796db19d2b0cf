"""The one interface of every value editor, whether it sits in a field of a page or in a cell.

An editor shows a stored value (`set_value`) and gives back what the person entered as text
that its kind reads (`text`), the value that text stands for (`value`, which raises KindError)
or the sentence that says why it cannot be read (`problem`). It signals `edited` as the person
changes the text and `committed` when they are done with it (Enter, leaving the input, a pick
from a list or the calendar). What happens then is the place's business: a page of fields sends
the value after a pause in typing (ui/form_page.py), a table cell checks and stores it on Enter
or Tab (ui/table/delegate.py). `language` is the user's locale ("fr", "en_US"): numbers and
dates are read and written in it, and the editor's own words are in its language.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from ccm_desktop.schema.i18n import translate
from ccm_desktop.schema.kinds import Kind, KindError


class ValueEditor(QWidget):
    """Base: a frame around one or more inputs; `main` takes the focus and the keys."""

    edited = Signal()  # the person changed the text; more may follow
    committed = Signal()  # the person is done with it

    # The width a cell's editor needs at least (a unit list or a calendar button beside it).
    minimum_width: ClassVar[int] = 0

    def __init__(self, kind: Kind, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.language = language
        self.lang = language.split("_")[0]  # the editor's own words
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(2)

    # What every editor provides -----------------------------------------------------------------

    @property
    def main(self) -> QWidget:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show a stored value (None: empty) without signalling an edit."""
        blocker = QSignalBlocker(self)
        self._show(value)
        del blocker

    def text(self) -> str:
        """What the person entered, as text that the kind reads in `language`."""
        raise NotImplementedError

    def value(self) -> Any:
        """The value the text stands for (None when empty); KindError when it cannot be read."""
        return self.kind.parse(self.text(), self.language)

    def problem(self) -> str:
        """'“31/02/2024” is not a real date' when the text cannot be read; "" when it can."""
        try:
            self.value()
        except KindError as exc:
            return f"\u201c{self.text().strip()}\u201d {exc.text(self.lang)}"
        return ""

    def select_all(self) -> None:
        """Select what is shown, so that typing replaces it."""

    def focus_input(self) -> None:
        self.main.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_accessible(self, name: str, description: str = "") -> None:
        """Name the editor and its inputs for a screen reader; inputs that have their own name
        (a unit list, a calendar button) keep it."""
        for widget in [self, self.main, *self.findChildren(QWidget)]:
            if widget in (self, self.main) or not widget.accessibleName():
                widget.setAccessibleName(name)
                widget.setAccessibleDescription(description)

    # Where the editor is used -------------------------------------------------------------------

    def use_on_page(self) -> None:
        """Lay out for a page of fields, with room beside it: an input as wide as its content
        needs (a number, a date, a list) rather than the whole line."""

    def use_in_cell(self) -> None:
        """Lay out for a table cell: no frame of its own, painted over the cell."""
        self.setAutoFillBackground(True)
        for line in self.findChildren(QLineEdit):
            if line.window() is self.window():  # not the inputs of a popup (the calendar's)
                line.setFrame(False)

    def offer(self, suggestions: list[str]) -> None:
        """Offer `suggestions` as the person types; other text is still accepted. Only the
        editors of free text take them."""

    def remember_in(self, memory: dict[str, str]) -> None:
        """A dict shared by the editors of one table, to keep a choice (the unit of an area)
        from one cell to the next."""

    # For the editors ----------------------------------------------------------------------------

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def tr_(self, text: str) -> str:
        return translate(text, self.lang)

    def _edited(self) -> None:
        if alive(self):
            self.edited.emit()

    def _committed(self) -> None:
        if alive(self):
            self.committed.emit()


def alive(widget: QWidget) -> bool:
    """False while Qt is destroying `widget` (an instance of a Python subclass): an input inside
    still loses focus then, but the widget's own signals are already gone."""
    try:
        return bool(widget.metaObject().className() == type(widget).__name__)
    except RuntimeError:  # the wrapper outlived the widget
        return False


__all__ = ["ValueEditor", "alive"]
