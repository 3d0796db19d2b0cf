"""The open report and its undo stack: the one door for every change
(docs/architecture.md, "How an edit flows").

Views never mutate `document.report`; they call the methods below, which push an undo command.
Every command emits `changed(path)` with the interchange path of what changed (a field, a table,
or a form's status), so autosave, re-validation, the navigator and the pages each listen in one
place.
"""

from __future__ import annotations

import copy
import hashlib
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ccm_desktop.domain.findings import Finding
from ccm_desktop.domain.report import Attachment, FormData, FormStatus, Report, Row, Section
from ccm_desktop.schema.model import path_of
from ccm_desktop.schema.validate import validate

Mutation = Callable[[Report], None]


_MERGEABLE = 1  # QUndoCommand.id() of commands that may merge (same merge key)


class _Command(QUndoCommand):
    def __init__(self, doc: ReportDocument, text: str, redo: Mutation, undo: Mutation,
                 paths: tuple[str, ...], merge_key: object = None) -> None:
        super().__init__(text)
        self._doc, self._undo, self._paths = doc, undo, paths
        self._redos: list[Mutation] = [redo]
        self.merge_key = merge_key

    def id(self) -> int:
        return _MERGEABLE if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        """Keystrokes in one field while the user types are one undo step: the first command
        keeps what to undo, and every later one adds what to redo."""
        if not isinstance(other, _Command) or other.merge_key != self.merge_key:
            return False
        self._redos.extend(other._redos)  # noqa: SLF001
        self._paths = tuple(dict.fromkeys((*self._paths, *other._paths)))  # noqa: SLF001
        return True

    def redo(self) -> None:
        for mutation in self._redos:
            mutation(self._doc._report)  # noqa: SLF001 - the document owns its commands
        self._doc._after_change(self._paths)  # noqa: SLF001

    def undo(self) -> None:
        self._undo(self._doc._report)  # noqa: SLF001
        self._doc._after_change(self._paths)  # noqa: SLF001


def _holder(report: Report, part_id: str) -> Section | FormData:
    return report.cover if part_id == "cover" else report.form(part_id)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


