"""An edit of the cover page in the window reruns the cover's checks and only the forms that read
the edited field; every other form keeps the findings it had (not recomputed), and the whole
list is still that of a full check."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from ccm_desktop.schema.registry import FORMS
from ccm_desktop.schema.validate import validate
from ccm_desktop.ui.document import ReportDocument
from tests.test_validate_parts import dated_report


def _kept(doc: ReportDocument, before: dict[str, list[object]]) -> set[str]:
    """The parts whose findings are the very lists they were: not recomputed."""
    return {part_id for part_id, found in before.items() if doc.findings_of(part_id) is found}


def test_a_cover_field_nobody_else_reads_rechecks_only_the_cover(qtbot: QtBot) -> None:
    doc = ReportDocument(dated_report())
    forms = {form.id for form in FORMS}
    assert any(doc.findings_of(form) for form in forms)  # there is something to keep

    before = {p: doc.findings_of(p) for p in ("cover", *forms)}
    doc.set_value("cover", "prepared_by", "Mine Action Centre")
    assert _kept(doc, before) == forms
    assert doc.findings == validate(doc.report)

    before = {p: doc.findings_of(p) for p in ("cover", *forms)}
    doc.insert_rows("cover", "contacts", 0, [{"institution": "Ministry of Defence"}])
    assert _kept(doc, before) == forms
    assert doc.findings == validate(doc.report)

    # The period's start is read by the forms that check dates against the period.
    before = {p: doc.findings_of(p) for p in ("cover", *forms)}
    doc.set_value("cover", "period_from", date(2013, 1, 1))
    assert _kept(doc, before) == forms - {"B", "D", "H"}
    assert doc.findings == validate(doc.report)

    # The State is read by every form (its statuses, and whether last year's report compares).
    before = {p: doc.findings_of(p) for p in ("cover", *forms)}
    doc.set_value("cover", "state", "FRA")
    assert _kept(doc, before) == set()
    assert doc.findings == validate(doc.report)

    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.findings == validate(doc.report)
