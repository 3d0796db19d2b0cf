"""What changed between two reports (usually last year's and this year's): per part, the
fields that changed and the rows added, removed, changed or moved; and the key figures with
their difference (stockpile per type, area remaining, land released, casualties, resources).

Rows are matched by the table's natural key where it has one (`NATURAL_KEYS`: an area's id, a
munition's type), else by their content: an identical row at another place is *moved*, a row
that shares most of its values with one of the other report is *changed*; only what is left is
*added* or *removed*. No Qt here: the window's Compare view, the `diff` command and the tests
all read the same `Comparison`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from typing import Any

from ccm_desktop.domain.messages import format_value
from ccm_desktop.domain.report import Report, Row
from ccm_desktop.schema.forms.common import fold_type
from ccm_desktop.schema.i18n import N_, Language, Message, Words, isolate, message
from ccm_desktop.schema.kinds import AREA_UNIT_SYMBOLS
from ccm_desktop.schema.model import Part, Table, path_of
from ccm_desktop.schema.registry import PARTS, STATUS_WORDS, part, part_name
from ccm_desktop.schema.validate import place as validate_place

# (part, table) -> the columns that name a row across years. Rows whose key is empty, or not
# unique in its report, are matched by their content instead.
NATURAL_KEYS: dict[tuple[str, str], tuple[str, ...]] = {
    ("B", "stockpile"): ("type",),
    ("B", "destruction_sites"): ("site",),
    ("C", "types"): ("type",),
    ("D", "retained"): ("type",),
    ("E", "facilities"): ("facility",),
    ("F", "contaminated_areas"): ("area_id",),
}

EXACT = Context(prec=200)  # room for any sum of the values a report may hold
ADDED, REMOVED, CHANGED, MOVED = "added", "removed", "changed", "moved"


@dataclass(frozen=True)
class Change:
    """One difference. `path` is the place in the newer report (for a removed row: its place
    in the older one); `old_path` the place in the older report where there is one."""

    kind: str  # added, removed, changed, moved
    part_id: str
    path: str
    old: Any = None
    new: Any = None
    old_path: str | None = None
    table_id: str | None = None
    old_row: int | None = None
    new_row: int | None = None
    column_id: str | None = None

    @property
    def goes_to(self) -> str:
        """Where the window takes the user: the changed place, or the table a row left."""
        if self.kind == REMOVED and self.table_id is not None:
            return path_of(self.part_id, "tables", self.table_id)
        return self.path


@dataclass(frozen=True)
class Figure:
    """A key figure of both reports; None where a report does not give it."""

    key: str  # stable and machine-readable, e.g. "B.stockpile.munitions[M26]"
    part_id: str
    label: Message
    old: int | Decimal | None
    new: int | Decimal | None
    path: str  # the table it is taken from
    unit: str = ""  # a currency code, "m²", or "" for a count

    @property
    def difference(self) -> int | Decimal | None:
        if self.old is None and self.new is None:
            return None
        with localcontext(EXACT):
            return (self.new or 0) - (self.old or 0)


@dataclass(frozen=True)
class Comparison:
    changes: tuple[Change, ...]
    figures: tuple[Figure, ...]

    def of_part(self, part_id: str) -> list[Change]:
        return [c for c in self.changes if c.part_id == part_id]

    def figures_of(self, part_id: str) -> list[Figure]:
        return [f for f in self.figures if f.part_id == part_id]

    @property
    def is_empty(self) -> bool:
        return not self.changes and all(f.difference in (None, 0) for f in self.figures)


def compare(old: Report, new: Report) -> Comparison:
    """Every difference from `old` to `new`, in the order of the parts and their items."""
    a, b = old.normalised(), new.normalised()
    changes: list[Change] = []
    for p in PARTS:
        changes += _compare_part(p, a, b)
    with localcontext(EXACT):  # sums do not depend on the order of the rows
        figures = tuple(key_figures(a, b))
    return Comparison(tuple(changes), figures)


# Parts, fields, tables -------------------------------------------------------------------------


def _holder(report: Report, part_id: str) -> Any:
    return report.cover if part_id == "cover" else report.form(part_id)


def _compare_part(p: Part, a: Report, b: Report) -> Iterator[Change]:
    old, new = _holder(a, p.id), _holder(b, p.id)
    if p.is_form:
        for attribute in ("status", "last_reported_year", "statement"):
            before, after = getattr(old, attribute), getattr(new, attribute)
            before = before.value if hasattr(before, "value") else before
            after = after.value if hasattr(after, "value") else after
            if before != after:
                yield Change(CHANGED, p.id, path_of(p.id, attribute), before, after,
                             old_path=path_of(p.id, attribute))
    for f in p.fields:
        before, after = _plain(a, old.fields.get(f.id)), _plain(b, new.fields.get(f.id))
        if before != after:
            where = path_of(p.id, "fields", f.id)
            yield Change(CHANGED, p.id, where, before, after, old_path=where)
    for t in p.tables:
        yield from _compare_table(p.id, t, [_plain_row(a, r) for r in old.tables.get(t.id, [])],
                                  [_plain_row(b, r) for r in new.tables.get(t.id, [])])


def _plain(report: Report, value: Any) -> Any:
    """A value as it compares across reports: attachments by their file name and content, not
    by their id (which differs from one report to the next)."""
    if isinstance(value, list):
        out = []
        for item in value:
            attachment = report.attachments.get(item) if isinstance(item, str) else None
            out.append(f"{attachment.filename} ({attachment.sha256[:12]})" if attachment
                       else item)
        return out
    return value


def _plain_row(report: Report, row: Row) -> Row:
    return {k: _plain(report, v) for k, v in row.items()}


def _key(row: Row, columns: tuple[str, ...]) -> tuple[str, ...] | None:
    values = tuple(fold_type(row.get(c)) for c in columns)
    return values if all(values) else None


def _similarity(x: Row, y: Row) -> float:
    """The share of the values either row gives that both give alike."""
    keys = set(x) | set(y)
    if not keys:
        return 1.0
    return sum(1 for k in keys if x.get(k) == y.get(k)) / len(keys)


def match_rows(table_key: tuple[str, ...], old: list[Row], new: list[Row],
               ) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs (old index, new index), then the old rows left over, then the new ones."""
    pairs: list[tuple[int, int]] = []
    left_old, left_new = set(range(len(old))), set(range(len(new)))
    if table_key:
        def unique(rows: list[Row]) -> dict[tuple[str, ...], int]:
            seen: dict[tuple[str, ...], list[int]] = {}
            for i, row in enumerate(rows):
                k = _key(row, table_key)
                if k is not None:
                    seen.setdefault(k, []).append(i)
            return {k: v[0] for k, v in seen.items() if len(v) == 1}

        old_keys, new_keys = unique(old), unique(new)
        for k, i in old_keys.items():
            if k in new_keys:
                pairs.append((i, new_keys[k]))
                left_old.discard(i)
                left_new.discard(new_keys[k])
    # Identical rows, nearest first, so that equal rows keep their order.
    for i in sorted(left_old):
        same = [j for j in sorted(left_new) if new[j] == old[i]]
        if same:
            j = min(same, key=lambda j: abs(j - i))
            pairs.append((i, j))
            left_old.discard(i)
            left_new.discard(j)
    # Rows that share most of their values: the same row, edited.
    candidates = sorted(((_similarity(old[i], new[j]), -abs(i - j), i, j)
                         for i in left_old for j in left_new), reverse=True)
    for score, _distance, i, j in candidates:
        if score < 0.5:
            break
        if i in left_old and j in left_new:
            pairs.append((i, j))
            left_old.discard(i)
            left_new.discard(j)
    return sorted(pairs), sorted(left_old), sorted(left_new)


