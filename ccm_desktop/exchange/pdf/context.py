"""What every part of the PDF needs to know: the report, the label language, styles, progress."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, localcontext
from functools import cache
from typing import Any

from babel.dates import format_date, get_date_format

from ccm_desktop.domain.report import Report, is_empty
from ccm_desktop.exchange.pdf.styles import (
    LANDSCAPE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PORTRAIT,
    Styles,
)
from ccm_desktop.schema.i18n import translate
from ccm_desktop.schema.kinds import (
    AREA_UNIT_SYMBOLS,
    AREA_UNITS,
    AreaM2,
    Attachments,
    DateKind,
    format_number,
)
from ccm_desktop.schema.model import Field

# How a unit of area is written in a column heading and after a value.
_AREA_SCALE = {unit: -(len(str(factor)) - 1) for unit, factor in AREA_UNITS.items()}


@cache
def _date_pattern(lang: str) -> tuple[str, str]:
    """(Babel locale, pattern) of the language's short date with the year in full: the
    template's dd/mm/yyyy in English, the language's own order and separators elsewhere."""
    locale = {"en": "en_GB", "zh": "zh_Hans"}.get(lang, lang)
    try:
        pattern = str(get_date_format("short", locale=locale).pattern)
    except Exception:  # noqa: BLE001 - an unknown language writes dates as the template does
        locale, pattern = "en_GB", "dd/MM/y"
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "y").replace("y", "yyyy")
    return locale, pattern


def short_date(day: date, lang: str) -> str:
    """A date as the printed report writes it: 15/03/2023 in English, 15.03.2023 in Russian."""
    locale, pattern = _date_pattern(lang)
    # Without CLDR's direction marks (Arabic): the date is one left-to-right run, kept whole
    # inside right-to-left text.
    return "".join(ch for ch in str(format_date(day, pattern, locale=locale))
                   if ch not in "\u200e\u200f\u061c")


def in_area_unit(square_metres: Decimal | int, unit: str) -> Decimal:
    """An area in m² expressed in `unit`, exactly (a shift of the decimal point; no digit is
    lost), without trailing zeros after the point (printed without exponent by
    `format_number`)."""
    stored = Decimal(square_metres)
    if unit == "m2":
        return stored
    with localcontext() as ctx:  # room for every digit (the default context keeps 28)
        ctx.prec = len(stored.as_tuple().digits) + 10
        return stored.scaleb(_AREA_SCALE.get(unit, 0)).normalize()

ProgressCallback = Callable[[int, int], None]


class Tracker:
    """Turns units of work into `progress(done, total)` calls, at most about 200 of them."""

    def __init__(self, callback: ProgressCallback | None, total: int) -> None:
        self.callback = callback
        self.total = max(total, 1)
        self.done = 0
        self._last = -1
        self._step = max(self.total // 200, 1)
        self._lock = threading.Lock()

    def advance(self, units: int) -> None:
        with self._lock:
            self.done = min(self.done + units, self.total)
            due = self.done - self._last >= self._step or self.done == self.total
        if due:
            self._emit()

    def finish(self) -> None:
        self.done = self.total
        self._emit()

    def _emit(self) -> None:
        if self.callback is not None and self.done != self._last:
            self._last = self.done
            self.callback(self.done, self.total)


def frame_size(wide: bool) -> tuple[float, float]:
    """Width and height of the text area of a portrait or landscape page."""
    width, height = LANDSCAPE if wide else PORTRAIT
    return width - 2 * MARGIN_X, height - MARGIN_TOP - MARGIN_BOTTOM


@dataclass
class Ctx:
    report: Report
    lang: str
    styles: Styles
    tracker: Tracker
    numbers_locale: str = "en"
    draft: bool = False
    cache: dict[str, Any] = field(default_factory=dict)

    def t(self, text: str) -> str:
        """A label in the export's language (English where no translation exists yet)."""
        return translate(text, self.lang)

    @property
    def area_unit(self) -> str:
        """The unit the report prints its areas in (the cover's `area_unit`; m² when empty)."""
        unit = self.report.cover.fields.get("area_unit")
        return unit if isinstance(unit, str) and unit in AREA_UNITS else "m2"

    def label(self, column: Field) -> str:
        """A field's or column's label; an area's carries the report's unit."""
        label = self.t(column.label)
        if not isinstance(column.kind, AreaM2):
            return label
        symbol = AREA_UNIT_SYMBOLS[self.area_unit]
        if "m²" in label:
            return label.replace("m²", symbol)
        return f"{label} ({symbol})"

    def display(self, column: Field, value: Any) -> str:
        """A value as a reader sees it: numbers grouped for the locale, dates as the template
        writes them, areas in the report's unit, choices and States by name, attachments by
        file name. Never fails: an odd value in a draft prints as is."""
        if is_empty(value):
            return ""
        if isinstance(column.kind, DateKind) and isinstance(value, date):
            return short_date(value, self.lang)
        if isinstance(column.kind, AreaM2) and isinstance(value, (int, Decimal)) \
                and not isinstance(value, bool) and self.area_unit != "m2":
            try:
                return format_number(in_area_unit(value, self.area_unit), self.numbers_locale)
            except ArithmeticError:
                return str(value)
        if isinstance(column.kind, Attachments):
            names = []
            for ref in value if isinstance(value, list) else [value]:
                attachment = self.report.attachments.get(str(ref))
                names.append(attachment.filename if attachment is not None else str(ref))
            return "\n".join(names)
        try:
            return str(column.kind.format(value, self.numbers_locale))
        except Exception:  # noqa: BLE001 - a value the kind cannot format still prints
            return str(value)
