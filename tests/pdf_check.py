"""Reading PDF reports back for the tests: text per page, what should be printed where."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from typing import Any

from pypdf import PdfReader

from ccm_desktop.domain.deadlines import clearance_due, stockpile_destruction_due
from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.exchange.pdf import fonts, render_pdf
from ccm_desktop.schema.kinds import AreaM2, Attachments, DateKind
from ccm_desktop.schema.model import Field, Part, Table
from ccm_desktop.schema.registry import FORMS, part
from ccm_desktop.schema.states import state_name


def missing_glyphs(drawn: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (font, character) pairs drawn without a glyph: what would print as a box. `drawn` is
    the fixture of tests/conftest.py that records what reportlab encodes."""
    return {(font, ch) for font, text in drawn for ch in text
            if not ch.isspace() and not fonts.has_glyph(font, ch)}


def squash(text: str) -> str:
    """NFKC, without any white space: line breaks inside cells do not matter."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass
class Pdf:
    data: bytes
    reader: PdfReader
    pages: list[str]

    @classmethod
    def of(cls, report: Report, **kwargs: Any) -> Pdf:
        data = render_pdf(report, **kwargs)
        return cls.read(data)

    @classmethod
    def read(cls, data: bytes) -> Pdf:
        reader = PdfReader(io.BytesIO(data))
        return cls(data, reader, [p.extract_text() or "" for p in reader.pages])

    @property
    def squashed(self) -> list[str]:
        return [squash(p) for p in self.pages]

    def first_page_with(self, needle: str) -> int | None:
        target = squash(needle)
        for i, text in enumerate(self.squashed):
            if target in text:
                return i
        return None


AREA_FACTORS = {"m2": 1, "ha": 10_000, "km2": 1_000_000}


def area_unit(report: Report) -> str:
    return report.cover.fields.get("area_unit") or "m2"


def shown(column: Field, value: Any, report: Report) -> str:
    """A value as the English PDF prints it: dates dd/mm/yyyy as the template writes them,
    areas in the report's unit."""
    if value is None or value == [] or value == "":
        return ""
    if isinstance(column.kind, Attachments):
        return "\n".join(report.attachments[a].filename for a in value)
    if isinstance(column.kind, DateKind):
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    unit = area_unit(report)
    if isinstance(column.kind, AreaM2) and unit != "m2":
        with localcontext() as context:
            context.prec = 100
            value = (Decimal(value) / AREA_FACTORS[unit]).normalize()
    return str(column.kind.format(value, "en"))


def label(column: Field, report: Report) -> str:
    if isinstance(column.kind, AreaM2):
        return column.label.replace("m²", {"m2": "m²", "ha": "ha", "km2": "km²"}[
            area_unit(report)])
    return column.label


def has_value(rows: list[dict[str, Any]], column: Field) -> bool:
    return any(r.get(column.id) not in (None, "", []) for r in rows)


def printed_parts(report: Report) -> list[Part]:
    return [p for p in FORMS if report.form(p.id).status is FormStatus.CHANGED
            or (report.form(p.id).status is None and report.form(p.id).has_content())]


def heading(p: Part) -> str:
    return f"Form {p.id} — {p.title}"


def field_text(report: Report, f: Field, values: dict[str, Any]) -> list[str]:
    value = values.get(f.id)
    if value is None and f.id in ("article3_deadline", "article4_deadline"):
        eif = report.cover.fields.get("entry_into_force")
        if isinstance(eif, date):
            due = (stockpile_destruction_due if f.id == "article3_deadline" else clearance_due)(eif)
            return [f.label, f"{due.day:02d}/{due.month:02d}/{due.year}"]
    return [label(f, report), shown(f, value, report) or "—"]


def table_text(report: Report, table: Table, rows: list[dict[str, Any]]) -> Iterator[str]:
    yield table.label
    if not rows:
        yield "None reported"
        return
    columns = [c for c in table.columns if c.id != "photos"
               and (c is table.columns[0] or c.required or has_value(rows, c))]
    for c in columns:
        yield label(c, report)
    for row in rows:
        for c in columns:
            text = shown(c, row.get(c.id), report)
            if text:
                yield text
        for ref in row.get("photos") or []:
            yield report.attachments[ref].filename


def expected_parts(report: Report) -> dict[str, list[str]]:
    """What each printed part must show, in order: heading (letter and title), articles, then
    every field (label and value) and every table (caption, column labels, cells row by row)."""
    out: dict[str, list[str]] = {}
    for p in printed_parts(report):
        form = report.form(p.id)
        texts = [heading(p), p.articles]
        for item in p.items:
            if isinstance(item, Table):
                texts.extend(table_text(report, item, form.tables.get(item.id, [])))
            else:
                texts.extend(field_text(report, item, form.fields))
        out[p.id] = texts
    return out


def expected_cover(report: Report) -> list[str]:
    cover = part("cover")
    fields = report.cover.fields
    texts = ["Article 7 report", state_name(fields["state"], "en")]
    for fid in ("state", "report_kind", "period_from", "period_to", "submission_date",
                "entry_into_force", "prepared_by", "approved_by"):
        texts.extend(field_text(report, cover.field(fid), fields))
    if fields.get("area_unit"):
        texts.extend(field_text(report, cover.field("area_unit"), fields))
    texts.append("Status of Forms A to J")
    for p in FORMS:
        form = report.form(p.id)
        texts += [p.id, p.title]
        if form.status is FormStatus.CHANGED:
            texts.append("Changed")
        elif form.status is FormStatus.UNCHANGED:
            texts.append(f"Unchanged since {form.last_reported_year}")
        elif form.status is FormStatus.NOT_APPLICABLE:
            texts.append("Not applicable")
            texts.append(form.statement or "")
    return [t for t in texts if t]


def expected_contacts(report: Report) -> list[str]:
    texts = ["Contacts — Art. 7.1(l)"]
    for row in report.cover.tables.get("contacts", []):
        for c in part("cover").table("contacts").columns:
            value = shown(c, row.get(c.id), report)
            if value:
                texts += [c.label, value]
    return texts


def is_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def signature(word: str) -> str:
    """A word's letters and digits after NFKC, in any order (Arabic comes back in visual order,
    joined forms decomposed)."""
    return "".join(sorted(ch for ch in unicodedata.normalize("NFKC", word) if ch.isalnum()))


def words_missing(value: str, page_text: str) -> list[str]:
    """The words of `value` whose characters are not on the page as one word (either order)."""
    page = {signature(w) for w in re.split(r"[\s()\[\]]+", page_text)}
    missing = []
    for word in re.split(r"[\s()\[\]]+", value):
        sig = signature(word)
        if sig and sig not in page and not any(sig in p for p in page):
            missing.append(word)
    return missing


def missing_in_order(haystack: str, needles: list[str], page_text: str | None = None) -> list[str]:
    """The needles not found in `haystack` (squashed) in this order, each after the previous
    one. Right-to-left needles are looked for word by word in `page_text` instead, when given
    (their order on the page is visual)."""
    missing = []
    at = 0
    for needle in needles:
        if page_text is not None and is_rtl(needle):
            missing += words_missing(needle, page_text)
            continue
        target = squash(needle)
        found = haystack.find(target, at)
        if found < 0:
            missing.append(needle)
        else:
            at = found + len(target)
    return missing
