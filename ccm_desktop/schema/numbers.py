"""The one reader of typed numbers: text as a person writes it in their language -> Decimal.

The symbols come from Babel (CLDR): "2,5" is two and a half in French, Russian and Spanish and is
refused in English, Arabic and Chinese, where the comma only groups thousands. Grouping must be
well formed (groups of three), so a misplaced separator is refused instead of silently dropped.
Spaces of every width group thousands in any language; digits of any script are read (Arabic-Indic
digits), and so are the Arabic decimal and thousands separators. No exponents ("1e9999999").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel.numbers import get_decimal_symbol, get_group_symbol

from ccm_desktop.schema.i18n import N_, translate

_SPACES = frozenset(" \u00a0\u202f\u2009\u2007")
_MARKS = frozenset("\u200e\u200f\u061c")  # direction marks Babel puts around Arabic signs
ARABIC_DECIMAL, ARABIC_GROUP = "\u066b", "\u066c"
NOT_A_NUMBER = N_("is not a number")


class NumberTextError(ValueError):
    """Text that is not a number as written in the given language; the message is a phrase
    ("is not a number…") already in that language."""


def babel_locale(locale: str) -> str:
    return {"zh": "zh_Hans"}.get(locale, locale)


@dataclass(frozen=True)
class Symbols:
    decimal: str  # "." or ","
    group: str  # ",", "." or a space


@cache
def symbols(locale: str) -> Symbols:
    loc = babel_locale(locale)
    try:
        decimal, group = get_decimal_symbol(loc), get_group_symbol(loc)
    except Exception:  # noqa: BLE001 - an unknown locale reads numbers as English does
        decimal, group = ".", ","
    return Symbols(decimal, " " if group in _SPACES else group)


def separator_symbols(decimal_separator: str) -> Symbols:
    """Explicit symbols (the Excel import's own setting): the other of "." and "," groups."""
    return Symbols(decimal_separator, "." if decimal_separator == "," else ",")


def read_decimal(text: str, locale: str = "en") -> Decimal:
    """`text` as the language of `locale` writes numbers; raises NumberTextError."""
    return read_with(text, symbols(locale), locale.split("_")[0])


def read_with(text: str, sym: Symbols, lang: str = "en") -> Decimal:
    cleaned = "".join(_ascii_digit(ch) for ch in text.strip() if ch not in _MARKS)
    cleaned = cleaned.replace("\u2212", "-")
    sign = ""
    if cleaned[:1] in ("-", "+"):
        sign, cleaned = cleaned[0], cleaned[1:].lstrip()
    if not re.search(r"[0-9]", cleaned):
        raise NumberTextError(translate(NOT_A_NUMBER, lang))
    pieces = re.split(r"([^0-9])", cleaned)  # digit runs, with each single character between
    digits, seps = pieces[0::2], pieces[1::2]
    roles = [_role(s, sym) for s in seps]
    if "other" in roles:  # letters, a second sign, an exponent
        raise NumberTextError(translate(NOT_A_NUMBER, lang))
    if "foreign" in roles:
        return _foreign_point(sign, digits, roles, sym, lang)
    decimals = [i for i, r in enumerate(roles) if r == "decimal"]
    if len(decimals) > 1 or (decimals and decimals[0] != len(roles) - 1):
        # Two decimal separators, or grouping after the decimal one ("1.234,5" in English).
        raise NumberTextError(_malformed(sym, lang))
    whole_digits, whole_seps = (digits[:-1], seps[:-1]) if decimals else (digits, seps)
    fraction = digits[-1] if decimals else ""
    if not _well_grouped(whole_digits, whole_seps):
        if _lone_group_symbol_is_a_decimal(whole_digits, whole_seps, sym):
            raise NumberTextError(_wrong_decimal(sign, whole_digits, sym, lang))
        raise NumberTextError(_malformed(sym, lang))
    whole = "".join(whole_digits)
    if not whole and not fraction:
        raise NumberTextError(translate(NOT_A_NUMBER, lang))
    return Decimal(sign + (whole or "0") + ("." + fraction if fraction else ""))


def _ascii_digit(ch: str) -> str:
    if "0" <= ch <= "9":
        return ch
    value = unicodedata.decimal(ch, None)
    return str(value) if value is not None else ch


def _role(sep: str, sym: Symbols) -> str:
    if sep in _SPACES or sep == ARABIC_GROUP:
        return "group"
    if sep == ARABIC_DECIMAL or sep == sym.decimal:
        return "decimal"
    if sep == sym.group:
        return "group"
    if sep in ".,":
        return "foreign"  # a point where the language groups with spaces (French, Russian)
    return "other"


def _well_grouped(digits: list[str], seps: list[str]) -> bool:
    """Groups of three after a first group of one to three digits, with one kind of mark."""
    if not seps:
        return True
    if len({" " if s in _SPACES else s for s in seps}) > 1 or not 1 <= len(digits[0]) <= 3:
        return False
    if digits[0].startswith("0"):
        return False  # "0,500" is no thousands figure: a decimal written the other way
    return all(len(d) == 3 for d in digits[1:])


def _lone_group_symbol_is_a_decimal(digits: list[str], seps: list[str], sym: Symbols) -> bool:
    """"2,5" in English, "2.5" in Spanish: one group symbol that can only be a decimal one."""
    return (len(seps) == 1 and seps[0] == sym.group and sym.group in (".", ",")
            and (len(digits[1]) != 3 or digits[0].startswith("0"))
            and bool(digits[0]) and bool(digits[1]))


def _foreign_point(sign: str, digits: list[str], roles: list[str], sym: Symbols,
                   lang: str) -> Decimal:
    """A point in a language that writes decimals with a comma and groups with spaces: "2.5"
    is read as two and a half (Babel reads it so too); "2.500" could be either, and is refused."""
    if len(roles) == 1 and digits[0] and digits[1]:
        if len(digits[1]) != 3:
            return Decimal(f"{sign}{digits[0]}.{digits[1]}")
        example_decimal = f"{sign}{digits[0]}{sym.decimal}{digits[1]}"
        example_group = f"{sign}{digits[0]}\u00a0{digits[1]}"
        raise NumberTextError(translate(
            N_("could be read two ways: write {decimal} for a decimal number or {grouped} for "
               "thousands"), lang).format(decimal=example_decimal, grouped=example_group))
    raise NumberTextError(_malformed(sym, lang))


def _wrong_decimal(sign: str, digits: list[str], sym: Symbols, lang: str) -> str:
    example = f"{sign}{digits[0]}{sym.decimal}{digits[1]}"
    if sym.decimal == ".":
        template = N_("has a comma, which here only groups thousands; use a point for "
                      "decimals: {example}")
    else:
        template = N_("has a point, which here only groups thousands; use a comma for "
                      "decimals: {example}")
    return translate(template, lang).format(example=example)


def _malformed(sym: Symbols, lang: str) -> str:
    group = "\u00a0" if sym.group == " " else sym.group
    grouped = f"1{group}234{group}567{sym.decimal}5"
    plain = f"1234567{sym.decimal}5"
    return translate(N_("is not a number as written here: write it as {grouped} or {plain} "
                        "(digits grouped in threes, or not at all)"), lang).format(
        grouped=grouped, plain=plain)


def decimal_separator_phrase(locale: str, lang: str) -> str:
    """"a point (2.5)" / "a comma (2,5)", translated, for the paste report."""
    if symbols(locale).decimal == ",":
        return translate(N_("a comma (2,5)"), lang)
    return translate(N_("a point (2.5)"), lang)


__all__ = [
    "NumberTextError", "Symbols", "babel_locale", "decimal_separator_phrase", "read_decimal",
    "read_with", "separator_symbols", "symbols",
]
