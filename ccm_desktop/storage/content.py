"""What the database holds of one report, as plain data (no SQLAlchemy here).

`Content` is a report reduced to what is stored: empty values dropped, attachments by reference
(their bytes live in the `blob` table). It is what revisions snapshot, what deltas apply to, and
what the repository keeps in memory as "the last saved state" to compute the next save's changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ccm_desktop.domain.report import Attachment, FormData, FormStatus, Report, Row, Section, Value, is_empty
from ccm_desktop.storage.codec import clean_row, decode_value, encode_value

COVER = "cover"


class FormAttrs(NamedTuple):
    status: str | None = None
    last_reported_year: int | None = None
    statement: str | None = None
    to_review: bool = False  # carried over into next year's draft, not yet confirmed


class AttachmentMeta(NamedTuple):
    filename: str
    media_type: str
    sha256: str


@dataclass
class Content:
    language: str = "en"
    template: str = "ccm-2010"
    fields: dict[str, dict[str, Value]] = field(default_factory=dict)  # part -> field -> value
    forms: dict[str, FormAttrs] = field(default_factory=dict)  # letter -> attributes
    tables: dict[str, dict[str, list[Row]]] = field(default_factory=dict)  # part -> table -> rows
    attachments: dict[str, AttachmentMeta] = field(default_factory=dict)  # in the report's order

    def rows(self, part: str, table: str) -> list[Row]:
        return self.tables.get(part, {}).get(table, [])

    def row_count(self) -> int:
        return sum(len(rows) for tables in self.tables.values() for rows in tables.values())


def sections(report: Report) -> list[tuple[str, Section | FormData]]:
    """The cover and every form, with the part id the database files them under."""
    out: list[tuple[str, Section | FormData]] = [(COVER, report.cover)]
    out.extend(report.forms.items())
    return out


def form_attrs(form: FormData) -> FormAttrs:
    status = form.status.value if isinstance(form.status, FormStatus) else form.status
    return FormAttrs(status or None, form.last_reported_year, form.statement or None,
                     bool(form.to_review))


def clean_fields(values: dict[str, Value]) -> dict[str, Value]:
    return {k: (list(v) if isinstance(v, list) else v) for k, v in values.items() if not is_empty(v)}


def content_of(report: Report, attachments: dict[str, AttachmentMeta]) -> Content:
    """`report` as stored, sharing nothing mutable with it. `attachments` are the metadata of
    its attachments (computed by the caller, which hashes their bytes)."""
    out = Content(language=report.language, template=report.template,
                  attachments=dict(attachments))
    for part, section in sections(report):
        values = clean_fields(section.fields)
        if values:
            out.fields[part] = values
        tables = {tid: [clean_row(r) for r in rows] for tid, rows in section.tables.items() if rows}
        if tables:
            out.tables[part] = tables
        if part != COVER and isinstance(section, FormData):
            attrs = form_attrs(section)
            if attrs != FormAttrs():
                out.forms[part] = attrs
    return out


def report_of(content: Content, blobs: dict[str, bytes]) -> Report:
    """A new `Report` from stored content (copies, so the caller may change it freely)."""
    report = Report(language=content.language, template=content.template)
    for part, values in content.fields.items():
        holder = report.cover if part == COVER else report.form(part)
        holder.fields = clean_fields(values)
    for part, tables in content.tables.items():
        holder = report.cover if part == COVER else report.form(part)
        holder.tables = {tid: [clean_row(r) for r in rows] for tid, rows in tables.items() if rows}
    for letter, attrs in content.forms.items():
        form = report.form(letter)
        form.status = FormStatus(attrs.status) if attrs.status else None
        form.last_reported_year = attrs.last_reported_year
        form.statement = attrs.statement
        form.to_review = bool(attrs.to_review)
    for att_id, meta in content.attachments.items():
        report.attachments[att_id] = Attachment(att_id, meta.filename, meta.media_type,
                                                meta.sha256, blobs[meta.sha256])
    return report


# Snapshots: the whole content as JSON-ready data ------------------------------------------------


def content_to_json(content: Content) -> dict[str, Any]:
    return {
        "language": content.language,
        "template": content.template,
        "fields": {p: {k: encode_value(v) for k, v in vals.items()}
                   for p, vals in content.fields.items()},
        "forms": {letter: list(attrs) for letter, attrs in content.forms.items()},
        "tables": {p: {t: [{k: encode_value(v) for k, v in row.items()} for row in rows]
                       for t, rows in tables.items()}
                   for p, tables in content.tables.items()},
        "attachments": [[i, *meta] for i, meta in content.attachments.items()],
    }


def content_from_json(raw: dict[str, Any]) -> Content:
    return Content(
        language=raw["language"],
        template=raw["template"],
        fields={p: {k: decode_value(v) for k, v in vals.items()} for p, vals in raw["fields"].items()},
        forms={letter: FormAttrs(*attrs) for letter, attrs in raw["forms"].items()},
        tables={p: {t: [{k: decode_value(v) for k, v in row.items()} for row in rows]
                    for t, rows in tables.items()}
                for p, tables in raw["tables"].items()},
        attachments={a[0]: AttachmentMeta(a[1], a[2], a[3]) for a in raw["attachments"]},
    )
