"""Form H: victim assistance (Art. 7.1(k), Art. 5)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from ccm_desktop.domain.findings import Finding, error, warning
from ccm_desktop.domain.report import Row
from ccm_desktop.schema.forms.common import INT, NOTE, TEXT, choice, field, table
from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.model import Field, Part, RuleContext, reads_cover, row_rule

BREAKDOWN = ("women", "men", "girls", "boys", "unknown")


@row_rule("casualties")
def total_is_sum(ctx: RuleContext, i: int, row: Row) -> Iterable[Finding]:
    """Error 3: when any breakdown is given, the total is their sum (empty counts as 0)."""
    parts = [row.get(c) for c in BREAKDOWN]
    given = [p for p in parts if isinstance(p, int) and not isinstance(p, bool)]
    total = row.get("total")
    if given and isinstance(total, int) and total != sum(given):
        yield error(ctx.path("tables", "casualties", i, "total"), N_(
            "Form H, Casualties, row {row}: the total {total} is not the sum of women, men, "
            "girls, boys and unknown ({sum}). Correct the total or the breakdown."
        ), row=i + 1, total=total, sum=sum(given))


@row_rule("casualties")
def civilians_within_total(ctx: RuleContext, i: int, row: Row) -> Iterable[Finding]:
    """Error 4a: the civilians among a row's casualties cannot outnumber the row's total."""
    civilians, total = row.get("civilians"), row.get("total")
    if isinstance(civilians, int) and isinstance(total, int) and civilians > total:
        yield error(ctx.path("tables", "casualties", i, "civilians"), N_(
            "Form H, Casualties, row {row}: {civilians} civilians is more than the row's "
            "total of {total}. Correct one of the two."
        ), row=i + 1, civilians=civilians, total=total)


YEAR_IN_TEXT = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


@reads_cover("period_from", "period_to")
@row_rule("casualties")
def casualties_of_the_period(ctx: RuleContext, i: int, row: Row) -> Iterable[Finding]:
    """Warning 10: a casualty row whose period names years that all lie outside the reporting
    period (read as a span from the first to the last year named: "2009-2015" or "1991-2019"
    in a 2015 report pass, as cumulative figures; "2014" or "2013 and 2014" do not)."""
    start = ctx.report.cover.fields.get("period_from")
    end = ctx.report.cover.fields.get("period_to")
    if not isinstance(start, date) or not isinstance(end, date) or end < start:
        return
    text = row.get("period")
    years = [int(y) for y in YEAR_IN_TEXT.findall(text)] if isinstance(text, str) else []
    if years and (max(years) < start.year or min(years) > end.year):
        yield warning(ctx.path("tables", "casualties", i, "period"), N_(
            "Form H, Casualties, row {row}: the period \"{period}\" lies outside the "
            "reporting period ({start} to {end}). Report casualties of another year in that "
            "year's report, or correct the period."
        ), row=i + 1, period=text, start=start, end=end)


def _count(id: str, label: str, help: str) -> Field:  # noqa: A002
    return field(id, INT, label, help, width=8)


def _note(id: str, label: str, help: str) -> Field:  # noqa: A002
    return field(id, NOTE, label, help)


PART = Part(
    id="H",
    title=N_("Victim assistance"),
    articles=N_("Art. 7.1(k); Art. 5"),
    not_applicable_example=N_(
        "no cluster munition victims in areas under the State's jurisdiction or control"),
    help=N_("How the State assists cluster munition victims in areas under its jurisdiction or "
            "control: data on casualties, disaggregated by sex and age, and the measures taken "
            "under each obligation of Art. 5.2."),
    items=(
        table("casualties", N_("Casualties"),
              N_("Casualties of cluster munitions by outcome, sex and age (Art. 5.1, 7.1(k)). A row "
                 "with only the total is allowed where no breakdown is known."),
              field("period", TEXT, N_("Period"), N_("The period the figures cover.")),
              field("outcome", choice(("killed", N_("Killed")), ("injured", N_("Injured"))),
                    N_("Outcome"), N_("Killed or injured."), required=True),
              _count("women", N_("Women"), N_("Casualties who were women (18 or older).")),
              _count("men", N_("Men"), N_("Casualties who were men (18 or older).")),
              _count("girls", N_("Girls"), N_("Casualties who were girls (under 18).")),
              _count("boys", N_("Boys"), N_("Casualties who were boys (under 18).")),
              _count("unknown", N_("Sex and age unknown"),
                     N_("Casualties whose sex or age is not known.")),
              field("total", INT, N_("Total"),
                    N_("All casualties of the row; the sum of the breakdown when one is given."),
                    required=True, width=8),
              field("civilians", INT, N_("Of whom civilians"),
                    N_("How many of the row's casualties were civilians (voluntary)."),
                    voluntary=True, width=8),
              per_period=True),
        _note("needs_assessment", N_("Needs assessment"),
              N_("How the needs of victims were assessed (Art. 5.2(a)).")),
        _note("laws_and_policies", N_("Laws and policies"),
              N_("National laws and policies developed or applied (Art. 5.2(b)).")),
        _note("national_plan_and_budget", N_("National plan and budget"),
              N_("The national plan, budget and timeframe for victim assistance (Art. 5.2(c)).")),
        _note("resource_mobilisation", N_("Resource mobilisation"),
              N_("Steps taken to mobilise national and international resources (Art. 5.2(d)).")),
        _note("non_discrimination", N_("Non-discrimination"),
              N_("How victims are not discriminated against, nor among themselves "
                 "(Art. 5.2(e)).")),
        _note("victim_participation", N_("Consultation with victims"),
              N_("How victims and their organisations are consulted and involved "
                 "(Art. 5.2(f)).")),
        _note("focal_point", N_("Government focal point"),
              N_("Name and contact details of the focal point for victim assistance "
                 "(Art. 5.2(g)).")),
        _note("good_practices", N_("Good practices"),
              N_("Guidelines and good practices applied, e.g. in health or disability "
                 "(Art. 5.2(h)).")),
        _note("medical_care", N_("Medical care"), N_("Emergency and continuing medical care (Art. 5.1).")),
        _note("rehabilitation", N_("Rehabilitation"),
              N_("Physical rehabilitation, including prostheses (Art. 5.1).")),
        _note("psychological_support", N_("Psychological support"),
              N_("Psychological and psychosocial support (Art. 5.1).")),
        _note("social_economic_inclusion", N_("Social and economic inclusion"),
              N_("Education, work and social protection for victims (Art. 5.1).")),
        _note("data_collection", N_("Data collection"),
              N_("How data on victims and their needs are collected and kept up to date "
                 "(Art. 5.2(a), 7.1(k)).")),
    ),
    rules=(total_is_sum, civilians_within_total, casualties_of_the_period),
)
