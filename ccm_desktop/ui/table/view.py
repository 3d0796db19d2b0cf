"""The grid: column titles wrapped in full, columns that fill the width, a height that follows
the rows (so that a page with several tables scrolls as one), and the spreadsheet keys.

A number is never cut: a number column is never narrower than its widest value, the bold total
included (`number_widths`); text columns wrap, and a text cut short shows whole in its tooltip."""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QResizeEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ccm_desktop.ui.hyphens import SOFT_HYPHEN, hyphenated, narrowest
from ccm_desktop.ui.table.model import TableModel

HEADER_PADDING = 8
SORT_ARROW = 18
MAX_VISIBLE_ROWS = 12
MIN_VISIBLE_ROWS = 2
MIN_COLUMN = 56
MIN_SCALE = 0.7  # below this, the grid scrolls sideways instead of squeezing further
THUMBNAILS_WIDTH = 60
FIGURE_CHARS = 24  # a figure longer than this (rare) may be cut, and shows in the tooltip
_FIGURE = re.compile(r"\S*\d\S*")


def share_widths(wanted: list[tuple[int, int]], available: int) -> list[int]:
    """Column widths in proportion to the (wanted, smallest) pairs that fill `available`
    exactly, no column below its smallest; wider than `available` (the grid scrolls) only when
    that would squeeze the columns below MIN_SCALE of what they want."""
    total = sum(w for w, _ in wanted)
    if available < max(MIN_SCALE * total, sum(s for _, s in wanted)):
        return [max(smallest, int(w * MIN_SCALE)) for w, smallest in wanted]
    pinned: set[int] = set()
    while True:
        room = available - sum(wanted[i][1] for i in pinned)
        free = sum(w for i, (w, _) in enumerate(wanted) if i not in pinned)
        widths = [wanted[i][1] if i in pinned else int(w * room / free)
                  for i, (w, _) in enumerate(wanted)]
        below = {i for i, (_, smallest) in enumerate(wanted)
                 if i not in pinned and widths[i] < smallest}
        if not below:
            break
        pinned |= below
    widths[-1] += available - sum(widths)
    return widths


def _longest_figures(values: Iterable[Any], count: int = 8) -> list[str]:
    """The `count` longest words with a digit in the texts of `values` (the longer first, ties
    in reverse alphabetical order, so the choice never depends on the order of the rows). The
    texts are read from the longest, and only until no text left can hold a word that would be
    chosen: a column of 10,000 area names is not searched through each time it is shown."""
    kept: list[tuple[int, str]] = []  # a heap of the chosen words' (length, word), least first
    for text in sorted({v for v in values if isinstance(v, str)}, key=lambda v: (len(v), v),
                       reverse=True):
        if len(kept) >= count and (len(text), text) < kept[0]:
            break  # its words, and those of every text after it, rank below all the chosen
        for word in _FIGURE.findall(text):
            key = (len(word), word)
            if key in kept:
                continue
            if len(kept) < count:
                heapq.heappush(kept, key)
            elif key > kept[0]:
                heapq.heapreplace(kept, key)
    return [word for _, word in sorted(kept, reverse=True)]


def _shape(value: Any) -> tuple[bool, int, int]:
    """(negative, digits before the decimal point, digits after it) of a number."""
    text = format(abs(value), "f") if isinstance(value, Decimal) else str(abs(value))
    whole, _, fraction = text.partition(".")
    return value < 0, len(whole), len(fraction)


def _widest_digits(text: str, metrics: QFontMetricsF) -> str:
    """`text` with each digit (of any script) replaced by the widest digit of its script."""
    out = []
    for char in text:
        number = unicodedata.decimal(char, None)
        if number is not None:
            zero = ord(char) - number
            char = max((chr(zero + d) for d in range(10)), key=metrics.horizontalAdvance)
        out.append(char)
    return "".join(out)


class WrappingHeader(QHeaderView):
    """Column titles wrapped on as many lines as they need, never cut; a long word may be
    broken with a hyphen where its language allows it (`hyphens.hyphenated`)."""

    def __init__(self, parent: QWidget | None = None, lang: str = "en") -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.lang = lang
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                                 | Qt.TextFlag.TextWordWrap)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def _text_height(self, section: int) -> int:
        model = self.model()
        if model is None:
            return 0
        text = hyphenated(str(model.headerData(section, Qt.Orientation.Horizontal,
                                               Qt.ItemDataRole.DisplayRole) or ""), self.lang)
        margin = self.style().pixelMetric(self.style().PixelMetric.PM_HeaderMargin, None, self)
        width = self.sectionSize(section) - 4 * margin
        if self.isSortIndicatorShown() and self.sortIndicatorSection() == section:
            width -= SORT_ARROW
        width = max(20, width)
        metrics = QFontMetrics(self.font())
        return metrics.boundingRect(QRect(0, 0, width, 10_000),
                                    int(Qt.TextFlag.TextWordWrap), text).height()

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:  # noqa: N802
        if not rect.isValid():
            return
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        self.initStyleOptionForIndex(option, logical)
        option.rect = rect
        option.text = hyphenated(option.text, self.lang)
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        tallest = max((self._text_height(s) for s in range(self.count())), default=0)
        return QSize(hint.width(), max(hint.height(), tallest + HEADER_PADDING))


