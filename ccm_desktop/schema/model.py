"""The shape of the report: parts (cover, Forms A-J), their fields and tables.

Everything here is frozen data. Walk `registry.PARTS` to drive a window, a PDF, a workbook or
the validator; never list fields by hand elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from ccm_desktop.domain.findings import Finding
from ccm_desktop.domain.report import FormData, Report, Row, Section
from ccm_desktop.schema.kinds import Kind


@dataclass(frozen=True)
class Derive:
    """How an empty field is worked out: `function` of the cover's `basis` field, and in words
    for the form page's hint, e.g. "eight years after entry into force" (marked with `N_`)."""

    function: Callable[[Any], Any]
    words: str
    basis: str = "entry_into_force"


@dataclass(frozen=True)
class Field:
    """A single value: a field of a part, or a column of a table."""

    id: str
    kind: Kind
    label: str
    help: str
    required: bool = False
    voluntary: bool = False  # shaded grey in the official template: never required
    # How the value is worked out when left empty (a deadline from entry into force); an entry
    # overrides it. Every face (form page, PDF) asks the field, not a list of its own.
    derive: Derive | None = None
    width: int = 14  # a hint for column widths (characters) in tables and workbooks
    adds_up: bool = True  # False for numbers whose sum means nothing (a ratio per munition)
    per_period: bool = False  # records one reporting period: next year's draft starts it empty
    # (table, column) of the same part whose values an editor offers as you type (any other
    # value is still allowed), e.g. the clearance table's area references
    suggest_from: tuple[str, str] | None = None

    @property
    def derived(self) -> bool:
        return self.derive is not None

    def derived_value(self, report: Report) -> Any:
        """The value the field takes when left empty, or None when it cannot be worked out."""
        if self.derive is None:
            return None
        basis = report.cover.fields.get(self.derive.basis)
        if basis is None:
            return None
        try:
            return self.derive.function(basis)
        except (TypeError, ValueError, AttributeError):
            return None

    @property
    def is_totalled(self) -> bool:
        """Whether a totals row sums this column: quantities, areas and amounts; not years,
        coordinates (signed decimals) or ratios."""
        kind = self.kind
        signed = kind.is_number and getattr(kind, "minimum", 0) is None
        return kind.is_number and kind.name != "year" and not signed and self.adds_up


@dataclass(frozen=True)
class Table:
    id: str
    label: str
    help: str
    columns: tuple[Field, ...]
    min_rows: int = 0  # "at least one row" when the part is filled in
    voluntary: bool = False
    totals: bool = True  # show a totals row for number columns
    wide: bool = False  # print landscape
    per_period: bool = False  # its rows record one reporting period: next year starts it empty

    def column(self, column_id: str) -> Field:
        for col in self.columns:
            if col.id == column_id:
                return col
        raise KeyError(f"{self.id}.{column_id}")

    def has_column(self, column_id: str) -> bool:
        return any(c.id == column_id for c in self.columns)

    @property
    def totalled_columns(self) -> tuple[Field, ...]:
        """The columns a totals row sums (the window and the PDF alike)."""
        return tuple(c for c in self.columns if c.is_totalled)


Item = Field | Table


@dataclass
class RuleContext:
    """What a cross-field rule sees: this report, optionally last year's, and where to point."""

    report: Report
    previous: Report | None
    part_id: str

    @property
    def form(self) -> FormData:
        return self.report.form(self.part_id)

    @property
    def section(self) -> Section | FormData:
        return self.report.section(self.part_id)

    def rows(self, table_id: str, part_id: str | None = None) -> list[Row]:
        pid = part_id or self.part_id
        holder = self.report.section(pid)
        return holder.tables.get(table_id, [])

    def value(self, field_id: str) -> Any:
        return self.section.fields.get(field_id)

    def previous_rows(self, table_id: str, part_id: str | None = None) -> list[Row] | None:
        """Last year's rows, or None when there is no previous report or it did not say."""
        pid = part_id or self.part_id
        if self.previous is None:
            return None
        form = self.previous.form(pid)
        if form.status is not None and form.status.value != "changed":
            return None
        return form.tables.get(table_id, [])

    def path(self, *parts: str | int) -> str:
        return path_of(self.part_id, *parts)


Rule = Callable[[RuleContext], Iterable[Finding]]
RuleT = TypeVar("RuleT", bound=Rule)

# The cover's fields every form's own checks read, whatever its rules: the form statuses are
# checked against the kind of report, the year of `period_to` and the entry into force
# (validate._check_status), and the State decides whether the previous report is this State's
# and may be compared with (validate.other_state).
EVERY_FORM_READS_COVER: frozenset[str] = frozenset(
    {"state", "report_kind", "period_to", "entry_into_force"})

_COVER_READS: dict[Rule, frozenset[str]] = {}


def reads_cover(*item_ids: str) -> Callable[[RuleT], RuleT]:
    """Marks a form's rule with the cover's fields (or tables) it reads, directly or through a
    helper: `@reads_cover("period_from", "period_to")`. An edit of the cover reruns only the
    forms whose rules read what it touched (schema/validate_parts.py); a test records what each
    form's checks read and holds it to these marks."""

    def mark(rule: RuleT) -> RuleT:
        _COVER_READS[rule] = frozenset(item_ids)
        return rule

    return mark


def cover_reads_of(rule: Rule) -> frozenset[str]:
    """What `reads_cover` says the rule reads of the cover (nothing when it is not marked)."""
    return _COVER_READS.get(rule, frozenset())


RowCheck = Callable[[RuleContext, int, Row], Iterable[Finding]]


