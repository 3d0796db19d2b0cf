"""Cells of workbooks people made -> values of the report's kinds.

People's workbooks hold numbers as numbers or as text ("1.234,5", "1,234.5", "12,5 ha"), dates
as date cells, as serial numbers or as text ("31/12/2015", "12/31/2015", "2015-12-31"), choices
in any of the six languages. The mapping says which decimal separator and which date order the
text uses, and the unit of each area column; everything else is recognised here.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from ccm_desktop.schema.i18n import N_, UN_LANGUAGES, Words, message, translate
from ccm_desktop.schema.kinds import (
    AREA_UNITS,
    AreaM2,
    Attachments,
    Choice,
    Code,
    DateKind,
    DecimalNumber,
    Int,
    Kind,
    KindError,
    StateKind,
    Year,
    YesNo,
    parse_number_text,
    to_square_metres,
)
from ccm_desktop.schema.units import fold as fold
from ccm_desktop.schema.units import strip_unit as strip_unit
from ccm_desktop.schema.units import unit_in as unit_in

DATE_ORDERS = ("dd/mm/yyyy", "mm/dd/yyyy", "yyyy-mm-dd")
DECIMAL_SEPARATORS = (".", ",")

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_CURRENCY_SIGNS = re.compile(r"[$€£¥₽₣₤₹]")
_DMY = re.compile(r"(\d{1,2})[./\-](\d{1,2})[./\-](\d{2}|\d{4})")
_YMD = re.compile(r"(\d{4})[./\-](\d{1,2})[./\-](\d{1,2})")


def _clean_number_text(text: str, decimal_separator: str) -> str:
    # The Arabic decimal and thousands signs say which is which whatever the mapping says.
    text = text.translate(_ARABIC_DIGITS).replace("\u2212", "-")
    text = text.replace("\u066b", decimal_separator).replace("\u066c", "")
    text = _CURRENCY_SIGNS.sub("", text)
    return text.replace("'", "").replace("’", "").strip()


def number_from_text(text: str, decimal_separator: str) -> Decimal:
    cleaned = _clean_number_text(text, decimal_separator)
    if not re.fullmatch(r"[-+]?[\d\s.,\u00a0\u202f]+", cleaned) or not re.search(r"\d", cleaned):
        raise KindError(N_("is not a number"))
    return parse_number_text(cleaned, decimal_separator)


def _decimal_from_float(value: float) -> Decimal:
    """What Excel shows of a double: at most 15 significant digits, then exact."""
    number = Decimal(repr(value))
    if len(number.as_tuple().digits) > 15:
        number = Decimal(f"{value:.15g}")
    return number.normalize() if number != number.to_integral_value() else number.quantize(
        Decimal(1))


def convert_cell(kind: Kind, raw: Any, *, unit: str | None = None, dates: str = "dd/mm/yyyy",
                 decimal_separator: str = ".", lang: str = "en") -> Any:
    """One cell of a person's workbook as a value of `kind` (None when blank). Raises
    KindError with a plain sentence when it cannot be one."""
    if raw is None or isinstance(raw, str) and not raw.strip():
        return None
    if isinstance(kind, Attachments):
        raise KindError(N_("attachments cannot be imported from a workbook"))
    if isinstance(raw, bool):
        if isinstance(kind, YesNo):
            return raw
        raise KindError(N_("is TRUE or FALSE, not {what}"), what=message(_what(kind)))
    if isinstance(raw, time | timedelta):
        raise KindError(N_("is a time of day, not {what}"), what=message(_what(kind)))
    if isinstance(kind, DateKind):
        return _date(raw, dates)
    if isinstance(kind, Year):
        return _year(raw)
    if isinstance(kind, Int):
        return _int(raw, decimal_separator)
    if isinstance(kind, DecimalNumber):
        return _decimal(kind, raw, unit, decimal_separator)
    if isinstance(raw, datetime | date):
        day = raw.date() if isinstance(raw, datetime) else raw
        if isinstance(kind, YesNo | Choice):
            raise KindError(N_("is a date, not {what}"), what=message(_what(kind)))
        return day.isoformat()
    text = _text_of(raw)
    if isinstance(kind, YesNo):
        return _yes_no(text, lang)
    if isinstance(kind, Choice):
        return _choice(kind, text, lang)
    if isinstance(kind, StateKind):
        return _state(text, lang)
    if isinstance(kind, Code):
        return text.strip().upper()
    return text.strip() if "\n" not in text else "\n".join(
        line.rstrip() for line in text.strip().split("\n"))


def _what(kind: Kind) -> str:
    return {
        "int": N_("a whole number"), "year": N_("a year"), "decimal": N_("a number"),
        "money": N_("an amount"), "area_m2": N_("an area"), "date": N_("a date"),
        "yesno": N_("yes or no"), "choice": N_("one of the choices"),
    }.get(kind.name, N_("text"))


def _text_of(raw: Any) -> str:
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() and abs(raw) < 1e15 else repr(raw)
    return str(raw)


def _date(raw: Any, order: str) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, int | float):
        from openpyxl.utils.datetime import from_excel

        if not 1 <= raw < 2958466:
            raise KindError(N_("is a number, not a date"))
        moment = from_excel(raw)
        if isinstance(moment, datetime):
            return moment.date()
        raise KindError(N_("is a number, not a date"))
    text = str(raw).strip().translate(_ARABIC_DIGITS)
    text = re.sub(r"[ T]00:00(:00)?$", "", text)
    match = _YMD.fullmatch(text)
    if match:
        y, m, d = (int(p) for p in match.groups())
        return _make(y, m, d)
    match = _DMY.fullmatch(text)
    if match:
        first, second, year = (int(p) for p in match.groups())
        if len(match.group(3)) == 2:
            year += 2000 if year < 70 else 1900
        if order == "mm/dd/yyyy":
            first, second = second, first
        elif order == "yyyy-mm-dd":
            raise KindError(N_("is not a date in the form YYYY-MM-DD"))
        return _make(year, second, first)
    raise KindError(N_("is not a date in the form {order}"), order=order.upper())


def _make(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise KindError(N_("is not a real date")) from None


def _year(raw: Any) -> int:
    if isinstance(raw, datetime | date):
        return raw.year
    if isinstance(raw, float):
        if not raw.is_integer():
            raise KindError(N_("is not a year"))
        raw = int(raw)
    if isinstance(raw, int):
        return raw
    text = str(raw).strip().translate(_ARABIC_DIGITS)
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    raise KindError(N_("is not a year (four digits)"))


def _int(raw: Any, separator: str) -> int:
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if not raw.is_integer():
            raise KindError(N_("is not a whole number"))
        return int(raw)
    if isinstance(raw, datetime | date):
        raise KindError(N_("is a date, not a whole number"))
    number = number_from_text(str(raw), separator)
    if number != number.to_integral_value():
        raise KindError(N_("is not a whole number"))
    return int(number)


def _decimal(kind: DecimalNumber, raw: Any, unit: str | None, separator: str) -> Decimal:
    if isinstance(raw, datetime | date):
        raise KindError(N_("is a date, not a number"))
    if isinstance(raw, int):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = _decimal_from_float(raw)
    else:
        text, cell_unit = strip_unit(str(raw))
        if cell_unit is not None and not isinstance(kind, AreaM2):
            raise KindError(N_("is an area, not a number"))
        unit = cell_unit or unit
        number = number_from_text(text, separator)
    if isinstance(kind, AreaM2):
        return to_square_metres(number, unit if unit in AREA_UNITS else "m2")
    return number


def _yes_no(text: str, lang: str) -> bool:
    folded = fold(text)
    for flag, word in ((True, N_("Yes")), (False, N_("No"))):
        for language in (lang, *UN_LANGUAGES):
            if folded == fold(translate(word, language)):
                return flag
    try:
        return bool(YesNo().from_text(folded, lang))
    except KindError:
        raise KindError(N_("is not yes or no")) from None


def _choice(kind: Choice, text: str, lang: str) -> str:
    folded = fold(text)
    for option in kind.options:
        names = {fold(option.id), fold(option.id.replace("_", " ")), fold(option.label)}
        names |= {fold(translate(option.label, language)) for language in UN_LANGUAGES}
        if folded in names:
            return option.id
    labels = Words(tuple(message(o.label) for o in kind.options))
    raise KindError(N_("is not one of the choices ({choices})"), choices=labels)


def _state(text: str, lang: str) -> str:
    from ccm_desktop.schema.states import code_for_name

    for language in (lang, *UN_LANGUAGES):
        code = code_for_name(text, language)
        if code:
            return code
    raise KindError(N_("is not a State we know (write its name or ISO code)"))
