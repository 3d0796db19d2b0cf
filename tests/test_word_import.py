"""Importing last year's report as the State sent it: the filled Word template (.docx, .doc),
and the published PDF, best effort (issue 17). The documents are made by
tests/data/make_documents.py with python-docx and LibreOffice."""

from __future__ import annotations

import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ccm_desktop.cli import run
from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.exchange.json_io import read_report_file
from ccm_desktop.exchange.word import read_document, recognise_file
from ccm_desktop.exchange.word.recognise import form_of_heading, status_word
from ccm_desktop.schema.i18n import translate
from ccm_desktop.schema.validate import validate

DATA = Path(__file__).resolve().parent / "data"
EN, FR = DATA / "report-en.docx", DATA / "report-fr.docx"
needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                       reason="LibreOffice Writer is not installed")

EN_CLEARANCE = [
    {"area_id": "WS-01", "location": "Wittstock", "cleared_m2": Decimal("120000"),
     "submunitions_destroyed": 140, "operator": "Bundeswehr"},
    {"area_id": "WS-02", "location": "Wittstock", "cleared_m2": Decimal("35000"),
     "submunitions_destroyed": 27, "operator": "Bundeswehr"},
    # the second half of the table, after a page break, without its header
    {"area_id": "WS-03", "location": "Wittstock", "cleared_m2": Decimal("250000"),
     "submunitions_destroyed": 1003, "operator": "Contractor"},
]


def check_english(report: Report, *, from_pdf: bool = False) -> None:
    cover = report.cover.fields
    assert cover["state"] == "DEU"
    assert cover["report_kind"] == "annual"
    assert (cover["period_from"], cover["period_to"]) == (date(2015, 1, 1), date(2015, 12, 31))
    assert cover["submission_date"] == date(2016, 4, 28)
    assert cover["entry_into_force"] == date(2010, 8, 1)  # from the list of States Parties
    contact = report.cover.tables["contacts"][0]
    assert contact["institution"] == "Federal Foreign Office"
    assert contact["person"] == "Anna Schmidt"
    assert contact["phone"] == "+49 30 1817 0"
    # (in the PDF, "Werdersch" / "er" and "ccm@exa" / "mple.org" break at the cell's edge)
    assert contact["email"] == "ccm@example.org"
    assert contact["address"] == "Werderscher Markt 1, Berlin"
    forms = report.forms
    # ☒, "X", ☑ and ■ ticks; a legacy check-box field (C) and a content control (E)
    assert forms["A"].status is FormStatus.CHANGED
    assert forms["B"].status is FormStatus.CHANGED
    if not from_pdf:  # a Word form field is not text in a PDF
        assert (forms["C"].status, forms["C"].last_reported_year) == (FormStatus.UNCHANGED, 2013)
    assert (forms["D"].status, forms["D"].statement) == (
        FormStatus.NOT_APPLICABLE, "Germany has retained and transferred none")
    assert (forms["E"].status, forms["E"].statement) == (
        FormStatus.NOT_APPLICABLE, "never produced cluster munitions")
    assert forms["F"].status is FormStatus.CHANGED
    assert forms["G"].status is FormStatus.NOT_APPLICABLE
    assert (forms["H"].status, forms["H"].last_reported_year) == (FormStatus.UNCHANGED, 2014)
    assert (forms["I"].status, forms["I"].last_reported_year) == (FormStatus.UNCHANGED, 2014)
    assert forms["J"].status is FormStatus.CHANGED
    assert forms["A"].tables["measures"] == [{
        "measure": "Act on the Convention on Cluster Munitions", "kind": "legislation",
        "reference": "BGBl. 2009 II S. 502", "effective_date": date(2010, 8, 1)}]
    # merged header cells: "Quantity" over "Cluster munitions | Explosive submunitions";
    # the blank row between the two munitions is skipped
    assert forms["B"].tables["stockpile"] == [
        {"type": "M26 rocket", "munitions": 1200, "submunitions": 774000,
         "lot_numbers": "L-1 to L-40"},
        {"type": "DM 642 projectile", "munitions": 350, "submunitions": 22050}]
    # free text under a label, and under a form heading, goes to the form's notes
    assert forms["B"].fields["destruction_status"] == (
        "The remaining stockpile was destroyed at the site in Karlsruhe.")
    assert forms["F"].fields["clearance_status"] == (
        "Clearance of the former training area continued during 2015.")
    assert forms["J"].fields["other_matters"] == (
        "Germany promotes the universalisation of the Convention.")
    assert forms["F"].tables["clearance"] == EN_CLEARANCE