class RowRule:
    """A rule about each row of one table on its own: `check(ctx, index, row)` sees that row
    and, of the rest of the report, only the cover fields it is marked with (`reads_cover`);
    never other rows, the part's fields, other forms or the previous report. Called as a rule
    it checks every row in order; the window keeps each row's findings and rechecks only the
    rows an edit touched (schema/validate_parts.py)."""

    def __init__(self, table_id: str, check: RowCheck) -> None:
        self.table_id = table_id
        self.check = check
        self.__name__ = getattr(check, "__name__", "row_rule")
        self.__doc__ = check.__doc__

    def __call__(self, ctx: RuleContext) -> Iterator[Finding]:
        check = self.check
        for index, row in enumerate(ctx.rows(self.table_id)):
            yield from check(ctx, index, row)


def row_rule(table_id: str) -> Callable[[RowCheck], RowRule]:
    """Makes `check(ctx, index, row)` a `RowRule` of the part's table `table_id`."""

    def make(check: RowCheck) -> RowRule:
        return RowRule(table_id, check)

    return make


class Kept(Protocol):
    """What a `KeptRule` keeps between edits: its findings, and what it needs to follow edits
    of cells in the tables it reads."""

    def update(self, ctx: RuleContext, table_id: str, rows: tuple[int, ...]) -> None:
        """The cells of `rows` of the table changed (`ctx` sees the report after the edit)."""

    def findings(self) -> list[Finding]:
        """The rule's findings, in the order the rule gives them."""


class KeptRule:
    """A rule over whole tables of its part that follows edits instead of starting again:
    `keep(ctx)` works out its findings and keeps what it needs (e.g. each row's contribution to
    a sum) to update them when cells of a few rows change. It reads only the part's `tables`,
    the previous report and the cover fields it is marked with (`reads_cover`). Called as a
    rule it works everything out (`validate`); the window keeps the `Kept` between edits
    (schema/validate_parts.py), and starts again when rows are inserted, removed or moved."""

    def __init__(self, tables: tuple[str, ...], keep: Callable[[RuleContext], Kept]) -> None:
        self.tables = tables
        self.keep = keep
        self.__name__ = getattr(keep, "__name__", "kept_rule")
        self.__doc__ = keep.__doc__

    def __call__(self, ctx: RuleContext) -> Iterator[Finding]:
        yield from self.keep(ctx).findings()


@dataclass(frozen=True)
class Part:
    """The cover page ("cover") or one of Forms A-J: what it asks and how it is checked."""

    id: str
    title: str
    articles: str  # e.g. "Art. 7.1(h), (i); Art. 4"
    help: str
    items: tuple[Item, ...]
    rules: tuple[Rule, ...] = ()
    wide: bool = False
    can_be_not_applicable: bool = True
    short_title: str = ""  # for the navigator, where the official title is too long
    # The example shown in the "not applicable, because" box: a reason that fits this form.
    not_applicable_example: str = ""
    # Other forms whose values this part's rules read (what they read of the cover is marked
    # on each rule, `reads_cover`): editing one of them reruns this part's checks too
    # (schema/validate_parts.py).
    reads: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The short title where one is given, else the official title."""
        return self.short_title or self.title

    @property
    def is_form(self) -> bool:
        return self.id != "cover"

    @property
    def cover_reads(self) -> frozenset[str]:
        """The cover's fields and tables whose edit can change this form's findings: those every
        form's checks read, and those its rules are marked with (`reads_cover`). The cover's
        own checks read all of it."""
        if not self.is_form:
            return frozenset(item.id for item in self.items)
        return EVERY_FORM_READS_COVER.union(*(cover_reads_of(rule) for rule in self.rules))

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(i for i in self.items if isinstance(i, Field))

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(i for i in self.items if isinstance(i, Table))

    def field(self, field_id: str) -> Field:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(f"{self.id}.{field_id}")

    def table(self, table_id: str) -> Table:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(f"{self.id}.{table_id}")

    def has_field(self, field_id: str) -> bool:
        return any(f.id == field_id for f in self.fields)

    def has_table(self, table_id: str) -> bool:
        return any(t.id == table_id for t in self.tables)


def path_of(part_id: str, *parts: str | int) -> str:
    """`path_of("F", "tables", "clearance", 3, "cleared_m2")` ->
    `forms.F.tables.clearance[3].cleared_m2` (docs/json-format.md, "Finding paths")."""
    out = "cover" if part_id == "cover" else f"forms.{part_id}"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


@dataclass(frozen=True)
class PathRef:
    """A path taken apart, so that the window can go to the field or cell."""

    part_id: str
    attribute: str | None = None  # "status", "statement", "last_reported_year"
    field_id: str | None = None
    table_id: str | None = None
    row: int | None = None
    column_id: str | None = None
    extra: tuple[str, ...] = field(default_factory=tuple)


def parse_path(path: str) -> PathRef:
    import re

    tokens = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    if not tokens:
        raise ValueError(path)
    if tokens[0] == "cover":
        part_id, rest = "cover", tokens[1:]
    elif tokens[0] == "forms" and len(tokens) > 1:
        part_id, rest = tokens[1], tokens[2:]
    else:
        raise ValueError(path)
    if not rest:
        return PathRef(part_id)
    head = rest[0]
    if head == "fields" and len(rest) > 1:
        return PathRef(part_id, field_id=rest[1])
    if head == "tables" and len(rest) > 1:
        row = int(rest[2][1:-1]) if len(rest) > 2 and rest[2].startswith("[") else None
        column = rest[3] if len(rest) > 3 else None
        return PathRef(part_id, table_id=rest[1], row=row, column_id=column)
    return PathRef(part_id, attribute=head)
