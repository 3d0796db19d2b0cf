"""The command line on workbooks: convert, validate, import and export, end to end."""

from __future__ import annotations

import string
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccm_desktop.cli import run
from ccm_desktop.exchange.json_io import read_report_file
from ccm_desktop.exchange.xlsx import read_workbook
from ccm_desktop.exchange.xlsx.convert import convert_cell
from ccm_desktop.schema.kinds import AreaM2, Int
from tests.conftest import SAMPLES
from tests.strategies import plain_decimals

SAMPLE = SAMPLES / "valid" / "gbr-2013-annual.ccm.json"


def test_convert_validate_and_convert_back(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    workbook, back = tmp_path / "gbr.xlsx", tmp_path / "back.ccm.json"
    assert run(["convert", str(SAMPLE), "--to", str(workbook), "--lang", "fr"]) == 0
    capsys.readouterr()
    assert run(["validate", str(SAMPLE)]) == 0
    from_json = capsys.readouterr().out
    assert run(["validate", str(workbook)]) == 0
    assert capsys.readouterr().out == from_json  # the same findings, whatever the format
    assert run(["convert", str(workbook), "--to", str(back)]) == 0
    assert read_report_file(back).normalised() == read_report_file(SAMPLE).normalised()


def test_an_invalid_report_in_a_workbook_is_exit_code_1_with_its_paths(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = SAMPLES / "invalid" / "negative-count.ccm.json"
    workbook = tmp_path / "bad.xlsx"
    assert run(["convert", str(source), "--to", str(workbook)]) == 0
    capsys.readouterr()
    assert run(["validate", str(source)]) == 1
    expected = capsys.readouterr().out
    assert run(["validate", str(workbook)]) == 1
    assert capsys.readouterr().out == expected


def test_import_and_export_through_the_database(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    db, workbook, again = tmp_path / "r.sqlite3", tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    assert run(["convert", str(SAMPLE), "--to", str(workbook)]) == 0
    capsys.readouterr()
    assert run(["--db", str(db), "import", str(workbook)]) == 0
    report_id = capsys.readouterr().out.strip()
    assert run(["--db", str(db), "export", report_id, "--to", str(again), "--lang", "ru"]) == 0
    assert read_workbook(again).normalised() == read_report_file(SAMPLE).normalised()


@settings(max_examples=60, deadline=None)
@given(value=plain_decimals(max_int_digits=12, max_places=6), comma=st.booleans(),
       group=st.sampled_from(["", " ", "\u00a0", "sep"]))
def test_numbers_written_with_either_separator_are_read_exactly(value: Decimal, comma: bool,
                                                                group: str) -> None:
    whole, _, places = format(value, "f").partition(".")
    separator = "," if comma else "."
    thousands = ("." if comma else ",") if group == "sep" else group
    grouped = f"{int(whole):,}".replace(",", thousands) if thousands else whole
    text = grouped + (separator + places if places else "")
    assert convert_cell(AreaM2(), text, decimal_separator=separator) == value


@given(number=st.integers(0, 10**12), text=st.sampled_from(string.whitespace[:2]))
def test_whole_numbers_written_as_text_are_read(number: int, text: str) -> None:
    assert convert_cell(Int(), f"{text}{number:,}".replace(",", " "),
                        decimal_separator=",") == number
