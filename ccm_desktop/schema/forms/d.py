"""Form D: cluster munitions retained and transferred (Art. 3.6, 3.7, 3.8)."""

from __future__ import annotations

from collections.abc import Iterable

from ccm_desktop.domain.findings import Finding, warning
from ccm_desktop.schema.forms.common import (
    NOTE,
    TEXT,
    choice,
    field,
    fmt,
    fold_type,
    lot_numbers_column,
    munitions_column,
    submunitions_column,
    sum_by_type,
    table,
    type_column,
)
from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.kinds import DateKind, StateKind
from ccm_desktop.schema.model import Part, RuleContext


def use_described(ctx: RuleContext) -> Iterable[Finding]:
    """Art. 3.8 asks for the planned and the actual use of retained munitions."""
    for i, row in enumerate(ctx.rows("retained")):
        if row.get("planned_use") is None and row.get("actual_use") is None:
            yield warning(ctx.path("tables", "retained", i, "planned_use"), N_(
                "Form D, Retained, row {row}: say how these munitions are to be used and how "
                "they were used (Art. 3.8)."
            ).format(row=i + 1))


def retained_not_increased(ctx: RuleContext) -> Iterable[Finding]:
    """Warning 6: Art. 3.6 allows only the minimum absolutely necessary."""
    before = ctx.previous_rows("retained")
    if before is None:
        return
    for column in ("munitions", "submunitions"):
        prev = sum_by_type(before, column)
        now = sum_by_type(ctx.rows("retained"), column)
        for kind, amount in now.items():
            if kind in prev and amount > prev[kind]:
                index = next(i for i, r in enumerate(ctx.rows("retained"))
                             if fold_type(r.get("type")) == kind)
                yield warning(ctx.path("tables", "retained", index, column), N_(
                    "Form D, Retained, row {row}: {now} {column} retained, more than the {prev} "
                    "of the previous report. Art. 3.6 allows only the minimum absolutely "
                    "necessary: explain the increase."
                ).format(row=index + 1, now=fmt(amount), column=column, prev=fmt(prev[kind])))


PART = Part(
    id="D",
    title=N_("Cluster munitions retained or transferred"),
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
                    N_("How they were used during the period (Art. 3.8)."), width=22)),
        table("transferred", N_("Transferred"),
              N_("Munitions transferred to another State under Art. 3.7, for destruction or "
                 "for training and development."),
              type_column(), munitions_column(), submunitions_column(), lot_numbers_column(),
              field("receiving_state", StateKind(), N_("Receiving State"),
                    N_("The State that received them."), required=True, width=18),
              field("purpose", choice(("destruction", N_("Destruction")),
                                      ("training_development", N_("Training and development"))),
                    N_("Purpose"), N_("Why they were transferred (Art. 3.7).")),
              field("date", DateKind(), N_("Date of transfer"), N_("When they were transferred."))),
    ),
    rules=(use_described, retained_not_increased),
)
