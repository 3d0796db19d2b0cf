"""An area: a figure and its unit (m², ha, km²), kept in square metres."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QWidget

from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.kinds import AREA_UNIT_SYMBOLS, AREA_UNITS, AreaM2, Kind, KindError
from ccm_desktop.ui.editors.line import LineEditor


class AreaEditor(LineEditor):
    """The unit list beside the figure says what the figure is in; Up and Down arrows change
    it, and a unit typed after the figure ("2.5 ha") wins over the list. The unit last chosen
    stays for the next value (in a table, for every area cell of the table: `remember_in`)."""

    minimum_width: ClassVar[int] = 150

    def __init__(self, kind: Kind, language: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, language, parent)
        self.unit = QComboBox(self)
        for unit_id, label in AREA_UNIT_SYMBOLS.items():
            self.unit.addItem(label, unit_id)
        self.unit.setToolTip(self.tr_(N_("The unit of the figure you type (Up and Down arrows "
                                         "change it); it is stored in square metres.")))
        self.line.setToolTip(self.tr_(N_("Type the area; Up and Down arrows change the unit, or "
                                         "type it after the figure (2.5 ha).")))
        self.unit.setAccessibleName(self.tr_(N_("Unit")))
        self.row.addWidget(self.unit)
        self._value: Any = None
        self._last_shown = ""
        self._memory: dict[str, str] = {}
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self.line.installEventFilter(self)

    def remember_in(self, memory: dict[str, str]) -> None:
        self._memory = memory

    def current_unit(self) -> str:
        return str(self.unit.currentData())

    def step_unit(self, step: int) -> None:
        self.unit.setCurrentIndex(max(0, min(self.unit.count() - 1,
                                             self.unit.currentIndex() + step)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.line and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.step_unit(1 if event.key() == Qt.Key.Key_Down else -1)
            return True
        return super().eventFilter(watched, event)

    def _show(self, value: Any) -> None:
        self._value = value
        blocker = QSignalBlocker(self.unit)
        self.unit.setCurrentIndex(max(0, self.unit.findData(self._memory.get("unit", "m2"))))
        del blocker
        self._show_in_unit()

    def _show_in_unit(self) -> None:
        super()._show(self._value)
        self._last_shown = self.line.text()

    def _format(self, value: Any) -> str:
        if not isinstance(value, Decimal):
            return super()._format(value)
        factor = AREA_UNITS[self.current_unit()]
        return super()._format((value / factor).normalize() if factor != 1 else value)

    def _unit_changed(self) -> None:
        self._memory["unit"] = self.current_unit()
        if self.line.text() == self._last_shown:
            self._show_in_unit()  # nothing typed yet: the same area in the new unit
        else:
            self._edited()  # what was typed now means another area

    def text(self) -> str:
        typed = self.line.text().strip()
        if not typed:
            return ""
        try:
            AreaM2().parse(f"{typed} m2", self.language)
        except KindError:
            return typed  # a unit typed with the figure, or text that is no figure at all
        return f"{typed} {self.current_unit()}"


__all__ = ["AreaEditor"]
