"""Form I: national resources and international cooperation (Art. 7.1(m), (n); Art. 6)."""

from __future__ import annotations

from collections.abc import Iterable

from ccm_desktop.domain.findings import Finding, error, warning
from ccm_desktop.schema.forms.common import NOTE, TEXT, choice, field, remarks_field, table
from ccm_desktop.schema.i18n import N_, message
from ccm_desktop.schema.kinds import Currency, Money, StateKind, Year
from ccm_desktop.schema.model import Field, Part, RuleContext

YEAR, MONEY, CURRENCY = Year(), Money(), Currency()

ASSISTANCE_TYPE = choice(("financial", N_("Financial")), ("technical", N_("Technical")),
                         ("material", N_("Material")), ("in_kind", N_("In kind")))
PURPOSE = choice(("stockpile_destruction", N_("Stockpile destruction")),
                 ("clearance", N_("Clearance")), ("risk_education", N_("Risk education")),
                 ("victim_assistance", N_("Victim assistance")),
                 ("emergency_assistance", N_("Emergency humanitarian assistance (Art. 6.6)")),
                 ("economic_social_recovery", N_("Economic and social recovery (Art. 6.8)")),
                 ("trust_fund", N_("Contribution to a trust fund (Art. 6.9)")),
                 ("other", N_("Other")))


def currency_with_amount(ctx: RuleContext) -> Iterable[Finding]:
    for i, row in enumerate(ctx.rows("national_resources")):
        if row.get("amount") is not None and row.get("currency") is None:
            yield error(ctx.path("tables", "national_resources", i, "currency"), N_(
                "Form I, National resources, row {row}: give the currency of the amount "
                "(e.g. EUR)."
            ), row=i + 1)


def assistance_currency_given(ctx: RuleContext) -> Iterable[Finding]:
    """An amount of assistance means little without its currency (a warning: the reporting
    format requires the currency only for national resources)."""
    for table_id, label in (("assistance_provided", N_("Assistance provided")),
                            ("assistance_received", N_("Assistance received"))):
        for i, row in enumerate(ctx.rows(table_id)):
            if row.get("amount") is not None and row.get("currency") is None:
                yield warning(ctx.path("tables", table_id, i, "currency"), N_(
                    "Form I, {table}, row {row}: give the currency of the amount (e.g. EUR)."
                ), table=message(label), row=i + 1)


def _assistance_columns(party_id: str, party: str, party_help: str, state_id: str) -> tuple[Field, ...]:
    return (
        field("year", YEAR, N_("Year"), N_("The year the assistance was given."), width=7),
        field(party_id, TEXT, party, party_help, width=20),
        field(state_id, StateKind(), N_("State"),
              N_("The State concerned, if it is a State (voluntary)."), voluntary=True),
        field("assistance_type", ASSISTANCE_TYPE, N_("Type of assistance"),
              N_("Financial, technical, material or in kind.")),
        field("purpose", PURPOSE, N_("Purpose"), N_("What the assistance was for.")),
        field("amount", MONEY, N_("Amount"), N_("The amount, in the currency given.")),
        field("currency", CURRENCY, N_("Currency"), N_("ISO 4217 currency code, e.g. EUR."),
              width=8),
        field("channel", TEXT, N_("Channel"),
              N_("Through whom it was given, e.g. a UN agency or an NGO.")),
    )


PART = Part(
    id="I",
    title=N_("National resources and international cooperation and assistance"),
    short_title=N_("Resources and cooperation"),
    articles=N_("Art. 7.1(m), (n); Art. 6"),
    not_applicable_example=N_("no assistance was given or sought during the period"),
    help=N_("The national resources allocated to implementing Articles 3, 4 and 5, and the "
            "amounts, types and destinations of international cooperation and assistance "
            "(Art. 6)."),
    items=(
        table("national_resources", N_("National resources"),
              N_("Financial, material or in-kind resources the State allocated to stockpile "
                 "destruction (Art. 3), clearance (Art. 4) or victim assistance (Art. 5), as "
                 "Art. 7.1(m) asks."),
              field("year", YEAR, N_("Year"), N_("The year the resources were allocated."),
                    required=True, width=7),
              field("article", choice(("3", N_("Art. 3 Stockpile destruction")),
                                      ("4", N_("Art. 4 Clearance")),
                                      ("5", N_("Art. 5 Victim assistance"))),
                    N_("Article"), N_("Which obligation the resources served.")),
              field("resource_type", choice(("financial", N_("Financial")),
                                            ("material", N_("Material")),
                                            ("in_kind", N_("In kind"))),
                    N_("Type of resource"), N_("Financial, material or in kind.")),
              field("amount", MONEY, N_("Amount"), N_("The amount, in the currency given.")),
              field("currency", CURRENCY, N_("Currency"),
                    N_("ISO 4217 currency code, needed when an amount is given."), width=8),
              field("description", NOTE, N_("Description"), N_("What the resources were."),
                    width=24),
              wide=True, per_period=True),
        table("assistance_provided", N_("Assistance provided"),
              N_("Cooperation and assistance the State provided to others (Art. 7.1(n))."),
              *_assistance_columns("recipient", N_("Recipient"),
                                   N_("The State or organisation that received it."),
                                   "recipient_state"),
              wide=True, per_period=True),
        table("assistance_received", N_("Assistance received"),
              N_("Cooperation and assistance the State received under Art. 6.1 (voluntary)."),
              *_assistance_columns("donor", N_("Donor"),
                                   N_("The State or organisation that gave it."), "donor_state"),
              voluntary=True, wide=True, per_period=True),
        remarks_field(),
    ),
    rules=(currency_with_amount, assistance_currency_given),
    wide=True,
)
