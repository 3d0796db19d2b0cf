"""Translation at the edge: labels are marked where defined and translated where shown.

`N_` marks a string for translation without translating it (the string stays the English key);
`translate(text, lang)` looks it up in the gettext catalogue
`ccm_desktop/locale/<lang>/LC_MESSAGES/messages.po` when shown. The catalogues are read with Babel
when a language is first used (no compiled .mo files: what a translator saves in Poedit or
Weblate is what the program reads). Missing, empty and fuzzy translations fall back to English,
so a partial catalogue never hides a label.

Sentences with parameters (findings above all) are `Message`s (domain/messages.py), written out
when shown with `language(lang)`.
"""

from __future__ import annotations

import datetime
import gettext
import logging
import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from ccm_desktop.domain.messages import ENGLISH, N_, Language, Message, Words, message

__all__ = ["N_", "Language", "Message", "Words", "language", "message", "ntranslate", "translate"]

UN_LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")
RTL_LANGUAGES: frozenset[str] = frozenset({"ar"})
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
CATALOGUE_LANGUAGES: tuple[str, ...] = tuple(code for code in UN_LANGUAGES if code != "en")

_log = logging.getLogger(__name__)

_LATIN = re.compile(r"[A-Za-z]")

# How the parts of a place ("Form F, Clearance, row 4") are separated in each language.
_LIST_SEPARATOR = {"ar": "، ", "zh": "，"}
# And clauses ("Form F: 1 row added; Cover page: 1 value changed").
_CLAUSE_SEPARATOR = {"ar": "؛ ", "zh": "；"}


def catalogue_path(lang: str, base: Path = LOCALE_DIR) -> Path:
    return base / lang / "LC_MESSAGES" / "messages.po"


@dataclass(frozen=True)
class Catalogue:
    """The usable translations of one .po file (no empty or fuzzy ones): `texts` maps a msgid to
    its msgstr, `plurals` a singular msgid to its plural forms, chosen with `plural_index(n)`."""

    texts: dict[str, str]
    plurals: dict[str, tuple[str, ...]]
    plural_index: Callable[[int], int]


def read_catalogue(path: Path) -> Catalogue:
    """A catalogue edited by hand may be damaged: what cannot be read, and a translation whose
    placeholders are not the English ones (it could not be filled in), is left out with a
    warning in the log, and the English shows instead."""
    from babel.messages.pofile import PoFileError, read_po

    empty = Catalogue({}, {}, _english_plural)
    if not path.is_file():
        return empty
    try:
        with path.open("rb") as handle:
            catalogue = read_po(handle)
        plural_index = gettext.c2py(catalogue.plural_expr)
    except (OSError, ValueError, PoFileError) as exc:  # UnicodeDecodeError is a ValueError
        _log.warning("%s could not be read (%s); its labels are shown in English.", path, exc)
        return empty
    texts: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    for m in catalogue:
        if not m.id or m.fuzzy:
            continue
        if isinstance(m.id, str) and isinstance(m.string, str) and m.string:
            if _fields(m.string) == _fields(m.id):
                texts[m.id] = m.string
            else:
                _log.warning("%s: the translation of %r has other placeholders; it is not used.",
                             path, m.id)
        elif isinstance(m.id, tuple | list) and isinstance(m.string, tuple | list) \
                and all(m.string):
            forms = tuple(str(s) for s in m.string)
            if all(_fields(f) <= _fields(str(m.id[-1])) for f in forms):
                plurals[str(m.id[0])] = forms
            else:
                _log.warning("%s: the translation of %r has other placeholders; it is not used.",
                             path, m.id[0])
    return Catalogue(texts, plurals, plural_index)


def _fields(text: str) -> frozenset[str]:
    """The named placeholders of a template (a mark of its own if its braces do not pair up)."""
    try:
        return frozenset(name for _, name, _, _ in string.Formatter().parse(text)
                         if name is not None)
    except ValueError:
        return frozenset({"{unpaired braces}"})


def _english_plural(n: int) -> int:
    return 0 if n == 1 else 1


@cache
def _catalogue(lang: str) -> Catalogue:
    if lang not in CATALOGUE_LANGUAGES:
        return Catalogue({}, {}, _english_plural)
    return read_catalogue(catalogue_path(lang))


def translate(text: str, lang: str = "en") -> str:
    if lang == "en" or not text:
        return text
    found = _catalogue(lang).texts.get(text)
    return found if found is not None else _fallback(text, lang)


def _fallback(english: str, lang: str) -> str:
    """The English of a string not (yet) translated. In a right-to-left language it is set
    apart as a left-to-right run (U+2066 … U+2069, whatever fills its placeholders), so that it
    reads "New report…" and not "…New report"."""
    if lang in RTL_LANGUAGES and _LATIN.search(english):
        return f"\u2066{english}\u2069"
    return english


def ntranslate(singular: str, plural: str, n: int, lang: str = "en") -> str:
    """The form of a sentence for the count `n` ("{n} row" / "{n} rows"); languages have one
    (Chinese) to six (Arabic) forms, as the catalogue's Plural-Forms header says. The caller
    fills in `{n}`: `ntranslate("{n} row", "{n} rows", n, lang).format(n=n)`."""
    catalogue = _catalogue(lang) if lang != "en" else None
    forms = catalogue.plurals.get(singular) if catalogue is not None else None
    if catalogue is None or forms is None:
        return _fallback(singular if _english_plural(n) == 0 else plural, lang)
    return forms[min(catalogue.plural_index(n), len(forms) - 1)]


def babel_locale(lang: str) -> str:
    return {"zh": "zh_Hans"}.get(lang, lang)


class _CatalogueLanguage:
    """A language other than English: its catalogue, and numbers and dates written by Babel."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.list_separator = _LIST_SEPARATOR.get(code, ", ")
        self.clause_separator = _CLAUSE_SEPARATOR.get(code, "; ")

    def translate(self, text: str) -> str:
        return translate(text, self.code)

    def ntranslate(self, singular: str, plural: str, n: int) -> str:
        return ntranslate(singular, plural, n, self.code)

    def number(self, value: int | Decimal | float) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=babel_locale(self.code), decimal_quantization=False)

    def date(self, value: datetime.date) -> str:
        from babel.dates import format_date

        return format_date(value, "medium", locale=babel_locale(self.code))


@cache
def language(lang: str) -> Language:
    """The reader's language for `Message.text` and `Finding.text`: `finding.text(language("fr"))`.
    An unknown code reads as English."""
    return _CatalogueLanguage(lang) if lang in CATALOGUE_LANGUAGES else ENGLISH


def language_of_environment(environ: Mapping[str, str]) -> str:
    """The UN language of the user's locale (LC_ALL, then LC_MESSAGES, then LANG, as gettext
    reads them): "fr_CH.UTF-8" is French, "zh_TW" Chinese; anything else is English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            code = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
            return code if code in UN_LANGUAGES else "en"
    return "en"


def isolate(text: str, lang: str) -> str:
    """`text` (a number, a date, a code, a file name) set apart from a right-to-left sentence
    around it with Unicode's first-strong isolate (U+2068 … U+2069), so that "report-2024.pdf"
    is not reordered into "pdf.2024-report" in Arabic. Left as it is in the other languages."""
    return f"\u2068{text}\u2069" if lang in RTL_LANGUAGES and text else text
