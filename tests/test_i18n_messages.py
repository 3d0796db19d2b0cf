"""Findings and labels in the reader's language: templates formatted when shown, the command
line's --lang and locale, the PDF in French, plural forms and the English fallback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from ccm_desktop.domain.findings import error
from ccm_desktop.domain.messages import ENGLISH, Message, Words, message
from ccm_desktop.exchange.json_io import read_report_file
from ccm_desktop.schema.i18n import (
    N_,
    language,
    language_of_environment,
    ntranslate,
    read_catalogue,
    translate,
)
from ccm_desktop.schema.validate import validate
from tests.conftest import RESOURCE_SAMPLES

LEBANON = RESOURCE_SAMPLES / "lbn-2011-initial.ccm.json"


@pytest.fixture
def broken_report(tmp_path: Path) -> Path:
    """Lebanon's initial report with a period that ends before it begins and a contact with no
    institution: two findings of error rule 1."""
    data = json.loads(LEBANON.read_text(encoding="utf-8"))
    data["cover"]["fields"]["period_to"] = "2010-01-01"
    data["cover"]["tables"]["contacts"][0]["institution"] = None
    path = tmp_path / "broken.ccm.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "ccm_desktop.cli", *args], capture_output=True,
                          text=True, encoding="utf-8", env=environ, timeout=120, check=False)


ENGLISH_LINES = [
    "error\tcover.tables.contacts[0].institution\tCover page, Contacts, row 1, Institution: this "
    "is required.",
    "error\tcover.fields.period_to\tCover page: the reporting period ends (2010-01-01) before it "
    "begins (2011-05-01). Check both dates.",
]
FRENCH_LINES = [
    "error\tcover.tables.contacts[0].institution\tPage de couverture, Points de contact, ligne 1, "
    "Institution\u00a0: cette information est obligatoire.",
    "error\tcover.fields.period_to\tPage de couverture\u00a0: la période couverte se termine "
    "(1 janv. 2010) avant de commencer (1 mai 2011). Vérifiez les deux dates.",
]


def test_validate_prints_findings_in_the_language_of_lang(broken_report: Path) -> None:
    english = _cli("validate", str(broken_report))
    french = _cli("validate", str(broken_report), "--lang", "fr")
    assert english.returncode == french.returncode == 1
    assert english.stdout.splitlines() == ENGLISH_LINES
    assert french.stdout.splitlines() == FRENCH_LINES


def test_validate_follows_the_locale_of_the_environment(broken_report: Path) -> None:
    french = _cli("validate", str(broken_report), env={"LANG": "fr_FR.UTF-8"})
    assert french.stdout.splitlines() == FRENCH_LINES
    # LC_ALL wins over LANG, as in gettext; --lang wins over both.
    english = _cli("validate", str(broken_report), env={"LANG": "fr_FR.UTF-8", "LC_ALL": "C"})
    assert english.stdout.splitlines() == ENGLISH_LINES
    chosen = _cli("validate", str(broken_report), "--lang", "en", env={"LANG": "fr_FR.UTF-8"})
    assert chosen.stdout.splitlines() == ENGLISH_LINES


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "fr_CH.UTF-8"}, "fr"), ({"LANG": "zh_TW.UTF-8"}, "zh"), ({"LANG": "ar_LB"}, "ar"),
    ({"LANG": "es_419.UTF-8"}, "es"), ({"LANG": "ru_RU.KOI8-R"}, "ru"), ({"LANG": "de_DE"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"), ({}, "en"), ({"LANG": "fr_FR", "LC_MESSAGES": "es_ES"}, "es"),
    ({"LC_ALL": "", "LANG": "ru_RU"}, "ru"), ({"LANG": "sr_RS@latin"}, "en"),
])
def test_the_language_of_the_environment(environ: dict[str, str], expected: str) -> None:
    assert language_of_environment(environ) == expected


def test_paths_stay_language_free_and_only_the_sentence_changes(broken_report: Path) -> None:
    findings = validate(read_report_file(broken_report))
    assert [f.line() for f in findings] == ENGLISH_LINES
    assert [f.line(language("fr")) for f in findings] == FRENCH_LINES
    assert [f.message for f in findings] == [f.text(ENGLISH) for f in findings]


def test_numbers_and_dates_are_written_the_readers_way() -> None:
    finding = error("forms.H.tables.casualties[0].total",
                    N_("{count} on {day}, {area} m², {where}"), count=1234567,
                    day=date(2026, 4, 30), area=Decimal("2500.50"),
                    where=Words((message(N_("Form {letter}"), letter="H"), message(N_("row {n}"), n=3))))
    assert finding.message == "1,234,567 on 2026-04-30, 2,500.5 m², Form H, row 3"
    assert finding.text(language("fr")) == ("1\u202f234\u202f567 on 30 avr. 2026, 2\u202f500,5 m², "
                                            "Formulaire H, ligne 3")
    # the template itself is no catalogue entry (it stays English); its parts are translated
    assert finding.text(language("zh")) == "1,234,567 on 2026年4月30日, 2,500.5 m², 表H，第3行"
    assert "\u060c " in finding.text(language("ar"))  # the Arabic comma between the parts


def test_text_the_user_typed_is_never_translated() -> None:
    typed = message(N_("{place}: {value} {problem}."), place="Victim assistance",
                    value="\"Victim assistance\"", problem=message(N_("cannot be negative")))
    assert typed.text(language("fr")) == ("Victim assistance\u00a0: \"Victim assistance\" ne peut pas "
                                          "être négatif.")


def test_missing_translations_fall_back_to_english() -> None:
    assert translate("A sentence nobody translated", "fr") == "A sentence nobody translated"
    assert translate("Victim assistance", "fr") == "Assistance aux victimes"
    assert translate("Victim assistance", "xx") == "Victim assistance"
    assert language("xx") is ENGLISH
    assert message(N_("A row nobody translated {n}"), n=2).text(language("ru")) == \
        "A row nobody translated 2"


class _Garbled:
    """A language whose catalogue has a translation with a wrong placeholder."""

    code, list_separator = "fr", ", "

    def translate(self, text: str) -> str:
        return "ligne {row}" if text == "row {n}" else text

    def number(self, value: int | Decimal | float) -> str:
        return str(value)

    def date(self, value: date) -> str:
        return value.isoformat()


def test_a_translation_with_a_wrong_placeholder_shows_the_english() -> None:
    assert Message("row {n}", (("n", 4),)).text(_Garbled()) == "row 4"


PLURAL_PO = """\
msgid ""
msgstr ""
"Language: ru\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
"(n%100<10 || n%100>=20) ? 1 : 2);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "&Add {n} row"
msgid_plural "&Add {n} rows"
msgstr[0] "&Добавить {n} строку"
msgstr[1] "&Добавить {n} строки"
msgstr[2] "&Добавить {n} строк"

