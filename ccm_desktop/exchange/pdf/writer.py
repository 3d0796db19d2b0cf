"""`write_pdf`: the report as the PDF the UN receives and publishes."""

from __future__ import annotations

import hashlib
import io
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from reportlab.lib.utils import TimeStamp

from ccm_desktop import __version__
from ccm_desktop.domain.findings import Finding
from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.atomic import write_atomic
from ccm_desktop.exchange.json_io import dumps_report
from ccm_desktop.exchange.pdf import fonts
from ccm_desktop.exchange.pdf.annex import annex_title, comparison_story
from ccm_desktop.exchange.pdf.context import Ctx, ProgressCallback, Tracker
from ccm_desktop.exchange.pdf.cover import cover_story, period_text, state_text
from ccm_desktop.exchange.pdf.draft import findings_story
from ccm_desktop.exchange.pdf.forms import PART_UNITS, form_story, is_printed
from ccm_desktop.exchange.pdf.page import PageDecoration, ReportCanvas, ReportDoc
from ccm_desktop.exchange.pdf.shaping import strip_controls
from ccm_desktop.exchange.pdf.styles import Styles
from ccm_desktop.schema.compare import compare
from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.registry import FORMS
from ccm_desktop.schema.validate import validate


def content_hash(report: Report) -> str:
    """SHA-256 of the report's canonical JSON: the same content gives the same hash."""
    return hashlib.sha256(dumps_report(report).encode("utf-8")).hexdigest()


def _fix_time(canvas: ReportCanvas, moment: datetime) -> None:
    """Date the PDF (CreationDate, ModDate) at `moment`, in UTC, instead of now."""
    stamp = TimeStamp(True)  # invariant: UTC, no offset
    stamp.t = moment.timestamp()
    stamp.lt = time.gmtime(int(stamp.t))
    stamp.YMDhms = tuple(stamp.lt)[:6]
    canvas._doc._timeStamp = stamp


def _numbers_locale(lang: str) -> str:
    try:
        Locale.parse({"zh": "zh_Hans"}.get(lang, lang).replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return "en"
    return lang


def _author(report: Report) -> str:
    prepared = report.cover.fields.get("prepared_by")
    if isinstance(prepared, str) and prepared.strip():
        return prepared.strip()
    for contact in report.cover.tables.get("contacts", []):
        institution = contact.get("institution")
        if isinstance(institution, str) and institution.strip():
            return institution.strip()
    return ""


def render_pdf(report: Report, lang: str = "en", findings: list[Finding] | None = None,
               progress: ProgressCallback | None = None, *, label: str | None = None,
               timestamp: datetime | None = None, compared_with: Report | None = None,
               ) -> bytes:
    """The PDF as bytes. `findings` are validation's (computed when not given); with any error
    the PDF is marked as a draft and ends with them. `label` (e.g. "Corrigendum 1") is printed
    in the header of every page. With `timestamp` the file is the same byte for byte each time
    (its dates are that moment, its identifier comes from its content): a submission package.
    With `compared_with` (usually last year's report) the forms are followed by an annex: what
    changed since that report (`annex.comparison_story`)."""
    fonts.register()
    if findings is None:
        findings = validate(report)
    draft = any(f.is_error for f in findings)
    printed = [p for p in FORMS if is_printed(report.form(p.id))]
    rows = sum(len(report.form(p.id).tables.get(t.id, [])) for p in printed for t in p.tables)
    rows += len(report.cover.tables.get("contacts", []))
    parts_units = PART_UNITS * (2 + len(printed) + (1 if draft else 0))
    writing_units = max((rows + parts_units) // 8, 20)
    tracker = Tracker(progress, rows + parts_units + writing_units)
    ctx = Ctx(report=report, lang=lang, styles=Styles(lang), tracker=tracker,
              numbers_locale=_numbers_locale(lang), draft=draft)

    story = cover_story(ctx)
    for schema in printed:
        story.extend(form_story(ctx, schema, report.form(schema.id)))
    if compared_with is not None:
        story.extend(comparison_story(ctx, compared_with, compare(compared_with, report)))
    if draft:
        story.extend(findings_story(ctx, findings))

    return _build(ctx, story, writing_units, label=label, timestamp=timestamp)


def _build(ctx: Ctx, story: list[Any], writing_units: int, *, label: str | None = None,
           timestamp: datetime | None = None, title: str | None = None) -> bytes:
    """Lay out `story` on the report's pages (header, "page N of M", draft mark, the small print
    of the last page) and return the PDF's bytes."""
    report, tracker = ctx.report, ctx.tracker
    state, period = state_text(ctx), period_text(ctx)
    laid_out = tracker.total - writing_units

    def on_page(page: int, pages: int) -> None:
        tracker.done = laid_out + writing_units * page // max(pages, 1) - 1
        tracker.advance(1)

    decoration = PageDecoration(
        header_left=f"{state} — {period}" + (f" — {label}" if label else ""),
        header_right=ctx.t(N_("Convention on Cluster Munitions — Article 7 report")),
        footer=ctx.t(N_("page {page} of {pages}")),
        last_page_note=ctx.t(N_("Produced by ccm-desktop {version} · content SHA-256 {hash}"))
        .format(version=__version__, hash=content_hash(report)),
        draft_mark=ctx.t(N_("DRAFT — not validated")) if ctx.draft else None,
        rtl=ctx.styles.rtl,
        on_page=on_page,
    )
    buffer = io.BytesIO()
    doc = ReportDoc(
        buffer,
        title=strip_controls(title or ctx.t(N_("Article 7 report of {state}, {period}")).format(
            state=state, period=period)),
        author=_author(report),
        subject=ctx.t(N_("Convention on Cluster Munitions: Article 7 transparency report")),
        creator=f"ccm-desktop {__version__}",
        keywords=["CCM", "Article 7", report.state or "", str(report.reporting_year or "")],
        lang=report.language or ctx.lang,
        displayDocTitle=1,
        invariant=1 if timestamp is not None else None,
    )

    def canvas(*args: Any, **kwargs: Any) -> ReportCanvas:
        made = ReportCanvas(*args, decoration=decoration, **kwargs)
        if timestamp is not None:
            _fix_time(made, timestamp)
        return made

    doc.build(story, canvasmaker=canvas)
    tracker.finish()
    return buffer.getvalue()


def render_comparison_pdf(old: Report, new: Report, lang: str = "en",
                          progress: ProgressCallback | None = None) -> bytes:
    """The comparison of `new` with `old` alone, as a PDF with the pages of `new`'s report
    (its State and period in the header): what `diff A B --pdf` writes."""
    fonts.register()
    comparison = compare(old, new)
    units = len(comparison.changes) + len(comparison.figures) + 20
    tracker = Tracker(progress, units + 20)
    ctx = Ctx(report=new, lang=lang, styles=Styles(lang), tracker=tracker,
              numbers_locale=_numbers_locale(lang))
    story = comparison_story(ctx, old, comparison, new_page=False)
    tracker.advance(units)
    return _build(ctx, story, 20, title=annex_title(ctx))


def write_pdf(report: Report, path: str | Path, lang: str = "en",
              findings: list[Finding] | None = None,
              progress: ProgressCallback | None = None,
              compared_with: Report | None = None) -> None:
    """Write the PDF of `report` to `path` atomically: built in memory, then put in place, so a
    failure (or an exception raised by `progress` to cancel) never leaves half a file. With
    `compared_with`, an annex says what changed since that report."""
    data = render_pdf(report, lang=lang, findings=findings, progress=progress,
                      compared_with=compared_with)
    write_atomic(Path(path), data)
