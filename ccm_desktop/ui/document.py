"""The open report and its undo stack: the one door for every change
(docs/architecture.md, "How an edit flows").

Views never mutate `document.report`; they call the methods below, which push an undo command.
Every command says what it changed as `Change`s (domain/changes.py: the part, the fields, the
status, or a table's rows and how), and keeps only the old and new values of what it touched,
never copies of a table. After every do/undo/redo the document emits `changes_made` with those
`Change`s and `changed(path)` for each path touched; it then reruns the checks of the parts the
change can affect (schema/validate_parts.py) and keeps every other part's findings.
"""

from __future__ import annotations

import copy
import hashlib
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ccm_desktop.domain.changes import WHOLE, Change, RowsHow
from ccm_desktop.domain.findings import Finding
from ccm_desktop.domain.report import Attachment, FormStatus, Report, Row, is_empty
from ccm_desktop.schema.i18n import N_, Message, language, message
from ccm_desktop.schema.model import path_of
from ccm_desktop.schema.validate_parts import PART_IDS, PartChecks, readers_of

Mutation = Callable[[Report], None]
# An undo step's text: a template with its parameters, written in the window's language when
# shown (plain text is looked up in the catalogue as it is).
UndoText = str | Message
_EDIT_CELLS, _ADD_ROW, _DELETE_ROWS = (message(N_("Edit cells")), message(N_("Add row")),
                                       message(N_("Delete rows")))


_MERGEABLE = 1  # QUndoCommand.id() of commands that may merge (same merge key)


class _Command(QUndoCommand):
    """One undoable step. Its text ("Add a row to Clearance") is kept as a template with its
    parameters (`said`) and written in the window's language, again when the language changes."""

    def __init__(self, doc: ReportDocument, text: UndoText, redo: Mutation, undo: Mutation,
                 changes: tuple[Change, ...], merge_key: object = None) -> None:
        self.said = text if isinstance(text, Message) else Message(text)
        super().__init__(self.said.text(language(doc.lang)))
        self._doc, self._undo, self._changes = doc, undo, changes
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
        self._changes = tuple(dict.fromkeys((*self._changes, *other._changes)))  # noqa: SLF001
        return True

    def redo(self) -> None:
        for mutation in self._redos:
            mutation(self._doc._report)  # noqa: SLF001 - the document owns its commands
        self._doc._after_change(self._changes)  # noqa: SLF001

    def undo(self) -> None:
        self._undo(self._doc._report)  # noqa: SLF001
        self._doc._after_change(tuple(c.inverse() for c in reversed(self._changes)))  # noqa: SLF001


def _table(report: Report, part_id: str, table_id: str) -> list[Row]:
    """The table's list of rows in `report`, created (empty) when it has none yet."""
    return report.section(part_id).tables.setdefault(table_id, [])


def _drop_if_empty(report: Report, part_id: str, table_id: str) -> None:
    tables = report.section(part_id).tables
    if not tables.get(table_id):
        tables.pop(table_id, None)


def _paths(change: Change) -> list[str]:
    """The interchange paths a change touched, for the listeners of `changed(str)`."""
    if change.whole:
        return [""]
    paths = [path_of(change.part, "fields", f) for f in sorted(change.fields)]
    if change.table is not None:
        paths.append(path_of(change.part, "tables", change.table))
    if change.status:
        paths.append(path_of(change.part, "status"))
    return paths


