"""A part's name ("Cover page", "Form F") and heading ("Form F — Contaminated areas and
clearance") have one home, schema/registry.py; every face that names a part (the workbook's
sheet titles, the PDF's outline, the Word import's summary) writes them from there."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ccm_desktop.exchange.formats import read_report
from ccm_desktop.exchange.pdf import write_pdf
from ccm_desktop.exchange.word import recognise_file
from ccm_desktop.exchange.word.command import describe
from ccm_desktop.exchange.xlsx.writer import write_workbook
from ccm_desktop.schema.i18n import language
from ccm_desktop.schema.registry import FORMS, PARTS, part_heading, part_name, part_title
from tests.conftest import RESOURCE_SAMPLES

PACKAGE = Path(__file__).resolve().parents[1] / "ccm_desktop"
DATA = Path(__file__).resolve().parent / "data"

# The spellings of a part's name or heading, which only schema/registry.py may write (the
# workbook's sheet name "Cover" is a name in the file format, not a heading).
NAMES = {"Cover page", "Form {letter}", "Form {letter}: {title}", "Form {letter} — {title}"}


def _spelled_out(path: Path) -> list[tuple[int, str]]:
    """Where a file writes a part's name itself: one of NAMES as a string, or an f-string that
    starts "Form {...}"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and node.value in NAMES:
            found.append((node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr) and len(node.values) == 2 \
                and isinstance(node.values[0], ast.Constant) and node.values[0].value == "Form " \
                and isinstance(node.values[1], ast.FormattedValue):
            found.append((node.lineno, "Form {...}"))
    return found


def test_only_the_registry_spells_out_a_parts_name() -> None:
    places = {str(path.relative_to(PACKAGE)): found for path in sorted(PACKAGE.rglob("*.py"))
              if (found := _spelled_out(path))}
    assert set(places) == {"schema/registry.py"}, places


def test_the_planted_copy_is_found(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text('name = "Cover page"\nother = f"Form {letter}"\n', encoding="utf-8")
    assert _spelled_out(planted) == [(1, "Cover page"), (2, "Form {...}")]


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_sheet_titles_and_pdf_outline_use_the_registrys_headings(tmp_path: Path,
                                                                 lang: str) -> None:
    report = read_report(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json")
    words = language(lang)

    workbook_path = tmp_path / "report.xlsx"
    write_workbook(report, workbook_path, lang=lang)
    workbook = load_workbook(workbook_path)
    for form in FORMS:
        sheet = workbook[form.id]
        assert sheet.cell(1, 2).value == part_heading(form.id).text(words), form.id

    pdf_path = tmp_path / "report.pdf"
    write_pdf(report, pdf_path, lang=lang)
    outline = [item.title for item in PdfReader(str(pdf_path)).outline
               if not isinstance(item, list)]
    assert outline[0] == part_name("cover").text(words)
    printed = [form.id for form in FORMS
               if part_heading(form.id).text(words) in outline]
    assert printed  # the forms printed on pages of their own have their heading as bookmark
    assert all(title in outline for title in
               [part_heading(letter).text(words) for letter in printed])


def test_the_word_imports_summary_names_each_part() -> None:
    lines = describe(recognise_file(DATA / "report-en.docx"))
    names = [line.split(":")[0] for line in lines[1:1 + len(PARTS)]]
    assert names == [part_title(p.id) for p in PARTS]
    assert names[0] == "Cover page" and names[6] == "Form F"
