"""Write a report as an Excel workbook (docs/excel.md), driven by the schema.

Sheets `Cover`, `A` ... `J` (and `Attachments` with a hidden `Attachment data` when the report
has files), labels in the export's language, the layout of `layout.py`. The workbook holds no
formula and no macro: every text is written as a string cell.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import io
import math
import os
import unicodedata
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.table import Table as ExcelTable
from openpyxl.worksheet.table import TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import fromstring

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
    written_as_is,
)
from ccm_desktop.schema.i18n import N_, RTL_LANGUAGES, language, translate
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
from ccm_desktop.schema.registry import part, part_heading

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
    try:
        workbook.save(buffer)
    except BaseException:
        _discard(workbook)
        raise
    steps = _step_count(report, forms)
    if progress is not None:
        progress(steps, steps)
    return buffer.getvalue()


def _step_count(report: Report, forms: Sequence[str] | None) -> int:
    letters = [f for f in FORM_LETTERS if forms is None or f in forms]
    return 1 + len(letters) + (1 if report.attachments else 0) + 1


def build_workbook(report: Report, lang: str = "en", progress: Progress | None = None,
                   forms: Sequence[str] | None = None) -> Workbook:
    """The workbook in openpyxl's write-only mode: every sheet is streamed row by row as it is
    written (benchmarks/run.py, `xlsx_export`, compares it with raw write-only openpyxl), so it
    can be saved once and not read back."""
    workbook = Workbook(write_only=True)
    letters = [f for f in FORM_LETTERS if forms is None or f in forms]
    total = _step_count(report, forms)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    try:
        _CoverWriter(workbook, report, lang).write()
        step()
        for letter in letters:
            _FormWriter(workbook, part(letter), report, lang).write()
            step()
        if report.attachments:
            _write_attachments(workbook, report, lang)
            step()
    except BaseException:  # a text too long, a cancelled export: no stream is left open
        _discard(workbook)
        raise
    workbook.properties.title = translate(N_("Article 7 report"), lang)
    workbook.properties.creator = "ccm-desktop"
    return workbook


def _discard(workbook: Workbook) -> None:
    """Close the streams of a write-only workbook that will not be saved, and remove their
    temporary files."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        with contextlib.suppress(Exception):
            if not sheet.closed:
                sheet.close()
        if writer is not None:
            with contextlib.suppress(OSError):
                os.remove(writer.out)


# Measuring text, so that wrapped rows get a height that shows them ---------------------------


def _text_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines(text: str, width: float, bold: bool = False) -> int:
    per_line = max(1.0, width * (0.9 if bold else 1.15))
    if 2 * len(text) <= per_line and "\n" not in text:
        return 1  # even if every character were wide
    return sum(max(1, math.ceil(_text_width(line) / per_line)) for line in text.split("\n"))


def _height_for(lines: int) -> float | None:
    return None if lines <= 1 else min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 3)


# One sheet -------------------------------------------------------------------------------------


class _XmlRow(tuple[Any]):
    """A row of a table already made as one XML element (`<row>` with its `<c>` cells), in the
    form openpyxl would have written it: the sheet's stream writes it as it is."""


class _RowWriter(WorksheetWriter):  # type: ignore[misc]
    """openpyxl's sheet writer, which also takes rows already made as XML."""

    def write_row(self, xf: Any, row: Sequence[Cell] | _XmlRow, row_idx: int) -> None:
        if isinstance(row, _XmlRow):
            xf.write(row[0])
        else:
            super().write_row(xf, row, row_idx)


class _Sheet(WriteOnlyWorksheet):  # type: ignore[misc]
    """A write-only sheet that is given rows of cells already placed (by `_SheetWriter`), so
    openpyxl streams them as they are instead of turning each value into a cell again, or
    rows already made as XML (`_XmlRow`, the tables)."""

    _writer: Any  # openpyxl's: None until the first row

    def append(self, row: Sequence[Cell] | _XmlRow) -> None:
        if self._writer is None:  # openpyxl makes it on the first row; ours takes XML rows too
            self._writer = _RowWriter(self)
            self._writer.write_top()
        super().append(row)

    def _values_to_row(self, values: Sequence[Cell], row_idx: int) -> Sequence[Cell]:
        return values


def _new_sheet(workbook: Workbook, title: str) -> _Sheet:
    sheet = _Sheet(parent=workbook, title=title)
    workbook._add_sheet(sheet)
    return sheet


