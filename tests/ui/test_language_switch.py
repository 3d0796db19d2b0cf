"""View > Language switches the window at once (issue 12): nothing typed, stored or undoable is
lost, the page stays, and the texts are in the new language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit
from pytestqt.qtbot import QtBot

from ccm_desktop.schema.i18n import isolate, translate
from ccm_desktop.storage.repository import Repository
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.settings import Settings, system_language
from tests.conftest import SAMPLES
from tests.ui.helpers import (
    close_messages,
    fill_field,
    main_window,
    message_shown,
    sample_folder,
    type_text,
)

TODAY = date(2025, 3, 3)


def make_window(qtbot: QtBot, repository: Repository, tmp_path: Path) -> MainWindow:
    samples = sample_folder(tmp_path, SAMPLES / "valid" / "esp-2012-annual.ccm.json")
    return main_window(qtbot, repository, tmp_path, TODAY, sample_dir=samples)


def test_switching_the_language_keeps_the_report_its_undo_and_the_page(
        qtbot: QtBot, repository: Repository, tmp_path: Path) -> None:
    window = make_window(qtbot, repository, tmp_path)
    try:
        window.open_sample()
        opened = window.current
        assert opened is not None
        document = opened.document
        page = opened.view.show_key("C")
        fill_field(qtbot, page, "remarks", "Handed on before the switch.")
        steps = document.undo_stack.count()
        assert steps > 0
        # A second text is still being typed (no pause, no Tab) when the language changes.
        box = page.rows["remarks"].editor.box
        assert isinstance(box, QPlainTextEdit)
        box.selectAll()
        type_text(qtbot, box, "Still being typed.", enter=False)
        assert document.report.form("C").fields["remarks"] == "Handed on before the switch."
        english_help = page.help_toggle.text()
        english_heading = window.start.list.headerItem().text(0)

        window.set_language("fr")

        assert window.current is opened and window.current.document is document
        assert document.report.form("C").fields["remarks"] == "Still being typed."
        assert document.undo_stack.count() == steps + 1  # the typed text is one more step
        view = window.current.view
        assert view.current_page().page.key == "C"
        assert window.stack.currentWidget() is view
        shown = view.current_page().rows["remarks"].editor.box
        assert shown.toPlainText() == "Still being typed."
        # The texts are French: the page, the findings panel, the start screen, the menus
        # (made again from the catalogue; those the translators have not reached yet show
        # in English).
        help_button = view.current_page().help_toggle.text()
        assert help_button == "Informations à fournir ici" != english_help
        heading = translate("Form {letter} \u2014 {title}", "fr").format(
            letter="C", title=translate(page.page.title, "fr"))
        assert heading.startswith("Formulaire C")
        assert any(label.text() == heading for label in view.current_page().findChildren(QLabel))
        assert window.start.list.headerItem().text(0) == "État" != english_heading
        menus = [a.text() for a in window.menuBar().actions()]
        assert menus == [translate(t, "fr") for t in ("&File", "&Edit", "&Go", "&View", "&Help")]
        assert window.act_check.text() == translate("Check report", "fr")
        assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight

        # Undo still works on the same history, in the new view.
        window.act_undo.trigger()
        assert document.report.form("C").fields["remarks"] == "Handed on before the switch."
        assert view.current_page().rows["remarks"].editor.box.toPlainText() == \
            "Handed on before the switch."

        window.set_language("ar")
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.current.view.current_page().page.key == "C"
        assert window.current.view.isRightToLeft()
        assert Settings.at(tmp_path / "settings.ini").language() == "ar"
    finally:
        window.set_language("en")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.act_check.text() == "Check report"


def test_switching_on_the_start_screen_rebuilds_it(qtbot: QtBot, repository: Repository,
                                                   tmp_path: Path) -> None:
    window = make_window(qtbot, repository, tmp_path)
    try:
        window.set_language("fr")
        assert window.stack.currentWidget() is window.start
        assert window.start.new_button.text() == translate("New report\u2026", "fr")
        assert window.start.list.headerItem().text(0) == "État"
        window.start.sample_button.click()  # the new start screen's buttons are wired
        assert window.current is not None
    finally:
        window.set_language("en")


def test_the_first_start_follows_the_system_language(tmp_path: Path) -> None:
    assert system_language(QLocale("fr_CA")) == "fr"
    assert system_language(QLocale("zh_TW")) == "zh"
    assert system_language(QLocale("ar_EG")) == "ar"
    assert system_language(QLocale("de_DE")) == "en"
    settings = Settings.at(tmp_path / "settings.ini")
    assert settings.language() == system_language()  # nothing chosen yet
    settings.set_language("ru")
    assert settings.language() == "ru"


def test_left_to_right_runs_are_isolated_in_arabic_only() -> None:
    assert isolate("report-2024.pdf", "ar") == "\u2068report-2024.pdf\u2069"
    assert isolate("report-2024.pdf", "fr") == "report-2024.pdf"
    assert isolate("", "ar") == ""


def test_english_left_untranslated_stays_a_left_to_right_run_in_arabic() -> None:
    """A string a catalogue lacks shows in English; in Arabic it is set apart as a
    left-to-right run, so that "New report…" does not read "…New report"."""
    assert translate("Nobody translated this…", "ar") == "\u2066Nobody translated this…\u2069"
    assert translate("Nobody translated this…", "fr") == "Nobody translated this…"
    assert translate("2024", "ar") == "2024"  # no letters: nothing to set apart
    assert translate("What to report here", "ar") == "ما يُبلَّغ عنه هنا"


def test_the_export_language_starts_at_the_reports_and_is_chosen_per_export(
        qtbot: QtBot, repository: Repository, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from ccm_desktop.ui.file_actions import ExportLanguageDialog

    window = make_window(qtbot, repository, tmp_path)
    window.open_sample()
    opened = window.current
    assert opened is not None
    opened.document.report.language = "es"
    dialog = ExportLanguageDialog(".pdf", "es", window.lang, window)
    qtbot.addWidget(dialog)
    assert dialog.language() == "es"  # the report's language first
    dialog.choice.setCurrentIndex(dialog.choice.findData("ru"))
    assert dialog.language() == "ru"  # then whatever the person picks
    # Without a choice, an export is in the report's language, whatever the window's.
    target = tmp_path / "informe.xlsx"
    job = window.files.export_to(target)
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert load_workbook(target).properties.title == translate("Article 7 report", "es") != \
        "Article 7 report"
    job = window.files.export_to(tmp_path / "отчёт.xlsx", "ru")
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert load_workbook(tmp_path / "отчёт.xlsx").properties.title == \
        translate("Article 7 report", "ru") != "Article 7 report"
    assert "отчёт.xlsx" in message_shown(qtbot, window).text()
    close_messages(window)
