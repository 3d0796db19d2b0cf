"""The whole report: the cover page and Forms A-J, in the order of the official format."""

from __future__ import annotations

from ccm_desktop.domain.messages import Message, message
from ccm_desktop.domain.next_year import PerPeriod
from ccm_desktop.domain.report import FORM_LETTERS
from ccm_desktop.schema.forms import a, b, c, cover, d, e, f, g, h, i, j
from ccm_desktop.schema.i18n import N_, language
from ccm_desktop.schema.model import Field, Part, Table

PARTS: tuple[Part, ...] = (
    cover.PART, a.PART, b.PART, c.PART, d.PART, e.PART, f.PART, g.PART, h.PART, i.PART, j.PART,
)
FORMS: tuple[Part, ...] = PARTS[1:]
_BY_ID = {p.id: p for p in PARTS}
assert tuple(p.id for p in FORMS) == FORM_LETTERS


def part(part_id: str) -> Part:
    return _BY_ID[part_id]


def table(part_id: str, table_id: str) -> Table:
    return _BY_ID[part_id].table(table_id)


def field(part_id: str, field_id: str) -> Field:
    return _BY_ID[part_id].field(field_id)


def _per_period() -> PerPeriod:
    """The fields, tables and columns the schema marks `per_period` (docs/command-line.md, next-year)."""
    fields = {p.id: frozenset(f.id for f in p.fields if f.per_period) for p in PARTS}
    tables = {p.id: frozenset(t.id for t in p.tables if t.per_period) for p in PARTS}
    columns = {(p.id, t.id): frozenset(c.id for c in t.columns if c.per_period)
               for p in PARTS for t in p.tables if not t.per_period}
    return PerPeriod(fields={k: v for k, v in fields.items() if v},
                     tables={k: v for k, v in tables.items() if v},
                     columns={k: v for k, v in columns.items() if v})


PER_PERIOD: PerPeriod = _per_period()


# A form's status (FormStatus values) as a word inside a sentence: "Form C: unchanged".
STATUS_WORDS = {"changed": N_("changed"), "unchanged": N_("unchanged"),
                "not_applicable": N_("not applicable")}


def part_name(part_id: str) -> Message:
    """The name of a part, to write out in the reader's language: "Cover page", "Form F"."""
    if part_id == "cover":
        return message(N_("Cover page"))
    return message(N_("Form {letter}"), letter=part_id)


def part_heading(part_id: str, short: bool = False) -> Message:
    """The heading of a part, to write out in the reader's language: "Form B — Stockpiles and
    destruction" (the letter and the official title), or the cover's title. `short`: with the
    form's shorter title where it has one, for lists ("Form D — Retained and transferred")."""
    title = message(part(part_id).label if short else part(part_id).title)
    if part_id == "cover":
        return title
    return message(N_("Form {letter} — {title}"), letter=part_id, title=title)


def part_title(part_id: str, lang: str = "en") -> str:
    """`part_name` written out in `lang`."""
    return part_name(part_id).text(language(lang))
