"""Hostile values found by fuzzing the command line: numbers beyond what SQLite stores, text that
cannot be encoded, decimals of thousands of digits. Each is a finding or one sentence, never a
crash, and a failed import leaves the database file as it was."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ccm_desktop.schema.kinds import MAX_WHOLE, Int
from tests.test_fuzz_cli import run_cli

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "hrv-2015-annual.ccm.json"


@pytest.fixture(autouse=True)
def _debug(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CCM_DESKTOP_DEBUG", "1")  # an unexpected exception fails the test
    monkeypatch.delenv("CCM_DESKTOP_DB", raising=False)
    monkeypatch.chdir(tmp_path)


def _sample() -> dict[str, Any]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def _write(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")  # ensure_ascii: "\ud800" escapes
    return path


def _database(tmp_path: Path) -> Path:
    db = tmp_path / "reports.sqlite3"
    assert run_cli("import", str(SAMPLE), "--db", str(db)).code == 0
    return db


def test_whole_numbers_have_an_upper_bound_well_below_sqlite() -> None:
    assert MAX_WHOLE < 2**53 < 2**63
    assert Int().check(MAX_WHOLE) is None
    assert Int().check(MAX_WHOLE + 1) == "is too large (at most 999,999,999,999,999)"


def test_ten_to_the_thirty_submunitions_is_a_finding_with_its_path(tmp_path: Path) -> None:
    doc = _sample()
    doc["forms"]["B"]["tables"]["stockpile"][0]["submunitions"] = 10**30
    source = _write(tmp_path / "big.ccm.json", doc)
    checked = run_cli("validate", str(source))
    assert checked.code == 1
    assert "error\tforms.B.tables.stockpile[0].submunitions\t" in checked.out
    assert "is too large (at most 999,999,999,999,999)" in checked.out
    db = _database(tmp_path)
    assert run_cli("import", str(source), "--db", str(db)).code == 0  # a draft may be wrong
    for target in ("back.ccm.json", "back.xlsx"):
        assert run_cli("export", "2", "--db", str(db), "--to", target).code == 0
        assert run_cli("validate", target).code == 1


@pytest.mark.parametrize("year", [10**30, 2**63, -1, 10_000])
def test_a_year_beyond_four_digits_makes_the_file_unreadable_not_a_crash(
        tmp_path: Path, year: int) -> None:
    doc = _sample()
    doc["forms"]["A"]["last_reported_year"] = year
    source = _write(tmp_path / "year.ccm.json", doc)
    db = _database(tmp_path)
    before = db.read_bytes()
    imported = run_cli("import", str(source), "--db", str(db))
    assert imported.code == 2
    assert imported.err == ("ccm-desktop: year.ccm.json at forms.A.last_reported_year: "
                            "is not a year (four digits)\n")
    assert db.read_bytes() == before


def test_a_lone_surrogate_in_json_text_is_one_sentence(tmp_path: Path) -> None:
    doc = _sample()
    doc["cover"]["fields"]["prepared_by"] = "Ministry\ud800"
    source = _write(tmp_path / "lone.ccm.json", doc)
    db = _database(tmp_path)
    before = db.read_bytes()
    for argv in (("validate", str(source)), ("convert", str(source), "--to", "x.xlsx"),
                 ("import", str(source), "--db", str(db))):
        run = run_cli(*argv)
        assert run.code == 2, argv
        assert run.err.startswith("ccm-desktop: lone.ccm.json at cover.fields.prepared_by: "
                                  "holds text that is not valid Unicode"), run.err
        assert run.err.count("\n") == 1
    assert db.read_bytes() == before
    assert not (tmp_path / "x.xlsx").exists()


def test_an_escaped_lone_surrogate_in_a_workbook_is_one_sentence(tmp_path: Path) -> None:
    assert run_cli("convert", str(SAMPLE), "--to", "base.xlsx").code == 0
    workbook = openpyxl.load_workbook("base.xlsx")
    cell = next(c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row
                if isinstance(c.value, str)
                and c.value.startswith("Ministry of Foreign and European Affairs"))
    cell.value = "Ministry_xD800_"
    workbook.save("lone.xlsx")
    db = _database(tmp_path)
    before = db.read_bytes()
    run = run_cli("import", "lone.xlsx", "--db", str(db))
    assert run.code == 2
    assert run.err.startswith(f"ccm-desktop: lone.xlsx at sheet {cell.parent.title}, "
                              f"row {cell.row}, column {cell.column_letter}: holds text that is "
                              "not valid Unicode"), run.err
    assert db.read_bytes() == before


def test_decimals_of_thousands_of_digits_are_stored_and_written_back(tmp_path: Path) -> None:
    doc = _sample()
    huge = "9" * 5000 + "." + "1" * 3000
    row = doc["forms"]["F"]["tables"]["contaminated_areas"][0]
    row["size_m2"] = huge
    source = _write(tmp_path / "huge.ccm.json", doc)
    db = _database(tmp_path)
    assert run_cli("import", str(source), "--db", str(db)).code == 0
    assert run_cli("export", "2", "--db", str(db), "--to", "back.ccm.json").code == 0
    back = json.loads(Path("back.ccm.json").read_text(encoding="utf-8"))
    assert back["forms"]["F"]["tables"]["contaminated_areas"][0]["size_m2"] == huge
    pdf = run_cli("convert", str(source), "--to", "huge.pdf")
    assert pdf.code == 2  # a value longer than a page: one sentence, no half-written file
    assert "too long to fit on a page of the PDF" in pdf.err
    assert not Path("huge.pdf").exists()


def test_whole_numbers_of_hundreds_of_digits_are_not_read(tmp_path: Path) -> None:
    doc = _sample()
    doc["forms"]["B"]["tables"]["stockpile"][0]["submunitions"] = 10**4000
    doc["forms"]["B"]["tables"]["stockpile"][0]["munitions"] = 10**4000
    source = _write(tmp_path / "long.ccm.json", doc)
    run = run_cli("validate", str(source))
    assert run.code == 2
    assert "has too many digits to be a whole number" in run.err
    # The same in a workbook, typed as text (Python cannot turn 5000 digits into a number).
    assert run_cli("convert", str(SAMPLE), "--to", "base.xlsx").code == 0
    workbook = openpyxl.load_workbook("base.xlsx")
    cell = next(c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row
                if c.value == 11520)
    cell.value = "9" * 5000
    workbook.save("long.xlsx")
    run = run_cli("validate", "long.xlsx")
    assert run.code == 2
    assert "has too many digits to be a whole number" in run.err


@pytest.mark.parametrize("year", [-(2**63) - 1, 2**63, 10_000, -1, "9223372036854775808"])
def test_a_year_beyond_four_digits_in_a_workbook_is_one_sentence(tmp_path: Path,
                                                                 year: int | str) -> None:
    # Found by the fuzz test: "Unchanged since (year)" = -2**63-1 crashed import (OverflowError).
    assert run_cli("convert", str(SAMPLE), "--to", "base.xlsx").code == 0
    workbook = openpyxl.load_workbook("base.xlsx")
    cell = next(c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row
                if c.value == 2014)  # Form A, unchanged since 2014
    cell.value = year
    workbook.save("year.xlsx")
    db = _database(tmp_path)
    before = db.read_bytes()
    run = run_cli("import", "year.xlsx", "--db", str(db))
    assert run.code == 2, run.err
    assert "is not a year (four digits)" in run.err and run.err.count("\n") == 1
    assert db.read_bytes() == before


@pytest.mark.parametrize("hostile", ["year", "surrogate"])
def test_storage_refuses_what_it_cannot_store_and_changes_nothing(tmp_path: Path,
                                                                  hostile: str) -> None:
    # Behind the readers' checks, the database itself still answers with one sentence.
    from ccm_desktop.domain.report import FormStatus, Report
    from ccm_desktop.storage.errors import StorageError
    from ccm_desktop.storage.repository import open_repository

    db = _database(tmp_path)
    before = db.read_bytes()
    report = Report()
    report.form("A").status = FormStatus.UNCHANGED
    if hostile == "year":
        report.form("A").last_reported_year = 2**63
    else:
        report.cover.fields["prepared_by"] = "Ministry\ud800"
    with open_repository(str(db)) as repo, pytest.raises(StorageError) as refused:
        repo.add(report)
    assert "holds a value the database cannot store" in refused.value.user_message
    assert db.read_bytes() == before


def test_an_escaped_lone_surrogate_in_an_attachment_name_is_one_sentence(tmp_path: Path) -> None:
    # Found by the fuzz test: a file name read outside the cell checks crashed import.
    assert run_cli("convert", str(SAMPLE), "--to", "base.xlsx").code == 0
    workbook = openpyxl.load_workbook("base.xlsx")
    cell = next(c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row
                if c.value == "bl755.png")
    cell.value = "bl755_xDFFF_.png"
    workbook.save("lone.xlsx")
    db = _database(tmp_path)
    before = db.read_bytes()
    for argv in (("validate", "lone.xlsx"), ("convert", "lone.xlsx", "--to", "x.ccm.json"),
                 ("import", "lone.xlsx", "--db", str(db))):
        run = run_cli(*argv)
        assert run.code == 2, (argv, run.err)
        assert "holds text that is not valid Unicode" in run.err and run.err.count("\n") == 1
    assert db.read_bytes() == before
