"""The cover page and first page: who reports, for which period, and whom to contact."""

from __future__ import annotations

from collections.abc import Iterable

from ccm_desktop.domain.deadlines import annual_report_due, initial_report_due
from ccm_desktop.domain.findings import Finding, error, warning
from ccm_desktop.schema.forms.common import NOTE, TEXT, choice, field, table
from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.kinds import DateKind, Email, StateKind
from ccm_desktop.schema.model import Part, RuleContext

DATE = DateKind()

REPORT_KIND = choice(("initial", N_("Initial report")), ("annual", N_("Annual report")))

# The unit in which the report shows and prints areas; values are stored in m² whatever it says.
AREA_UNIT = choice(("m2", N_("Square metres (m²)")), ("ha", N_("Hectares (ha)")),
                   ("km2", N_("Square kilometres (km²)")))


def period_in_order(ctx: RuleContext) -> Iterable[Finding]:
    start, end = ctx.value("period_from"), ctx.value("period_to")
    if start is not None and end is not None and end < start:
        yield error(ctx.path("fields", "period_to"),
                    N_("Cover page: the reporting period ends ({end}) before it begins ({start}). "
                       "Check both dates."), end=end, start=start)


def submission_date_given(ctx: RuleContext) -> Iterable[Finding]:
    if ctx.value("submission_date") is None:
        yield warning(ctx.path("fields", "submission_date"),
                      N_("Cover page: the date of submission is empty. Fill it in before "
                         "sending the report."))


def annual_period_is_previous_year(ctx: RuleContext) -> Iterable[Finding]:
    """Art. 7.2: annual reports cover the last calendar year."""
    if ctx.value("report_kind") != "annual":
        return
    start, end = ctx.value("period_from"), ctx.value("period_to")
    if start is None or end is None or end < start:
        return
    full_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    if not full_year or start.year != end.year:
        yield warning(ctx.path("fields", "period_from"),
                      N_("Cover page: an annual report normally covers one calendar year "
                         "(1 January to 31 December); this one covers {start} to {end}."),
                          start=start, end=end)
        return
    submitted = ctx.value("submission_date")
    if submitted is not None and submitted.year != end.year + 1:
        yield warning(ctx.path("fields", "period_to"),
                      N_("Cover page: a report submitted in {submitted} normally covers "
                         "{expected}, not {year}."),
                          submitted=str(submitted.year), expected=str(submitted.year - 1),
                          year=str(end.year))


def submitted_on_time(ctx: RuleContext) -> Iterable[Finding]:
    submitted, kind = ctx.value("submission_date"), ctx.value("report_kind")
    if submitted is None:
        return
    due = None
    start, end = ctx.value("period_from"), ctx.value("period_to")
    if kind == "initial" and ctx.value("entry_into_force") is not None:
        due = initial_report_due(ctx.value("entry_into_force"))
    elif kind == "annual" and end is not None and (start is None or start <= end):
        # (A reversed period is an error already; its due date would only add noise.)
        due = annual_report_due(ctx.value("period_to").year)
    if due is not None and submitted > due:
        yield warning(ctx.path("fields", "submission_date"),
                      N_("Cover page: the report was due on {due}; the date of submission "
                         "{submitted} is {days} days late."),
                          due=due, submitted=submitted,
                          days=(submitted - due).days)


def entry_into_force_as_listed(ctx: RuleContext) -> Iterable[Finding]:
    """Every deadline follows from entry into force: a date other than the State list's is
    probably a typing error (a State that joined after the list is not in it, and passes)."""
    from ccm_desktop.schema.states import load_states

    code, eif = ctx.value("state"), ctx.value("entry_into_force")
    info = load_states().get(code) if isinstance(code, str) else None
    if eif is None or info is None or info.entry_into_force is None:
        return
    if eif != info.entry_into_force:
        yield warning(ctx.path("fields", "entry_into_force"), N_(
            "Cover page: the Convention entered into force for {state} on {listed} according to "
            "the list of States Parties, not on {given}. Check the date: every deadline follows "
            "from it."
        ), state=info.name, listed=info.entry_into_force, given=eif)


