"""A list to choose from: the options of a Choice kind, or Yes and No. The first, empty line
("not given") clears the value."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QWheelEvent
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QWidget

from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.kinds import Choice, Kind
from ccm_desktop.ui.editors.base import ValueEditor

NOT_GIVEN = "\u2014"
LABEL_INSET = 1  # the style draws a list's text this far in from each side of its field


class NoWheelCombo(QComboBox):
    """A closed list does not change when the page scrolls over it.

    Made as wide as its contents (`AdjustToContents`, on a page), it is wide enough to draw
    every item whole. Qt's own width falls short: it measures each text's ink
    (`boundingRect`), which starts a pixel in and is a pixel narrower than the room the text
    takes when drawn (its advance), while the style draws the text a pixel in from each side of
    its field; the last letter was cut ("التقرير السنوي", whose last letter is on the left in
    Arabic)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self._whole(super().sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self._whole(super().minimumSizeHint())

    def _whole(self, hint: QSize) -> QSize:
        if self.sizeAdjustPolicy() != QComboBox.SizeAdjustPolicy.AdjustToContents:
            return hint
        return QSize(max(hint.width(), self.width_for_items()), hint.height())

    def width_for_items(self) -> int:
        """The width at which the style's text field holds the widest item whole, in the
        combo's font (with whatever fonts stand in for its missing letters) and direction."""
        metrics = QFontMetricsF(self.font())
        texts = [self.itemText(i) for i in range(self.count())]
        widest = max((max(metrics.horizontalAdvance(t), metrics.boundingRect(t).right())
                      for t in texts), default=0.0)
        text = math.ceil(widest) + 2 * LABEL_INSET
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        style = self.style()
        height = max(super().sizeHint().height(), 1)
        width = style.sizeFromContents(QStyle.ContentsType.CT_ComboBox, option,
                                       QSize(text, height), self).width()
        for _ in range(3):  # the style's field for that width: wider until the text fits
            option.rect = QRect(0, 0, width, height)
            field = style.subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, self)
            if field.width() >= text:
                break
            width += text - field.width()
        return width

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
