"""How cells are drawn and edited: typed editors, outlines for findings, photo thumbnails.

The delegate checks what was typed before it is stored: Enter or Tab on a value that cannot be
read keeps the editor open and says why (the model's `refused` signal); leaving the cell any
other way drops the value with the same message. Nothing unreadable reaches the document.

A text that the cell must cut short (a word longer than the column, more lines than the row
holds) shows whole in the cell's tooltip (`tooltip`).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QPainter,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from ccm_desktop.schema.i18n import N_, translate
from ccm_desktop.schema.kinds import KindError
from ccm_desktop.ui import style
from ccm_desktop.ui.editors import NoteEditor, ValueEditor, editor_for
from ccm_desktop.ui.table.model import FINDING_ROLE, TableModel
from ccm_desktop.ui.table.photos import ThumbnailCache
from ccm_desktop.ui.table.sorting import StoredOrderProxy

Index = QModelIndex | QPersistentModelIndex

ERROR_LINE = QColor(style.ERROR)
WARNING_LINE = QColor(style.WARNING)
JUMP_OUTLINE = QColor(style.OUTLINE)  # as the window outlines a field the findings point at
MAX_LINES = 4
PADDING = 4


class CellDelegate(QStyledItemDelegate):
    """Adapts the value editors (ui/editors) to the cells of a table: an editor opens on the
    cell, shows its value selected, and what the person entered is checked and stored on Enter
    or Tab (the editor's own `edited`/`committed` signals are for a page's fields)."""

    def __init__(self, proxy: StoredOrderProxy, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.model: TableModel = proxy.table_model
        self.thumbnails = ThumbnailCache()
        self.outlined: tuple[int, str] | None = None  # (stored row, column id) to outline
        self.open_editor: ValueEditor | None = None
        self._editor_cells: dict[int, tuple[int, int]] = {}
        self._shown: set[int] = set()  # the open editors that show their cell's value already
        self._area_units: dict[str, str] = {}

    # Editing -------------------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: Index) -> QWidget:
        source = self.proxy.mapToSource(self.proxy.index(index.row(), index.column()))
        column = self.model.columns[source.column()]
        editor = editor_for(column.kind, self.model.locale, parent)
        editor.setObjectName(column.id)
        editor.use_in_cell()
        editor.remember_in(self._area_units)  # the unit last chosen in this table's area cells
        if column.suggest_from is not None:
            editor.offer(self._suggestions(*column.suggest_from))
        name = translate(N_("{column}, row {row}"), self.model.lang).format(
            column=translate(column.label, self.model.lang), row=source.row() + 1)
        editor.set_accessible(name)
        editor.setToolTip(translate(column.help, self.model.lang))
        editor.setWhatsThis(self.model.column_help(column))  # F1 in the window shows it
        for widget in (editor, *editor.findChildren(QWidget)):
            widget.installEventFilter(self)
        self._editor_cells[id(editor)] = (source.row(), source.column())
        self.open_editor = editor
        editor.destroyed.connect(lambda *_: self._forget(editor))
        return editor

    def _suggestions(self, table_id: str, column_id: str) -> list[str]:
        """The distinct values of another table's column of this part, in their order."""
        values = (row.get(column_id) for row in self.model.document.rows(self.model.part_id,
                                                                           table_id))
        return list(dict.fromkeys(str(v) for v in values if v not in (None, "")))

    def _forget(self, editor: ValueEditor) -> None:
        self._editor_cells.pop(id(editor), None)
        self._shown.discard(id(editor))
        if self.open_editor is editor:
            self.open_editor = None

    def destroyEditor(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, ValueEditor):
            self._forget(editor)
        super().destroyEditor(editor, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if not isinstance(editor, ValueEditor):
            super().setEditorData(editor, index)
            return
        if id(editor) in self._shown:
            return  # the document changed elsewhere; keep what the person is typing
        editor.set_value(index.data(Qt.ItemDataRole.EditRole))
        editor.select_all()
        self._shown.add(id(editor))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: Index) -> None:
        if isinstance(editor, ValueEditor):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                             index: Index) -> None:
        rect = QRect(option.rect)
        if isinstance(editor, ValueEditor):
            rect.setWidth(max(rect.width(), editor.minimum_width))
            room = editor.parentWidget()
            if room is not None and rect.right() > room.width() - 1:
                rect.moveRight(max(room.width() - 1, rect.width() - 1))  # stay in sight
            if isinstance(editor, NoteEditor):
                lines = QFontMetrics(editor.font()).lineSpacing() * MAX_LINES + 2 * PADDING
                rect.setHeight(max(rect.height(), lines))
            rect.setHeight(max(rect.height(), editor.sizeHint().height()))
        editor.setGeometry(rect)

    def check(self, editor: ValueEditor) -> bool:
        """Whether what the editor holds can be stored; if not, say why (model.refused)."""
        row, col = self._editor_cells.get(id(editor), (-1, -1))
        if row < 0:
            return True
        column = self.model.columns[col]
        entered = editor.text()
        try:
            self.model.typed(column, entered)
        except KindError as problem:
            self.model.refused.emit(self.model.refusal(row, column, entered, problem.text(self.model.lang)))
            return False
        return True

    def commit_open_editor(self) -> bool:
        """Store what is being typed (before a row action). False when it cannot be read."""
        editor = self.open_editor
        if editor is None:
            return True
        if not self.check(editor):
            return False
        self.finish(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        return True

    def finish(self, editor: ValueEditor, hint: QAbstractItemDelegate.EndEditHint,
               commit: bool = True) -> None:
        """Store (unless `commit` is False) and close the editor, once: closing hides it, and
        the focus leaving a hidden editor must not store it a second time."""
        if self._editor_cells.pop(id(editor), None) is None:
            return
        if self.open_editor is editor:
            self.open_editor = None
        if commit:
            self.commitData.emit(editor)
        self.closeEditor.emit(editor, hint)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        editor = _editor_of(watched)
        if editor is None:
            return super().eventFilter(watched, event)
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(editor, event)
        if kind == QEvent.Type.FocusOut:
            focused = QApplication.focusWidget()
            if (focused is not None and (focused is editor or editor.isAncestorOf(focused))) \
                    or QApplication.activePopupWidget() is not None:
                return False  # focus moved inside the editor (its unit list, its calendar)
            self.finish(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        return False

    def _key(self, editor: ValueEditor, event: QKeyEvent) -> bool:
        key, modifiers = event.key(), event.modifiers()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and isinstance(editor, NoteEditor) and modifiers & (
                Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier):
            editor.new_line()
            return True
        if enter and modifiers & Qt.KeyboardModifier.ControlModifier:
            # Ctrl+Enter adds a row: store the cell first; the shortcut does the rest.
            return False
        hints: dict[Any, QAbstractItemDelegate.EndEditHint] = {
            Qt.Key.Key_Tab: QAbstractItemDelegate.EndEditHint.EditNextItem,
            Qt.Key.Key_Backtab: QAbstractItemDelegate.EndEditHint.EditPreviousItem,
            Qt.Key.Key_Return: QAbstractItemDelegate.EndEditHint.NoHint,
            Qt.Key.Key_Enter: QAbstractItemDelegate.EndEditHint.NoHint,
        }
        if key in hints:
            if _popup_open(editor):
                return False  # Enter picks from the open list first
            if self.check(editor):
                self.finish(editor, hints[key])
            return True
        if key == Qt.Key.Key_Escape and not _popup_open(editor):
            self.finish(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache, commit=False)
            return True
        return False

    # Drawing -------------------------------------------------------------------------------

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        """In a right-to-left window, a cell whose text begins in a left-to-right script
        (English typed in an Arabic report) is laid out left to right, so that its punctuation
        is not mirrored ("; and propellant", ".permit"). Figures alone keep the window's
        direction."""
        super().initStyleOption(option, index)
        if option.direction == Qt.LayoutDirection.RightToLeft and \
                _first_strong_direction(option.text) == "L":
            option.direction = Qt.LayoutDirection.LeftToRight

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        source = self.proxy.mapToSource(self.proxy.index(index.row(), index.column()))
        column = self.model.columns[source.column()]
        outlined = self.outlined == (source.row(), column.id)
        if outlined:
            # The cell the findings panel points at: show its own colours inside the outline,
            # not the selection's.
            option = QStyleOptionViewItem(option)
            option.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, option, index)
        rect = QRect(option.rect)
        if column.kind.name == "attachments" and not self.model.is_totals_row(source.row()):
            self._paint_thumbnails(painter, rect, self.model.value(source.row(), source.column()),
                                   option)
        severity = index.data(FINDING_ROLE)
        if outlined:
            # One outline only, so that the value stays readable; the finding still shows in
            # the tint and the sign.
            self._outline(painter, rect, JUMP_OUTLINE, 3)
        elif severity:
            self._outline(painter, rect, ERROR_LINE if severity == "error" else WARNING_LINE, 2)

    def _paint_thumbnails(self, painter: QPainter, rect: QRect, ids: Any,
                          option: QStyleOptionViewItem) -> None:
        if not ids:
            painter.save()
            painter.setPen(option.palette.color(option.palette.ColorRole.PlaceholderText))
            painter.drawText(rect.adjusted(PADDING, PADDING, -PADDING, -PADDING),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                                 | Qt.TextFlag.TextWordWrap),
                             translate(N_("Double-click, or drop photos here"), self.model.lang))
            painter.restore()
            return
        x = rect.left() + PADDING
        report = self.model.document.report
        for number, attachment_id in enumerate(ids):
            pixmap = self.thumbnails.thumbnail(report, attachment_id)
            if x + pixmap.width() > rect.right() - PADDING and number:
                painter.drawText(QRect(x, rect.top(), rect.right() - x, rect.height()),
                                 int(Qt.AlignmentFlag.AlignVCenter), f"+{len(ids) - number}")
                break
            painter.drawPixmap(x, rect.top() + PADDING, pixmap)
            x += pixmap.width() + PADDING

    @staticmethod
    def _outline(painter: QPainter, rect: QRect, colour: QColor, width: int) -> None:
        painter.save()
        pen = QPen(colour, width)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = width // 2
        painter.drawRect(rect.adjusted(half, half, -half - (width % 2), -half - (width % 2)))
        painter.restore()

    # Tooltips ------------------------------------------------------------------------------

    def elided(self, option: QStyleOptionViewItem, index: Index) -> bool:
        """Whether the cell cuts its text short: a line wider than the text's room (a word that
        cannot wrap), or more lines than the row's height holds; laid out as the style does."""
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        text = cell.text
        if not text:
            return False
        widget = cell.widget
        look = widget.style() if widget is not None else QApplication.style()
        room = look.subElementRect(QStyle.SubElement.SE_ItemViewItemText, cell, widget)
        margin = look.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        width = room.width() - 2 * margin
        if width <= 0:
            return True
        wrap = bool(cell.features & QStyleOptionViewItem.ViewItemFeature.WrapText)
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.WordWrap if wrap
                                else QTextOption.WrapMode.ManualWrap)
        layout = QTextLayout(text.replace("\n", "\u2028"), cell.font)
        layout.setTextOption(text_option)
        layout.beginLayout()
        height, lines, too_wide = 0.0, 0, False
        try:
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                too_wide = too_wide or line.naturalTextWidth() > width
                height += line.height()
                lines += 1
        finally:
            layout.endLayout()
        return too_wide or (lines > 1 and height > room.height())

    def tooltip(self, option: QStyleOptionViewItem, index: Index) -> str | None:
        """The cell's tooltip (its findings, what a total is), led by the whole text when the
        cell cuts it short."""
        own = index.data(Qt.ItemDataRole.ToolTipRole)
        own = str(own) if own else ""
        if self.elided(option, index):
            whole = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            if whole and whole not in own:
                return f"{whole}\n\n{own}" if own else whole
        return own or None

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView,  # noqa: N802
                  option: QStyleOptionViewItem, index: Index) -> bool:
        if event is None or event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        text = self.tooltip(option, index)
        if text:
            QToolTip.showText(event.globalPos(), text, view, option.rect)
        else:
            QToolTip.hideText()
            event.ignore()
        return True

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        """Measured by hand rather than by the style: a long table asks this for every cell
        whenever its rows are measured."""
        source = self.proxy.mapToSource(self.proxy.index(index.row(), index.column()))
        row, col = source.row(), source.column()
        column = self.model.columns[col]
        metrics = QFontMetrics(option.font)
        line = metrics.lineSpacing()
        one_line = line + 2 * PADDING + 2
        if column.kind.name == "attachments":
            return QSize(2 * self.thumbnails.height, self.thumbnails.height + 2 * PADDING)
        text = self.model.display_text(row, col)
        width = option.rect.width() - 2 * PADDING - 4
        if self.model.finding_at(row, column.id) is not None:
            width -= 18  # the finding's sign
        if not text or width <= 0:
            return QSize(metrics.horizontalAdvance(text) + 2 * PADDING, one_line)
        if "\n" not in text and metrics.horizontalAdvance(text) <= width:
            return QSize(metrics.horizontalAdvance(text) + 2 * PADDING, one_line)
        bounds = metrics.boundingRect(QRect(0, 0, width, line * 50),
                                      int(Qt.TextFlag.TextWordWrap), text)
        height = min(bounds.height(), line * MAX_LINES) + 2 * PADDING + 2
        return QSize(bounds.width() + 2 * PADDING, max(one_line, height))


def _first_strong_direction(text: str) -> str | None:
    """"L" or "R" for the first letter of `text` with a direction of its own (None: figures
    and punctuation only), as the Unicode bidirectional algorithm finds a paragraph's."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
    return None


def _editor_of(widget: QObject | None) -> ValueEditor | None:
    while widget is not None:
        if isinstance(widget, ValueEditor):
            return widget
        widget = widget.parent()
    return None


def _popup_open(editor: ValueEditor) -> bool:
    popup = QApplication.activePopupWidget()
    if popup is None:
        return False
    owner = popup.parentWidget()
    return editor.isAncestorOf(popup) or (owner is not None and editor.isAncestorOf(owner))
