"""Value kinds: what each reads, shows, writes as JSON and refuses; parse(format(v)) == v in every
UN language; edge cases."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from ccm_desktop.exchange.json_schema import SHIPPED
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


@dataclass(frozen=True)
class Behaviour:
    """What a kind does with one value. `shown`, `typed` and `refused` are the same text in every
    language, or one text a language. Refused text either cannot be read (KindError) or reads as
    a value the kind's check rejects: the window shows both at once."""

    kind: Kind
    value: Any
    as_json: Any  # how the report file writes it
    json_type: str  # the JSON Schema type of that form
    wrong_json: Any  # a JSON value of another type: the reader and the JSON Schema refuse it
    shown: str | dict[str, str]  # how the window and the documents show it
    typed: str | dict[str, str]  # what a person may type for it
    refused: str | dict[str, str] | None = None  # None: any text is taken (free text)


def _in(text: str | dict[str, str], lang: str) -> str:
    return text if isinstance(text, str) else text[lang]


NNBSP, NBSP = "\u202f", "\u00a0"  # French and Russian group their digits with these
BEHAVIOUR: dict[str, Behaviour] = {b.kind.name: b for b in (
    Behaviour(Text(), "Mine Action Centre", "Mine Action Centre", "string", 5,
              "Mine Action Centre", "  Mine Action Centre "),
    Behaviour(Note(), "first line\nsecond line", "first line\nsecond line", "string", 5,
              "first line\nsecond line", "first line\nsecond line\n"),
    Behaviour(Email(), "desk@example.org", "desk@example.org", "string", 5, "desk@example.org",
              " desk@example.org ", "desk at example.org"),
    Behaviour(Int(), 6213312, 6213312, "integer", "6213312",
              {"en": "6,213,312", "fr": f"6{NNBSP}213{NNBSP}312", "es": "6.213.312",
               "ru": f"6{NBSP}213{NBSP}312", "ar": "6,213,312", "zh": "6,213,312"},
              {"en": "6213312", "fr": "6 213 312", "es": "6.213.312", "ru": "6 213 312",
               "ar": "\u0666\u0662\u0661\u0663\u0663\u0661\u0662", "zh": "6,213,312"},
              {"en": "1.5", "fr": "1,5", "es": "1,5", "ru": "-3", "ar": "1.5", "zh": "1,2,3"}),
    Behaviour(Year(), 2015, 2015, "integer", "2015", "2015",  # never grouped: "2 015" is no year
              {"en": "2015", "fr": "2015", "es": "2015", "ru": "2015",
               "ar": "\u0662\u0660\u0661\u0665", "zh": "2015"},
              {"en": "1850", "fr": "2 015", "es": "2.015", "ru": "15", "ar": "1850",
               "zh": "\u4e8c\u3007\u4e00\u4e94"}),
    Behaviour(DecimalNumber(), Decimal("-33.90"), "-33.90", "string", -33.9,
              {"en": "-33.90", "fr": "-33,90", "es": "-33,90", "ru": "-33,90", "ar": "-33.90",
               "zh": "-33.90"},
              {"en": "-33.90", "fr": "-33,90", "es": "-33,90", "ru": "\u221233,90",
               "ar": "-33.90", "zh": "-33.90"},
              "1e5"),
    Behaviour(Money(), Decimal("1500000.25"), "1500000.25", "string", 1500000.25,
              {"en": "1,500,000.25", "fr": f"1{NNBSP}500{NNBSP}000,25", "es": "1.500.000,25",
               "ru": f"1{NBSP}500{NBSP}000,25", "ar": "1,500,000.25", "zh": "1,500,000.25"},
              {"en": "1500000.25", "fr": "1 500 000,25", "es": "1.500.000,25",
               "ru": "1500000,25", "ar": "1,500,000.25", "zh": "1,500,000.25"},
              {"en": "-1", "fr": "-1", "es": "2,5 ha", "ru": "-1", "ar": "-1", "zh": "-1"}),
    Behaviour(AreaM2(), Decimal("25000"), "25000", "string", 25000,
              {"en": "25,000", "fr": f"25{NNBSP}000", "es": "25.000", "ru": f"25{NBSP}000",
               "ar": "25,000", "zh": "25,000"},
              {"en": "2.5 ha", "fr": "2,5 ha", "es": "2,5 hectares", "ru": "0,025 km²",
               "ar": "25000 m²", "zh": "25,000"},
              {"en": "-0.5", "fr": "-0,5", "es": "-0,5 ha", "ru": "-0,5", "ar": "-0.5",
               "zh": "2.5 acres"}),
    Behaviour(Currency(), "EUR", "EUR", "string", 978, "EUR", "eur", "euro"),
    Behaviour(DateKind(), date(2015, 12, 31), "2015-12-31", "string", 20151231,
              "2015-12-31",  # ISO in every language: no day and month to confuse
              {"en": "31/12/2015", "fr": "31.12.2015", "es": "31/12/2015", "ru": "31.12.2015",
               "ar": "2015-12-31", "zh": "2015-12-31"},
              {"en": "2015-02-30", "fr": "30.02.2015", "es": "31/02/2015", "ru": "2015",
               "ar": "2015/12/31", "zh": "tomorrow"}),
    Behaviour(StateKind(), "LBN", "LBN", "string", 422,
              {"en": "Lebanon", "fr": "Liban", "es": "Líbano", "ru": "Ливан", "ar": "لبنان",
               "zh": "黎巴嫩"},
              {"en": "lbn", "fr": "liban", "es": "Líbano", "ru": "Ливан", "ar": "لبنان",
               "zh": "黎巴嫩"},
              {"en": "Atlantis", "fr": "Atlantide", "es": "Atlántida", "ru": "Атлантида",
               "ar": "أطلانطس", "zh": "亚特兰蒂斯"}),
    Behaviour(_legislation_choice(), "penal_sanction", "penal_sanction", "string", True,
              {"en": "Penal sanction", "fr": "Sanction pénale", "es": "Sanción penal",
               "ru": "Уголовная санкция", "ar": "عقوبة جزائية", "zh": "刑事制裁"},
              {"en": "PENAL_SANCTION", "fr": "sanction pénale", "es": "Sanción penal",
               "ru": "уголовная санкция", "ar": "عقوبة جزائية", "zh": "刑事制裁"},
              {"en": "decree", "fr": "décret", "es": "decreto", "ru": "указ", "ar": "مرسوم",
               "zh": "法令"}),
    Behaviour(YesNo(), False, False, "boolean", "false",
              {"en": "No", "fr": "Non", "es": "No", "ru": "Нет", "ar": "لا", "zh": "否"},
              {"en": "no", "fr": "non", "es": "NO", "ru": "нет", "ar": "لا", "zh": "否"},
              {"en": "maybe", "fr": "peut-être", "es": "quizás", "ru": "может быть",
               "ar": "ربما", "zh": "也许"}),
    Behaviour(Attachments(), ["a1", "a2"], ["a1", "a2"], "array", "a1", "a1, a2", "a1 , a2,"),
)}
KIND_SCHEMAS = json.loads(SHIPPED.read_text(encoding="utf-8"))["$defs"]


