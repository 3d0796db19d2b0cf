"""How people write units of area, in the six UN languages: one list for what is typed into a
cell of the window ("12,5 га") and for what stands in a workbook's header or cell ("Superficie
(ha)", "12,5 hectares"). What each unit is worth and how it is shown are in `kinds`
(`AREA_UNITS`, `AREA_UNIT_SYMBOLS`).

Words are compared folded (`fold`): case, accents, punctuation and compatibility forms do not
matter, so "m²", "M2" and "m2." are the same word, and so are "hectáreas" and "hectareas".
"""

from __future__ import annotations

import re
import unicodedata

# Every way of writing a unit, folded, and the unit it names.
AREA_UNIT_WORDS: dict[str, str] = {
    "m2": "m2", "sqm": "m2", "sq m": "m2", "square metres": "m2", "square meters": "m2",
    "metres carres": "m2", "metros cuadrados": "m2", "кв м": "m2", "м2": "m2",
    "квадратных метров": "m2", "平方米": "m2", "米2": "m2", "م2": "m2", "متر مربع": "m2",
    "ha": "ha", "hectare": "ha", "hectares": "ha", "hectarea": "ha", "hectareas": "ha",
    "га": "ha", "гектар": "ha", "гектаров": "ha", "гектары": "ha", "公顷": "ha", "هكتار": "ha",
    "هكتارات": "ha", "هك": "ha",
    "km2": "km2", "sqkm": "km2", "sq km": "km2", "square kilometres": "km2",
    "square kilometers": "km2", "kilometres carres": "km2", "kilometros cuadrados": "km2",
    "км2": "km2", "кв км": "km2", "平方公里": "km2", "平方千米": "km2", "كم2": "km2",
    "كيلومتر مربع": "km2",
}

_ARABIC_FOLD = str.maketrans({"ة": "ه", "ى": "ي", "ـ": None, "٫": ".", "٬": ","})
_NOT_WORD = re.compile(r"[^\w]+")
_NUMBER_THEN_TEXT = re.compile(r"\s*([-+]?[\d\s.,\u00a0\u202f'’]*\d)\s*(\S.*)?")


def fold(text: str) -> str:
    """Text for comparing: compatibility forms, case, accents and punctuation folded away,
    Arabic letter variants unified, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_ARABIC_FOLD)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", text).split())


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def unit_in(text: str) -> str | None:
    """The area unit a header or a cell names ("Superficie (ha)" -> "ha"), or None."""
    folded = f" {fold(text)} "
    found: list[tuple[int, int, str]] = []
    for words, unit in AREA_UNIT_WORDS.items():
        position = folded.rfind(f" {words} ")
        if position < 0 and any(_is_cjk(ch) for ch in words):
            position = folded.rfind(words)  # written without spaces
        if position >= 0:
            found.append((position + len(words), len(words), unit))
    return max(found)[2] if found else None


def strip_unit(text: str) -> tuple[str, str | None]:
    """A number and the unit after it: "12,5 ha" -> ("12,5", "ha"), "3 km²." -> ("3", "km2");
    the text and None unless what follows the number is one unit word ("12 ha of land" and
    "2 ha m2" are not numbers)."""
    match = _NUMBER_THEN_TEXT.fullmatch(text)
    if not match or not match.group(2):
        return text, None
    unit = AREA_UNIT_WORDS.get(fold(match.group(2)))
    return (match.group(1), unit) if unit else (text, None)