def test_the_english_template_imports_field_by_field() -> None:
    report, findings = read_document(EN)
    check_english(report)
    assert report.language == "en"
    # "abc" in the second half of the split table: left out, with its place
    sentences = [f.sentence(EN.name) for f in findings]
    assert "report-en.docx at table 6, row 2, column 3: \"abc\" is not a number" in sentences


def test_the_french_template_reads_decimal_commas_and_day_first_dates() -> None:
    report, findings = read_document(FR)
    assert findings == []
    check_french(report)


@needs_libreoffice
def test_an_odt_is_converted_by_libreoffice_and_imports_the_same() -> None:
    report, findings = read_document(DATA / "report-fr.odt")
    assert findings == []
    check_french(report)


def check_french(report: Report) -> None:
    assert report.language == "fr"
    cover = report.cover.fields
    assert cover["state"] == "FRA"
    assert (cover["period_from"], cover["period_to"]) == (date(2015, 1, 1), date(2015, 12, 31))
    assert cover["submission_date"] == date(2016, 4, 29)
    assert report.cover.tables["contacts"] == [{
        "institution": "Ministère de l’Europe et des affaires étrangères",
        "person": "Jean Dupont", "phone": "+33 1 43 17 53 53", "email": "asm@example.org"}]
    forms = report.forms
    assert [forms[x].status for x in "ABF"] == [FormStatus.CHANGED] * 3
    assert all((forms[x].status, forms[x].last_reported_year) == (FormStatus.UNCHANGED, 2014)
               for x in "CDGHIJ")
    assert forms["E"].statement == "la France n’a jamais produit d’armes à sous-munitions"
    assert forms["A"].tables["measures"][0]["effective_date"] == date(2010, 7, 21)
    assert forms["A"].tables["measures"][0]["kind"] == "legislation"
    assert forms["B"].tables["stockpile"] == [{
        "type": "Obus OGR", "munitions": 13094, "submunitions": 818351,
        "lot_numbers": "lots 1 à 12"}]
    assert forms["B"].tables["discovered"] == [{
        "type": "Roquette M26", "munitions": 12, "date_discovered": date(2015, 3, 15),
        "destruction_plan": "Destruction en 2016"}]
    assert forms["F"].tables["clearance"] == [
        # "1.234,5" ha; "3,2 km²" in a column of m²
        {"area_id": "Z-12", "location": "Champagne", "cleared_m2": Decimal("12345000"),
         "reduced_m2": Decimal("3200000"), "submunitions_destroyed": 1020},
        # "12 ha" in a column of ha; "2 500,75" m²
        {"area_id": "Z-13", "location": "Lorraine", "cleared_m2": Decimal("120000"),
         "reduced_m2": Decimal("2500.75"), "submunitions_destroyed": 7}]
    assert forms["F"].fields["clearance_status"] == (
        "Les opérations de dépollution se sont poursuivies en 2015.")


@needs_libreoffice
def test_an_old_doc_is_converted_by_libreoffice_and_imports_the_same() -> None:
    report, _findings = read_document(DATA / "report-en.doc")
    check_english(report)


def test_the_published_pdf_imports_best_effort() -> None:
    report, findings = read_document(DATA / "report-en.pdf")
    check_english(report, from_pdf=True)
    assert any("page 3, table 6, row 2, column 3" in f.place() for f in findings)
    assert any("page 3, tableau 6, ligne 2, colonne 3" in f.place("fr") for f in findings)


@pytest.mark.parametrize(("text", "expected"), [
    ("Form F: Contaminated areas and clearance", ("F", "en")),
    ("Formulaire B : Stocks et destruction", ("B", "fr")),
    ("Formulario H. Asistencia a las víctimas", ("H", "es")),
    ("Форма А", ("A", "ru")),  # a Cyrillic А
    ("الاستمارة واو", ("F", "ar")),
    ("表C", ("C", "zh")),
    ("Victim assistance", ("H", "en")),
    ("The form is attached", None),
    ("Formation of the working group", None),
])
def test_form_headings_are_recognised_in_the_six_languages(text: str, expected: object) -> None:
    assert form_of_heading(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("unchanged (last reporting: yyyy)", FormStatus.UNCHANGED),
    ("changed", FormStatus.CHANGED),
    ("inchangé (dernier rapport : aaaa)", FormStatus.UNCHANGED),
    ("modifié", FormStatus.CHANGED),
    ("Sin cambios", FormStatus.UNCHANGED),
    ("no se aplica", FormStatus.NOT_APPLICABLE),
    ("без изменений", FormStatus.UNCHANGED),
    ("لا ينطبق", FormStatus.NOT_APPLICABLE),
    ("不适用", FormStatus.NOT_APPLICABLE),
    ("Form", None),
])
def test_status_words_in_the_six_languages(text: str, expected: FormStatus | None) -> None:
    assert status_word(text) == expected


