"""Every digit shows: number columns (and the totals row) are never narrower than their widest
value, in English and in the Arabic right-to-left layout, at 1366 x 768; a text the cell must
cut short shows whole in its tooltip; the findings panel folds into a strip of counts (and opens
again with a click or F7) so that the page gets the width."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem, QToolTip
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.schema.i18n import translate
from ccm_desktop.storage.repository import Repository
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.main_window import MainWindow, direction_for
from ccm_desktop.ui.pages import page_of
from ccm_desktop.ui.report_view import ReportView
from ccm_desktop.ui.settings import Settings
from ccm_desktop.ui.table import TableEditor
from tests.ui.helpers import shots_folder, show_window
from tests.ui.table_helpers import make_editor, type_into, view_index

TODAY = date(2025, 3, 3)

CONTAMINATED = [
    {"area_id": "CHA-001", "location": "Xieng Khouang province", "status": "confirmed",
     "size_m2": Decimal(3_200_000), "remnant_types": "BLU-26 submunitions, about 400",
     "date_of_use": "1969"},
    {"area_id": "CHA-002", "location": "Savannakhet", "status": "suspected",
     "size_m2": Decimal(210_000), "remnant_types": "BLU-3", "date_of_use": "1970"},
]
CLEARANCE = [
    {"area_id": "CHA-001", "location": "Xieng Khouang", "cleared_m2": Decimal(3_200_000),
     "reduced_m2": Decimal(1_250_000), "cancelled_m2": Decimal(4_100_000),
     "submunitions_destroyed": 1_234_567, "operator": "UXO Lao"},
    {"area_id": "CHA-002", "location": "Savannakhet", "cleared_m2": Decimal(210_000),
     "reduced_m2": Decimal(2_500_000), "cancelled_m2": Decimal(1_900_000),
     "submunitions_destroyed": 2_345_678, "operator": "HALO Trust"},
]


def form_f_report() -> Report:
    report = Report()
    form = report.form("F")
    form.status = FormStatus.CHANGED
    form.tables["contaminated_areas"] = [dict(r) for r in CONTAMINATED]
    form.tables["clearance"] = [dict(r) for r in CLEARANCE]
    return report


@pytest.fixture
def direction() -> Iterator[None]:
    yield
    QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def open_window(qtbot: QtBot, repository: Repository, settings: Path, lang: str = "en",
                report: Report | None = None) -> MainWindow:
    QApplication.setLayoutDirection(direction_for(lang))
    report_id = int(repository.add(report or form_f_report(), summary="test"))
    window = show_window(qtbot, MainWindow(repository, Settings.at(settings), lang=lang,
                                           today=TODAY))
    window.open_report(report_id)
    return window


def form_f_tables(qtbot: QtBot, window: MainWindow) -> list[TableEditor]:
    assert window.current is not None
    view = window.current.view
    view.show_page(view.page_index("F"))
    qtbot.wait(50)
    tables = view.current_page().findChildren(TableEditor)
    assert {t.table_id for t in tables} == {"contaminated_areas", "clearance",
                                            "remnants_destroyed"}
    return [t for t in tables if t.table_id in ("contaminated_areas", "clearance")]


def needed_width(table: TableEditor, row: int, col: int) -> int:
    """What the cell needs to show its text whole: the text in the cell's own font (the total
    is bold), the style's text margins on both sides and the grid line."""
    grid, model = table.grid, table.model
    text = str(model.data(model.index(row, col), Qt.ItemDataRole.DisplayRole) or "")
    font = model.data(model.index(row, col), Qt.ItemDataRole.FontRole)
    font = QFont(font).resolve(grid.font()) if isinstance(font, QFont) else grid.font()
    margin = grid.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, grid) + 1
    return QFontMetrics(font).horizontalAdvance(text) + 2 * margin + 1


def assert_every_digit_shows(table: TableEditor) -> int:
    """Each number column is at least as wide as each of its cells and the total need; returns
    how many number cells were checked."""
    model, grid = table.model, table.grid
    checked = 0
    for col, column in enumerate(model.columns):
        if not column.kind.is_number:
            continue
        for row in range(model.rowCount()):
            if model.value(row, col) is None:
                continue
            need = needed_width(table, row, col)
            assert grid.columnWidth(col) >= need, (
                f"{table.table_id}.{column.id} row {row}: {model.display_text(row, col)!r} needs "
                f"{need} px, the column is {grid.columnWidth(col)} px")
            assert not cut_short(table, row, col), (table.table_id, column.id, row)
            checked += 1
    return checked


