"""`TableEditor`: one table of a form, as the person sees it — title, help, row actions, the
grid with typed editors and a totals row, and a line that says what just happened.

    editor = TableEditor(document, "F", "clearance")
    editor.select_cell(3, "cleared_m2")   # the findings panel jumps here

Every change is one call on the document (one undo step): typing a cell, adding, inserting,
deleting, duplicating or moving rows, clearing cells, a paste, attaching or removing a photo.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QSpacerItem,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ccm_desktop.domain.findings import Severity
from ccm_desktop.schema.i18n import N_, translate
from ccm_desktop.ui import style
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.flow_layout import FlowLayout
from ccm_desktop.ui.table.delegate import CellDelegate
from ccm_desktop.ui.table.editing import ChooseFiles, TableEditing, ask_for_files
from ccm_desktop.ui.table.model import TableModel
from ccm_desktop.ui.table.parts import EmptyPage, MessageBar, SortBar
from ccm_desktop.ui.table.sorting import StoredOrderProxy
from ccm_desktop.ui.table.view import TableGrid


def _locale_of(document: ReportDocument) -> str:
    """The user's locale for numbers and dates: the document's if the window set one, else the
    report's language."""
    chosen = getattr(document, "locale", None)
    return chosen if isinstance(chosen, str) and chosen else document.report.language


