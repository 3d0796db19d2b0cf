"""Small flowables: text in any script, bookmarks and progress marks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from ccm_desktop.exchange.pdf import shaping
from ccm_desktop.exchange.pdf.styles import TextStyle


def text(value: str, style: TextStyle) -> Flowable:
    """A flowable for `value`: reportlab's Paragraph for simple text, a TextBlock for text that
    needs shaping, right-to-left ordering or several fonts."""
    if shaping.is_simple(value, style.bold):
        markup = escape(value).replace("\n", "<br/>")
        return Paragraph(markup, style.paragraph_style())
    return TextBlock(value, style)


class TextBlock(Flowable):  # type: ignore[misc]
    """A paragraph laid out by `shaping.lay_out`: Arabic joined and right to left, Chinese
    broken between characters, each run in the font that has its glyphs. It can split across
    pages (and inside a table row) between lines."""

    def __init__(self, value: str, style: TextStyle,
                 lines: list[shaping.Line] | None = None) -> None:
        super().__init__()
        self.value = value
        self.style = style
        self._lines = lines
        self._fixed = lines is not None  # a piece of a split block keeps its lines
        self._laid_width = -1.0
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after
        self.width = 0.0
        self.height = 0.0

    def _lay_out(self, avail_width: float) -> list[shaping.Line]:
        if self._lines is None or (not self._fixed and abs(self._laid_width - avail_width) > 0.01):
            self._lines = shaping.lay_out(self.value, avail_width, self.style.bold,
                                          self.style.size)
            self._laid_width = avail_width
        return self._lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        lines = self._lay_out(avail_width)
        self.width = avail_width
        self.height = len(lines) * self.style.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        lines = self._lay_out(avail_width)
        fit = int((avail_height + 0.01) // self.style.leading)
        if fit <= 0 or fit >= len(lines):
            return []
        first = TextBlock(self.value, self.style.but(space_after=0.0), lines[:fit])
        rest = TextBlock(self.value, self.style.but(space_before=0.0), lines[fit:])
        return [first, rest]

    def draw(self) -> None:
        canvas: Canvas = self.canv
        style = self.style
        lines = self._lines or []
        canvas.setFillColor(style.color)
        for i, line in enumerate(lines):
            baseline = self.height - style.size - i * style.leading
            align = style.align or ("right" if line.rtl else "left")
            if align == "right":
                x = self.width - line.width
            elif align == "center":
                x = (self.width - line.width) / 2
            else:
                x = 0.0
            draw_runs(canvas, line.runs, x, baseline, style.size)


def draw_runs(canvas: Canvas, runs: tuple[tuple[str, str], ...] | list[tuple[str, str]],
              x: float, y: float, size: float) -> float:
    """Draw (font, text) runs from x on baseline y; returns the x where they end."""
    from ccm_desktop.exchange.pdf.fonts import string_width

    for font, chunk in runs:
        canvas.setFont(font, size)
        canvas.drawString(x, y, chunk)
        x += string_width(chunk, font, size)
    return x


def draw_line(canvas: Canvas, value: str, x: float, y: float, size: float, bold: bool = False,
              align: str = "left", max_width: float | None = None) -> None:
    """Draw one line of text in any script at (x, y); `align` says what x is (the left end,
    the right end or the centre). Text wider than `max_width` is cut with an ellipsis."""
    shaped = shaping.shape(" ".join(value.split()))
    if max_width is not None and shaping.width(shaped, bold, size) > max_width:
        while shaped and shaping.width(shaped + "…", bold, size) > max_width:
            shaped = shaped[:-1]
        shaped += "…"
    shown = shaping.visual(shaped, shaping.base_is_rtl(value))
    width = shaping.width(shown, bold, size)
    if align == "right":
        x -= width
    elif align == "center":
        x -= width / 2
    draw_runs(canvas, shaping.runs(shown, bold), x, y, size)


class Bookmark(Flowable):  # type: ignore[misc]
    """Marks the page it lands on for an outline entry (the canvas adds it when the page is
    finally written, see page.ReportCanvas)."""

    def __init__(self, key: str, title: str, level: int = 0) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        note: Callable[[str, str, int], Any] | None = getattr(self.canv, "note_bookmark", None)
        if note is not None:
            note(self.key, self.title, self.level)


class ProgressMark(Flowable):  # type: ignore[misc]
    """Reports `units` of work done when the layout reaches it."""

    def __init__(self, advance: Callable[[int], None], units: int) -> None:
        super().__init__()
        self.advance, self.units = advance, units
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.advance(self.units)
