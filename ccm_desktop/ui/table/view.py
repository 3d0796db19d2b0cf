"""The grid: column titles wrapped in full, columns that fill the width, a height that follows
the rows (so that a page with several tables scrolls as one), and the spreadsheet keys."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ccm_desktop.ui.table.model import TableModel

HEADER_PADDING = 8
SORT_ARROW = 18
MAX_VISIBLE_ROWS = 12
MIN_VISIBLE_ROWS = 2


class WrappingHeader(QHeaderView):
    """Column titles wrapped on as many lines as they need, never cut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                                 | Qt.TextFlag.TextWordWrap)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def _text_height(self, section: int) -> int:
        model = self.model()
        if model is None:
            return 0
        text = str(model.headerData(section, Qt.Orientation.Horizontal,
                                    Qt.ItemDataRole.DisplayRole) or "")
        width = max(20, self.sectionSize(section) - 2 * HEADER_PADDING - SORT_ARROW)
        metrics = QFontMetrics(self.font())
        return metrics.boundingRect(QRect(0, 0, width, 10_000),
                                    int(Qt.TextFlag.TextWordWrap), text).height()

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        tallest = max((self._text_height(s) for s in range(self.count())), default=0)
        return QSize(hint.width(), max(hint.height(), tallest + 2 * HEADER_PADDING))


class TableGrid(QTableView):
    """Signals for the keys a spreadsheet user expects when no cell is being edited."""

    copy_requested = Signal()
    heights_changed = Signal()  # rows re-measured (the columns changed width)
    paste_requested = Signal()
    clear_requested = Signal()

    def __init__(self, model_of_rows: TableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows_model = model_of_rows
        self.setHorizontalHeader(WrappingHeader(self))
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight
                                                  | Qt.AlignmentFlag.AlignTop)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorClearable(True)
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._section_resized)
        self._fitting = False
        self.user_sized = False

    # Keys ----------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_requested.emit()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste_requested.emit()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and \
                not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.clear_requested.emit()
        else:
            super().keyPressEvent(event)

    # Sizes ---------------------------------------------------------------------------------

    def natural_widths(self) -> list[int]:
        char = QFontMetrics(self.font()).averageCharWidth()
        return [max(60, column.width * char + 2 * HEADER_PADDING)
                for column in self.rows_model.columns]

    def fit_columns(self) -> None:
        """Columns as wide as their hint, stretched to fill the grid while the person has not
        resized any column by hand."""
        if self.user_sized:
            return
        widths = self.natural_widths()
        available = self.viewport().width()
        total = sum(widths)
        if 0 < total < available:
            widths = [w * available // total for w in widths]
            widths[-1] += available - sum(widths)
        self._fitting = True
        try:
            for section, width in enumerate(widths):
                self.setColumnWidth(section, width)
        finally:
            self._fitting = False
        self.horizontalHeader().headerDataChanged(Qt.Orientation.Horizontal, 0,
                                                  max(0, len(widths) - 1))
        self.remeasure()

    def remeasure(self) -> None:
        """Row heights follow the wrapped text; the grid's wanted height follows the rows."""
        self.resizeRowsToContents()
        self.updateGeometries()
        self.updateGeometry()
        self.heights_changed.emit()

    def _section_resized(self, *_: int) -> None:
        if not self._fitting:
            self.user_sized = True
            self.remeasure()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_columns()

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        return QSize(hint.width(), self.height_for_rows(MAX_VISIBLE_ROWS))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().minimumSizeHint().width(), self.height_for_rows(MIN_VISIBLE_ROWS))

    def height_for_rows(self, limit: int) -> int:
        header = self.horizontalHeader().sizeHint().height()
        rows = self.model().rowCount() if self.model() is not None else 0
        vertical = self.verticalHeader()
        body = sum(vertical.sectionSize(r) for r in range(min(rows, limit)))
        scrollbar = self.horizontalScrollBar().sizeHint().height() \
            if self.horizontalScrollBar().isVisible() else 0
        return header + max(body, vertical.defaultSectionSize()) + scrollbar + 2 * self.frameWidth()
