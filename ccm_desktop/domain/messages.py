"""Sentences kept as templates until they are shown, so that each reader gets their language.

A `Message` is a template marked with `N_` and its named parameters. It is written out only
when shown, by a `Language`: parameters that are themselves `Message`s (labels, part names) are
translated, numbers and dates are written the language's way, and any other text (what the
user typed, a State's name, a code) is kept as it is. `ENGLISH` needs no catalogue; the other
languages are made by `ccm_desktop.schema.i18n.language(code)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol


class Language(Protocol):
    code: str
    list_separator: str

    def translate(self, text: str) -> str: ...

    def number(self, value: int | Decimal | float) -> str: ...

    def date(self, value: date) -> str: ...


class _English:
    """The language of the code: no catalogue, grouped numbers and ISO dates."""

    code = "en"
    list_separator = ", "

    def translate(self, text: str) -> str:
        return text

    def number(self, value: int | Decimal | float) -> str:
        if isinstance(value, Decimal) and "." in f"{value:f}":
            return f"{value:,f}".rstrip("0").rstrip(".")
        return f"{value:,}"

    def date(self, value: date) -> str:
        return value.isoformat()


ENGLISH: Language = _English()


@dataclass(frozen=True)
class Message:
    """A template marked with `N_` and its named parameters, written out when shown."""

    template: str
    params: tuple[tuple[str, Any], ...] = ()

    def text(self, language: Language = ENGLISH) -> str:
        values = {name: format_value(value, language) for name, value in self.params}
        translated = language.translate(self.template)
        try:
            return translated.format(**values) if values else translated
        except (KeyError, IndexError, ValueError):
            # A translation whose placeholders do not match (the catalogue test catches these)
            # must not hide the sentence: fall back to English.
            return self.template.format(**values) if values else self.template


def message(template: str, **params: Any) -> Message:
    """`message(N_("row {n}"), n=4)`: a sentence to write out later in the reader's language."""
    return Message(template, tuple(params.items()))


@dataclass(frozen=True)
class Words:
    """Parts shown one after the other, separated the language's way ("Form F, Clearance")."""

    parts: tuple[Any, ...]

    def text(self, language: Language = ENGLISH) -> str:
        return language.list_separator.join(format_value(p, language) for p in self.parts)


def format_value(value: Any, language: Language) -> str:
    if isinstance(value, Message | Words):
        return value.text(language)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | Decimal | float):
        return language.number(value)
    if isinstance(value, date):
        return language.date(value)
    return str(value)