class TableEditor(TableEditing, QWidget):
    def __init__(self, document: ReportDocument, part_id: str, table_id: str,
                 parent: QWidget | None = None, *, locale: str | None = None,
                 choose_files: ChooseFiles | None = None) -> None:
        super().__init__(parent)
        self.document, self.part_id, self.table_id = document, part_id, table_id
        self.model = TableModel(document, part_id, table_id, locale or _locale_of(document), self)
        self.table = self.model.table
        self.lang = self.model.lang
        self.proxy = StoredOrderProxy(self.model, self)
        self._sorted_by = -1
        self._choose_files = choose_files or ask_for_files
        self.setAccessibleName(self.tr_(self.table.label))
        self.setWhatsThis(self.tr_(self.table.help))

        self.grid = TableGrid(self.model, self)
        self.grid.setModel(self.proxy)
        self.delegate = CellDelegate(self.proxy, self.grid)
        self.grid.setItemDelegate(self.delegate)
        self.grid.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.grid.setSortingEnabled(True)
        self.grid.setAccessibleName(self.tr_(N_("{table} table")).format(
            table=self.tr_(self.table.label)))
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._context_menu)
        self.grid.copy_requested.connect(self.copy_selection)
        self.grid.paste_requested.connect(self.paste_from_clipboard)
        self.grid.clear_requested.connect(self.clear_cells)
        self.grid.doubleClicked.connect(self._double_clicked)
        self.grid.files_dropped.connect(self._files_dropped)
        self.grid.heights_changed.connect(self._fit_height)
        self.grid.installEventFilter(self)
        self.delegate.closeEditor.connect(self._editor_closed)

        self.messages = MessageBar(self.lang, self)
        self.sort_bar = SortBar(self.lang, self)
        self.sort_bar.stored_order_requested.connect(self.stored_order)
        self.findings_line = QLabel(self)
        self.findings_line.setWordWrap(True)
        self.findings_line.setVisible(False)
        self._build_actions()
        self.empty_page = EmptyPage(self.table, self.lang, self.action_add, self.action_paste, self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_page)
        self.stack.addWidget(self.grid)
        self._layout()

        self.model.refused.connect(lambda text: self.messages.show_message(text, attention=True))
        self.model.rowsInserted.connect(self._shape_changed)
        self.model.rowsRemoved.connect(self._shape_changed)
        self.model.dataChanged.connect(self._rows_changed)
        self.model.modelReset.connect(self._shape_changed)
        self.proxy.layoutChanged.connect(self._sort_changed)
        document.findings_changed.connect(self._show_table_findings)
        document.changed.connect(self._document_changed)
        self.grid.selectionModel().currentChanged.connect(self._current_changed)
        self._shape_changed()
        self._show_table_findings()

    def tr_(self, text: str) -> str:
        return translate(text, self.lang)

    # Building ------------------------------------------------------------------------------

    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey | None,
                slot: Callable[[], Any], help_text: str, grid_only: bool = False) -> QAction:
        """An action for the toolbar and the context menu. Its shortcut works anywhere in this
        table, or (`grid_only`) only while the grid itself has the focus, so that Ctrl+C,
        Ctrl+V and Delete keep their meaning inside a cell being edited."""
        action = QAction(self.tr_(text), self)
        tip = self.tr_(help_text)
        if shortcut is not None:
            sequence = QKeySequence(shortcut)
            action.setShortcut(sequence)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut if grid_only
                                      else Qt.ShortcutContext.WidgetWithChildrenShortcut)
            tip += f" ({sequence.toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda *_: slot())
        (self.grid if grid_only else self).addAction(action)
        return action

    def _build_actions(self) -> None:
        self.action_add = self._action(N_("Add row"), "Ctrl+Return", self.add_row,
                                       N_("Add an empty row at the end"))
        self.action_insert = self._action(N_("Insert above"), "Ctrl+Shift+Return",
                                          self.insert_row_above,
                                          N_("Insert an empty row above the current one"))
        self.action_duplicate = self._action(N_("Duplicate"), "Ctrl+D", self.duplicate_rows,
                                             N_("Copy the selected rows below them"))
        self.action_delete = self._action(N_("Delete rows"), "Ctrl+-", self.delete_rows,
                                          N_("Delete the selected rows (Ctrl+Z brings them "
                                             "back)"))
        self.action_up = self._action(N_("Move up"), "Alt+Up", lambda: self.move_row(-1),
                                      N_("Move the current row up"))
        self.action_down = self._action(N_("Move down"), "Alt+Down", lambda: self.move_row(1),
                                        N_("Move the current row down"))
        self.action_paste = self._action(N_("Paste"), QKeySequence.StandardKey.Paste,
                                         self.paste_from_clipboard,
                                         N_("Paste cells copied from a spreadsheet, starting "
                                            "at the current cell"), grid_only=True)
        self.action_copy = self._action(N_("Copy"), QKeySequence.StandardKey.Copy,
                                        self.copy_selection,
                                        N_("Copy the selected cells for a spreadsheet"),
                                        grid_only=True)
        self.action_clear = self._action(N_("Clear cells"), "Delete", self.clear_cells,
                                         N_("Empty the selected cells"), grid_only=True)
        self.action_stored_order = self._action(N_("Stored order"), None, self.stored_order,
                                                N_("Show the rows in the order they are stored "
                                                   "and exported"))
        self.attachment_columns = [c for c in self.table.columns if c.kind.name == "attachments"]
        self.action_attach: QAction | None = None
        if self.attachment_columns:
            label = self.tr_(self.attachment_columns[0].label)
            self.action_attach = self._action(
                self.tr_(N_("Attach {what}…")).format(what=label.lower()), None,
                self.attach_with_dialog,
                self.tr_(N_("Attach JPEG or PNG photos (or PDF documents) to the current row")))

    def _layout(self) -> None:
        label = self.tr_(self.table.label)
        title = QLabel(self.tr_(N_("{label} (voluntary)")).format(label=label)
                       if self.table.voluntary else label, self)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setFont(style.heading_font(title.font(), 1.15))
        title.setWordWrap(True)  # a narrow page wraps a long title rather than widening
        title.setToolTip(self.tr_(self.table.help))
        title.setAccessibleName(title.text())
        help_line = QLabel(self.tr_(self.table.help), self)
        help_line.setWordWrap(True)
        style.small(help_line)
        self.help_line = help_line

        self.toolbar = QWidget(self)
        bar = FlowLayout(self.toolbar, spacing=4)
        self.buttons: list[QToolButton] = []
        for action in (self.action_add, self.action_insert, self.action_duplicate,
                       self.action_delete, self.action_up, self.action_down, None,
                       self.action_paste, self.action_copy, self.action_attach):
            if action is None:
                bar.addItem(QSpacerItem(8, 0))
                continue
            button = QToolButton(self.toolbar)
            button.setDefaultAction(action)
            # Moving is shown as arrows (named in their tooltips) to keep the bar short.
            arrow = {self.action_up: QStyle.StandardPixmap.SP_ArrowUp,
                     self.action_down: QStyle.StandardPixmap.SP_ArrowDown}.get(action)
            if arrow is not None:
                action.setIcon(self.style().standardIcon(arrow))
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            else:
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(action.text())
            bar.addWidget(button)
            self.buttons.append(button)
        # A narrow page wraps the buttons onto a second line rather than widening the page
        # or cutting their words short.
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.toolbar.setSizePolicy(policy)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(title)
        layout.addWidget(help_line)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.findings_line)
        layout.addWidget(self.sort_bar)
        layout.addWidget(self.stack)
        layout.addWidget(self.messages)
        layout.addStretch(1)

    # Menus, state and the findings panel -----------------------------------------------------

    def _context_menu(self, position: QPoint) -> None:
        menu = self.context_menu()
        menu.exec(self.grid.viewport().mapToGlobal(position))

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        for action in (self.action_add, self.action_insert, self.action_duplicate,
                       self.action_delete, None, self.action_up, self.action_down, None,
                       self.action_copy, self.action_paste, self.action_clear, None,
                       self.action_attach):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        row = self.current_stored_row()
        if row is not None and self.attachment_columns:
            column = self._attachment_column()
            ids = self.model.value(row, self.model.column_index(column.id)) or []
            if ids:
                remove = menu.addMenu(self.tr_(N_("Remove file")))
                for attachment_id in ids:
                    attachment = self.document.report.attachments.get(attachment_id)
                    name = attachment.filename if attachment else attachment_id
                    remove.addAction(name).triggered.connect(
                        lambda *_, a=attachment_id, r=row, c=column.id:
                        self.remove_attachment(r, c, a))
        if self.proxy.is_sorted:
            menu.addSeparator()
            menu.addAction(self.action_stored_order)
        return menu

    def _shape_changed(self, *_: Any) -> None:
        has_rows = self.model.stored_count() > 0
        self.stack.setCurrentWidget(self.grid if has_rows else self.empty_page)
        # An empty table offers Add and Paste on its own page; the row toolbar would only
        # repeat them beside greyed-out buttons.
        self.toolbar.setVisible(has_rows)
        self._update_actions()
        self._fit_height()

    def _fit_height(self) -> None:
        page = self.grid if self.model.stored_count() else self.empty_page
        self.stack.setFixedHeight(page.sizeHint().height())

    def _document_changed(self, _path: str) -> None:
        """An edit (typed, undone, redone; here or anywhere in the report) makes the last
        message stale; an action that has something to say says it after its edit."""
        self.messages.clear_if_stale()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Esc in the grid puts the message away (Esc in a cell's editor undoes the typing,
        which does the same through `_editor_closed`)."""
        if watched is self.grid and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            self.messages.clear_if_stale()
        return super().eventFilter(watched, event)

    def _editor_closed(self, _editor: QWidget,
                       hint: QAbstractItemDelegate.EndEditHint) -> None:
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache:  # Esc in the cell
            self.messages.clear_if_stale()

    def _rows_changed(self, top: QModelIndex, bottom: QModelIndex, *_: Any) -> None:
        """Measure again the rows whose values changed (their text may wrap differently)."""
        first, last = top.row(), bottom.row()
        if first == 0 and last >= self.model.rowCount() - 1:
            self.grid.remeasure()
            return
        self.grid.remeasure(self.proxy.mapFromSource(self.model.index(r, 0)).row()
                            for r in range(first, last + 1))

    def _sort_changed(self) -> None:
        column = self.proxy.sortColumn()
        if column >= 0 or self._sorted_by >= 0:
            self.grid.remeasure()  # heights belong to rows, which now stand elsewhere
        self._sorted_by = column
        label = self.tr_(self.model.columns[column].label) if column >= 0 else ""
        self.sort_bar.show_sorted(label)
        self._update_actions()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()
        self.messages.clear_if_stale()  # another cell: the person moved on
        if current.isValid():  # F1 in the window explains the column of the current cell
            column = self.model.columns[self.proxy.mapToSource(current).column()]
            self.grid.setWhatsThis(f"<b>{html.escape(self.tr_(column.label))}</b><br>"
                                   f"{html.escape(self.model.column_help(column))}")
        outlined = self.delegate.outlined
        if outlined is not None and current.isValid():
            source = self.proxy.mapToSource(current)
            if (source.row(), self.model.columns[source.column()].id) != outlined:
                self.delegate.outlined = None
                self.grid.viewport().update()

    def _update_actions(self) -> None:
        has_rows = self.model.stored_count() > 0
        row = self.current_stored_row()
        for action in (self.action_duplicate, self.action_delete, self.action_copy,
                       self.action_clear):
            action.setEnabled(has_rows)
        sorted_view = self.proxy.is_sorted
        self.action_up.setEnabled(has_rows and not sorted_view and bool(row))
        self.action_down.setEnabled(has_rows and not sorted_view and row is not None
                                    and row < self.model.stored_count() - 1)
        self.action_insert.setEnabled(True)
        self.action_stored_order.setEnabled(sorted_view)

    def _show_table_findings(self) -> None:
        lines = [f'<span style="color: {style.ERROR if severity is Severity.ERROR else style.WARNING}">'
                 f'{"✖" if severity is Severity.ERROR else "⚠"} {html.escape(message)}</span>'
                 for severity, message in self.model.table_findings]
        self.findings_line.setText("<br>".join(lines))
        self.findings_line.setVisible(bool(lines))

    def select_cell(self, row: int | None, column_id: str | None) -> None:
        """Show, select and outline a cell (or a whole row when `column_id` is None, or the table
        itself when `row` is None), scrolling the page and the grid to it."""
        self.messages.clear()  # a jump from the findings: what was said before is old news
        self.delegate.outlined = None
        if row is None or not 0 <= row < self.model.stored_count():
            self.grid.clearSelection()
            self._scroll_page_to(self)
            (self.grid if self.model.stored_count() else self.empty_page).setFocus()
            self.grid.viewport().update()
            return
        column = (self.model.column_index(column_id)
                  if column_id and self.table.has_column(column_id) else 0)
        self.go_to(row, column, select_row=column_id is None)
        if column_id and self.table.has_column(column_id):
            self.delegate.outlined = (row, column_id)
        self.grid.setFocus()
        self.grid.viewport().update()
        index = self.proxy.mapFromSource(self.model.index(row, column))
        self._scroll_page_to(self.grid, self.grid.visualRect(index))

    def _scroll_page_to(self, widget: QWidget, rect: Any = None) -> None:
        """Scroll the page (a QScrollArea around this editor, if any) up or down to the widget
        or cell. Sideways the page stays at its start, with its heading in view: the grid has
        scrolled itself to the cell."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        content = parent.widget() if parent is not None else None
        if parent is None or content is None:
            return
        if rect is None:
            parent.ensureWidgetVisible(widget, 16, 16)
        else:
            centre = self.grid.viewport().mapTo(content, rect.center())
            parent.ensureVisible(centre.x(), centre.y(), rect.width() // 2 + 16,
                                 rect.height() // 2 + 48)
        across = parent.horizontalScrollBar()
        across.setValue(across.minimum())

