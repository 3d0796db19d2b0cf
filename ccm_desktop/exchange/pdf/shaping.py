"""Text that reportlab cannot lay out by itself: Arabic and Hebrew, Chinese, mixed scripts.

reportlab draws glyphs left to right, one font at a time, and breaks lines at spaces. So for
text in other scripts this module does the work first:

- Arabic letters are joined (arabic-reshaper gives the contextual presentation forms);
- lines are broken in logical order (at spaces, and between Chinese characters), then each line
  is put in visual order with the Unicode bidirectional algorithm (python-bidi), so that the
  first line of a right-to-left paragraph holds its first words;
- each visual line is cut into runs drawn in the font that has the glyphs (`fonts.font_for`).

Text that needs none of this ("simple" text) goes to reportlab's Paragraph as it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import arabic_reshaper
from bidi import get_display
from bidi.mirror import MIRRORED

from ccm_desktop.exchange.pdf import fonts


def _reshaper() -> arabic_reshaper.ArabicReshaper:
    """Join Arabic letters, with only the ligatures the embedded font can draw (lam-alef)."""
    from arabic_reshaper.ligatures import LIGATURES

    # Harakat (vowel marks, shadda) are kept: arabic-reshaper deletes them by default, and a
    # word such as "مؤكَّدة" would lose its shadda.
    config: dict[str, object] = {"support_ligatures": True, "delete_harakat": False}
    for name, (_chars, forms) in LIGATURES:
        if not all(not f or all(fonts.has_glyph(fonts.REGULAR, c) for c in f) for f in forms):
            config[name] = False
    return arabic_reshaper.ArabicReshaper(configuration=config)


_RESHAPER: arabic_reshaper.ArabicReshaper | None = None


@cache
def is_rtl_char(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


@cache
def _is_arabic_letter(char: str) -> bool:
    code = ord(char)
    return 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x08A0 <= code <= 0x08FF


@cache
def is_cjk_char(char: str) -> bool:
    """Characters of scripts written without spaces: a line may break before or after them."""
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFE30 <= code <= 0xFE4F
            or 0xFF00 <= code <= 0xFFEF or 0xAC00 <= code <= 0xD7AF or 0x20000 <= code <= 0x3FFFF)


# No line starts with closing punctuation, and none ends with opening punctuation.
_NO_START = frozenset("，。、；：！？）」』】》〉〕］｝,.;:!?)]}%…・ー々")
_NO_END = frozenset("（「『【《〈〔［｛([{")


# Bidirectional formatting characters: they steer the ordering and are never drawn.
CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"


def isolate(text: str, first_strong: bool = False) -> str:
    """`text` kept apart from its neighbours when lines are ordered (a date inside Arabic text
    stays 2023-01-01); left to right, or in its own direction with `first_strong`."""
    return f"{FSI if first_strong else LRI}{text}{PDI}"


def strip_controls(text: str) -> str:
    return "".join(c for c in text if c not in CONTROLS) if not text.isascii() else text


@cache
def _simple_char(char: str, bold: bool) -> bool:
    return (not is_rtl_char(char) and char not in CONTROLS
            and fonts.has_glyph(fonts.BOLD if bold else fonts.REGULAR, char))


def is_simple(text: str, bold: bool = False) -> bool:
    """Whether reportlab's Paragraph can set `text` alone: left to right, one font."""
    if text.isascii():
        return True
    return all(_simple_char(c, bold) for c in text)


def has_rtl(text: str) -> bool:
    return not text.isascii() and any(is_rtl_char(c) for c in text)


def base_is_rtl(text: str) -> bool:
    """The paragraph direction (Unicode rules P2, P3): that of its first strong character."""
    if text.isascii():
        return False
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def shape(text: str) -> str:
    """Arabic letters in their joined (presentation) forms; other text unchanged."""
    global _RESHAPER
    if text.isascii() or not any(_is_arabic_letter(c) for c in text):
        return text
    if _RESHAPER is None:
        _RESHAPER = _reshaper()
    return str(_RESHAPER.reshape(text))


def visual(line: str, rtl: bool) -> str:
    """One line in the order its glyphs are drawn, left to right: the levels of the Unicode
    bidirectional algorithm (python-bidi, with isolates and bracket pairs), then the line
    reordered (rule L2) with brackets mirrored where they run right to left (rule L4)."""
    if not has_rtl(line):
        return strip_controls(line)
    levels = _levels(line, rtl)
    if levels is None:  # an unexpected python-bidi: its own ordering, without mirroring
        return strip_controls(str(get_display(line, base_dir="R" if rtl else "L")))
    base = 1 if rtl else 0
    end = len(line) - 1
    while end >= 0 and (line[end].isspace() or line[end] in CONTROLS):
        levels[end] = base  # rule L1: trailing white space takes the paragraph's level
        end -= 1
    kept = [(c, lv) for c, lv in zip(line, levels, strict=True) if c not in CONTROLS]
    chars = [MIRRORED.get(c, c) if lv % 2 else c for c, lv in kept]
    order = [lv for _c, lv in kept]
    odd = [lv for lv in order if lv % 2]
    if odd:
        for level in range(max(order), min(odd) - 1, -1):
            i = 0
            while i < len(chars):
                if order[i] < level:
                    i += 1
                    continue
                j = i
                while j < len(chars) and order[j] >= level:
                    j += 1
                chars[i:j] = chars[i:j][::-1]
                order[i:j] = order[i:j][::-1]
                i = j
    return "".join(chars)


