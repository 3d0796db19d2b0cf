"""The cover page (who reports, for which period, the status of Forms A-J) and the first page
with the contacts (Art. 7.1(l))."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, NextPageTemplate, PageBreak, Spacer

from ccm_desktop.domain.report import FormStatus, is_empty
from ccm_desktop.exchange.pdf.context import Ctx, frame_size
from ccm_desktop.exchange.pdf.flowables import Bookmark, ProgressMark, text
from ccm_desktop.exchange.pdf.forms import PART_UNITS, caption_style, field_pairs, voluntary_note
from ccm_desktop.exchange.pdf.shaping import isolate
from ccm_desktop.exchange.pdf.styles import DRAFT, TextStyle
from ccm_desktop.exchange.pdf.tables import Cell, TableBlock, TableSpec, column_widths
from ccm_desktop.schema.i18n import N_, language
from ccm_desktop.schema.registry import FORMS, part, part_name
from ccm_desktop.schema.states import state_name

IDENTIFICATION = ("state", "report_kind", "period_from", "period_to", "submission_date",
                  "entry_into_force", "prepared_by", "approved_by")
SHOWN_WHEN_SET = ("area_unit",)  # printed only when given (empty means m²)


def state_text(ctx: Ctx) -> str:
    code = ctx.report.cover.fields.get("state")
    return state_name(code, ctx.lang) if isinstance(code, str) else ctx.t(N_("State not given"))


def period_text(ctx: Ctx) -> str:
    fields = ctx.report.cover.fields
    cover = part("cover")
    start = ctx.display(cover.field("period_from"), fields.get("period_from")) or "…"
    end = ctx.display(cover.field("period_to"), fields.get("period_to")) or "…"
    # Dates stay left to right inside right-to-left text (the marks are never drawn).
    text = ctx.t(N_("from {start} to {end}")).format(start=isolate(start), end=isolate(end))
    return isolate(text, first_strong=True)


def status_text(ctx: Ctx, letter: str) -> str:
    form = ctx.report.form(letter)
    if form.status is FormStatus.CHANGED:
        return ctx.t(N_("Changed"))
    if form.status is FormStatus.UNCHANGED:
        if form.last_reported_year is None:
            return ctx.t(N_("Unchanged"))
        return ctx.t(N_("Unchanged since {year}")).format(year=form.last_reported_year)
    if form.status is FormStatus.NOT_APPLICABLE:
        return ctx.t(N_("Not applicable"))
    return ctx.t(N_("Not stated"))


def all_unchanged(ctx: Ctx) -> bool:
    return all(ctx.report.form(p.id).status is FormStatus.UNCHANGED for p in FORMS)


def cover_story(ctx: Ctx) -> list[Flowable]:
    styles = ctx.styles
    story: list[Flowable] = [
        NextPageTemplate("portrait"),
        Bookmark("cover", part_name("cover").text(language(ctx.lang))),
        text(ctx.t(N_("Convention on Cluster Munitions")), styles.kicker),
        Spacer(1, 4),
        text(ctx.t(N_("Article 7 report")), styles.title),
        text(state_text(ctx), styles.subtitle),
        text(ctx.t(N_("Reporting period {period}")).format(period=period_text(ctx)),
             styles.body.but(align=styles.start, color=styles.note.color)),
    ]
    if ctx.draft:
        story += [Spacer(1, 8), text(ctx.t(N_("DRAFT — not validated. This report has errors; "
                                              "they are listed on its last page.")),
                                     styles.body.but(bold=True, color=DRAFT, align=styles.start))]
    cover = part("cover")
    shown = [*IDENTIFICATION, *(f for f in SHOWN_WHEN_SET
                                if ctx.report.cover.fields.get(f) not in (None, ""))]
    story += [
        Spacer(1, 14),
        field_pairs(ctx, cover, [cover.field(f) for f in shown], ctx.report.cover.fields,
                    wide=False),
        Spacer(1, 3),
        text(voluntary_note(ctx), styles.note.but(align=styles.start)),
        Spacer(1, 16),
        status_grid(ctx),
        Spacer(1, 6),
    ]
    for sentence in cover_sentences(ctx):
        story.append(text(sentence, styles.body.but(align=styles.start)))
        story.append(Spacer(1, 3))
    story.append(ProgressMark(ctx.tracker.advance, PART_UNITS))
    story.extend(contacts_story(ctx))
    return story


def cover_sentences(ctx: Ctx) -> list[str]:
    if all_unchanged(ctx):
        return [ctx.t(N_("Every form is unchanged since an earlier report: this report consists "
                         "of the cover page and the contacts only."))]
    statuses = {ctx.report.form(p.id).status for p in FORMS}
    if statuses & {FormStatus.UNCHANGED, FormStatus.NOT_APPLICABLE}:
        return [ctx.t(N_("Forms marked unchanged or not applicable are not printed in this "
                         "report."))]
    return []


def status_grid(ctx: Ctx) -> Flowable:
    """Forms A-J: changed, unchanged since YEAR, or not applicable with the reason."""
    styles = ctx.styles
    avail_w, avail_h = frame_size(False)
    labels = [ctx.t(N_("Form")), ctx.t(N_("Subject")), ctx.t(N_("Status")),
              ctx.t(N_("Statement"))]
    rows = []
    for p in FORMS:
        form = ctx.report.form(p.id)
        statement = form.statement or "" if form.status is FormStatus.NOT_APPLICABLE else ""
        rows.append([p.id, ctx.t(p.title), status_text(ctx, p.id), statement])
    widths = column_widths(labels, rows, [False] * 4, avail_w, styles.cell, styles.header_cell)
    order = [3, 2, 1, 0] if styles.rtl else [0, 1, 2, 3]

    def cells(i: int) -> list[Cell]:
        return [text(rows[i][j], styles.cell) if rows[i][j] else "" for j in order]

    spec = TableSpec(
        widths=[widths[j] for j in order], row_count=len(rows), cells=cells,
        fresh_height=avail_h, header=[text(labels[j], styles.header_cell) for j in order],
        caption=text(ctx.t(N_("Status of Forms A to J")), caption_style(ctx)),
        cell_style=styles.cell, align="RIGHT" if styles.rtl else "LEFT",
    )
    return TableBlock(spec)


def contacts_story(ctx: Ctx) -> list[Flowable]:
    """The first page: each contact as a block of labelled lines."""
    styles = ctx.styles
    cover = part("cover")
    contacts = cover.table("contacts")
    story: list[Flowable] = [
        PageBreak(),
        Bookmark("contacts", ctx.t(N_("Contacts"))),
        text(ctx.t(N_("Contacts — {articles}")).format(articles=ctx.t(N_("Art. 7.1(l)"))),
             styles.h1),
        text(ctx.t(N_("The institutions mandated to provide information and to carry out the "
                      "measures of Art. 7.1(l), and the people to contact.")),
             styles.note.but(align=styles.start)),
        Spacer(1, 8),
    ]
    rows = ctx.report.cover.tables.get("contacts", [])
    if not rows:
        story.append(text(ctx.t(N_("None reported")), styles.empty))
    for number, row in enumerate(rows, 1):
        filled = [c for c in contacts.columns if not is_empty(row.get(c.id))]
        title = TextStyle("contact", 9.5, 12.0, bold=True, align=styles.start)
        block: list[Flowable] = [text(ctx.t(N_("Contact {n}")).format(n=number), title),
                                 Spacer(1, 3)]
        if filled:
            block.append(field_pairs(ctx, cover, filled, row, wide=False))
        story.append(KeepTogether(block))
        story.append(Spacer(1, 10))
    if all_unchanged(ctx):
        story.append(Spacer(1, 6))
        story.extend(text(s, styles.body.but(align=styles.start)) for s in cover_sentences(ctx))
    story.append(ProgressMark(ctx.tracker.advance, PART_UNITS))
    return story
