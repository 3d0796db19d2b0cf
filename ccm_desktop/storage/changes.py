"""The difference between the last saved state and the report being saved.

`diff(content, report)` compares the stored `Content` with a `Report` and returns `Changes`: the
values set or cleared, the form statuses, and per table an edit script of `Hunk`s. Comparing
20,000 rows costs a few milliseconds when only a row or two changed, because common leading and
trailing rows are skipped first; only the rows that differ are copied, encoded and written.

The same `Changes` are written to the database, kept as a revision's delta (`to_json`) and
applied to the in-memory state (`apply`), so the three cannot disagree.
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ccm_desktop.domain.changes import Touched
from ccm_desktop.domain.messages import N_, Message, Words, message, nmessage
from ccm_desktop.domain.report import Report, Row, Value, is_empty
from ccm_desktop.schema.registry import part_name
from ccm_desktop.storage.codec import clean_row, decode_value, encode_value
from ccm_desktop.storage.content import (
    COVER,
    AttachmentMeta,
    Content,
    FormAttrs,
    clean_fields,
    form_attrs,
    sections,
)

# Beyond this many rows on each side of a changed region, rows are not matched one by one
# (difflib would take too long); the region is replaced as a whole. Rare: it needs rows inserted
# or removed in several far-apart places of a huge table in one save.
MATCH_LIMIT = 60_000


class Hunk(NamedTuple):
    """Replace old rows [start, end) by `rows` (old coordinates; hunks ascending, disjoint)."""

    start: int
    end: int
    rows: list[Row]


@dataclass
class Changes:
    language: str | None = None
    template: str | None = None
    fields: dict[str, dict[str, Value | None]] = field(default_factory=dict)  # None: cleared
    forms: dict[str, FormAttrs] = field(default_factory=dict)
    tables: dict[str, dict[str, list[Hunk]]] = field(default_factory=dict)
    attachments: dict[str, AttachmentMeta] | None = None  # the whole new list, if it changed
    # For the summary only (not kept in deltas): attachments added, removed, changed.
    attachment_counts: tuple[int, int, int] = (0, 0, 0)

    def is_empty(self) -> bool:
        return (self.language is None and self.template is None and not self.fields
                and not self.forms and not self.tables and self.attachments is None)

    def hunks(self) -> Iterator[tuple[str, str, list[Hunk]]]:
        for part, tables in self.tables.items():
            for table, hunks in tables.items():
                yield part, table, hunks

    # As a revision's delta -------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.language is not None:
            out["language"] = self.language
        if self.template is not None:
            out["template"] = self.template
        if self.fields:
            out["fields"] = {p: {k: encode_value(v) for k, v in vals.items()}
                             for p, vals in self.fields.items()}
        if self.forms:
            out["forms"] = {letter: list(attrs) for letter, attrs in self.forms.items()}
        if self.tables:
            out["tables"] = {
                p: {t: [[h.start, h.end, [{k: encode_value(v) for k, v in r.items()}
                                          for r in h.rows]] for h in hunks]
                    for t, hunks in tables.items()}
                for p, tables in self.tables.items()}
        if self.attachments is not None:
            out["attachments"] = [[i, *meta] for i, meta in self.attachments.items()]
        return out

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Changes:
        atts = raw.get("attachments")
        return cls(
            language=raw.get("language"),
            template=raw.get("template"),
            fields={p: {k: decode_value(v) for k, v in vals.items()}
                    for p, vals in raw.get("fields", {}).items()},
            forms={letter: FormAttrs(*a) for letter, a in raw.get("forms", {}).items()},
            tables={p: {t: [Hunk(h[0], h[1], [{k: decode_value(v) for k, v in r.items()}
                                              for r in h[2]]) for h in hunks]
                        for t, hunks in tables.items()}
                    for p, tables in raw.get("tables", {}).items()},
            attachments=None if atts is None else {a[0]: AttachmentMeta(a[1], a[2], a[3])
                                                   for a in atts},
        )

    # In words, for the history ---------------------------------------------------------------

    def summary(self) -> Message | Words:
        """E.g. "Form F: 1 row added, 2 rows changed; Cover page: 1 value changed", kept as
        templates and counts so that the history reads in the reader's language."""
        counts: dict[str, dict[str, int]] = {}

        def bump(part: str, what: str, n: int = 1) -> None:
            if n:
                per = counts.setdefault(part, {})
                per[what] = per.get(what, 0) + n

        for part, vals in self.fields.items():
            bump(part, "value changed", len(vals))
        for letter in self.forms:
            bump(letter, "status changed")
        for part, _table, hunks in self.hunks():
            for h in hunks:
                paired = min(h.end - h.start, len(h.rows))
                bump(part, "row changed", paired)
                bump(part, "row added", len(h.rows) - paired)
                bump(part, "row removed", h.end - h.start - paired)
        pieces: list[Message] = []
        for part in sorted(counts, key=_part_order):
            words = Words(tuple(_count(n, what) for what, n in counts[part].items()))
            pieces.append(message(N_("{part}: {changes}"), part=part_name(part), changes=words))
        if self.attachments is not None:
            added, removed, changed = self.attachment_counts
            done = [said for n, said in (
                (added, nmessage("{n} added", "{n} added", added)),
                (removed, nmessage("{n} removed", "{n} removed", removed)),
                (changed, nmessage("{n} changed", "{n} changed", changed))) if n]
            pieces.append(message(N_("Attachments: {changes}"),
                                  changes=Words(tuple(done)) if done
                                  else message(N_("order changed"))))
        if self.language is not None:
            pieces.append(message(N_("Language set to {language}"), language=self.language))
        if not pieces:
            return message(N_("No changes"))
        return pieces[0] if len(pieces) == 1 else Words(tuple(pieces), clauses=True)


