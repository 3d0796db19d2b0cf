"""Import last year's report from the filled Word template or the published PDF: the preview.

Nothing comes in unseen. The dialog shows what was recognised, part by part (the cover page and
Forms A-J: status, notes, each table with its rows), every value that could not be read with
its place, and every part of the document that went nowhere. Each recognised table's column
mapping can be corrected as in the Excel import dialog (one combo box per header of the
document) and saved as a .ccm-map.json. Nothing is stored until the user chooses "Create a
draft" or "Start next year's report from it"; the caller stores the result in one step
(`FileActions.import_document`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.word import Recognition
from ccm_desktop.exchange.word.recognise import RecognisedTable
from ccm_desktop.exchange.xlsx.mapping import ColumnMap, Target, header_key
from ccm_desktop.schema.i18n import N_, language, ntranslate, translate
from ccm_desktop.schema.kinds import AreaM2, Attachments
from ccm_desktop.schema.model import Part
from ccm_desktop.schema.registry import PARTS, STATUS_WORDS, part_heading

DRAFT, NEXT_YEAR = "draft", "next_year"
_BAD = QColor("#fde2e1")


class WordImportDialog(QDialog):
    def __init__(self, recognition: Recognition, parent: QWidget | None = None, *,
                 lang: str = "en", from_pdf: bool = False) -> None:
        super().__init__(parent)
        self.recognition = recognition
        self.lang = lang
        self.from_pdf = from_pdf
        self.choice: str | None = None
        self.combos: list[tuple[str, QComboBox]] = []
        self.setWindowTitle(translate("Import {file}", lang).format(file=recognition.filename))
        self.resize(1100, 760)
        self._build()
        self.parts.setCurrentRow(0)

    # Building -----------------------------------------------------------------------------------

    def _build(self) -> None:
        lang = self.lang
        layout = QVBoxLayout(self)
        intro = translate("This is what was recognised in {file}. Nothing is stored until you "
                          "choose below.", lang).format(file=self.recognition.filename)
        if self.from_pdf:
            intro += " " + translate("Reading a PDF is best effort: check every form against "
                                     "the document.", lang)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.parts = QListWidget()
        self.parts.setAccessibleName(translate("Parts of the report", lang))
        for part in PARTS:
            self.parts.addItem(self._part_line(part))
        self.parts.currentRowChanged.connect(self._show_part)
        splitter.addWidget(self.parts)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.part_summary = QLabel()
        self.part_summary.setWordWrap(True)
        self.part_summary.setTextFormat(Qt.TextFormat.PlainText)
        right_layout.addWidget(self.part_summary)
        table_row = QHBoxLayout()
        table_row.addWidget(QLabel(translate("Table in the document:", lang)))
        self.table_choice = QComboBox()
        self.table_choice.currentIndexChanged.connect(self._show_table)
        table_row.addWidget(self.table_choice, 1)
        self.save_map = QPushButton(translate("Save mapping\u2026", lang))
        self.save_map.clicked.connect(self._ask_save_mapping)
        table_row.addWidget(self.save_map)
        right_layout.addLayout(table_row)
        self.mapping_box = QGroupBox(translate("Which column of the report each column of the "
                                               "document fills", lang))
        self.mapping_form = QFormLayout(self.mapping_box)
        right_layout.addWidget(self.mapping_box)
        self.rows = QTableWidget()
        self.rows.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rows.verticalHeader().hide()  # the first column is the row of the document
        right_layout.addWidget(self.rows, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 720])
        layout.addWidget(splitter, 1)

        layout.addWidget(QLabel(translate("Could not be read, or went nowhere:", lang)))
        self.findings = QListWidget()
        self.findings.setMaximumHeight(150)
        layout.addWidget(self.findings)

        self.buttons = QDialogButtonBox()
        self.draft_button = self.buttons.addButton(translate("Create a draft", lang),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.next_button = self.buttons.addButton(
            translate("Start next year's report from it", lang),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.draft_button.clicked.connect(lambda: self._choose(DRAFT))
        self.next_button.clicked.connect(lambda: self._choose(NEXT_YEAR))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._fill_findings()

    # Parts --------------------------------------------------------------------------------------

    def _holder_tables(self, part: Part) -> list[RecognisedTable]:
        return [t for t in self.recognition.tables if t.mapping.form == part.id]

    def _part_line(self, part: Part) -> str:
        lang = self.lang
        title = part_heading(part.id, short=True).text(language(lang))
        rows = sum(len(t.result.rows) for t in self._holder_tables(part))
        if part.is_form:
            status = self.recognition.base.form(part.id).status
            state = translate(_STATUS_TEXT[status.value if status else ""], lang)
            return f"{title}: {state}" + (
                ", " + ntranslate("{n} row", "{n} rows", rows, lang).format(n=rows) if rows else "")
        return f"{title}: " + ntranslate("{n} row", "{n} rows", rows, lang).format(n=rows)

    def _show_part(self, index: int) -> None:
        if index < 0:
            return
        part = PARTS[index]
        report = self.recognition.report()
        lang = self.lang
        lines: list[str] = []
        if part.is_form:
            form = report.form(part.id)
            status = translate(_STATUS_TEXT[form.status.value if form.status else ""], lang)
            lines.append(translate("Status: {status}", lang).format(status=status))
            if form.last_reported_year:
                lines.append(translate("Last reported: {year}", lang).format(
                    year=form.last_reported_year))
            if form.statement:
                lines.append(translate("Why not applicable: {reason}", lang).format(
                    reason=form.statement))
            fields = form.fields
        else:
            fields = report.cover.fields
        for f in part.fields:
            if fields.get(f.id) is not None:
                shown = f.kind.format(fields[f.id], lang) if not isinstance(fields[f.id], str) \
                    else fields[f.id]
                lines.append(f"{translate(f.label, lang)}: {shown}")
        if len(lines) == (1 if part.is_form else 0):
            lines.append(translate("No text of the document went to this part's fields.", lang))
        self.part_summary.setText("\n".join(lines))
        self.table_choice.blockSignals(True)
        self.table_choice.clear()
        for table in self._holder_tables(part):
            schema = table.mapping.schema()
            label = translate("{place}: {table}", lang).format(
                place=table.where.text(language(lang)), table=translate(schema.label, lang))
            if table.continues is not None:
                label += " " + translate("(continues table {number})", lang).format(
                    number=table.continues)
            self.table_choice.addItem(label, self.recognition.tables.index(table))
        self.table_choice.blockSignals(False)
        self._show_table(0 if self.table_choice.count() else -1)

    # A table ------------------------------------------------------------------------------------

    @property
    def table(self) -> RecognisedTable | None:
        index = self.table_choice.currentData()
        return self.recognition.tables[index] if isinstance(index, int) else None

    def _headers(self, table: RecognisedTable) -> list[str]:
        row = table.sheet.rows.get(table.mapping.header_row, ())
        return [" ".join(str(v).split()) for v in row if v is not None and str(v).strip()]

    def _show_table(self, _index: int) -> None:
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self.combos = []
        table = self.table
        self.save_map.setEnabled(table is not None)
        self.mapping_box.setVisible(table is not None)
        if table is None:
            self.rows.clear()
            self.rows.setRowCount(0)
            self.rows.setColumnCount(0)
            return
        schema = table.mapping.schema()
        chosen = {header_key(h): t.column for h, t in table.mapping.columns.items()}
        for header in self._headers(table):
            combo = QComboBox()
            combo.addItem(translate("\u2014 leave out \u2014", self.lang), None)
            for col in schema.columns:
                if not isinstance(col.kind, Attachments):
                    combo.addItem(translate(col.label, self.lang), col.id)
            current = chosen.get(header_key(header))
            combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
            combo.currentIndexChanged.connect(self._remap)
            combo.setAccessibleName(header)
            self.mapping_form.addRow(header, combo)
            self.combos.append((header, combo))
        self._fill_rows(table)

    def current_mapping(self) -> ColumnMap:
        table = self.table
        assert table is not None
        old = table.mapping
        units = {t.column: t.unit for t in old.columns.values()}
        schema = old.schema()
        columns: dict[str, Target] = {}
        used: set[str] = set()
        for header, combo in self.combos:
            column = combo.currentData()
            if not isinstance(column, str) or column in used:
                continue
            used.add(column)
            unit = None
            if isinstance(schema.column(column).kind, AreaM2):
                from ccm_desktop.exchange.xlsx.convert import unit_in

                unit = units.get(column) or unit_in(header) or "m2"
            columns[header] = Target(column, unit)
        return ColumnMap(old.sheet, old.header_row, old.form, old.table, columns, old.dates,
                         old.decimal_separator)

    def _remap(self) -> None:
        table = self.table
        if table is None:
            return
        mapping = self.current_mapping()
        table.remap(mapping, self.recognition.filename, self.recognition.language)
        for rest in self.recognition.tables:  # the rest of a table split across pages
            if rest.continues is not None and rest.continues == table.block.number:
                rest.remap(ColumnMap(rest.mapping.sheet, rest.mapping.header_row, mapping.form,
                                     mapping.table, dict(mapping.columns), mapping.dates,
                                     mapping.decimal_separator),
                           self.recognition.filename, self.recognition.language)
        self._fill_rows(table)
        self._fill_findings()
        for row, part in enumerate(PARTS):
            self.parts.item(row).setText(self._part_line(part))

    def _fill_rows(self, table: RecognisedTable) -> None:
        schema = table.mapping.schema()
        columns = [c for c in schema.columns if c.id in table.result.columns]
        self.rows.clear()
        self.rows.setColumnCount(len(columns) + 1)
        self.rows.setHorizontalHeaderLabels(
            [translate("Row in the document", self.lang)] + [translate(c.label, self.lang) for c in columns])
        good = {r.sheet_row: r.values for r in table.result.rows}
        bad = {p.row: p for p in table.result.problems}
        numbers = sorted(set(good) | set(bad))
        self.rows.setRowCount(len(numbers))
        for index, number in enumerate(numbers):
            self.rows.setItem(index, 0, QTableWidgetItem(str(number)))
            values = good.get(number, {})
            for col, column in enumerate(columns, start=1):
                value = values.get(column.id)
                text = "" if value is None else (value if isinstance(value, str)
                                                 else column.kind.format(value, self.lang))
                item = QTableWidgetItem(text)
                problem = bad.get(number)
                if problem is not None:
                    item.setBackground(QBrush(_BAD))
                    if table.result.columns.get(column.id) == problem.column:
                        item.setText(f"{problem.text} \u2014 {translate(problem.problem, self.lang)}")
                self.rows.setItem(index, col, item)
        self.rows.resizeColumnsToContents()

    def _fill_findings(self) -> None:
        self.findings.clear()
        for finding in self.recognition.problems():
            self.findings.addItem(translate("{place}: {text} {problem} (left out)",
                                            self.lang).format(
                place=finding.place(self.lang), text=finding.shown_text(self.lang),
                problem=finding.problem_text(self.lang)))
        for finding in self.recognition.unplaced:
            self.findings.addItem(translate("{place}: {text} {problem}", self.lang).format(
                place=finding.place(self.lang), text=finding.shown_text(self.lang),
                problem=finding.problem_text(self.lang)))
        if not self.findings.count():
            self.findings.addItem(translate("Everything in the document was placed and read.",
                                            self.lang))

    # Mappings and the result --------------------------------------------------------------------

    def save_mapping(self, path: str | Path) -> None:
        mapping = self.current_mapping()
        mapping.header_row = max(mapping.header_row, 1)
        mapping.save(path)

    def _ask_save_mapping(self) -> None:
        table = self.table
        if table is None:
            return
        name = f"{table.mapping.form}-{table.mapping.table}.ccm-map.json"
        path, _filter = QFileDialog.getSaveFileName(
            self, translate("Save the column mapping", self.lang), name,
            translate("Column mappings (*.ccm-map.json)", self.lang))
        if path:
            try:
                self.save_mapping(path)
            except OSError as exc:
                QMessageBox.warning(self, translate("Not saved", self.lang),
                                    f"{Path(path).name}: {exc.strerror or exc}")

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def report(self) -> Report:
        return self.recognition.report()


_STATUS_TEXT = {**STATUS_WORDS, "": N_("no status found")}
