"""One family of editors, driven the way a person uses them in both places it serves: a field of
a page (FieldRow in form_page.py) and a cell of a table (the table's delegate). Each kind of
value is typed, finished with Enter or Tab, and the value kept is read back from the document
(or, for kinds no page of the schema has, from what the page's row sends); a kind without an
editor of its own gets a plain line of text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.schema.kinds import (
    AreaM2,
    Attachments,
    Currency,
    DecimalNumber,
    Int,
    Kind,
    KindError,
    Money,
    StateKind,
)
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.editors import (
    EDITORS,
    AreaEditor,
    ChoiceEditor,
    CurrencyEditor,
    DateEditor,
    LineEditor,
    NoteEditor,
    StateEditor,
    ValueEditor,
    YesNoEditor,
    editor_for,
)
from ccm_desktop.ui.form_page import FormPage
from ccm_desktop.ui.pages import PAGES
from ccm_desktop.ui.table import TableEditor
from tests.ui.helpers import field_row, show_active, type_text


@dataclass(frozen=True)
class Case:
    """One kind: what a person types, the key that ends it, the value kept, and where the
    schema has a field (part, field) and a column (part, table, column) of that kind."""

    name: str
    typed: str
    key: Qt.Key
    kept: Any
    editor: type[ValueEditor]
    field: tuple[str, str] | None = None
    column: tuple[str, str, str] | None = None
    kind: Kind | None = None  # for a row of its own, where no page has such a field
    language: str = "en"


ENTER, TAB = Qt.Key.Key_Return, Qt.Key.Key_Tab
CASES = [
    Case("text", "Mine Action Centre", ENTER, "Mine Action Centre", LineEditor,
         field=("cover", "prepared_by"), column=("F", "clearance", "operator")),
    Case("e-mail", "desk@example.org", TAB, "desk@example.org", LineEditor,
         column=("cover", "contacts", "email")),
    Case("whole number", "1,204", ENTER, 1204, LineEditor, kind=Int(),
         column=("B", "stockpile", "munitions")),
    Case("decimal, French", "-33,5", TAB, Decimal("-33.5"), LineEditor, kind=DecimalNumber(),
         column=("F", "contaminated_areas", "latitude"), language="fr"),
    Case("year", "2023", ENTER, 2023, LineEditor, column=("I", "national_resources", "year")),
    Case("money", "12,500.50", ENTER, Decimal("12500.50"), LineEditor, kind=Money(),
         column=("I", "national_resources", "amount")),
    Case("decimal", "-33.5", TAB, Decimal("-33.5"), LineEditor,
         column=("F", "contaminated_areas", "latitude")),
    Case("area", "2.5 ha", ENTER, Decimal(25000), AreaEditor, kind=AreaM2(),
         column=("F", "clearance", "cleared_m2")),
    Case("area, Spanish", "2,5 ha", TAB, Decimal(25000), AreaEditor, kind=AreaM2(),
         column=("F", "clearance", "cleared_m2"), language="es"),
    Case("date", "15/03/2023", ENTER, date(2023, 3, 15), DateEditor,
         field=("cover", "period_from"), column=("D", "transferred", "date")),
    Case("date, US English", "03/15/2023", TAB, date(2023, 3, 15), DateEditor,
         field=("cover", "period_from"), column=("D", "transferred", "date"),
         language="en_US"),
    Case("note", "Two rounds found", TAB, "Two rounds found", NoteEditor,
         field=("B", "remarks"), column=("F", "clearance", "other_remnants_destroyed")),
    Case("choice", "Ann", ENTER, "annual", ChoiceEditor, field=("cover", "report_kind")),
    Case("choice in a table", "Train", ENTER, "training_development", ChoiceEditor,
         column=("D", "transferred", "purpose")),
    Case("yes or no", "N", TAB, False, YesNoEditor, field=("E", "ever_produced")),
    Case("State", "germ", ENTER, "DEU", StateEditor, field=("cover", "state"),
         column=("D", "transferred", "receiving_state")),
    Case("State, French", "Allem", TAB, "DEU", StateEditor, field=("cover", "state"),
         column=("D", "transferred", "receiving_state"), language="fr"),
    Case("currency", "eur", ENTER, "EUR", CurrencyEditor, kind=Currency(),
         column=("I", "national_resources", "currency")),
]


def _type(qtbot: QtBot, editor: ValueEditor, text: str, key: Qt.Key) -> None:
    """Type `text` over what the input holds and end with `key`, as on a keyboard."""
    target = editor.main
    if isinstance(editor, (LineEditor, StateEditor)):
        target = editor.line
        editor.line.selectAll()
        qtbot.keyClick(editor.line, Qt.Key.Key_Backspace)
    target.setFocus()
    qtbot.keyClicks(target, text)
    popup = QApplication.activePopupWidget()
    if popup is not None:  # the list of suggestions is open: the person closes it first
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.keyClick(target, key)


def _report(part: str) -> Report:
    report = Report()
    if part != "cover":
        report.form(part).status = FormStatus.CHANGED
    return report


def _page(qtbot: QtBot, document: ReportDocument, key: str, language: str) -> FormPage:
    page = FormPage(document, next(p for p in PAGES if p.key == key), language)
    return show_active(qtbot, page, 900, 700)


def _table(qtbot: QtBot, part: str, table: str, language: str) -> TableEditor:
    report = _report(part)
    report.section(part).tables[table] = [{}]
    editor = TableEditor(ReportDocument(report), part, table, locale=language)
    return show_active(qtbot, editor, 1100, 400)


def _open_cell(table: TableEditor, column_id: str) -> ValueEditor:
    index = table.proxy.mapFromSource(table.model.index(0, table.model.column_index(column_id)))
    table.grid.setCurrentIndex(index)
    table.grid.edit(index)
    cell = table.grid.indexWidget(index)
    assert isinstance(cell, ValueEditor), f"no editor opened on {column_id}"
    return cell


@pytest.mark.parametrize("case", [c for c in CASES if c.field or c.kind], ids=lambda c: c.name)
def test_a_field_of_a_page_keeps_what_is_typed(qtbot: QtBot, case: Case) -> None:
    if case.field is not None:
        part, field_id = case.field
        document = ReportDocument(_report(part))
        page = _page(qtbot, document, "cover" if part == "cover" else part, case.language)
        row = page.rows[field_id]
        assert type(row.editor) is case.editor
        _type(qtbot, row.editor, case.typed, case.key)
        qtbot.waitUntil(lambda: document.report.section(part).fields.get(field_id) is not None)
        assert document.report.section(part).fields[field_id] == case.kept
        assert not row.message.isVisible()
        if case.key == ENTER and isinstance(row.editor, (LineEditor, StateEditor)):
            # Enter ends the typing session: one step that Ctrl+Z takes back whole.
            document.undo_stack.undo()
            assert field_id not in document.report.section(part).fields
    else:
        assert case.kind is not None
        row, sent = field_row(qtbot, case.kind, case.language)
        assert type(row.editor) is case.editor
        _type(qtbot, row.editor, case.typed, case.key)
        qtbot.waitUntil(lambda: bool(sent) and sent[-1][1])
        assert sent[-1] == (case.kept, True)


@pytest.mark.parametrize("case", [c for c in CASES if c.column], ids=lambda c: c.name)
def test_a_cell_of_a_table_keeps_what_is_typed(qtbot: QtBot, case: Case) -> None:
    assert case.column is not None
    part, table_id, column_id = case.column
    table = _table(qtbot, part, table_id, case.language)
    cell = _open_cell(table, column_id)
    assert type(cell) is case.editor
    assert cell.language == case.language
    _type(qtbot, cell, case.typed, case.key)
    if table.delegate.open_editor is cell:  # Enter closed a list of suggestions first
        qtbot.keyClick(cell.main, case.key)
    assert table.delegate.open_editor is not cell
    assert table.document.rows(part, table_id)[0].get(column_id) == case.kept
    assert table.document.undo_stack.count() == 1


def test_text_that_cannot_be_read_is_said_in_both_places_and_not_kept(qtbot: QtBot) -> None:
    document = ReportDocument(_report("cover"))
    page = _page(qtbot, document, "cover", "en")
    row = page.rows["period_from"]
    _type(qtbot, row.editor, "31/02/2024", ENTER)
    assert "period_from" not in document.report.cover.fields
    assert row.message.isVisible()
    assert row.message.text() == ("✖ “31/02/2024” is not a real date. It is not kept until it "
                                  "can be read.")
    assert row.editor.text() == "31/02/2024"  # left to correct
    # The whole report shown again (an import, a restored revision): the text stays to correct.
    document.replace_report(Report(), "Restore")
    assert row.editor.text() == "31/02/2024" and row.message.isVisible()

    table = _table(qtbot, "D", "transferred", "en")
    cell = _open_cell(table, "date")
    _type(qtbot, cell, "31/02/2024", ENTER)
    assert table.delegate.open_editor is cell  # still open, to correct what was typed
    assert table.messages.message() == ("Row 1, Date of transfer: “31/02/2024” is not a real date. "
                                        "It was not stored.")
    assert "date" not in table.document.rows("D", "transferred")[0]


def test_the_area_unit_is_the_same_choice_in_a_field_and_across_a_tables_cells(
        qtbot: QtBot) -> None:
    row, sent = field_row(qtbot, AreaM2())
    editor = row.editor
    assert isinstance(editor, AreaEditor)
    editor.set_value(Decimal(25000))
    assert editor.line.text() == "25,000"
    qtbot.keyClick(editor.line, Qt.Key.Key_Down)  # the arrows change the unit
    assert editor.current_unit() == "ha" and editor.line.text() == "2.5"
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, "4")
    qtbot.keyClick(editor.line, ENTER)
    assert sent[-1] == (Decimal(40000), True)

    table = _table(qtbot, "F", "clearance", "en")
    cell = _open_cell(table, "cleared_m2")
    assert isinstance(cell, AreaEditor)
    qtbot.keyClick(cell.line, Qt.Key.Key_Down)
    _type(qtbot, cell, "3", ENTER)
    cell = _open_cell(table, "reduced_m2")  # another area column of the same table
    assert isinstance(cell, AreaEditor) and cell.current_unit() == "ha"
    _type(qtbot, cell, "1", TAB)
    assert table.document.rows("F", "clearance")[0] == {"cleared_m2": Decimal(30000),
                                                        "reduced_m2": Decimal(10000)}


def test_a_state_is_found_from_any_part_of_its_name_in_the_users_language(
        qtbot: QtBot) -> None:
    row, sent = field_row(qtbot, StateKind(), "ru")
    editor = row.editor
    assert isinstance(editor, StateEditor)
    names = {editor.combo.itemText(i) for i in range(editor.combo.count())}
    assert "Германия" in names and "Germany" not in names
    type_text(qtbot, editor.line, "Герм", enter=False)
    popup = QApplication.activePopupWidget()
    if popup is not None:
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.keyClick(editor.line, ENTER)
    assert sent[-1] == ("DEU", True)
    assert editor.combo.currentText() == "Германия"


def test_editors_lay_out_right_to_left_in_arabic(qtbot: QtBot) -> None:
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        row, _sent = field_row(qtbot, AreaM2(), "ar")
        editor = row.editor
        assert isinstance(editor, AreaEditor)
        qtbot.waitUntil(lambda: editor.unit.width() > 0)
        # The unit list stands to the left of the figure, which reads from the right.
        assert editor.unit.geometry().right() < editor.line.geometry().left()
        assert editor.line.placeholderText() == ""
        assert editor.unit.accessibleName() != "Unit"  # its own name, in Arabic
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


# A kind without an editor of its own --------------------------------------------------------


@dataclass(frozen=True)
class Colour(Kind):
    """A kind the editors have never heard of."""

    name: ClassVar[str] = "colour"

    def from_text(self, text: str, locale: str) -> Any:
        if text.lower() not in ("red", "green"):
            raise KindError("is not red or green")
        return text.lower()


class NotAKind:
    """Something that reads and writes text like a kind without being one."""

    is_number = False
    multiline = False

    def parse(self, text: str, locale: str = "en") -> Any:
        return text.strip() or None

    def format(self, value: Any, locale: str = "en") -> str:
        return "" if value is None else str(value)


def test_a_kind_without_an_editor_of_its_own_gets_a_line_of_text(qtbot: QtBot) -> None:
    assert Colour not in EDITORS and Attachments not in EDITORS
    for kind in (Colour(), Attachments(), NotAKind()):
        editor = editor_for(kind, "en")  # type: ignore[arg-type]
        qtbot.addWidget(editor)
        assert type(editor) is LineEditor, kind
    row, sent = field_row(qtbot, Colour())
    assert isinstance(row.editor, LineEditor)
    _type(qtbot, row.editor, "Red", ENTER)
    assert sent[-1] == ("red", True)
    _type(qtbot, row.editor, "blue", ENTER)
    assert sent[-1] == ("red", True)  # not sent: said under the field instead
    assert "“blue” is not red or green" in row.message.text()


def test_every_editor_names_its_inputs_for_screen_readers(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    for kind in {*[c.kind for c in CASES if c.kind], Currency()}:
        editor = editor_for(kind, "en", holder)
        editor.set_accessible("Amount", "What was spent.")
        assert editor.main.accessibleName() == "Amount"
        assert all(w.accessibleName() for w in editor.findChildren(QWidget)
                   if isinstance(w, (QLineEdit, QComboBox)))


def test_a_date_picked_from_the_calendar_is_kept_at_once_in_a_field(qtbot: QtBot) -> None:
    document = ReportDocument(_report("cover"))
    page = _page(qtbot, document, "cover", "en")
    editor = page.rows["period_to"].editor
    assert isinstance(editor, DateEditor)
    qtbot.mouseClick(editor.button, Qt.MouseButton.LeftButton)
    assert editor.calendar.isVisible()
    editor.calendar.setSelectedDate(QDate(2024, 12, 31))
    editor.calendar.clicked.emit(QDate(2024, 12, 31))  # what a click on the day sends
    assert not editor.calendar.isVisible()
    assert document.report.cover.fields["period_to"] == date(2024, 12, 31)
    assert editor.line.text() == "2024-12-31"
