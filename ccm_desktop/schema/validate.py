"""The one validator: `validate(report, previous=None) -> list[Finding]`.

Generic checks (required values, kinds, minimum rows, form statuses) are made here by walking
the schema; the cross-field rules of each part live beside its fields in `schema/forms/`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ccm_desktop.domain.findings import Finding, error, warning
from ccm_desktop.domain.report import FormData, FormStatus, Report, Row, Section
from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.kinds import Attachments, Kind, Year
from ccm_desktop.schema.model import Field, Part, RuleContext, Table, path_of
from ccm_desktop.schema.registry import PARTS

BARE_STATEMENTS = frozenset({"n/a", "na", "n.a.", "none", "-", "--", "not applicable", "nil",
                             "s.o.", "s/o", "no aplica", "sans objet"})


def part_name(part: Part) -> str:
    return N_("Cover page") if part.id == "cover" else N_("Form {letter}").format(letter=part.id)


def place(part: Part, table: Table | None = None, row: int | None = None,
          column: Field | None = None) -> str:
    """Where a finding is, in words: "Form F, Clearance, row 4, Cleared (m²)"."""
    words = [part_name(part)]
    if table is not None:
        words.append(table.label)
    if row is not None:
        words.append(N_("row {n}").format(n=row + 1))
    if column is not None:
        words.append(column.label)
    return ", ".join(words)


def validate(report: Report, previous: Report | None = None) -> list[Finding]:
    """Every finding about `report`; `previous` (last year's report) enables the year-on-year
    warnings. Values of the wrong type are reported once, by the generic checks; the cross-field
    rules see the report without them, so that they never trip over a date typed as text."""
    findings: list[Finding] = []
    typed = well_typed(report)
    typed_previous = well_typed(previous) if previous is not None else None
    for part in PARTS:
        findings.extend(_check_part(report, typed, typed_previous, part))
    return findings


def _typed_values(values: dict[str, Any], kinds: dict[str, Kind]) -> dict[str, Any] | None:
    """`values` without unknown keys and wrongly typed values, or None if nothing goes."""
    if all(k in kinds and (v is None or kinds[k].has_type(v)) for k, v in values.items()):
        return None
    return {k: v for k, v in values.items()
            if k in kinds and v is not None and kinds[k].has_type(v)}


def well_typed(report: Report) -> Report:
    """`report` itself when every value has its kind's Python type, else a copy without the
    values that do not (and without keys the schema does not know)."""
    out: Report | None = None
    for part in PARTS:
        sections = [("cover", report.cover)] if part.id == "cover" else [
            (part.id, report.form(part.id))]
        for part_id, section in sections:
            field_kinds = {f.id: f.kind for f in part.fields}
            cleaned = _typed_values(section.fields, field_kinds)
            if cleaned is not None:
                out = out or report.copy()
                _holder(out, part_id).fields = cleaned
            for table in part.tables:
                column_kinds = {c.id: c.kind for c in table.columns}
                for index, row in enumerate(section.tables.get(table.id, [])):
                    cleaned_row = _typed_values(row, column_kinds)
                    if cleaned_row is not None:
                        out = out or report.copy()
                        _holder(out, part_id).tables[table.id][index] = cleaned_row
    return out or report


def _holder(report: Report, part_id: str) -> Section | FormData:
    return report.cover if part_id == "cover" else report.form(part_id)


def errors_of(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_error]


def _check_part(report: Report, typed: Report, previous: Report | None,
                part: Part) -> Iterator[Finding]:
    if part.is_form:
        form = report.form(part.id)
        yield from _check_status(report, part, form)
        if form.status is not FormStatus.CHANGED:
            return
        if not form.has_content():
            yield error(path_of(part.id), N_(
                "{form} is marked changed but holds nothing. Fill it in, or mark it unchanged "
                "or not applicable instead."
            ).format(form=part_name(part)))
            return
        section: Section | FormData = form
    else:
        section = report.cover
    yield from _check_content(report, part, section)
    ctx = RuleContext(report=typed, previous=previous, part_id=part.id)
    for rule in part.rules:
        yield from rule(ctx)


def _check_status(report: Report, part: Part, form: FormData) -> Iterator[Finding]:
    name = part_name(part)
    status = form.status
    if status is None:
        yield error(path_of(part.id, "status"), N_(
            "{form}: choose whether it changed, is unchanged since an earlier report, or does "
            "not apply."
        ).format(form=name))
        return
    if status is FormStatus.NOT_APPLICABLE:
        if not part.can_be_not_applicable:
            yield error(path_of(part.id, "status"), N_(
                "{form} cannot be marked not applicable: every State reports its national "
                "implementation measures (Art. 7.1(a)). Mark it changed or unchanged."
            ).format(form=name))
        statement = (form.statement or "").strip()
        if not part.can_be_not_applicable:
            return  # asking why it does not apply would contradict the error above
        if not statement:
            yield error(path_of(part.id, "statement"), N_(
                "{form} is marked not applicable: say in one line why, e.g. \"{example}\"."
            ).format(form=name, example=part.not_applicable_example))
        elif statement.casefold() in BARE_STATEMENTS:
            # The bare word is not quoted back: "None" or "-" in a message reads like a bug.
            yield warning(path_of(part.id, "statement"), N_(
                "{form} is marked not applicable, but the statement does not say why. Give the "
                "reason in a few words, e.g. \"{example}\"."
            ).format(form=name, example=part.not_applicable_example))
    if status is FormStatus.UNCHANGED:
        if report.report_kind == "initial":
            yield error(path_of(part.id, "status"), N_(
                "{form} is marked unchanged, but an initial report has nothing earlier to refer "
                "to. Fill it in or mark it not applicable."
            ).format(form=name))
        year = form.last_reported_year
        if year is None:
            yield error(path_of(part.id, "last_reported_year"), N_(
                "{form} is marked unchanged: give the year of the report it is unchanged since."
            ).format(form=name))
        elif (problem := Year().check(year)) is not None:
            yield error(path_of(part.id, "last_reported_year"),
                        f"{name}, {N_('year last reported')}: {problem}.")
        elif report.reporting_year is not None and year >= report.reporting_year:
            yield error(path_of(part.id, "last_reported_year"), N_(
                "{form} is unchanged since {year}, but that is not earlier than this report's "
                "year {this}."
            ).format(form=name, year=year, this=report.reporting_year))


def _check_content(report: Report, part: Part, section: Section | FormData) -> Iterator[Finding]:
    for item in part.items:
        if isinstance(item, Table):
            yield from _check_table(report, part, item, section.tables.get(item.id, []))
        else:
            value = section.fields.get(item.id)
            yield from _check_value(report, part, None, None, item, value,
                                    path_of(part.id, "fields", item.id))
    yield from _unknown_keys(part, section)


def _check_table(report: Report, part: Part, table: Table, rows: list[Row]) -> Iterator[Finding]:
    if len(rows) < table.min_rows:
        yield error(path_of(part.id, "tables", table.id), N_(
            "{place}: add at least one row."
        ).format(place=place(part, table)))
    for index, row in enumerate(rows):
        for column in table.columns:
            yield from _check_value(report, part, table, index, column, row.get(column.id),
                                    path_of(part.id, "tables", table.id, index, column.id))


def _check_value(report: Report, part: Part, table: Table | None, row: int | None,
                 column: Field, value: Any, path: str) -> Iterator[Finding]:
    where = place(part, table, row, column)
    if value is None or value == "" or value == []:
        if column.required:
            yield error(path, N_("{place}: this is required.").format(place=where))
        return
    problem = column.kind.check(value)
    if problem is not None and problem.startswith("expected"):
        yield error(path, N_("{place}: {problem}, not {value}.").format(
            place=where, problem=problem, value=_shown(column, value)))
    elif problem is not None:
        yield error(path, f"{where}: {_shown(column, value)} {problem}.")
    elif isinstance(column.kind, Attachments):
        for attachment_id in value:
            if attachment_id not in report.attachments:
                yield error(path, N_("{place}: the attached file {id} is missing.").format(
                    place=where, id=attachment_id))


def _shown(column: Field, value: Any) -> str:
    text = value if isinstance(value, str) else str(value)
    if len(text) > 40:
        text = text[:39] + "…"
    return f"\"{text}\"" if isinstance(value, str) else text


def _unknown_keys(part: Part, section: Section | FormData) -> Iterator[Finding]:
    """Values under ids the schema does not know (e.g. from an older import) are errors."""
    for key in section.fields:
        if not part.has_field(key):
            yield error(path_of(part.id, "fields", key),
                        N_("{part}: unknown field \"{key}\".").format(part=part_name(part), key=key))
    for key in section.tables:
        if not part.has_table(key):
            yield error(path_of(part.id, "tables", key),
                        N_("{part}: unknown table \"{key}\".").format(part=part_name(part), key=key))