class TableGrid(QTableView):
    """A grid of cells that fills its width and follows its rows' height."""

    heights_changed = Signal()  # rows re-measured (the columns changed width)
    # Keys on the grid itself. They are also the shortcuts of the editor's actions; these
    # signals catch them when the shortcut system does not (a window that is not active).
    files_dropped = Signal(list, QModelIndex)  # photos dragged onto a row
    copy_requested = Signal()
    paste_requested = Signal()
    clear_requested = Signal()

    def __init__(self, model_of_rows: TableModel, parent: QWidget | None = None) -> None:
        self._fitting = True  # until built
        self._fitted_width = -1
        self.user_sized = False
        self._number_widths: dict[int, int] | None = None  # column -> width; None: measure again
        self._text_widths: dict[tuple[int, bool, tuple[bool, int, int]], int] = {}
        # Number column -> each stored row's width (None: measure every row again), and how
        # many rows have each width.
        self._row_widths: dict[int, list[int]] | None = None
        self._width_counts: dict[int, Counter[int]] = {}
        self._figures: dict[int, int] | None = None  # text column -> room for its widest figure
        self._overheads: tuple[int, int] | None = None  # a cell's room beside its text
        self._measured: set[int] = set()  # view rows whose height fits their text
        super().__init__(parent)
        self.rows_model = model_of_rows
        self.accepts_files = any(c.kind.name == "attachments" for c in model_of_rows.columns)
        self.setAcceptDrops(self.accepts_files)
        self.viewport().setAcceptDrops(self.accepts_files)
        self.setHorizontalHeader(WrappingHeader(self, model_of_rows.lang))
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
        self.setIconSize(QSize(14, 14))
        # Heights are measured when rows change (remeasure), not on every layout: measuring
        # every row each time is what makes long tables slow.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight
                                                  | Qt.AlignmentFlag.AlignVCenter)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorClearable(True)
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._section_resized)
        model_of_rows.dataChanged.connect(self._data_changed)
        model_of_rows.rowsInserted.connect(self._rows_inserted)
        model_of_rows.rowsRemoved.connect(self._rows_removed)
        model_of_rows.modelReset.connect(self._reset_widths)
        model_of_rows.layoutChanged.connect(self._reset_widths)
        for signal in (model_of_rows.rowsInserted, model_of_rows.rowsRemoved,
                       model_of_rows.modelReset, model_of_rows.layoutChanged):
            signal.connect(self._measured.clear)  # measured rows now stand elsewhere
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._fitting = False

    # Files dropped from the file manager ----------------------------------------------------

    def _dropped_files(self, event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
        mime = event.mimeData()
        if not self.accepts_files or mime is None or not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._dropped_files(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if self._dropped_files(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = self._dropped_files(event)
        if not files:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.files_dropped.emit(files, self.indexAt(event.position().toPoint()))

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

    def natural_widths(self) -> list[tuple[int, int]]:
        """(wanted, smallest) width of each column."""
        metrics = QFontMetrics(self.font())
        char = metrics.averageCharWidth()
        header_model = self.rows_model
        numbers = self.number_widths()
        widths = []
        for section, column in enumerate(self.rows_model.columns):
            title = hyphenated(str(header_model.headerData(section, Qt.Orientation.Horizontal)
                                   or ""), header_model.lang)
            # A title wraps between words, and a long word at one of its hyphenation points:
            # each word must fit on at most two lines.
            longest = math.ceil(narrowest(title, metrics.horizontalAdvance))
            smallest = max(MIN_COLUMN, longest + 2 * HEADER_PADDING + 4)
            # Wanted: the words whole, so that a title is broken only when room is short.
            whole = max((metrics.horizontalAdvance(w.replace(SOFT_HYPHEN, ""))
                         for w in title.split()), default=0) + 2 * HEADER_PADDING + 4
            if column.kind.name == "attachments":
                smallest = max(smallest, 2 * THUMBNAILS_WIDTH)  # two photos side by side
            smallest = max(smallest, numbers.get(section, 0))  # every digit, never "3,200,…"
            options = getattr(column.kind, "options", ())
            if column.kind.name == "choice" and options:
                # A choice wraps between words too; its longest word is not cut ("Confir…").
                labels = " ".join(column.kind.format(o.id, self.rows_model.locale)
                                  for o in options)
                words = max((math.ceil(QFontMetricsF(self.font()).horizontalAdvance(w))
                             for w in labels.split()), default=0)
                smallest = max(smallest, words + self.cell_overhead())
            widths.append((max(smallest, whole, column.width * char + 2 * HEADER_PADDING),
                           smallest))
        return widths

    def cell_overhead(self, decorated: bool = False) -> int:
        """The pixels of a cell that are not its text: the style's text margins, the grid line,
        and (when `decorated`) the sign of a finding beside the value."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = QRect(0, 0, 1000, 40)
        option.text = "0"
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        if decorated:
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
            option.decorationSize = self.iconSize()
        style = self.style()
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, self)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        grid_line = 1 if self.showGrid() else 0
        return option.rect.width() - text.width() + 2 * margin + grid_line

    def number_widths(self) -> dict[int, int]:
        """Column -> the width that shows every value of the number column whole: each
        formatted value, the bold total, and a finding's sign where a cell has one.

        Each stored row's width is kept, and how many rows have each width: a change of a few
        rows measures those rows only (`_values_changed`), so one typed cell in a table of
        10,000 rows costs what it touched (benchmarks/run.py, `typed_cell`)."""
        if self._number_widths is not None:
            return self._number_widths
        model = self.rows_model
        if self._row_widths is None:
            self._row_widths = {}
            for col, column in enumerate(model.columns):
                if column.kind.is_number:
                    self._row_widths[col] = self._column_widths(col, column.id)
            self._width_counts = {col: Counter(widths)
                                  for col, widths in self._row_widths.items()}
        widths: dict[int, int] = {}
        for col, counts in self._width_counts.items():
            total = self._cell_width(model.stored_count(), col) \
                if model.rowCount() > model.stored_count() else 0
            widths[col] = max(max(counts, default=0), total)
        widths.update(self._figure_widths())
        self._number_widths = widths
        return widths

    def _column_widths(self, col: int, column_id: str) -> list[int]:
        """Each stored row's width in a number column: `_value_width` made quick for a whole
        column (a Lao-scale Form F has 80,000 number cells to measure when first shown)."""
        model = self.rows_model
        flagged = model.finding_rows(column_id)
        known = self._text_widths
        if self._overheads is None:
            self._overheads = (self.cell_overhead(False), self.cell_overhead(True))
        plain, decorated = self._overheads
        widths = []
        for row, value in enumerate(model.column_values(col)):
            if value is None:
                widths.append(0)
                continue
            text_width = known.get((col, False, _shape(value)))
            if text_width is None:
                widths.append(self._value_width(row, col, value, row in flagged))
            else:
                widths.append(text_width + (decorated if row in flagged else plain))
        return widths

    def _cell_width(self, row: int, col: int) -> int:
        """The width that shows the value of a number cell whole (0 when empty); `row` past
        the stored rows is the totals row."""
        model = self.rows_model
        value = model.value(row, col)
        if value is None:
            return 0
        totals = row >= model.stored_count()
        decorated = not totals and model.finding_at(row, model.columns[col].id) is not None
        return self._value_width(row, col, value, decorated)

    def _value_width(self, row: int, col: int, value: Any, decorated: bool) -> int:
        model = self.rows_model
        totals = row >= model.stored_count()
        # Values of one shape read alike but for their digits: one of them is measured with its
        # digits made the font's widest, a width no value of the shape exceeds.
        key = (col, totals, _shape(value))
        text_width = self._text_widths.get(key)
        if text_width is None:
            # Fractional advances, rounded up: the style cuts a text whose advance exceeds its
            # room by a fraction of a pixel.
            font = QFont(self.font())
            font.setBold(totals)
            metrics = QFontMetricsF(font)
            text = _widest_digits(model.display_text(row, col), metrics)
            text_width = math.ceil(metrics.horizontalAdvance(text))
            self._text_widths[key] = text_width
        if self._overheads is None:
            self._overheads = (self.cell_overhead(False), self.cell_overhead(True))
        return text_width + self._overheads[decorated]

    def _rows_measured_again(self, rows: range) -> None:
        """The widths of stored `rows` (their values or findings changed)."""
        self._figures_grow(rows)
        if self._row_widths is None:
            return
        for col, widths in self._row_widths.items():
            counts = self._width_counts[col]
            for row in rows:
                if row >= len(widths):
                    break
                new = self._cell_width(row, col)
                old = widths[row]
                if new != old:
                    widths[row] = new
                    self._count(counts, old, -1)
                    self._count(counts, new, 1)

    @staticmethod
    def _count(counts: Counter[int], width: int, step: int) -> None:
        counts[width] += step
        if counts[width] <= 0:
            del counts[width]

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex,
                      *_: Any) -> None:
        self._rows_measured_again(range(top_left.row(), bottom_right.row() + 1))
        self._values_changed()

    def _rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        self._figures_grow(range(first, last + 1))
        if self._row_widths is not None:
            stored = self.rows_model.stored_count()
            new = range(first, min(last + 1, stored))
            for col, widths in self._row_widths.items():
                if len(widths) + len(new) != stored:
                    self._row_widths = None  # not the rows we know: measure them all again
                    break
                added = [self._cell_width(row, col) for row in new]
                widths[first:first] = added
                for width in added:
                    self._count(self._width_counts[col], width, 1)
        self._scroll_when_long()
        self._values_changed()

    def _rows_removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        self._figures = None  # the widest figure may have gone: look at the rows left again
        if self._row_widths is not None:
            for col, widths in self._row_widths.items():
                for width in widths[first:last + 1]:
                    self._count(self._width_counts[col], width, -1)
                del widths[first:last + 1]
                if len(widths) != self.rows_model.stored_count():
                    self._row_widths = None
                    break
        self._scroll_when_long()
        self._values_changed()

    def _reset_widths(self, *_: Any) -> None:
        self._row_widths = None
        self._figures = None
        self._scroll_when_long()
        self._values_changed()

    def _figure_width(self, values: Iterable[Any]) -> int:
        """The room a text column needs so that no figure in it is cut ("1991–1995" cannot
        wrap, and a cell cuts what does not fit): the widest part that cannot be wrapped of its
        longest words with a digit, up to FIGURE_CHARS characters."""
        longest = _longest_figures(values)
        if not longest:
            return 0
        metrics = QFontMetricsF(self.font())
        cap = FIGURE_CHARS * metrics.averageCharWidth()
        widest = 0.0
        for word in longest:
            layout = QTextLayout(_widest_digits(word, metrics), self.font())
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            layout.setTextOption(option)
            layout.beginLayout()
            while True:  # at the narrowest width, each line is a part that cannot be wrapped
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(1)
                widest = max(widest, min(cap, line.naturalTextWidth()))
            layout.endLayout()
        return math.ceil(widest) + self.cell_overhead(True)

    def _figure_widths(self) -> dict[int, int]:
        """Text columns -> the room their widest figure needs (`_figure_width`): every row is
        looked at once, then only the rows whose values change (such a column only widens)."""
        if self._figures is None:
            self._figures = {
                col: self._figure_width(self.rows_model.column_values(col))
                for col, column in enumerate(self.rows_model.columns)
                if column.kind.name in ("text", "note")}
        return {col: width for col, width in self._figures.items() if width}

    def _figures_grow(self, rows: range) -> None:
        if self._figures is None:
            return
        stored = self.rows_model.stored_count()
        for col in self._figures:
            values = [self.rows_model.value(row, col) for row in rows if row < stored]
            self._figures[col] = max(self._figures[col], self._figure_width(values))

    def _values_changed(self) -> None:
        """Rows or values changed: when a number column now needs another width, fit again (or,
        after a resize by hand, widen the columns that would cut a number)."""
        before = self._number_widths
        self._number_widths = None
        if before is None or self.number_widths() == before:
            return
        if not self.user_sized:
            self.fit_columns()
            return
        self._widen_number_columns()

    def _widen_number_columns(self) -> None:
        self._fitting = True
        try:
            for col, width in self.number_widths().items():
                if self.columnWidth(col) < width:
                    self.setColumnWidth(col, width)
        finally:
            self._fitting = False

    def fit_columns(self) -> None:
        """Columns in proportion to their hints, filling the grid's width; squeezed (titles
        wrap) rather than scrolled sideways, down to a readable width. Left alone once the
        person has resized a column by hand."""
        if self.user_sized:
            return
        wanted = self.natural_widths()
        available = self.viewport().width()
        self._fitted_width = available
        total = sum(w for w, _ in wanted)
        if total <= 0 or available <= 0:
            return
        widths = share_widths(wanted, available)
        if widths == [self.columnWidth(c) for c in range(len(widths))]:
            self._scroll_when_long()
            return  # as they are: the rows keep their heights
        self._fitting = True
        try:
            for section, width in enumerate(widths):
                self.setColumnWidth(section, width)
        finally:
            self._fitting = False
        self.horizontalHeader().headerDataChanged(Qt.Orientation.Horizontal, 0,
                                                  max(0, len(widths) - 1))
        self.remeasure()

    def remeasure(self, rows: Iterable[int] | None = None) -> None:
        """Row heights follow the wrapped text (of `rows` of the view, or of all rows); the
        grid's wanted height follows the rows.

        Only rows that can be seen are measured: the first rows (which give the grid its
        height) and those in the viewport; the others keep one line until they are scrolled
        into view. Measuring all 10,000 rows of a long table took seconds
        (benchmarks/run.py, `form_f_page`).

        With `rows` (values of a few rows changed, one typed cell mostly), only those of them
        already measured are measured again: a row not yet measured is measured when it comes
        into view. When none of the first rows changed height, the grid wants the height it
        had, and Qt itself moves the rows below a changed one (`rowResized`): nothing else is
        laid out again (benchmarks/run.py, `typed_cell`)."""
        count = self.model().rowCount() if self.model() is not None else 0
        self._scroll_when_long()
        if rows is None:
            self._measured.clear()
        else:
            first_rows = False
            for row in rows:
                if 0 <= row < count and row in self._measured:
                    height = self.rowHeight(row)
                    self.resizeRowToContents(row)
                    if self.rowHeight(row) != height:
                        first_rows = first_rows or row < MAX_VISIBLE_ROWS
            if not self._measure_visible() and not first_rows:
                return  # the grid keeps its height: nothing to lay out again
        self._measure_visible()
        self.updateGeometries()
        self.updateGeometry()
        self.heights_changed.emit()

    def _scroll_when_long(self) -> None:
        """A table longer than the grid's height scrolls; a short one never shows the bar."""
        count = self.model().rowCount() if self.model() is not None else 0
        policy = (Qt.ScrollBarPolicy.ScrollBarAlwaysOff if count <= MAX_VISIBLE_ROWS
                  else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        if self.verticalScrollBarPolicy() != policy:  # setting it lays the grid out again
            self.setVerticalScrollBarPolicy(policy)

    def _scrolled(self, _value: int) -> None:
        self._measure_visible()

    def _measure_visible(self) -> bool:
        """Fit the heights of the rows in view (and of the first rows) not yet measured; True
        when one of them changed height."""
        count = self.model().rowCount() if self.model() is not None else 0
        measured = False
        for _pass in range(4):  # new heights change which rows are in view; this settles fast
            first = max(0, self.rowAt(0))
            last = self.rowAt(self.viewport().height() - 1)
            last = count - 1 if last < 0 else last
            wanted = [*range(min(count, MAX_VISIBLE_ROWS)), *range(first, min(count, last + 2))]
            todo = [row for row in wanted if row not in self._measured]
            if not todo:
                break
            for row in todo:
                height = self.rowHeight(row)
                self.resizeRowToContents(row)
                self._measured.add(row)
                measured = measured or self.rowHeight(row) != height
            if not measured:
                break  # the same heights: the same rows in view
        return measured

    def _section_resized(self, *_: int) -> None:
        if not self._fitting:
            self.user_sized = True
            self._widen_number_columns()  # dragged narrower than its numbers: no further
            self.remeasure()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._text_widths.clear()
            self._number_widths = None
            self._row_widths = None
            self._figures = None
            self._overheads = None
            # Taller text (a larger font, another style): the columns, the titles' lines and
            # the rows are measured again, and the grid asks for its new height, once the
            # headers and cells have the new font too. Until then the grid kept its old
            # height, and its last rows (the totals) were hidden.
            QTimer.singleShot(0, self, self._refit)

    def _refit(self) -> None:
        self.fit_columns()
        self.remeasure()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_columns()
        elif event.size().height() > event.oldSize().height():
            self._measure_visible()  # rows come into view

    def updateGeometries(self) -> None:  # noqa: N802
        super().updateGeometries()
        if not self._fitting and self.viewport().width() != self._fitted_width:
            self.fit_columns()  # a scroll bar came or went

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
        too_wide = self.horizontalHeader().length() > self.viewport().width()
        scrollbar = self.horizontalScrollBar().sizeHint().height() if too_wide else 0
        return header + max(body, vertical.defaultSectionSize()) + scrollbar + 2 * self.frameWidth()
