"""Value kinds: how a value is parsed from text, formatted, checked and written to JSON.

A kind knows nothing of Qt, Excel or PDF. Each has three faces:
- `from_json(v)` / `to_json(value)`: the report file (docs/json-format.md); a value
  that cannot be represented raises `KindError`.
- `parse(text, locale)` / `format(value, locale)`: what a person types and reads.
- `check(value)`: a plain sentence if a readable value is still wrong (negative, unknown code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, localcontext
from functools import cache
from typing import Any, ClassVar

from babel.numbers import get_decimal_symbol, get_group_symbol

from ccm_desktop.domain.errors import UserError
from ccm_desktop.schema.i18n import N_, language, message, translate
from ccm_desktop.schema.numbers import (
    NOT_A_NUMBER,
    NumberTextError,
    read_decimal,
    read_with,
    separator_symbols,
)
from ccm_desktop.schema.units import strip_unit


class KindError(UserError, ValueError):
    """A value that cannot be represented in this kind; the message is one plain sentence,
    a template marked with N_ and its parameters, written in the reader's language by
    `text(lang)` (`str(error)` is the English)."""

    def __init__(self, template: str, **params: Any) -> None:
        self.message = message(template, **params)
        super().__init__(self.message)

    def text(self, lang: str = "en") -> str:
        return self.message.text(language(lang))


def _babel_locale(locale: str) -> str:
    return {"zh": "zh_Hans", "ar": "ar"}.get(locale, locale)


@dataclass(frozen=True)
class Kind:
    name: ClassVar[str] = "kind"
    is_number: ClassVar[bool] = False
    multiline: ClassVar[bool] = False

    def from_json(self, raw: Any) -> Any:
        raise NotImplementedError

    def to_json(self, value: Any) -> Any:
        return value

    def parse(self, text: str, locale: str = "en") -> Any:
        """Text typed by a person -> value (None when blank). Raises KindError."""
        text = text.strip()
        return self.from_text(text, locale) if text else None

    def from_text(self, text: str, locale: str) -> Any:
        raise NotImplementedError

    def format(self, value: Any, locale: str = "en") -> str:
        return "" if value is None else str(value)

    def check(self, value: Any) -> str | None:
        """Why a readable value is still wrong, or None."""
        return None

    def python_type(self) -> type | tuple[type, ...]:
        return object

    def has_type(self, value: Any) -> bool:
        """Whether `value` is of this kind's Python type (not whether it is right: a negative
        count has the type and fails `check`). The JSON writer and the rules rely on it."""
        expected = self.python_type()
        if isinstance(value, bool) and expected is not bool:
            return False
        if isinstance(value, datetime):
            return False
        if isinstance(value, Decimal) and not value.is_finite():
            return False
        if expected is list:
            return isinstance(value, list) and all(isinstance(x, str) for x in value)
        return isinstance(value, expected)


@dataclass(frozen=True)
class Text(Kind):
    name: ClassVar[str] = "text"

    def from_json(self, raw: Any) -> Any:
        if not isinstance(raw, str):
            raise KindError(N_("expected text"))
        return raw or None

    def from_text(self, text: str, locale: str) -> Any:
        return text

    def check(self, value: Any) -> str | None:
        return None if isinstance(value, str) else N_("expected text")

    def python_type(self) -> type:
        return str


@dataclass(frozen=True)
class Note(Text):
    name: ClassVar[str] = "note"
    multiline: ClassVar[bool] = True

    def parse(self, text: str, locale: str = "en") -> Any:
        # Keep the inner line breaks of a note; only trim the ends.
        return text.strip() or None


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Email(Text):
    name: ClassVar[str] = "email"

    def check(self, value: Any) -> str | None:
        if not isinstance(value, str):
            return N_("expected text")
        return None if _EMAIL.match(value) else N_("is not an e-mail address")


# The largest whole number a report may hold: fifteen nines. No count in an Article 7 report comes
# near it (the largest stockpiles ever declared held some hundreds of millions of submunitions),
# it is far below what SQLite stores (2**63 - 1), and a spreadsheet keeps every digit of it (Excel
# holds 15 significant digits), so a figure never changes on its way through a workbook.
MAX_WHOLE = 999_999_999_999_999
# Longer digit strings are not read at all (Python turns at most 4300 digits into text).
WHOLE_DIGITS_READ = 300


@dataclass(frozen=True)
class Int(Kind):
    """A whole number >= 0 (quantities, people), at most MAX_WHOLE."""

    name: ClassVar[str] = "int"
    is_number: ClassVar[bool] = True
    maximum: ClassVar[int] = MAX_WHOLE

    def from_json(self, raw: Any) -> Any:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise KindError(N_("expected a whole number"))
        if abs(raw) >= 10**WHOLE_DIGITS_READ:  # products of such numbers could not be printed
            raise KindError(N_("has too many digits to be a whole number"))
        return raw

    def from_text(self, text: str, locale: str) -> Any:
        try:
            number = _decimal_from_text(text, locale)
        except KindError as exc:
            # A separator in the wrong place is explained; anything else is simply not a number.
            if str(exc) == translate(NOT_A_NUMBER, locale.split("_")[0]):
                raise KindError(N_("is not a whole number")) from None
            raise
        if number != number.to_integral_value():
            raise KindError(N_("is not a whole number"))
        if number.adjusted() >= WHOLE_DIGITS_READ:  # not a figure: Python cannot even print it
            raise KindError(N_("has too many digits to be a whole number"))
        return int(number)

    def format(self, value: Any, locale: str = "en") -> str:
        return "" if value is None else format_number(value, locale)

    def check(self, value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return N_("expected a whole number")
        if value > self.maximum:
            return N_("is too large (at most 999,999,999,999,999)")
        return N_("cannot be negative") if value < 0 else None

    def python_type(self) -> type:
        return int


@dataclass(frozen=True)
class Year(Int):
    name: ClassVar[str] = "year"

    def from_json(self, raw: Any) -> Any:
        year = super().from_json(raw)
        if not 0 <= year <= 9999:  # a year has four digits; a longer one is no year at all
            raise KindError(N_("is not a year (four digits)"))
        return year

    def from_text(self, text: str, locale: str) -> Any:
        if not re.fullmatch(r"\d{4}", text):
            raise KindError(N_("is not a year (four digits)"))
        return int(text)

    def format(self, value: Any, locale: str = "en") -> str:
        return "" if value is None else str(value)

    def check(self, value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return N_("expected a year")
        return None if 1900 <= value <= 2999 else N_("is not a plausible year")


# Decimals in the JSON file: ASCII digits only, no exponent, as the writer writes them.
JSON_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?", re.ASCII)


def _decimal_from_text(text: str, locale: str) -> Decimal:
    """Typed text -> Decimal by the rules of the user's language (schema/numbers.py)."""
    try:
        return read_decimal(text, locale)
    except NumberTextError as exc:
        raise KindError(str(exc)) from None