class _SheetWriter:
    """Writes the blocks of one sheet from row 1 down; column A holds the markers.

    Rows are written in order: the cells of the row being written wait in `pending` and go to
    the sheet's stream once a later row is begun (or at `finish`). Everything the stream writes
    before the rows (column widths, sheet view with the frozen panes, page setup) is settled
    first: the rows above the first table wait until its header row is known."""

    def __init__(self, workbook: Workbook, title: str, part_id: str, lang: str,
                 tables: Sequence[Table], wide: bool) -> None:
        self.ws: _Sheet = _new_sheet(workbook, title)
        self.pending: dict[int, dict[int, Cell]] = {}
        self.streamed = 0  # rows already given to the sheet
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
        self.style_ids: dict[tuple[bool, str, bool], str] = {}
        self.row_attributes: dict[float, str] = {}
        ws = self.ws
        ws.sheet_view.showGridLines = False
        if lang in RTL_LANGUAGES:
            ws.sheet_view.rightToLeft = True
        ws.column_dimensions["A"].width = 4
        ws.column_dimensions["A"].hidden = True
        for index, width in enumerate(self.widths, start=2):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.page_setup.orientation = "landscape" if self.wide else "portrait"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = False
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.6

    # The rows, in order

    def cell(self, row: int, column: int) -> Cell:
        cells = self.pending.get(row)
        if cells is None:
            if row <= self.streamed:
                raise AssertionError(f"row {row} of sheet {self.ws.title} was already written")
            self.stream(row - 1)
            cells = self.pending[row] = {}
        made = cells.get(column)
        if made is None:
            made = cells[column] = Cell(self.ws, row=row, column=column)
        return made

    def stream(self, last: int) -> None:
        """Give the rows up to `last` to the sheet, unless the frozen panes are not known yet."""
        if self.freeze_first_table and self.first_table_header is None:
            return
        ws, pending = self.ws, self.pending
        for row in range(self.streamed + 1, last + 1):
            cells = pending.pop(row, None)
            ws.append([cells[c] for c in sorted(cells)] if cells else [])
        self.streamed = max(self.streamed, last)

    def merge(self, row: int, first_column: int, last_column: int) -> None:
        self.ws.merged_cells.add(CellRange(min_col=first_column, min_row=row,
                                           max_col=last_column, max_row=row))

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
        self.cell(row, 1).value = marker

    def text_cell(self, row: int, column: int, text: str, font: Font | None = None,
                  alignment: Alignment | None = None) -> None:
        cell = self.cell(row, column)
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
                self.merge(row, 2, self.last_column)
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
            self.merge(row, 2, self.last_column)
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
            self.merge(row, 2, 1 + label_span)
        for column in range(2, 2 + label_span):
            self.cell(row, column).fill = LABEL_FILL
            self.cell(row, column).border = BOX
        self.value_cell(row, value_column, spec.kind, value, path)
        # Values read from the side the labels are on: left, or right in a right-to-left sheet.
        self.cell(row, value_column).alignment = (
            TOP_RIGHT_WRAP_START if self.lang in RTL_LANGUAGES else TOP_LEFT_WRAP)
        if self.last_column > value_column:
            self.merge(row, value_column, self.last_column)
            for column in range(value_column + 1, self.last_column + 1):
                self.cell(row, column).border = BOX
        self.validate(spec.kind, f"{get_column_letter(value_column)}{row}")
        label_lines = _lines(label, sum(self.widths[:label_span]), bold=True)
        value_lines = _lines(str(self.cell(row, value_column).value or ""),
                             sum(self.widths[label_span:]))
        height = _height_for(max(label_lines, value_lines))
        if height:
            self.ws.row_dimensions[row].height = height
        self.row += 1

    def value_cell(self, row: int, column: int, kind: Kind, value: Any, path: str) -> int:
        """Write one value; return how many lines it needs in its column."""
        cell = self.cell(row, column)
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
            if self.freeze_first_table:
                ws.freeze_panes = f"A{header + 1}"
        self.mark(header, L.HEADER)
        seen: set[str] = set()
        names: list[str] = []
        header_lines = 1
        for offset, col in enumerate(spec.columns):
            text = self.t(col.label)
            while text in seen:  # an Excel table needs distinct headers
                text += " "
            seen.add(text)
            names.append(escape_text(text))
            self.text_cell(header, 2 + offset, text, HEADER_FONT, HEADER_ALIGN)
            cell = self.cell(header, 2 + offset)
            cell.fill = VOLUNTARY_FILL if col.voluntary else HEADER_FILL
            cell.border = BOX
            header_lines = max(header_lines, _lines(text, self.widths[offset], bold=True))
        ws.row_dimensions[header].height = max(20.0, header_lines * LINE_HEIGHT + 4)
        self.row += 1
        first = self.row
        self.table_rows(spec, rows or [{}], path)
        last = self.row - 1
        end_letter = get_column_letter(1 + len(spec.columns))
        excel_table = ExcelTable(displayName=L.table_name(self.part_id, spec.id),
                                 ref=f"B{header}:{end_letter}{last}")
        excel_table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True,
                                                    showColumnStripes=False)
        # In write-only mode openpyxl cannot read the header cells back: the columns are named
        # here, as it would name them from the header row.
        excel_table.tableColumns = [TableColumn(id=i, name=name)
                                    for i, name in enumerate(names, start=1)]
        ws.tables.add(excel_table)
        for offset, col in enumerate(spec.columns):
            letter = get_column_letter(2 + offset)
            self.validate(col.kind, f"{letter}{first}:{letter}{last}")
        self.row += 1

    rows_as_xml = True
    """Table rows are made as XML (`table_rows`). False writes every table cell through an
    openpyxl cell and `value_cell`, as fields are written: the reference that
    tests/test_xlsx_fast_rows.py holds the XML rows to."""

    def table_rows(self, spec: Table, rows: Sequence[Row], path: str) -> None:
        """The rows of a table, each streamed as soon as it is made. Each cell is what
        `value_cell` makes of it, written as the XML openpyxl writes for such a cell, with what
        depends only on the column worked out once and each style's id once per sheet: the long
        tables are most of a workbook's cells, and making an openpyxl cell for each, styling and
        writing it, was most of the export's time (benchmarks/run.py, `xlsx_export`). A row is
        made as text and parsed at once: quicker than making its elements one by one."""
        if not self.rows_as_xml:
            self._table_rows_by_cell(spec, rows, path)
            return
        ws, lang = self.ws, self.lang
        epoch = ws.parent.epoch
        # Per column: its letter, id, kind, width, whether text of a number or date kind reads
        # from the right, whether a text value is written as it stands (to_cell), and the number
        # format of a cell that is not text when it does not depend on the value.
        columns = [(get_column_letter(offset + 2), col.id, col.kind,
                    self.widths[offset] if offset < len(self.widths) else 12,
                    col.kind.is_number or isinstance(col.kind, DateKind),
                    written_as_is(col.kind),
                    None if isinstance(col.kind, DecimalNumber)
                    else _number_format(col.kind, None, None))
                   for offset, col in enumerate(spec.columns)]
        style_id = self._style_id
        for index, values in enumerate(rows):
            row = self.row
            self.stream(row - 1)
            if self.streamed != row - 1:  # the table's header row settled the frozen panes
                raise AssertionError(f"rows above row {row} of sheet {ws.title} are not written")
            number = str(row)
            cells: list[str] = []
            lines = 1
            for letter, column_id, kind, width, right_kind, as_is, number_format in columns:
                value = values.get(column_id)
                content = (value if as_is and value.__class__ is str and value  # as to_cell
                           else to_cell(kind, value, lang))
                if isinstance(content, str):  # CellText: to_cell gives no other str
                    try:
                        text = _cell_text(content, "")
                    except CellTooLong:  # said again with the place, made only when needed
                        text = _cell_text(content, f"{path}[{index}].{column_id}")
                    style = style_id(right_kind, "@", text[:1] in _FORMULA_STARTS)
                    if text:
                        space = _PRESERVE if text != text.strip() else ""
                        cells.append(f'<c r="{letter}{number}" s="{style}" t="inlineStr"><is>'
                                     f"<t{space}>{xml_escape(text)}</t></is></c>")
                    else:
                        cells.append(f'<c r="{letter}{number}" s="{style}" t="inlineStr"/>')
                    lines = max(lines, _lines(content, width))
                else:
                    style = style_id(False, number_format
                                     or _number_format(kind, value, content), False)
                    if content is None:
                        cells.append(f'<c r="{letter}{number}" s="{style}" t="n"/>')
                    else:
                        if isinstance(content, datetime):
                            content = to_excel(content, epoch)
                        # The number's text as openpyxl writes it.
                        cells.append(f'<c r="{letter}{number}" s="{style}" t="n">'
                                     f"<v>{content:.16g}</v></c>")
            height = _height_for(lines)
            attributes = self._row_attributes(height) if height else ""
            xml = f'<row r="{number}"{attributes}>{"".join(cells)}</row>'
            # Encoded here, so that a lone surrogate fails as it does when openpyxl writes it.
            ws.append(_XmlRow((fromstring(xml.encode("utf-8")),)))
            self.streamed = row
            self.row += 1

    def _table_rows_by_cell(self, spec: Table, rows: Sequence[Row], path: str) -> None:
        for index, values in enumerate(rows):
            row = self.row
            lines = 1
            for offset, col in enumerate(spec.columns):
                lines = max(lines, self.value_cell(row, offset + 2, col.kind, values.get(col.id),
                                                   f"{path}[{index}].{col.id}"))
            height = _height_for(lines)
            if height:
                self.ws.row_dimensions[row].height = height
            self.row += 1

    def _style_id(self, right: bool, number_format: str, quoted: bool) -> str:
        """The workbook's id of the style `value_cell` gives such a cell (never the default
        style: a value cell has a border). Registered on first use, as openpyxl registers a
        cell's style when it writes the cell, so that the ids are the same as cell by cell."""
        key = (right, number_format, quoted)
        if key not in self.style_ids:
            cell = Cell(self.ws)
            self.style(cell, right, number_format)
            if quoted:
                cell.quotePrefix = True
            self.style_ids[key] = str(cell.style_id)
        return self.style_ids[key]

    def _row_attributes(self, height: float) -> str:
        """What openpyxl writes on a row of that height, after its number."""
        found = self.row_attributes.get(height)
        if found is None:
            found = self.row_attributes[height] = "".join(
                f' {name}="{value}"' for name, value in RowDimension(self.ws, ht=height))
        return found

    # Data validation

    def validate(self, kind: Kind, ref: str) -> None:
        rule = _validation_rule(kind, self.lang)
        if rule is None:
            return
        validation = self.validations.get(rule)
        if validation is None:
            validation = _make_validation(rule, self.lang)
            self.validations[rule] = validation
            self.ws.data_validations.append(validation)
        validation.add(ref)

    def finish(self, title: str) -> None:
        ws = self.ws
        if self.first_table_header is not None and self.freeze_first_table:
            ws.print_title_rows = f"{self.first_table_header}:{self.first_table_header}"
        else:
            self.freeze_first_table = False  # nothing to wait for any more
        self.stream(self.row if not self.pending else max(self.row, max(self.pending)))
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


