"""Building one TableEditor on a fresh report and typing into it as a person would."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.editors import ValueEditor
from ccm_desktop.ui.table import TableEditor


def make_editor(qtbot: QtBot, part: str, table: str, rows: list[dict[str, Any]] | None = None,
                locale: str = "en", width: int = 900) -> TableEditor:
    report = Report()
    report.form(part).status = FormStatus.CHANGED
    if rows:
        report.form(part).tables[table] = rows
    editor = TableEditor(ReportDocument(report), part, table, locale=locale)
    qtbot.addWidget(editor)
    editor.resize(width, 500)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)  # shortcuts reach the active window only
    return editor


def view_index(editor: TableEditor, row: int, column_id: str) -> QModelIndex:
    return editor.proxy.mapFromSource(
        editor.model.index(row, editor.model.column_index(column_id)))


def open_cell(editor: TableEditor, row: int, column_id: str) -> ValueEditor:
    """Double-click-like: make the cell current and open its editor."""
    index = view_index(editor, row, column_id)
    editor.grid.setCurrentIndex(index)
    editor.grid.edit(index)
    cell = editor.grid.indexWidget(index)
    assert isinstance(cell, ValueEditor), f"no editor opened on {column_id}"
    return cell


def type_into(qtbot: QtBot, editor: TableEditor, row: int, column_id: str, text: str,
              key: Qt.Key = Qt.Key.Key_Return) -> ValueEditor:
    """Open the cell, replace its text with `text` (ASCII) and press Enter (or `key`)."""
    cell = open_cell(editor, row, column_id)
    line = getattr(cell, "line", None)
    target = line if line is not None else cell.main
    if line is not None:
        line.selectAll()
        qtbot.keyClick(line, Qt.Key.Key_Backspace)
    qtbot.keyClicks(target, text)
    qtbot.keyClick(target, key)
    return cell


def stored(editor: TableEditor) -> list[dict[str, Any]]:
    return editor.document.rows(editor.part_id, editor.table_id)
