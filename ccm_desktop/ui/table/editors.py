"""Cell editors, one per kind of value, chosen by a dict.

Every editor is a small container widget that shows the stored value (`set_value`) and gives
back what the person entered (`entered`): text for the model to parse with the column's kind, or
a ready value (a choice id, True/False). The delegate checks it before it is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from ccm_desktop.schema.i18n import N_, translate
from ccm_desktop.schema.kinds import (
    AREA_UNIT_SYMBOLS,
    AREA_UNITS,
    AreaM2,
    Choice,
    Currency,
    DateKind,
    Kind,
    KindError,
    Note,
    StateKind,
    YesNo,
)
from ccm_desktop.schema.states import code_for_name, search_states, state_name


class CellEditor(QWidget):
    """Base: a frame around one or more inputs; `main` gets the focus."""

    def __init__(self, kind: Kind, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind, self.user_locale, self.lang = kind, locale, locale.split("_")[0]
        self.initialised = False
        self.setAutoFillBackground(True)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)

    def _use(self, widget: QWidget, stretch: int = 0) -> None:
        self._layout.addWidget(widget, stretch)

    @property
    def main(self) -> QWidget:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def entered(self) -> Any:
        raise NotImplementedError

    def set_accessible_name(self, name: str) -> None:
        self.setAccessibleName(name)
        self.main.setAccessibleName(name)

    def minimum_width(self) -> int:
        return 0

    def tr_(self, text: str) -> str:
        return translate(text, self.lang)


class LineEditor(CellEditor):
    """One line of text; numbers, codes and plain text."""

    def __init__(self, kind: Kind, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, locale, parent)
        self.line = QLineEdit(self)
        self.line.setFrame(False)
        self._use(self.line, 1)
        self.setFocusProxy(self.line)
        if kind.is_number:
            self.line.setAlignment(Qt.AlignmentFlag.AlignRight)

    @property
    def main(self) -> QWidget:
        return self.line

    def set_value(self, value: Any) -> None:
        self.line.setText(self.kind.format(value, self.user_locale) if value is not None else "")
        self.line.selectAll()

    def entered(self) -> Any:
        return self.line.text()

    def offer(self, suggestions: list[str]) -> None:
        """Offer `suggestions` as the person types (e.g. the references of the contaminated
        areas); any other text is still accepted."""
        if not suggestions:
            return
        completer = QCompleter(suggestions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.line.setCompleter(completer)


class NoteEditor(CellEditor):
    """Several lines; Enter keeps the text, Shift+Enter or Alt+Enter starts a new line."""

    def __init__(self, kind: Kind, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, locale, parent)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setToolTip(self.tr_(N_("Enter keeps the text; Shift+Enter starts a new line.")))
        self._use(self.text, 1)
        self.setFocusProxy(self.text)

    @property
    def main(self) -> QWidget:
        return self.text

    def set_value(self, value: Any) -> None:
        self.text.setPlainText("" if value is None else str(value))
        self.text.selectAll()

    def entered(self) -> Any:
        return self.text.toPlainText()

    def new_line(self) -> None:
        self.text.insertPlainText("\n")


class AreaEditor(LineEditor):
    """A number and its unit (m², ha, km²); the value is stored in square metres."""

    def __init__(self, kind: Kind, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, locale, parent)
        self.unit = QComboBox(self)
        for unit_id, label in AREA_UNIT_SYMBOLS.items():
            self.unit.addItem(label, unit_id)
        self.unit.setToolTip(self.tr_(N_("The unit of the figure you type (Up and Down arrows "
                                         "change it); it is stored in square metres.")))
        self.line.setToolTip(self.tr_(N_("Type the area; Up and Down arrows change the unit, or "
                                         "type it after the figure (2.5 ha).")))
        self.unit.setAccessibleName(self.tr_(N_("Unit")))
        self._use(self.unit)
        self._value: Any = None
        self._last_shown = ""
        # The unit last chosen in this table, shared by its area editors (set by the delegate),
        # so that someone working in hectares is not sent back to m² on every cell.
        self.unit_memory: dict[str, str] = {}
        self.unit.currentIndexChanged.connect(self._unit_changed)

    def set_value(self, value: Any) -> None:
        self._value = value
        self.unit.blockSignals(True)
        self.unit.setCurrentIndex(max(0, self.unit.findData(self.preferred_unit())))
        self.unit.blockSignals(False)
        self._show()

    def preferred_unit(self) -> str:
        return self.unit_memory.get("unit", "m2")

    def _show(self) -> None:
        if isinstance(self._value, Decimal):
            shown = (self._value / AREA_UNITS[self.current_unit()]).normalize()
            self.line.setText(self.kind.format(shown, self.user_locale))
        else:
            self.line.setText("")
        self._last_shown = self.line.text()
        self.line.selectAll()

    def _unit_changed(self) -> None:
        self.unit_memory["unit"] = self.current_unit()
        if self.line.text() == self._last_shown:
            self._show()  # nothing typed yet: show the same area in the new unit

    def current_unit(self) -> str:
        return str(self.unit.currentData())

    def step_unit(self, step: int) -> None:
        self.unit.setCurrentIndex(max(0, min(self.unit.count() - 1,
                                             self.unit.currentIndex() + step)))

    def entered(self) -> Any:
        text = self.line.text().strip()
        if not text:
            return ""
        try:
            # A unit typed with the figure ("2.5 ha") wins over the unit list.
            AreaM2().parse(text + " m2", self.user_locale)
        except KindError:
            return text
        return f"{text} {self.current_unit()}"

    def minimum_width(self) -> int:
        return 150


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
    """A date typed as YYYY-MM-DD or DD/MM/YYYY, or picked from a calendar."""

    def __init__(self, kind: Kind, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, locale, parent)
        self.line.setPlaceholderText(self.tr_(N_("YYYY-MM-DD")))
        self.button = QToolButton(self)
        self.button.setIcon(_calendar_icon())
        self.button.setToolTip(self.tr_(N_("Pick the date from a calendar")))
        self.button.setAccessibleName(self.tr_(N_("Calendar")))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.open_calendar)
        self._use(self.button)
        # A child popup, so that the item view sees the focus stay inside the editor.
        self.calendar = QCalendarWidget(self)
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        self.calendar.setAccessibleName(self.tr_(N_("Calendar")))
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)

    def open_calendar(self) -> None:
        try:
            current = self.kind.parse(self.line.text(), self.user_locale)
        except KindError:
            current = None
        if isinstance(current, date):
            self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, picked: QDate) -> None:
        self.line.setText(date(picked.year(), picked.month(), picked.day()).isoformat())
        self.calendar.hide()
        self.line.setFocus()

    def minimum_width(self) -> int:
        return 130


class ChoiceEditor(CellEditor):
    """A list of the choices; the first, empty entry clears the cell."""

    def __init__(self, kind: Kind, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, locale, parent)
        self.combo = QComboBox(self)
        self.combo.addItem("", None)
        for value, label in self.options():
            self.combo.addItem(label, value)
        self._use(self.combo, 1)
        self.setFocusProxy(self.combo)

    def options(self) -> list[tuple[Any, str]]:
        assert isinstance(self.kind, Choice)
        return [(o.id, self.tr_(o.label)) for o in self.kind.options]

    @property
    def main(self) -> QWidget:
        return self.combo

    def set_value(self, value: Any) -> None:
        for i in range(self.combo.count()):
            if self.combo.itemData(i) == value and (value is not None or i == 0):
                self.combo.setCurrentIndex(i)
                return
        self.combo.setCurrentIndex(0)

    def entered(self) -> Any:
        return self.combo.currentData()


class YesNoEditor(ChoiceEditor):
    def options(self) -> list[tuple[Any, str]]:
        return [(True, self.tr_(N_("Yes"))), (False, self.tr_(N_("No")))]


@cache
def _state_names(lang: str) -> tuple[tuple[str, str], ...]:
    return tuple((state_name(code, lang), code) for code in search_states("", lang))


class StateEditor(CellEditor):
    """A State, found by typing any part of its name in the user's language (or its code)."""

    def __init__(self, kind: Kind, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, locale, parent)
        self.combo = QComboBox(self)
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.addItem("", None)
        for name, code in _state_names(self.lang):
            self.combo.addItem(name, code)
        completer = QCompleter(self.combo.model(), self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.setCompleter(completer)
        line = self.combo.lineEdit()
        assert line is not None
        self.line: QLineEdit = line
        self.line.setPlaceholderText(self.tr_(N_("Type a name…")))
        self._use(self.combo, 1)
        self.setFocusProxy(self.combo)

    @property
    def main(self) -> QWidget:
        return self.combo

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))
        if index < 0:
            self.combo.setEditText(str(value))
        self.line.selectAll()

    def entered(self) -> Any:
        """The name as typed; a part of a name that only one State has stands for it
        ("germ" -> Germany)."""
        text = self.combo.currentText().strip()
        if text and code_for_name(text, self.lang) is None:
            found = search_states(text, self.lang)
            if len(found) == 1:
                return state_name(found[0], self.lang)
        return text

    def minimum_width(self) -> int:
        return 160


