"""Import Excel…: take rows from a workbook someone made, or forms from one of our own.

`XlsxImportDialog` is the column-mapping step (docs/excel.md): which sheet, which
header row, which table of the report, which column of the sheet goes into which column (pre-
filled by the guess, in any of the six languages), the unit of area columns, the order of dates
and the decimal separator of numbers written as text; a preview of the rows that will be added
and of the cells that could not be read, each with sheet, row and column; saving and loading the
mapping file. It never touches the report or the database: after `exec()` returns Accepted,
`accepted_import()` gives the target and the rows, and the caller adds them as one undoable step.

`MergeDialog` is for a workbook ccm-desktop wrote that holds some forms (one office's part): it
lists the forms, what would change, and returns the forms to take.

`open_import_dialog(document, path, parent)` picks the right one and pushes the result on the
document's undo stack.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ccm_desktop.domain.messages import nmessage
from ccm_desktop.domain.report import Report, Row
from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.exchange.xlsx import layout
from ccm_desktop.exchange.xlsx.convert import DATE_ORDERS
from ccm_desktop.exchange.xlsx.grid import Sheet, read_sheets
from ccm_desktop.exchange.xlsx.guess import guess_header_row, guess_mapping
from ccm_desktop.exchange.xlsx.mapping import (
    ColumnMap,
    MappedRows,
    Target,
    apply_mapping,
    header_key,
    load_mapping,
)
from ccm_desktop.exchange.xlsx.merge import Change, merge, merge_preview, parts_with_content
from ccm_desktop.schema.i18n import N_, message, ntranslate, translate
from ccm_desktop.schema.kinds import AREA_UNIT_SYMBOLS, AreaM2, Attachments
from ccm_desktop.schema.model import Table
from ccm_desktop.schema.registry import PARTS, part_title
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.workers import Progress, Task

PREVIEW_LIMIT = 1000
READ_IN_WORKER_ROWS = 2000  # a sheet with more rows is read for the preview off the GUI thread
SEPARATORS = ((",", N_("1.234,5  (decimal comma)")), (".", N_("1,234.5  (decimal point)")))
MAP_FILTER = N_("Column mappings (*.ccm-map.json);;All files (*)")


@dataclass(frozen=True)
class ImportResult:
    """What the user accepted: rows for one table of the report."""

    form: str
    table: str
    rows: list[Row]
    mapping: ColumnMap


def is_own_workbook(sheets: list[Sheet]) -> bool:
    return any(s.cell(1, 1) == layout.SHEET + "cover" for s in sheets)


def _targets() -> list[tuple[str, str, Table]]:
    return [(part.id, table.id, table) for part in PARTS for table in part.tables]


def best_target(sheets: list[Sheet], target: tuple[str, str] | None = None,
                progress: Progress | None = None) -> tuple[int, tuple[str, str]]:
    """The sheet and the table of the report whose columns the headers match best (among the
    tables, or for `target` only)."""
    best: tuple[float, int, tuple[str, str]] | None = None
    targets = [(f, t) for f, t, _table in _targets() if target is None or (f, t) == target]
    for index, sheet in enumerate(sheets):
        for done, (form, table_id) in enumerate(targets):
            if progress is not None:
                progress(index * len(targets) + done, len(sheets) * len(targets))
            score = guess_header_row(sheet, form, table_id)[1]
            if best is None or score > best[0]:
                best = (score, index, (form, table_id))
    assert best is not None
    return best[1], best[2]


def _column_letter(number: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(number))


class XlsxImportDialog(QDialog):
    def __init__(self, path: str | Path, parent: QWidget | None = None, *, lang: str = "en",
                 sheets: list[Sheet] | None = None, target: tuple[str, str] | None = None,
                 mapping: ColumnMap | None = None) -> None:
        """Reads the workbook unless `sheets` are given (read them in a worker for big files).
        Raises UnreadableFile for a workbook that cannot be read."""
        super().__init__(parent)
        self.path = Path(path)
        self.lang = lang
        self.sheets = sheets if sheets is not None else read_sheets(self.path)
        self.sheets = [s for s in self.sheets if s.rows] or self.sheets
        if not self.sheets:
            raise UnreadableFile(self.path.name, N_("the workbook has no sheet"))
        self.result_rows: MappedRows | None = None
        self._building = False
        self._task: Task | None = None  # reading the preview of a large sheet
        self.setWindowTitle(translate(N_("Import rows from {file}"), self.lang).format(
            file=self.path.name))
        self.resize(1000, 720)
        self._build()
        self._start(target, mapping)

    # Widgets -----------------------------------------------------------------------------------

    def _build(self) -> None:
        intro = QLabel(translate(N_(
            "Say which rows of the workbook go into which table of the report. The columns were "
            "guessed from the headers; correct them where needed. Nothing is added until you "
            "press the button below."), self.lang), self)
        intro.setWordWrap(True)
        self.sheet_box = QComboBox(self)
        self.sheet_box.setAccessibleName(translate(N_("Sheet"), self.lang))
        for sheet in self.sheets:
            self.sheet_box.addItem(sheet.name, sheet.name)
        self.header_spin = QSpinBox(self)
        self.header_spin.setAccessibleName(translate(N_("Header row"), self.lang))
        self.header_spin.setRange(1, 100_000)
        self.target_box = QComboBox(self)
        self.target_box.setAccessibleName(translate(N_("Table of the report"), self.lang))
        for form, table_id, table in _targets():
            name = part_title(form, self.lang)
            self.target_box.addItem(f"{name}: {translate(table.label, self.lang)}",
                                    (form, table_id))
        self.dates_box = QComboBox(self)
        self.dates_box.setAccessibleName(translate(N_("Dates written as"), self.lang))
        for order in DATE_ORDERS:
            self.dates_box.addItem(order.upper(), order)
        self.separator_box = QComboBox(self)
        self.separator_box.setAccessibleName(translate(N_("Numbers written as"), self.lang))
        for value, text in SEPARATORS:
            self.separator_box.addItem(translate(text, self.lang), value)
        choices = QFormLayout()
        choices.addRow(translate(N_("&Sheet:"), self.lang), self.sheet_box)
        choices.addRow(translate(N_("&Header row:"), self.lang), self.header_spin)
        choices.addRow(translate(N_("Add rows &to:"), self.lang), self.target_box)
        choices.addRow(translate(N_("&Dates written as:"), self.lang), self.dates_box)
        choices.addRow(translate(N_("&Numbers written as:"), self.lang), self.separator_box)

        self.guess_button = QPushButton(translate(N_("&Guess again"), self.lang), self)
        self.load_button = QPushButton(translate(N_("&Load mapping…"), self.lang), self)
        self.save_button = QPushButton(translate(N_("Sa&ve mapping…"), self.lang), self)
        side = QVBoxLayout()
        for button in (self.guess_button, self.load_button, self.save_button):
            side.addWidget(button)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(choices, 1)
        top.addLayout(side)

        self.mapping_table = QTableWidget(0, 3, self)
        self.mapping_table.setAccessibleName(
            translate(N_("Columns of the sheet and where they go"), self.lang))
        self.mapping_table.setHorizontalHeaderLabels(
            [translate(t, self.lang) for t in (N_("Column of the sheet"), N_("Goes into"),
                                                N_("Unit"))])
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.mapping_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        self.preview = QTableWidget(0, 0, self)
        self.preview.setAccessibleName(translate(N_("Rows that will be added"), self.lang))
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().setVisible(False)
        self.problems = QTableWidget(0, 5, self)
        self.problems.setAccessibleName(translate(N_("Cells that could not be read"), self.lang))
        self.problems.setHorizontalHeaderLabels(
            [translate(t, self.lang) for t in (N_("Sheet"), N_("Row"), N_("Column"), N_("Cell"),
                                                N_("Problem"))])
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.verticalHeader().setVisible(False)
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.preview, translate(N_("Rows to add"), self.lang))
        self.tabs.addTab(self.problems, translate(N_("Cells not read"), self.lang))

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.mapping_table)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 2)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reading_bar = QProgressBar(self)
        self.reading_bar.setAccessibleName(translate(N_("Reading the rows"), self.lang))
        self.stop_button = QPushButton(translate(N_("S&top reading"), self.lang), self)
        reading = QHBoxLayout()
        reading.addWidget(self.reading_bar, 1)
        reading.addWidget(self.stop_button)
        self.reading_bar.hide()
        self.stop_button.hide()
        self.stop_button.clicked.connect(self.stop_reading)
        self.skip_bad = QCheckBox(
            translate(N_("&Leave out the rows whose cells could not be read"), self.lang), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        self.ok_button = ok

        layout_ = QVBoxLayout(self)
        layout_.addWidget(intro)
        layout_.addLayout(top)
        layout_.addWidget(splitter, 1)
        layout_.addWidget(self.summary)
        layout_.addLayout(reading)
        layout_.addWidget(self.skip_bad)
        layout_.addWidget(self.buttons)

        self.sheet_box.currentIndexChanged.connect(lambda _i: self._regroup(guess_row=True))
        self.header_spin.valueChanged.connect(lambda _v: self._regroup(guess_row=False))
        self.target_box.currentIndexChanged.connect(lambda _i: self._regroup(guess_row=True))
        self.dates_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.separator_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.skip_bad.toggled.connect(lambda _b: self._update_summary())
        self.guess_button.clicked.connect(lambda: self._regroup(guess_row=True))
        self.load_button.clicked.connect(self._ask_load)
        self.save_button.clicked.connect(self._ask_save)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # State -------------------------------------------------------------------------------------

    @property
    def sheet(self) -> Sheet:
        return self.sheets[max(0, self.sheet_box.currentIndex())]

    @property
    def target(self) -> tuple[str, str]:
        data = self.target_box.currentData()
        return (str(data[0]), str(data[1]))

    @property
    def table(self) -> Table:
        form, table_id = self.target
        return next(t for f, i, t in _targets() if (f, i) == (form, table_id))

    def _start(self, target: tuple[str, str] | None, mapping: ColumnMap | None) -> None:
        if mapping is not None:
            self.apply_mapping_file(mapping)
            return
        index, chosen = best_target(self.sheets, target)
        self._building = True
        self.sheet_box.setCurrentIndex(index)
        self._select_target(chosen)
        self._building = False
        self._regroup(guess_row=True)

    def _select_target(self, target: tuple[str, str]) -> None:
        for index in range(self.target_box.count()):
            if tuple(self.target_box.itemData(index)) == target:
                self.target_box.setCurrentIndex(index)
                return

    def _regroup(self, guess_row: bool) -> None:
        """Sheet, header row or target changed: guess the columns again."""
        if self._building:
            return
        form, table_id = self.target
        row = None if guess_row else self.header_spin.value()
        guess = guess_mapping(self.sheet, form, table_id, header_row=row)
        self._show_mapping(guess.mapping, [(c, t) for c, t in guess.headers])

    def _show_mapping(self, mapping: ColumnMap, headers: list[tuple[int, str]]) -> None:
        self._building = True
        try:
            self.header_spin.setValue(mapping.header_row)
            self.dates_box.setCurrentIndex(max(0, self.dates_box.findData(mapping.dates)))
            self.separator_box.setCurrentIndex(
                max(0, self.separator_box.findData(mapping.decimal_separator)))
            targets = {header_key(h): t for h, t in mapping.columns.items()}
            table = self.table
            choices = [(None, translate(N_("(leave out)"), self.lang))] + [
                (c.id, translate(c.label, self.lang)) for c in table.columns
                if not isinstance(c.kind, Attachments)]
            self.mapping_table.setRowCount(len(headers))
            self._headers = headers
            for row, (col, text) in enumerate(headers):
                item = QTableWidgetItem(f"{_column_letter(col)}: {text}")
                item.setData(Qt.ItemDataRole.UserRole, text)
                self.mapping_table.setItem(row, 0, item)
                goes = QComboBox(self.mapping_table)
                goes.setAccessibleName(translate(N_("Where column {column} goes"), self.lang)
                                       .format(column=_column_letter(col)))
                for value, label in choices:
                    goes.addItem(label, value)
                chosen = targets.get(header_key(text))
                goes.setCurrentIndex(max(0, goes.findData(chosen.column)) if chosen else 0)
                unit = QComboBox(self.mapping_table)
                unit.setAccessibleName(translate(N_("Unit of column {column}"), self.lang)
                                       .format(column=_column_letter(col)))
                for value, label in AREA_UNIT_SYMBOLS.items():
                    unit.addItem(label, value)
                unit.setCurrentIndex(max(0, unit.findData(chosen.unit if chosen and chosen.unit
                                                          else "m2")))
                self.mapping_table.setCellWidget(row, 1, goes)
                self.mapping_table.setCellWidget(row, 2, unit)
                goes.currentIndexChanged.connect(lambda _i: self.refresh())
                unit.currentIndexChanged.connect(lambda _i: self.refresh())
        finally:
            self._building = False
        self.refresh()

    def current_mapping(self) -> ColumnMap:
        """The mapping as the dialog shows it now."""
        form, table_id = self.target
        table = self.table
        mapping = ColumnMap(self.sheet.name, self.header_spin.value(), form, table_id,
                            dates=str(self.dates_box.currentData()),
                            decimal_separator=str(self.separator_box.currentData()))
        for row in range(self.mapping_table.rowCount()):
            item = self.mapping_table.item(row, 0)
            goes = self.mapping_table.cellWidget(row, 1)
            unit = self.mapping_table.cellWidget(row, 2)
            if item is None or not isinstance(goes, QComboBox) or not isinstance(unit, QComboBox):
                continue
            column = goes.currentData()
            is_area = column is not None and isinstance(table.column(column).kind, AreaM2)
            unit.setEnabled(is_area)
            unit.setVisible(is_area)
            if column is None or any(t.column == column for t in mapping.columns.values()):
                continue
            header = str(item.data(Qt.ItemDataRole.UserRole))
            mapping.columns[header] = Target(column, str(unit.currentData()) if is_area else None)
        return mapping

    def refresh(self) -> None:
        """Apply the mapping to the sheet and show the rows and the problems. A large sheet is
        read in a worker, with a progress bar and a Stop button; the dialog stays usable and a
        change of the mapping starts the reading again."""
        if self._building:
            return
        mapping = self.current_mapping()
        self._drop_task()
        if not mapping.columns:
            self.result_rows = None
        elif len(self.sheet.rows) > READ_IN_WORKER_ROWS:
            self._read_in_worker(mapping)
            return
        else:
            try:
                self.result_rows = apply_mapping(self.sheet, mapping, self.path.name, self.lang)
            except UnreadableFile as exc:
                self._not_read(exc.text(self.lang))
                return
        self._fill_preview(self.result_rows)
        self._update_summary()

    def _not_read(self, sentence: str) -> None:
        self.result_rows = None
        self.summary.setText(sentence)
        self._fill_preview(None)
        self._update_buttons()

    def _read_in_worker(self, mapping: ColumnMap) -> None:
        sheet, name, lang = self.sheet, self.path.name, self.lang
        task = Task(lambda progress: apply_mapping(sheet, mapping, name, lang, progress), self, lang)
        self._task = task
        self.result_rows = None
        self._fill_preview(None)
        self.summary.setText(translate(N_("Reading the rows of sheet {sheet}…"), self.lang)
                             .format(sheet=sheet.name))
        self._update_buttons()
        self.reading_bar.setRange(0, 0)
        self.reading_bar.show()
        self.stop_button.show()
        task.progress.connect(self._reading_progress)
        task.finished.connect(lambda result, t=task: self._read(t, result))
        task.failed.connect(lambda sentence, t=task: self._read_failed(t, sentence))
        task.cancelled.connect(lambda t=task: self._read_stopped(t))
        task.start()

    @property
    def reading(self) -> bool:
        return self._task is not None

    def stop_reading(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _drop_task(self) -> None:
        """Forget a reading in progress (it is told to stop; what it finds is not shown)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.reading_bar.hide()
        self.stop_button.hide()

    def _reading_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.reading_bar.setRange(0, total)
            self.reading_bar.setValue(min(done, total))

    def _read(self, task: Task, result: object) -> None:
        if task is not self._task or not isinstance(result, MappedRows):
            return
        self._drop_task()
        self.result_rows = result
        self._fill_preview(result)
        self._update_summary()

    def _read_failed(self, task: Task, sentence: str) -> None:
        if task is self._task:
            self._drop_task()
            self._not_read(sentence)

    def _read_stopped(self, task: Task) -> None:
        if task is self._task:
            self._drop_task()
            self._not_read(translate(N_("Reading stopped. Change a choice above to read the "
                                        "sheet again."), self.lang))

    def done(self, result: int) -> None:  # Qt override: no reading goes on once it is closed
        self._drop_task()
        super().done(result)

    def _fill_preview(self, result: MappedRows | None) -> None:
        table = self.table
        columns = [c for c in table.columns if result is not None and c.id in result.columns]
        self.preview.clear()
        self.preview.setColumnCount(1 + len(columns))
        self.preview.setHorizontalHeaderLabels(
            [translate(N_("Row"), self.lang)] + [translate(c.label, self.lang) for c in columns])
        rows = result.rows[:PREVIEW_LIMIT] if result is not None else []
        self.preview.setRowCount(len(rows))
        for index, source in enumerate(rows):
            self.preview.setItem(index, 0, QTableWidgetItem(str(source.sheet_row)))
            for offset, col in enumerate(columns, start=1):
                value = source.values.get(col.id)
                text = "" if value is None else col.kind.format(value, self.lang)
                item = QTableWidgetItem(text)
                if col.kind.is_number:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.preview.setItem(index, offset, item)
        self.preview.resizeColumnsToContents()
        problems = result.problems if result is not None else []
        skipped = result.skipped if result is not None else []
        self.problems.setRowCount(len(problems) + len(skipped))
        lines = [(p.sheet, str(p.row), _column_letter(p.column), p.text,
                  p.problem_text(self.lang))
                 for p in problems]
        lines += [(self.sheet.name, str(n), "", "",
                   translate(N_("left out: {why}"), self.lang).format(why=why)) for n, why in skipped]
        for index, line in enumerate(lines):
            for position, text in enumerate(line):
                self.problems.setItem(index, position, QTableWidgetItem(text))
        self.problems.resizeColumnsToContents()
        self.tabs.setTabText(0, translate(N_("Rows to add ({n})"), self.lang).format(
            n=len(result.rows) if result else 0))
        self.tabs.setTabText(1, translate(N_("Cells not read ({n})"), self.lang).format(
            n=len(problems)))

    def _update_summary(self) -> None:
        result = self.result_rows
        form, _table_id = self.target
        where = translate(N_("the cover page"), self.lang) if form == "cover" else part_title(
            form, self.lang)
        name = translate(self.table.label, self.lang)
        if result is None:
            self.summary.setText(translate(N_("Choose at least one column of the sheet to import."),
                                           self.lang))
        else:
            count = len(result.rows)
            parts = [ntranslate("{n} row will be added to {where}, {table}.",
                                "{n} rows will be added to {where}, {table}.", count, self.lang)
                     .format(n=count, where=where, table=name)]
            if result.problems:
                rows = ", ".join(str(n) for n in result.bad_rows[:10])
                more = "…" if len(result.bad_rows) > 10 else ""
                cells = len(result.problems)
                which = ntranslate("row {rows}", "rows {rows}", len(result.bad_rows), self.lang)
                parts.append(ntranslate(
                    "{n} cell could not be read ({which}): correct them in the workbook, or "
                    "leave those rows out.",
                    "{n} cells could not be read ({which}): correct them in the workbook, or "
                    "leave those rows out.", cells, self.lang).format(
                        n=cells, which=which.format(rows=rows + more)))
            if count > PREVIEW_LIMIT:
                parts.append(translate(N_("The preview shows the first {n}."), self.lang).format(
                    n=PREVIEW_LIMIT))
            self.summary.setText(" ".join(parts))
        self._update_buttons()

    def _update_buttons(self) -> None:
        result = self.result_rows
        blocked = result is None or not result.rows or (bool(result.problems)
                                                         and not self.skip_bad.isChecked())
        self.skip_bad.setEnabled(result is not None and bool(result.problems))
        self.ok_button.setEnabled(not blocked)
        count = len(result.rows) if result is not None else 0
        self.ok_button.setText(ntranslate("&Add {n} row", "&Add {n} rows", count, self.lang)
                               .format(n=count))

    # The result ------------------------------------------------------------------------------

    def accepted_import(self) -> ImportResult | None:
        """The accepted rows and where they go; None unless the dialog was accepted."""
        if self.result() != QDialog.DialogCode.Accepted or self.result_rows is None:
            return None
        result = self.result_rows
        return ImportResult(self.target[0], self.target[1], result.rows_to_add(),
                            result.mapping)

    # Mapping files ---------------------------------------------------------------------------

    def apply_mapping_file(self, mapping: ColumnMap) -> None:
        """Show a saved mapping: its sheet, header row, target, columns, units, formats."""
        index = next((i for i, s in enumerate(self.sheets)
                      if s.name.casefold() == mapping.sheet.casefold()), None)
        if index is None:
            raise UnreadableFile(self.path.name, message(
                N_("has no sheet named \"{sheet}\", which the mapping names"), sheet=mapping.sheet))
        self._building = True
        self.sheet_box.setCurrentIndex(index)
        self._select_target((mapping.form, mapping.table))
        self._building = False
        headers = [(col, " ".join(str(v).split()))
                   for col, v in enumerate(self.sheet.rows.get(mapping.header_row, ()), start=1)
                   if v is not None and str(v).strip()]
        self._show_mapping(mapping, headers)

    def save_mapping_file(self, path: str | Path) -> None:
        self.current_mapping().save(path)

    def _ask_load(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, translate(N_("Load a column mapping"), self.lang), str(self.path.parent),
            translate(MAP_FILTER, self.lang))
        if not name:
            return
        try:
            self.apply_mapping_file(load_mapping(name))
        except UnreadableFile as exc:
            QMessageBox.warning(self, translate(N_("Mapping not loaded"), self.lang),
                                exc.text(self.lang))

    def _ask_save(self) -> None:
        suggested = self.path.with_suffix("").name + ".ccm-map.json"
        name, _filter = QFileDialog.getSaveFileName(
            self, translate(N_("Save the column mapping"), self.lang),
            str(self.path.parent / suggested), translate(MAP_FILTER, self.lang))
        if not name:
            return
        try:
            self.save_mapping_file(name)
        except OSError as exc:
            QMessageBox.warning(self, translate(N_("Mapping not saved"), self.lang),
                                translate(N_("{file} could not be written ({reason})."), self.lang)
                                .format(file=Path(name).name, reason=exc.strerror or exc))


