"""The fonts the PDF embeds, and which of them draws a given character.

DejaVu Sans (regular and bold) covers Latin, Cyrillic, Greek and the Arabic presentation forms;
WenQuanYi Micro Hei covers Chinese, Japanese and Korean. Both ship in `resources/fonts/` so that
the PDF does not depend on what the machine has installed. A run of text is drawn in the first
font of its chain that has a glyph for it (bold text: DejaVu Bold, DejaVu, WenQuanYi).
"""

from __future__ import annotations

import threading
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ccm_desktop.resources import resource_path

FONT_DIR = resource_path("fonts")

REGULAR = "CCMSans"
BOLD = "CCMSans-Bold"
CJK = "CCMCJK"

_FILES: dict[str, tuple[str, int]] = {
    REGULAR: ("DejaVuSans.ttf", 0),
    BOLD: ("DejaVuSans-Bold.ttf", 0),
    CJK: ("wqy-microhei.ttc", 0),
}
_lock = threading.Lock()
_registered: set[str] = set()


def register() -> None:
    """Register the fonts with reportlab (once per process; safe from worker threads)."""
    with _lock:
        for name, (filename, index) in _FILES.items():
            if name in _registered:
                continue
            path = FONT_DIR / filename
            if not path.is_file():
                raise FileNotFoundError(f"the font {filename} is missing from {FONT_DIR}")
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
            _registered.add(name)
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR,
                                      boldItalic=BOLD)


@cache
def _cmap(name: str) -> frozenset[int]:
    register()
    font = pdfmetrics.getFont(name)
    return frozenset(font.face.charToGlyph)


def has_glyph(font: str, char: str) -> bool:
    return ord(char) in _cmap(font)


def chain(bold: bool) -> tuple[str, ...]:
    return (BOLD, REGULAR, CJK) if bold else (REGULAR, CJK)


@cache
def font_for(char: str, bold: bool) -> str:
    """The first font of the chain that can draw `char` (the primary font if none can)."""
    fonts = chain(bold)
    for font in fonts:
        if has_glyph(font, char):
            return font
    return fonts[0]


def string_width(text: str, font: str, size: float) -> float:
    if font not in _registered:
        register()
    return float(pdfmetrics.stringWidth(text, font, size))
