"""Write a report as an Excel workbook (docs/excel.md), driven by the schema.

Sheets `Cover`, `A` ... `J` (and `Attachments` with a hidden `Attachment data` when the report
has files), labels in the export's language, the layout of `layout.py`. The workbook holds no
formula and no macro: every text is written as a string cell.
"""

from __future__ import annotations

import base64
import copy
import io
import math
import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table as ExcelTable
from openpyxl.worksheet.table import TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ccm_desktop.domain.errors import UserError
from ccm_desktop.domain.report import FORM_LETTERS, FormData, Report, Row, Section
from ccm_desktop.exchange.atomic import write_atomic
from ccm_desktop.exchange.xlsx import layout as L
from ccm_desktop.exchange.xlsx.cells import (
    EXCEL_CELL_LIMIT,
    CellText,
    decimal_places,
    escape_text,
    to_cell,
)
from ccm_desktop.schema.i18n import N_, RTL_LANGUAGES, translate
from ccm_desktop.schema.kinds import (
    Choice,
    DateKind,
    DecimalNumber,
    Int,
    Kind,
    NonNegativeDecimal,
    Text,
    Year,
    YesNo,
)
from ccm_desktop.schema.model import Field, Part, Table, path_of
from ccm_desktop.schema.registry import part

Progress = Callable[[int, int], None]

INK = "1F2A44"
MUTED = "5B6475"
HEADER_FILL = PatternFill("solid", fgColor="DCE6F2")
VOLUNTARY_FILL = PatternFill("solid", fgColor="ECEEF1")
LABEL_FILL = PatternFill("solid", fgColor="F3F5F8")
THIN = Side(style="thin", color="B7C3D3")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONT = "Calibri"
TITLE_FONT = Font(name=FONT, size=15, bold=True, color=INK)
SUBTITLE_FONT = Font(name=FONT, size=11, italic=True, color=MUTED)
HELP_FONT = Font(name=FONT, size=10, italic=True, color=MUTED)
CAPTION_FONT = Font(name=FONT, size=12, bold=True, color=INK)
HEADER_FONT = Font(name=FONT, size=11, bold=True, color=INK)
LABEL_FONT = Font(name=FONT, size=11, bold=True, color=INK)
TOP_LEFT_WRAP = Alignment(wrap_text=True, vertical="top", horizontal="left")
TOP_RIGHT_WRAP_START = Alignment(wrap_text=True, vertical="top", horizontal="right")
TOP_WRAP = Alignment(wrap_text=True, vertical="top")
TOP_WRAP_RIGHT = Alignment(wrap_text=True, vertical="top", horizontal="right")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
LINE_HEIGHT = 15.0  # points per line of 11-point text
MAX_ROW_HEIGHT = 409.0  # Excel's limit
LABEL_WIDTH = 30.0
MIN_VALUE_WIDTH = 48.0
DATE_FORMAT = "yyyy-mm-dd"


class CellTooLong(UserError, ValueError):
    """A text longer than an Excel cell holds; the message names the report path."""


def write_workbook(report: Report, path: str | Path, lang: str = "en",
                   progress: Progress | None = None, forms: Sequence[str] | None = None) -> None:
    """Write `report` to `path` atomically. `forms` limits the form sheets (for sending one
    office its part); the Cover sheet is always written. Raises CellTooLong (a ValueError) for
    a text that does not fit in a cell, OSError for trouble with the disk."""
    data = workbook_bytes(report, lang=lang, progress=progress, forms=forms)
    write_atomic(Path(path), data)


def workbook_bytes(report: Report, lang: str = "en", progress: Progress | None = None,
                   forms: Sequence[str] | None = None) -> bytes:
    workbook = build_workbook(report, lang=lang, progress=progress, forms=forms)
    buffer = io.BytesIO()
    workbook.save(buffer)
    steps = _step_count(report, forms)
    if progress is not None:
        progress(steps, steps)
    return buffer.getvalue()


def _step_count(report: Report, forms: Sequence[str] | None) -> int:
    letters = [f for f in FORM_LETTERS if forms is None or f in forms]
    return 1 + len(letters) + (1 if report.attachments else 0) + 1


