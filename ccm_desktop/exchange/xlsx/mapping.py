"""The column mapping (docs/excel.md), and applying it to a person's workbook.

A mapping (`*.ccm-map.json`) says which sheet, which header row, which target table, which
column of the sheet fills which column of the table (with the unit of area columns), the order
of dates written as text and the decimal separator of numbers written as text. Applying it
gives the rows that would be added and the cells that could not be read, each with its sheet,
row and column; nothing is stored here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccm_desktop.domain.report import Row
from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.exchange.xlsx.convert import DATE_ORDERS, DECIMAL_SEPARATORS, convert_cell, fold
from ccm_desktop.exchange.xlsx.grid import Sheet, read_sheets, where
from ccm_desktop.exchange.xlsx.synonyms import TOTAL_WORDS
from ccm_desktop.schema.i18n import N_, Words, language, message, translate
from ccm_desktop.schema.kinds import AREA_UNITS, AreaM2, Attachments, KindError, Note, Text
from ccm_desktop.schema.model import Part, Table
from ccm_desktop.schema.registry import PARTS

FORMAT = "ccm-column-map"
FORMAT_VERSION = 1
MAP_KEYS = ("format", "format_version", "sheet", "header_row", "form", "table", "columns",
            "dates", "decimal_separator")


@dataclass(frozen=True)
class Target:
    """Where one column of the sheet goes: a column id of the table, with the area unit."""

    column: str
    unit: str | None = None


@dataclass
class ColumnMap:
    sheet: str
    header_row: int
    form: str
    table: str
    columns: dict[str, Target] = field(default_factory=dict)
    dates: str = "dd/mm/yyyy"
    decimal_separator: str = "."

    def schema(self) -> Table:
        return _part(self.form).table(self.table)

    def to_json(self) -> dict[str, Any]:
        columns: dict[str, Any] = {}
        for header, target in self.columns.items():
            columns[header] = ({"column": target.column, "unit": target.unit}
                               if target.unit else target.column)
        return {"format": FORMAT, "format_version": FORMAT_VERSION, "sheet": self.sheet,
                "header_row": self.header_row, "form": self.form, "table": self.table,
                "columns": columns, "dates": self.dates,
                "decimal_separator": self.decimal_separator}

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"

    def save(self, path: str | Path) -> None:
        from ccm_desktop.exchange.atomic import write_atomic

        write_atomic(Path(path), self.dumps().encode("utf-8"))


def header_key(text: Any) -> str:
    """How header texts are compared: trimmed, inner spaces collapsed, case folded."""
    return " ".join(str(text).split()).casefold()


def _part(form: str) -> Part:
    for part in PARTS:
        if part.id == form:
            return part
    raise KeyError(form)


def load_mapping(path: str | Path) -> ColumnMap:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(path.name, message(N_(
            "cannot be opened ({reason})"),
            reason=exc.strerror or str(exc))) from None
    if len(data) > 1024 * 1024:
        raise UnreadableFile(path.name, N_("is too large to be a column mapping"))
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UnreadableFile(path.name, N_("is not a text file (it is not UTF-8)")) from None
    except json.JSONDecodeError as exc:
        raise UnreadableFile(path.name, message(N_(
            "is not valid JSON ({reason})"),
            reason=exc.msg),
                             message(N_("line {line}, column {column}"), line=str(exc.lineno),
                                     column=str(exc.colno))) from None
    return mapping_from_json(raw, path.name)


def mapping_from_json(raw: Any, name: str = "mapping") -> ColumnMap:
    def bad(key: str, problem: str) -> UnreadableFile:
        return UnreadableFile(name, problem, key)

    if not isinstance(raw, dict):
        raise UnreadableFile(name, N_("is not a column mapping (expected a JSON object)"))
    for key in raw:
        if key not in MAP_KEYS:
            raise bad(key, f"unknown key \"{key}\"")
    if raw.get("format") != FORMAT:
        raise bad("format", f"is not a column mapping (format is not \"{FORMAT}\")")
    if raw.get("format_version") != FORMAT_VERSION:
        raise bad("format_version", f"format version {raw.get('format_version')} is not "
                                    f"supported (this version reads {FORMAT_VERSION})")
    sheet = raw.get("sheet")
    if not isinstance(sheet, str) or not sheet:
        raise bad("sheet", "expected the name of a sheet")
    header_row = raw.get("header_row")
    if isinstance(header_row, bool) or not isinstance(header_row, int) or header_row < 1:
        raise bad("header_row", "expected a row number (1 or more)")
    form, table_id = raw.get("form"), raw.get("table")
    if not isinstance(form, str) or form not in {p.id for p in PARTS}:
        raise bad("form", "expected \"cover\" or a form letter A to J")
    part = _part(form)
    if not isinstance(table_id, str) or not part.has_table(table_id):
        tables = ", ".join(t.id for t in part.tables) or "none"
        raise bad("table", f"expected a table of {form} ({tables})")
    table = part.table(table_id)
    dates = raw.get("dates", "dd/mm/yyyy")
    if dates not in DATE_ORDERS:
        raise bad("dates", f"expected one of {', '.join(DATE_ORDERS)}")
    separator = raw.get("decimal_separator", ".")
    if separator not in DECIMAL_SEPARATORS:
        raise bad("decimal_separator", "expected \".\" or \",\"")
    columns_raw = raw.get("columns")
    if not isinstance(columns_raw, dict) or not columns_raw:
        raise bad("columns", "expected an object of header text: column id")
    columns: dict[str, Target] = {}
    used: dict[str, str] = {}
    keys: set[str] = set()
    for header, target_raw in columns_raw.items():
        where_ = f"columns.{header}"
        if isinstance(target_raw, str):
            target = Target(target_raw)
        elif isinstance(target_raw, dict):
            extra = set(target_raw) - {"column", "unit"}
            if extra:
                raise bad(where_, f"unknown key \"{sorted(extra)[0]}\"")
            column, unit = target_raw.get("column"), target_raw.get("unit")
            if not isinstance(column, str) or (unit is not None and not isinstance(unit, str)):
                raise bad(where_, "expected {\"column\": id, \"unit\": \"m2\", \"ha\" or \"km2\"}")
            target = Target(column, unit)
        else:
            raise bad(where_, "expected a column id")
        if not table.has_column(target.column):
            ids = ", ".join(c.id for c in table.columns)
            raise bad(where_, f"\"{target.column}\" is not a column of {form}.{table_id} ({ids})")
        kind = table.column(target.column).kind
        if isinstance(kind, Attachments):
            raise bad(where_, "attachments cannot be imported from a workbook")
        if target.unit is not None:
            if not isinstance(kind, AreaM2):
                raise bad(where_, f"a unit applies only to area columns, not to {target.column}")
            if target.unit not in AREA_UNITS:
                raise bad(where_, "the unit must be \"m2\", \"ha\" or \"km2\"")
        if target.column in used:
            raise bad(where_, f"column \"{target.column}\" is filled from \"{used[target.column]}\" "
                              "already")
        if header_key(header) in keys:
            raise bad(where_, "this header is listed twice")
        used[target.column] = header
        keys.add(header_key(header))
        columns[" ".join(header.split())] = target
    return ColumnMap(sheet, header_row, form, table_id, columns, dates, separator)


# Applying a mapping ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    row: int
    column: int
    text: str
    problem: str  # English
    why: KindError | None = field(default=None, compare=False)

    def problem_text(self, lang: str = "en") -> str:
        """The problem in `lang`."""
        return self.why.text(lang) if self.why is not None else translate(self.problem, lang)

    @property
    def where(self) -> Words:
        return where(self.sheet, self.row, self.column)

    def sentence(self, filename: str, lang: str = "en") -> str:
        return translate(N_("{file} at {place}: {value} {problem}"), lang).format(
            file=filename, place=self.where.text(language(lang)), value=self.text,
            problem=self.problem_text(lang))


@dataclass(frozen=True)
class SourceRow:
    """A row that would be added, with the sheet row it comes from."""

    sheet_row: int
    values: Row


@dataclass
class MappedRows:
    mapping: ColumnMap
    rows: list[SourceRow] = field(default_factory=list)  # rows read without a problem
    problems: list[CellProblem] = field(default_factory=list)
    bad_rows: list[int] = field(default_factory=list)  # sheet rows with a problem
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (sheet row, why)
    columns: dict[str, int] = field(default_factory=dict)  # column id -> sheet column

    def rows_to_add(self) -> list[Row]:
        """The good rows (the bad ones are left out: with problems, nothing is stored unless
        the user chose to skip bad rows)."""
        return [r.values for r in self.rows]


def find_sheet(sheets: list[Sheet], name: str, filename: str) -> Sheet:
    for sheet in sheets:
        if sheet.name == name:
            return sheet
    for sheet in sheets:
        if sheet.name.strip().casefold() == name.strip().casefold():
            return sheet
    names = ", ".join(f"\"{s.name}\"" for s in sheets)
    raise UnreadableFile(filename, message(N_(
        "has no sheet named \"{name}\" (its sheets are {names})"),
        name=name, names=names))


def header_columns(sheet: Sheet, mapping: ColumnMap, filename: str) -> dict[str, int]:
    """{column id: sheet column} for the mapping's headers in its header row."""
    found: dict[str, int] = {}
    for col, value in enumerate(sheet.rows.get(mapping.header_row, ()), start=1):
        if value is not None and str(value).strip():
            found.setdefault(header_key(value), col)
    out: dict[str, int] = {}
    for header, target in mapping.columns.items():
        column = found.get(header_key(header))
        if column is None:
            present = ", ".join(f"\"{' '.join(str(v).split())}\"" for v in
                                sheet.rows.get(mapping.header_row, ()) if v not in (None, ""))
            raise UnreadableFile(filename, message(N_(
                "the mapping names the column \"{header}\", which is not in the header row (it has "
                "{value})"),
                header=header, value=present or message(N_("nothing"))),
                                 where(sheet.name, mapping.header_row))
        out[target.column] = column
    return out


