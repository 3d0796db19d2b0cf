"""The comparison as a PDF (issue 15): `diff A B --pdf`, and the annex that `convert` and
`export --compare-with PREVIOUS` add after the forms. Read back with pypdf (headings, figures,
rows that moved) and rendered with pdftoppm (Arabic runs right to left)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from ccm_desktop.cli import run
from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.formats import read_report
from ccm_desktop.exchange.pdf import render_comparison_pdf, render_pdf
from ccm_desktop.schema.i18n import N_, translate
from ccm_desktop.storage.repository import open_repository
from tests.conftest import RESOURCE_SAMPLES
from tests.pdf_check import Pdf, missing_in_order, squash, words_missing

HRV_2015 = RESOURCE_SAMPLES / "hrv-2015-annual.ccm.json"
HRV_2016 = RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json"
TITLE = "Annex: changes since the report compared with"


@pytest.fixture(scope="module")
def croatia() -> tuple[Report, Report]:
    return read_report(HRV_2015), read_report(HRV_2016)


def _text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def test_diff_writes_the_comparison_as_a_pdf(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "changes.pdf"
    assert run(["diff", str(HRV_2015), str(HRV_2016), "--pdf", str(out)]) == 1  # they differ
    assert capsys.readouterr().out == ""  # the PDF instead of the lines
    pages = _text(out)
    whole = squash(" ".join(pages))
    assert squash(TITLE) in squash(pages[0])
    assert squash("Compared with the report of Croatia, from 01/01/2015 to 31/12/2015.") \
        in squash(pages[0])
    # The pages are this year's report's: its State and period head every page.
    assert all(squash("Croatia — from 01/01/2016 to 31/12/2016") in squash(p) for p in pages)
    # Per form, in the report's order: its key figures with their difference, then its changes.
    assert not missing_in_order(whole, [
        "Cover page", "Date of submission", "29/04/2016", "28/04/2017",
        "Form B — Stockpiles and destruction", "Key figures",
        "Stockpile of BL755 bomb: cluster munitions", "90", "30", "\u221260",
        "Modified", "Stockpile, row 1, Cluster munitions", "90", "30",
        "Removed", "Stockpile, row 2", "Type: M-87 Orkan 262 mm rocket",
        "Form F — Contaminated areas and clearance", "Key figures",
        "Area remaining (m²)", "1,494,450", "319,700", "\u22121,174,750",
        "Land released: cleared, reduced and cancelled (m²)", "840,800", "1,174,750", "+333,950",
        "Form H", "Casualties: killed",
        "Form I", "National resources (HRK)", "\u2212950,000"])
    # A form the two reports give alike has no section.
    assert squash("Form A — ") not in whole


def test_rows_that_moved_are_listed_with_their_old_and_new_row(
        croatia: tuple[Report, Report]) -> None:
    old, _new = croatia
    moved = old.copy()
    areas = moved.form("F").tables["contaminated_areas"]
    areas.append(areas.pop(0))  # the first area is now the last
    pdf = Pdf.read(render_comparison_pdf(old, moved))
    whole = " ".join(pdf.squashed)
    last = len(areas)
    assert not missing_in_order(whole, [
        "Form F — Contaminated areas and clearance",
        "Moved", f"Contaminated areas, row {last}", "row 1", f"row {last}"])
    assert "Removed" not in " ".join(pdf.pages) and "Added" not in " ".join(pdf.pages)


def test_the_same_report_says_that_nothing_changed(croatia: tuple[Report, Report]) -> None:
    _old, new = croatia
    pdf = Pdf.read(render_comparison_pdf(new, new.copy()))
    assert squash("Nothing has changed since the report compared with.") in pdf.squashed[0]
    # The key figures are still given, each with no difference.
    assert squash("Area remaining (m²)319,700319,7000") in pdf.squashed[0]


def test_convert_and_export_add_the_annex_after_the_forms(tmp_path: Path) -> None:
    out = tmp_path / "hrv-2016.pdf"
    assert run(["convert", str(HRV_2016), "--to", str(out), "--compare-with", str(HRV_2015)]) == 0
    reader = PdfReader(str(out))
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[-1] == TITLE and outline[-2].startswith("Form ")  # after the last form
    annex = reader.get_destination_page_number(reader.outline[-1])
    assert annex > reader.get_destination_page_number(reader.outline[-2])
    text = squash(reader.pages[annex].extract_text())
    assert squash(TITLE) in text and squash("Key figures") in " ".join(
        squash(p.extract_text()) for p in reader.pages[annex:])
    # Without the option, the same PDF has no annex.
    plain = tmp_path / "plain.pdf"
    assert run(["convert", str(HRV_2016), "--to", str(plain)]) == 0
    assert len(PdfReader(str(plain)).pages) < len(reader.pages)
    assert TITLE not in [item.title for item in PdfReader(str(plain)).outline
                         if not isinstance(item, list)]

    # export: the report compared with may be a stored report, by its id.
    db = tmp_path / "reports.sqlite3"
    with open_repository(str(db)) as repo:
        first = repo.add(read_report(HRV_2015), summary="2015")
        second = repo.add(read_report(HRV_2016), summary="2016")
    exported = tmp_path / "exported.pdf"
    assert run(["--db", str(db), "export", str(second), "--to", str(exported),
                "--compare-with", str(first)]) == 0
    assert squash("\u22121,174,750") in squash(" ".join(_text(exported)))


def test_an_annex_only_goes_into_a_pdf(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "hrv.xlsx"
    assert run(["convert", str(HRV_2016), "--to", str(target),
                "--compare-with", str(HRV_2015)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("ccm-desktop: ") and "hrv.xlsx" in err and "\n" not in err
    assert not target.exists()
    assert run(["diff", str(HRV_2015), str(HRV_2016), "--pdf", str(tmp_path / "x.txt")]) == 2
    err = capsys.readouterr().err.strip()
    assert "x.txt" in err and ".pdf" in err and "\n" not in err
    assert run(["convert", str(HRV_2016), "--to", str(tmp_path / "y.pdf"),
                "--compare-with", str(tmp_path / "missing.ccm.json")]) == 2
    assert "missing.ccm.json" in capsys.readouterr().err
    assert not (tmp_path / "y.pdf").exists()


def test_the_annex_in_each_language(croatia: tuple[Report, Report]) -> None:
    old, new = croatia
    for lang in ("fr", "es", "ru", "zh"):
        pdf = Pdf.read(render_pdf(new, lang, compared_with=old))
        title = translate(N_("Annex: changes since the report compared with"), lang)
        assert title != TITLE, lang  # translated
        annex = pdf.first_page_with(title)
        assert annex is not None and annex > 1, lang
        assert squash(translate(N_("Key figures"), lang)) in " ".join(pdf.squashed[annex:])


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm is not installed")
def test_the_arabic_annex_runs_right_to_left(tmp_path: Path,
                                             croatia: tuple[Report, Report]) -> None:
    old, new = croatia
    pages = {}
    for lang in ("en", "ar"):
        path = tmp_path / f"annex-{lang}.pdf"
        path.write_bytes(render_comparison_pdf(old, new, lang))
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path),
                        str(tmp_path / lang)], check=True, timeout=120)
        pages[lang] = next(tmp_path.glob(f"{lang}*.png"))
    text = PdfReader(str(tmp_path / "annex-ar.pdf")).pages[0].extract_text()
    for sentence in (N_("Annex: changes since the report compared with"), N_("Key figures"),
                     N_("Where"), N_("Difference")):
        assert not words_missing(translate(sentence, "ar"), text), sentence
    assert "\u22121,174,750" in " ".join(p.extract_text() for p in
                                         PdfReader(str(tmp_path / "annex-ar.pdf")).pages)

    def heading_span(png: Path) -> tuple[int, int]:
        """Left and right ends of the ink in the band of the annex's title."""
        with Image.open(png) as opened:
            image = opened.convert("L")
        width, height = image.size
        band = range(int(height * 0.07), int(height * 0.095))
        columns = [x for x in range(width) if any(image.getpixel((x, y)) < 128 for y in band)]
        return min(columns), max(columns)

    en_left, en_right = heading_span(pages["en"])
    ar_left, ar_right = heading_span(pages["ar"])
    with Image.open(pages["ar"]) as image:
        width = image.size[0]
    # English starts at the left margin; Arabic ends at the right one and leaves the left free.
    assert en_left < width * 0.15 and ar_right > width * 0.85
    assert ar_left > en_left + width * 0.05
