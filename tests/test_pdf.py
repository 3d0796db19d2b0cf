"""The PDF report read back with pypdf: everything printed where it belongs, in order; the
status grid; page numbers; the draft mark; metadata and outline; atomic writing and progress."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import ccm_desktop
from ccm_desktop.domain.findings import error
from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.exchange.formats import write_report
from ccm_desktop.exchange.json_io import dumps_report, read_report_file
from ccm_desktop.exchange.pdf import content_hash, write_pdf
from ccm_desktop.schema.registry import FORMS
from ccm_desktop.schema.validate import validate
from tests.conftest import RESOURCE_SAMPLES, SAMPLES, sample_files
from tests.pdf_check import (
    Pdf,
    expected_contacts,
    expected_cover,
    expected_parts,
    heading,
    missing_in_order,
    printed_parts,
    squash,
)
from tests.pdf_reports import arabic_report, big_report, chinese_report, filled_report

VALID = sample_files("valid", "*.ccm.json") + sorted(RESOURCE_SAMPLES.glob("*.ccm.json"))
INVALID = sample_files("invalid", "*.ccm.json")
DRAFT = "DRAFT — not validated"


def _check_content(pdf: Pdf, report: Report) -> None:
    """Every label, value and number where it belongs: cover on page 1, contacts on page 2,
    each printed form on its own pages, in the schema's order; nothing else printed."""
    pages = pdf.squashed
    assert not missing_in_order(pages[0], expected_cover(report), pdf.pages[0])
    assert not missing_in_order(pages[1], expected_contacts(report), pdf.pages[1])
    starts: list[tuple[int, str]] = []
    for p in printed_parts(report):
        first = pdf.first_page_with(heading(p))
        assert first is not None, f"Form {p.id} is not printed"
        starts.append((first, p.id))
    assert [s for s, _ in starts] == sorted(s for s, _ in starts), "forms out of order"
    assert all(s >= 2 for s, _ in starts)
    bounds = [s for s, _ in starts] + [len(pages)]
    for (first, letter), end in zip(starts, bounds[1:], strict=True):
        text = "".join(pages[first:end])
        missing = missing_in_order(text, expected_parts(report)[letter],
                                   "\n".join(pdf.pages[first:end]))
        assert not missing, f"Form {letter}: not printed (in order): {missing[:5]}"
    for p in FORMS:
        if p not in printed_parts(report):
            assert pdf.first_page_with(heading(p)) is None, f"Form {p.id} should not be printed"


@pytest.mark.parametrize("path", [p for p in VALID], ids=lambda p: p.name)
def test_every_value_of_each_valid_sample_is_printed_in_place(path: Path) -> None:
    report = read_report_file(path)
    pdf = Pdf.of(report)
    _check_content(pdf, report)
    assert not any(DRAFT in page for page in pdf.pages)


def test_every_field_and_column_of_a_filled_report_is_printed_in_place() -> None:
    report = filled_report()
    assert not [f for f in validate(report) if f.is_error]
    pdf = Pdf.of(report)
    _check_content(pdf, report)
    assert not any(DRAFT in page for page in pdf.pages)
    text = "".join(pdf.squashed)
    # Numbers grouped the English way; totals of the number columns; one totals row per currency.
    assert squash("109,384") in text and squash("6,729") in text
    assert "TotalEUR" in text and "TotalUSD" in text


@pytest.mark.parametrize("make", [arabic_report, chinese_report], ids=["arabic", "chinese"])
def test_every_value_of_reports_in_other_scripts_is_printed_in_place(make: object) -> None:
    report = make()  # type: ignore[operator]
    pdf = Pdf.of(report)
    _check_content(pdf, report)


def test_the_values_can_fail() -> None:
    """The content check notices a value that is not printed (it is not vacuous)."""
    report = filled_report()
    pdf = Pdf.of(report)
    report.form("B").tables["destroyed"][1]["site"] = "Somewhere never printed"
    with pytest.raises(AssertionError):
        _check_content(pdf, report)
    arabic = arabic_report()
    pdf = Pdf.of(arabic)
    arabic.form("F").tables["clearance"][1]["location"] = "صور"  # Tyre: not in the PDF
    with pytest.raises(AssertionError):
        _check_content(pdf, arabic)


