"""Next year's report (docs/command-line.md, `next-year`): what a user finds in the draft.

What records one reporting period is a property of the schema (`per_period` on fields, tables
and columns); the tests read it there, fill a report in every table, start next year and look at
the draft: the events of the year emptied, standing information carried over, every form to be
reviewed, the source unchanged. A few examples a user would check by hand keep the schema's
choices honest."""

from __future__ import annotations

import copy
import subprocess
import sys
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccm_desktop.domain.next_year import NoReportingPeriod, next_reporting_year, next_year_report
from ccm_desktop.domain.report import FORM_LETTERS, FormStatus, Report
from ccm_desktop.exchange.json_io import dumps_report, read_report_file
from ccm_desktop.schema.registry import PARTS, PER_PERIOD
from ccm_desktop.storage.repository import StorageError, open_repository
from tests.conftest import SAMPLES
from tests.strategies import reports

# The cover values the new draft sets itself: the new period, and "annual".
SET_ANEW = {"report_kind", "period_from", "period_to"}


def check_carried_over(src: Report, new: Report) -> None:
    """Every field, table and column of the schema: empty in the draft where the schema marks it
    per period, else the source's value as it was."""
    for part in PARTS:
        old, now = src.section(part.id), new.section(part.id)
        for f in part.fields:
            if part.id == "cover" and f.id in SET_ANEW:
                continue
            if f.per_period:
                assert f.id not in now.fields, f"{part.id}.{f.id} should start empty"
            else:
                assert now.fields.get(f.id) == old.fields.get(f.id), f"{part.id}.{f.id}"
        for t in part.tables:
            if t.per_period:
                assert not now.tables.get(t.id), f"{part.id}.{t.id} should start empty"
                continue
            dropped = {c.id for c in t.columns if c.per_period}
            expected = [{k: v for k, v in row.items() if k not in dropped}
                        for row in old.tables.get(t.id, [])]
            assert now.tables.get(t.id, []) == expected, f"{part.id}.{t.id}"


def check_statuses(src: Report, new: Report, year: int) -> None:
    """Filled-in forms become "unchanged since" the year just reported, a form that already
    pointed to a year keeps it, a form not applicable keeps its statement; all are to review."""
    for letter in FORM_LETTERS:
        old, form = src.form(letter), new.form(letter)
        assert form.to_review, f"Form {letter} should be to review"
        if old.status is FormStatus.NOT_APPLICABLE:
            assert (form.status, form.statement) == (FormStatus.NOT_APPLICABLE, old.statement)
        elif old.status is FormStatus.UNCHANGED and old.last_reported_year is not None:
            assert (form.status, form.last_reported_year) == (FormStatus.UNCHANGED,
                                                              old.last_reported_year)
        else:
            assert (form.status, form.last_reported_year) == (FormStatus.UNCHANGED, year)


def attachments_in_rows(report: Report) -> set[str]:
    return {value for part in PARTS for rows in report.section(part.id).tables.values()
            for row in rows for cell in row.values() if isinstance(cell, list)
            for value in cell}


def test_the_schema_marks_events_and_keeps_standing_information() -> None:
    """Both kinds exist, so that the tests below check both ways: tables that start empty, and
    tables and fields that are carried over."""
    tables = [t for p in PARTS for t in p.tables]
    assert any(t.per_period for t in tables) and any(not t.per_period for t in tables)
    assert any(f.per_period for p in PARTS for f in p.fields)
    assert any(c.per_period for t in tables if not t.per_period for c in t.columns)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(max_rows=2, full=True), st.integers(2011, 2080),
       st.sampled_from(["annual", "initial"]))
def test_every_field_and_table_follows_the_schema(report: Report, year: int, kind: str) -> None:
    report.cover.fields.update(report_kind=kind, period_from=date(year, 1, 1),
                               period_to=date(year, 12, 31))
    before = copy.deepcopy(report)
    new = next_year_report(report, PER_PERIOD)
    assert report == before, "the source report is never changed"
    check_carried_over(report, new)
    check_statuses(report, new, year)
    assert new.cover.fields["report_kind"] == "annual"
    assert new.language == report.language
    assert set(new.attachments) == attachments_in_rows(new) & set(report.attachments)
    # The draft shares nothing with the source.
    for form in new.forms.values():
        for rows in form.tables.values():
            for row in rows:
                row.clear()
    new.cover.fields.clear()
    assert report == before


