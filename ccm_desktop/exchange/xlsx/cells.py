"""Values of the report <-> cells of our own workbooks, exactly.

Decisions (reading our own workbook gives back exactly the report written; docs/excel.md):
- Text is always a string cell, never a formula or an error code, whatever it begins with.
  Characters XML cannot carry (and a carriage return, which XML parsers turn into a line feed)
  are written with the OOXML escape `_xHHHH_`, and a literal `_xHHHH_` in the text is escaped
  itself, as Excel does.
- Whole numbers are number cells up to 10**15 (Excel keeps 15 significant digits); beyond that
  they are text cells of digits.
- Decimals (areas, money, coordinates) are number cells only when a double holds them exactly
  enough that its shortest form gives the same decimal back and Excel shows every digit (at most
  15 significant digits); otherwise they are text cells of plain digits (a 25-digit area stays
  exact). Nothing passes through a float unless the float gives back the same Decimal.
- Dates are date cells (yyyy-mm-dd) from 1900-03-01 on; earlier dates, which Excel cannot hold,
  are ISO text.
- Choices, yes/no and States are written as words in the workbook's language, read back by
  those words, by the English words or by the id; a value that is not one of the known ones is
  written and read as it stands.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from ccm_desktop.domain.report import is_empty
from ccm_desktop.schema.i18n import N_, message, translate
from ccm_desktop.schema.kinds import (
    WHOLE_DIGITS_READ,
    Attachments,
    Choice,
    DateKind,
    DecimalNumber,
    Int,
    Kind,
    KindError,
    StateKind,
    Text,
    Year,
    YesNo,
)

EXCEL_CELL_LIMIT = 32_767
MAX_EXACT_INT = 10**15
FIRST_EXCEL_DATE = date(1900, 3, 1)  # before it, Excel's 1900 leap-year bug shifts serials

_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_PLAIN_DECIMAL = re.compile(r"\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*")
_PLAIN_INT = re.compile(r"\s*[-+]?\d+\s*")


def escape_text(text: str) -> str:
    """Text -> what goes into the XML of a string cell (OOXML ST_Xstring escaping)."""

    def sub(match: re.Match[str]) -> str:
        found = match.group(0)
        if len(found) == 1:
            return f"_x{ord(found):04X}_"
        return "_x005F" + found  # a literal "_x0041_" stays literal

    return _NEEDS_ESCAPE.sub(sub, text)


def unescape_text(text: str) -> str:
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def decimal_fits_number_cell(value: Decimal) -> bool:
    if not value.is_finite():
        return False
    digits = value.normalize().as_tuple().digits
    if len(digits) > 15:
        return False
    try:
        as_float = float(value)
    except (OverflowError, ValueError):
        return False
    if as_float != 0 and not 1e-300 < abs(as_float) < 1e300:
        return False
    # openpyxl writes numbers as "%.16g"; that text must be the same decimal.
    return Decimal(f"{as_float:.16g}") == value and Decimal(repr(as_float)) == value


def decimal_places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def plain_decimal(value: Decimal) -> str:
    return format(value, "f")


class CellText(str):
    """A value that must be written as a text cell (never a number, formula or error)."""


def to_cell(kind: Kind, value: Any, lang: str) -> Any:
    """The cell value for `value` of `kind`: int, float, datetime, or CellText."""
    if is_empty(value):
        return None
    if isinstance(kind, Attachments):
        return CellText(", ".join(value))
    if isinstance(kind, YesNo) and isinstance(value, bool):
        return CellText(translate(N_("Yes") if value else N_("No"), lang))
    if isinstance(kind, Choice) and isinstance(value, str):
        if value in kind.ids():
            return CellText(translate(kind.label_of(value), lang))
        return CellText(value)
    if isinstance(kind, StateKind) and isinstance(value, str):
        return CellText(state_text(value, lang))
    if isinstance(kind, Int) and isinstance(value, int) and not isinstance(value, bool):
        return value if abs(value) <= MAX_EXACT_INT else CellText(str(value))
    if isinstance(kind, DecimalNumber) and isinstance(value, Decimal):
        return float(value) if decimal_fits_number_cell(value) else CellText(plain_decimal(value))
    if isinstance(kind, DateKind) and isinstance(value, date):
        if value >= FIRST_EXCEL_DATE:
            return datetime(value.year, value.month, value.day)
        return CellText(value.isoformat())
    if isinstance(value, str):
        return CellText(value)
    # A value of the wrong type (a report that did not come through a reader): its text.
    return CellText(str(value))


def written_as_is(kind: Kind) -> bool:
    """Whether `to_cell` gives a non-empty str value of this kind back as it stands, as text
    (the writer then skips asking `to_cell` for it: most cells of a report are such text)."""
    return isinstance(kind, Text) and not isinstance(kind, Choice | StateKind)


def state_text(code: str, lang: str) -> str:
    """A State's name in `lang` when the name leads back to the same code, else the code."""
    from ccm_desktop.schema.states import code_for_name, state_name

    name = state_name(code, lang)
    return name if code_for_name(name, lang) == code else code


