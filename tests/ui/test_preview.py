"""The Preview pane: the report's actual PDF inside the window, with thumbnails, made again in a
worker after the edits stop; "Show in the PDF" goes to a form's pages; without Qt's PDF module
the Preview button says why and opens the system's viewer."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import FormStatus
from ccm_desktop.schema.i18n import ntranslate, translate
from ccm_desktop.storage.repository import Repository
from ccm_desktop.ui.main_window import MainWindow, direction_for
from ccm_desktop.ui.preview import PreviewPane
from tests.conftest import RESOURCE_SAMPLES
from tests.ui.helpers import fill_field, main_window, sample_folder, shots_folder

TODAY = date(2025, 3, 3)
WAIT = 120_000  # ms; the PDF is made in a worker on a shared machine


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    return sample_folder(tmp_path, RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json")


def _window(qtbot: QtBot, tmp_path: Path, repository: Repository, samples: Path,
            **kwargs: Any) -> MainWindow:
    return main_window(qtbot, repository, tmp_path, TODAY, sample_dir=samples, **kwargs)


def _watch(pane: PreviewPane) -> list[int]:
    """Every PDF the pane shows, by its number of pages, as its `refreshed` signal tells."""
    shown: list[int] = []
    pane.refreshed.connect(shown.append)
    return shown


def _up_to_date(pane: PreviewPane, pdfs: list[int], after: int) -> bool:
    return len(pdfs) > after and not pane.running and not pane.stale


def _page_text(path: Path, page: int) -> str:
    return PdfReader(str(path)).pages[page].extract_text()


def test_the_preview_shows_the_pages_and_follows_an_edit(qtbot: QtBot, tmp_path: Path,
                                                         repository: object,
                                                         samples: Path) -> None:
    window = _window(qtbot, tmp_path, repository, samples)
    window.open_sample()
    assert window.current is not None
    pane, dock = window.preview_pane, window.preview_dock
    assert pane is not None and dock is not None
    pdfs = _watch(pane)
    assert not dock.isVisible()  # hidden until asked for; no PDF is made meanwhile
    assert not pdfs and not pane.running

    window.act_preview.trigger()
    assert dock.isVisible() and window.act_preview.isChecked()
    qtbot.waitUntil(lambda: _up_to_date(pane, pdfs, 0), timeout=WAIT)
    pages = pane.pdf.pageCount()
    assert pages > 0
    assert pane.path is not None and len(PdfReader(str(pane.path)).pages) == pages
    assert pane.thumbs.count() == pages
    first = pane.thumbs.item(0)
    assert first is not None and not first.icon().isNull()
    assert "up to date" in pane.status.text().casefold()

    # An edit: the pane says its pages are older, then shows the new PDF after the pause.
    shown = len(pdfs)
    cover = window.current.view.show_key("cover")
    fill_field(qtbot, cover, "prepared_by", "Preview Check Office")
    assert pane.stale
    qtbot.waitUntil(lambda: _up_to_date(pane, pdfs, shown), timeout=WAIT)
    assert pane.path is not None
    text = " ".join(_page_text(pane.path, p) for p in range(min(3, pane.pdf.pageCount())))
    assert "Preview Check Office" in text
    # The earlier PDF is removed once the new one is shown.
    assert len(list(pane.path.parent.glob("*.pdf"))) == 1
    qtbot.wait(300)  # QPdfView draws the pages in threads of its own
    assert window.grab().save(str(shots_folder(tmp_path / "shots") / "preview-en.png"))

    # Clicking a thumbnail goes to its page.
    pane.thumbs.setCurrentRow(2)
    qtbot.waitUntil(lambda: pane.current_page() == 2, timeout=5000)
    assert pane.view.verticalScrollBar().value() > 0
    # Scrolling the pages back to the top selects the first thumbnail.
    pane.view.verticalScrollBar().setValue(0)
    assert pane.current_page() == 0 and pane.thumbs.currentRow() == 0

    # Hiding the pane stops the work: an edit while it is hidden makes no PDF.
    window.act_preview.trigger()
    assert not dock.isVisible()
    shown = len(pdfs)
    fill_field(qtbot, cover, "prepared_by", "Hidden Edit Office")
    qtbot.wait(pane.timer.interval() + 300)
    assert len(pdfs) == shown and not pane.running

    # The pane goes with the report and comes back with the next one when it was open.
    window.act_preview.trigger()
    assert dock.isVisible()
    window.close_report()
    assert not dock.isVisible() and pane.document is None and pane.path is None
    window.open_sample()
    assert dock.isVisible() and window.act_preview.isChecked()
    qtbot.waitUntil(lambda: _up_to_date(pane, pdfs, shown) and pane.pdf.pageCount() > 0, timeout=WAIT)


def test_show_in_the_pdf_goes_to_the_forms_pages(qtbot: QtBot, tmp_path: Path,
                                                 repository: object, samples: Path) -> None:
    window = _window(qtbot, tmp_path, repository, samples)
    window.open_sample()
    assert window.current is not None
    pane = window.preview_pane
    assert pane is not None
    pdfs = _watch(pane)
    view = window.current.view
    # From form F's page, with the pane still closed: it opens and goes there once made.
    view.show_key("F")
    window.act_show_in_pdf.trigger()
    qtbot.waitUntil(lambda: _up_to_date(pane, pdfs, 0) and "F" in pane.page_of, timeout=WAIT)
    qtbot.waitUntil(lambda: pane.current_page() == pane.page_of["F"], timeout=5000)
    page_f = pane.page_of["F"]
    assert page_f > 0
    assert pane.path is not None
    assert "Form F" in _page_text(pane.path, page_f)
    assert pane.thumbs.currentRow() == page_f
    scrolled_to_f = pane.view.verticalScrollBar().value()
    assert scrolled_to_f > 0

    # Then form B, from its page: the pane moves to B's first page.
    view.show_key("B")
    window.act_show_in_pdf.trigger()
    qtbot.waitUntil(lambda: pane.current_page() == pane.page_of["B"], timeout=5000)
    assert "Form B" in _page_text(pane.path, pane.page_of["B"])
    assert pane.page_of["B"] < page_f
    assert 0 < pane.view.verticalScrollBar().value() < scrolled_to_f

    # A form the PDF does not print on pages of its own: the cover page, which gives its status.
    report = window.current.document.report
    absent = next(letter for letter in "BCDEFGHIJ"
                  if report.form(letter).status is not FormStatus.CHANGED)
    view.show_key(absent)
    window.act_show_in_pdf.trigger()
    qtbot.waitUntil(lambda: pane.current_page() == pane.page_of["cover"], timeout=5000)
    assert f"Form {absent}" in pane.status.text()


def test_the_preview_in_arabic(qtbot: QtBot, tmp_path: Path, repository: object,
                               samples: Path) -> None:
    # A report written in Arabic, in an Arabic window: the PDF is the one Submit sends, in the
    # report's language.
    sample = samples / "hrv-2016-annual.ccm.json"
    data = json.loads(sample.read_text(encoding="utf-8"))
    data["language"] = "ar"
    sample.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    QApplication.setLayoutDirection(direction_for("ar"))
    try:
        window = _window(qtbot, tmp_path, repository, samples, lang="ar")
        window.open_sample()
        assert window.current is not None
        pane = window.preview_pane
        assert pane is not None
        pdfs = _watch(pane)
        window.current.view.show_key("H")
        window.act_show_in_pdf.trigger()
        qtbot.waitUntil(lambda: _up_to_date(pane, pdfs, 0) and "H" in pane.page_of, timeout=WAIT)
        qtbot.waitUntil(lambda: pane.current_page() == pane.page_of["H"], timeout=5000)
        # The Arabic PDF's bookmarks are found by their Arabic titles, for every printed form.
        printed = [letter for letter in "ABCDEFGHIJ"
                   if window.current.document.report.form(letter).status is FormStatus.CHANGED]
        assert set(printed) <= set(pane.page_of)
        assert pane.pdf_lang == "ar" and pane.path is not None
        assert "\u0627\u0644\u0627\u0633\u062a\u0645\u0627\u0631\u0629" in \
            unicodedata.normalize("NFKC", _page_text(pane.path, pane.page_of["H"]))  # "the form"
        qtbot.wait(200)
        assert window.grab().save(str(shots_folder(tmp_path / "shots") / "preview-ar.png"))
        # The window switched to French: the pane speaks French, the PDF stays the report's.
        shown = len(pdfs)
        window.set_language("fr")
        assert pane.status.text() == ntranslate(
            "Up to date: the PDF as it will be sent, {n} page.",
            "Up to date: the PDF as it will be sent, {n} pages.", pane.pdf.pageCount(),
            "fr").format(n=pane.pdf.pageCount())
        assert pane.open_button.text() == translate("Open in PDF viewer", "fr")
        assert window.preview_dock is not None
        assert window.preview_dock.windowTitle() == translate("Preview", "fr")
        assert len(pdfs) == shown and pane.pdf_lang == "ar"
    finally:
        window.set_language("en")
        QApplication.setLayoutDirection(direction_for("en"))


def test_without_qts_pdf_module_preview_opens_the_system_viewer(qtbot: QtBot, tmp_path: Path,
                                                                 repository: object,
                                                                 samples: Path) -> None:
    opened: list[QUrl] = []

    def opener(url: QUrl) -> bool:
        opened.append(url)
        return True

    window = _window(qtbot, tmp_path, repository, samples, opener=opener, pdf_view=False)
    assert window.preview_pane is None and window.preview_dock is None
    tip = window.act_preview.toolTip()
    assert "Qt's PDF module" in tip and "switched off" in tip
    assert not window.act_preview.isCheckable()
    window.open_sample()
    window.act_preview.trigger()
    assert "Qt's PDF module" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT)
    path = Path(opened[0].toLocalFile())
    assert path.suffix == ".pdf" and path.read_bytes().startswith(b"%PDF")
    # "Show in the PDF" does the same: the whole PDF, in the system's viewer.
    window.act_show_in_pdf.trigger()
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=WAIT)
