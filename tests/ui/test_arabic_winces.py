"""Two Arabic winces (issue 12): a list on the cover cut its last letter, and Form B's stockpile
grid could hide its totals row. No figure or word may be cut, in any language."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyleOptionComboBox
from pytestqt.qtbot import QtBot

from ccm_desktop.storage.repository import Repository
from ccm_desktop.ui.editors.choices import ChoiceEditor, NoWheelCombo
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.table.editor import TableEditor
from tests.conftest import RESOURCE_SAMPLES
from tests.ui.helpers import main_window, sample_folder

TODAY = date(2025, 3, 3)
DARK = 110  # lightness under which a pixel is ink of the text


@pytest.fixture
def window(qtbot: QtBot, repository: Repository, tmp_path: Path) -> Iterator[MainWindow]:
    """The window at 1366×768 with the Croatia 2016 sample to open, back in English after."""
    shown = main_window(qtbot, repository, tmp_path, TODAY, sample_dir=sample_folder(
        tmp_path, RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json"))
    try:
        yield shown
    finally:
        shown.set_language("en")


def _field(combo: QComboBox) -> QRect:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                        QStyle.SubControl.SC_ComboBoxEditField, combo)


def _ink_columns(image: QImage, area: QRect) -> list[int]:
    return [x for x in range(area.left(), area.right() + 1)
            if any(image.pixelColor(x, y).lightness() < DARK
                   for y in range(area.top(), area.bottom() + 1))]


def _ink_with_room(qtbot: QtBot, combo: QComboBox, index: int) -> int:
    """How many columns of ink the item's text has in a list like `combo` but far wider."""
    wide = QComboBox()
    qtbot.addWidget(wide)
    wide.setFont(combo.font())
    wide.setLayoutDirection(combo.layoutDirection())
    wide.addItem(combo.itemText(index))
    wide.setFixedSize(combo.width() + 200, combo.height())
    return len(_ink_columns(wide.grab().toImage(), _field(wide)))


@pytest.mark.parametrize("lang", ["ar", "fr", "ru"])
def test_every_list_on_the_cover_shows_its_items_whole(
        qtbot: QtBot, window: MainWindow, lang: str) -> None:
    window.set_language(lang)
    window.open_sample()
    assert window.current is not None
    page = window.current.view.show_key("cover")
    qtbot.wait(50)
    combos = {field_id: row.editor.combo for field_id, row in page.rows.items()
              if isinstance(row.editor, ChoiceEditor)}
    assert "report_kind" in combos  # the list of the issue is among them
    for field_id, combo in combos.items():
        assert isinstance(combo, NoWheelCombo)
        texts = [combo.itemText(i) for i in range(combo.count())]
        widest = _widest(combo)
        assert combo.width() >= widest + _room(combo), (lang, field_id)
        # The style draws the text a pixel in from each side of its field.
        assert _field(combo).width() - 2 >= widest, (lang, field_id)
        current = combo.currentIndex()
        try:
            for index, text in enumerate(texts):
                combo.setCurrentIndex(index)
                image = combo.grab().toImage()
                field = _field(combo)
                shown = _ink_columns(image, field)
                # The text is drawn whole: as much ink as with room to spare, and none on the
                # field's edges (where a cut text would end).
                assert len(shown) == _ink_with_room(qtbot, combo, index), (lang, field_id, text)
                assert field.left() not in shown and field.right() not in shown, text
        finally:
            combo.setCurrentIndex(current)


def _room(combo: QComboBox) -> int:
    """What the style adds around a list's text: its frame, margins and arrow."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option,
                                          QSize(0, combo.height()), combo).width()


def _widest(combo: QComboBox) -> int:
    metrics = QFontMetricsF(combo.font())
    return math.ceil(max(metrics.horizontalAdvance(combo.itemText(i))
                         for i in range(combo.count())))


def test_a_list_stays_wide_enough_when_its_font_changes(qtbot: QtBot) -> None:
    """Qt's own width measures each text's ink, a pixel short of the room it takes when drawn,
    and relies on the slack a style happens to leave; ours does not, at any size of font."""
    combo = NoWheelCombo()
    qtbot.addWidget(combo)
    combo.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    for text in ("\u2014", "التقرير الأولي", "التقرير السنوي"):
        combo.addItem(text)
    for scale in (1.0, 1.5, 2.0):
        font = combo.font()
        font.setPointSizeF(9 * scale)
        combo.setFont(font)
        combo.resize(combo.sizeHint())
        assert combo.minimumSizeHint().width() == combo.sizeHint().width()
        assert combo.width() >= _widest(combo) + _room(combo), scale
        assert _field(combo).width() - 2 >= _widest(combo), scale


def _hidden_rows(editor: TableEditor) -> list[int]:
    """The rows of the grid not shown whole, from top to bottom, in the columns in view."""
    grid = editor.grid
    model = grid.model()
    viewport = grid.viewport().rect()
    hidden = []
    for row in range(model.rowCount()):
        rects = [grid.visualRect(model.index(row, column))
                 for column in range(model.columnCount())]
        shown = [rect for rect in rects if rect.intersects(viewport)]
        if not shown or any(r.top() < 0 or r.bottom() > viewport.bottom() for r in shown):
            hidden.append(row)
    return hidden


@pytest.mark.parametrize("lang", ["ar", "en", "ru"])
def test_the_stockpile_grid_shows_every_row_and_its_totals_whole(
        qtbot: QtBot, window: MainWindow, lang: str) -> None:
    window.set_language(lang)
    window.open_sample()
    assert window.current is not None
    page = window.current.view.show_key("B")
    editor = page.tables["stockpile"]
    assert isinstance(editor, TableEditor)
    grid = editor.grid
    assert grid.model().rowCount() == 3  # the sample's two munitions and the totals row
    qtbot.waitUntil(lambda: editor.stack.height() == grid.sizeHint().height(), timeout=5000)
    assert _hidden_rows(editor) == []
    assert grid.height() == editor.stack.height()
    rows_before = grid.rowHeight(0)

    # A larger font (the system's text size changed while the report is open): the rows
    # and titles grow, and the grid with them; the totals were hidden under the last row.
    before = QApplication.font()
    font = QFont(before)
    font.setPointSizeF(font.pointSizeF() * 1.5)
    QApplication.setFont(font)
    try:
        qtbot.waitUntil(lambda: grid.rowHeight(0) > rows_before, timeout=5000)
        qtbot.wait(50)
        assert _hidden_rows(editor) == [], lang
        assert editor.stack.height() == grid.sizeHint().height()
    finally:
        QApplication.setFont(before)