def state_not_withdrawn(ctx: RuleContext) -> Iterable[Finding]:
    """Warning 10: a State whose withdrawal (Art. 20) took effect before the period ended
    owes no report for it."""
    from ccm_desktop.schema.states import load_states

    code, end = ctx.value("state"), ctx.value("period_to")
    info = load_states().get(code) if isinstance(code, str) else None
    withdrawn = getattr(info, "withdrawal_effective", None)
    if info is None or withdrawn is None or end is None or end < withdrawn:
        return
    yield warning(ctx.path("fields", "state"), N_(
        "Cover page: the withdrawal of {state} from the Convention took effect on {date} "
        "(Art. 20), before this reporting period ended. No report is due for it: check the "
        "State and the period."
    ), state=info.name, date=withdrawn)


PART = Part(
    id="cover",
    title=N_("Cover page and contacts"),
    articles=N_("Art. 7.1, 7.1(l)"),
    help=N_("Who is reporting, for which period, and which institutions the United Nations can "
            "contact. The period and the entry into force decide which deadlines apply."),
    items=(
        field("state", StateKind(), N_("State Party"),
              N_("The State Party submitting this report (Art. 7.1)."), required=True),
        field("report_kind", REPORT_KIND, N_("Kind of report"),
              N_("The initial report is due 180 days after entry into force; an annual report "
                 "follows every year by 30 April (Art. 7.1, 7.2)."), required=True),
        field("period_from", DATE, N_("Reporting period from"),
              N_("First day of the period the report covers (Art. 7.2: the last calendar year "
                 "for annual reports)."), required=True),
        field("period_to", DATE, N_("Reporting period to"),
              N_("Last day of the period the report covers; it cannot come before the first "
                 "day."), required=True),
        field("submission_date", DATE, N_("Date of submission"),
              N_("The date the report is sent to the Secretary-General (Art. 7.1). It may stay "
                 "empty while the report is a draft."), per_period=True),
        field("entry_into_force", DATE, N_("Entry into force for this State"),
              N_("The date the Convention entered into force for this State (Art. 17). It is "
                 "filled in from the State list and drives every deadline."), required=True),
        field("prepared_by", TEXT, N_("Prepared by"),
              N_("The office or person who prepared the report."), voluntary=True),
        field("approved_by", TEXT, N_("Approved by"),
              N_("The authority who approved the report for submission."), voluntary=True,
              per_period=True),
        field("area_unit", AREA_UNIT, N_("Unit of area"),
              N_("The unit in which this report shows and prints the areas of Form F. Areas "
                 "are always kept in square metres and converted exactly; empty means m²."),
              voluntary=True),
        table("contacts", N_("Contacts"),
              N_("The institutions mandated to provide information and to carry out the measures "
                 "of Art. 7.1(l), with the people the UN can contact. At least one is needed."),
              field("institution", TEXT, N_("Institution"),
                    N_("Name of the ministry, agency or centre."), required=True, width=28),
              field("role", NOTE, N_("Role"),
                    N_("Which obligations or forms this institution covers."), width=22),
              field("person", TEXT, N_("Contact person"),
                    N_("Name and title of the person to contact."), width=18),
              field("address", NOTE, N_("Address"), N_("Postal address."), width=20),
              field("phone", TEXT, N_("Telephone"), N_("Telephone number with country code.")),
              field("fax", TEXT, N_("Fax"), N_("Fax number, if any.")),
              field("email", Email(), N_("E-mail"), N_("E-mail address of the contact."),
                    width=22),
              min_rows=1, totals=False),
    ),
    rules=(period_in_order, submission_date_given, annual_period_is_previous_year,
           submitted_on_time, entry_into_force_as_listed, state_not_withdrawn),
    can_be_not_applicable=False,
)
