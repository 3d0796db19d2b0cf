"""What one edit changed, said by the edit itself (design habit 12, after Anki's `OpChanges`).

Every undo command of the window records a `Change` (or a few): the part, and within it the
fields, the form's status, or a table and the rows it touched and how. Listeners do work in
proportion to it: the table model updates those rows, validation reruns the touched part's rules
(and the rules that read it), autosave hands the gathered `Touched` to storage, which writes only
those values and rows. Nobody compares the whole report to find out what a command could say.

`Change(part="")` means "anything may have changed" (a whole report swapped in by an import or
a restore): listeners then do the full work, as the command line and imports always do.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

WHOLE = ""  # the part of a Change that may have touched the whole report


class RowsHow(enum.Enum):
    """How a table's `rows` were touched. Row numbers are those of the table where the rows
    are: after the change for inserted rows, before it for removed rows."""

    CELLS = "cells"  # values edited in place; the table keeps its number of rows
    INSERTED = "inserted"
    REMOVED = "removed"
    MOVED = "moved"  # rows[0] moved to rows[1]; the rows between shift by one


@dataclass(frozen=True)
class Change:
    """What one command changed in one part (cover or a form letter)."""

    part: str
    fields: frozenset[str] = frozenset()
    status: bool = False  # the form's status, year, statement or "to review"
    table: str | None = None
    rows: tuple[int, ...] = ()
    how: RowsHow = RowsHow.CELLS

    @property
    def whole(self) -> bool:
        return self.part == WHOLE

    def inverse(self) -> Change:
        """The change that undoing this one makes."""
        how = {RowsHow.INSERTED: RowsHow.REMOVED, RowsHow.REMOVED: RowsHow.INSERTED}.get(
            self.how, self.how)
        rows = self.rows[::-1] if self.how is RowsHow.MOVED else self.rows
        return Change(self.part, self.fields, self.status, self.table, rows, how)


def runs(rows: tuple[int, ...]) -> list[tuple[int, int]]:
    """Sorted row numbers as [first, last] runs of consecutive rows, ascending."""
    out: list[tuple[int, int]] = []
    for row in sorted(set(rows)):
        if out and out[-1][1] == row - 1:
            out[-1] = (out[-1][0], row)
        else:
            out.append((row, row))
    return out


@dataclass
class Touched:
    """The changes gathered since the last save, for storage: values and statuses by part, and
    per table the rows whose cells changed or whether rows were added, removed or moved."""

    whole: bool = False
    fields: dict[str, set[str]] = field(default_factory=dict)
    forms: set[str] = field(default_factory=set)
    cells: dict[tuple[str, str], set[int]] = field(default_factory=dict)
    reshaped: set[tuple[str, str]] = field(default_factory=set)

    def add(self, change: Change) -> None:
        if change.whole:
            self.whole = True
            return
        if change.fields:
            self.fields.setdefault(change.part, set()).update(change.fields)
        if change.status:
            self.forms.add(change.part)
        if change.table is not None:
            key = (change.part, change.table)
            if change.how is RowsHow.CELLS:
                if key not in self.reshaped:
                    self.cells.setdefault(key, set()).update(change.rows)
            else:
                # Row numbers before this change no longer say where rows are: the table is
                # compared as a whole when saving.
                self.reshaped.add(key)
                self.cells.pop(key, None)

    def is_empty(self) -> bool:
        return not (self.whole or self.fields or self.forms or self.cells or self.reshaped)
