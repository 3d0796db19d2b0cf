"""The sentences of exchange/ about files that cannot be read are templates with parameters
(issue 12): written in the reader's language at the edge (command line: --lang or the locale;
window: its language), with the file's name and the place in it unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccm_desktop.cli import run
from ccm_desktop.domain.messages import Message
from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.exchange.formats import read_report
from ccm_desktop.schema.i18n import language, translate


def _unreadable(path: Path) -> UnreadableFile:
    with pytest.raises(UnreadableFile) as caught:
        read_report(path)
    return caught.value


def test_a_problem_keeps_its_template_and_parameters(tmp_path: Path) -> None:
    broken = tmp_path / "rapport annuel.ccm.json"
    broken.write_text('{"format": ', encoding="utf-8")
    error = _unreadable(broken)
    assert isinstance(error.message, Message)
    assert error.message.template == "the JSON text ends too early (is the file cut off?)"
    assert str(error).startswith("rapport annuel.ccm.json at ")  # English, as before
    for lang in ("fr", "ar", "zh"):
        expected = translate("{file} at {place}: {problem}", lang).format(
            file="rapport annuel.ccm.json", place=error.place(lang),
            problem=error.message.text(language(lang)))
        assert error.text(lang) == expected


def test_a_picture_is_named_as_such_and_the_file_name_is_kept(tmp_path: Path) -> None:
    fake = tmp_path / "données.xlsx"
    fake.write_bytes(b"%PDF-1.7 not a workbook")
    error = _unreadable(fake)
    assert error.message.template == "this is a picture or a PDF, not an Excel workbook"
    assert error.text("ru").startswith("données.xlsx")


def test_the_command_line_writes_it_in_the_language_asked_for(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "vide.ccm.json"
    empty.write_bytes(b"")
    error = _unreadable(empty)
    assert run(["convert", str(empty), "--to", str(tmp_path / "out.pdf"), "--lang", "fr"]) == 2
    assert capsys.readouterr().err.strip() == f"ccm-desktop: {error.text('fr')}"
    assert run(["validate", str(empty), "--lang", "ar"]) == 2
    assert capsys.readouterr().err.strip() == f"ccm-desktop: {error.text('ar')}"


def test_a_cell_that_does_not_fit_is_said_in_the_readers_language(tmp_path: Path) -> None:
    """Our own workbook with a word in a number column: the sentence carries the cell's problem
    as a template, so it reads in French for a French reader, place and value unchanged."""
    from openpyxl import load_workbook

    from ccm_desktop.exchange.json_io import read_report_file
    from ccm_desktop.exchange.xlsx import write_workbook
    from tests.conftest import RESOURCE_SAMPLES

    report = read_report_file(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json")
    workbook_path = tmp_path / "hrv.xlsx"
    write_workbook(report, workbook_path)
    workbook = load_workbook(workbook_path)
    sheet = next(ws for ws in workbook.worksheets if ws.title.startswith("B"))
    cell = next(c for row in sheet.iter_rows() for c in row if isinstance(c.value, int))
    cell.value = "beaucoup"
    workbook.save(workbook_path)
    error = _unreadable(workbook_path)
    english = str(error)
    french = error.text("fr")
    assert "beaucoup" in english and "beaucoup" in french
    assert "n’est pas un nombre" in french and "is not a" in english
    # The place in the reader's words, the sheet's name and the column letter as they are.
    assert error.place("fr") in french and error.place() in english
    assert error.place("fr").startswith("feuille ") and ", ligne " in error.place("fr")
    assert error.place("fr").endswith(error.place().rsplit(" ", 1)[1])  # "…, colonne C"
