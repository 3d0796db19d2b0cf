"""One table model for every table of the report, driven by the schema (no per-column code).

The model shows the rows the document holds, in their stored order, and (when the table has
columns that add up) one extra totals row at the end that is computed, shown and never stored.
Edits go through the document (ui/document.py): `setData` parses and checks the value with
the column's kind and calls `document.set_cells`; the document then says what changed and the
model follows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, getcontext, localcontext
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon

from ccm_desktop.domain.changes import Change, RowsHow, runs
from ccm_desktop.domain.findings import Severity
from ccm_desktop.domain.report import Row
from ccm_desktop.schema import registry
from ccm_desktop.schema.i18n import N_, language, message, translate
from ccm_desktop.schema.kinds import KindError
from ccm_desktop.schema.model import Field, parse_path, path_of
from ccm_desktop.ui.document import ReportDocument

Index = QModelIndex | QPersistentModelIndex

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1  # the typed value of a cell (None when empty)
FINDING_ROLE = Qt.ItemDataRole.UserRole + 2  # "error" / "warning" / None
TOTALS_ROLE = Qt.ItemDataRole.UserRole + 3  # True on the totals row

ERROR_TINT = QColor("#fbe3e4")
WARNING_TINT = QColor("#fdf1d8")
TOTALS_TINT = QColor("#eceff3")


@dataclass(frozen=True)
class CellFinding:
    severity: Severity
    messages: tuple[str, ...]


def column_title(column: Field, lang: str) -> str:
    """The header text: the full label, with a star when the column is required."""
    label = translate(column.label, lang)
    return f"{label}\u00a0*" if column.required else label  # the star never wraps alone


class TableModel(QAbstractTableModel):
    """Rows of `document.rows(part_id, table_id)`; the last row is the totals row when
    `has_totals`. Signals: `refused(str)` — a sentence saying why a typed value was not stored."""

    refused = Signal(str)

    def __init__(self, document: ReportDocument, part_id: str, table_id: str, locale: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document, self.part_id, self.table_id = document, part_id, table_id
        self.table = registry.table(part_id, table_id)
        self.columns: tuple[Field, ...] = self.table.columns
        self.locale = locale
        self.lang = locale.split("_")[0]
        self.path = path_of(part_id, "tables", table_id)
        self.summed: frozenset[str] = frozenset(
            c.id for c in self.table.totalled_columns
        ) if self.table.totals else frozenset()
        self._rows: list[Row] = list(document.rows(part_id, table_id))
        self._totals: dict[str, _Total] = {}  # column -> its total, kept up to date
        self._cell_findings: dict[tuple[int, str], CellFinding] = {}
        self._row_findings: dict[int, CellFinding] = {}
        self.table_findings: list[tuple[Severity, str]] = []
        self._collect_findings()
        document.changes_made.connect(self._on_changes)
        document.findings_changed.connect(self._on_findings_changed)

    # Shape ---------------------------------------------------------------------------------

    @property
    def has_totals(self) -> bool:
        return bool(self.summed)

    def stored_count(self) -> int:
        return len(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid():
            return 0
        return len(self._rows) + (1 if self.has_totals and self._rows else 0)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def is_totals_row(self, row: int) -> bool:
        return self.has_totals and row == len(self._rows)

    def column_index(self, column_id: str) -> int:
        for i, column in enumerate(self.columns):
            if column.id == column_id:
                return i
        raise KeyError(column_id)

    def value(self, row: int, column: int) -> Any:
        """The stored value (or the total on the totals row); None when empty."""
        column_id = self.columns[column].id
        if self.is_totals_row(row):
            return self.total(column_id)
        if 0 <= row < len(self._rows):
            return self._rows[row].get(column_id)
        return None

    def row_values(self, row: int) -> Row:
        return dict(self._rows[row])

    def total(self, column_id: str) -> Any:
        """The sum of the column's numbers, or None without any: kept, and brought up to date
        by what each edit took away and added (`_Total`), so that a typed cell of a long table
        does not add up every row again."""
        if column_id not in self.summed:
            return None
        kept = self._totals.get(column_id)
        if kept is None:
            kept = self._totals[column_id] = _Total(r.get(column_id) for r in self._rows)
        return kept.value(lambda: [r.get(column_id) for r in self._rows])

    def _totals_follow(self, old: list[Row], new: list[Row]) -> None:
        for column_id, kept in self._totals.items():
            kept.take(row.get(column_id) for row in old)
            kept.add(row.get(column_id) for row in new)

    def display_text(self, row: int, column: int) -> str:
        value = self.value(row, column)
        return "" if value is None else self.columns[column].kind.format(value, self.locale)

    def sort_key(self, row: int, column: int) -> Any:
        """A key that orders values of one column; None when the cell is empty."""
        value = self.value(row, column)
        if value is None:
            return None
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int | Decimal | date):
            return value
        if isinstance(value, list):
            return len(value)
        return self.display_text(row, column).casefold()

    # Qt model interface -------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        column = self.columns[col]
        totals = self.is_totals_row(row)
        if role == Qt.ItemDataRole.DisplayRole:
            if column.kind.name == "attachments" and not totals:
                return None  # the delegate draws thumbnails
            return self.display_text(row, col)
        if role in (Qt.ItemDataRole.EditRole, VALUE_ROLE):
            return self.value(row, col)
        if role == TOTALS_ROLE:
            return totals
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (Qt.AlignmentFlag.AlignRight if column.kind.is_number
                          else Qt.AlignmentFlag.AlignLeft)
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and totals:
            font = QFont()
            font.setBold(True)
            return font
        finding = None if totals else self._cell_findings.get((row, column.id))
        if role == FINDING_ROLE:
            return finding.severity.value if finding else None
        if role == Qt.ItemDataRole.DecorationRole and finding:
            return finding_icon(finding.severity)
        if role == Qt.ItemDataRole.BackgroundRole:
            if totals:
                return QBrush(TOTALS_TINT)
            if finding:
                return QBrush(ERROR_TINT if finding.severity is Severity.ERROR else WARNING_TINT)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col, finding)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self.display_text(row, col) or translate(N_("empty"), self.lang)
            where = (translate(N_("Total"), self.lang) if totals
                     else translate(N_("Row {row}"), self.lang).format(row=row + 1))
            return f"{where}, {translate(column.label, self.lang)}: {text}"
        return None

    def _tooltip(self, row: int, col: int, finding: CellFinding | None) -> str | None:
        lines: list[str] = []
        if finding:
            lines.extend(finding.messages)
        if self.is_totals_row(row):
            lines.append(translate(N_("The total of the rows above. It is worked out for you "
                                      "and not stored."), self.lang))
        elif self.columns[col].kind.name == "attachments":
            attachments = self.document.report.attachments
            names = [attachments[a].filename if a in attachments else a
                     for a in self.value(row, col) or []]
            lines.append("\n".join(names) if names else translate(
                N_("No files yet. Double-click to choose photos, or drop them here from a "
                   "folder."), self.lang))
        elif self.columns[col].kind.multiline:
            text = self.display_text(row, col)
            if len(text) > 60 or "\n" in text:
                lines.append(text)
        return "\n\n".join(lines) or None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.columns):
                return None
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column_title(column, self.lang)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.column_help(column)
            return None
        if self.is_totals_row(section):
            if role == Qt.ItemDataRole.DisplayRole:
                return translate(N_("Total"), self.lang)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        finding = self._row_findings.get(section)
        if role == Qt.ItemDataRole.ToolTipRole and finding:
            return "\n\n".join(finding.messages)
        if role == Qt.ItemDataRole.BackgroundRole and finding:
            return QBrush(ERROR_TINT if finding.severity is Severity.ERROR else WARNING_TINT)
        return None

    def column_help(self, column: Field) -> str:
        """The column's help, and whether it must be filled in."""
        note = (N_("Required.") if column.required
                else N_("Voluntary.") if column.voluntary else "")
        return f"{translate(column.help, self.lang)} {translate(note, self.lang)}".strip()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_totals_row(index.row()):
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].kind.name != "attachments":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        """EditRole takes text (parsed with the column's kind) or a typed value; a value that
        cannot be read or is wrong is refused with a sentence (`refused`) and not stored."""
        if role not in (Qt.ItemDataRole.EditRole, VALUE_ROLE) or not index.isValid():
            return False
        row, col = index.row(), index.column()
        if self.is_totals_row(row) or not 0 <= row <= len(self._rows):
            return False
        column = self.columns[col]
        try:
            typed = self.typed(column, value)
        except KindError as problem:
            self.refused.emit(self.refusal(row, column, value, problem.text(self.lang)))
            return False
        if typed == self.value(row, col):
            return True
        self.document.set_cells(self.part_id, self.table_id, [(row, column.id, typed)],
                                message(N_("Edit {column}"), column=message(column.label)))
        return True

    def typed(self, column: Field, value: Any) -> Any:
        """Text or a value -> the value to store; raises KindError with a short phrase."""
        kind = column.kind
        if isinstance(value, str):
            value = kind.parse(value, self.locale)
        if value is None:
            return None
        problem = kind.check(value)
        if problem:
            raise KindError(problem)
        return value

    def refusal(self, row: int, column: Field, raw: Any, problem: str) -> str:
        """"Row 3, Cleared (m²): “abc” is not a number. It was not stored." """
        return translate(N_("Row {row}, {column}: “{text}” {problem}. It was not stored."),
                         self.lang).format(row=row + 1, column=translate(column.label, self.lang),
                                           text=str(raw).strip(),
                                           problem=translate(problem, self.lang))

    # Following the document ----------------------------------------------------------------

    def _on_changes(self, changes: tuple[Change, ...]) -> None:
        """Follow what the document says changed: only the rows of this table it touched."""
        for change in changes:
            if change.whole:
                self.refresh()
            elif change.part == self.part_id and change.table == self.table_id:
                self._follow(change)

    def _follow(self, change: Change) -> None:
        new = self.document.rows(self.part_id, self.table_id)
        last_column = len(self.columns) - 1
        had_rows = bool(self._rows)
        if change.how is RowsHow.CELLS:
            self._totals_follow([self._rows[row] for row in change.rows],
                                [new[row] for row in change.rows])
            for row in change.rows:
                self._rows[row] = new[row]
            for first, last in runs(change.rows):
                self.dataChanged.emit(self.index(first, 0), self.index(last, last_column))
        elif change.how is RowsHow.INSERTED:
            for first, last in runs(change.rows):  # ascending: each run's rows are final
                totals = 1 if self.has_totals and not self._rows else 0
                self.beginInsertRows(QModelIndex(), first, last + totals)
                self._totals_follow([], new[first:last + 1])
                self._rows[first:first] = new[first:last + 1]
                self.endInsertRows()
        elif change.how is RowsHow.REMOVED:
            for first, last in reversed(runs(change.rows)):
                totals = 1 if self.has_totals and last - first + 1 == len(self._rows) else 0
                self.beginRemoveRows(QModelIndex(), first, last + totals)
                self._totals_follow(self._rows[first:last + 1], [])
                del self._rows[first:last + 1]
                self.endRemoveRows()
        else:  # moved: the rows between the two places shift by one
            source, target = change.rows
            self._rows.insert(target, self._rows.pop(source))
            self.dataChanged.emit(self.index(min(source, target), 0),
                                  self.index(max(source, target), last_column))
        if self.has_totals and self._rows and had_rows:
            total_row = len(self._rows)
            self.dataChanged.emit(self.index(total_row, 0), self.index(total_row, last_column))
        self._collect_findings()

    def refresh(self) -> None:
        """Bring the model in line with the document, telling the view only what moved, so that
        the selection and the current cell survive an edit, an undo or a paste."""
        old, new = self._rows, list(self.document.rows(self.part_id, self.table_id))
        shortest = min(len(old), len(new))
        head = 0
        while head < shortest and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < shortest - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        grown = len(new) - len(old)
        first = len(old) - tail if grown > 0 else len(new) - tail
        # The totals row comes and goes with the first and the last stored row.
        extra = 1 if self.has_totals and not (old and new) else 0
        if grown > 0:
            self.beginInsertRows(QModelIndex(), first, first + grown - 1 + extra)
            self._rows = new
            self._totals.clear()
            self.endInsertRows()
        elif grown < 0:
            self.beginRemoveRows(QModelIndex(), first, first - grown - 1 + extra)
            self._rows = new
            self._totals.clear()
            self.endRemoveRows()
        else:
            self._rows = new
            self._totals.clear()
        last_column = len(self.columns) - 1
        changed_end = len(new) - tail - 1  # rows after it only moved, with the same values
        if new and changed_end >= head:
            self.dataChanged.emit(self.index(head, 0), self.index(changed_end, last_column))
        if self.has_totals and new:
            self.dataChanged.emit(self.index(len(new), 0), self.index(len(new), last_column))
        self._collect_findings()

    def _on_findings_changed(self) -> None:
        if self.part_id not in self.document.findings_changed_parts:
            return  # this table's findings are as they were
        cells, rows = self._cell_findings, self._row_findings
        self._collect_findings()
        changed = {r for (r, _c) in cells.keys() ^ self._cell_findings.keys()}
        changed |= {r for (r, c), f in self._cell_findings.items() if cells.get((r, c)) != f}
        changed = {r for r in changed if r < len(self._rows)}
        if changed:
            roles = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.DecorationRole,
                     Qt.ItemDataRole.ToolTipRole, FINDING_ROLE]
            self.dataChanged.emit(self.index(min(changed), 0),
                                  self.index(max(changed), len(self.columns) - 1), roles)
        if rows != self._row_findings and self._rows:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._rows) - 1)

    def _collect_findings(self) -> None:
        cells: dict[tuple[int, str], list[tuple[Severity, str]]] = {}
        rows: dict[int, list[tuple[Severity, str]]] = {}
        whole: list[tuple[Severity, str]] = []
        for finding in self.document.findings_of(self.part_id):
            if not (finding.path == self.path or finding.path.startswith(self.path + "[")):
                continue
            ref = parse_path(finding.path)
            entry = (finding.severity, finding.text(language(self.lang)))
            if ref.row is None:
                whole.append(entry)
            elif ref.column_id is None or not self.table.has_column(ref.column_id):
                rows.setdefault(ref.row, []).append(entry)
            else:
                cells.setdefault((ref.row, ref.column_id), []).append(entry)
        self._cell_findings = {k: _merge(v) for k, v in cells.items()}
        self._row_findings = {k: _merge(v) for k, v in rows.items()}
        self.table_findings = whole

    def finding_at(self, row: int, column_id: str) -> CellFinding | None:
        return self._cell_findings.get((row, column_id))

    def finding_rows(self, column_id: str) -> set[int]:
        """The stored rows with a finding in the column."""
        return {row for row, cid in self._cell_findings if cid == column_id}

    def column_values(self, column: int) -> list[Any]:
        """The stored values of one column, row by row (None when empty)."""
        column_id = self.columns[column].id
        return [row.get(column_id) for row in self._rows]


