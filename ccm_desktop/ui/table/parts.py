"""Small pieces around the grid: the empty-table page, the sort notice, the message line."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from ccm_desktop.schema.i18n import N_, translate
from ccm_desktop.schema.model import Table

INFO_BACKGROUND = QColor("#e8f0fb")
ATTENTION_BACKGROUND = QColor("#fdf1d8")


_UNIT_CODE = re.compile(r"(?<![\w²])(k?m)2(?![\w²])", re.IGNORECASE)


def with_unit_symbols(text: str) -> str:
    """Units as a person writes them: "-500 m2" -> "-500 m²", "3 km2" -> "3 km²" (the codes
    m2 and km2 are how units are typed and stored, never how they are shown)."""
    return _UNIT_CODE.sub(lambda m: f"{m.group(1).lower()}²", text)


def _tinted(widget: QWidget, colour: QColor) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, colour)
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)


class EmptyPage(QFrame):
    """What an empty table shows instead of a blank grid: a sentence and the way to start."""

    def __init__(self, table: Table, lang: str, add: QAction, paste: QAction,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(translate(N_("{table}: no rows yet"), lang).format(
            table=translate(table.label, lang)))
        sentence = translate(N_("No rows yet. Add one for each entry, or paste rows copied from "
                                "a spreadsheet."), lang)
        if table.min_rows:
            sentence += " " + translate(N_("At least one row is needed."), lang)
        self.sentence = QLabel(sentence, self)
        self.sentence.setWordWrap(True)
        self.add_button = QPushButton(add.text(), self)
        self.add_button.setToolTip(add.toolTip())
        self.add_button.setAccessibleName(add.text())
        self.add_button.clicked.connect(add.trigger)
        self.paste_button = QPushButton(paste.text(), self)
        self.paste_button.setToolTip(paste.toolTip())
        self.paste_button.setAccessibleName(paste.text())
        self.paste_button.clicked.connect(paste.trigger)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.paste_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(self.sentence)
        layout.addLayout(buttons)


class SortBar(QFrame):
    """Says that the view is sorted for reading only, with the way back to the stored order."""

    stored_order_requested = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        _tinted(self, INFO_BACKGROUND)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.button = QPushButton(translate(N_("Back to stored order"), lang), self)
        self.button.setAccessibleName(self.button.text())
        self.button.clicked.connect(self.stored_order_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.setVisible(False)

    def show_sorted(self, column_label: str) -> None:
        if column_label:
            self.label.setText(translate(N_("Sorted by {column} for reading. The rows keep their "
                                            "stored order, which the report uses; moving rows "
                                            "works in the stored order."), self.lang)
                               .format(column=column_label))
        self.setVisible(bool(column_label))


class MessageBar(QFrame):
    """The last thing to tell the person about this table (a paste, a value refused). It stays
    while the person looks at it, so that nobody has to read fast, and goes when they move on
    (`clear_if_stale`: another cell, another edit, Esc, a jump) or close it."""

    def __init__(self, lang: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setAccessibleName(translate(N_("Close the message"), lang))
        self.close_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.attention = False
        self.fresh = False  # shown in this turn of the event loop: what caused it is not news
        self.setVisible(False)

    def show_message(self, text: str, attention: bool = False) -> None:
        text = with_unit_symbols(text)
        self.fresh = True
        QTimer.singleShot(0, self, self._settle)
        self.attention = attention
        self.icon.setText("⚠" if attention else "ℹ")
        self.text.setText(text)
        self.setAccessibleName(text)
        _tinted(self, ATTENTION_BACKGROUND if attention else INFO_BACKGROUND)
        self.setVisible(True)

    def _settle(self) -> None:
        self.fresh = False

    def clear(self) -> None:
        self.text.setText("")
        self.setVisible(False)

    def clear_if_stale(self) -> None:
        """The person moved on: the message goes, unless it was caused by this very step (a
        value refused as the focus left its cell for another)."""
        if not self.fresh:
            self.clear()

    def message(self) -> str:
        return self.text.text() if self.isVisible() or self.text.text() else ""
