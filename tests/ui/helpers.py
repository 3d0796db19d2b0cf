"""Driving the window as a person would: typing into fields and cells, choosing, waiting for the
autosave. Shared by the window tests (not the table widget's own tests)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QImage, QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ccm_desktop.schema.kinds import Kind
from ccm_desktop.schema.model import Field
from ccm_desktop.storage.repository import Repository
from ccm_desktop.ui.editors import ValueEditor, editor_for
from ccm_desktop.ui.form_page import FieldRow, FormPage
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.settings import Settings
from ccm_desktop.ui.table import TableEditor

Shown = TypeVar("Shown", bound=QWidget)


def show_active(qtbot: QtBot, widget: Shown, width: int, height: int) -> Shown:
    """Show `widget` as the active window: focus moves (as Tab does) in the active window only,
    and shortcuts reach it only."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


_PAGES: list[QWidget] = []


def field_row(qtbot: QtBot, kind: Kind, lang: str = "en"
              ) -> tuple[FieldRow, list[tuple[Any, bool]]]:
    """A page's row for a field of `kind` (for kinds no page of the schema has), shown, with
    the list of what it sends: (value, final)."""
    field = Field("value", kind, "Value", "Help on the value.")
    page = QWidget()
    layout = QVBoxLayout(page)
    row = FieldRow(field, editor_for(kind, lang), lang, page)
    layout.addWidget(row)
    layout.addWidget(QLineEdit(page))  # the next field, where Tab goes
    _PAGES.append(page)  # the caller holds the row only; its page must live as long
    show_active(qtbot, page, 500, 120)
    sent: list[tuple[Any, bool]] = []
    row.changed.connect(lambda value, final: sent.append((value, final)))
    return row, sent


def _message_on_screen(window: QWidget) -> QMessageBox | None:
    active = QApplication.activeModalWidget()
    if isinstance(active, QMessageBox) and active.isVisible():
        return active
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    return boxes[-1] if boxes else None


def message_shown(qtbot: QtBot, window: QWidget) -> QMessageBox:
    """The message box the window shows now (the newest, if there are several), as a person
    sees it on the screen."""
    qtbot.waitUntil(lambda: _message_on_screen(window) is not None)
    box = _message_on_screen(window)
    assert box is not None
    return box


def close_messages(window: QWidget) -> None:
    """Close every message box the window still shows, as a person would dismiss them."""
    for box in window.findChildren(QMessageBox):
        if box.isVisible():
            box.close()


def show_window(qtbot: QtBot, window: MainWindow, size: tuple[int, int] = (1366, 768)
                ) -> MainWindow:
    """Show a window at a usual laptop size and wait until it is the active one."""
    return show_active(qtbot, window, *size)


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


def open_cell(editor: TableEditor, row: int, column_id: str) -> ValueEditor:
    """Make a cell of the grid current and open its editor (as a double click does)."""
    index = editor.proxy.mapFromSource(
        editor.model.index(row, editor.model.column_index(column_id)))
    editor.grid.setCurrentIndex(index)
    editor.grid.edit(index)
    cell = editor.grid.indexWidget(index)
    assert isinstance(cell, ValueEditor)
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