def _part_order(part: str) -> str:
    return "" if part == COVER else part


def _count(n: int, what: str) -> Message:
    if what == "value changed":
        return nmessage("{n} value changed", "{n} values changed", n)
    if what == "status changed":
        return nmessage("{n} status changed", "{n} statuses changed", n)
    if what == "row changed":
        return nmessage("{n} row changed", "{n} rows changed", n)
    if what == "row added":
        return nmessage("{n} row added", "{n} rows added", n)
    return nmessage("{n} row removed", "{n} rows removed", n)


# Computing ------------------------------------------------------------------------------------


def attachment_metas(report: Report, known: dict[str, AttachmentMeta]) -> dict[str, AttachmentMeta]:
    """The report's attachments as metadata. An attachment whose id, name, type and recorded
    hash match what is stored is taken as unchanged; others are hashed from their bytes."""
    import hashlib

    out: dict[str, AttachmentMeta] = {}
    for att_id, att in report.attachments.items():
        meta = AttachmentMeta(att.filename, att.media_type, att.sha256)
        if known.get(att_id) != meta:
            meta = AttachmentMeta(att.filename, att.media_type, hashlib.sha256(att.data).hexdigest())
        out[att_id] = meta
    return out


def diff(old: Content, report: Report, touched: Touched | None = None) -> Changes:
    """What differs between `old` and `report`: everywhere, or (with `touched`, gathered from
    what the window's commands said they changed since `old` was saved) only there."""
    if touched is not None and not touched.whole:
        return _diff_touched(old, report, touched)
    changes = Changes()
    if report.language != old.language:
        changes.language = report.language
    if report.template != old.template:
        changes.template = report.template
    for part, section in sections(report):
        before = old.fields.get(part, {})
        now = section.fields
        changed = _diff_fields(before, now, [*now, *(k for k in before if k not in now)])
        if changed:
            changes.fields[part] = changed
        if part != COVER:
            attrs = form_attrs(section)  # type: ignore[arg-type]
            if attrs != old.forms.get(part, FormAttrs()):
                changes.forms[part] = attrs
        old_tables = old.tables.get(part, {})
        for table in {**old_tables, **section.tables}:
            hunks = diff_rows(old_tables.get(table, []), section.tables.get(table) or [])
            if hunks:
                changes.tables.setdefault(part, {})[table] = hunks
    # A form dropped from report.forms altogether counts as cleared.
    present = {part for part, _ in sections(report)}
    for part in set(old.fields) - present:
        changes.fields[part] = dict.fromkeys(old.fields[part])
    for part in set(old.forms) - present:
        changes.forms[part] = FormAttrs()
    for part in set(old.tables) - present:
        for table, rows in old.tables[part].items():
            if rows:
                changes.tables.setdefault(part, {})[table] = [Hunk(0, len(rows), [])]
    _diff_attachments(changes, old, report)
    return changes


_MISSING = object()


def _diff_fields(before: dict[str, Value], now: dict[str, Value],
                 keys: Iterable[str]) -> dict[str, Value | None]:
    """The values among `keys` that differ (None: cleared)."""
    changed: dict[str, Value | None] = {}
    for key in keys:
        value = now.get(key)
        if is_empty(value):
            if key in before:
                changed[key] = None
        elif before.get(key, _MISSING) != value:
            changed[key] = list(value) if isinstance(value, list) else value
    return changed


def _diff_attachments(changes: Changes, old: Content, report: Report) -> None:
    metas = attachment_metas(report, old.attachments)
    if list(metas.items()) != list(old.attachments.items()):
        changes.attachments = metas
        changes.attachment_counts = (
            len(metas.keys() - old.attachments.keys()), len(old.attachments.keys() - metas.keys()),
            sum(1 for k in metas.keys() & old.attachments.keys() if metas[k] != old.attachments[k]))