@settings(max_examples=3, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(reports(max_rows=2, full=True))
def test_a_report_with_rows_in_every_table_starts_next_year_in_the_database(
        report: Report) -> None:
    """What the user finds on opening the draft `next-year` stored: every table of the source
    held rows; the events of 2015 are gone, the rest is there, every form is to review."""
    report.cover.fields.update(report_kind="annual", period_from=date(2015, 1, 1),
                               period_to=date(2015, 12, 31))
    assert all(report.section(p.id).tables.get(t.id) for p in PARTS for t in p.tables)
    with tempfile.TemporaryDirectory() as folder, \
            open_repository(str(Path(folder) / "ccm.sqlite3")) as repo:
        source_id = repo.add(report)
        stored = repo.load(source_id)
        before = dumps_report(stored)
        draft = repo.load(repo.start_next_year(source_id))
        assert dumps_report(repo.load(source_id)) == before
    check_carried_over(stored, draft)
    check_statuses(stored, draft, 2015)
    assert (draft.cover.fields["period_from"], draft.cover.fields["period_to"]) == (
        date(2016, 1, 1), date(2016, 12, 31))
    assert set(draft.attachments) == attachments_in_rows(draft)


def test_what_a_user_finds_in_next_years_draft(tmp_path: Path) -> None:
    """Examples one would check by hand: the stockpile, contaminated areas, retained munitions
    and contacts are still there; what was destroyed, cleared and who was hurt last year, the
    use made of retained munitions and the submission date are not."""
    src = annual(2015)
    src.cover.fields.update(submission_date=date(2016, 4, 2), approved_by="Minister")
    src.cover.tables["contacts"] = [{"person": "Desk officer", "email": "desk@example.org"}]
    tables = {
        "B": {"stockpile": [{"type": "M-87", "munitions": 40}],
              "destroyed": [{"type": "M-87", "munitions": 3}]},
        "D": {"retained": [{"type": "M-87", "munitions": 5, "actual_use": "Training"}]},
        "F": {"contaminated_areas": [{"area_id": "NW-1", "size_m2": Decimal(5000)}],
              "clearance": [{"area_id": "NW-1", "cleared_m2": Decimal(1200)}]},
        "H": {"casualties": [{"period": "2015", "men": 1, "total": 1}]},
    }
    for letter, content in tables.items():
        src.form(letter).status = FormStatus.CHANGED
        src.form(letter).tables.update(copy.deepcopy(content))
    with open_repository(str(tmp_path / "ccm.sqlite3")) as repo:
        draft = repo.load(repo.start_next_year(repo.add(src)))
    assert draft.cover.tables["contacts"] == [{"person": "Desk officer",
                                               "email": "desk@example.org"}]
    assert "submission_date" not in draft.cover.fields
    assert "approved_by" not in draft.cover.fields
    assert draft.form("B").tables.get("stockpile") == [{"type": "M-87", "munitions": 40}]
    assert not draft.form("B").tables.get("destroyed")
    assert draft.form("D").tables.get("retained") == [{"type": "M-87", "munitions": 5}]
    assert draft.form("F").tables.get("contaminated_areas") == [
        {"area_id": "NW-1", "size_m2": Decimal(5000)}]
    assert not draft.form("F").tables.get("clearance")
    assert not draft.form("H").tables.get("casualties")
    assert [(draft.form(x).status, draft.form(x).last_reported_year, draft.form(x).to_review)
            for x in "BDFH"] == [(FormStatus.UNCHANGED, 2015, True)] * 4


def annual(year: int) -> Report:
    r = Report()
    r.cover.fields.update(state="HRV", report_kind="annual", period_from=date(year, 1, 1),
                          period_to=date(year, 12, 31), entry_into_force=date(2010, 8, 1))
    return r


def initial(entry_into_force: date, period_to: date) -> Report:
    r = Report()
    r.cover.fields.update(state="IRQ", report_kind="initial", period_from=entry_into_force,
                          period_to=period_to, entry_into_force=entry_into_force)
    return r


@pytest.mark.parametrize(("source", "year"), [
    # From the annual report for 2015 (due 30 April 2016), the one for 2016.
    (annual(2015), 2016),
    # From an initial report due 30 April 2014 (entry into force 1 November 2013), the annual
    # report for 2014, due 30 April 2015 -- not a year later.
    (initial(date(2013, 11, 1), date(2014, 3, 31)), 2014),
    # Due 28 January 2011 (entry into force 1 August 2010): the first 30 April after it is
    # 30 April 2011, for 2010.
    (initial(date(2010, 8, 1), date(2010, 12, 31)), 2010),
    # Due 28 October 2011 (1 May 2011): the annual report for 2011, due 30 April 2012.
    (initial(date(2011, 5, 1), date(2011, 9, 30)), 2011),
])
def test_the_next_report_is_the_one_that_falls_due_next(source: Report, year: int) -> None:
    assert next_reporting_year(source) == year
    new = next_year_report(source, PER_PERIOD)
    assert (new.cover.fields["period_from"], new.cover.fields["period_to"]) == (
        date(year, 1, 1), date(year, 12, 31))
    assert new.cover.fields["report_kind"] == "annual"


def test_statuses_carry_over_and_not_applicable_forms_keep_their_statement() -> None:
    src = annual(2015)
    src.form("A").status = FormStatus.CHANGED
    src.form("B").status, src.form("B").last_reported_year = FormStatus.UNCHANGED, 2012
    src.form("C").status = FormStatus.UNCHANGED  # the year was never filled in
    src.form("E").status = FormStatus.NOT_APPLICABLE
    src.form("E").statement = "Never produced cluster munitions."
    new = next_year_report(src, PER_PERIOD)
    assert [(new.form(x).status, new.form(x).last_reported_year) for x in "ABCDE"] == [
        (FormStatus.UNCHANGED, 2015), (FormStatus.UNCHANGED, 2012),
        (FormStatus.UNCHANGED, 2015), (FormStatus.UNCHANGED, 2015),
        (FormStatus.NOT_APPLICABLE, None)]
    assert new.form("E").statement == "Never produced cluster munitions."


def test_a_report_without_a_period_has_no_next_year() -> None:
    report = Report()
    with pytest.raises(NoReportingPeriod, match="no reporting period"):
        next_year_report(report, PER_PERIOD)
    report.cover.fields["period_from"] = date(2019, 7, 1)  # only a start: its year counts
    assert next_year_report(report, PER_PERIOD).cover.fields["period_to"] == date(2020, 12, 31)


def test_next_year_in_the_database_leaves_the_source_alone(db_url: str) -> None:
    with open_repository(db_url) as repo:
        report = annual(2015)
        report.cover.fields["submission_date"] = date(2016, 4, 2)
        report.form("B").status = FormStatus.CHANGED
        report.form("B").tables["destroyed"] = [{"type": "M-87", "munitions": 3}]
        source_id = repo.add(report)
        before = dumps_report(repo.load(source_id))
        new_id = repo.start_next_year(source_id)
        assert new_id != source_id
        assert dumps_report(repo.load(source_id)) == before
        assert [r.number for r in repo.history(source_id)] == [1]
        assert dumps_report(repo.load(new_id)) == dumps_report(
            next_year_report(report, PER_PERIOD))
        assert "destroyed" not in repo.load(new_id).form("B").tables
        assert [r.summary for r in repo.history(new_id)] == [
            f"Started from report {source_id} (2015)"]
        listed = {s.id: (s.period_from, s.period_to, s.report_kind) for s in repo.list_reports()}
        assert listed[new_id] == (date(2016, 1, 1), date(2016, 12, 31), "annual")
        empty = repo.add(Report())
        with pytest.raises(StorageError, match=f"from report {empty}: the report has no "
                                               "reporting period"):
            repo.start_next_year(empty)


def test_cli_next_year(tmp_path: Path) -> None:
    sample = SAMPLES / "valid" / "esp-2012-annual.ccm.json"
    if not sample.is_file():
        pytest.skip("the sample is not in the repository's samples")
    db = str(tmp_path / "ccm.sqlite3")

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ccm_desktop.cli", "--db", db, *args],
                              capture_output=True, text=True, timeout=120)

    with open_repository(db) as repo:
        source_id = str(repo.add(read_report_file(sample)))
    made = cli("next-year", source_id)
    assert made.returncode == 0, made.stderr
    new_id = made.stdout.strip()
    out = tmp_path / "next.ccm.json"
    assert cli("export", new_id, "--to", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8") == dumps_report(next_year_report(
        read_report_file(sample), PER_PERIOD))
    with open_repository(db) as repo:
        assert [s.line().split("\t")[3] for s in repo.list_reports()] == [
            "2012-01-01..2012-12-31", "2013-01-01..2013-12-31"]
    missing = cli("next-year", "99")
    assert missing.returncode == 2
    assert missing.stderr == f"ccm-desktop: There is no report 99 in {db}\n"


