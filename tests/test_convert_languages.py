"""`ccm-desktop convert SAMPLE --to out.pdf|out.xlsx --lang X` in each of the six languages
(issue 12): the files carry that language's form titles and table headers, every character
drawn in the PDF has a glyph (no missing-glyph boxes), and Arabic workbooks read right to left.

A language whose catalogue lacks these strings fails here, on purpose: the titles must differ
from the English for every language but English."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from ccm_desktop.cli import run
from ccm_desktop.exchange.json_io import read_report_file
from ccm_desktop.schema.i18n import UN_LANGUAGES, translate
from ccm_desktop.schema.model import Part, Table
from tests.conftest import RESOURCE_SAMPLES
from tests.pdf_check import Pdf, has_value, missing_glyphs, printed_parts, squash, words_missing

SAMPLE = RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json"  # Forms B, D, F to J filled


def _expected(lang: str) -> tuple[list[str], list[str]]:
    """The sample's printed form titles and the headers of its filled table columns, in `lang`;
    each differs from the English unless `lang` is English."""
    report = read_report_file(SAMPLE)
    parts: list[Part] = printed_parts(report)
    assert parts
    titles = [translate(p.title, lang) for p in parts]
    headers = []
    for p in parts:
        for item in p.items:
            if isinstance(item, Table):
                rows = report.form(p.id).tables.get(item.id, [])
                headers += [translate(c.label, lang) for c in item.columns if has_value(rows, c)]
    assert headers
    if lang != "en":
        untranslated = [t for t, p in zip(titles, parts, strict=True) if t == p.title]
        assert untranslated == [], f"{lang}: form titles not translated"
    return titles, headers


def _found(needle: str, text: str, lang: str) -> bool:
    if lang == "zh":  # no spaces between words: the whole label, wherever lines broke it
        return squash(needle) in squash(text)
    return not words_missing(needle, text)  # word by word (Arabic comes back in visual order)


@pytest.mark.parametrize("lang", UN_LANGUAGES)
def test_convert_to_pdf_in_each_language(lang: str, tmp_path: Path,
                                         drawn: list[tuple[str, str]]) -> None:
    titles, headers = _expected(lang)
    out = tmp_path / "out.pdf"
    assert run(["convert", str(SAMPLE), "--to", str(out), "--lang", lang]) == 0
    text = "\n".join(Pdf.read(out.read_bytes()).pages)
    assert [t for t in titles if not _found(t, text, lang)] == []
    assert [h for h in headers if not _found(h, text, lang)] == []
    boxes = missing_glyphs(drawn)
    assert boxes == set()


@pytest.mark.parametrize("lang", UN_LANGUAGES)
def test_convert_to_excel_in_each_language(lang: str, tmp_path: Path) -> None:
    titles, headers = _expected(lang)
    out = tmp_path / "out.xlsx"
    assert run(["convert", str(SAMPLE), "--to", str(out), "--lang", lang]) == 0
    workbook = load_workbook(out)
    cells = [str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]
    text = "\n".join(cells)
    assert [t for t in titles if t not in text] == []
    assert [h for h in headers if h not in text] == []
    # The sheets read right to left in Arabic, left to right otherwise.
    assert {bool(ws.sheet_view.rightToLeft) for ws in workbook.worksheets} == {lang == "ar"}
