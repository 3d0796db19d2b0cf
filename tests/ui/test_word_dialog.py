"""The preview of a Word or PDF import: what was recognised, form by form, before anything is
stored; correcting a column; then a new draft or next year's report, in one step (issue 17)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import FormStatus
from ccm_desktop.exchange.word import recognise_file
from ccm_desktop.exchange.xlsx.mapping import load_mapping
from ccm_desktop.storage.repository import Repository, open_repository
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.settings import Settings
from ccm_desktop.ui.word_import_dialog import WordImportDialog
from tests.ui.helpers import shots_folder

DATA = Path(__file__).resolve().parents[1] / "data"
EN = DATA / "report-en.docx"


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[Repository]:
    with open_repository(str(tmp_path / "reports.sqlite3")) as repo:
        yield repo


def combo_of(dialog: WordImportDialog, header: str):  # type: ignore[no-untyped-def]
    return dict(dialog.combos)[header]


def test_the_preview_shows_each_form_and_a_corrected_column_changes_the_rows(
        qtbot: QtBot, tmp_path: Path) -> None:
    dialog = WordImportDialog(recognise_file(EN))
    qtbot.addWidget(dialog)
    dialog.show()
    # the list of parts says what each form holds
    lines = [dialog.parts.item(i).text() for i in range(dialog.parts.count())]
    assert lines[6] == "Form F \u2014 Contaminated areas and clearance: changed, 3 rows"
    assert lines[4].startswith("Form D \u2014 Retained and transferred: ") \
        and "not applicable" in lines[4]
    # every value that could not be read, and what went nowhere, with its place
    findings = [dialog.findings.item(i).text() for i in range(dialog.findings.count())]
    assert "table 6, row 2, column 3: \"abc\" is not a number (left out)" in findings
    assert "paragraph 5: \"Status of each form:\" was not recognised as part of the cover page" \
        in findings

    dialog.parts.setCurrentRow(6)  # Form F
    assert "Status and progress of clearance: Clearance of the former training area" in \
        dialog.part_summary.text()
    assert dialog.table_choice.count() == 2  # the table and its second half
    assert dialog.rows.rowCount() == 2
    assert dialog.rows.item(0, 1).text() == "WS-01"
    # the user decides that "Location" is not what the report calls location: leave it out
    location = combo_of(dialog, "Location")
    assert location.currentData() == "location"
    location.setCurrentIndex(location.findData(None))
    rows = dialog.report().form("F").tables["clearance"]
    assert [r.get("location") for r in rows] == [None, None, None]  # both halves of the table
    assert [r["area_id"] for r in rows] == ["WS-01", "WS-02", "WS-03"]
    # ... and "Operator" is the area reference, say: the first choice wins, the rest left out
    operator = combo_of(dialog, "Operator")
    operator.setCurrentIndex(operator.findData("location"))
    assert [r["location"] for r in dialog.report().form("F").tables["clearance"]] == [
        "Bundeswehr", "Bundeswehr", "Contractor"]
    dialog.save_mapping(tmp_path / "clearance.ccm-map.json")
    saved = load_mapping(tmp_path / "clearance.ccm-map.json")
    assert (saved.form, saved.table) == ("F", "clearance")
    assert saved.columns["Operator"].column == "location"
    assert "Location" not in saved.columns
    assert saved.columns["Cleared (ha)"].unit == "ha"
    qtbot.waitUntil(lambda: combo_of(dialog, "Operator").isVisible())
    dialog.grab().save(str(shots_folder(tmp_path) / "word-import-preview.png"))


def make_window(qtbot: QtBot, repository: Repository, tmp_path: Path) -> MainWindow:
    window = MainWindow(repository, Settings.at(tmp_path / "settings.ini"),
                        today=date(2017, 3, 1), sample_dir=tmp_path / "none")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def _answer(qtbot: QtBot, act) -> None:  # type: ignore[no-untyped-def]
    def later() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, WordImportDialog):
            QTimer.singleShot(50, later)
            return
        act(dialog)

    QTimer.singleShot(50, later)


def test_the_window_imports_a_document_and_starts_next_year_from_it(
        qtbot: QtBot, repository: Repository, tmp_path: Path) -> None:
    window = make_window(qtbot, repository, tmp_path)
    before = len(repository.list_reports())
    seen: list[str] = []

    def act(dialog: WordImportDialog) -> None:
        dialog.parts.setCurrentRow(2)  # Form B
        seen.append(dialog.rows.item(0, 1).text())
        dialog.parts.setCurrentRow(6)  # Form F: the clearance table's "Operator" is left out
        operator = combo_of(dialog, "Operator")
        operator.setCurrentIndex(operator.findData(None))
        # nothing is stored while the preview is open
        assert len(repository.list_reports()) == before
        dialog.next_button.click()

    _answer(qtbot, act)
    window.files.import_file(EN)
    qtbot.waitUntil(lambda: window.current is not None, timeout=20000)
    assert seen == ["M26 rocket"]
    assert len(repository.list_reports()) == before + 2  # last year's report, and next year's draft
    draft = window.current.document.report  # type: ignore[union-attr]
    assert draft.cover.fields["period_to"] == date(2016, 12, 31)
    assert draft.cover.fields["state"] == "DEU"
    assert draft.form("B").status is FormStatus.UNCHANGED
    assert draft.form("B").last_reported_year == 2015
    # last year's report is stored too, as corrected in the preview
    (source,) = [r.id for r in repository.list_reports() if r.id != window.current.report_id]  # type: ignore[union-attr]
    clearance = repository.load(source).form("F").tables["clearance"]
    assert [r["area_id"] for r in clearance] == ["WS-01", "WS-02", "WS-03"]
    assert all("operator" not in r for r in clearance)
    assert repository.load(source).cover.fields["period_to"] == date(2015, 12, 31)


def test_cancelling_the_preview_stores_nothing(qtbot: QtBot, repository: Repository,
                                               tmp_path: Path) -> None:
    window = make_window(qtbot, repository, tmp_path)
    before = len(repository.list_reports())
    closed: list[bool] = []

    def act(dialog: WordImportDialog) -> None:
        dialog.reject()
        closed.append(True)

    _answer(qtbot, act)
    window.files.import_file(DATA / "report-fr.docx")
    qtbot.waitUntil(lambda: bool(closed), timeout=20000)
    qtbot.waitUntil(lambda: not window.files.jobs, timeout=5000)
    assert len(repository.list_reports()) == before
    assert window.current is None