class ReportDocument(QObject):
    """The report being edited. Signals:
    - `changed(str)`: the path that changed (e.g. `forms.F.tables.clearance`, `cover.fields.state`,
      `forms.B.status`), after every do/undo/redo;
    - `findings_changed()`: after re-validation (`findings` holds the current list);
    - `notice(str)`: a sentence to show the user (e.g. a form switched to changed).
    """

    changed = Signal(str)
    findings_changed = Signal()
    notice = Signal(str)

    def __init__(self, report: Report, report_id: int | None = None,
                 previous: Report | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._report = report
        self.report_id = report_id
        self.previous = previous
        self.undo_stack = QUndoStack(self)
        self.findings: list[Finding] = validate(report, previous)
        # The user's locale for numbers and dates in editors; None: the report's language.
        self.locale: str | None = None

    @property
    def report(self) -> Report:
        """The current report. Read it; never change it directly."""
        return self._report

    def snapshot(self) -> Report:
        """A deep copy, safe to hand to another thread (autosave, export)."""
        return self._report.copy()

    # Fields and form status -------------------------------------------------------------------

    def set_value(self, part_id: str, field_id: str, value: Any, merge_key: object = None) -> None:
        """Set a field. Consecutive edits with the same non-None `merge_key` (one typing session
        in one editor) become a single undo step."""
        old = _holder(self._report, part_id).fields.get(field_id)
        if old == value or (_empty(old) and _empty(value)):
            return

        def put(v: Any) -> Mutation:
            def apply(r: Report) -> None:
                fields = _holder(r, part_id).fields
                if _empty(v):
                    fields.pop(field_id, None)
                else:
                    fields[field_id] = v
            return apply

        self._push_content_edit(part_id, "Edit value", put(value), put(old),
                                (path_of(part_id, "fields", field_id),), merge_key)

    def set_form_status(self, letter: str, status: FormStatus | None,
                        last_reported_year: int | None = None, statement: str | None = None) -> None:
        """Choosing a status is a decision about the form: a form carried over "to review"
        is reviewed by it (in the same undoable step)."""
        form = self._report.form(letter)
        before = (form.status, form.last_reported_year, form.statement, form.to_review)
        after = (status, last_reported_year, statement or None, False)
        if before[:3] == after[:3]:
            return

        def put(values: tuple[FormStatus | None, int | None, str | None, bool]) -> Mutation:
            def apply(r: Report) -> None:
                f = r.form(letter)
                f.status, f.last_reported_year, f.statement, f.to_review = values
            return apply

        self.undo_stack.push(_Command(self, f"Form {letter} status", put(after), put(before),
                                      (path_of(letter, "status"),)))

    def confirm_reviewed(self, letter: str) -> None:
        """The user checked a form carried over into next year's draft and confirms it as it
        stands (unchanged, or not applicable with its statement): it is no longer "to review"."""
        if not self._report.form(letter).to_review:
            return

        def put(value: bool) -> Mutation:
            def apply(r: Report) -> None:
                r.form(letter).to_review = value
            return apply

        self.undo_stack.push(_Command(self, f"Confirm Form {letter}", put(False), put(True),
                                      (path_of(letter, "status"),)))

    # Tables -----------------------------------------------------------------------------------

    def rows(self, part_id: str, table_id: str) -> list[Row]:
        return _holder(self._report, part_id).tables.get(table_id, [])

    def set_cell(self, part_id: str, table_id: str, row: int, column_id: str, value: Any) -> None:
        self.set_cells(part_id, table_id, [(row, column_id, value)], "Edit cell")

    def set_cells(self, part_id: str, table_id: str,
                  changes: Iterable[tuple[int, str, Any]], text: str = "Edit cells") -> None:
        """Several cells in one undoable step (a paste). Rows past the end are appended."""
        changes = list(changes)
        before = copy.deepcopy(self.rows(part_id, table_id))
        after = copy.deepcopy(before)
        for row, column_id, value in changes:
            while row >= len(after):
                after.append({})
            if _empty(value):
                after[row].pop(column_id, None)
            else:
                after[row][column_id] = value
        if after != before:
            self._replace_rows(part_id, table_id, before, after, text)

    def insert_rows(self, part_id: str, table_id: str, index: int, rows: list[Row],
                    text: str = "Add row") -> None:
        before = copy.deepcopy(self.rows(part_id, table_id))
        after = before[:index] + copy.deepcopy(rows) + before[index:]
        self._replace_rows(part_id, table_id, before, after, text)

    def remove_rows(self, part_id: str, table_id: str, indexes: Iterable[int],
                    text: str = "Delete rows") -> None:
        drop = set(indexes)
        before = copy.deepcopy(self.rows(part_id, table_id))
        after = [r for i, r in enumerate(before) if i not in drop]
        if after != before:
            self._replace_rows(part_id, table_id, before, after, text)

    def move_row(self, part_id: str, table_id: str, source: int, target: int) -> None:
        before = copy.deepcopy(self.rows(part_id, table_id))
        if source == target or not (0 <= source < len(before)) or not (0 <= target < len(before)):
            return
        after = copy.deepcopy(before)
        after.insert(target, after.pop(source))
        self._replace_rows(part_id, table_id, before, after, "Move row")

    def _replace_rows(self, part_id: str, table_id: str, before: list[Row], after: list[Row],
                      text: str) -> None:
        def put(rows: list[Row]) -> Mutation:
            def apply(r: Report) -> None:
                tables = _holder(r, part_id).tables
                if rows:
                    tables[table_id] = copy.deepcopy(rows)
                else:
                    tables.pop(table_id, None)
            return apply

        self._push_content_edit(part_id, text, put(after), put(before),
                                (path_of(part_id, "tables", table_id),))

    # Attachments and whole-report changes ----------------------------------------------------

    def add_attachment(self, filename: str, media_type: str, data: bytes) -> str:
        """Store a file in the report (once per content) and return its id for a cell.
        Not undoable by itself: the cell edit that refers to it is."""
        digest = hashlib.sha256(data).hexdigest()
        for attachment in self._report.attachments.values():
            if attachment.sha256 == digest:
                return attachment.id
        new_id = f"att-{uuid.uuid4().hex[:12]}"
        self._report.attachments[new_id] = Attachment(new_id, filename, media_type, digest, data)
        return new_id

    def replace_report(self, new_report: Report, text: str) -> None:
        """Swap in a whole new report as one undoable step (merge of an import, restore)."""
        before, after = self._report.copy(), new_report.copy()

        def put(r_new: Report) -> Mutation:
            def apply(r: Report) -> None:
                r.__dict__.update(copy.deepcopy(r_new).__dict__)
            return apply

        self.undo_stack.push(_Command(self, text, put(after), put(before), ("",)))

    # Internals ------------------------------------------------------------------------------

    def _push_content_edit(self, part_id: str, text: str, redo: Mutation, undo: Mutation,
                           paths: tuple[str, ...], merge_key: object = None) -> None:
        """Typing into a form marked unchanged or not applicable switches it to changed, in the
        same undoable step, and says so."""
        form = self._report.form(part_id) if part_id != "cover" else None
        if form is None or (form.status is FormStatus.CHANGED and not form.to_review):
            self.undo_stack.push(_Command(self, text, redo, undo, paths, merge_key))
            return
        old = (form.status, form.last_reported_year, form.statement, form.to_review)
        # Editing a form reviews it: it is changed now, and no longer "to review".
        new = (FormStatus.CHANGED, None, None, False) if form.status is not FormStatus.CHANGED \
            else (*old[:3], False)

        def redo_all(r: Report) -> None:
            f = r.form(part_id)
            f.status, f.last_reported_year, f.statement, f.to_review = new
            redo(r)

        def undo_all(r: Report) -> None:
            undo(r)
            f = r.form(part_id)
            f.status, f.last_reported_year, f.statement, f.to_review = old

        self.undo_stack.push(_Command(self, text, redo_all, undo_all,
                                      (*paths, path_of(part_id, "status")), merge_key))
        if old[0] is not None and old[0] is not FormStatus.CHANGED:
            self.notice.emit(f"Form {part_id} is now marked changed, because you entered data "
                             "in it.")

    def _after_change(self, paths: tuple[str, ...]) -> None:
        for path in paths:
            self.changed.emit(path)
        self.revalidate()

    def revalidate(self) -> None:
        self.findings = validate(self._report, self.previous)
        self.findings_changed.emit()