def test_status_grid_and_unprinted_forms() -> None:
    report = read_report_file(SAMPLES / "valid" / "gbr-2013-annual.ccm.json")
    pdf = Pdf.of(report)
    cover = pdf.pages[0]
    assert "Status of Forms A to J" in cover
    rows = [line for line in squash(cover).split("StatusofFormsAtoJ")[1:]]
    assert rows
    grid = rows[0]
    assert missing_in_order(grid, ["A", "National implementation measures",
                                   "Unchanged since 2012", "B", "Changed", "E",
                                   "Not applicable", "No production facilities for cluster "
                                   "munitions exist.", "J", "Unchanged since 2012"]) == []
    assert "Forms marked unchanged or not applicable are not printed in this report." in \
        " ".join(cover.split())
    printed = [p.id for p in FORMS if pdf.first_page_with(heading(p)) is not None]
    assert printed == ["B", "I"]


def test_all_unchanged_prints_cover_and_contacts_only() -> None:
    report = read_report_file(SAMPLES / "valid" / "gbr-2013-annual.ccm.json")
    for letter in "ABCDEFGHIJ":
        form = report.form(letter)
        form.status, form.last_reported_year, form.statement = FormStatus.UNCHANGED, 2012, None
        form.fields, form.tables = {}, {}
    assert not [f for f in validate(report) if f.is_error]
    pdf = Pdf.of(report)
    assert len(pdf.pages) == 2
    sentence = squash("Every form is unchanged since an earlier report: this report consists of "
                      "the cover page and the contacts only.")
    assert sentence in pdf.squashed[0] and sentence in pdf.squashed[1]
    assert "Contacts" in pdf.pages[1]


def test_header_and_page_numbers_on_every_page() -> None:
    pdf = Pdf.of(filled_report())
    total = len(pdf.pages)
    assert total > 5
    for number, text in enumerate(pdf.pages, 1):
        assert f"page {number} of {total}" in text
        assert "Lebanon — from 01/01/2023 to 31/12/2023" in text


def test_version_and_content_hash_on_the_last_page_only() -> None:
    report = filled_report()
    pdf = Pdf.of(report)
    digest = hashlib.sha256(dumps_report(report).encode("utf-8")).hexdigest()
    assert content_hash(report) == digest
    assert digest in pdf.pages[-1] and ccm_desktop.__version__ in pdf.pages[-1]
    assert not any(digest in page for page in pdf.pages[:-1])


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_sample_prints_as_a_draft_with_its_findings(path: Path) -> None:
    report = read_report_file(path)
    findings = validate(report)
    errors = [f for f in findings if f.is_error]
    assert errors
    pdf = Pdf.of(report)
    assert all(DRAFT in " ".join(page.split()) for page in pdf.pages)
    last = pdf.squashed[-1]
    assert squash("Findings of validation") in last
    for finding in errors:
        assert squash(finding.message) in last


def test_findings_passed_in_decide_the_draft_mark() -> None:
    report = read_report_file(SAMPLES / "valid" / "gbr-2013-annual.ccm.json")
    marked = Pdf.of(report, findings=[error("forms.B.tables.destroyed[0].munitions",
                                            "Form B, Destroyed: a problem found elsewhere.")])
    assert all(DRAFT in page for page in marked.pages)
    assert squash("Form B, Destroyed during the period, row 1, Cluster munitions") in \
        marked.squashed[-1]
    invalid = read_report_file(SAMPLES / "invalid" / "casualty-total.ccm.json")
    unmarked = Pdf.of(invalid, findings=[])
    assert not any(DRAFT in page for page in unmarked.pages)


def test_metadata_outline_and_language() -> None:
    report = filled_report()
    pdf = Pdf.of(report)
    meta = pdf.reader.metadata
    assert meta is not None
    assert meta.title == "Article 7 report of Lebanon, from 01/01/2023 to 31/12/2023"
    assert meta.author == "Lebanon Mine Action Centre"
    assert "Article 7" in (meta.subject or "")
    assert pdf.reader.trailer["/Root"]["/Lang"] == "en"
    outline = {o.title: pdf.reader.get_destination_page_number(o) for o in pdf.reader.outline}
    assert outline["Cover page"] == 0 and outline["Contacts"] == 1
    for p in FORMS:
        title = f"Form {p.id} — {p.title}"
        assert outline[title] == pdf.first_page_with(heading(p))
    # Without a "prepared by", the author is the first contact's institution.
    del report.cover.fields["prepared_by"]
    assert Pdf.of(report).reader.metadata.author == "Institution K1"


