"""A page beside the docks of a 1366 x 768 window (the Preview open): no date or figure is cut,
the page wraps or scrolls rather than cutting, and going to a cell of a wide table leaves the
page's heading in view (only the table scrolls sideways)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ccm_desktop.exchange.formats import read_report
from ccm_desktop.schema.kinds import Int
from ccm_desktop.storage.repository import Repository, open_repository
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.editors import DateEditor, LineEditor
from ccm_desktop.ui.form_page import FormPage
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.pages import PAGES
from ccm_desktop.ui.settings import Settings
from tests.conftest import RESOURCE_SAMPLES
from tests.ui.helpers import field_row

SIZE = QSize(1366, 768)
TODAY = date(2017, 4, 20)
WAIT = 120_000  # ms; the preview's PDF is made in a worker on a shared machine
LINE_MARGIN = 2  # QLineEdit keeps this many pixels on each side of its text


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[Repository]:
    with open_repository(str(tmp_path / "reports.sqlite3")) as repo:
        yield repo


def _window_with_preview(qtbot: QtBot, tmp_path: Path, repository: Repository,
                         lang: str) -> MainWindow:
    """The Croatian sample open at 1366 x 768 with the Preview beside it (its PDF made, so
    that no worker is left running), its date of submission empty (a finding: the findings
    panel takes its width too)."""
    report = read_report(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json")
    del report.cover.fields["submission_date"]
    report_id = repository.add(report, summary="")
    window = MainWindow(repository, Settings.at(tmp_path / "settings.ini"), today=TODAY,
                        sample_dir=tmp_path / "none")
    qtbot.addWidget(window)
    window.resize(SIZE)
    window.show()
    qtbot.waitExposed(window)
    window.set_language(lang)
    window.open_report(report_id)
    pane = window.preview_pane
    if pane is None:
        pytest.skip(f"no preview here: {window.preview_problem}")
    made: list[int] = []
    pane.refreshed.connect(made.append)
    window.act_preview.trigger()
    qtbot.waitUntil(lambda: bool(made) and not pane.running and not pane.stale, timeout=WAIT)
    qtbot.wait(50)  # the splitter gives the page its room after the dock is shown
    return window


def _shows_whole(line: QLineEdit) -> bool:
    """The text is not scrolled inside the input: it fits between the input's margins."""
    room = line.contentsRect().width() - 2 * LINE_MARGIN
    return line.fontMetrics().horizontalAdvance(line.text()) <= room


def _nothing_cut(page: FormPage) -> bool:
    """The page's content fits its width, or the page can be scrolled sideways to it."""
    body = page.widget()
    assert body is not None
    beyond = body.width() - page.viewport().width()
    if beyond <= 0:
        return True
    can_scroll = page.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    return can_scroll and page.horizontalScrollBar().maximum() >= beyond


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_dates_on_the_cover_are_whole_beside_the_preview(qtbot: QtBot, tmp_path: Path,
                                                         repository: Repository,
                                                         lang: str) -> None:
    window = _window_with_preview(qtbot, tmp_path, repository, lang)
    assert window.current is not None
    view = window.current.view
    view.show_page(0)
    page = view.current_page()
    assert page.page.key == "cover"
    dates = [row.editor for row in page.rows.values() if isinstance(row.editor, DateEditor)]
    assert len(dates) == 4
    for editor in dates:
        if not editor.line.text():  # its hint ("YYYY-MM-DD" in the language) shows whole
            hint = editor.line.placeholderText()
            room = editor.line.contentsRect().width() - 2 * LINE_MARGIN
            assert editor.line.fontMetrics().horizontalAdvance(hint) <= room, (lang, hint)
            editor.set_value(date(2028, 8, 28))  # the widest digits of most fonts
        assert _shows_whole(editor.line), (lang, editor.line.text(), editor.line.width())
        # and the input lies within the page as it is seen
        seen = editor.line.visibleRegion().boundingRect()
        assert seen.width() == editor.line.width(), (lang, seen, editor.line.rect())
    assert _nothing_cut(page)
    # Every page of the report keeps its content within the page, or lets it be scrolled to.
    for index in range(len(PAGES)):
        view.show_page(index)
        assert _nothing_cut(view.current_page()), PAGES[index].key


def test_a_figure_on_a_page_is_never_narrower_than_its_value(qtbot: QtBot) -> None:
    row, _sent = field_row(qtbot, Int())
    assert isinstance(row.editor, LineEditor)
    row.window().resize(150, 120)  # a page narrower than the figure
    row.show_value(123_456_789_012)
    qtbot.wait(10)
    line = row.editor.line
    assert line.text() == "123,456,789,012"
    assert _shows_whole(line)


