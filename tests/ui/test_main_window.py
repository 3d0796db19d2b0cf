"""The window around a report: start screen, sample, trash, autosave timing, history, exports in
a worker thread, findings that go to their place, shortcuts, remembered settings, Arabic layout."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import FormStatus
from ccm_desktop.storage.repository import Repository
from ccm_desktop.ui.main_window import MainWindow, find_sample
from ccm_desktop.ui.settings import Settings
from tests.conftest import SAMPLES
from tests.ui.helpers import fill_field, main_window, message_shown, sample_folder

TODAY = date(2025, 3, 3)
VALID = SAMPLES / "valid"


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    return sample_folder(tmp_path, VALID / "esp-2012-annual.ccm.json")


def make_window(qtbot: QtBot, repository: Repository, tmp_path: Path,
                samples: Path | None = None) -> MainWindow:
    return main_window(qtbot, repository, tmp_path, TODAY, sample_dir=samples)


def test_first_start_offers_the_sample(qtbot: QtBot, repository: Repository, tmp_path: Path,
                                      samples: Path) -> None:
    window = make_window(qtbot, repository, tmp_path, samples)
    start = window.start
    assert start.intro.isVisible() and start.sample_button.isVisible()
    assert "Article 7" in start.intro.text()
    start.sample_button.click()
    assert window.current is not None
    assert window.current.document.report.state == "ESP"
    assert "Spain" in window.windowTitle()
    assert "Annual report 2012" in window.due_label.text()
    window.close_report()
    assert not start.intro.isVisible()
    assert start.list.topLevelItemCount() == 1
    item = start.list.topLevelItem(0)
    assert item is not None and item.text(0) == "Spain"
    assert "Deadlines for Spain" in start.deadlines.text()


def test_find_sample_skips_unreadable_files(tmp_path: Path, samples: Path) -> None:
    (samples / "a-broken.ccm.json").write_text("{", encoding="utf-8")
    assert find_sample(samples) == samples / "esp-2012-annual.ccm.json"
    assert find_sample(tmp_path / "nowhere") is None


def test_duplicate_delete_and_restore_from_trash(qtbot: QtBot, repository: Repository,
                                                 tmp_path: Path, samples: Path) -> None:
    from ccm_desktop.ui.trash_dialog import TrashDialog

    window = make_window(qtbot, repository, tmp_path, samples)
    window.open_sample()
    window.close_report()
    start = window.start
    start.duplicate_button.click()
    assert start.list.topLevelItemCount() == 2
    victim = start.selected_id()
    assert victim is not None
    start.delete(victim)
    assert start.list.topLevelItemCount() == 1
    trash = TrashDialog(repository)
    qtbot.addWidget(trash)
    assert trash.list.count() == 1
    trash.restore(victim)
    assert trash.list.count() == 0
    start.refresh()
    assert start.list.topLevelItemCount() == 2


def test_autosave_saves_an_edit_and_ctrl_s_says_saved(qtbot: QtBot, repository: Repository,
                                                      tmp_path: Path, samples: Path) -> None:
    window = make_window(qtbot, repository, tmp_path, samples)
    window.open_sample()
    assert window.current is not None
    autosaver = window.current.autosaver
    page = window.current.view.show_key("cover")
    fill_field(qtbot, page, "prepared_by", "Oficina de Desarme")
    assert window.saved_label.text() == "Saving\u2026"
    qtbot.waitUntil(lambda: not autosaver.dirty, timeout=5000)
    assert repository.load(window.current.report_id).cover.fields["prepared_by"] == \
        "Oficina de Desarme"
    save = window.act_save
    assert QKeySequence(QKeySequence.StandardKey.Save) in save.shortcuts()
    save.trigger()
    assert "Saved" in window.statusBar().currentMessage()


@pytest.mark.timing
def test_autosave_is_quick(qtbot: QtBot, repository: Repository, tmp_path: Path,
                           samples: Path) -> None:
    """One field typed in: saved within a second of typing, the save itself under 0.25 s."""
    window = make_window(qtbot, repository, tmp_path, samples)
    window.open_sample()
    assert window.current is not None
    autosaver = window.current.autosaver
    page = window.current.view.show_key("cover")
    started = time.perf_counter()
    fill_field(qtbot, page, "prepared_by", "Oficina de Desarme")
    qtbot.waitUntil(lambda: not autosaver.dirty, timeout=1000)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"saved after {elapsed:.2f} s"
    assert autosaver.last_duration < 0.25, f"a save took {autosaver.last_duration:.3f} s"


def test_history_restores_an_earlier_revision_undoably(qtbot: QtBot, repository: Repository,
                                                       tmp_path: Path, samples: Path) -> None:
    from ccm_desktop.ui.history_dialog import HistoryDialog

    window = make_window(qtbot, repository, tmp_path, samples)
    window.open_sample()
    assert window.current is not None
    page = window.current.view.show_key("cover")
    fill_field(qtbot, page, "approved_by", "Minister")
    window.current.autosaver.flush()
    dialog = HistoryDialog(repository, window.current.report_id)
    qtbot.addWidget(dialog)
    assert dialog.list.topLevelItemCount() == 2
    first = min(r.number for r in repository.history(window.current.report_id))
    window.restore_revision(first)
    document = window.current.document
    assert "approved_by" not in document.report.cover.fields
    assert page.rows["approved_by"].editor.text() == ""
    window.act_undo.trigger()
    assert document.report.cover.fields["approved_by"] == "Minister"


def test_export_json_runs_in_a_worker_and_offers_to_open(qtbot: QtBot, repository: Repository,
                                                         tmp_path: Path, samples: Path) -> None:
    window = make_window(qtbot, repository, tmp_path, samples)
    window.open_sample()
    target = tmp_path / "out" / "spain.json"
    target.parent.mkdir()
    job = window.files.export_to(target)
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    written = tmp_path / "out" / "spain.ccm.json"
    assert json.loads(written.read_text(encoding="utf-8"))["cover"]["fields"]["state"] == "ESP"
    box = message_shown(qtbot, window)
    assert {b.text() for b in box.buttons()} >= {"Open file", "Show in folder"}
    box.close()
    assert window.settings.last_folder() == str(target.parent)


def test_a_failing_import_says_one_sentence(qtbot: QtBot, repository: Repository,
                                            tmp_path: Path) -> None:
    window = make_window(qtbot, repository, tmp_path)
    broken = tmp_path / "broken.ccm.json"
    broken.write_text("{ not json", encoding="utf-8")
    job = window.files.import_file(broken)
    with qtbot.waitSignal(job.failed, timeout=10_000) as blocker:
        pass
    sentence = blocker.args[0]
    assert "broken.ccm.json" in sentence and "Traceback" not in sentence
    box = message_shown(qtbot, window)
    assert "broken.ccm.json" in box.text()
    box.close()
    assert repository.list_reports() == []


def test_import_stores_and_opens(qtbot: QtBot, repository: Repository, tmp_path: Path) -> None:
    window = make_window(qtbot, repository, tmp_path)
    job = window.files.import_file(VALID / "gbr-2013-annual.ccm.json")
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert window.current is not None
    assert window.current.document.report.state == "GBR"
    assert len(repository.list_reports()) == 1


def test_a_finding_goes_to_its_field(qtbot: QtBot, repository: Repository, tmp_path: Path,
                                     samples: Path) -> None:
    window = make_window(qtbot, repository, tmp_path, samples)
    window.open_sample()
    assert window.current is not None
    view = window.current.view
    window.current.document.set_form_status("J", FormStatus.NOT_APPLICABLE, None, "")
    panel = view.findings
    assert any("Form J is marked not applicable" in m for m in panel.messages())
    label = next(label for label in panel.labels
                 if "Form J is marked not applicable" in label.text())
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    page = view.current_page()
    assert page.page.key == "J"
    assert page.status is not None
    assert QApplication.focusWidget() is page.status.reason
    window.check_report()
    assert "error" in window.statusBar().currentMessage()


def test_shortcuts_walk_the_pages_and_settings_are_remembered(
        qtbot: QtBot, repository: Repository, tmp_path: Path, samples: Path) -> None:
    window = make_window(qtbot, repository, tmp_path, samples)
    window.open_sample()
    assert window.current is not None
    view = window.current.view
    assert QKeySequence("Alt+Right") in window.act_next.shortcuts()
    assert QKeySequence("Ctrl+Y") in window.act_redo.shortcuts()
    assert QKeySequence("Ctrl+Shift+Z") in window.act_redo.shortcuts()
    assert QKeySequence(QKeySequence.StandardKey.Undo) in window.act_undo.shortcuts()
    window.act_next.trigger()
    window.act_next.trigger()
    assert view.current == 2
    window.act_back.trigger()
    assert view.current == 1
    assert not window.act_back.isEnabled() or view.current > 0
    window.resize(760, 560)  # the offscreen screen is 800 x 600; a restore stays within it
    window.close()
    settings = Settings.at(tmp_path / "settings.ini")
    again = MainWindow(repository, settings, today=TODAY)
    qtbot.addWidget(again)
    assert (again.size().width(), again.size().height()) == (760, 560)


def test_every_input_has_an_accessible_name(qtbot: QtBot, repository: Repository,
                                            tmp_path: Path, samples: Path) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox

    window = make_window(qtbot, repository, tmp_path, samples)
    window.open_sample()
    assert window.current is not None
    nameless = []
    view = window.current.view
    for page in (view.page_at(i) for i in range(len(view.pages))):
        widgets = [w for kind in (QLineEdit, QPlainTextEdit, QComboBox, QSpinBox, QAbstractButton)
                   for w in page.findChildren(kind)]
        for widget in widgets:
            if not widget.isVisibleTo(page) or widget.objectName().startswith("qt_"):
                continue  # Qt's own inner parts (a spin box's line) are named by their owner
            if isinstance(widget, QAbstractButton) and widget.text().strip():
                continue  # a button's text is its name
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
                continue
            if not widget.accessibleName():
                nameless.append(f"{page.page.key}: {type(widget).__name__} {widget.objectName()} "
                                f"{type(widget.parent()).__name__} {widget.toolTip()[:30]}")
    assert nameless == []


def test_arabic_lays_the_window_out_right_to_left(qtbot: QtBot, repository: Repository,
                                                  tmp_path: Path) -> None:
    window = make_window(qtbot, repository, tmp_path)
    try:
        window.set_language("ar")
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert Settings.at(tmp_path / "settings.ini").language() == "ar"
    finally:
        window.set_language("en")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx"])
def test_export_pdf_and_excel_off_the_gui_thread(qtbot: QtBot, repository: Repository,
                                                 tmp_path: Path, samples: Path,
                                                 suffix: str) -> None:
    window = make_window(qtbot, repository, tmp_path, samples)
    window.open_sample()
    target = tmp_path / f"spain{suffix}"
    job = window.files.export_to(target)
    assert job is not None
    ticks: list[tuple[int, int]] = []
    job._signals.progress.connect(lambda done, total: ticks.append((done, total)))  # noqa: SLF001
    with qtbot.waitSignal(job.finished, timeout=60_000):
        assert window.files.jobs == [job]  # the window goes on while the file is written
    assert window.files.jobs == []
    assert target.stat().st_size > 1000
    if suffix == ".pdf":
        from pypdf import PdfReader

        assert len(PdfReader(str(target)).pages) >= 2
    else:
        from openpyxl import load_workbook

        assert len(load_workbook(target).sheetnames) >= 2
    assert ticks, "no progress was reported"
    box = message_shown(qtbot, window)
    assert str(target.name) in box.text()
    box.close()


def test_start_next_years_report_from_a_stored_one(qtbot: QtBot, repository: Repository,
                                                   tmp_path: Path, samples: Path) -> None:
    window = make_window(qtbot, repository, tmp_path, samples)
    window.open_sample()
    window.close_report()
    window.start.next_year_button.click()
    assert window.current is not None
    report = window.current.document.report
    assert report.state == "ESP"
    assert report.reporting_year == 2013
    assert window.current.document.previous is not None  # last year's, for the balance checks
    window.close_report()
    assert window.start.list.topLevelItemCount() == 2


def test_import_an_excel_workbook_into_the_open_report_undoably(
        qtbot: QtBot, repository: Repository, tmp_path: Path, samples: Path) -> None:
    from ccm_desktop.exchange.formats import write_report

    window = make_window(qtbot, repository, tmp_path, samples)
    window.open_sample()
    assert window.current is not None
    document = window.current.document
    workbook = tmp_path / "spain.xlsx"
    write_report(document.snapshot(), workbook)
    marked = document.report.cover.fields["prepared_by"]  # the sample says it is one
    page = window.current.view.show_key("cover")
    fill_field(qtbot, page, "prepared_by", "Somebody else")
    job = window.files.import_into(workbook)
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    assert document.report.cover.fields["prepared_by"] == marked
    assert page.rows["prepared_by"].editor.text() == marked
    window.act_undo.trigger()
    assert document.report.cover.fields["prepared_by"] == "Somebody else"


def test_import_excel_takes_forms_from_our_own_workbook(
        qtbot: QtBot, repository: Repository, tmp_path: Path, samples: Path) -> None:
    from PySide6.QtCore import QTimer

    from ccm_desktop.exchange.formats import write_report
    from ccm_desktop.ui.xlsx_import_dialog import MergeDialog

    window = make_window(qtbot, repository, tmp_path, samples)
    window.open_sample()
    assert window.current is not None
    document = window.current.document
    office = document.snapshot()
    office.form("J").fields["other_matters"] = "From the ministry of defence."
    workbook = tmp_path / "office.xlsx"
    write_report(office, workbook)
    seen: list[str] = []

    def take_forms() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, MergeDialog):
            seen.append(dialog.windowTitle())
            dialog.accept()
        else:
            QTimer.singleShot(20, take_forms)

    QTimer.singleShot(20, take_forms)
    assert window.files.excel_dialog(workbook)
    assert seen == ["Take forms from office.xlsx"]
    assert document.report.form("J").fields["other_matters"] == "From the ministry of defence."
    window.act_undo.trigger()
    assert document.report.form("J").fields.get("other_matters") != \
        "From the ministry of defence."