def _refuses(kind: Kind, text: str, lang: str = "en") -> bool:
    try:
        value = kind.parse(text, lang)
    except KindError:
        return True
    return value is not None and kind.check(value) is not None


@pytest.mark.parametrize("lang", LOCALES)
@pytest.mark.parametrize("name", sorted(BEHAVIOUR))
def test_what_each_kind_reads_shows_and_refuses_in_each_language(name: str, lang: str) -> None:
    b = BEHAVIOUR[name]
    read = b.kind.parse(_in(b.typed, lang), lang)
    assert read == b.value and type(read) is type(b.value)
    assert b.kind.check(read) is None
    shown = b.kind.format(b.value, lang)
    assert shown == _in(b.shown, lang)
    assert b.kind.parse(shown, lang) == b.value  # what is shown reads back as it was
    if b.refused is not None:
        refused = _in(b.refused, lang)
        assert _refuses(b.kind, refused, lang), f"{name} accepts {refused!r} in {lang}"


@pytest.mark.parametrize("name", sorted(BEHAVIOUR))
def test_what_each_kind_writes_to_the_report_file(name: str) -> None:
    """The JSON form, read back to the value; the shipped JSON Schema gives it the same type,
    and both the reader and the JSON Schema refuse a value of another JSON type."""
    b = BEHAVIOUR[name]
    raw = b.kind.to_json(b.value)
    assert raw == b.as_json and type(raw) is type(b.as_json)
    assert b.kind.from_json(json.loads(json.dumps(raw))) == b.value
    definition = KIND_SCHEMAS[f"kind_{name}"]
    assert definition["type"] == b.json_type
    validator = Draft202012Validator(definition)
    assert validator.is_valid(raw)
    assert not validator.is_valid(b.wrong_json)
    with pytest.raises(KindError):
        b.kind.from_json(b.wrong_json)


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


def test_money_and_areas_refuse_negatives_but_only_areas_take_units() -> None:
    """An area is not an amount of money: "2.5 ha" is an area of 25,000 m² and no amount; both
    refuse what is below zero, where a coordinate may be negative."""
    assert AreaM2().parse("2.5 ha", "en") == Decimal("25000")
    with pytest.raises(KindError):
        Money().parse("2.5 ha", "en")
    for kind in (AreaM2(), Money()):
        assert kind.check(Decimal("-0.5")) == "cannot be negative"
        assert kind.check(Decimal("0")) is None
    assert DecimalNumber().check(Decimal("-0.5")) is None  # coordinates may be negative