class MergeDialog(QDialog):
    """Which forms of one of our own workbooks to take into the open report, and what changes."""

    def __init__(self, path: str | Path, open_report: Report, imported: Report,
                 present: tuple[str, ...], parent: QWidget | None = None, lang: str = "en") -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.open_report, self.imported, self.lang = open_report, imported, lang
        self.setWindowTitle(translate(N_("Take forms from {file}"), lang).format(
            file=self.path.name))
        self.resize(760, 520)
        intro = QLabel(translate(N_(
            "This workbook was made by ccm-desktop. Tick the forms to take from it: each replaces "
            "the same form of the open report (its status, statement, fields and rows). You can "
            "undo it with Ctrl+Z."), lang), self)
        intro.setWordWrap(True)
        self.forms = QListWidget(self)
        self.forms.setAccessibleName(translate(N_("Forms in the workbook"), lang))
        proposed = set(parts_with_content(imported)) & set(present)
        for letter in present:
            item = QListWidgetItem(part_title(letter, lang), self.forms)
            item.setData(Qt.ItemDataRole.UserRole, letter)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if letter in proposed
                               else Qt.CheckState.Unchecked)
        self.changes = QListWidget(self)
        self.changes.setAccessibleName(translate(N_("What will change"), lang))
        self.changes.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        self.ok_button = ok
        self.ok_button.setText(translate(N_("&Take these forms"), lang))
        row = QHBoxLayout()
        row.addWidget(self.forms, 1)
        row.addWidget(self.changes, 3)
        layout_ = QVBoxLayout(self)
        layout_.addWidget(intro)
        layout_.addLayout(row, 1)
        layout_.addWidget(self.buttons)
        self.forms.itemChanged.connect(lambda _i: self.refresh())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.refresh()

    def chosen_forms(self) -> list[str]:
        out = []
        for index in range(self.forms.count()):
            item = self.forms.item(index)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def preview(self) -> list[Change]:
        return merge_preview(self.open_report, self.imported, self.chosen_forms(), self.lang)

    def refresh(self) -> None:
        changes = self.preview()
        self.changes.clear()
        for change in changes:
            self.changes.addItem(change.text)
        if not changes:
            self.changes.addItem("Nothing would change.")
        self.ok_button.setEnabled(bool(changes))

    def merged(self) -> Report | None:
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        return merge(self.open_report, self.imported, self.chosen_forms())


