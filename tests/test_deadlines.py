"""Deadlines of Art. 3, 4, 7 and 17: worked examples and the whole State list."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ccm_desktop.domain.deadlines import (
    CONVENTION_ENTRY_INTO_FORCE,
    add_years,
    annual_report_due,
    clearance_due,
    deadlines_for,
    entry_into_force_for,
    initial_report_due,
    next_due,
    stockpile_destruction_due,
)
from ccm_desktop.schema.states import STATES_CSV


def _csv_rows() -> list[dict[str, str]]:
    with STATES_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(("eif", "due"), [
    (date(2010, 8, 1), date(2011, 1, 28)),  # the Convention's own entry into force
    (date(2013, 11, 1), date(2014, 4, 30)),  # 180 days, ending on 30 April
    (date(2011, 5, 1), date(2011, 10, 28)),  # Lebanon
    (date(2024, 3, 1), date(2024, 8, 28)),  # leap year: 29 February counts
])
def test_initial_report_is_due_180_days_after_entry_into_force(eif: date, due: date) -> None:
    assert initial_report_due(eif) == due
    assert (due - eif).days == 180


@pytest.mark.parametrize(("eif", "stockpile", "clearance"), [
    (date(2013, 11, 1), date(2021, 11, 1), date(2023, 11, 1)),  # the example
    (date(2011, 5, 1), date(2019, 5, 1), date(2021, 5, 1)),  # Lebanon
    (date(2010, 8, 1), date(2018, 8, 1), date(2020, 8, 1)),
])
def test_article_3_and_4_deadlines(eif: date, stockpile: date, clearance: date) -> None:
    assert stockpile_destruction_due(eif) == stockpile
    assert clearance_due(eif) == clearance
    d = deadlines_for(eif)
    assert (d.entry_into_force, d.stockpile_destruction, d.clearance) == (eif, stockpile, clearance)
    assert d.initial_report == initial_report_due(eif)
    # Extensions can be renewed without a ceiling: no "at most" date exists to compute.
    assert not any("latest" in name for name in vars(d))


def test_extensions_move_the_deadline() -> None:
    eif = date(2011, 5, 1)
    assert clearance_due(eif, extension_to=date(2026, 5, 1)) == date(2026, 5, 1)
    assert stockpile_destruction_due(eif, extension_to=date(2023, 5, 1)) == date(2023, 5, 1)


def test_annual_reports_are_due_on_30_april_for_the_year_before() -> None:
    assert annual_report_due(2023) == date(2024, 4, 30)
    assert annual_report_due(2022) == date(2023, 4, 30)


@pytest.mark.parametrize(("eif", "first"), [
    (date(2010, 8, 1), date(2011, 4, 30)),  # initial due Jan 2011; first update covers 2010
    (date(2011, 5, 1), date(2012, 4, 30)),  # initial due Oct 2011; first update covers 2011
    (date(2013, 11, 1), date(2015, 4, 30)),  # initial due on 30 April 2014: next 30 April
    (date(2012, 11, 1), date(2014, 4, 30)),  # initial due 30 April 2013 too: one a year
])
def test_first_annual_report_follows_the_initial_one(eif: date, first: date) -> None:
    d = deadlines_for(eif)
    assert d.first_annual_report == first
    assert d.first_annual_report > d.initial_report


def test_adding_years_to_29_february() -> None:
    assert add_years(date(2012, 2, 29), 8) == date(2020, 2, 29)
    assert add_years(date(2012, 2, 29), 10) == date(2022, 2, 28)


@pytest.mark.parametrize(("deposited", "eif"), [
    (date(2008, 12, 3), CONVENTION_ENTRY_INTO_FORCE),  # among the first 30 (Art. 17.1)
    (date(2010, 2, 16), CONVENTION_ENTRY_INTO_FORCE),  # the 30th instrument
    (date(2010, 2, 17), date(2010, 8, 1)),  # sixth month after February (Art. 17.2)
    (date(2010, 11, 5), date(2011, 5, 1)),  # Lebanon
    (date(2013, 5, 14), date(2013, 11, 1)),  # Iraq
    (date(2025, 7, 31), date(2026, 1, 1)),  # across the new year
    (date(2026, 12, 1), date(2027, 6, 1)),
])
def test_entry_into_force_from_the_date_of_deposit(deposited: date, eif: date) -> None:
    assert entry_into_force_for(deposited) == eif


def test_every_row_of_the_state_list_follows_article_17() -> None:
    rows = _csv_rows()
    assert len(rows) == 125
    checked = 0
    for row in rows:
        if row["deposited"]:
            deposited = date.fromisoformat(row["deposited"])
            assert entry_into_force_for(deposited) == date.fromisoformat(
                row["entry_into_force"]), row
            checked += 1
        else:
            assert row["entry_into_force"] == "", row
    assert checked > 100


@given(st.dates(date(2010, 2, 17), date(2100, 12, 31)))
def test_entry_into_force_is_the_first_of_the_sixth_month_after(deposited: date) -> None:
    eif = entry_into_force_for(deposited)
    assert eif.day == 1
    months = (eif.year - deposited.year) * 12 + eif.month - deposited.month
    assert months == 6
    assert eif > deposited


@given(st.dates(date(2010, 8, 1), date(2090, 12, 31)))
def test_deadlines_keep_their_order(eif: date) -> None:
    d = deadlines_for(eif)
    assert d.entry_into_force < d.initial_report < d.first_annual_report
    assert d.stockpile_destruction < d.clearance
    assert d.initial_report - d.entry_into_force == timedelta(days=180)


def test_next_report_due() -> None:
    eif = date(2011, 5, 1)
    assert next_due(date(2011, 6, 1), eif, initial_submitted=False) == ("initial",
                                                                        date(2011, 10, 28))
    assert next_due(date(2024, 3, 1), eif, initial_submitted=True) == ("annual", date(2024, 4, 30))
    assert next_due(date(2024, 4, 30), eif, initial_submitted=True) == ("annual",
                                                                        date(2024, 4, 30))
    assert next_due(date(2024, 5, 1), eif, initial_submitted=True) == ("annual", date(2025, 4, 30))
