"""Form B: stockpiles and their destruction (Art. 7.1(b), (e), (f), (g); Art. 3)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from ccm_desktop.domain.deadlines import stockpile_destruction_due
from ccm_desktop.domain.findings import Finding, warning
from ccm_desktop.schema.forms.common import (
    INT,
    NOTE,
    TEXT,
    extension_decision_field,
    field,
    first_of_each_type,
    fold_type,
    lot_numbers_column,
    missed_deadline,
    munitions_column,
    outside_period,
    remarks_field,
    submunitions_column,
    sum_by_type,
    table,
    type_column,
)
from ccm_desktop.schema.i18n import N_, message
from ccm_desktop.schema.kinds import DateKind
from ccm_desktop.schema.model import Derive, Part, RuleContext, reads_cover

DATE = DateKind()


def stockpile_balance(ctx: RuleContext) -> Iterable[Finding]:
    """Warning 5: last stockpile - destroyed - transferred + discovered = this stockpile."""
    before = ctx.previous_rows("stockpile")
    if before is None:
        return
    transferred = ctx.rows("transferred", "D") if _changed(ctx, "D") else []
    stockpile = ctx.rows("stockpile")
    first_now, first_before = first_of_each_type(stockpile), first_of_each_type(before)
    for column, noun in (("munitions", N_("cluster munitions")),
                         ("submunitions", N_("submunitions"))):
        prev = sum_by_type(before, column)
        now = sum_by_type(ctx.rows("stockpile"), column)
        out = sum_by_type(ctx.rows("destroyed"), column)
        moved = sum_by_type(transferred, column)
        found = sum_by_type(ctx.rows("discovered"), column)
        for kind in sorted(set(prev) | set(now)):
            expected = prev.get(kind, 0) - out.get(kind, 0) - moved.get(kind, 0) + found.get(kind, 0)
            actual = now.get(kind, 0)
            if expected != actual:
                index = first_now.get(kind)
                if index is not None:
                    path = ctx.path("tables", "stockpile", index, column)
                    where = message(N_("Form B, Stockpile, row {row}"), row=index + 1)
                else:
                    path, where = ctx.path("tables", "stockpile"), message(N_("Form B, Stockpile"))
                yield warning(path, N_(
                    "{place}: the previous report's {prev} {noun} of type {type}, less {out} "
                    "destroyed and {moved} transferred, plus {found} discovered, make {expected}, "
                    "but {actual} are reported now. Check the figures or explain the difference."
                ), place=where, prev=prev.get(kind, 0),
                         type=str(stockpile[first_now[kind]]["type"]) if kind in first_now
                         else str(before[first_before[kind]]["type"]) if kind in first_before
                         else kind,
                         noun=message(noun), out=out.get(kind, 0), moved=moved.get(kind, 0),
                         found=found.get(kind, 0), expected=expected, actual=actual)


def _changed(ctx: RuleContext, letter: str) -> bool:
    status = ctx.report.form(letter).status
    return status is not None and status.value == "changed"



def ratio_consistent(ctx: RuleContext) -> Iterable[Finding]:
    """Warning 7: submunitions per munition against the stated figure and last year's."""
    stated: dict[str, int] = {}
    for i, row in enumerate(ctx.rows("stockpile")):
        per, m, s = row.get("submunitions_per_munition"), row.get("munitions"), row.get("submunitions")
        if isinstance(per, int) and per > 0 and row.get("type"):
            stated[fold_type(row["type"])] = per
        if not (isinstance(per, int) and isinstance(m, int) and isinstance(s, int)):
            continue
        if per > 0 and m > 0 and s != m * per:
            yield warning(ctx.path("tables", "stockpile", i, "submunitions"), N_(
                    "Form B, Stockpile, row {row}: {m} munitions with {per} submunitions each "
                    "make {expected}, but {s} submunitions are reported."
                ), row=i + 1, m=m, per=per, expected=m * per, s=s)
    previous = ctx.previous_rows("stockpile") or []
    last_ratio: dict[str, tuple[int, int]] = {}
    for row in previous:
        m, s = row.get("munitions"), row.get("submunitions")
        if isinstance(m, int) and isinstance(s, int) and m > 0 and row.get("type"):
            last_ratio[fold_type(row["type"])] = (m, s)
    for table_id in ("stockpile", "destroyed", "discovered"):
        for i, row in enumerate(ctx.rows(table_id)):
            m, s, kind = row.get("munitions"), row.get("submunitions"), fold_type(row.get("type"))
            if not (isinstance(m, int) and isinstance(s, int) and m > 0) or not kind:
                continue
            if table_id != "stockpile" and kind in stated and s != m * stated[kind]:
                yield warning(ctx.path("tables", table_id, i, "submunitions"), N_(
                    "Form B, {table}, row {row}: {s} submunitions in {m} munitions of type "
                    "{type} do not match the {per} per munition stated in the stockpile."
                ), row=i + 1, table=message(_table_label(table_id)), s=s, m=m,
                         type=row["type"], per=stated[kind])
            elif table_id == "stockpile" and kind not in stated and kind in last_ratio:
                pm, ps = last_ratio[kind]
                if s * pm != ps * m:
                    yield warning(ctx.path("tables", table_id, i, "submunitions"), N_(
                        "Form B, Stockpile, row {row}: {type} has {ratio} submunitions per "
                        "munition, but {last} in the previous report. Check the figures."
                    ), row=i + 1, type=row["type"], ratio=_ratio(s, m),
                             last=_ratio(ps, pm))


@cache
def _table_label(table_id: str) -> str:
    return next(t.label for t in PART.tables if t.id == table_id)


def _ratio(s: int, m: int) -> str:
    value = s / m  # display only
    return f"{value:.0f}" if value == int(value) else f"{value:.2f}"


