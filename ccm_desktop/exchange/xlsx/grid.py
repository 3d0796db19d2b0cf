"""The values of a sheet as a small grid: rows that hold something, with their row numbers.

Reading goes through openpyxl's read-only worksheet after `guards.inspect_package` has bounded
the number of rows and cells, so a grid never grows beyond what a report needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.exchange.xlsx.guards import MAX_COLUMNS, MAX_ROWS, open_workbook, quiet_openpyxl
from ccm_desktop.schema.i18n import N_, Message, Words, message

CellValue = Any  # str, int, float, bool, datetime, date, time or timedelta as openpyxl gives it
Progress = Callable[[int, int], None]  # (rows read, rows the sheets claim); may raise to stop
PROGRESS_EVERY = 500  # rows


@dataclass
class Sheet:
    """One sheet's non-empty rows: `rows[n]` are the values of row n (1-based), trimmed of
    trailing empty cells; `values[0]` is column A."""

    name: str
    rows: dict[int, tuple[CellValue, ...]] = field(default_factory=dict)
    hidden: bool = False

    def cell(self, row: int, column: int) -> CellValue:
        values = self.rows.get(row, ())
        return values[column - 1] if 0 < column <= len(values) else None

    @property
    def width(self) -> int:
        return max((len(v) for v in self.rows.values()), default=0)


def where(sheet: str, row: int | None = None, column: int | None = None) -> Words:
    """"sheet F, row 12, column C": how errors name a place in a workbook, in the reader's
    language when shown (the sheet's name and the column letter as they are)."""
    parts: list[Message] = [message(N_("sheet {sheet}"), sheet=sheet)]
    if row is not None:
        parts.append(message(N_("row {row}"), row=str(row)))  # a row number is not grouped
    if column is not None:
        parts.append(message(N_("column {column}"), column=get_column_letter(column)))
    return Words(tuple(parts))


def _empty(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and value == "")


def read_sheet(worksheet: Any, filename: str, progress: Callable[[int], None] | None = None
               ) -> Sheet:
    """`progress(rows read)` is called every few hundred rows (it may raise to stop)."""
    name = str(worksheet.title)
    sheet = Sheet(name, hidden=getattr(worksheet, "sheet_state", "visible") != "visible")
    # The dimension a file declares is a claim, not a fact: ignore it so that a sheet claiming
    # A1:XFD1048576 does not make us walk a million empty rows.
    worksheet.reset_dimensions()
    try:
        with quiet_openpyxl():
            for number, values in enumerate(worksheet.iter_rows(max_col=MAX_COLUMNS,
                                                                values_only=True), start=1):
                if number > MAX_ROWS:
                    raise UnreadableFile(filename, message(N_(
                        "the sheet goes on past row {max_rows}, more than a report ever needs; delete"
                        " the unused rows below the data"),
                        max_rows=MAX_ROWS),
                                         where(name))
                end = len(values)
                while end and _empty(values[end - 1]):
                    end -= 1
                if end:
                    sheet.rows[number] = tuple(values[:end])
                if progress is not None and number % PROGRESS_EVERY == 0:
                    progress(number)
    except UnreadableFile:
        raise
    except Exception as exc:  # a damaged part: one sentence, never a traceback
        text = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        raise UnreadableFile(filename, message(N_(
            "the sheet cannot be read ({text})"),
            text=text), where(name)) from None
    return sheet


def read_sheets(path: str | Path, only: str | None = None,
                progress: Progress | None = None) -> list[Sheet]:
    """Every sheet of the workbook (or only the one named `only`), in workbook order.
    `progress(done, total)` counts rows against the rows the sheets claim to have (a claim, so
    `done` may pass `total`); an exception it raises stops the reading."""
    path = Path(path)
    workbook, _parts = open_workbook(path)
    try:
        chosen = [ws for ws in workbook.worksheets if only is None or ws.title == only]
        claimed = [min(MAX_ROWS, int(getattr(ws, "max_row", 0) or 0)) for ws in chosen]
        total = sum(claimed)
        out = []
        before = 0
        for worksheet, rows in zip(chosen, claimed, strict=True):
            report = None
            if progress is not None:
                def report(done: int, before: int = before) -> None:
                    progress(before + done, max(total, before + done))
            out.append(read_sheet(worksheet, path.name, report))
            before += rows
        if progress is not None:
            progress(total, total)
        return out
    finally:
        workbook.close()
