"""Format 2 (docs/json-format.md, "Format versions"): the samples of the new rules, version 1
and 2 files, and exact round trips with every new table filled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.exchange.json_io import dumps_report, read_report_bytes, read_report_file
from ccm_desktop.exchange.xlsx import read_workbook, write_workbook
from ccm_desktop.schema.registry import FORMS, part
from ccm_desktop.schema.validate import validate
from ccm_desktop.storage.repository import open_repository
from tests.conftest import RESOURCE_SAMPLES, SAMPLES
from tests.pdf_check import Pdf, squash

OWN = Path(__file__).resolve().parent / "data" / "format2"
NEXT = SAMPLES / "next"
FULL = OWN / "valid" / "irq-2019-every-format2-table.ccm.json"

# What format 2 added (the table in docs/json-format.md, "Format versions").
NEW_TABLES = [("D", "acquired"), ("F", "remnants_destroyed"), ("J", "compliance_declarations")]
NEW_FIELDS = [("B", "extension_decision"), ("F", "extension_decision"), ("H", "data_collection"),
              ("J", "article21_measures"), *((x, "remarks") for x in "BCDEI")]
NEW_COLUMNS = [("B", "stockpile", "munitions_at_entry_into_force"),
               ("B", "stockpile", "submunitions_at_entry_into_force"),
               ("H", "casualties", "civilians")]
NEW_PURPOSES = {"emergency_assistance", "economic_social_recovery", "trust_fund"}


def _expected(folder: Path) -> dict[str, str]:
    lines = (folder / "expected-findings.tsv").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines if line.strip())


def _cases(folder: Path, kind: str) -> list[Path]:
    return sorted((folder / kind).glob("*.ccm.json"))


@pytest.mark.parametrize("path", _cases(OWN, "valid") + _cases(NEXT, "valid"),
                         ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_format2_valid_samples_have_no_error(path: Path) -> None:
    errors = [f for f in validate(read_report_file(path)) if f.is_error]
    assert errors == []


@pytest.mark.parametrize("path", _cases(OWN, "invalid") + _cases(NEXT, "invalid"),
                         ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_format2_invalid_samples_give_their_expected_error(path: Path) -> None:
    expected = _expected(path.parent.parent)[f"invalid/{path.name}"]
    errors = [f for f in validate(read_report_file(path)) if f.is_error]
    assert [f.path for f in errors if f.path.startswith(expected)], errors


def test_the_own_cases_are_complete() -> None:
    """The suite stands without the shared samples: the repository holds a case for each new error."""
    assert set(_expected(OWN)) == {f"invalid/{p.name}" for p in _cases(OWN, "invalid")}
    assert len(_cases(OWN, "invalid")) >= 4


def full_report() -> Report:
    report = read_report_file(FULL)
    for letter, table_id in NEW_TABLES:
        assert report.form(letter).tables[table_id], (letter, table_id)
    for letter, field_id in NEW_FIELDS:
        assert report.form(letter).fields[field_id], (letter, field_id)
    for letter, table_id, column in NEW_COLUMNS:
        assert any(row.get(column) is not None for row in report.form(letter).tables[table_id])
    purposes = {row.get("purpose") for row in report.form("I").tables["assistance_received"]}
    assert purposes >= NEW_PURPOSES
    return report


def test_every_new_table_and_field_round_trips_through_json() -> None:
    report = full_report()
    again = read_report_bytes(dumps_report(report).encode("utf-8"), "again.ccm.json")
    assert again == report
    assert dumps_report(again) == FULL.read_text(encoding="utf-8")
    assert json.loads(dumps_report(report))["format_version"] == 2


def test_every_new_table_and_field_round_trips_through_excel(tmp_path: Path) -> None:
    report = full_report()
    target = tmp_path / "full.xlsx"
    write_workbook(report, target)
    assert read_workbook(target).normalised() == report.normalised()


def test_every_new_table_and_field_round_trips_through_the_database(tmp_path: Path) -> None:
    report = full_report()
    with open_repository(str(tmp_path / "ccm.sqlite3")) as repo:
        report_id = repo.add(report)
    with open_repository(str(tmp_path / "ccm.sqlite3")) as repo:
        assert dumps_report(repo.load(report_id)) == dumps_report(report)


def test_the_pdf_prints_the_new_tables_under_the_official_titles() -> None:
    report = full_report()
    pdf = Pdf.of(report)
    text = "".join(pdf.squashed)
    for letter, table_id in NEW_TABLES:
        assert squash(part(letter).table(table_id).label) in text, table_id
    for letter in "BCDEGI":
        assert squash(part(letter).title) in text, letter
    assert squash("BLU-97 submunition") in text
    assert squash("Ninth Meeting of States Parties") in text


def test_official_form_titles() -> None:
    """The official form titles of the 2010 template; a short label for the navigator."""
    assert {p.id: p.title for p in FORMS} == {
        "A": "National implementation measures", "B": "Stockpiles and destruction",
        "C": "Technical characteristics of each type produced/owned or possessed",
        "D": "Cluster munitions retained and transferred",
        "E": "Status of conversion programmes", "F": "Contaminated areas and clearance",
        "G": "Warning to the population and risk education", "H": "Victim assistance",
        "I": "National resources and international cooperation and assistance",
        "J": "Other relevant matters"}
    for p in FORMS:
        assert len(p.label) <= 40, p.id


def _version_1_text() -> str:
    raw = json.loads((RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json").read_text("utf-8"))
    raw["format_version"] = 1
    return json.dumps(raw)


def test_a_version_1_file_reads_and_is_written_as_version_2(tmp_path: Path) -> None:
    report = read_report_bytes(_version_1_text().encode("utf-8"), "old.ccm.json")
    assert validate(report) == []
    assert json.loads(dumps_report(report))["format_version"] == 2


def test_an_unknown_version_is_refused_in_one_sentence() -> None:
    raw = json.loads(_version_1_text())
    raw["format_version"] = 3
    with pytest.raises(UnreadableFile) as caught:
        read_report_bytes(json.dumps(raw).encode("utf-8"), "future.ccm.json")
    message = str(caught.value)
    assert "future.ccm.json" in message and "versions 1 and 2" in message
    assert "\n" not in message


@pytest.mark.parametrize("path", sorted((SAMPLES / "valid").glob("*.json"))
                         + sorted(RESOURCE_SAMPLES.glob("*.ccm.json")), ids=lambda p: p.name)
def test_version_1_samples_still_read_and_validate_without_error(path: Path) -> None:
    assert [f for f in validate(read_report_file(path)) if f.is_error] == []
