"""The Article 7 report as plain data.

A `Report` holds values keyed by the ids of the schema (`schema/forms/`). Values are Python objects
of the kind's type: `str`, `int`, `Decimal`, `date`, `bool`, or a list of attachment ids. An empty
value is simply absent (or None); never "" or 0.
"""

from __future__ import annotations

import copy
import enum
from dataclasses import dataclass, field
from typing import Any

FORM_LETTERS: tuple[str, ...] = ("A", "B", "C", "D", "E", "F", "G", "H", "I", "J")

Value = Any
Row = dict[str, Value]


def is_empty(value: object) -> bool:
    """Whether a value counts as not given: None, empty text or an empty list of files."""
    return value is None or value == "" or value == []


class FormStatus(enum.StrEnum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    NOT_APPLICABLE = "not_applicable"


@dataclass
class FormData:
    """One of Forms A-J: its status on the cover page and its content."""

    status: FormStatus | None = None
    last_reported_year: int | None = None
    statement: str | None = None
    fields: dict[str, Value] = field(default_factory=dict)
    tables: dict[str, list[Row]] = field(default_factory=dict)
    # Carried over into next year's draft and not yet confirmed or edited: the window's
    # workflow, kept in the database; the JSON and Excel files have no place for it.
    to_review: bool = False

    def has_content(self) -> bool:
        if any(v is not None and v != [] for v in self.fields.values()):
            return True
        return any(rows for rows in self.tables.values())


@dataclass
class Attachment:
    id: str
    filename: str
    media_type: str
    sha256: str
    data: bytes


@dataclass
class Section:
    """Fields and tables of one part (the cover page, or the content of a form)."""

    fields: dict[str, Value] = field(default_factory=dict)
    tables: dict[str, list[Row]] = field(default_factory=dict)


@dataclass
class Report:
    language: str = "en"
    template: str = "ccm-2010"
    cover: Section = field(default_factory=Section)
    forms: dict[str, FormData] = field(
        default_factory=lambda: {letter: FormData() for letter in FORM_LETTERS}
    )
    attachments: dict[str, Attachment] = field(default_factory=dict)

    def form(self, letter: str) -> FormData:
        return self.forms.setdefault(letter, FormData())

    def section(self, part_id: str) -> Section | FormData:
        """The cover ("cover") or a form (its letter): where that part's values are."""
        return self.cover if part_id == "cover" else self.form(part_id)

    def copy(self) -> Report:
        return copy.deepcopy(self)

    # Convenience accessors used by validation, deadlines and the window.
    @property
    def state(self) -> str | None:
        value = self.cover.fields.get("state")
        return value if isinstance(value, str) else None

    @property
    def report_kind(self) -> str | None:
        value = self.cover.fields.get("report_kind")
        return value if isinstance(value, str) else None

    @property
    def reporting_year(self) -> int | None:
        """The calendar year the report covers: the year of `period_to`."""
        end = self.cover.fields.get("period_to")
        return end.year if end is not None and hasattr(end, "year") else None

    def normalised(self) -> Report:
        """A copy with empty values removed, so that equal content compares equal."""
        out = self.copy()
        _drop_empty(out.cover.fields)
        for rows in out.cover.tables.values():
            for row in rows:
                _drop_empty(row)
        out.cover.tables = {k: v for k, v in out.cover.tables.items() if v}
        for form in out.forms.values():
            form.statement = form.statement or None
            _drop_empty(form.fields)
            for rows in form.tables.values():
                for row in rows:
                    _drop_empty(row)
            form.tables = {k: v for k, v in form.tables.items() if v}
        return out


def _drop_empty(values: dict[str, Value]) -> None:
    for key in [k for k, v in values.items() if is_empty(v)]:
        del values[key]
