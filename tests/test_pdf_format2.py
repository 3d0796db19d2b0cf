"""The PDF as the README describes it ("The PDF report") since format 2: dates as the template
writes them, the period "from … to …", voluntary data shaded grey with the template's note, official
titles with the articles each form answers, areas in the report's unit, numbers never cut."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from ccm_desktop.exchange.pdf import render_pdf
from ccm_desktop.exchange.pdf.styles import CELL_PAD_X, Styles
from ccm_desktop.exchange.pdf.tables import column_widths
from ccm_desktop.schema.i18n import translate
from ccm_desktop.schema.registry import FORMS, part
from tests.pdf_check import Pdf, heading, squash, words_missing
from tests.pdf_reports import filled_report

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _f_page(pdf: Pdf) -> str:
    first = pdf.first_page_with(heading(part("F")))
    assert first is not None
    return pdf.pages[first]


def test_english_dates_are_written_dd_mm_yyyy_and_the_period_from_to() -> None:
    report = filled_report()
    pdf = Pdf.of(report)
    cover = pdf.pages[0]
    assert "Reporting period from 01/01/2023 to 31/12/2023" in cover
    assert squash("Entry into force for this State 01/05/2011") in squash(cover)
    for page in pdf.pages:
        assert "Lebanon — from 01/01/2023 to 31/12/2023\n" in page  # the header line
        assert not ISO_DATE.search(page), ISO_DATE.search(page)
    assert pdf.reader.metadata is not None
    assert pdf.reader.metadata.title == \
        "Article 7 report of Lebanon, from 01/01/2023 to 31/12/2023"


@pytest.mark.parametrize(("lang", "start", "end"), [
    ("fr", "01/01/2023", "31/12/2023"),
    ("ru", "01.01.2023", "31.12.2023"),
    ("es", "1/1/2023", "31/12/2023"),  # the year in full, not CLDR's short "23"
    ("zh", "2023/1/1", "2023/12/31"),
    ("ar", "1/1/2023", "31/12/2023"),  # one left-to-right run, without CLDR's direction marks
])
def test_other_languages_write_dates_their_own_short_way(lang: str, start: str,
                                                        end: str) -> None:
    report = filled_report()
    report.cover.fields["submission_date"] = date(2024, 4, 25)
    pdf = Pdf.of(report, lang=lang)
    text = squash(pdf.pages[0])
    assert squash(start) in text and squash(end) in text
    # the period, in reading order and in the language's words
    period = translate("from {start} to {end}", lang).format(start=start, end=end)
    if lang == "ar":  # pypdf gives Arabic back in visual order: each word must be there whole
        assert not words_missing(period, pdf.pages[0])
    else:
        assert squash(period) in text
    assert not ISO_DATE.search(pdf.pages[0])


def test_each_form_heading_has_its_official_title_and_articles() -> None:
    pdf = Pdf.of(filled_report())
    for form in FORMS:
        first = pdf.first_page_with(f"Form {form.id} — {form.title}")
        assert first is not None, form.id
        lines = [line.strip() for line in pdf.pages[first].splitlines()]
        at = next(i for i, line in enumerate(lines) if line.startswith(f"Form {form.id} — "))
        following = squash(" ".join(lines[at:at + 4]))
        assert squash(f"{form.title}{form.articles}") in following, (form.id, lines[at:at + 4])


def test_voluntary_data_carry_the_note() -> None:
    pdf = Pdf.of(filled_report())
    note = "Information in grey cells is given on a voluntary basis."
    assert note in pdf.pages[0]  # "Prepared by" and "Approved by" are voluntary
    assert note in _f_page(pdf)  # latitude, longitude, land reduced or cancelled by survey


@pytest.mark.parametrize(("unit", "heading_unit", "size", "total", "cleared"), [
    ("km2", "km²", "0.2500005", "1.5000015", "0.375000375"),
    ("ha", "ha", "25.00005", "150.00015", "37.5000375"),
    (None, "m²", "250,000.5", "1,500,001.5", "375,000.375"),
])
def test_areas_print_in_the_reports_unit(unit: str | None, heading_unit: str, size: str,
                                         total: str, cleared: str) -> None:
    report = filled_report()
    if unit:
        report.cover.fields["area_unit"] = unit
    page = _f_page(Pdf.of(report))
    assert f"Size ({heading_unit})" in page
    assert f"Cleared ({heading_unit})" in page
    assert squash(f"Reduced by technical survey ({heading_unit})") in squash(page)
    assert f" {size} " in f" {page} ".replace("\n", " ")
    assert f"Total {total}" in page.replace("\n", " ") or f" {total} " in page
    assert f" {cleared} " in f" {page} ".replace("\n", " ")
    if unit:
        assert not re.search(r"\bm²", page)  # no heading left in square metres


def test_area_conversion_keeps_every_digit() -> None:
    report = filled_report()
    report.cover.fields["area_unit"] = "km2"
    areas = report.form("F").tables["contaminated_areas"]
    areas[0]["size_m2"] = Decimal("123456789012345678901234567890.123456789")
    areas[1]["size_m2"] = Decimal("0.000001")
    areas[2]["size_m2"] = Decimal("1")
    page = squash(_f_page(Pdf.of(report)))
    assert squash("123,456,789,012,345,678,901,234.567890123456789") in page
    assert "0.000000000001" in page and "0.000001" in page
    # The total is exact too: the three areas above, in km².
    assert squash("123,456,789,012,345,678,901,234.567891123457789") in page


def test_the_cover_names_the_unit_when_one_is_chosen() -> None:
    report = filled_report()
    assert "Unit of area" not in Pdf.of(report).pages[0]
    report.cover.fields["area_unit"] = "ha"
    assert squash("Unit of area Hectares (ha)") in squash(Pdf.of(report).pages[0])


def test_numbers_keep_their_width_in_a_crowded_table() -> None:
    styles = Styles("en")
    number = "123,456,789,012"
    labels = [f"Column {i}" for i in range(12)]
    numeric = [i % 3 == 0 for i in range(12)]
    row = [number if numeric[i] else "words " * 12 for i in range(12)]
    widths = column_widths(labels, [row], numeric, 500.0, styles.cell, styles.header_cell)
    from ccm_desktop.exchange.pdf import shaping

    needed = shaping.width(number, False, styles.cell.size) + 2 * CELL_PAD_X
    assert sum(widths) == pytest.approx(500.0)
    for j, width in enumerate(widths):
        if numeric[j]:
            assert width >= needed - 0.01, (j, width, needed)


GREY = (217, 217, 217)  # the shading of voluntary fields and columns (#D9D9D9)


def _grey_pixels(png: Path) -> int:
    with Image.open(png) as image:
        rgb = image.convert("RGB")
        return sum(1 for pixel in rgb.get_flattened_data()
                   if all(abs(a - b) <= 3 for a, b in zip(pixel, GREY, strict=True)))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm is not installed")
def test_voluntary_columns_are_shaded_when_rendered(tmp_path: Path) -> None:
    report = filled_report()
    pdf_path = tmp_path / "report.pdf"
    pdf_path.write_bytes(render_pdf(report))
    f_page = (Pdf.read(pdf_path.read_bytes()).first_page_with(heading(part("F"))) or 0) + 1
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(f_page), "-l", str(f_page),
                    str(pdf_path), str(tmp_path / "f")], check=True, timeout=120)
    shaded = _grey_pixels(next(tmp_path.glob("f*.png")))
    # Without the voluntary columns (the voluntary fields stay), much less of the page is grey.
    for table in ("contaminated_areas", "clearance"):
        for row in report.form("F").tables[table]:
            for column in part("F").table(table).columns:
                if column.voluntary:
                    row.pop(column.id, None)
    pdf_path.write_bytes(render_pdf(report))
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(f_page), "-l", str(f_page),
                    str(pdf_path), str(tmp_path / "g")], check=True, timeout=120)
    plain = _grey_pixels(next(tmp_path.glob("g*.png")))
    assert shaded - plain > 5000, (shaded, plain)


def test_a_long_un_name_keeps_the_whole_period_in_the_header() -> None:
    report = filled_report()
    report.cover.fields["state"] = "GBR"
    report.cover.fields["entry_into_force"] = date(2010, 11, 1)
    pdf = Pdf.of(report)
    header = ("United Kingdom of Great Britain and Northern Ireland — from 01/01/2023 to "
              "31/12/2023")
    assert all(header in page for page in pdf.pages)
    # A short name leaves room for the title on the right.
    assert "Convention on Cluster Munitions — Article 7 report" in Pdf.of(filled_report()).pages[1]
