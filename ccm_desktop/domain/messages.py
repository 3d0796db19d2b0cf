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


def N_(text: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Marks `text` for translation (scripts/update-catalogues.sh extracts it); it stays the
    English key until shown."""
    return text


class Language(Protocol):
    code: str
    list_separator: str
    clause_separator: str

    def translate(self, text: str) -> str: ...

    def ntranslate(self, singular: str, plural: str, n: int) -> str: ...

    def number(self, value: int | Decimal | float) -> str: ...

    def date(self, value: date) -> str: ...


class _English:
    """The language of the code: no catalogue, grouped numbers and ISO dates."""

    code = "en"
    list_separator = ", "
    clause_separator = "; "

    def translate(self, text: str) -> str:
        return text

    def ntranslate(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural

    def number(self, value: int | Decimal | float) -> str:
        if isinstance(value, Decimal) and "." in f"{value:f}":
            return f"{value:,f}".rstrip("0").rstrip(".")
        return f"{value:,}"

    def date(self, value: date) -> str:
        return value.isoformat()


ENGLISH: Language = _English()


@dataclass(frozen=True)
class Message:
    """A template marked with `N_` and its named parameters, written out when shown. With a
    `plural` template, the form for the count in the parameter `n` is chosen (`nmessage`)."""

    template: str
    params: tuple[tuple[str, Any], ...] = ()
    plural: str | None = None

    def text(self, language: Language = ENGLISH) -> str:
        values = {name: format_value(value, language) for name, value in self.params}
        if self.plural is not None:
            count = dict(self.params).get("n", 0)
            translated = language.ntranslate(self.template, self.plural,
                                             count if isinstance(count, int) else 0)
        else:
            translated = language.translate(self.template)
        try:
            return translated.format(**values) if values else translated
        except (KeyError, IndexError, ValueError):
            # A translation whose placeholders do not match (the catalogue test catches these)
            # must not hide the sentence: fall back to English.
            english = ENGLISH.ntranslate(self.template, self.plural, int(dict(self.params).get(
                "n", 0))) if self.plural is not None else self.template
            return english.format(**values) if values else english


def message(template: str, **params: Any) -> Message:
    """`message(N_("row {n}"), n=4)`: a sentence to write out later in the reader's language."""
    return Message(template, tuple(params.items()))


def nmessage(singular: str, plural: str, n: int, **params: Any) -> Message:
    """`nmessage(N_("{n} row added"), N_("{n} rows added"), 3)`: a sentence with a count, in
    the form the reader's language uses for that count (one to six forms)."""
    return Message(singular, (("n", n), *params.items()), plural)


@dataclass(frozen=True)
class Words:
    """Parts shown one after the other, separated the language's way: as a list ("Form F,
    Clearance"), or with `clauses=True` as clauses ("Form F: 1 row added; Cover page: …")."""

    parts: tuple[Any, ...]
    clauses: bool = False

    def text(self, language: Language = ENGLISH) -> str:
        separator = language.clause_separator if self.clauses else language.list_separator
        return separator.join(format_value(p, language) for p in self.parts)


# Kept as data (a revision's summary in the database): JSON of templates and parameters ------

def to_data(said: Message | Words) -> dict[str, Any]:
    """A message as JSON data: {"t": template, "p": {name: value}} (with "pl": plural), or
    {"w": [parts]} (with "c": true for clauses). Values are kept as text or whole numbers;
    anything else is written out in English first."""
    if isinstance(said, Words):
        out: dict[str, Any] = {"w": [_value_data(p) for p in said.parts]}
        if said.clauses:
            out["c"] = True
        return out
    out = {"t": said.template, "p": {name: _value_data(v) for name, v in said.params}}
    if said.plural is not None:
        out["pl"] = said.plural
    return out


def _value_data(value: Any) -> Any:
    if isinstance(value, Message | Words):
        return to_data(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return format_value(value, ENGLISH)


def from_data(data: Any) -> Message | Words | None:
    """The message `to_data` wrote, or None for anything else (the caller shows it as it is)."""
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("w"), list):
        parts = [_value_from(p) for p in data["w"]]
        return None if any(p is None for p in parts) else Words(tuple(parts), data.get("c") is True)
    template, params, plural = data.get("t"), data.get("p", {}), data.get("pl")
    if not isinstance(template, str) or not isinstance(params, dict) \
            or not (plural is None or isinstance(plural, str)):
        return None
    values = {name: _value_from(v) for name, v in params.items()}
    if any(v is None for v in values.values()):
        return None
    return Message(template, tuple(values.items()), plural)


def _value_from(data: Any) -> Any:
    if isinstance(data, dict):
        return from_data(data)
    if isinstance(data, str | int) and not isinstance(data, bool):
        return data
    return None


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
