"""One edit of a long report costs what it changed: the document says whose findings changed,
and the findings panel and the navigator redo only that (issue 14; the figures are in
benchmarks/run.py, never asserted here)."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.schema.validate import validate
from ccm_desktop.storage.repository import open_repository
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.findings_panel import SHOWN_AT_FIRST, FindingsPanel, PageFindings
from ccm_desktop.ui.navigator import Navigator
from ccm_desktop.ui.pages import PAGES, completeness
from ccm_desktop.ui.report_view import ReportView
from ccm_desktop.ui.start import StartScreen
from ccm_desktop.ui.table import TableEditor
from tests.ui.table_helpers import make_editor, type_into

ROWS = 120


def _long_report() -> Report:
    """Form F with 120 areas, each with a size that cannot be right (one finding per row)."""
    report = Report()
    report.cover.fields["state"] = "GBR"
    form = report.form("F")
    form.status = FormStatus.CHANGED
    form.tables["contaminated_areas"] = [{"area_id": f"CA-{i}", "size_m2": Decimal(-5 - i)}
                                         for i in range(ROWS)]
    return report


def _section(panel: FindingsPanel, key: str) -> PageFindings:
    return next(s for s in panel.sections if s.page.key == key)


def _row_findings(document: ReportDocument) -> int:
    return sum(".contaminated_areas[" in f.path for f in document.findings_of("F"))


def test_the_document_says_whose_findings_changed() -> None:
    document = ReportDocument(_long_report())
    document.set_value("cover", "prepared_by", "A. Person")  # nobody's findings change
    assert document.findings_changed_parts == frozenset()
    document.set_cells("F", "contaminated_areas", [(3, "size_m2", Decimal(40))])
    assert document.findings_changed_parts == frozenset({"F"})
    assert _row_findings(document) == ROWS - 1
    assert document.findings == validate(document.report)
    document.undo_stack.undo()
    assert document.findings_changed_parts == frozenset({"F"})
    assert _row_findings(document) == ROWS


def test_the_panel_replaces_only_the_labels_that_changed(qtbot: QtBot) -> None:
    document = ReportDocument(_long_report())
    panel = FindingsPanel(document)
    qtbot.addWidget(panel)
    section = _section(panel, "F")
    assert len(section.findings) == len(document.findings_of("F"))
    assert len(section.labels) == SHOWN_AT_FIRST  # the first ones; the rest behind a button
    hidden = len(section.findings) - SHOWN_AT_FIRST
    assert section.more.isVisibleTo(panel)
    assert section.more.text() == f"\u2026and {hidden} more."
    before = panel.labels

    document.set_value("cover", "prepared_by", "A. Person")
    assert panel.labels == before  # the very same widgets: nothing was rebuilt

    others = [label for s in panel.sections if s is not section for label in s.labels]
    before = list(section.labels)
    row_one = next(i for i, label in enumerate(before) if "row 2," in label.finding.message)
    document.set_cells("F", "contaminated_areas", [(1, "size_m2", Decimal(40))])
    after = section.labels
    assert before[row_one] not in after
    kept = [label for label in before if label is not before[row_one]]
    assert after[:len(kept)] == kept  # every other label stays, in its place
    assert len(after) == len(before)  # the next hidden finding came into view
    assert [label for s in panel.sections if s is not section for label in s.labels] == others
    assert section.more.text() == f"\u2026and {hidden - 1} more."
    assert [label.finding for label in section.labels] == section.findings[:SHOWN_AT_FIRST]


def test_every_finding_of_a_long_page_can_be_shown(qtbot: QtBot) -> None:
    document = ReportDocument(_long_report())
    panel = FindingsPanel(document)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    section = _section(panel, "F")
    while section.more.isVisibleTo(panel):
        shown = len(section.labels)
        qtbot.mouseClick(section.more, Qt.MouseButton.LeftButton)
        assert len(section.labels) == min(shown + SHOWN_AT_FIRST, len(section.findings))
    assert [label.finding for label in section.labels] == section.findings
    messages = panel.messages()
    assert sum("Contaminated areas, row" in m for m in messages) == ROWS
    # Fixing a row takes its label away; the page's heading counts what is left.
    document.set_cells("F", "contaminated_areas", [(0, "size_m2", Decimal(40))])
    assert len(section.labels) == len(section.findings) == len(document.findings_of("F"))
    assert f"({len(section.findings)})" in section.header.text()


def test_the_navigator_counts_each_page_from_its_part(qtbot: QtBot) -> None:
    document = ReportDocument(_long_report())
    navigator = Navigator(document)
    qtbot.addWidget(navigator)
    f_entry = navigator.entries[next(i for i, p in enumerate(PAGES) if p.key == "F")]
    errors = sum(f.is_error for f in document.findings_of("F"))
    assert f"{errors} errors" in f_entry.detail.text()
    document.set_cells("F", "contaminated_areas", [(0, "size_m2", Decimal(40))])
    assert f"{errors - 1} errors" in f_entry.detail.text()
    contacts = navigator.entries[next(i for i, p in enumerate(PAGES) if p.key == "contacts")]
    cover = navigator.entries[next(i for i, p in enumerate(PAGES) if p.key == "cover")]
    cover_errors = sum(f.is_error and ".tables." not in f.path
                       for f in document.findings_of("cover"))
    contact_errors = sum(f.is_error and ".tables." in f.path for f in document.findings_of("cover"))
    assert cover_errors and contact_errors  # both pages have their own
    assert f"{cover_errors} error" in cover.detail.text()
    assert f"{contact_errors} error" in contacts.detail.text()


def _fresh_widths(editor: TableEditor, qtbot: QtBot) -> dict[int, int]:
    """The number widths a new grid measures on the same document, row by row."""
    other = TableEditor(editor.document, editor.model.part_id, editor.model.table_id)
    qtbot.addWidget(other)
    return other.grid.number_widths()


def test_number_widths_and_totals_kept_after_each_edit_equal_a_fresh_measure(
        qtbot: QtBot) -> None:
    """Each row's width and the totals are kept and follow the edits (so that one typed cell
    of a long table measures one row): after every kind of edit they are what a fresh grid
    and a fresh sum find."""
    editor = make_editor(qtbot, "F", "contaminated_areas", [
        {"area_id": f"A{i}", "latitude": Decimal("17.5"), "size_m2": Decimal(100 + i)}
        for i in range(40)])
    grid, model, document = editor.grid, editor.model, editor.document
    latitude = model.column_index("latitude")  # not added up: its width is its rows' alone

    def check() -> None:
        assert grid.number_widths() == _fresh_widths(editor, qtbot)
        numbers = [r["size_m2"] for r in document.rows("F", "contaminated_areas")
                   if "size_m2" in r]
        assert model.total("size_m2") == (sum(numbers) if numbers else None)

    narrow = grid.number_widths()[latitude]
    type_into(qtbot, editor, 3, "latitude", "-17.123456")  # a wider value
    assert grid.number_widths()[latitude] > narrow
    check()
    document.undo_stack.undo()  # narrower again
    assert grid.number_widths()[latitude] == narrow
    check()
    document.set_cells("F", "contaminated_areas", [(4, "size_m2", Decimal("123456789.25"))])
    check()
    document.insert_rows("F", "contaminated_areas", 5,
                         [{"area_id": "N", "latitude": Decimal("95.5"), "size_m2": Decimal(7)}])
    check()  # a new row, with a finding's sign beside its value (no latitude is 95.5)
    assert model.finding_at(5, "latitude") is not None
    document.set_cells("F", "contaminated_areas", [(5, "latitude", Decimal("15.5"))])
    check()  # the finding went, and its sign
    document.remove_rows("F", "contaminated_areas", [0, 1, 2, 20])
    check()
    document.move_row("F", "contaminated_areas", 0, 10)
    check()
    document.remove_rows("F", "contaminated_areas",
                         range(len(document.rows("F", "contaminated_areas"))))
    check()
    document.undo_stack.undo()
    check()


def test_the_start_list_reads_again_only_the_reports_saved_since(qtbot: QtBot,
                                                                  tmp_path: Path) -> None:
    """Back on the start screen, a report saved in the meantime is read and checked again;
    the others are kept as they were read (a long report takes a second to read)."""
    with open_repository(tmp_path / "reports.sqlite3") as repository:
        long_id = repository.add(_long_report(), "Created")
        other = Report()
        other.cover.fields["state"] = "FRA"
        other_id = repository.add(other, "Created")
        start = StartScreen(repository, today=date(2024, 1, 10))
        qtbot.addWidget(start)
        long_report, other_report = start.reports[long_id], start.reports[other_id]
        start.refresh()
        assert start.reports[long_id] is long_report  # not read again
        edited = repository.load(other_id)
        edited.cover.fields["prepared_by"] = "Ministère des Armées"
        repository.save(other_id, edited)
        start.refresh()
        assert start.reports[long_id] is long_report
        assert start.reports[other_id] is not other_report
        assert start.reports[other_id].cover.fields["prepared_by"] == "Ministère des Armées"
        percent = {start.list.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole):
                   start.list.itemWidget(start.list.topLevelItem(i), 4).value()
                   for i in range(start.list.topLevelItemCount())}
        for report_id in (long_id, other_id):
            report = repository.load(report_id)
            assert percent[report_id] == completeness(report, validate(report))


def test_a_kept_total_is_written_as_adding_up_every_row_would(qtbot: QtBot) -> None:
    """The total follows each edit by what it took away and added; it reads exactly as the sum
    of the rows (same places: "20,500", not "20,500.0" once a 1,500.5 has gone)."""
    rng = random.Random(14)
    editor = make_editor(qtbot, "F", "contaminated_areas", [
        {"area_id": f"A{i}", "size_m2": Decimal(f"{rng.randrange(1, 10**6)}.{i % 7}")}
        for i in range(30)])
    model, document = editor.model, editor.document
    column = model.column_index("size_m2")
    values = [Decimal("1500.5"), Decimal("20000"), Decimal("1E+3"), Decimal("0.125"),
              Decimal("7"), Decimal("123456789.000001"), None]
    for step in range(120):
        rows = document.rows("F", "contaminated_areas")
        what = rng.random()
        if what < 0.6 and rows:
            document.set_cells("F", "contaminated_areas",
                               [(rng.randrange(len(rows)), "size_m2", rng.choice(values))])
        elif what < 0.75:
            document.insert_rows("F", "contaminated_areas", rng.randrange(len(rows) + 1),
                                 [{"area_id": f"N{step}", "size_m2": rng.choice(values)}])
        elif what < 0.9 and rows:
            document.remove_rows("F", "contaminated_areas",
                                 rng.sample(range(len(rows)), min(len(rows), rng.randrange(1, 4))))
        else:
            document.undo_stack.undo()
        numbers = [r["size_m2"] for r in document.rows("F", "contaminated_areas")
                   if r.get("size_m2") is not None]
        fresh = sum(numbers) if numbers else None
        assert repr(model.total("size_m2")) == repr(fresh), step
        if model.rowCount() > model.stored_count():
            assert model.display_text(model.stored_count(), column) == \
                model.columns[column].kind.format(fresh, model.locale)


def test_a_table_longer_than_its_grid_scrolls(qtbot: QtBot) -> None:
    """On its page, a long table's grid shows a scroll bar; a short one never does, also after
    it grew or shrank past the grid's height."""
    view = ReportView(ReportDocument(_long_report()))
    qtbot.addWidget(view)
    view.resize(1300, 700)
    view.show()
    qtbot.waitExposed(view)
    page = view.show_key("F")
    grid = page.tables["contaminated_areas"].grid  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: grid.verticalScrollBar().isVisible())
    assert grid.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
    view.document.remove_rows("F", "contaminated_areas", range(5, ROWS))
    qtbot.waitUntil(lambda: not grid.verticalScrollBar().isVisible())
    assert grid.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    page = view.show_key("E")
    short = page.tables["facilities"].grid  # type: ignore[attr-defined]
    assert not short.verticalScrollBar().isVisible()
    view.document.insert_rows("E", "facilities", 0, [{"facility": f"N{i}"} for i in range(30)])
    qtbot.waitUntil(lambda: short.verticalScrollBar().isVisible())
