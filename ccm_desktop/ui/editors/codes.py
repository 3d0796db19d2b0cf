"""Codes from a list, typed by name: a State (ISO 3166 alpha-3) and a currency (ISO 4217)."""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from ccm_desktop.schema.i18n import N_, translate
from ccm_desktop.schema.kinds import Kind
from ccm_desktop.schema.states import code_for_name, search_states, state_name
from ccm_desktop.ui.editors.base import ValueEditor
from ccm_desktop.ui.editors.choices import NoWheelCombo
from ccm_desktop.ui.editors.line import LineEditor


@cache
def _state_names(lang: str) -> tuple[tuple[str, str], ...]:
    return tuple((state_name(code, lang), code) for code in search_states("", lang))


class StateEditor(ValueEditor):
    """A State, found by typing any part of its name in the user's language (or its code), or
    picked from the list of States."""

    minimum_width: ClassVar[int] = 160

    def __init__(self, kind: Kind, language: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, language, parent)
        self.combo = NoWheelCombo(self)
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
        self.line.setPlaceholderText(self.tr_(N_("Type the State's name")))
        self.row.addWidget(self.combo, 1)
        self.setFocusProxy(self.combo)
        self.line.textEdited.connect(lambda _text: self._edited())
        self.line.editingFinished.connect(self._committed)
        completer.activated.connect(lambda _text: self._committed())

    @property
    def main(self) -> QWidget:
        return self.combo

    def _show(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))
        if index < 0:
            self.combo.setEditText(str(value))

    def text(self) -> str:
        """The name as typed; a part of a name that only one State has stands for it
        ("germ": Germany)."""
        typed = self.combo.currentText().strip()
        if typed and code_for_name(typed, self.language) is None:
            found = search_states(typed, self.lang)
            if len(found) == 1:
                return state_name(found[0], self.lang)
        return typed

    def select_all(self) -> None:
        self.line.selectAll()

    def use_on_page(self) -> None:
        # The list of States does not set the page's width (the longest name is some 50
        # letters): the input takes the room there is, its list opens as wide as the names.
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(STATE_CONTENTS_LENGTH)
        view = self.combo.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width())


STATE_CONTENTS_LENGTH = 16  # letters the State's input shows at the least on a page


@cache
def _currency_model() -> QStandardItemModel:
    import pycountry

    model = QStandardItemModel()
    for currency in sorted(pycountry.currencies, key=lambda c: str(c.alpha_3)):
        item = QStandardItem(f"{currency.alpha_3} \u2013 {currency.name}")
        item.setData(str(currency.alpha_3), Qt.ItemDataRole.EditRole)
        model.appendRow(item)
    return model


class CurrencyEditor(LineEditor):
    """An ISO 4217 code; the list shows the currency's name as you type."""

    page_width: ClassVar[int] = 120

    def __init__(self, kind: Kind, language: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, language, parent)
        completer = QCompleter(self)
        completer.setModel(_currency_model())
        completer.setCompletionRole(Qt.ItemDataRole.EditRole)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.line.setCompleter(completer)
        self.line.setMaxLength(3)
        self.line.setPlaceholderText(translate("EUR", self.lang))  # an example code
        completer.activated.connect(lambda _text: self._committed())

    def text(self) -> str:
        return self.line.text().upper()

    def use_on_page(self) -> None:
        self.line.setMaximumWidth(self.page_width)
        self.row.addStretch(1)

    def offer(self, suggestions: list[str]) -> None:
        """The list of currencies is the suggestion."""


__all__ = ["CurrencyEditor", "StateEditor"]
