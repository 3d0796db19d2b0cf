"""The page: A4 portrait or landscape, a header line, "page N of M", small print on the last page.

"page N of M" needs M before any page is written. `ReportCanvas` therefore keeps each finished
page's drawing instructions until the whole document is laid out, then draws the header, footer,
draft mark and outline entries on every page and writes them. (reportlab holds every page in
memory until it writes the file anyway, so this costs little more.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from ccm_desktop.exchange.pdf import shaping
from ccm_desktop.exchange.pdf.draft import draw_draft_mark
from ccm_desktop.exchange.pdf.flowables import draw_line
from ccm_desktop.exchange.pdf.styles import (
    LANDSCAPE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PORTRAIT,
    RULE,
)


@dataclass
class PageDecoration:
    """What is drawn on every page once the number of pages is known."""

    header_left: str
    header_right: str
    footer: str  # with {page} and {pages}
    last_page_note: str
    draft_mark: str | None
    rtl: bool
    on_page: Callable[[int, int], None] | None = None  # (page, pages): progress while writing

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        width, height = canvas._pagesize
        canvas.saveState()
        left, right = MARGIN_X, width - MARGIN_X
        start, end = (right, left) if self.rtl else (left, right)
        start_align, end_align = ("right", "left") if self.rtl else ("left", "right")
        header_y = height - MARGIN_TOP + 6 * mm
        canvas.setFillColor(MUTED)
        # The State and its period come first: a long UN name ("United Kingdom of Great
        # Britain and Northern Ireland") takes the room of the right-hand title, which is
        # left out rather than the period cut.
        first = min(shaping.width(shaping.shape(self.header_left), True, 8.0), right - left)
        rest = right - left - first - 8 * mm
        if rest >= 30 * mm:
            draw_line(canvas, self.header_right, end, header_y, 7.5, align=end_align,
                      max_width=rest)
        draw_line(canvas, self.header_left, start, header_y, 8.0, bold=True, align=start_align,
                  max_width=first)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, header_y - 2.2 * mm, right, header_y - 2.2 * mm)
        footer_y = MARGIN_BOTTOM - 9 * mm
        canvas.line(left, footer_y + 4 * mm, right, footer_y + 4 * mm)
        canvas.setFillColor(MUTED)
        draw_line(canvas, self.footer.format(page=page, pages=pages), width / 2, footer_y, 8.0,
                  align="center")
        if page == pages:
            draw_line(canvas, self.last_page_note, width / 2, footer_y - 4 * mm, 5.6,
                      align="center", max_width=right - left)
        canvas.restoreState()
        if self.draft_mark:
            draw_draft_mark(canvas, self.draft_mark)
        if self.on_page is not None:
            self.on_page(page, pages)


class ReportCanvas(Canvas):  # type: ignore[misc]
    """A canvas that writes its pages only at the end, when their number is known."""

    def __init__(self, *args: Any, decoration: PageDecoration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decoration = decoration
        self._held: list[dict[str, Any]] = []
        self._page_marks: list[tuple[str, str, int]] = []

    def note_bookmark(self, key: str, title: str, level: int) -> None:
        self._page_marks.append((key, title, level))

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._held.append(dict(self.__dict__))
        self._page_marks = []
        self._startPage()

    def save(self) -> None:
        held, self._held = self._held, []
        pages = len(held)
        for number in range(1, pages + 1):
            state = held[number - 1]
            held[number - 1] = {}
            self.__dict__.update(state)
            self._decoration.draw(self, number, pages)
            for key, title, level in self._page_marks:
                # The top of the page at the reader's zoom (a bare "Fit" changed the zoom of
                # every viewer, and Qt's PDF module finds no place in it).
                self.bookmarkPage(key, fit="XYZ", left=0, top=self._pagesize[1], zoom=0)
                self.addOutlineEntry(title, key, level=level, closed=False)
            Canvas.showPage(self)
        self.showOutline()
        Canvas.save(self)


class ReportDoc(BaseDocTemplate):  # type: ignore[misc]
    """Portrait and landscape A4 page templates with the report's margins."""

    def __init__(self, target: IO[bytes], **kwargs: Any) -> None:
        super().__init__(target, pagesize=PORTRAIT, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, **kwargs)
        templates = []
        for name, size in (("portrait", PORTRAIT), ("landscape", LANDSCAPE)):
            width, height = size
            frame = Frame(MARGIN_X, MARGIN_BOTTOM, width - 2 * MARGIN_X,
                          height - MARGIN_TOP - MARGIN_BOTTOM, id=name, leftPadding=0,
                          rightPadding=0, topPadding=0, bottomPadding=0)
            templates.append(PageTemplate(id=name, frames=[frame], pagesize=size))
        self.addPageTemplates(templates)
