"""The New report dialog for a State outside the list, F1 help, the tab order of a page, and the
last-resort error dialog."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWhatsThis
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import Report
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.form_page import FormPage
from ccm_desktop.ui.new_report import NewReportDialog
from ccm_desktop.ui.pages import PAGES


def test_a_state_not_in_the_list_gets_its_entry_into_force_from_the_deposit(qtbot: QtBot) -> None:
    dialog = NewReportDialog([], "en", date(2025, 3, 3))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "United States")
    assert dialog.state_code() == "USA"
    assert dialog.deposit.isVisibleTo(dialog)
    assert "not a State Party" in dialog.state_note.text()
    dialog.deposit.setDate(dialog.deposit.date().fromString("2025-02-10", "yyyy-MM-dd"))
    # Art. 17: the first day of the sixth month after the month of deposit.
    assert dialog.eif.date().toString("yyyy-MM-dd") == "2025-08-01"
    dialog.initial.setChecked(True)
    spec = dialog.spec()
    assert spec is not None
    assert (spec.report_kind, spec.period_from, spec.entry_into_force) == \
        ("initial", date(2025, 8, 1), date(2025, 8, 1))


def test_state_search_uses_the_users_language(qtbot: QtBot) -> None:
    dialog = NewReportDialog([], "fr", date(2025, 3, 3))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "Allemagne")
    assert dialog.state_code() == "DEU"


@pytest.mark.parametrize(("typed", "code"), [("Lao PDR", "LAO"), ("UK", "GBR"),
                                             ("Ivory Coast", "CIV"), ("DRC", "COD")])
def test_the_reporting_state_is_found_by_the_names_people_type(qtbot: QtBot, typed: str,
                                                               code: str) -> None:
    dialog = NewReportDialog([], "en", date(2025, 3, 3))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, typed)
    assert dialog.state_code() == code


def test_the_new_report_dialog_offers_no_territories(qtbot: QtBot) -> None:
    dialog = NewReportDialog([], "en", date(2025, 3, 3))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "Åland Islands")
    assert dialog.state_code() is None
    assert "No State matches" in dialog.state_note.text()
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "Lao")
    assert dialog.states.currentItem().text() == "Lao People's Democratic Republic"


def test_a_withdrawn_state_is_named_as_such_and_keeps_its_entry_into_force(
        qtbot: QtBot) -> None:
    dialog = NewReportDialog([], "en", date(2025, 6, 3))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "Lithuania")
    assert dialog.state_code() == "LTU"
    assert "withdrew" in dialog.states.currentItem().text()
    assert "withdrawal took effect on 6 March 2025" in dialog.state_note.text()
    assert not dialog.deposit.isVisibleTo(dialog)  # no date of deposit to ask for
    assert dialog.eif.date().toString("yyyy-MM-dd") == "2011-09-01"
    # In a sentence the date is written the language's way, not as 2025-03-06.
    french = NewReportDialog([], "fr", date(2025, 6, 3))
    qtbot.addWidget(french)
    qtbot.keyClicks(french.search, "Lituanie")
    assert french.state_code() == "LTU"
    assert "6 mars 2025" in french.state_note.text()


def test_a_period_that_ends_before_it_begins_is_refused(qtbot: QtBot) -> None:
    dialog = NewReportDialog([], "en", date(2025, 3, 3))
    qtbot.addWidget(dialog)
    dialog.period_to.setDate(dialog.period_from.date().addDays(-1))
    dialog.accept()
    assert dialog.result() != NewReportDialog.DialogCode.Accepted
    assert "ends before it begins" in dialog.problem.text()


def _cover(qtbot: QtBot) -> FormPage:
    page = FormPage(ReportDocument(Report()), PAGES[0])
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def test_tab_walks_the_fields_in_reading_order(qtbot: QtBot) -> None:
    page = _cover(qtbot)
    order = ["state", "report_kind", "period_from", "period_to", "submission_date",
             "entry_into_force", "prepared_by", "approved_by"]
    page.rows[order[0]].editor.focus_input()
    for field_id in order[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert page.rows[field_id].editor.isAncestorOf(focused), field_id


def test_f1_explains_the_field(qtbot: QtBot, tmp_path: Path) -> None:
    from ccm_desktop.storage.repository import open_repository
    from ccm_desktop.ui.main_window import MainWindow
    from ccm_desktop.ui.settings import Settings

    with open_repository(str(tmp_path / "db.sqlite3")) as repository:
        window = MainWindow(repository, Settings.at(tmp_path / "s.ini"), today=date(2025, 3, 3))
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.add_and_open(Report(), "test")
        assert window.current is not None
        page = window.current.view.current_page()
        editor = page.rows["submission_date"].editor
        editor.focus_input()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F1)
        popup = QApplication.activePopupWidget()
        assert popup is not None and popup.metaObject().className() == "QWhatsThat"
        shown = popup.grab().toImage()
        help_text = editor.whatsThis()
        assert "Secretary-General" in help_text
        # The popup shows that text: the same popup made with it looks the same.
        QWhatsThis.hideText()
        QWhatsThis.showText(QPoint(0, 0), help_text, editor)
        again = QApplication.activePopupWidget()
        assert again is not None and again.grab().toImage() == shown
        QWhatsThis.showText(QPoint(0, 0), "Another text.", editor)
        other = QApplication.activePopupWidget()
        assert other is not None and other.grab().toImage() != shown
        QWhatsThis.hideText()
        window.close_report()


def test_an_unexpected_error_shows_a_sentence_not_a_traceback(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ccm_desktop.app import install_excepthook

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    previous = sys.excepthook
    seen: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.close()
        else:
            QTimer.singleShot(20, close_box)

    try:
        install_excepthook()
        QTimer.singleShot(20, close_box)
        try:
            raise ZeroDivisionError("division by zero")
        except ZeroDivisionError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    assert seen and "Your report is safe" in seen[0] and "Traceback" not in seen[0]
    logs = list(tmp_path.rglob("errors.log"))
    assert logs and "ZeroDivisionError" in logs[0].read_text(encoding="utf-8")