def cut_short(table: TableEditor, row: int, col: int) -> bool:
    """Whether the cell, where it stands in the grid, cuts its text short."""
    index = table.proxy.mapFromSource(table.model.index(row, col))
    option = QStyleOptionViewItem()
    table.grid.initViewItemOption(option)
    option.rect = table.grid.visualRect(index)
    return table.delegate.elided(option, index)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_seven_digit_areas_and_totals_show_every_digit(qtbot: QtBot, repository: Repository,
                                                      tmp_path: Path, direction: None,
                                                      lang: str) -> None:
    window = open_window(qtbot, repository, tmp_path / "settings.ini", lang)
    assert window.layoutDirection() == direction_for(lang)
    assert window.current is not None
    assert not window.current.view.findings.collapsed  # the panel open takes its width too
    checked = 0
    for table in form_f_tables(qtbot, window):
        assert table.grid.layoutDirection() == direction_for(lang)
        checked += assert_every_digit_shows(table)
    # 2 sizes and their total, 4 x 2 clearance figures and their 4 totals.
    assert checked == 3 + 12
    # A choice is not cut either ("Confir…"): its words do not wrap.
    areas = next(t for t in form_f_tables(qtbot, window) if t.table_id == "contaminated_areas")
    status = areas.model.column_index("status")
    assert [areas.model.display_text(r, status) for r in range(2)] == \
        [translate("Confirmed", lang), translate("Suspected", lang)]
    assert not any(cut_short(areas, r, status) for r in range(2))
    clearance = next(t for t in form_f_tables(qtbot, window) if t.table_id == "clearance")
    totals = clearance.model.rowCount() - 1
    assert clearance.model.is_totals_row(totals)
    total = clearance.model.display_text(totals, clearance.model.column_index("cleared_m2"))
    assert total.replace("\u066c", ",").replace("\u200f", "").endswith("410,000")
    shot = shots_folder(tmp_path / "shots") / f"form-f-digits-{lang}.png"
    assert window.grab().save(str(shot))  # to look at: every digit shows


def test_a_wider_number_widens_its_column_even_after_a_resize_by_hand(qtbot: QtBot) -> None:
    table = make_editor(qtbot, "F", "clearance", [dict(r) for r in CLEARANCE], width=700)
    col = table.model.column_index("submunitions_destroyed")
    table.grid.setColumnWidth(col, 20)  # dragged narrower by hand: it stops at its numbers
    assert table.grid.user_sized
    assert_every_digit_shows(table)
    type_into(qtbot, table, 0, "submunitions_destroyed", "1234567890123")
    assert table.model.value(0, col) == 1_234_567_890_123
    assert_every_digit_shows(table)  # the cell and the total, 1,234,570,235,801


def test_a_number_with_a_finding_keeps_room_for_its_sign(qtbot: QtBot) -> None:
    rows = [dict(r) for r in CLEARANCE]
    rows[0]["cleared_m2"] = Decimal(-9_999_999)  # a finding on the cell: the sign shows beside
    table = make_editor(qtbot, "F", "clearance", rows, width=700)
    col = table.model.column_index("cleared_m2")
    assert table.model.finding_at(0, "cleared_m2") is not None
    assert table.model.data(table.model.index(0, col), Qt.ItemDataRole.DecorationRole)
    assert assert_every_digit_shows(table) == 12


