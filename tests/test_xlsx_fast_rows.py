"""The table rows the Excel export makes as XML (the fast path, issue 14) against the same rows
written cell by cell through openpyxl's cells (`_SheetWriter.rows_as_xml = False`, the way
fields are written): the workbooks must be the same, part for part, and read back the same --
every cell's value, type, number format, font, fill, border, alignment and protection, and
every row's height."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date
from decimal import Decimal
from typing import Any
from xml.etree.ElementTree import canonicalize

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccm_desktop.domain.report import FORM_LETTERS, Attachment, FormStatus, Report, Row
from ccm_desktop.exchange.xlsx import workbook_bytes
from ccm_desktop.exchange.xlsx.writer import _SheetWriter
from ccm_desktop.schema.i18n import UN_LANGUAGES
from ccm_desktop.schema.model import Field, Table
from ccm_desktop.schema.registry import PARTS
from tests.strategies import reports

# Values of every kind, with the ones that take a special road into a cell: text that looks like a
# formula or has outer spaces, characters XML cannot carry, a literal OOXML escape, numbers too
# long for a double, dates before Excel's, unknown choice ids, values of the wrong type, and
# long notes (rows higher than one line).
LONG_NOTE = "BLU-26 submunitions found in rice fields, marked and fenced. " * 6
TEXTS = ["LA-00001", "=SUM(A1:A9)", "+856 20 555", "-12", "@home", "  spaced  ", "tab\there",
         "bell\x07and\rreturn", "_x0041_ literal", "النبطية", "ຊຽງຂວາງ", "中文报告", "a & b < c",
         "line one\nline two\nline three", LONG_NOTE, 12345]
INTS = [0, 7, 499, 10**15, 10**15 + 1, 123456789012345678, "12 items"]
DECIMALS = [Decimal("0"), Decimal("1234.5"), Decimal("0.000001"), Decimal("-17.123456"),
            Decimal("123456789012345678901234.5"), Decimal("1E+3"), Decimal("2.50"), "n/a"]
DATES = [date(2023, 12, 31), date(1900, 3, 1), date(1900, 2, 28), date(1850, 1, 1),
         date(9999, 12, 31), "sometime in 2023"]


def _edge_values(column: Field, attachment_ids: list[str]) -> list[Any]:
    kind = column.kind.name
    if kind in ("int", "year"):
        return INTS if kind == "int" else [2023, 1990, 2999, "MMXXIII"]
    if kind in ("decimal", "money", "area_m2"):
        return DECIMALS
    if kind == "date":
        return DATES
    if kind == "yesno":
        return [True, False, "maybe"]
    if kind == "choice":
        return [*column.kind.ids(), "not-an-option"]  # type: ignore[attr-defined]
    if kind == "state":
        return ["LAO", "KHM", "LBN", "XXX"]
    if kind == "currency":
        return ["USD", "LAK", "EUR"]
    if kind == "attachments":
        return [attachment_ids, attachment_ids[:1]]
    return TEXTS


def _edge_rows(table: Table, attachment_ids: list[str]) -> list[Row]:
    """Enough rows that every column shows each of its edge values, with empty cells too."""
    choices = {c.id: _edge_values(c, attachment_ids) for c in table.columns}
    count = max(len(v) for v in choices.values()) + 2
    rows: list[Row] = []
    for n in range(count):
        row: Row = {}
        for offset, column in enumerate(table.columns):
            if (n + offset) % 5 == 4:
                continue  # an empty cell
            options = choices[column.id]
            row[column.id] = options[(n + offset) % len(options)]
        rows.append(row)
    return rows


def edge_report() -> Report:
    report = Report(language="en")
    data = b"\x89PNG photograph"
    report.attachments = {"att1": Attachment("att1", "photo.png", "image/png",
                                             hashlib.sha256(data).hexdigest(), data)}
    ids = list(report.attachments)
    for part in PARTS:
        holder = report.cover if part.id == "cover" else report.form(part.id)
        for index, table in enumerate(part.tables):
            # One table in each part stays empty: it gets the one blank row of an empty table.
            if index > 0 or len(part.tables) == 1:
                holder.tables[table.id] = _edge_rows(table, ids)
        for field in part.fields:
            holder.fields[field.id] = _edge_values(field, ids)[1]
    for letter in FORM_LETTERS:
        report.form(letter).status = FormStatus.CHANGED
    return report


def both_ways(report: Report, lang: str, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes]:
    fast = workbook_bytes(report, lang=lang)
    with monkeypatch.context() as patch:
        patch.setattr(_SheetWriter, "rows_as_xml", False)
        by_cell = workbook_bytes(report, lang=lang)
    return fast, by_cell


def parts_of(data: bytes) -> dict[str, str | bytes]:
    """Every part of the package but docProps/core.xml (which holds the time of writing), its
    XML in canonical form (an empty cell may be written `<c/>` or `<c></c>`)."""
    out: dict[str, str | bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name != "docProps/core.xml":
                content = package.read(name)
                out[name] = (canonicalize(content.decode("utf-8"))
                             if name.endswith((".xml", ".rels")) else content)
    return out


def cell_facts(data: bytes) -> dict[str, Any]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    facts: dict[str, Any] = {}
    for sheet in book.worksheets:
        facts[sheet.title] = {
            "rows": {n: (d.height, d.hidden) for n, d in sheet.row_dimensions.items()},
            "tables": dict(sheet.tables.items()),
            "validations": sorted((v.type, v.formula1, str(v.sqref))
                                  for v in sheet.data_validations.dataValidation),
            "rtl": sheet.sheet_view.rightToLeft,
        }
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None and not cell.has_style:
                    continue
                facts[f"{sheet.title}!{cell.coordinate}"] = (
                    cell.value, cell.data_type, cell.number_format, repr(cell.font),
                    repr(cell.fill), repr(cell.border), repr(cell.alignment),
                    repr(cell.protection), cell.quotePrefix)
    return facts


@pytest.mark.parametrize("lang", ["en", "ar", "fr"])
def test_fast_rows_write_the_same_workbook_as_cell_by_cell(
        lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    report = edge_report()
    fast, by_cell = both_ways(report, lang, monkeypatch)
    fast_parts, cell_parts = parts_of(fast), parts_of(by_cell)
    assert fast_parts.keys() == cell_parts.keys()
    for name in fast_parts:
        assert fast_parts[name] == cell_parts[name], name
    facts = cell_facts(fast)
    assert facts == cell_facts(by_cell)
    # The edge values did reach the cells: what the comparison covers.
    values = {v[0] for k, v in facts.items() if "!" in k}
    types = {v[1] for k, v in facts.items() if "!" in k}
    assert {"=SUM(A1:A9)", "  spaced  ", "_x005F_x0041_ literal", "bell_x0007_and_x000D_return",
            10**15, "1000000000000001", "123456789012345678901234.5", "1850-01-01"} <= values
    assert {"s", "n", "d"} <= types
    quoted = [v for k, v in facts.items() if "!" in k and v[0] == "=SUM(A1:A9)"]
    assert quoted and all(v[8] for v in quoted)  # a quote prefix: text, never a formula
    assert any(h for sheet in facts.values() if isinstance(sheet, dict)
               for h, _ in sheet["rows"].values() if h and h > 30)
    if lang == "ar":
        assert facts["F"]["rtl"]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.data_too_large])
@given(report=reports(max_rows=3, full=True), lang=st.sampled_from(UN_LANGUAGES))
def test_fast_rows_match_cell_by_cell_on_generated_reports(report: Report, lang: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, by_cell = both_ways(report, lang, monkeypatch)
    assert parts_of(fast) == parts_of(by_cell)