def open_import_dialog(document: ReportDocument, path: str | Path, parent: QWidget | None = None) -> bool:
    """Import Excel… into the open document: rows through the mapping dialog, or forms of one
    of our own workbooks through the merge dialog; the result is one undoable step. Returns
    True when something was added."""
    path = Path(path)
    lang = getattr(document, "locale", None) or document.report.language or "en"
    read = _read_workbook(path, parent, lang)
    if read is None:
        return False  # cancelled
    if isinstance(read, str):
        QMessageBox.warning(parent, translate(N_("Workbook not read"), lang), read)
        return False
    try:
        if read[0] == "own":
            imported, present = read[1]
            merge_dialog = MergeDialog(path, document.report, imported, present, parent, lang)
            if merge_dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            merged = merge_dialog.merged()
            if merged is None:
                return False
            forms = ", ".join(merge_dialog.chosen_forms())
            document.replace_report(merged, message(N_("Take Form {forms} from {file}"),
                                                    forms=forms, file=path.name))
            return True
        sheets, target = read[1]
        dialog = XlsxImportDialog(path, parent, lang=lang, sheets=sheets, target=target)
    except UnreadableFile as exc:
        QMessageBox.warning(parent, translate(N_("Workbook not read"), lang), exc.text(lang))
        return False
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    accepted = dialog.accepted_import()
    if accepted is None or not accepted.rows:
        return False
    existing = document.rows(accepted.form, accepted.table)
    count = len(accepted.rows)
    document.insert_rows(accepted.form, accepted.table, len(existing), accepted.rows,
                         nmessage("Import {n} row from {file}", "Import {n} rows from {file}",
                                  count, file=path.name))
    return True