_LEVEL = re.compile(r"Level\(\s*(\d+)\s*,?\s*\)")


def _levels(line: str, rtl: bool) -> list[int] | None:
    """The embedding level of each character of `line`, read from python-bidi's report (which
    gives one level per UTF-8 byte); None if that report is not as expected."""
    report = str(get_display(line, base_dir="R" if rtl else "L", debug=True))
    if "levels:" not in report:
        return None
    section = report.split("levels:", 1)[1].split("paragraphs:", 1)[0]
    per_byte = [int(n) for n in _LEVEL.findall(section)]
    if len(per_byte) != len(line.encode("utf-8")):
        return None
    levels: list[int] = []
    at = 0
    for char in line:
        levels.append(per_byte[at])
        at += len(char.encode("utf-8"))
    return levels


def runs(text: str, bold: bool) -> list[tuple[str, str]]:
    """`text` cut into (font, text) runs. Spaces and punctuation stay in the current run when
    its font can draw them, so that a Chinese sentence is not cut at every comma; letters and
    figures take the first font that has them (figures look the same everywhere)."""
    out: list[tuple[str, str]] = []
    current_font: str | None = None
    current: list[str] = []
    for char in text:
        if current_font is not None and _neutral(char) and fonts.has_glyph(current_font, char):
            current.append(char)
            continue
        font = fonts.font_for(char, bold)
        if font != current_font:
            if current:
                out.append((current_font or font, "".join(current)))
            current_font, current = font, [char]
        else:
            current.append(char)
    if current and current_font is not None:
        out.append((current_font, "".join(current)))
    return out


@cache
def _neutral(char: str) -> bool:
    return unicodedata.category(char)[0] in "ZP" or char in "-/+"


@lru_cache(maxsize=4096)
def _char_width(char: str, bold: bool, size: float) -> float:
    if char in CONTROLS:
        return 0.0
    return fonts.string_width(char, fonts.font_for(char, bold), size)


def width(text: str, bold: bool, size: float) -> float:
    """The width of `text` drawn with the fonts `runs` would choose."""
    if is_simple(text, bold):
        return fonts.string_width(text, fonts.BOLD if bold else fonts.REGULAR, size)
    return sum(_char_width(c, bold, size) for c in text)


def _pieces(line: str) -> list[str]:
    """Cut a line where it may break: after spaces, and around Chinese characters."""
    pieces: list[str] = []
    current = ""
    for char in line:
        if current:
            last = current[-1]
            cut = (last == " " and char != " ")
            if not cut and char != " " and last != " " and last not in _NO_END \
                    and char not in _NO_START:
                cut = is_cjk_char(char) or is_cjk_char(last)
            if cut:
                pieces.append(current)
                current = ""
        current += char
    if current:
        pieces.append(current)
    return pieces


@dataclass(frozen=True)
class Line:
    """One visual line: its runs (font, text) left to right and its width."""

    runs: tuple[tuple[str, str], ...]
    width: float
    rtl: bool


def lay_out(text: str, max_width: float, bold: bool, size: float) -> list[Line]:
    """Break `text` into lines no wider than `max_width` (a word longer than a line is cut),
    shape Arabic, order each line for display and cut it into font runs."""
    rtl = base_is_rtl(text)
    lines: list[Line] = []
    for logical in break_lines(shape(text), max_width, bold, size):
        shown = visual(logical, rtl)
        lines.append(Line(tuple(runs(shown, bold)), width(shown, bold, size), rtl))
    return lines


def break_lines(text: str, max_width: float, bold: bool, size: float) -> list[str]:
    """Logical lines of `text` (already shaped), each fitting `max_width` where possible."""
    out: list[str] = []
    for hard in text.split("\n"):
        current, current_width = "", 0.0
        for piece in _pieces(hard.rstrip()):
            piece_width = width(piece, bold, size)
            trimmed_width = current_width + width(piece.rstrip(" "), bold, size)
            if current and trimmed_width > max_width:
                out.append(current.rstrip(" "))
                current, current_width = "", 0.0
            current += piece
            current_width += piece_width
            while width(current.rstrip(" "), bold, size) > max_width and len(current.rstrip()) > 1:
                head = _fitting_prefix(current, max_width, bold, size)
                out.append(head)
                current = current[len(head):].lstrip(" ")
                current_width = width(current, bold, size)
        out.append(current.rstrip(" "))
    return out


def _fitting_prefix(text: str, max_width: float, bold: bool, size: float) -> str:
    """The longest prefix of `text` (at least one character) that fits `max_width`."""
    total = 0.0
    for i, char in enumerate(text):
        total += _char_width(char, bold, size)
        if total > max_width:
            return text[:max(i, 1)]
    return text