def format_number(value: int | Decimal, locale: str = "en") -> str:
    """A number with the locale's group and decimal symbols and every digit kept.

    (Babel's `format_decimal` rounds to the decimal context's 28 digits; areas and amounts in a
    report must come back exactly as they were typed.)
    """
    loc = _babel_locale(locale)
    text = format(value, "f") if isinstance(value, Decimal) else str(int(value))
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = digits.partition(".")
    group = get_group_symbol(loc)
    parts: list[str] = []
    while len(whole) > 3:
        whole, tail = whole[:-3], whole[-3:]
        parts.insert(0, tail)
    grouped = group.join([whole, *parts])
    return sign + grouped + (get_decimal_symbol(loc) + fraction if fraction else "")


@dataclass(frozen=True)
class DecimalNumber(Kind):
    """A decimal number, signed (coordinates). Written to JSON as a string."""

    name: ClassVar[str] = "decimal"
    is_number: ClassVar[bool] = True
    minimum: ClassVar[Decimal | None] = None

    def from_json(self, raw: Any) -> Any:
        if not isinstance(raw, str):
            raise KindError(N_("expected a decimal number written as a string, e.g. \"2500.5\""))
        if not JSON_DECIMAL.fullmatch(raw):
            raise KindError(N_("is not a decimal number written out in digits, e.g. \"2500.5\""))
        return Decimal(raw)

    def to_json(self, value: Any) -> Any:
        return None if value is None else _plain(value)

    def from_text(self, text: str, locale: str) -> Any:
        return _decimal_from_text(text, locale)

    def format(self, value: Any, locale: str = "en") -> str:
        return "" if value is None else format_number(value, locale)

    def check(self, value: Any) -> str | None:
        if not isinstance(value, Decimal) or not value.is_finite():
            return N_("expected a decimal number")
        if self.minimum is not None and value < self.minimum:
            return N_("cannot be negative")
        return None

    def python_type(self) -> type:
        return Decimal


def _plain(value: Decimal) -> str:
    """Decimal -> JSON string without exponent ("1E+3" -> "1000")."""
    text = format(value, "f")
    return text


