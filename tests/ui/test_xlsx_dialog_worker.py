"""The Import Excel… dialog on a large workbook: the workbook and the preview are read off the
GUI thread, with progress and a way to stop, and the dialog answers meanwhile.

To see the dialog while the work is still waiting (whatever the speed of the machine), the
thread pool is held busy by a runnable of the test until the test lets it go."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QRunnable, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.xlsx.grid import read_sheets
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.xlsx_import_dialog import (
    PREVIEW_LIMIT,
    READ_IN_WORKER_ROWS,
    XlsxImportDialog,
    open_import_dialog,
)

ROWS = READ_IN_WORKER_ROWS + 1500


@pytest.fixture(scope="module")
def big_sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "clearance.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Clearance")
    sheet.append(["Area ID", "Location", "Area cleared (m²)", "Submunitions destroyed",
                  "Operator"])
    for n in range(ROWS):
        sheet.append([f"LA-{n:05d}", "Xieng Khouang", 1000 + n, n % 40, "UXO Lao"])
    book.save(path)
    return path


class _Hold(QRunnable):
    def __init__(self, release: threading.Event) -> None:
        super().__init__()
        self.release = release

    def run(self) -> None:
        self.release.wait(60)


@contextmanager
def pool_held() -> Iterator[threading.Event]:
    """The thread pool with one thread, kept busy until the event is set."""
    pool = QThreadPool.globalInstance()
    before = pool.maxThreadCount()
    pool.waitForDone()
    pool.setMaxThreadCount(1)
    release = threading.Event()
    pool.start(_Hold(release))
    try:
        yield release
    finally:
        release.set()
        pool.waitForDone()
        pool.setMaxThreadCount(before)


def test_the_preview_is_read_in_a_worker_and_can_be_stopped(qtbot: QtBot,
                                                            big_sheet: Path) -> None:
    with pool_held() as release:
        dialog = XlsxImportDialog(big_sheet, sheets=read_sheets(big_sheet))
        qtbot.addWidget(dialog)
        dialog.show()
        # The dialog is up before the rows are read: a progress bar, a Stop button, no OK.
        assert dialog.reading
        assert dialog.reading_bar.isVisible() and dialog.stop_button.isVisible()
        assert not dialog.ok_button.isEnabled()
        assert "Reading the rows of sheet Clearance" in dialog.summary.text()
        qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
        release.set()
    qtbot.waitUntil(lambda: not dialog.reading)
    assert "Reading stopped" in dialog.summary.text()
    assert dialog.result_rows is None and not dialog.ok_button.isEnabled()
    assert not dialog.reading_bar.isVisible()

    # Another choice reads the sheet again, to the end this time.
    dialog.separator_box.setCurrentIndex(1 - dialog.separator_box.currentIndex())
    assert dialog.reading
    qtbot.waitUntil(lambda: dialog.result_rows is not None, timeout=60_000)
    assert len(dialog.result_rows.rows) == ROWS
    assert dialog.result_rows.rows[-1].values["area_id"] == f"LA-{ROWS - 1:05d}"
    assert dialog.preview.rowCount() == PREVIEW_LIMIT
    assert dialog.ok_button.isEnabled() and not dialog.reading_bar.isVisible()


def test_closing_the_dialog_while_it_reads_stops_the_reading(qtbot: QtBot,
                                                             big_sheet: Path) -> None:
    with pool_held():
        dialog = XlsxImportDialog(big_sheet, sheets=read_sheets(big_sheet))
        qtbot.addWidget(dialog)
        task = dialog._task
        assert task is not None
        ended: list[str] = []
        task.cancelled.connect(lambda: ended.append("cancelled"))
        task.finished.connect(lambda _rows: ended.append("finished"))
        dialog.reject()
        assert not dialog.reading
    qtbot.waitUntil(lambda: bool(ended))
    assert ended == ["cancelled"]
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.result_rows is None


def test_reading_the_workbook_can_be_cancelled(qtbot: QtBot, big_sheet: Path) -> None:
    document = ReportDocument(Report())
    asked: list[str] = []

    def cancel() -> None:
        waiting = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        asked.extend(w.labelText() for w in waiting)
        for widget in waiting:
            button = widget.findChild(QPushButton)
            assert button is not None and button.text() == "Cancel"
            button.click()  # as a person does
        release.set()

    left_open: list[str] = []

    def safety() -> None:  # should the reading not stop, fail instead of waiting forever
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            left_open.append(modal.windowTitle())
            modal.reject()

    with pool_held() as release:
        QTimer.singleShot(50, cancel)
        QTimer.singleShot(20_000, safety)
        assert open_import_dialog(document, big_sheet) is False
    assert asked == ["Reading clearance.xlsx…"]
    assert left_open == []
    assert document.undo_stack.count() == 0
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, XlsxImportDialog) and w.isVisible()]
