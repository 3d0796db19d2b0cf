"""Our own workbooks: import(export(r)) == r, and what the exported workbook looks like inside."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccm_desktop.domain.report import Attachment, FormStatus, Report
from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.exchange.json_io import read_report_file
from ccm_desktop.exchange.xlsx import (
    CellTooLong,
    read_workbook,
    read_workbook_parts,
    write_workbook,
)
from ccm_desktop.exchange.xlsx.cells import escape_text, unescape_text
from ccm_desktop.schema.i18n import UN_LANGUAGES
from tests.conftest import RESOURCE_SAMPLES, SAMPLES, sample_files
from tests.strategies import reports

SAMPLE_FILES = sample_files("valid", "*.ccm.json") + sorted(
    RESOURCE_SAMPLES.glob("*.ccm.json"))


def round_trip(report: Report, tmp_path: Path, lang: str = "en") -> Report:
    target = tmp_path / "report.xlsx"
    write_workbook(report, target, lang=lang)
    return read_workbook(target)


def load_full(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("lang", UN_LANGUAGES)
def test_every_sample_survives_the_round_trip_in_every_language(sample: Path, lang: str,
                                                                tmp_path: Path) -> None:
    report = read_report_file(sample)
    assert round_trip(report, tmp_path, lang).normalised() == report.normalised()


def test_there_are_samples_to_round_trip() -> None:
    assert len(SAMPLE_FILES) >= 2


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.data_too_large])
@given(report=reports(max_rows=3), lang=st.sampled_from(UN_LANGUAGES))
def test_generated_reports_survive_the_round_trip(report: Report, lang: str,
                                                  tmp_path_factory: pytest.TempPathFactory) -> None:
    tmp = tmp_path_factory.mktemp("rt")
    back = round_trip(report, tmp, lang)
    assert back.normalised() == report.normalised()


def awkward_report() -> Report:
    report = Report(language="fr")
    report.cover.fields.update({"state": "LBN", "report_kind": "annual",
                                "period_from": date(2023, 1, 1), "period_to": date(2023, 12, 31)})
    report.cover.tables["contacts"] = [
        {"institution": "=HYPERLINK(\"http://example.org\")", "role": "+ coordination",
         "person": "-Dupont", "phone": "@home", "fax": "\tleading tab", "email": "#N/A"},
        {"institution": "carriage\r\nreturn and\rlone", "role": "control \x01 \x1f chars",
         "person": "literal _x0041_ escape", "address": "  spaces kept  "},
    ]
    form_f = report.form("F")
    form_f.status = FormStatus.CHANGED
    form_f.tables["contaminated_areas"] = [
        {"area_id": "0012", "size_m2": Decimal("1234567890123456789012345.5"),
         "latitude": Decimal("-33.123456789012"), "longitude": Decimal("0.1")},
        {"area_id": "12.50", "size_m2": Decimal("16300000.50"), "latitude": Decimal("-0.0")},
        {"area_id": "x", "size_m2": Decimal("0.30000000000000004")},
    ]
    form_f.tables["clearance"] = [{"area_id": "x", "submunitions_destroyed": 10**15 + 1,
                                   "cleared_m2": Decimal(7)}]
    form_f.fields["article4_deadline"] = date(1899, 12, 31)
    form_f.fields["completion_declared"] = False
    form_b = report.form("B")
    form_b.status = FormStatus.NOT_APPLICABLE
    form_b.statement = "Never held\ncluster munitions."
    form_b.tables["discovered"] = [{"type": "M77", "date_discovered": date(1900, 3, 1)},
                                   {"type": "M42", "date_discovered": date(9999, 12, 31)}]
    form_i = report.form("I")
    form_i.tables["national_resources"] = [{"year": 2023, "amount": Decimal("-5"),
                                            "currency": "eur", "article": "not-a-choice"}]
    form_d = report.form("D")
    form_d.tables["transferred"] = [{"type": "M26", "receiving_state": "DEU"},
                                    {"type": "M26", "receiving_state": "XKX"}]
    data = bytes(range(256)) * 300  # more than one chunk of base64
    report.attachments["a1"] = Attachment("a1", "photo.jpg", "image/jpeg",
                                          hashlib.sha256(data).hexdigest(), data)
    report.attachments["empty"] = Attachment("empty", "empty.txt", "text/plain",
                                             hashlib.sha256(b"").hexdigest(), b"")
    report.form("C").tables["types"] = [{"type": "M26", "photos": ["a1", "empty"]}]
    return report


@pytest.mark.parametrize("lang", UN_LANGUAGES)
def test_awkward_values_come_back_exactly(lang: str, tmp_path: Path) -> None:
    report = awkward_report()
    back = round_trip(report, tmp_path, lang)
    assert back.normalised() == report.normalised()
    area = back.form("F").tables["contaminated_areas"][0]["size_m2"]
    assert isinstance(area, Decimal) and str(area) == "1234567890123456789012345.5"
    assert back.cover.tables["contacts"][1]["institution"] == "carriage\r\nreturn and\rlone"


def test_decimals_are_numbers_only_when_exact_and_big_values_are_text(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    write_workbook(awkward_report(), target)
    ws = load_full(target)["F"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
    assert isinstance(cells[16300000.5].value, float)
    assert cells["1234567890123456789012345.5"].data_type == "s"
    assert "0.30000000000000004" in cells  # 17 digits: text, so nothing is lost
    assert cells[16300000.5].number_format == "#,##0.0"
    assert ws_cell_text(ws, "1000000000000001")


def ws_cell_text(ws: openpyxl.worksheet.worksheet.Worksheet, text: str) -> bool:
    return any(c.value == text and c.data_type == "s" for row in ws.iter_rows() for c in row)


def test_no_formulas_no_macros_and_dangerous_text_stays_text(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    write_workbook(awkward_report(), target)
    workbook = load_full(target)
    dangerous = []
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
                assert cell.data_type != "e", f"{ws.title}!{cell.coordinate} is an error"
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    dangerous.append(cell)
    assert {c.value for c in dangerous} >= {"=HYPERLINK(\"http://example.org\")", "+ coordination",
                                            "-Dupont", "@home"}
    assert all(c.quotePrefix for c in dangerous)
    with zipfile.ZipFile(target) as package:
        names = package.namelist()
        assert not any("vba" in n.lower() or n.endswith(".bin") for n in names)
        for name in names:
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in package.read(name) and b"<f " not in package.read(name)


def test_layout_sheets_tables_hidden_ids_validation(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    report = read_report_file(SAMPLES / "valid" / "gbr-2013-annual.ccm.json")
    report.attachments["a1"] = Attachment("a1", "x.png", "image/png",
                                          hashlib.sha256(b"x").hexdigest(), b"x")
    write_workbook(report, target, lang="en")
    workbook = load_full(target)
    assert workbook.sheetnames == ["Cover", *"ABCDEFGHIJ", "Attachments", "Attachment data"]
    assert workbook["Attachment data"].sheet_state == "hidden"
    form_b = workbook["B"]
    assert form_b.column_dimensions["A"].hidden
    assert set(form_b.tables) == {"ccm_B_stockpile", "ccm_B_destruction_sites",
                                  "ccm_B_destroyed", "ccm_B_discovered"}
    destroyed = form_b.tables["ccm_B_destroyed"]
    header_row = int(destroyed.ref.split(":")[0][1:])
    ids_row = header_row - 1
    assert form_b.row_dimensions[ids_row].hidden
    assert form_b.cell(ids_row, 2).value == "type"
    assert form_b.cell(header_row, 2).value == "Type"
    assert [c.name for c in destroyed.tableColumns][:3] == ["Type", "Cluster munitions",
                                                            "Explosive submunitions"]
    # The first table is frozen under its header; choices have drop-downs; numbers are checked.
    assert workbook["A"].freeze_panes is not None
    kinds = {(dv.type, dv.operator) for dv in workbook["F"].data_validations.dataValidation}
    assert ("list", None) in kinds and ("decimal", "greaterThanOrEqual") in kinds
    assert ("date", "between") in kinds
    assert ("whole", "greaterThanOrEqual") in {
        (dv.type, dv.operator) for dv in form_b.data_validations.dataValidation}
    lists = [dv.formula1 for dv in workbook["F"].data_validations.dataValidation
             if dv.type == "list"]
    assert '"Confirmed,Suspected"' in lists
    # Notes wrap; the widths follow the schema's hints.
    assert form_b.column_dimensions["B"].width > form_b.column_dimensions["C"].width


def test_cover_holds_statuses_and_statements(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    report = awkward_report()
    write_workbook(report, target)
    cover = load_full(target)["Cover"]
    texts = [c.value for row in cover.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("B. ") for t in texts)
    assert "Never held\ncluster munitions." in texts
    assert "Not applicable" in texts


def test_header_labels_follow_the_export_language(tmp_path: Path) -> None:
    from ccm_desktop.schema.i18n import translate

    target = tmp_path / "r.xlsx"
    write_workbook(awkward_report(), target, lang="fr")
    ws = load_full(target)["F"]
    texts = {c.value for row in ws.iter_rows() for c in row}
    assert translate("Area reference", "fr") in texts
    assert translate("Contaminated areas", "fr") in texts


def test_a_workbook_of_some_forms_reads_as_those_forms(tmp_path: Path) -> None:
    target = tmp_path / "f-only.xlsx"
    report = awkward_report()
    write_workbook(report, target, forms=["F"])
    back, present = read_workbook_parts(target)
    assert present == ("F",)
    assert back.form("F").tables == report.form("F").tables
    assert back.form("B").tables == {}
    assert back.form("B").status == FormStatus.NOT_APPLICABLE  # statuses live on the Cover


def test_text_longer_than_a_cell_is_refused_with_its_path(tmp_path: Path) -> None:
    report = Report()
    report.form("J").fields["views"] = "x" * 40_000
    with pytest.raises(CellTooLong, match=r"forms\.J\.fields\.views.*32,767"):
        write_workbook(report, tmp_path / "r.xlsx")
    assert not (tmp_path / "r.xlsx").exists()


def test_progress_is_reported_to_the_end(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_workbook(awkward_report(), tmp_path / "r.xlsx", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] and len(seen) >= 12
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.parametrize("text", ["plain", "_x0041_", "_x005F_", "a\rb", "\x01", "_x00",
                                  "\ufffe", "_X0041_"])
def test_escaping_is_undone(text: str) -> None:
    assert unescape_text(escape_text(text)) == text


# Edits a person makes in Excel, and what reading says about them ------------------------------


def test_rows_typed_into_a_table_are_read(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    write_workbook(Report(), target)
    workbook = load_full(target)
    ws = workbook["F"]
    table = ws.tables["ccm_F_clearance"]
    first_data = int(table.ref.split(":")[0][1:]) + 1
    ws.cell(first_data, 2).value = "Z-1"
    ws.cell(first_data, 4).value = 12.5  # cleared_m2, typed as a number
    ws.cell(first_data, 7).value = "1 234"  # submunitions, typed as text with a space
    workbook.save(target)
    back = read_workbook(target)
    assert back.form("F").tables["clearance"] == [
        {"area_id": "Z-1", "cleared_m2": Decimal("12.5"), "submunitions_destroyed": 1234}]


def test_a_cell_that_is_not_a_number_names_sheet_row_and_column(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    write_workbook(Report(), target)
    workbook = load_full(target)
    ws = workbook["F"]
    first_data = int(ws.tables["ccm_F_clearance"].ref.split(":")[0][1:]) + 1
    ws.cell(first_data, 7).value = "many"
    workbook.save(target)
    with pytest.raises(UnreadableFile) as caught:
        read_workbook(target)
    message = str(caught.value)
    assert f"sheet F, row {first_data}, column G" in message
    assert "\"many\" is not a whole number" in message
    assert "\n" not in message


def test_a_workbook_of_our_own_is_recognised_only_by_its_cover(tmp_path: Path) -> None:
    target = tmp_path / "plain.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Province", "Area"])  # type: ignore[union-attr]
    workbook.save(target)
    with pytest.raises(UnreadableFile, match="not written by ccm-desktop.*column mapping"):
        read_workbook(target)
