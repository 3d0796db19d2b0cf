"""Screenshots of the way to a submission (issue 15) in English and Arabic, at 1366 x 768: the
preview, the comparison with last year, the Review step over the window (as the screen shows
it), the Where reports go dialog over that, and the first page of the comparison's PDF. The
window is switched to the language as View > Language does (Qt's own words included). Set
CCM_SHOTS=/some/folder to keep them and look at them."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from ccm_desktop.exchange.formats import read_report
from ccm_desktop.exchange.pdf import render_comparison_pdf
from ccm_desktop.schema.i18n import N_, translate
from ccm_desktop.storage.repository import Repository, open_repository
from ccm_desktop.ui.compare_view import CompareDock
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.recipients_dialog import RecipientsDialog
from ccm_desktop.ui.settings import Settings
from tests.conftest import RESOURCE_SAMPLES
from tests.ui.helpers import shots_folder

SIZE = QSize(1366, 768)
TODAY = date(2017, 4, 20)
WAIT = 120_000


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[Repository]:
    with open_repository(str(tmp_path / "reports.sqlite3")) as repo:
        yield repo


def _arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


def _over(window: QWidget, *dialogs: QWidget) -> QImage:
    """The window with its dialogs drawn on top, each centred on the one below it, as the
    screen shows them."""
    image = window.grab().toImage()
    painter = QPainter(image)
    below = image.rect()
    for dialog in dialogs:
        shot = dialog.grab()
        place = below.center() - QPoint(shot.width() // 2, shot.height() // 2)
        frame = shot.rect().translated(place)
        painter.fillRect(frame, dialog.palette().window())  # a dialog paints no background
        painter.drawPixmap(place, shot)
        painter.setPen(dialog.palette().mid().color())
        painter.drawRect(frame.adjusted(-1, -1, 0, 0))
        below = frame
    painter.end()
    return image


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_screenshots_of_the_way_to_a_submission(qtbot: QtBot, repository: Repository,
                                                tmp_path: Path, lang: str) -> None:
    folder = shots_folder(tmp_path / "shots")
    older = read_report(RESOURCE_SAMPLES / "hrv-2015-annual.ccm.json")
    newer = read_report(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json")
    del newer.cover.fields["submission_date"]
    del newer.form("I").tables["assistance_received"][0]["currency"]  # a warning to review
    repository.add(older, summary="")
    report_id = repository.add(newer, summary="")
    window = MainWindow(repository, Settings.at(tmp_path / "settings.ini"), today=TODAY,
                        sample_dir=tmp_path / "none")
    qtbot.addWidget(window)
    rtl = lang == "ar"
    try:
        window.resize(SIZE)
        window.show()
        qtbot.waitExposed(window)
        window.set_language(lang)
        window.open_report(report_id)
        assert window.current is not None

        # The preview, once its pages are there.
        pane = window.preview_pane
        assert pane is not None
        pdfs: list[int] = []
        pane.refreshed.connect(pdfs.append)
        window.act_preview.trigger()
        qtbot.waitUntil(lambda: bool(pdfs) and not pane.running and not pane.stale,
                        timeout=WAIT)
        qtbot.wait(300)  # QPdfView draws its pages in threads of its own
        assert pane.isRightToLeft() == rtl and _arabic(pane.status.text()) == rtl
        shot = window.grab()
        assert shot.size() == SIZE
        assert shot.save(str(folder / f"{lang}-flow-1-preview.png"))
        window.act_preview.trigger()

        # The comparison with last year's report.
        window.show_compare()
        dock = window.findChild(CompareDock)
        assert dock is not None and dock.isVisible()
        assert dock.view.figures.rowCount() >= 10 and dock.view.export_button.isEnabled()
        assert _arabic(dock.view.export_button.text()) == rtl
        qtbot.wait(100)
        assert window.grab().save(str(folder / f"{lang}-flow-2-compare.png"))
        dock.close()

        # The Review step, over the window.
        qtbot.mouseClick(window.current.view.navigator.review_button, Qt.MouseButton.LeftButton)
        review = window.submit_flow.dialog
        assert review is not None and review.isVisible()
        review.select("warning")
        assert review.isRightToLeft() == rtl
        assert _arabic(review.recipients.text()) == rtl and "ccm@un.org" in review.recipients.text()
        close = review.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
        assert close.text() != "Close" if rtl else close.text() == "Close"  # Qt's own words too
        qtbot.wait(50)
        image = _over(window, review)
        assert image.size() == SIZE
        assert image.save(str(folder / f"{lang}-flow-3-review.png"))

        # Where reports go, over the Review step.
        qtbot.mouseClick(review.recipients_button, Qt.MouseButton.LeftButton)
        recipients = window.findChild(RecipientsDialog)
        assert recipients is not None
        qtbot.waitUntil(recipients.isVisible)
        assert recipients.windowTitle() == translate(N_("Where reports go"), lang)
        assert _over(window, review, recipients).save(
            str(folder / f"{lang}-flow-4-recipients.png"))
        recipients.reject()
        review.close()
    finally:
        window.set_language("en")

    # The comparison as a PDF, its first page.
    if shutil.which("pdftoppm") is not None:
        pdf = tmp_path / f"comparison-{lang}.pdf"
        pdf.write_bytes(render_comparison_pdf(older, newer, lang))
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf),
                        str(folder / f"{lang}-flow-5-annex")], check=True, timeout=120)
        assert list(folder.glob(f"{lang}-flow-5-annex*.png"))
