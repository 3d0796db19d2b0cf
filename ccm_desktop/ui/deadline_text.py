"""The deadlines that matter for a report, in words, with the days left (start screen, cover page,
status bar)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from babel.dates import format_date

from ccm_desktop.domain.deadlines import annual_report_due, deadlines_for, initial_report_due
from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.schema.states import load_states


@dataclass(frozen=True)
class Due:
    label: str  # "Annual report 2024 (Art. 7.2)"
    day: date
    today: date
    status: str | None = None  # "completed", "does not apply": replaces the days count
    obligation: bool = False  # Art. 3/4: a past date is "passed", not "late" (it may be met)

    @property
    def days_left(self) -> int:
        return (self.day - self.today).days

    @property
    def late(self) -> bool:
        return self.days_left < 0 and not self.status and not self.obligation

    def when(self, lang: str = "en") -> str:
        """ "30 April 2025 (37 days left)" / "(12 days late)" / "(today)"."""
        shown = long_date(self.day, lang)
        days = self.days_left
        if self.status:
            return f"{shown} ({self.status})"
        if days < 0 and self.obligation:
            return f"{shown} (passed)"
        if days == 0:
            return f"{shown} (today)"
        if days < 0:
            return f"{shown} ({-days:,} day{'s' if days != -1 else ''} late)"
        return f"{shown} ({days:,} day{'s' if days != 1 else ''} left)"

    def sentence(self, lang: str = "en") -> str:
        return f"{self.label}: due {self.when(lang)}"


def long_date(day: date, lang: str = "en") -> str:
    locale = {"zh": "zh_Hans", "en": "en_GB"}.get(lang, lang)
    try:
        return str(format_date(day, format="long", locale=locale))
    except Exception:  # an unknown locale: the plain ISO date is still clear
        return day.isoformat()


def kind_words(report_kind: str | None, period_to: date | None) -> str:
    """ "Annual report 2024", "Initial report", or "Report" when the cover page does not say."""
    if report_kind == "annual":
        return f"Annual report {period_to.year}" if period_to else "Annual report"
    if report_kind == "initial":
        return "Initial report"
    return "Report"


def entry_into_force_of(report: Report) -> date | None:
    value = report.cover.fields.get("entry_into_force")
    if isinstance(value, date):
        return value
    info = load_states().get(report.state) if report.state else None
    return info.entry_into_force if info else None


def report_due(report_kind: str | None, period_to: date | None, eif: date | None,
               today: date) -> Due | None:
    """When this report itself is due."""
    if report_kind == "annual" and period_to is not None:
        return Due(f"{kind_words(report_kind, period_to)} (Art. 7.2)",
                   annual_report_due(period_to.year), today)
    if report_kind == "initial" and eif is not None:
        return Due("Initial report (Art. 7.1)", initial_report_due(eif), today)
    return None


def all_deadlines(report: Report, today: date | None = None) -> list[Due]:
    """This report's due date, then the State's Art. 3 and Art. 4 deadlines (the ones recorded
    on Forms B and F win over the computed ones, as an extension may have been granted)."""
    today = today or date.today()
    eif = entry_into_force_of(report)
    period_to = report.cover.fields.get("period_to")
    end = period_to if isinstance(period_to, date) else None
    out: list[Due] = []
    due = report_due(report.report_kind, end, eif, today)
    submitted = report.cover.fields.get("submission_date")
    if due is not None and isinstance(submitted, date):
        # A dated submission answers the deadline: say how it went instead of counting days.
        late = (submitted - due.day).days
        how = "on time" if late <= 0 else f"{late:,} day{'s' if late != 1 else ''} late"
        due = replace(due, status=f"submitted {long_date(submitted)}, {how}")
    withdrawal = _withdrawal_effective(report)
    if due is not None and withdrawal is not None and due.day >= withdrawal:
        # Art. 20: once the withdrawal has taken effect, no further report is owed.
        due = replace(due, status=f"not owed: the withdrawal took effect on "
                                  f"{long_date(withdrawal)}")
    if due is not None:
        out.append(due)
    if eif is None:
        return out
    if withdrawal is not None and today >= withdrawal:
        ended = f"no longer owed: the withdrawal took effect on {long_date(withdrawal)}"
        out.append(Due("Stockpile destruction (Art. 3)", deadlines_for(eif).stockpile_destruction,
                       today, ended, obligation=True))
        out.append(Due("Clearance of contaminated areas (Art. 4)", deadlines_for(eif).clearance,
                       today, ended, obligation=True))
        return out
    d = deadlines_for(eif)
    b, f = report.form("B"), report.form("F")
    stock, clear = b.fields.get("article3_deadline"), f.fields.get("article4_deadline")
    out.append(Due("Stockpile destruction (Art. 3)",
                   stock if isinstance(stock, date) else d.stockpile_destruction, today,
                   _obligation_status(b.status, b.fields.get("completion_date") is not None),
                   obligation=True))
    out.append(Due("Clearance of contaminated areas (Art. 4)",
                   clear if isinstance(clear, date) else d.clearance, today,
                   _obligation_status(f.status, f.fields.get("completion_declared") is True),
                   obligation=True))
    return out


def _withdrawal_effective(report: Report) -> date | None:
    """The date the reporting State's withdrawal took (or takes) effect, from the State list."""
    info = load_states().get(report.state) if report.state else None
    return info.withdrawal_effective if info is not None else None


def _obligation_status(status: FormStatus | None, completed: bool) -> str | None:
    if status is FormStatus.NOT_APPLICABLE:
        return "does not apply, the form is marked not applicable"
    return "completed" if completed else None
