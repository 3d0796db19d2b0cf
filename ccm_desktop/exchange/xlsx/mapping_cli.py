"""`import FILE.xlsx --map MAP [--into ID] [--dry-run] [--skip-bad-rows]` and `guess-map`.

The command line's side of the column mapping (docs/excel.md). Cells that cannot be read are printed one
a line with sheet, row and column; with any of them nothing is stored (exit code 2) unless
`--skip-bad-rows` leaves those rows out. The database is opened only when there is something
to store, and written once, in one transaction (the repository's `save`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ccm_desktop.domain.report import Row
from ccm_desktop.exchange.xlsx.grid import where
from ccm_desktop.exchange.xlsx.mapping import ColumnMap, import_with_mapping, load_mapping
from ccm_desktop.schema.i18n import translate
from ccm_desktop.schema.model import Table
from ccm_desktop.schema.registry import PARTS

EXIT_OK, EXIT_UNREADABLE = 0, 2
Say = Callable[[str], None]


class MappingError(Exception):
    """A wrong argument (form or table): one sentence, exit code 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.user_message = message


def row_json(table: Table, row: Row) -> dict[str, Any]:
    return {c.id: c.kind.to_json(row[c.id]) for c in table.columns
            if row.get(c.id) is not None and row.get(c.id) != ""}


def describe_target(mapping: ColumnMap, lang: str = "en") -> str:
    table = mapping.schema()
    part = "Cover page" if mapping.form == "cover" else f"Form {mapping.form}"
    return f"{part}, {translate(table.label, lang)} ({mapping.form}.{mapping.table})"


def import_with_map(args: argparse.Namespace, repository_factory: Callable[[Any], Any], say: Say,
                    complain: Say) -> int:
    mapping = load_mapping(args.map)
    name = Path(args.file).name
    result = import_with_mapping(args.file, mapping)
    table = mapping.schema()
    for problem in result.problems:
        complain(problem.sentence(name))
    for number, why in result.skipped:
        complain(f"{name} at {where(mapping.sheet, number)}: left out, {why}.")
    if result.problems:
        rows_text = _count(len(result.bad_rows), "row")
        cells_text = _count(len(result.problems), "cell")
        if not args.skip_bad_rows:
            complain(f"Nothing was stored: {cells_text} in {rows_text} could not be read; correct "
                     "them, or give --skip-bad-rows to leave those rows out.")
            return EXIT_UNREADABLE
        complain(f"Leaving out {rows_text} with {cells_text} that could not be read.")
    rows = result.rows_to_add()
    if args.into is None:
        say(json.dumps([row_json(table, r) for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    target = describe_target(mapping)
    if not rows:
        say(f"Nothing to add to {target} of report {args.into}: the sheet has no rows to import.")
        return EXIT_OK
    with repository_factory(args) as repo:
        report = repo.load(args.into)
        holder = report.cover if mapping.form == "cover" else report.form(mapping.form)
        existing = list(holder.tables.get(mapping.table, []))
        if args.dry_run:
            say(f"Would add {_count(len(rows), 'row')} to {target} of report {args.into} (it has "
                f"{len(existing)} now); nothing was changed:")
            for row in rows:
                say(json.dumps(row_json(table, row), ensure_ascii=False))
            return EXIT_OK
        holder.tables[mapping.table] = existing + rows
        repo.save(args.into, report,
                  summary=f"Imported {_count(len(rows), 'row')} into {mapping.form}."
                          f"{mapping.table} from {name}")
    say(f"Added {_count(len(rows), 'row')} to {target} of report {args.into} (it has "
        f"{len(existing) + len(rows)} now).")
    return EXIT_OK


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}" + ("" if number == 1 else "s")


def guess_map_command(args: argparse.Namespace, say: Say) -> int:
    from ccm_desktop.exchange.xlsx.guess import guess_for_workbook

    form, table_id = args.form, args.table
    part = next((p for p in PARTS if p.id == form or p.id == str(form).upper()), None)
    if part is None:
        raise MappingError(f"there is no form \"{form}\" (use cover or A to J)")
    if not part.has_table(table_id):
        tables = ", ".join(t.id for t in part.tables) or "none"
        raise MappingError(f"{part.id} has no table \"{table_id}\" (its tables: {tables})")
    guess = guess_for_workbook(args.file, part.id, table_id, getattr(args, "sheet", None))
    say(guess.mapping.dumps().rstrip("\n"))
    name = Path(args.file).name
    for col, header in guess.unmatched:
        print(f"ccm-desktop: {name} at {where(guess.mapping.sheet, guess.mapping.header_row, col)}"
              f": \"{header}\" looks like no column of {part.id}.{table_id}; it is left out of "
              "the mapping.", file=sys.stderr, flush=True)
    if not guess.mapping.columns:
        print(f"ccm-desktop: {name}: no header of sheet \"{guess.mapping.sheet}\" looks like a "
              f"column of {part.id}.{table_id}; fill in \"columns\" by hand.", file=sys.stderr,
              flush=True)
    return EXIT_OK
