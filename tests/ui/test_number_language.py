"""The real window reads typed areas by the rules of the language chosen: "2,5 ha" is 2.5 ha with
Spanish and is refused with advice in English (it used to be stored as 25 ha)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.schema.i18n import translate
from ccm_desktop.schema.kinds import AreaM2, Int
from ccm_desktop.storage.repository import Repository
from ccm_desktop.ui.editors import AreaEditor, LineEditor
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.table import TableEditor
from tests.ui.helpers import field_row, main_window
from tests.ui.table_helpers import make_editor, stored, type_into, view_index


def _form_f_table(qtbot: QtBot, repository: Repository, tmp_path: Path,
                  lang: str) -> tuple[MainWindow, TableEditor]:
    report = Report()
    report.cover.fields["state"] = "LAO"
    report.form("F").status = FormStatus.CHANGED
    report.form("F").tables["clearance"] = [{"area_id": "CBU-1"}]
    report_id = int(repository.add(report, summary="test"))
    window = main_window(qtbot, repository, tmp_path, date(2025, 3, 3), lang)
    window.open_report(report_id)
    assert window.current is not None
    page = window.current.view.show_key("F")
    table = page.tables["clearance"]
    assert isinstance(table, TableEditor)
    return window, table


def _shown(table: TableEditor, column: str) -> str:
    return str(view_index(table, 0, column).data(Qt.ItemDataRole.DisplayRole))


def test_spanish_reads_a_decimal_comma_and_shows_square_metres(
        qtbot: QtBot, repository: Repository, tmp_path: Path) -> None:
    window, table = _form_f_table(qtbot, repository, tmp_path, "es")
    type_into(qtbot, table, 0, "cleared_m2", "2,5 ha")
    assert stored(table)[0]["cleared_m2"] == Decimal(25000)
    assert _shown(table, "cleared_m2") == "25.000"
    type_into(qtbot, table, 0, "reduced_m2", "3 km2")
    assert stored(table)[0]["reduced_m2"] == Decimal(3_000_000)
    assert _shown(table, "reduced_m2") == "3.000.000"
    window.close()


def test_english_refuses_a_decimal_comma_and_says_how_to_write_it(
        qtbot: QtBot, repository: Repository, tmp_path: Path) -> None:
    window, table = _form_f_table(qtbot, repository, tmp_path, "en")
    cell = type_into(qtbot, table, 0, "cleared_m2", "2,5 ha")
    assert "cleared_m2" not in stored(table)[0]
    message = table.messages.message()
    assert "“2,5 ha”" in message and "use a point for decimals: 2.5" in message, message
    if table.grid.indexWidget(view_index(table, 0, "cleared_m2")) is cell:
        qtbot.keyClick(cell.main, Qt.Key.Key_Escape)  # the refused text is still open: leave it
    type_into(qtbot, table, 0, "cleared_m2", "2.5 ha")
    assert stored(table)[0]["cleared_m2"] == Decimal(25000)
    assert _shown(table, "cleared_m2") == "25,000"
    window.close()


@pytest.mark.parametrize(("locale", "text", "separator"), [
    ("es", "2,5\n1.234\n", "a comma (2,5)"),
    ("en", "2.5\n1,234\n", "a point (2.5)"),
])
def test_the_paste_report_names_the_decimal_separator_it_assumed(
        qtbot: QtBot, locale: str, text: str, separator: str) -> None:
    editor = make_editor(qtbot, "B", "stockpile", [{"type": "A"}, {"type": "B"}], locale=locale)
    editor.grid.setCurrentIndex(view_index(editor, 0, "munitions"))
    QGuiApplication.clipboard().setText(text)
    editor.paste_from_clipboard()
    message = editor.messages.message()
    said = translate("Numbers were read with {separator} as the decimal separator.", locale)
    assert said.format(separator=translate(separator, locale)) in message, message
    # Munitions are whole numbers: "2,5" / "2.5" is refused, the grouped figure is read.
    assert "munitions" not in stored(editor)[0]
    assert stored(editor)[1]["munitions"] == 1234
    assert translate("is not a whole number", locale) in message


def test_a_pasted_english_decimal_comma_is_refused_not_multiplied(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "F", "clearance", [{"area_id": "CBU-1"}], locale="en")
    editor.grid.setCurrentIndex(view_index(editor, 0, "cleared_m2"))
    QGuiApplication.clipboard().setText("2,5 ha\n12,500\n")
    editor.paste_from_clipboard()
    rows = stored(editor)
    assert "cleared_m2" not in rows[0]
    assert rows[1]["cleared_m2"] == Decimal(12500)
    assert "use a point for decimals: 2.5" in editor.messages.message()


@pytest.mark.parametrize(("lang", "typed", "stored", "shown"), [
    ("es", "2,5 ha", Decimal(25000), "25.000"),
    ("fr", "2,5 ha", Decimal(25000), "25\u202f000"),
    ("en", "2.5 ha", Decimal(25000), "25,000"),
    ("en", "3 km2", Decimal(3_000_000), "3,000,000"),
    ("fr", "2,5", Decimal("2.5"), "2,5"),  # no unit typed: the unit list's (m²)
])
def test_a_number_field_converts_and_then_shows_the_stored_square_metres(
        qtbot: QtBot, lang: str, typed: str, stored: Decimal, shown: str) -> None:
    row, got = field_row(qtbot, AreaM2(), lang)
    editor = row.editor
    assert isinstance(editor, AreaEditor)
    line = editor.line
    qtbot.keyClicks(line, typed)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert got[-1] == (stored, True)
    assert line.text() == shown
    assert editor.unit.currentData() == "m2"


def test_a_number_field_refuses_an_english_decimal_comma(qtbot: QtBot) -> None:
    row, got = field_row(qtbot, Int(), "en")
    editor = row.editor
    assert isinstance(editor, LineEditor)
    qtbot.keyClicks(editor.line, "12,75")
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert got == []
    assert row.message.isVisible()
    assert row.message.text() == ("✖ “12,75” has a comma, which here only groups thousands; "
                                  "use a point for decimals: 12.75. It is not kept until it can "
                                  "be read.")
