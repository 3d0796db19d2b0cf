"""Facts about fields are asked of the schema, never restated: the deadline a rule checks is
what the field derives, and a form's heading is written the same way on every face."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ccm_desktop.domain.deadlines import add_years
from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.exchange.json_schema import report_json_schema
from ccm_desktop.exchange.pdf.context import Ctx
from ccm_desktop.exchange.pdf.forms import heading
from ccm_desktop.schema.forms import b, f
from ccm_desktop.schema.i18n import UN_LANGUAGES, language
from ccm_desktop.schema.model import Derive, Field, Part
from ccm_desktop.schema.registry import FORMS, part_heading
from ccm_desktop.schema.validate import validate
from ccm_desktop.ui.pages import build_pages


def _with_derive(part: Part, field_id: str, derive: Derive) -> Part:
    items = tuple(replace(i, derive=derive) if isinstance(i, Field) and i.id == field_id else i
                  for i in part.items)
    return replace(part, items=items)


def _report(eif: date, period_year: int) -> Report:
    report = Report()
    report.cover.fields.update(state="LBN", report_kind="annual", entry_into_force=eif,
                               period_from=date(period_year, 1, 1),
                               period_to=date(period_year, 12, 31))
    form_b, form_f = report.form("B"), report.form("F")
    form_b.status = form_f.status = FormStatus.CHANGED
    form_b.tables["stockpile"] = [{"type": "M26", "munitions": 5}]
    form_f.tables["contaminated_areas"] = [{"area_id": "CA-1", "size_m2": 100}]
    return report


@pytest.mark.parametrize(("module", "field_id", "path"), [
    (b, "article3_deadline", "forms.B.tables.stockpile"),
    (f, "article4_deadline", "forms.F.tables.contaminated_areas"),
])
def test_the_deadline_rules_check_the_deadline_the_field_derives(
        monkeypatch: pytest.MonkeyPatch, module: object, field_id: str, path: str) -> None:
    """Three years after entry into force, no Art. 3 or Art. 4 deadline has passed; a field
    that derived its deadline two years after entry into force would make it past, and the
    rule follows the field (no deadline function of its own)."""
    report = _report(date(2011, 5, 1), 2014)
    assert [x for x in validate(report) if x.path == path] == []
    two_years = Derive(lambda eif: add_years(eif, 2), "two years after entry into force")
    monkeypatch.setattr(module, "PART", _with_derive(module.PART, field_id, two_years))  # type: ignore[attr-defined]
    past = [x for x in validate(report) if x.path == path]
    assert len(past) == 1 and "2013" in past[0].text()


@pytest.mark.parametrize("lang", UN_LANGUAGES)
def test_a_forms_heading_is_the_same_on_the_page_in_the_pdf_and_in_the_json_schema(
        lang: str) -> None:
    pages = {page.key: page for page in build_pages()}
    schema = report_json_schema()["$defs"]
    for form in FORMS:
        words = part_heading(form.id).text(language(lang))
        assert form.id in words
        assert pages[form.id].heading(lang) == words
        ctx = Ctx(report=Report(), lang=lang, styles=None, tracker=None)  # type: ignore[arg-type]
        assert heading(ctx, form) == words
        if lang == "en":
            assert schema[f"part_{form.id}"]["title"] == words
