"""The deadlines that matter for a report, in words, with the days left (start screen, cover page,
status bar)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from babel.dates import format_date

from ccm_desktop.domain.deadlines import annual_report_due, deadlines_for, initial_report_due
from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.schema.i18n import N_, language, ntranslate, translate
from ccm_desktop.schema.states import load_states


@dataclass(frozen=True)
class Due:
    label: str  # "Annual report 2024 (Art. 7.2)"
    day: date
    today: date
    status: str | None = None  # "completed", "does not apply": replaces the days count
    obligation: bool = False  # Art. 3/4: a past date is "passed", not "late" (it may be met)
    lang: str = "en"  # the language of `label` and `status`, and of `when()` by default

    @property
    def days_left(self) -> int:
        return (self.day - self.today).days

    @property
    def late(self) -> bool:
        return self.days_left < 0 and not self.status and not self.obligation

    def when(self, lang: str | None = None) -> str:
        """ "30 April 2025 (37 days left)" / "(12 days late)" / "(today)"."""
        lang = lang or self.lang
        shown = long_date(self.day, lang)
        days = self.days_left
        if self.status:
            return translate(N_("{date} ({status})"), lang).format(date=shown, status=self.status)
        if days < 0 and self.obligation:
            return translate(N_("{date} (passed)"), lang).format(date=shown)
        if days == 0:
            return translate(N_("{date} (today)"), lang).format(date=shown)
        if days < 0:
            return ntranslate("{date} ({n} day late)", "{date} ({n} days late)", -days,
                              lang).format(date=shown, n=language(lang).number(-days))
        return ntranslate("{date} ({n} day left)", "{date} ({n} days left)", days,
                          lang).format(date=shown, n=language(lang).number(days))

    def sentence(self, lang: str | None = None) -> str:
        lang = lang or self.lang
        return translate(N_("{what}: due {when}"), lang).format(what=self.label,
                                                                 when=self.when(lang))


def long_date(day: date, lang: str = "en") -> str:
    locale = {"zh": "zh_Hans", "en": "en_GB"}.get(lang, lang)
    try:
        return str(format_date(day, format="long", locale=locale))
    except Exception:  # an unknown locale: the plain ISO date is still clear
        return day.isoformat()


def kind_words(report_kind: str | None, period_to: date | None, lang: str = "en") -> str:
    """ "Annual report 2024", "Initial report", or "Report" when the cover page does not say."""
    if report_kind == "annual":
        return (translate(N_("Annual report {year}"), lang).format(year=period_to.year)
                if period_to else translate(N_("Annual report"), lang))
    if report_kind == "initial":
        return translate(N_("Initial report"), lang)
    return translate(N_("Report"), lang)


def entry_into_force_of(report: Report) -> date | None:
    value = report.cover.fields.get("entry_into_force")
    if isinstance(value, date):
        return value
    info = load_states().get(report.state) if report.state else None
    return info.entry_into_force if info else None


def report_due(report_kind: str | None, period_to: date | None, eif: date | None,
               today: date, lang: str = "en") -> Due | None:
    """When this report itself is due."""
    if report_kind == "annual" and period_to is not None:
        return Due(translate(N_("{report} (Art. 7.2)"), lang).format(
                       report=kind_words(report_kind, period_to, lang)),
                   annual_report_due(period_to.year), today, lang=lang)
    if report_kind == "initial" and eif is not None:
        return Due(translate(N_("Initial report (Art. 7.1)"), lang), initial_report_due(eif),
                   today, lang=lang)
    return None


def all_deadlines(report: Report, today: date | None = None, lang: str = "en") -> list[Due]:
    """This report's due date, then the State's Art. 3 and Art. 4 deadlines (the ones recorded
    on Forms B and F win over the computed ones, as an extension may have been granted), in
    words of `lang`."""
    today = today or date.today()
    eif = entry_into_force_of(report)
    period_to = report.cover.fields.get("period_to")
    end = period_to if isinstance(period_to, date) else None
    out: list[Due] = []
    due = report_due(report.report_kind, end, eif, today, lang)
    submitted = report.cover.fields.get("submission_date")
    if due is not None and isinstance(submitted, date):
        # A dated submission answers the deadline: say how it went instead of counting days.
        late = (submitted - due.day).days
        how = translate(N_("on time"), lang) if late <= 0 else ntranslate(
            "{n} day late", "{n} days late", late, lang).format(n=language(lang).number(late))
        due = replace(due, status=translate(N_("submitted {date}, {how}"), lang).format(
            date=long_date(submitted, lang), how=how))
    withdrawal = _withdrawal_effective(report)
    if due is not None and withdrawal is not None and due.day >= withdrawal:
        # Art. 20: once the withdrawal has taken effect, no further report is owed.
        due = replace(due, status=translate(
            N_("not owed: the withdrawal took effect on {date}"), lang).format(
                date=long_date(withdrawal, lang)))
    if due is not None:
        out.append(due)
    if eif is None:
        return out
    if withdrawal is not None and today >= withdrawal:
        ended = translate(N_("no longer owed: the withdrawal took effect on {date}"), lang).format(
            date=long_date(withdrawal, lang))
        out.append(Due(translate(N_("Stockpile destruction (Art. 3)"), lang),
                       deadlines_for(eif).stockpile_destruction, today, ended, obligation=True,
                       lang=lang))
        out.append(Due(translate(N_("Clearance of contaminated areas (Art. 4)"), lang),
                       deadlines_for(eif).clearance, today, ended, obligation=True, lang=lang))
        return out
    d = deadlines_for(eif)
    b, f = report.form("B"), report.form("F")
    stock, clear = b.fields.get("article3_deadline"), f.fields.get("article4_deadline")
    out.append(Due(translate(N_("Stockpile destruction (Art. 3)"), lang),
                   stock if isinstance(stock, date) else d.stockpile_destruction, today,
                   _obligation_status(b.status, b.fields.get("completion_date") is not None,
                                      lang),
                   obligation=True, lang=lang))
    out.append(Due(translate(N_("Clearance of contaminated areas (Art. 4)"), lang),
                   clear if isinstance(clear, date) else d.clearance, today,
                   _obligation_status(f.status, f.fields.get("completion_declared") is True,
                                      lang),
                   obligation=True, lang=lang))
    return out


def _withdrawal_effective(report: Report) -> date | None:
    """The date the reporting State's withdrawal took (or takes) effect, from the State list."""
    info = load_states().get(report.state) if report.state else None
    return info.withdrawal_effective if info is not None else None


def _obligation_status(status: FormStatus | None, completed: bool, lang: str) -> str | None:
    if status is FormStatus.NOT_APPLICABLE:
        return translate(N_("does not apply, the form is marked not applicable"), lang)
    return translate(N_("completed"), lang) if completed else None
