"""Read a workbook that ccm-desktop wrote (or one a person filled in starting from it).

Sheets are found by their marker in A1, not by name; rows by their markers in column A; columns
by the hidden row of ids above each table. Reading is strict like the JSON reader: an unknown
field, table or column id, or a cell that cannot be a value of its column, makes the file
unreadable with the sheet, row and column named. Everything representable is read, and
validation reports what is wrong with it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccm_desktop.domain.report import (
    FORM_LETTERS,
    Attachment,
    FormData,
    FormStatus,
    Report,
    Row,
    Section,
)
from ccm_desktop.exchange.errors import UnreadableFile, is_encodable, unencodable_text_in
from ccm_desktop.exchange.xlsx import layout as L
from ccm_desktop.exchange.xlsx.cells import from_cell, unescape_text
from ccm_desktop.exchange.xlsx.grid import Sheet, read_sheets, where
from ccm_desktop.schema.i18n import N_, message
from ccm_desktop.schema.kinds import Kind, KindError, Text, Year
from ccm_desktop.schema.model import Part, Table, path_of
from ccm_desktop.schema.registry import part

FORM_PARTS = frozenset(FORM_LETTERS)
_FORM_LETTER = re.compile(r"\s*([A-Ja-j])(?![\w])")


@dataclass
class _Block:
    """The rows of one table of a sheet: its column ids and its data rows by row number."""

    key: str
    ids_row: int
    ids: list[tuple[int, str]]  # (column number, id)
    rows: list[tuple[int, dict[int, Any]]] = field(default_factory=list)


@dataclass
class _Parsed:
    sheet: Sheet
    fields: dict[str, tuple[int, int, Any]] = field(default_factory=dict)  # id -> (row, col, raw)
    blocks: dict[str, _Block] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)


def read_workbook(path: str | Path) -> Report:
    """Read one of our own workbooks. Raises UnreadableFile."""
    report, _present = read_workbook_parts(path)
    return report


def read_workbook_parts(path: str | Path) -> tuple[Report, tuple[str, ...]]:
    """The report, and which forms the workbook holds a sheet for (a workbook may hold only
    some forms: one office's part, to merge into the open report)."""
    path = Path(path)
    name = path.name
    by_part: dict[str, Sheet] = {}
    for sheet in read_sheets(path):
        marker = sheet.cell(1, 1)
        if isinstance(marker, str) and marker.startswith(L.SHEET):
            part_id = marker[len(L.SHEET):]
            if part_id in by_part:
                raise UnreadableFile(name, message(N_(
                    "sheets \"{sheet}\" and \"{sheet2}\" both claim to hold the same part of the report; "
                    "delete one of them"),
                    sheet=by_part[part_id].name, sheet2=sheet.name))
            by_part[part_id] = sheet
    cover_sheet = by_part.get("cover")
    if cover_sheet is None:
        raise UnreadableFile(name, N_("this workbook was not written by ccm-desktop (it has no Cover "
                                   "sheet with the report's details); to take rows from a "
                                   "workbook of your own, import it with a column mapping "
                                   "(Import Excel… in the window, or import --map)"))
    cover = _parse(cover_sheet, name)
    lang = _check_meta(cover, name)
    report = Report(language=str(cover.meta.get("language") or "en"),
                    template=str(cover.meta.get("template") or "ccm-2010"))
    report.cover = _section(part("cover"), cover, lang, name)
    _read_statuses(report, cover, lang, name)
    present = []
    for letter in FORM_LETTERS:
        form_sheet = by_part.get(letter)
        if form_sheet is None:
            continue
        present.append(letter)
        section = _section(part(letter), _parse(form_sheet, name), lang, name)
        form = report.form(letter)
        form.fields, form.tables = section.fields, section.tables
    unknown = sorted(set(by_part) - FORM_PARTS - {"cover", L.ATTACHMENT_PART,
                                                  L.ATTACHMENT_DATA_PART})
    if unknown:
        sheet = by_part[unknown[0]]
        raise UnreadableFile(name, message(N_(
            "unknown part \"{part}\" (written by a newer version of ccm-desktop?)"),
            part=unknown[0]), where(sheet.name, 1, 1))
    report.attachments = _read_attachments(by_part, name)
    _check_attachment_refs(report, name)
    if unencodable_text_in(report):  # an id or file name the cell checks do not see
        raise UnreadableFile(name, N_("holds text that is not valid Unicode (an escaped lone "
                                      "surrogate such as _xD800_)"))
    return report, tuple(present)


def _parse(sheet: Sheet, filename: str) -> _Parsed:
    parsed = _Parsed(sheet)
    block: _Block | None = None
    for number in sorted(sheet.rows):
        values = sheet.rows[number]
        marker = values[0] if values else None
        if isinstance(marker, str) and marker.startswith(L.MARK):
            if marker == L.HEADER:
                continue
            block = None
            if marker.startswith(L.FIELD):
                field_id = marker[len(L.FIELD):]
                if field_id in parsed.fields:
                    raise UnreadableFile(filename, message(N_(
                        "field \"{field_id}\" appears twice"),
                        field_id=field_id),
                                         where(sheet.name, number, 1))
                parsed.fields[field_id] = _field_value(values, number)
            elif marker.startswith(L.META):
                parsed.meta[marker[len(L.META):]] = values[2] if len(values) > 2 else None
            elif marker.startswith(L.TABLE) or marker in (L.STATUS_TABLE, L.ATTACHMENTS,
                                                          L.ATTACHMENT_DATA):
                key = marker[len(L.TABLE):] if marker.startswith(L.TABLE) else marker
                if key in parsed.blocks:
                    raise UnreadableFile(filename, message(N_(
                        "table \"{key}\" appears twice"),
                        key=key),
                                         where(sheet.name, number, 1))
                ids = [(col, unescape_text(v)) for col, v in enumerate(values[1:], start=2)
                       if isinstance(v, str) and v]
                block = _Block(key, number, ids)
                parsed.blocks[key] = block
            continue
        content = {col: v for col, v in enumerate(values[1:], start=2)
                   if v is not None and v != ""}
        if not content:
            continue
        if block is None:
            col = min(content)
            raise UnreadableFile(filename, N_("this cell is outside every table and field of the "
                                           "sheet (was a hidden row deleted?); move it into a "
                                           "table or delete it"), where(sheet.name, number, col))
        block.rows.append((number, content))
    return parsed


def _field_value(values: tuple[Any, ...], number: int) -> tuple[int, int, Any]:
    for col, value in enumerate(values[2:], start=3):
        if value is not None and value != "":
            return number, col, value
    return number, 0, None


def _check_meta(cover: _Parsed, name: str) -> str:
    fmt = cover.meta.get("format")
    if fmt != L.FORMAT:
        raise UnreadableFile(name, N_("this workbook was not written by ccm-desktop (its Cover sheet "
                                   "does not name the report format)"), where(cover.sheet.name))
    version = cover.meta.get("format_version")
    try:
        number = int(str(version))
    except ValueError:
        number = -1
    if number != L.FORMAT_VERSION:
        raise UnreadableFile(name, message(N_(
            "format version {version} is not supported by this version of the application (it reads "
            "version {format_version}); update ccm-desktop"),
            version=version, format_version=L.FORMAT_VERSION), where(cover.sheet.name))
    labels = cover.meta.get("labels")
    return labels if isinstance(labels, str) and labels else "en"


def _cell(kind: Kind, raw: Any, lang: str, name: str, sheet: str, row: int, col: int) -> Any:
    try:
        value = from_cell(kind, raw, lang)
    except KindError as exc:
        raise UnreadableFile(name, message(N_(
            "{value} {problem}"),
            value=_show(raw), problem=exc.message), where(sheet, row, col)) from None
    texts = value if isinstance(value, list) else [value]
    if not all(is_encodable(t) for t in texts if isinstance(t, str)):
        raise UnreadableFile(name, N_("holds text that is not valid Unicode (an escaped lone "
                                      "surrogate such as _xD800_)"), where(sheet, row, col))
    return value


def _show(raw: Any) -> str:
    text = unescape_text(raw) if isinstance(raw, str) else str(raw)
    text = " ".join(text.split())
    return f"\"{text[:40]}…\"" if len(text) > 40 else f"\"{text}\""


def _section(schema: Part, parsed: _Parsed, lang: str, name: str) -> Section:
    sheet = parsed.sheet.name
    section = Section()
    for field_id, (row, col, raw) in parsed.fields.items():
        if not schema.has_field(field_id):
            raise UnreadableFile(name, message(N_(
                "unknown field \"{field_id}\""),
                field_id=field_id), where(sheet, row, 1))
        value = _cell(schema.field(field_id).kind, raw, lang, name, sheet, row, col)
        if value is not None:
            section.fields[field_id] = value
    for key, block in parsed.blocks.items():
        if key in (L.STATUS_TABLE, L.ATTACHMENTS, L.ATTACHMENT_DATA):
            continue
        if not schema.has_table(key):
            raise UnreadableFile(name, message(N_(
                "unknown table \"{key}\""),
                key=key), where(sheet, block.ids_row, 1))
        rows = _rows(schema.table(key), block, lang, name, sheet)
        if rows:
            section.tables[key] = rows
    return section


def _rows(table: Table, block: _Block, lang: str, name: str, sheet: str) -> list[Row]:
    columns: dict[int, tuple[str, Kind]] = {}
    for col, column_id in block.ids:
        if not table.has_column(column_id):
            raise UnreadableFile(name, message(N_(
                "unknown column \"{column_id}\" in table \"{table}\""),
                column_id=column_id, table=table.id),
                                 where(sheet, block.ids_row, col))
        columns[col] = (column_id, table.column(column_id).kind)
    out: list[Row] = []
    for number, content in block.rows:
        row: Row = {}
        for col, raw in content.items():
            if col not in columns:
                raise UnreadableFile(name, message(N_(
                    "{value} stands in a column that has no id in the hidden row above the table's "
                    "header"),
                    value=_show(raw)),
                                     where(sheet, number, col))
            column_id, kind = columns[col]
            value = _cell(kind, raw, lang, name, sheet, number, col)
            if value is not None:
                row[column_id] = value
        if row:
            out.append(row)
    return out


def _read_statuses(report: Report, cover: _Parsed, lang: str, name: str) -> None:
    block = cover.blocks.get(L.STATUS_TABLE)
    if block is None:
        return
    sheet = cover.sheet.name
    columns = dict(block.ids)
    seen: set[str] = set()
    for number, content in block.rows:
        cells = {columns.get(col): (col, raw) for col, raw in content.items()}
        letter_cell = cells.get("form")
        if letter_cell is None:
            col = min(content)
            raise UnreadableFile(name, N_("a row of the table of Forms A–J has no form letter"),
                                 where(sheet, number, col))
        found = _FORM_LETTER.match(unescape_text(str(letter_cell[1])))
        letter = found.group(1).upper() if found else ""
        if letter not in FORM_PARTS:
            raise UnreadableFile(name, message(N_(
                "{value} is not one of Forms A–J"),
                value=_show(letter_cell[1])),
                                 where(sheet, number, letter_cell[0]))
        if letter in seen:
            raise UnreadableFile(name, message(N_(
                "Form {letter} is listed twice in the table of Forms A–J"),
                letter=letter),
                                 where(sheet, number, letter_cell[0]))
        seen.add(letter)
        form: FormData = report.form(letter)
        if "status" in cells:
            col, raw = cells["status"]
            status = _cell(L.STATUS, raw, lang, name, sheet, number, col)
            if status is not None:
                try:
                    form.status = FormStatus(status)
                except ValueError:
                    raise UnreadableFile(name, message(N_(
                        "{value} is not a status (changed, unchanged or not applicable)"),
                        value=_show(raw)),
                                         where(sheet, number, col)) from None
        if "last_reported_year" in cells:
            col, raw = cells["last_reported_year"]
            form.last_reported_year = _cell(Year(), raw, lang, name, sheet, number, col)
        if "statement" in cells:
            col, raw = cells["statement"]
            form.statement = _cell(Text(), raw, lang, name, sheet, number, col)


def _read_attachments(by_part: dict[str, Sheet], name: str) -> dict[str, Attachment]:
    listing = by_part.get(L.ATTACHMENT_PART)
    if listing is None:
        return {}
    parsed = _parse(listing, name)
    block = parsed.blocks.get(L.ATTACHMENTS)
    if block is None or not block.rows:
        return {}
    data_sheet = by_part.get(L.ATTACHMENT_DATA_PART)
    if data_sheet is None:
        raise UnreadableFile(name, N_("the sheet \"Attachment data\" that holds the content of the "
                                   "attachments is missing; export the report again"),
                             where(listing.name))
    chunks = _chunks(_parse(data_sheet, name), name)
    columns = dict(block.ids)
    out: dict[str, Attachment] = {}
    for number, content in block.rows:
        cells = {columns.get(col): unescape_text(raw) if isinstance(raw, str) else raw
                 for col, raw in content.items()}
        ident = str(cells.get("id") or "")
        place = where(listing.name, number)
        if not ident:
            raise UnreadableFile(name, N_("an attachment has no id"), place)
        if ident in out:
            raise UnreadableFile(name, message(N_(
                "attachment id \"{ident}\" is used twice"),
                ident=ident), place)
        pieces = chunks.get(ident)
        if pieces is None:
            raise UnreadableFile(name, message(N_(
                "the content of attachment \"{ident}\" is missing from the sheet \"Attachment data\""),
                ident=ident), place)
        text = "".join(piece for _, piece in sorted(pieces))
        try:
            data = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise UnreadableFile(name, message(N_(
                "the content of attachment \"{ident}\" is damaged (it is not valid base64)"),
                ident=ident), place) from None
        digest = hashlib.sha256(data).hexdigest()
        if digest != str(cells.get("sha256") or "").strip().lower():
            raise UnreadableFile(name, message(N_(
                "the content of attachment \"{ident}\" does not match its SHA-256 (damaged file?)"),
                ident=ident), place)
        out[ident] = Attachment(ident, str(cells.get("filename") or ""),
                                str(cells.get("media_type") or "application/octet-stream"),
                                digest, data)
    return out


def _chunks(parsed: _Parsed, name: str) -> dict[str, list[tuple[int, str]]]:
    block = parsed.blocks.get(L.ATTACHMENT_DATA)
    out: dict[str, list[tuple[int, str]]] = {}
    if block is None:
        return out
    columns = dict(block.ids)
    for number, content in block.rows:
        cells = {columns.get(col): raw for col, raw in content.items()}
        ident = unescape_text(str(cells.get("id") or ""))
        try:
            index = int(cells.get("part") or 0)
        except (TypeError, ValueError):
            raise UnreadableFile(name, N_("the piece number is not a number"),
                                 where(parsed.sheet.name, number)) from None
        piece = cells.get("data") or ""
        out.setdefault(ident, []).append((index, str(piece)))
    return out


def _check_attachment_refs(report: Report, name: str) -> None:
    for schema_part in (part("cover"), *(part(letter) for letter in FORM_LETTERS)):
        holder = report.section(schema_part.id)
        for table in schema_part.tables:
            for index, row in enumerate(holder.tables.get(table.id, [])):
                for col in table.columns:
                    if col.kind.name != "attachments":
                        continue
                    for ref in row.get(col.id) or []:
                        if ref not in report.attachments:
                            path = path_of(schema_part.id, "tables", table.id, index, col.id)
                            raise UnreadableFile(name, message(N_(
                                "{path} names attachment \"{ref}\", which is not on the Attachments "
                                "sheet"),
                                path=path, ref=ref))