class ReportDocument(QObject):
    """The report being edited. Signals:
    - `changes_made(tuple[Change, ...])`: what a do/undo/redo changed (domain/changes.py);
    - `changed(str)`: each path that changed (e.g. `forms.F.tables.clearance`,
      `cover.fields.state`, `forms.B.status`; "" for the whole report), after every do/undo/redo;
    - `findings_changed()`: after re-validation (`findings` holds the current list, and
      `findings_changed_parts` the parts whose findings differ from before, so that a listener
      redoes only those);
    - `notice(str)`: a sentence to show the user (e.g. a form switched to changed).
    """

    changes_made = Signal(object)
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
        self._checks = PartChecks(report, previous)
        self._findings_by_part: dict[str, list[Finding]] = self._checks.findings(PART_IDS)
        self.findings: list[Finding] = self._joined_findings()
        self.findings_changed_parts: frozenset[str] = frozenset(PART_IDS)
        # The user's locale for numbers and dates in editors; None: the report's language.
        self.locale: str | None = None
        self.lang = "en"  # the window's language: of the undo and redo texts

    def set_language(self, lang: str) -> None:
        """Write the texts of the undo history (Edit → Undo …) in `lang` from now on."""
        self.lang = lang
        shown = language(lang)
        for i in range(self.undo_stack.count()):
            command = self.undo_stack.command(i)
            if isinstance(command, _Command):
                command.setText(command.said.text(shown))

    @property
    def report(self) -> Report:
        """The current report. Read it; never change it directly."""
        return self._report

    def snapshot(self) -> Report:
        """A deep copy, safe to hand to another thread (export)."""
        return self._report.copy()

    def findings_of(self, part_id: str) -> list[Finding]:
        """The current findings of one part (the cover or a form letter)."""
        return self._findings_by_part.get(part_id, [])

    # Fields and form status -------------------------------------------------------------------

    def set_value(self, part_id: str, field_id: str, value: Any, merge_key: object = None) -> None:
        """Set a field. Consecutive edits with the same non-None `merge_key` (one typing session
        in one editor) become a single undo step."""
        old = self._report.section(part_id).fields.get(field_id)
        if old == value or (is_empty(old) and is_empty(value)):
            return

        def put(v: Any) -> Mutation:
            def apply(r: Report) -> None:
                fields = r.section(part_id).fields
                if is_empty(v):
                    fields.pop(field_id, None)
                else:
                    fields[field_id] = v
            return apply

        self._push_content_edit(part_id, message(N_("Edit value")), put(value), put(old),
                                (Change(part_id, fields=frozenset({field_id})),), merge_key)

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

        self.undo_stack.push(_Command(self, message(N_("Form {letter} status"), letter=letter),
                                      put(after), put(before),
                                      (Change(letter, status=True),)))

    def confirm_reviewed(self, letter: str) -> None:
        """The user checked a form carried over into next year's draft and confirms it as it
        stands (unchanged, or not applicable with its statement): it is no longer "to review"."""
        if not self._report.form(letter).to_review:
            return

        def put(value: bool) -> Mutation:
            def apply(r: Report) -> None:
                r.form(letter).to_review = value
            return apply

        self.undo_stack.push(_Command(self, message(N_("Confirm Form {letter}"), letter=letter),
                                      put(False), put(True),
                                      (Change(letter, status=True),)))

    # Tables -----------------------------------------------------------------------------------
    # A command keeps the rows it touched as they were and as they are after it (rows are
    # replaced by new dicts, never changed in place), so undo costs what the edit touched.

    def rows(self, part_id: str, table_id: str) -> list[Row]:
        return self._report.section(part_id).tables.get(table_id, [])

    def set_cells(self, part_id: str, table_id: str,
                  changes: Iterable[tuple[int, str, Any]],
                  text: UndoText = _EDIT_CELLS) -> None:
        """Several cells in one undoable step (a paste). Rows past the end are appended."""
        rows = self.rows(part_id, table_id)
        count = len(rows)
        after: dict[int, Row] = {}
        for row, column_id, value in changes:
            if row not in after:
                after[row] = dict(rows[row]) if row < count else {}
            if is_empty(value):
                after[row].pop(column_id, None)
            else:
                after[row][column_id] = value
        grown = max(0, max(after, default=-1) + 1 - count)
        added = [after.get(i, {}) for i in range(count, count + grown)]
        edited = tuple(i for i in sorted(after) if i < count and after[i] != rows[i])
        if not edited and not grown:
            return
        before = {i: rows[i] for i in edited}

        def redo(r: Report) -> None:
            table = _table(r, part_id, table_id)
            for i in edited:
                table[i] = dict(after[i])
            table.extend(dict(row) for row in added)

        def undo(r: Report) -> None:
            table = _table(r, part_id, table_id)
            del table[count:]
            for i in edited:
                table[i] = before[i]
            _drop_if_empty(r, part_id, table_id)

        made: list[Change] = []
        if edited:
            made.append(Change(part_id, table=table_id, rows=edited))
        if grown:
            made.append(Change(part_id, table=table_id, rows=tuple(range(count, count + grown)),
                               how=RowsHow.INSERTED))
        self._push_content_edit(part_id, text, redo, undo, tuple(made))

    def insert_rows(self, part_id: str, table_id: str, index: int, rows: list[Row],
                    text: UndoText = _ADD_ROW) -> None:
        if not rows:
            return
        index = max(0, min(index, len(self.rows(part_id, table_id))))
        new = copy.deepcopy(rows)

        def redo(r: Report) -> None:
            _table(r, part_id, table_id)[index:index] = [dict(row) for row in new]

        def undo(r: Report) -> None:
            del _table(r, part_id, table_id)[index:index + len(new)]
            _drop_if_empty(r, part_id, table_id)

        self._push_content_edit(part_id, text, redo, undo, (Change(
            part_id, table=table_id, rows=tuple(range(index, index + len(new))),
            how=RowsHow.INSERTED),))

    def remove_rows(self, part_id: str, table_id: str, indexes: Iterable[int],
                    text: UndoText = _DELETE_ROWS) -> None:
        rows = self.rows(part_id, table_id)
        drop = tuple(sorted({i for i in indexes if 0 <= i < len(rows)}))
        if not drop:
            return
        gone = [(i, rows[i]) for i in drop]

        def redo(r: Report) -> None:
            table = _table(r, part_id, table_id)
            if len(drop) > 16:  # one pass rather than many shifts of the rows after each
                dropped = set(drop)
                table[:] = [row for i, row in enumerate(table) if i not in dropped]
            else:
                for i in reversed(drop):
                    del table[i]
            _drop_if_empty(r, part_id, table_id)

        def undo(r: Report) -> None:
            table = _table(r, part_id, table_id)
            for i, row in gone:
                table.insert(i, row)

        self._push_content_edit(part_id, text, redo, undo, (Change(
            part_id, table=table_id, rows=drop, how=RowsHow.REMOVED),))

    def move_row(self, part_id: str, table_id: str, source: int, target: int) -> None:
        count = len(self.rows(part_id, table_id))
        if source == target or not (0 <= source < count) or not (0 <= target < count):
            return

        def shift(a: int, b: int) -> Mutation:
            def apply(r: Report) -> None:
                table = _table(r, part_id, table_id)
                table.insert(b, table.pop(a))
            return apply

        self._push_content_edit(part_id, message(N_("Move row")), shift(source, target),
                                shift(target, source),
                                (Change(part_id, table=table_id, rows=(source, target),
                                        how=RowsHow.MOVED),))

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

    def replace_report(self, new_report: Report, text: UndoText) -> None:
        """Swap in a whole new report as one undoable step (merge of an import, restore)."""
        before, after = self._report.copy(), new_report.copy()

        def put(r_new: Report) -> Mutation:
            def apply(r: Report) -> None:
                r.__dict__.update(copy.deepcopy(r_new).__dict__)
            return apply

        self.undo_stack.push(_Command(self, text, put(after), put(before), (Change(WHOLE),)))

    # Internals ------------------------------------------------------------------------------

    def _push_content_edit(self, part_id: str, text: UndoText, redo: Mutation, undo: Mutation,
                           changes: tuple[Change, ...], merge_key: object = None) -> None:
        """Typing into a form marked unchanged or not applicable switches it to changed, in the
        same undoable step, and says so."""
        form = self._report.form(part_id) if part_id != "cover" else None
        if form is None or (form.status is FormStatus.CHANGED and not form.to_review):
            self.undo_stack.push(_Command(self, text, redo, undo, changes, merge_key))
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
                                      (*changes, Change(part_id, status=True)), merge_key))
        if old[0] is not None and old[0] is not FormStatus.CHANGED:
            self.notice.emit(message(N_("Form {letter} is now marked changed, because you "
                                        "entered data in it."), letter=part_id
                                     ).text(language(self.lang)))

    def _after_change(self, changes: tuple[Change, ...]) -> None:
        self.changes_made.emit(changes)
        for path in dict.fromkeys(p for change in changes for p in _paths(change)):
            self.changed.emit(path)
        if any(change.whole for change in changes):
            self.revalidate()
            return
        for change in changes:
            self._checks.forget(change)
        parts = set().union(*(readers_of(change) for change in changes))
        fresh = self._checks.findings(parts)
        # Findings of unchanged rows are the same objects (kept per row), so comparing a part's
        # list costs little; listeners then rebuild only what differs.
        self.findings_changed_parts = frozenset(
            p for p, found in fresh.items() if found != self._findings_by_part.get(p))
        self._findings_by_part.update(fresh)
        if self.findings_changed_parts:
            self.findings = self._joined_findings()
        self.findings_changed.emit()

    def revalidate(self) -> None:
        """Check the whole report again (after the report to compare with changed)."""
        self._checks = PartChecks(self._report, self.previous)
        self._findings_by_part = self._checks.findings(PART_IDS)
        self.findings = self._joined_findings()
        self.findings_changed_parts = frozenset(PART_IDS)
        self.findings_changed.emit()

    def _joined_findings(self) -> list[Finding]:
        return [f for part_id in PART_IDS for f in self._findings_by_part.get(part_id, [])]
