"""The comparison with another report (usually last year's) as an annex of the PDF: per part, the
key figures of both reports with their difference, then the rows added, removed, changed and
moved and the fields that changed. The comparison itself is `schema/compare.py`; this lays it
out like the rest of the report (the same tables, headings and right-to-left order)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, NextPageTemplate, PageBreak, Spacer

from ccm_desktop.domain.report import Report, is_empty
from ccm_desktop.exchange.pdf.context import Ctx, frame_size
from ccm_desktop.exchange.pdf.cover import period_text, state_text
from ccm_desktop.exchange.pdf.flowables import Bookmark, text
from ccm_desktop.exchange.pdf.forms import caption_style
from ccm_desktop.exchange.pdf.styles import MUTED, TextStyle
from ccm_desktop.exchange.pdf.tables import Cell, TableBlock, TableSpec, column_widths
from ccm_desktop.schema.compare import (
    ADDED,
    MOVED,
    REMOVED,
    Change,
    Comparison,
    Figure,
    place,
)
from ccm_desktop.schema.i18n import N_, Words, language, ntranslate
from ccm_desktop.schema.kinds import format_number
from ccm_desktop.schema.registry import PARTS, part, part_heading, part_name

KIND_WORDS = {ADDED: N_("Added"), REMOVED: N_("Removed"), MOVED: N_("Moved"),
              "changed": N_("Modified")}
# A form's status as the cover page names it.
STATUS_WORDS = {"changed": N_("Changed"), "unchanged": N_("Unchanged"),
                "not_applicable": N_("Not applicable")}
EMPTY = "\u2013"
ROW_SEPARATOR = {"ar": "\u061b ", "zh": "\uff1b"}  # between the values of a row


def annex_title(ctx: Ctx) -> str:
    return ctx.t(N_("Annex: changes since the report compared with"))


def comparison_story(ctx: Ctx, old: Report, comparison: Comparison,
                     new_page: bool = True) -> list[Flowable]:
    """The annex: a heading naming the report compared with, then one section per part that
    has changes or key figures. `new_page` False when it is the first page of its PDF."""
    styles = ctx.styles
    title = annex_title(ctx)
    story: list[Flowable] = [NextPageTemplate("portrait")]
    if new_page:
        story.append(PageBreak())
    other = replace(ctx, report=old, cache={})
    story += [
        Bookmark("annex-compare", title),
        text(title, styles.h1),
        text(ctx.t(N_("Compared with the report of {state}, {period}.")).format(
            state=state_text(other), period=period_text(other)), styles.h1_sub),
        Spacer(1, 4),
    ]
    count = len(comparison.changes)
    if count:
        line = ntranslate("{n} change since the report compared with.",
                          "{n} changes since the report compared with.", count,
                          ctx.lang).format(n=format_number(count, ctx.numbers_locale))
    else:
        line = ctx.t(N_("Nothing has changed since the report compared with."))
    story.append(text(line, styles.body.but(align=styles.start)))
    years = (old.reporting_year, ctx.report.reporting_year)
    for p in PARTS:
        figures = comparison.figures_of(p.id)
        changes = comparison.of_part(p.id)
        if not figures and not changes:
            continue
        heading = (part_heading(p.id) if p.is_form else part_name(p.id)).text(
            language(ctx.lang))
        story.append(text(heading, styles.h2))
        if figures:
            story.append(_figures_table(ctx, figures, years))
            story.append(Spacer(1, 6))
        if changes:
            story.append(_changes_table(ctx, changes))
    return story


def _number(ctx: Ctx, value: int | Decimal | None) -> str:
    return EMPTY if value is None else format_number(value, ctx.numbers_locale)


def _signed(ctx: Ctx, value: int | Decimal | None) -> str:
    """A difference with its sign ("+20", "−1,174,750"); the cell is a left-to-right run of its
    own, so the sign stays before the digits in Arabic too."""
    if value is None:
        return EMPTY
    if value > 0:
        return "+" + format_number(value, ctx.numbers_locale)
    if value < 0:
        return "\u2212" + format_number(-value, ctx.numbers_locale)
    return format_number(value, ctx.numbers_locale)


def _table(ctx: Ctx, labels: list[str], rows: list[list[str]], numeric: list[bool],
           caption: str | None = None) -> Flowable:
    """A table of texts laid out as the report's own tables are (header on every page, numbers
    to the right, columns in reading order)."""
    styles = ctx.styles
    avail_w, avail_h = frame_size(False)
    widths = column_widths(labels, rows, numeric, avail_w, styles.cell, styles.header_cell)
    order = list(range(len(labels)))[::-1] if styles.rtl else list(range(len(labels)))

    def style_of(j: int) -> TextStyle:
        return styles.cell.but(align="right") if numeric[j] else styles.cell

    def cells(i: int) -> list[Cell]:
        return [text(rows[i][j], style_of(j)) for j in order]

    header = [text(labels[j], styles.header_cell.but(align="right") if numeric[j]
                   else styles.header_cell) for j in order]
    cap = caption_style(ctx)
    spec = TableSpec(
        widths=[widths[j] for j in order], row_count=len(rows), cells=cells,
        fresh_height=avail_h, header=header,
        caption=text(caption, cap) if caption else None,
        continued=text(ctx.t(N_("{table} (continued)")).format(table=caption),
                       cap.but(color=MUTED)) if caption else None,
        right_aligned=frozenset(k for k, j in enumerate(order) if numeric[j]),
        cell_style=styles.cell, align="RIGHT" if styles.rtl else "LEFT")
    return TableBlock(spec)


def _figures_table(ctx: Ctx, figures: list[Figure], years: tuple[int | None, int | None],
                   ) -> Flowable:
    words = language(ctx.lang)
    labels = [ctx.t(N_("Figure")),
              str(years[0]) if years[0] else ctx.t(N_("Before")),
              str(years[1]) if years[1] else ctx.t(N_("Now")),
              ctx.t(N_("Difference"))]
    rows = [[f.label.text(words), _number(ctx, f.old), _number(ctx, f.new),
             _signed(ctx, f.difference)] for f in figures]
    return KeepTogether([_table(ctx, labels, rows, [False, True, True, True],
                                ctx.t(N_("Key figures")))])


def _where(ctx: Ctx, change: Change) -> str:
    """The place without the part (the section's heading names it)."""
    where = Words(place(change).parts[1:]).text(language(ctx.lang))
    return where[:1].upper() + where[1:] if where else EMPTY


def _cut(value: str, most: int = 240) -> str:
    return value if len(value) <= most else value[:most - 1].rstrip() + "\u2026"


def _value(ctx: Ctx, change: Change, value: Any) -> str:
    """A value as the rest of the PDF writes it (dates, numbers, areas in the report's unit,
    choices by name); a row as its filled columns, "label: value; …"."""
    if is_empty(value):
        return EMPTY
    p = part(change.part_id)
    attribute = change.path.rsplit(".", 1)[-1]
    if change.table_id is None:
        if attribute == "status" and value in STATUS_WORDS:
            return ctx.t(STATUS_WORDS[value])
        if p.has_field(attribute):
            return _cut(ctx.display(p.field(attribute), value))
        return _cut(str(value))
    table = p.table(change.table_id)
    if isinstance(value, dict):
        separator = ROW_SEPARATOR.get(ctx.lang, "; ")
        return _cut(separator.join(f"{ctx.label(c)}: {ctx.display(c, value[c.id])}"
                                   for c in table.columns if not is_empty(value.get(c.id))))
    if change.column_id is not None:
        return _cut(ctx.display(table.column(change.column_id), value))
    return _cut(str(value))


def _values(ctx: Ctx, change: Change) -> tuple[str, str]:
    if change.kind == MOVED:
        row = ctx.t(N_("row {n}"))
        return (row.format(n=format_number(change.old, ctx.numbers_locale)),
                row.format(n=format_number(change.new, ctx.numbers_locale)))
    return _value(ctx, change, change.old), _value(ctx, change, change.new)


def _changes_table(ctx: Ctx, changes: list[Change]) -> Flowable:
    labels = [ctx.t(N_("Change")), ctx.t(N_("Where")), ctx.t(N_("Before")), ctx.t(N_("Now"))]
    rows = [[ctx.t(KIND_WORDS[c.kind]), _where(ctx, c), *_values(ctx, c)] for c in changes]
    caption = ntranslate("{n} change", "{n} changes", len(changes), ctx.lang).format(
        n=format_number(len(changes), ctx.numbers_locale))
    return _table(ctx, labels, rows, [False] * 4, caption)

