"""Driving the window as a person would: typing into fields and cells, choosing, waiting for the
autosave. Shared by the window tests (not the table widget's own tests)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from ccm_desktop.storage.repository import Repository
from ccm_desktop.ui.form_page import FormPage
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.settings import Settings
from ccm_desktop.ui.table import TableEditor
from ccm_desktop.ui.table.editors import CellEditor


def show_window(qtbot: QtBot, window: MainWindow, size: tuple[int, int] = (1366, 768)
                ) -> MainWindow:
    """Show a window at a usual laptop size and wait until it is the active one."""
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def main_window(qtbot: QtBot, repository: Repository, tmp_path: Path, today: date,
                lang: str = "en", sample_dir: Path | None = None,
                size: tuple[int, int] = (1366, 768), **options: Any) -> MainWindow:
    """The main window on a real database, its settings in the test's folder, shown and active.
    Without `sample_dir`, there is no sample to offer."""
    window = MainWindow(repository, Settings.at(tmp_path / "settings.ini"), lang, today=today,
                        sample_dir=sample_dir or tmp_path / "none", **options)
    return show_window(qtbot, window, size)


def sample_folder(tmp_path: Path, *samples: Path) -> Path:
    """A samples folder holding copies of `samples` (what the start screen offers)."""
    folder = tmp_path / "samples"
    folder.mkdir(exist_ok=True)
    for sample in samples:
        shutil.copy(sample, folder)
    return folder


def type_text(qtbot: QtBot, target: QWidget, text: str, enter: bool = True) -> None:
    """Type like a keyboard; non-ASCII text arrives as an input method's commit (what a real
    input method does; qtbot.keyClicks aborts on it)."""
    target.setFocus()
    if isinstance(target, QLineEdit):
        target.selectAll()
    if text.isascii():
        qtbot.keyClicks(target, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(target, event)
        if isinstance(target, QLineEdit):
            target.textEdited.emit(target.text())
    if enter and isinstance(target, QLineEdit):
        qtbot.keyClick(target, Qt.Key.Key_Return)


def fill_field(qtbot: QtBot, page: FormPage, field_id: str, text: str) -> None:
    """Type into a field of a page and leave it (Tab), as a person would."""
    editor = page.rows[field_id].editor
    box = getattr(editor, "box", None)
    line = getattr(editor, "line", None)
    if isinstance(box, QPlainTextEdit):
        box.clear()
        type_text(qtbot, box, text, enter=False)
        QApplication.sendEvent(box, _focus_out())  # leaving the box ends the typing
    elif isinstance(line, QLineEdit):
        line.clear()
        type_text(qtbot, line, text)
    else:
        raise TypeError(field_id)


def _focus_out() -> QFocusEvent:
    return QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason)


def open_cell(editor: TableEditor, row: int, column_id: str) -> CellEditor:
    """Make a cell of the grid current and open its editor (as a double click does)."""
    index = editor.proxy.mapFromSource(
        editor.model.index(row, editor.model.column_index(column_id)))
    editor.grid.setCurrentIndex(index)
    editor.grid.edit(index)
    cell = editor.grid.indexWidget(index)
    assert isinstance(cell, CellEditor)
    return cell


def open_cell_line(editor: TableEditor, row: int, column_id: str) -> QLineEdit:
    """The line to type into of a cell's open editor."""
    line = open_cell(editor, row, column_id).findChild(QLineEdit)
    assert isinstance(line, QLineEdit)
    return line


def type_cell(qtbot: QtBot, editor: TableEditor, row: int, column_id: str, text: str) -> None:
    """Open a cell's editor in the grid, type and press Enter."""
    cell = open_cell(editor, row, column_id)
    target = getattr(cell, "line", None) or cell.main
    if isinstance(target, QLineEdit):
        target.clear()
    qtbot.keyClicks(target, text)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def paste_rows(qtbot: QtBot, editor: TableEditor, row: int, column_id: str, text: str) -> None:
    """Put tab-separated rows on the clipboard (as Excel does), then paste: with the Paste button
    of an empty table, or Ctrl+V on a cell of a table with rows."""
    QApplication.clipboard().setText(text)
    if editor.model.stored_count() == 0:
        qtbot.mouseClick(editor.empty_page.paste_button, Qt.MouseButton.LeftButton)
        return
    index = editor.proxy.mapFromSource(
        editor.model.index(row, editor.model.column_index(column_id)))
    editor.grid.setCurrentIndex(index)
    editor.grid.setFocus()
    qtbot.keyClick(editor.grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def photo(path: Path) -> Path:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkGreen)
    assert image.save(str(path))
    return path


def shots_folder(default: Path) -> Path:
    """Screenshots go to $CCM_SHOTS when set (to look at them), else into the test's tmp_path."""
    import os

    folder = Path(os.environ.get("CCM_SHOTS") or default)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
