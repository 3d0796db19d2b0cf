"""The sentences of storage/, exchange/ and the history are templates with parameters, written
in the reader's language where they are shown (issue 12, item 1): a place in a workbook, the
Word import's guards, the database's failures, the summaries of revisions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ccm_desktop.cli import run
from ccm_desktop.domain.messages import Message, Words, from_data, message, nmessage, to_data
from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.exchange.word import recognise_file
from ccm_desktop.exchange.xlsx.grid import where
from ccm_desktop.schema.i18n import N_, language
from ccm_desktop.storage.errors import DiskFull, NotADatabase, describe_sqlite_error
from ccm_desktop.storage.repository import open_repository
from tests.test_word_hostile import billion_laughs, five_hundred_pages

# A place in a workbook -------------------------------------------------------------------


def test_a_place_in_a_workbook_reads_in_the_readers_language() -> None:
    place = where("F", 12, 3)
    assert place.text() == "sheet F, row 12, column C"
    assert place.text(language("fr")) == "feuille F, ligne 12, colonne C"
    assert place.text(language("ru")) == "лист F, строка 12, столбец C"
    assert place.text(language("ar")) == "الورقة F، الصف 12، العمود C"
    assert where("Cover").text(language("es")) == "hoja Cover"
    assert where("B", 12000).text() == "sheet B, row 12000"  # a row number is not grouped


# The Word import's guards ----------------------------------------------------------------


def test_a_word_document_with_a_dtd_is_refused_in_the_readers_language(tmp_path: Path) -> None:
    path = tmp_path / "entités.docx"
    path.write_bytes(billion_laughs())
    with pytest.raises(UnreadableFile) as caught:
        recognise_file(path)
    error = caught.value
    assert error.message.template.startswith("part {part} declares XML entities")
    assert dict(error.message.params) == {"part": "word/document.xml"}
    assert "declares XML entities" in str(error)
    french = error.text("fr")
    assert french.startswith("entités.docx") and "entités XML" in french
    assert "word/document.xml" in french and "declares" not in french


def test_a_document_too_long_says_so_with_the_languages_numbers(tmp_path: Path) -> None:
    path = tmp_path / "long.docx"
    path.write_bytes(five_hundred_pages())
    with pytest.raises(UnreadableFile) as caught:
        recognise_file(path)
    error = caught.value
    assert error.message.template.startswith("the document has more than {n} pages")
    assert "более 300 стр." in error.text("ru")
    assert "超过300页" in error.text("zh")


def test_the_command_line_writes_a_word_guard_in_the_locales_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bombe.docx"
    path.write_bytes(billion_laughs())
    monkeypatch.setenv("LC_ALL", "es_ES.UTF-8")
    assert run(["convert", str(path), "--to", str(tmp_path / "out.ccm.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ccm-desktop: bombe.docx: la parte word/document.xml declara entidades")


# The database's failures -----------------------------------------------------------------


def test_a_storage_failure_keeps_its_template_and_reads_in_the_readers_language(
        tmp_path: Path) -> None:
    folder = tmp_path / "a folder.sqlite3"
    folder.mkdir()
    with pytest.raises(NotADatabase) as caught:
        open_repository(str(folder))
    error = caught.value
    assert error.said.template == "{path} is a folder or a device, not a ccm-desktop database"
    assert str(error) == f"{folder} is a folder or a device, not a ccm-desktop database"
    assert error.text_in(language("fr")) == (
        f"{folder} est un dossier ou un périphérique, pas une base de données ccm-desktop")
    assert error.text_in(language("zh")) == f"{folder}是文件夹或设备，不是 ccm-desktop 数据库"


def test_a_full_disk_names_what_could_not_be_done_in_the_readers_language() -> None:
    full = describe_sqlite_error("/data/ccm.sqlite3", sqlite3.OperationalError(
        "database or disk is full"), "save to")
    assert isinstance(full, DiskFull)
    assert str(full).startswith("Could not save to /data/ccm.sqlite3: the disk is full")
    assert full.text_in(language("es")).startswith(
        "No se pudo guardar en /data/ccm.sqlite3: el disco está lleno")
    assert full.text_in(language("ru")).startswith(
        "Не удалось сохранить в /data/ccm.sqlite3: диск заполнен")


def test_the_command_line_says_a_storage_failure_in_the_locales_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "dossier"
    folder.mkdir()
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert run(["--db", str(folder), "list"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"ccm-desktop: {folder} est un dossier ou un périphérique, pas une base de "
                   "données ccm-desktop")


# The summaries of revisions --------------------------------------------------------------


def test_a_summary_is_kept_as_a_template_and_read_back_in_any_language(tmp_path: Path) -> None:
    from ccm_desktop.exchange.json_io import read_report_file
    from tests.conftest import RESOURCE_SAMPLES

    db = tmp_path / "reports.sqlite3"
    report = read_report_file(RESOURCE_SAMPLES / "hrv-2016-annual.ccm.json")
    with open_repository(str(db)) as repo:
        report_id = repo.add(report)
        loaded = repo.load(report_id)
        table = loaded.form("F").tables["clearance"]
        table.extend([dict(table[0]), dict(table[0])])
        revision = repo.save(report_id, loaded)
        assert revision is not None
        assert revision.summary == "Form F: 2 rows added"  # in English, as before
        history = repo.history(report_id)
    assert [r.summary for r in history] == ["Created", "Form F: 2 rows added"]
    assert [r.text(language("ru")) for r in history] == ["Создан", "Форма F: добавлены 2 строки"]
    assert history[1].text(language("fr")) == "Formulaire F\u00a0: 2 lignes ajoutées"
    assert history[1].text(language("ar")) == "الاستمارة F: أُضيف صفان"
    with sqlite3.connect(db) as con:
        stored = [row[0] for row in con.execute("SELECT summary FROM revision ORDER BY number")]
    assert all(text.startswith('{"t":') for text in stored)  # language-free: no English words
    assert "Form F" not in stored[1] and '"Form {letter}"' in stored[1]


def test_an_old_summary_stored_as_english_text_shows_as_it_is(tmp_path: Path) -> None:
    db = tmp_path / "reports.sqlite3"
    with open_repository(str(db)) as repo:
        report_id = repo.add(Report(), summary="Imported from old.xlsx")
        repo.add(Report(), summary="{not ours}")
    with sqlite3.connect(db) as con:
        con.execute("UPDATE revision SET summary = ? WHERE report_id = ?",
                    ("Form F: 1 row changed", report_id))
    with open_repository(str(db)) as repo:
        (old,) = repo.history(report_id)
        (braces,) = repo.history(report_id + 1)
    assert old.text(language("fr")) == "Form F: 1 row changed" == old.summary
    assert braces.text(language("zh")) == "{not ours}"


def test_the_history_command_prints_summaries_in_the_locales_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "reports.sqlite3"
    with open_repository(str(db)) as repo:
        report_id = repo.add(Report(), summary=message(N_("Imported from {file}"),
                                                       file="rapport.xlsx"))
    monkeypatch.setenv("LC_ALL", "es_ES.UTF-8")
    assert run(["--db", str(db), "history", str(report_id)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("\tImportado de rapport.xlsx")


def test_summaries_survive_the_round_trip_through_json() -> None:
    said = Words((message(N_("{part}: {changes}"), part=message(N_("Form {letter}"), letter="B"),
                          changes=Words((nmessage("{n} row added", "{n} rows added", 5),))),
                  message(N_("Language set to {language}"), language="fr")), clauses=True)
    again = from_data(to_data(said))
    assert again == said
    assert said.text() == "Form B: 5 rows added; Language set to fr"
    assert said.text(language("zh")) == "表B：添加5行；语言设为fr"
    assert from_data({"t": 3}) is None and from_data(["Created"]) is None
    assert isinstance(from_data({"t": "Created"}), Message)
