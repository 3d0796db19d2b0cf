"""What the table editor does to rows and cells: row actions, copy and paste, attached files.

A mixin of `TableEditor` (it uses the editor's grid, proxy, model, delegate, document and message
line), kept apart so that the widget's building and its edits each stay readable. Every method
that changes something makes one call on the document: one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from ccm_desktop.schema.i18n import N_, Message, message, translate
from ccm_desktop.schema.kinds import KindError
from ccm_desktop.schema.model import Field, Table
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.table import paste
from ccm_desktop.ui.table.delegate import CellDelegate
from ccm_desktop.ui.table.model import TableModel
from ccm_desktop.ui.table.parts import MessageBar
from ccm_desktop.ui.table.photos import FILE_FILTER, UnusableFile, load_file
from ccm_desktop.ui.table.sorting import StoredOrderProxy
from ccm_desktop.ui.table.view import TableGrid

ChooseFiles = Callable[[QWidget, str], Sequence[str]]


class TableEditing:
    document: ReportDocument
    part_id: str
    table_id: str
    table: Table
    lang: str
    model: TableModel
    proxy: StoredOrderProxy
    grid: TableGrid
    delegate: CellDelegate
    messages: MessageBar
    attachment_columns: list[Field]
    _choose_files: ChooseFiles

    def tr_(self, text: str) -> str:
        return translate(text, self.lang)

    # Where things are -----------------------------------------------------------------------

    def current_stored_row(self) -> int | None:
        index = self.grid.currentIndex()
        return self.proxy.stored_row(index.row()) if index.isValid() else None

    def selected_stored_rows(self) -> list[int]:
        rows = {self.proxy.stored_row(i.row()) for i in self.grid.selectionModel().selectedIndexes()}
        rows.discard(None)
        if not rows and self.current_stored_row() is not None:
            rows = {self.current_stored_row()}
        return sorted(r for r in rows if r is not None)

    def go_to(self, stored_row: int, column: int = 0, select_row: bool = False) -> None:
        """Make a stored row's cell the current one and show it."""
        if not 0 <= stored_row < self.model.stored_count():
            return
        index = self.proxy.mapFromSource(self.model.index(stored_row, column))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        if select_row:
            flags |= QItemSelectionModel.SelectionFlag.Rows
        self.grid.selectionModel().setCurrentIndex(index, flags)
        self.grid.scrollTo(index)

    # Row actions ----------------------------------------------------------------------------

    def _ready(self) -> bool:
        """Store the cell being typed first; False when it cannot be read (the message says)."""
        return self.delegate.commit_open_editor()

    def _undo_text(self, text: str) -> Message:
        """An undo step's text, kept as a template: Edit → Undo reads in the window's language,
        also after the language is changed."""
        return message(text, table=message(self.table.label))

    def add_row(self) -> None:
        if not self._ready():
            return
        end = self.model.stored_count()
        self.document.insert_rows(self.part_id, self.table_id, end, [{}],
                                  self._undo_text(N_("Add a row to {table}")))
        self.go_to(end)
        self.grid.setFocus()

    def insert_row_above(self) -> None:
        if not self._ready():
            return
        row = self.current_stored_row()
        row = 0 if row is None else row
        self.document.insert_rows(self.part_id, self.table_id, row, [{}],
                                  self._undo_text(N_("Insert a row in {table}")))
        self.go_to(row)
        self.grid.setFocus()

    def duplicate_rows(self) -> None:
        if not self._ready():
            return
        rows = self.selected_stored_rows()
        if not rows:
            return
        copies = [self.model.row_values(r) for r in rows]
        self.document.insert_rows(self.part_id, self.table_id, rows[-1] + 1, copies,
                                  self._undo_text(N_("Duplicate rows in {table}")))
        self.go_to(rows[-1] + 1)
        self.messages.show_message(paste.counted(
            len(rows), N_("Row duplicated below row {row}."),
            N_("{count} rows duplicated below row {row}."), self.lang, row=rows[-1] + 1))

    def delete_rows(self) -> None:
        if not self._ready():
            return
        rows = self.selected_stored_rows()
        if not rows:
            return
        self.document.remove_rows(self.part_id, self.table_id, rows,
                                  self._undo_text(N_("Delete rows from {table}")))
        self.messages.show_message(paste.counted(
            len(rows), N_("1 row deleted. Ctrl+Z brings it back."),
            N_("{count} rows deleted. Ctrl+Z brings them back."), self.lang))
        if self.model.stored_count():
            self.go_to(min(rows[0], self.model.stored_count() - 1))

    def move_row(self, step: int) -> None:
        if not self._ready() or self.proxy.is_sorted:
            return
        row = self.current_stored_row()
        if row is None or not 0 <= row + step < self.model.stored_count():
            return
        column = max(self.grid.currentIndex().column(), 0)
        self.document.move_row(self.part_id, self.table_id, row, row + step)
        self.go_to(row + step, column)

    def clear_cells(self) -> None:
        cells = self._selected_cells()
        if not cells:
            return
        self.document.set_cells(self.part_id, self.table_id,
                                [(row, self.model.columns[col].id, None) for row, col in cells],
                                self._undo_text(N_("Clear cells in {table}")))

    def stored_order(self) -> None:
        self.grid.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.stored_order()

    def sort_by(self, column_id: str, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.grid.sortByColumn(self.model.column_index(column_id), order)

    # Copy and paste ---------------------------------------------------------------------

    def _selected_cells(self) -> list[tuple[int, int]]:
        """(stored row, column) of the selected cells, totals row excluded."""
        cells = []
        for index in self.grid.selectionModel().selectedIndexes():
            row = self.proxy.stored_row(index.row())
            if row is not None:
                cells.append((row, self.proxy.mapToSource(index).column()))
        if not cells and self.current_stored_row() is not None:
            cells.append((self.current_stored_row() or 0, self.grid.currentIndex().column()))
        return sorted(cells)

    def selection_text(self) -> str:
        """The selected cells as a spreadsheet block (rows in the order shown)."""
        indexes = [i for i in self.grid.selectionModel().selectedIndexes()
                   if self.proxy.stored_row(i.row()) is not None]
        if not indexes:
            return ""
        top = min(i.row() for i in indexes)
        left = min(i.column() for i in indexes)
        block = [["" for _ in range(max(i.column() for i in indexes) - left + 1)]
                 for _ in range(max(i.row() for i in indexes) - top + 1)]
        for index in indexes:
            source = self.proxy.mapToSource(index)
            block[index.row() - top][index.column() - left] = \
                self.model.display_text(source.row(), source.column())
        return paste.write_block(block)

    def copy_selection(self) -> None:
        text = self.selection_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def paste_from_clipboard(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> paste.PastePlan | None:
        """Paste a block at the current cell (or the top left of the table) as one step."""
        if not self._ready():
            return None
        block = paste.read_block(text)
        if not block:
            self.messages.show_message(self.tr_(N_("The clipboard holds nothing to paste. Copy "
                                                   "cells in a spreadsheet first.")), True)
            return None
        current = self.grid.currentIndex()
        start_view_row = current.row() if current.isValid() else 0
        start_column = max(current.column(), 0) if current.isValid() else 0
        targets = [r for r in (self.proxy.stored_row(v) for v in
                               range(start_view_row, self.proxy.rowCount())) if r is not None]
        selected = self._selected_cells()
        if len(block) == 1 and len(block[0]) == 1 and len(selected) > 1:
            # One value pasted onto several cells fills them all, as in a spreadsheet.
            block = [[block[0][0]]]
            plan = paste.PastePlan()
            for row, col in selected:
                self._plan_one(plan, row, self.model.columns[col], block[0][0])
        else:
            plan = paste.plan_paste(block, self.model.columns, start_column, targets,
                                    self.model.stored_count(), self._parse, self.lang,
                                    self.model.locale)
        if plan.changes:
            self.document.set_cells(self.part_id, self.table_id, plan.changes,
                                    self._undo_text(N_("Paste into {table}")))
        message, attention = paste.summary(plan, self.lang)
        self.messages.show_message(message, attention)
        if plan.changes:
            self.go_to(targets[0] if targets else self.model.stored_count() - plan.new_rows,
                       start_column)
        return plan

    def _plan_one(self, plan: paste.PastePlan, row: int, column: Field, text: str) -> None:
        try:
            plan.changes.append((row, column.id, self._parse(column, text)))
            plan.cells += 1
        except KindError as problem:
            plan.problems.append(paste.Problem(row, column, text.strip(), problem.text(self.lang)))

    def _parse(self, column: Field, text: str) -> Any:
        return self.model.typed(column, text)

    # Photos -----------------------------------------------------------------------------

    def attach_with_dialog(self) -> None:
        if not self.attachment_columns or not self._ready():
            return
        assert isinstance(self, QWidget)  # the dialog's parent: the editor
        paths = self._choose_files(self, self.tr_(FILE_FILTER))
        if paths:
            self.attach_files(paths)

    def _attachment_column(self) -> Field:
        current = self.grid.currentIndex()
        if current.isValid():
            column = self.model.columns[self.proxy.mapToSource(current).column()]
            if column.kind.name == "attachments":
                return column
        return self.attachment_columns[0]

    def attach_files(self, paths: Sequence[str | Path], row: int | None = None) -> list[str]:
        """Store the files in the report and add them to the row's photo cell (one step).
        Files that cannot be used are named in the message line. Returns the ids added."""
        column = self._attachment_column()
        target = row if row is not None else self.current_stored_row()
        if target is None:
            target = self.model.stored_count()  # an empty table: the photo starts a row
        added: list[str] = []
        problems: list[str] = []
        for path in paths:
            try:
                loaded = load_file(path)
            except UnusableFile as problem:
                problems.append(self.tr_(str(problem)))
                continue
            added.append(self.document.add_attachment(loaded.filename, loaded.media_type,
                                                      loaded.data))
        if added:
            existing = list(self.model.value(target, self.model.column_index(column.id)) or []) \
                if target < self.model.stored_count() else []
            ids = existing + [a for a in added if a not in existing]
            self.document.set_cells(self.part_id, self.table_id, [(target, column.id, ids)],
                                    self._undo_text(N_("Attach files in {table}")))
            self.go_to(target, self.model.column_index(column.id))
        if problems:
            self.messages.show_message("\n".join(problems), attention=True)
        elif added:
            self.messages.show_message(paste.counted(
                len(added), N_("1 file attached to row {row}."),
                N_("{count} files attached to row {row}."), self.lang, row=target + 1))
        return added

    def remove_attachment(self, row: int, column_id: str, attachment_id: str) -> None:
        ids = [a for a in (self.model.value(row, self.model.column_index(column_id)) or [])
               if a != attachment_id]
        self.document.set_cells(self.part_id, self.table_id, [(row, column_id, ids or None)],
                                self._undo_text(N_("Remove a file in {table}")))

    def _files_dropped(self, paths: list[str], index: QModelIndex) -> None:
        """Photos dragged from the file manager onto a row go to that row (onto the empty part
        of the grid: a new row)."""
        row = self.proxy.stored_row(index.row()) if index.isValid() else None
        self.attach_files(paths, row=self.model.stored_count() if row is None else row)

    def _double_clicked(self, index: QModelIndex) -> None:
        source = self.proxy.mapToSource(index)
        if self.model.columns[source.column()].kind.name == "attachments" and \
                not self.model.is_totals_row(source.row()):
            self.attach_with_dialog()


def ask_for_files(parent: QWidget, file_filter: str) -> Sequence[str]:
    settings = QSettings()
    folder = str(settings.value("table/last_attachment_folder", str(Path.home())))
    title = translate(N_("Attach files"), getattr(parent, "lang", "en"))
    paths, _ = QFileDialog.getOpenFileNames(parent, title, folder, file_filter)
    if paths:
        settings.setValue("table/last_attachment_folder", str(Path(paths[0]).parent))
    return paths
