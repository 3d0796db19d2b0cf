"""A report that fails validation prints as a draft: a diagonal mark on every page and a last
page listing the findings, so that people can discuss it without mistaking it for the real one."""

from __future__ import annotations

import math

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer

from ccm_desktop.domain.findings import Finding
from ccm_desktop.exchange.pdf import shaping
from ccm_desktop.exchange.pdf.context import Ctx, frame_size
from ccm_desktop.exchange.pdf.flowables import Bookmark, draw_line, text
from ccm_desktop.exchange.pdf.styles import DRAFT
from ccm_desktop.exchange.pdf.tables import Cell, TableBlock, TableSpec, column_widths
from ccm_desktop.schema.i18n import N_, language
from ccm_desktop.schema.model import parse_path
from ccm_desktop.schema.registry import part
from ccm_desktop.schema.validate import place


def draw_draft_mark(canvas: Canvas, mark: str) -> None:
    """The mark across the middle of the page, large, red and translucent (text stays legible)."""
    width, height = canvas._pagesize
    angle = math.degrees(math.atan2(height, width))
    diagonal = math.hypot(width, height)
    size = min(0.62 * diagonal / max(shaping.width(shaping.shape(mark), True, 1.0), 1.0), 96.0)
    canvas.saveState()
    canvas.translate(width / 2, height / 2)
    canvas.rotate(angle)
    canvas.setFillColor(DRAFT)
    canvas.setFillAlpha(0.16)
    draw_line(canvas, mark, 0, -size * 0.35, size, bold=True, align="center")
    canvas.restoreState()


def where(ctx: Ctx, path: str) -> str:
    """A finding's place in words ("Form H, Casualties, row 3, Total"), or its path."""
    try:
        ref = parse_path(path)
        schema = part(ref.part_id)
        table = schema.table(ref.table_id) if ref.table_id else None
        column = None
        if ref.field_id:
            column = schema.field(ref.field_id)
        elif table is not None and ref.column_id:
            column = table.column(ref.column_id)
    except (ValueError, KeyError):
        return path
    return place(schema, table, ref.row, column).text(language(ctx.lang))


def findings_story(ctx: Ctx, findings: list[Finding]) -> list[Flowable]:
    styles = ctx.styles
    avail_w, avail_h = frame_size(False)
    ordered = sorted(findings, key=lambda f: not f.is_error)
    labels = [ctx.t(N_("Severity")), ctx.t(N_("Where")), ctx.t(N_("Finding"))]
    rows = [[ctx.t(N_("Error")) if f.is_error else ctx.t(N_("Warning")), where(ctx, f.path),
             f.text(language(ctx.lang))] for f in ordered]
    widths = column_widths(labels, rows, [False] * 3, avail_w, styles.cell, styles.header_cell)
    order = [2, 1, 0] if styles.rtl else [0, 1, 2]

    def cells(i: int) -> list[Cell]:
        row = rows[i]
        style = [styles.cell_bold.but(color=DRAFT) if ordered[i].is_error else styles.cell_bold,
                 styles.cell, styles.cell]
        return [text(row[j], style[j]) for j in order]

    spec = TableSpec(widths=[widths[j] for j in order], row_count=len(rows), cells=cells,
                     fresh_height=avail_h, header=[text(labels[j], styles.header_cell)
                                                   for j in order],
                     cell_style=styles.cell, align="RIGHT" if styles.rtl else "LEFT")
    return [
        NextPageTemplate("portrait"), PageBreak(),
        Bookmark("findings", ctx.t(N_("Findings of validation"))),
        text(ctx.t(N_("Findings of validation")), styles.h1),
        Spacer(1, 4),
        text(ctx.t(N_("This report has not passed validation. It is printed as a draft for "
                      "discussion: correct the errors below before submitting it.")),
             styles.body.but(align=styles.start)),
        Spacer(1, 8),
        TableBlock(spec),
    ]
