"""Format 2 in the window: the clearance table's area reference offers the contaminated areas'
references as you type (any other reference is still allowed), and the new tables are edited
like the others."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import FormStatus
from ccm_desktop.exchange.json_io import read_report_file
from ccm_desktop.storage.repository import Repository
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.table import TableEditor
from tests.conftest import RESOURCE_SAMPLES
from tests.ui.helpers import main_window, open_cell_line, shots_folder, type_cell


def open_window(qtbot: QtBot, repository: Repository, tmp_path: Path) -> MainWindow:
    report = read_report_file(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json")
    f = report.form("F")
    f.status = FormStatus.CHANGED
    f.tables["contaminated_areas"] = [
        {"area_id": "ZD-01", "size_m2": Decimal(5000)}, {"area_id": "ZD-02"},
        {"area_id": "SB-17", "size_m2": Decimal(1200)}]
    f.tables["clearance"] = [{"area_id": "SB-17", "cleared_m2": Decimal(300)}]
    window = main_window(qtbot, repository, tmp_path, date(2017, 3, 3))
    window.open_report(int(repository.add(report)))
    return window


def form_f_table(window: MainWindow, table_id: str) -> tuple[ReportDocument, TableEditor]:
    """The open report's document and one of Form F's tables, on screen."""
    assert window.current is not None
    table = window.current.view.show_key("F").tables[table_id]
    assert isinstance(table, TableEditor)
    return window.current.document, table


def test_the_clearance_area_reference_offers_the_contaminated_areas(
        qtbot: QtBot, repository: Repository, tmp_path: Path) -> None:
    window = open_window(qtbot, repository, tmp_path)
    document, clearance = form_f_table(window, "clearance")
    clearance.action_add.trigger()
    line = open_cell_line(clearance, 1, "area_id")
    completer = line.completer()
    assert completer is not None
    assert completer.model().rowCount() == 3  # ZD-01, ZD-02, SB-17, each once
    line.setFocus()
    qtbot.keyClicks(line, "zd")
    assert completer.completionCount() == 2
    qtbot.waitUntil(lambda: completer.popup().isVisible(), timeout=2000)
    window.grab().save(str(shots_folder(tmp_path) / "clearance-completer.png"))
    completer.popup().grab().save(str(shots_folder(tmp_path) / "clearance-completer-popup.png"))
    completer.popup().hide()
    line.setText(completer.currentCompletion())
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert document.rows("F", "clearance")[1]["area_id"] == "ZD-01"

    # A reference that is not in the list (an area released earlier) is still allowed.
    type_cell(qtbot, clearance, 1, "area_id", "OLD-9")
    assert document.rows("F", "clearance")[1]["area_id"] == "OLD-9"


def test_other_remnants_destroyed_has_its_table(qtbot: QtBot, repository: Repository,
                                                tmp_path: Path) -> None:
    window = open_window(qtbot, repository, tmp_path)
    document, remnants = form_f_table(window, "remnants_destroyed")
    remnants.action_add.trigger()
    type_cell(qtbot, remnants, 0, "type", "BLU-26 submunition")
    type_cell(qtbot, remnants, 0, "quantity", "14")
    line = open_cell_line(remnants, 0, "area_id")
    assert line.completer() is not None  # it offers the areas too
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    assert document.rows("F", "remnants_destroyed") == [
        {"type": "BLU-26 submunition", "quantity": 14}]
    window.close_report()
    assert repository.list_reports()
    stored = repository.load(repository.list_reports()[0].id)
    assert stored.form("F").tables["remnants_destroyed"] == [
        {"type": "BLU-26 submunition", "quantity": 14}]
