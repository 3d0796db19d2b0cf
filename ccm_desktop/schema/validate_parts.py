"""Validating some parts of a report: what the window reruns after an edit.

`PartChecks(report, previous).findings(ids)` returns the findings of each part in `ids`, exactly
as `validate` finds them (the concatenation over every part in schema order equals `validate`).
`readers_of(change)` says which parts' findings a change can change: the part itself and every
part that declares it in `Part.reads`; for an edit of the cover, the cover and only the forms
that read what was edited (`Part.cover_reads`: the State, the kind of report, the period's end
and the entry into force feed every form's status checks; the period's start feeds the forms
whose rules check dates against the period; the contacts or the date of submission feed none).
`readers(part_id)` is the same for any edit of a part (the cover: every part).

`PartChecks` is what the window keeps: the generic checks of every table row, remembered per
row, so that an edit of a few cells rechecks those rows, the touched part's own fields and
rules, and the rules that read it - not every row of the part.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from ccm_desktop.domain.changes import Change, RowsHow
from ccm_desktop.domain.findings import Finding
from ccm_desktop.domain.report import FormData, Report, Row, Section
from ccm_desktop.schema.kinds import Kind
from ccm_desktop.schema.model import (
    Field,
    Kept,
    KeptRule,
    Part,
    RowRule,
    Rule,
    RuleContext,
    Table,
    cover_reads_of,
    path_of,
)
from ccm_desktop.schema.registry import PARTS
from ccm_desktop.schema.validate import (
    _check_part,
    _check_value,
    _typed_values,
    _unknown_keys,
    check_row,
    other_state,
    too_few_rows,
)

PART_IDS: tuple[str, ...] = tuple(p.id for p in PARTS)
_READERS: dict[str, frozenset[str]] = {
    part.id: frozenset(PART_IDS) if part.id == "cover" else frozenset(
        {part.id} | {p.id for p in PARTS if part.id in p.reads})
    for part in PARTS
}


def readers(part_id: str) -> frozenset[str]:
    """The parts whose findings may change when `part_id` changes (unknown ids: every part)."""
    return _READERS.get(part_id, frozenset(PART_IDS))


def readers_of(change: Change) -> frozenset[str]:
    """The parts whose findings `change` may change: for the cover, the cover and the forms that
    read the fields or the table it touched; otherwise `readers(change.part)`."""
    if change.part != "cover":
        return readers(change.part)  # the whole report too ("": every part)
    touched = set(change.fields) | ({change.table} if change.table is not None else set())
    if not touched:
        return readers("cover")
    return frozenset({"cover"} | {p.id for p in PARTS if p.is_form and p.cover_reads & touched})


def _typed_view(report: Report, part_ids: set[str]) -> Report:
    """`report` when the values of `part_ids` all have their kinds' types, else a report that
    shares everything with it except those parts' sections, which lack the values that do not
    (like `validate.well_typed`, without copying the parts nobody reads)."""
    out = report
    for part in PARTS:
        if part.id not in part_ids:
            continue
        section = report.section(part.id)
        fields = _typed_values(section.fields, {f.id: f.kind for f in part.fields})
        tables: dict[str, list[dict[str, object]]] | None = None
        for table in part.tables:
            kinds = {c.id: c.kind for c in table.columns}
            rows = section.tables.get(table.id, [])
            for index, row in enumerate(rows):
                cleaned = _typed_values(row, kinds)
                if cleaned is None:
                    continue
                if tables is None:
                    tables = dict(section.tables)
                if tables[table.id] is rows:
                    tables[table.id] = list(rows)
                tables[table.id][index] = cleaned
        out = _with_section(out or report, part.id, section, fields, tables)
    return out


class _Rows:
    """One check's findings about each row of a table, and their concatenation in row order.
    A recheck that finds what was found before keeps the old objects; the concatenation is
    made again, from the rows that have findings, only when a row's findings changed."""

    def __init__(self) -> None:
        self.per_row: list[list[Finding]] = []
        self.dirty: set[int] = set()  # rows to check again before the findings are read
        self._with_findings: set[int] = set()
        self._joined: list[Finding] | None = None

    def add(self, found: list[Finding]) -> None:
        if found:
            self._with_findings.add(len(self.per_row))
            self._joined = None
        self.per_row.append(found)

    def set(self, index: int, found: list[Finding]) -> None:
        if found == self.per_row[index]:
            return
        self.per_row[index] = found
        if found:
            self._with_findings.add(index)
        else:
            self._with_findings.discard(index)
        self._joined = None

    def joined(self) -> list[Finding]:
        if self._joined is None:
            per_row = self.per_row
            self._joined = [f for i in sorted(self._with_findings) for f in per_row[i]]
        return self._joined