def _read_workbook(path: Path, parent: QWidget | None, lang: str) -> Any:
    """Read the workbook in a worker, with a progress dialog whose Cancel stops it; the window
    keeps painting meanwhile. ("own", (report, forms)) for one of our own workbooks, ("rows",
    (sheets, best target)) for another, a sentence when it cannot be read, None if cancelled."""

    def work(progress: Progress) -> Any:
        sheets = read_sheets(path, progress=progress)
        if is_own_workbook(sheets):
            from ccm_desktop.exchange.xlsx import read_workbook_parts

            return ("own", read_workbook_parts(path))
        sheets = [s for s in sheets if s.rows] or sheets
        if not sheets:
            raise UnreadableFile(path.name, N_("the workbook has no sheet"))
        _index, target = best_target(sheets)
        return ("rows", (sheets, target))

    task = Task(work, lang=lang)
    dialog = QProgressDialog(translate(N_("Reading {file}…"), lang).format(file=path.name),
                             translate(N_("Cancel"), lang), 0, 0, parent)
    dialog.setWindowTitle(translate(N_("Please wait"), lang))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    outcome: list[Any] = []
    loop = QEventLoop()

    def end(value: Any) -> None:
        outcome.append(value)
        loop.quit()

    def progress(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    task.progress.connect(progress)
    task.finished.connect(end)
    task.failed.connect(end)
    task.cancelled.connect(lambda: end(None))
    dialog.canceled.connect(task.cancel)
    task.start()
    if not outcome:
        loop.exec()
    dialog.close()
    dialog.deleteLater()
    return outcome[0]
