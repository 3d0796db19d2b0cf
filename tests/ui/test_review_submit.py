"""Review and submit in the window, then corrections (issue 15, items 3 and 4), driven as a
person would: open the review from the navigator, fix one warning in the table, explain
another, confirm a carried-over form, submit, check the package, edit into a corrigendum, write
the original package again byte for byte."""

from __future__ import annotations

import email
import hashlib
import json
from collections.abc import Iterator
from datetime import date
from email import policy
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.json_io import read_report_file
from ccm_desktop.schema.i18n import N_, translate
from ccm_desktop.storage.repository import Repository, open_repository
from ccm_desktop.submitting import editing_corrigendum, write_submitted_package
from ccm_desktop.ui.history_dialog import HistoryDialog
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.review import ReviewDialog
from ccm_desktop.ui.settings import Settings
from tests.conftest import RESOURCE_SAMPLES
from tests.ui.helpers import fill_field, message_shown, shots_folder, type_cell

TODAY = date(2017, 4, 20)  # ten days before the annual report is due


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[Repository]:
    with open_repository(str(tmp_path / "reports.sqlite3")) as repo:
        yield repo


def draft_with_open_points() -> Report:
    """Croatia 2016, not yet dated, with two warnings and one form to review."""
    report = read_report_file(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json")
    del report.cover.fields["submission_date"]
    del report.form("I").tables["assistance_received"][0]["currency"]
    del report.form("D").tables["retained"][0]["planned_use"]
    del report.form("D").tables["retained"][0]["actual_use"]
    report.form("A").to_review = True
    return report


def make_window(qtbot: QtBot, repository: Repository, tmp_path: Path,
                lang: str = "en", opened: list[str] | None = None) -> MainWindow:
    def opener(url: QUrl) -> bool:
        if opened is not None:
            opened.append(url.toLocalFile())
        return True

    window = MainWindow(repository, Settings.at(tmp_path / "settings.ini"), lang=lang,
                        today=TODAY, sample_dir=tmp_path / "none", opener=opener)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def open_review(qtbot: QtBot, window: MainWindow) -> ReviewDialog:
    assert window.current is not None
    qtbot.mouseClick(window.current.view.navigator.review_button, Qt.MouseButton.LeftButton)
    dialog = window.submit_flow.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def kinds(dialog: ReviewDialog) -> list[tuple[str, str]]:
    return [(str(i.data(0, Qt.ItemDataRole.UserRole + 1)), i.text(0)) for i in dialog._items()]


def package_in(folder: Path, ending: str = "") -> Path:
    """The package folder Submit (or Write again) made in `folder`, as a person finds it."""
    found = [p for p in folder.iterdir() if p.is_dir() and p.name.endswith(ending)]
    assert len(found) == 1, found
    return found[0]


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_review_fix_explain_submit_then_a_corrigendum(qtbot: QtBot, repository: Repository,
                                                     tmp_path: Path) -> None:
    report_id = repository.add(draft_with_open_points())
    opened: list[str] = []
    window = make_window(qtbot, repository, tmp_path, opened=opened)
    window.open_report(report_id)
    assert window.current is not None and not window.current.locked
    dialog = open_review(qtbot, window)
    # The deadline, and every open point in one list.
    assert "30 April 2017" in dialog.deadline.text() and "on time" in dialog.deadline.text()
    found = kinds(dialog)
    assert [k for k, _ in found].count("error") == 0
    warnings = [text for k, text in found if k == "warning"]
    assert any("Form I" in w and "currency" in w for w in warnings)
    assert any("Form D" in w for w in warnings)
    assert not any("date of submission is empty" in w for w in warnings)  # Submit sets it
    assert any(k == "review" and text.startswith("Form A") for k, text in found)
    assert not dialog.submit_button.isEnabled()

    # Fix the Form I warning where it is: Go to, then type the currency into the cell.
    index = next(i for i, (k, text) in enumerate(kinds(dialog)) if "currency" in text)
    dialog.tree.setCurrentItem(dialog._items()[index])
    qtbot.mouseClick(dialog.go_button, Qt.MouseButton.LeftButton)
    page = window.current.view.current_page()
    assert page.page.key == "I"
    type_cell(qtbot, page.tables["assistance_received"], 0, "currency", "EUR")
    assert not any("currency" in text for _k, text in kinds(dialog))

    # Explain the Form D warning: the text goes into Form D's remarks.
    dialog.ask_explanation = lambda _warning: "The purpose is set out in the national plan."
    dialog.select("warning")
    qtbot.mouseClick(dialog.explain_button, Qt.MouseButton.LeftButton)
    assert [k for k, _ in kinds(dialog)].count("answered") == 1
    remarks = window.current.document.report.form("D").fields["remarks"]
    assert remarks.endswith("The purpose is set out in the national plan.")

    # Confirm the carried-over form.
    dialog.select("review")
    qtbot.mouseClick(dialog.reviewed_button, Qt.MouseButton.LeftButton)
    assert "Nothing blocks" in dialog.summary.text()
    assert dialog.submit_button.isEnabled()

    # Submit into a folder.
    out = tmp_path / "out"
    window.submit_flow.choose_folder = lambda: str(out)
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    package = package_in(out)
    assert (out / f"{package.name}.zip").is_file()  # and a zip of it beside it
    assert window.current is not None and window.current.locked
    assert "Submitted on" in window.submit_flow.label.text()
    # A message says where the package is, with a button that opens the folder.
    box = message_shown(qtbot, window)
    assert str(package) in box.text()
    show = next(b for b in box.findChildren(QPushButton) if b.text() == "Open the folder")
    qtbot.mouseClick(show, Qt.MouseButton.LeftButton)
    assert opened == [str(package)]
    box.close()
    # The review of a submitted report says when it was sent; nothing can be submitted.
    review = open_review(qtbot, window)
    assert "Submitted on 20 April 2017, it was on time" in review.deadline.text()
    assert not review.submit_button.isEnabled() and "read-only" in review.summary.text()
    review.close()
    stored = repository.load(report_id)
    assert stored.cover.fields["submission_date"] == TODAY
    assert repository.is_submitted(report_id)
    assert repository.warning_answers(report_id)  # the answer is remembered

    # The package: hashes match, the e-mail carries the files, the JSON is the report.
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        data = (package / entry["name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert len(data) == entry["size"]
    assert manifest["validation"]["errors"] == 0
    eml = next(package.glob("*.eml"))
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["To"] == "ccm@un.org"
    assert {p.get_filename() for p in message.iter_attachments()} == \
        {e["name"] for e in manifest["files"]}
    sent = read_report_file(next(package.glob("*.ccm.json")))
    assert sent.normalised() == stored.normalised()
    assert "national plan" in sent.form("D").fields["remarks"]
    assert "national plan" in "".join(
        p.extract_text() for p in pypdf.PdfReader(next(package.glob("*.pdf"))).pages)
    original = files_of(package)

    # Editing the submitted report asks first; Cancel takes the edit back, nothing is saved.
    asked: list[str] = []

    def refuse(text: str) -> bool:
        asked.append(text)
        return False

    window.submit_flow.ask_corrigendum = refuse
    revisions = len(repository.history(report_id))
    page = window.current.view.show_key("J")
    before = window.current.document.report.form("J").fields.get("views")
    fill_field(qtbot, page, "views", "A later thought.")
    assert len(asked) == 1 and "Corrigendum 1" in asked[0]
    qtbot.waitUntil(lambda: window.current is not None and
                    window.current.document.report.form("J").fields.get("views") == before)
    window.commit_and_save()
    assert repository.is_submitted(report_id)
    assert len(repository.history(report_id)) == revisions

    # Start Corrigendum 1 instead: the edit is kept and saved; the original stays as sent.
    window.submit_flow.ask_corrigendum = lambda text: asked.append(text) is None
    fill_field(qtbot, page, "views", "A corrected view.")
    assert len(asked) == 2
    assert not window.current.locked
    window.commit_and_save()
    assert not repository.is_submitted(report_id)
    assert editing_corrigendum(repository, report_id) == 1
    assert "Corrigendum 1" in window.submit_flow.label.text()
    again = write_submitted_package(repository, report_id, 0, tmp_path / "again")
    assert files_of(again) == original

    # Submit the corrigendum: its own package, "Corrigendum 1" on every page, to the
    # addresses the settings keep.
    window.settings.set_mail_recipients(["mission@example.org"], [])
    dialog = open_review(qtbot, window)
    assert dialog.submit_button.isEnabled()
    window.submit_flow.choose_folder = lambda: str(out)
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    second = package_in(out, "Corrigendum-1")
    message_shown(qtbot, window).close()
    pages = pypdf.PdfReader(next(second.glob("*.pdf"))).pages
    assert all("Corrigendum 1" in p.extract_text() for p in pages)
    assert files_of(package) == original  # the first package was not touched
    message = email.message_from_bytes(next(second.glob("*.eml")).read_bytes(),
                                       policy=policy.default)
    assert message["To"] == "mission@example.org" and message["Cc"] is None
    assert "Corrigendum 1" in message["Subject"]

    # History names the submission and the corrigendum.
    history = HistoryDialog(repository, report_id)
    qtbot.addWidget(history)
    summaries = [history.list.topLevelItem(i).text(3)
                 for i in range(history.list.topLevelItemCount())]
    assert any("Submitted on 2017-04-20" in s for s in summaries)
    assert any("Corrigendum 1 submitted on 2017-04-20" in s for s in summaries)

    # From the history, the original's package is written again: still byte for byte the
    # same, to the recipients it had then (the settings have changed since).
    history.package_requested.connect(window.submit_flow.write_again)
    rows = [history.list.topLevelItem(i) for i in range(history.list.topLevelItemCount())]
    restore_only = next(r for r in rows if "\u2709" not in r.text(3))
    history.list.setCurrentItem(restore_only)
    assert not history.package_button.isEnabled()
    history.list.setCurrentItem(next(r for r in rows if "Submitted on" in r.text(3)))
    assert history.package_button.isEnabled()
    window.submit_flow.choose_folder = lambda: str(tmp_path / "from-history")
    qtbot.mouseClick(history.package_button, Qt.MouseButton.LeftButton)
    rewritten = package_in(tmp_path / "from-history")
    assert files_of(rewritten) == original
    assert "written again" in message_shown(qtbot, window).text()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_screenshot_of_the_review_step(qtbot: QtBot, repository: Repository, tmp_path: Path,
                                       lang: str) -> None:
    report_id = repository.add(draft_with_open_points())
    window = make_window(qtbot, repository, tmp_path, lang)
    if lang == "ar":
        window.set_language("ar")
    window.open_report(report_id)
    dialog = open_review(qtbot, window)
    dialog.ask_explanation = lambda _w: "Explained in the national plan."
    dialog.select("warning", 1)
    dialog.explain_selected()
    dialog.select("warning")
    qtbot.wait(50)
    shot = shots_folder(tmp_path) / f"review-{lang}.png"
    assert dialog.grab().save(str(shot))
    assert shot.stat().st_size > 0
    if lang == "ar":
        assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert any("\u0600" <= c <= "\u06ff" for c in dialog.detail.text())
        assert dialog.windowTitle() == translate(N_("Review and submit"), "ar")
        assert any("\u0600" <= c <= "\u06ff" for c in dialog.windowTitle())