# Reading our own workbooks ---------------------------------------------------------------


def _number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def from_cell(kind: Kind, raw: Any, lang: str) -> Any:
    """A cell of our own workbook -> value of `kind`, or None for an empty cell. Raises
    KindError with a plain sentence for a cell that cannot be read as this kind."""
    if raw is None:
        return None
    if isinstance(raw, str):
        text = unescape_text(raw)
        if text == "":
            return None
        return _from_text(kind, text, lang)
    if isinstance(raw, bool):
        if isinstance(kind, YesNo):
            return raw
        raise KindError(N_("holds TRUE or FALSE where {what} belongs"), what=message(_what(kind)))
    if isinstance(raw, datetime | date):
        day = raw.date() if isinstance(raw, datetime) else raw
        if isinstance(kind, DateKind):
            return day
        if isinstance(kind, Text):
            return day.isoformat()
        raise KindError(N_("holds a date where {what} belongs"), what=message(_what(kind)))
    if isinstance(raw, int | float):
        return _from_number(kind, raw)
    if isinstance(raw, time | timedelta):
        raise KindError(N_("holds a time of day where {what} belongs"), what=message(_what(kind)))
    raise KindError(N_("cannot be read"))


def _what(kind: Kind) -> str:
    return {
        "int": N_("a whole number"), "year": N_("a year"), "decimal": N_("a number"),
        "money": N_("an amount"), "area_m2": N_("an area"), "date": N_("a date"),
        "yesno": N_("yes or no"),
    }.get(kind.name, N_("text"))


def _from_number(kind: Kind, raw: int | float) -> Any:
    if isinstance(kind, Int):
        if isinstance(raw, float):
            if not raw.is_integer():
                raise KindError(N_("is not a whole number"))
            raw = int(raw)
        return kind.from_json(raw)  # the same bounds as in a JSON file (a year has four digits)
    if isinstance(kind, DecimalNumber):
        return Decimal(raw) if isinstance(raw, int) else Decimal(repr(raw))
    if isinstance(kind, DateKind):
        from openpyxl.utils.datetime import from_excel

        try:
            moment = from_excel(raw)
        except (ValueError, OverflowError, TypeError):
            raise KindError(N_("is not a date")) from None
        if not isinstance(moment, datetime):
            raise KindError(N_("is not a date"))
        return moment.date()
    if isinstance(kind, YesNo):
        if raw in (0, 1):
            return bool(raw)
        raise KindError(N_("is not yes or no"))
    if isinstance(kind, Attachments):
        raise KindError(N_("holds a number where attachment ids belong"))
    return _number_text(raw)  # text, codes, choices typed as numbers


def _from_text(kind: Kind, text: str, lang: str) -> Any:
    if isinstance(kind, Attachments):
        return [part.strip() for part in text.split(",") if part.strip()] or None
    if isinstance(kind, YesNo):
        folded = text.strip().casefold()
        for flag, word in ((True, N_("Yes")), (False, N_("No"))):
            if folded in (word.casefold(), translate(word, lang).casefold()):
                return flag
        return kind.from_text(text.strip(), lang)
    if isinstance(kind, Choice):
        folded = text.strip().casefold()
        for option in kind.options:
            if folded in (option.id.casefold(), option.label.casefold(),
                          translate(option.label, lang).casefold()):
                return option.id
        return text
    if isinstance(kind, StateKind):
        from ccm_desktop.schema.states import code_for_name

        return code_for_name(text, lang) or text
    if isinstance(kind, Year | Int):
        if _PLAIN_INT.fullmatch(text) and len(text) <= WHOLE_DIGITS_READ:
            return kind.from_json(int(text))  # the bounds of a JSON file (four-digit years)
        return kind.from_text(text.strip(), lang)
    if isinstance(kind, DecimalNumber):
        if _PLAIN_DECIMAL.fullmatch(text):
            try:
                return Decimal(text.strip())
            except InvalidOperation:
                pass
        return kind.from_text(text.strip(), lang)
    if isinstance(kind, DateKind):
        return kind.from_text(text.strip(), lang)
    return text