def _diff_touched(old: Content, report: Report, touched: Touched) -> Changes:
    """`diff` limited to the values, statuses and rows that `touched` names."""
    changes = Changes()
    if report.language != old.language:
        changes.language = report.language
    if report.template != old.template:
        changes.template = report.template
    for part, keys in touched.fields.items():
        now = report.section(part).fields
        changed = _diff_fields(old.fields.get(part, {}), now, sorted(keys))
        if changed:
            changes.fields[part] = changed
    for letter in touched.forms:
        attrs = form_attrs(report.form(letter))
        if attrs != old.forms.get(letter, FormAttrs()):
            changes.forms[letter] = attrs
    for (part, table), rows in touched.cells.items():
        before_rows = old.tables.get(part, {}).get(table, [])
        rows_now = report.section(part).tables.get(table) or []
        if len(rows_now) != len(before_rows):
            hunks = diff_rows(before_rows, rows_now)  # not for edits in place; to be safe
        else:
            hunks = _merge([Hunk(i, i + 1, [clean_row(rows_now[i])]) for i in sorted(rows)
                            if i < len(rows_now) and not _same(before_rows[i], rows_now[i])])
        if hunks:
            changes.tables.setdefault(part, {})[table] = hunks
    for part, table in touched.reshaped:
        rows_now = report.section(part).tables.get(table) or []
        hunks = diff_rows(old.tables.get(part, {}).get(table, []), rows_now)
        if hunks:
            changes.tables.setdefault(part, {})[table] = hunks
    _diff_attachments(changes, old, report)
    return changes


def _same(stored: Row, row: Row) -> bool:
    return stored == row or stored == clean_row(row)


def diff_rows(old: list[Row], new: list[Row]) -> list[Hunk]:
    """An edit script turning `old` (clean rows) into `new` (rows as the report holds them)."""
    m, n = len(old), len(new)
    if m == n and old == new:
        return []
    lo = _common_prefix(old, new)
    tail = _common_prefix(old[lo:][::-1], new[lo:][::-1])
    hi_old, hi_new = m - tail, n - tail
    if lo == hi_old and lo == hi_new:
        return []
    a, b = old[lo:hi_old], [clean_row(r) for r in new[lo:hi_new]]
    pairwise = _pairwise(a, b, lo) if len(a) == len(b) else None
    if pairwise is not None and _cost(pairwise) <= 8:
        return pairwise  # values edited in place: the usual case
    if not a or not b or len(a) + len(b) > MATCH_LIMIT:
        return pairwise or [Hunk(lo, hi_old, b)]
    # Rows inserted or removed (the rows after them are shifted): match rows by content.
    matcher = difflib.SequenceMatcher(None, [_key(r) for r in a], [_key(r) for r in b])
    hunks: list[Hunk] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 - i1 == j2 - j1:
            hunks.extend(_pairwise(a[i1:i2], b[j1:j2], lo + i1))
        else:
            hunks.append(Hunk(lo + i1, lo + i2, b[j1:j2]))
    matched = _merge(hunks)
    return pairwise if pairwise is not None and _cost(pairwise) <= _cost(matched) else matched


def _cost(hunks: list[Hunk]) -> int:
    """Rows written or deleted."""
    return sum(max(h.end - h.start, len(h.rows)) for h in hunks)


def _common_prefix(old: list[Row], new: list[Row], block: int = 256) -> int:
    """How many leading rows are the same. Whole blocks are compared by list equality, which
    runs in C; only a block that differs is walked row by row."""
    n = min(len(old), len(new))
    i = 0
    while i < n:
        end = min(i + block, n)
        if old[i:end] == new[i:end]:
            i = end
            continue
        while i < end and _same(old[i], new[i]):
            i += 1
        if i < end:
            break
    return i


def _pairwise(a: list[Row], b: list[Row], offset: int) -> list[Hunk]:
    """Same number of rows on both sides: only the rows that differ, grouped in runs."""
    hunks: list[Hunk] = []
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        if x != y:
            hunks.append(Hunk(offset + i, offset + i + 1, [y]))
    return _merge(hunks)


def _merge(hunks: list[Hunk]) -> list[Hunk]:
    out: list[Hunk] = []
    for h in hunks:
        if out and out[-1].end == h.start:
            last = out.pop()
            out.append(Hunk(last.start, h.end, last.rows + h.rows))
        else:
            out.append(h)
    return out


def _key(row: Row) -> Hashable:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in row.items()))


# Applying -------------------------------------------------------------------------------------


def apply(content: Content, changes: Changes) -> None:
    """Change `content` in place as `changes` say (rows are taken over, not copied)."""
    if changes.language is not None:
        content.language = changes.language
    if changes.template is not None:
        content.template = changes.template
    for part, vals in changes.fields.items():
        target = content.fields.setdefault(part, {})
        for key, value in vals.items():
            if value is None:
                target.pop(key, None)
            else:
                target[key] = value
        if not target:
            del content.fields[part]
    for letter, attrs in changes.forms.items():
        if attrs == FormAttrs():
            content.forms.pop(letter, None)
        else:
            content.forms[letter] = attrs
    for part, table, hunks in changes.hunks():
        rows = content.tables.setdefault(part, {}).setdefault(table, [])
        apply_hunks(rows, hunks)
        if not rows:
            del content.tables[part][table]
            if not content.tables[part]:
                del content.tables[part]
    if changes.attachments is not None:
        content.attachments = dict(changes.attachments)


def apply_hunks(items: list[Any], hunks: list[Hunk]) -> None:
    for h in reversed(hunks):
        items[h.start:h.end] = h.rows


__all__ = ["Changes", "Hunk", "apply", "apply_hunks", "attachment_metas", "clean_fields", "diff",
           "diff_rows"]
