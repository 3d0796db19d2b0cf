"""The application's own sample reports (resources/samples): complete, valid, consecutive."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from ccm_desktop.domain.findings import Severity
from ccm_desktop.domain.report import FORM_LETTERS, FormStatus, Report
from ccm_desktop.exchange.json_io import dumps_report, read_report_file
from ccm_desktop.schema.validate import validate
from tests.conftest import RESOURCE_SAMPLES

SAMPLES = sorted(RESOURCE_SAMPLES.glob("*.ccm.json"))
NAME = re.compile(r"^(?P<state>[a-z]{3})-(?P<year>\d{4})-(?P<kind>initial|annual)\.ccm\.json$")
FIRST, SECOND = "hrv-2015-annual.ccm.json", "hrv-2016-annual.ccm.json"


def _read(name: str) -> Report:
    return read_report_file(RESOURCE_SAMPLES / name)


def test_there_are_at_least_three_samples_one_initial_and_a_consecutive_annual_pair() -> None:
    assert len(SAMPLES) >= 3
    kinds = [m["kind"] for p in SAMPLES if (m := NAME.match(p.name))]
    assert "initial" in kinds
    annual = {(m["state"], int(m["year"])) for p in SAMPLES
              if (m := NAME.match(p.name)) and m["kind"] == "annual"}
    assert any((state, year + 1) in annual for state, year in annual)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_each_sample_is_named_after_its_content(path: Path) -> None:
    match = NAME.match(path.name)
    assert match, path.name
    report = read_report_file(path)
    assert report.state == match["state"].upper()
    assert report.report_kind == match["kind"]
    assert report.reporting_year == int(match["year"])


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_each_sample_validates_without_any_finding(path: Path) -> None:
    assert validate(read_report_file(path)) == []


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_each_sample_is_complete(path: Path) -> None:
    report = read_report_file(path)
    for letter in FORM_LETTERS:
        assert report.form(letter).status is not None, letter
    changed = [x for x in FORM_LETTERS if report.form(x).status is FormStatus.CHANGED]
    assert len(changed) >= 5
    assert report.cover.fields.get("submission_date") is not None
    assert len(report.cover.tables["contacts"]) >= 2
    for contact in report.cover.tables["contacts"]:
        if "email" in contact:
            assert contact["email"].endswith("@example.org")
    for letter in ("F", "G", "H", "I"):  # the affected-State forms are filled in everywhere
        assert report.form(letter).status is FormStatus.CHANGED, letter


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_each_sample_is_written_as_the_program_writes(path: Path) -> None:
    assert path.read_text(encoding="utf-8") == dumps_report(read_report_file(path))


def test_the_second_year_checked_against_the_first_gives_no_finding() -> None:
    assert validate(_read(SECOND), _read(FIRST)) == []


def _warnings_at(report: Report, previous: Report, path: str) -> list[str]:
    return [f.message for f in validate(report, previous)
            if f.severity is Severity.WARNING and f.path.startswith(path)]


def test_an_edited_second_year_triggers_the_stockpile_balance_warning() -> None:
    report = _read(SECOND)
    row = report.form("B").tables["stockpile"][0]  # BL755
    row.update(munitions=row["munitions"] + 5, submunitions=row["submunitions"] + 5 * 147)
    found = _warnings_at(report, _read(FIRST), "forms.B.tables.stockpile[0]")
    assert any("the previous report's 90 cluster munitions" in m for m in found), found


def test_an_edited_second_year_triggers_the_retention_warning() -> None:
    report = _read(SECOND)
    report.form("D").tables["retained"][1]["submunitions"] = 150  # KB-1: 120 last year
    found = _warnings_at(report, _read(FIRST), "forms.D.tables.retained[1].submunitions")
    assert found and "more than the 120" in found[0]


def test_an_edited_second_year_triggers_the_ratio_warnings() -> None:
    report = _read(SECOND)
    rbk = report.form("B").tables["stockpile"][1]
    rbk["submunitions"] = 32 * 40
    found = _warnings_at(report, _read(FIRST), "forms.B.tables.stockpile[1].submunitions")
    assert any("42 submunitions each" in m for m in found), found
    del rbk["submunitions_per_munition"]  # no stated figure: compare with last year
    rbk["submunitions"] = 32 * 42 - 4
    found = _warnings_at(report, _read(FIRST), "forms.B.tables.stockpile[1].submunitions")
    assert any("in the previous report" in m for m in found), found


def test_without_the_previous_report_the_edits_pass_unnoticed() -> None:
    report = _read(SECOND)
    report.form("D").tables["retained"][1]["submunitions"] = 150
    assert validate(report) == []


def _all_text(report: Report) -> str:
    return dumps_report(report)


def _has_script(text: str, script: str) -> bool:
    return any(unicodedata.name(ch, "").startswith(script) for ch in text)


def test_the_samples_carry_arabic_and_chinese_text_and_photographs() -> None:
    texts = [_all_text(read_report_file(p)) for p in SAMPLES]
    assert any(_has_script(t, "ARABIC") for t in texts)
    assert any(_has_script(t, "CJK UNIFIED") for t in texts)
    with_photos = [read_report_file(p) for p in SAMPLES]
    photos = [r for r in with_photos if r.form("C").tables.get("types")
              and all(row.get("photos") for row in r.form("C").tables["types"])]
    assert photos and all(a.data.startswith(b"\x89PNG") for a in photos[0].attachments.values())


def test_the_readme_describes_every_sample() -> None:
    readme = (RESOURCE_SAMPLES / "README.md").read_text(encoding="utf-8")
    for path in SAMPLES:
        assert path.name in readme
    assert "Where the figures come from" in readme
