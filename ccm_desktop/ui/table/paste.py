"""Copy and paste of table blocks in the form spreadsheets put on the clipboard.

Excel, LibreOffice and Google Sheets copy a block as tab-separated text, one line a row; a cell
holding a tab, a line break or a quote is wrapped in double quotes with inner quotes doubled.
`read_block` undoes that, `write_block` does it, and `plan_paste` turns a block into typed cell
values for a table, with a plain sentence for every cell it could not read. No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ccm_desktop.schema.i18n import N_, ntranslate, translate
from ccm_desktop.schema.kinds import KindError
from ccm_desktop.schema.model import Field
from ccm_desktop.schema.numbers import decimal_separator_phrase

Block = list[list[str]]


def read_block(text: str) -> Block:
    """Clipboard text -> rows of cell texts. A trailing line break ends the block."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows: Block = []
    row: list[str] = []
    cell: list[str] = []
    i, n = 0, len(text)
    at_cell_start = True
    while i < n:
        ch = text[i]
        if at_cell_start and ch == '"':
            closing = _closing_quote(text, i + 1)
            if closing is not None:
                cell.append(text[i + 1:closing].replace('""', '"'))
                i = closing + 1
                at_cell_start = False
                continue
        if ch == "\t":
            row.append("".join(cell))
            cell, at_cell_start = [], True
        elif ch == "\n":
            row.append("".join(cell))
            rows.append(row)
            row, cell, at_cell_start = [], [], True
        else:
            cell.append(ch)
            at_cell_start = False
        i += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    return rows


def _closing_quote(text: str, start: int) -> int | None:
    """The index of the quote that closes a quoted cell opened before `start`, provided it is
    followed by a tab, a line break or the end; None when the cell is not really quoted."""
    i = start
    while True:
        j = text.find('"', i)
        if j < 0:
            return None
        if j + 1 < len(text) and text[j + 1] == '"':
            i = j + 2
            continue
        return j if j + 1 == len(text) or text[j + 1] in "\t\n" else None


def write_block(rows: Sequence[Sequence[str]]) -> str:
    """Rows of texts -> tab-separated clipboard text that spreadsheets read back."""
    def quoted(cell: str) -> str:
        if any(c in cell for c in '\t\n"') or cell.startswith(" ") and cell.endswith(" "):
            return '"' + cell.replace('"', '""') + '"'
        return cell

    return "".join("\t".join(quoted(c) for c in row) + "\n" for row in rows)


@dataclass(frozen=True)
class Problem:
    row: int  # stored row (0-based) the value was meant for
    column: Field
    text: str
    why: str
    line: int = 0  # line of the pasted block (0-based)