def _in_order(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The longest run of pairs that keep their relative order (the rest have moved): a row
    inserted above others shifts them without moving them."""
    pairs = sorted(pairs)
    best: list[list[tuple[int, int]]] = []
    for pair in pairs:
        longest: list[tuple[int, int]] = []
        for run in best:
            if run[-1][1] < pair[1] and len(run) > len(longest):
                longest = run
        best.append([*longest, pair])
    longest_run: list[tuple[int, int]] = []
    for run in best:
        if len(run) > len(longest_run):
            longest_run = run
    return set(longest_run)


def _compare_table(part_id: str, t: Table, old: list[Row], new: list[Row]) -> Iterator[Change]:
    pairs, removed, added = match_rows(NATURAL_KEYS.get((part_id, t.id), ()), old, new)
    kept = _in_order(pairs)
    out: list[tuple[int, Change]] = []
    for i, j in pairs:
        here, there = path_of(part_id, "tables", t.id, j), path_of(part_id, "tables", t.id, i)
        if (i, j) not in kept:
            out.append((j, Change(MOVED, part_id, here, i + 1, j + 1, old_path=there,
                                  table_id=t.id, old_row=i, new_row=j)))
        for col in t.columns:
            before, after = old[i].get(col.id), new[j].get(col.id)
            if before != after:
                out.append((j, Change(CHANGED, part_id, f"{here}.{col.id}", before, after,
                                      old_path=f"{there}.{col.id}", table_id=t.id,
                                      old_row=i, new_row=j, column_id=col.id)))
    for j in added:
        out.append((j, Change(ADDED, part_id, path_of(part_id, "tables", t.id, j), None,
                              _ordered(t, new[j]), table_id=t.id, new_row=j)))
    for i in removed:
        where = path_of(part_id, "tables", t.id, i)
        # A removed row is listed where it would have been: before the row that followed it.
        follows = next((j for k, j in sorted(pairs) if k > i), len(new))
        out.append((follows, Change(REMOVED, part_id, where, _ordered(t, old[i]), None,
                                    old_path=where, table_id=t.id, old_row=i)))
    order = {REMOVED: 0, MOVED: 1, CHANGED: 2, ADDED: 3}
    for _row, change in sorted(out, key=lambda o: (o[0], order[o[1].kind])):
        yield change


def _ordered(t: Table, row: Row) -> Row:
    return {c.id: row[c.id] for c in t.columns if c.id in row}


# Key figures -----------------------------------------------------------------------------------


def _rows(report: Report, part_id: str, table_id: str) -> list[Row]:
    return report.form(part_id).tables.get(table_id, [])


def _number(value: Any) -> int | Decimal | None:
    if isinstance(value, bool):
        return None
    return value if isinstance(value, int | Decimal) else None


def _sum(values: Iterable[Any]) -> int | Decimal | None:
    numbers = [n for n in (_number(v) for v in values) if n is not None]
    return sum(numbers[1:], numbers[0]) if numbers else None


def _stockpile(report: Report) -> dict[str, tuple[str, dict[str, int | Decimal | None]]]:
    out: dict[str, tuple[str, dict[str, int | Decimal | None]]] = {}
    for row in _rows(report, "B", "stockpile"):
        key = fold_type(row.get("type"))
        if not key:
            continue
        shown, sums = out.setdefault(key, (str(row["type"]).strip(), {}))
        for column in ("munitions", "submunitions"):
            value = _number(row.get(column))
            if value is not None:
                sums[column] = (sums.get(column) or 0) + value
    return out


def _casualties(report: Report, outcome: str) -> int | Decimal | None:
    totals = []
    for row in _rows(report, "H", "casualties"):
        if row.get("outcome") != outcome:
            continue
        total = _number(row.get("total"))
        if total is None:
            total = _sum(row.get(c) for c in ("women", "men", "girls", "boys", "unknown"))
        totals.append(total)
    return _sum(totals)


def _per_currency(report: Report, table_id: str) -> dict[str, int | Decimal]:
    out: dict[str, int | Decimal] = {}
    for row in _rows(report, "I", table_id):
        amount, currency = _number(row.get("amount")), row.get("currency")
        if amount is not None and isinstance(currency, str) and currency:
            out[currency] = out.get(currency, 0) + amount
    return out


_RESOURCES = (("national_resources", N_("National resources ({currency})")),
              ("assistance_provided", N_("Assistance provided ({currency})")),
              ("assistance_received", N_("Assistance received ({currency})")))


def key_figures(a: Report, b: Report) -> list[Figure]:
    """The figures a reader compares first, for both reports (given by either)."""
    out: list[Figure] = []
    stock_a, stock_b = _stockpile(a), _stockpile(b)
    where = path_of("B", "tables", "stockpile")
    for key in sorted(set(stock_a) | set(stock_b)):
        shown = (stock_b.get(key) or stock_a[key])[0]
        for column, label in (("munitions", N_("Stockpile of {type}: cluster munitions")),
                              ("submunitions", N_("Stockpile of {type}: submunitions"))):
            before = stock_a[key][1].get(column) if key in stock_a else None
            after = stock_b[key][1].get(column) if key in stock_b else None
            if before is not None or after is not None:
                out.append(Figure(f"B.stockpile.{column}[{shown}]", "B",
                                  message(label, type=shown), before, after, where))
    areas, released = path_of("F", "tables", "contaminated_areas"), path_of("F", "tables",
                                                                             "clearance")
    columns = ("cleared_m2", "reduced_m2", "cancelled_m2")

    def remaining(r: Report) -> int | Decimal | None:
        return _sum(row.get("size_m2") for row in _rows(r, "F", "contaminated_areas"))

    def released_in(r: Report) -> int | Decimal | None:
        return _sum(row.get(c) for row in _rows(r, "F", "clearance") for c in columns)

    for key, label, path, before, after in (
            ("F.area_remaining", N_("Area remaining (m²)"), areas, remaining(a), remaining(b)),
            ("F.land_released", N_("Land released: cleared, reduced and cancelled (m²)"),
             released, released_in(a), released_in(b))):
        if before is not None or after is not None:
            out.append(Figure(key, "F", message(label), before, after, path,
                              AREA_UNIT_SYMBOLS["m2"]))
    casualties = path_of("H", "tables", "casualties")
    for outcome, label in (("killed", N_("Casualties: killed")),
                           ("injured", N_("Casualties: injured"))):
        before, after = _casualties(a, outcome), _casualties(b, outcome)
        if before is not None or after is not None:
            out.append(Figure(f"H.casualties.{outcome}", "H", message(label), before, after,
                              casualties))
    for table_id, label in _RESOURCES:
        money_a, money_b = _per_currency(a, table_id), _per_currency(b, table_id)
        for currency in sorted(set(money_a) | set(money_b)):
            out.append(Figure(f"I.{table_id}[{currency}]", "I",
                              message(label, currency=currency), money_a.get(currency),
                              money_b.get(currency), path_of("I", "tables", table_id),
                              currency))
    return out


# Words for people, lines for scripts -----------------------------------------------------------


def place(change: Change) -> Words:
    """Where a change is, in words: "Form F, Contaminated areas, row 3, Size (m²)"."""
    p = part(change.part_id)
    if change.table_id is None:
        attribute = change.path.rsplit(".", 1)[-1]
        words = {"status": N_("status"), "statement": N_("statement"),
                 "last_reported_year": N_("last reported in")}
        label = (message(words[attribute]) if attribute in words
                 else message(p.field(attribute).label))
        return Words((part_name(p.id), label))
    t = p.table(change.table_id)
    row = change.new_row if change.new_row is not None else change.old_row
    column = t.column(change.column_id) if change.column_id is not None else None
    return validate_place(p, t, row, column)


def describe(change: Change, language: Language, with_part: bool = True) -> str:
    """One sentence for the Compare view; without the part's name where the view groups the
    changes by part."""
    where = place(change)
    if not with_part:
        where = Words(where.parts[1:])
        return _capitalised(_describe(change, where, language))
    return _describe(change, where, language)


def _capitalised(text: str) -> str:
    """A line that starts with the name of a form's status or statement starts with a capital
    letter (in the scripts that have them)."""
    return text[:1].upper() + text[1:]


def _describe(change: Change, where: Words, language: Language) -> str:
    if change.kind == ADDED:
        return message(N_("Added: {place}"), place=where).text(language)
    if change.kind == REMOVED:
        return message(N_("Removed: {place} ({row})"), place=where,
                       row=isolate(summary(change.old), language.code)).text(language)
    if change.kind == MOVED:
        return message(N_("Moved: {place}, was row {old}"), place=where,
                       old=change.old).text(language)
    # Each value is one run of its own direction: in Arabic a date or a code on either side of
    # the arrow is not reordered with its neighbours.
    old = isolate(format_value(shown_value(change, change.old, language), language),
                  language.code)
    new = isolate(format_value(shown_value(change, change.new, language), language),
                  language.code)
    return message(N_("{place}: {old} \u2192 {new}"), place=where, old=old,
                   new=new).text(language)


def shown_value(change: Change, value: Any, language: Language) -> Any:
    """A changed value for people, written the way its field or column shows it."""
    if value is None or value == [] or value == "":
        return "\u2013"
    attribute = change.path.rsplit(".", 1)[-1]
    if change.table_id is None and attribute == "status" and value in STATUS_WORDS:
        return message(STATUS_WORDS[value])
    if change.table_id is None and attribute == "last_reported_year":
        return str(value)
    p = part(change.part_id)
    if change.column_id is not None and change.table_id is not None:
        kind = p.table(change.table_id).column(change.column_id).kind
    elif change.table_id is None and p.has_field(attribute):
        kind = p.field(attribute).kind
    else:
        return shown(value)
    if isinstance(value, list):
        return shown(value)
    try:
        text = kind.format(value, language.code)
    except (TypeError, ValueError, AttributeError):
        text = str(value)
    return shown(text)


def shown(value: Any) -> Any:
    """A value for people: empty as an en dash, lists joined, long texts cut."""
    if value is None or value == [] or value == "":
        return "\u2013"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, str) and len(value) > 60:
        return value[:57].rstrip() + "\u2026"
    return value


def summary(row: Any) -> str:
    if not isinstance(row, dict):
        return str(shown(row))
    return "; ".join(str(shown(v)) for v in row.values())[:80]


def to_json_value(value: Any) -> Any:
    """A value as the JSON format writes it: numbers as numbers, dates as ISO text."""
    if isinstance(value, dict):
        return {k: to_json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json_value(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def cell(value: Any) -> str:
    """A value in a tab-separated line: `-` when empty, rows as JSON, no tabs or newlines."""
    if value is None:
        return "-"
    if isinstance(value, dict | list):
        text = json.dumps(to_json_value(value), ensure_ascii=False, separators=(",", ":"))
    elif isinstance(value, Decimal):
        text = f"{value:f}"
    elif hasattr(value, "isoformat"):
        text = value.isoformat()
    else:
        text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace(
        "\r", "\\r")


def lines(comparison: Comparison) -> Iterator[str]:
    """The `diff` command's output (docs/command-line.md)."""
    for c in comparison.changes:
        if c.kind == MOVED:
            yield "\t".join((c.kind, c.path, cell(c.old_path), cell(c.path)))
        else:
            yield "\t".join((c.kind, c.path, cell(c.old), cell(c.new)))
    for f in comparison.figures:
        yield "\t".join(("figure", f.key, cell(f.old), cell(f.new), cell(f.difference)))


def as_json(comparison: Comparison) -> dict[str, Any]:
    return {
        "changes": [{"kind": c.kind, "path": c.path, "old_path": c.old_path,
                     "old": to_json_value(c.old), "new": to_json_value(c.new)}
                    for c in comparison.changes],
        "figures": [{"key": f.key, "label": f.label.text(), "unit": f.unit or None,
                     "old": to_json_value(f.old), "new": to_json_value(f.new),
                     "difference": to_json_value(f.difference)} for f in comparison.figures],
    }
