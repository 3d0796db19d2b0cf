"""Typed numbers are read by the rules of the user's language (Babel's symbols), one reader for
every number kind; what we show reads back to the same value, and no accepted text is stored as a
value other than what it means in that language."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from babel.numbers import (
    NumberFormatError,
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from ccm_desktop.schema.kinds import (
    AreaM2,
    DecimalNumber,
    Int,
    KindError,
    Money,
    Year,
    parse_number_text,
)
from ccm_desktop.schema.numbers import babel_locale, read_decimal

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
NUMBER_KINDS = (Int(), Money(), AreaM2(), DecimalNumber())


@pytest.mark.parametrize(("locale", "text", "stored"), [
    ("es", "2,5 ha", Decimal(25000)),
    ("fr", "2,5 ha", Decimal(25000)),
    ("ru", "2,5 ha", Decimal(25000)),
    ("en", "2.5 ha", Decimal(25000)),
    ("en", "3 km²", Decimal(3_000_000)),
    ("es", "2.500", Decimal(2500)),
    ("es", "2 500", Decimal(2500)),
    ("fr", "2 500", Decimal(2500)),
    ("fr", "2\u202f500", Decimal(2500)),
    ("ru", "2\u00a0500", Decimal(2500)),
    ("en", "2,500", Decimal(2500)),
    ("en", "1,234,567", Decimal(1234567)),
    ("ar", "2,500.5", Decimal("2500.5")),
    ("ar", "٢٬٥٠٠٫٥", Decimal("2500.5")),
    ("zh", "1,234.5", Decimal("1234.5")),
])
def test_areas_are_read_as_the_language_writes_them(locale: str, text: str,
                                                    stored: Decimal) -> None:
    assert AreaM2().parse(text, locale) == stored


@pytest.mark.parametrize(("locale", "text", "advice"), [
    ("en", "2,5", "use a point for decimals: 2.5"),
    ("en", "12,75", "use a point for decimals: 12.75"),
    ("en", "1,2345", "use a point for decimals: 1.2345"),
    ("zh", "2,5", "use a point for decimals: 2.5"),
    ("ar", "2,5", "use a point for decimals: 2.5"),
    ("en", "0,500", "use a point for decimals: 0.500"),
    ("es", "0.500", "use a comma for decimals: 0,500"),
    ("es", "2.5", "use a comma for decimals: 2,5"),
    ("fr", "2.500", "2,500 for a decimal number or 2\u00a0500 for thousands"),
    ("en", "1234,567", "digits grouped in threes"),
    ("en", "1,23,456", "digits grouped in threes"),
    ("en", "1,234 567", "digits grouped in threes"),
    ("es", "1.23.456", "digits grouped in threes"),
    ("fr", "1,234,567", "digits grouped in threes"),
    ("en", "1.234,5", "digits grouped in threes"),
])
def test_a_separator_that_cannot_mean_that_is_refused_with_advice(locale: str, text: str,
                                                                  advice: str) -> None:
    for kind in NUMBER_KINDS:
        with pytest.raises(KindError) as refused:
            kind.parse(text, locale)
        said = str(refused.value)
        if locale == "en":
            assert advice in said
        else:
            # The sentence is in the user's language (the catalogues translate it); the figures
            # it suggests are the same in every language.
            figures = re.findall(r"\d[\d.,\u00a0]*\d|\d", advice)
            assert all(figure in said for figure in figures), (said, figures)
            assert said != text


def test_an_english_comma_decimal_is_not_stored_as_a_whole_number() -> None:
    # The old reader dropped the comma: "2,5 ha" became 25 ha (250,000 m²).
    with pytest.raises(KindError, match="use a point for decimals: 2.5"):
        AreaM2().parse("2,5 ha", "en")
    with pytest.raises(KindError, match="use a point for decimals"):
        Int().parse("2,5", "en")


def test_the_excel_import_keeps_its_own_separator_setting_and_checks_grouping() -> None:
    assert parse_number_text("1.234.567,5", ",") == Decimal("1234567.5")
    assert parse_number_text("1,234,567.5", ".") == Decimal("1234567.5")
    with pytest.raises(KindError):
        parse_number_text("1,23,4.5", ".")


def test_years_are_four_digits_in_any_script() -> None:
    assert Year().parse("٢٠١٥", "ar") == 2015
    with pytest.raises(KindError):
        Year().parse("2,015", "en")


# Property tests -------------------------------------------------------------------------------

decimals = st.decimals(min_value=Decimal("-999999999999.999999"),
                       max_value=Decimal("999999999999.999999"), places=6,
                       allow_nan=False, allow_infinity=False)


def _babel_text(value: Decimal, lang: str, grouping: bool) -> str:
    return str(format_decimal(value, locale=babel_locale(lang), group_separator=grouping,
                              decimal_quantization=False))


def _arabic_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


@pytest.mark.parametrize("lang", LANGUAGES)
@settings(max_examples=150, deadline=None)
@given(value=decimals)
def test_what_we_and_babel_display_reads_back_to_the_same_value(lang: str,
                                                                value: Decimal) -> None:
    whole = int(value)
    for kind, stored in ((Int(), abs(whole)), (Money(), abs(value)), (AreaM2(), abs(value)),
                         (DecimalNumber(), value)):
        shown = kind.format(stored, lang)
        assert kind.parse(shown, lang) == stored, (kind.name, shown)
        for grouping in (True, False):
            babel_shown = _babel_text(Decimal(stored), lang, grouping)
            assert kind.parse(babel_shown, lang) == stored, (kind.name, babel_shown)
            if lang == "ar":  # the same number in Arabic-Indic digits and separators
                arabic = str(format_decimal(Decimal(stored), locale="ar",
                                            numbering_system="arab", group_separator=grouping,
                                            decimal_quantization=False))
                assert kind.parse(_arabic_digits(arabic), lang) == stored, arabic


# Digits with commas, points and spaces in every arrangement, the ambiguous ones included.
ambiguous = st.lists(st.one_of(st.text("0123456789", min_size=1, max_size=4),
                               st.sampled_from([",", ".", " ", "\u00a0", "\u202f"])),
                     min_size=1, max_size=6).map("".join)


def _what_babel_says(text: str, lang: str) -> Decimal | None:
    """Babel's strict reading, spaces taken as the language's group symbol; a decimal symbol
    at either end ("5.", ".5"), which Babel does not read, is completed with a zero."""
    loc = babel_locale(lang)
    group, decimal = get_group_symbol(loc), get_decimal_symbol(loc)
    normalised = text.strip()
    if normalised.endswith(decimal):
        normalised += "0"
    if normalised.startswith(decimal):
        normalised = "0" + normalised
    for space in (" ", "\u00a0", "\u202f"):
        normalised = normalised.replace(space, group)
    try:
        return Decimal(parse_decimal(normalised, locale=loc, strict=True))
    except NumberFormatError:
        return None


@pytest.mark.parametrize("lang", LANGUAGES)
@settings(max_examples=400, deadline=None)
@given(text=ambiguous)
def test_accepted_text_means_what_it_means_in_that_language(lang: str, text: str) -> None:
    try:
        ours = read_decimal(text, lang)
    except ValueError:
        return  # refused: the person is told how to write it
    babel = _what_babel_says(text, lang)
    assert babel is not None and ours == babel, (text, ours, babel)
