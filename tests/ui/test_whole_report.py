"""A whole report driven as a person would: create it with the New report dialog, fill every
form (statuses, fields, table rows, a paste of rows from Excel, a photo), watch a finding appear
and disappear, undo and redo, close, reopen from the database file: everything typed is there."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import FormStatus
from ccm_desktop.storage.repository import open_repository
from ccm_desktop.ui.form_page import FormPage
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.new_report import NewReportDialog
from ccm_desktop.ui.settings import Settings
from ccm_desktop.ui.table import TableEditor
from tests.ui.helpers import fill_field, paste_rows, photo, type_cell, type_text

TODAY = date(2025, 3, 3)


def _table(page: FormPage, table_id: str) -> TableEditor:
    editor = page.tables[table_id]
    assert isinstance(editor, TableEditor)
    return editor


def _findings_about(window: MainWindow, text: str) -> list[str]:
    assert window.current is not None
    return [m for m in window.current.view.findings.messages() if text in m]


def test_a_whole_report(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "reports.sqlite3"
    repository = open_repository(str(db))
    window = MainWindow(repository, Settings.at(tmp_path / "settings.ini"), today=TODAY,
                        sample_dir=tmp_path / "no-samples")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert window.start.intro.isVisible()  # the first start explains the program

    # Create it: the State picker searches by name; entry into force comes from the list.
    dialog = NewReportDialog([], "en", TODAY)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "leban")
    assert dialog.state_code() == "LBN"
    assert dialog.eif.date().toString("yyyy-MM-dd") == "2011-05-01"
    assert dialog.period_from.date().toString("yyyy-MM-dd") == "2024-01-01"
    spec = dialog.spec()
    assert spec is not None
    report_id = window.create_report(spec)
    assert window.current is not None
    view, document = window.current.view, window.current.document
    assert document.report.cover.fields["state"] == "LBN"

    # Cover page and contacts.
    cover = view.show_key("cover")
    fill_field(qtbot, cover, "submission_date", "2025-04-10")
    fill_field(qtbot, cover, "prepared_by", "Lebanon Mine Action Centre")
    assert _findings_about(window, "Contacts: add at least one row")
    contacts = _table(view.show_key("contacts"), "contacts")
    contacts.action_add.trigger()
    type_cell(qtbot, contacts, 0, "institution", "Lebanon Mine Action Centre")
    type_cell(qtbot, contacts, 0, "email", "info@lmac.gov.lb")
    assert not _findings_about(window, "Contacts: add at least one row")

    # Form A: one measure.
    page_a = view.show_key("A")
    assert page_a.status is not None
    page_a.status.changed.click()
    measures = _table(page_a, "measures")
    measures.action_add.trigger()
    type_cell(qtbot, measures, 0, "measure", "Law 2010/12 prohibiting cluster munitions")

    # Form B: two stockpile rows pasted from a spreadsheet.
    page_b = view.show_key("B")
    stockpile = _table(page_b, "stockpile")
    paste_rows(qtbot, stockpile, 0, "type",
               "M42 grenade\t1,200\t0\nBLU-63\t300\t0\n")
    rows = document.rows("B", "stockpile")
    assert [r.get("type") for r in rows] == ["M42 grenade", "BLU-63"]
    assert rows[0]["munitions"] == 1200
    assert document.report.form("B").status is FormStatus.CHANGED
    fill_field(qtbot, page_b, "destruction_status", "Destruction is planned for 2026.")

    # Form C: a type with a colour photograph.
    page_c = view.show_key("C")
    types = _table(page_c, "types")
    types.action_add.trigger()
    type_cell(qtbot, types, 0, "type", "M42 grenade")
    added = types.attach_files([photo(tmp_path / "m42.png")], row=0)
    assert len(added) == 1

    # Forms D and E do not apply; H and I are unchanged since last year's report.
    for letter, reason in (("D", "no cluster munitions are retained or transferred"),
                           ("E", "never produced cluster munitions")):
        page = view.show_key(letter)
        assert page.status is not None
        page.status.not_applicable.click()
        type_text(qtbot, page.status.reason, reason)
    for letter in ("H", "I"):
        page = view.show_key(letter)
        assert page.status is not None
        page.status.unchanged.click()
        assert document.report.form(letter).last_reported_year == 2023

    # Form F: the area's size is what remains after the period, so clearing more than remains
    # is normal (format 2 withdrew error 4): no finding.
    page_f = view.show_key("F")
    areas, clearance = _table(page_f, "contaminated_areas"), _table(page_f, "clearance")
    areas.action_add.trigger()
    type_cell(qtbot, areas, 0, "area_id", "CBU-0004")
    type_cell(qtbot, areas, 0, "size_m2", "2 ha")
    clearance.action_add.trigger()
    type_cell(qtbot, clearance, 0, "area_id", "CBU-0004")
    type_cell(qtbot, clearance, 0, "cleared_m2", "25000")
    assert document.rows("F", "clearance")[0]["cleared_m2"] == 25000
    assert not _findings_about(window, "CBU-0004")
    fill_field(qtbot, page_f, "clearance_status", "Clearance goes on in the south.")

    # Forms G and J: notes (J in Arabic, typed through an input method).
    fill_field(qtbot, view.show_key("G"), "measures", "School visits in Nabatieh.")
    fill_field(qtbot, view.show_key("J"), "other_matters", "لا شيء آخر")

    # Undo takes the last note back, redo brings it again.
    assert document.report.form("J").fields["other_matters"] == "لا شيء آخر"
    window.act_undo.trigger()
    assert "other_matters" not in document.report.form("J").fields
    window.act_redo.trigger()
    assert document.report.form("J").fields["other_matters"] == "لا شيء آخر"
    # Undoing from another page shows the page the change is on.
    view.show_key("cover")
    window.act_undo.trigger()
    assert view.current_page().page.key == "J"
    window.act_redo.trigger()

    # Saved without asking (how quickly: the timing test test_autosave_is_quick).
    autosaver = window.current.autosaver
    qtbot.waitUntil(lambda: not autosaver.dirty, timeout=5000)
    assert window.saved_label.text().startswith("\u2713 Saved")
    expected = document.report.normalised()

    window.close_report()
    assert window.current is None
    repository.close()

    # Reopen from the file, in a new window, as the next morning.
    again = open_repository(str(db))
    window2 = MainWindow(again, Settings.at(tmp_path / "settings.ini"), today=TODAY)
    qtbot.addWidget(window2)
    window2.open_report(report_id)
    assert window2.current is not None
    reopened = window2.current.document.report
    assert reopened.normalised() == expected
    assert reopened.cover.fields["submission_date"] == date(2025, 4, 10)
    assert reopened.cover.tables["contacts"][0]["email"] == "info@lmac.gov.lb"
    assert reopened.form("F").tables["clearance"][0]["cleared_m2"] == Decimal(25000)
    assert reopened.form("E").statement == "never produced cluster munitions"
    photo_ids = reopened.form("C").tables["types"][0]["photos"]
    assert reopened.attachments[photo_ids[0]].media_type == "image/png"
    assert reopened.form("J").fields["other_matters"] == "لا شيء آخر"
    page = window2.current.view.show_key("B")
    assert page.rows["destruction_status"].editor.text() == "Destruction is planned for 2026."
    window2.close_report()
    again.close()
