"""Fill some forms of an open report from a workbook that holds them (one office's part).

`merge_preview` lists what would change, in plain sentences, for the window to show before the
user accepts; `merge` returns the merged copy (the open report is never changed), which the
window pushes as one undoable step. A merged form replaces the open one as a whole: its status,
its statement and every field and row, because the office that sent it owns that form.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ccm_desktop.domain.report import FORM_LETTERS, Attachment, FormData, Report, Row, Section, is_empty
from ccm_desktop.schema.i18n import N_, translate
from ccm_desktop.schema.model import Field, Part, path_of
from ccm_desktop.schema.registry import part, part_title

PARTS_TO_MERGE = ("cover", *FORM_LETTERS)


@dataclass(frozen=True)
class Change:
    """One difference the merge would make. `path` is the place in the report (a finding path,
    docs/json-format.md), `text` one sentence for a person."""

    part_id: str
    path: str
    text: str
    before: str
    after: str


def parts_with_content(report: Report) -> tuple[str, ...]:
    """The forms of `report` that say anything: a status, a statement, a value or a row."""
    out = []
    for letter in FORM_LETTERS:
        form = report.form(letter)
        if form.status is not None or form.statement or form.last_reported_year is not None \
                or form.has_content():
            out.append(letter)
    return tuple(out)


def merge_preview(open_report: Report, imported: Report, forms: Sequence[str] | None = None,
                  lang: str = "en") -> list[Change]:
    """What `merge(open_report, imported, forms)` would change; empty when nothing would."""
    chosen = parts_with_content(imported) if forms is None else tuple(forms)
    changes: list[Change] = []
    for part_id in chosen:
        _check_part(part_id)
        schema = part(part_id)
        if part_id == "cover":
            changes += _section_changes(schema, open_report.cover, imported.cover, lang)
            continue
        before, after = open_report.form(part_id), imported.form(part_id)
        name = _part_name(schema, lang)
        for attribute, label in (("status", N_("status")),
                                 ("last_reported_year", N_("unchanged since")),
                                 ("statement", N_("statement"))):
            old, new = getattr(before, attribute), getattr(after, attribute)
            old_text, new_text = _attribute_text(old, lang), _attribute_text(new, lang)
            if old_text != new_text:
                changes.append(Change(part_id, path_of(part_id, attribute), translate(
                    N_("{part}, {what}: {before} becomes {after}."), lang).format(
                    part=name, what=translate(label, lang), before=old_text, after=new_text),
                    old_text, new_text))
        changes += _section_changes(schema, before, after, lang)
    return changes


def merge(open_report: Report, imported: Report, forms: Iterable[str]) -> Report:
    """A copy of `open_report` whose `forms` (letters, or "cover") are those of `imported`,
    with the attachments their cells name. `open_report` is not changed."""
    out = open_report.copy()
    chosen = [f for f in PARTS_TO_MERGE if f in set(forms)]
    for part_id in chosen:
        _check_part(part_id)
    replaced_refs: set[str] = set()
    for part_id in chosen:
        replaced_refs |= _refs(part(part_id), out.section(part_id))
    renames: dict[str, str] = {}
    for part_id in chosen:
        for ref in sorted(_refs(part(part_id), imported.section(part_id))):
            if ref in renames or ref not in imported.attachments:
                continue
            renames[ref] = _adopt(out, imported.attachments[ref])
    for part_id in chosen:
        source = imported.section(part_id)
        if part_id == "cover":
            out.cover = Section(dict(source.fields), _renamed(part(part_id), source, renames))
            continue
        assert isinstance(source, FormData)
        out.forms[part_id] = FormData(
            status=source.status, last_reported_year=source.last_reported_year,
            statement=source.statement, fields=dict(source.fields),
            tables=_renamed(part(part_id), source, renames))
    still_used: set[str] = set()
    for part_id in PARTS_TO_MERGE:
        still_used |= _refs(part(part_id), out.section(part_id))
    for ref in replaced_refs - still_used:
        out.attachments.pop(ref, None)
    return out


def _check_part(part_id: str) -> None:
    if part_id not in PARTS_TO_MERGE:
        raise ValueError(f"{part_id!r} is not a part of the report (cover or A-J)")




def _part_name(schema: Part, lang: str) -> str:
    return part_title(schema.id, lang)


def _attribute_text(value: Any, lang: str) -> str:
    if value is None or value == "":
        return translate(N_("(empty)"), lang)
    if hasattr(value, "value"):  # a FormStatus
        return translate(str(value.value).replace("_", " "), lang)
    return _short(str(value))


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return f"“{flat[:60]}…”" if len(flat) > 60 else f"“{flat}”"


def _value_text(spec: Field, value: Any, lang: str) -> str:
    if is_empty(value):
        return translate(N_("(empty)"), lang)
    return _short(spec.kind.format(value, lang))


def _section_changes(schema: Part, before: Section | FormData, after: Section | FormData,
                     lang: str) -> list[Change]:
    changes: list[Change] = []
    name = _part_name(schema, lang)
    for spec in schema.fields:
        old, new = before.fields.get(spec.id), after.fields.get(spec.id)
        if is_empty(old) and is_empty(new) or old == new:
            continue
        old_text, new_text = _value_text(spec, old, lang), _value_text(spec, new, lang)
        changes.append(Change(schema.id, path_of(schema.id, "fields", spec.id), translate(
            N_("{part}, {what}: {before} becomes {after}."), lang).format(
            part=name, what=translate(spec.label, lang), before=old_text, after=new_text),
            old_text, new_text))
    for table in schema.tables:
        old_rows = before.tables.get(table.id, [])
        new_rows = after.tables.get(table.id, [])
        old_keys = Counter(_row_key(r) for r in old_rows)
        new_keys = Counter(_row_key(r) for r in new_rows)
        if old_keys == new_keys:
            continue
        same = sum((old_keys & new_keys).values())
        text = translate(N_("{part}, {table}: {before} rows become {after} ({added} new or "
                            "changed, {removed} no longer there, {same} the same)."), lang).format(
            part=name, table=translate(table.label, lang), before=len(old_rows),
            after=len(new_rows), added=len(new_rows) - same, removed=len(old_rows) - same,
            same=same)
        changes.append(Change(schema.id, path_of(schema.id, "tables", table.id), text,
                              str(len(old_rows)), str(len(new_rows))))
    return changes




def _row_key(row: Row) -> str:
    return json.dumps({k: _canonical(v) for k, v in row.items() if not is_empty(v)},
                      sort_keys=True, ensure_ascii=False)


def _canonical(value: Any) -> str:
    """Equal values give equal text (16300000.50 and 16300000.5 are the same area)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _refs(schema: Part, holder: Section | FormData) -> set[str]:
    out: set[str] = set()
    for table in schema.tables:
        for col in table.columns:
            if col.kind.name != "attachments":
                continue
            for row in holder.tables.get(table.id, []):
                out.update(row.get(col.id) or [])
    return out


