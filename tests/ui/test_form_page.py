"""A page generated from the schema: typing goes through the document, one undo step per typing
session, unreadable text is said and not kept, the status box sets the form's status."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.form_page import FormPage
from ccm_desktop.ui.pages import PAGES
from tests.ui.helpers import field_row


def _page(qtbot, doc: ReportDocument, key: str) -> FormPage:
    page = FormPage(doc, next(p for p in PAGES if p.key == key))
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    return page


def test_typing_a_field_is_one_undo_step(qtbot) -> None:
    doc = ReportDocument(Report())
    page = _page(qtbot, doc, "cover")
    line = page.rows["prepared_by"].editor.line
    line.setFocus()
    qtbot.keyClicks(line, "Mine Action Centre")
    qtbot.waitUntil(lambda: doc.report.cover.fields.get("prepared_by") == "Mine Action Centre")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    doc.undo_stack.undo()
    assert "prepared_by" not in doc.report.cover.fields
    assert line.text() == ""
    doc.undo_stack.redo()
    assert line.text() == "Mine Action Centre"


def test_unreadable_date_is_said_and_not_kept(qtbot) -> None:
    doc = ReportDocument(Report())
    page = _page(qtbot, doc, "cover")
    row = page.rows["period_from"]
    qtbot.keyClicks(row.editor.line, "31/02/2024")
    qtbot.keyClick(row.editor.line, Qt.Key.Key_Return)
    assert "period_from" not in doc.report.cover.fields
    assert row.message.isVisible() and "not a real date" in row.message.text()
    row.editor.line.clear()
    qtbot.keyClicks(row.editor.line, "01/01/2024")
    qtbot.keyClick(row.editor.line, Qt.Key.Key_Return)
    assert doc.report.cover.fields["period_from"] == date(2024, 1, 1)
    assert not row.message.isVisible()
    assert row.editor.line.text() == "2024-01-01"


def test_status_box_and_typing_into_an_unchanged_form(qtbot) -> None:
    report = Report()
    report.cover.fields.update(report_kind="annual", period_to=date(2024, 12, 31))
    doc = ReportDocument(report)
    page = _page(qtbot, doc, "J")
    assert page.status is not None
    page.status.unchanged.click()
    assert doc.report.form("J").status is FormStatus.UNCHANGED
    assert doc.report.form("J").last_reported_year == 2023
    notices: list[str] = []
    doc.notice.connect(notices.append)
    box = page.rows["other_matters"].editor.box
    box.setFocus()
    qtbot.keyClicks(box, "Nothing else")
    qtbot.waitUntil(lambda: doc.report.form("J").fields.get("other_matters") == "Nothing else")
    assert doc.report.form("J").status is FormStatus.CHANGED
    assert page.status.changed.isChecked()
    assert notices and "Form J" in notices[0]
    page.status.not_applicable.click()
    qtbot.keyClicks(page.status.reason, "never produced cluster munitions")
    qtbot.keyClick(page.status.reason, Qt.Key.Key_Return)
    form = doc.report.form("J")
    assert (form.status, form.statement) == (FormStatus.NOT_APPLICABLE,
                                             "never produced cluster munitions")


def test_area_field_units_and_choice(qtbot) -> None:
    from ccm_desktop.schema.kinds import AreaM2
    from ccm_desktop.ui.editors import AreaEditor

    row, sent = field_row(qtbot, AreaM2())
    editor = row.editor
    assert isinstance(editor, AreaEditor)
    editor.unit.setCurrentIndex(editor.unit.findData("ha"))
    qtbot.keyClicks(editor.line, "2.5")
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert sent[-1] == (25000, True)
    assert editor.line.text() == "2.5"  # still shown in the unit chosen


def test_a_long_note_grows(qtbot) -> None:
    from ccm_desktop.schema.kinds import Note
    from ccm_desktop.ui.editors import NoteEditor

    row, _sent = field_row(qtbot, Note())
    editor = row.editor
    assert isinstance(editor, NoteEditor)
    row.resize(400, 200)
    qtbot.wait(20)
    empty = editor.box.height()
    editor.set_value("A sentence that wraps over several lines in a narrow box. " * 4)
    qtbot.waitUntil(lambda: editor.box.height() > empty + 20)
    editor.set_value("One line.")
    qtbot.waitUntil(lambda: editor.box.height() == empty)


def test_a_derived_deadline_shows_what_it_becomes_when_left_empty(qtbot) -> None:
    report = Report()
    report.form("F").status = FormStatus.CHANGED
    doc = ReportDocument(report)
    page = _page(qtbot, doc, "F")
    line = page.rows["article4_deadline"].editor.line
    assert line.placeholderText() == "YYYY-MM-DD"
    doc.set_value("cover", "entry_into_force", date(2011, 2, 28))
    assert line.placeholderText() == "2021-02-28 if left empty (ten years after entry into force)"
