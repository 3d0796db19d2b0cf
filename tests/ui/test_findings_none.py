"""The findings panel with nothing to show is one line, "✓ No findings", and the page beside it
gets the width; the first finding opens the panel again at its width, and fixing it gives the
width back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from ccm_desktop.exchange.formats import read_report
from ccm_desktop.schema.i18n import translate
from ccm_desktop.storage.repository import Repository, open_repository
from ccm_desktop.ui.findings_panel import OPEN_MIN_WIDTH
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.settings import Settings
from tests.conftest import RESOURCE_SAMPLES
from tests.ui.helpers import fill_field


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[Repository]:
    with open_repository(str(tmp_path / "reports.sqlite3")) as repo:
        yield repo


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_findings_is_one_line_and_the_page_gets_the_width(
        qtbot: QtBot, tmp_path: Path, repository: Repository, lang: str) -> None:
    report = read_report(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json")
    report_id = repository.add(report, summary="")
    window = MainWindow(repository, Settings.at(tmp_path / "settings.ini"),
                        today=date(2017, 4, 20), sample_dir=tmp_path / "none")
    qtbot.addWidget(window)
    window.resize(QSize(1366, 768))
    window.show()
    qtbot.waitExposed(window)
    window.set_language(lang)
    window.open_report(report_id)
    assert window.current is not None
    view = window.current.view
    panel = view.findings
    assert not window.current.document.findings  # the sample has nothing to say

    # One line, as wide as its words, and the page has the rest.
    words = translate("\u2713 No findings", lang)
    assert panel.none_line.isVisible() and panel.none_line.text() == words
    assert not panel.full.isVisible() and not panel.strip.isVisible()
    assert panel.width() == panel.none_width() < OPEN_MIN_WIDTH
    line = panel.none_line
    assert line.fontMetrics().horizontalAdvance(words) <= line.contentsRect().width()
    qtbot.wait(20)  # the splitter lays out its widths
    page_width = view.splitter.sizes()[1]
    assert not panel.collapsed  # the person's choice to fold the panel is not touched

    # A finding opens the panel at its width, taken from the page.
    page = view.current_page()
    fill_field(qtbot, page, "submission_date", "")
    qtbot.waitUntil(lambda: bool(window.current and window.current.document.findings))
    qtbot.waitUntil(lambda: panel.full.isVisible())
    assert not panel.none_line.isVisible()
    assert panel.width() >= OPEN_MIN_WIDTH
    assert view.splitter.sizes()[1] < page_width
    assert panel.labels  # the finding is listed

    # Fixed: the one line again, and the page has its width back.
    fill_field(qtbot, page, "submission_date", "2017-04-28")
    qtbot.waitUntil(lambda: panel.none_line.isVisible())
    assert panel.width() == panel.none_width()
    assert view.splitter.sizes()[1] == page_width