def test_recognition_keeps_each_table_with_its_mapping_and_place() -> None:
    recognition = recognise_file(EN)
    found = [(t.where.text(), t.mapping.form, t.mapping.table, t.continues)
             for t in recognition.tables]
    assert found == [("table 2", "cover", "contacts", None), ("table 3", "A", "measures", None),
                     ("table 4", "B", "stockpile", None), ("table 5", "F", "clearance", None),
                     ("table 6", "F", "clearance", 5)]
    # the header row combined from the merged cell and the sub-headers below it
    stockpile = recognition.tables[2].mapping.columns
    assert stockpile["Quantity Cluster munitions"].column == "munitions"
    assert stockpile["Quantity Explosive submunitions"].column == "submunitions"
    assert recognition.tables[3].mapping.columns["Cleared (ha)"].unit == "ha"
    # what went nowhere is listed with its place
    assert [(u.place(), u.text) for u in recognition.unplaced] == [
        ("paragraph 5", "\"Status of each form:\"")]
    assert [u.sentence("report-en.docx", "es") for u in recognition.unplaced] == [
        "report-en.docx, párrafo 5: \"Status of each form:\" " + translate(
            "was not recognised as part of the cover page", "es")]


# The command line ---------------------------------------------------------------------------


def test_import_dry_run_describes_and_stores_nothing(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "reports.sqlite3"
    assert run(["--db", str(db), "import", str(EN), "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert "Form F: changed; clearance_status: 60 characters; clearance: 3 rows" in out
    assert "Form C: unchanged (last reported 2013)" in out
    assert "report-en.docx at table 6, row 2, column 3: \"abc\" is not a number (left out)" in err
    assert run(["--db", str(db), "list"]) == 0
    assert "DEU" not in capsys.readouterr().out


def test_import_stores_the_report_and_convert_writes_the_json(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "reports.sqlite3"
    assert run(["--db", str(db), "import", str(EN)]) == 0
    out, err = capsys.readouterr()
    report_id = int(out.strip())
    assert "table 6, row 2, column 3" in err
    exported = tmp_path / "stored.ccm.json"
    assert run(["--db", str(db), "export", str(report_id), "--to", str(exported)]) == 0
    check_english(read_report_file(exported))
    converted = tmp_path / "report.ccm.json"
    assert run(["convert", str(FR), "--to", str(converted)]) == 0
    assert json.loads(converted.read_text("utf-8"))["cover"]["fields"]["state"] == "FRA"
    assert read_report_file(converted).normalised() == read_document(FR)[0].normalised()


def test_next_year_from_an_imported_report_passes_validation(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "reports.sqlite3"
    assert run(["--db", str(db), "import", str(FR)]) == 0
    source = int(capsys.readouterr().out.strip())
    assert run(["--db", str(db), "next-year", str(source)]) == 0
    draft_id = int(capsys.readouterr().out.strip().split()[-1])
    exported = tmp_path / "next.ccm.json"
    assert run(["--db", str(db), "export", str(draft_id), "--to", str(exported)]) == 0
    draft = read_report_file(exported)
    assert draft.cover.fields["period_to"] == date(2016, 12, 31)
    draft.cover.fields["submission_date"] = date(2017, 4, 28)
    errors = [f for f in validate(draft) if f.is_error]
    assert errors == []


# The other languages: a cover page, a status table and a clearance table as people write them

OTHER_LANGUAGES = {
    "es": (["Estado parte: Alemania", "Período: del 01/01/2015 al 31/12/2015"],
           ["Formulario", "Con cambios", "Sin cambios (último informe: aaaa)", "No se aplica"],
           "Formulario F: Zonas contaminadas y limpieza",
           ["Ref. área", "Provincia", "Superficie despejada (ha)", "Submuniciones destruidas"],
           ["Z-1", "Norte", "1.234,5", "1.020"]),
    "ru": (["Государство-участник: Германия", "Отчетный период: с 01.01.2015 по 31.12.2015"],
           ["Форма", "Изменения", "Без изменений (последний доклад: гггг)", "Неприменимо"],
           "Форма F: Загрязнённые районы и расчистка",
           ["Обозначение района", "Местонахождение", "Расчищено (га)",
            "Уничтожено суббоеприпасов"],
           ["Z-1", "Север", "1 234,5", "1 020"]),
    "ar": (["الدولة الطرف: ألمانيا", "الفترة المشمولة: من 01/01/2015 إلى 31/12/2015"],
           ["الاستمارة", "تغيير", "دون تغيير (آخر تقرير: سنة)", "لا ينطبق"],
           "الاستمارة واو: المناطق الملوثة والإزالة",
           ["مرجع المنطقة", "الموقع", "المساحة المطهرة (هكتار)", "الذخائر الصغيرة المدمرة"],
           ["Z-1", "الشمال", "١٢٣٤٫٥", "١٠٢٠"]),
    "zh": (["缔约国：德国", "报告期：2015-01-01至2015-12-31"],
           ["表", "有变化", "无变化（上次报告：年份）", "不适用"],
           "表F：受污染区域和清除",
           ["区域编号", "地点", "已清除（公顷）", "销毁的子弹药"],
           ["Z-1", "北部", "1,234.5", "1,020"]),
}


@pytest.mark.parametrize("lang", sorted(OTHER_LANGUAGES))
def test_the_template_in_the_other_languages(lang: str, tmp_path: Path) -> None:
    from docx import Document

    cover, status_header, heading, header, row = OTHER_LANGUAGES[lang]
    document = Document()
    for line in cover:
        document.add_paragraph(line)
    forms = document.add_table(rows=4, cols=4)
    word = status_header[0]
    for col, text in enumerate(status_header):
        forms.cell(0, col).text = text
    for number, (letter, tick) in enumerate([("A", 1), ("B", 3), ("F", 1)], start=1):
        shown = {"ar": {"A": "ألف", "B": "باء", "F": "واو"}}.get(lang, {}).get(letter, letter)
        forms.cell(number, 0).text = f"{word} {shown}" if lang != "zh" else f"{word}{shown}"
        for col in (1, 2, 3):
            forms.cell(number, col).text = "☒" if col == tick else "☐"
    document.add_paragraph(heading)
    table = document.add_table(rows=2, cols=4)
    for col, text in enumerate(header):
        table.cell(0, col).text = text
    for col, text in enumerate(row):
        table.cell(1, col).text = text
    path = tmp_path / f"report-{lang}.docx"
    document.save(str(path))
    report, findings = read_document(path)
    assert findings == []
    assert report.language == lang
    assert report.cover.fields["state"] == "DEU"
    assert report.cover.fields["period_to"] == date(2015, 12, 31)
    assert [report.form(x).status for x in "ABF"] == [
        FormStatus.CHANGED, FormStatus.NOT_APPLICABLE, FormStatus.CHANGED]
    assert report.form("F").tables["clearance"] == [{
        "area_id": "Z-1", "location": row[1], "cleared_m2": Decimal("12345000"),
        "submunitions_destroyed": 1020}]


def test_statuses_ticked_in_lines_under_the_form_headings() -> None:
    """Some States tick the status in a line under each form's heading, not in a table."""
    from ccm_desktop.exchange.word.blocks import Paragraph
    from ccm_desktop.exchange.word.recognise import recognise

    lines = ["State Party: Norway", "Reporting period: 2015",
             "Form A: ☒ changed ☐ unchanged ☐ non applicable",
             "Form C", "☐ changed ☒ unchanged (last reporting: 2013) ☐ non applicable",
             "Form E", "[ ] changed [ ] unchanged [X] non applicable: never produced any"]
    blocks = [Paragraph(text, f"paragraph {n}") for n, text in enumerate(lines, start=1)]
    report = recognise(blocks, "lines.docx").report()
    assert report.cover.fields["state"] == "NOR"
    assert (report.cover.fields["period_from"], report.cover.fields["period_to"]) == (
        date(2015, 1, 1), date(2015, 12, 31))
    assert report.form("A").status is FormStatus.CHANGED
    assert (report.form("C").status, report.form("C").last_reported_year) == (
        FormStatus.UNCHANGED, 2013)
    assert (report.form("E").status, report.form("E").statement) == (
        FormStatus.NOT_APPLICABLE, "never produced any")


def test_import_dry_run_speaks_the_language_of_the_environment(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The dry run's description is a person's reading, so it is in their language."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert run(["--db", str(tmp_path / "reports.sqlite3"), "import", str(EN), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Formulaire F : modifié ; clearance_status : 60 caractères ; clearance : 3 lignes" in out
    assert "Formulaire C : inchangé (dernier rapport : 2013)" in out
    assert "Rapport annuel" in out.splitlines()[0]
    assert "language" not in out and "rows" not in out
