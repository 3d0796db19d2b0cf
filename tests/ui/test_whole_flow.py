"""The whole way from a new report to what the United Nations receives (issue 15), driven as a
person would in the real window, offscreen, on a real database:

1. a new report with the guided start (the questions answered in the dialog);
2. the report filled in (typed into fields and cells);
3. the preview (its pages waited for);
4. review: one warning fixed where it is, another explained (the explanation lands in the
   form's remarks);
5. Submit;
6. the package checked: the manifest's SHA-256 match the files, the .eml parses with its
   attachments, the JSON reads back equal to the report;
7. an edit after submission turned into Corrigendum 1 (its preview and its PDF say so on every
   page);
8. the original package written again from the history, byte for byte the same.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from datetime import date
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QInputDialog,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import FormStatus
from ccm_desktop.exchange.json_io import read_report_file
from ccm_desktop.storage.repository import Repository, open_repository
from ccm_desktop.ui.history_dialog import HistoryDialog
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.new_report import NewReportDialog
from ccm_desktop.ui.review import ReviewDialog
from ccm_desktop.ui.settings import Settings
from ccm_desktop.ui.table import TableEditor
from tests.ui.helpers import fill_field, type_cell, type_text

TODAY = date(2025, 3, 3)  # the 2024 annual report is due on 30 April 2025
WAIT = 120_000  # ms: PDFs are made in workers on a shared machine
EXPLANATION = "The amount was pledged in several currencies; the total is an estimate."


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[Repository]:
    with open_repository(str(tmp_path / "reports.sqlite3")) as repo:
        yield repo


def when_modal(qtbot: QtBot, kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """Answer the next modal dialog of `kind` as a person would, once it is on screen (the
    window waits for it in its own event loop)."""
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind) or not dialog.isVisible():
            QTimer.singleShot(20, answer)
            return
        act(dialog)

    QTimer.singleShot(0, answer)


def click(qtbot: QtBot, button: QWidget | None) -> None:
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def package_in(folder: Path, ending: str = "") -> Path:
    found = [p for p in folder.iterdir() if p.is_dir() and p.name.endswith(ending)]
    assert len(found) == 1, found
    return found[0]


def close_submitted_box(qtbot: QtBot, window: MainWindow, package: Path) -> None:
    """The message that says where the package is: read, then OK."""
    shown = [b for b in window.findChildren(QMessageBox, "submittedBox") if b.isVisible()]
    assert len(shown) == 1 and str(package) in shown[0].text()
    box = shown[0]
    click(qtbot, box.button(QMessageBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: not box.isVisible())


def review(qtbot: QtBot, window: MainWindow) -> ReviewDialog:
    assert window.current is not None
    click(qtbot, window.current.view.navigator.review_button)
    dialog = window.submit_flow.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def open_points(dialog: ReviewDialog) -> list[tuple[str, str]]:
    return [(str(i.data(0, Qt.ItemDataRole.UserRole + 1)), i.text(0)) for i in dialog._items()]


def test_from_a_new_report_to_the_package_and_a_corrigendum(
        qtbot: QtBot, repository: Repository, tmp_path: Path) -> None:
    window = MainWindow(repository, Settings.at(tmp_path / "settings.ini"), today=TODAY,
                        sample_dir=tmp_path / "no-samples")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)

    # 1. A new report, with the guided start: Ireland never produced, held or retained cluster
    # munitions, has no contaminated areas and no victims, and gave assistance.
    def new_report(dialog: QWidget) -> None:
        assert isinstance(dialog, NewReportDialog)
        qtbot.keyClicks(dialog.search, "irel")
        assert dialog.state_code() == "IRL"
        q = dialog.questions.buttons
        for key in ("produced", "stockpiles", "retained", "contaminated", "victims"):
            q[key][1].click()  # No
        q["assistance"][0].click()  # Yes
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))

    when_modal(qtbot, NewReportDialog, new_report)
    window.act_new.trigger()
    opened = window.current
    assert opened is not None
    report_id = opened.report_id
    report = opened.document.report
    assert report.state == "IRL" and report.cover.fields["period_to"] == date(2024, 12, 31)
    status = {letter: report.form(letter).status for letter in "ABCDEFGHIJ"}
    assert status == {"A": None, **dict.fromkeys("BCDEFGH", FormStatus.NOT_APPLICABLE),
                      "I": FormStatus.CHANGED, "J": None}
    assert report.form("E").statement  # each with a statement saying why

    # 2. Fill it in: the contacts, Forms A and J, and the assistance Ireland gave.
    view = opened.view
    contacts = view.show_key("contacts").tables["contacts"]
    click(qtbot, contacts.empty_page.add_button)
    type_cell(qtbot, contacts, 0, "institution", "Department of Foreign Affairs")
    type_cell(qtbot, contacts, 0, "person", "Aoife Byrne")
    type_cell(qtbot, contacts, 0, "email", "disarmament@example.ie")
    page_a = view.show_key("A")
    assert page_a.status is not None
    page_a.status.changed.click()
    measures = page_a.tables["measures"]
    click(qtbot, measures.empty_page.add_button)
    type_cell(qtbot, measures, 0, "measure", "Cluster Munitions and Anti-Personnel Mines Act")
    type_cell(qtbot, measures, 0, "reference", "Act No. 20 of 2008")
    page_j = view.show_key("J")
    assert page_j.status is not None
    page_j.status.changed.click()
    fill_field(qtbot, page_j, "other_matters", "Ireland hosted a regional seminar.")
    page_i = view.show_key("I")
    provided = page_i.tables["assistance_provided"]
    click(qtbot, provided.empty_page.add_button)
    type_cell(qtbot, provided, 0, "year", "2024")
    type_cell(qtbot, provided, 0, "recipient", "Lao PDR clearance operator")
    type_cell(qtbot, provided, 0, "amount", "150000")
    click(qtbot, _add_button(provided))
    type_cell(qtbot, provided, 1, "year", "2024")
    type_cell(qtbot, provided, 1, "recipient", "ICRC victim assistance")
    type_cell(qtbot, provided, 1, "amount", "80000")
    window.commit_and_save()
    rows = repository.load(report_id).form("I").tables["assistance_provided"]
    assert [r.get("recipient") for r in rows] == ["Lao PDR clearance operator",
                                                  "ICRC victim assistance"]

    # 3. The preview: the report's pages, made in a worker.
    pane = window.preview_pane
    assert pane is not None
    pdfs: list[int] = []
    pane.refreshed.connect(pdfs.append)
    window.act_preview.trigger()
    qtbot.waitUntil(lambda: bool(pdfs) and not pane.running and not pane.stale, timeout=WAIT)
    assert pane.path is not None and pane.thumbs.count() == pdfs[-1] > 1
    shown = " ".join(p.extract_text() for p in PdfReader(str(pane.path)).pages)
    assert "Ireland" in shown and "Lao PDR clearance operator" in shown
    window.act_preview.trigger()  # closed again

    # 4. Review: no error; two warnings (no currency for either amount).
    dialog = review(qtbot, window)
    points = open_points(dialog)
    assert [k for k, _ in points].count("error") == 0, points
    warnings = [text for kind, text in points if kind == "warning"]
    assert len(warnings) == 2 and all("currency" in w for w in warnings), points
    assert not dialog.submit_button.isEnabled()
    # Fix the first where it is: Go to, then type the currency into its cell.
    dialog.select("warning", 0)
    click(qtbot, dialog.go_button)
    assert window.current is not None and window.current.view.current_page().page.key == "I"
    type_cell(qtbot, provided, 0, "currency", "EUR")
    qtbot.waitUntil(lambda: len([k for k, _ in open_points(dialog) if k == "warning"]) == 1)
    # Explain the other, in the dialog that asks why.
    def explain(asking: QWidget) -> None:
        assert isinstance(asking, QInputDialog)
        box = asking.findChild(QPlainTextEdit)
        assert box is not None
        type_text(qtbot, box, EXPLANATION, enter=False)
        click(qtbot, asking.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Ok))

    dialog.select("warning", 0)
    when_modal(qtbot, QInputDialog, explain)
    click(qtbot, dialog.explain_button)
    assert [k for k, _ in open_points(dialog)].count("answered") == 1
    assert window.current.document.report.form("I").fields["remarks"].endswith(EXPLANATION)
    assert "Nothing blocks" in dialog.summary.text() and dialog.submit_button.isEnabled()
    assert "ccm@un.org" in dialog.recipients.text()

    # 5. Submit, into a folder.
    out = tmp_path / "out"
    window.submit_flow.choose_folder = lambda: str(out)
    click(qtbot, dialog.submit_button)
    package = package_in(out)
    close_submitted_box(qtbot, window, package)
    assert window.current is not None and window.current.locked
    stored = repository.load(report_id)
    assert stored.cover.fields["submission_date"] == TODAY and repository.is_submitted(report_id)

    # 6. The package: hashes, the e-mail draft and its attachments, the JSON.
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    names = {entry["name"] for entry in manifest["files"]}
    assert {Path(n).suffix for n in names} >= {".pdf", ".xlsx", ".json"}
    for entry in manifest["files"]:
        data = (package / entry["name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["size"]
    assert manifest["validation"]["errors"] == 0
    message = BytesParser(policy=policy.default).parsebytes(
        next(package.glob("*.eml")).read_bytes())
    assert message["To"] == "ccm@un.org" and message["Cc"] == "info@cmconvention.org"
    attached = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert set(attached) == names
    for name, content in attached.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        assert data == (package / name).read_bytes(), name
    sent = read_report_file(next(package.glob("*.ccm.json")))
    assert sent.normalised() == stored.normalised()
    assert sent.form("I").fields["remarks"].endswith(EXPLANATION)
    pdf_text = " ".join(p.extract_text() for p in PdfReader(str(next(package.glob("*.pdf")))).pages)
    assert "pledged in several currencies" in pdf_text
    original = files_of(package)

    # 7. An edit after submission: asked first, then Corrigendum 1.
    def start_corrigendum(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and "Corrigendum 1" in box.text()
        click(qtbot, next(b for b in box.findChildren(QPushButton)
                          if b.text() == "Start corrigendum"))

    page_j = window.current.view.show_key("J")
    when_modal(qtbot, QMessageBox, start_corrigendum)
    fill_field(qtbot, page_j, "other_matters", "Ireland hosted two regional seminars.")
    qtbot.waitUntil(lambda: window.current is not None and not window.current.locked)
    window.commit_and_save()
    assert "Corrigendum 1" in window.submit_flow.label.text()
    # The preview shows it as it will be sent: "Corrigendum 1" on every page.
    shown = len(pdfs)
    window.act_preview.trigger()
    qtbot.waitUntil(lambda: len(pdfs) > shown and not pane.running and not pane.stale,
                    timeout=WAIT)
    assert pane.path is not None
    previewed = PdfReader(str(pane.path)).pages
    assert all("Corrigendum 1" in p.extract_text() for p in previewed)
    assert "two regional seminars" in " ".join(p.extract_text() for p in previewed)
    window.act_preview.trigger()
    dialog = review(qtbot, window)
    assert dialog.submit_button.isEnabled()

    click(qtbot, dialog.submit_button)

    corrigendum = package_in(out, "Corrigendum-1")
    close_submitted_box(qtbot, window, corrigendum)
    pages = PdfReader(str(next(corrigendum.glob("*.pdf")))).pages
    assert len(pages) > 1 and all("Corrigendum 1" in p.extract_text() for p in pages)
    assert "two regional seminars" in " ".join(p.extract_text() for p in pages)
    assert files_of(package) == original  # the first package is untouched

    # 8. From the history, the original's package is written again, byte for byte.
    again = tmp_path / "again"
    window.submit_flow.choose_folder = lambda: str(again)

    def write_again(history: QWidget) -> None:
        assert isinstance(history, HistoryDialog)
        rows = [history.list.topLevelItem(i) for i in range(history.list.topLevelItemCount())]
        first = next(r for r in rows if r is not None and "Submitted on" in r.text(3)
                     and "Corrigendum" not in r.text(3))
        history.list.setCurrentItem(first)
        click(qtbot, history.package_button)
        history.close()

    when_modal(qtbot, HistoryDialog, write_again)
    window.act_history.trigger()
    assert files_of(package_in(again)) == original


def _add_button(editor: TableEditor) -> QWidget:
    """The "Add row" button of the bar above a table's grid."""
    return next(b for b in editor.buttons if b.defaultAction() is editor.action_add)
