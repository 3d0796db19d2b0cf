"""Units of area are written the same ways wherever a person writes them: typed into the
window's cells in any of the six languages, or in a workbook's header or cell (one list,
schema/units.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ccm_desktop.exchange.xlsx.convert import convert_cell
from ccm_desktop.exchange.xlsx.guess import score_header
from ccm_desktop.schema.kinds import AreaM2, KindError
from ccm_desktop.schema.units import AREA_UNIT_WORDS, fold, strip_unit, unit_in

TYPED = [  # (locale, text, square metres)
    ("ru", "12,5 га", "125000"),
    ("ru", "3 км2", "3000000"),
    ("ar", "2 هكتار", "20000"),
    ("zh", "1 平方公里", "1000000"),
    ("es", "3 hectáreas", "30000"),
    ("fr", "1,5 km²", "1500000"),
    ("fr", "40 mètres carrés", "40"),
    ("en", "0.5 SQKM.", "500000"),
    ("en", "2.5 ha", "25000"),
    ("en", "1500", "1500"),
]


@pytest.mark.parametrize(("locale", "text", "m2"), TYPED)
def test_a_unit_typed_in_any_language_converts(locale: str, text: str, m2: str) -> None:
    assert AreaM2().parse(text, locale) == Decimal(m2)


@pytest.mark.parametrize(("locale", "text", "m2"), TYPED)
def test_a_workbook_cell_reads_the_same_units(locale: str, text: str, m2: str) -> None:
    separator = "," if locale in ("ru", "fr", "es") else "."
    assert convert_cell(AreaM2(), text, unit="m2", decimal_separator=separator) == Decimal(m2)


@pytest.mark.parametrize("text", ["2 ha m2", "12 ha of land", "5 apples", "ha 5"])
def test_only_one_unit_word_after_the_number_is_a_unit(text: str) -> None:
    assert strip_unit(text) == (text, None)
    with pytest.raises(KindError):
        AreaM2().parse(text, "en")


def test_every_word_is_stored_folded_and_names_a_unit() -> None:
    assert all(fold(word) == word for word in AREA_UNIT_WORDS)
    assert set(AREA_UNIT_WORDS.values()) == {"m2", "ha", "km2"}
    assert all(unit_in(f"Area ({word})") == unit for word, unit in AREA_UNIT_WORDS.items())


def test_a_header_with_a_unit_names_the_column_and_the_unit() -> None:
    scores = score_header("Superficie dépolluée (hectares)", "F", "clearance")
    assert max(scores, key=lambda c: scores[c].score) == "cleared_m2"
    assert unit_in("Superficie dépolluée (hectares)") == "ha"