_FORMULA_STARTS = ("=", "+", "-", "@")
_PRESERVE = ' xml:space="preserve"'  # what openpyxl puts on text with outer spaces


def _cell_text(text: str, where: str) -> str:
    """`text` as a string cell holds it (escaped); CellTooLong when it does not fit."""
    escaped = escape_text(text)
    if len(escaped) > EXCEL_CELL_LIMIT:
        raise CellTooLong(f"{where}: the text is {len(text):,} characters long, more than the "
                          f"{EXCEL_CELL_LIMIT:,} an Excel cell holds; shorten it or save the "
                          "report as .ccm.json")
    return escaped


def _put_text(cell: Any, text: str, where: str) -> None:
    escaped = _cell_text(text, where)
    cell.value = escaped
    # Never a formula, an error code or a number: whatever the text begins with.
    cell.data_type = "s"
    if escaped[:1] in _FORMULA_STARTS:
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
        title = part_heading(schema.id).text(language(self.lang))
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
    writer.freeze_first_table = True
    writer.title_block(title, writer.t(N_("Files attached to the report")), "")
    rows = [{"id": a.id, "filename": a.filename, "media_type": a.media_type,
             "size": len(a.data), "sha256": a.sha256} for a in report.attachments.values()]
    writer.table_block(L.ATTACHMENTS_SCHEMA, rows, L.ATTACHMENTS, "attachments",
                       label=writer.t(N_("Files")))
    writer.finish(title)

    data = _new_sheet(workbook, L.ATTACHMENT_DATA_SHEET)
    data.sheet_state = "hidden"
    data.column_dimensions["A"].hidden = True
    data.column_dimensions["D"].width = 80

    def row(number: int, values: Sequence[Any], texts: bool = False) -> list[Cell]:
        """Cells of one row; `texts`: its strings are report text (never a formula)."""
        cells = []
        for column, value in enumerate(values, start=1):
            if value is None:
                continue
            cell = Cell(data, row=number, column=column)
            if texts and isinstance(value, str):
                _put_text(cell, value, "attachments")
            else:
                cell.value = value
            cells.append(cell)
        return cells

    data.append(row(1, [L.SHEET + L.ATTACHMENT_DATA_PART, translate(
        N_("The content of the attachments, base64-encoded in pieces. Do not edit."), lang)]))
    data.append(row(2, [L.ATTACHMENT_DATA, *L.ATTACHMENT_DATA_COLUMNS]))
    number = 3
    for attachment in report.attachments.values():
        encoded = base64.b64encode(attachment.data).decode("ascii")
        pieces = [encoded[i:i + L.CHUNK_CHARS] for i in range(0, len(encoded), L.CHUNK_CHARS)]
        for index, piece in enumerate(pieces or [""]):
            data.append(row(number, [None, attachment.id, index + 1, piece or None], texts=True))
            number += 1