def tooltip_at(qtbot: QtBot, table: TableEditor, row: int, column_id: str) -> str:
    """Hover: the tooltip the grid shows for a cell."""
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    rect = table.grid.visualRect(view_index(table, row, column_id))
    viewport = table.grid.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), viewport.mapToGlobal(rect.center()))
    QApplication.sendEvent(viewport, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_a_text_the_cell_cuts_short_shows_whole_in_its_tooltip(qtbot: QtBot) -> None:
    long_word = "Savannakhet_Champasak_Attapeu_Sekong"  # no place to wrap
    rows: list[dict[str, Any]] = [dict(r) for r in CLEARANCE]
    rows[0]["location"] = long_word  # wider than the column
    rows[1]["location"] = "Savannakhet"
    table = make_editor(qtbot, "F", "clearance", rows, width=900)
    location = table.model.column_index("location")
    assert QFontMetrics(table.grid.font()).horizontalAdvance(long_word) > \
        table.grid.columnWidth(location)
    assert tooltip_at(qtbot, table, 0, "location") == long_word
    # A text that shows whole has no tooltip of its own.
    assert tooltip_at(qtbot, table, 1, "location") == ""
    # The model's own tooltip (a total's explanation) still shows.
    assert "total" in (table.model.data(
        table.model.index(2, location), Qt.ItemDataRole.ToolTipRole) or "").lower()


def test_the_findings_panel_folds_into_a_strip_and_opens_again(qtbot: QtBot,
                                                              repository: Repository,
                                                              tmp_path: Path) -> None:
    settings = tmp_path / "settings.ini"
    window = open_window(qtbot, repository, settings)
    assert window.current is not None
    view = window.current.view
    panel = view.findings
    tables = form_f_tables(qtbot, window)
    page_before = view.stack.width()
    grid_before = sum(t.grid.viewport().width() for t in tables)

    qtbot.mouseClick(panel.hide_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.width() == panel.strip_width())
    assert panel.collapsed and panel.strip.isVisible() and not panel.full.isVisible()
    errors = sum(f.is_error for f in window.current.document.findings)
    warnings = len(window.current.document.findings) - errors
    assert errors > 0
    assert f"{errors} error" in panel.strip.accessibleName()
    assert f"<br>{errors}" in panel.strip.errors.text()
    assert f"<br>{warnings}" in panel.strip.warnings.text()
    # The page takes the width the panel gave up, and its tables widen with it.
    qtbot.waitUntil(lambda: view.stack.width() > page_before + 200)
    assert sum(t.grid.viewport().width() for t in tables) > grid_before
    for table in tables:
        assert_every_digit_shows(table)
    assert Settings.at(settings).findings_collapsed()
    assert window.grab().save(str(shots_folder(tmp_path / "shots") / "form-f-folded.png"))

    qtbot.mouseClick(panel.strip, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.width() >= 240)
    assert not panel.collapsed and panel.full.isVisible() and not panel.strip.isVisible()
    assert view.stack.width() <= page_before + 2
    assert not Settings.at(settings).findings_collapsed()

    # F7 checks the report, goes to the first error and opens the folded panel.
    panel.set_collapsed(True)
    assert view.current_page().page.key == "F"
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert not panel.collapsed and panel.full.isVisible()
    first_error = next(f for f in window.current.document.findings if f.is_error)
    assert view.current_page().page is page_of(first_error.path)
    assert view.current_page().page.key != "F"


def test_the_window_remembers_the_folded_panel(qtbot: QtBot, repository: Repository,
                                               tmp_path: Path) -> None:
    settings = tmp_path / "settings.ini"
    window = open_window(qtbot, repository, settings)
    assert window.current is not None
    window.current.view.findings.set_collapsed(True)
    window.close()

    again = open_window(qtbot, repository, settings)
    assert again.current is not None
    panel = again.current.view.findings
    assert panel.collapsed
    qtbot.waitUntil(lambda: panel.width() == panel.strip_width())
    panel.set_collapsed(False)
    qtbot.waitUntil(lambda: panel.width() >= 240)
    again.close()
    assert not Settings.at(settings).findings_collapsed()


def test_folded_before_it_is_shown_and_opened_from_the_keyboard(qtbot: QtBot) -> None:
    view = ReportView(ReportDocument(form_f_report()))
    qtbot.addWidget(view)
    panel = view.findings
    panel.set_collapsed(True)  # as a report opens with the remembered choice, before layout
    view.resize(1366, 700)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)  # the focus follows in an active window only
    qtbot.waitUntil(lambda: panel.width() == panel.strip_width())
    assert view.stack.width() > 1366 - 250 - panel.strip_width() - 60
    panel.strip.setFocus()
    qtbot.keyClick(panel.strip, Qt.Key.Key_Return)
    assert not panel.collapsed
    qtbot.waitUntil(lambda: panel.width() >= 240)
    assert panel.hide_button.hasFocus()  # the keyboard stays on the panel
    qtbot.keyClick(panel.hide_button, Qt.Key.Key_Space)
    assert panel.collapsed and panel.strip.hasFocus()


def test_closing_a_report_just_after_f7_leaves_no_timer_behind(qtbot: QtBot,
                                                               repository: Repository,
                                                               tmp_path: Path) -> None:
    """F7 outlines the field of the first error for a moment; closing the report before the
    outline goes must not leave a timer that touches the deleted field (a RuntimeError in the
    event loop, which pytest-qt turns into a failure)."""
    window = open_window(qtbot, repository, tmp_path / "settings.ini")
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert window.current is not None and window.current.view.current_page().page.key == "cover"
    window.close_report()
    qtbot.wait(2700)  # the outline's time runs out after the page is gone