def build_workbook(report: Report, lang: str = "en", progress: Progress | None = None,
                   forms: Sequence[str] | None = None) -> Workbook:
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    letters = [f for f in FORM_LETTERS if forms is None or f in forms]
    total = _step_count(report, forms)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    _CoverWriter(workbook, report, lang).write()
    step()
    for letter in letters:
        _FormWriter(workbook, part(letter), report, lang).write()
        step()
    if report.attachments:
        _write_attachments(workbook, report, lang)
        step()
    workbook.properties.title = translate(N_("Article 7 report"), lang)
    workbook.properties.creator = "ccm-desktop"
    return workbook


# Measuring text, so that wrapped rows get a height that shows them ---------------------------


def _text_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines(text: str, width: float, bold: bool = False) -> int:
    per_line = max(1.0, width * (0.9 if bold else 1.15))
    return sum(max(1, math.ceil(_text_width(line) / per_line)) for line in text.split("\n"))


def _height_for(lines: int) -> float | None:
    return None if lines <= 1 else min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 3)


# One sheet -------------------------------------------------------------------------------------


class _SheetWriter:
    """Writes the blocks of one sheet from row 1 down; column A holds the markers."""

    def __init__(self, workbook: Workbook, title: str, part_id: str, lang: str,
                 tables: Sequence[Table], wide: bool) -> None:
        self.ws: Worksheet = workbook.create_sheet(title)
        self.part_id = part_id
        self.lang = lang
        self.row = 1
        self.first_table_header: int | None = None
        self.widths = self._plan_widths(tables)
        self.last_column = 1 + len(self.widths)
        self.wide = wide or sum(self.widths) > 110
        self.validations: dict[tuple[str, ...], DataValidation] = {}
        cache = getattr(workbook, "_ccm_style_cache", None)
        if cache is None:
            cache = {}
            workbook._ccm_style_cache = cache
        self.style_cache: dict[tuple[bool, str], Any] = cache
        ws = self.ws
        ws.sheet_view.showGridLines = False
        if lang in RTL_LANGUAGES:
            ws.sheet_view.rightToLeft = True
        ws.column_dimensions["A"].width = 4
        ws.column_dimensions["A"].hidden = True
        for index, width in enumerate(self.widths, start=2):
            ws.column_dimensions[get_column_letter(index)].width = width

    @staticmethod
    def _plan_widths(tables: Sequence[Table]) -> list[float]:
        count = max((len(t.columns) for t in tables), default=0)
        widths = [max((t.columns[i].width for t in tables if i < len(t.columns)), default=12)
                  * 1.1 + 2 for i in range(count)]
        if not widths:
            return [LABEL_WIDTH, 90.0]
        # Fields need room for a label and a value beside it: widen the sheet if needed.
        label_span = _span_for(widths, 0, LABEL_WIDTH)
        while sum(widths[label_span:]) < MIN_VALUE_WIDTH:
            widths.append(14.0)
        return widths

    def t(self, text: str) -> str:
        return translate(text, self.lang)

    # Markers and simple rows

    def mark(self, row: int, marker: str) -> None:
        self.ws.cell(row=row, column=1).value = marker

    def text_cell(self, row: int, column: int, text: str, font: Font | None = None,
                  alignment: Alignment | None = None) -> None:
        cell = self.ws.cell(row=row, column=column)
        _put_text(cell, text, where=f"sheet {self.ws.title}")
        if font is not None:
            cell.font = font
        if alignment is not None:
            cell.alignment = alignment

    def title_block(self, title: str, subtitle: str, help_text: str) -> None:
        self.mark(1, L.SHEET + self.part_id)
        self.text_cell(1, 2, title, TITLE_FONT)
        self.ws.row_dimensions[1].height = 24
        self.text_cell(2, 2, subtitle, SUBTITLE_FONT)
        if self.last_column > 2:  # so that a long title never spills out of the page
            for row in (1, 2):
                self.ws.merge_cells(start_row=row, start_column=2, end_row=row,
                                    end_column=self.last_column)
        self.mark(2, L.TITLE)
        self.row = 3
        if help_text:
            self.merged_note(self.row, help_text, HELP_FONT)
            self.mark(self.row, L.HELP)
            self.row += 1
        self.row += 1

    def merged_note(self, row: int, text: str, font: Font) -> None:
        self.text_cell(row, 2, text, font, TOP_WRAP)
        if self.last_column > 2:
            self.ws.merge_cells(start_row=row, start_column=2, end_row=row,
                                end_column=self.last_column)
        height = _height_for(_lines(text, sum(self.widths)))
        if height:
            self.ws.row_dimensions[row].height = height

    def hidden_row(self, marker: str, values: Sequence[str]) -> None:
        self.mark(self.row, marker)
        for offset, value in enumerate(values):
            self.text_cell(self.row, 2 + offset, value)
        self.ws.row_dimensions[self.row].hidden = True
        self.row += 1

    # Fields

    def field_row(self, spec: Field, value: Any, path: str) -> None:
        row = self.row
        label_span = _span_for(self.widths, 0, LABEL_WIDTH)
        value_column = 2 + label_span
        self.mark(row, L.FIELD + spec.id)
        label = self.t(spec.label)
        self.text_cell(row, 2, label, LABEL_FONT, TOP_WRAP)
        if label_span > 1:
            self.ws.merge_cells(start_row=row, start_column=2, end_row=row,
                                end_column=1 + label_span)
        for column in range(2, 2 + label_span):
            self.ws.cell(row=row, column=column).fill = LABEL_FILL
            self.ws.cell(row=row, column=column).border = BOX
        self.value_cell(row, value_column, spec.kind, value, path)
        # Values read from the side the labels are on: left, or right in a right-to-left sheet.
        self.ws.cell(row=row, column=value_column).alignment = (
            TOP_RIGHT_WRAP_START if self.lang in RTL_LANGUAGES else TOP_LEFT_WRAP)
        if self.last_column > value_column:
            self.ws.merge_cells(start_row=row, start_column=value_column, end_row=row,
                                end_column=self.last_column)
            for column in range(value_column + 1, self.last_column + 1):
                self.ws.cell(row=row, column=column).border = BOX
        self.validate(spec.kind, f"{get_column_letter(value_column)}{row}")
        label_lines = _lines(label, sum(self.widths[:label_span]), bold=True)
        value_lines = _lines(str(self.ws.cell(row=row, column=value_column).value or ""),
                             sum(self.widths[label_span:]))
        height = _height_for(max(label_lines, value_lines))
        if height:
            self.ws.row_dimensions[row].height = height
        self.row += 1

    def value_cell(self, row: int, column: int, kind: Kind, value: Any, path: str) -> int:
        """Write one value; return how many lines it needs in its column."""
        cell = self.ws.cell(row=row, column=column)
        content = to_cell(kind, value, self.lang)
        right = isinstance(content, CellText) and (kind.is_number or isinstance(kind, DateKind))
        self.style(cell, right, _number_format(kind, value, content))
        if isinstance(content, CellText):
            _put_text(cell, content, where=path)
            width = self.widths[column - 2] if column - 2 < len(self.widths) else 12
            return _lines(content, width)
        cell.value = content
        return 1

    def style(self, cell: Any, right: bool, number_format: str) -> None:
        """Border, wrapping and number format of a value cell. Setting styles one by one costs
        openpyxl a hash of every style object, so each combination is made once per workbook
        and copied (benchmarks/bench_xlsx.py: 5,000 rows written in 0.7 s instead of 1.1 s)."""
        key = (right, number_format)
        made = self.style_cache.get(key)
        if made is not None:
            cell._style = copy.copy(made)
            return
        cell.border = BOX
        cell.alignment = TOP_WRAP_RIGHT if right else TOP_WRAP
        cell.number_format = number_format
        self.style_cache[key] = copy.copy(cell._style)

    # Tables

    def table_block(self, spec: Table, rows: Sequence[Row], ids_marker: str, path: str,
                    label: str | None = None) -> None:
        ws = self.ws
        self.mark(self.row, L.CAPTION)
        self.text_cell(self.row, 2, label if label is not None else self.t(spec.label),
                       CAPTION_FONT)
        self.ws.row_dimensions[self.row].height = 20
        self.row += 1
        if spec.help:
            self.mark(self.row, L.HELP)
            self.merged_note(self.row, self.t(spec.help), HELP_FONT)
            self.row += 1
        self.hidden_row(ids_marker, [c.id for c in spec.columns])
        header = self.row
        if self.first_table_header is None:
            self.first_table_header = header
        self.mark(header, L.HEADER)
        seen: set[str] = set()
        header_lines = 1
        for offset, col in enumerate(spec.columns):
            text = self.t(col.label)
            while text in seen:  # an Excel table needs distinct headers
                text += " "
            seen.add(text)
            self.text_cell(header, 2 + offset, text, HEADER_FONT, HEADER_ALIGN)
            cell = ws.cell(row=header, column=2 + offset)
            cell.fill = VOLUNTARY_FILL if col.voluntary else HEADER_FILL
            cell.border = BOX
            header_lines = max(header_lines, _lines(text, self.widths[offset], bold=True))
        ws.row_dimensions[header].height = max(20.0, header_lines * LINE_HEIGHT + 4)
        self.row += 1
        first = self.row
        for index, values in enumerate(rows or [{}]):
            lines = 1
            for offset, col in enumerate(spec.columns):
                lines = max(lines, self.value_cell(self.row, 2 + offset, col.kind,
                                                   values.get(col.id),
                                                   f"{path}[{index}].{col.id}"))
            height = _height_for(lines)
            if height:
                ws.row_dimensions[self.row].height = height
            self.row += 1
        last = self.row - 1
        end_letter = get_column_letter(1 + len(spec.columns))
        excel_table = ExcelTable(displayName=L.table_name(self.part_id, spec.id),
                                 ref=f"B{header}:{end_letter}{last}")
        excel_table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True,
                                                    showColumnStripes=False)
        ws.add_table(excel_table)
        for offset, col in enumerate(spec.columns):
            letter = get_column_letter(2 + offset)
            self.validate(col.kind, f"{letter}{first}:{letter}{last}")
        self.row += 1

    # Data validation

    def validate(self, kind: Kind, ref: str) -> None:
        rule = _validation_rule(kind, self.lang)
        if rule is None:
            return
        validation = self.validations.get(rule)
        if validation is None:
            validation = _make_validation(rule, self.lang)
            self.validations[rule] = validation
            self.ws.add_data_validation(validation)
        validation.add(ref)

    def finish(self, title: str) -> None:
        ws = self.ws
        if self.first_table_header is not None and self.freeze_first_table:
            ws.freeze_panes = f"A{self.first_table_header + 1}"
            ws.print_title_rows = f"{self.first_table_header}:{self.first_table_header}"
        ws.page_setup.orientation = "landscape" if self.wide else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = False
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.oddFooter.left.text = _footer_text(title)
        ws.oddFooter.right.text = _footer_text(self.t(N_("Page {page} of {pages}")),
                                               page="&P", pages="&N")
        ws.oddFooter.left.size = ws.oddFooter.right.size = 8

    freeze_first_table = False


