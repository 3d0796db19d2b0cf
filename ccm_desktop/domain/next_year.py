"""Starting next year's report from this year's (`ccm-desktop next-year`, docs/command-line.md).

`next_year_report(source, per_period)` is a pure function: it returns a new draft and never
changes `source`. The window and `ccm-desktop next-year` both use it. Which fields, tables and
columns record one reporting period is a property of the schema (`Field.per_period`,
`Table.per_period`); the domain does not know the schema, so the caller passes them in
(`schema.registry.PER_PERIOD`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from ccm_desktop.domain.deadlines import annual_report_due, initial_report_due
from ccm_desktop.domain.errors import UserError
from ccm_desktop.domain.messages import N_, Message
from ccm_desktop.domain.report import FORM_LETTERS, FormStatus, Report


@dataclass(frozen=True)
class PerPeriod:
    """What records one reporting period, by part id ("cover", "A" ... "J"): fields, whole
    tables, and single columns of tables that are otherwise carried over."""

    fields: Mapping[str, frozenset[str]] = field(default_factory=dict)
    tables: Mapping[str, frozenset[str]] = field(default_factory=dict)
    columns: Mapping[tuple[str, str], frozenset[str]] = field(default_factory=dict)


class NoReportingPeriod(UserError, ValueError):
    """The source report says no year: there is nothing to count the next year from."""


def source_year(report: Report) -> int:
    """The calendar year `report` covers: the year of `period_to`, else of `period_from`."""
    for key in ("period_to", "period_from"):
        value = report.cover.fields.get(key)
        if isinstance(value, date):
            return value.year
    raise NoReportingPeriod(Message(N_("the report has no reporting period, so its year is "
                                       "unknown; fill in the period first")))


def source_due(report: Report) -> date:
    """When `report` itself falls due: 180 days after entry into force for an initial report
    (Art. 7.1), 30 April after its year for an annual one (Art. 7.2)."""
    eif = report.cover.fields.get("entry_into_force")
    if report.report_kind == "initial" and isinstance(eif, date):
        return initial_report_due(eif)
    return annual_report_due(source_year(report))


def next_reporting_year(report: Report) -> int:
    """The calendar year of the report that falls due next: the year before the first 30 April
    after the source report's own due date (an initial report due 30 April 2014 is followed by
    the annual report for 2014, due 30 April 2015)."""
    due = source_due(report)
    next_due_year = due.year + 1 if (due.month, due.day) >= (4, 30) else due.year
    return next_due_year - 1


def next_year_report(source: Report, per_period: PerPeriod) -> Report:
    year = source_year(source)
    new_year = next_reporting_year(source)
    draft = source.copy()
    fields = draft.cover.fields
    fields["report_kind"] = "annual"
    fields["period_from"] = date(new_year, 1, 1)
    fields["period_to"] = date(new_year, 12, 31)
    _empty(draft.cover.fields, draft.cover.tables, "cover", per_period)
    for letter in FORM_LETTERS:
        form = draft.form(letter)
        if form.status == FormStatus.NOT_APPLICABLE:
            pass  # stays not applicable, with its statement
        elif form.status == FormStatus.UNCHANGED and form.last_reported_year is not None:
            pass  # keeps the year it pointed to
        else:
            form.status = FormStatus.UNCHANGED
            form.last_reported_year = year
        form.to_review = True  # until the user confirms it or edits it
        _empty(form.fields, form.tables, letter, per_period)
    _drop_unused_attachments(draft)
    return draft


def _empty(fields: dict[str, object], tables: dict[str, list[dict[str, object]]], part_id: str,
           per_period: PerPeriod) -> None:
    for key in per_period.fields.get(part_id, frozenset()):
        fields.pop(key, None)
    for key in per_period.tables.get(part_id, frozenset()):
        tables.pop(key, None)
    for (pid, table_id), columns in per_period.columns.items():
        if pid != part_id:
            continue
        for row in tables.get(table_id, []):
            for column in columns:
                row.pop(column, None)


def _drop_unused_attachments(report: Report) -> None:
    used: set[str] = set()
    tables = [report.cover.tables, *(form.tables for form in report.forms.values())]
    for holder in tables:
        for rows in holder.values():
            for row in rows:
                for value in row.values():
                    if isinstance(value, list):
                        used.update(v for v in value if isinstance(v, str))
    report.attachments = {k: v for k, v in report.attachments.items() if k in used}
