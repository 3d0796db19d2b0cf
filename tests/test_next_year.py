"""Next year's report (interchange.md section 5), field by field, and the source unchanged."""

from __future__ import annotations

import copy
import hashlib
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccm_desktop.domain.next_year import (
    PERIOD_BOUND_TABLES,
    NoReportingPeriod,
    next_year_report,
)
from ccm_desktop.domain.report import FORM_LETTERS, Attachment, FormData, FormStatus, Report
from ccm_desktop.exchange.json_io import dumps_report, read_report_file
from ccm_desktop.storage.repository import StorageError, open_repository
from tests.conftest import SAMPLES
from tests.strategies import reports

CARRIED = {  # tables that are the starting point of next year's report
    "cover": ["contacts"], "A": ["measures"], "B": ["stockpile", "destruction_sites", "discovered"],
    "C": ["types"], "D": ["retained", "transferred"], "E": ["facilities"],
    "F": ["contaminated_areas"], "G": ["activities"],
}


def photo(att_id: str) -> Attachment:
    data = att_id.encode() * 10
    return Attachment(att_id, f"{att_id}.jpg", "image/jpeg", hashlib.sha256(data).hexdigest(), data)


def source() -> Report:
    """A 2015 report with something in every table and every kind of form status."""
    r = Report(language="fr")
    r.cover.fields.update(state="LAO", report_kind="initial", period_from=date(2015, 1, 1),
                          period_to=date(2015, 12, 31), submission_date=date(2016, 4, 28),
                          entry_into_force=date(2010, 8, 1), prepared_by="UXO NRA",
                          approved_by="Minister")
    r.cover.tables["contacts"] = [{"institution": "NRA", "email": "nra@example.org"}]
    statuses = {"A": FormStatus.CHANGED, "B": FormStatus.CHANGED, "C": FormStatus.CHANGED,
                "D": FormStatus.UNCHANGED, "E": FormStatus.NOT_APPLICABLE,
                "F": FormStatus.CHANGED, "G": FormStatus.CHANGED, "H": FormStatus.CHANGED,
                "I": FormStatus.UNCHANGED, "J": None}
    years = {"D": 2013, "I": None}  # I: unchanged but the year was never filled in
    for letter in FORM_LETTERS:
        r.forms[letter] = FormData(status=statuses[letter], last_reported_year=years.get(letter))
    r.form("E").statement = "Never produced cluster munitions."
    r.form("A").tables["measures"] = [{"measure": "Decree 12", "kind": "regulation",
                                       "documents": ["law"]}]
    b = r.form("B")
    b.fields.update(destruction_status="Ongoing.", article3_deadline=date(2018, 8, 1))
    b.tables.update(stockpile=[{"type": "BLU-26", "munitions": 10, "submunitions": 6000}],
                    destruction_sites=[{"site": "Site 1"}],
                    destroyed=[{"type": "BLU-26", "submunitions": 4000}],
                    discovered=[{"type": "BLU-3", "munitions": 1}])
    r.form("C").tables["types"] = [{"type": "BLU-26", "photos": ["pic"]}]
    r.form("D").tables.update(retained=[{"type": "BLU-26", "munitions": 2}],
                              transferred=[{"type": "BLU-26", "receiving_state": "THA"}])
    r.form("E").tables["facilities"] = [{"facility": "None"}]
    f = r.form("F")
    f.fields.update(clearance_status="Large areas remain.", completion_declared=False)
    f.tables.update(contaminated_areas=[{"area_id": "XK-1", "size_m2": Decimal("1000000.5")}],
                    clearance=[{"area_id": "XK-1", "cleared_m2": Decimal("2500")}])
    r.form("G").tables["activities"] = [{"activity": "School visits", "girls": 30}]
    h = r.form("H")
    h.fields.update(medical_care="Provincial hospitals.")
    h.tables["casualties"] = [{"outcome": "killed", "total": 12}]
    r.form("I").tables.update(
        national_resources=[{"year": 2015, "amount": Decimal("1000"), "currency": "USD"}],
        assistance_provided=[{"year": 2015, "recipient": "X"}],
        assistance_received=[{"year": 2015, "donor": "Y", "amount": Decimal("5"),
                              "currency": "EUR"}])
    r.form("J").fields["other_matters"] = "None."
    r.attachments = {"law": photo("law"), "pic": photo("pic"), "orphan": photo("orphan")}
    return r