@reads_cover("entry_into_force", "period_to")
def stockpile_past_deadline(ctx: RuleContext) -> Iterable[Finding]:
    """Warning 9: stockpiled cluster munitions still held after the Art. 3 deadline."""
    held = any((row.get("munitions") or 0) > 0 or (row.get("submunitions") or 0) > 0
               or (row.get("munitions") is None and row.get("submunitions") is None)
               for row in ctx.rows("stockpile"))
    if not held or ctx.value("completion_date") is not None:
        return
    what = missed_deadline(ctx, PART.field("article3_deadline"), message(N_("Art. 3")))
    if what is not None:
        yield warning(ctx.path("tables", "stockpile"), N_(
            "Form B: cluster munitions are still stockpiled after {what}. Record the extension "
            "granted under Art. 3.3 or explain."
        ), what=what)


@reads_cover("period_from", "period_to")
def discovered_in_period(ctx: RuleContext) -> Iterable[Finding]:
    """Warning 10: a discovery dated outside the reporting period."""
    yield from outside_period(ctx, "discovered", "date_discovered",
                              message(N_("Form B, Discovered after completion")))


PART = Part(
    id="B",
    reads=("D",),  # stockpile_balance: munitions transferred out (Form D) left the stockpile
    title=N_("Stockpiles and destruction"),
    articles=N_("Art. 7.1(b), (e), (f), (g); Art. 3"),
    not_applicable_example=N_(
        "no cluster munitions were ever stockpiled, or the last were destroyed before this period"),
    help=N_("The cluster munitions the State holds, how their destruction is organised, what was "
            "destroyed during the period and anything found after destruction was reported as "
            "complete. Stockpiles must be destroyed within eight years of entry into force "
            "(Art. 3.2)."),
    items=(
        table("stockpile", N_("Stockpile"),
              N_("All cluster munitions and explosive submunitions held at the end of the period, "
                 "by type (Art. 7.1(b), Art. 3.1)."),
              type_column(), munitions_column(), submunitions_column(),
              field("submunitions_per_munition", INT, N_("Submunitions per munition"),
                    N_("How many submunitions one munition of this type carries."),
                    voluntary=True, width=12, adds_up=False),
              lot_numbers_column(),
              field("supplementary", NOTE, N_("Supplementary information"),
                    N_("Anything else about this part of the stockpile."), voluntary=True),
              field("munitions_at_entry_into_force", INT, N_("Munitions at entry into force"),
                    N_("Cluster munitions of this type held when the Convention entered into "
                       "force for the State: the Art. 3 baseline that progress and extension "
                       "requests are measured against."), voluntary=True, width=12),
              field("submunitions_at_entry_into_force", INT,
                    N_("Submunitions at entry into force"),
                    N_("Explosive submunitions of this type held at entry into force (the "
                       "Art. 3 baseline)."), voluntary=True, width=14)),
        field("destruction_status", NOTE, N_("Status and progress of destruction"),
              N_("How the destruction programme stands and what happened during the period "
                 "(Art. 7.1(e)).")),
        table("destruction_sites", N_("Destruction sites"),
              N_("The sites where cluster munitions are destroyed, with the methods and the "
                 "safety and environmental standards observed (Art. 7.1(e))."),
              field("site", TEXT, N_("Site"), N_("Name of the destruction site.")),
              field("location", TEXT, N_("Location"), N_("Where the site is.")),
              field("methods", NOTE, N_("Methods"), N_("The destruction methods used."), width=22),
              field("safety_standards", NOTE, N_("Safety standards"),
                    N_("The safety standards observed."), width=20),
              field("environmental_standards", NOTE, N_("Environmental standards"),
                    N_("The environmental standards observed."), width=20),
              field("planned_completion", DATE, N_("Planned completion"),
                    N_("When destruction at this site is planned to be complete.")),
              totals=False),
        table("destroyed", N_("Destroyed during the period"),
              N_("Cluster munitions and submunitions destroyed during the period, by type "
                 "(Art. 7.1(f))."),
              type_column(), munitions_column(), submunitions_column(), lot_numbers_column(),
              field("method", TEXT, N_("Method"), N_("How they were destroyed.")),
              field("site", TEXT, N_("Site"), N_("Where they were destroyed.")),
              field("standards_observed", NOTE, N_("Standards observed"),
                    N_("Safety and environmental standards observed."), width=20),
              per_period=True),
        table("discovered", N_("Discovered after completion"),
              N_("Stockpiled cluster munitions found after completion of destruction was "
                 "reported, and the plans for destroying them (Art. 7.1(g))."),
              type_column(), munitions_column(), submunitions_column(), lot_numbers_column(),
              field("date_discovered", DATE, N_("Date discovered"),
                    N_("When they were found.")),
              field("destruction_plan", NOTE, N_("Destruction plan"),
                    N_("How and when they will be destroyed."), width=24),
              per_period=True),
        field("completion_date", DATE, N_("Destruction completed on"),
              N_("The date destruction of all stockpiled cluster munitions was completed, if it "
                 "was (Art. 3.2).")),
        field("article3_deadline", DATE, N_("Art. 3 deadline"),
              N_("Eight years after entry into force (Art. 3.2). Enter a later date only if an "
                 "extension was granted under Art. 3.3."),
              derive=Derive(stockpile_destruction_due, N_("eight years after entry into force"))),
        extension_decision_field(N_(
            "Which Meeting of States Parties granted an extension under Art. 3.3, until when, "
            "and what the request asked for.")),
        remarks_field(),
    ),
    rules=(stockpile_balance, ratio_consistent, stockpile_past_deadline, discovered_in_period),
)
