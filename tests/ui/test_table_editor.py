"""The table editor driven as a person would: rows, typed cells, refusals, findings, jumps."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ccm_desktop.ui.editors import AreaEditor, ChoiceEditor, DateEditor, StateEditor
from ccm_desktop.ui.table import TableEditor
from ccm_desktop.ui.table.model import FINDING_ROLE
from tests.ui.table_helpers import make_editor, open_cell, stored, type_into, view_index


def undo_count(editor: TableEditor) -> int:
    return editor.document.undo_stack.count()


def select_rows(editor: TableEditor, *rows: int) -> None:
    flags = editor.grid.selectionModel().SelectionFlag
    editor.grid.clearSelection()
    for row in rows:
        editor.grid.selectionModel().select(editor.proxy.index(row, 0),
                                            flags.Select | flags.Rows)
    editor.grid.selectionModel().setCurrentIndex(editor.proxy.index(rows[0], 0), flags.NoUpdate)


def test_empty_table_offers_a_sentence_and_add(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "H", "casualties")
    assert editor.stack.currentWidget() is editor.empty_page
    assert "No rows yet" in editor.empty_page.sentence.text()
    editor.empty_page.add_button.click()
    assert stored(editor) == [{}]
    assert editor.stack.currentWidget() is editor.grid
    assert editor.document.undo_stack.undoText() == "Add a row to Casualties"


def test_row_actions_are_one_step_each(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "H", "casualties",
                         [{"total": 1}, {"total": 2}, {"total": 3}])

    def totals() -> list[object]:
        return [r.get("total") for r in stored(editor)]

    editor.go_to(1)
    editor.action_insert.trigger()
    assert totals() == [1, None, 2, 3]
    editor.action_add.trigger()
    assert totals() == [1, None, 2, 3, None]
    assert editor.current_stored_row() == 4
    select_rows(editor, 0, 2)
    editor.action_duplicate.trigger()
    assert totals() == [1, None, 2, 1, 2, 3, None]
    select_rows(editor, 1, 6)
    editor.action_delete.trigger()
    assert totals() == [1, 2, 1, 2, 3]
    assert "Ctrl+Z brings them back" in editor.messages.message()
    editor.go_to(4)
    editor.action_up.trigger()
    assert totals() == [1, 2, 1, 3, 2]
    assert editor.current_stored_row() == 3  # the moved row stays current
    editor.action_down.trigger()
    assert totals() == [1, 2, 1, 2, 3]
    steps = undo_count(editor)
    assert steps == 6
    for expected in ([1, 2, 1, 3, 2], [1, 2, 1, 2, 3], [1, None, 2, 1, 2, 3, None],
                     [1, None, 2, 3, None], [1, None, 2, 3], [1, 2, 3]):
        editor.document.undo_stack.undo()
        assert totals() == expected
    editor.document.undo_stack.redo()
    assert totals() == [1, None, 2, 3]


def test_keyboard_shortcuts_act_on_rows(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "H", "casualties", [{"total": 1}, {"total": 2}])
    editor.grid.setFocus()
    editor.go_to(0)
    qtbot.keyClick(editor.grid, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(stored(editor)) == 3
    qtbot.keyClick(editor.grid, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(stored(editor)) == 4
    editor.go_to(0)
    qtbot.keyClick(editor.grid, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [r.get("total") for r in stored(editor)][:2] == [2, 1]
    select_rows(editor, 0)
    qtbot.keyClick(editor.grid, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert len(stored(editor)) == 3
    assert "(Ctrl+D)" in editor.action_duplicate.toolTip()


def test_typed_cells_store_typed_values(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "D", "transferred", [{"type": "M26"}])
    type_into(qtbot, editor, 0, "munitions", "1,204")
    type_into(qtbot, editor, 0, "date", "15/03/2023")
    cell = open_cell(editor, 0, "purpose")
    assert isinstance(cell, ChoiceEditor)
    qtbot.keyClicks(cell.combo, "Training")
    qtbot.keyClick(cell.combo, Qt.Key.Key_Return)
    cell = open_cell(editor, 0, "receiving_state")
    assert isinstance(cell, StateEditor)
    qtbot.keyClicks(cell.line, "germ")  # only one State's name holds "germ"
    qtbot.keyClick(cell.line, Qt.Key.Key_Return)
    if editor.delegate.open_editor is cell:  # the first Enter closed the completion list
        qtbot.keyClick(cell.line, Qt.Key.Key_Return)
    assert stored(editor) == [{"type": "M26", "munitions": 1204, "date": date(2023, 3, 15),
                               "purpose": "training_development", "receiving_state": "DEU"}]
    assert editor.model.display_text(0, editor.model.column_index("receiving_state")) == \
        "Germany"
    assert undo_count(editor) == 4


def test_state_found_by_name_in_the_users_language(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "D", "transferred", [{"type": "M26"}], locale="fr")
    cell = open_cell(editor, 0, "receiving_state")
    assert isinstance(cell, StateEditor)
    for ch in "Allemagne":  # typed as key events that carry their text
        QApplication.sendEvent(cell.line, QKeyEvent(QKeyEvent.Type.KeyPress, 0,
                                                    Qt.KeyboardModifier.NoModifier, ch))
    assert cell.line.text() == "Allemagne"
    assert editor.delegate.commit_open_editor()
    assert stored(editor)[0]["receiving_state"] == "DEU"


def test_state_cells_offer_states_only_and_take_the_names_people_type(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "D", "transferred", [{"type": "M26"}])
    cell = open_cell(editor, 0, "receiving_state")
    assert isinstance(cell, StateEditor)
    offered = {cell.combo.itemText(i) for i in range(cell.combo.count())}
    assert {"United States of America", "Holy See", "State of Palestine",
            "Lao People's Democratic Republic"} <= offered
    assert not offered & {"Åland Islands", "Antarctica", "Puerto Rico", "Greenland"}
    assert len(offered) == 1 + 197  # the empty choice, 195 UN States, Cook Islands and Niue
    qtbot.keyClicks(cell.line, "UK")
    assert editor.delegate.commit_open_editor()
    assert stored(editor)[0]["receiving_state"] == "GBR"
    assert editor.model.display_text(0, editor.model.column_index("receiving_state")) == \
        "United Kingdom of Great Britain and Northern Ireland"


def test_area_unit_choice_converts_to_square_metres(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "F", "clearance", [{"area_id": "CBU-1"}])
    cell = open_cell(editor, 0, "cleared_m2")
    assert isinstance(cell, AreaEditor)
    cell.unit.setCurrentIndex(cell.unit.findData("ha"))
    qtbot.keyClicks(cell.line, "2.5")
    qtbot.keyClick(cell.line, Qt.Key.Key_Return)
    assert stored(editor)[0]["cleared_m2"] == Decimal(25000)
    # The next area cell opens in hectares too, showing the stored figure in that unit.
    cell = open_cell(editor, 0, "cleared_m2")
    assert isinstance(cell, AreaEditor)
    assert cell.current_unit() == "ha" and cell.line.text() == "2.5"
    qtbot.keyClick(cell.line, Qt.Key.Key_Escape)
    # The arrows change the unit from the keyboard.
    cell = open_cell(editor, 0, "cancelled_m2")
    assert isinstance(cell, AreaEditor) and cell.current_unit() == "ha"
    qtbot.keyClick(cell.line, Qt.Key.Key_Down)
    assert cell.current_unit() == "km2"
    qtbot.keyClicks(cell.line, "0.5")
    qtbot.keyClick(cell.line, Qt.Key.Key_Return)
    assert stored(editor)[0]["cancelled_m2"] == Decimal(500_000)
    # A unit typed with the figure wins over the list.
    type_into(qtbot, editor, 0, "reduced_m2", "1 km2")
    assert stored(editor)[0]["reduced_m2"] == Decimal(1_000_000)


def test_invalid_input_is_refused_with_a_message(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "H", "casualties", [{"total": 3}])
    cell = type_into(qtbot, editor, 0, "total", "three")
    assert stored(editor) == [{"total": 3}]
    assert editor.delegate.open_editor is cell  # still open, to correct what was typed
    message = editor.messages.message()
    assert message == "Row 1, Total: “three” is not a whole number. It was not stored."
    assert editor.messages.attention
    qtbot.keyClick(cell.main, Qt.Key.Key_Escape)
    assert editor.delegate.open_editor is None
    type_into(qtbot, editor, 0, "total", "-4")
    assert stored(editor) == [{"total": 3}]
    assert "cannot be negative" in editor.messages.message()
    assert undo_count(editor) == 0


def test_totals_row_adds_up_and_is_not_stored(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "F", "contaminated_areas", [
        {"area_id": "A", "latitude": Decimal("33.5"), "size_m2": Decimal(20000)},
        {"area_id": "B", "latitude": Decimal("34"), "size_m2": Decimal("1500.5")},
    ])
    model = editor.model
    assert model.rowCount() == 3 and model.is_totals_row(2)
    assert model.display_text(2, model.column_index("size_m2")) == "21,500.5"
    assert model.display_text(2, model.column_index("latitude")) == ""  # coordinates don't add
    assert not model.flags(model.index(2, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.headerData(2, Qt.Orientation.Vertical) == "Total"
    type_into(qtbot, editor, 1, "size_m2", "500")
    assert model.display_text(2, model.column_index("size_m2")) == "20,500"
    assert len(stored(editor)) == 2 and all("total" not in r for r in stored(editor))


def test_required_columns_are_marked_with_help_as_tooltip(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "H", "casualties")
    model = editor.model
    outcome = model.column_index("outcome")
    assert model.headerData(outcome, Qt.Orientation.Horizontal) == "Outcome\u00a0*"
    assert model.headerData(model.column_index("women"), Qt.Orientation.Horizontal) == "Women"
    assert "Killed or injured." in model.headerData(outcome, Qt.Orientation.Horizontal,
                                                    Qt.ItemDataRole.ToolTipRole)


def test_cell_with_a_finding_is_marked_until_fixed(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "H", "casualties",
                         [{"outcome": "killed", "men": 2, "boys": 1, "total": 3}])
    index = view_index(editor, 0, "total")
    assert index.data(FINDING_ROLE) is None
    type_into(qtbot, editor, 0, "total", "4")
    index = view_index(editor, 0, "total")
    assert index.data(FINDING_ROLE) == "error"
    assert "is not the sum" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None  # a sign, not only colour
    editor.document.undo_stack.undo()
    assert view_index(editor, 0, "total").data(FINDING_ROLE) is None


def test_select_cell_scrolls_selects_and_outlines(qtbot: QtBot) -> None:
    page = QScrollArea()
    qtbot.addWidget(page)
    content = QWidget()
    layout = QVBoxLayout(content)
    spacer = QWidget()
    spacer.setFixedHeight(1500)
    layout.addWidget(spacer)
    editor = make_editor(qtbot, "H", "casualties",
                         [{"outcome": "killed", "total": n} for n in range(40)])
    editor.setParent(content)
    layout.addWidget(editor)
    page.setWidget(content)
    page.setWidgetResizable(True)
    page.resize(900, 600)
    page.show()
    qtbot.waitExposed(page)
    editor.select_cell(35, "total")
    assert editor.current_stored_row() == 35
    assert editor.delegate.outlined == (35, "total")
    assert editor.grid.verticalScrollBar().value() > 0
    assert page.verticalScrollBar().value() > 0
    rect = editor.grid.visualRect(view_index(editor, 35, "total"))
    assert editor.grid.viewport().rect().contains(rect.center())
    editor.select_cell(2, None)  # a whole row
    assert {i.row() for i in editor.grid.selectionModel().selectedIndexes()} == {2}
    assert editor.delegate.outlined is None
    editor.select_cell(None, None)  # the table itself
    assert not editor.grid.selectionModel().selectedIndexes()


def test_editors_have_accessible_names(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "F", "clearance", [{"area_id": "CBU-1"}])
    assert editor.grid.accessibleName() == "Clearance during the period table"
    cell = open_cell(editor, 0, "cleared_m2")
    assert cell.main.accessibleName() == "Cleared (m²), row 1"
    assert all(button.accessibleName() for button in editor.buttons)


def test_typing_on_a_cell_replaces_it_and_tab_moves_on(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "H", "casualties", [{"women": 5, "total": 9}])
    editor.grid.setFocus()
    editor.grid.setCurrentIndex(view_index(editor, 0, "women"))
    qtbot.keyClicks(editor.grid, "7")  # as in a spreadsheet: typing starts editing
    cell = editor.delegate.open_editor
    assert cell is not None
    qtbot.keyClick(cell.main, Qt.Key.Key_Tab)
    assert stored(editor)[0]["women"] == 7
    # Tab opened the next cell (Men) for typing.
    assert editor.grid.currentIndex() == view_index(editor, 0, "men")
    cell = editor.delegate.open_editor
    assert cell is not None and cell.objectName() == "men"
    qtbot.keyClicks(cell.main, "2")
    qtbot.keyClick(cell.main, Qt.Key.Key_Return)
    assert stored(editor)[0] == {"women": 7, "men": 2, "total": 9}
    assert "Casualties who were men" in editor.grid.whatsThis()  # F1 explains the column


def test_a_note_takes_several_lines(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "F", "clearance", [{"area_id": "A"}])
    cell = open_cell(editor, 0, "other_remnants_destroyed")
    qtbot.keyClicks(cell.main, "2 mortar rounds")
    qtbot.keyClick(cell.main, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(cell.main, "1 rocket")
    qtbot.keyClick(cell.main, Qt.Key.Key_Return)
    assert stored(editor)[0]["other_remnants_destroyed"] == "2 mortar rounds\n1 rocket"
    assert editor.grid.rowHeight(0) > editor.grid.fontMetrics().lineSpacing() * 2


def test_a_date_can_be_picked_from_the_calendar(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "D", "transferred", [{"type": "M26"}])
    cell = open_cell(editor, 0, "date")
    assert isinstance(cell, DateEditor)
    cell.open_calendar()
    assert cell.calendar.isVisible()
    qtbot.keyClick(cell.line, Qt.Key.Key_Return)  # Enter while the calendar is open: not stored
    assert stored(editor) == [{"type": "M26"}]
    cell.calendar.setSelectedDate(QDate(2024, 2, 29))
    cell.calendar.clicked.emit(QDate(2024, 2, 29))
    assert not cell.calendar.isVisible() and cell.line.text() == "2024-02-29"
    qtbot.keyClick(cell.line, Qt.Key.Key_Return)
    assert stored(editor) == [{"type": "M26", "date": date(2024, 2, 29)}]
    type_into(qtbot, editor, 0, "date", "31/02/2024")
    assert "is not a real date" in editor.messages.message()
    assert stored(editor)[0]["date"] == date(2024, 2, 29)


def test_a_finding_about_the_whole_table_is_shown_above_it(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "F", "contaminated_areas",
                         [{"area_id": "CBU-1", "size_m2": Decimal(100)}])
    assert not editor.findings_line.isVisible()
    # Ten years after entry into force, the period ends with an area still contaminated.
    editor.document.set_value("cover", "entry_into_force", date(2010, 8, 1))
    editor.document.set_value("cover", "period_to", date(2023, 12, 31))
    assert editor.findings_line.isVisible()
    assert "contaminated areas remain after" in editor.findings_line.text()


def test_columns_share_the_width_without_going_below_their_smallest() -> None:
    from ccm_desktop.ui.table.view import share_widths

    wanted = [(100, 50), (200, 150), (300, 60)]
    assert share_widths(wanted, 700) == [116, 233, 351]  # stretched to fill
    assert share_widths(wanted, 420) == [67, 150, 203]  # squeezed; the second at its smallest
    assert sum(share_widths(wanted, 200)) > 200  # too narrow: the grid scrolls sideways


def test_each_kind_gets_its_editor(qtbot: QtBot) -> None:
    from ccm_desktop.schema.kinds import Currency, Int, Money, Note, Text, YesNo
    from ccm_desktop.ui.editors import (
        CurrencyEditor,
        LineEditor,
        NoteEditor,
        YesNoEditor,
        editor_for,
    )

    expected = {Int(): LineEditor, Money(): LineEditor, Text(): LineEditor, Note(): NoteEditor,
                YesNo(): YesNoEditor, Currency(): CurrencyEditor}
    for kind, editor_class in expected.items():
        widget = editor_for(kind, "en")
        qtbot.addWidget(widget)
        assert type(widget) is editor_class, kind
    yes_no = editor_for(YesNo(), "en")
    qtbot.addWidget(yes_no)
    yes_no.set_value(False)
    assert yes_no.value() is False


def test_currency_codes_are_upper_cased_and_checked(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "I", "national_resources", [{"year": 2023}])
    type_into(qtbot, editor, 0, "currency", "eur")
    assert stored(editor)[0]["currency"] == "EUR"
    type_into(qtbot, editor, 0, "currency", "xyz")
    assert "is not a known currency code" in editor.messages.message()
    assert stored(editor)[0]["currency"] == "EUR"


def test_a_long_table_measures_the_rows_in_view_and_those_scrolled_to(qtbot: QtBot) -> None:
    """Row heights fit the wrapped notes of the rows one can see; the thousands of rows below
    are measured when they come into view, not all at once when the page opens."""
    note = "2 mortar rounds\n1 rocket\n3 fuzes"
    rows = [{"area_id": f"A-{n}", "other_remnants_destroyed": note} for n in range(2000)]
    editor = make_editor(qtbot, "F", "clearance", rows)
    grid = editor.grid
    lines = grid.fontMetrics().lineSpacing()
    asked: list[int] = []
    measure = editor.delegate.sizeHint

    def counting(option: Any, index: Any) -> Any:
        asked.append(index.row())
        return measure(option, index)

    editor.delegate.sizeHint = counting  # type: ignore[method-assign]
    grid.remeasure()  # as after a sort: every height is stale
    assert grid.rowHeight(0) > 3 * lines
    assert asked and len(set(asked)) < 100  # the rows in view, not all 2,000
    editor.select_cell(1999, "area_id")
    qtbot.waitUntil(lambda: grid.rowHeight(1999) > 3 * lines)
    assert len(set(asked)) < 200
