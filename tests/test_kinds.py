"""Value kinds: what each reads, shows, writes as JSON and refuses; parse(format(v)) == v in every
UN language; edge cases."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccm_desktop.schema.kinds import (
    AreaM2,
    Attachments,
    Choice,
    Currency,
    DateKind,
    DecimalNumber,
    Email,
    Int,
    Kind,
    KindError,
    Money,
    Note,
    StateKind,
    Text,
    Year,
    YesNo,
    format_number,
    parse_number_text,
    to_square_metres,
)
from ccm_desktop.schema.registry import PARTS
from tests.schema_items import fields_and_columns
from tests.strategies import state_codes, values

LOCALES = ("en", "fr", "es", "ru", "ar", "zh")


def _schema_kinds() -> list[Kind]:
    seen: dict[str, Kind] = {}
    for p in PARTS:
        for _, f in fields_and_columns(p):
            key = repr(f.kind)
            seen.setdefault(key, f.kind)
    return list(seen.values())


KINDS = _schema_kinds()
ATTACHMENT_IDS = ("att1", "att2", "photo-3")


def _kind_id(kind: Kind) -> str:
    if isinstance(kind, Choice):
        return "choice:" + "|".join(kind.ids())
    return kind.name


def _legislation_choice() -> Kind:
    return next(f.kind for p in PARTS for _, f in fields_and_columns(p)
                if isinstance(f.kind, Choice) and "legislation" in f.kind.ids())


# What each kind does with one value: (kind, text typed in English, the value it reads, how the
# value is shown in English, its JSON form, text that is refused). "Refused" means that reading
# raises KindError, or that the value read fails the kind's check (the window shows both at once).
BEHAVIOUR: dict[str, tuple[Kind, str, Any, str, Any, str]] = {
    "text": (Text(), "  Mine Action Centre ", "Mine Action Centre", "Mine Action Centre",
             "Mine Action Centre", ""),
    "note": (Note(), "first line\nsecond line\n", "first line\nsecond line",
             "first line\nsecond line", "first line\nsecond line", ""),
    "int": (Int(), "6,213,312", 6213312, "6,213,312", 6213312, "1.5"),
    "decimal": (DecimalNumber(), "-33.90", Decimal("-33.90"), "-33.90", "-33.90", "1e5"),
    "money": (Money(), "1,500,000.25", Decimal("1500000.25"), "1,500,000.25", "1500000.25", "-1"),
    "area_m2": (AreaM2(), "2.5 ha", Decimal("25000"), "25,000", "25000", "-0.5"),
    "currency": (Currency(), "eur", "EUR", "EUR", "EUR", "euro"),
    "date": (DateKind(), "31/12/2015", date(2015, 12, 31), "2015-12-31", "2015-12-31",
             "2015-02-30"),
    "year": (Year(), "2015", 2015, "2015", 2015, "1850"),
    "state": (StateKind(), "Lebanon", "LBN", "Lebanon", "LBN", "Atlantis"),
    "email": (Email(), "desk@example.org", "desk@example.org", "desk@example.org",
              "desk@example.org", "desk at example.org"),
    "choice": (_legislation_choice(), "Penal sanction", "penal_sanction", "Penal sanction",
               "penal_sanction", "decree"),
    "yesno": (YesNo(), "no", False, "No", False, "maybe"),
    "attachments": (Attachments(), "a1, a2", ["a1", "a2"], "a1, a2", ["a1", "a2"], ""),
}


def _refuses(kind: Kind, text: str) -> bool:
    try:
        value = kind.parse(text, "en")
    except KindError:
        return True
    return value is not None and kind.check(value) is not None


@pytest.mark.parametrize("name", sorted(BEHAVIOUR))
def test_what_each_kind_reads_shows_writes_and_refuses(name: str) -> None:
    kind, typed, value, shown, as_json, refused = BEHAVIOUR[name]
    assert kind.name == name
    read = kind.parse(typed, "en")
    assert read == value and type(read) is type(value)
    assert kind.check(read) is None
    assert kind.format(value, "en") == shown
    assert kind.to_json(value) == as_json and type(kind.to_json(value)) is type(as_json)
    assert kind.from_json(as_json) == value
    if refused:
        assert _refuses(kind, refused), f"{name} accepts {refused!r}"


def test_free_text_kinds_refuse_nothing_typed() -> None:
    """Text, notes and attachment lists take any text; only a non-text JSON value is refused."""
    for kind in (Text(), Note(), Attachments()):
        assert not _refuses(kind, "12 apples, \u0644\u0628\u0646\u0627\u0646")
        with pytest.raises(KindError):
            kind.from_json(5)


def test_every_kind_the_schema_uses_has_its_behaviour_described() -> None:
    """A new kind in the schema needs a line in BEHAVIOUR (what it reads, shows and refuses)."""
    assert {k.name for k in KINDS} <= set(BEHAVIOUR)


@pytest.mark.parametrize("kind", KINDS, ids=_kind_id)
@settings(max_examples=60, deadline=None)
@given(data=st.data(), locale=st.sampled_from(LOCALES))
def test_parse_of_format_gives_the_value_back(kind: Kind, data: st.DataObject, locale: str) -> None:
    value = data.draw(values(kind, ATTACHMENT_IDS))
    text = kind.format(value, locale)
    assert isinstance(text, str) and text
    assert kind.parse(text, locale) == value


@pytest.mark.parametrize("kind", KINDS, ids=_kind_id)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_from_json_of_to_json_gives_the_value_back(kind: Kind, data: st.DataObject) -> None:
    value = data.draw(values(kind, ATTACHMENT_IDS))
    raw = kind.to_json(value)
    text = json.dumps(raw, ensure_ascii=False)
    assert not isinstance(raw, float)
    back = kind.from_json(json.loads(text))
    assert back == value
    assert type(back) is type(value)
    assert kind.check(value) is None  # generated values are inside the kind's domain


@pytest.mark.parametrize("kind", KINDS, ids=_kind_id)
def test_blank_text_parses_to_empty(kind: Kind) -> None:
    for blank in ("", "   ", "\n\t"):
        assert kind.parse(blank, "en") is None
    assert kind.format(None, "en") == ""


@pytest.mark.parametrize("lang", LOCALES)
def test_every_state_name_parses_back_to_its_code(lang: str) -> None:
    kind = StateKind()
    wrong = {code: kind.parse(kind.format(code, lang), lang) for code in state_codes()
             if kind.parse(kind.format(code, lang), lang) != code}
    assert wrong == {}


@pytest.mark.parametrize("locale", LOCALES)
def test_thirty_digit_decimals_keep_every_digit(locale: str) -> None:
    value = Decimal("123456789012345678.901234567890")
    for kind in (Money(), AreaM2(), DecimalNumber()):
        assert kind.parse(kind.format(value, locale), locale) == value
        assert str(kind.parse(kind.format(value, locale), locale)) == str(value)
    assert DecimalNumber().parse("-" + Money().format(value, locale), locale) == Decimal(f"-{value}")


@pytest.mark.parametrize(("locale", "text", "expected"), [
    ("en", "1,234,567.5", "1234567.5"),
    ("fr", "1\u202f234\u202f567,5", "1234567.5"),
    ("fr", "1 234 567,5", "1234567.5"),
    ("fr", "2.5", "2.5"),  # a decimal point typed in a comma locale is still read
    ("es", "1.234.567,5", "1234567.5"),
    ("ru", "1\u00a0234\u00a0567,5", "1234567.5"),
    ("ar", "١٬٢٣٤٫٥", "1234.5"),  # Arabic-Indic digits and separators
    ("en", "1,2,3", None),  # badly formed grouping is refused, never silently dropped
    ("fr", "12 apples", None),
    ("ar", "١٢٣٤", "1234"),  # Arabic-Indic digits
    ("zh", "1,234,567.5", "1234567.5"),
    ("en", "\u22125", "-5"),
])
def test_typed_numbers_in_each_language(locale: str, text: str, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(KindError):
            DecimalNumber().parse(text, locale)
    else:
        assert DecimalNumber().parse(text, locale) == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "1e5", "1E+999999999", "NaN", "Infinity", "-inf",
                                  "1.2.3", "12 apples", "--5", "0x10"])
def test_what_is_not_a_number(text: str) -> None:
    for kind in (Int(), Money(), AreaM2(), DecimalNumber()):
        with pytest.raises(KindError):
            kind.parse(text, "en")


def test_whole_numbers() -> None:
    assert Int().parse("1,234", "en") == 1234
    assert Int().parse("12.0", "en") == 12
    with pytest.raises(KindError, match="whole number"):
        Int().parse("1.5", "en")
    assert Int().parse("-3", "en") == -3  # readable, and then wrong:
    assert Int().check(-3) == "cannot be negative"
    assert Int().check(True) is not None
    assert Int().check(2.0) is not None
    assert Int().format(6213312, "en") == "6,213,312"
    assert Int().format(6213312, "fr") == "6\u202f213\u202f312"


def test_years() -> None:
    assert Year().parse("2023", "en") == 2023
    assert Year().format(2023, "fr") == "2023"  # never grouped: "2 023" is no year
    for bad in ("23", "20234", "2023.5", "MMXXIII"):
        with pytest.raises(KindError):
            Year().parse(bad, "en")
    assert Year().check(1850) is not None
    assert Year().check(2023) is None


@pytest.mark.parametrize(("text", "m2"), [
    ("2 ha", "20000"), ("2.5 ha", "25000"), ("1 km²", "1000000"), ("0.35 km2", "350000"),
    ("1500 m²", "1500"), ("1500", "1500"), ("3 hectares", "30000"), ("12.5 m2", "12.5"),
])
def test_areas_take_units(text: str, m2: str) -> None:
    assert AreaM2().parse(text, "en") == Decimal(m2)


def test_area_units_in_a_comma_locale() -> None:
    assert AreaM2().parse("1,5 km²", "fr") == Decimal("1500000")
    assert to_square_metres(Decimal("2.50"), "ha") == Decimal("25000")
    assert str(to_square_metres(Decimal("2.50"), "ha")) == "25000"


def test_money_and_areas_cannot_be_negative_but_coordinates_can() -> None:
    assert Money().check(Decimal("-1")) == "cannot be negative"
    assert AreaM2().check(Decimal("-0.5")) == "cannot be negative"
    assert DecimalNumber().check(Decimal("-33.9")) is None
    assert Money().check(1.5) is not None  # a float is never a decimal of ours


@pytest.mark.parametrize(("locale", "text", "expected"), [
    ("en", "2015-12-31", date(2015, 12, 31)),
    ("en", "2015-1-5", date(2015, 1, 5)),
    ("en", "31/12/2015", date(2015, 12, 31)),
    ("fr", "31.12.2015", date(2015, 12, 31)),
    ("en_US", "12/31/2015", date(2015, 12, 31)),
])
def test_dates_typed(locale: str, text: str, expected: date) -> None:
    assert DateKind().parse(text, locale) == expected


@pytest.mark.parametrize("text", ["2015-02-30", "31/02/2015", "2015/12/31", "tomorrow", "2015"])
def test_impossible_dates(text: str) -> None:
    with pytest.raises(KindError):
        DateKind().parse(text, "en")


@pytest.mark.parametrize("raw", ["2015-02-30", "2015-2-3", "31/12/2015", "2015-12-31T00:00",
                                 20151231, None])
def test_dates_in_json_are_iso_only(raw: Any) -> None:
    with pytest.raises(KindError):
        DateKind().from_json(raw)


@pytest.mark.parametrize("raw", ["1e5", "NaN", "Infinity", "abc", " 12", "12 ", "+5", ".5",
                                 "5.", "١٢", "1,5", "", 12, 12.5, True, None])
def test_decimals_in_json_are_plain_digit_strings(raw: Any) -> None:
    with pytest.raises(KindError):
        Money().from_json(raw)


def test_decimals_in_json() -> None:
    assert Money().from_json("-0.50") == Decimal("-0.50")  # readable; validation flags it
    assert Money().to_json(Decimal("1E+3")) == "1000"
    assert Money().to_json(Decimal("5E-10")) == "0.0000000005"
    assert Money().to_json(Decimal("16300000.5")) == "16300000.5"


@pytest.mark.parametrize("raw", [1.0, 2.5, True, "12", None, [1]])
def test_whole_numbers_in_json_are_json_integers(raw: Any) -> None:
    with pytest.raises(KindError):
        Int().from_json(raw)


def test_codes() -> None:
    assert StateKind().parse("lbn", "en") == "LBN"
    assert StateKind().parse("Lebanon", "en") == "LBN"
    assert StateKind().parse("Liban", "fr") == "LBN"
    assert StateKind().parse("لبنان", "ar") == "LBN"
    assert StateKind().parse("黎巴嫩", "zh") == "LBN"
    assert StateKind().parse("Ливан", "ru") == "LBN"
    assert StateKind().parse("Líbano", "es") == "LBN"
    with pytest.raises(KindError):
        StateKind().parse("Atlantis", "en")
    assert StateKind().check("XYZ") is not None
    assert StateKind().check("LBN") is None
    assert Currency().check("EUR") is None
    assert Currency().check("eur") is not None
    assert Currency().check("ABC") is not None
    assert Currency().check("HRK") is None  # withdrawn in 2023, in reports for earlier years
    assert Currency().parse("usd", "en") == "USD"


def test_choices_read_ids_labels_and_case() -> None:
    kind = next(f.kind for p in PARTS for _, f in fields_and_columns(p)
                if isinstance(f.kind, Choice) and "legislation" in f.kind.ids())
    assert isinstance(kind, Choice)
    assert kind.parse("legislation", "en") == "legislation"
    assert kind.parse("Penal sanction", "en") == "penal_sanction"
    assert kind.parse("PENAL_SANCTION", "en") == "penal_sanction"
    with pytest.raises(KindError):
        kind.parse("decree", "en")
    assert kind.check("decree") == "is not one of the choices"


@pytest.mark.parametrize(("text", "value"), [
    ("yes", True), ("No", False), ("oui", True), ("non", False), ("sí", True), ("да", True),
    ("нет", False), ("是", True), ("否", False), ("نعم", True), ("لا", False), ("TRUE", True),
])
def test_yes_and_no_in_every_language(text: str, value: bool) -> None:
    assert YesNo().parse(text, "en") is value


def test_emails_and_text() -> None:
    assert Email().check("desk@example.org") is None
    assert Email().check("desk at example.org") is not None
    assert Text().parse("  padded  ", "en") == "padded"
    assert Note().parse("  first\n  second  ", "en") == "first\n  second"
    assert Text().from_json("") is None
    with pytest.raises(KindError):
        Text().from_json(5)


def test_attachments() -> None:
    assert Attachments().parse("a1, a2", "en") == ["a1", "a2"]
    assert Attachments().to_json([]) is None
    with pytest.raises(KindError):
        Attachments().from_json(["a1", 2])


@pytest.mark.parametrize(("text", "sep", "expected"), [
    ("1.234,5", ",", "1234.5"), ("1,234.5", ".", "1234.5"), ("1 234,5", ",", "1234.5"),
    ("\u22122,5", ",", "-2.5"),
])
def test_parse_number_text_for_imports(text: str, sep: str, expected: str) -> None:
    assert parse_number_text(text, sep) == Decimal(expected)


@pytest.mark.parametrize("text", ["1e9999999999", "NaN", "", "abc"])
def test_parse_number_text_refuses_non_numbers(text: str) -> None:
    with pytest.raises(KindError):
        parse_number_text(text, ".")


@given(st.integers(-(10**40), 10**40), st.sampled_from(LOCALES))
def test_format_number_groups_integers_without_losing_digits(number: int, locale: str) -> None:
    text = format_number(number, locale)
    assert Int().parse(text, locale) == number


def test_report_section_and_emptiness_are_said_once() -> None:
    from ccm_desktop.domain.report import Report, is_empty

    report = Report()
    assert report.section("cover") is report.cover
    assert report.section("F") is report.form("F")
    assert [is_empty(v) for v in (None, "", [], 0, False, " ", ["att-1"])] == [
        True, True, True, False, False, False, False]


def test_money_and_areas_are_siblings_under_one_non_negative_decimal() -> None:
    """An area is not money: code asking for money does not get areas, and both refuse
    negative values and add up in totals."""
    from ccm_desktop.schema.kinds import NonNegativeDecimal

    assert not isinstance(AreaM2(), Money)
    for kind in (AreaM2(), Money()):
        assert isinstance(kind, NonNegativeDecimal)
        assert kind.check(Decimal("-0.5")) == "cannot be negative"
    assert DecimalNumber().check(Decimal("-0.5")) is None  # coordinates may be negative
