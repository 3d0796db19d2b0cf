"""Sorting by a column for reading, without touching the stored order of the rows.

The proxy only changes what the view shows; every edit is mapped back to the stored row. Empty
cells and the totals row stay at the bottom whichever way the column is sorted.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ccm_desktop.ui.table.model import TableModel

Index = QModelIndex | QPersistentModelIndex


class StoredOrderProxy(QSortFilterProxyModel):
    def __init__(self, model: TableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table_model = model
        self.setSourceModel(model)
        self.setDynamicSortFilter(True)

    @property
    def is_sorted(self) -> bool:
        return self.sortColumn() >= 0

    def stored_order(self) -> None:
        """Show the rows in the order they are stored (and will be exported) again."""
        self.sort(-1, Qt.SortOrder.AscendingOrder)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        model = self.table_model
        # Qt sorts descending by asking lessThan(right, left); to keep the totals row and empty
        # cells at the bottom both ways, answer "last" according to the current order.
        ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
        left_last = self._rank(left.row(), left.column())
        right_last = self._rank(right.row(), right.column())
        if left_last != right_last:
            return (left_last < right_last) if ascending else (left_last > right_last)
        if left_last:
            return left.row() < right.row() if ascending else left.row() > right.row()
        a: Any = model.sort_key(left.row(), left.column())
        b: Any = model.sort_key(right.row(), right.column())
        try:
            return bool(a < b)
        except TypeError:  # mixed types in a column read from an odd file
            return str(a) < str(b)

    def _rank(self, row: int, column: int) -> int:
        """0 for a value, 1 for an empty cell, 2 for the totals row."""
        if self.table_model.is_totals_row(row):
            return 2
        return 1 if self.table_model.sort_key(row, column) is None else 0

    def stored_row(self, proxy_row: int) -> int | None:
        """The stored row behind a row of the view; None for the totals row."""
        source = self.mapToSource(self.index(proxy_row, 0))
        if not source.isValid() or self.table_model.is_totals_row(source.row()):
            return None
        return source.row()

