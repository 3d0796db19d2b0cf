"""What an Excel export carries besides its values, read back with openpyxl: frozen panes,
Excel tables named by their headers, drop-downs and checks, hidden id rows, heights of wrapped
rows, right-to-left sheets, the hidden attachment data. The writer streams its sheets
(openpyxl's write-only mode); these are the parts that mode makes easy to lose."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.exchange.xlsx import CellTooLong, read_workbook, write_workbook
from ccm_desktop.exchange.xlsx import layout as L
from tests.pdf_reports import filled_report


def _report() -> Report:
    report = filled_report()
    f = report.form("F")
    f.status = FormStatus.CHANGED
    f.tables["clearance"] = [
        {"area_id": f"LA-{n:04d}", "location": "Xieng Khouang", "cleared_m2": Decimal(n) + 1,
         "other_remnants_destroyed": "2 mortar rounds\n1 rocket\n3 fuzes" if n % 2 else None,
         "operator": "=not a formula" if n == 7 else "UXO Lao"} for n in range(300)]
    return report


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_workbook_keeps_its_tables_checks_and_layout(tmp_path: Path, lang: str) -> None:
    report = _report()
    target = tmp_path / "r.xlsx"
    write_workbook(report, target, lang=lang)
    assert read_workbook(target).normalised() == report.normalised()
    book = load_workbook(target)
    assert book["Attachment data"].sheet_state == "hidden"
    sheet = book["F"]
    assert sheet.sheet_view.rightToLeft is (True if lang == "ar" else None)
    markers = {row: sheet.cell(row=row, column=1).value for row in range(1, sheet.max_row + 1)}
    ids_row = next(r for r, m in markers.items() if m == L.TABLE + "clearance")
    header = ids_row + 1
    assert markers[header] == L.HEADER
    assert sheet.row_dimensions[ids_row].hidden
    first_header = min(r for r, m in markers.items() if m == L.HEADER)
    assert sheet.freeze_panes == f"A{first_header + 1}"
    assert sheet.print_title_rows == f"${first_header}:${first_header}"
    table = sheet.tables[L.table_name("F", "clearance")]
    width = len([c for c in sheet[header][1:] if c.value is not None])
    assert table.ref.startswith(f"B{header}:") and table.ref.endswith(str(header + 300))
    assert [c.name for c in table.tableColumns] == [c.value for c in sheet[header][1:1 + width]]
    # A wrapped note gets the height of its lines; a one-line row keeps the default.
    assert sheet.row_dimensions[header + 2].height >= 3 * 15
    assert sheet.row_dimensions[header + 1].height is None
    # Numbers are checked on entry over the whole column of the table.
    ranges = {str(r) for dv in sheet.data_validations.dataValidation for r in dv.sqref.ranges
              if dv.type == "decimal" and dv.operator == "greaterThanOrEqual"}
    assert f"D{header + 1}:D{header + 300}" in ranges
    formula_like = sheet.cell(row=header + 8, column=9)
    assert formula_like.value == "=not a formula" and formula_like.data_type == "s"
    assert formula_like.quotePrefix
    assert not sheet.cell(row=header + 9, column=9).quotePrefix  # shared styles stay apart
    assert sheet.cell(row=header + 1, column=4).border.left.style == "thin"


def test_a_too_long_cell_in_a_table_is_named_and_leaves_no_stream_behind(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where openpyxl streams sheets
    report = _report()
    report.form("F").tables["clearance"][3]["operator"] = "x" * 40_000
    with pytest.raises(CellTooLong, match=r"forms\.F\.tables\.clearance\[3\]\.operator"):
        write_workbook(report, tmp_path / "r.xlsx")
    assert not (tmp_path / "r.xlsx").exists()
    assert list(scratch.iterdir()) == []
    write_workbook(_report(), tmp_path / "ok.xlsx")  # and the next export works
    assert list(scratch.iterdir()) == []
