"""The marks beside a field's label ("(required)", "(voluntary)") and a derived date's hint are
in the page's language, each written as a whole phrase of the catalogue."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import Report
from ccm_desktop.schema.i18n import translate
from ccm_desktop.schema.registry import part
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.editors import DateEditor
from ccm_desktop.ui.form_page import FormPage, marked_label
from ccm_desktop.ui.pages import PAGES
from ccm_desktop.ui.table import TableEditor

ENGLISH_MARKS = ("(required)", "(voluntary)", "if left empty")


def _page(qtbot: QtBot, key: str, lang: str, report: Report | None = None) -> FormPage:
    document = ReportDocument(report or Report())
    document.locale = lang  # the window's language, as View > Language sets it
    page = FormPage(document, next(p for p in PAGES if p.key == key), lang)
    qtbot.addWidget(page)
    return page


def _plain(label: QLabel) -> str:
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toRawText()


def _field_labels(page: FormPage) -> dict[str, str]:
    """Each field's label as the reader sees it, by field id."""
    labels: dict[str, str] = {}
    for label in page.content.findChildren(QLabel):
        buddy = label.buddy()
        for field_id, row in page.rows.items():
            if buddy is row.editor:
                labels[field_id] = _plain(label)
    return labels


@pytest.mark.parametrize(("lang", "required", "voluntary"), [
    ("ar", "(مطلوب)", "(طوعي)"),
    ("fr", "(obligatoire)", "(facultatif)"),
])
def test_the_cover_marks_required_and_voluntary_fields_in_the_language(
        qtbot: QtBot, lang: str, required: str, voluntary: str) -> None:
    page = _page(qtbot, "cover", lang)
    labels = _field_labels(page)
    cover = part("cover")
    assert set(labels) == set(page.rows)
    for field_id, text in labels.items():
        field = cover.field(field_id)
        name = translate(field.label, lang)
        assert name and name != field.label  # the label itself is translated
        if field.required:
            assert text == f"{name} {required}"
        elif field.voluntary:
            assert text == f"{name} {voluntary}"
        else:
            assert text == name
        assert not any(mark in text for mark in ENGLISH_MARKS), text
    assert any(cover.field(f).required for f in labels)
    assert any(cover.field(f).voluntary for f in labels)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_derived_dates_hint_is_in_the_language(
        qtbot: QtBot, lang: str) -> None:
    report = Report()
    report.cover.fields["entry_into_force"] = date(2011, 3, 1)
    page = _page(qtbot, "B", lang, report)
    hints = [row.editor.line.placeholderText() for row in page.rows.values()
             if isinstance(row.editor, DateEditor) and row.field.derive is not None]
    assert hints
    for hint in hints:
        assert hint.startswith("2019-03-01") and not any(m in hint for m in ENGLISH_MARKS), hint
        reason = translate("eight years after entry into force", lang)
        assert reason != "eight years after entry into force" and reason in hint


def test_a_voluntary_table_is_titled_in_one_phrase(qtbot: QtBot) -> None:
    table = next(t for p in PAGES if p.is_form for t in p.part.tables if t.voluntary)
    owner = next(p for p in PAGES if p.is_form and table in p.part.tables)
    for lang, mark in (("fr", "(facultatif)"), ("ar", "(طوعي)")):
        page = _page(qtbot, owner.key, lang)
        editor = page.tables[table.id]
        assert isinstance(editor, TableEditor)
        titles = [label.text() for label in editor.findChildren(QLabel)
                  if label.text() == f"{translate(table.label, lang)} {mark}"]
        assert titles, lang


def test_the_mark_is_quieter_and_the_label_is_kept_as_typed() -> None:
    text = marked_label("Area <m²> & more", "{label} (obligatoire)")
    assert text.startswith("Area &lt;m²&gt; &amp; more")
    assert "<span style='color:" in text and "(obligatoire)</span>" in text
    # a phrase that puts the mark first keeps its order
    assert marked_label("Lieu", "(x) {label}").endswith("(x) </span>Lieu")
