"""Forms A-J: one part per printed form, driven by the schema (fields as label/value pairs,
tables with their header, totals and photographs)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, localcontext
from typing import Any

from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
)

from ccm_desktop.domain.report import FormData, FormStatus, Row, Value, is_empty
from ccm_desktop.exchange.pdf import shaping
from ccm_desktop.exchange.pdf.context import Ctx, frame_size
from ccm_desktop.exchange.pdf.flowables import Bookmark, ProgressMark, text
from ccm_desktop.exchange.pdf.photos import PhotoStrip, load_photo
from ccm_desktop.exchange.pdf.styles import CELL_PAD_X, MUTED, TextStyle
from ccm_desktop.exchange.pdf.tables import Cell, TableBlock, TableSpec, column_widths
from ccm_desktop.schema.i18n import N_, language
from ccm_desktop.schema.kinds import Attachments
from ccm_desktop.schema.model import Field, Part, Table
from ccm_desktop.schema.registry import part_heading

PART_UNITS = 50  # progress units for a part besides its rows
SAMPLE_ROWS = 2000  # rows measured to choose column widths

def is_printed(form: FormData) -> bool:
    """Changed forms are printed; unchanged and not-applicable ones are not (the cover page
    says so). A form without a status is printed if it holds anything (a draft)."""
    if form.status is FormStatus.CHANGED:
        return True
    return form.status is None and form.has_content()


def is_wide(part: Part) -> bool:
    return part.wide or any(t.wide for t in part.tables)


def heading(ctx: Ctx, part: Part) -> str:
    """ "Form B — Stockpiles and destruction": the letter and the form's official title (also
    the form's bookmark)."""
    return part_heading(part.id).text(language(ctx.lang))


def articles_line(ctx: Ctx, part: Part) -> str:
    """The sub-paragraphs of Article 7.1 (and the articles) the form answers."""
    return ctx.t(part.articles)


def form_story(ctx: Ctx, part: Part, form: FormData) -> list[Flowable]:
    styles = ctx.styles
    wide = is_wide(part)
    story: list[Flowable] = [
        NextPageTemplate("landscape" if wide else "portrait"), PageBreak(),
        Bookmark(f"form-{part.id}", heading(ctx, part)),
        text(heading(ctx, part), styles.h1),
        text(articles_line(ctx, part), styles.h1_sub),
    ]
    if has_shading(part, form):
        story.append(text(voluntary_note(ctx), styles.note.but(align=styles.start)))
    if form.status is None:
        story.append(text(ctx.t(N_("The cover page does not say whether this form changed.")),
                          styles.note))
    pending: list[Field] = []

    def flush() -> None:
        if pending:
            story.append(Spacer(1, 6))
            story.append(field_pairs(ctx, part, list(pending), form.fields, wide))
            pending.clear()

    for item in part.items:
        if isinstance(item, Table):
            flush()
            story.append(Spacer(1, 8))
            story.extend(data_table(ctx, part, item, form.tables.get(item.id, []), wide))
        else:
            pending.append(item)
    flush()
    story.append(ProgressMark(ctx.tracker.advance, PART_UNITS))
    return story


def caption_style(ctx: Ctx) -> TextStyle:
    return TextStyle("caption", 10.5, 13.0, bold=True, color=ctx.styles.h2.color,
                     align=ctx.styles.start)


def field_value(ctx: Ctx, field: Field, values: dict[str, Value]) -> tuple[str, bool]:
    """The text of a field, and whether it was computed (a derived deadline left empty)."""
    value = values.get(field.id)
    if is_empty(value) and field.derived:
        derived = field.derived_value(ctx.report)
        return (ctx.display(field, derived), True) if derived is not None else ("", False)
    return ctx.display(field, value), False


