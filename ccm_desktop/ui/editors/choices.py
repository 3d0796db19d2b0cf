"""A list to choose from: the options of a Choice kind, or Yes and No. The first, empty line
("not given") clears the value."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QWidget

from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.kinds import Choice, Kind
from ccm_desktop.ui.editors.base import ValueEditor

NOT_GIVEN = "\u2014"


class NoWheelCombo(QComboBox):
    """A closed list does not change when the page scrolls over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class ChoiceEditor(ValueEditor):
    """`text` is the chosen option's id, which the kind reads back."""

    def __init__(self, kind: Kind, language: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, language, parent)
        self.combo = NoWheelCombo(self)
        self.combo.addItem(NOT_GIVEN, None)
        for option, label in self.options():
            self.combo.addItem(label, option)
        self.row.addWidget(self.combo, 1)
        self.setFocusProxy(self.combo)
        self.combo.activated.connect(lambda _index: self._committed())

    def options(self) -> list[tuple[Any, str]]:
        assert isinstance(self.kind, Choice)
        return [(o.id, self.tr_(o.label)) for o in self.kind.options]

    @property
    def main(self) -> QWidget:
        return self.combo

    def _show(self, value: Any) -> None:
        for index in range(self.combo.count()):
            if self.combo.itemData(index) == value and (value is not None or index == 0):
                self.combo.setCurrentIndex(index)
                return
        self.combo.setCurrentIndex(0)

    def text(self) -> str:
        chosen = self.combo.currentData()
        return "" if chosen is None else str(chosen)

    def use_on_page(self) -> None:
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.row.setStretch(0, 0)
        self.row.addStretch(1)


class YesNoEditor(ChoiceEditor):
    """`text` is "yes" or "no", which the kind reads in every language."""

    def options(self) -> list[tuple[Any, str]]:
        return [(True, self.tr_(N_("Yes"))), (False, self.tr_(N_("No")))]

    def text(self) -> str:
        chosen = self.combo.currentData()
        return "" if chosen is None else ("yes" if chosen else "no")


__all__ = ["ChoiceEditor", "NoWheelCombo", "YesNoEditor"]
