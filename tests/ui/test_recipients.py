"""Where reports go (issue 15): the recipients of the e-mail draft, edited in their own dialog
from the Review step and from Edit > Where reports go…, checked address by address, with the
official channel restorable; the next package's .eml goes to them."""

from __future__ import annotations

import email
from collections.abc import Iterator
from datetime import date
from email import policy
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from ccm_desktop.exchange.json_io import read_report_file
from ccm_desktop.storage.repository import Repository, open_repository
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.recipients_dialog import RecipientsDialog, is_address
from ccm_desktop.ui.settings import Settings
from tests.conftest import RESOURCE_SAMPLES
from tests.ui.helpers import shots_folder

TODAY = date(2017, 4, 20)


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[Repository]:
    with open_repository(str(tmp_path / "reports.sqlite3")) as repo:
        yield repo


def _window(qtbot: QtBot, repository: Repository, tmp_path: Path) -> MainWindow:
    window = MainWindow(repository, Settings.at(tmp_path / "settings.ini"), today=TODAY,
                        sample_dir=tmp_path / "none")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def _dialog(qtbot: QtBot, window: MainWindow) -> RecipientsDialog:
    dialog = window.findChild(RecipientsDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _type(qtbot: QtBot, line: QLineEdit, text: str) -> None:
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClicks(line, text)


def _press(qtbot: QtBot, dialog: RecipientsDialog,
           which: QDialogButtonBox.StandardButton) -> None:
    button = dialog.buttons.button(which)
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


OK = QDialogButtonBox.StandardButton.Ok


def test_recipients_from_the_review_step_address_the_next_package(
        qtbot: QtBot, repository: Repository, tmp_path: Path) -> None:
    report = read_report_file(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json")
    del report.cover.fields["submission_date"]
    report_id = repository.add(report)
    window = _window(qtbot, repository, tmp_path)
    window.open_report(report_id)
    assert window.current is not None
    qtbot.mouseClick(window.current.view.navigator.review_button, Qt.MouseButton.LeftButton)
    review = window.submit_flow.dialog
    assert review is not None and review.submit_button.isEnabled()
    assert review.recipients.text() == ("The e-mail draft goes to ccm@un.org, copy to "
                                        "info@cmconvention.org.")

    qtbot.mouseClick(review.recipients_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, window)
    assert dialog.to.text() == "ccm@un.org" and dialog.cc.text() == "info@cmconvention.org"
    # A bad address: one sentence naming it and its field; the dialog stays, nothing is kept.
    _type(qtbot, dialog.to, "mission.geneva@example")
    _press(qtbot, dialog, OK)
    assert dialog.isVisible()
    assert dialog.problem.text() == ("\u201cmission.geneva@example\u201d in To is not an e-mail "
                                     "address; write it as name@example.org.")
    assert window.settings.mail_to() == ("ccm@un.org",)
    # Typing again clears the sentence.
    _type(qtbot, dialog.to, "mission.geneva@example.org; desk@example.org")
    assert dialog.problem.text() == ""
    _type(qtbot, dialog.cc, "isu@")
    _press(qtbot, dialog, OK)
    assert "\u201cisu@\u201d in Copy (Cc)" in dialog.problem.text()
    assert dialog.focusWidget() is dialog.cc  # where to correct it
    _type(qtbot, dialog.cc, "")
    _press(qtbot, dialog, OK)
    qtbot.waitUntil(lambda: window.findChild(RecipientsDialog) is None)
    assert review.recipients.text() == ("The e-mail draft goes to mission.geneva@example.org, "
                                        "desk@example.org.")
    # Kept in the settings file, for the next start too.
    again = Settings.at(tmp_path / "settings.ini")
    assert again.mail_to() == ("mission.geneva@example.org", "desk@example.org")
    assert again.mail_cc() == ()

    # The next package's e-mail draft goes there.
    out = tmp_path / "out"
    window.submit_flow.choose_folder = lambda: str(out)
    qtbot.mouseClick(review.submit_button, Qt.MouseButton.LeftButton)
    package = next(p for p in out.iterdir() if p.is_dir())
    message = email.message_from_bytes(next(package.glob("*.eml")).read_bytes(),
                                       policy=policy.default)
    assert message["To"] == "mission.geneva@example.org, desk@example.org"
    assert message["Cc"] is None


def test_the_menu_restores_the_official_channel(qtbot: QtBot, repository: Repository,
                                                tmp_path: Path) -> None:
    window = _window(qtbot, repository, tmp_path)
    window.settings.set_mail_recipients(["mission@example.org"], [])
    # Reachable without a report open: Edit > Where reports go…
    assert window.act_recipients in window.menuBar().actions()[1].menu().actions()
    assert window.act_recipients.isEnabled()
    window.act_recipients.trigger()
    dialog = _dialog(qtbot, window)
    assert dialog.to.text() == "mission@example.org" and dialog.cc.text() == ""
    # Cancel keeps what was there.
    _type(qtbot, dialog.to, "someone@example.org")
    _press(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    qtbot.waitUntil(lambda: window.findChild(RecipientsDialog) is None)
    assert window.settings.mail_to() == ("mission@example.org",)

    window.act_recipients.trigger()
    dialog = _dialog(qtbot, window)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.to.text() == "ccm@un.org" and dialog.cc.text() == "info@cmconvention.org"
    _press(qtbot, dialog, OK)
    qtbot.waitUntil(lambda: window.findChild(RecipientsDialog) is None)
    assert Settings.at(tmp_path / "settings.ini").mail_to() == ("ccm@un.org",)
    assert window.settings.mail_cc() == ("info@cmconvention.org",)
    assert "ccm@un.org" in window.statusBar().currentMessage()

    # An empty To is refused: the draft needs a recipient.
    window.act_recipients.trigger()
    dialog = _dialog(qtbot, window)
    _type(qtbot, dialog.to, "")
    _press(qtbot, dialog, OK)
    assert dialog.isVisible() and "at least one address" in dialog.problem.text()


@pytest.mark.parametrize(("text", "good"), [
    ("ccm@un.org", True), ("first.last+ccm@mission.example.org", True),
    ("ccm@un", False), ("@un.org", False), ("ccm@@un.org", False), ("ccm un.org", False),
    ("ccm@.org", False), ("ccm@un..org", False), ("ccm", False), ("a@-b.org", False),
])
def test_what_counts_as_an_address(text: str, good: bool) -> None:
    assert is_address(text) is good


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_screenshot_of_the_recipients_dialog(qtbot: QtBot, tmp_path: Path, lang: str) -> None:
    settings = Settings.at(tmp_path / "settings.ini")
    dialog = RecipientsDialog(settings, lang)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.cc, "info@cmconvention")
    _press(qtbot, dialog, OK)
    assert dialog.isVisible() and dialog.problem.text()
    qtbot.wait(50)
    assert dialog.grab().save(str(shots_folder(tmp_path) / f"recipients-{lang}.png"))
    if lang == "ar":
        assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert dialog.to.layoutDirection() == Qt.LayoutDirection.LeftToRight  # an address
        assert any("\u0600" <= c <= "\u06ff" for c in dialog.problem.text())