@dataclass(frozen=True)
class NonNegativeDecimal(DecimalNumber):
    """A decimal quantity that cannot be negative; its totals add up (amounts, areas). Money and
    areas are siblings under it: an area is not a kind of money."""

    minimum: ClassVar[Decimal | None] = Decimal(0)


@dataclass(frozen=True)
class Money(NonNegativeDecimal):
    name: ClassVar[str] = "money"


AREA_UNITS: dict[str, Decimal] = {"m2": Decimal(1), "ha": Decimal(10_000), "km2": Decimal(1_000_000)}
# How each unit is written beside a number, in every language and on every face.
AREA_UNIT_SYMBOLS: dict[str, str] = {"m2": "m²", "ha": "ha", "km2": "km²"}


@dataclass(frozen=True)
class AreaM2(NonNegativeDecimal):
    """An area in square metres; typed text may end in a unit, written in any of the six
    languages (m², ha, км2, hectáreas: `units.AREA_UNIT_WORDS`), and is converted."""

    name: ClassVar[str] = "area_m2"

    def from_text(self, text: str, locale: str) -> Any:
        number, unit = strip_unit(text)
        return to_square_metres(_decimal_from_text(number, locale), unit or "m2")


def to_square_metres(value: Decimal, unit: str) -> Decimal:
    if unit == "m2":
        return value
    # Exact arithmetic: enough precision for every digit (the default context keeps 28).
    with localcontext() as ctx:
        ctx.prec = len(value.as_tuple().digits) + 10
        result = value * AREA_UNITS[unit]
        # Drop trailing zeros the multiplication adds (2.5 ha -> 25000, not 25000.0).
        if result == result.to_integral_value():
            return result.quantize(Decimal(1))
        return result.normalize()


@dataclass(frozen=True)
class DateKind(Kind):
    name: ClassVar[str] = "date"

    def from_json(self, raw: Any) -> Any:
        if not isinstance(raw, str):
            raise KindError(N_("expected a date (YYYY-MM-DD)"))
        return self._iso(raw)

    def _iso(self, raw: str) -> date:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            raise KindError(N_("is not a date in the form YYYY-MM-DD"))
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise KindError(N_("is not a real date")) from None

    def to_json(self, value: Any) -> Any:
        return None if value is None else value.isoformat()

    def from_text(self, text: str, locale: str) -> Any:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            y, m, d = (int(p) for p in text.split("-"))
            return _make_date(y, m, d)
        match = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", text)
        if match:
            first, second, year = (int(p) for p in match.groups())
            # Month-first only in US-style English; everything else is day-first.
            if locale == "en_US":
                first, second = second, first
            return _make_date(year, second, first)
        raise KindError(N_("is not a date (type it as YYYY-MM-DD or DD/MM/YYYY)"))

    def format(self, value: Any, locale: str = "en") -> str:
        return "" if value is None else value.isoformat()

    def check(self, value: Any) -> str | None:
        ok = isinstance(value, date) and not isinstance(value, datetime)
        return None if ok else N_("expected a date")

    def python_type(self) -> type:
        return date


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise KindError(N_("is not a real date")) from None


@dataclass(frozen=True)
class Code(Text):
    """An upper-case code from a list (ISO 3166 alpha-3 State, ISO 4217 currency)."""

    name: ClassVar[str] = "code"

    def from_text(self, text: str, locale: str) -> Any:
        return text.upper()

    def known(self, code: str) -> bool:
        raise NotImplementedError

    def check(self, value: Any) -> str | None:
        if not isinstance(value, str):
            return N_("expected a code")
        return None if self.known(value) else self.unknown_message()

    def unknown_message(self) -> str:
        return N_("is not a known code")


@dataclass(frozen=True)
class StateKind(Code):
    name: ClassVar[str] = "state"

    def known(self, code: str) -> bool:
        from ccm_desktop.schema.states import is_known_state_code

        return is_known_state_code(code)

    def from_text(self, text: str, locale: str) -> Any:
        from ccm_desktop.schema.states import code_for_name

        code = code_for_name(text, locale)
        if code is None:
            raise KindError(N_("is not a State we know (type its name or ISO code)"))
        return code

    def format(self, value: Any, locale: str = "en") -> str:
        from ccm_desktop.schema.states import state_name

        return "" if value is None else state_name(value, locale)

    def unknown_message(self) -> str:
        return N_("is not a known State code (ISO 3166-1 alpha-3)")


