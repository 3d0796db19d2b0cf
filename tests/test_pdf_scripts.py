"""Text in every UN language renders with real glyphs: Arabic joined and right to left, Chinese,
Cyrillic, accented Latin. Checked three ways: every character drawn has a glyph in the font it
is drawn with (no missing-glyph boxes), pypdf gives the characters back, and the pages rendered
by pdftoppm carry ink."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.json_io import dumps_report, read_report_file
from ccm_desktop.exchange.pdf import fonts, render_pdf, shaping
from ccm_desktop.schema.i18n import translate
from ccm_desktop.schema.validate import validate
from tests.conftest import RESOURCE_SAMPLES
from tests.pdf_check import Pdf, missing_glyphs, signature, squash, words_missing
from tests.pdf_reports import (
    ARABIC_NOTE,
    CHINESE_NOTE,
    MIXED_TEXT,
    arabic_report,
    chinese_report,
    filled_report,
)


def free_text(report: Report) -> Iterator[str]:
    """Every text value the user typed (cover, contacts, forms, statements)."""
    def values(section_fields: dict[str, object],
               tables: dict[str, list[dict[str, object]]]) -> Iterator[str]:
        for value in section_fields.values():
            if isinstance(value, str) and not re.fullmatch(r"[A-Z]{3}|[a-z_]+", value):
                yield value
        for rows in tables.values():
            for row in rows:
                yield from values(row, {})

    yield from values(report.cover.fields, report.cover.tables)
    for form in report.forms.values():
        if form.statement:
            yield form.statement
        yield from values(form.fields, form.tables)


def rendered_pages(data: bytes, tmp_path: Path, resolution: int = 40) -> list[Image.Image]:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is needed: scripts/install.sh installs it")
    source = tmp_path / "report.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", str(resolution), str(source), str(tmp_path / "p")],
                   check=True, timeout=120)
    return [Image.open(p).convert("L") for p in sorted(tmp_path.glob("p-*.png"))]


def page_x(cm: list[float], tm: list[float]) -> float:
    """Where a piece of text starts on the page (text matrix through the current matrix)."""
    return tm[4] * cm[0] + tm[5] * cm[2] + cm[4]


def ink(image: Image.Image) -> float:
    """Share of pixels that are not white."""
    histogram = image.histogram()
    return 1 - sum(histogram[230:]) / (image.width * image.height)


def test_arabic_report_renders_with_real_glyphs(drawn: list[tuple[str, str]],
                                               tmp_path: Path) -> None:
    report = arabic_report()
    assert not [f for f in validate(report) if f.is_error]
    data = render_pdf(report)
    assert not missing_glyphs(drawn)
    # Arabic reached the page as joined presentation forms, drawn in DejaVu.
    assert any("\ufe8e" <= ch <= "\ufefc" for font, text in drawn for ch in text
               if font == fonts.REGULAR)
    pdf = Pdf.read(data)
    everything = "\n".join(pdf.pages)
    for value in free_text(report):
        assert not words_missing(value, everything), value
    assert len(pdf.pages) == 5
    for image in rendered_pages(data, tmp_path):
        assert ink(image) > 0.01


def test_arabic_paragraph_reads_right_to_left_from_its_first_line() -> None:
    lines = shaping.lay_out(ARABIC_NOTE, 200.0, False, 9.0)
    assert len(lines) >= 3 and all(line.rtl for line in lines)
    assert all(line.width <= 200.0 for line in lines)
    first = "".join(text for _font, text in lines[0].runs)
    last = "".join(text for _font, text in lines[-1].runs)
    # The first visual line holds the first words (drawn at its right end), the last the last.
    assert signature("أنجز") in {signature(w) for w in first.split()}
    assert signature("الوطنية") in {signature(w.strip(".")) for w in last.split()}
    assert first.rstrip().endswith(shaping.shape("أنجز")[::-1]) or \
        signature(first.split()[-1]) == signature("أنجز")
    # Figures and Latin keep their own order inside the right-to-left line.
    assert "1,250,000" in "".join("".join(t for _f, t in line.runs) for line in lines)


def test_arabic_text_is_right_aligned_in_its_cell() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pdf = Pdf.of(arabic_report())
    page = pdf.reader.pages[3]
    spans: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            left = page_x(cm, tm)
            spans.setdefault(text.strip(), (left, left + stringWidth(text.strip(), fonts.REGULAR,
                                                                     size * cm[0])))

    page.extract_text(visitor_text=visit)
    places = [span for text, span in spans.items()
              if signature(text) in (signature("النبطية"), signature("بنت جبيل"))]
    references = [span for text, span in spans.items() if text.startswith("CBU-")]
    assert len(places) == 2 and len(references) >= 2
    # Two place names of different lengths in the Location column end at the same right edge,
    # while the Latin area references of the first column start at the same left edge.
    assert abs(places[0][1] - places[1][1]) < 0.5
    assert abs(places[0][0] - places[1][0]) > 3
    assert abs(references[0][0] - references[1][0]) < 0.5


def test_chinese_report_renders_with_real_glyphs(drawn: list[tuple[str, str]],
                                                tmp_path: Path) -> None:
    report = chinese_report()
    assert not [f for f in validate(report) if f.is_error]
    data = render_pdf(report)
    assert not missing_glyphs(drawn)
    assert any(font == fonts.CJK for font, _text in drawn)
    pdf = Pdf.read(data)
    everything = squash("".join(pdf.pages))
    for value in free_text(report):
        assert squash(value) in everything, value
    images = rendered_pages(data, tmp_path)
    assert len(images) == len(pdf.pages)
    for image in images:
        assert ink(image) > 0.01


def test_chinese_lines_break_between_characters_and_never_before_a_comma() -> None:
    lines = shaping.break_lines(CHINESE_NOTE, 120.0, False, 9.0)
    assert len(lines) > 5
    assert "".join(lines) == CHINESE_NOTE
    for line in lines:
        assert shaping.width(line, False, 9.0) <= 120.0
        assert line[0] not in "，。、；："
    latin = shaping.break_lines("Ministry of Foreign Affairs and International Cooperation",
                                80.0, False, 9.0)
    assert all(" " not in (w[0] + w[-1]) for w in latin)
    assert " ".join(latin) == "Ministry of Foreign Affairs and International Cooperation"


def test_cyrillic_greek_and_accented_latin(drawn: list[tuple[str, str]]) -> None:
    report = filled_report()
    report.form("J").fields["other_matters"] = "\n".join(MIXED_TEXT.values())
    report.cover.tables["contacts"][0]["institution"] = MIXED_TEXT["ru"]
    report.form("A").tables["measures"][0]["reference"] = "Décret n° 2010-1234 — Œuvre"
    pdf = Pdf.of(report)
    assert not missing_glyphs(drawn)
    everything = squash("".join(pdf.pages))
    for value in [*MIXED_TEXT.values(), "Décret n° 2010-1234 — Œuvre"]:
        assert squash(value) in everything


def test_text_in_every_un_language_in_one_cell(drawn: list[tuple[str, str]]) -> None:
    report = filled_report()
    mixed = "Résumé — Сводка — 摘要 — ملخص — Resumen"
    report.form("E").tables["facilities"][0]["location"] = mixed  # a narrow cell
    report.form("J").fields["views"] = mixed  # a wide one
    pdf = Pdf.of(report)
    assert not missing_glyphs(drawn)
    page = "".join(pdf.pages)
    assert not words_missing(mixed, page)
    assert "摘要" in squash(page.split("Resumen")[0])  # in the cell, maybe over two lines
    fonts_used = {font for font, text in drawn if "摘要" in text or "Сводка" in text}
    assert fonts.CJK in fonts_used and fonts.REGULAR in fonts_used


def test_a_character_no_font_has_is_detected(drawn: list[tuple[str, str]]) -> None:
    """The glyph check is not vacuous: a character no embedded font draws is reported."""
    report = filled_report()
    report.form("J").fields["views"] = "Cuneiform \U00012000 sign"
    render_pdf(report)
    assert ("CCMSans", "\U00012000") in missing_glyphs(drawn)


def test_arabic_labels_lay_the_report_out_right_to_left(tmp_path: Path) -> None:
    """With lang="ar" the labels are Arabic and the layout runs right to left: label columns on
    the right, table columns in reverse order."""
    report = arabic_report()
    pdf = Pdf.of(report, lang="ar")
    assert len(pdf.pages) == 5
    page = pdf.reader.pages[3]
    wanted = {signature(translate(label, "ar")): label for label in ("Area reference", "Operator")}
    assert all(wanted) and len(wanted) == 2  # both translated, into different words
    xs: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        label = wanted.get(signature(text))
        if label is not None:
            xs.setdefault(label, page_x(cm, tm))

    page.extract_text(visitor_text=visit)
    assert xs["Area reference"] > xs["Operator"]
    for image in rendered_pages(pdf.data, tmp_path):
        assert ink(image) > 0.01


@pytest.mark.parametrize("path", sorted(RESOURCE_SAMPLES.glob("*.ccm.json")),
                         ids=lambda p: p.name)
def test_application_samples_render_every_word(path: Path, drawn: list[tuple[str, str]]) -> None:
    report = read_report_file(path)
    pdf = Pdf.of(report)
    assert not missing_glyphs(drawn)
    if any(0x0590 <= ord(ch) <= 0x08FF for ch in dumps_report(report)):
        everything = "\n".join(pdf.pages)
        for value in free_text(report):
            assert not words_missing(value, everything), value


def test_arabic_diacritics_are_kept(drawn: list[tuple[str, str]]) -> None:
    """arabic-reshaper deletes harakat by default; the PDF keeps them (a shadda changes a word),
    each drawn with a real glyph."""
    word = "مُحَمَّد"
    report = arabic_report()
    report.cover.fields["prepared_by"] = word
    data = render_pdf(report, lang="ar")
    assert not missing_glyphs(drawn)
    text = "\n".join(Pdf.read(data).pages)
    for mark in ("\u064f", "\u064e", "\u0651"):  # damma, fatha, shadda
        assert mark in text
    # The word comes back whole, marks and letters (pypdf gives Arabic in visual order).
    marks_and_letters = sorted(unicodedata.normalize("NFKC", word))
    assert any(sorted(unicodedata.normalize("NFKC", w)) == marks_and_letters
               for w in text.split())