def test_a_database_of_the_previous_version_gets_the_to_review_column(tmp_path: Path) -> None:
    """Migration 0002: a file written before it opens, its forms are not to review, and next
    year's draft made from it is."""
    import sqlite3
    from contextlib import closing

    from alembic import command
    from sqlalchemy import create_engine

    from ccm_desktop.storage.migrate import MIGRATIONS, _config

    db = tmp_path / "old.sqlite3"
    with open_repository(str(db)) as repo:
        report = annual(2015)
        report.form("A").status = FormStatus.CHANGED
        report.form("A").tables["measures"] = [{"measure": "Law 1"}]
        source_id = repo.add(report)
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as connection:  # back to the schema the previous version wrote
        command.downgrade(_config(MIGRATIONS, connection), "0001")
    engine.dispose()
    with closing(sqlite3.connect(db)) as con:
        assert "to_review" not in [r[1] for r in con.execute("PRAGMA table_info(report_form)")]
    with open_repository(str(db)) as repo:
        assert not repo.load(source_id).form("A").to_review
        draft = repo.load(repo.start_next_year(source_id))
        assert draft.form("A").to_review and draft.form("A").status is FormStatus.UNCHANGED
    with closing(sqlite3.connect(db)) as con:
        assert "to_review" in [r[1] for r in con.execute("PRAGMA table_info(report_form)")]


@pytest.mark.parametrize("name", ["lbn-2011-initial.ccm.json", "hrv-2015-annual.ccm.json"])
def test_the_draft_of_a_sample_has_no_error_of_form_status(name: str) -> None:
    """The draft is a report the validator accepts as it stands, as far as the statuses go:
    from an initial report, the first annual report of the same year is unchanged since it."""
    from ccm_desktop.schema.validate import validate
    from tests.conftest import RESOURCE_SAMPLES

    draft = next_year_report(read_report_file(RESOURCE_SAMPLES / name), PER_PERIOD)
    assert [f for f in validate(draft) if f.is_error] == []
