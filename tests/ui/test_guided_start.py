"""The guided start: the new-report dialog's six questions set the forms' statuses and the
statements of the forms that do not apply; every answer can be changed later on the form's page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.storage.repository import open_repository
from ccm_desktop.ui.guided_start import QUESTIONS, apply_answers, form_decisions
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.new_report import NewReportDialog
from ccm_desktop.ui.settings import Settings
from tests.ui.helpers import shots_folder

TODAY = date(2025, 3, 3)


def test_new_report_through_the_guided_start(qtbot: QtBot, tmp_path: Path) -> None:
    with open_repository(str(tmp_path / "reports.sqlite3")) as repository:
        window = MainWindow(repository, Settings.at(tmp_path / "settings.ini"), today=TODAY,
                            sample_dir=tmp_path / "no-samples")
        qtbot.addWidget(window)
        dialog = NewReportDialog([], "en", TODAY)
        qtbot.addWidget(dialog)
        dialog.resize(1040, 660)
        dialog.show()
        qtbot.keyClicks(dialog.search, "leban")
        # A State that never produced nor held any, but is contaminated, has victims and
        # receives assistance; the question about retention is left open.
        q = dialog.questions.buttons
        q["produced"][1].click()
        q["stockpiles"][1].click()
        q["contaminated"][0].click()
        q["victims"][0].click()
        q["assistance"][0].click()
        assert dialog.grab().save(str(shots_folder(tmp_path / "shots") / "new-report-guided.png"))
        spec = dialog.spec()
        assert spec is not None
        assert spec.answers == {"produced": False, "stockpiles": False, "contaminated": True,
                                "victims": True, "assistance": True}
        report_id = window.create_report(spec)
        assert window.current is not None
        report = window.current.document.report
        status = {letter: report.form(letter).status for letter in "ABCDEFGHIJ"}
        assert status == {"A": None, "B": FormStatus.NOT_APPLICABLE, "C": None, "D": None,
                          "E": FormStatus.NOT_APPLICABLE, "F": FormStatus.CHANGED,
                          "G": FormStatus.CHANGED, "H": FormStatus.CHANGED,
                          "I": FormStatus.CHANGED, "J": None}
        # C depends on retention too, which is not answered: it stays open.
        assert report.form("E").statement == ("The State has never produced cluster munitions, "
                                              "so there are no production facilities.")
        assert report.form("B").statement is not None
        assert report.form("B").statement.startswith("No cluster munitions were ever stockpiled")
        # Stored as the initial state: nothing to undo, and the database holds the same.
        assert not window.current.document.undo_stack.canUndo()
        stored = repository.load(report_id)
        assert stored.form("E").status is FormStatus.NOT_APPLICABLE
        assert stored.form("F").status is FormStatus.CHANGED
        # No finding about a missing statement for the forms the start marked not applicable.
        messages = " ".join(window.current.view.findings.messages())
        assert "Form B is marked not applicable" not in messages
        # Every answer can be changed later: the form's status box shows and changes it.
        page_e = window.current.view.show_key("E")
        assert page_e.status is not None
        assert page_e.status.not_applicable.isChecked()
        assert page_e.status.reason.text().startswith("The State has never produced")
        page_e.status.changed.click()
        assert window.current.document.report.form("E").status is FormStatus.CHANGED
        window.close_report()


def test_every_question_decides_its_forms() -> None:
    all_no = {q.key: False for q in QUESTIONS}
    assert form_decisions(all_no) == dict.fromkeys("BCDEFGHI", False)
    all_yes = {q.key: True for q in QUESTIONS}
    assert form_decisions(all_yes) == dict.fromkeys("BCDEFGHI", True)
    assert form_decisions({}) == {}
    # Form I keeps the national resources for clearance even without assistance.
    assert form_decisions({"assistance": False, "stockpiles": False, "victims": False,
                           "contaminated": True})["I"] is True
    assert "I" not in form_decisions({"assistance": False})


def test_the_statements_are_in_the_reports_language() -> None:
    report = Report(language="fr")
    assert apply_answers(report, {"victims": False}) == ["H"]
    statement = report.form("H").statement or ""
    assert statement and "victim" not in statement.casefold()[:3]
    assert statement[0].isupper() and statement.endswith(".")


def test_a_carried_over_form_keeps_its_status_when_it_still_applies() -> None:
    report = Report()
    report.form("F").status = FormStatus.UNCHANGED
    report.form("F").to_review = True
    report.form("H").status = FormStatus.CHANGED
    report.form("H").to_review = True
    assert apply_answers(report, {"contaminated": True, "victims": False}) == ["G", "H", "I"]
    assert report.form("F").status is FormStatus.UNCHANGED and report.form("F").to_review
    assert report.form("H").status is FormStatus.NOT_APPLICABLE
    assert not report.form("H").to_review
