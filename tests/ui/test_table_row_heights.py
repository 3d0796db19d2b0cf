"""One typed cell re-measures the row it changed, and lays the page out again only when the grid
wants another height (issue 14: `typed_cell` in benchmarks/run.py; no figure is asserted here).

Every height still fits its text: a note that got longer grows its row, the rows below move
down, and a row changed while out of view fits its text once it is scrolled to."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ccm_desktop.ui.table import TableEditor
from tests.ui.table_helpers import make_editor, open_cell, stored, type_into

ROWS = 400
NOTE = "2 mortar rounds\n1 rocket\n3 fuzes"


def _long_table(qtbot: QtBot) -> TableEditor:
    rows = [{"area_id": f"A-{n}", "cleared_m2": Decimal(100 + n),
             "other_remnants_destroyed": "1 rocket"} for n in range(ROWS)]
    return make_editor(qtbot, "F", "clearance", rows)


def _heights(editor: TableEditor) -> list[int]:
    grid = editor.grid
    return [grid.rowHeight(row) for row in range(editor.proxy.rowCount())]


def _layouts(editor: TableEditor) -> list[int]:
    """Counts each time the grid says its rows changed height (the page is laid out again)."""
    said: list[int] = []
    editor.grid.heights_changed.connect(lambda: said.append(1))
    return said


def _type_note(qtbot: QtBot, editor: TableEditor, row: int, lines: list[str]) -> None:
    cell = open_cell(editor, row, "other_remnants_destroyed")
    cell.main.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClick(cell.main, Qt.Key.Key_Backspace)
    for n, line in enumerate(lines):
        if n:
            qtbot.keyClick(cell.main, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClicks(cell.main, line)
    qtbot.keyClick(cell.main, Qt.Key.Key_Return)
    assert stored(editor)[row]["other_remnants_destroyed"] == "\n".join(lines)


def test_a_typed_number_keeps_every_height_and_the_page_as_laid_out(qtbot: QtBot) -> None:
    editor = _long_table(qtbot)
    before = _heights(editor)
    wanted = editor.grid.sizeHint().height()
    said = _layouts(editor)
    type_into(qtbot, editor, 5, "cleared_m2", "1000")
    assert stored(editor)[5]["cleared_m2"] == 1000
    qtbot.wait(10)  # Qt's own deferred row layout, if any
    # The totals row (far below, not yet in view) and every other row keep their heights,
    # and nothing asks the page to lay the grid out again.
    assert _heights(editor) == before
    assert said == []
    assert editor.grid.sizeHint().height() == wanted


def test_a_note_that_got_longer_grows_its_row_and_no_other(qtbot: QtBot) -> None:
    editor = _long_table(qtbot)
    grid = editor.grid
    before = _heights(editor)
    wanted = grid.sizeHint().height()
    said = _layouts(editor)
    _type_note(qtbot, editor, 2, NOTE.split("\n"))
    after = _heights(editor)
    grown = after[2] - before[2]
    assert grown >= 2 * grid.fontMetrics().lineSpacing()  # two more lines shown
    assert [h for n, h in enumerate(after) if n != 2] == \
        [h for n, h in enumerate(before) if n != 2]
    # One of the first rows: the grid wants more room, and the page gives it.
    assert said
    assert grid.sizeHint().height() == wanted + grown
    qtbot.waitUntil(lambda: editor.stack.height() == editor.grid.sizeHint().height())


def test_a_row_below_the_first_grows_and_the_rows_under_it_move_down(qtbot: QtBot) -> None:
    editor = _long_table(qtbot)
    grid = editor.grid
    row = 150
    editor.select_cell(row, "area_id")  # scrolled into view: measured
    qtbot.waitUntil(lambda: grid.rowViewportPosition(row) >= 0)
    before = _heights(editor)
    wanted = grid.sizeHint().height()
    said = _layouts(editor)
    _type_note(qtbot, editor, row, NOTE.split("\n"))
    after = _heights(editor)
    assert after[row] > before[row] + grid.fontMetrics().lineSpacing()
    assert [h for n, h in enumerate(after) if n != row] == \
        [h for n, h in enumerate(before) if n != row]
    # Below the first rows the grid wants the height it had: the page is not laid out again,
    # yet the rows under the grown one move down and the whole note shows.
    assert said == []
    assert grid.sizeHint().height() == wanted
    qtbot.waitUntil(lambda: grid.rowViewportPosition(row + 1)
                    == grid.rowViewportPosition(row) + after[row])
    assert grid.verticalHeader().sectionPosition(ROWS - 1) == sum(after[:ROWS - 1])
    note = grid.visualRect(editor.proxy.index(row, editor.model.column_index(
        "other_remnants_destroyed")))
    assert note.height() >= 3 * grid.fontMetrics().lineSpacing()


def test_a_row_changed_out_of_view_fits_its_text_once_scrolled_to(qtbot: QtBot) -> None:
    editor = _long_table(qtbot)
    grid = editor.grid
    row = 300
    lines = grid.fontMetrics().lineSpacing()
    assert 0 <= grid.rowAt(grid.viewport().height() - 1) < row  # out of view
    editor.document.set_cells("F", "clearance", [(row, "other_remnants_destroyed", NOTE)])
    editor.select_cell(row, "other_remnants_destroyed")
    qtbot.waitUntil(lambda: grid.rowHeight(row) >= 3 * lines)
    # The totals row too, once it is in view.
    total = editor.proxy.rowCount() - 1
    assert editor.model.is_totals_row(total)
    editor.select_cell(ROWS - 1, "cleared_m2")
    qtbot.waitUntil(lambda: grid.rowViewportPosition(total) >= 0)
    assert grid.rowHeight(total) >= grid.sizeHintForRow(total)