#, fuzzy
msgid "Trash"
msgstr "Корзина"
"""


def test_plural_forms_follow_the_catalogue(tmp_path: Path) -> None:
    po = tmp_path / "messages.po"
    po.write_text(PLURAL_PO, encoding="utf-8")
    catalogue = read_catalogue(po)
    forms = catalogue.plurals["&Add {n} row"]
    assert [forms[catalogue.plural_index(n)] for n in (1, 3, 5, 21, 111)] == [
        "&Добавить {n} строку", "&Добавить {n} строки", "&Добавить {n} строк",
        "&Добавить {n} строку", "&Добавить {n} строк"]
    assert "Trash" not in catalogue.texts  # fuzzy: to review, not shown
    assert ntranslate("&Add {n} row", "&Add {n} rows", 1, "en") == "&Add {n} row"
    assert ntranslate("&Add {n} row", "&Add {n} rows", 2, "ru") == "&Добавить {n} строки"
    assert ntranslate("{n} thing nobody translated", "{n} things nobody translated", 2, "ru") == \
        "{n} things nobody translated"


def test_convert_to_pdf_in_french_has_the_french_titles_and_labels(tmp_path: Path) -> None:
    target = tmp_path / "lebanon.pdf"
    result = _cli("convert", str(LEBANON), "--to", str(target), "--lang", "fr")
    assert result.returncode == 0, result.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    for words in ("Convention sur les armes à sous-munitions", "Mesures d’application nationales",
                  "Assistance aux victimes", "État partie", "Type de rapport", "Rapport initial",
                  "Date de présentation", "Points de contact"):
        assert words in text
    assert "Stockpiles and their destruction" not in text and "Reporting period from" not in text


def test_deadlines_in_french() -> None:
    from ccm_desktop.domain.report import Report
    from ccm_desktop.ui.deadline_text import all_deadlines

    report = Report()
    report.cover.fields.update(state="LBN", report_kind="annual", period_from=date(2024, 1, 1),
                               period_to=date(2024, 12, 31), entry_into_force=date(2011, 5, 1))
    due = all_deadlines(report, date(2025, 3, 3), "fr")[0]
    assert due.sentence() == ("Rapport annuel 2024 (art. 7.2)\u00a0: à présenter le 30 avril 2025 "
                              "(58 jours restants)")
    assert all_deadlines(report, date(2025, 4, 29), "fr")[0].when() == \
        "30 avril 2025 (1 jour restant)"
    assert all_deadlines(report, date(2025, 3, 3))[0].sentence() == \
        "Annual report 2024 (Art. 7.2): due 30 April 2025 (58 days left)"


def test_an_unknown_language_is_one_sentence(tmp_path: Path) -> None:
    result = _cli("convert", str(LEBANON), "--to", str(tmp_path / "x.pdf"), "--lang", "fra")
    assert result.returncode == 2
    assert "invalid choice: 'fra'" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_damaged_catalogue_shows_english_and_says_why(tmp_path: Path,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    binary = tmp_path / "binary.po"
    binary.write_bytes(b"msgid \"Trash\"\nmsgstr \"\xff\xfe\"\n")
    assert read_catalogue(binary).texts == {}
    assert "binary.po could not be read" in caplog.text
    edited = tmp_path / "edited.po"
    edited.write_text('msgid "row {n}"\nmsgstr "ligne {ligne}"\n\n'
                      'msgid "{place}: this is required."\nmsgstr "{place} : obligatoire {"\n\n'
                      'msgid "Trash"\nmsgstr "Corbeille"\n', encoding="utf-8")
    assert read_catalogue(edited).texts == {"Trash": "Corbeille"}
    assert "the translation of 'row {n}' has other placeholders" in caplog.text
