"""The few looks the window shares: spacing on an 8-px grid, one accent colour, muted text."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

SPACING = 8
ACCENT = "#1f5fa8"
OUTLINE = "#e08a00"
MUTED = "#5f6368"
ERROR = "#b00020"
WARNING = "#8a5a00"


def heading_font(base: QFont, scale: float) -> QFont:
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    font.setPointSizeF(size * scale)
    font.setBold(True)
    return font


def small(widget: QWidget) -> None:
    """Secondary text: a little smaller and muted."""
    font = QFont(widget.font())
    size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    font.setPointSizeF(size * 0.92)
    widget.setFont(font)
    widget.setStyleSheet(f"color: {MUTED};")