def field_pairs(ctx: Ctx, part: Part, fields: list[Field], values: dict[str, Value],
                wide: bool) -> Flowable:
    """Fields as a two-column table of labels and values; long notes split across pages."""
    styles = ctx.styles
    avail_w, avail_h = frame_size(wide)
    label_w = avail_w * (0.26 if wide else 0.32)
    widths = [label_w, avail_w - label_w]
    label_style = styles.label

    def cells(i: int) -> list[Cell]:
        field = fields[i]
        shown, computed = field_value(ctx, field, values)
        label = text(ctx.label(field), label_style)
        if not shown:
            value: Cell = text("—", styles.empty)
        else:
            if computed:
                shown += " " + ctx.t(N_("(computed from the entry into force)"))
            value = text(shown, styles.value)
        return [value, label] if styles.rtl else [label, value]

    spec = TableSpec(widths=widths[::-1] if styles.rtl else widths, row_count=len(fields),
                     cells=cells, fresh_height=avail_h, label_column=1 if styles.rtl else 0,
                     cell_style=styles.value, align="RIGHT" if styles.rtl else "LEFT",
                     shaded_rows=frozenset(i for i, f in enumerate(fields) if f.voluntary))
    return TableBlock(spec)


def totalled_columns(table: Table, shown: Sequence[Field]) -> list[Field]:
    """Number columns whose sum means something (not coordinates, years or ratios)."""
    return [c for c in shown if c.is_totalled]


def _digits(value: int | Decimal) -> int:
    """How many digits `value` has, before and after the point."""
    if isinstance(value, int):
        return len(str(abs(value)))
    if not value.is_finite():
        return 1
    exponent = int(value.as_tuple().exponent)
    return max(value.adjusted() + 1, 1) + max(-exponent, 0)


def _sum(values: list[Any]) -> Any:
    """The exact sum (the default decimal context would round to 28 digits)."""
    numbers = [v for v in values if isinstance(v, (int, Decimal)) and not isinstance(v, bool)]
    if not numbers:
        return None
    total: Any = 0
    with localcontext() as context:
        context.prec = max(_digits(v) for v in numbers) + len(str(len(numbers))) + 2
        for v in numbers:
            total = total + v
    return total


def totals_rows(ctx: Ctx, table: Table, shown: Sequence[Field],
                rows: list[Row]) -> list[list[str]]:
    """Text of the totals rows: one, or one per currency when amounts are in several."""
    columns = totalled_columns(table, shown)
    if not table.totals or len(rows) < 2 or not columns:
        return []
    groups: dict[str, list[Row]] = {"": rows}
    money = any(c.kind.name == "money" for c in columns)
    currency_shown = any(c.id == "currency" for c in shown)
    if money and table.has_column("currency"):
        groups = {}
        for row in rows:
            groups.setdefault(str(row.get("currency") or ""), []).append(row)
    label_at = next((i for i, c in enumerate(shown) if not c.kind.is_number),
                    next((i for i, c in enumerate(shown) if c not in columns), None))
    out: list[list[str]] = []
    for currency, members in groups.items():
        sums = {c.id: _sum([r.get(c.id) for r in members]) for c in columns}
        if all(v is None for v in sums.values()):
            continue
        cells = [""] * len(shown)
        for i, column in enumerate(shown):
            if column.id in sums and sums[column.id] is not None:
                cells[i] = ctx.display(column, sums[column.id])
            elif column.id == "currency" and currency:
                cells[i] = currency
        if label_at is not None:
            label = ctx.t(N_("Total"))
            if currency and (len(groups) > 1 or not currency_shown):
                label = ctx.t(N_("Total {currency}")).format(currency=currency)
            cells[label_at] = label
        out.append(cells)
    return out


def _has_value(rows: list[Row], column: Field) -> bool:
    return any(not is_empty(r.get(column.id)) for r in rows)


def _photo_column(table: Table) -> Field | None:
    return next((c for c in table.columns
                 if isinstance(c.kind, Attachments) and c.id == "photos"), None)


def shown_columns(table: Table, rows: list[Row]) -> list[Field]:
    """The columns a table prints: the first, the required ones, and those filled in a row."""
    photo_column = _photo_column(table)
    return [c for c in table.columns if c is not photo_column
            and (c is table.columns[0] or c.required or _has_value(rows, c))]


def voluntary_note(ctx: Ctx) -> str:
    return ctx.t(N_("Information in grey cells is given on a voluntary basis."))