def test_wide_forms_are_landscape_and_the_others_portrait() -> None:
    pdf = Pdf.of(filled_report())
    starts = {p.id: pdf.first_page_with(heading(p)) for p in FORMS}
    for p in FORMS:
        box = pdf.reader.pages[starts[p.id]].mediabox
        landscape = float(box.width) > float(box.height)
        assert landscape == (p.id in "FI"), p.id
    first = pdf.reader.pages[0].mediabox
    assert round(float(first.width)) == 595 and round(float(first.height)) == 842  # A4


def test_empty_table_says_none_reported() -> None:
    report = read_report_file(SAMPLES / "valid" / "gbr-2013-annual.ccm.json")
    pdf = Pdf.of(report)
    page = pdf.squashed[pdf.first_page_with(heading(FORMS[1])) or 0]
    assert "StockpileNonereported" in page
    assert "DiscoveredaftercompletionNonereported" in page


def _long_table_report(rows: int) -> Report:
    report = read_report_file(SAMPLES / "valid" / "gbr-2013-annual.ccm.json")
    report.form("B").tables["destroyed"] = [
        {"type": f"Type {i:04d}", "munitions": i * 7, "submunitions": i * 1001,
         "standards_observed": "Demilitarised under NATO AOP-4" if i % 9 == 0 else None}
        for i in range(1, rows + 1)]
    for row in report.form("B").tables["destroyed"]:
        for key in [k for k, v in row.items() if v is None]:
            del row[key]
    return report


def test_long_table_repeats_its_header_and_ends_with_totals() -> None:
    rows = 300
    report = _long_table_report(rows)
    pdf = Pdf.of(report)
    first = pdf.first_page_with(heading(FORMS[1])) or 0
    last = pdf.first_page_with(heading(FORMS[8])) or len(pdf.pages)
    pages = pdf.squashed[first:last]
    assert len(pages) >= 5
    for text in pages[1:]:
        if "Type0" in text:
            assert "Destroyedduringtheperiod(continued)" in text
            assert "TypeClustermunitionsExplosivesubmunitions" in text
    numbers = [squash(f"Type {i:04d}") for i in range(1, rows + 1)]
    assert not missing_in_order("".join(pages), numbers)
    total = sum(i * 1001 for i in range(1, rows + 1))
    assert squash(f"Total{sum(i * 7 for i in range(1, rows + 1)):,}{total:,}") in "".join(pages)


def test_numbers_are_right_aligned_in_their_column() -> None:
    report = _long_table_report(12)
    pdf = Pdf.of(report)
    page = pdf.reader.pages[pdf.first_page_with(heading(FORMS[1])) or 0]
    ends: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip() in ("7,007", "12,012", "84", "7"):
            from reportlab.pdfbase.pdfmetrics import stringWidth

            ends[text.strip()] = tm[4] + stringWidth(text.strip(), "CCMSans", size)

    page.extract_text(visitor_text=visit)
    assert {"7,007", "12,012", "84", "7"} <= set(ends)
    assert abs(ends["7,007"] - ends["12,012"]) < 0.5  # one column: same right edge
    assert abs(ends["7"] - ends["84"]) < 0.5


def test_long_note_in_a_field_and_in_a_cell_runs_over_pages() -> None:
    report = read_report_file(SAMPLES / "valid" / "gbr-2013-annual.ccm.json")
    words = [f"word{i:04d}" for i in range(1400)]
    report.form("B").fields["destruction_status"] = " ".join(words)
    report.form("B").tables["destruction_sites"][0]["methods"] = " ".join(words[:700])
    pdf = Pdf.of(report)
    text = "".join(pdf.squashed)
    assert not missing_in_order(text, words)  # the field's note, across pages
    assert not missing_in_order(text.split("Destructionsites", 1)[1], words[:700])


def test_photos_are_printed_with_their_row() -> None:
    report = filled_report()
    pdf = Pdf.of(report)
    page_no = pdf.first_page_with(heading(FORMS[2])) or 0
    page = pdf.reader.pages[page_no]
    assert len(page.images) == 3
    sizes = sorted(tuple(img.image.size) for img in page.images)
    assert sizes == [(400, 520), (640, 480), (900, 300)]
    assert not missing_in_order(pdf.squashed[page_no], [
        "Type C1", "m77-submunition.jpg", "m42-side-view.png", "Type C2", "Type C3",
        "bl755-bomb.jpg"])
    assert "law-2010-cluster-munitions.pdf" in "".join(pdf.squashed)  # a document, by name


