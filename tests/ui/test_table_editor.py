"""The table editor driven as a person would: rows, typed cells, undo."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.table import TableEditor
from ccm_desktop.ui.table.editors import CellEditor


def make_editor(qtbot: QtBot, part: str, table: str, rows: list[dict] | None = None,
                locale: str = "en") -> TableEditor:
    report = Report()
    report.form(part).status = FormStatus.CHANGED
    if rows:
        report.form(part).tables[table] = rows
    editor = TableEditor(ReportDocument(report), part, table, locale=locale)
    qtbot.addWidget(editor)
    editor.resize(900, 500)
    editor.show()
    return editor


def type_into(qtbot: QtBot, editor: TableEditor, row: int, column_id: str, text: str) -> CellEditor:
    """Open the cell's editor in the view, type `text` and press Enter."""
    index = editor.proxy.mapFromSource(
        editor.model.index(row, editor.model.column_index(column_id)))
    editor.grid.setCurrentIndex(index)
    editor.grid.edit(index)
    cell = editor.grid.indexWidget(index)
    assert isinstance(cell, CellEditor)
    target = cell.main
    line = getattr(cell, "line", None)
    if line is not None:
        target = line
        line.clear()
    qtbot.keyClicks(target, text)
    qtbot.keyClick(target, Qt.Key.Key_Return)
    return cell


def stored(editor: TableEditor) -> list[dict]:
    return editor.document.rows(editor.part_id, editor.table_id)


def test_add_row_and_type_a_whole_number(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "H", "casualties")
    assert editor.stack.currentWidget() is editor.empty_page
    editor.empty_page.add_button.click()
    assert stored(editor) == [{}]
    assert editor.stack.currentWidget() is editor.grid
    type_into(qtbot, editor, 0, "women", "1,204")
    assert stored(editor) == [{"women": 1204}]
    editor.document.undo_stack.undo()
    assert stored(editor) == [{}]


def test_area_typed_in_hectares_is_stored_in_square_metres(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "F", "clearance", [{"area_id": "CBU-1"}])
    type_into(qtbot, editor, 0, "cleared_m2", "2.5 ha")
    assert stored(editor)[0]["cleared_m2"] == Decimal(25000)


def test_delete_rows_is_one_step(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "H", "casualties",
                         [{"total": 1}, {"total": 2}, {"total": 3}])
    editor.go_to(0)
    editor.grid.selectRow(0)
    editor.grid.selectionModel().select(
        editor.proxy.index(2, 0), editor.grid.selectionModel().SelectionFlag.Select
        | editor.grid.selectionModel().SelectionFlag.Rows)
    editor.action_delete.trigger()
    assert stored(editor) == [{"total": 2}]
    editor.document.undo_stack.undo()
    assert [r["total"] for r in stored(editor)] == [1, 2, 3]