def has_shading(part: Part, form: FormData) -> bool:
    """Whether the printed form shows a voluntary (grey) field or column."""
    for item in part.items:
        if isinstance(item, Table):
            rows = form.tables.get(item.id, [])
            if rows and (item.voluntary or any(c.voluntary for c in shown_columns(item, rows))):
                return True
        elif item.voluntary:
            return True
    return False


def data_table(ctx: Ctx, part: Part, table: Table, rows: list[Row], wide: bool) -> list[Flowable]:
    styles = ctx.styles
    avail_w, avail_h = frame_size(wide)
    caption_text = ctx.t(table.label)
    cap_style = caption_style(ctx)
    if not rows:
        return [KeepTogether([text(caption_text, cap_style), Spacer(1, 3),
                              text(ctx.t(N_("None reported")), styles.empty)])]
    photo_column = _photo_column(table)
    shown = shown_columns(table, rows)
    omitted = [c for c in table.columns if c not in shown
               and not (c is photo_column and _has_value(rows, c))]
    numeric = [c.kind.is_number for c in shown]
    totals = totals_rows(ctx, table, shown, rows)
    step = max(len(rows) // SAMPLE_ROWS, 1)
    samples = [[ctx.display(c, rows[i].get(c.id)) for c in shown]
               for i in range(0, len(rows), step)]
    labels = [ctx.label(c) for c in shown]
    widths = column_widths(labels, samples, numeric, avail_w, styles.cell, styles.header_cell,
                           bold_samples=totals)
    rtl = styles.rtl
    order = list(range(len(shown)))[::-1] if rtl else list(range(len(shown)))

    def make_cell(j: int, shown_text: str, bold: bool = False) -> Cell:
        if not shown_text:
            return ""
        style = styles.cell_bold if bold else styles.cell
        if "\n" not in shown_text and shaping.is_simple(shown_text, bold):
            fits = shaping.width(shown_text, bold, style.size) <= widths[j] - 2 * CELL_PAD_X
            if fits or numeric[j]:
                return shown_text
        return text(shown_text, style.but(align="right") if numeric[j] else style)

    def cells(i: int) -> list[Cell]:
        row = rows[i]
        return [make_cell(j, ctx.display(shown[j], row.get(shown[j].id))) for j in order]

    header = [text(labels[j], styles.header_cell.but(align="right") if numeric[j]
                   else styles.header_cell) for j in order]
    extra = None
    if photo_column is not None and _has_value(rows, photo_column):
        extra = _photo_rows(ctx, rows, photo_column)
    after: list[Flowable] = []
    if omitted:
        names = ", ".join(ctx.label(c) for c in omitted)
        after.append(Spacer(1, 2))
        after.append(text(ctx.t(N_("Not filled in for any row: {columns}.")).format(columns=names),
                          styles.small.but(align=styles.start)))
    spec = TableSpec(
        widths=[widths[j] for j in order], row_count=len(rows), cells=cells,
        fresh_height=avail_h, header=header, caption=text(caption_text, cap_style),
        continued=text(ctx.t(N_("{table} (continued)")).format(table=caption_text),
                       cap_style.but(color=MUTED)),
        extra=extra,
        totals=[[make_cell(j, r[j], bold=True) for j in order] for r in totals],
        right_aligned=frozenset(k for k, j in enumerate(order) if numeric[j]),
        shaded_columns=frozenset(k for k, j in enumerate(order)
                                 if shown[j].voluntary or table.voluntary),
        cell_style=styles.cell, progress=ctx.tracker.advance, after=after,
        align="RIGHT" if rtl else "LEFT",
    )
    return [TableBlock(spec)]


def _photo_rows(ctx: Ctx, rows: list[Row], column: Field) -> Callable[[int], Flowable | None]:
    note = ctx.t(N_("not an image that can be printed"))
    align = ctx.styles.start

    def extra(i: int) -> Flowable | None:
        refs = rows[i].get(column.id) or []
        photos = []
        for ref in refs:
            attachment = ctx.report.attachments.get(str(ref))
            if attachment is not None:
                photos.append(load_photo(attachment, note))
        if not photos:
            return None
        return PhotoStrip(photos, ctx.styles.small, align=align)

    return extra
