"""A date: typed as YYYY-MM-DD or in the language's day-first (or US month-first) form, or
picked from a calendar."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QToolButton, QWidget

from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.kinds import Kind, KindError
from ccm_desktop.ui.editors.line import LineEditor, text_room, widest_digits


def _calendar_icon() -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#4a5563"))
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(2, 3, 12, 3, QColor("#4a5563"))
    for x in (4, 7, 10):
        for y in (8, 11):
            painter.fillRect(x, y, 2, 2, QColor("#4a5563"))
    painter.end()
    return QIcon(pixmap)


class DateEditor(LineEditor):
    minimum_width: ClassVar[int] = 130
    page_width: ClassVar[int] = 140

    def __init__(self, kind: Kind, language: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, language, parent)
        self.line.setPlaceholderText(self.tr_(N_("YYYY-MM-DD")))
        self.button = QToolButton(self)
        self.button.setIcon(_calendar_icon())
        self.button.setToolTip(self.tr_(N_("Pick the date from a calendar")))
        self.button.setAccessibleName(self.tr_(N_("Calendar")))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.open_calendar)
        self.row.addWidget(self.button)
        # A popup child, so that a table sees the focus stay inside the editor.
        self.calendar = QCalendarWidget(self)
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        self.calendar.setAccessibleName(self.tr_(N_("Calendar")))
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)

    def use_on_page(self) -> None:
        # Never narrower than the widest date in this language, so that no date is cut.
        self.line.setMinimumWidth(self.date_room())
        self.line.setMaximumWidth(max(self.page_width, self.date_room()))
        self.row.addStretch(1)

    def date_room(self) -> int:
        """The width the input needs to show any date whole (the widest digits of its font),
        and its hint when it is empty ("YYYY-MM-DD" in the language)."""
        widest = widest_digits(self._format(date(2000, 12, 31)), self.line.fontMetrics())
        return max(text_room(self.line, widest),
                   text_room(self.line, self.tr_(N_("YYYY-MM-DD"))))

    def set_placeholder(self, text: str) -> None:
        """A hint in the empty input (what a derived date becomes when left empty): as wide as
        it needs where the page has the room, and never narrower than a date."""
        self.line.setPlaceholderText(text)
        self.line.setMinimumWidth(self.date_room())
        self.line.setMaximumWidth(max(text_room(self.line, text), self.page_width,
                                      self.date_room()))

    def open_calendar(self) -> None:
        try:
            current = self.value()
        except KindError:
            current = None
        if isinstance(current, date):
            self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, picked: QDate) -> None:
        self.line.setText(self._format(date(picked.year(), picked.month(), picked.day())))
        self.calendar.hide()
        self.line.setFocus()
        self._committed()


__all__ = ["DateEditor"]
