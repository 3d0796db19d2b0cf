"""Copy and paste of blocks as spreadsheets put them on the clipboard."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from ccm_desktop.schema.i18n import ntranslate, translate
from ccm_desktop.ui.table.paste import read_block, write_block
from tests.ui.table_helpers import make_editor, stored, view_index


def test_read_block_understands_spreadsheet_quoting() -> None:
    text = 'a\t"two\nlines"\tc\r\n"say ""hi"""\t\t3\r\n'
    assert read_block(text) == [["a", "two\nlines", "c"], ['say "hi"', "", "3"]]
    assert read_block("x") == [["x"]]
    assert read_block('5" pipe\t2\n') == [['5" pipe', "2"]]  # a quote inside is not quoting
    assert read_block("") == []


def test_write_block_round_trips() -> None:
    block = [["a", "two\nlines", 'say "hi"'], ["", "tab\there", "1,234.5"]]
    assert read_block(write_block(block)) == block


def test_paste_a_block_from_excel_in_one_step(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "F", "clearance", [{"area_id": "CBU-1", "location": "North"}])
    # Copied from Excel: area, location, cleared, reduced; a multi-line cell and a bad number.
    text = ('CBU-2\t"Valley,\nwest bank"\t12,500\t1 ha\r\n'
            'CBU-3\tHills\t8000\tabout 300\r\n'
            'CBU-4\tCoast\t2.5 ha\t\r\n')
    editor.grid.setCurrentIndex(view_index(editor, 0, "area_id"))
    QGuiApplication.clipboard().setText(text)
    before = editor.document.undo_stack.count()
    editor.paste_from_clipboard()
    assert editor.document.undo_stack.count() == before + 1
    assert stored(editor) == [
        {"area_id": "CBU-2", "location": "Valley,\nwest bank", "cleared_m2": Decimal(12500),
         "reduced_m2": Decimal(10000)},
        {"area_id": "CBU-3", "location": "Hills", "cleared_m2": Decimal(8000)},
        {"area_id": "CBU-4", "location": "Coast", "cleared_m2": Decimal(25000)},
    ]
    message = editor.messages.message()
    assert message.startswith("Pasted 10 cells into 3 rows. 2 rows were added at the end.")
    assert "1 cell could not be read" in message
    assert "row 2, Reduced by technical survey (m²): “about 300” is not a number" in message
    assert editor.messages.attention
    editor.document.undo_stack.undo()
    assert stored(editor) == [{"area_id": "CBU-1", "location": "North"}]
    editor.document.undo_stack.redo()
    assert len(stored(editor)) == 3


def test_paste_uses_decimal_commas_of_the_locale_and_skips_a_header(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "I", "national_resources", locale="fr")
    text = ("Year\tArticle\tType of resource\tAmount\tCurrency\n"
            "2023\tArt. 4 Clearance\tFinancial\t1 234 567,50\teur\n"
            "2024\t5\tin kind\t980,25\tEUR\n")
    editor.paste_text(text)
    assert stored(editor) == [
        {"year": 2023, "article": "4", "resource_type": "financial",
         "amount": Decimal("1234567.50"), "currency": "EUR"},
        {"year": 2024, "article": "5", "resource_type": "in_kind", "amount": Decimal("980.25"),
         "currency": "EUR"},
    ]
    # The summary is written in the editor's language (French here).
    assert translate("The first line held the column titles and was left out.", "fr") in \
        editor.messages.message().splitlines()
    first = editor.messages.message().splitlines()[0]
    assert first.startswith(ntranslate("Pasted {n} cell into {rows}.",
                                       "Pasted {n} cells into {rows}.", 10, "fr").format(
        n=10, rows=ntranslate("{n} row", "{n} rows", 2, "fr").format(n=2)))
    assert not editor.messages.attention


def test_paste_below_the_end_appends_rows_and_reports_extra_columns(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "D", "transferred", [{"type": "A"}])
    editor.grid.setCurrentIndex(view_index(editor, 0, "purpose"))
    editor.paste_text("Destruction\t2023-05-01\textra\nTraining and development\t01/02/2024\t\n"
                      "Destruction\tnot a date\n")
    assert stored(editor) == [
        {"type": "A", "purpose": "destruction", "date": date(2023, 5, 1)},
        {"purpose": "training_development", "date": date(2024, 2, 1)},
        {"purpose": "destruction"},
    ]
    message = editor.messages.message()
    assert "1 column on the right went past the last column" in message
    assert "row 3, Date of transfer: “not a date” is not a date" in message
    editor.paste_text("M77\tmany\n")  # nothing readable: nothing changes
    assert len(stored(editor)) == 3
    assert editor.messages.message().startswith(
        "Nothing was pasted: none of the cells could be read.")
    assert "• pasted line 1, Purpose: “M77” is not one of the choices." in editor.messages.message()


def test_one_value_pasted_on_a_selection_fills_it(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "H", "casualties", [{"total": 1}, {"total": 2}, {"total": 3}])
    flags = editor.grid.selectionModel().SelectionFlag
    for row in (0, 2):
        editor.grid.selectionModel().select(view_index(editor, row, "outcome"), flags.Select)
    editor.paste_text("Injured\n")
    assert [r.get("outcome") for r in stored(editor)] == ["injured", None, "injured"]


def test_copy_selection_as_tab_separated_text(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "F", "clearance", [
        {"area_id": "A", "location": "two\nlines", "cleared_m2": Decimal(1500)},
        {"area_id": "B", "cleared_m2": Decimal("2.5")},
    ])
    flags = editor.grid.selectionModel().SelectionFlag
    for row in (0, 1):
        for column in ("area_id", "location", "cleared_m2"):
            editor.grid.selectionModel().select(view_index(editor, row, column), flags.Select)
    editor.grid.setFocus()
    qtbot.keyClick(editor.grid, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied == 'A\t"two\nlines"\t1,500\nB\t\t2.5\n'
    # ... and pasting it back elsewhere reads the same values.
    editor.go_to(1, 0)
    editor.paste_text(copied)
    assert stored(editor)[1:] == [
        {"area_id": "A", "location": "two\nlines", "cleared_m2": Decimal(1500)},
        {"area_id": "B", "cleared_m2": Decimal("2.5")},
    ]


def test_delete_key_clears_selected_cells_in_one_step(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "H", "casualties", [{"men": 1, "total": 1}, {"men": 2, "total": 2}])
    flags = editor.grid.selectionModel().SelectionFlag
    for row in (0, 1):
        editor.grid.selectionModel().select(view_index(editor, row, "men"), flags.Select)
    editor.grid.setFocus()
    qtbot.keyClick(editor.grid, Qt.Key.Key_Delete)
    assert stored(editor) == [{"total": 1}, {"total": 2}]
    editor.document.undo_stack.undo()
    assert stored(editor) == [{"men": 1, "total": 1}, {"men": 2, "total": 2}]
