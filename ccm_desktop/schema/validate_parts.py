"""Validating some parts of a report: what the window reruns after an edit.

`validate_parts(report, ids, previous)` returns the findings of each part in `ids`, exactly as
`validate` finds them (the concatenation over every part in schema order equals `validate`).
`readers(part_id)` says which parts' findings an edit of `part_id` can change: the part itself,
every part that declares it in `Part.reads`, and for the cover every part (the generic status
checks and many rules read the report's kind, period and entry into force).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ccm_desktop.domain.findings import Finding
from ccm_desktop.domain.report import FormData, Report, Section
from ccm_desktop.schema.registry import PARTS
from ccm_desktop.schema.validate import _check_part, _typed_values, other_state

PART_IDS: tuple[str, ...] = tuple(p.id for p in PARTS)
_READERS: dict[str, frozenset[str]] = {
    part.id: frozenset(PART_IDS) if part.id == "cover" else frozenset(
        {part.id} | {p.id for p in PARTS if part.id in p.reads})
    for part in PARTS
}


def readers(part_id: str) -> frozenset[str]:
    """The parts whose findings may change when `part_id` changes (unknown ids: every part)."""
    return _READERS.get(part_id, frozenset(PART_IDS))


def validate_parts(report: Report, part_ids: Iterable[str],
                   previous: Report | None = None) -> dict[str, list[Finding]]:
    """The findings of each part in `part_ids`; the cover's start with the error saying that
    `previous` is another State's report, when it is."""
    wanted = [p for p in PARTS if p.id in set(part_ids)]
    mismatch = other_state(report, previous)
    if mismatch is not None:
        previous = None
    needed = {"cover"} | {p.id for p in wanted} | {r for p in wanted for r in p.reads}
    typed = _typed_view(report, needed)
    typed_previous = _typed_view(previous, needed) if previous is not None else None
    out: dict[str, list[Finding]] = {}
    for part in wanted:
        out[part.id] = list(_check_part(report, typed, typed_previous, part))
    if mismatch is not None and "cover" in out:
        out["cover"].insert(0, mismatch)
    return out


def _typed_view(report: Report, part_ids: set[str]) -> Report:
    """`report` when the values of `part_ids` all have their kinds' types, else a report that
    shares everything with it except those parts' sections, which lack the values that do not
    (like `validate.well_typed`, without copying the parts nobody reads)."""
    out: Report | None = None
    for part in PARTS:
        if part.id not in part_ids:
            continue
        section: Section | FormData = report.cover if part.id == "cover" else report.form(part.id)
        fields = _typed_values(section.fields, {f.id: f.kind for f in part.fields})
        tables: dict[str, list[dict[str, object]]] | None = None
        for table in part.tables:
            kinds = {c.id: c.kind for c in table.columns}
            rows = section.tables.get(table.id, [])
            for index, row in enumerate(rows):
                cleaned = _typed_values(row, kinds)
                if cleaned is None:
                    continue
                if tables is None:
                    tables = dict(section.tables)
                if tables[table.id] is rows:
                    tables[table.id] = list(rows)
                tables[table.id][index] = cleaned
        if fields is None and tables is None:
            continue
        if out is None:
            out = replace(report, forms=dict(report.forms))
        new = replace(section, fields=section.fields if fields is None else fields,
                      tables=section.tables if tables is None else tables)
        if isinstance(new, FormData):
            out.forms[part.id] = new
        else:
            out.cover = new
    return out or report
