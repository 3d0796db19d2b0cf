"""The Import Excel… dialogs, offscreen: the column mapping step and taking forms of our own
workbooks. They never touch the report; `open_import_dialog` adds the result as one undo step."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import FormStatus
from ccm_desktop.exchange.json_io import read_report_file
from ccm_desktop.exchange.xlsx import write_workbook
from ccm_desktop.exchange.xlsx.mapping import load_mapping
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.xlsx_import_dialog import XlsxImportDialog, open_import_dialog
from tests.conftest import SAMPLES
from tests.test_xlsx_mapping import DATA, EXPECTED_CLEARANCE, EXPECTED_DISCOVERED


def make_dialog(qtbot: QtBot, path: Path, **kwargs: object) -> XlsxImportDialog:
    dialog = XlsxImportDialog(path, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def goes_into(dialog: XlsxImportDialog, row: int) -> QComboBox:
    widget = dialog.mapping_table.cellWidget(row, 1)
    assert isinstance(widget, QComboBox)
    return widget


def test_the_guess_fills_the_dialog_and_the_preview_shows_the_rows(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, DATA / "clearance-fr.xlsx")
    assert dialog.sheet.name == "Dépollution 2015"
    assert dialog.target == ("F", "clearance")
    assert dialog.header_spin.value() == 3
    assert dialog.separator_box.currentData() == ","
    assert dialog.mapping_table.rowCount() == 7
    assert [goes_into(dialog, r).currentData() for r in range(7)] == [
        "area_id", "location", "cleared_m2", "reduced_m2", "submunitions_destroyed",
        "other_remnants_destroyed", "operator"]
    assert dialog.preview.rowCount() == 3
    assert dialog.preview.item(0, 3).text() == "125,000"  # 12,5 ha in square metres
    assert dialog.problems.rowCount() == 1  # the totals row, left out
    assert "left out" in dialog.problems.item(0, 4).text()
    assert dialog.ok_button.isEnabled() and dialog.ok_button.text() == "&Add 3 rows"
    dialog.accept()
    accepted = dialog.accepted_import()
    assert accepted is not None
    assert (accepted.form, accepted.table) == ("F", "clearance")
    assert accepted.rows == EXPECTED_CLEARANCE


def test_a_column_left_out_is_not_imported(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, DATA / "clearance-fr.xlsx")
    goes_into(dialog, 6).setCurrentIndex(0)  # Opérateur: (leave out)
    assert "operator" not in [t.column for t in dialog.current_mapping().columns.values()]
    dialog.accept()
    accepted = dialog.accepted_import()
    assert accepted is not None
    assert all("operator" not in row for row in accepted.rows)


def test_changing_the_unit_changes_the_areas(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, DATA / "clearance-fr.xlsx")
    unit = dialog.mapping_table.cellWidget(2, 2)
    assert isinstance(unit, QComboBox) and unit.isEnabled()
    unit.setCurrentIndex(unit.findData("km2"))
    assert dialog.result_rows is not None
    assert dialog.result_rows.rows[0].values["cleared_m2"] == Decimal("12500000")
    location_unit = dialog.mapping_table.cellWidget(1, 2)
    assert isinstance(location_unit, QComboBox) and not location_unit.isEnabled()


def test_unreadable_cells_block_until_the_user_leaves_their_rows_out(qtbot: QtBot,
                                                                     tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(DATA / "clearance-fr.xlsx")
    workbook["Dépollution 2015"]["C5"] = "trois hectares"
    workbook.save(tmp_path / "bad.xlsx")
    dialog = make_dialog(qtbot, tmp_path / "bad.xlsx")
    assert dialog.problems.item(0, 1).text() == "5"
    assert dialog.problems.item(0, 2).text() == "C"
    assert "is not a number" in dialog.problems.item(0, 4).text()
    assert not dialog.ok_button.isEnabled()
    assert "could not be read (row 5)" in dialog.summary.text()
    dialog.skip_bad.setChecked(True)
    assert dialog.ok_button.isEnabled() and dialog.ok_button.text() == "&Add 2 rows"
    dialog.accept()
    accepted = dialog.accepted_import()
    assert accepted is not None
    assert accepted.rows == [EXPECTED_CLEARANCE[0], EXPECTED_CLEARANCE[2]]


def test_mapping_files_are_saved_and_loaded(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, DATA / "clearance-fr.xlsx")
    dialog.save_mapping_file(tmp_path / "saved.ccm-map.json")
    assert load_mapping(tmp_path / "saved.ccm-map.json") == load_mapping(
        DATA / "clearance-fr.ccm-map.json")
    dialog.apply_mapping_file(load_mapping(DATA / "discovered-fr.ccm-map.json"))
    assert dialog.sheet.name == "Découvertes" and dialog.target == ("B", "discovered")
    dialog.accept()
    accepted = dialog.accepted_import()
    assert accepted is not None and accepted.rows == EXPECTED_DISCOVERED


def test_the_header_row_and_target_can_be_chosen(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, DATA / "clearance-ru.xlsx", target=("B", "discovered"))
    assert dialog.sheet.name == "Обнаружено"
    assert dialog.header_spin.value() == 2
    assert dialog.result_rows is not None
    assert dialog.result_rows.rows_to_add() == EXPECTED_DISCOVERED
    dialog.header_spin.setValue(1)  # the title row: nothing fits
    assert dialog.result_rows is None or not dialog.result_rows.rows
    assert not dialog.ok_button.isEnabled()


def _accept_when_shown() -> None:
    def accept() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, QDialog):
            widget.accept()
        else:
            QTimer.singleShot(20, accept)

    QTimer.singleShot(0, accept)


def test_rows_go_into_the_document_as_one_undoable_step(qtbot: QtBot) -> None:
    report = read_report_file(SAMPLES / "valid" / "esp-2012-annual.ccm.json")
    before = list(report.form("F").tables.get("clearance", []))
    document = ReportDocument(report)
    _accept_when_shown()
    assert open_import_dialog(document, DATA / "clearance-fr.xlsx") is True
    assert document.report.form("F").tables["clearance"] == before + EXPECTED_CLEARANCE
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.report.form("F").tables.get("clearance", []) == before


def test_forms_of_our_own_workbook_are_merged_as_one_undoable_step(qtbot: QtBot,
                                                                   tmp_path: Path) -> None:
    theirs = read_report_file(SAMPLES / "valid" / "gbr-2013-annual.ccm.json")
    theirs.form("F").status = FormStatus.CHANGED
    theirs.form("F").statement = None
    theirs.form("F").tables["clearance"] = [{"area_id": "Z-1", "cleared_m2": Decimal(5)}]
    write_workbook(theirs, tmp_path / "office.xlsx", forms=["F"])
    mine = read_report_file(SAMPLES / "valid" / "gbr-2013-annual.ccm.json")
    document = ReportDocument(mine.copy())
    _accept_when_shown()
    assert open_import_dialog(document, tmp_path / "office.xlsx") is True
    assert document.report.form("F") == theirs.form("F")
    assert document.report.form("B") == mine.form("B")
    document.undo_stack.undo()
    assert document.report.normalised() == mine.normalised()


def test_an_unreadable_workbook_says_one_sentence_and_changes_nothing(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ccm_desktop.ui import xlsx_import_dialog

    shown: list[str] = []
    monkeypatch.setattr(xlsx_import_dialog.QMessageBox, "warning",
                        lambda _p, _t, text: shown.append(text))
    (tmp_path / "cut.xlsx").write_bytes((DATA / "clearance-fr.xlsx").read_bytes()[:2000])
    report = read_report_file(SAMPLES / "valid" / "esp-2012-annual.ccm.json")
    document = ReportDocument(report)
    assert open_import_dialog(document, tmp_path / "cut.xlsx") is False
    # one sentence naming the file, in the report's language (Spanish here)
    assert len(shown) == 1 and shown[0].startswith("cut.xlsx: ") and "ZIP" in shown[0]
    assert "\n" not in shown[0]
    assert document.undo_stack.count() == 0