def apply_mapping(sheet: Sheet, mapping: ColumnMap, filename: str, lang: str = "en",
                  progress: Callable[[int, int], None] | None = None) -> MappedRows:
    """The rows of `sheet` under `mapping`. `progress(done, total)` is called every few
    hundred rows; an exception it raises stops the work."""
    table = mapping.schema()
    columns = header_columns(sheet, mapping, filename)
    units = {t.column: t.unit for t in mapping.columns.values()}
    result = MappedRows(mapping, columns=columns)
    text_columns = [cid for cid in columns if type(table.column(cid).kind) in (Text, Note)]
    numbers = sorted(n for n in sheet.rows if n > mapping.header_row)
    for done, number in enumerate(numbers):
        if progress is not None and done % 500 == 0:
            progress(done, len(numbers))
        cells = {cid: sheet.cell(number, col) for cid, col in columns.items()}
        if all(v is None or isinstance(v, str) and not v.strip() for v in cells.values()):
            continue
        first_text = next((cells[c] for c in text_columns
                           if isinstance(cells[c], str) and cells[c].strip()), None)
        if first_text is not None and fold(first_text) in {fold(w) for w in TOTAL_WORDS}:
            result.skipped.append((number, f"it looks like a totals row (\"{first_text.strip()}\")"))
            continue
        row: Row = {}
        problems: list[CellProblem] = []
        for cid, raw in cells.items():
            kind = table.column(cid).kind
            try:
                value = convert_cell(kind, raw, unit=units.get(cid), dates=mapping.dates,
                                     decimal_separator=mapping.decimal_separator, lang=lang)
            except KindError as exc:
                problems.append(CellProblem(sheet.name, number, columns[cid], _show(raw), str(exc),
                                                exc))
                continue
            if value is not None:
                row[cid] = value
        if problems:
            result.problems.extend(problems)
            result.bad_rows.append(number)
        elif row:
            result.rows.append(SourceRow(number, row))
    return result


def _show(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = " ".join(str(raw).split())
    return f"\"{text[:40]}…\"" if len(text) > 40 else f"\"{text}\""


def import_with_mapping(path: str | Path, mapping: ColumnMap, lang: str = "en") -> MappedRows:
    """Read the mapped sheet of the workbook at `path` and apply `mapping`."""
    path = Path(path)
    sheets = read_sheets(path)
    return apply_mapping(find_sheet(sheets, mapping.sheet, path.name), mapping, path.name, lang)
