"""The one validator: `validate(report, previous=None) -> list[Finding]`.

Generic checks (required values, kinds, minimum rows, form statuses) are made here by walking
the schema; the cross-field rules of each part live beside its fields in `schema/forms/`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from ccm_desktop.domain.deadlines import initial_report_due
from ccm_desktop.domain.findings import Finding, error, warning
from ccm_desktop.domain.report import FormData, FormStatus, Report, Row, Section, is_empty
from ccm_desktop.schema.i18n import N_, Message, Words, message
from ccm_desktop.schema.kinds import Attachments, Kind, Year
from ccm_desktop.schema.model import Field, Part, Rule, RuleContext, Table, path_of
from ccm_desktop.schema.registry import PARTS, part_name

BARE_STATEMENTS = frozenset({"n/a", "na", "n.a.", "none", "-", "--", "not applicable", "nil",
                             "s.o.", "s/o", "no aplica", "sans objet"})




def place(part: Part, table: Table | None = None, row: int | None = None,
          column: Field | None = None) -> Words:
    """Where a finding is, in words: "Form F, Clearance, row 4, Cleared (m²)"."""
    words: list[Message] = [part_name(part.id)]
    if table is not None:
        words.append(message(table.label))
    if row is not None:
        words.append(message(N_("row {n}"), n=row + 1))
    if column is not None:
        words.append(message(column.label))
    return Words(tuple(words))


def validate(report: Report, previous: Report | None = None) -> list[Finding]:
    """Every finding about `report`; `previous` (last year's report) enables the year-on-year
    warnings. Values of the wrong type are reported once, by the generic checks; the cross-field
    rules see the report without them, so that they never trip over a date typed as text."""
    findings: list[Finding] = []
    mismatch = other_state(report, previous)
    if mismatch is not None:
        findings.append(mismatch)
        previous = None  # another State's figures say nothing about this State's
    typed = well_typed(report)
    typed_previous = well_typed(previous) if previous is not None else None
    for part in PARTS:
        findings.extend(_check_part(report, typed, typed_previous, part))
    return findings


def other_state(report: Report, previous: Report | None) -> Finding | None:
    """Error 4b: the error when `previous` is another State's report, else None."""
    if previous is None or _same_state(report, previous):
        return None
    from ccm_desktop.schema.states import state_name

    return error(path_of("cover", "fields", "state"), N_(
        "Cover page: the report to compare with is a report of {other}, not of {state}. "
        "Compare with this State's own previous report."
    ), other=state_name(str(previous.state)), state=state_name(str(report.state)))


def _initial_report_year(report: Report, year: int) -> bool:
    """Whether `year` is this annual report's own year and the State's initial report covered
    part of it (entry into force, or the initial report's due date, fell in that year): the
    first annual report may then be unchanged since the initial report of the same year, as
    next year's draft from an initial report makes it (docs/command-line.md, next-year)."""
    eif = report.cover.fields.get("entry_into_force")
    if report.report_kind != "annual" or year != report.reporting_year or not isinstance(eif,
                                                                                       date):
        return False
    return year in (eif.year, initial_report_due(eif).year)


def _same_state(report: Report, previous: Report) -> bool:
    """Error 4b: the year-on-year checks compare a State with itself (unknown passes)."""
    return report.state is None or previous.state is None or report.state == previous.state


def _typed_values(values: dict[str, Any], kinds: dict[str, Kind]) -> dict[str, Any] | None:
    """`values` without unknown keys and wrongly typed values, or None if nothing goes."""
    for key, value in values.items():  # a plain loop: this runs for every row of every table
        kind = kinds.get(key)
        if kind is None or value is not None and not kind.has_type(value):
            break
    else:
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
                out.section(part_id).fields = cleaned
            for table in part.tables:
                column_kinds = {c.id: c.kind for c in table.columns}
                for index, row in enumerate(section.tables.get(table.id, [])):
                    cleaned_row = _typed_values(row, column_kinds)
                    if cleaned_row is not None:
                        out = out or report.copy()
                        out.section(part_id).tables[table.id][index] = cleaned_row
    return out or report


ContentCheck = Callable[[Report, Part, Section | FormData], Iterator[Finding]]
RuleRun = Callable[[Rule, RuleContext], Iterable[Finding]]


def _check_part(report: Report, typed: Report, previous: Report | None,
                part: Part, content: ContentCheck | None = None,
                run_rule: RuleRun | None = None) -> Iterator[Finding]:
    """The part's findings; `content` replaces the generic check of its values and `run_rule`
    the running of each rule (the window's cached ones, schema/validate_parts.py)."""
    if part.is_form:
        form = report.form(part.id)
        yield from _check_status(report, part, form)
        if form.status is not FormStatus.CHANGED:
            return
        if not form.has_content():
            yield error(path_of(part.id), N_(
                "{form} is marked changed but holds nothing. Fill it in, or mark it unchanged "
                "or not applicable instead."
            ), form=part_name(part.id))
            return
        section: Section | FormData = form
    else:
        section = report.cover
    yield from (content or _check_content)(report, part, section)
    ctx = RuleContext(report=typed, previous=previous, part_id=part.id)
    for rule in part.rules:
        yield from rule(ctx) if run_rule is None else run_rule(rule, ctx)


def _check_status(report: Report, part: Part, form: FormData) -> Iterator[Finding]:
    name = part_name(part.id)
    status = form.status
    if status is None:
        yield error(path_of(part.id, "status"), N_(
            "{form}: choose whether it changed, is unchanged since an earlier report, or does "
            "not apply."
        ), form=name)
        return
    if status is FormStatus.NOT_APPLICABLE:
        if not part.can_be_not_applicable:
            yield error(path_of(part.id, "status"), N_(
                "{form} cannot be marked not applicable: every State reports its national "
                "implementation measures (Art. 7.1(a)). Mark it changed or unchanged."
            ), form=name)
        statement = (form.statement or "").strip()
        if not part.can_be_not_applicable:
            return  # asking why it does not apply would contradict the error above
        if not statement:
            yield error(path_of(part.id, "statement"), N_(
                "{form} is marked not applicable: say in one line why, e.g. \"{example}\"."
            ), form=name, example=message(part.not_applicable_example))
        elif statement.casefold() in BARE_STATEMENTS:
            # The bare word is not quoted back: "None" or "-" in a message reads like a bug.
            yield warning(path_of(part.id, "statement"), N_(
                "{form} is marked not applicable, but the statement does not say why. Give the "
                "reason in a few words, e.g. \"{example}\"."
            ), form=name, example=message(part.not_applicable_example))
    if status is FormStatus.UNCHANGED:
        if report.report_kind == "initial":
            yield error(path_of(part.id, "status"), N_(
                "{form} is marked unchanged, but an initial report has nothing earlier to refer "
                "to. Fill it in or mark it not applicable."
            ), form=name)
        year = form.last_reported_year
        if year is None:
            yield error(path_of(part.id, "last_reported_year"), N_(
                "{form} is marked unchanged: give the year of the report it is unchanged since."
            ), form=name)
        elif (problem := Year().check(year)) is not None:
            yield error(path_of(part.id, "last_reported_year"),
                        N_("{form}, year last reported: {problem}."), form=name,
                        problem=message(problem))
        elif report.reporting_year is not None and year >= report.reporting_year \
                and not _initial_report_year(report, year):
            yield error(path_of(part.id, "last_reported_year"), N_(
                "{form} is unchanged since {year}, but that is not earlier than this report's "
                "year {this}."
            ), form=name, year=str(year), this=str(report.reporting_year))
        elif (eif := report.cover.fields.get("entry_into_force")) is not None and \
                hasattr(eif, "year") and year < eif.year:
            # Error 4b: no report of this State can be that old.
            yield error(path_of(part.id, "last_reported_year"), N_(
                "{form} is marked unchanged since {year}, but the Convention entered into force "
                "for this State only in {eif}: there was no report then. Give the year of its "
                "last report on this form."
            ), form=name, year=str(year), eif=str(eif.year))


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
    yield from too_few_rows(part, table, rows)
    for index, row in enumerate(rows):
        yield from check_row(report, part, table, index, row)


def too_few_rows(part: Part, table: Table, rows: list[Row]) -> Iterator[Finding]:
    if len(rows) < table.min_rows:
        yield error(path_of(part.id, "tables", table.id), N_(
            "{place}: add at least one row."
        ), place=place(part, table))


def check_row(report: Report, part: Part, table: Table, index: int,
              row: Row) -> Iterator[Finding]:
    """The generic checks of one row's values. Most values are fine: those are passed over
    without making their path."""
    for column in table.columns:
        value = row.get(column.id)
        if value is None or value == "" or value == []:
            if not column.required:
                continue
        elif not isinstance(column.kind, Attachments) and column.kind.check(value) is None:
            continue
        yield from _check_value(report, part, table, index, column, value,
                                path_of(part.id, "tables", table.id, index, column.id))


def _check_value(report: Report, part: Part, table: Table | None, row: int | None,
                 column: Field, value: Any, path: str) -> Iterator[Finding]:
    def where() -> Words:  # only for a finding: most values have none
        return place(part, table, row, column)

    if is_empty(value):
        if column.required:
            yield error(path, N_("{place}: this is required."), place=where())
        return
    problem = column.kind.check(value)
    if problem is not None and problem.startswith("expected"):
        yield error(path, N_("{place}: {problem}, not {value}."),
                    place=where(), problem=message(problem), value=_shown(column, value))
    elif problem is not None:
        yield error(path, N_("{place}: {value} {problem}."),
                    place=where(), value=_shown(column, value), problem=message(problem))
    elif isinstance(column.kind, Attachments):
        for attachment_id in value:
            if attachment_id not in report.attachments:
                yield error(path, N_("{place}: the attached file {id} is missing."),
                            place=where(), id=attachment_id)


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
                        N_("{part}: unknown field \"{key}\"."), part=part_name(part.id), key=key)
    for key in section.tables:
        if not part.has_table(key):
            yield error(path_of(part.id, "tables", key),
                        N_("{part}: unknown table \"{key}\"."), part=part_name(part.id), key=key)
