"""The whole report: the cover page and Forms A-J, in the order of the official format."""

from __future__ import annotations

from ccm_desktop.domain.report import FORM_LETTERS
from ccm_desktop.schema.forms import a, b, c, cover, d, e, f, g, h, i, j
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