@dataclass(frozen=True)
class Currency(Code):
    name: ClassVar[str] = "currency"

    def known(self, code: str) -> bool:
        return bool(re.fullmatch(r"[A-Z]{3}", code)) and code in known_currency_codes()

    def unknown_message(self) -> str:
        return N_("is not a known currency code (ISO 4217, e.g. EUR)")


@cache
def known_currency_codes() -> frozenset[str]:
    """Current ISO 4217 codes (pycountry) and withdrawn ones (CLDR, via Babel): a report for
    2015 gives Croatian amounts in kuna (HRK), replaced by the euro in 2023."""
    import pycountry
    from babel.numbers import list_currencies

    current = {str(c.alpha_3) for c in pycountry.currencies}
    return frozenset(current | {str(c) for c in list_currencies()})


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True)
class Choice(Text):
    name: ClassVar[str] = "choice"
    options: tuple[Option, ...] = ()

    def ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    def label_of(self, option_id: str) -> str:
        for option in self.options:
            if option.id == option_id:
                return option.label
        return option_id

    def from_text(self, text: str, locale: str) -> Any:
        from ccm_desktop.schema.i18n import translate

        folded = text.casefold()
        for option in self.options:
            if folded in (option.id.casefold(), option.label.casefold(),
                          translate(option.label, locale).casefold()):
                return option.id
        raise KindError(N_("is not one of the choices"))

    def format(self, value: Any, locale: str = "en") -> str:
        from ccm_desktop.schema.i18n import translate

        return "" if value is None else translate(self.label_of(value), locale)

    def check(self, value: Any) -> str | None:
        if not isinstance(value, str):
            return N_("expected one of the choices")
        return None if value in self.ids() else N_("is not one of the choices")


@dataclass(frozen=True)
class YesNo(Kind):
    name: ClassVar[str] = "yesno"
    TRUE_WORDS: ClassVar[frozenset[str]] = frozenset(
        {"yes", "y", "true", "1", "oui", "sí", "si", "да", "是", "نعم"}
    )
    FALSE_WORDS: ClassVar[frozenset[str]] = frozenset(
        {"no", "n", "false", "0", "non", "нет", "否", "لا"}
    )

    def from_json(self, raw: Any) -> Any:
        if not isinstance(raw, bool):
            raise KindError(N_("expected true or false"))
        return raw

    def from_text(self, text: str, locale: str) -> Any:
        folded = text.casefold()
        if folded in self.TRUE_WORDS:
            return True
        if folded in self.FALSE_WORDS:
            return False
        raise KindError(N_("is not yes or no"))

    def format(self, value: Any, locale: str = "en") -> str:
        from ccm_desktop.schema.i18n import translate

        if value is None:
            return ""
        return translate(N_("Yes") if value else N_("No"), locale)

    def check(self, value: Any) -> str | None:
        return None if isinstance(value, bool) else N_("expected yes or no")

    def python_type(self) -> type:
        return bool


@dataclass(frozen=True)
class Attachments(Kind):
    """A list of attachment ids (the files live once in the report's attachments)."""

    name: ClassVar[str] = "attachments"

    def from_json(self, raw: Any) -> Any:
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise KindError(N_("expected a list of attachment ids"))
        return list(raw) or None

    def to_json(self, value: Any) -> Any:
        return None if not value else list(value)

    def from_text(self, text: str, locale: str) -> Any:
        return [p.strip() for p in text.split(",") if p.strip()] or None

    def format(self, value: Any, locale: str = "en") -> str:
        return "" if not value else ", ".join(value)

    def check(self, value: Any) -> str | None:
        ok = isinstance(value, list) and all(isinstance(x, str) for x in value)
        return None if ok else N_("expected a list of attachments")

    def python_type(self) -> type:
        return list


def parse_number_text(text: str, decimal_separator: str) -> Decimal:
    """Parse "1.234,5" or "1,234.5" given which separator is the decimal one (for imports)."""
    try:
        return read_with(text, separator_symbols(decimal_separator))
    except NumberTextError as exc:
        raise KindError(str(exc)) from None


__all__ = [
    "AREA_UNITS", "AreaM2", "Attachments", "Choice", "Code", "Currency", "DateKind",
    "DecimalNumber", "Email", "Int", "JSON_DECIMAL", "Kind", "KindError", "MAX_WHOLE", "Money",
    "NonNegativeDecimal", "Note", "WHOLE_DIGITS_READ",
    "Option", "StateKind", "Text", "Year", "YesNo", "format_number", "parse_number_text",
    "to_square_metres",
]