def _footer_text(text: str, **codes: str) -> str:
    escaped = text.replace("&", "&&")
    return escaped.format(**codes) if codes else escaped


def _span_for(widths: Sequence[float], start: int, wanted: float) -> int:
    """How many columns from `start` it takes to be `wanted` wide (at least one)."""
    total, count = 0.0, 0
    for width in widths[start:]:
        total += width
        count += 1
        if total >= wanted:
            break
    return max(1, min(count, max(1, len(widths) - 1)))


def _put_text(cell: Any, text: str, where: str) -> None:
    escaped = escape_text(text)
    if len(escaped) > EXCEL_CELL_LIMIT:
        raise CellTooLong(f"{where}: the text is {len(text):,} characters long, more than the "
                          f"{EXCEL_CELL_LIMIT:,} an Excel cell holds; shorten it or save the "
                          "report as .ccm.json")
    cell.value = escaped
    # Never a formula, an error code or a number: whatever the text begins with.
    cell.data_type = "s"
    if escaped[:1] in ("=", "+", "-", "@"):
        cell.quotePrefix = True


def _number_format(kind: Kind, value: Any, content: Any) -> str:
    if isinstance(content, CellText) or isinstance(kind, Text) and not kind.is_number:
        return "@"
    if isinstance(kind, Year):
        return "0"
    if isinstance(kind, Int):
        return "#,##0"
    if isinstance(kind, DecimalNumber):
        grouping = "#,##0" if isinstance(kind, NonNegativeDecimal) else "0"
        places = decimal_places(value) if isinstance(value, Decimal) else 0
        return grouping + ("." + "0" * places if places else "")
    if isinstance(kind, DateKind):
        return DATE_FORMAT
    return "General"


