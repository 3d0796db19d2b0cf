"""Screenshots in each of the six languages (issue 12): the start screen, the New report
dialog, Forms B, F and H, and the findings panel, at 1366 x 768 (set CCM_SHOTS=/some/folder to
keep them). The window is switched to each language live, as View > Language does."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import FormStatus
from ccm_desktop.schema.i18n import RTL_LANGUAGES, UN_LANGUAGES, translate
from ccm_desktop.storage.repository import open_repository
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.new_report import CODE_ROLE, NewReportDialog
from ccm_desktop.ui.settings import Settings
from tests.conftest import RESOURCE_SAMPLES
from tests.ui.helpers import shots_folder

SIZE = QSize(1366, 768)
TODAY = date(2025, 3, 3)


@pytest.mark.parametrize("lang", UN_LANGUAGES)
def test_screenshots_in_each_language(qtbot: QtBot, tmp_path: Path, lang: str) -> None:
    folder = shots_folder(tmp_path / "shots")
    samples = tmp_path / "samples"
    samples.mkdir()
    shutil.copy(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json", samples)
    direction = (Qt.LayoutDirection.RightToLeft if lang in RTL_LANGUAGES
                 else Qt.LayoutDirection.LeftToRight)
    with open_repository(str(tmp_path / "reports.sqlite3")) as repository:
        window = MainWindow(repository, Settings.at(tmp_path / "settings.ini"), today=TODAY,
                            sample_dir=samples)
        qtbot.addWidget(window)
        try:
            window.resize(SIZE)
            window.show()
            qtbot.waitExposed(window)
            window.set_language(lang)
            assert window.layoutDirection() == direction
            assert window.start.list.headerItem().text(0) == translate("State", lang)
            assert window.grab().save(str(folder / f"{lang}-1-start.png"))

            dialog = NewReportDialog([], lang, TODAY, window)
            qtbot.addWidget(dialog)
            # Lebanon chosen in the list, as a click would
            for i in range(dialog.states.count()):
                item = dialog.states.item(i)
                if item is not None and item.data(CODE_ROLE) == "LBN":
                    dialog.states.setCurrentItem(item)
            dialog.show()
            qtbot.waitExposed(dialog)
            assert dialog.layoutDirection() == direction
            assert dialog.windowTitle() == translate("New report", lang)
            assert dialog.grab().save(str(folder / f"{lang}-2-new-report.png"))
            dialog.close()

            window.open_sample()
            assert window.current is not None
            document = window.current.document
            document.set_form_status("J", FormStatus.NOT_APPLICABLE, None, "")  # a finding
            view = window.current.view
            for letter in ("B", "F", "H"):
                page = view.show_key(letter)
                qtbot.wait(500)  # the page settles (tables fit their columns, then their height)
                assert page.help_toggle.text() == translate("What to report here", lang)
                assert window.grab().save(str(folder / f"{lang}-3-form-{letter}.png"))
            panel = view.findings
            assert panel.isRightToLeft() == (lang in RTL_LANGUAGES)
            assert panel.messages()
            assert panel.title.text().startswith(translate("Findings ({n})", lang).split("{")[0])
            assert panel.grab().save(str(folder / f"{lang}-4-findings.png"))
        finally:
            window.set_language("en")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
