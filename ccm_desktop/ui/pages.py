"""The pages of the walk through a report, derived from the schema: the cover page, its contacts
on a page of their own, then Forms A-J. Also how complete a report is, for the navigator and the
start screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ccm_desktop.domain.findings import Finding
from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.schema.i18n import language, translate
from ccm_desktop.schema.model import Item, Part, Table, parse_path
from ccm_desktop.schema.registry import PARTS, part_heading, part_name


@dataclass(frozen=True)
class Page:
    key: str  # "cover", "contacts", "A" ... "J"
    part: Part
    items: tuple[Item, ...]
    title: str
    short: str  # the navigator's first word: "Cover", "Contacts", "A"

    @property
    def is_form(self) -> bool:
        return self.part.is_form

    def heading(self, lang: str = "en") -> str:
        if self.is_form:
            return part_heading(self.part.id).text(language(lang))
        return translate(self.title, lang)

    def owns(self, path: str) -> bool:
        """Whether a finding's path points into this page."""
        try:
            ref = parse_path(path)
        except ValueError:
            return False
        if ref.part_id != self.part.id:
            return False
        if not self.is_form:
            on_contacts = ref.table_id is not None
            return on_contacts == (self.key == "contacts")
        return True


def build_pages() -> tuple[Page, ...]:
    pages: list[Page] = []
    for part in PARTS:
        if part.is_form:
            pages.append(Page(part.id, part, part.items, part.title, part.id))
            continue
        fields = tuple(i for i in part.items if not isinstance(i, Table))
        tables = tuple(i for i in part.items if isinstance(i, Table))
        pages.append(Page("cover", part, fields, part_name("cover").template, "Cover"))
        pages.append(Page("contacts", part, tables, "Contacts", "Contacts"))
    return tuple(pages)


PAGES: tuple[Page, ...] = build_pages()


def page_of(path: str) -> Page | None:
    for page in PAGES:
        if page.owns(path):
            return page
    return None


def page_is_done(page: Page, report: Report, findings: list[Finding]) -> bool:
    """Done: no error on the page and, for a form, a status chosen and, for a form carried over
    into next year's draft, reviewed (confirmed or edited)."""
    if page.is_form and (report.form(page.part.id).status is None
                         or report.form(page.part.id).to_review):
        return False
    return not any(f.is_error and page.owns(f.path) for f in findings)


def findings_on(page: Page, of_part: list[Finding]) -> list[Finding]:
    """The findings of `page`, from those of its part (the cover's are split between the cover
    page and the contacts page)."""
    return of_part if page.is_form else [f for f in of_part if page.owns(f.path)]


def completeness(report: Report,
                 findings: list[Finding] | Callable[[str], list[Finding]]) -> int:
    """Per cent of pages done (0-100). `findings`: every finding of the report, or a function
    giving a part's findings (the window keeps them by part)."""
    if callable(findings):
        of_part = findings
        done = sum(page_is_done(p, report, findings_on(p, of_part(p.part.id))) for p in PAGES)
    else:
        done = sum(page_is_done(p, report, findings) for p in PAGES)
    return round(100 * done / len(PAGES))


def status_words(report: Report, page: Page, lang: str = "en") -> str:
    """The navigator's status line: "changed", "unchanged since 2022", "not applicable"."""
    if not page.is_form:
        return ""
    form = report.form(page.part.id)
    if form.status is FormStatus.CHANGED:
        return translate("changed", lang)
    if form.status is FormStatus.UNCHANGED:
        year = form.last_reported_year
        return (translate("unchanged since {year}", lang).format(year=year) if year
                else translate("unchanged", lang))
    if form.status is FormStatus.NOT_APPLICABLE:
        return translate("not applicable", lang)
    return translate("status not chosen", lang)