# Data validation: drop-downs for choices, numbers and dates checked on entry ------------------


def _validation_rule(kind: Kind, lang: str) -> tuple[str, ...] | None:
    if isinstance(kind, Choice):
        labels = [translate(o.label, lang) for o in kind.options]
        listed = ",".join(labels)
        # An inline list holds at most 255 characters and cannot contain a comma or a quote.
        if len(listed) > 250 or any("," in x or '"' in x for x in labels):
            return None
        return ("list", f'"{listed}"')
    if isinstance(kind, YesNo):
        yes, no = translate(N_("Yes"), lang), translate(N_("No"), lang)
        return ("list", f'"{yes},{no}"')
    if isinstance(kind, Year):
        return ("whole", "between", "1900", "2999")
    if isinstance(kind, Int):
        return ("whole", "greaterThanOrEqual", "0")
    if isinstance(kind, NonNegativeDecimal):  # money and areas
        return ("decimal", "greaterThanOrEqual", "0")
    if isinstance(kind, DecimalNumber):  # coordinates
        return ("decimal", "between", "-180", "180")
    if isinstance(kind, DateKind):
        return ("date", "between", "1", "2958465")  # 1900-01-01 .. 9999-12-31
    return None


_VALIDATION_MESSAGES = {
    "list": N_("Pick one of the values in the list."),
    "whole": N_("Type a whole number of 0 or more."),
    "year": N_("Type a year of four digits, such as 2023."),
    "decimal": N_("Type a number of 0 or more (decimals are allowed)."),
    "coordinate": N_("Type decimal degrees between -180 and 180."),
    "date": N_("Type a date, such as 2023-12-31."),
}


