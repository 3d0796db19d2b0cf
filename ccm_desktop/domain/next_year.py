"""Starting next year's report from this year's (`ccm-desktop next-year`, docs/command-line.md).

`next_year_report(source)` is a pure function: it returns a new draft and never changes
`source`. The window and `ccm-desktop next-year` both use it.
"""

from __future__ import annotations

from datetime import date

from ccm_desktop.domain.report import FORM_LETTERS, FormStatus, Report

# Tables whose rows record what happened during the reporting period; they start empty.
# (Section 5 names these; every other table is carried over as the starting point.)
PERIOD_BOUND_TABLES: dict[str, tuple[str, ...]] = {
    "B": ("destroyed",),
    "F": ("clearance",),
    "H": ("casualties",),
    "I": ("national_resources", "assistance_provided", "assistance_received"),
}

# Cover values that belong to one report, not to the State: a new draft has not been
# submitted or approved yet.
PER_REPORT_COVER_FIELDS: tuple[str, ...] = ("submission_date", "approved_by")


class NoReportingPeriod(ValueError):
    """The source report says no year: there is nothing to count the next year from."""


def source_year(report: Report) -> int:
    """The calendar year `report` covers: the year of `period_to`, else of `period_from`."""
    for key in ("period_to", "period_from"):
        value = report.cover.fields.get(key)
        if isinstance(value, date):
            return value.year
    raise NoReportingPeriod("the report has no reporting period, so its year is unknown; "
                            "fill in the period first")


def next_year_report(source: Report) -> Report:
    year = source_year(source)
    draft = source.copy()
    fields = draft.cover.fields
    fields["report_kind"] = "annual"
    fields["period_from"] = date(year + 1, 1, 1)
    fields["period_to"] = date(year + 1, 12, 31)
    for key in PER_REPORT_COVER_FIELDS:
        fields.pop(key, None)
    for letter in FORM_LETTERS:
        form = draft.form(letter)
        pointed = form.last_reported_year if form.status == FormStatus.UNCHANGED else None
        form.last_reported_year = pointed if pointed is not None else year
        form.status = FormStatus.UNCHANGED
        for table_id in PERIOD_BOUND_TABLES.get(letter, ()):
            form.tables.pop(table_id, None)
    _drop_unused_attachments(draft)
    return draft


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
