"""Sizes, colours and text styles of the PDF report (A4, sober, like a UN document)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from reportlab.lib.colors import Color, HexColor, black
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from ccm_desktop.exchange.pdf import fonts
from ccm_desktop.schema.i18n import RTL_LANGUAGES

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN_X = 18 * mm
MARGIN_TOP = 20 * mm  # the header line sits inside it
MARGIN_BOTTOM = 18 * mm  # the footer sits inside it

INK = black
MUTED = HexColor("#5A6470")
RULE = HexColor("#8A94A0")
HEADER_FILL = HexColor("#E4E8ED")
LABEL_FILL = HexColor("#F1F3F5")
TOTAL_FILL = HexColor("#EDEFF2")
# Voluntary fields and columns, shaded light grey as the official template shades them.
VOLUNTARY_FILL = HexColor("#D9D9D9")
VOLUNTARY_HEADER_FILL = HexColor("#C8C8C8")
ACCENT = HexColor("#1F4E79")
DRAFT = HexColor("#C0392B")

CELL_PAD_X = 3.0
CELL_PAD_TOP = 2.5
CELL_PAD_BOTTOM = 3.0


@dataclass(frozen=True)
class TextStyle:
    """How a piece of text is set. `align` None follows the text's own direction."""

    name: str
    size: float
    leading: float
    bold: bool = False
    color: Color = INK
    align: str | None = None  # "left", "right", "center" or None
    space_before: float = 0.0
    space_after: float = 0.0

    @property
    def font(self) -> str:
        return fonts.BOLD if self.bold else fonts.REGULAR

    def but(self, **changes: object) -> TextStyle:
        return replace(self, **changes)  # type: ignore[arg-type]

    def paragraph_style(self, rtl_text: bool = False) -> ParagraphStyle:
        align = self.align or ("right" if rtl_text else "left")
        return _paragraph_style(self, align)


_CACHE: dict[tuple[TextStyle, str], ParagraphStyle] = {}


def _paragraph_style(style: TextStyle, align: str) -> ParagraphStyle:
    key = (style, align)
    cached = _CACHE.get(key)
    if cached is None:
        cached = ParagraphStyle(
            style.name, fontName=style.font, fontSize=style.size, leading=style.leading,
            textColor=style.color, spaceBefore=style.space_before, spaceAfter=style.space_after,
            alignment={"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}[align],
            splitLongWords=1, allowWidows=1, allowOrphans=0,
        )
        _CACHE[key] = cached
    return cached


@dataclass(frozen=True)
class Styles:
    """The styles of one export, for its label language (`lang`)."""

    lang: str

    @property
    def rtl(self) -> bool:
        """Whether the layout itself runs right to left (labels in Arabic)."""
        return self.lang in RTL_LANGUAGES

    @property
    def start(self) -> str:
        return "right" if self.rtl else "left"

    @cached_property
    def body(self) -> TextStyle:
        return TextStyle("body", 9.0, 12.0)

    @cached_property
    def note(self) -> TextStyle:
        return TextStyle("note", 8.5, 11.0, color=MUTED)

    @cached_property
    def small(self) -> TextStyle:
        return TextStyle("small", 7.0, 8.6, color=MUTED)

    @cached_property
    def cell(self) -> TextStyle:
        return TextStyle("cell", 8.0, 9.8)

    @cached_property
    def cell_bold(self) -> TextStyle:
        return TextStyle("cell_bold", 8.0, 9.8, bold=True)

    @cached_property
    def header_cell(self) -> TextStyle:
        return TextStyle("header_cell", 7.5, 9.0, bold=True)

    @cached_property
    def label(self) -> TextStyle:
        return TextStyle("label", 8.5, 10.5, bold=True, color=HexColor("#2B323A"))

    @cached_property
    def value(self) -> TextStyle:
        return TextStyle("value", 9.0, 11.5)

    @cached_property
    def empty(self) -> TextStyle:
        return TextStyle("empty", 9.0, 11.5, color=MUTED)

    @cached_property
    def kicker(self) -> TextStyle:
        return TextStyle("kicker", 10.0, 13.0, color=ACCENT, align=self.start)

    @cached_property
    def title(self) -> TextStyle:
        return TextStyle("title", 22.0, 27.0, bold=True, color=ACCENT, align=self.start,
                         space_after=4.0)

    @cached_property
    def subtitle(self) -> TextStyle:
        return TextStyle("subtitle", 15.0, 19.0, align=self.start, space_after=2.0)

    @cached_property
    def h1(self) -> TextStyle:
        return TextStyle("h1", 14.0, 17.5, bold=True, color=ACCENT, align=self.start)

    @cached_property
    def h1_sub(self) -> TextStyle:
        return TextStyle("h1_sub", 12.0, 15.0, bold=True, align=self.start, space_after=3.0)

    @cached_property
    def h2(self) -> TextStyle:
        return TextStyle("h2", 10.5, 13.0, bold=True, color=ACCENT, align=self.start,
                         space_before=8.0, space_after=3.0)

    @cached_property
    def help(self) -> TextStyle:
        return TextStyle("help", 8.0, 10.0, color=MUTED, align=self.start, space_after=4.0)
