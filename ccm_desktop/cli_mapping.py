"""`import FILE.xlsx --map MAP [--into ID] [--dry-run] [--skip-bad-rows]` and `guess-map`.

The command line's side of the column mapping (docs/excel.md): exchange/xlsx/mapping.py reads
the workbook and returns rows and problems; this module takes the arguments, prints, and stores.
Cells that cannot be read are printed one a line with sheet, row and column; with any of them
nothing is stored (exit code 2) unless `--skip-bad-rows` leaves those rows out. The database is
opened only when there is something to store, and written once, in one transaction (the
repository's `save`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ccm_desktop.domain.errors import UserError
from ccm_desktop.domain.messages import nmessage
from ccm_desktop.domain.report import Row
from ccm_desktop.exchange.xlsx.grid import where
from ccm_desktop.exchange.xlsx.mapping import ColumnMap, import_with_mapping, load_mapping
from ccm_desktop.schema.i18n import N_, language, language_of_environment, ntranslate, translate
from ccm_desktop.schema.model import Table
from ccm_desktop.schema.registry import PARTS, part_title

EXIT_OK, EXIT_UNREADABLE = 0, 2
Say = Callable[[str], None]


class MappingError(UserError):
    """A wrong argument (form or table): one sentence, exit code 2."""


def row_json(table: Table, row: Row) -> dict[str, Any]:
    return {c.id: c.kind.to_json(row[c.id]) for c in table.columns
            if row.get(c.id) is not None and row.get(c.id) != ""}


def describe_target(mapping: ColumnMap, lang: str = "en") -> str:
    table = mapping.schema()
    part = part_title(mapping.form, lang)
    return f"{part}, {translate(table.label, lang)} ({mapping.form}.{mapping.table})"


def import_with_map(args: argparse.Namespace, repository_factory: Callable[[Any], Any], say: Say,
                    complain: Say) -> int:
    mapping = load_mapping(args.map)
    lang = language_of_environment(os.environ)
    name = Path(args.file).name
    result = import_with_mapping(args.file, mapping)
    table = mapping.schema()
    for problem in result.problems:
        complain(problem.sentence(name, lang))
    for number, why in result.skipped:
        complain(translate(N_("{file} at {place}: left out, {why}."), lang).format(
            file=name, place=where(mapping.sheet, number).text(language(lang)), why=why))
    if result.problems:
        rows_text = _rows(len(result.bad_rows), lang)
        cells_text = _cells(len(result.problems), lang)
        if not args.skip_bad_rows:
            complain(translate(N_("Nothing was stored: {cells} in {rows} could not be read; "
                                  "correct them, or give --skip-bad-rows to leave those rows "
                                  "out."), lang).format(cells=cells_text, rows=rows_text))
            return EXIT_UNREADABLE
        complain(translate(N_("Leaving out {rows} with {cells} that could not be read."), lang)
                 .format(rows=rows_text, cells=cells_text))
    rows = result.rows_to_add()
    if args.into is None:
        say(json.dumps([row_json(table, r) for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    target = describe_target(mapping, lang)
    if not rows:
        say(translate(N_("Nothing to add to {target} of report {id}: the sheet has no rows to "
                         "import."), lang).format(target=target, id=args.into))
        return EXIT_OK
    with repository_factory(args) as repo:
        report = repo.load(args.into)
        holder = report.section(mapping.form)
        existing = list(holder.tables.get(mapping.table, []))
        if args.dry_run:
            say(translate(N_("Would add {rows} to {target} of report {id} (it has {existing} now); "
                             "nothing was changed:"), lang).format(
                rows=_rows(len(rows), lang), target=target, id=args.into, existing=len(existing)))
            for row in rows:
                say(json.dumps(row_json(table, row), ensure_ascii=False))
            return EXIT_OK
        holder.tables[mapping.table] = existing + rows
        table_path = f"{mapping.form}.{mapping.table}"
        repo.save(args.into, report,
                  summary=nmessage("Imported {n} row into {table} from {file}",
                                   "Imported {n} rows into {table} from {file}", len(rows),
                                   table=table_path, file=name))
    say(translate(N_("Added {rows} to {target} of report {id} (it has {total} now)."), lang)
        .format(rows=_rows(len(rows), lang), target=target, id=args.into,
                total=len(existing) + len(rows)))
    return EXIT_OK


def _rows(number: int, lang: str) -> str:
    return ntranslate("{n} row", "{n} rows", number, lang).format(n=f"{number:,}")


def _cells(number: int, lang: str) -> str:
    return ntranslate("{n} cell", "{n} cells", number, lang).format(n=f"{number:,}")


def guess_map_command(args: argparse.Namespace, say: Say) -> int:
    from ccm_desktop.exchange.xlsx.guess import guess_for_workbook

    form, table_id = args.form, args.table
    lang = language_of_environment(os.environ)
    part = next((p for p in PARTS if p.id == form or p.id == str(form).upper()), None)
    if part is None:
        raise MappingError(translate(N_("there is no form \"{form}\" (use cover or A to J)"), lang)
                           .format(form=form))
    if not part.has_table(table_id):
        tables = ", ".join(t.id for t in part.tables) or translate(N_("none"), lang)
        raise MappingError(translate(N_("{form} has no table \"{table}\" (its tables: {tables})"),
                                     lang).format(form=part.id, table=table_id, tables=tables))
    guess = guess_for_workbook(args.file, part.id, table_id, getattr(args, "sheet", None))
    say(guess.mapping.dumps().rstrip("\n"))
    name = Path(args.file).name
    for col, header in guess.unmatched:
        print("ccm-desktop: " + translate(N_(
            "{file} at {place}: \"{header}\" looks like no column of {table}; it is left out of "
            "the mapping."), lang).format(
                file=name, place=where(guess.mapping.sheet, guess.mapping.header_row,
                                       col).text(language(lang)),
                header=header, table=f"{part.id}.{table_id}"), file=sys.stderr, flush=True)
    if not guess.mapping.columns:
        print("ccm-desktop: " + translate(N_(
            "{file}: no header of sheet \"{sheet}\" looks like a column of {table}; fill in "
            "\"columns\" by hand."), lang).format(
                file=name, sheet=guess.mapping.sheet, table=f"{part.id}.{table_id}"),
              file=sys.stderr, flush=True)
    return EXIT_OK