@dataclass
class PastePlan:
    changes: list[tuple[int, str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped_header: bool = False
    columns_cut: int = 0  # cells to the right of the last column
    read_only: list[str] = field(default_factory=list)  # labels of columns that cannot be pasted
    new_rows: int = 0
    cells: int = 0  # cells pasted (an empty cell pasted over a value counts: it clears it)
    nothing_read: bool = False  # no cell could be read: nothing is changed at all
    number_locale: str | None = None  # set when numbers were read: whose separators were assumed

    @property
    def rows_touched(self) -> int:
        return len({row for row, _, _ in self.changes})


def is_header(cells: Sequence[str], columns: Sequence[Field], lang: str) -> bool:
    """Whether a copied first line is the table's own column titles (then it is skipped)."""
    names: set[str] = set()
    for column in columns:
        for text in (column.label, translate(column.label, lang), column.id):
            names.add(_fold(text))
            names.add(_fold(text) + " *")
    filled = [_fold(c) for c in cells if c.strip()]
    return bool(filled) and all(c in names for c in filled)


def _fold(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").casefold().split())


Parse = Callable[[Field, str], Any]


def plan_paste(block: Block, columns: Sequence[Field], start_column: int,
               target_rows: Sequence[int], stored_count: int, parse: Parse,
               lang: str = "en", locale: str | None = None) -> PastePlan:
    """Where each pasted cell goes and what it becomes.

    `target_rows` are the stored rows under the view's rows from the current one down (the view
    may be sorted); block lines past them become new rows at the end. `parse(column, text)`
    returns the value to store or raises KindError with a short phrase; it reads numbers by the
    rules of `locale`, which the report then names."""
    plan = PastePlan()
    if block and is_header(block[0], columns[start_column:], lang) and len(block) > 1:
        block = block[1:]
        plan.skipped_header = True
    width = len(columns) - start_column
    next_new = stored_count
    for offset, cells in enumerate(block):
        if offset < len(target_rows):
            row = target_rows[offset]
        elif any(c.strip() for c in cells):
            # A new row for every line, even one that could not be read at all, so that the
            # rows keep the block's order and every problem names a row that exists.
            row, next_new = next_new, next_new + 1
            plan.new_rows += 1
            plan.changes.append((row, columns[0].id, None))  # makes the row, stores nothing
        else:
            continue  # an empty line at the end of a copied block adds no row
        plan.columns_cut = max(plan.columns_cut, len(cells) - width)
        for position, text in enumerate(cells[:width]):
            column = columns[start_column + position]
            if column.kind.name == "attachments":
                if text.strip() and column.label not in plan.read_only:
                    plan.read_only.append(column.label)
                continue
            if column.kind.is_number and text.strip() and locale is not None:
                plan.number_locale = locale
            try:
                value = parse(column, text)
            except KindError as problem:
                plan.problems.append(Problem(row, column, text.strip(), problem.text(lang), offset))
                continue
            if row >= stored_count and value is None:
                continue
            plan.changes.append((row, column.id, value))
            plan.cells += 1
    if plan.cells == 0 and plan.problems:
        plan.changes, plan.new_rows, plan.nothing_read = [], 0, True
    return plan


def counted(count: int, one: str, many: str, lang: str, **more: Any) -> str:
    """`one` or `many` (both marked with N_ by the caller), translated and filled in."""
    return translate(one if count == 1 else many, lang).format(count=count, **more)


def summary(plan: PastePlan, lang: str, limit: int = 6) -> tuple[str, bool]:
    """A sentence (or a few) about a paste, and whether it needs the person's attention."""
    def tr(text: str) -> str:
        return translate(text, lang)

    if plan.nothing_read:
        parts = [tr(N_("Nothing was pasted: none of the cells could be read. Check that the "
                       "current cell is in the column where the first copied column belongs."))]
    else:
        # One sentence in each language: the count of cells chooses its plural form, and the
        # rows are a counted phrase of their own ("3 rows").
        rows = ntranslate("{n} row", "{n} rows", plan.rows_touched, lang).format(
            n=plan.rows_touched)
        parts = [ntranslate("Pasted {n} cell into {rows}.", "Pasted {n} cells into {rows}.",
                            plan.cells, lang).format(n=plan.cells, rows=rows)]
    if plan.new_rows:
        parts[0] += " " + ntranslate("{n} row was added at the end.",
                                     "{n} rows were added at the end.", plan.new_rows,
                                     lang).format(n=plan.new_rows)
    if plan.skipped_header:
        parts.append(tr(N_("The first line held the column titles and was left out.")))
    if plan.problems:
        if not plan.nothing_read:
            parts.append(counted(len(plan.problems),
                                 N_("1 cell could not be read and was left as it was:"),
                                 N_("{count} cells could not be read and were left as they "
                                    "were:"), lang))
        for problem in plan.problems[:limit]:
            where = (tr(N_("pasted line {line}")).format(line=problem.line + 1)
                     if plan.nothing_read else tr(N_("row {row}")).format(row=problem.row + 1))
            parts.append("• " + tr(N_("{where}, {column}: “{text}” {why}.")).format(
                where=where, column=tr(problem.column.label), text=problem.text,
                why=tr(problem.why)))
        if len(plan.problems) > limit:
            parts.append(tr(N_("…and {count} more.")).format(count=len(plan.problems) - limit))
    if plan.columns_cut > 0:
        parts.append(counted(plan.columns_cut,
                             N_("1 column on the right went past the last column and was left "
                                "out."),
                             N_("{count} columns on the right went past the last column and "
                                "were left out."), lang))
    if plan.number_locale is not None:
        parts.append(tr(N_("Numbers were read with {separator} as the decimal separator.")).format(
            separator=decimal_separator_phrase(plan.number_locale, lang)))
    for label in plan.read_only:
        parts.append(tr(N_("{column} cannot be pasted; attach the files to each row "
                           "instead.")).format(column=tr(label)))
    attention = bool(plan.problems or plan.columns_cut > 0 or plan.read_only)
    return "\n".join(parts), attention
