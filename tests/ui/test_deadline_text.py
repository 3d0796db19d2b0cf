"""The deadlines shown on the start screen, the cover page and the status bar."""

from __future__ import annotations

from datetime import date

from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.ui.deadline_text import all_deadlines


def _annual(year: int, state: str = "LBN", entry_into_force: date = date(2011, 5, 1)) -> Report:
    report = Report()
    report.cover.fields.update(state=state, report_kind="annual", period_from=date(year, 1, 1),
                               period_to=date(year, 12, 31), entry_into_force=entry_into_force)
    return report


def test_days_left_and_late() -> None:
    report = _annual(2024)
    due = all_deadlines(report, date(2025, 3, 3))[0]
    assert due.sentence() == "Annual report 2024 (Art. 7.2): due 30 April 2025 (58 days left)"
    late = all_deadlines(report, date(2025, 5, 2))[0]
    assert late.late and late.when().endswith("(2 days late)")


def test_a_submitted_report_says_how_it_went() -> None:
    report = _annual(2024)
    report.cover.fields["submission_date"] = date(2025, 5, 5)
    due = all_deadlines(report, date(2026, 1, 1))[0]
    assert not due.late
    assert due.when() == "30 April 2025 (submitted 5 May 2025, 5 days late)"


def test_article_3_and_4_deadlines() -> None:
    report = _annual(2024)
    report.form("B").status = FormStatus.NOT_APPLICABLE
    report.form("F").fields["article4_deadline"] = date(2026, 5, 1)  # an extension
    dues = {d.label: d for d in all_deadlines(report, date(2025, 3, 3))}
    stock = dues["Stockpile destruction (Art. 3)"]
    assert "does not apply" in stock.when()
    clear = dues["Clearance of contaminated areas (Art. 4)"]
    assert clear.when() == "1 May 2026 (424 days left)"
    initial = Report()
    initial.cover.fields.update(report_kind="initial", entry_into_force=date(2025, 8, 1))
    assert all_deadlines(initial, date(2025, 9, 1))[0].sentence() == \
        "Initial report (Art. 7.1): due 28 January 2026 (149 days left)"


def _lithuania(year: int) -> Report:
    return _annual(year, "LTU", date(2011, 9, 1))


def test_a_withdrawn_state_owes_no_further_report() -> None:
    from ccm_desktop.ui.start import deadlines_html

    # Lithuania's withdrawal took effect on 6 March 2025: the 2024 report would fall due later.
    dues = all_deadlines(_lithuania(2024), date(2025, 6, 1))
    assert dues[0].label == "Annual report 2024 (Art. 7.2)"
    assert dues[0].when() == "30 April 2025 (not owed: the withdrawal took effect on 6 March 2025)"
    assert not dues[0].late
    assert all("no longer owed" in d.when() for d in dues[1:]) and len(dues) == 3
    html = deadlines_html(_lithuania(2024), date(2025, 6, 1))
    assert "not owed" in html and "late" not in html and "days left" not in html
    # Before it takes effect, a report falling due after it is not owed either; an earlier one is.
    assert all_deadlines(_lithuania(2024), date(2025, 3, 1))[0].when() == \
        "30 April 2025 (not owed: the withdrawal took effect on 6 March 2025)"
    earlier = all_deadlines(_lithuania(2023), date(2024, 3, 1))
    assert earlier[0].when() == "30 April 2024 (60 days left)"
    assert "owed" not in earlier[1].when()