def test_large_photo_is_scaled_down_and_a_broken_one_named() -> None:
    from tests.pdf_reports import attachment, picture

    report = filled_report()
    big = attachment("p9", "huge.jpg", picture(4000, 3000, (20, 90, 160)), "image/jpeg")
    broken = attachment("p8", "broken.jpg", b"not a picture", "image/jpeg")
    report.attachments.update({big.id: big, broken.id: broken})
    report.form("C").tables["types"][1]["photos"] = ["p9", "p8"]
    pdf = Pdf.of(report)
    page_no = pdf.first_page_with(heading(FORMS[2])) or 0
    sizes = [tuple(img.image.size) for img in pdf.reader.pages[page_no].images]
    assert (1600, 1200) in sizes
    assert squash("broken.jpg (not an image that can be printed)") in pdf.squashed[page_no]


def test_write_is_atomic_and_reports_progress(tmp_path: Path) -> None:
    report = big_report(600)
    target = tmp_path / "report.pdf"
    calls: list[tuple[int, int]] = []
    write_pdf(report, target, progress=lambda done, total: calls.append((done, total)))
    assert target.read_bytes().startswith(b"%PDF-")
    assert len(calls) >= 10
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert calls[-1][0] == calls[-1][1] and len({t for _, t in calls}) == 1
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)

    before = target.read_bytes()

    def cancel(done: int, total: int) -> None:
        if done > total // 2:
            raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError):
        write_pdf(filled_report(), target, progress=cancel)
    assert target.read_bytes() == before
    assert os.listdir(tmp_path) == ["report.pdf"]


def test_formats_dispatch_and_command_line(tmp_path: Path) -> None:
    report = read_report_file(SAMPLES / "valid" / "esp-2012-annual.ccm.json")
    write_report(report, tmp_path / "a.pdf")
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF-")
    result = subprocess.run(
        [sys.executable, "-m", "ccm_desktop.cli", "convert",
         str(SAMPLES / "valid" / "gbr-2013-annual.ccm.json"), "--to", str(tmp_path / "b.pdf")],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    pdf = Pdf.read((tmp_path / "b.pdf").read_bytes())
    assert "United Kingdom" in pdf.pages[0]


def test_derived_deadline_is_computed_when_empty() -> None:
    report = read_report_file(SAMPLES / "valid" / "gbr-2013-annual.ccm.json")
    report.cover.fields["entry_into_force"] = date(2010, 11, 1)
    pdf = Pdf.of(report)
    page = pdf.squashed[pdf.first_page_with(heading(FORMS[1])) or 0]
    assert squash("Art. 3 deadline 01/11/2018 (computed from the entry into force)") in page


def test_decimal_amounts_keep_their_digits() -> None:
    report = read_report_file(SAMPLES / "valid" / "gbr-2013-annual.ccm.json")
    report.form("I").tables["assistance_provided"][0]["amount"] = Decimal("1234567.891")
    pdf = Pdf.of(report)
    assert "1,234,567.891" in "".join(pdf.pages)


def test_a_row_with_more_photos_than_a_page_holds_continues_on_the_next() -> None:
    from tests.pdf_reports import attachment, picture

    report = filled_report()
    refs = []
    for i in range(40):
        photo = attachment(f"q{i}", f"photo-{i:02d}.jpg", picture(300, 200, (40 + 5 * i, 90, 120)),
                           "image/jpeg")
        report.attachments[photo.id] = photo
        refs.append(photo.id)
    report.form("C").tables["types"][1]["photos"] = refs
    pdf = Pdf.of(report)
    first = pdf.first_page_with(heading(FORMS[2])) or 0
    last = pdf.first_page_with(heading(FORMS[3])) or 0
    assert last - first >= 2
    text = "".join(pdf.squashed[first:last])
    assert not missing_in_order(text, ["Type C1", "m77-submunition.jpg", "Type C2",
                                       *[f"photo-{i:02d}.jpg" for i in range(40)], "Type C3",
                                       "bl755-bomb.jpg"])
    assert sum(len(pdf.reader.pages[i].images) for i in range(first, last)) == 43


def test_export_runs_off_the_main_thread(tmp_path: Path) -> None:
    """The window exports from a worker thread, with progress reported from there."""
    import threading

    seen: list[str] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            write_pdf(filled_report(), tmp_path / "t.pdf",
                      progress=lambda d, t: seen.append(threading.current_thread().name))
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            errors.append(exc)

    worker = threading.Thread(target=work, name="pdf-worker")
    worker.start()
    worker.join(120)
    assert not errors and (tmp_path / "t.pdf").read_bytes().startswith(b"%PDF-")
    assert seen and set(seen) == {"pdf-worker"}
