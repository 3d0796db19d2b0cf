"""Typed editors for the single fields of a page, one per value kind, chosen by a dict.

Every editor is a `ValueEditor`: it shows a value, and when the person types it emits
`edited(value, final)` with the parsed value (`final` is True when they leave the field or press
Enter, which ends one undo step). Text that cannot be read as the kind is not sent to the
document; the editor says why in `problem(str)` and keeps the text so nothing typed vanishes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QSignalBlocker, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ccm_desktop.schema.i18n import N_, translate
from ccm_desktop.schema.kinds import (
    AREA_UNIT_SYMBOLS,
    AREA_UNITS,
    AreaM2,
    Choice,
    DateKind,
    Kind,
    KindError,
    Note,
    StateKind,
    YesNo,
)

TYPING_PAUSE_MS = 350  # a pause in typing sends the value, so findings follow as you type


class ValueEditor(QWidget):
    edited = Signal(object, bool)  # value, final
    problem = Signal(str)  # "" when the text is readable again

    def __init__(self, kind: Kind, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.lang = lang
        self._value: Any = None

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        """Show `value` (from the document) without sending it back."""
        self._value = value
        blocker = QSignalBlocker(self)
        self._show(value)
        del blocker
        self.problem.emit("")

    def focus_input(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def commit(self) -> None:
        """Send what was typed and not yet sent (the pause after typing has not passed): every
        way out of the window calls this before it saves."""

    def set_accessible(self, name: str, description: str) -> None:
        for widget in [self, *self.findChildren(QWidget)]:
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(description)

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def _emit(self, value: Any, final: bool) -> None:
        if not self._alive():
            return
        self._value = value
        self.problem.emit("")
        self.edited.emit(value, final)

    def _alive(self) -> bool:
        """False while Qt is destroying the editor: its input still loses focus then, but
        the editor's own signals are already gone."""
        try:
            return bool(self.metaObject().className() == type(self).__name__)
        except RuntimeError:  # the wrapper outlived the widget
            return False


class LineEditor(ValueEditor):
    """One line of text, read as the kind (text, numbers, codes, e-mail, State names)."""

    def __init__(self, kind: Kind, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, lang, parent)
        self.line = QLineEdit(self)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(4)
        self.row.addWidget(self.line, 1)
        self.setFocusProxy(self.line)
        if kind.is_number:
            self.line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.line.setMaximumWidth(220)
        self._pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._pause.timeout.connect(lambda: self._read(final=False))
        self.line.textEdited.connect(lambda _t: self._pause.start())
        self.line.editingFinished.connect(lambda: self._read(final=True))

    def text(self) -> str:
        return self.line.text()

    def commit(self) -> None:
        if self._pause.isActive():
            self._read(final=True)

    def _show(self, value: Any) -> None:
        if value is None and self.line.text() and self._parse_quietly() is None:
            return  # keep unreadable text the person is still fixing
        self.line.setText(self._format(value))

    def _format(self, value: Any) -> str:
        return self.kind.format(value, self.lang)

    def _parse(self, text: str) -> Any:
        return self.kind.parse(text, self.lang)

    def _parse_quietly(self) -> Any:
        try:
            return self._parse(self.line.text())
        except KindError:
            return None

    def _read(self, final: bool) -> None:
        if not self._alive():
            return
        self._pause.stop()
        text = self.line.text()
        try:
            value = self._parse(text)
        except KindError as exc:
            if not self._alive():
                return
            self.problem.emit(f"\u201c{text.strip()}\u201d {exc.text(self.lang)}")
            return
        if final and value is not None and self._format(value) != text:
            self.line.setText(self._format(value))  # show it as it will be kept
        if value != self._value or final:
            self._emit(value, final)


class AreaEditor(LineEditor):
    """An area in square metres, typed in m², ha or km² (the unit list beside the number)."""

    def __init__(self, kind: Kind, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, lang, parent)
        self.unit = QComboBox(self)
        for unit_id, label in AREA_UNIT_SYMBOLS.items():
            self.unit.addItem(label, unit_id)
        self.unit.setToolTip(translate(N_("Unit of the number you type; it is kept in square "
                                          "metres."), self.lang))
        self.unit.currentIndexChanged.connect(lambda _i: self._show(self._value))
        self.row.addWidget(self.unit)

    def _unit(self) -> str:
        return str(self.unit.currentData())

    def _format(self, value: Any) -> str:
        if value is None:
            return ""
        factor = AREA_UNITS[self._unit()]
        return self.kind.format(value / factor if factor != 1 else value, self.lang)

    def _parse(self, text: str) -> Any:
        text = text.strip()
        if not text:
            return None
        try:
            self.kind.parse(f"{text} m2", self.lang)  # a bare figure takes the listed unit
        except KindError:
            return self.kind.parse(text, self.lang)  # a unit typed after it ("3 km2") wins
        return self.kind.parse(f"{text} {self._unit()}", self.lang)


