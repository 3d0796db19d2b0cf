"""Form H: victim assistance (Art. 7.1(k), Art. 5)."""

from __future__ import annotations

from collections.abc import Iterable

from ccm_desktop.domain.findings import Finding, error
from ccm_desktop.schema.forms.common import INT, NOTE, TEXT, choice, field, fmt, table
from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.model import Field, Part, RuleContext

BREAKDOWN = ("women", "men", "girls", "boys", "unknown")


def total_is_sum(ctx: RuleContext) -> Iterable[Finding]:
    """Error 3: when any breakdown is given, the total is their sum (empty counts as 0)."""
    for i, row in enumerate(ctx.rows("casualties")):
        parts = [row.get(c) for c in BREAKDOWN]
        given = [p for p in parts if isinstance(p, int) and not isinstance(p, bool)]
        total = row.get("total")
        if given and isinstance(total, int) and total != sum(given):
            yield error(ctx.path("tables", "casualties", i, "total"), N_(
                "Form H, Casualties, row {row}: the total {total} is not the sum of women, men, "
                "girls, boys and unknown ({sum}). Correct the total or the breakdown."
            ).format(row=i + 1, total=fmt(total), sum=fmt(sum(given))))


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
                    required=True, width=8)),
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
    ),
    rules=(total_is_sum,),
)