class _TableCache:
    """One table's rows as last checked: each row's generic findings, and the row without its
    wrongly typed values where it has any (for the rules)."""

    def __init__(self) -> None:
        self.rows = _Rows()
        self.cleaned: dict[int, Row] = {}


class PartChecks:
    """The findings of a report being edited, rechecked as changes say. `findings(ids)` gives
    each part's findings, as `validate` finds them.

    Kept between edits: each table row's generic findings, and each row's findings of every
    `RowRule`; an edit of cells rechecks those rows only, and a part's findings are put together
    from the kept ones in proportion to the findings, not to the rows. Rows inserted, removed
    or moved renumber the rows after them (row numbers are in the findings): that table is
    checked again as a whole. A `KeptRule` keeps what it worked out and is told which rows of its
tables changed; the other rules run again whenever their part is rechecked."""

    def __init__(self, report: Report, previous: Report | None = None) -> None:
        self.report, self.previous = report, previous
        self._tables: dict[tuple[str, str], _TableCache] = {}
        self._row_rules: dict[tuple[str, RowRule], _Rows] = {}
        # Each kept rule's `Kept`, and the rows of each table it reads edited since it ran.
        self._kept: dict[tuple[str, KeptRule], tuple[Kept, dict[str, set[int]]]] = {}
        self._previous_typed: Report | None = None

    def forget(self, change: Change) -> None:
        """Drop what `change` made stale: the touched rows, or a whole table whose rows moved,
        and the rows checked by row rules that read the cover fields it edited."""
        if change.whole:
            self._tables.clear()
            self._row_rules.clear()
            self._kept.clear()
            return
        if change.part == "cover":
            touched = set(change.fields) | ({change.table} if change.table else set())
            for rule_key in [k for k in self._row_rules
                             if not touched or cover_reads_of(k[1]) & touched]:
                del self._row_rules[rule_key]
            for kept_key in [k for k in self._kept
                             if not touched or cover_reads_of(k[1]) & touched]:
                del self._kept[kept_key]
        if change.table is None:
            return
        for kept_key in [k for k in self._kept
                         if k[0] == change.part and change.table in k[1].tables]:
            if change.how is RowsHow.CELLS:
                self._kept[kept_key][1].setdefault(change.table, set()).update(change.rows)
            else:
                del self._kept[kept_key]
        stale = [k for k in self._row_rules
                 if k[0] == change.part and k[1].table_id == change.table]
        if change.how is not RowsHow.CELLS:
            # Row numbers are in the findings: check the table again.
            self._tables.pop((change.part, change.table), None)
            for rule_key in stale:
                del self._row_rules[rule_key]
            return
        for rule_key in stale:
            self._row_rules[rule_key].dirty.update(change.rows)
        key = (change.part, change.table)
        cache = self._tables.get(key)
        if cache is None:
            return
        part = _PARTS[change.part]
        table = part.table(change.table)
        rows = self._section(change.part).tables.get(change.table, [])
        for index in change.rows:
            if index < len(cache.rows.per_row) and index < len(rows):
                self._check_row(cache, part, table, index, rows[index])
            else:
                del self._tables[key]
                return

    def findings(self, part_ids: Iterable[str]) -> dict[str, list[Finding]]:
        report, previous = self.report, self.previous
        wanted = [p for p in PARTS if p.id in set(part_ids)]
        mismatch = other_state(report, previous)
        if mismatch is not None:
            previous = None
        needed = {"cover"} | {p.id for p in wanted} | {r for p in wanted for r in p.reads}
        typed = self._typed(report, needed)
        typed_previous = self._typed_previous() if previous is not None else None
        out = {part.id: list(_check_part(report, typed, typed_previous, part, self._content,
                                         self._run_rule))
               for part in wanted}
        if mismatch is not None and "cover" in out:
            out["cover"].insert(0, mismatch)
        return out

    # Internals --------------------------------------------------------------------------------

    def _typed_previous(self) -> Report | None:
        """The previous report without its wrongly typed values: it does not change while the
        report is edited, so it is worked out once."""
        if self._previous_typed is None and self.previous is not None:
            self._previous_typed = _typed_view(self.previous, set(PART_IDS))
        return self._previous_typed

    def _section(self, part_id: str) -> Section | FormData:
        return self.report.section(part_id)

    def _cache(self, part: Part, table: Table) -> _TableCache:
        cache = self._tables.get((part.id, table.id))
        if cache is None:
            cache = self._tables[part.id, table.id] = _TableCache()
            kinds = _kinds(table)
            for index, row in enumerate(self._section(part.id).tables.get(table.id, [])):
                cache.rows.add(list(check_row(self.report, part, table, index, row)))
                cleaned = _typed_values(row, kinds)
                if cleaned is not None:
                    cache.cleaned[index] = cleaned
        return cache

    def _check_row(self, cache: _TableCache, part: Part, table: Table, index: int,
                   row: Row) -> None:
        cache.rows.set(index, list(check_row(self.report, part, table, index, row)))
        cleaned = _typed_values(row, _kinds(table))
        if cleaned is None:
            cache.cleaned.pop(index, None)
        else:
            cache.cleaned[index] = cleaned

    def _run_rule(self, rule: Rule, ctx: RuleContext) -> Iterable[Finding]:
        """A rule's findings: a row rule's from the rows kept, rechecking the touched ones (on
        the well-typed rows `ctx` sees); any other rule run afresh."""
        if isinstance(rule, KeptRule):
            return self._run_kept(rule, ctx)
        if not isinstance(rule, RowRule):
            return rule(ctx)
        rows = ctx.rows(rule.table_id)
        key = (ctx.part_id, rule)
        kept = self._row_rules.get(key)
        if kept is None or len(kept.per_row) != len(rows):
            kept = self._row_rules[key] = _Rows()
            for index, row in enumerate(rows):
                kept.add(list(rule.check(ctx, index, row)))
        for index in sorted(kept.dirty):
            kept.set(index, list(rule.check(ctx, index, rows[index])))
        kept.dirty.clear()
        return kept.joined()

    def _run_kept(self, rule: KeptRule, ctx: RuleContext) -> list[Finding]:
        """A kept rule's findings, its `Kept` told of the rows edited since it last ran."""
        key = (ctx.part_id, rule)
        entry = self._kept.get(key)
        if entry is not None and any(i >= len(ctx.rows(t)) for t, rows in entry[1].items()
                                     for i in rows):
            entry = None  # cannot happen with changes as the window makes them: start again
        if entry is None:
            entry = self._kept[key] = (rule.keep(ctx), {})
        kept, edited = entry
        for table_id, rows in edited.items():
            kept.update(ctx, table_id, tuple(sorted(rows)))
        edited.clear()
        return kept.findings()

    def _content(self, report: Report, part: Part,
                 section: Section | FormData) -> Iterator[Finding]:
        """validate._check_content, with each row's findings taken from the cache."""
        for item in part.items:
            if isinstance(item, Table):
                rows = section.tables.get(item.id, [])
                yield from too_few_rows(part, item, rows)
                yield from self._cache(part, item).rows.joined()
            else:
                yield from _check_value(report, part, None, None, item,
                                        section.fields.get(item.id),
                                        path_of(part.id, "fields", item.id))
        yield from _unknown_keys(part, section)

    def _typed(self, report: Report, part_ids: set[str]) -> Report:
        """Like `_typed_view`, with the rows' cleaned copies taken from the cache."""
        out = report
        for part in PARTS:
            if part.id not in part_ids:
                continue
            section = self._section(part.id)
            fields = _typed_values(section.fields, _kinds(part))
            tables: dict[str, list[Row]] | None = None
            for table in part.tables:
                cleaned = self._cache(part, table).cleaned
                if cleaned:
                    tables = tables if tables is not None else dict(section.tables)
                    rows = tables[table.id] = list(tables[table.id])
                    for index, row in cleaned.items():
                        rows[index] = row
            out = _with_section(out or report, part.id, section, fields, tables)
        return out


_PARTS = {p.id: p for p in PARTS}


def _with_section(report: Report, part_id: str, section: Section | FormData,
                  fields: dict[str, object] | None, tables: dict[str, list[Row]] | None) -> Report:
    """`report` with the part's section given other fields or tables (None: keep them), as a
    new report sharing every other section; `report` itself when nothing is given."""
    if fields is None and tables is None:
        return report
    new = replace(section, fields=section.fields if fields is None else fields,
                  tables=section.tables if tables is None else tables)
    out = replace(report, forms=dict(report.forms))
    if isinstance(new, FormData):
        out.forms[part_id] = new
    else:
        out.cover = new
    return out


_KINDS: dict[int, dict[str, Kind]] = {}  # by id() of the part or table: schema objects live on


def _kinds(holder: Part | Table) -> dict[str, Kind]:
    """The kinds of a part's fields or a table's columns, by id (worked out once)."""
    key = id(holder)
    kinds = _KINDS.get(key)
    if kinds is None:
        items: tuple[Field, ...] = holder.fields if isinstance(holder, Part) else holder.columns
        kinds = _KINDS[key] = {f.id: f.kind for f in items}
    return kinds