def _make_validation(rule: tuple[str, ...], lang: str) -> DataValidation:
    kind = rule[0]
    if kind == "list":
        validation = DataValidation(type="list", formula1=rule[1], allow_blank=True)
        message = _VALIDATION_MESSAGES["list"]
    else:
        operator = rule[1]
        validation = DataValidation(type=kind, operator=operator, formula1=rule[2],
                                    formula2=rule[3] if len(rule) > 3 else None,
                                    allow_blank=True)
        key = kind
        if kind == "whole" and operator == "between":
            key = "year"
        elif kind == "decimal" and operator == "between":
            key = "coordinate"
        message = _VALIDATION_MESSAGES[key]
    validation.showErrorMessage = True
    validation.errorStyle = "stop"
    validation.errorTitle = translate(N_("Not accepted"), lang)
    validation.error = translate(message, lang)
    return validation


# The parts -------------------------------------------------------------------------------------


class _FormWriter(_SheetWriter):
    def __init__(self, workbook: Workbook, schema: Part, report: Report, lang: str) -> None:
        super().__init__(workbook, schema.id, schema.id, lang, schema.tables,
                         schema.wide or any(t.wide for t in schema.tables))
        self.schema = schema
        self.form = report.form(schema.id)
        self.freeze_first_table = bool(schema.items) and isinstance(schema.items[0], Table)

    def write(self) -> None:
        schema = self.schema
        title = self.t(N_("Form {letter}: {title}")).format(letter=schema.id,
                                                             title=self.t(schema.title))
        self.title_block(title, self._subtitle(), self.t(schema.help))
        _write_items(self, schema, self.form)
        self.finish(title)


    def _subtitle(self) -> str:
        """The articles, and the form's status as the Cover sheet records it (not read back)."""
        form, text = self.form, self.t(self.schema.articles)
        if form.status is None:
            return text
        if form.status.value == "unchanged" and form.last_reported_year is not None:
            status = self.t(N_("unchanged since {year}")).format(year=form.last_reported_year)
        else:
            status = self.t(L.STATUS.label_of(form.status.value)).lower()
        return text + " · " + self.t(N_("Status: {status}")).format(status=status)