def _adopt(out: Report, attachment: Attachment) -> str:
    """Add `attachment` to `out` and return the id it has there."""
    same = out.attachments.get(attachment.id)
    if same is not None and same.sha256 == attachment.sha256:
        return attachment.id
    for existing in out.attachments.values():
        if existing.sha256 == attachment.sha256:
            return existing.id  # the same file is there already, under another id
    if same is None:
        out.attachments[attachment.id] = attachment
        return attachment.id
    number = 2
    while f"{attachment.id}-{number}" in out.attachments:
        number += 1
    new_id = f"{attachment.id}-{number}"
    out.attachments[new_id] = Attachment(new_id, attachment.filename, attachment.media_type,
                                         attachment.sha256, attachment.data)
    return new_id


def _renamed(schema: Part, holder: Section | FormData, renames: dict[str, str]
             ) -> dict[str, list[Row]]:
    tables: dict[str, list[Row]] = {}
    for table_id, rows in holder.tables.items():
        columns = {c.id for c in schema.table(table_id).columns
                   if c.kind.name == "attachments"} if schema.has_table(table_id) else set()
        tables[table_id] = [
            {k: ([renames.get(ref, ref) for ref in v] if k in columns and v else v)
             for k, v in row.items()}
            for row in rows
        ]
    return tables
