"""One stream of changes: each command says what it changed, and the table model, validation
and autosave follow only that (design habit 12)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.changes import Change, RowsHow, Touched
from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.schema.validate import validate
from ccm_desktop.storage.changes import diff
from ccm_desktop.storage.content import content_of
from ccm_desktop.storage.repository import open_repository
from ccm_desktop.ui.autosave import Autosaver
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.table.model import TableModel


def _reports() -> tuple[Report, Report]:
    """This year's report and last year's, with a stockpile whose balance depends on Form D."""
    previous = Report()
    previous.cover.fields["state"] = "GBR"
    previous.form("B").status = FormStatus.CHANGED
    previous.form("B").tables["stockpile"] = [{"type": "M26", "munitions": 150}]
    report = Report()
    report.cover.fields["state"] = "GBR"
    b = report.form("B")
    b.status = FormStatus.CHANGED
    b.tables["stockpile"] = [{"type": "M26", "munitions": 100}]
    f = report.form("F")
    f.status = FormStatus.CHANGED
    f.tables["contaminated_areas"] = [
        {"area_id": f"CA-{i}", "location": f"Place {i}", "status": "confirmed",
         "size_m2": Decimal(1000 + i)} for i in range(30)]
    return report, previous


def _edits(doc: ReportDocument) -> list[Callable[[], None]]:
    return [
        lambda: doc.set_cells("F", "contaminated_areas", [(3, "size_m2", Decimal(-5))]),
        lambda: doc.set_cells("F", "contaminated_areas", [(3, "size_m2", Decimal(7))]),
        # A value of the wrong type: one finding, and the rules see the row without it.
        lambda: doc.set_cells("F", "contaminated_areas", [(2, "date_of_use", "last spring")]),
        lambda: doc.set_cells("F", "contaminated_areas", [(2, "latitude", Decimal(95))]),
        lambda: doc.set_cells("F", "contaminated_areas", [(31, "area_id", "CA-new")]),
        lambda: doc.insert_rows("F", "contaminated_areas", 0, [{"area_id": "CA-top"}]),
        lambda: doc.remove_rows("F", "contaminated_areas", [1, 2, 5]),
        lambda: doc.move_row("F", "contaminated_areas", 0, 4),
        lambda: doc.set_value("cover", "period_to", None),
        lambda: doc.set_value("cover", "state", "FRA"),
        lambda: doc.set_value("cover", "state", "GBR"),
        # Form D's transfers enter Form B's stockpile balance (B declares that it reads D).
        lambda: doc.set_form_status("D", FormStatus.CHANGED),
        lambda: doc.set_cells("D", "transferred", [(0, "type", "M26"), (0, "munitions", 50)]),
        lambda: doc.set_form_status("A", FormStatus.NOT_APPLICABLE, statement="n/a"),
    ]


def test_findings_after_each_edit_undo_and_redo_are_those_of_a_full_check(qtbot: QtBot) -> None:
    report, previous = _reports()
    doc = ReportDocument(report, previous=previous)
    seen: set[tuple[str, str]] = set()
    for edit in _edits(doc):
        edit()
        assert doc.findings == validate(doc.report, previous)
        seen |= {(f.path, f.message) for f in doc.findings}
    assert any("stockpile" in path for path, _m in seen), "the B balance rule should have spoken"
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
        assert doc.findings == validate(doc.report, previous)
    while doc.undo_stack.canRedo():
        doc.undo_stack.redo()
        assert doc.findings == validate(doc.report, previous)


def test_an_edit_reruns_only_the_parts_it_can_affect(qtbot: QtBot) -> None:
    report, previous = _reports()
    doc = ReportDocument(report, previous=previous)
    kept = {p: doc.findings_of(p) for p in ("cover", "A", "B", "C")}
    doc.set_cells("F", "contaminated_areas", [(3, "size_m2", Decimal(-5))])
    assert all(doc.findings_of(p) is kept[p] for p in kept)  # the very same lists: not rerun
    assert any(f.path.startswith("forms.F.tables.contaminated_areas[3]")
               for f in doc.findings_of("F"))
    doc.set_cells("D", "transferred", [(0, "type", "M26")])
    assert doc.findings_of("B") is not kept["B"]  # B reads D
    assert doc.findings_of("C") is kept["C"]


def test_commands_say_what_they_changed_and_keep_untouched_rows(qtbot: QtBot) -> None:
    report, _previous = _reports()
    doc = ReportDocument(report)
    said: list[tuple[Change, ...]] = []
    doc.changes_made.connect(said.append)
    rows_before = list(doc.rows("F", "contaminated_areas"))
    doc.set_cells("F", "contaminated_areas", [(3, "location", "North"), (32, "area_id", "X")])
    assert said[-1] == (
        Change("F", table="contaminated_areas", rows=(3,)),
        Change("F", table="contaminated_areas", rows=(30, 31, 32), how=RowsHow.INSERTED))
    rows = doc.rows("F", "contaminated_areas")
    # No copy of the table: every row the edit did not touch is the same object as before.
    assert all(rows[i] is rows_before[i] for i in range(30) if i != 3)
    assert rows_before[3]["location"] == "Place 3"  # the old row is kept for undo, unchanged
    doc.undo_stack.undo()
    assert said[-1] == (
        Change("F", table="contaminated_areas", rows=(30, 31, 32), how=RowsHow.REMOVED),
        Change("F", table="contaminated_areas", rows=(3,)))
    assert doc.rows("F", "contaminated_areas") == rows_before
    doc.move_row("F", "contaminated_areas", 2, 7)
    doc.undo_stack.undo()
    assert said[-1] == (Change("F", table="contaminated_areas", rows=(7, 2), how=RowsHow.MOVED),)
    assert doc.rows("F", "contaminated_areas") == rows_before


def test_the_table_model_updates_only_the_rows_that_changed(qtbot: QtBot) -> None:
    report, _previous = _reports()
    doc = ReportDocument(report)
    model = TableModel(doc, "F", "contaminated_areas", "en", parent=doc)
    changed: list[tuple[int, int]] = []
    inserted: list[tuple[int, int]] = []
    removed: list[tuple[int, int]] = []

    def on_data(first: QModelIndex, last: QModelIndex) -> None:
        changed.append((first.row(), last.row()))

    def on_inserted(_parent: QModelIndex, first: int, last: int) -> None:
        inserted.append((first, last))

    def on_removed(_parent: QModelIndex, first: int, last: int) -> None:
        removed.append((first, last))

    model.dataChanged.connect(on_data)
    model.rowsInserted.connect(on_inserted)
    model.rowsRemoved.connect(on_removed)

    model.setData(model.index(12, model.column_index("location")), "Elsewhere")
    assert changed[0] == (12, 12)
    assert model.data(model.index(12, model.column_index("location"))) == "Elsewhere"
    changed.clear()
    doc.remove_rows("F", "contaminated_areas", [4, 5, 9])
    assert removed == [(9, 9), (4, 5)]
    doc.undo_stack.undo()
    assert inserted == [(4, 5), (9, 9)]
    # After all that the model shows exactly what the document holds.
    shown = [model.row_values(r) for r in range(model.stored_count())]
    assert shown == doc.rows("F", "contaminated_areas")
    assert model.has_totals  # the size column adds up: the totals row follows the rows
    assert model.rowCount(QModelIndex()) == model.stored_count() + 1
    assert model.value(model.stored_count(), model.column_index("size_m2")) == sum(
        r["size_m2"] for r in doc.rows("F", "contaminated_areas"))


def test_autosave_writes_what_the_commands_touched(qtbot: QtBot, tmp_path: Path) -> None:
    report, previous = _reports()
    db = tmp_path / "reports.db"
    with open_repository(db) as repo:
        report_id = repo.add(report)
        doc = ReportDocument(repo.load(report_id), report_id, previous)
        saver = Autosaver(doc, lambda r, touched: repo.save(report_id, r, touched=touched),
                          parent=doc)
        for edit in _edits(doc):
            edit()
            assert saver.flush()
        doc.undo_stack.undo()
        doc.undo_stack.undo()
        assert saver.flush()
        doc.undo_stack.redo()
        assert saver.flush()
    with open_repository(db) as again:
        assert again.load(report_id).normalised() == doc.report.normalised()


def test_storage_compares_only_what_it_is_told_was_touched() -> None:
    report, _previous = _reports()
    stored = content_of(report, {})
    rows = report.form("F").tables["contaminated_areas"]
    rows[3] = {**rows[3], "location": "Told"}
    rows[20] = {**rows[20], "location": "Not told"}
    touched = Touched()
    touched.add(Change("F", table="contaminated_areas", rows=(3,)))
    hinted = diff(stored, report, touched)
    assert [h.start for h in hinted.tables["F"]["contaminated_areas"]] == [3]
    assert [h.start for h in diff(stored, report).tables["F"]["contaminated_areas"]] == [3, 20]


def test_an_edit_is_saved_on_the_next_turn_of_the_event_loop(qtbot: QtBot,
                                                              tmp_path: Path) -> None:
    """One debounce: the field's typing pause. The autosaver adds no second wait."""
    db = tmp_path / "reports.db"
    with open_repository(db) as repo:
        report_id = repo.add(Report())
        doc = ReportDocument(repo.load(report_id), report_id)
        saver = Autosaver(doc, lambda r, touched: repo.save(report_id, r, touched=touched),
                          parent=doc)
        doc.set_value("cover", "prepared_by", "Mine action office")
        assert saver.dirty
        QCoreApplication.processEvents()
        assert not saver.dirty
        assert repo.load(report_id).cover.fields["prepared_by"] == "Mine action office"