def test_next_year_field_by_field() -> None:
    src = source()
    before = copy.deepcopy(src)
    new = next_year_report(src)

    # The source report is never changed.
    assert src == before

    # Cover: same State, annual, the next calendar year; not yet submitted or approved.
    assert new.cover.fields == {
        "state": "LAO", "report_kind": "annual", "period_from": date(2016, 1, 1),
        "period_to": date(2016, 12, 31), "entry_into_force": date(2010, 8, 1),
        "prepared_by": "UXO NRA"}
    assert new.language == "fr"
    assert new.cover.tables == src.cover.tables

    # Every form unchanged since the source year, or since the year it already pointed to.
    assert {k: (f.status, f.last_reported_year) for k, f in new.forms.items()} == {
        "A": (FormStatus.UNCHANGED, 2015), "B": (FormStatus.UNCHANGED, 2015),
        "C": (FormStatus.UNCHANGED, 2015), "D": (FormStatus.UNCHANGED, 2013),
        "E": (FormStatus.UNCHANGED, 2015), "F": (FormStatus.UNCHANGED, 2015),
        "G": (FormStatus.UNCHANGED, 2015), "H": (FormStatus.UNCHANGED, 2015),
        "I": (FormStatus.UNCHANGED, 2015), "J": (FormStatus.UNCHANGED, 2015)}
    assert new.form("E").statement == "Never produced cluster munitions."

    # Period-bound tables start empty; stockpile, contaminated areas and the rest carry over.
    assert PERIOD_BOUND_TABLES == {
        "B": ("destroyed",), "F": ("clearance",), "H": ("casualties",),
        "I": ("national_resources", "assistance_provided", "assistance_received")}
    for letter, tables in PERIOD_BOUND_TABLES.items():
        for table in tables:
            assert src.form(letter).tables[table], "the source had rows"
            assert not new.form(letter).tables.get(table), f"{letter}.{table}"
    for part, tables in CARRIED.items():
        for table in tables:
            old = src.cover if part == "cover" else src.form(part)
            now = new.cover if part == "cover" else new.form(part)
            assert now.tables[table] == old.tables[table], f"{part}.{table}"
    assert new.form("B").tables["stockpile"] == [
        {"type": "BLU-26", "munitions": 10, "submunitions": 6000}]
    assert new.form("F").tables["contaminated_areas"] == [
        {"area_id": "XK-1", "size_m2": Decimal("1000000.5")}]
    for letter in FORM_LETTERS:
        assert new.form(letter).fields == src.form(letter).fields

    # Attachments still named by a row come along; the others do not.
    assert sorted(new.attachments) == ["law", "pic"]

    # The draft shares nothing with the source: editing it leaves the source alone.
    new.form("B").tables["stockpile"][0]["munitions"] = 0
    new.cover.tables["contacts"].append({"institution": "Other"})
    new.attachments["pic"].data = b"changed"
    assert src == before


def test_a_report_without_a_period_has_no_next_year() -> None:
    report = Report()
    with pytest.raises(NoReportingPeriod, match="no reporting period"):
        next_year_report(report)
    report.cover.fields["period_from"] = date(2019, 7, 1)  # only a start: its year counts
    assert next_year_report(report).cover.fields["period_to"] == date(2020, 12, 31)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(max_rows=2), st.integers(1995, 2090))
def test_next_year_of_any_report(report: Report, year: int) -> None:
    report.cover.fields["period_to"] = date(year, 12, 31)
    before = copy.deepcopy(report)
    new = next_year_report(report)
    assert report == before
    assert new.cover.fields["period_from"] == date(year + 1, 1, 1)
    assert new.cover.fields["period_to"] == date(year + 1, 12, 31)
    assert new.cover.fields["report_kind"] == "annual"
    for letter in FORM_LETTERS:
        old, form = report.form(letter), new.form(letter)
        assert form.status is FormStatus.UNCHANGED
        if old.status is FormStatus.UNCHANGED and old.last_reported_year is not None:
            assert form.last_reported_year == old.last_reported_year
        else:
            assert form.last_reported_year == year
        for table, rows in old.tables.items():
            if table in PERIOD_BOUND_TABLES.get(letter, ()):
                assert table not in form.tables
            else:
                assert form.tables[table] == rows


def test_next_year_in_the_database_leaves_the_source_alone(db_url: str) -> None:
    with open_repository(db_url) as repo:
        report = source()
        source_id = repo.add(report)
        before = dumps_report(repo.load(source_id))
        new_id = repo.start_next_year(source_id)
        assert new_id != source_id
        assert dumps_report(repo.load(source_id)) == before
        assert [r.number for r in repo.history(source_id)] == [1]
        assert dumps_report(repo.load(new_id)) == dumps_report(next_year_report(report))
        assert [r.summary for r in repo.history(new_id)] == [
            f"Started from report {source_id} (2015)"]
        listed = {s.id: (s.period_from, s.period_to, s.report_kind) for s in repo.list_reports()}
        assert listed[new_id] == (date(2016, 1, 1), date(2016, 12, 31), "annual")
        empty = repo.add(Report())
        with pytest.raises(StorageError, match=f"from report {empty}: the report has no "
                                               "reporting period"):
            repo.start_next_year(empty)


def test_cli_next_year(tmp_path: Path) -> None:
    db = str(tmp_path / "ccm.sqlite3")
    sample = SAMPLES / "valid" / "esp-2012-annual.ccm.json"

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
        read_report_file(sample)))
    with open_repository(db) as repo:
        assert [s.line().split("\t")[3] for s in repo.list_reports()] == [
            "2012-01-01..2012-12-31", "2013-01-01..2013-12-31"]
    missing = cli("next-year", "99")
    assert missing.returncode == 2
    assert missing.stderr == f"ccm-desktop: There is no report 99 in {db}\n"