@cache
def _currency_model() -> QStandardItemModel:
    import pycountry

    model = QStandardItemModel()
    for currency in sorted(pycountry.currencies, key=lambda c: str(c.alpha_3)):
        item = QStandardItem(f"{currency.alpha_3} – {currency.name}")
        item.setData(str(currency.alpha_3), Qt.ItemDataRole.EditRole)
        model.appendRow(item)
    return model


class CurrencyEditor(LineEditor):
    """An ISO 4217 code; the list shows the currency's name as you type."""

    def __init__(self, kind: Kind, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, locale, parent)
        completer = QCompleter(self)
        completer.setModel(_currency_model())
        completer.setCompletionRole(Qt.ItemDataRole.EditRole)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.line.setCompleter(completer)
        self.line.setMaxLength(3)
        self.line.setPlaceholderText(translate("EUR", self.lang))  # an example code

    def entered(self) -> Any:
        return self.line.text().upper()


EditorFactory = Callable[[Kind, str, QWidget | None], CellEditor]

EDITORS: dict[type[Kind], EditorFactory] = {
    Kind: LineEditor,
    Note: NoteEditor,
    AreaM2: AreaEditor,
    DateKind: DateEditor,
    Choice: ChoiceEditor,
    YesNo: YesNoEditor,
    StateKind: StateEditor,
    Currency: CurrencyEditor,
}


def editor_for(kind: Kind, locale: str, parent: QWidget | None = None) -> CellEditor:
    """The editor of the nearest kind in the class hierarchy (Money -> Kind -> line edit)."""
    for klass in type(kind).__mro__:
        factory = EDITORS.get(klass)
        if factory is not None:
            return factory(kind, locale, parent)
    return LineEditor(kind, locale, parent)


__all__ = ["CellEditor", "EDITORS", "editor_for"]