class _CoverWriter(_SheetWriter):
    def __init__(self, workbook: Workbook, report: Report, lang: str) -> None:
        schema = part("cover")
        super().__init__(workbook, L.COVER_SHEET, "cover", lang,
                         (*schema.tables, L.STATUS_TABLE_SCHEMA), True)
        self.schema = schema
        self.report = report

    def write(self) -> None:
        report, schema = self.report, self.schema
        title = self.t(N_("Convention on Cluster Munitions: Article 7 report"))
        state = report.cover.fields.get("state")
        start, end = report.cover.fields.get("period_from"), report.cover.fields.get("period_to")
        parts = []
        if isinstance(state, str):
            from ccm_desktop.schema.states import state_name

            parts.append(state_name(state, self.lang))
        if start is not None or end is not None:
            parts.append(self.t(N_("reporting period {start} to {end}")).format(
                start=start.isoformat() if start else "…", end=end.isoformat() if end else "…"))
        subtitle = " · ".join(parts) or self.t(schema.title)
        self.title_block(title, subtitle, self.t(schema.help))
        for key, value in (("format", L.FORMAT), ("format_version", str(L.FORMAT_VERSION)),
                           ("template", report.template), ("language", report.language),
                           ("labels", self.lang)):
            self.hidden_row(L.META + key, [key, value])
        _write_items(self, schema, report.cover)
        status_rows: list[Row] = []
        for letter in FORM_LETTERS:
            form = report.form(letter)
            status_rows.append({
                "form": f"{letter}. {self.t(part(letter).title)}",
                "status": form.status.value if form.status else None,
                "last_reported_year": form.last_reported_year, "statement": form.statement,
            })
        self.table_block(L.STATUS_TABLE_SCHEMA, status_rows, L.STATUS_TABLE, "forms")
        self.finish(title)


def _write_items(writer: _SheetWriter, schema: Part, holder: Section | FormData) -> None:
    previous_was_field = False
    for item in schema.items:
        if isinstance(item, Table):
            if previous_was_field:
                writer.row += 1
            writer.table_block(item, holder.tables.get(item.id, []), L.TABLE + item.id,
                               path_of(schema.id, "tables", item.id))
            previous_was_field = False
        else:
            writer.field_row(item, holder.fields.get(item.id),
                             path_of(schema.id, "fields", item.id))
            previous_was_field = True


def _write_attachments(workbook: Workbook, report: Report, lang: str) -> None:
    writer = _SheetWriter(workbook, L.ATTACHMENTS_SHEET, L.ATTACHMENT_PART, lang,
                          (L.ATTACHMENTS_SCHEMA,), True)
    title = writer.t(N_("Attachments"))
    writer.title_block(title, writer.t(N_("Files attached to the report")), "")
    rows = [{"id": a.id, "filename": a.filename, "media_type": a.media_type,
             "size": len(a.data), "sha256": a.sha256} for a in report.attachments.values()]
    writer.freeze_first_table = True
    writer.table_block(L.ATTACHMENTS_SCHEMA, rows, L.ATTACHMENTS, "attachments",
                       label=writer.t(N_("Files")))
    writer.finish(title)

    data = workbook.create_sheet(L.ATTACHMENT_DATA_SHEET)
    data.sheet_state = "hidden"
    data.cell(row=1, column=1).value = L.SHEET + L.ATTACHMENT_DATA_PART
    data.cell(row=1, column=2).value = translate(
        N_("The content of the attachments, base64-encoded in pieces. Do not edit."), lang)
    data.cell(row=2, column=1).value = L.ATTACHMENT_DATA
    for offset, name in enumerate(L.ATTACHMENT_DATA_COLUMNS):
        data.cell(row=2, column=2 + offset).value = name
    row = 3
    for attachment in report.attachments.values():
        encoded = base64.b64encode(attachment.data).decode("ascii")
        pieces = [encoded[i:i + L.CHUNK_CHARS] for i in range(0, len(encoded), L.CHUNK_CHARS)]
        for index, piece in enumerate(pieces or [""]):
            _put_text(data.cell(row=row, column=2), attachment.id, "attachments")
            data.cell(row=row, column=3).value = index + 1
            if piece:
                _put_text(data.cell(row=row, column=4), piece, "attachments")
            row += 1
    data.column_dimensions["A"].hidden = True
    data.column_dimensions["D"].width = 80
