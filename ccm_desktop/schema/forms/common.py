"""Builders and columns shared by several forms (quantities of munitions, lot numbers...)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from ccm_desktop.domain.findings import Finding, warning
from ccm_desktop.domain.report import Row
from ccm_desktop.schema.i18n import N_, Message, message
from ccm_desktop.schema.kinds import Choice, Int, Kind, Note, Option, Text
from ccm_desktop.schema.model import Field, RuleContext, Table


def field(id: str, kind: Kind, label: str, help: str, **flags: Any) -> Field:  # noqa: A002
    return Field(id=id, kind=kind, label=label, help=help, **flags)


def table(id: str, label: str, help: str, *columns: Field, **flags: Any) -> Table:  # noqa: A002
    return Table(id=id, label=label, help=help, columns=tuple(columns), **flags)


def choice(*pairs: tuple[str, str]) -> Choice:
    return Choice(options=tuple(Option(i, label) for i, label in pairs))


TEXT, NOTE, INT = Text(), Note(), Int()


def type_column(required: bool = True) -> Field:
    return field("type", TEXT, N_("Type"),
                 N_("The type of cluster munition as it is designated, e.g. an M26 rocket."),
                 required=required, width=24)


def munitions_column() -> Field:
    return field("munitions", INT, N_("Cluster munitions"),
                 N_("Number of cluster munitions (whole munitions, not submunitions)."), width=12)


def submunitions_column() -> Field:
    return field("submunitions", INT, N_("Explosive submunitions"),
                 N_("Number of explosive submunitions they contain."), width=14)


def lot_numbers_column() -> Field:
    return field("lot_numbers", NOTE, N_("Lot numbers"),
                 N_("Lot numbers of the munitions, where it is possible to give them."), width=16)


def remarks_field() -> Field:
    """The form's own free text (format 2): where a State explains a figure a warning
    questions."""
    return field("remarks", NOTE, N_("Remarks"),
                 N_("Anything the State wishes to explain about this form, e.g. why a figure "
                    "differs from the previous report (Art. 7.1)."), voluntary=True)


def extension_decision_field(help: str) -> Field:  # noqa: A002
    """Which Meeting of States Parties granted an extension, until when (format 2)."""
    return field("extension_decision", NOTE, N_("Extension decision"), help, voluntary=True)


def fold_type(value: Any) -> str:
    """Types are compared across tables and years by their folded text."""
    return " ".join(str(value or "").casefold().split())


def first_of_each_type(rows: Iterable[Row]) -> dict[str, int]:
    """The index of the first row of each folded type (found once, not by a search per type)."""
    first: dict[str, int] = {}
    for i, row in enumerate(rows):
        first.setdefault(fold_type(row.get("type")), i)
    return first


def sum_by_type(rows: Iterable[Row], column: str) -> dict[str, int]:
    totals: dict[str, int] = {}
    for row in rows:
        value = row.get(column)
        if isinstance(value, int) and not isinstance(value, bool) and row.get("type"):
            key = fold_type(row["type"])
            totals[key] = totals.get(key, 0) + value
    return totals


def fmt(value: Any) -> str:
    """A number for a message: grouped, so that officials read 6,213,312 at a glance."""
    if isinstance(value, Decimal):
        return f"{value:,f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:,}"
    return f"{value:,}"


def outside_period(ctx: RuleContext, table_id: str, column: str,
                   where: Message) -> Iterable[Finding]:
    """Warning 10: dated rows of a per-period table that fall outside the reporting period."""
    start = ctx.report.cover.fields.get("period_from")
    end = ctx.report.cover.fields.get("period_to")
    if not isinstance(start, date) or not isinstance(end, date) or end < start:
        return
    for i, row in enumerate(ctx.rows(table_id)):
        day = row.get(column)
        if isinstance(day, date) and not start <= day <= end:
            yield warning(ctx.path("tables", table_id, i, column), N_(
                "{where}, row {row}: {date} lies outside the reporting period ({start} to "
                "{end}). Report it in the report for its own period, or correct the date."
            ), where=where, row=i + 1, date=day, start=start, end=end)


def missed_deadline(ctx: RuleContext, deadline_field: Field,
                    article: Message) -> Message | None:
    """Words for the Art. 3 or Art. 4 deadline the reporting period ends after ("the Art. 4
    deadline of 2021-05-01, and no extension is recorded"), or None when it is not yet past or
    cannot be known. The deadline is what the field derives from entry into force (its
    `derive`); a date entered in it later than that is a recorded extension."""
    default = deadline_field.derived_value(ctx.report)
    if not isinstance(default, date):
        return None
    end = ctx.report.cover.fields.get("period_to")
    recorded = ctx.value(deadline_field.id)
    deadline = recorded if isinstance(recorded, date) else default
    if not isinstance(end, date) or end <= deadline:
        return None
    if deadline > default:
        return message(N_("the extended deadline of {date}"), date=deadline)
    return message(N_("the {article} deadline of {date}, and no extension is recorded"),
                   article=article, date=deadline)
