"""What a person would wince at in the six languages' screenshots (issue 12, item 2), as tests:
the "Saved" indicator is never cut by the long due-date sentence (Russian), a table's titles
break long words with a hyphen rather than scroll the table sideways (Russian Form B), and a
figure in a text cell ("1991–1995") is never cut (Arabic, English Form F)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from ccm_desktop.storage.repository import Repository
from ccm_desktop.ui.hyphens import SOFT_HYPHEN, hyphenated, narrowest
from ccm_desktop.ui.main_window import MainWindow, saved_texts
from ccm_desktop.ui.table.editor import TableEditor
from tests.conftest import RESOURCE_SAMPLES
from tests.ui.helpers import main_window, sample_folder

TODAY = date(2025, 3, 3)


@pytest.fixture
def window(qtbot: QtBot, repository: Repository, tmp_path: Path) -> Iterator[MainWindow]:
    """The window at 1366×768 with the Croatia 2016 sample to open, back in English after."""
    shown = main_window(qtbot, repository, tmp_path, TODAY, sample_dir=sample_folder(
        tmp_path, RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json"))
    try:
        yield shown
    finally:
        shown.set_language("en")


def _table(window: MainWindow, letter: str, table_id: str) -> TableEditor:
    assert window.current is not None
    page = window.current.view.show_key(letter)
    editor = page.tables[table_id]
    assert isinstance(editor, TableEditor)
    return editor


@pytest.mark.parametrize("width", [1366, 800])
def test_the_saved_indicator_is_never_cut_by_the_due_date(
        qtbot: QtBot, window: MainWindow, width: int) -> None:
    window.set_language("ru")
    window.open_sample()
    window.resize(QSize(width, 768))
    qtbot.wait(20)
    due, saved, bar = window.due_label, window.saved_label, window.statusBar()
    assert len(due.text()) > 80  # the long Russian sentence
    metrics = QFontMetrics(saved.font())
    for text in saved_texts("ru"):
        saved.setText(text.replace("00:00", "22:18"))  # no event processed in between
        assert saved.contentsRect().width() >= metrics.horizontalAdvance(saved.text()), text
        assert saved.geometry().right() < bar.width(), text
        assert not saved.geometry().intersects(due.geometry())
    if width < 1366:  # the due sentence gives way, and is whole in its tooltip
        assert due.shown_text().endswith("…") and due.shown_text() != due.text()
        assert due.text() in due.toolTip()
    else:
        assert due.shown_text() == due.text()


def test_russian_form_b_stockpile_fits_its_frame_with_hyphenated_titles(
        qtbot: QtBot, window: MainWindow) -> None:
    window.resize(QSize(1280, 768))  # a common laptop: the long Russian titles need hyphens
    window.set_language("ru")
    window.open_sample()
    editor = _table(window, "B", "stockpile")
    qtbot.wait(20)
    grid = editor.grid
    assert grid.horizontalScrollBar().maximum() == 0  # no sideways scrolling
    model = grid.rows_model
    metrics = QFontMetrics(grid.horizontalHeader().font())
    broken = 0
    for section in range(len(model.columns)):
        title = str(model.headerData(section, Qt.Orientation.Horizontal))
        shown = hyphenated(title, "ru")
        # Every word fits on at most two lines, broken at a hyphenation point.
        assert grid.columnWidth(section) >= narrowest(shown, metrics.horizontalAdvance)
        broken += SOFT_HYPHEN in shown and any(
            metrics.horizontalAdvance(w.replace(SOFT_HYPHEN, "")) > grid.columnWidth(section)
            for w in shown.split())
    assert broken > 0  # some titles needed a hyphen: the check above is not idle
    assert hyphenated("Взрывоопасные суббоеприпасы", "ru").replace(SOFT_HYPHEN, "") == \
        "Взрывоопасные суббоеприпасы"
    assert hyphenated("集束弹药", "zh") == "集束弹药"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_figure_in_a_text_cell_is_never_cut(qtbot: QtBot, window: MainWindow,
                                               lang: str) -> None:
    window.set_language(lang)
    window.open_sample()
    editor = _table(window, "F", "contaminated_areas")
    qtbot.wait(20)
    grid, model = editor.grid, editor.grid.rows_model
    column = model.column_index("date_of_use")
    rows = [r for r in range(len(model.column_values(column)))
            if model.column_values(column)[r] == "1991–1995"]
    assert rows
    for row in rows:
        index = editor.proxy.mapFromSource(model.index(row, column))
        option = QStyleOptionViewItem()
        grid.initViewItemOption(option)
        option.rect = grid.visualRect(index)
        assert not editor.delegate.elided(option, index), (lang, row)


def test_english_typed_in_an_arabic_window_reads_left_to_right(qtbot: QtBot,
                                                              window: MainWindow) -> None:
    window.set_language("ar")
    window.open_sample()
    editor = _table(window, "B", "destruction_sites")
    model = editor.grid.rows_model
    assert window.current is not None
    document = window.current.document
    document.set_cells("B", "destruction_sites", [(0, "site", "موقع التدمير"),
                                                  (0, "planned_completion", None)])
    qtbot.wait(20)

    def direction(column_id: str) -> Qt.LayoutDirection:
        index = editor.proxy.mapFromSource(model.index(0, model.column_index(column_id)))
        option = QStyleOptionViewItem()
        editor.grid.initViewItemOption(option)
        editor.delegate.initStyleOption(option, index)
        return option.direction

    assert model.display_text(0, model.column_index("methods")).startswith("Mechanical")
    assert direction("methods") == Qt.LayoutDirection.LeftToRight  # English data
    assert direction("site") == Qt.LayoutDirection.RightToLeft  # Arabic data
    assert direction("planned_completion") == Qt.LayoutDirection.RightToLeft  # no letters
