"""The PDF's building blocks on their own: column widths, line breaking, bidi ordering, fonts,
progress."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccm_desktop.exchange.pdf import fonts, shaping
from ccm_desktop.exchange.pdf.context import Tracker
from ccm_desktop.exchange.pdf.flowables import TextBlock
from ccm_desktop.exchange.pdf.styles import CELL_PAD_X, Styles
from ccm_desktop.exchange.pdf.tables import column_widths, distribute

STYLES = Styles("en")


def test_distribute_fills_the_width_in_every_case() -> None:
    # Everything fits: the spare width goes to the text columns, numbers keep theirs.
    widths = distribute([20, 30, 40], [50, 60, 100], 300, [True, False, True])
    assert sum(widths) == pytest.approx(300)
    assert widths[1] == pytest.approx(60)
    # Too wide: modest columns get their natural width, the long one takes what is left.
    widths = distribute([20, 20, 40], [30, 35, 600], 300)
    assert sum(widths) == pytest.approx(300)
    assert widths[:2] == pytest.approx([30, 35])
    # Even the minimums do not fit: they shrink in proportion.
    widths = distribute([200, 200], [300, 300], 300)
    assert widths == pytest.approx([150, 150])


def test_column_widths_never_wrap_numbers_and_give_notes_the_room() -> None:
    labels = ["Type", "Explosive submunitions", "Notes"]
    rows = [["M26", "6,213,312", "A long note " * 20], ["BLU-63", "12", "short"]]
    widths = column_widths(labels, rows, [False, True, False], 480.0, STYLES.cell,
                           STYLES.header_cell, bold_samples=[["Total", "6,213,324", ""]])
    assert sum(widths) == pytest.approx(480.0)
    number = shaping.width("6,213,324", True, STYLES.cell.size) + 2 * CELL_PAD_X
    assert widths[1] >= number
    assert widths[2] > widths[0] and widths[2] > widths[1]


def test_lines_fit_and_a_word_longer_than_a_line_is_cut() -> None:
    text = "short words then averyveryverylongwordthatcannotfitonalineatall and more"
    lines = shaping.break_lines(text, 60.0, False, 9.0)
    assert all(shaping.width(line, False, 9.0) <= 60.0 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert shaping.break_lines("one\n\ntwo", 100.0, False, 9.0) == ["one", "", "two"]


def test_visual_order_mirrors_brackets_and_keeps_isolated_dates() -> None:
    shown = shaping.visual(shaping.shape("مرحبا (UN) 2023"), True)
    assert shown.startswith("2023 (UN) ")
    period = shaping.isolate(f"{shaping.isolate('2023-01-01')} to {shaping.isolate('2023-12-31')}",
                             first_strong=True)
    shown = shaping.visual(shaping.shape(f"لبنان — {period}"), True)
    assert shown.startswith("2023-01-01 to 2023-12-31 — ")
    assert not set(shown) & shaping.CONTROLS
    assert shaping.visual("plain text", False) == "plain text"


def test_fonts_are_chosen_per_character() -> None:
    assert fonts.font_for("中", False) == fonts.CJK
    assert fonts.font_for("ب", False) == fonts.REGULAR
    assert fonts.font_for("Ж", True) == fonts.BOLD
    runs = shaping.runs("Report 报告, 2023", False)
    assert [font for font, _text in runs] == [fonts.REGULAR, fonts.CJK, fonts.REGULAR]
    assert "".join(text for _font, text in runs) == "Report 报告, 2023"
    assert shaping.is_simple("Ministère — Минобороны") and not shaping.is_simple("报告")
    assert not shaping.is_simple("وزارة")


def test_text_block_splits_between_lines() -> None:
    block = TextBlock("中文的句子。" * 40, STYLES.body)
    _w, height = block.wrap(100.0, 10_000)
    assert height > 10 * STYLES.body.leading
    first, rest = block.split(100.0, 5 * STYLES.body.leading + 1)
    assert first.wrap(100.0, 10_000)[1] == pytest.approx(5 * STYLES.body.leading)
    assert first.wrap(100.0, 10_000)[1] + rest.wrap(100.0, 10_000)[1] == pytest.approx(height)
    assert block.split(100.0, 1.0) == []


def test_tracker_reports_few_increasing_calls_ending_at_the_total() -> None:
    calls: list[tuple[int, int]] = []
    tracker = Tracker(lambda done, total: calls.append((done, total)), 100_000)
    for _ in range(100_000):
        tracker.advance(1)
    tracker.finish()
    assert 150 <= len(calls) <= 210
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert calls[-1] == (100_000, 100_000)
    Tracker(None, 10).advance(5)  # without a callback it stays silent


def test_totals_that_do_not_fit_under_the_last_rows_go_to_the_next_page() -> None:
    """A casualty table whose last rows fill the page: the totals row moves to the next page
    (this crashed the export with a zip() error before). Every count of rows around a page
    end is printed, and the last page ends with the totals."""
    import io

    from pypdf import PdfReader

    from ccm_desktop.exchange.json_io import read_report_file
    from ccm_desktop.exchange.pdf.writer import render_pdf

    samples = Path(__file__).resolve().parents[1] / "resources" / "samples"
    base = read_report_file(samples / "hrv-2016-annual.ccm.json")
    for count in range(36, 48):
        report = base.copy()
        report.form("H").tables["casualties"] = [
            {"period": f"2016 Q{n % 4 + 1}, district {n}", "outcome": ("killed", "injured")[n % 2],
             "men": n % 7, "women": n % 3, "total": n % 7 + n % 3} for n in range(count)]
        pages = PdfReader(io.BytesIO(render_pdf(report))).pages
        text = "\n".join(page.extract_text() for page in pages)
        assert f"district {count - 1}" in text
        after_rows = text[text.index(f"district {count - 1}"):]
        men = sum(n % 7 for n in range(count))
        assert "Total" in after_rows and str(men) in after_rows, count