@pytest.mark.parametrize(("part_id", "table_id", "column_id"), [
    ("F", "clearance", "operator"),
    ("B", "stockpile", "submunitions_at_entry_into_force"),
])
def test_going_to_the_last_column_of_a_wide_table_keeps_the_heading_in_view(
        qtbot: QtBot, tmp_path: Path, repository: Repository, part_id: str, table_id: str,
        column_id: str) -> None:
    window = _window_with_preview(qtbot, tmp_path, repository, "en")
    assert window.current is not None
    view = window.current.view
    report = window.current.document.report
    last = len(report.form(part_id).tables[table_id]) - 1
    assert last >= 0
    view.go_to(f"forms.{part_id}.tables.{table_id}[{last}].{column_id}")
    qtbot.wait(10)
    page = view.current_page()
    assert page.page.key == part_id
    _heading_in_view(page)
    editor = page.tables[table_id]
    assert editor.hasFocus() or editor.isAncestorOf(editor.focusWidget())


def test_going_to_a_cell_on_a_page_narrower_than_its_table(qtbot: QtBot, tmp_path: Path,
                                                           repository: Repository) -> None:
    """Even where the page must scroll sideways (its table's grid is wider than it), a jump
    scrolls the page up or down only, and the grid sideways to the cell."""
    report = read_report(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json")
    rows = report.form("F").tables["clearance"]
    assert rows
    holder = QWidget()
    qtbot.addWidget(holder)
    page = FormPage(ReportDocument(report), next(p for p in PAGES if p.key == "F"), "en",
                    holder)
    QVBoxLayout(holder).addWidget(page)
    holder.resize(300, 500)
    holder.show()
    qtbot.waitExposed(holder)
    body = page.widget()
    assert body is not None and body.width() > page.viewport().width()  # it must scroll
    assert _nothing_cut(page)
    page.go_to(f"forms.F.tables.clearance[{len(rows) - 1}].operator")
    qtbot.wait(10)
    _heading_in_view(page)
    grid = page.tables["clearance"].grid  # type: ignore[attr-defined]
    assert grid.horizontalScrollBar().value() > 0  # the grid went to the last column


def _heading_in_view(page: FormPage) -> None:
    across = page.horizontalScrollBar()
    assert across.value() == across.minimum()
    body = page.widget()
    assert body is not None
    heading = next(label for label in body.findChildren(QLabel)
                   if label.text() == page.page.heading(page.lang))
    # Its leading edge (where its text starts) is in view.
    left = heading.mapTo(page.viewport(), QPoint(0, 0)).x()
    leading = left + heading.width() if heading.isRightToLeft() else left
    assert 0 <= leading <= page.viewport().width()


def test_the_status_box_takes_no_room_for_lines_with_nothing_to_say(qtbot: QtBot) -> None:
    """Its note ("nothing below needs to be filled in") shows for an unchanged form only, and
    a form that cannot be not applicable has no line for the reason."""
    report = read_report(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json")
    pages = {p.key: p for p in PAGES}
    for key, note_shown, reason_shown in (("A", True, False), ("B", False, True)):
        page = FormPage(ReportDocument(report), pages[key], "en")
        qtbot.addWidget(page)
        page.resize(700, 500)
        page.show()
        qtbot.waitExposed(page)
        status = page.status
        assert status is not None
        assert status.unchanged_note.isVisible() == note_shown, key
        assert status.reason.isVisible() == reason_shown, key


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_tables_buttons_wrap_on_a_narrow_page_and_keep_their_words(qtbot: QtBot,
                                                                     lang: str) -> None:
    report = read_report(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json")
    document = ReportDocument(report)
    document.locale = lang
    page = FormPage(document, next(p for p in PAGES if p.key == "F"), lang)
    page.setLayoutDirection(Qt.LayoutDirection.RightToLeft if lang == "ar"
                            else Qt.LayoutDirection.LeftToRight)
    qtbot.addWidget(page)
    page.resize(420, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(10)
    editor = page.tables["clearance"]
    toolbar = editor.toolbar  # type: ignore[attr-defined]
    buttons = editor.buttons  # type: ignore[attr-defined]
    tops = set()
    for button in buttons:
        assert button.width() >= button.sizeHint().width(), button.text()  # not elided
        assert toolbar.rect().contains(button.geometry()), button.text()  # not cut off
        tops.add(button.y())
    assert len(tops) > 1  # it took a second line


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_preview_is_on_the_trailing_side(qtbot: QtBot, tmp_path: Path,
                                             repository: Repository, lang: str) -> None:
    """Beyond the findings, as the reading goes: on the right in English, on the left in
    Arabic (Qt does not mirror the dock areas itself); View > Language moves it."""
    window = _window_with_preview(qtbot, tmp_path, repository, lang)
    assert window.current is not None and window.preview_dock is not None
    dock, view = window.preview_dock, window.current.view
    page_x = view.mapTo(window, QPoint(0, 0)).x()
    if lang == "ar":
        assert dock.geometry().right() < page_x
    else:
        assert dock.x() > page_x + view.width() - 1
    window.set_language("en" if lang == "ar" else "ar")
    qtbot.wait(20)
    assert window.current is not None
    view = window.current.view
    page_x = view.mapTo(window, QPoint(0, 0)).x()
    if lang == "ar":  # now English
        assert dock.x() > page_x + view.width() - 1
    else:
        assert dock.geometry().right() < page_x
