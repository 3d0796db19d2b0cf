"""Form D: cluster munitions retained and transferred (Art. 3.6, 3.7, 3.8)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ccm_desktop.domain.findings import Finding, error, warning
from ccm_desktop.schema.forms.common import (
    NOTE,
    TEXT,
    choice,
    field,
    first_of_each_type,
    lot_numbers_column,
    munitions_column,
    outside_period,
    remarks_field,
    submunitions_column,
    sum_by_type,
    table,
    type_column,
)
from ccm_desktop.schema.i18n import N_, message
from ccm_desktop.schema.kinds import DateKind, StateKind
from ccm_desktop.schema.model import Part, RuleContext, reads_cover


def use_described(ctx: RuleContext) -> Iterable[Finding]:
    """Art. 3.8 asks for the planned and the actual use of retained munitions."""
    for i, row in enumerate(ctx.rows("retained")):
        if row.get("planned_use") is None and row.get("actual_use") is None:
            yield warning(ctx.path("tables", "retained", i, "planned_use"), N_(
                "Form D, Retained, row {row}: say how these munitions are to be used and how "
                "they were used (Art. 3.8)."
            ), row=i + 1)


def retained_not_increased(ctx: RuleContext) -> Iterable[Finding]:
    """Warning 6: Art. 3.6 allows only the minimum absolutely necessary."""
    before = ctx.previous_rows("retained")
    if before is None:
        return
    first = first_of_each_type(ctx.rows("retained"))
    for column in ("munitions", "submunitions"):
        prev = sum_by_type(before, column)
        now = sum_by_type(ctx.rows("retained"), column)
        for kind, amount in now.items():
            if kind in prev and amount > prev[kind]:
                index = first[kind]
                yield warning(ctx.path("tables", "retained", index, column), N_(
                    "Form D, Retained, row {row}: {now} {column} retained, more than the {prev} "
                    "of the previous report. Art. 3.6 allows only the minimum absolutely "
                    "necessary: explain the increase."
                ), row=index + 1, now=amount, prev=prev[kind],
                  column=message(N_("munitions") if column == "munitions" else N_("submunitions")))


@reads_cover("state")
def not_to_itself(ctx: RuleContext) -> Iterable[Finding]:
    """Error 4a: a State does not transfer cluster munitions to itself, nor acquire them from
    itself (Art. 3.7 is about transfers between States)."""
    own = ctx.report.cover.fields.get("state")
    if not isinstance(own, str):
        return
    for table_id, column, label, words in (
            ("transferred", "receiving_state", N_("Transferred"), N_("the receiving State")),
            ("acquired", "supplying_state", N_("Acquired"), N_("the supplying State"))):
        for i, row in enumerate(ctx.rows(table_id)):
            if row.get(column) == own:
                yield error(ctx.path("tables", table_id, i, column), N_(
                    "Form D, {table}, row {row}: {words} is the reporting State itself. A "
                    "transfer under Art. 3.7 is between two States: give the other State."
                ), table=message(label), row=i + 1, words=message(words))


def _party_on(code: str, day: date) -> bool:
    """Whether the State was a State Party on `day`: in the State list, the Convention in force
    for it, and no withdrawal in effect (a State not in the list never was)."""
    from ccm_desktop.schema.states import load_states

    info = load_states().get(code)
    if info is None:
        return False
    eif = info.entry_into_force
    withdrawn = getattr(info, "withdrawal_effective", None)
    if eif is None:
        return False
    return eif <= day and (withdrawn is None or day < withdrawn)


@reads_cover("state", "period_to")
def transferred_to_party(ctx: RuleContext) -> Iterable[Finding]:
    """Warning 10: Art. 3.7 allows transfers to States Parties only, for the permitted
    purposes."""
    own = ctx.report.cover.fields.get("state")
    end = ctx.report.cover.fields.get("period_to")
    for i, row in enumerate(ctx.rows("transferred")):
        code, day = row.get("receiving_state"), row.get("date")
        day = day if isinstance(day, date) else end
        if not isinstance(code, str) or code == own or not isinstance(day, date):
            continue
        if _party_on(code, day) is False:
            yield warning(ctx.path("tables", "transferred", i, "receiving_state"), N_(
                "Form D, Transferred, row {row}: {state} was not a State Party on {date}; "
                "Art. 3.7 allows transfers to States Parties only. Check the State or the date."
            ), row=i + 1, state=code, date=day)


@reads_cover("period_from", "period_to")
def dated_within_period(ctx: RuleContext) -> Iterable[Finding]:
    """Warning 10: transfers and acquisitions dated outside the reporting period."""
    for table_id, label in (("transferred", N_("Transferred")), ("acquired", N_("Acquired"))):
        yield from outside_period(ctx, table_id, "date",
                                  message(N_("Form D, {table}"), table=message(label)))


PART = Part(
    id="D",
    title=N_("Cluster munitions retained and transferred"),
    short_title=N_("Retained and transferred"),
    articles=N_("Art. 3.6, 3.7, 3.8"),
    not_applicable_example=N_(
        "no cluster munitions or explosive submunitions are retained or were transferred"),
    help=N_("Cluster munitions kept or moved abroad for the development of and training in "
            "detection, clearance or destruction techniques, or for counter-measures, and "
            "those transferred for destruction. Only the minimum absolutely necessary may be "
            "retained (Art. 3.6)."),
    items=(
        table("retained", N_("Retained"),
              N_("Munitions retained under Art. 3.6, with the institution authorised to hold "
                 "them and their planned and actual use (Art. 3.8)."),
              type_column(), munitions_column(), submunitions_column(), lot_numbers_column(),
              field("institution", TEXT, N_("Institution"),
                    N_("The institution authorised to hold them.")),
              field("planned_use", NOTE, N_("Planned use"),
                    N_("What they are to be used for (Art. 3.8)."), width=22),
              field("actual_use", NOTE, N_("Actual use"),
                    N_("How they were used during the period (Art. 3.8)."), width=22,
                    per_period=True)),
        table("transferred", N_("Transferred"),
              N_("Munitions transferred to another State under Art. 3.7, for destruction or "
                 "for training and development."),
              type_column(), munitions_column(), submunitions_column(), lot_numbers_column(),
              field("receiving_state", StateKind(), N_("Receiving State"),
                    N_("The State that received them."), required=True, width=18),
              field("purpose", choice(("destruction", N_("Destruction")),
                                      ("training_development", N_("Training and development"))),
                    N_("Purpose"), N_("Why they were transferred (Art. 3.7).")),
              field("date", DateKind(), N_("Date of transfer"), N_("When they were transferred.")),
              per_period=True),
        table("acquired", N_("Acquired"),
              N_("Munitions received from another State for the purposes Art. 3.6 permits: "
                 "destruction, or training in and development of detection, clearance and "
                 "destruction techniques."),
              type_column(), munitions_column(), submunitions_column(), lot_numbers_column(),
              field("supplying_state", StateKind(), N_("Supplying State"),
                    N_("The State that transferred them."), required=True, width=18),
              field("purpose", choice(("destruction", N_("Destruction")),
                                      ("training_development", N_("Training and development"))),
                    N_("Purpose"), N_("Why they were received (Art. 3.6, 3.7).")),
              field("date", DateKind(), N_("Date received"), N_("When they were received.")),
              per_period=True),
        remarks_field(),
    ),
    rules=(use_described, retained_not_increased, not_to_itself, transferred_to_party,
           dated_within_period),
)
