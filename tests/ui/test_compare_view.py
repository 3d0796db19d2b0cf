"""The Compare view beside an open report: last year's report of the same State is chosen, the key
figures and their difference are shown, and clicking a change selects its field or cell. A
screenshot in English and in Arabic (CCM_SHOTS=/some/folder keeps them)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QApplication, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from ccm_desktop.exchange.formats import read_report
from ccm_desktop.storage.repository import Repository, open_repository
from ccm_desktop.ui.compare_view import CompareDock
from ccm_desktop.ui.main_window import MainWindow, direction_for
from ccm_desktop.ui.settings import Settings
from ccm_desktop.ui.table import TableEditor
from tests.conftest import RESOURCE_SAMPLES
from tests.ui.helpers import fill_field, shots_folder

SIZE = QSize(1366, 768)


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[Repository]:
    with open_repository(str(tmp_path / "reports.sqlite3")) as repo:
        yield repo


def _open_2016(qtbot: QtBot, repository: Repository, tmp_path: Path, lang: str = "en",
               ) -> tuple[MainWindow, int, int]:
    older = repository.add(read_report(RESOURCE_SAMPLES / "hrv-2015-annual.ccm.json"), summary="")
    repository.add(read_report(RESOURCE_SAMPLES / "lbn-2011-initial.ccm.json"), summary="")
    newer = repository.add(read_report(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json"), summary="")
    window = MainWindow(repository, Settings.at(tmp_path / "settings.ini"), lang=lang,
                        today=date(2017, 3, 3), sample_dir=tmp_path / "none")
    qtbot.addWidget(window)
    window.resize(SIZE)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_report(newer)
    return window, older, newer


def _change_item(dock: CompareDock, path: str) -> QTreeWidgetItem:
    tree = dock.view.changes
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            if top.child(j).toolTip(0).endswith("\n" + path):
                return top.child(j)
    raise AssertionError(path)


def _click(qtbot: QtBot, dock: CompareDock, item: QTreeWidgetItem) -> None:
    tree = dock.view.changes
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center()))


def test_compare_opens_on_last_years_report_and_a_click_selects_the_cell(
        qtbot: QtBot, repository: Repository, tmp_path: Path) -> None:
    window, older, _newer = _open_2016(qtbot, repository, tmp_path)
    lebanon = older + 1
    window.act_compare.trigger()
    assert window.current is not None
    dock = window.findChild(CompareDock)
    assert dock is not None and dock.isVisible()
    view = dock.view
    assert view.choice.currentData() == older  # Croatia 2015, not Lebanon
    assert "Croatia 2015" in view.choice.currentText()
    figures = {view.figures.item(r, 0).text(): [view.figures.item(r, c).text() for c in (1, 2, 3)]
               for r in range(view.figures.rowCount())}
    assert figures["Area remaining (m²)"] == ["1,494,450", "319,700", "\u22121,174,750"]
    assert figures["Stockpile of BL755 bomb: cluster munitions"] == ["90", "30", "\u221260"]
    assert view.figures.horizontalHeaderItem(1).text() == "2015"

    # A changed cell: Form B, stockpile, row 1, munitions.
    item = _change_item(dock, "forms.B.tables.stockpile[0].munitions")
    assert item.text(0) == "Stockpile, row 1, Cluster munitions: 90 \u2192 30"
    _click(qtbot, dock, item)
    page = window.current.view.current_page()
    assert page.page.key == "B"
    editor = page.tables["stockpile"]
    assert isinstance(editor, TableEditor)
    current = editor.proxy.mapToSource(editor.grid.currentIndex())
    assert (current.row(), current.column()) == (0, editor.model.column_index("munitions"))

    # A changed field: Form F's clearance status.
    _click(qtbot, dock, _change_item(dock, "forms.F.fields.clearance_status"))
    page = window.current.view.current_page()
    assert page.page.key == "F"
    assert page.rows["clearance_status"].isAncestorOf(QApplication.focusWidget())

    # The comparison follows the edits of the open report.
    window.current.view.show_key("J")
    fill_field(qtbot, window.current.view.current_page(), "other_matters",
               "Croatia chaired the Meeting.")
    qtbot.waitUntil(lambda: "Croatia chaired the Meeting." in _change_item(
        dock, "forms.J.fields.other_matters").text(0))

    # Any other stored report can be chosen.
    view.choice.setFocus()
    view.choice.showPopup()
    popup = view.choice.view()
    row = view.choice.findData(lebanon)
    popup.setCurrentIndex(popup.model().index(row, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert "Lebanon" in view.choice.currentText()
    assert view.comparison is not None
    state = next(c for c in view.comparison.changes if c.path == "cover.fields.state")
    assert (state.old, state.new) == ("LBN", "HRV")

    window.close_report()
    qtbot.waitUntil(lambda: window.findChild(CompareDock) is None)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_screenshot_of_the_comparison(qtbot: QtBot, repository: Repository, tmp_path: Path,
                                      lang: str) -> None:
    QApplication.setLayoutDirection(direction_for(lang))
    try:
        window, _older, _newer = _open_2016(qtbot, repository, tmp_path, lang)
        window.show_compare()
        dock = window.findChild(CompareDock)
        assert dock is not None
        window.current.view.go_to("forms.F.tables.contaminated_areas[0].size_m2")  # type: ignore[union-attr]
        qtbot.wait(100)
        folder = shots_folder(tmp_path / "shots")
        assert window.grab().save(str(folder / f"40-compare-{lang}.png"))
        assert dock.view.figures.rowCount() >= 10
        if lang == "ar":
            assert dock.layoutDirection() == Qt.LayoutDirection.RightToLeft
            assert dock.windowTitle() == "\u0645\u0642\u0627\u0631\u0646\u0629"  # Compare
            labels = [dock.view.figures.item(r, 0).text()
                      for r in range(dock.view.figures.rowCount())]
            row = labels.index("\u0627\u0644\u0645\u0633\u0627\u062d\u0629 "
                               "\u0627\u0644\u0645\u062a\u0628\u0642\u064a\u0629 (m\u00b2)")
            # The sign stays before the digits in a right-to-left cell: the difference is one
            # left-to-right run of its own.
            assert dock.view.figures.item(row, 3).text() == "\u2068\u22121,174,750\u2069"
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_the_comparison_exported_as_a_pdf(qtbot: QtBot, repository: Repository,
                                          tmp_path: Path) -> None:
    """Export as PDF: the report's PDF with the comparison as an annex after the forms, or the
    comparison alone; both follow the edit just typed."""
    window, _older, _newer = _open_2016(qtbot, repository, tmp_path)
    window.show_compare()
    dock = window.findChild(CompareDock)
    assert dock is not None and window.current is not None
    view = dock.view
    assert view.export_button.isEnabled() and view.export_button.menu() is not None
    window.current.view.show_key("J")
    fill_field(qtbot, window.current.view.current_page(), "other_matters",
               "Croatia chaired the Meeting.")
    title = "Annex: changes since the report compared with"

    with_annex, alone = tmp_path / "with-annex.pdf", tmp_path / "alone.pdf"
    view.ask_pdf_target = lambda with_report: (with_annex if with_report else alone, "en")
    view.act_pdf_with_annex.trigger()
    qtbot.waitUntil(with_annex.exists, timeout=120_000)  # written whole or not at all
    reader = PdfReader(str(with_annex))
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[0] == "Cover page" and outline[-1] == title
    annex = reader.get_destination_page_number(reader.outline[-1])
    text = " ".join(p.extract_text() for p in reader.pages[annex:])
    assert "Croatia chaired the Meeting." in text and "\u22121,174,750" in text

    view.act_pdf_alone.trigger()
    qtbot.waitUntil(alone.exists, timeout=120_000)
    pages = PdfReader(str(alone)).pages
    assert len(pages) < len(reader.pages)
    assert title in pages[0].extract_text()
    assert "Croatia chaired the Meeting." in " ".join(p.extract_text() for p in pages)

    # Cancelled: nothing is written.
    view.ask_pdf_target = lambda _with_report: None
    alone.unlink()
    view.act_pdf_alone.trigger()
    qtbot.wait(200)
    assert not alone.exists()