class _Total:
    """The total of a column, kept as rows come and go: exactly what `sum` of the current
    numbers gives, written the same way (a whole number when there are only whole numbers,
    else a decimal with as many places as the most precise number), without adding up every
    row after each edit."""

    def __init__(self, values: Iterable[Any]) -> None:
        self._sum: int | Decimal = 0
        self._count = 0
        self._places: Counter[int] = Counter()  # exponent of each decimal -> how many
        self.add(values)

    def add(self, values: Iterable[Any], sign: int = 1) -> None:
        with localcontext() as exact:
            exact.prec = _EXACT_DIGITS
            for value in values:
                number = _number(value)
                if number is None:
                    continue
                self._sum = self._sum + number if sign > 0 else self._sum - number
                self._count += sign
                if isinstance(number, Decimal):
                    exponent = number.as_tuple().exponent
                    assert isinstance(exponent, int)  # stored decimals are finite
                    self._places[exponent] += sign
                    if self._places[exponent] <= 0:
                        del self._places[exponent]

    def take(self, values: Iterable[Any]) -> None:
        self.add(values, -1)

    def value(self, numbers: Callable[[], list[Any]]) -> int | Decimal | None:
        """The total; `numbers` gives the column's values, to add up afresh where the kept sum
        cannot say what `sum` would (more digits than a decimal keeps)."""
        if self._count <= 0:
            return None
        if not self._places:
            return int(self._sum)
        with localcontext() as exact:
            exact.prec = _EXACT_DIGITS
            total = Decimal(self._sum).quantize(Decimal(1).scaleb(min(0, min(self._places))))
        if len(total.as_tuple().digits) >= getcontext().prec:
            found = [n for n in map(_number, numbers()) if n is not None]
            return sum(found) if found else None
        return total


_EXACT_DIGITS = 200  # enough for any sum of stored numbers, so that keeping it never rounds


def _number(value: Any) -> int | Decimal | None:
    """A value that counts in a total (a whole number or a decimal, never yes/no)."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return value
    return None


def finding_icon(severity: Severity) -> QIcon:
    """A sign beside the value, so that colour is not the only signal of a finding."""
    from PySide6.QtWidgets import QApplication, QStyle

    pixmap = (QStyle.StandardPixmap.SP_MessageBoxCritical if severity is Severity.ERROR
              else QStyle.StandardPixmap.SP_MessageBoxWarning)
    return QApplication.style().standardIcon(pixmap)


def _merge(entries: list[tuple[Severity, str]]) -> CellFinding:
    worst = Severity.ERROR if any(s is Severity.ERROR for s, _ in entries) else Severity.WARNING
    return CellFinding(worst, tuple(m for _, m in entries))