class NoteEditor(ValueEditor):
    """Several lines; the box grows with its text up to a limit, then scrolls."""

    MIN_LINES, MAX_LINES = 2, 14

    def __init__(self, kind: Kind, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, lang, parent)
        self.box = _PlainText(self)
        self.box.setTabChangesFocus(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        self.setFocusProxy(self.box)
        self._pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._pause.timeout.connect(lambda: self._read(final=False))
        self.box.textChanged.connect(self._typed)
        self.box.focus_lost.connect(lambda: self._read(final=True))
        self._fit()

    def _typed(self) -> None:
        self._fit()
        if not self.signalsBlocked():
            self._pause.start()

    def _fit(self) -> None:
        """As many lines as the text wraps to at the box's width (between the limits)."""
        height = self.box.fontMetrics().lineSpacing()
        width = self.box.viewport().width() - 2 * int(self.box.document().documentMargin())
        lines = 0
        block = self.box.document().begin()
        while block.isValid():
            lines += _wrapped_lines(block.text(), self.box.font(), width)
            block = block.next()
        shown = min(max(lines, self.MIN_LINES), self.MAX_LINES)
        self.box.setFixedHeight(shown * height + 12)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit)  # after the box has its new width

    def _show(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.box.toPlainText() != text:
            self.box.setPlainText(text)

    def text(self) -> str:
        return self.box.toPlainText()

    def commit(self) -> None:
        if self._pause.isActive():
            self._read(final=True)

    def _read(self, final: bool) -> None:
        if not self._alive():
            return
        self._pause.stop()
        value = self.kind.parse(self.box.toPlainText(), self.lang)
        if value != self._value or final:
            self._emit(value, final)


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


class _PlainText(QPlainTextEdit):
    focus_lost = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.focus_lost.emit()


class ChoiceEditor(ValueEditor):
    """A list of choices with an empty first line ("not given")."""

    def __init__(self, kind: Kind, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, lang, parent)
        self.combo = _NoWheelCombo(self)
        self.combo.addItem("\u2014", None)
        for option_id, label in self._options():
            self.combo.addItem(label, option_id)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)
        self.combo.activated.connect(lambda _i: self._emit(self.combo.currentData(), True))

    def _options(self) -> list[tuple[Any, str]]:
        assert isinstance(self.kind, Choice)
        return [(o.id, translate(o.label, self.lang)) for o in self.kind.options]

    def _show(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))


class YesNoEditor(ChoiceEditor):
    def _options(self) -> list[tuple[Any, str]]:
        return [(True, translate("Yes", self.lang)), (False, translate("No", self.lang))]

    def _show(self, value: Any) -> None:
        self.combo.setCurrentIndex({None: 0, True: 1, False: 2}.get(value, 0))


class _NoWheelCombo(QComboBox):
    """A closed list does not change when the page scrolls over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def wheelEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class DateEditor(LineEditor):
    """A date typed as YYYY-MM-DD or DD/MM/YYYY, or picked from a calendar."""

    def __init__(self, kind: Kind, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, lang, parent)
        self.line.setPlaceholderText(translate(N_("YYYY-MM-DD"), lang))
        self.line.setMaximumWidth(140)
        self.pick = QToolButton(self)
        self.pick.setText("\u2026")
        self.pick.setToolTip(translate(N_("Pick the date from a calendar"), lang))
        self.pick.setAccessibleName(translate(N_("Pick the date from a calendar"), lang))
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        menu = QMenu(self.pick)
        self.calendar = QCalendarWidget(menu)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prime_calendar)
        self.calendar.clicked.connect(menu.close)
        self.calendar.clicked.connect(self._picked)
        self.pick.setMenu(menu)
        self.row.addWidget(self.pick)
        self.row.addStretch(1)

    def set_placeholder(self, text: str) -> None:
        self.line.setPlaceholderText(text)
        wide = self.line.fontMetrics().horizontalAdvance(text) + 24
        self.line.setMinimumWidth(min(wide, 420) if len(text) > 12 else 0)
        self.line.setMaximumWidth(max(wide, 140))

    def _prime_calendar(self) -> None:
        value = self._value if isinstance(self._value, date) else date.today()
        self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))

    def _picked(self, day: QDate) -> None:
        self.line.setText(self.kind.format(date(day.year(), day.month(), day.day()), self.lang))
        self._read(final=True)


class StateEditor(LineEditor):
    """A State, typed by name in the user's language (suggestions as you type) or ISO code."""

    def __init__(self, kind: Kind, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, lang, parent)
        from ccm_desktop.schema.states import load_states, state_name

        names = sorted({state_name(s.iso3, lang) for s in load_states().states})
        completer = QCompleter(QStringListModel(names, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.line.setCompleter(completer)
        self.line.setPlaceholderText(translate(N_("Type the State's name"), self.lang))
        completer.activated.connect(lambda _t: self._read(final=True))


EditorFactory = Callable[[Kind, str, QWidget | None], ValueEditor]

# The kind's class decides the editor; subclasses fall back along the class hierarchy.
EDITORS: dict[type[Kind], EditorFactory] = {
    Kind: LineEditor,
    Note: NoteEditor,
    AreaM2: AreaEditor,
    DateKind: DateEditor,
    Choice: ChoiceEditor,
    YesNo: YesNoEditor,
    StateKind: StateEditor,
}


def editor_for(kind: Kind, lang: str = "en", parent: QWidget | None = None) -> ValueEditor:
    for cls in type(kind).__mro__:
        factory = EDITORS.get(cls)
        if factory is not None:
            return factory(kind, lang, parent)
    raise TypeError(f"no editor for {type(kind).__name__}")


__all__ = ["EDITORS", "ValueEditor", "editor_for"]
