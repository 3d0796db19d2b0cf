"""Deadlines of the Convention, as pure date arithmetic (Art. 3, 4, 7 and 17)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

CONVENTION_ENTRY_INTO_FORCE = date(2010, 8, 1)
INITIAL_REPORT_DAYS = 180  # Art. 7.1: "as soon as practicable, and in any event not later than 180 days"
STOCKPILE_YEARS = 8  # Art. 3.2
CLEARANCE_YEARS = 10  # Art. 4.1(a)
# Extensions (Art. 3.3-3.4: up to four years each; Art. 4.5-4.8: up to five years each) can be
# requested again and again: there is no final date, so none is computed here. A granted
# extension is recorded as the new date (Forms B and F, or `--*-extended-to` on the command line).


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def entry_into_force_for(deposited: date) -> date:
    """Art. 17: 1 August 2010 for the first 30 instruments (deposited by 16 Feb 2010),
    otherwise the first day of the sixth month after the month of deposit."""
    if deposited < date(2010, 2, 17):
        return CONVENTION_ENTRY_INTO_FORCE
    month = deposited.month + 6
    year = deposited.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, 1)


def initial_report_due(entry_into_force: date) -> date:
    return entry_into_force + timedelta(days=INITIAL_REPORT_DAYS)


def annual_report_due(reporting_year: int) -> date:
    """An annual report covering calendar year Y is due on 30 April of Y + 1."""
    return date(reporting_year + 1, 4, 30)


def stockpile_destruction_due(entry_into_force: date, extension_to: date | None = None) -> date:
    return extension_to or add_years(entry_into_force, STOCKPILE_YEARS)


def clearance_due(entry_into_force: date, extension_to: date | None = None) -> date:
    return extension_to or add_years(entry_into_force, CLEARANCE_YEARS)


@dataclass(frozen=True)
class Deadlines:
    entry_into_force: date
    initial_report: date
    first_annual_report: date
    stockpile_destruction: date
    clearance: date


def first_annual_report_due(entry_into_force: date) -> date:
    """Art. 7.2: updates are due by 30 April "of each year", covering the previous calendar
    year; the first is the first 30 April after the initial report falls due (for entry into
    force on 1 August 2010: initial report by 28 January 2011, first update by 30 April 2011,
    covering 2010)."""
    initial = initial_report_due(entry_into_force)
    due = date(initial.year, 4, 30)
    return due if due > initial else date(initial.year + 1, 4, 30)


def deadlines_for(entry_into_force: date) -> Deadlines:
    first_annual = first_annual_report_due(entry_into_force)
    return Deadlines(
        entry_into_force=entry_into_force,
        initial_report=initial_report_due(entry_into_force),
        first_annual_report=first_annual,
        stockpile_destruction=stockpile_destruction_due(entry_into_force),
        clearance=clearance_due(entry_into_force),
    )


def next_due(today: date, entry_into_force: date, initial_submitted: bool) -> tuple[str, date]:
    """The next report a State owes on `today`: ("initial", date) or ("annual", date)."""
    if not initial_submitted:
        return "initial", initial_report_due(entry_into_force)
    due = date(today.year, 4, 30)
    if today > due:
        due = date(today.year + 1, 4, 30)
    return "annual", due


def withdrawn_on(today: date, withdrawal_effective: date | None) -> bool:
    """Art. 20: once a State's withdrawal has taken effect it owes no further report."""
    return withdrawal_effective is not None and today >= withdrawal_effective
